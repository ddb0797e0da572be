//! Dates relative to the article date, and sets.
//!
//! Values for an article dated Tuesday 2022-08-09:
//!
//! | written | value |
//! |---|---|
//! | `this week`, `last year`, `next month`, `last Friday`, `next Sunday`, `this Tuesday` | `2022-W32`, `2021`, `2022-09`, `2022-08-05`, `2022-08-21`, `2022-08-09` |
//! | `this morning`, `last night`, `next weekend`, `last May`, `this summer` | `2022-08-09TMO`, `2022-08-08TNI`, `2022-W33-WE`, `2022-05`, `2022-SU` |
//! | `earlier this year`, `late 2019`, `mid-August`, `early Tuesday` | `2022`, `2019`, `2022-08`, `2022-08-09` |
//! | `the day before yesterday`, `the next day`, `the year` (`within the year`), `the end of the year` | `2022-08-07`, `XXXX-XX-XX`, `2022`, `2022` |
//! | `every Monday`, `every year`, `each two days` | `XXXX-WXX-1`, `P1Y`, `P2D` |
//!
//! `today`, `yesterday`, `tomorrow` and `tonight` are valued in the
//! dispatch ([`Scanner::keyword_at`]).

use super::{DatePart, Scanner};
use crate::date::lexicon::{Class, Kw, Unit};
use crate::date::timex::{self, WeekdayRef};
use crate::tokenize::TokenKind;
use chrono::Datelike;

impl Scanner<'_> {
    /// `this week`, `last year`, `next month`, `last Friday`, `this
    /// morning`, `last night`, `next weekend`, `last May`, `this summer`.
    pub(super) fn modified_at(&self, i: usize, k: Kw) -> Option<DatePart> {
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

    /// `earlier this year`, `later this month`, `early next year`, `late
    /// 2019`, `mid-August`, `early May`: the period the edge lies in.
    pub(super) fn edge_at(&self, i: usize, k: Kw) -> Option<DatePart> {
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
                Some(DatePart::new(j + 1, self.month_without_year(i, m, j + 1), false))
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
    pub(super) fn the_at(&self, i: usize) -> Option<DatePart> {
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
        // `on the 27th`, `until the twenty-second.`
        if matches!(self.c(j), Class::OrdWord(_) | Class::OrdNum(_) | Class::NumWord(20 | 30)) {
            if let Some(p) = self.day_alone_at(i, j) {
                return Some(p);
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

    /// `every Monday` (`XXXX-WXX-1`), `every year` (`P1Y`), `each two
    /// days` (`P2D`): sets of times, valued by TIMEX3's period or day.
    pub(super) fn every_at(&self, i: usize) -> Option<DatePart> {
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
    pub(super) fn month_relative(&self, m: u32, n: i64) -> String {
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
}
