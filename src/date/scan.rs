//! The scanner: one pass over the tokens, longest match at each token.
//!
//! Tokens are classified once ([`classify`]); then at each token that can
//! start a date or time the matchers below are tried, and the longest
//! reading wins: a time with a day after it (`3 p.m. Tuesday`), a date with
//! a time or part of day after it (`Tuesday morning`), a date, a duration
//! or a counted relative date (`two days ago`). After a match the scan goes
//! on after it, so the output never overlaps itself.
//!
//! Spans cover whole tokens. Determiners are left out of absolute dates
//! (`the 1990s` is `1990s`) but kept in anaphoric ones, as the gold does
//! (`the year`, `the past two years`, `the day before yesterday`) and in
//! the periods news counts within a year (`the second quarter`, `the first
//! Friday of July`), as OntoNotes does.

use super::lexicon::{classify, Class, Kw, Unit};
use super::timex::{self, WeekdayRef};
use crate::tokenize::cursor::Cursor;
use crate::{Annotation, Context, Label, NaiveDate, Source, Span, Token, TokenKind, Value};
use chrono::Datelike;
use std::cell::Cell;

mod clock;
mod duration;

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
                let span = Span::new(toks[i].span.start, toks[f.end - 1].span.end);
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
            let w = self.t(j);
            if matches!(w, "." | "!" | "?" | ";") {
                return false;
            }
            if self.is_kw(j, Kw::Will)
                || self.is_word(j, &["shall", "scheduled", "slated", "expected", "due", "plans", "planned", "upcoming"])
            {
                return true;
            }
        }
        false
    }

    // ---- dispatch ----

    fn at(&self, i: usize) -> Option<Found> {
        // Words that never start a date: leave them at once (they are a
        // good part of any text).
        if matches!(
            self.c(i),
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
            return None;
        }
        if let Class::Unit(u) = self.c(i) {
            // `for years`, `for decades`: a duration of unsaid length.
            let plural = self.t(i).ends_with('s') && !matches!(u, Unit::Second | Unit::Minute | Unit::Hour);
            let after_for = i > 0 && self.is_word(i - 1, &["for", "within"]);
            if plural && after_for && !self.is_kw(i + 1, Kw::Of) && !self.is_kw(i + 1, Kw::Ago) {
                return Some(Found { end: i + 1, label: Label::Date, value: timex::duration(None, u) });
            }
            return None;
        }
        if self.c(i) == Class::Other {
            let tok = &self.cur.tokens[i];
            let w = self.t(i);
            let worth = tok.kind == TokenKind::Number
                || (tok.kind == TokenKind::Word && w.len() == 6 && w.eq_ignore_ascii_case("fiscal"))
                || (tok.kind == TokenKind::Punct && matches!(w, "'" | "’"))
                || (tok.kind == TokenKind::Word
                    && (w.as_bytes().contains(&b'-') || (w.len() == 2 && matches!(w.as_bytes()[0], b'Q' | b'H'))));
            if !worth {
                return None;
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

    // ---- days, months, years ----

    /// A day of the month at `i`: `9`, `9th`, `ninth`, `twenty-first`,
    /// `twenty first`, and with `words`, `twenty one`.
    fn day_number(&self, i: usize, words: bool) -> Option<(u32, usize)> {
        let (d, end) = match self.c(i) {
            Class::Int { v, digits } if digits <= 2 => (v, i + 1),
            Class::OrdNum(v) => (v, i + 1),
            Class::OrdWord(v) => (v, i + 1),
            Class::NumWord(t @ (20 | 30)) => match self.c(i + 1) {
                Class::OrdWord(o) if o < 10 => (t + o, i + 2),
                Class::NumWord(o) if words && o < 10 => (t + o, i + 2),
                _ if words => (t, i + 1),
                _ => return None,
            },
            Class::NumWord(v) if words && v <= 31 => (v, i + 1),
            _ => return None,
        };
        (1..=31).contains(&d).then_some((d, end))
    }

    /// A four-digit year at `i`.
    fn year(&self, i: usize) -> Option<i32> {
        match self.c(i) {
            Class::Int { v, digits: 4 } if (1000..=2999).contains(&v) => Some(v as i32),
            _ => None,
        }
    }

    /// A year after a day or month: `, 2022`, ` 2022`, `of 2022`.
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year(i) {
            return Some((y, i + 1));
        }
        if self.t(i) == "," || self.is_kw(i, Kw::Of) {
            if let Some(y) = self.year(i + 1) {
                return Some((y, i + 2));
            }
        }
        None
    }

    /// The date of a month and day, with an optional year after.
    fn month_day_value(&self, m: u32, d: u32, after: usize) -> Option<DatePart> {
        if let Some((y, end)) = self.year_after(after) {
            return timex::full_date(y, m, d).map(|v| DatePart::new(end, v, true));
        }
        // `Feb 30`: no such day in any year (2000 was a leap year).
        chrono::NaiveDate::from_ymd_opt(2000, m, d)?;
        Some(DatePart::new(after, timex::month_day(self.anchor, m, d), true))
    }

    /// `Aug. 9`, `August 9, 2022`, `May 21`, `Aug 9th`, `Oct-2`, `jan/1`,
    /// `May the eleventh`, `August 2022`, and a month alone where it is one.
    fn month_at(&self, i: usize, m: u32, abbr: bool) -> Option<DatePart> {
        let mut j = i + 1;
        if self.glued(i) && matches!(self.t(j), "-" | "/") && self.glued(j) {
            j += 1;
        } else if self.t(j) == "," && matches!(self.c(j + 1), Class::OrdNum(_)) {
            j += 1; // `october, 1st`
        }
        let words = !abbr;
        let day = self.day_number(j, words).or_else(|| {
            // `May the eleventh`: only ordinals after `the`.
            (self.is_kw(j, Kw::The) && matches!(self.c(j + 1), Class::OrdNum(_) | Class::OrdWord(_) | Class::NumWord(20 | 30)))
                .then(|| self.day_number(j + 1, false))
                .flatten()
        });
        if let Some((d, end)) = day {
            let count = matches!(self.c(j), Class::Int { .. }) && self.count_noun(end);
            if !count && self.t(end) != ":" {
                if let Some(p) = self.month_day_value(m, d, end) {
                    return Some(p);
                }
            }
        }
        // `Aug. 9-10`: a range of days.
        if self.c(j) == Class::Other && self.cur.is_kind(j, TokenKind::Number) {
            if let Some(p) = self.day_range(m, j) {
                return Some(p);
            }
        }
        if let Some((y, end)) = self.year_after(i + 1) {
            return Some(DatePart::new(end, format!("{y:04}-{m:02}"), false));
        }
        self.bare_month_ok(i, m, abbr).then(|| DatePart::new(i + 1, timex::month_only(self.anchor, m), false))
    }

    /// `9-10` after a month: an ISO 8601 interval of days.
    fn day_range(&self, m: u32, j: usize) -> Option<DatePart> {
        let (a, b) = self.t(j).split_once('-')?;
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        if !((1..=31).contains(&a) && a < b && b <= 31) {
            return None;
        }
        let (va, vb) = match self.year_after(j + 1) {
            Some((y, end)) => {
                return Some(DatePart::new(end, format!("{}/{}", timex::full_date(y, m, a)?, timex::full_date(y, m, b)?), false))
            }
            None => (timex::month_day(self.anchor, m, a), timex::month_day(self.anchor, m, b)),
        };
        Some(DatePart::new(j + 1, format!("{va}/{vb}"), false))
    }

    /// Context words before which a bare month name is a month: `in May`,
    /// `since March`, `early June`, `last May`, `April and May`.
    fn month_context(&self, i: usize) -> bool {
        match self.prev(i) {
            Class::Kw(
                Kw::In
                | Kw::Of
                | Kw::Prep
                | Kw::From
                | Kw::Before
                | Kw::After
                | Kw::Early
                | Kw::Late
                | Kw::Mid
                | Kw::Last
                | Kw::Next
                | Kw::This
                | Kw::Past
                | Kw::Coming
                | Kw::Within,
            ) => true,
            Class::Kw(Kw::And) => matches!(self.c(i.wrapping_sub(2)), Class::Month { .. }),
            _ => self.t(i.wrapping_sub(1)) == "," && matches!(self.c(i.wrapping_sub(2)), Class::Month { .. }),
        }
    }

    /// Whether a month name standing alone is the month. `May` and `March`
    /// are verbs too, so they need a context word and a capital; other
    /// months need a context word in lowercase and are left out before
    /// another capitalized word (`June Smith`, `April Ryan`).
    fn bare_month_ok(&self, i: usize, m: u32, abbr: bool) -> bool {
        if abbr {
            // `in Sept.`: with its period and a context word only.
            return self.t(i).ends_with('.') && self.capitalized(i) && self.month_context(i);
        }
        let cap = self.capitalized(i);
        let context = self.month_context(i);
        if m == 5 || m == 3 {
            return cap && context;
        }
        if !cap {
            return context && m != 8; // lowercase `august` is an adjective
        }
        let name_after = self.cur.is_kind(i + 1, TokenKind::Word) && self.capitalized(i + 1) && matches!(self.c(i + 1), Class::Other);
        context || !name_after
    }

    /// A month named or pointed at, at `j`: `July`, `July 2019`, `this
    /// month`, `next month`, `previous month`; (year if known, month, end).
    fn month_ref(&self, j: usize) -> Option<(Option<i32>, u32, usize)> {
        match self.c(j) {
            Class::Month { m, .. } => {
                if let Some((y, end)) = self.year_after(j + 1) {
                    return Some((Some(y), m, end));
                }
                let y = self.anchor.map(|_| timex::month_only(self.anchor, m)[..4].parse().unwrap_or(0));
                Some((y, m, j + 1))
            }
            Class::Kw(k @ (Kw::This | Kw::Next | Kw::Last | Kw::Previous | Kw::Past))
                if self.c(j + 1) == Class::Unit(Unit::Month) && self.t(j + 1).eq_ignore_ascii_case("month") =>
            {
                let n = match k {
                    Kw::This => 0,
                    Kw::Next => 1,
                    _ => -1,
                };
                // Without an article date the month is unknown too: no value.
                timex::month_shift(self.anchor, n).map(|(y, m)| (Some(y), m, j + 2))
            }
            _ => None,
        }
    }

    /// `first Sunday`, `the second Monday of next month`, `the first
    /// Friday of July`: the nth weekday of a month (the article's month
    /// when none is named).
    fn ordinal_weekday_at(&self, i: usize) -> Option<DatePart> {
        let nth = match self.c(i) {
            Class::OrdWord(n) | Class::OrdNum(n) if (1..=5).contains(&n) => n,
            _ => return None,
        };
        let Class::Weekday { d, abbr: false } = self.c(i + 1) else { return None };
        if self.t(i + 1).ends_with('s') && !self.t(i + 1).eq_ignore_ascii_case("tues") {
            return None;
        }
        let after = i + 2;
        let month = if matches!(self.kw(after), Some(Kw::Of | Kw::In)) { self.month_ref(after + 1) } else { None };
        let (y, m, end) = match month {
            Some(r) => r,
            None => match self.anchor {
                Some(a) => (Some(a.year()), a.month(), after),
                None => return Some(DatePart::new(after, format!("XXXX-XX-WXX-{d}-#{nth}"), true)),
            },
        };
        Some(DatePart::new(end, timex::nth_weekday(y, m, d, nth), true))
    }

    /// The year a quarter, half or season belongs to, after it: `of 2016`,
    /// `2016`, `of last year`; (year, end) or the article's year and `None`.
    fn period_year(&self, j: usize) -> (Option<i32>, usize) {
        if let Some((y, end)) = self.year_after(j) {
            return (Some(y), end);
        }
        let k = if self.is_kw(j, Kw::Of) { j + 1 } else { j };
        // `first half of the year`
        if k > j && self.is_kw(k, Kw::The) && self.t(k + 1).eq_ignore_ascii_case("year") {
            return (self.anchor.map(|a| a.year()), k + 2);
        }
        if let (Some(m @ (Kw::This | Kw::Last | Kw::Next)), Class::Unit(Unit::Year)) = (self.kw(k), self.c(k + 1)) {
            if self.t(k + 1).eq_ignore_ascii_case("year") {
                let n = match m {
                    Kw::This => 0,
                    Kw::Next => 1,
                    _ => -1,
                };
                return (self.anchor.map(|a| a.year() + n), k + 2);
            }
        }
        (self.anchor.map(|a| a.year()), j)
    }

    /// `second quarter`, `third-quarter`, `the fourth quarter of 2016`,
    /// `first half of next year`: `2016-Q4`, `2022-H1`.
    fn quarter_at(&self, i: usize) -> Option<DatePart> {
        let (n, j) = match self.c(i) {
            Class::OrdWord(n) | Class::OrdNum(n) => (n, i + 1),
            _ => {
                // `third-quarter`, `first-half`
                let (left, right) = self.t(i).split_once('-')?;
                let tok = Token { span: Span::new(0, left.len()), kind: TokenKind::Word, line_start: false };
                let Class::OrdWord(n) = classify(left, &tok) else { return None };
                let code = match right.to_ascii_lowercase().as_str() {
                    "quarter" if n <= 4 => 'Q',
                    "half" if n <= 2 => 'H',
                    _ => return None,
                };
                let (y, end) = self.period_year(i + 1);
                return Some(DatePart::new(end, period(y, code, n), false));
            }
        };
        let code = match self.kw(j) {
            Some(Kw::Quarter) if (1..=4).contains(&n) => 'Q',
            Some(Kw::Half) if (1..=2).contains(&n) => 'H',
            _ => return None,
        };
        let (y, end) = self.period_year(j + 1);
        Some(DatePart::new(end, period(y, code, n), false))
    }

    /// A day number first: `9 August`, `9th of August 2022`, `fourth of may`,
    /// `twenty second of June`.
    fn day_month_at(&self, i: usize) -> Option<DatePart> {
        if let Some(p) = self.ordinal_weekday_at(i).or_else(|| self.quarter_at(i)) {
            return Some(p);
        }
        // `21st century` is left to the amounts recognizer's ORDINAL (its
        // table says so); as a DATE its TIMEX3 value would be `20`.
        let (d, mut j) = self.day_number(i, false)?;
        let of = self.is_kw(j, Kw::Of);
        if of {
            j += 1;
            // `20th of next month`
            if matches!(self.c(j), Class::Kw(_)) && matches!(self.c(i), Class::OrdNum(_) | Class::OrdWord(_)) {
                let (y, m, end) = self.month_ref(j)?;
                let y = y?;
                let value = timex::full_date(y, m, d).unwrap_or_else(|| format!("{y:04}-{m:02}-{d:02}"));
                return Some(DatePart::new(end, value, true));
            }
        }
        let Class::Month { m, abbr } = self.c(j) else { return None };
        // `may`, `march` in lowercase only after `of` (`fourth of may`).
        if !of && matches!(m, 3 | 5) && !self.capitalized(j) {
            return None;
        }
        if abbr && !of && !self.t(j).ends_with('.') && !self.glued(j.wrapping_sub(1)) && self.t(j).len() < 3 {
            return None;
        }
        self.month_day_value(m, d, j + 1)
    }

    /// A number in digits first: a day before a month (`9 August`), a year.
    fn number_at(&self, i: usize, v: u32, digits: u8) -> Option<DatePart> {
        if digits <= 2 {
            // `1-jan`, `28-nov`
            let j = if self.glued(i) && self.t(i + 1) == "-" && self.glued(i + 1) { i + 2 } else { i + 1 };
            if let Class::Month { m, .. } = self.c(j) {
                // Lowercase `may`, `march` after a number are verbs.
                let verb = matches!(m, 3 | 5) && !self.capitalized(j);
                if (1..=31).contains(&v) && !verb {
                    return self.month_day_value(m, v, j + 1);
                }
            }
            return self.day_month_at(i);
        }
        if digits == 4 && self.year_ok(i, v) {
            return Some(DatePart::new(i + 1, format!("{v:04}"), false));
        }
        None
    }

    /// Whether a four-digit number is a year: 1900-2099 unless it counts
    /// something (`2000 people`) or belongs to an amount (`$2019`, `No.
    /// 1995`); 1000-1899 only after a preposition (`in 1391`).
    fn year_ok(&self, i: usize, v: u32) -> bool {
        let after_prep = matches!(self.prev(i), Class::Kw(Kw::In | Kw::Prep | Kw::Of | Kw::From | Kw::Before | Kw::After));
        if !((1900..=2099).contains(&v) || (after_prep && (1000..=1899).contains(&v))) {
            return false;
        }
        if i > 0 {
            let p = &self.cur.tokens[i - 1];
            let pt = self.t(i - 1);
            if p.kind == TokenKind::Symbol || matches!(pt, "No." | "no." | "#" | "No") || p.kind == TokenKind::Number {
                return false;
            }
            // `about 2000 were killed`: an approximate count.
            if self.is_word(i - 1, &["about", "nearly", "almost", "approximately", "roughly", "some", "than", "only", "just"]) {
                return false;
            }
            if self.cur.glued(i - 1, i) && matches!(pt, "-" | "/" | "." | ":" | "+") {
                return false;
            }
        }
        if self.glued(i) && matches!(self.t(i + 1), "-" | "/" | ":" | "%") {
            return false;
        }
        !self.count_noun(i + 1)
    }

    // ---- weekdays ----

    fn weekday_at(&self, i: usize, d: u32, abbr: bool) -> Option<DatePart> {
        let mut j = i + 1;
        if self.t(j) == "," {
            j += 1;
        }
        // A weekday before a full date: `Tuesday, Aug. 9`, `friday 7/6`.
        if matches!(self.c(j), Class::Month { .. } | Class::Int { .. } | Class::OrdNum(_) | Class::Other) {
            if let Some(p) = self.date_at(j).filter(|p| p.day && !p.time) {
                return Some(p);
            }
        }
        // `Friday the 22nd`: that day of the article's month.
        if self.is_kw(i + 1, Kw::The) {
            if let Some((dd, end)) = self.day_number(i + 2, true) {
                let value = match self.anchor {
                    Some(a) => format!("{:04}-{:02}-{dd:02}", a.year(), a.month()),
                    None => format!("XXXX-XX-{dd:02}"),
                };
                return Some(DatePart::new(end, value, true));
            }
        }
        // `Friday next week`, `Tuesday of next week`.
        let k = if self.is_kw(i + 1, Kw::Of) { i + 2 } else { i + 1 };
        if let (Some(m @ (Kw::This | Kw::Next | Kw::Last)), Class::Unit(Unit::Week)) = (self.kw(k), self.c(k + 1)) {
            let which = match m {
                Kw::This => WeekdayRef::ThisWeek,
                Kw::Next => WeekdayRef::NextWeek,
                _ => WeekdayRef::LastWeek,
            };
            return Some(DatePart::new(k + 2, timex::weekday(self.anchor, d, which), true));
        }
        if abbr {
            return None; // `Sun`, `Wed`: a newspaper, a word, unless a date follows
        }
        let w = self.t(i);
        if w.ends_with('s') && !w.ends_with("s.") && !w.eq_ignore_ascii_case("tues") && !w.eq_ignore_ascii_case("thurs") {
            // `on Tuesdays`: every Tuesday.
            return Some(DatePart::new(i + 1, format!("XXXX-WXX-{d}"), false));
        }
        let which = WeekdayRef::Bare { future: self.future_context(i) };
        Some(DatePart::new(i + 1, timex::weekday(self.anchor, d, which), true))
    }

    // ---- keywords ----

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
            Kw::Season(n) => {
                // `summer 2016`, `summer of 2016`
                let (y, end) = self.year_after(i + 1)?;
                let code = ["SP", "SU", "FA", "WI"][(n as usize - 1).min(3)];
                Some(DatePart::new(end, format!("{y:04}-{code}"), false))
            }
            _ => None,
        }
    }

    /// `this week`, `last year`, `next month`, `last Friday`, `this
    /// morning`, `last night`, `next weekend`, `last May`, `this summer`.
    fn modified_at(&self, i: usize, k: Kw) -> Option<DatePart> {
        let n: i64 = match k {
            Kw::This => 0,
            Kw::Next | Kw::Coming => 1,
            _ => -1,
        };
        let j = i + 1;
        match self.c(j) {
            Class::Weekday { d, abbr: false } => {
                let which = match k {
                    Kw::This => WeekdayRef::ThisWeek,
                    Kw::Next => WeekdayRef::NextWeek,
                    Kw::Coming => WeekdayRef::Bare { future: true },
                    _ => WeekdayRef::LastWeek,
                };
                Some(DatePart::new(j + 1, timex::weekday(self.anchor, d, which), true))
            }
            Class::Unit(u @ (Unit::Week | Unit::Month | Unit::Year | Unit::Decade | Unit::Century)) if !self.t(j).ends_with('s') => {
                if k == Kw::Past || k == Kw::Previous {
                    return None; // `past year`: a duration, see `duration_at`
                }
                // `next week Sunday`, `this week on friday`
                if u == Unit::Week {
                    let w = if self.is_kw(j + 1, Kw::On) { j + 2 } else { j + 1 };
                    if let Class::Weekday { d, abbr: false } = self.c(w) {
                        let which = match n {
                            0 => WeekdayRef::ThisWeek,
                            1 => WeekdayRef::NextWeek,
                            _ => WeekdayRef::LastWeek,
                        };
                        return Some(DatePart::new(w + 1, timex::weekday(self.anchor, d, which), true));
                    }
                }
                Some(DatePart::new(j + 1, timex::relative(self.anchor, u, n), false))
            }
            // `next day`, `last day` (without `the`, see `the_at`).
            Class::Unit(Unit::Day) if self.t(j).eq_ignore_ascii_case("day") && k != Kw::This && k != Kw::Coming => {
                Some(DatePart::new(j + 1, timex::relative(self.anchor, Unit::Day, n), true))
            }
            Class::Kw(Kw::Weekend) => Some(DatePart::new(j + 1, timex::weekend(self.anchor, n), false)),
            Class::Kw(Kw::Night) if n == -1 => {
                Some(DatePart { time: true, ..DatePart::new(j + 1, timex::relative(self.anchor, Unit::Day, -1), true).with_suffix("TNI") })
            }
            Class::Kw(Kw::Morning | Kw::Afternoon | Kw::Evening) if n == 0 => {
                let part = self.part_of_day(j)?;
                Some(DatePart { time: true, ..DatePart::new(j + 1, timex::relative(self.anchor, Unit::Day, 0), true).with_suffix(part) })
            }
            Class::Month { m, abbr: false } if self.capitalized(j) || m != 5 => {
                Some(DatePart::new(j + 1, self.month_relative(m, n), false))
            }
            Class::Kw(Kw::Season(s)) => Some(DatePart::new(j + 1, self.season_relative(s, n), false)),
            _ => None,
        }
    }

    /// `Christmas`, `Christmas Day`, `Christmas Eve`, `Halloween`,
    /// `Valentine's Day`, `New Year's Day`, `New Year's Eve`: holidays on a
    /// fixed day, in the year closest to the article date.
    fn holiday_at(&self, i: usize, k: Kw) -> Option<DatePart> {
        // `christmas` is no other word; `new` and `valentine` are.
        let unambiguous = matches!(k, Kw::Holiday(12 | 10, _));
        if !self.capitalized(i) && !unambiguous {
            return None;
        }
        let possessive = |j: usize| matches!(self.t(j), "'s" | "’s");
        let day_or_eve = |j: usize| -> Option<bool> {
            let w = self.t(j);
            let lower_ok = unambiguous || w.starts_with(|c: char| c.is_uppercase());
            if w.eq_ignore_ascii_case("day") && lower_ok {
                Some(false)
            } else if w.eq_ignore_ascii_case("eve") && lower_ok {
                Some(true)
            } else {
                None
            }
        };
        let (m, d, end) = match k {
            Kw::New => {
                if self.t(i + 1) != "Year" || !possessive(i + 2) {
                    return None;
                }
                match day_or_eve(i + 3)? {
                    false => (1, 1, i + 4),
                    true => (12, 31, i + 4),
                }
            }
            Kw::Holiday(m, d) => {
                let (m, d) = (m as u32, d as u32);
                let j = if possessive(i + 1) { i + 2 } else { i + 1 };
                match day_or_eve(j) {
                    Some(true) if m == 12 => (12, 24, j + 1),
                    Some(false) => (m, d, j + 1),
                    _ if m == 2 => return None, // `Valentine` alone is a name
                    _ => (m, d, i + 1),
                }
            }
            _ => return None,
        };
        if let Some((y, yend)) = self.year_after(end) {
            return timex::full_date(y, m, d).map(|v| DatePart::new(yend, v, true));
        }
        Some(DatePart::new(end, timex::month_day(self.anchor, m, d), true))
    }

    /// `every Monday` (`XXXX-WXX-1`), `every year` (`P1Y`), `each two
    /// days` (`P2D`): sets of times, valued by TIMEX3's period or day.
    fn every_at(&self, i: usize) -> Option<DatePart> {
        let j = i + 1;
        if let Class::Weekday { d, abbr: false } = self.c(j) {
            return Some(DatePart::new(j + 1, format!("XXXX-WXX-{d}"), false));
        }
        let (n, k) = match self.c(j) {
            Class::Int { v, .. } | Class::NumWord(v) if v >= 1 => (v, j + 1),
            _ => (1, j),
        };
        let Class::Unit(u) = self.c(k) else { return None };
        if u.is_time() {
            return None; // TIME sets are rare in news; leave them out
        }
        Some(DatePart::new(k + 1, timex::duration(Some(n as f64), u), false))
    }

    /// `last May` (the latest May before the article's month), `next May`,
    /// `this May` (the article's year).
    fn month_relative(&self, m: u32, n: i64) -> String {
        let Some(a) = self.anchor else { return format!("XXXX-{m:02}") };
        let y = match n {
            0 => a.year(),
            1 if m > a.month() => a.year(),
            1 => a.year() + 1,
            _ if m < a.month() => a.year(),
            _ => a.year() - 1,
        };
        format!("{y:04}-{m:02}")
    }

    /// Seasons as TIMEX3 writes them: `2022-SU`.
    fn season_relative(&self, s: u8, n: i64) -> String {
        let code = ["SP", "SU", "FA", "WI"][(s as usize - 1).min(3)];
        let Some(a) = self.anchor else { return format!("XXXX-{code}") };
        let now = match a.month() {
            3..=5 => 1,
            6..=8 => 2,
            9..=11 => 3,
            _ => 4,
        };
        let y = match n {
            0 => a.year(),
            1 if s > now => a.year(),
            1 => a.year() + 1,
            _ if s < now => a.year(),
            _ => a.year() - 1,
        };
        format!("{y:04}-{code}")
    }

    /// `earlier this year`, `later this month`, `early next year`, `late
    /// 2019`, `mid-August`, `early May`: the period the edge lies in.
    fn edge_at(&self, i: usize, k: Kw) -> Option<DatePart> {
        let j = if k == Kw::Mid && self.t(i + 1) == "-" { i + 2 } else { i + 1 };
        match self.c(j) {
            Class::Kw(m @ (Kw::This | Kw::Last | Kw::Next)) => {
                let p = self.modified_at(j, m)?;
                (!p.day && !p.time).then_some(p)
            }
            // `early Tuesday`, `late yesterday`: the day.
            Class::Weekday { abbr: false, .. } | Class::Kw(Kw::Today | Kw::Yesterday | Kw::Tomorrow)
                if matches!(k, Kw::Early | Kw::Late) =>
            {
                self.date_at(j).filter(|p| p.day && !p.time)
            }
            Class::Month { m, abbr: false } if k != Kw::Earlier && k != Kw::Later => {
                if let Some((y, end)) = self.year_after(j + 1) {
                    return Some(DatePart::new(end, format!("{y:04}-{m:02}"), false));
                }
                Some(DatePart::new(j + 1, timex::month_only(self.anchor, m), false))
            }
            Class::Int { v, digits: 4 } if k != Kw::Earlier && k != Kw::Later && (1900..=2099).contains(&v) => {
                Some(DatePart::new(j + 1, format!("{v:04}"), false))
            }
            Class::Decade(v) if k != Kw::Earlier && k != Kw::Later => Some(DatePart::new(j + 1, format!("{:03}", v / 10), false)),
            _ => None,
        }
    }

    /// `the day before yesterday`, `the day after tomorrow`, `the next day`,
    /// and `the year`, `the month`, `the week` where they mean the current
    /// one (`within the year`, `the rest of the year`).
    fn the_at(&self, i: usize) -> Option<DatePart> {
        let j = i + 1;
        // `the end of the year`, `the beginning of 2022`, `the middle of
        // next month`: the period named, as TIMEX3 has no value for an edge.
        if self.is_kw(j, Kw::Part) && self.is_kw(j + 1, Kw::Of) {
            let k = j + 2;
            let inner = match self.c(k) {
                Class::Kw(Kw::The) => match self.c(k + 1) {
                    Class::Unit(u @ (Unit::Year | Unit::Month | Unit::Week)) if !self.t(k + 1).ends_with('s') => {
                        Some(DatePart::new(k + 2, timex::relative(self.anchor, u, 0), false))
                    }
                    _ => None,
                },
                Class::Month { .. }
                | Class::Int { digits: 4, .. }
                | Class::Decade(_)
                | Class::Kw(Kw::This | Kw::Last | Kw::Next | Kw::Season(_)) => self.date_at(k).filter(|d| !d.day && !d.time),
                _ => None,
            };
            if let Some(p) = inner {
                return Some(p);
            }
        }
        if matches!(self.c(j), Class::OrdWord(_) | Class::OrdNum(_)) || self.t(j).contains('-') {
            if let Some(p) = self.ordinal_weekday_at(j).or_else(|| self.quarter_at(j)) {
                return Some(p);
            }
            if self.is_kw(j + 1, Kw::Of) && matches!(self.c(j + 2), Class::Kw(_)) {
                return self.day_month_at(j);
            }
        }
        match (self.c(j), self.kw(j + 1)) {
            (Class::Unit(Unit::Day), Some(Kw::Before)) if self.is_kw(j + 2, Kw::Yesterday) => {
                Some(DatePart::new(j + 3, timex::relative(self.anchor, Unit::Day, -2), true))
            }
            (Class::Unit(Unit::Day), Some(Kw::After)) if self.is_kw(j + 2, Kw::Tomorrow) => {
                Some(DatePart::new(j + 3, timex::relative(self.anchor, Unit::Day, 2), true))
            }
            // The next day of the story, not of the article: left unresolved.
            (Class::Kw(Kw::Next | Kw::Following | Kw::Previous), _)
                if self.c(j + 1) == Class::Unit(Unit::Day) && self.t(j + 1) == "day" =>
            {
                Some(DatePart::new(j + 2, "XXXX-XX-XX".to_string(), true))
            }
            (Class::Unit(u @ (Unit::Year | Unit::Month | Unit::Week)), next) if !self.t(j).ends_with('s') => {
                let before_ok = match self.prev(i) {
                    Class::Kw(Kw::Within | Kw::Of) => true,
                    Class::Kw(Kw::Prep) => self.is_word(i - 1, &["during", "throughout", "for", "through"]),
                    Class::Kw(Kw::In) => matches!(self.c(i.wrapping_sub(2)), Class::Kw(Kw::Later | Kw::Earlier | Kw::Early | Kw::Late)),
                    _ => false,
                };
                let after_ok = !matches!(next, Some(Kw::Of | Kw::Before | Kw::After | Kw::Ago))
                    && !matches!(self.c(j + 1), Class::Int { .. } | Class::Other if self.cur.is_kind(j + 1, TokenKind::Number));
                (before_ok && after_ok).then(|| DatePart::new(j + 1, timex::relative(self.anchor, u, 0), false))
            }
            (Class::Kw(Kw::Weekend), _) if matches!(self.prev(i), Class::Kw(Kw::Prep | Kw::On | Kw::At)) => {
                Some(DatePart::new(j + 1, timex::last_weekend(self.anchor), false))
            }
            _ => None,
        }
    }

    /// `fiscal 2022`, `fiscal year 2022`: the year (fiscal years are the
    /// issuer's business; TIMEX3 has no code for them).
    fn fiscal_at(&self, i: usize) -> Option<DatePart> {
        if !self.t(i).eq_ignore_ascii_case("fiscal") {
            return None;
        }
        let j = if self.t(i + 1).eq_ignore_ascii_case("year") { i + 2 } else { i + 1 };
        let y = self.year(j).filter(|y| (1900..=2099).contains(y))?;
        Some(DatePart::new(j + 1, format!("{y:04}"), false))
    }

    // ---- tokens the lexicon does not know: numeric dates, hyphenated words ----

    fn raw_at(&self, i: usize) -> Option<DatePart> {
        let tok = self.cur.get(i)?;
        let s = self.t(i);
        match tok.kind {
            TokenKind::Number => self.numeric_date(i, s),
            TokenKind::Word => self.hyphenated(i, s).or_else(|| self.fiscal_at(i)),
            // `'90s`: a decade of the last century.
            TokenKind::Punct if matches!(s, "'" | "’") && self.glued(i) => {
                let d = self.t(i + 1).as_bytes();
                if d.len() == 3 && d[1] == b'0' && d[2] == b's' && d[0].is_ascii_digit() {
                    return Some(DatePart::new(i + 2, format!("19{}", d[0] - b'0'), false));
                }
                None
            }
            _ => None,
        }
    }

    /// `2022-08-10`, `08/09/2022` (US order unless the first part exceeds
    /// 12), `13.5.2015` (day first with dots), `2015/08/12`, `9-18-15`,
    /// `11/12,2016`, `2019-2020` (an interval of years), and `4/22` after
    /// `on`.
    fn numeric_date(&self, i: usize, s: &str) -> Option<DatePart> {
        let sep = s.bytes().find(|b| matches!(b, b'-' | b'/' | b'.'))?;
        let s2 = s.replacen(',', &(sep as char).to_string(), 1);
        let parts: Vec<&str> = s2.split(sep as char).collect();
        if parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let num = |p: &str| p.parse::<u32>().ok();
        let year2 = |p: &str| -> Option<i32> {
            let y = num(p)? as i32;
            match p.len() {
                4 => Some(y),
                2 => Some(if y < 50 { 2000 + y } else { 1900 + y }),
                _ => None,
            }
        };
        let done = |v: Option<String>| v.map(|v| DatePart::new(i + 1, v, true));
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => done(timex::full_date(num(y)? as i32, num(m)?, num(d)?)),
            [a, b, y] if a.len() <= 2 && b.len() <= 2 && (y.len() == 4 || y.len() == 2) => {
                let (a, b, y) = (num(a)?, num(b)?, year2(y)?);
                let (m, d) = if sep == b'.' || a > 12 { (b, a) } else { (a, b) };
                done(timex::full_date(y, m, d))
            }
            [a, b] if a.len() == 4 && (b.len() == 4 || b.len() == 2) && sep == b'-' => {
                let (a, b) = (num(a)?, num(b)?);
                let b = if b < 100 { a / 100 * 100 + b } else { b };
                ((1900..=2099).contains(&a) && a < b && b <= 2099 && self.year_ok(i, a))
                    .then(|| DatePart::new(i + 1, format!("{a:04}/{b:04}"), false))
            }
            [a, b]
                if a.len() <= 2
                    && b.len() <= 2
                    && sep != b'.'
                    && (self.is_kw(i.wrapping_sub(1), Kw::On) || matches!(self.prev(i), Class::Weekday { .. })) =>
            {
                let (a, b) = (num(a)?, num(b)?);
                let (m, d) = if a > 12 { (b, a) } else { (a, b) };
                if !(1..=12).contains(&m) || self.count_noun(i + 1) {
                    return None;
                }
                self.month_day_value(m, d, i + 1).filter(|p| p.end == i + 1)
            }
            _ => None,
        }
    }

    /// `mid-2019`, `mid-August`, `mid-1990s`, `jan-1`, `Oct-2`.
    fn hyphenated(&self, i: usize, s: &str) -> Option<DatePart> {
        // `Q3`, `Q3 2016`, `H1`
        if let [q @ (b'Q' | b'H'), n @ b'1'..=b'4'] = s.as_bytes() {
            let n = (n - b'0') as u32;
            if *q == b'H' && n > 2 {
                return None;
            }
            let (y, end) = self.period_year(i + 1);
            return Some(DatePart::new(end, period(y, *q as char, n), false));
        }
        if let Some(p) = self.quarter_at(i) {
            return Some(p);
        }
        let (left, right) = s.split_once('-')?;
        if left.eq_ignore_ascii_case("mid") {
            let tok = Token { span: Span::new(0, right.len()), kind: TokenKind::Word, line_start: false };
            let v = if right.starts_with(|c: char| c.is_ascii_digit()) {
                if right.len() == 4 {
                    right.parse::<u32>().ok().filter(|y| (1900..=2099).contains(y)).map(|y| format!("{y:04}"))
                } else if right.len() == 5 && right.ends_with('s') {
                    right[..4].parse::<u32>().ok().filter(|y| y % 10 == 0).map(|y| format!("{:03}", y / 10))
                } else {
                    None
                }
            } else {
                match classify(right, &tok) {
                    Class::Month { m, abbr: false } => Some(timex::month_only(self.anchor, m)),
                    _ => None,
                }
            };
            return v.map(|v| DatePart::new(i + 1, v, false));
        }
        let tok = Token { span: Span::new(0, left.len()), kind: TokenKind::Word, line_start: false };
        let right_tok = Token { span: Span::new(0, right.len()), kind: TokenKind::Word, line_start: false };
        // `all-day`, `full-year`
        if let (Class::Kw(Kw::All | Kw::Full), Class::Unit(u)) = (classify(left, &tok), classify(right, &right_tok)) {
            if !right.ends_with('s') && !u.is_time() {
                return Some(DatePart::new(i + 1, timex::duration(Some(1.0), u), false));
            }
        }
        if let Class::Month { m, .. } = classify(left, &tok) {
            let d: u32 = right.parse().ok()?;
            if (1..=31).contains(&d) && right.len() <= 2 {
                return self.month_day_value(m, d, i + 1);
            }
        }
        None
    }
}

impl DatePart {
    fn with_suffix(mut self, suffix: &str) -> DatePart {
        self.value.push_str(suffix);
        self
    }
}

/// `2016-Q3`, `2022-H1`, `XXXX-Q3`.
fn period(year: Option<i32>, code: char, n: u32) -> String {
    match year {
        Some(y) => format!("{y:04}-{code}{n}"),
        None => format!("XXXX-{code}{n}"),
    }
}
