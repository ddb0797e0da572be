//! Normalized values of amounts, dates and times: their JSON shape, their
//! display form and its inverse ([`Value::display`], [`Value::from_display`]),
//! their words ([`Value::describe`], in `describe.rs`), and TIMEX3 values read
//! into their parts ([`timex`]).

use crate::label::Label;
use serde::{Deserialize, Serialize, Serializer};

mod describe;
pub mod timex;

/// The machine-readable value of an amount, date or time.
///
/// In JSON a value is written as the guidelines show it: a plain number for
/// CARDINAL, ORDINAL and PERCENT; a string (ISO 8601 / TIMEX3) for DATE and
/// TIME; an object for MONEY (`amount`, `currency`, `qualifier`) and QUANTITY
/// (`amount`, `unit`, `qualifier`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// CARDINAL, ORDINAL, PERCENT: `12.5%` is 12.5, `second` is 2.
    Number(#[serde(serialize_with = "number")] f64),
    /// MONEY: `more than US$455 million` is 455000000 USD, qualifier `more than`.
    Money {
        #[serde(serialize_with = "number")]
        amount: f64,
        /// ISO 4217 code (`USD`, `KRW`, ...).
        currency: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        qualifier: Option<String>,
    },
    /// QUANTITY: `3.5 tons` is 3.5 with unit `t`.
    Quantity {
        #[serde(serialize_with = "number")]
        amount: f64,
        unit: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        qualifier: Option<String>,
    },
    /// DATE and TIME: `2022-08-09`, `XXXX-WXX-2`, `P80Y`, `2022-08-09T15:00`.
    Timex(String),
}

impl Value {
    /// A short human-readable rendering: `455,000,000 USD (more than)`.
    pub fn display(&self) -> String {
        match self {
            Value::Number(n) => group_digits(*n),
            Value::Money { amount, currency, qualifier } => with_qualifier(format!("{} {currency}", group_digits(*amount)), qualifier),
            Value::Quantity { amount, unit, qualifier } => with_qualifier(format!("{} {unit}", group_digits(*amount)), qualifier),
            Value::Timex(t) => t.clone(),
        }
    }

    /// Reads back what [`Value::display`] writes for a span labeled
    /// `label` (`455,000,000 USD (more than)` for MONEY); `None` when `s` is
    /// not in that form, or the label takes no value. Formats that can only
    /// keep the display form (brat's notes) read values with it.
    pub fn from_display(label: Label, s: &str) -> Option<Value> {
        let s = s.trim();
        // A user's label reads as the built-in label of its kind.
        let label = label.behaves_as();
        match label {
            Label::Cardinal | Label::Ordinal | Label::Percent => ungroup_digits(s).map(Value::Number),
            Label::Date | Label::Time => is_timex(s).then(|| Value::Timex(s.to_owned())),
            Label::Money | Label::Quantity => {
                let (body, qualifier) = match s.strip_suffix(')').and_then(|b| b.rsplit_once(" (")) {
                    Some((body, q)) if !q.trim().is_empty() => (body, Some(q.to_owned())),
                    _ => (s, None),
                };
                let (amount, unit) = body.split_once(' ')?;
                let (amount, unit) = (ungroup_digits(amount)?, unit.trim());
                if unit.is_empty() {
                    return None;
                }
                Some(if label == Label::Money {
                    if unit.contains(char::is_whitespace) {
                        return None;
                    }
                    Value::Money { amount, currency: unit.to_owned(), qualifier }
                } else {
                    Value::Quantity { amount, unit: unit.to_owned(), qualifier }
                })
            }
            Label::Person | Label::Org | Label::Loc | Label::Misc | Label::Custom(_) => None,
        }
    }

    /// True when every number of the value is finite. JSON has no infinity
    /// or NaN (serde writes `null`, which no reader takes back as a
    /// number), so only finite values leave the pipeline.
    pub fn is_finite(&self) -> bool {
        match self {
            Value::Number(n) | Value::Money { amount: n, .. } | Value::Quantity { amount: n, .. } => n.is_finite(),
            Value::Timex(_) => true,
        }
    }

    /// The qualifier (`more than`, `nearly`, ...), if the value has one.
    pub fn qualifier(&self) -> Option<&str> {
        match self {
            Value::Money { qualifier, .. } | Value::Quantity { qualifier, .. } => qualifier.as_deref(),
            _ => None,
        }
    }

    /// True when both values say the same thing: numbers equal to within a
    /// relative 1e-9, other fields exactly.
    pub fn matches(&self, other: &Value) -> bool {
        fn close(a: f64, b: f64) -> bool {
            a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
        }
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => close(*a, *b),
            (Value::Money { amount: a, currency: c, qualifier: q }, Value::Money { amount: b, currency: d, qualifier: r }) => {
                close(*a, *b) && c == d && q == r
            }
            (Value::Quantity { amount: a, unit: u, qualifier: q }, Value::Quantity { amount: b, unit: v, qualifier: r }) => {
                close(*a, *b) && u == v && q == r
            }
            (Value::Timex(a), Value::Timex(b)) => a == b,
            _ => false,
        }
    }
}

fn with_qualifier(s: String, qualifier: &Option<String>) -> String {
    match qualifier {
        Some(q) => format!("{s} ({q})"),
        None => s,
    }
}

/// Formats a number with thousands separators, dropping a zero fraction.
pub fn group_digits(n: f64) -> String {
    let raw = format_number(n);
    let (sign, rest) = raw.strip_prefix('-').map_or(("", raw.as_str()), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(raw.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Whether `s` looks like a TIMEX3 value (`2022-08-09`, `XXXX-WXX-2`,
/// `XXXX-XX-WXX-2-#2`, `P80Y`, `T15:00`, signed or 5-digit years such as
/// `-0044-03-15` and `+10000`, `PRESENT_REF`), not a note in words.
fn is_timex(s: &str) -> bool {
    let b = s.as_bytes();
    if matches!(s, "PRESENT_REF" | "PAST_REF" | "FUTURE_REF") {
        return true;
    }
    matches!(b.first(), Some(b'0'..=b'9' | b'X' | b'P' | b'T' | b'+' | b'-'))
        && b.iter().all(|&c| c.is_ascii_digit() || c.is_ascii_uppercase() || b"-:.+#_/".contains(&c))
        && b.iter().any(|&c| c.is_ascii_digit() || c == b'X')
}

/// Reads a number as [`group_digits`] writes it (`-1,234.5`): commas, if
/// any, between every group of three integer digits.
pub(crate) fn ungroup_digits(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() == 1 || (matches!(groups[0].len(), 1..=3) && groups[1..].iter().all(|g| g.len() == 3));
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !grouped || !groups.iter().all(|g| all_digits(g)) || frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    s.replace(',', "").parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Formats a number without exponent, and without `.0` when it is whole.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 && !(n == 0.0 && n.is_sign_negative()) {
        // Exact as an integer: the same digits as `{n:.0}`, without the
        // exact float formatting (slow, and most values are whole).
        (n as i64).to_string()
    } else if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{n:.0}")
    } else {
        // Shortest representation that round-trips.
        format!("{n}")
    }
}

/// Serializes whole numbers as JSON integers (`455000000`, not
/// `455000000.0`) so that every consumer reads them as they were written.
fn number<S: Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        s.serialize_i64(*n as i64)
    } else {
        s.serialize_f64(*n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shapes_follow_the_guidelines() {
        let money = Value::Money { amount: 455e6, currency: "USD".into(), qualifier: Some("more than".into()) };
        assert_eq!(serde_json::to_string(&money).unwrap(), r#"{"amount":455000000,"currency":"USD","qualifier":"more than"}"#);
        assert_eq!(serde_json::to_string(&Value::Number(12.5)).unwrap(), "12.5");
        assert_eq!(serde_json::to_string(&Value::Number(2.0)).unwrap(), "2");
        let back: Value = serde_json::from_str(r#"{"amount":455000000,"currency":"USD","qualifier":"more than"}"#).unwrap();
        assert!(back.matches(&money));
        assert_eq!(money.display(), "455,000,000 USD (more than)");
        let t: Value = serde_json::from_str(r#""2022-08-09""#).unwrap();
        assert_eq!(t, Value::Timex("2022-08-09".into()));
    }

    #[test]
    fn numbers_format_as_written() {
        // Whole numbers: the digits of `{:.0}`, by either path.
        for n in [0.0, -0.0, 1.0, -7.0, 455e6, 9_007_199_254_740_991.0, 9_007_199_254_740_992.0, -3e15, 1e20, 2.5e20] {
            assert_eq!(format_number(n), format!("{n:.0}"), "{n}");
        }
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(1e21), "1000000000000000000000");
        assert_eq!(group_digits(455e6), "455,000,000");
        assert_eq!(group_digits(-1234.5), "-1,234.5");
        assert_eq!(group_digits(999.0), "999");
        assert_eq!(group_digits(-0.0), "-0");
    }

    #[test]
    fn display_forms_read_back() {
        let values = [
            (Label::Money, Value::Money { amount: 455e6, currency: "USD".into(), qualifier: Some("more than".into()) }),
            (Label::Money, Value::Money { amount: -0.25, currency: "KRW".into(), qualifier: None }),
            (Label::Quantity, Value::Quantity { amount: 3.5, unit: "t".into(), qualifier: Some("about".into()) }),
            (Label::Quantity, Value::Quantity { amount: 1234567.125, unit: "sq km".into(), qualifier: None }),
            (Label::Percent, Value::Number(12.5)),
            (Label::Cardinal, Value::Number(1e21)),
            (Label::Ordinal, Value::Number(2.0)),
            (Label::Date, Value::Timex("XXXX-WXX-2".into())),
            (Label::Time, Value::Timex("2022-08-09T15:00".into())),
            // Every TIMEX3 form newsmark writes (issue 12: brat notes lost these).
            (Label::Date, Value::Timex("XXXX-XX-WXX-2-#2".into())),
            (Label::Date, Value::Timex("-0044-03-15".into())),
            (Label::Date, Value::Timex("+10000-01-01".into())),
            (Label::Date, Value::Timex("12345".into())),
            (Label::Date, Value::Timex("2022-08-09/2022-08-10".into())),
            (Label::Date, Value::Timex("PRESENT_REF".into())),
            (Label::Cardinal, Value::Number(-1549471.0865756779)),
        ];
        for (label, v) in values {
            let back = Value::from_display(label, &v.display());
            assert_eq!(back.as_ref(), Some(&v), "{label:?}");
        }
        for (label, s) in [
            (Label::Money, "455 million dollars"),
            (Label::Money, "12,34 USD"),
            (Label::Cardinal, "twelve"),
            (Label::Cardinal, ""),
            (Label::Quantity, "3.5"),
            (Label::Date, "next week"),
            (Label::Date, "TODO"),
            (Label::Time, "check"),
            (Label::Person, "Jung Pak"),
        ] {
            assert_eq!(Value::from_display(label, s), None, "{label:?} {s:?}");
        }
    }
}
