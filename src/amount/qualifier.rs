//! Qualifiers written before an amount (`more than`, `nearly`, `up to`):
//! kept out of the span, put in the value.

use crate::tokenize::cursor::Cursor;
use crate::tokenize::{Token, TokenKind};

/// Qualifiers, longest first, as lower-case word sequences.
const QUALIFIERS: &[&[&str]] = &[
    &["a", "little", "more", "than"],
    &["a", "little", "over"],
    &["a", "little", "under"],
    &["as", "much", "as"],
    &["as", "many", "as"],
    &["as", "little", "as"],
    &["as", "few", "as"],
    &["as", "high", "as"],
    &["as", "low", "as"],
    &["no", "more", "than"],
    &["no", "less", "than"],
    &["not", "more", "than"],
    &["not", "less", "than"],
    &["in", "excess", "of"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["greater", "than"],
    &["up", "to"],
    &["at", "least"],
    &["at", "most"],
    &["close", "to"],
    &["just", "over"],
    &["just", "under"],
    &["well", "over"],
    &["well", "above"],
    &["upwards", "of"],
    &["an", "estimated"],
    &["over"],
    &["under"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["some"],
    &["roughly"],
    &["approximately"],
    &["approx."],
    &["approx"],
    &["estimated"],
    &["above"],
    &["below"],
    &["exceeding"],
];

/// Every qualifier, as [`before`] writes it (`more than`), longest first.
/// The vague words of [`super::vague`] (`several`, `thousands of`) are
/// qualifiers of vague amounts, listed there; [`before`] does not look for
/// them before an exact number.
pub(crate) fn all() -> impl Iterator<Item = String> {
    QUALIFIERS.iter().map(|q| q.join(" ")).chain(super::vague::VAGUE.iter().map(|q| q.to_string()))
}

/// The qualifier that ends just before token `i`, lower-cased with single
/// spaces (`more than`), and the index of its first token.
pub(crate) fn before(text: &str, tokens: &[Token], i: usize) -> Option<(usize, String)> {
    let cur = Cursor::new(text, tokens);
    'outer: for q in QUALIFIERS {
        if q.len() > i {
            continue;
        }
        let first = i - q.len();
        for (k, word) in q.iter().enumerate() {
            if !cur.is_kind(first + k, TokenKind::Word) || !cur.is_word(first + k, &[word]) {
                continue 'outer;
            }
        }
        return Some((first, q.join(" ")));
    }
    None
}
