//! Checking a hand edit before the page applies it.

use crate::convert::{core_error, from_js_required, js_error, parse_label, utf16_span, JsSpanIn};
use newsmark::OffsetMap;
use wasm_bindgen::prelude::*;

/// Checks a span the user is about to add, relabel or give a value:
/// `{start, end, label, value?}` (UTF-16 offsets; a span as the bindings
/// return them will do, other fields are ignored). Returns nothing when the
/// core will take it as an edit of `text`; throws an `Error` otherwise:
/// `TypeError` for a span of the wrong shape, `InvalidOffsetError` for an
/// empty range, one outside the text or inside a character,
/// `InvalidLabelError` for an unknown label, `InvalidValueError` for a
/// value that does not fit the label, with the core's message in words
/// (`an amount must be a number: “banana”`; see
/// [`newsmark::value_check::check`]). A value must be in the form the core
/// keeps: the one `checkValue` returns.
#[wasm_bindgen(js_name = validateEdit)]
pub fn validate_edit(text: &str, span: JsValue) -> Result<(), JsValue> {
    let span: JsSpanIn = from_js_required(span, "edit")?;
    let (start, end) = (span.start, span.end);
    if start >= end {
        return Err(js_error("InvalidOffsetError", format!("edit {start}..{end} is empty (UTF-16 offsets)")));
    }
    utf16_span(&OffsetMap::new(text), text, "edit", start, end)?;
    let label = parse_label(&span.label)?;
    let raw = span.value.unwrap_or_default();
    let checked = newsmark::value_check::check(label, &raw).map_err(core_error)?;
    // Typed forms (`"1,200"`, `usd`) pass the check but are not what the
    // core keeps: the page saves the value `checkValue` gave back.
    let kept = checked.as_ref().map(serde_json::to_value).transpose().map_err(|e| js_error("Error", e.to_string()))?.unwrap_or_default();
    if !same(&kept, &raw) {
        return Err(js_error("InvalidValueError", format!("the value {raw} is kept as {kept}: save the value checkValue gives back")));
    }
    Ok(())
}

/// JSON values equal, numbers by value (`5` and `5.0` are the same).
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Object(x), J::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}
