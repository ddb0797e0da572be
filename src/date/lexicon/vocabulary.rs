//! Which word is which class: the lookups the lexicon's table is built from
//! (slow, one `match` after another; [`super::classify`] asks the table).
//!
//! | words | class |
//! |---|---|
//! | `august`, `aug.`; `tuesday`, `tuesdays`, `tues`; `sun` | `Month { m: 8, .. }`; `Weekday { d: 2, abbr: false }`; `Weekday { d: 7, abbr: true }` |
//! | `day`, `days`, `yrs`, `decade` | `Unit(Day)`, `Unit(Day)`, `Unit(Year)`, `Unit(Decade)` |
//! | `today`, `last`, `ago`, `a.m.`, `christmas`, `summer`, `over` | `Kw(Today)`, `Kw(Last)`, `Kw(Ago)`, `Kw(Am)`, `Kw(Holiday(12, 25))`, `Kw(Season(2))`, `Kw(Prep)` |
//! | `GMT`, `KST`, `EDT` (capitals only) | `Kw(Zone(0))`, `Kw(Zone(540))`, `Kw(Zone(-240))` |
//! | `twenty`, `twenty-one`; `ninth`, `thirty-first` | `NumWord(20)`, `NumWord(21)`; `OrdWord(9)`, `OrdWord(31)` |
//!
//! Month, weekday and number words are [`crate::words`]'; units,
//! keywords and zones are the dates' own.

use super::{Class, Kw, Unit};
use crate::words;

/// Month names and abbreviations, lowercase, numbered 1..=12; `abbr` for
/// the short forms (`Aug`, `Aug.`, `Sept`).
fn month(w: &str) -> Option<(u32, bool)> {
    if let Some(m) = words::month_name(w) {
        return Some((m, false));
    }
    words::month_abbreviation(w).map(|m| (m, true))
}

/// Weekdays, ISO numbered; `abbr` for the short forms that are words too
/// (`Sun`, `Wed`): they need a date beside them. Plurals are weekdays too
/// (`on Tuesdays`; the scanner makes them sets).
fn weekday(w: &str) -> Option<(u32, bool)> {
    if let Some(d) = words::weekday_name(w).or_else(|| words::weekday_plural(w)).or_else(|| words::weekday_abbreviation(w)) {
        return Some((d, false));
    }
    words::ambiguous_weekday_abbreviation(w).map(|d| (d, true))
}

fn unit(w: &str) -> Option<Unit> {
    Some(match w {
        "sec" | "secs" | "seconds" => Unit::Second,
        "min" | "mins" | "minute" | "minutes" => Unit::Minute,
        "h" | "hr" | "hrs" | "hour" | "hours" => Unit::Hour,
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "fortnight" | "fortnights" => Unit::Fortnight,
        "month" | "months" => Unit::Month,
        "year" | "years" | "yr" | "yrs" => Unit::Year,
        "decade" | "decades" => Unit::Decade,
        "century" | "centuries" => Unit::Century,
        _ => return None,
    })
}

fn keyword(w: &str) -> Option<Kw> {
    Some(match w {
        "today" => Kw::Today,
        "yesterday" => Kw::Yesterday,
        "tomorrow" => Kw::Tomorrow,
        "tonight" => Kw::Tonight,
        "this" => Kw::This,
        "last" => Kw::Last,
        "next" => Kw::Next,
        "past" => Kw::Past,
        "coming" => Kw::Coming,
        "recent" => Kw::Recent,
        "every" | "each" => Kw::Every,
        "end" | "beginning" | "start" | "middle" => Kw::Part,
        "new" => Kw::New,
        "christmas" => Kw::Holiday(12, 25),
        "halloween" => Kw::Holiday(10, 31),
        "valentine" => Kw::Holiday(2, 14),
        "previous" => Kw::Previous,
        "following" => Kw::Following,
        "ago" => Kw::Ago,
        "later" => Kw::Later,
        "earlier" => Kw::Earlier,
        "early" => Kw::Early,
        "late" => Kw::Late,
        "mid" => Kw::Mid,
        "the" => Kw::The,
        "a" | "an" => Kw::A,
        "of" => Kw::Of,
        "in" => Kw::In,
        "on" => Kw::On,
        "at" => Kw::At,
        "within" => Kw::Within,
        "before" => Kw::Before,
        "after" => Kw::After,
        "from" => Kw::From,
        "and" => Kw::And,
        "noon" | "midday" => Kw::Noon,
        "midnight" => Kw::Midnight,
        "morning" => Kw::Morning,
        "afternoon" => Kw::Afternoon,
        "evening" => Kw::Evening,
        "night" => Kw::Night,
        "a.m." | "a.m" | "am" => Kw::Am,
        "p.m." | "p.m" | "pm" => Kw::Pm,
        "o'clock" | "o’clock" => Kw::OClock,
        "weekend" => Kw::Weekend,
        "half" => Kw::Half,
        "quarter" => Kw::Quarter,
        "several" | "few" | "some" | "many" => Kw::Some,
        "another" => Kw::Another,
        "all" => Kw::All,
        "full" | "whole" | "entire" => Kw::Full,
        "local" => Kw::Local,
        "time" => Kw::Time,
        "now" => Kw::Now,
        "will" | "'ll" | "’ll" => Kw::Will,
        "since" | "until" | "till" | "by" | "during" | "through" | "throughout" | "between" | "to" | "for" | "as" | "into" | "than"
        | "around" | "over" => Kw::Prep,
        "spring" => Kw::Season(1),
        "summer" => Kw::Season(2),
        "fall" | "autumn" => Kw::Season(3),
        "winter" => Kw::Season(4),
        _ => return None,
    })
}

/// Time zones news writes after a time, with their UTC offsets in minutes.
pub(super) fn zone(w: &str) -> Option<i16> {
    Some(match w {
        "GMT" | "UTC" | "Z" => 0,
        "BST" | "CET" | "WAT" => 60,
        "CEST" | "EET" | "SAST" => 120,
        "EEST" | "MSK" => 180,
        "IST" => 330,
        "ICT" | "WIB" => 420,
        "HKT" | "SGT" | "AWST" | "PHT" => 480,
        "KST" | "JST" => 540,
        "AEST" => 600,
        "AEDT" => 660,
        "EST" => -300,
        "EDT" | "AST" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        _ => return None,
    })
}

/// Cardinal number words up to ninety-nine, with hyphenated compounds.
pub(super) fn number_word(w: &str) -> Option<u32> {
    if let Some((tens, ones)) = w.split_once('-') {
        let (t, o) = (number_word(tens)?, number_word(ones)?);
        return (t >= 20 && t % 10 == 0 && (1..=9).contains(&o)).then_some(t + o);
    }
    // Dates read standard spellings only (`fourty days` is no duration
    // here; the amounts still count it).
    if words::VARIANT_SPELLINGS.contains(&w) {
        return None;
    }
    words::cardinal(w)
}

/// Ordinal number words up to thirty-first, with hyphenated compounds.
pub(super) fn ordinal_word(w: &str) -> Option<u32> {
    if let Some((tens, ones)) = w.split_once('-') {
        let (t, o) = (number_word(tens)?, ordinal_word(ones)?);
        return (t >= 20 && t % 10 == 0 && (1..=9).contains(&o)).then_some(t + o);
    }
    if words::VARIANT_SPELLINGS.contains(&w) {
        return None;
    }
    // Days of the month: single words up to `thirtieth` (`thirty-first` is
    // a compound). `fortieth` ... `hundredth` are no day; the amounts read
    // them as ORDINALs.
    words::ordinal(w).filter(|&n| n <= 30)
}

/// The lexicon's own words (units and keywords), for the lookup table
/// [`super::classify`] reads; [`known_words`] adds the month, weekday and number
/// words of [`words`].
const KNOWN_WORDS: &[&str] = &[
    "sec",
    "secs",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "fortnight",
    "fortnights",
    "month",
    "months",
    "year",
    "years",
    "yr",
    "yrs",
    "decade",
    "decades",
    "century",
    "centuries",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "this",
    "last",
    "next",
    "past",
    "coming",
    "previous",
    "following",
    "recent",
    "every",
    "each",
    "end",
    "beginning",
    "start",
    "middle",
    "new",
    "christmas",
    "halloween",
    "valentine",
    "ago",
    "later",
    "earlier",
    "early",
    "late",
    "mid",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "within",
    "before",
    "after",
    "from",
    "and",
    "noon",
    "midday",
    "midnight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "a.m.",
    "a.m",
    "am",
    "p.m.",
    "p.m",
    "pm",
    "o'clock",
    "o’clock",
    "weekend",
    "half",
    "quarter",
    "several",
    "few",
    "some",
    "many",
    "another",
    "all",
    "full",
    "whole",
    "entire",
    "local",
    "time",
    "now",
    "will",
    "'ll",
    "’ll",
    "since",
    "until",
    "till",
    "by",
    "during",
    "through",
    "throughout",
    "between",
    "to",
    "for",
    "as",
    "into",
    "than",
    "around",
    "over",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
];

/// Every word the lookups above know (a test checks each one classifies as
/// something): [`KNOWN_WORDS`] and the words of [`words`] that dates read.
pub(super) fn known_words() -> impl Iterator<Item = &'static str> {
    let calendar = [
        words::MONTH_NAMES,
        words::MONTH_ABBREVIATIONS,
        words::WEEKDAY_NAMES,
        words::WEEKDAY_PLURALS,
        words::WEEKDAY_ABBREVIATIONS,
        words::AMBIGUOUS_WEEKDAY_ABBREVIATIONS,
    ];
    let cardinals = words::CARDINALS.iter().map(|&(w, _)| w).filter(|w| number_word(w).is_some());
    let ordinals = words::ORDINALS.iter().map(|&(w, _)| w).filter(|w| ordinal_word(w).is_some());
    KNOWN_WORDS.iter().copied().chain(calendar.into_iter().flatten().map(|&(w, _)| w)).chain(cardinals).chain(ordinals)
}

/// Classifies a lowercase word by the lookups above (slow: one `match`
/// after another; [`super::classify`] asks the table first).
pub(super) fn lookup(w: &str) -> Class {
    if let Some((m, abbr)) = month(w) {
        return Class::Month { m, abbr };
    }
    if let Some((d, abbr)) = weekday(w) {
        return Class::Weekday { d, abbr };
    }
    if let Some(u) = unit(w) {
        return Class::Unit(u);
    }
    if let Some(k) = keyword(w) {
        return Class::Kw(k);
    }
    if let Some(n) = number_word(w) {
        return Class::NumWord(n);
    }
    if let Some(n) = ordinal_word(w) {
        return Class::OrdWord(n);
    }
    Class::Other
}
