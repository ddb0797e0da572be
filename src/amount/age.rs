//! Ages: DATE with a duration value, as in OntoNotes (GUIDELINES.md).
//!
//! | written | span, value |
//! |---|---|
//! | `a 34-year-old nurse`, `the six-year-old`, `18-year-olds` | `34-year-old` P34Y, `six-year-old` P6Y, `18-year-olds` P18Y |
//! | `a 3-month-old baby`, `a two-week-old calf`, `a 10-day-old foal` | `3-month-old` P3M, `two-week-old` P2W, `10-day-old` P10D |
//! | `ten months old`, `3 years of age`, `a 90 day old bill` | the whole phrase, P10M, P3Y, P90D |
//! | `aged 61`, `at age 70`, `at the age of 12`, `aged over 65`, `aged 70 and over` | `61` P61Y, `70` P70Y, `12` P12Y, `65` P65Y, `70` P70Y: the number alone |
//! | `John Smith, 45, was`, `his wife, 43, said` | `45` P45Y, `43` P43Y |
//!
//! The words around an age (`aged`, `the age of`) stay out of its span,
//! as OntoNotes marks `61` in `aged 61`; the possessive `'s` is a token of
//! its own and stays out too (`the 40-year-old's car`). An age is whole:
//! `aged 18 to 25` and `aged 6 months` are left to the others.
//!
//! The value is written here and not by `crate::date::timex`: the dates
//! recognizer imports the amounts' number grammar, so the amounts may not
//! import it back. The form is the same (`P34Y`, `P2.5Y`).

use super::number::{self, NumberPhrase};
use super::Scanner;
use crate::document::Annotation;
use crate::label::Label;
use crate::tokenize::cursor::LOWER_MAX;
use crate::tokenize::TokenKind;
use crate::value::Value;
use crate::words;

/// The TIMEX3 letter of a time unit an age or a duration compound counts
/// in, and whether it is shorter than a day (a TIME). Hours and minutes
/// serve the compounds only (`two-hour`).
pub(super) fn time_unit_letter(lower: &str) -> Option<(&'static str, bool)> {
    Some(match lower {
        "year" | "years" => ("Y", false),
        "month" | "months" => ("M", false),
        "week" | "weeks" => ("W", false),
        "day" | "days" => ("D", false),
        "decade" | "decades" => ("DE", false),
        "century" | "centuries" => ("CE", false),
        "hour" | "hours" => ("H", true),
        "minute" | "minutes" => ("M", true),
        _ => return None,
    })
}

/// `P34Y`, `P2.5Y`, `PT2H`: a duration of `n` units.
pub(super) fn duration(n: f64, letter: &str, time: bool) -> String {
    let t = if time { "T" } else { "" };
    if n.fract() == 0.0 {
        format!("P{t}{}{letter}", n as i64)
    } else {
        format!("P{t}{n}{letter}")
    }
}

/// The unit letter of an age's tail: `year-old`, `years-old`, `month-olds`
/// (a day or longer: no one is `two-hour-old` in the news).
pub(super) fn age_tail(tail: &str) -> Option<&'static str> {
    let (unit, old) = tail.split_once('-')?;
    if !matches!(old, "old" | "olds") {
        return None;
    }
    match time_unit_letter(unit)? {
        (letter @ ("Y" | "M" | "W" | "D"), false) => Some(letter),
        _ => None,
    }
}

/// Nouns for people an age follows between commas (`his wife, 43,`).
const PEOPLE: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "wife",
    "husband",
    "son",
    "daughter",
    "mother",
    "father",
    "brother",
    "sister",
    "victim",
    "suspect",
    "driver",
    "friend",
    "partner",
    "teenager",
    "mom",
    "dad",
    "grandmother",
    "grandfather",
    "widow",
    "owner",
    "pilot",
    "officer",
];

impl Scanner<'_> {
    /// An age written with digits: `34-year-old`, `3-month-olds`, the phrase
    /// `p` glued to a hyphen and the tail (or a space before it: `9
    /// year-old`). Emits a DATE; returns its end.
    pub(super) fn age_after_digits(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) -> Option<usize> {
        if p.spelled || p.end != p.first + 1 || p.value <= 0.0 {
            return None;
        }
        // `34-year-old`, or spaced: `a 9 year-old boy`.
        let k = p.end;
        let tail = if self.text_at(k) == "-" && self.glued(k - 1, k) && self.glued(k, k + 1) { k + 1 } else { k };
        if tail == k && self.glued(k - 1, k) {
            return None;
        }
        // A cheap look first (this runs at every count): a word ending in
        // `old` or `olds`, long enough for `day-old`.
        let b = self.text_at(tail).as_bytes();
        if b.len() < 7 || !matches!(b[b.len() - 1] | 0x20, b'd' | b's') || !self.is_kind(tail, TokenKind::Word) {
            return None;
        }
        let mut buf = [0u8; LOWER_MAX];
        let letter = self.lower(tail, &mut buf).and_then(age_tail)?;
        self.emit(out, p.first, tail + 1, Label::Date, Value::Timex(duration(p.value, letter, false)));
        Some(tail + 1)
    }

    /// An age written in words after the number phrase `p`: `ten months
    /// old`, `3 years of age`, `a 90 day old bill` (`34 years old` is the
    /// dates recognizer's too, the same span and value).
    pub(super) fn age_in_words(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) -> Option<usize> {
        if p.ordinal || p.value <= 0.0 {
            return None;
        }
        let k = p.end;
        if !self.is_kind(k, TokenKind::Word) || !self.is_kind(k + 1, TokenKind::Word) {
            return None;
        }
        let mut buf = [0u8; LOWER_MAX];
        let letter = match self.lower(k, &mut buf).and_then(time_unit_letter)? {
            (letter @ ("Y" | "M" | "W" | "D"), false) => letter,
            _ => return None,
        };
        let end = if self.is_word(k + 1, &["old"]) {
            k + 2
        } else if self.is_word(k + 1, &["of"]) && self.is_word(k + 2, &["age"]) {
            k + 3
        } else {
            return None;
        };
        self.emit(out, p.first, end, Label::Date, Value::Timex(duration(p.value, letter, false)));
        Some(end)
    }

    /// An age by what is around the number phrase `p`: `aged 61`, `at age
    /// 70`, `the age of 12`, or a number between commas after a name or a
    /// person (`John Smith, 45, was`). Emits a DATE over the number alone.
    pub(super) fn age_by_context(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) -> Option<usize> {
        let (first, end) = (p.first, p.end);
        if first == 0 || p.ordinal || p.scaled || p.value.fract() != 0.0 || !(1.0..=125.0).contains(&p.value) {
            return None;
        }
        // What comes before first: it rules out most numbers at once (this
        // runs at every count).
        let after_comma = self.text_at(first - 1) == ",";
        if !after_comma && !self.is_kind(first - 1, TokenKind::Word) {
            return None;
        }
        // `aged 61`, `at age 70`, `the age of 12`, `aged over 65`: the word
        // before copied once and matched, not compared with each.
        let mut pb = [0u8; LOWER_MAX];
        let initial = self.raw(first - 1).as_bytes()[0] | 0x20;
        let by_word = !after_comma
            && matches!(initial, b'a' | b'o' | b'u' | b'n' | b'r')
            && match self.lower(first - 1, &mut pb) {
                Some("aged" | "age") => true,
                Some("of") => first >= 2 && self.is_word(first - 2, &["age"]),
                Some("over" | "under" | "about" | "around" | "nearly" | "almost" | "roughly") => {
                    first >= 2 && self.is_word(first - 2, &["aged"])
                }
                _ => false,
            };
        if !(by_word || after_comma && self.age_between_commas(p)) {
            return None;
        }
        // `aged 18 to 25`, `aged 6 months`: not one age in years (but
        // `aged 70 and over` is one).
        let mut buf = [0u8; LOWER_MAX];
        let next = self.lower(end, &mut buf);
        let open_ended = self.is_word(end + 1, &["over", "older", "above", "up", "under", "younger", "below"]);
        let range = next.is_some_and(|n| matches!(n, "to" | "-" | "–" | "through" | "%") || matches!(n, "and" | "or") && !open_ended);
        if range || next.is_some_and(|n| time_unit_letter(n).is_some()) {
            return None;
        }
        if self.glued(end - 1, end) && self.tokens.get(end).is_some_and(|t| t.kind != TokenKind::Punct) {
            return None;
        }
        self.emit(out, first, end, Label::Date, Value::Timex(duration(p.value, "Y", false)));
        Some(end)
    }

    /// `John Smith, 45, was`, `his wife, 43, said`: digits alone between
    /// two commas (or a comma and a period), after a capitalized word (not a month, a weekday or a
    /// number word: `Friday, 12,` is no age), a noun for a person, or a
    /// lower-case noun after a determiner (`the minister, 58,`).
    fn age_between_commas(&self, p: &NumberPhrase) -> bool {
        let first = p.first;
        let closed = matches!(self.text_at(p.end), "," | ".");
        if p.spelled || p.end != first + 1 || first < 2 || self.text_at(first - 1) != "," || !closed {
            return false;
        }
        // Over 100 it is more often a score (`Chris Adams, 123, and`).
        if !self.is_kind(first, TokenKind::Number) || p.value > 100.0 {
            return false;
        }
        let w = first - 2;
        let word = self.tokens[w];
        if word.kind != TokenKind::Word {
            return false;
        }
        let raw = word.text(self.text);
        // `his wife, 43,`; `the minister, 58,`: a person named by a noun.
        let determined = w > 0 && self.is_word(w - 1, &["the", "his", "her", "their", "a", "an"]);
        if self.is_word(w, PEOPLE) || determined && raw.bytes().all(|b| b.is_ascii_lowercase()) {
            return true;
        }
        // `Müller`: a name in any script, capitalized.
        let mut chars = raw.chars();
        let capitalized = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
        let mut buf = [0u8; LOWER_MAX];
        let calendar_or_number = self.lower(w, &mut buf).is_some_and(|lower| {
            words::month_name(lower).is_some()
                || words::month_abbreviation(lower).is_some()
                || words::weekday_name(lower).is_some()
                || words::weekday_abbreviation(lower).is_some()
                || number::is_number_word(lower)
        });
        capitalized && !calendar_or_number
    }

    /// An age in one hyphenated word: `six-year-old`, `twenty-five-year-olds`
    /// (lower-cased `lower`, at token `i`).
    pub(super) fn age_word(&self, i: usize, lower: &str, out: &mut Vec<Annotation>) -> Option<usize> {
        let cut = lower.match_indices('-').map(|(h, _)| h).find(|&h| age_tail(&lower[h + 1..]).is_some())?;
        let letter = age_tail(&lower[cut + 1..])?;
        let n = number::parse_number(&lower[..cut]).filter(|n| *n > 0.0)?;
        self.emit(out, i, i + 1, Label::Date, Value::Timex(duration(n, letter, false)));
        Some(i + 1)
    }
}
