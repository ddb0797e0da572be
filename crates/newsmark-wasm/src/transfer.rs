//! The formats' exports and imports (the `formats` half of the bindings:
//! the module the page loads when it first exports or imports).

use crate::convert::{bad_argument, core_error, from_js_required, js_document, js_error, to_js};
use js_sys::{Array, Object, Reflect, JSON};
use newsmark::export::{self, Format, NamedDocument};
use newsmark::OffsetUnit;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use wasm_bindgen::prelude::*;

/// Reads the page's documents, each checked as any import is (by the
/// core's one reader of newsmark JSON: `export::import`). A document is
/// `{id, text, article_date, article_date_source, spans}` with the spans in
/// the shape the bindings return them (`js/spans.js`), UTF-16 offsets: what
/// `annotate` and `importFile` give, plus an `id` and the `text`. A
/// newsmark JSON record with its own `offset_unit` is read in that unit.
/// What `annotate` and `importFile` add to a document beyond newsmark
/// JSON's fields, all derived from the others (see `JsDocument`).
const DERIVED_FIELDS: [&str; 4] = ["len_utf16", "len_cp", "core_ms", "elapsed_ms"];

fn read_records(docs: JsValue) -> Result<Vec<NamedDocument>, JsValue> {
    if !Array::is_array(&docs) {
        return Err(bad_argument("documents", "not an array"));
    }
    let unit = JsValue::from_str("offset_unit");
    let mut out = Vec::new();
    for (i, doc) in Array::from(&docs).iter().enumerate() {
        // Named as an import names its file: errors start with it.
        let what = format!("document {}", i + 1);
        if !doc.is_object() || Array::is_array(&doc) {
            return Err(bad_argument("documents", format!("{what} is not an object")));
        }
        // A copy without what the bindings add to a document (its lengths
        // and timings, derived, see `JsDocument`): the core's reader refuses
        // fields it does not know, so that no other tool's data is lost.
        let copy = Object::assign(&Object::new(), doc.unchecked_ref());
        for derived in DERIVED_FIELDS {
            Reflect::delete_property(&copy, &JsValue::from_str(derived))?;
        }
        // The schema's default unit is code points; the page's documents
        // carry none and count in UTF-16.
        if Reflect::get(&copy, &unit).map_or(true, |u| u.is_undefined()) {
            Reflect::set(&copy, &unit, &JsValue::from_str("utf16"))?;
        }
        let doc: JsValue = copy.into();
        let json = JSON::stringify(&doc).map_err(|_| bad_argument("documents", format!("{what} has no JSON form")))?;
        let mut named = export::import(&String::from(json), &what).map_err(core_error)?;
        if named.len() != 1 {
            return Err(js_error("InvalidJsonError", format!("{what} is not one newsmark JSON document")));
        }
        out.append(&mut named);
    }
    Ok(out)
}

/// The choices of an export as the page gives them (`exportDocuments`'s
/// `options`), each optional: `offset_unit` (`"utf16"`, `"codepoint"`,
/// `"grapheme"`, `"byte"`), `scheme` (`"iob1"`, `"iob2"`, `"bilou"`,
/// `"iobes"`), `bom` and `formula_guard` (CSV for spreadsheets); see
/// [`export::ExportOptions`]. An unknown key is an error.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct JsExportOptions {
    offset_unit: Option<String>,
    scheme: Option<String>,
    #[serde(default)]
    bom: bool,
    #[serde(default)]
    formula_guard: bool,
    /// Read apart, by `label_scheme` (any JSON shape).
    #[serde(default)]
    #[allow(dead_code)]
    labels: Option<serde::de::IgnoredAny>,
}

impl JsExportOptions {
    fn read(options: JsValue) -> Result<export::ExportOptions, JsValue> {
        // serde-wasm-bindgen does not see a JS object's unknown keys.
        crate::convert::only_known_keys(&options, &["offset_unit", "scheme", "bom", "formula_guard", "labels"], "export options")?;
        let labels = if options.is_object() { Reflect::get(&options, &JsValue::from_str("labels"))? } else { JsValue::UNDEFINED };
        let labels = label_scheme(&labels)?;
        let given: JsExportOptions = crate::convert::from_js(options, "export options")?;
        let mut out = export::ExportOptions { bom: given.bom, formula_guard: given.formula_guard, labels, ..Default::default() };
        if let Some(unit) = &given.offset_unit {
            out.offset_unit = Some(OffsetUnit::from_str(unit).map_err(core_error)?);
        }
        if let Some(scheme) = &given.scheme {
            out.scheme = export::TagScheme::from_str(scheme).map_err(core_error)?;
        }
        Ok(out)
    }
}

/// Exports `docs` (the page's documents, see `read_records`) in `format` (a
/// [`crate::formats`] id) with `options` (see `JsExportOptions`; `undefined`: the
/// format's defaults): `[{name, mime, content}]`, `content` a string, or a
/// `Uint8Array` for a binary format (spaCy's DocBin).
#[wasm_bindgen(js_name = exportDocuments)]
pub fn export_documents(docs: JsValue, format: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let format = Format::from_str(format).map_err(core_error)?;
    let options = JsExportOptions::read(options)?;
    let docs = read_records(docs)?;
    let files = export::export_with(&docs, format, &options).map_err(core_error)?;
    // A binary file's content reaches JS as a `Uint8Array`, not the array of
    // numbers `to_js` makes of bytes.
    let ser = serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false);
    files.serialize(&ser).map_err(|e| js_error("Error", e.to_string()))
}

/// A label set given as a `newsmark-labels/1` string or object, read by the
/// core (which defines its labels); `undefined` or `null`: none.
fn label_scheme(labels: &JsValue) -> Result<Option<export::LabelScheme>, JsValue> {
    if labels.is_undefined() || labels.is_null() {
        return Ok(None);
    }
    let text = match labels.as_string() {
        Some(t) => t,
        None => String::from(JSON::stringify(labels).map_err(|_| bad_argument("labels", "has no JSON form"))?),
    };
    export::LabelScheme::from_json(&text).map(Some).map_err(core_error)
}

/// The files of [`import_files`]: `[{name, content}]`, each content a
/// string or the file's bytes (a `Uint8Array` or an `ArrayBuffer`; a
/// DocBin is binary, and the core drops a byte-order mark itself).
fn read_files(files: &JsValue) -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    if !Array::is_array(files) {
        return Err(bad_argument("importFiles: files", "not an array"));
    }
    let (name_key, content_key) = (JsValue::from_str("name"), JsValue::from_str("content"));
    let mut out = Vec::new();
    for (i, f) in Array::from(files).iter().enumerate() {
        let what = format!("file {}", i + 1);
        let name = Reflect::get(&f, &name_key).ok().and_then(|n| n.as_string());
        let name = name.ok_or_else(|| bad_argument("importFiles: files", format!("{what} has no name")))?;
        let content = Reflect::get(&f, &content_key).unwrap_or(JsValue::UNDEFINED);
        let bytes = if let Some(text) = content.as_string() {
            text.into_bytes()
        } else if content.is_instance_of::<js_sys::Uint8Array>() {
            js_sys::Uint8Array::from(content).to_vec()
        } else if content.is_instance_of::<js_sys::ArrayBuffer>() {
            js_sys::Uint8Array::new(&content).to_vec()
        } else {
            return Err(bad_argument("importFiles: files", format!("{what} ({name}): content is neither a string nor bytes")));
        };
        out.push((name, bytes));
    }
    Ok(out)
}

/// Reads files imported together, `[{name, content}]` (see `read_files`):
/// a brat `.txt` and `.ann` with the same name make one document, every
/// other file is read as [`import_file`] reads it. Returns `{docs,
/// reports}`: the documents as [`import_file`] gives them, and what each
/// file gave, `{file, format, documents, spans, skipped, warnings,
/// summary}` (`summary`: the core's one line for people). All or nothing:
/// throws an `Error` naming the first bad file.
#[wasm_bindgen(js_name = importFiles)]
pub fn import_files(files: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct JsReport<'r> {
        #[serde(flatten)]
        report: &'r export::FileReport,
        summary: String,
    }
    let files = read_files(&files)?;
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    let imported = export::import_files_with(&named, &export::ImportOptions::default()).map_err(core_error)?;
    if imported.docs.is_empty() {
        return Err(js_error("InvalidJsonError", "no document in these files"));
    }
    #[derive(Serialize)]
    struct JsImported<'d> {
        docs: Vec<crate::convert::JsDocument<'d>>,
        reports: Vec<JsReport<'d>>,
    }
    let docs = imported.docs.iter().map(|d| js_document(&d.doc, Some(&d.id), true)).collect::<Result<Vec<_>, _>>()?;
    let reports = imported.reports.iter().map(|r| JsReport { report: r, summary: r.summary() }).collect();
    to_js(&JsImported { docs, reports })
}

/// Reads a file (its format found from its name and content): `[{id, text,
/// article_date, article_date_source, len_utf16, len_cp, spans}]`, spans as
/// [`crate::annotate()`] returns them. Throws an `Error` for a malformed or
/// unsupported file, and then returns nothing.
#[wasm_bindgen(js_name = importFile)]
pub fn import_file(content: &str, file_name: &str) -> Result<JsValue, JsValue> {
    let docs = export::import(content, file_name).map_err(core_error)?;
    if docs.is_empty() {
        return Err(js_error("InvalidJsonError", format!("{file_name}: no document in the file")));
    }
    let out = docs.iter().map(|d| js_document(&d.doc, Some(&d.id), true)).collect::<Result<Vec<_>, _>>()?;
    to_js(&out)
}

/// One picked file, as [`read_tool_labels`] takes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PickedFile {
    name: String,
    text: String,
}

/// Finds, among picked files `[{name, text}]`, the label configurations of
/// other tools (brat's `annotation.conf` and `visual.conf`, doccano's label
/// definitions, Label Studio's config: [`newsmark::export::tool_config`])
/// and reads their labels: `{configs: [{index, tool}], labels: [{name,
/// color, key}], built_in: [name]}` (`index` into `files`; `color` and
/// `key` null when the file gives none). Defines nothing. Throws an `Error`
/// naming a configuration that cannot be read.
#[wasm_bindgen(js_name = readToolLabels)]
pub fn read_tool_labels(files: JsValue) -> Result<JsValue, JsValue> {
    use newsmark::export::tool_config;
    #[derive(serde::Serialize)]
    struct Config {
        index: usize,
        tool: &'static str,
    }
    #[derive(serde::Serialize)]
    struct ToolLabel {
        name: String,
        color: Option<String>,
        key: Option<String>,
    }
    #[derive(serde::Serialize)]
    struct Read {
        configs: Vec<Config>,
        labels: Vec<ToolLabel>,
        built_in: Vec<&'static str>,
    }
    let files: Vec<PickedFile> = from_js_required(files, "files")?;
    let configs: Vec<Config> = files
        .iter()
        .enumerate()
        .filter_map(|(index, f)| tool_config::detect(&f.name, &f.text).map(|t| Config { index, tool: t.description() }))
        .collect();
    let picked: Vec<(&str, &str)> = configs.iter().map(|c| (files[c.index].name.as_str(), files[c.index].text.as_str())).collect();
    let read = tool_config::read(&picked).map_err(core_error)?;
    let labels = read.labels.into_iter().map(|l| ToolLabel { name: l.name, color: l.color, key: l.key }).collect();
    to_js(&Read { configs, labels, built_in: read.built_in })
}
