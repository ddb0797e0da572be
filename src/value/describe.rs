//! Values told in words, for the people who read them beside the machine
//! form: `XXXX-WXX-5` is `a Friday (no article date)`, `PT2H39M16S` is
//! `2 h 39 min 16 s`, `2022-08-09` is `9 August 2022`, the ordinal 2 is
//! `2nd`. Amounts keep their display form (`455,000,000 USD (more than)`),
//! which already reads as words.
//!
//! Month and weekday names come from [`crate::words`], the one list of them.

use super::timex::{self, Date, DurationUnit, PartOfDay, Point, Reference, Season, Time, Timex, WeekPart};
use super::{group_digits, Value};
use crate::label::Label;
use crate::words::{MONTH_NAMES, WEEKDAY_NAMES};
use chrono::{Datelike, NaiveDate, Weekday};

/// Said after a date whose year is not known: newsmark writes `XXXX` when
/// there is no article date to resolve a relative date against.
const UNRESOLVED: &str = " (no article date)";

impl Value {
    /// The value in words for a span labeled `label` (see the module's doc).
    /// A DATE or TIME value that is no TIMEX3 (one saved before values were
    /// checked) is given as written.
    pub fn describe(&self, label: Label) -> String {
        match self {
            Value::Number(n) if label == Label::Ordinal => ordinal(*n),
            Value::Number(n) if label == Label::Percent => format!("{}%", group_digits(*n)),
            Value::Timex(t) => timex::parse(t).map_or_else(|_| t.clone(), |t| timex_words(&t)),
            _ => self.display(),
        }
    }
}

/// `1st`, `2nd`, `3rd`, `11th`, `21st`; a number that is no whole number
/// as it is.
fn ordinal(n: f64) -> String {
    if n.fract() != 0.0 || !(0.0..1e15).contains(&n) {
        return group_digits(n);
    }
    let whole = n as u64;
    let suffix = match (whole % 10, whole % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{}{suffix}", group_digits(n))
}

fn timex_words(t: &Timex) -> String {
    match t {
        Timex::Reference(Reference::Present) => "now (the time of the article)".into(),
        Timex::Reference(Reference::Past) => "the past".into(),
        Timex::Reference(Reference::Future) => "the future".into(),
        Timex::Duration(parts) => parts.iter().map(|&(n, unit)| duration_part(n, unit)).collect::<Vec<_>>().join(" "),
        Timex::Point(p) => {
            let (words, unresolved) = point(p);
            words + if unresolved { UNRESOLVED } else { "" }
        }
        Timex::Range(a, b) => {
            let ((a, ua), (b, ub)) = (point(a), point(b));
            format!("{a} to {b}{}", if ua || ub { UNRESOLVED } else { "" })
        }
    }
}

/// `80 years`, `1 day`, `2 h`, `39 min`, `16 s`, `some days`.
fn duration_part(n: Option<f64>, unit: DurationUnit) -> String {
    let (one, many) = match unit {
        DurationUnit::Century => ("century", "centuries"),
        DurationUnit::Decade => ("decade", "decades"),
        DurationUnit::Year => ("year", "years"),
        DurationUnit::Month => ("month", "months"),
        DurationUnit::Week => ("week", "weeks"),
        DurationUnit::Day => ("day", "days"),
        DurationUnit::Hour => ("h", "hours"),
        DurationUnit::Minute => ("min", "minutes"),
        DurationUnit::Second => ("s", "seconds"),
    };
    match n {
        None => format!("some {many}"),
        // Hours, minutes and seconds are written as their symbols, which
        // take no plural.
        Some(n) if unit.is_time() => format!("{} {one}", group_digits(n)),
        Some(n) => format!("{} {}", group_digits(n), if n == 1.0 { one } else { many }),
    }
}

/// A point in words, and whether its year is unknown.
fn point(p: &Point) -> (String, bool) {
    let (date, unresolved) = match &p.date {
        Some(d) => (Some(date(d)), year_of(d).is_none() && !matches!(d, Date::Decade(_) | Date::Century(_))),
        None => (None, false),
    };
    let words = match (date, &p.time) {
        (Some(d), None) => d,
        (None, Some(t)) => clock_words(t),
        (Some(_), Some(Time::PartOfDay(part))) if matches!(p.date, Some(Date::Day(_, None, None))) => format!("a {}", part_of_day(*part)),
        (Some(d), Some(Time::PartOfDay(part))) => format!("the {} of {d}", part_of_day(*part)),
        (Some(d), Some(t)) => format!("{d}, {}", clock_words(t)),
        (None, None) => String::new(),
    };
    (words, unresolved)
}

fn year_of(d: &Date) -> timex::Year {
    match *d {
        Date::Year(y)
        | Date::Month(y, _)
        | Date::Day(y, ..)
        | Date::Week(y, ..)
        | Date::Quarter(y, _)
        | Date::Half(y, _)
        | Date::Season(y, _) => y,
        Date::NthWeekday { year, .. } => year,
        Date::Decade(_) | Date::Century(_) => None,
    }
}

/// ISO 8601 years: year 0 is 1 BC, -44 is 45 BC.
fn year(y: i32) -> String {
    if y > 0 {
        y.to_string()
    } else {
        format!("{} BC", 1 - i64::from(y))
    }
}

/// ` 2022` after a month or a period, or nothing for an unknown year.
fn of_year(y: timex::Year, sep: &str) -> String {
    y.map_or_else(String::new, |y| format!("{sep}{}", year(y)))
}

fn month_name(m: u32) -> String {
    MONTH_NAMES.iter().find(|&&(_, v)| v == m).map_or_else(|| m.to_string(), |&(w, _)| capitalized(w))
}

fn weekday_name(d: u32) -> String {
    WEEKDAY_NAMES.iter().find(|&&(_, v)| v == d).map_or_else(|| d.to_string(), |&(w, _)| capitalized(w))
}

fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn nth(n: u32) -> &'static str {
    (n as usize).checked_sub(1).and_then(|i| ["first", "second", "third", "fourth", "fifth"].get(i)).copied().unwrap_or("last")
}

fn date(d: &Date) -> String {
    match *d {
        Date::Year(Some(y)) => year(y),
        Date::Year(None) => "a year".into(),
        Date::Decade(n) => format!("the {}0s", year(n)),
        Date::Century(n) => format!("the {}00s", year(n)),
        Date::Month(y, Some(m)) => format!("{}{}", month_name(m), of_year(y, " ")),
        Date::Month(y, None) => format!("a month{}", of_year(y, " of ")),
        Date::Day(y, Some(m), Some(day)) => {
            // The weekday too: an annotator checks `Tuesday` against it.
            // None for BC years, whose calendars and weekdays are a guess.
            let weekday = y.filter(|&y| y > 0).and_then(|y| NaiveDate::from_ymd_opt(y, m, day)).map(|d| d.weekday().number_from_monday());
            let weekday = weekday.map_or_else(String::new, |w| format!("{} ", weekday_name(w)));
            format!("{weekday}{day} {}{}", month_name(m), of_year(y, " "))
        }
        Date::Day(y, Some(m), None) => format!("a day in {}{}", month_name(m), of_year(y, " ")),
        Date::Day(y, None, Some(day)) => format!("the {} of a month{}", ordinal(f64::from(day)), of_year(y, " of ")),
        Date::Day(y, None, None) => format!("a day{}", of_year(y, " of ")),
        Date::Week(Some(y), Some(w), WeekPart::Day(wd)) => match NaiveDate::from_isoywd_opt(y, w, weekday_of(wd)) {
            Some(d) => self::date(&Date::Day(Some(d.year()), Some(d.month()), Some(d.day()))),
            None => format!("{} of week {w} of {}", weekday_name(wd), year(y)),
        },
        Date::Week(y, Some(w), part) => format!("{}week {w}{}", week_part(part), of_year(y, " of ")),
        Date::Week(y, None, WeekPart::Day(wd)) => format!("a {}{}", weekday_name(wd), of_year(y, " of ")),
        Date::Week(y, None, WeekPart::Weekend) => format!("a weekend{}", of_year(y, " of ")),
        Date::Week(y, None, WeekPart::Whole) => format!("a week{}", of_year(y, " of ")),
        Date::Quarter(y, q) => format!("the {} quarter{}", nth(q), of_year(y, " of ")),
        Date::Half(y, h) => format!("the {} half{}", nth(h), of_year(y, " of ")),
        Date::Season(y, s) => {
            let name = match s {
                Season::Spring => "spring",
                Season::Summer => "summer",
                Season::Fall => "fall",
                Season::Winter => "winter",
            };
            format!("{name}{}", of_year(y, " "))
        }
        Date::NthWeekday { year: y, month, weekday, nth: n } => {
            let of = match month {
                Some(m) => format!("{}{}", month_name(m), of_year(y, " ")),
                None => format!("a month{}", of_year(y, " of ")),
            };
            format!("the {} {} of {of}", nth(n), weekday_name(weekday))
        }
    }
}

fn week_part(part: WeekPart) -> String {
    match part {
        WeekPart::Weekend => "the weekend of ".into(),
        WeekPart::Day(d) => format!("{} of ", weekday_name(d)),
        WeekPart::Whole => String::new(),
    }
}

fn weekday_of(d: u32) -> Weekday {
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun][(d as usize).clamp(1, 7) - 1]
}

fn part_of_day(p: PartOfDay) -> &'static str {
    match p {
        PartOfDay::Morning => "morning",
        PartOfDay::Afternoon => "afternoon",
        PartOfDay::Evening => "evening",
        PartOfDay::Night => "night",
    }
}

/// `15:00`, `15:00:05 UTC`, `15:00 UTC+09:00`, `morning`.
fn clock_words(t: &Time) -> String {
    match *t {
        Time::PartOfDay(p) => part_of_day(p).into(),
        Time::Clock { hour, minute, second, utc_offset } => {
            let mut s = format!("{hour:02}:{:02}", minute.unwrap_or(0));
            if let Some(sec) = second {
                s.push_str(&format!(":{sec:02}"));
            }
            match utc_offset {
                Some(0) => s.push_str(" UTC"),
                Some(z) => s.push_str(&format!(" UTC{}{:02}:{:02}", if z < 0 { '-' } else { '+' }, z.abs() / 60, z.abs() % 60)),
                None => {}
            }
            s
        }
    }
}
