//! The words dates and times are made of, classified once per token.
//!
//! [`classify`] maps a token to a [`Class`] with one lowercase copy on the
//! stack and one `match`: the scanner then reads classes, not strings, so
//! most tokens of a text (which are no part of any date) cost one lookup.
//!
//! Month, weekday and number words come from [`crate::words`], shared with
//! the amounts; units of time and the keywords of dates are the lexicon's.
//!
//! Layout: this file holds the classes and the table (with its hash and
//! filter) that [`classify`] reads; `lexicon/vocabulary` says which word is
//! which class (the table is built from it), `lexicon/digits` classifies
//! tokens of digits.

use crate::hash::Fnv;
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

mod digits;
mod vocabulary;

use digits::number;
use vocabulary::{known_words, lookup, zone};

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

/// FNV-1a ([`Fnv`]): a fast hash for short ASCII keys.
type Map = HashMap<&'static str, Class, BuildHasherDefault<Fnv>>;

/// Lowercase word -> class, built once from [`known_words`], with a bit
/// filter in front: most words of a text are no date word, and the filter
/// says so from three bytes and the length, without copying the word.
struct Table {
    map: Map,
    filter: Vec<u64>,
}

const FILTER_BITS: usize = 1 << 16;

/// The filter's bit for a word ([`crate::hash::word_filter_bit`]).
#[inline]
fn filter_bit(b: &[u8]) -> usize {
    crate::hash::word_filter_bit(b, FILTER_BITS)
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

/// Classifies a piece of a token as if it were a word token of its own:
/// `aug` in `mid-aug`, `third` in `third-quarter`.
#[inline]
pub(super) fn classify_word(s: &str) -> Class {
    classify(s, &Token { span: Span::new(0, s.len()), kind: TokenKind::Word, line_start: false })
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

    /// The tables of `lexicon/vocabulary` and `lexicon/digits` say true.
    #[test]
    fn module_tables() {
        use Class::*;
        let words = [
            ("august", Month { m: 8, abbr: false }),
            ("aug.", Month { m: 8, abbr: true }),
            ("tuesday", Weekday { d: 2, abbr: false }),
            ("tuesdays", Weekday { d: 2, abbr: false }),
            ("tues", Weekday { d: 2, abbr: false }),
            ("sun", Weekday { d: 7, abbr: true }),
            ("day", Unit(super::Unit::Day)),
            ("days", Unit(super::Unit::Day)),
            ("yrs", Unit(super::Unit::Year)),
            ("decade", Unit(super::Unit::Decade)),
            ("today", Kw(super::Kw::Today)),
            ("last", Kw(super::Kw::Last)),
            ("ago", Kw(super::Kw::Ago)),
            ("a.m.", Kw(super::Kw::Am)),
            ("christmas", Kw(super::Kw::Holiday(12, 25))),
            ("summer", Kw(super::Kw::Season(2))),
            ("over", Kw(super::Kw::Prep)),
            ("GMT", Kw(super::Kw::Zone(0))),
            ("KST", Kw(super::Kw::Zone(540))),
            ("EDT", Kw(super::Kw::Zone(-240))),
            ("twenty", NumWord(20)),
            ("twenty-one", NumWord(21)),
            ("ninth", OrdWord(9)),
            ("thirty-first", OrdWord(31)),
        ];
        for (w, class) in words {
            assert_eq!(word(w), class, "{w}");
        }
        let numbers = [
            ("9", Int { v: 9, digits: 1 }),
            ("2022", Int { v: 2022, digits: 4 }),
            ("0600", Int { v: 600, digits: 4 }),
            ("9th", OrdNum(9)),
            ("21st", OrdNum(21)),
            ("1990s", Decade(1990)),
            ("3.5", Decimal),
            ("1,200", Decimal),
            ("2022-08-10", Other),
            ("15:30", Other),
            ("1234567890", Other),
        ];
        for (n, class) in numbers {
            assert_eq!(number(n), class, "{n}");
        }
    }
}
