//! What crosses the JavaScript boundary, one shape each and built in one
//! place: the options of an annotation, spans from and to the page,
//! documents, and errors (real JS `Error`s whose `name` is the kind).

use newsmark::{Annotation, Document, Edits, Label, LabelSet, NaiveDate, OffsetMap, Options, Source, Span, Value};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: the global `performance` of windows, workers
    /// and Node. Bound directly: looking the global scope's type up per
    /// call (`instanceof Window`) took about an eighth of the time of
    /// annotating short texts in Node, where there is no `Window`.
    #[wasm_bindgen(catch, js_namespace = performance, js_name = now)]
    fn performance_now() -> Result<f64, JsValue>;
}

/// Milliseconds since the page or worker started, or 0 where there is no
/// `performance` clock.
pub fn now_ms() -> f64 {
    performance_now().unwrap_or(0.0)
}

/// A JS `Error` carrying `message`, with `name` set to the error's kind.
pub fn js_error(kind: &str, message: impl AsRef<str>) -> JsValue {
    let e = js_sys::Error::new(message.as_ref());
    e.set_name(kind);
    e.into()
}

pub fn core_error(e: newsmark::Error) -> JsValue {
    js_error(&format!("{:?}Error", e.kind()), e.message())
}

pub fn bad_argument(what: &str, e: impl std::fmt::Display) -> JsValue {
    js_error("TypeError", format!("{what}: {e}"))
}

/// Plain objects and arrays on the JS side; numbers stay numbers (never
/// `BigInt`), missing optionals become `null`.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&ser).map_err(|e| js_error("Error", e.to_string()))
}

pub fn from_js<T: for<'de> Deserialize<'de> + Default>(value: JsValue, what: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| bad_argument(what, e))
}

/// `value` read as a `T`; a `TypeError` naming it as `what` when it is
/// missing or of the wrong shape.
pub fn from_js_required<T: for<'de> Deserialize<'de>>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| bad_argument(what, e))
}

/// `options` of `annotate` (and of an `AnnotationJob`), read from JS: a
/// `TypeError` naming the first unknown field, here or in `edits`.
/// serde-wasm-bindgen reads only a struct's own fields from a JS object, so
/// `deny_unknown_fields` alone lets a misspelled option (`articleDate`)
/// through unnoticed.
pub fn options_from_js(value: JsValue) -> Result<JsOptions, JsValue> {
    const WHAT: &str = "annotate options";
    only_known_keys(&value, &["article_date", "labels", "edits", "include_text"], WHAT)?;
    if let Some(obj) = value.dyn_ref::<js_sys::Object>() {
        let edits = js_sys::Reflect::get(obj, &"edits".into()).unwrap_or(JsValue::UNDEFINED);
        only_known_keys(&edits, &["added", "removed"], "annotate options: edits")?;
    }
    from_js(value, WHAT)
}

/// Fails with a `TypeError` when the JS object `value` has a key not in
/// `known` (anything but a plain object is left to the deserializer).
pub fn only_known_keys(value: &JsValue, known: &[&str], what: &str) -> Result<(), JsValue> {
    let Some(obj) = value.dyn_ref::<js_sys::Object>().filter(|_| !js_sys::Array::is_array(value)) else { return Ok(()) };
    for key in js_sys::Object::keys(obj).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(bad_argument(what, format!("unknown field `{key}`, expected one of {}", known.join(", "))));
        }
    }
    Ok(())
}

/// `options` of `annotate`.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct JsOptions {
    /// `YYYY-MM-DD`; detected from the text when absent.
    article_date: Option<String>,
    /// Label names to emit; every label when absent.
    labels: Option<Vec<String>>,
    edits: Option<JsEdits>,
    /// Return the text in the result too (off by default: it can be large).
    pub include_text: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsEdits {
    added: Vec<JsSpanIn>,
    removed: Vec<JsRange>,
}

impl JsOptions {
    /// The UTF-16 ranges of the hand edits, the added ones first: where a
    /// long text must not be cut ([`crate::job`]).
    pub fn edit_ranges(&self) -> Vec<(usize, usize)> {
        let Some(e) = &self.edits else { return Vec::new() };
        e.added.iter().map(|a| (a.start, a.end)).chain(e.removed.iter().map(|r| (r.start, r.end))).collect()
    }
}

/// A span from the page, UTF-16 offsets, in the shape the bindings return
/// spans (`js/spans.js`; only these fields are read): one the user added or
/// relabeled (`edits.added`), or one [`crate::edit::validate_edit`] checks.
#[derive(Deserialize)]
pub struct JsSpanIn {
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// As the page sent it: [`crate::edit::validate_edit`] checks it for
    /// the label ([`newsmark::value_check`]) and says what is wrong in
    /// words, where reading it as a [`Value`] at once would have said
    /// serde's "did not match any variant".
    #[serde(default)]
    pub value: Option<serde_json::Value>,
}

impl JsSpanIn {
    /// The span as an annotation of `text` with `source`; an
    /// `InvalidOffsetError` naming it as `what` when it does not fit `text`.
    /// Its value is taken in any of the four shapes, unchecked: hand edits
    /// saved before values were checked must still annotate (new ones were
    /// checked by `validateEdit` before they were saved).
    pub fn annotation(self, map: &OffsetMap, text: &str, what: &str, source: Source) -> Result<Annotation, JsValue> {
        let span = utf16_span(map, text, what, self.start, self.end)?;
        let value = match self.value {
            None | Some(serde_json::Value::Null) => None,
            Some(v) => Some(serde_json::from_value::<Value>(v.clone()).map_err(|_| {
                js_error(
                    "InvalidValueError",
                    format!("{what} {}..{}: the value {v} is not a number, a string or an amount object", self.start, self.end),
                )
            })?),
        };
        Ok(Annotation::new(span, parse_label(&self.label)?, value, source))
    }
}

/// A span the user deleted, UTF-16 offsets.
#[derive(Deserialize)]
struct JsRange {
    start: usize,
    end: usize,
}

// The spans of a document are built on the JS side, by `js/spans.js`
// (where the shape is written down), from columns.
#[wasm_bindgen(module = "/js/spans.js")]
extern "C" {
    /// See `buildSpans` in `js/spans.js`.
    #[wasm_bindgen(js_name = buildSpans)]
    fn build_spans(columns: &[u32], texts: &str, values_json: &str, labels: &JsValue, sources: &JsValue) -> JsValue;
}

/// The number of `u32`s per span in `build_spans`'s columns.
const SPAN_COLUMNS: usize = 7;
const NO_VALUE: u32 = u32::MAX;
const SOURCES: [Source; 3] = [Source::Model, Source::Rule, Source::User];

thread_local! {
    /// `Label::ALL` and `SOURCES` as JS strings, made once.
    static NAMES: (JsValue, JsValue) = (
        to_js(&Label::ALL).unwrap_or(JsValue::UNDEFINED),
        to_js(&SOURCES).unwrap_or(JsValue::UNDEFINED),
    );
}

/// The spans of `doc` as the page sees them (see `js/spans.js`).
fn js_spans(doc: &Document, map: &OffsetMap) -> Result<JsValue, JsValue> {
    let mut columns = Vec::with_capacity(doc.annotations.len() * SPAN_COLUMNS);
    let mut texts = String::new();
    // `[value, display, words, value, display, words, ...]`, written straight to JSON
    // (not through `serde_json::Value`, whose maps would sort the keys).
    let mut values_json = String::new();
    let mut n_values = 0;
    for a in &doc.annotations {
        let (start, end) = map.span_to(a.span, newsmark::OffsetUnit::Utf16);
        let (start_cp, end_cp) = map.span_to(a.span, newsmark::OffsetUnit::Codepoint);
        let label = label_index(a.label);
        let source = SOURCES.iter().position(|&s| s == a.source).unwrap_or_default();
        let value = match &a.value {
            Some(v) => {
                values_json.push(if n_values == 0 { '[' } else { ',' });
                let forms = (serde_json::to_string(v), serde_json::to_string(&v.display()), serde_json::to_string(&v.describe(a.label)));
                let (Ok(value), Ok(display), Ok(words)) = forms else { return Err(js_error("Error", "a value has no JSON form")) };
                values_json.push_str(&value);
                values_json.push(',');
                values_json.push_str(&display);
                values_json.push(',');
                values_json.push_str(&words);
                n_values += 1;
                n_values - 1
            }
            None => NO_VALUE,
        };
        columns.extend([start, end, start_cp, end_cp, label, source].map(|n| n as u32));
        columns.push(value);
        texts.push_str(a.text(&doc.text));
    }
    if n_values > 0 {
        values_json.push(']');
    }
    Ok(NAMES.with(|(labels, sources)| {
        if doc.annotations.iter().any(|a| a.label.is_custom()) {
            // Every label defined so far, by `label_index`: made for the
            // documents that hold a user's label only.
            let all = to_js(&LabelSet::all().iter().collect::<Vec<_>>()).unwrap_or(JsValue::UNDEFINED);
            build_spans(&columns, &texts, &values_json, &all, sources)
        } else {
            build_spans(&columns, &texts, &values_json, labels, sources)
        }
    }))
}

/// A label's index among the label names `build_spans` is given: its place
/// in `Label::ALL`, then a user's labels by id after the built-in ones (the
/// order of `LabelSet::all().iter()`).
fn label_index(label: Label) -> usize {
    match label {
        Label::Custom(id) => Label::ALL.len() + id.as_usize(),
        built_in => Label::ALL.iter().position(|&l| l == built_in).unwrap_or_default(),
    }
}

/// A document as the page sees it.
#[derive(Serialize)]
pub struct JsDocument<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    article_date: Option<String>,
    article_date_source: Option<newsmark::DateSource>,
    /// The text's length in UTF-16 code units and in code points.
    len_utf16: usize,
    len_cp: usize,
    /// `[{start, end, start_cp, end_cp, label, text, value, value_display,
    /// value_words, source}]`, from [`js_spans`] (`js/spans.js`).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    spans: JsValue,
    /// Milliseconds in the core's pipeline alone, and in the whole call
    /// (reading options, converting offsets and building the JS objects
    /// included; not the final hand-over of the result to JS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub core_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elapsed_ms: Option<f64>,
}

pub fn js_document<'a>(doc: &'a Document, id: Option<&'a str>, include_text: bool) -> Result<JsDocument<'a>, JsValue> {
    let map = OffsetMap::new(&doc.text);
    Ok(JsDocument {
        id,
        text: include_text.then_some(doc.text.as_str()),
        article_date: doc.article_date.map(newsmark::date::format_ymd),
        article_date_source: doc.article_date_source,
        len_utf16: map.to_utf16(doc.text.len()),
        len_cp: map.to_codepoint(doc.text.len()),
        spans: js_spans(doc, &map)?,
        core_ms: None,
        elapsed_ms: None,
    })
}

pub fn parse_date(s: &str) -> Result<NaiveDate, JsValue> {
    newsmark::date::parse_ymd(s.trim())
        .map_err(|e| js_error("InvalidDateError", format!("article date {s:?} is not a YYYY-MM-DD date: {e}")))
}

pub fn parse_label(s: &str) -> Result<Label, JsValue> {
    Label::from_str(s).map_err(core_error)
}

/// A UTF-16 range of `text` as a byte span, or an `InvalidOffsetError`.
pub fn utf16_span(map: &OffsetMap, text: &str, what: &str, start: usize, end: usize) -> Result<Span, JsValue> {
    map.span_from(start, end, newsmark::OffsetUnit::Utf16).filter(|s| s.is_valid_in(text)).ok_or_else(|| {
        js_error("InvalidOffsetError", format!("{what} {start}..{end} lies outside the text or inside a character (UTF-16 offsets)"))
    })
}

pub fn core_options(text: &str, opts: JsOptions) -> Result<Options, JsValue> {
    let article_date = opts.article_date.as_deref().filter(|d| !d.trim().is_empty()).map(parse_date).transpose()?;
    let labels = match &opts.labels {
        Some(names) => names.iter().map(|n| parse_label(n)).collect::<Result<LabelSet, _>>()?,
        None => LabelSet::all(),
    };
    let mut edits = Edits::default();
    if let Some(e) = opts.edits {
        let map = OffsetMap::new(text);
        for a in e.added {
            edits.added.push(a.annotation(&map, text, "edit", Source::User)?);
        }
        for r in e.removed {
            edits.removed.push(utf16_span(&map, text, "edit", r.start, r.end)?);
        }
    }
    Ok(Options { article_date, labels, edits })
}
