//! Annotating a text in one call.

use crate::convert::{core_options, js_document, now_ms, options_from_js, to_js, JsOptions};
use newsmark::annotate as annotate_text;
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
///
/// A long text is better annotated by an [`crate::job::AnnotationJob`], a
/// part at a time.
#[wasm_bindgen]
pub fn annotate(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let t0 = now_ms();
    let opts: JsOptions = options_from_js(options)?;
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
