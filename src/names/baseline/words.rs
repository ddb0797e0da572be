//! The word classes the rule-based names tagger reads: fixed lists
//! (name particles, function words, date words, event and place tails)
//! and spelling tests (acronyms, initials, hyphenated given names,
//! demonym compounds). Pure functions of a word (and the name lists),
//! called per token by the scan: `#[inline]` keeps them inlined there
//! across the module boundary.

use crate::names::lexicon::{LexFlags as F, Lexicon};

/// Words that join the parts of a name: particles of people's and places'
/// names (`Charles de Gaulle`, `Ludwig van Beethoven`).
#[inline]
pub(super) fn is_name_particle(lower: &str) -> bool {
    matches!(
        lower,
        "de" | "da"
            | "di"
            | "do"
            | "dos"
            | "das"
            | "del"
            | "della"
            | "der"
            | "den"
            | "du"
            | "des"
            | "van"
            | "von"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "y"
            | "e"
            | "zu"
            | "ter"
            | "ten"
    )
}

/// Function words that never start a name, capitalized or not.
#[inline]
pub(super) fn is_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "it"
            | "its"
            | "he"
            | "she"
            | "we"
            | "they"
            | "i"
            | "you"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "in"
            | "on"
            | "at"
            | "of"
            | "for"
            | "to"
            | "from"
            | "by"
            | "with"
            | "about"
            | "after"
            | "before"
            | "during"
            | "since"
            | "under"
            | "over"
            | "into"
            | "and"
            | "but"
            | "or"
            | "nor"
            | "so"
            | "yet"
            | "if"
            | "when"
            | "while"
            | "where"
            | "why"
            | "how"
            | "what"
            | "who"
            | "which"
            | "as"
            | "also"
            | "although"
            | "though"
            | "because"
            | "however"
            | "meanwhile"
            | "then"
            | "there"
            | "here"
            | "some"
            | "many"
            | "all"
            | "both"
            | "each"
            | "every"
            | "other"
            | "another"
            | "no"
            | "not"
            | "only"
            | "even"
            | "according"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
    )
}

/// Months and weekdays: the date recognizer's, never part of a name run.
/// Their names and short forms; not the plurals (`Mondays`), which the
/// baseline never counted.
#[inline]
pub(super) fn is_date_word(lower: &str) -> bool {
    use crate::words;
    let w = lower.trim_end_matches('.');
    words::month_name(w).is_some()
        || words::month_abbreviation(w).is_some()
        || words::weekday_name(w).is_some()
        || words::weekday_abbreviation(w).is_some()
        || words::ambiguous_weekday_abbreviation(w).is_some()
}

/// `w` lowercased into `buf` when it is short ASCII (function words, month
/// names), without allocating; `None` otherwise (the tokenizer's one
/// lower-casing on the stack).
pub(super) use crate::tokenize::cursor::ascii_lower as small_lower;
use crate::tokenize::cursor::LOWER_MAX;

#[inline]
pub(super) fn function_word(w: &str) -> bool {
    let mut buf = [0; LOWER_MAX];
    w.len() <= 9 && small_lower(w, &mut buf).is_some_and(is_function_word)
}

#[inline]
pub(super) fn date_word(w: &str) -> bool {
    let mut buf = [0; LOWER_MAX];
    w.len() <= 10 && small_lower(w, &mut buf).is_some_and(is_date_word)
}

/// The last word of an event's or an award's name: `World Cup`, `U.S.
/// Open`, `Gulf War`, `Nobel Prize`. Such names are MISC.
#[inline]
pub(super) fn is_event_tail(w: &str) -> bool {
    matches!(
        w,
        "Cup"
            | "Championship"
            | "Championships"
            | "Open"
            | "Games"
            | "Olympics"
            | "Olympiad"
            | "Prix"
            | "Series"
            | "Award"
            | "Awards"
            | "Prize"
            | "War"
            | "Festival"
            | "Trophy"
            | "Masters"
            | "Classic"
            | "Rally"
            | "Marathon"
            | "Derby"
            | "Tournament"
            | "Expo"
            | "Summit"
            | "Accords"
            | "Accord"
            | "Treaty"
            | "Act"
    )
}

/// Endings that mark a place name (`Yorkshire`, `Volgograd`,
/// `Wolverhampton`, `Kazakhstan`), for words no list knows.
#[inline]
pub(super) fn has_place_suffix(w: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "shire", "chester", "borough", "burgh", "bury", "pool", "mouth", "caster", "ville", "grad", "burg", "stan", "abad", "pur", "polis",
        "stadt", "dorf", "hafen", "ington",
    ];
    w.len() > 5 && w.is_ascii() && SUFFIXES.iter().any(|s| w.ends_with(s))
}

/// The last word of a geographic name: `Tiananmen Square`, `Han River`,
/// `Northern Cape`. Such names are LOC.
#[inline]
pub(super) fn is_place_tail(w: &str) -> bool {
    matches!(
        w,
        "Square"
            | "Street"
            | "Avenue"
            | "Road"
            | "River"
            | "Mountain"
            | "Mountains"
            | "Lake"
            | "Island"
            | "Islands"
            | "Bay"
            | "Sea"
            | "Ocean"
            | "Valley"
            | "Bridge"
            | "Province"
            | "County"
            | "District"
            | "Region"
            | "Peninsula"
            | "Strait"
            | "Straits"
            | "Canal"
            | "Desert"
            | "Coast"
            | "Cape"
            | "Hills"
            | "Heights"
            | "Plateau"
            | "Basin"
            | "Delta"
            | "Gulf"
            | "Harbour"
            | "Harbor"
            | "Prefecture"
            | "Oblast"
            | "Sound"
    )
}

/// The first word of a geographic name: `Mount Everest`, `Lake Geneva`,
/// `Fort Worth`.
#[inline]
pub(super) fn is_place_head(w: &str) -> bool {
    matches!(
        w,
        "Mount" | "Mt." | "Lake" | "Port" | "Fort" | "Cape" | "Gulf" | "Sea" | "Isle" | "San" | "Santa" | "Saint" | "St." | "Los" | "Las"
    )
}

#[inline]
pub(super) fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

#[inline]
pub(super) fn has_lower(w: &str) -> bool {
    w.chars().any(char::is_lowercase)
}

/// An acronym: 2 to 6 capitals (digits and `&` allowed after the first),
/// no lowercase letter: `PPP`, `DPRK`, `G7`, `AT&T`.
#[inline]
pub(super) fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n)
        && starts_upper(w)
        && !has_lower(w)
        && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        && w.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A capitalized word with a hyphenated lowercase part, as romanized Korean
/// given names are written: `Tae-woo`, `Duk-kun`, `Jong-un`.
#[inline]
pub(super) fn is_hyphenated_given_name(w: &str) -> bool {
    let Some((a, b)) = w.split_once('-') else { return false };
    starts_upper(a)
        && a.chars().count() <= 5
        && b.chars().count() <= 5
        && !b.is_empty()
        && b.chars().all(char::is_lowercase)
        && a.chars().skip(1).all(char::is_lowercase)
}

/// An initial: `W.`, `J.`.
#[inline]
pub(super) fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// A domain used as a company name: `Blender.io`, `Amazon.com`.
#[inline]
pub(crate) fn is_domain_name(w: &str) -> bool {
    match w.rsplit_once('.') {
        Some((head, tld)) => !head.is_empty() && (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase()),
        None => false,
    }
}

/// A hyphenated demonym: `Sino-U.S.`, `Anglo-French`, `Korean-American`.
#[inline]
pub(crate) fn is_demonym_compound(lex: &Lexicon, w: &str) -> bool {
    let Some((a, b)) = w.split_once('-') else { return false };
    if a.is_empty() || b.is_empty() || !starts_upper(b) {
        return false;
    }
    let fa = lex.get(a);
    let fb = lex.get(b);
    fa.intersects(F::DEMONYM_PREFIX | F::DEMONYM) && (fb.intersects(F::PLACE | F::DEMONYM) || is_acronym(b))
}
