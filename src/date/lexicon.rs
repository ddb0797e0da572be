//! The words dates and times are made of, classified once per token.
//!
//! [`classify`] maps a token to a [`Class`] with one lowercase copy on the
//! stack and one `match`: the scanner then reads classes, not strings, so
//! most tokens of a text (which are no part of any date) cost one lookup.
//!
//! Month, weekday and number words come from [`super::words`], shared with
//! the amounts; units of time and the keywords of dates are the lexicon's.

use super::words;
use crate::{Token, TokenKind};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// A unit of a duration or of a relative expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// True for units shorter than a day: their durations are TIME.
    pub(super) fn is_time(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// Words that take part in dates and times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kw {
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    This,
    Last,
    Next,
    Past,
    Coming,
    /// `recent` (`in recent years`).
    Recent,
    /// `every`, `each`: a set of times.
    Every,
    /// `end`, `beginning`, `start`, `middle` (`the end of the year`).
    Part,
    /// `New` (`New Year's Day`).
    New,
    /// A holiday on a fixed day: month and day (`Christmas`).
    Holiday(u8, u8),
    Previous,
    Following,
    Ago,
    Later,
    Earlier,
    Early,
    Late,
    Mid,
    The,
    A,
    Of,
    In,
    On,
    At,
    Within,
    Before,
    After,
    From,
    And,
    Noon,
    Midnight,
    Morning,
    Afternoon,
    Evening,
    Night,
    Am,
    Pm,
    OClock,
    Weekend,
    Half,
    Quarter,
    /// `several`, `few`, `some`, `many`: an unspecified count.
    Some,
    Another,
    All,
    Full,
    Local,
    Time,
    Now,
    /// `will`, `'ll`: the clause speaks of the future.
    Will,
    /// Prepositions after which a bare month or year is a date:
    /// `in May`, `since 2019`, `until March`.
    Prep,
    /// A season: 1 spring, 2 summer, 3 fall/autumn, 4 winter.
    Season(u8),
    /// A time zone and its offset from UTC in minutes.
    Zone(i16),
}

/// What one token is, for dates and times.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Class {
    Other,
    /// A month name; `abbr` for `Aug`, `Aug.`, `Sept`.
    Month {
        m: u32,
        abbr: bool,
    },
    /// A weekday, ISO numbered (Monday = 1); `abbr` for ambiguous short forms
    /// (`Sun`, `Wed`, `Sat`, `Mon`, `Fri`) that need a date beside them.
    Weekday {
        d: u32,
        abbr: bool,
    },
    /// A plain integer written in digits, with its digit count.
    Int {
        v: u32,
        digits: u8,
    },
    /// A number with a decimal point or thousands separators (`3.5`, `1,200`).
    Decimal,
    /// `9th`, `21st`.
    OrdNum(u32),
    /// `1990s` (the value is the decade's first year).
    Decade(u32),
    /// `one` ... `ninety-nine`, `hundred`.
    NumWord(u32),
    /// `first` ... `thirty-first`.
    OrdWord(u32),
    Unit(Unit),
    Kw(Kw),
}

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
fn zone(w: &str) -> Option<i16> {
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
/// [`classify`] reads; [`known_words`] adds the month, weekday and number
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
fn known_words() -> impl Iterator<Item = &'static str> {
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

/// FNV-1a: a fast hash for short ASCII keys.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map = HashMap<&'static str, Class, BuildHasherDefault<Fnv>>;

/// Lowercase word -> class, built once from [`known_words`], with a bit
/// filter in front: most words of a text are no date word, and the filter
/// says so from three bytes and the length, without copying the word.
struct Table {
    map: Map,
    filter: Vec<u64>,
}

const FILTER_BITS: usize = 1 << 16;

/// The filter's bit for a word: its length and first, second and last
/// bytes, lowercased.
#[inline]
fn filter_bit(b: &[u8]) -> usize {
    let (first, second, last) = match b {
        [] => return 0,
        [a] => (*a, 0, *a),
        [a, c, ..] => (*a, *c, b[b.len() - 1]),
    };
    let key = (b.len() as u32)
        .wrapping_mul(0x9E37_79B9)
        .wrapping_add(
            (first.to_ascii_lowercase() as u32) << 16 | (second.to_ascii_lowercase() as u32) << 8 | last.to_ascii_lowercase() as u32,
        )
        .wrapping_mul(0x85EB_CA6B);
    (key >> 16) as usize % FILTER_BITS
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for w in known_words() {
            let bit = filter_bit(w.as_bytes());
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Table { map: known_words().map(|w| (w, lookup(w))).collect(), filter }
    })
}

/// The longest word worth looking up; longer ones are never date words.
const MAX_WORD: usize = 16;

/// Classifies one token of `text`.
pub(super) fn classify(text: &str, token: &Token) -> Class {
    let s = token.text(text);
    match token.kind {
        TokenKind::Number => number(s),
        TokenKind::Word => {
            if s.len() > MAX_WORD || !s.is_ascii() {
                // Curly apostrophes: `o’clock`, `’ll`.
                if s.len() <= MAX_WORD + 2 && s.contains('’') {
                    return word(&s.replace('’', "'"));
                }
                return Class::Other;
            }
            word(s)
        }
        _ => Class::Other,
    }
}

fn word(s: &str) -> Class {
    if s.len() <= 4 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        if let Some(z) = zone(s) {
            return Class::Kw(Kw::Zone(z));
        }
    }
    let table = table();
    let hyphen = s.as_bytes().contains(&b'-');
    let bit = filter_bit(s.as_bytes());
    if !hyphen && table.filter[bit / 64] & (1 << (bit % 64)) == 0 {
        return Class::Other;
    }
    let mut buf = [0u8; MAX_WORD + 2];
    let Some(slot) = buf.get_mut(..s.len()) else { return Class::Other };
    slot.copy_from_slice(s.as_bytes());
    slot.make_ascii_lowercase();
    let Ok(w) = std::str::from_utf8(slot) else { return Class::Other };
    match table.map.get(w) {
        Some(&c) => c,
        // Compounds: `twenty-one`, `twenty-first`.
        None if hyphen => lookup(w),
        None => Class::Other,
    }
}

/// Classifies a lowercase word by the lookups above (slow: one `match`
/// after another; [`word`] asks the table first).
fn lookup(w: &str) -> Class {
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

fn number(s: &str) -> Class {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == b.len() {
        if digits <= 9 {
            return Class::Int { v: s.parse().unwrap_or(0), digits: digits as u8 };
        }
        return Class::Other;
    }
    let rest = &s[digits..];
    if digits > 0 && digits <= 4 {
        let v: u32 = s[..digits].parse().unwrap_or(0);
        match rest.to_ascii_lowercase().as_str() {
            "st" | "nd" | "rd" | "th" => return Class::OrdNum(v),
            "s" if digits == 4 && v.is_multiple_of(10) => return Class::Decade(v),
            _ => {}
        }
    }
    // 3.5, 1,200: digits with commas and at most one period (the amounts
    // number parser reads the value when it is needed).
    let b = s.as_bytes();
    if b.iter().all(|c| c.is_ascii_digit() || *c == b',' || *c == b'.') && b.iter().filter(|&&c| c == b'.').count() <= 1 {
        return Class::Decimal;
    }
    Class::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_word_classifies() {
        for w in known_words() {
            assert_ne!(lookup(w), Class::Other, "{w}");
            assert_eq!(word(w), lookup(w), "{w}");
        }
        assert_eq!(word("Twenty-First"), Class::OrdWord(21));
        assert_eq!(word("GMT"), Class::Kw(Kw::Zone(0)));
        assert_eq!(word("government"), Class::Other);
    }
}
