//! Values typed by hand: checked for their label and told in words, and
//! the lists the page's value editors offer.

use crate::convert::{core_error, from_js, parse_label, to_js};
use newsmark::value_check;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What [`check_value`] gives back.
#[derive(Serialize)]
struct Checked {
    /// The value as the core keeps it (`null`: none): save this one.
    value: Option<newsmark::Value>,
    /// Its display form (`455,000,000 USD (more than)`, `2022-08-09`).
    display: Option<String>,
    /// The same in words (`Tuesday 9 August 2022`).
    words: Option<String>,
}

/// Checks `value`, typed by hand for a span labeled `label` (a number or
/// a string of one for CARDINAL, ORDINAL and PERCENT; `{amount, currency,
/// qualifier?}` for MONEY, `{amount, unit, qualifier?}` for QUANTITY, with
/// amounts as numbers or strings; a TIMEX3 string for DATE and TIME;
/// `null` or nothing for none). Returns `{value, display, words}`, the
/// value as the core keeps it (`"1,200"` is 1200, `usd` is `USD`); throws
/// an `InvalidValueError` whose message says in words what is wrong
/// (`unknown currency code “XYZ”: ...`), or an `InvalidLabelError`.
#[wasm_bindgen(js_name = checkValue)]
pub fn check_value(label: &str, value: JsValue) -> Result<JsValue, JsValue> {
    let label = parse_label(label)?;
    let raw: serde_json::Value = from_js(value, "value")?;
    let value = value_check::check(label, &raw).map_err(core_error)?;
    let display = value.as_ref().map(|v| v.display());
    let words = value.as_ref().map(|v| v.describe(label));
    to_js(&Checked { value, display, words })
}

/// `{currencies: [[code, name]], qualifiers: [..], units: [..]}`: what the
/// value editors offer, the lists `checkValue` checks against.
#[wasm_bindgen(js_name = valueVocabulary)]
pub fn value_vocabulary() -> Result<JsValue, JsValue> {
    to_js(&value_check::vocabulary())
}
