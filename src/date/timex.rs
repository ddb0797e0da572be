//! ISO 8601 / TIMEX3 values, and their resolution against the article date.
//!
//! Every function takes the article date as an `Option`: with it a value is
//! resolved (`2022-08-09`), without it the unknown parts stay `X`
//! (`XXXX-08-09`, `XXXX-WXX-2`) rather than being guessed.

use super::lexicon::Unit;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// `2022-08-09`.
pub(super) fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `2022-W31`: the ISO week a day lies in.
pub(super) fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// `2022-08`.
pub(super) fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// `2022`.
pub(super) fn year_of(d: NaiveDate) -> String {
    format!("{:04}", d.year())
}

/// Which way a month and day without a year leans from the article date:
/// the clause's tense, when it has one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Lean {
    /// No tense said: the closest such day, before or after.
    Nearest,
    /// `was signed on Feb. 3`: the latest such day up to the article date.
    Past,
    /// `will meet on Feb. 3`: the first such day from the article date on.
    Future,
}

/// A month and day without a year: in the year that puts it closest to the
/// article date (`Dec. 28` in an article of 2023-01-03 is 2022-12-28), or
/// `XXXX-MM-DD` without one.
pub(super) fn month_day(anchor: Option<NaiveDate>, m: u32, d: u32) -> String {
    month_day_leaning(anchor, m, d, Lean::Nearest)
}

/// [`month_day`] on the side of the article date that `lean` says: with
/// [`Lean::Past`], `Feb. 3` in an article of 2021-09-14 is 2021-02-03 (the
/// nearest is 2022-02-03); with [`Lean::Future`], `Feb. 3` is 2022-02-03.
/// The article's own day is both past and future.
pub(super) fn month_day_leaning(anchor: Option<NaiveDate>, m: u32, d: u32, lean: Lean) -> String {
    if let Some(a) = anchor {
        let best = [a.year() - 1, a.year(), a.year() + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
            .filter(|c| match lean {
                Lean::Nearest => true,
                Lean::Past => *c <= a,
                Lean::Future => *c >= a,
            })
            .min_by_key(|c| (*c - a).num_days().abs());
        if let Some(best) = best {
            return day(best);
        }
    }
    format!("XXXX-{m:02}-{d:02}")
}

/// A day of the month without its month (`on the 27th`): in the month
/// around the article date that `lean` says, as [`month_day_leaning`] picks
/// a year (`the 27th` said in the past tense in an article of 2016-11-07 is
/// 2016-10-27; in the future tense 2016-11-27; with no tense, the nearer of
/// the two), skipping months without that day; `XXXX-XX-27` without an
/// article date.
pub(super) fn day_of_month_leaning(anchor: Option<NaiveDate>, d: u32, lean: Lean) -> String {
    if let Some(a) = anchor {
        let best = (-2..=2)
            .filter_map(|n| month_shift(Some(a), n))
            .filter_map(|(y, m)| NaiveDate::from_ymd_opt(y, m, d))
            .filter(|c| match lean {
                Lean::Nearest => true,
                Lean::Past => *c <= a,
                Lean::Future => *c >= a,
            })
            .min_by_key(|c| (*c - a).num_days().abs());
        if let Some(best) = best {
            return day(best);
        }
    }
    format!("XXXX-XX-{d:02}")
}

/// A month without a year, in the year that puts it closest to the article
/// date (`May` in an article of August 2022 is 2022-05), or `XXXX-MM`.
pub(super) fn month_only(anchor: Option<NaiveDate>, m: u32) -> String {
    month_only_leaning(anchor, m, Lean::Nearest)
}

/// [`month_only`] on the side of the article's month that `lean` says:
/// `fell in January` (past) in an article of August 2022 is 2022-01 (the
/// nearest is 2023-01); `will open in May` (future) in one of September
/// 2022 is 2023-05. The article's own month is both past and future.
pub(super) fn month_only_leaning(anchor: Option<NaiveDate>, m: u32, lean: Lean) -> String {
    match anchor {
        Some(a) => {
            let here = a.year() * 12 + a.month() as i32 - 1;
            let at = |y: i32| y * 12 + m as i32 - 1;
            let best = [a.year() - 1, a.year(), a.year() + 1]
                .into_iter()
                .filter(|&y| match lean {
                    Lean::Nearest => true,
                    Lean::Past => at(y) <= here,
                    Lean::Future => at(y) >= here,
                })
                .min_by_key(|&y| (at(y) - here).abs())
                .unwrap_or(a.year());
            format!("{best:04}-{m:02}")
        }
        None => format!("XXXX-{m:02}"),
    }
}

/// A full date written with its year, or `None` when there is no such day.
pub(super) fn full_date(y: i32, m: u32, d: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d).map(day)
}

/// Which occurrence of a weekday a bare or modified weekday name means.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum WeekdayRef {
    /// A bare name: the last one up to six days back, the article's own day
    /// included (news reports what happened); forward when the clause
    /// speaks of the future (`will meet Friday`).
    Bare { future: bool },
    /// `this Friday`, `Friday this week`: in the article's ISO week.
    ThisWeek,
    /// `next Friday`: in the ISO week after the article's.
    NextWeek,
    /// `last Friday`, `past Friday`: in the ISO week before the article's.
    LastWeek,
}

/// A weekday (ISO number, Monday = 1), resolved, or `XXXX-WXX-d`.
pub(super) fn weekday(anchor: Option<NaiveDate>, wd: u32, which: WeekdayRef) -> String {
    let Some(a) = anchor else { return format!("XXXX-WXX-{wd}") };
    let here = a.weekday().number_from_monday() as i64;
    let wd = wd.min(7);
    let delta = match which {
        WeekdayRef::Bare { future: false } => -((here - wd as i64).rem_euclid(7)),
        WeekdayRef::Bare { future: true } => (wd as i64 - here).rem_euclid(7),
        WeekdayRef::ThisWeek => wd as i64 - here,
        WeekdayRef::NextWeek => wd as i64 - here + 7,
        WeekdayRef::LastWeek => wd as i64 - here - 7,
    };
    shift_days(a, delta).map(day).unwrap_or_else(|| format!("XXXX-WXX-{wd}"))
}

pub(super) fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn shift_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

/// The calendar unit `n` units away from the article date, at that unit's
/// granularity: `last week` is `2022-W31`, `two days ago` `2022-08-07`,
/// `next year` `2023`. Unresolved forms without an article date.
pub(super) fn relative(anchor: Option<NaiveDate>, unit: Unit, n: i64) -> String {
    let unresolved = || match unit {
        Unit::Day => "XXXX-XX-XX".to_string(),
        Unit::Week | Unit::Fortnight => "XXXX-WXX".to_string(),
        Unit::Month => "XXXX-XX".to_string(),
        Unit::Decade => "XXX".to_string(),
        Unit::Century => "XX".to_string(),
        _ => "XXXX".to_string(),
    };
    let Some(a) = anchor else { return unresolved() };
    // Counts come from the text: multiply without overflow.
    let days = |k: i64| n.checked_mul(k).and_then(|x| shift_days(a, x));
    let months = |k: i64| n.checked_mul(k).and_then(|x| shift_months(a, x));
    let shifted = match unit {
        Unit::Day => days(1).map(day),
        Unit::Week => days(7).map(week),
        Unit::Fortnight => days(14).map(week),
        Unit::Month => months(1).map(month_of),
        Unit::Year => months(12).map(year_of),
        Unit::Decade => months(120).map(|d| format!("{:03}", d.year().div_euclid(10))),
        Unit::Century => months(1200).map(|d| format!("{:02}", d.year().div_euclid(100))),
        // Time units: the day they fall on is all a date can say.
        Unit::Hour | Unit::Minute | Unit::Second => Some(day(a)),
    };
    shifted.unwrap_or_else(unresolved)
}

/// The day `sign` times `parts` away from `base` (`1 month 21 days ago`),
/// written at the finest unit's granularity; unresolved without a base.
pub(super) fn shifted(base: Option<NaiveDate>, parts: &[(i64, Unit)], sign: i64) -> String {
    let finest = parts.iter().map(|&(_, u)| u).min_by_key(|&u| granularity_rank(u)).unwrap_or(Unit::Day);
    let mut d = base;
    for &(n, u) in parts {
        let by = |k: i64| n.checked_mul(k).and_then(|x| x.checked_mul(sign));
        d = d.and_then(|d| match u {
            Unit::Day => shift_days(d, by(1)?),
            Unit::Week => shift_days(d, by(7)?),
            Unit::Fortnight => shift_days(d, by(14)?),
            Unit::Month => shift_months(d, by(1)?),
            Unit::Year => shift_months(d, by(12)?),
            Unit::Decade => shift_months(d, by(120)?),
            Unit::Century => shift_months(d, by(1200)?),
            Unit::Hour | Unit::Minute | Unit::Second => Some(d),
        });
    }
    match d {
        Some(d) => relative(Some(d), finest, 0),
        None => relative(None, finest, 0),
    }
}

/// Finer units rank lower.
fn granularity_rank(u: Unit) -> u8 {
    match u {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => 0,
        Unit::Week | Unit::Fortnight => 1,
        Unit::Month => 2,
        Unit::Year => 3,
        Unit::Decade => 4,
        Unit::Century => 5,
    }
}

/// The month `n` months from the article's: (year, month).
pub(super) fn month_shift(anchor: Option<NaiveDate>, n: i64) -> Option<(i32, u32)> {
    let d = shift_months(anchor?.with_day(1)?, n)?;
    Some((d.year(), d.month()))
}

/// The `nth` weekday `wd` of a month (`the first Friday of July`), or the
/// TIMEX3 form `XXXX-07-WXX-5-#1` when the year is unknown or there is no
/// such day.
pub(super) fn nth_weekday(year: Option<i32>, m: u32, wd: u32, nth: u32) -> String {
    let resolved = year.and_then(|y| {
        let first = NaiveDate::from_ymd_opt(y, m, 1)?;
        let offset = (wd as i64 - first.weekday().number_from_monday() as i64).rem_euclid(7);
        let d = shift_days(first, offset + 7 * (nth as i64 - 1))?;
        (d.month() == m).then(|| day(d))
    });
    resolved.unwrap_or_else(|| format!("XXXX-{m:02}-WXX-{wd}-#{nth}"))
}

/// The weekend of the week `n` weeks away: `2022-W31-WE`.
pub(super) fn weekend(anchor: Option<NaiveDate>, n: i64) -> String {
    match anchor.and_then(|a| shift_days(a, n.checked_mul(7)?)) {
        Some(d) => format!("{}-WE", week(d)),
        None => "XXXX-WXX-WE".to_string(),
    }
}

/// The most recent weekend up to the article date (`over the weekend` in a
/// Tuesday's story is the Saturday and Sunday before it).
pub(super) fn last_weekend(anchor: Option<NaiveDate>) -> String {
    match anchor {
        Some(a) if matches!(a.weekday(), Weekday::Sat | Weekday::Sun) => weekend(Some(a), 0),
        Some(a) => weekend(Some(a), -1),
        None => weekend(None, 0),
    }
}

/// A number as written in a duration: `80`, `3.5`.
pub(super) fn amount(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A duration: `P80Y`, `P1D`, `P2W`, `PT2H`, `PT30M`; `n = None` for an
/// unspecified count (`several days` is `PXD`). Fractions stay in their
/// unit, as Recognizers-Text writes them (`half an hour` is `PT0.5H`).
pub(super) fn duration(n: Option<f64>, unit: Unit) -> String {
    let (n, unit) = match (n, unit) {
        (Some(n), Unit::Fortnight) => (Some(n * 2.0), Unit::Week),
        (Some(n), Unit::Decade) => (Some(n * 10.0), Unit::Year),
        (Some(n), Unit::Century) => (Some(n * 100.0), Unit::Year),
        other => other,
    };
    let count = n.map_or_else(|| "X".to_string(), amount);
    let (time, letter) = match unit {
        Unit::Second => (true, "S"),
        Unit::Minute => (true, "M"),
        Unit::Hour => (true, "H"),
        Unit::Day => (false, "D"),
        Unit::Week | Unit::Fortnight => (false, "W"),
        Unit::Month => (false, "M"),
        Unit::Year => (false, "Y"),
        Unit::Decade => (false, "DE"),
        Unit::Century => (false, "CE"),
    };
    format!("P{}{count}{letter}", if time { "T" } else { "" })
}

/// `T15:30`, with a UTC offset suffix when a zone was written
/// (`Z`, `+09:00`).
pub(super) fn clock(h: u32, m: u32, zone: Option<i16>) -> String {
    let mut s = format!("T{h:02}:{m:02}");
    match zone {
        Some(0) => s.push('Z'),
        Some(z) => {
            let sign = if z < 0 { '-' } else { '+' };
            let z = z.unsigned_abs();
            s.push_str(&format!("{sign}{:02}:{:02}", z / 60, z % 60));
        }
        None => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn weekdays_look_back_in_the_news() {
        let tue = d(2022, 8, 9);
        assert_eq!(weekday(tue, 2, WeekdayRef::Bare { future: false }), "2022-08-09");
        assert_eq!(weekday(tue, 1, WeekdayRef::Bare { future: false }), "2022-08-08");
        assert_eq!(weekday(tue, 3, WeekdayRef::Bare { future: false }), "2022-08-03");
        assert_eq!(weekday(tue, 3, WeekdayRef::Bare { future: true }), "2022-08-10");
        assert_eq!(weekday(None, 2, WeekdayRef::ThisWeek), "XXXX-WXX-2");
    }

    #[test]
    fn closest_year() {
        assert_eq!(month_day(d(2023, 1, 3), 12, 28), "2022-12-28");
        assert_eq!(month_only(d(2022, 8, 9), 5), "2022-05");
        assert_eq!(month_only(d(2023, 1, 9), 12), "2022-12");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(Some(80.0), Unit::Year), "P80Y");
        assert_eq!(duration(Some(0.5), Unit::Hour), "PT0.5H");
        assert_eq!(duration(Some(3.5), Unit::Year), "P3.5Y");
        assert_eq!(duration(None, Unit::Day), "PXD");
        assert_eq!(clock(15, 30, Some(540)), "T15:30+09:00");
        let a = d(2022, 8, 9);
        assert_eq!(relative(a, Unit::Week, i64::MAX), "XXXX-WXX");
        assert_eq!(shifted(a, &[(i64::MAX, Unit::Year), (3, Unit::Day)], -1), "XXXX-XX-XX");
    }
}
