//! TIMEX3 values read into their parts: what a DATE or TIME value says
//! (a day, a month, a week, a quarter, a time of day, a duration...), so
//! that it can be checked ([`crate::value_check`]) and told in words
//! ([`super::Value::describe`]).
//!
//! The forms read are the ones newsmark writes (`crate::date::timex`) and
//! the ones an annotator types by hand in the same notation:
//!
//! | form | example |
//! |---|---|
//! | a day, a month, a year (`XXXX`, `XX`: unknown) | `2022-08-09`, `2022-08`, `2022`, `XXXX-08-09`, `XXXX-XX-09` |
//! | a decade, a century | `199` (the 1990s), `19` (the 1900s) |
//! | a week, its day, its weekend | `2022-W31`, `2022-W31-2`, `XXXX-WXX-5`, `2022-W31-WE` |
//! | a quarter, a half, a season | `2022-Q3`, `2022-H1`, `2022-SU` (`SP`, `SU`, `FA`, `WI`) |
//! | the nth weekday of a month | `XXXX-08-WXX-2-#2` (the second Tuesday of August) |
//! | a time of day, alone or on a date | `T15:00`, `2022-08-09T15:00:05`, `T15:00Z`, `T15:00+09:00`, `2022-08-09TNI` |
//! | a duration (`X`: unknown count) | `P80Y`, `P1Y2M10D`, `PT2H39M16S`, `PT0.5H`, `PXD`, `PXDE` (decades), `P2CE` |
//! | a range of two points | `2022-08-09/2022-08-10`, `1999/2000` |
//! | the present, past, future | `PRESENT_REF`, `PAST_REF`, `FUTURE_REF` |
//!
//! Years are ISO 8601's: four digits or more, a sign allowed (`-0044`,
//! `+10000`); year 0 is 1 BC. Every number is checked (a 13th month, a
//! 30 February, a 25th hour are errors), and an error says in words what
//! is wrong.

use chrono::NaiveDate;

/// A TIMEX3 value, read.
#[derive(Clone, Debug, PartialEq)]
pub enum Timex {
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Reference(Reference),
    /// A day, a month, a time of day...: a point or period on the calendar.
    Point(Point),
    /// `2022-08-09/2022-08-10`.
    Range(Point, Point),
    /// `P80Y`, `PT2H39M16S`.
    Duration(Vec<(Option<f64>, DurationUnit)>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    Present,
    Past,
    Future,
}

/// A date, a time of day, or both (`2022-08-09T15:00`); never neither.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub date: Option<Date>,
    pub time: Option<Time>,
}

/// A year: `None` when unknown (`XXXX`).
pub type Year = Option<i32>;

#[derive(Clone, Debug, PartialEq)]
pub enum Date {
    /// `2022`, `XXXX`.
    Year(Year),
    /// `199`: the ten years from 1990 (the number is 199).
    Decade(i32),
    /// `19`: the hundred years from 1900 (the number is 19).
    Century(i32),
    /// `2022-08`, `XXXX-08`, `XXXX-XX` (month unknown).
    Month(Year, Option<u32>),
    /// `2022-08-09`, `XXXX-08-09`, `XXXX-XX-09`, `XXXX-XX-XX`.
    Day(Year, Option<u32>, Option<u32>),
    /// `2022-W31` (week `None`: `WXX`), with a day (1 = Monday) or the weekend.
    Week(Year, Option<u32>, WeekPart),
    /// `2022-Q3`.
    Quarter(Year, u32),
    /// `2022-H1`.
    Half(Year, u32),
    /// `2022-SU`.
    Season(Year, Season),
    /// `XXXX-08-WXX-2-#2`: the `nth` `weekday` (1 = Monday) of a month.
    NthWeekday { year: Year, month: Option<u32>, weekday: u32, nth: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekPart {
    Whole,
    /// 1 = Monday ... 7 = Sunday.
    Day(u32),
    Weekend,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Time {
    /// `15:00`, `15:00:05`, `15`, with a UTC offset in minutes (`Z`: 0).
    Clock { hour: u32, minute: Option<u32>, second: Option<u32>, utc_offset: Option<i32> },
    /// `MO`, `AF`, `EV`, `NI`.
    PartOfDay(PartOfDay),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    Century,
    Decade,
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
}

impl DurationUnit {
    /// Whether the unit is written after the `T` of a duration.
    pub fn is_time(self) -> bool {
        matches!(self, DurationUnit::Hour | DurationUnit::Minute | DurationUnit::Second)
    }
}

/// Reads `s` as a TIMEX3 value; the error says in words what is wrong with
/// it (`there is no month 13 in “2022-13-01”`).
pub fn parse(s: &str) -> Result<Timex, String> {
    let quoted = format!("“{s}”");
    if s.is_empty() {
        return Err("a date or time value is empty".into());
    }
    if s.trim() != s || s.contains(char::is_whitespace) {
        return Err(format!("a date or time value has no spaces: {quoted}"));
    }
    match s {
        "PRESENT_REF" => return Ok(Timex::Reference(Reference::Present)),
        "PAST_REF" => return Ok(Timex::Reference(Reference::Past)),
        "FUTURE_REF" => return Ok(Timex::Reference(Reference::Future)),
        _ => {}
    }
    let fail = |why: String| format!("{why} in {quoted}");
    if let Some(rest) = s.strip_prefix('P') {
        return duration(rest).map(Timex::Duration).map_err(fail);
    }
    if let Some((a, b)) = s.split_once('/') {
        return Ok(Timex::Range(point(a).map_err(fail)?, point(b).map_err(fail)?));
    }
    point(s).map(Timex::Point).map_err(fail)
}

/// `1Y2M10DT2H`: the part of a duration after its `P`.
fn duration(s: &str) -> Result<Vec<(Option<f64>, DurationUnit)>, String> {
    let (date, time) = match s.split_once('T') {
        Some((d, "")) => return Err(format!("a duration has nothing after its T (“P{d}T”)")),
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut parts = Vec::new();
    for (body, in_time) in [(date, false), (time.unwrap_or(""), true)] {
        let mut rest = body;
        while !rest.is_empty() {
            // `X` (an unknown count) or a number.
            let n_len =
                if rest.starts_with('X') { 1 } else { rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len()) };
            let (n, after) = rest.split_at(n_len);
            let count = match n {
                "" => return Err(format!("a duration needs a number before “{}”", after.chars().next().unwrap_or('?'))),
                "X" => None,
                _ => Some(
                    n.parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite() && !n.starts_with('.') && !n.ends_with('.'))
                        .ok_or_else(|| format!("“{n}” is not a number"))?,
                ),
            };
            let (unit, len) = match (in_time, after.as_bytes()) {
                (false, [b'D', b'E', ..]) => (DurationUnit::Decade, 2),
                (false, [b'C', b'E', ..]) => (DurationUnit::Century, 2),
                (false, [b'Y', ..]) => (DurationUnit::Year, 1),
                (false, [b'M', ..]) => (DurationUnit::Month, 1),
                (false, [b'W', ..]) => (DurationUnit::Week, 1),
                (false, [b'D', ..]) => (DurationUnit::Day, 1),
                (true, [b'H', ..]) => (DurationUnit::Hour, 1),
                (true, [b'M', ..]) => (DurationUnit::Minute, 1),
                (true, [b'S', ..]) => (DurationUnit::Second, 1),
                (false, [b'H' | b'S', ..]) => return Err("hours and seconds of a duration come after a T (PT2H)".into()),
                (_, []) => return Err(format!("the number {n} of a duration has no unit (Y, M, W, D; after a T: H, M, S)")),
                (_, _) => {
                    return Err(format!(
                        "“{}” is not a unit of a duration (Y, M, W, D, DE, CE; after a T: H, M, S)",
                        after.chars().next().unwrap_or('?')
                    ))
                }
            };
            if parts.iter().any(|&(_, u)| u == unit) {
                return Err("a duration gives each unit once".into());
            }
            parts.push((count, unit));
            rest = &after[len..];
        }
    }
    if parts.is_empty() {
        return Err("a duration needs a number and a unit after its P (P3D, PT2H)".into());
    }
    Ok(parts)
}

/// A date, a time of day, or a date with its time.
fn point(s: &str) -> Result<Point, String> {
    if s.is_empty() {
        return Err("a range needs a date on both sides of its /".into());
    }
    if let Some(t) = s.strip_prefix('T') {
        return Ok(Point { date: None, time: Some(time(t)?) });
    }
    // A sign is part of the year, never a `T`: split at the first `T`.
    let (d, t) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let date = date(d)?;
    if t.is_some() && !matches!(date, Date::Day(..)) {
        return Err("a time of day needs a whole date before its T (2022-08-09T15:00)".into());
    }
    Ok(Point { date: Some(date), time: t.map(time).transpose()? })
}

fn date(s: &str) -> Result<Date, String> {
    let (sign, unsigned) = match s.as_bytes().first() {
        Some(b'+') => (1, &s[1..]),
        Some(b'-') => (-1, &s[1..]),
        _ => (0, s),
    };
    let y_len = unsigned.find('-').unwrap_or(unsigned.len());
    let (y, rest) = unsigned.split_at(y_len);
    let year: Year = if y == "XXXX" && sign == 0 {
        None
    } else if y.len() >= 4 && all_digits(y) {
        let v: i32 = y.parse().map_err(|_| format!("the year {y} is too large"))?;
        Some(if sign < 0 { -v } else { v })
    } else if sign == 0 && rest.is_empty() && all_digits(y) && matches!(y.len(), 2 | 3) {
        let v: i32 = y.parse().unwrap_or_default();
        return Ok(if y.len() == 3 { Date::Decade(v) } else { Date::Century(v) });
    } else if y.is_empty() {
        return Err("a date starts with its year (2022-08-09; XXXX when unknown)".into());
    } else {
        return Err(format!("“{y}” is not a year (four digits, or XXXX when unknown)"));
    };
    let Some(rest) = rest.strip_prefix('-') else { return Ok(Date::Year(year)) };
    let fields: Vec<&str> = rest.split('-').collect();
    match fields.as_slice() {
        ["SP"] => Ok(Date::Season(year, Season::Spring)),
        ["SU"] => Ok(Date::Season(year, Season::Summer)),
        ["FA"] => Ok(Date::Season(year, Season::Fall)),
        ["WI"] => Ok(Date::Season(year, Season::Winter)),
        [w] if w.starts_with('W') => Ok(Date::Week(year, week(&w[1..])?, WeekPart::Whole)),
        [w, "WE"] if w.starts_with('W') => Ok(Date::Week(year, week(&w[1..])?, WeekPart::Weekend)),
        [w, d] if w.starts_with('W') => Ok(Date::Week(year, week(&w[1..])?, WeekPart::Day(weekday(d)?))),
        [q] if q.starts_with('Q') => Ok(Date::Quarter(year, numbered(&q[1..], 4, "quarter")?)),
        [h] if h.starts_with('H') => Ok(Date::Half(year, numbered(&h[1..], 2, "half")?)),
        [m] => Ok(Date::Month(year, month(m)?)),
        [m, "WXX", d, n] if n.starts_with('#') => {
            let nth = n[1..]
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=5).contains(n))
                .ok_or_else(|| format!("“{n}” is not which one of the month's weekdays (#1 to #5)"))?;
            Ok(Date::NthWeekday { year, month: month(m)?, weekday: weekday(d)?, nth })
        }
        [m, d] => {
            let (m, d) = (month(m)?, day_of_month(d)?);
            if let Some(d) = d {
                check_day(year, m, d)?;
            }
            Ok(Date::Day(year, m, d))
        }
        _ => Err(format!("“{rest}” after the year is not a month, a day, a week, a quarter or a season")),
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Two digits from 1 to `max`, or `XX` (`None`).
fn two_digits(s: &str, max: u32, what: &str) -> Result<Option<u32>, String> {
    if s == "XX" {
        return Ok(None);
    }
    match s.parse::<u32>() {
        Ok(n) if s.len() == 2 && all_digits(s) && (1..=max).contains(&n) => Ok(Some(n)),
        Ok(n) if all_digits(s) && !(1..=max).contains(&n) => Err(format!("there is no {what} {n}")),
        _ => Err(format!("“{s}” is not a {what} (two digits, or XX when unknown)")),
    }
}

fn month(s: &str) -> Result<Option<u32>, String> {
    two_digits(s, 12, "month")
}

fn day_of_month(s: &str) -> Result<Option<u32>, String> {
    two_digits(s, 31, "day of the month")
}

fn week(s: &str) -> Result<Option<u32>, String> {
    two_digits(s, 53, "week")
}

fn weekday(s: &str) -> Result<u32, String> {
    numbered(s, 7, "day of the week").map_err(|e| format!("{e} (1 is Monday, 7 Sunday)"))
}

/// One digit from 1 to `max`.
fn numbered(s: &str, max: u32, what: &str) -> Result<u32, String> {
    s.parse::<u32>().ok().filter(|n| s.len() == 1 && (1..=max).contains(n)).ok_or_else(|| format!("“{s}” is not a {what} (1 to {max})"))
}

/// A day that exists: 29 February only in a leap year (or one not known).
fn check_day(year: Year, month: Option<u32>, day: u32) -> Result<(), String> {
    let Some(m) = month else { return Ok(()) };
    // Year unknown: any year, so 29 February is possible (2024 is a leap year).
    let exists = NaiveDate::from_ymd_opt(year.unwrap_or(2024), m, day).is_some();
    if exists {
        Ok(())
    } else {
        Err(match year {
            Some(y) => format!("there is no day {day} in month {m} of {y}"),
            None => format!("there is no day {day} in month {m}"),
        })
    }
}

/// `15:00`, `15:00:05`, `15`, with `Z` or `+09:00`; or `MO`, `AF`, `EV`, `NI`.
fn time(s: &str) -> Result<Time, String> {
    match s {
        "MO" => return Ok(Time::PartOfDay(PartOfDay::Morning)),
        "AF" => return Ok(Time::PartOfDay(PartOfDay::Afternoon)),
        "EV" => return Ok(Time::PartOfDay(PartOfDay::Evening)),
        "NI" => return Ok(Time::PartOfDay(PartOfDay::Night)),
        "" => return Err("a time of day comes after the T (T15:00)".into()),
        _ => {}
    }
    let zone_at = s.find(['Z', '+', '-']).unwrap_or(s.len());
    let (clock, zone) = s.split_at(zone_at);
    let fields: Vec<&str> = clock.split(':').collect();
    let field = |i: usize, max: u32, what: &str| -> Result<Option<u32>, String> {
        let Some(f) = fields.get(i) else { return Ok(None) };
        match f.parse::<u32>() {
            Ok(n) if f.len() == 2 && all_digits(f) && n <= max => Ok(Some(n)),
            Ok(n) if f.len() == 2 && all_digits(f) => Err(format!("there is no {what} {n}")),
            _ => Err(format!("“{f}” is not an {what} (two digits)")),
        }
    };
    if fields.len() > 3 {
        return Err(format!("“{clock}” is not a time of day (hours:minutes:seconds)"));
    }
    let hour = field(0, 24, "hour")?.unwrap_or_default();
    let (minute, second) = (field(1, 59, "minute")?, field(2, 60, "second")?);
    if hour == 24 && (minute.unwrap_or(0), second.unwrap_or(0)) != (0, 0) {
        return Err(format!("there is no time {clock} (24:00 is the end of a day)"));
    }
    let utc_offset = match zone {
        "" => None,
        "Z" => Some(0),
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let body = &zone[1..];
            let (h, m) = body.split_once(':').unwrap_or((body, "00"));
            match (h.parse::<i32>(), m.parse::<i32>()) {
                (Ok(h), Ok(m)) if h <= 14 && m < 60 && all_digits(&body.replace(':', "")) => Some(sign * (h * 60 + m)),
                _ => return Err(format!("“{zone}” is not a UTC offset (Z, +09:00, -05:00)")),
            }
        }
    };
    Ok(Time::Clock { hour, minute, second, utc_offset })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_newsmark_writes_reads() {
        for s in [
            "2022-08-09",
            "2022-08",
            "2022",
            "XXXX",
            "XXXX-08-09",
            "XXXX-XX-09",
            "XXXX-XX-XX",
            "199",
            "19",
            "2022-W31",
            "XXXX-WXX",
            "XXXX-WXX-5",
            "2022-W31-WE",
            "XXXX-WXX-WE",
            "2022-Q3",
            "XXXX-H1",
            "2022-SU",
            "XXXX-08-WXX-2-#2",
            "XXXX-XX-WXX-2-#2",
            "T15:00",
            "T15:00Z",
            "T15:00+09:00",
            "T15:00:05",
            "2022-08-09T15:00",
            "2022-08-09TNI",
            "XXXX-XX-XXTMO",
            "P80Y",
            "P1Y2M10D",
            "PT2H39M16S",
            "PT0.5H",
            "PXD",
            "PXDE",
            "P2CE",
            "2022-08-09/2022-08-10",
            "1999/2000",
            "PRESENT_REF",
            "-0044-03-15",
            "+10000-01-01",
            "12345",
        ] {
            assert!(parse(s).is_ok(), "{s}: {:?}", parse(s));
        }
    }
}
