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

use crate::span::Span;
use crate::tokenize::{Token, TokenKind};
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

/// Lowercase word -> class, built once from [`known_words`], with a bit
/// filter in front: most words of a text are no date word, and the filter
/// says so from three bytes and the length, without copying the word.
///
/// The words are keyed by their bytes packed into one `u128` (lowercase,
/// zero-padded: no known word is longer than [`MAX_WORD`] or holds a NUL),
/// in an open-addressing table ([`crate::hash::packed_word_hash`]): a
/// lookup is one multiply and, mostly, one
/// comparison of two integers, where a string map hashed, compared bytes
/// and checked UTF-8 (`the`, `of`, `to`, `and` are known words: a good
/// part of a text's tokens get this far).
struct Table {
    keys: Vec<u128>,
    classes: Vec<Class>,
    mask: usize,
    filter: Vec<u64>,
}

impl Table {
    fn slot(&self, key: u128) -> usize {
        crate::hash::packed_word_hash(key) as usize & self.mask
    }

    fn get(&self, key: u128) -> Option<Class> {
        let mut s = self.slot(key);
        loop {
            match self.keys[s] {
                k if k == key => return Some(self.classes[s]),
                0 => return None,
                _ => s = (s + 1) & self.mask,
            }
        }
    }
}

/// `w`'s bytes, lowercase, as one little-endian `u128`; `None` when longer
/// than [`MAX_WORD`].
#[inline]
fn pack(w: &[u8]) -> Option<u128> {
    let mut buf = [0u8; MAX_WORD];
    buf.get_mut(..w.len())?.copy_from_slice(w);
    buf.make_ascii_lowercase();
    Some(u128::from_le_bytes(buf))
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
        let size = (known_words().count() * 4).next_power_of_two();
        let mut table = Table { keys: vec![0; size], classes: vec![Class::Other; size], mask: size - 1, filter };
        for w in known_words() {
            let key = pack(w.as_bytes()).unwrap_or_else(|| panic!("{w}: a known word longer than {MAX_WORD} bytes"));
            let mut s = table.slot(key);
            while table.keys[s] != 0 && table.keys[s] != key {
                s = (s + 1) & table.mask;
            }
            table.keys[s] = key;
            table.classes[s] = lookup(w);
        }
        table
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
    // A loop, not `contains` (a call to memchr): the words are short, at
    // most MAX_WORD + 2 bytes, and this runs at every word token.
    let hyphen = s.bytes().any(|b| b == b'-');
    let bit = filter_bit(s.as_bytes());
    if !hyphen && table.filter[bit / 64] & (1 << (bit % 64)) == 0 {
        return Class::Other;
    }
    if let Some(c) = pack(s.as_bytes()).and_then(|key| table.get(key)) {
        return c;
    }
    // Compounds: `twenty-one`, `twenty-first`.
    if hyphen && s.len() <= MAX_WORD + 2 {
        return lookup(&s.to_ascii_lowercase());
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
