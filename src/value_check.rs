//! Checking a value an annotator gives a span by hand, against its label
//! and the vocabularies the core knows: a number for CARDINAL, ORDINAL and
//! PERCENT; an amount, an ISO 4217 currency and a known qualifier for
//! MONEY; an amount and a known unit for QUANTITY; a TIMEX3 value for DATE
//! and TIME ([`crate::value::timex`]); nothing for names. The check also
//! normalizes what was typed the way an editor sends it (`"1,200"` and
//! `1.2 thousand` are 1200, `usd` is USD, `kilometres` is km), so the page
//! keeps the value the core would write.
//!
//! It stands above the amounts (it reads their currency, unit and
//! qualifier lists), so it is a module of its own and not part of
//! [`crate::value`], which the amounts import.
//!
//! Every error says what is wrong in words, quoting what was typed:
//! `an amount must be a number: “banana”`.

use crate::amount::{currency, parse_number, parse_ordinal, qualifier, unit};
use crate::error::{Error, ErrorKind, Result};
use crate::label::Label;
use crate::value::{format_number, timex, ungroup_digits, Value};
use serde::Serialize;
use serde_json::Value as Json;

/// Checks `raw`, the value given by hand to a span labeled `label`, and
/// returns it as the core keeps it (`None`: the span has no value; `null`
/// is always allowed, it removes a value). The error, of kind
/// [`ErrorKind::InvalidValue`], says in words what is wrong.
pub fn check(label: Label, raw: &Json) -> Result<Option<Value>> {
    if raw.is_null() {
        return Ok(None);
    }
    // A user's label is checked as the built-in label of its kind.
    let rules = label.behaves_as();
    let value = match rules {
        Label::Person | Label::Org | Label::Loc | Label::Misc | Label::Custom(_) => {
            return Err(invalid(format!("a {label} mark takes no value")))
        }
        Label::Cardinal | Label::Ordinal | Label::Percent => Value::Number(number(raw, rules)?),
        Label::Money | Label::Quantity => amount(rules, raw)?,
        Label::Date | Label::Time => Value::Timex(timex_value(rules, raw)?),
    };
    if let Value::Number(n) = value {
        if rules == Label::Ordinal && (n.fract() != 0.0 || n < 0.0) {
            return Err(invalid(format!("a rank must be a whole number (2 for second): “{}”", format_number(n))));
        }
    }
    Ok(Some(value))
}

/// What the number of a value of `label` is called in messages.
fn noun(label: Label) -> &'static str {
    match label {
        Label::Cardinal => "a count",
        Label::Ordinal => "a rank",
        Label::Percent => "a percentage",
        _ => "an amount",
    }
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidValue, message)
}

/// `raw` as written, for messages: a string without its JSON quotes.
fn written(raw: &Json) -> String {
    match raw {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A number: a JSON number, or a string of one as digits (`1,200`,
/// `-3.5`, `1e21`) or as the recognizers read number phrases
/// ([`parse_number`]: `455 million`, `twelve`; [`parse_ordinal`] for
/// ranks: `second`, `2nd`; a percentage may end in `%`).
fn number(raw: &Json, label: Label) -> Result<f64> {
    let what = noun(label);
    let n = match raw {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => {
            let s = if label == Label::Percent { s.trim().trim_end_matches('%') } else { s.as_str() };
            number_text(s).or_else(|| if label == Label::Ordinal { parse_ordinal(s) } else { None }).or_else(|| parse_number(s))
        }
        _ => None,
    };
    match n {
        Some(n) if n.is_finite() => Ok(n),
        _ if matches!(raw, Json::String(s) if s.trim().is_empty()) => Err(invalid(format!("{what} is missing: type a number"))),
        _ => Err(invalid(format!("{what} must be a number: “{}”", written(raw)))),
    }
}

/// A number as an annotator types it: digits with or without commas
/// between groups of three, a sign, a decimal point, an exponent; never
/// `inf` or `NaN`, which Rust's parser would take.
fn number_text(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b"+-.,eE".contains(&b)) {
        return None;
    }
    if s.contains(',') {
        return ungroup_digits(s);
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// MONEY and QUANTITY: `{amount, currency | unit, qualifier?}`, or the
/// display form (`455,000,000 USD (more than)`).
fn amount(label: Label, raw: &Json) -> Result<Value> {
    let money = label == Label::Money;
    let (of, key) = if money { ("a money value", "currency") } else { ("a quantity", "unit") };
    let fields = match raw {
        Json::Object(fields) => fields.clone(),
        Json::String(s) => match Value::from_display(label, s) {
            Some(v) => serde_json::to_value(&v).ok().and_then(|v| v.as_object().cloned()).unwrap_or_default(),
            None => return Err(invalid(format!("{of} needs an amount and a {key} (5 {}): “{s}”", if money { "USD" } else { "km" }))),
        },
        other => return Err(invalid(format!("{of} needs an amount and a {key}, not “{}”", written(other)))),
    };
    if let Some(k) = fields.keys().find(|k| !["amount", key, "qualifier"].contains(&k.as_str())) {
        return Err(invalid(format!("{of} has an amount, a {key} and a qualifier, not “{k}”")));
    }
    let amount = number(fields.get("amount").unwrap_or(&Json::String(String::new())), label)?;
    let qualifier = match fields.get("qualifier") {
        None | Some(Json::Null) => None,
        Some(Json::String(q)) => known_qualifier(q)?,
        Some(other) => return Err(invalid(format!("a qualifier is words (more than, about), not “{}”", written(other)))),
    };
    let written_unit = match fields.get(key) {
        Some(Json::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(Json::String(_)) | None | Some(Json::Null) => {
            return Err(invalid(if money {
                "a money value needs a currency: an ISO 4217 code such as USD, EUR or KRW".to_owned()
            } else {
                "a quantity needs a unit such as km, kg or t".to_owned()
            }))
        }
        Some(other) => return Err(invalid(format!("a {key} is written as text, not “{}”", written(other)))),
    };
    if money {
        let upper = written_unit.to_uppercase();
        let code = currency::known_code(&upper).or_else(|| currency::symbol_code(&written_unit)).ok_or_else(|| {
            invalid(format!("unknown currency code “{written_unit}”: a currency is an ISO 4217 code such as USD, EUR or KRW"))
        })?;
        Ok(Value::Money { amount, currency: code.to_owned(), qualifier })
    } else {
        let unit = unit::canonical(&written_unit).ok_or_else(|| {
            invalid(format!("unknown unit “{written_unit}”: units newsmark knows are such as km, kg, t, ha, l, °C, km/h, MW, GB"))
        })?;
        Ok(Value::Quantity { amount, unit: unit.to_owned(), qualifier })
    }
}

/// A qualifier newsmark writes: one before an amount (`more than`), the
/// high end of a range (`to 7000000`), or both (`up to; to 7000000`).
/// Empty: none. Lower-cased, single spaces.
fn known_qualifier(q: &str) -> Result<Option<String>> {
    let q = q.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if q.is_empty() {
        return Ok(None);
    }
    let (written, high) = match q.rsplit_once("; ") {
        Some((w, h)) => (Some(w), Some(h)),
        None if q.starts_with("to ") => (None, Some(q.as_str())),
        None => (Some(q.as_str()), None),
    };
    if let Some(w) = written {
        if !qualifier::all().any(|k| k == w) {
            return Err(invalid(format!(
                "unknown qualifier “{w}”: qualifiers newsmark knows are such as more than, about, nearly, up to, at least"
            )));
        }
    }
    if let Some(h) = high {
        let end = h.strip_prefix("to ").and_then(number_text);
        if end.is_none() {
            return Err(invalid(format!("the high end of a range is written “to” and a number (to 7000000): “{h}”")));
        }
    }
    Ok(Some(q))
}

/// DATE and TIME: a TIMEX3 string, upper-cased (`xxxx-wxx-5` is `XXXX-WXX-5`).
fn timex_value(label: Label, raw: &Json) -> Result<String> {
    let what = if label == Label::Date { "a date" } else { "a time" };
    let Json::String(s) = raw else {
        return Err(invalid(format!(
            "{what} is written in TIMEX form as text (2022-08-09, XXXX-WXX-5, T15:00, PT2H), not “{}”",
            written(raw)
        )));
    };
    let s = s.trim();
    if s.is_empty() {
        return Err(invalid(format!("{what} is missing: pick one, or type its TIMEX form (2022-08, XXXX-WXX-5, PT2H)")));
    }
    // The message quotes what was typed; lower case is taken for capitals.
    let upper = s.to_uppercase();
    match (timex::parse(s), timex::parse(&upper)) {
        (Ok(_), _) => Ok(s.to_owned()),
        (Err(_), Ok(_)) => Ok(upper),
        (Err(why), Err(_)) => Err(invalid(format!("{what} in TIMEX form is like 2022-08-09, XXXX-WXX-5, T15:00 or PT2H: {why}"))),
    }
}

/// What the page's value editors offer: the codes and names of currencies,
/// the qualifiers, the units: the lists [`check`] checks against.
#[derive(Serialize)]
pub struct Vocabulary {
    /// `[code, name]`, sorted by code.
    pub currencies: Vec<(&'static str, String)>,
    pub qualifiers: Vec<String>,
    pub units: Vec<&'static str>,
}

pub fn vocabulary() -> Vocabulary {
    let mut qualifiers: Vec<String> = qualifier::all().collect();
    qualifiers.sort();
    Vocabulary { currencies: currency::codes().to_vec(), qualifiers, units: unit::CANONICAL.to_vec() }
}
