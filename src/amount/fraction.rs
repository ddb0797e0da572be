//! Fractions and mixed numbers, valued as numbers (rounded to four
//! decimals: `a third` is 0.3333).
//!
//! | written | label, span, value |
//! |---|---|
//! | `two and a half percent`, `3 and a quarter miles` | the amount it starts, `2.5`, `3.25 mi` |
//! | `2 1/2 cups`, `1 3/4 miles` | the amount it starts, `2.5`, `1.75 mi` |
//! | `three-quarters of members`, `two-thirds majority` | CARDINAL `three-quarters` 0.75, `two-thirds` 0.6667 |
//! | `a third of voters`, `one half of` | CARDINAL `third` 0.3333 (the article stays out), `one half` 0.5 (only before `of`: `a third time` is a rank) |
//! | `a quarter of a million people` | CARDINAL `quarter of a million` 250000 |

use super::number::{self, NumberPhrase};
use super::{currency, Scanner};
use crate::document::Annotation;
use crate::label::Label;
use crate::tokenize::cursor::LOWER_MAX;
use crate::tokenize::TokenKind;
use crate::value::Value;

/// The denominator a fraction word stands for (`quarters` 4).
fn denominator(lower: &str) -> Option<f64> {
    Some(match lower {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "eighth" | "eighths" => 8.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

/// A scale a fraction may be of (`a quarter of a million`, `half a
/// dozen`): the singular scales vague amounts read, and `dozen`.
fn scale_of(lower: &str) -> Option<f64> {
    match lower {
        "dozen" => Some(12.0),
        other => super::vague::singular_scale(other),
    }
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

impl Scanner<'_> {
    /// A fraction written in words at token `i` (lower-cased `lower`):
    /// `three-quarters`, `a third of`. Emits a CARDINAL and returns its end.
    #[inline(never)]
    pub(super) fn fraction_word(&self, i: usize, lower: &str, out: &mut Vec<Annotation>) -> Option<usize> {
        if let Some((num, den)) = lower.split_once('-') {
            let den = denominator(den)?;
            let n = number::parse_number(num).filter(|n| *n >= 1.0 && *n < den)?;
            self.emit(out, i, i + 1, Label::Cardinal, Value::Number(round4(n / den)));
            return Some(i + 1);
        }
        if !matches!(lower, "a" | "an" | "one") || !self.is_word(i + 2, &["of"]) {
            return None;
        }
        let mut buf = [0u8; LOWER_MAX];
        let den = self.lower(i + 1, &mut buf).and_then(denominator)?;
        // `a quarter of 2022` is a date's.
        if self.tokens.get(i + 3).is_some_and(|t| t.kind == TokenKind::Number) && self.is_word(i + 1, &["quarter"]) {
            return None;
        }
        // `a quarter of a million`: a fraction of a scale is a number (not
        // before a currency: `a quarter of a million dollars` keeps its money).
        let mut b2 = [0u8; LOWER_MAX];
        let scale = self.is_word(i + 3, &["a", "an"]).then(|| self.lower(i + 4, &mut b2).and_then(scale_of)).flatten();
        let money_after = self.lower(i + 5, &mut buf).is_some_and(|l| currency::noun(l).is_some());
        if let Some(scale) = scale.filter(|_| !money_after) {
            self.emit(out, i, i + 5, Label::Cardinal, Value::Number(round4(scale / den)));
            return Some(i + 5);
        }
        self.emit(out, i, i + 2, Label::Cardinal, Value::Number(round4(1.0 / den)));
        Some(i + 2)
    }

    /// The fraction that ends a mixed number after the phrase `p`: `and a
    /// half`, `and three quarters`, or digits `1/2` (`2 1/2`). Returns `p`
    /// grown over it, or `p` itself.
    pub(super) fn mixed(&self, p: NumberPhrase) -> NumberPhrase {
        let mut buf = [0u8; LOWER_MAX];
        let k = p.end;
        if p.ordinal || p.scale > 1.0 {
            return p;
        }
        if self.is_word(k, &["and"]) {
            let numerator = if self.is_word(k + 1, &["a", "one"]) {
                Some(1.0)
            } else {
                self.lower(k + 1, &mut buf).and_then(|l| number::parse_number(l).filter(|n| *n >= 1.0 && *n < 10.0))
            };
            if let Some(n) = numerator {
                let mut b2 = [0u8; LOWER_MAX];
                // Halves and quarters only: `forty two and a third` reads as a
                // rank in the Recognizers-Text specs, and is rare in news.
                if let Some(den) = self.lower(k + 2, &mut b2).and_then(denominator).filter(|d| n < *d && (*d == 2.0 || *d == 4.0)) {
                    return NumberPhrase { end: k + 3, value: round4(p.value + n / den), ..p };
                }
            }
            return p;
        }
        // `2 1/2`: digits, a space, then a fraction token.
        if !p.spelled && p.value.fract() == 0.0 && !self.glued(k - 1, k) {
            if let Some(t) = self.tokens.get(k).filter(|t| t.kind == TokenKind::Number) {
                if let Some((a, b)) = t.text(self.text).split_once('/') {
                    if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
                        if a >= 1 && a < b && b <= 64 {
                            return NumberPhrase { end: k + 1, value: round4(p.value + f64::from(a) / f64::from(b)), ..p };
                        }
                    }
                }
            }
        }
        p
    }
}
