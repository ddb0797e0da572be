//! Calendar dates: days, months, years and decades as written, weekdays,
//! holidays on a fixed day, and numeric dates.
//!
//! Values for an article dated Tuesday 2022-08-09:
//!
//! | written | value |
//! |---|---|
//! | `Aug. 9`, `August 9, 2022`, `9 August`, `Aug 9th`, `9th of August`; `May the eleventh` | `2022-08-09`; `2022-05-11` |
//! | `2022-08-10`, `08/09/2022` (US order), `13.5.2015` (day first with dots), `on 4/22` | `2022-08-10`, `2022-08-09`, `2015-05-13`, `2022-04-22` |
//! | `Aug. 9-10`, `2019-2020` | `2022-08-09/2022-08-10`, `2019/2020` |
//! | `May` (after `in`, `since`...), `August 2022`, `2019`, `1990s`, `'90s`, `mid-2019` | `2022-05`, `2022-08`, `2019`, `199`, `199`, `2019` |
//! | `Tuesday`, `Friday next week`, `Friday the 22nd`, `on Tuesdays`, `the first Friday of July` | `2022-08-09`, `2022-08-19`, `2022-08-22`, `XXXX-WXX-2`, `2022-07-01` |
//! | `on the 27th` (past tense), `by the 15th` (future), `16. November 2016`, `2019-Sep-01`, `Friday (Aug. 12)` | `2022-07-27`, `2022-08-15`, `2016-11-16`, `2019-09-01`, `2022-08-12` |
//! | `Christmas Day`, `New Year's Eve`, `Christmas Eve` | `2022-12-25`, `2022-12-31`, `2022-12-24` |
//!
//! Tokens the lexicon does not know (numbers with separators, hyphenated
//! words) are read here too ([`Scanner::raw_at`]) and handed to the family
//! they belong to (`Q3`, `third-quarter`: periods).

use super::period::period;
use super::{DatePart, Scanner};
use crate::date::lexicon::{classify_word, Class, Kw, Unit};
use crate::date::timex::{self, WeekdayRef};
use crate::tokenize::TokenKind;
use chrono::Datelike;

impl Scanner<'_> {
    /// A day of the month at `i`: `9`, `9th`, `ninth`, `twenty-first`,
    /// `twenty first`, and with `words`, `twenty one`.
    pub(super) fn day_number(&self, i: usize, words: bool) -> Option<(u32, usize)> {
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
    pub(super) fn year(&self, i: usize) -> Option<i32> {
        match self.c(i) {
            Class::Int { v, digits: 4 } if (1000..=2999).contains(&v) => Some(v as i32),
            _ => None,
        }
    }

    /// A year after a day or month: `, 2022`, ` 2022`, `of 2022`.
    pub(super) fn year_after(&self, i: usize) -> Option<(i32, usize)> {
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
    pub(super) fn month_day_value(&self, m: u32, d: u32, after: usize) -> Option<DatePart> {
        if let Some((y, end)) = self.year_after(after) {
            return timex::full_date(y, m, d).map(|v| DatePart::new(end, v, true));
        }
        // `Feb 30`: no such day in any year (2000 was a leap year).
        chrono::NaiveDate::from_ymd_opt(2000, m, d)?;
        let lean = if self.anchor.is_some() { self.tense(after) } else { timex::Lean::Nearest };
        Some(DatePart::new(after, timex::month_day_leaning(self.anchor, m, d, lean), true))
    }

    /// `Aug. 9`, `August 9, 2022`, `May 21`, `Aug 9th`, `Oct-2`, `jan/1`,
    /// `May the eleventh`, `August 2022`, and a month alone where it is one.
    pub(super) fn month_at(&self, i: usize, m: u32, abbr: bool) -> Option<DatePart> {
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
        // `May next year`, `March last year`: the month of the year pointed at
        // (capitalized: `they may next year`).
        if let (Some(k @ (Kw::Next | Kw::Last | Kw::This)), Class::Unit(Unit::Year)) = (self.kw(i + 1), self.c(i + 2)) {
            if self.t(i + 2).eq_ignore_ascii_case("year") && self.capitalized(i) && !abbr {
                let n = match k {
                    Kw::Next => 1,
                    Kw::Last => -1,
                    _ => 0,
                };
                let value = match self.anchor {
                    Some(a) => format!("{:04}-{m:02}", a.year() + n),
                    None => format!("XXXX-{m:02}"),
                };
                return Some(DatePart::new(i + 3, value, false));
            }
        }
        self.bare_month_ok(i, m, abbr).then(|| DatePart::new(i + 1, self.month_without_year(i, m, i + 1), false))
    }

    /// Month `m` named without its year in the phrase from token `start` to
    /// `end` (`January`, `early January`, `mid-January`): where a
    /// preposition or modifier of time puts it in a clause (`fell in
    /// January`, `will resume in March`, `early May`), the tense of the
    /// clause before it picks the year ([`timex::month_only_leaning`]);
    /// elsewhere, and after
    /// `for` in the past tense, it is the nearest: a month that is a
    /// subject or a noun's modifier is mostly a futures contract's
    /// (`January ended 29.7 cents lower`, `October crude rose`, `rose 5
    /// cents for December`), which lies ahead whatever the verb.
    pub(super) fn month_without_year(&self, start: usize, m: u32, end: usize) -> String {
        let framed = start != end.wrapping_sub(1) || self.month_context(start);
        // The verb before it only: one after it is mostly a reporting verb
        // (`visits Poland in September, the daily said`).
        let lean = match self.anchor.filter(|_| framed).and_then(|_| self.tense_before(end)) {
            Some(timex::Lean::Past) if self.t(start.wrapping_sub(1)).eq_ignore_ascii_case("for") => timex::Lean::Nearest,
            Some(lean) => lean,
            None => timex::Lean::Nearest,
        };
        timex::month_only_leaning(self.anchor, m, lean)
    }

    /// `9-10` after a month: an ISO 8601 interval of days.
    pub(super) fn day_range(&self, m: u32, j: usize) -> Option<DatePart> {
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
    pub(super) fn month_context(&self, i: usize) -> bool {
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
    pub(super) fn bare_month_ok(&self, i: usize, m: u32, abbr: bool) -> bool {
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
    /// month`, `next month`, `previous month`; (year if known, month if
    /// known, end). Without an article date `this month` is no known month.
    pub(super) fn month_ref(&self, j: usize) -> Option<(Option<i32>, Option<u32>, usize)> {
        match self.c(j) {
            Class::Month { m, .. } => {
                if let Some((y, end)) = self.year_after(j + 1) {
                    return Some((Some(y), Some(m), end));
                }
                let y = self.anchor.map(|_| timex::month_only(self.anchor, m)[..4].parse().unwrap_or(0));
                Some((y, Some(m), j + 1))
            }
            Class::Kw(k @ (Kw::This | Kw::Next | Kw::Last | Kw::Previous | Kw::Past))
                if self.c(j + 1) == Class::Unit(Unit::Month) && self.t(j + 1).eq_ignore_ascii_case("month") =>
            {
                let n = match k {
                    Kw::This => 0,
                    Kw::Next => 1,
                    _ => -1,
                };
                match timex::month_shift(self.anchor, n) {
                    Some((y, m)) => Some((Some(y), Some(m), j + 2)),
                    None => Some((None, None, j + 2)),
                }
            }
            _ => None,
        }
    }

    /// A day number first: `9 August`, `9th of August 2022`, `fourth of may`,
    /// `twenty second of June`.
    pub(super) fn day_month_at(&self, i: usize) -> Option<DatePart> {
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
                let value = match self.month_ref(j)? {
                    (Some(y), Some(m), end) => (timex::full_date(y, m, d).unwrap_or_else(|| format!("{y:04}-{m:02}-{d:02}")), end),
                    // No article date: the day of a month not known.
                    (_, _, end) => (format!("XXXX-XX-{d:02}"), end),
                };
                return Some(DatePart::new(value.1, value.0, true));
            }
        }
        let Class::Month { m, abbr } = self.c(j) else { return if of { None } else { self.day_alone_at(i, i) } };
        // `may`, `march` in lowercase only after `of` (`fourth of may`).
        if !of && matches!(m, 3 | 5) && !self.capitalized(j) {
            return None;
        }
        if abbr && !of && !self.t(j).ends_with('.') && !self.glued(j.wrapping_sub(1)) && self.t(j).len() < 3 {
            return None;
        }
        self.month_day_value(m, d, j + 1)
    }

    /// A day of the month named alone, the ordinal at `i` (the span from
    /// `start`, a `the` before it or `i` itself): `on the 27th`, `by the
    /// 15th,`, `on 22nd`, `until the twenty-second.`, valued in the month
    /// around the article date the clause's tense says
    /// ([`timex::day_of_month_leaning`]).
    ///
    /// An ordinal is a rank far more often than a day (`the 21st century`,
    /// `for the second time`, `finished 22nd`), so it is a day only after a
    /// preposition of time (`on`, `by`, `until`, `since`, `for`...) and
    /// before no word that it would rank: in digits before a sentence's end
    /// or a comma, `and`, `at`... (not `on the 15th and 17th holes`), in
    /// words (`second`) only after `on the` (not `qualified for the second.`,
    /// `through the seventh.` of an inning) and before the sentence's end; a
    /// compound (`twenty-second`) may go without `the`, after any of them.
    pub(super) fn day_alone_at(&self, start: usize, i: usize) -> Option<DatePart> {
        let digits = matches!(self.c(i), Class::OrdNum(_));
        if !digits && !matches!(self.c(i), Class::OrdWord(_) | Class::NumWord(20 | 30)) {
            return None;
        }
        let (d, end) = self.day_number(i, false)?;
        // `on twenty second`: a compound day needs no `the`; `on second` does.
        if !digits && start == i && d < 21 {
            return None;
        }
        let before = start.checked_sub(1)?;
        // `from the 3rd to the 5th`, `on the 22nd and 24th`: after a day in
        // digits, a second one.
        const INTRO: &[&str] = &["on", "for", "by", "until", "till", "since", "before", "after", "from", "through"];
        let introduced = |k: usize| self.is_word(k, INTRO) || (self.is_kw(k, Kw::The) && self.is_word(k.wrapping_sub(1), INTRO));
        let second = digits
            && self.is_word(before, &["to", "and", "or", "through", "until", "till"])
            && matches!(self.c(before.wrapping_sub(1)), Class::OrdNum(_))
            && introduced(before.wrapping_sub(2));
        if !second && !self.is_word(before, INTRO) {
            return None;
        }
        // `qualified for the second.`, `from the second inning through the
        // seventh.`: a rank; a day up to the twentieth in words only after `on`.
        if !digits && d < 21 && !self.is_word(before, &["on"]) {
            return None;
        }
        // `on the 20th next month`: that day of the month pointed at.
        if matches!(self.c(end), Class::Kw(Kw::This | Kw::Next | Kw::Last)) {
            if let Some((y, m, mend)) = self.month_ref(end) {
                let value = match (y, m) {
                    (Some(y), Some(m)) => timex::full_date(y, m, d)?,
                    _ => format!("XXXX-XX-{d:02}"),
                };
                return Some(DatePart::new(mend, value, true));
            }
        }
        let next = self.t(end);
        // The text's end, not a line's: a headline may break mid-phrase
        // (`scores on the first\nday`).
        let sentence_end = matches!(next, "." | "!" | "?") || end >= self.cur.tokens.len();
        // `on the 15th and 17th holes`: the ordinal after `and` ranks too.
        let ranked_after = || {
            let k = if self.is_kw(end + 1, Kw::The) { end + 2 } else { end + 1 };
            matches!(self.c(k), Class::OrdNum(_) | Class::OrdWord(_)) && self.cur.is_kind(k + 1, TokenKind::Word)
        };
        let ok = sentence_end
            || (digits
                && (matches!(next, "," | ";" | ")" | "–" | "—")
                    || (self.is_word(end, &["and", "or", "at", "to", "through", "until", "when"]) && !ranked_after())));
        if !ok || self.ranks_before(start) {
            return None;
        }
        let lean = if self.anchor.is_some() { self.tense(end) } else { timex::Lean::Nearest };
        Some(DatePart::new(end, timex::day_of_month_leaning(self.anchor, d, lean), true))
    }

    /// True when an ordinal ranks a noun shortly before token `i` (`the
    /// 12th and 13th holes ... a birdie on the 16th,`): an ordinal alone
    /// after it ranks the same noun, not a day.
    fn ranks_before(&self, i: usize) -> bool {
        const REACH: usize = 60;
        (i.saturating_sub(REACH)..i).any(|j| {
            matches!(self.c(j), Class::OrdNum(_) | Class::OrdWord(_))
                && self.cur.is_kind(j + 1, TokenKind::Word)
                && self.c(j + 1) == Class::Other
                && self.t(j + 1).starts_with(|c: char| c.is_ascii_lowercase())
        })
    }

    /// A number in digits first: a day before a month (`9 August`), a year.
    pub(super) fn number_at(&self, i: usize, v: u32, digits: u8) -> Option<DatePart> {
        if digits <= 2 {
            // `1-jan`, `28-nov`; `16. Nov. 2016` (a day with a period, as
            // German and Nordic styles write it: with its year only, as a
            // number ending a sentence may precede a month).
            if self.glued(i) && self.t(i + 1) == "." {
                if let Class::Month { m, .. } = self.c(i + 2) {
                    if (1..=31).contains(&v) && self.year_after(i + 3).is_some() {
                        return self.month_day_value(m, v, i + 3);
                    }
                }
            }
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
        if digits == 4 {
            if let Some(p) = self.year_month_name_day(i, v) {
                return Some(p);
            }
            if self.year_ok(i, v) {
                return Some(DatePart::new(i + 1, format!("{v:04}"), false));
            }
        }
        None
    }

    /// `2019-Sep-01`, `2019/sep/1`: a year, a month name and a day, glued
    /// with one separator (the `Sep-01` a token of its own after `-`).
    fn year_month_name_day(&self, i: usize, y: u32) -> Option<DatePart> {
        if !(self.glued(i) && self.glued(i + 1) && (1900..=2099).contains(&y)) {
            return None;
        }
        let (m, day, end) = match self.t(i + 1) {
            "-" => {
                let (month, day) = self.t(i + 2).split_once('-')?;
                let Class::Month { m, .. } = classify_word(month) else { return None };
                (m, day, i + 3)
            }
            "/" if self.glued(i + 2) && self.t(i + 3) == "/" && self.glued(i + 3) => {
                let Class::Month { m, .. } = self.c(i + 2) else { return None };
                (m, self.t(i + 4), i + 5)
            }
            _ => return None,
        };
        if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        timex::full_date(y as i32, m, day.parse().ok()?).map(|v| DatePart::new(end, v, true))
    }

    /// Whether a four-digit number is a year: 1900-2099 unless it counts
    /// something (`2000 people`) or belongs to an amount (`$2019`, `No.
    /// 1995`); 1000-1899 only after a preposition (`in 1391`).
    pub(super) fn year_ok(&self, i: usize, v: u32) -> bool {
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

    /// `first Sunday`, `the second Monday of next month`, `the first
    /// Friday of July`: the nth weekday of a month (the article's month
    /// when none is named).
    pub(super) fn ordinal_weekday_at(&self, i: usize) -> Option<DatePart> {
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
                Some(a) => (Some(a.year()), Some(a.month()), after),
                None => (None, None, after),
            },
        };
        let Some(m) = m else { return Some(DatePart::new(end, format!("XXXX-XX-WXX-{d}-#{nth}"), true)) };
        Some(DatePart::new(end, timex::nth_weekday(y, m, d, nth), true))
    }

    pub(super) fn weekday_at(&self, i: usize, d: u32, abbr: bool) -> Option<DatePart> {
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

    /// `Friday (June 15)`, `this Friday (Jun-15)`: a weekday `d` ends with
    /// and its date in parentheses after it, one span valued by the date,
    /// when the two agree (or no year says whether they do); else `d`.
    pub(super) fn with_date_in_parens(&self, d: DatePart) -> DatePart {
        let e = d.end;
        if !d.day || d.time || self.t(e) != "(" {
            return d;
        }
        let Class::Weekday { d: wd, .. } = self.c(e - 1) else { return d };
        let Some(inner) = self.date_at(e + 1).filter(|p| p.day && !p.time && self.t(p.end) == ")") else { return d };
        let agrees = crate::date::parse_ymd(&inner.value).map_or(true, |day| day.weekday().number_from_monday() == wd);
        if agrees {
            DatePart::new(inner.end + 1, inner.value, true)
        } else {
            d
        }
    }

    /// `Christmas`, `Christmas Day`, `Christmas Eve`, `Halloween`,
    /// `Valentine's Day`, `New Year's Day`, `New Year's Eve`: holidays on a
    /// fixed day, in the year closest to the article date.
    pub(super) fn holiday_at(&self, i: usize, k: Kw) -> Option<DatePart> {
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

    pub(super) fn raw_at(&self, i: usize) -> Option<DatePart> {
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
    pub(super) fn numeric_date(&self, i: usize, s: &str) -> Option<DatePart> {
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
    pub(super) fn hyphenated(&self, i: usize, s: &str) -> Option<DatePart> {
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
            let v = if right.starts_with(|c: char| c.is_ascii_digit()) {
                if right.len() == 4 {
                    right.parse::<u32>().ok().filter(|y| (1900..=2099).contains(y)).map(|y| format!("{y:04}"))
                } else if right.len() == 5 && right.ends_with('s') {
                    right[..4].parse::<u32>().ok().filter(|y| y % 10 == 0).map(|y| format!("{:03}", y / 10))
                } else {
                    None
                }
            } else {
                match classify_word(right) {
                    Class::Month { m, abbr: false } => Some(self.month_without_year(i, m, i + 1)),
                    _ => None,
                }
            };
            return v.map(|v| DatePart::new(i + 1, v, false));
        }
        // `all-day`, `full-year`
        if let (Class::Kw(Kw::All | Kw::Full), Class::Unit(u)) = (classify_word(left), classify_word(right)) {
            if !right.ends_with('s') && !u.is_time() {
                return Some(DatePart::new(i + 1, timex::duration(Some(1.0), u), false));
            }
        }
        if let Class::Month { m, .. } = classify_word(left) {
            let d: u32 = right.parse().ok()?;
            if (1..=31).contains(&d) && right.len() <= 2 {
                return self.month_day_value(m, d, i + 1);
            }
        }
        None
    }
}
