//! PERCENT: a number and a percent sign or word, valued as the bare number.
//!
//! | written | value |
//! |---|---|
//! | `12.5%`, `12.5 percent`, `12.5 per cent`, `12.5 pct` | `12.5` |
//! | `.25%`, `(.5 percent)` | `0.25`, `0.5` |
//! | `minus 3 percent`, `negative 3%`, `-3%` | `-3` |
//! | `2 percentage points` | `2` |
//! | `50 basis points`, `25 bps`, `a 75-basis-point cut` (span `75-basis-point`) | `0.5`, `0.25`, `0.75` (percentage points) |
//! | `nine to 10 percent`, `10-15%` (a range, at its low end) | `9`, `10` |
//! | `percent of 10` (at the start of a clause) | `10` |

use super::number::{Letters, NumberPhrase};
use super::{scan_number, Scanner};
use crate::document::Annotation;
use crate::label::Label;
use crate::tokenize::cursor::{ascii_lower, LOWER_MAX};
use crate::tokenize::TokenKind;
use crate::value::Value;

impl Scanner<'_> {
    /// `percent of 10`, `per cent of twenty-two`: the percent word first.
    pub(super) fn percent_of(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let mut k = i + 1;
        if self.is_word(i, &["per"]) {
            if !self.is_word(k, &["cent"]) {
                return i + 1;
            }
            k += 1;
        }
        // Only at the start of a clause: `the percent of 10-year-olds` is not one.
        let starts_clause = i == 0 || matches!(self.tokens[i - 1].kind, TokenKind::Punct);
        if !starts_clause || !self.is_word(k, &["of"]) {
            return i + 1;
        }
        let Some(p) = scan_number(self.text, self.tokens, k + 1, Letters::Plain) else { return i + 1 };
        let ends_clause = self.tokens.get(p.end).is_none_or(|t| t.kind == TokenKind::Punct);
        if p.ordinal || !ends_clause {
            return i + 1;
        }
        self.emit(out, i, p.end, Label::Percent, Value::Number(p.value));
        p.end
    }

    /// A PERCENT after the number phrase `p`: `12.5%`, `minus 3 percent`,
    /// and a percent range valued at its low end (`nine to 10 percent`, `5 -
    /// 7 percent`).
    pub(super) fn percent_after_number(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) -> Option<usize> {
        let (i, k) = (p.first, p.end);
        if let Some((end, factor)) = self.percent_after(k).map(|e| (e, 1.0)).or_else(|| self.basis_points_after(k).map(|e| (e, 0.01))) {
            let (first, value) = match self.sign_before(i) {
                Some(sign) => (sign, -p.value),
                None => (i, p.value),
            };
            self.emit(out, first, end, Label::Percent, Value::Number(value * factor));
            return Some(end);
        }
        // `nine to 10 percent`, `5 - 7 percent`: a percent range, valued at
        // its low end.
        if self.is_word(k, &["to"]) || self.tokens.get(k).is_some_and(|t| matches!(t.text(self.text), "-" | "–")) {
            if let Some(q) = scan_number(self.text, self.tokens, k + 1, Letters::Plain).filter(|q| !q.ordinal) {
                if let Some(end) = self.percent_after(q.end) {
                    self.emit(out, i, end, Label::Percent, Value::Number(p.value));
                    return Some(end);
                }
                if let Some(end) = self.basis_points_after(q.end) {
                    self.emit(out, i, end, Label::Percent, Value::Number(p.value / 100.0));
                    return Some(end);
                }
            }
        }
        None
    }

    /// A percent sign or word at token `k`; the end of the PERCENT.
    pub(super) fn percent_after(&self, k: usize) -> Option<usize> {
        let t = self.tokens.get(k)?;
        match t.kind {
            TokenKind::Symbol if t.text(self.text) == "%" => Some(k + 1),
            TokenKind::Word => {
                let mut buf = [0u8; LOWER_MAX];
                let lower = ascii_lower(t.text(self.text), &mut buf)?;
                match lower.strip_suffix('.').unwrap_or(lower) {
                    "percent" | "percents" | "pct" | "pc" => Some(if self.is_word(k + 1, &["point", "points"]) { k + 2 } else { k + 1 }),
                    "percentage" => Some(if self.is_word(k + 1, &["point", "points"]) { k + 2 } else { k + 1 }),
                    "per" if self.is_word(k + 1, &["cent", "cent."]) => Some(k + 2),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Basis points at token `k` (`basis points`, `bps`, `bp`, and glued
    /// `-basis-point`): the end of the PERCENT. A basis point is a
    /// hundredth of a percentage point, so the caller divides by 100.
    /// `bps` and `bp` only in lower case (`BP` is a company).
    pub(super) fn basis_points_after(&self, k: usize) -> Option<usize> {
        let t = self.tokens.get(k)?;
        let raw = t.text(self.text);
        if raw == "-" && self.glued(k - 1, k) && self.glued(k, k + 1) {
            // `75-basis-point`: the tokenizer keeps `basis-point` whole.
            let next = self.tokens.get(k + 1)?;
            let mut buf = [0u8; LOWER_MAX];
            let lower = ascii_lower(next.text(self.text), &mut buf)?;
            return match lower {
                "basis-point" | "bp" => Some(k + 2),
                "basis" if self.is_word(k + 2, &["point", "points"]) => Some(k + 3),
                _ => None,
            };
        }
        if t.kind != TokenKind::Word {
            return None;
        }
        match raw {
            "bps" | "bp" | "bp." | "bps." => return Some(k + 1),
            _ => {}
        }
        (self.is_word(k, &["basis"]) && self.is_word(k + 1, &["point", "points"])).then_some(k + 2)
    }
}
