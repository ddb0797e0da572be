//! Vague amounts: a scale without an exact number (`several million
//! euros`, `thousands of people`, `billions of dollars`, `tens of
//! thousands`, `scores of`), one span each, as GUIDELINES asks.
//!
//! | written | label, span, value |
//! |---|---|
//! | `several million euros` | MONEY `several million euros`, `1000000 EUR (several)` |
//! | `billions of dollars` | MONEY `billions of dollars`, `1000000000 USD (billions of)` |
//! | `hundreds of millions of dollars` | MONEY, `100000000 USD (hundreds of)` |
//! | `thousands of tonnes` | QUANTITY, `1000 t (thousands of)` |
//! | `thousands of people`, `tens of thousands of workers` | CARDINAL `thousands` 1000, `tens of thousands` 10000 |
//! | `dozens of`, `scores of`, `a few hundred` | CARDINAL `dozens` 12, `scores` 20, `a few hundred` 100 |
//!
//! The amount is the order of magnitude the phrase names: the smallest
//! round value it can mean (the product of its scales: `hundreds of
//! millions` is 100 × 1,000,000). MONEY and QUANTITY keep the vague word in
//! their qualifier (the list is [`VAGUE`], which the value check knows); a
//! CARDINAL's value is a bare number. What is counted (`people`) stays out
//! of a CARDINAL's span, as in OntoNotes; a currency or a unit joins it.
//! `scores` and `tens` are vague amounts only before `of` (`test scores`).
//! Before a time unit (`hundreds of years`) the phrase is the dates'.

use super::number::NumberPhrase;
use super::Scanner;
use crate::document::Annotation;
use crate::label::Label;
use crate::tokenize::cursor::LOWER_MAX;
use crate::tokenize::TokenKind;
use crate::value::Value;

/// Vague words before a singular scale (`several million`), as the
/// qualifier writes them.
const VAGUE_BEFORE_SCALE: &[&[&str]] = &[&["a", "few"], &["several"], &["many"], &["few"]];

/// Plural scales (`thousands`): the round value each stands for, and
/// whether it needs `of` after it to be an amount.
fn plural_scale(lower: &str) -> Option<(f64, bool)> {
    Some(match lower {
        "tens" => (10.0, true),
        "dozens" => (12.0, false),
        "scores" => (20.0, true),
        "hundreds" => (100.0, false),
        "thousands" => (1e3, false),
        "millions" => (1e6, false),
        "billions" => (1e9, false),
        "trillions" => (1e12, false),
        _ => return None,
    })
}

/// Singular scales (`several million`), also what a fraction may be of
/// (`fraction.rs`).
pub(super) fn singular_scale(lower: &str) -> Option<f64> {
    Some(match lower {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Every vague qualifier the recognizer writes (for the value check).
pub(crate) const VAGUE: &[&str] = &[
    "a few",
    "several",
    "many",
    "few",
    "tens of",
    "dozens of",
    "scores of",
    "hundreds of",
    "thousands of",
    "millions of",
    "billions of",
    "trillions of",
];

/// Whether a lower-cased word can start a vague amount: a cheap filter.
pub(super) fn can_start(lower: &str) -> bool {
    // By length first: this runs at every word.
    match lower.len() {
        1 => lower == "a",
        3 => lower == "few",
        4 => matches!(lower, "many" | "tens"),
        6 => matches!(lower, "dozens" | "scores"),
        7 => lower == "several",
        8 => matches!(lower, "hundreds" | "billions" | "millions"),
        9 => matches!(lower, "thousands" | "trillions"),
        _ => false,
    }
}

impl Scanner<'_> {
    /// A vague amount starting at token `i` (its word lower-cased is
    /// `lower`); returns where to go on, or `None` when there is none.
    #[inline(never)]
    pub(super) fn vague(&self, i: usize, lower: &str, out: &mut Vec<Annotation>) -> Option<usize> {
        let mut buf = [0u8; LOWER_MAX];
        let plural = plural_scale(lower);
        let (qualifier, value, end) = if let Some((scale, needs_of)) = plural {
            // `hundreds of thousands of`: plural scales joined by `of`.
            let mut value = scale;
            let mut end = i + 1;
            while self.is_word(end, &["of"]) {
                match self.lower(end + 1, &mut buf).and_then(plural_scale) {
                    Some((s, false)) => {
                        value *= s;
                        end += 2;
                    }
                    _ => break,
                }
            }
            if needs_of && end == i + 1 && !self.is_word(end, &["of"]) {
                return None;
            }
            (format!("{lower} of"), value, end)
        } else {
            let q = VAGUE_BEFORE_SCALE.iter().find(|q| q.iter().enumerate().all(|(k, w)| self.is_word(i + k, &[w])))?;
            let mut k = i + q.len();
            let mut value = 1.0;
            // `a few hundred thousand`, `several billion`
            while let Some(s) = self.lower(k, &mut buf).and_then(singular_scale) {
                value *= s;
                k += 1;
            }
            if k == i + q.len() {
                return None;
            }
            (q.join(" "), value, k)
        };
        if self.tokens[end - 1].kind != TokenKind::Word {
            return None;
        }
        let p = NumberPhrase { first: i, end, value, ordinal: false, spelled: true, scaled: true, scale: value };
        // What is counted: after `of` for a plural scale, right after a
        // singular one.
        let after = if plural.is_some() && self.is_word(end, &["of"]) { end + 1 } else { end };
        let counted = self.lower(after, &mut buf).map(str::to_owned);
        if counted.as_deref().is_some_and(crate::amount::unit::is_time_unit) {
            return Some(after);
        }
        if after < self.tokens.len() {
            if let Some(c) = self.currency_after(&p, after) {
                if c.end_byte.is_none() {
                    let value = Value::Money { amount: value * c.factor, currency: c.code.into(), qualifier: Some(qualifier) };
                    self.emit(out, i, c.end, Label::Money, value);
                    return Some(c.end);
                }
            }
            if let Some((unit, unit_end)) = self.unit_after(&p, after) {
                self.emit(
                    out,
                    i,
                    unit_end,
                    Label::Quantity,
                    Value::Quantity { amount: value, unit: unit.into(), qualifier: Some(qualifier) },
                );
                return Some(unit_end);
            }
        }
        self.emit(out, i, end, Label::Cardinal, Value::Number(value));
        Some(end)
    }
}
