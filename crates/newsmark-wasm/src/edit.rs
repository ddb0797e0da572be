//! Checking a hand edit before the page applies it.

use crate::convert::{from_js_required, js_error, JsSpanIn};
use newsmark::{Label, OffsetMap, Source, Value};
use wasm_bindgen::prelude::*;

/// Checks a span the user is about to add, relabel or give a value:
/// `{start, end, label, value?}` (UTF-16 offsets; a span as the bindings
/// return them will do, other fields are ignored). Returns nothing when the
/// core will take it as an edit of `text`; throws an `Error` otherwise:
/// `TypeError` for a span of the wrong shape (a value that is no number,
/// string or amount object), `InvalidOffsetError` for an empty range, one
/// outside the text or inside a character, `InvalidLabelError` for an
/// unknown label, `InvalidJsonError` for a value of another kind than the
/// label's (a number for CARDINAL, ORDINAL and PERCENT; an amount with a
/// currency for MONEY, with a unit for QUANTITY; a TIMEX string for DATE
/// and TIME; none for names).
#[wasm_bindgen(js_name = validateEdit)]
pub fn validate_edit(text: &str, span: JsValue) -> Result<(), JsValue> {
    let span: JsSpanIn = from_js_required(span, "edit")?;
    let (start, end) = (span.start, span.end);
    if start >= end {
        return Err(js_error("InvalidOffsetError", format!("edit {start}..{end} is empty (UTF-16 offsets)")));
    }
    let map = OffsetMap::new(text);
    let a = span.annotation(&map, text, "edit", Source::User)?;
    match &a.value {
        Some(v) if !fits(a.label, v) => Err(js_error(
            "InvalidJsonError",
            format!("edit {start}..{end}: {} takes {}, not {}", a.label, kind_of(a.label), serde_json::to_string(v).unwrap_or_default()),
        )),
        _ => Ok(()),
    }
}

/// True when `value` is of the kind `label` carries.
fn fits(label: Label, value: &Value) -> bool {
    matches!(
        (label, value),
        (Label::Cardinal | Label::Ordinal | Label::Percent, Value::Number(_))
            | (Label::Money, Value::Money { .. })
            | (Label::Quantity, Value::Quantity { .. })
            | (Label::Date | Label::Time, Value::Timex(_))
    )
}

/// The kind of value `label` carries, for messages.
fn kind_of(label: Label) -> &'static str {
    match label {
        Label::Cardinal | Label::Ordinal | Label::Percent => "a number",
        Label::Money => "an amount with a currency ({\"amount\": 5, \"currency\": \"USD\"})",
        Label::Quantity => "an amount with a unit ({\"amount\": 3.5, \"unit\": \"t\"})",
        Label::Date | Label::Time => "a TIMEX string (\"2022-08-09\")",
        Label::Person | Label::Org | Label::Loc | Label::Misc => "no value",
    }
}
