//! Corrections the tagger's output gets before it leaves the module, for
//! two things CoNLL-2003 training data does not teach:
//!
//! - the project's span convention that an organization whose name holds a
//!   place is one ORG (`Ministry of Foreign Affairs of South Korea`), where
//!   the tagger, trained on CoNLL, splits it into an ORG and a LOC;
//! - news bylines (`By Byun Duk-kun` alone on a line), which Reuters copy
//!   does not have: the capitalized words after `By` are a person's name.
//!
//! Entities are token ranges with a type, sorted and non-overlapping, as
//! [`super::tags::entities`] gives.

use crate::names::lexicon::{lexicon, LexFlags};
use crate::names::tags::{Entity, EntityType};
use crate::tokenize::Token;
use std::ops::Range;

const PERSON: EntityType = EntityType::Person;
const ORG: EntityType = EntityType::Org;
const LOC: EntityType = EntityType::Loc;

/// Applies every correction to `entities`.
pub fn apply(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    split_at_possessives(text, tokens, entities);
    merge_org_of_place(text, tokens, entities);
    bylines(text, tokens, entities);
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'S" | "’S")
}

/// A possessive `'s` inside a span ends a name (`the Treasury's Office of
/// Foreign Assets Control` is two organizations), unless the name list
/// knows the whole span (`Democratic People's Republic of Korea`).
fn split_at_possessives(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let lex = lexicon();
    let mut out = Vec::with_capacity(entities.len());
    for (range, ty) in entities.drain(..) {
        let words: Vec<&str> = tokens[range.clone()].iter().map(|t| t.text(text)).collect();
        let listed = lex.longest_match(&words).is_some_and(|(n, _)| n == words.len());
        if listed || !words.iter().any(|w| is_possessive(w)) {
            out.push((range, ty));
            continue;
        }
        let mut start = range.start;
        for k in range.clone() {
            if is_possessive(words[k - range.start]) {
                if start < k {
                    out.push((start..k, ty));
                }
                start = k + 1;
            }
        }
        if start < range.end {
            out.push((start..range.end, ty));
        }
    }
    *entities = out;
}

/// `ORG of [the] LOC|ORG` becomes one ORG when the first ORG is an
/// institution (it holds an organization head word such as `Ministry`,
/// `Department`, `Office`) and not a company or team (`Kia Motor Corp of
/// South Korea`, `Benetton of Italy` stay apart, as CoNLL has them).
fn merge_org_of_place(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let lex = lexicon();
    let is_institution = |r: &Range<usize>| {
        let flags = |k: usize| lex.get(tokens[k].text(text));
        r.clone().any(|k| flags(k).intersects(LexFlags::ORG_HEAD)) && !flags(r.end - 1).intersects(LexFlags::ORG_TAIL)
    };
    let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
    for (range, ty) in entities.drain(..) {
        if let Some((prev, pty)) = out.last_mut() {
            if *pty == ORG && (ty == LOC || ty == ORG) && prev.end < range.start && is_institution(prev) {
                let between: Vec<&str> = tokens[prev.end..range.start].iter().map(|t| t.text(text)).collect();
                if matches!(between.as_slice(), ["of"] | ["of", "the"]) {
                    prev.end = range.end;
                    continue;
                }
            }
        }
        out.push((range, ty));
    }
    *entities = out;
}

fn is_capitalized_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
}

/// A line `By Name Name` (up to four capitalized words) names its writer.
///
/// One pass to find the bylines, one to merge them into the entities
/// (sorted by start): linear in the tokens and entities however many
/// bylines there are (removing and inserting per byline was quadratic).
fn bylines(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let mut names: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let line_end = tokens[i + 1..].iter().position(|t| t.line_start).map_or(tokens.len(), |k| i + 1 + k);
        let words = line_end - i - 1;
        if tokens[i].text(text) == "By"
            && (1..=4).contains(&words)
            && tokens[i + 1..line_end].iter().all(|t| is_capitalized_word(t.text(text)))
        {
            names.push(i + 1..line_end);
        }
        i = line_end;
    }
    if names.is_empty() {
        return;
    }
    // Both lists are sorted by start and the bylines (whole lines) are
    // disjoint: a byline replaces every entity it overlaps, and goes where
    // its start puts it.
    let mut kept = Vec::with_capacity(entities.len());
    let mut k = 0;
    for (range, ty) in entities.drain(..) {
        while k < names.len() && names[k].end <= range.start {
            k += 1;
        }
        if k < names.len() && names[k].start < range.end {
            continue;
        }
        kept.push((range, ty));
    }
    let mut merged = Vec::with_capacity(kept.len() + names.len());
    let mut names = names.into_iter().peekable();
    for entity in kept {
        while let Some(name) = names.next_if(|n| n.start < entity.0.start) {
            merged.push((name, PERSON));
        }
        merged.push(entity);
    }
    merged.extend(names.map(|name| (name, PERSON)));
    *entities = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn find(text: &str, tokens: &[Token], phrase: &str) -> Range<usize> {
        let start = text.find(phrase).unwrap();
        let end = start + phrase.len();
        let a = tokens.iter().position(|t| t.span.start == start).unwrap();
        let b = tokens.iter().position(|t| t.span.end == end).unwrap();
        a..b + 1
    }

    #[test]
    fn org_of_place_is_one_org() {
        let text = "the Ministry of Foreign Affairs of South Korea said";
        let tokens = tokenize(text);
        let mut ents = vec![(find(text, &tokens, "Ministry of Foreign Affairs"), ORG), (find(text, &tokens, "South Korea"), LOC)];
        apply(text, &tokens, &mut ents);
        assert_eq!(ents, vec![(find(text, &tokens, "Ministry of Foreign Affairs of South Korea"), ORG)]);
    }

    #[test]
    fn possessives_end_names() {
        let text = "the U.S. Department of the Treasury's Office of Foreign Assets Control said";
        let tokens = tokenize(text);
        let mut ents = vec![(find(text, &tokens, "U.S. Department of the Treasury's Office of Foreign Assets Control"), ORG)];
        apply(text, &tokens, &mut ents);
        assert_eq!(
            ents,
            vec![
                (find(text, &tokens, "U.S. Department of the Treasury"), ORG),
                (find(text, &tokens, "Office of Foreign Assets Control"), ORG)
            ]
        );
    }

    #[test]
    fn byline() {
        let text = "Headline\nBy Byun Duk-kun\nSEOUL -- Text.";
        let tokens = tokenize(text);
        let mut ents = vec![(find(text, &tokens, "Byun Duk-kun"), EntityType::Misc), (find(text, &tokens, "SEOUL"), LOC)];
        apply(text, &tokens, &mut ents);
        assert_eq!(ents, vec![(find(text, &tokens, "Byun Duk-kun"), PERSON), (find(text, &tokens, "SEOUL"), LOC)]);
    }
}
