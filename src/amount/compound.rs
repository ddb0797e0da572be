//! Compounds: a number joined by a hyphen to the word it qualifies.
//!
//! | written | label, span, value |
//! |---|---|
//! | `the second-largest`, `third-biggest`, `second-place`, `first-round` | ORDINAL `second`, `third`, ... : the ordinal alone |
//! | `a 5-point lead`, `a 12-member panel`, `a five-point plan` | CARDINAL `5`, `12`, `five`: the number alone |
//! | `a 5-percentage-point lead` | PERCENT `5-percentage-point` 5 |
//! | `a billion-dollar deal` | MONEY `billion-dollar` 1000000000 USD |
//! | `a three-day visit`, `a five-year plan`, `a two-hour meeting` | DATE `three-day` P3D, `five-year` P5Y; TIME `two-hour` PT2H |
//! | `six-year-old`, `34-year-old` | DATE, an age ([`super::age`]) |
//! | `a 6.1-magnitude quake`, `magnitude 6.1`, `a magnitude of 6.4`, `5.2 on the Richter scale` | QUANTITY, `6.1 magnitude` |
//!
//! As in OntoNotes, which marks `second` inside `second-largest`, the
//! number is marked alone when the word it is glued to is no unit, no
//! currency and no time: the word is what is counted or ranked, and stays
//! out as `people` does in `thousands of people`. A span may so end inside
//! a token. Words that make an idiom with a number (`one-time`, `two-way`,
//! `second-hand`, `first-class`) are no compounds, and `first-half`,
//! `second-quarter` are the dates'.
//!
//! A magnitude is a QUANTITY with the unit `magnitude`: a reading on a
//! scale, like degrees.

use super::number::{self, NumberPhrase};
use super::{age, currency, unit, Scanner};
use crate::document::{Annotation, Source};
use crate::label::Label;
use crate::span::Span;
use crate::tokenize::cursor::LOWER_MAX;
use crate::tokenize::TokenKind;
use crate::value::Value;

/// Words an ordinal ranks with before them: superlatives (`largest`,
/// `most`, `best`, `worst`) and places in a ranking.
fn ranks(tail: &str) -> bool {
    (tail.len() > 4 && tail.ends_with("est") && !matches!(tail, "interest" | "harvest" | "protest" | "contest" | "request" | "conquest"))
        || matches!(
            tail,
            "best"
                | "most"
                | "worst"
                | "least"
                | "place"
                | "placed"
                | "round"
                | "ranked"
                | "seeded"
                | "ever"
                | "generation"
                | "tier"
                | "straight"
        )
}

/// Words after a number that make an idiom, not a count (`two-way`,
/// `three-dimensional`, `two-time champion`).
fn idiom(tail: &str) -> bool {
    matches!(
        tail,
        "way"
            | "ways"
            | "time"
            | "times"
            | "timer"
            | "fold"
            | "faced"
            | "sided"
            | "tone"
            | "dimensional"
            | "stroke"
            | "step"
            | "piece"
            | "seater"
            | "handed"
            | "headed"
            | "legged"
            | "wheeler"
            | "some"
            | "thirds"
            | "quarters"
            | "halves"
            | "half"
            | "quarter"
            | "nil"
            | "all"
            | "love"
            | "up"
            | "off"
            | "liner"
            | "daily"
            | "weekly"
            | "monthly"
            | "yearly"
            | "hourly"
            | "mo"
            | "mos"
    )
}

/// Whether a lower-cased word glued after a number is what the number
/// counts: a plain lower-case word, no unit, currency, time or idiom.
fn counted_word(tail: &str) -> bool {
    tail.len() > 1
        && tail.bytes().all(|b| b.is_ascii_lowercase())
        && !idiom(tail)
        // `40-million`, `two-hundredths`: a number or a fraction itself.
        && !number::is_number_word(tail)
        && !tail.ends_with("ths")
        && unit::single(tail, tail, false).is_none()
        && !unit::is_time_unit(tail)
        && currency::noun(tail).is_none()
        && tail != "percent"
}

impl Scanner<'_> {
    /// A compound in one hyphenated word at token `i` whose first piece is
    /// a number word (`lower` lower-cased): an age, a duration, a ranking
    /// or a count. Emits it and returns where to go on.
    #[inline(never)]
    pub(super) fn compound_word(&self, i: usize, lower: &str, out: &mut Vec<Annotation>) -> Option<usize> {
        if let Some(end) = self.age_word(i, lower, out) {
            return Some(end);
        }
        // `three-day`, `twenty-five-year`: a number, then a time unit last.
        if let Some((num, tail)) = lower.rsplit_once('-') {
            if let Some((letter, time)) = age::time_unit_letter(tail) {
                let n = number::parse_number(num).filter(|n| *n > 0.0)?;
                let label = if time { Label::Time } else { Label::Date };
                self.emit(out, i, i + 1, label, Value::Timex(age::duration(n, letter, time)));
                return Some(i + 1);
            }
        }
        let (head, tail) = lower.split_once('-')?;
        // `five-percentage-point`: percentage points, a PERCENT.
        if matches!(tail, "percentage-point" | "percentage-points") {
            let n = number::parse_number(head)?;
            self.emit(out, i, i + 1, Label::Percent, Value::Number(n));
            return Some(i + 1);
        }
        // `billion-dollar`, `million-euro`: a scale alone is one of it.
        if let Some(scale) = number::scale_word(head, head, false, number::Letters::Plain) {
            let (code, factor) = currency::noun(tail).and_then(|n| n.default_code.map(|c| (c, n.factor)))?;
            let qualifier = self.qualifier(i, None);
            self.emit(out, i, i + 1, Label::Money, Value::Money { amount: scale * factor, currency: code.into(), qualifier });
            return Some(i + 1);
        }
        let start = self.tokens[i].span.start;
        let head_span = Span::new(start, start + head.len());
        if let Some(n) = number::parse_ordinal(head) {
            if ranks(tail) {
                out.push(Annotation::new(head_span, Label::Ordinal, Some(Value::Number(n)), Source::Rule));
                return Some(i + 1);
            }
            return None;
        }
        // `one-man`, `one-off`, `one-party`: `one` before a word is an idiom
        // more often than a count, but for the scores and seats news counts.
        let n = number::parse_number(head)?;
        let one_counts = matches!(tail, "point" | "goal" | "seat" | "run" | "vote" | "game" | "match" | "stroke" | "wicket" | "member");
        if (n >= 2.0 || one_counts) && counted_word(tail) {
            out.push(Annotation::new(head_span, Label::Cardinal, Some(Value::Number(n)), Source::Rule));
            return Some(i + 1);
        }
        None
    }

    /// `a 5-point lead`, `a 12-member panel`: digits glued by a hyphen to
    /// the word they count. Emits the CARDINAL over the digits (a PERCENT
    /// over all of `5-percentage-point`).
    pub(super) fn count_before_word(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) -> Option<usize> {
        let k = p.end;
        if p.spelled || p.end != p.first + 1 || self.text_at(k) != "-" || !self.glued(k - 1, k) || !self.glued(k, k + 1) {
            return None;
        }
        if self.is_word(k + 1, &["percentage-point", "percentage-points"]) {
            self.emit(out, p.first, k + 2, Label::Percent, Value::Number(p.value));
            return Some(k + 2);
        }
        if !self.is_kind(k + 1, TokenKind::Word) || self.glued(k + 1, k + 2) && !self.is_kind(k + 2, TokenKind::Punct) {
            return None;
        }
        // Before a capital it is a name (`7-Eleven`, `3-D`).
        let mut buf = [0u8; LOWER_MAX];
        let raw = self.raw(k + 1);
        if !raw.as_bytes()[0].is_ascii_lowercase() || !self.lower(k + 1, &mut buf).is_some_and(counted_word) {
            return None;
        }
        // A leading zero is a code; a year is the dates'.
        let digits = self.raw(p.first).as_bytes();
        if digits.len() > 1 && digits[0] == b'0' && digits[1] != b'.' || !p.value.is_finite() {
            return None;
        }
        self.emit(out, p.first, p.end, Label::Cardinal, Value::Number(p.value));
        Some(k + 2)
    }

    /// `5.2 on the Richter scale`: a magnitude written after the number
    /// phrase `p`.
    pub(super) fn richter_after_number(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) -> Option<usize> {
        let k = p.end;
        let said = self.is_word(k, &["on"])
            && self.is_word(k + 1, &["the"])
            && self.is_word(k + 2, &["richter"])
            && self.is_word(k + 3, &["scale"]);
        if !said {
            return None;
        }
        self.emit(out, p.first, k + 4, Label::Quantity, Value::Quantity { amount: p.value, unit: unit::MAGNITUDE.into(), qualifier: None });
        Some(k + 4)
    }

    /// `magnitude 6.1`, `magnitude-7.8`, `a magnitude of 6.4`: the unit
    /// before the number.
    pub(super) fn magnitude_first(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let mut k = i + 1;
        if self.text_at(k) == "-" && self.glued(i, k) && self.glued(k, k + 1) || self.is_word(k, &["of"]) {
            k += 1;
        }
        if !self.is_kind(k, TokenKind::Number) || (k == i + 1 && self.glued(i, k)) {
            return i + 1;
        }
        let Some(value) = number::parse_digits(self.raw(k)).filter(|v| (0.0..=10.0).contains(v)) else { return i + 1 };
        if self.glued(k, k + 1) && self.is_kind(k + 1, TokenKind::Word) {
            return i + 1;
        }
        self.emit(out, i, k + 1, Label::Quantity, Value::Quantity { amount: value, unit: unit::MAGNITUDE.into(), qualifier: None });
        k + 1
    }
}
