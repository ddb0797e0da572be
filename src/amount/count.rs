//! CARDINAL and ORDINAL: numbers that count or rank, and nothing else.
//!
//! | written | label, value |
//! |---|---|
//! | `1,200`, `two million three hundred thousand`, `.25`, `minus 5` | CARDINAL `1200`, `2300000`, `0.25`, `-5` |
//! | `40-million` (`its 40-million population`), `1.2m` (`1.2m people`; `a 100m sprint` is meters) | CARDINAL `40000000`, `1200000` |
//! | `5th`, `twenty-first`, `second` (`the second round`) | ORDINAL `5`, `21`, `2` |
//!
//! Left out: four-digit years 1900-2099 standing alone (the dates
//! recognizer's), digits glued to letters (`3D`, `scp-173`), numbers with a
//! leading zero (codes, phone numbers), `one` as a pronoun (`no one`), and
//! `second` as a unit of time (`a second`, `per second`).

use super::number::{self, NumberPhrase};
use super::Scanner;
use crate::document::Annotation;
use crate::label::Label;
use crate::tokenize::cursor::LOWER_MAX;
use crate::tokenize::TokenKind;
use crate::value::Value;

impl Scanner<'_> {
    /// `.25`: a decimal written without its zero, at the start of a word (or
    /// after an opening bracket or quote); a PERCENT with a percent sign or
    /// word after it (`.25%`, `(.5 percent)`).
    pub(super) fn leading_dot(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let n = i + 1;
        let opens = |k: usize| matches!(self.raw(k), "(" | "[" | "\"" | "\u{201c}" | "'" | "\u{2018}");
        let Some(value) = self.point_and_digits(i).filter(|_| i == 0 || !self.glued(i - 1, i) || opens(i - 1)) else {
            return i + 1;
        };
        if let Some(end) = self.percent_after(n + 1) {
            self.emit(out, i, end, Label::Percent, Value::Number(value));
            return end;
        }
        if self.glued(n, n + 1) {
            return i + 1;
        }
        self.emit(out, i, n + 1, Label::Cardinal, Value::Number(value));
        n + 1
    }

    /// The value of a decimal written without its zero as the tokenizer
    /// splits it, a `.` at token `i` with digits glued after it (`.25`,
    /// the `.99` of `$.99`); `None` when token `i` starts none.
    pub(super) fn point_and_digits(&self, i: usize) -> Option<f64> {
        let n = i + 1;
        let digits = self.tokens.get(n).is_some_and(|t| t.kind == TokenKind::Number && self.raw(n).bytes().all(|b| b.is_ascii_digit()));
        if !(digits && self.raw(i) == "." && self.glued(i, n)) {
            return None;
        }
        number::parse_digits(&self.text[self.tokens[i].span.start..self.tokens[n].span.end])
    }

    /// An ORDINAL for the ordinal phrase `p`, where it is one.
    pub(super) fn ordinal(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) {
        if self.ordinal_ok(p) {
            self.emit(out, p.first, p.end, Label::Ordinal, Value::Number(p.value));
        }
    }

    /// A CARDINAL for the plain number phrase `p`, where it is one; `minus`
    /// or `negative` before it joins the span and negates the value.
    pub(super) fn cardinal(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) {
        let i = p.first;
        if self.cardinal_ok(p) {
            if i > 0 && self.is_word(i - 1, &["minus", "negative"]) {
                self.emit(out, i - 1, p.end, Label::Cardinal, Value::Number(-p.value));
            } else {
                self.emit(out, i, p.end, Label::Cardinal, Value::Number(p.value));
            }
        }
    }

    /// Whether a plain number phrase is a CARDINAL here.
    pub(super) fn cardinal_ok(&self, p: &NumberPhrase) -> bool {
        let first = p.first;
        let last = p.end - 1;
        // Glued to letters or symbols on either side: part of a code, a
        // model name or an identifier (`3D`, `scp-173`, `#1`, `+82`).
        if first > 0 && self.glued(first - 1, first) {
            let prev = self.tokens[first - 1];
            let prev_raw = prev.text(self.text);
            // CJK text has no spaces; an emoji is no part of a word.
            let allowed = matches!(prev_raw, "(" | "[" | "\"" | "“" | "‘" | "'" | "/" | "—" | "–" | "~")
                || matches!(prev.kind, TokenKind::Cjk | TokenKind::Emoji);
            if !allowed {
                return false;
            }
        }
        if self.glued(last, last + 1) {
            let next = self.tokens[last + 1];
            let next_raw = next.text(self.text);
            if next.kind == TokenKind::Word || next.kind == TokenKind::Number {
                return false;
            }
            // `10-year-old`, `7-Eleven`: a compound word, not a count.
            if next_raw == "-" && self.glued(last + 1, last + 2) {
                return false;
            }
        }
        if !p.spelled {
            let raw = self.raw(first);
            if p.end == first + 1 {
                let b = raw.as_bytes();
                // Leading zeros: codes and phone numbers, not counts.
                if b.len() > 1 && b[0] == b'0' && b[1] != b'.' {
                    return false;
                }
                // A year: the dates recognizer's.
                if b.len() == 4 && b.iter().all(u8::is_ascii_digit) && (1900.0..=2099.0).contains(&p.value) {
                    return false;
                }
            }
            return true;
        }
        // `one` as a pronoun: `no one`, `the one who`, `one another`.
        if p.end == first + 1 && self.is_word(first, &["one"]) {
            if first > 0
                && self.is_word(
                    first - 1,
                    &[
                        "no", "any", "every", "some", "each", "this", "that", "which", "the", "another", "such", "little", "loved",
                        "someone", "everyone",
                    ],
                )
            {
                return false;
            }
            if self.is_word(first + 1, &["another", "'s", "’s"]) {
                return false;
            }
        }
        true
    }

    /// Whether an ordinal phrase is an ORDINAL here (`second` can be a unit
    /// of time: `a second`, `per second`, `30 second`).
    pub(super) fn ordinal_ok(&self, p: &NumberPhrase) -> bool {
        let first = p.first;
        if self.tokens[first].kind == TokenKind::Number {
            // `5th` glued to letters is an identifier.
            return !(self.glued(p.end - 1, p.end) && self.tokens.get(p.end).is_some_and(|t| t.kind == TokenKind::Word));
        }
        // `a hundredth`, `a trillionth`: fractions.
        if first > 0
            && self.is_word(first - 1, &["a", "an"])
            && self.is_word(first, &["hundredth", "thousandth", "millionth", "billionth", "trillionth"])
        {
            return false;
        }
        if p.end == first + 1 && self.is_word(first, &["second"]) && first > 0 {
            let prev = first - 1;
            if self.tokens[prev].kind == TokenKind::Number {
                return false;
            }
            let mut buf = [0u8; LOWER_MAX];
            if let Some(l) = self.lower(prev, &mut buf) {
                if matches!(l, "per" | "split" | "every" | "each" | "one" | "nano" | "milli" | "micro") || number::is_number_word(l) {
                    return false;
                }
                if l == "a" {
                    let next_is_word = self.tokens.get(p.end).is_some_and(|t| t.kind == TokenKind::Word);
                    let time_like = self.is_word(p.end, &["or", "and", "ago", "later", "longer", "too", "before", "after"]);
                    if !next_is_word || time_like {
                        return false;
                    }
                }
            }
        }
        true
    }
}
