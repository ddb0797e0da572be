//! The scanner: one pass over the tokens, longest match at each token.
//!
//! Tokens are classified once ([`classify`]); then at each token that can
//! start a date or time the matchers below are tried, and the longest
//! reading wins: a time with a day after it (`3 p.m. Tuesday`), a date with
//! a time or part of day after it (`Tuesday morning`), a date, a duration
//! or a counted relative date (`two days ago`). After a match the scan goes
//! on after it, so the output never overlaps itself.
//!
//! Spans cover whole tokens. Determiners are left out, as the guidelines
//! say (`the 1990s` is `1990s`, `the first half of 2021` is `first half of
//! 2021`, `the past two years` is `past two years`), except where `the` is
//! the reference itself, before a bare unit, as the gold has it (`the
//! year`, `the weekend`, `the day before yesterday`): see
//! [`Scanner::leading_determiner`].
//!
//! The matchers live by family, each module with its table of what it
//! finds: `calendar` (days, months, years, weekdays, holidays, numeric
//! dates), `relative` (`last week`, `earlier this year`, `the next day`,
//! sets), `period` (quarters, halves, seasons, fiscal years), `clock` (times
//! of day) and `duration` (durations and counted dates, `two days ago`).
//! This module holds the scanner, its token helpers, and the dispatch
//! ([`Scanner::at`], [`Scanner::date_at`], [`Scanner::keyword_at`]): the
//! order the matchers run in, which decides what is found.

use super::lexicon::{classify, Class, Kw, Unit};
use super::timex;
use crate::document::{Annotation, Source};
use crate::label::Label;
use crate::recognizer::Context;
use crate::span::Span;
use crate::tokenize::cursor::Cursor;
use crate::tokenize::TokenKind;
use crate::value::Value;
use chrono::NaiveDate;
use std::cell::Cell;

mod calendar;
mod clock;
mod duration;
mod period;
mod relative;

/// Pushes every date and time of `cx` to `out`.
pub(super) fn scan(cx: &Context, out: &mut Vec<Annotation>) {
    let s = Scanner {
        cur: Cursor::new(cx.text, cx.tokens),
        cache: std::array::from_fn(|_| Cell::new((usize::MAX, Class::Other))),
        anchor: cx.article_date,
        line_end: Cell::new(0),
    };
    let mut i = 0;
    let toks = s.cur.tokens;
    while i < toks.len() {
        if i >= s.line_end.get() {
            // A date never runs across a line break: the scan sees one line.
            let next = toks[i + 1..].iter().position(|t| t.line_start).map_or(toks.len(), |p| i + 1 + p);
            s.line_end.set(next);
        }
        match s.at(i) {
            Some(f) if f.end > i && f.end <= toks.len() => {
                let first = if s.leading_determiner(i, f.end) { i + 1 } else { i };
                let span = Span::new(toks[first].span.start, toks[f.end - 1].span.end);
                out.push(Annotation::new(span, f.label, Some(Value::Timex(f.value)), Source::Rule));
                i = f.end;
            }
            _ => i += 1,
        }
    }
}

/// How many token classes the scanner keeps (a power of two).
const WINDOW: usize = 64;

/// A match: the token after it, its label and value.
struct Found {
    end: usize,
    label: Label,
    value: String,
}

/// A date (or a day's part) ending before token `end`.
struct DatePart {
    end: usize,
    value: String,
    /// The value names one day, so a time may follow it (`2022-08-09`).
    day: bool,
    /// The value is already a time of that day (`2022-08-09TMO`).
    time: bool,
}

impl DatePart {
    fn new(end: usize, value: String, day: bool) -> DatePart {
        DatePart { end, value, day, time: false }
    }
}

/// The dates scanner: a token cursor whose look-ahead stops at the end of
/// the line ([`Scanner::t`], [`Scanner::glued`], [`Scanner::is_word`]), the
/// token classes, and the matchers of each family (`calendar`, `relative`,
/// `period`, `clock`, `duration`) as methods.
struct Scanner<'t> {
    cur: Cursor<'t>,
    /// Classes of the tokens around the scan position, by token index
    /// modulo [`WINDOW`]: matchers look a few tokens back and ahead, and
    /// classifying on demand spares a class array as long as the text.
    cache: [Cell<(usize, Class)>; WINDOW],
    anchor: Option<NaiveDate>,
    /// The first token of the next line: tokens from there on read as
    /// nothing.
    line_end: Cell<usize>,
}

/// Words after a year that make it a count: `2000 people`, `1990 troops`.
const COUNT_NOUNS: &[&str] = &[
    "people", "men", "women", "children", "feet", "won", "yen", "yuan", "percent", "million", "billion", "thousand", "hundred", "km", "kg",
    "m", "cm", "mm", "ft", "lb", "per", "times", "people's",
];

/// Words ending in `s` that do not make a plural count noun after a number.
const NOT_PLURALS: &[&str] = &[
    "this", "was", "has", "does", "says", "sees", "marks", "remains", "comes", "goes", "is", "as", "its", "his", "plus", "minus", "versus",
    "less", "across", "unless", "thus",
];

/// How far [`Scanner::tense`] looks for a tensed word, in tokens each way.
const TENSE_REACH: usize = 10;

/// Words besides `will` that put a clause in the future.
const FUTURE_WORDS: &[&str] =
    &["shall", "scheduled", "slated", "expected", "expects", "intends", "aims", "due", "plans", "planned", "upcoming"];

/// Irregular past forms news uses most, and past auxiliaries.
const PAST_WORDS: &[&str] = &[
    "was", "were", "said", "had", "did", "met", "took", "began", "came", "went", "held", "made", "told", "saw", "gave", "won", "lost",
    "fell", "rose", "left", "sent", "struck", "broke", "spoke", "wrote", "hit", "led", "ran", "became", "ago",
];

/// The past forms of [`PAST_WORDS`] that are auxiliaries or adverbs, past
/// whatever comes before them (`it was`, `years ago`).
const PAST_AUXILIARIES: &[&str] = &["was", "were", "had", "did", "ago"];

/// Words ending in `ed` that are not past forms (`compared with` is a
/// preposition's use).
const NOT_PAST: &[&str] = &["need", "speed", "proceed", "exceed", "succeed", "indeed", "hundred", "breed", "embed", "compared"];

impl Scanner<'_> {
    // ---- token access ----

    fn c(&self, i: usize) -> Class {
        if i >= self.line_end.get() {
            return Class::Other;
        }
        let Some(tok) = self.cur.get(i) else { return Class::Other };
        let slot = &self.cache[i % WINDOW];
        let (at, class) = slot.get();
        if at == i {
            return class;
        }
        let class = classify(self.cur.text, tok);
        slot.set((i, class));
        class
    }

    fn kw(&self, i: usize) -> Option<Kw> {
        match self.c(i) {
            Class::Kw(k) => Some(k),
            _ => None,
        }
    }

    fn is_kw(&self, i: usize, k: Kw) -> bool {
        self.kw(i) == Some(k)
    }

    /// The text of token `i`; `""` from the next line on.
    #[inline]
    fn t(&self, i: usize) -> &str {
        if i >= self.line_end.get() {
            return "";
        }
        self.cur.text_at(i)
    }

    /// True when token `i` is immediately followed by token `i + 1` on the
    /// same line.
    #[inline]
    fn glued(&self, i: usize) -> bool {
        i + 1 < self.line_end.get() && self.cur.glued(i, i + 1)
    }

    /// True when token `i`, on this line, is one of `words` in any case.
    #[inline]
    fn is_word(&self, i: usize, words: &[&str]) -> bool {
        i < self.line_end.get() && self.cur.is_word(i, words)
    }

    fn capitalized(&self, i: usize) -> bool {
        self.t(i).starts_with(|c: char| c.is_uppercase())
    }

    fn prev(&self, i: usize) -> Class {
        if i == 0 {
            Class::Other
        } else {
            self.c(i - 1)
        }
    }

    /// A lowercase plural or count noun that makes the number before it a
    /// count: `2019 people`, `21 troops`.
    fn count_noun(&self, i: usize) -> bool {
        let Some(tok) = self.cur.get(i) else { return false };
        let w = self.t(i);
        if matches!(self.c(i), Class::Unit(_)) || matches!(w, "%" | "/" | ":") {
            return true;
        }
        if tok.kind != TokenKind::Word || !w.starts_with(|c: char| c.is_ascii_lowercase()) {
            return false;
        }
        COUNT_NOUNS.contains(&w) || (w.len() >= 4 && w.ends_with('s') && !w.ends_with("ss") && !NOT_PLURALS.contains(&w))
    }

    /// True when the clause before `i` speaks of the future (`will meet
    /// Friday`), looking back to the sentence start.
    fn future_context(&self, i: usize) -> bool {
        for j in (i.saturating_sub(10)..i).rev() {
            if self.ends_clause(j) {
                return false;
            }
            let w = self.t(j);
            // Compared inline, not through `is_word`: this runs for every
            // bare weekday on up to ten tokens, and comparing against
            // literals lets the compiler test their lengths first.
            if self.is_kw(j, Kw::Will) || FUTURE_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f)) {
                return true;
            }
        }
        false
    }

    /// True when the match from `i` to `end` starts with a `the` the span
    /// leaves out, as the guidelines leave determiners out (`the first half
    /// of 2021` is `first half of 2021`). `the` stays where it is the
    /// reference itself, before a bare unit (`the year`, `the weekend`, `the
    /// day before yesterday`): without it nothing names a date.
    fn leading_determiner(&self, i: usize, end: usize) -> bool {
        end > i + 1 && self.is_kw(i, Kw::The) && !matches!(self.c(i + 1), Class::Unit(_) | Class::Kw(Kw::Weekend))
    }

    /// The tense of the clause a date ending before token `end` sits in:
    /// the first tensed word looking back to the sentence start (`was
    /// signed on Feb. 3`, `will meet on Feb. 3`), else looking ahead to its
    /// end (`On Feb. 3, the court ruled`); [`timex::Lean::Nearest`] when
    /// there is none.
    fn tense(&self, end: usize) -> timex::Lean {
        self.tense_before(end)
            .or_else(|| {
                (end..(end + TENSE_REACH).min(self.line_end.get())).take_while(|&j| !self.ends_clause(j)).find_map(|j| self.tensed(j))
            })
            .unwrap_or(timex::Lean::Nearest)
    }

    /// The first tensed word before token `end`, looking back to the
    /// sentence start: the clause's verb when the date follows it (`fell in
    /// January`), never the reporting verb after it (`in September, the
    /// daily said`).
    pub(super) fn tense_before(&self, end: usize) -> Option<timex::Lean> {
        (end.saturating_sub(TENSE_REACH)..end).rev().take_while(|&j| !self.ends_clause(j)).find_map(|j| self.tensed(j))
    }

    /// Whether token `j` ends the sentence or clause a tense is looked for in.
    fn ends_clause(&self, j: usize) -> bool {
        matches!(self.t(j), "." | "!" | "?" | ";")
    }

    /// The tense token `j` says, if it is a tensed verb or a future word.
    fn tensed(&self, j: usize) -> Option<timex::Lean> {
        let w = self.t(j);
        // Most tokens are no tensed word: test the length first, then
        // compare (this runs on up to twenty tokens a date).
        if w.len() < 2 {
            return None;
        }
        if self.is_kw(j, Kw::Will) || FUTURE_WORDS.iter().any(|f| f.len() == w.len() && w.eq_ignore_ascii_case(f)) {
            return Some(timex::Lean::Future);
        }
        // After a form of `be` (or `to`) a past form is a participle (`will
        // be closed`, `must be held`, `is based`, `due to be raised`): the
        // auxiliary before it says the tense, or none does.
        let participle =
            || j > 0 && matches!(self.t(j - 1).to_ascii_lowercase().as_str(), "be" | "been" | "being" | "is" | "are" | "am" | "to");
        if PAST_WORDS.iter().any(|p| p.len() == w.len() && w.eq_ignore_ascii_case(p)) {
            let auxiliary = PAST_AUXILIARIES.iter().any(|a| w.eq_ignore_ascii_case(a));
            return (auxiliary || !participle()).then_some(timex::Lean::Past);
        }
        // A regular past: `signed`, `announced` (lowercase, so not a name).
        let regular = w.len() >= 5
            && w.ends_with("ed")
            && w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.bytes().all(|b| b.is_ascii_alphabetic())
            && !NOT_PAST.contains(&w);
        (regular && !participle()).then_some(timex::Lean::Past)
    }

    // ---- dispatch: the order matchers run in ----

    fn at(&self, i: usize) -> Option<Found> {
        if self.t(i).len() == 7 && self.t(i).eq_ignore_ascii_case("between") {
            return self.range_at(i);
        }
        let class = self.c(i);
        // Words that never start a date: leave them at once (they are a
        // good part of any text).
        if matches!(
            class,
            Class::Kw(
                Kw::Of
                    | Kw::In
                    | Kw::On
                    | Kw::At
                    | Kw::And
                    | Kw::Prep
                    | Kw::From
                    | Kw::Before
                    | Kw::After
                    | Kw::Within
                    | Kw::Ago
                    | Kw::Will
                    | Kw::Local
                    | Kw::Time
                    | Kw::Now
                    | Kw::Zone(_)
                    | Kw::Am
                    | Kw::Pm
                    | Kw::OClock
                    | Kw::Morning
                    | Kw::Afternoon
                    | Kw::Evening
                    | Kw::Night
                    | Kw::Weekend
                    | Kw::Quarter
                    | Kw::Part
            )
        ) {
            // `from March to May` (`between` is tested above).
            return if self.is_kw(i, Kw::From) { self.range_at(i) } else { None };
        }
        if let Class::Unit(u) = class {
            // `for years`, `for decades`: a duration of unsaid length.
            let plural = self.t(i).ends_with('s') && !matches!(u, Unit::Second | Unit::Minute | Unit::Hour);
            let after_for = i > 0 && self.is_word(i - 1, &["for", "within"]);
            if plural && after_for && !self.is_kw(i + 1, Kw::Of) && !self.is_kw(i + 1, Kw::Ago) {
                return Some(Found { end: i + 1, label: Label::Date, value: timex::duration(None, u) });
            }
            return None;
        }
        if class == Class::Other {
            let tok = &self.cur.tokens[i];
            let w = self.t(i);
            let worth = tok.kind == TokenKind::Number
                || (tok.kind == TokenKind::Word && w.len() == 6 && w.eq_ignore_ascii_case("fiscal"))
                || (tok.kind == TokenKind::Punct && matches!(w, "'" | "’"))
                || (tok.kind == TokenKind::Word
                    && (w.as_bytes().contains(&b'-') || (w.len() == 2 && matches!(w.as_bytes()[0], b'Q' | b'H'))));
            if !worth {
                // `Eid al-Fitr`, `Ramadan`: the length and first letter of
                // the words [`Scanner::named_holiday_at`] knows, tested
                // first, as every capitalized word of a text comes here.
                let named = tok.kind == TokenKind::Word
                    && matches!((w.len(), w.as_bytes()[0]), (3, b'E') | (7, b'R' | b'C') | (6, b'D' | b'B') | (8, b'H' | b'P') | (5, b'L'));
                return if named { self.named_holiday_at(i) } else { None };
            }
        }
        // A time of day, with the day it falls on after it.
        if let Some((end, clock)) = self.clock_at(i) {
            if let Some(d) = self.day_after_time(end) {
                return Some(Found { end: d.end, label: Label::Time, value: d.value + &clock });
            }
            return Some(Found { end, label: Label::Time, value: clock });
        }
        if let Some(d) = self.date_at(i) {
            let d = self.with_date_in_parens(d);
            if d.time {
                return Some(Found { end: d.end, label: Label::Time, value: d.value });
            }
            if d.day {
                if let Some((end, clock)) = self.clock_at(d.end) {
                    return Some(Found { end, label: Label::Time, value: d.value + &clock });
                }
                if let Some(part) = self.part_of_day(d.end) {
                    return Some(Found { end: d.end + 1, label: Label::Time, value: d.value + part });
                }
            }
            // A duration may be longer: `2000 years` starts like a year.
            if let Some(f) = self.duration_at(i).filter(|f| f.end > d.end) {
                return Some(f);
            }
            return Some(Found { end: d.end, label: Label::Date, value: d.value });
        }
        self.duration_at(i)
    }

    /// `between 2019 and 2021`, `from March to May`, `from March 2020 to
    /// June 2021`: two years or months of the same precision, one span from `between` or
    /// `from` on (as OntoNotes and the Recognizers-Text specs mark them),
    /// valued as an ISO 8601 interval (`2019/2021`, `2022-03/2022-05`).
    #[inline(never)]
    fn range_at(&self, i: usize) -> Option<Found> {
        let between = match self.t(i).len() {
            7 if self.t(i).eq_ignore_ascii_case("between") => true,
            4 if self.is_kw(i, Kw::From) => false,
            _ => return None,
        };
        let mut first = self.date_at(i + 1).filter(|d| !d.time)?;
        let joined = if between { self.is_kw(first.end, Kw::And) } else { self.is_word(first.end, &["to", "through", "until", "till"]) };
        if !joined {
            return None;
        }
        let k = first.end + 1;
        // A bare month after `to` or `and` is a month: the first one says so.
        let bare_months = match (self.c(i + 1), self.c(k)) {
            (Class::Month { m: a, .. }, Class::Month { m: b, .. }) if first.end == i + 2 => Some((a, b)),
            _ => None,
        };
        let second = match bare_months {
            Some((a, b)) if self.date_at(k).is_none_or(|d| d.end == k + 1) => {
                // Both in one year: the second month's (the nearest), the
                // first's the year before when it comes later in the year.
                let end_month = timex::month_only(self.anchor, b);
                let start_month = match end_month.split_once('-').and_then(|(y, _)| y.parse::<i32>().ok()) {
                    Some(y) => format!("{:04}-{a:02}", if a > b { y - 1 } else { y }),
                    None => format!("XXXX-{a:02}"),
                };
                first.value = start_month;
                DatePart::new(k + 1, end_month, false)
            }
            // `between 1887 and 1892`: the second year of a range needs no
            // preposition of its own.
            _ => match (self.date_at(k).filter(|d| !d.time), self.c(k)) {
                (Some(d), _) => d,
                (None, Class::Int { v, digits: 4 }) if first.value.len() == 4 && (1000..=2099).contains(&v) && !self.count_noun(k + 1) => {
                    DatePart::new(k + 1, format!("{v:04}"), false)
                }
                _ => return None,
            },
        };
        // Dates of one precision, known or unknown alike (`2019`,
        // `XXXX-08-09`), not durations, intervals or unresolved days.
        let plain = |v: &str| !v.starts_with('P') && !v.contains(['T', '/']) && !v.trim_start_matches("XXXX-").contains('X');
        // Days stay two dates (`from Oct. 2 to Oct. 22`), each with its
        // value: the Recognizers-Text specs split them in one mode and join
        // them in another, and a day is what a reader looks up.
        let months_or_years = first.value.len() <= "XXXX-MM".len();
        let same = months_or_years
            && first.value.len() == second.value.len()
            && plain(&first.value)
            && plain(&second.value)
            && first.value <= second.value;
        same.then(|| Found { end: second.end, label: Label::Date, value: format!("{}/{}", first.value, second.value) })
    }

    /// Holidays news names that have no fixed day in the Gregorian calendar
    /// (`Eid al-Fitr`, `Ramadan`, `Diwali`, `Lunar New Year`), valued by
    /// their year (written after them, or the article's; `XXXX` without
    /// either), and `Boxing Day` (December 26).
    #[cold]
    #[inline(never)]
    fn named_holiday_at(&self, i: usize) -> Option<Found> {
        let end = match self.t(i) {
            "Eid" if self.is_word(i + 1, &["al-Fitr", "al-Adha", "ul-Fitr", "ul-Adha", "el-Fitr", "el-Kebir"]) => i + 2,
            "Ramadan" | "Diwali" | "Hanukkah" | "Passover" => i + 1,
            "Lunar" | "Chinese" if self.t(i + 1) == "New" && self.t(i + 2) == "Year" => i + 3,
            "Boxing" if self.t(i + 1) == "Day" => {
                let (value, end) = match self.year_after(i + 2) {
                    Some((y, end)) => (timex::full_date(y, 12, 26)?, end),
                    None => (timex::month_day(self.anchor, 12, 26), i + 2),
                };
                return Some(Found { end, label: Label::Date, value });
            }
            _ => return None,
        };
        let (value, end) = match self.year_after(end) {
            Some((y, yend)) => (format!("{y:04}"), yend),
            None => (timex::relative(self.anchor, Unit::Year, 0), end),
        };
        Some(Found { end, label: Label::Date, value })
    }

    /// A day right after a time: `3 p.m. Tuesday`, `noon today`, `8 a.m.
    /// this morning` (the day of the part of day).
    fn day_after_time(&self, i: usize) -> Option<DatePart> {
        match self.c(i) {
            Class::Weekday { .. }
            | Class::Month { .. }
            | Class::Kw(Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight | Kw::This | Kw::Last) => {
                let mut d = self.date_at(i).filter(|d| d.day)?;
                if d.time {
                    let day_len = d.value.rfind('T')?;
                    d.value.truncate(day_len);
                }
                Some(d)
            }
            _ => None,
        }
    }

    fn part_of_day(&self, i: usize) -> Option<&'static str> {
        Some(match self.kw(i)? {
            Kw::Morning => "TMO",
            Kw::Afternoon => "TAF",
            Kw::Evening => "TEV",
            Kw::Night => "TNI",
            _ => return None,
        })
    }

    fn date_at(&self, i: usize) -> Option<DatePart> {
        match self.c(i) {
            Class::Weekday { d, abbr } => self.weekday_at(i, d, abbr),
            Class::Month { m, abbr } => self.month_at(i, m, abbr),
            Class::Int { v, digits } => self.number_at(i, v, digits),
            Class::OrdNum(_) | Class::OrdWord(_) | Class::NumWord(_) => self.day_month_at(i),
            Class::Decade(v) => Some(DatePart::new(i + 1, format!("{:03}", v / 10), false)),
            Class::Kw(k) => self.keyword_at(i, k),
            Class::Other => self.raw_at(i),
            _ => None,
        }
    }

    fn keyword_at(&self, i: usize, k: Kw) -> Option<DatePart> {
        let day = |n: i64, end: usize| DatePart::new(end, timex::relative(self.anchor, Unit::Day, n), true);
        match k {
            Kw::Today => Some(day(0, i + 1)),
            Kw::Yesterday => Some(day(-1, i + 1)),
            Kw::Tomorrow => Some(day(1, i + 1)),
            Kw::Tonight => Some(DatePart { time: true, ..day(0, i + 1).with_suffix("TNI") }),
            Kw::This | Kw::Last | Kw::Next | Kw::Past | Kw::Coming | Kw::Previous => self.modified_at(i, k),
            Kw::Earlier | Kw::Later | Kw::Early | Kw::Late | Kw::Mid => self.edge_at(i, k),
            Kw::The => self.the_at(i),
            Kw::Every => self.every_at(i),
            Kw::Holiday(..) | Kw::New => self.holiday_at(i, k),
            Kw::Season(n) => self.season_at(i, n),
            _ => None,
        }
    }
}

impl DatePart {
    fn with_suffix(mut self, suffix: &str) -> DatePart {
        self.value.push_str(suffix);
        self
    }
}
