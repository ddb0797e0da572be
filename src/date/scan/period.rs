//! Periods news counts within a year: quarters, halves, seasons, fiscal years.
//!
//! Values for an article dated Tuesday 2022-08-09:
//!
//! | written | value |
//! |---|---|
//! | `the second quarter`, `third-quarter`, `the fourth quarter of 2016`, `Q3 2021`, `Q3` | `2022-Q2`, `2022-Q3`, `2016-Q4`, `2021-Q3`, `2022-Q3` |
//! | `first half`, `first half of next year`, `H1` | `2022-H1`, `2023-H1`, `2022-H1` |
//! | `summer 2016`, `summer of 2016`, `this summer`, `last winter` | `2016-SU`, `2016-SU`, `2022-SU`, `2021-WI` |
//! | `fiscal 2022`, `fiscal year 2022` | `2022` (fiscal years are the issuer's business; TIMEX3 has no code for them) |

use super::{DatePart, Scanner};
use crate::date::lexicon::{classify_word, Class, Kw, Unit};
use chrono::Datelike;

impl Scanner<'_> {
    /// The year a quarter, half or season belongs to, after it: `of 2016`,
    /// `2016`, `of last year`; (year, end) or the article's year and `None`.
    pub(super) fn period_year(&self, j: usize) -> (Option<i32>, usize) {
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
    pub(super) fn quarter_at(&self, i: usize) -> Option<DatePart> {
        let (n, j) = match self.c(i) {
            Class::OrdWord(n) | Class::OrdNum(n) => (n, i + 1),
            _ => {
                // `third-quarter`, `first-half`
                let (left, right) = self.t(i).split_once('-')?;
                let Class::OrdWord(n) = classify_word(left) else { return None };
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

    /// `summer 2016`, `summer of 2016`: a season of a year.
    pub(super) fn season_at(&self, i: usize, n: u8) -> Option<DatePart> {
        let (y, end) = self.year_after(i + 1)?;
        let code = ["SP", "SU", "FA", "WI"][(n as usize - 1).min(3)];
        Some(DatePart::new(end, format!("{y:04}-{code}"), false))
    }

    /// Seasons as TIMEX3 writes them: `2022-SU`.
    pub(super) fn season_relative(&self, s: u8, n: i64) -> String {
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

    /// `fiscal 2022`, `fiscal year 2022`: the year (fiscal years are the
    /// issuer's business; TIMEX3 has no code for them).
    pub(super) fn fiscal_at(&self, i: usize) -> Option<DatePart> {
        if !self.t(i).eq_ignore_ascii_case("fiscal") {
            return None;
        }
        let j = if self.t(i + 1).eq_ignore_ascii_case("year") { i + 2 } else { i + 1 };
        let y = self.year(j).filter(|y| (1900..=2099).contains(y))?;
        Some(DatePart::new(j + 1, format!("{y:04}"), false))
    }
}

/// `2016-Q3`, `2022-H1`, `XXXX-Q3`.
pub(super) fn period(year: Option<i32>, code: char, n: u32) -> String {
    match year {
        Some(y) => format!("{y:04}-{code}{n}"),
        None => format!("XXXX-{code}{n}"),
    }
}
