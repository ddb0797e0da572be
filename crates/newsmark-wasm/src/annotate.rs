//! Annotating a text.

use crate::convert::{bad_argument, core_options, from_js, js_document, now_ms, to_js, JsOptions, JsSpanIn};
use newsmark::{annotate as annotate_text, Document, OffsetMap, Source};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Annotates `text`.
///
/// `options`: `{article_date?: "YYYY-MM-DD", labels?: ["PERSON", ...],
/// edits?: {added: [{start, end, label, value?}], removed: [{start, end}]},
/// include_text?: bool}`, offsets in UTF-16 code units.
///
/// Returns `{article_date, article_date_source, len_utf16, len_cp, spans:
/// [{start, end, start_cp, end_cp, label, text, value, value_display,
/// source}], core_ms, elapsed_ms}`. Throws an `Error` for a bad date, label or edit.
#[wasm_bindgen]
pub fn annotate(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let t0 = now_ms();
    let opts: JsOptions = from_js(options, "annotate options")?;
    let include_text = opts.include_text;
    let options = core_options(text, opts)?;
    let t1 = now_ms();
    let doc = annotate_text(text, &options);
    let core_ms = now_ms() - t1;
    let mut out = js_document(&doc, None, include_text)?;
    out.core_ms = Some(core_ms);
    out.elapsed_ms = Some(now_ms() - t0);
    to_js(&out)
}

/// A span given back to [`reconcile`]: as [`annotate`] returns them (other
/// fields are ignored).
#[derive(Deserialize)]
struct JsSourcedSpan {
    #[serde(flatten)]
    span: JsSpanIn,
    #[serde(default)]
    source: Source,
}

/// Settles the spans of a text annotated a part at a time (`spans_json`:
/// `JSON.stringify` of the spans [`annotate`] returned for each part,
/// shifted to `text`'s UTF-16 offsets): overlaps resolved, `options.edits`
/// applied, and names made consistent across the parts. `options` as for
/// [`annotate`]. Returns the document as [`annotate`] does (without
/// timings). Throws an `Error` for a bad span, label or edit.
///
/// The spans come as JSON: a long text has tens of thousands, and reading
/// JS objects field by field across the boundary took longer than
/// annotating the text.
#[wasm_bindgen]
pub fn reconcile(text: &str, spans_json: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: JsOptions = from_js(options, "reconcile options")?;
    let include_text = opts.include_text;
    let options = core_options(text, opts)?;
    let spans: Vec<JsSourcedSpan> = serde_json::from_str(spans_json).map_err(|e| bad_argument("reconcile: spans", e))?;
    let map = OffsetMap::new(text);
    let annotations = spans.into_iter().map(|s| s.span.annotation(&map, text, "span", s.source)).collect::<Result<Vec<_>, _>>()?;
    let doc = Document {
        text: text.to_owned(),
        article_date: options.article_date,
        article_date_source: options.article_date.map(|_| newsmark::DateSource::Option),
        annotations: newsmark::reconcile(text, annotations, &options),
    };
    to_js(&js_document(&doc, None, include_text)?)
}
