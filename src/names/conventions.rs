//! Corrections the tagger's output gets before it leaves the module, for
//! two things CoNLL-2003 training data does not teach:
//!
//! - the project's span convention that an organization whose name holds a
//!   place is one ORG (`Ministry of Foreign Affairs of South Korea`), where
//!   the tagger, trained on CoNLL, splits it into an ORG and a LOC;
//! - news bylines (`By Byun Duk-kun` alone on a line), which Reuters copy
//!   does not have: the capitalized words after `By` are a person's name;
//! - titles outside names (`Deputy Prime Minister` of `Deputy Prime
//!   Minister John Smith`), which the tagger sometimes takes in;
//! - a title the tagger marked as a name of its own before a person's
//!   (`Justice` of `Justice Alexandre de Moraes`);
//! - `The` before an organization's head word (`The Ministry of Health` at
//!   a sentence's start), which the guidelines leave out;
//! - a person's name of four words (`Nguyen Thi Kim Ngan`), which the
//!   tagger, knowing names of two or three, can split in two: two PERSONs
//!   side by side on a line, nothing but space between them, are one (no
//!   corpus of ours holds two such: CoNLL-2003 and wikigold have none);
//! - wire datelines of today's news (`TUXTLA GUTIÉRREZ, Chiapas (Reuters)
//!   -`), where the 1996 wire wrote `LONDON 1996-08-30` and knew its
//!   cities: the capitals before the comma are a place, whatever the
//!   tagger made of words it never saw, and so are the later mentions of
//!   the same words in title case (`in Tuxtla Gutiérrez`);
//! - emoji and symbols at a name's edge (`😀 Sony`, `★ Toyota`), which
//!   the 1996 wire had none of, and the punctuation around a name that
//!   the tagger sometimes takes in (`= Renate Goetschl` of a results
//!   table).
//!
//! Entities are token ranges with a type, sorted and non-overlapping, as
//! [`super::tags::entities`] gives.

use crate::hash::FxBuildHasher;
use crate::names::baseline;
use crate::names::lexicon::{lexicon, LexFlags};
use crate::names::tags::{Entity, EntityType};
use crate::tokenize::Token;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

const PERSON: EntityType = EntityType::Person;
const ORG: EntityType = EntityType::Org;
const LOC: EntityType = EntityType::Loc;

/// Applies every correction to `entities`.
pub fn apply(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    trim_loose_punctuation(text, tokens, entities);
    split_at_possessives(text, tokens, entities);
    merge_org_of_place(text, tokens, entities);
    trim_titles(text, tokens, entities);
    drop_titles_before_persons(text, tokens, entities);
    drop_the_before_heads(text, tokens, entities);
    join_adjacent_persons(tokens, entities);
    bylines(text, tokens, entities);
    datelines(text, tokens, entities);
    sure_words(text, tokens, entities);
}

/// Marks the words whose form alone says what they name, where the
/// tagger left them unmarked: a hyphenated demonym (`Sino-U.S. tensions`,
/// `Anglo-French`: MISC, as the guidelines type demonyms used as
/// adjectives) and a capitalized domain name (`Blender.io`,
/// `Amazon.com`: an ORG), as the rule-based tagger's patterns read them
/// (`names::baseline`). A word inside a name the tagger found is left to
/// it (`Sino-Japanese War`).
fn sure_words(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let lex = lexicon();
    let mut covered = vec![false; tokens.len()];
    for (r, _) in entities.iter() {
        covered[r.clone()].fill(true);
    }
    let mut added = false;
    for (i, t) in tokens.iter().enumerate().filter(|&(i, _)| !covered[i]) {
        // Both start with a capital and hold a `-` or a `.`: most words are
        // let go on their first letter, before any lookup (this runs on
        // every word the tagger left out).
        let w = t.text(text);
        if !w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let ty = if w.contains('-') && baseline::is_demonym_compound(lex, w) {
            EntityType::Misc
        } else if w.contains('.') && baseline::is_domain_name(w) {
            ORG
        } else {
            continue;
        };
        entities.push((i..i + 1, ty));
        added = true;
    }
    if added {
        entities.sort_by_key(|(r, _)| r.start);
    }
}

/// How many leading words of `words` are a title: up to two capitalized
/// words that are no known name (`Health`, `Opposition`), then one or more
/// `TITLE` entries of the lexicon (`Minister`, `Deputy Prime Minister`,
/// `Leader`), leaving at least one capitalized word after them. `None`
/// when `words` does not start so.
fn title_len(words: &[&str]) -> Option<usize> {
    let lex = lexicon();
    let name_flags = LexFlags::FIRST_NAME | LexFlags::SURNAME;
    for m in 0..=2.min(words.len()) {
        if !words[..m].iter().all(|w| is_capitalized_word(w) && !lex.get(w).intersects(name_flags | LexFlags::TITLE)) {
            return None;
        }
        let mut end = m;
        while let Some((n, _)) = lex.longest_match_with(&words[end..], LexFlags::TITLE) {
            end += n;
        }
        if end > m {
            return (end < words.len() && is_capitalized_word(words[end])).then_some(end);
        }
    }
    None
}

/// Whether `words` read as a person's name by the lexicon alone: one to
/// three capitalized words, the first a known first name or the last a
/// known surname, and none a place, title or organization word.
fn looks_like_person(words: &[&str]) -> bool {
    let lex = lexicon();
    let not_person = LexFlags::PLACE | LexFlags::TITLE | LexFlags::ORG_HEAD | LexFlags::ORG_TAIL | LexFlags::ORG | LexFlags::COMMON;
    (1..=3).contains(&words.len())
        && words.iter().all(|w| is_capitalized_word(w) && !lex.get(w).intersects(not_person))
        && (lex.get(words[0]).contains(LexFlags::FIRST_NAME) || lex.get(words[words.len() - 1]).contains(LexFlags::SURNAME))
}

/// Titles stay outside names (GUIDELINES: `President Joe Biden` → `Joe
/// Biden`): a PERSON that starts with a title (see [`title_len`]) loses
/// it; an ORG or MISC that is a title and then a person's name becomes
/// that PERSON. A person's name there is what the lexicon reads as one
/// (see [`looks_like_person`]), or words whose last one the tagger marks
/// as a PERSON elsewhere in the document (`Kagwe` alone, later).
fn trim_titles(text: &str, tokens: &[Token], entities: &mut [Entity]) {
    let words_of = |r: &Range<usize>| -> Vec<&str> { tokens[r.clone()].iter().map(|t| t.text(text)).collect() };
    // The title's length in words, per entity (None: no title), the words
    // in one buffer (not a vector per entity).
    let mut words: Vec<&str> = Vec::new();
    let title_lens: Vec<Option<usize>> = entities
        .iter()
        .map(|(r, _)| {
            words.clear();
            words.extend(tokens[r.clone()].iter().map(|t| t.text(text)));
            title_len(&words)
        })
        .collect();
    if title_lens.iter().all(Option::is_none) {
        return;
    }
    let person_words: HashSet<&str, FxBuildHasher> = entities
        .iter()
        .zip(&title_lens)
        .filter(|((_, ty), k)| *ty == PERSON && k.is_none())
        .map(|((r, _), _)| tokens[r.end - 1].text(text))
        .collect();
    for ((range, ty), k) in entities.iter_mut().zip(title_lens) {
        let Some(k) = k else { continue };
        let words = words_of(range);
        let tail = &words[k..];
        let known = tail.len() <= 3 && tail.iter().all(|w| is_capitalized_word(w)) && person_words.contains(tail[tail.len() - 1]);
        // A place named after a titled person stays a place (`Prince
        // Rupert`, `Prince William Sound`).
        if *ty == PERSON || (*ty != LOC && (known || looks_like_person(tail))) {
            range.start += k;
            *ty = PERSON;
        }
    }
}

/// Whether a token never starts or ends a name: a symbol outside the
/// wire's alphabet (`😀`, `★`), or ASCII punctuation that surrounds names
/// in text (`=`, `!`, `,`, quotes: the guidelines leave surrounding
/// punctuation out). Not the marks names hold or that CoNLL's
/// space-separated text puts inside them: `.` (`U.S.`, `Conn .`), `&`,
/// `-`, `/`, `$`, brackets (`Mladost ( L )` of its tables).
pub(crate) fn is_loose_punctuation(w: &str) -> bool {
    let loose = |c: char| {
        !c.is_ascii() || matches!(c, '=' | '!' | '?' | ',' | ';' | ':' | '\'' | '"' | '*' | '#' | '|' | '~' | '^' | '<' | '>' | '+')
    };
    !w.is_empty() && w.chars().all(|c| !c.is_alphanumeric() && loose(c))
}

/// `r` without the tokens at its ends that `loose` (asked of a token's
/// index) takes off; empty when all are.
pub(crate) fn without_ends(r: Range<usize>, loose: impl Fn(usize) -> bool) -> Range<usize> {
    let (mut start, mut end) = (r.start, r.end);
    while start < end && loose(start) {
        start += 1;
    }
    while start < end && loose(end - 1) {
        end -= 1;
    }
    start..end
}

/// Takes loose punctuation ([`is_loose_punctuation`]) off both ends of
/// every entity, and drops an entity of punctuation alone.
fn trim_loose_punctuation(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    for (r, _) in entities.iter_mut() {
        *r = without_ends(r.clone(), |i| is_loose_punctuation(tokens[i].text(text)));
    }
    entities.retain(|(r, _)| !r.is_empty());
}

pub(crate) fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'S" | "’S")
}

/// Plural nouns that names hold before a possessive (`National People's
/// Congress`, `Children's Hospital`, `Women's World Cup`): the words
/// before an `'s` inside a name in CoNLL-2003 and wikigold (train and dev)
/// that are no name themselves, with the titles (`Queen's University`,
/// the lexicon's `TITLE`).
const PLURALS_NAMES_HOLD: [&str; 6] = ["People", "Children", "Women", "Men", "Fishermen", "Workmen"];

/// A possessive `'s` inside a span ends a name (`the Treasury's Office of
/// Foreign Assets Control` is two organizations), unless the name list
/// knows the whole span (`Democratic People's Republic of Korea`) or the
/// word before it is no name of its own: a title (`Queen's University`)
/// or one of [`PLURALS_NAMES_HOLD`] (`People's Bank of China`).
fn split_at_possessives(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let lex = lexicon();
    let mut out = Vec::with_capacity(entities.len());
    let mut words: Vec<&str> = Vec::new();
    for (range, ty) in entities.drain(..) {
        // Most names hold no possessive: kept without asking the lexicon.
        if !tokens[range.clone()].iter().any(|t| is_possessive(t.text(text))) {
            out.push((range, ty));
            continue;
        }
        words.clear();
        words.extend(tokens[range.clone()].iter().map(|t| t.text(text)));
        let listed = lex.longest_match(&words).is_some_and(|(n, _)| n == words.len());
        if listed {
            out.push((range, ty));
            continue;
        }
        let held = |k: usize| k > 0 && (PLURALS_NAMES_HOLD.contains(&words[k - 1]) || lex.get(words[k - 1]).contains(LexFlags::TITLE));
        let mut start = range.start;
        for k in range.clone() {
            if is_possessive(words[k - range.start]) && !held(k - range.start) {
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
/// `Department`, `Office`) and not a company or team: it does not end in
/// a word that only ends names (`Kia Motor Corp of South Korea`,
/// `Benetton of Italy` stay apart, as CoNLL has them), where a head word
/// that ends it is still an institution's (`Supreme Court of Justice of
/// the Nation`, `Liberal Party of Nova Scotia`).
fn merge_org_of_place(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let lex = lexicon();
    let is_institution = |r: &Range<usize>| {
        let flags = |k: usize| lex.get(tokens[k].text(text));
        let last = flags(r.end - 1);
        r.clone().any(|k| flags(k).intersects(LexFlags::ORG_HEAD))
            && (!last.intersects(LexFlags::ORG_TAIL) || last.intersects(LexFlags::ORG_HEAD))
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

/// Whether `words` are titles of the lexicon end to end (`Justice`,
/// `Crown Prince`, `Interior CS`), one or more.
fn all_titles(words: &[&str]) -> bool {
    let lex = lexicon();
    let mut at = 0;
    while at < words.len() {
        match lex.longest_match_with(&words[at..], LexFlags::TITLE) {
            Some((n, _)) if n > 0 => at += n,
            _ => return false,
        }
    }
    !words.is_empty()
}

/// A name the tagger made of a title before a person's name, apart from
/// it (`Justice` of `Justice Alexandre de Moraes`, `Interior` of `Interior
/// CS Kipchumba Murkomen`, `Crown` of `Crown Prince Mohammed bin Salman`),
/// is no name (GUIDELINES: titles stay outside): it is dropped when it and
/// the words up to the PERSON (on the line, none of them marked) are
/// titles of the lexicon end to end. An organization before a title
/// (`Apple` of `Apple CEO Tim Cook`) is no title and stays.
fn drop_titles_before_persons(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let mut words: Vec<&str> = Vec::new();
    let mut dropped = vec![false; entities.len()];
    for (k, pair) in entities.windows(2).enumerate() {
        let [(title, ty), (person, next_ty)] = pair else { continue };
        if *ty == PERSON
            || *next_ty != PERSON
            || person.start - title.end > 3
            || tokens[title.start + 1..=person.start].iter().any(|t| t.line_start)
        {
            continue;
        }
        words.clear();
        words.extend(tokens[title.start..person.start].iter().map(|t| t.text(text)));
        dropped[k] = all_titles(&words);
    }
    if dropped.contains(&true) {
        let mut k = 0;
        entities.retain(|_| {
            k += 1;
            !dropped[k - 1]
        });
    }
}

/// An organization named by its head word (`The Department of Foreign
/// Affairs`, `The Ministry of Health`) leaves out the `The` that starts
/// it (GUIDELINES: determiners stay out), which the tagger takes in at a
/// sentence's start. Names where `The` is the name's own (`The Hague`,
/// `The Beatles`, `The New York Times`) do not go on with a head word:
/// in CoNLL-2003 and wikigold (train and dev), 17 of the 18 `The` before
/// a head word that starts a name are outside it.
fn drop_the_before_heads(text: &str, tokens: &[Token], entities: &mut [Entity]) {
    let lex = lexicon();
    for (range, ty) in entities.iter_mut() {
        if *ty == ORG
            && range.len() >= 2
            && tokens[range.start].text(text) == "The"
            && lex.get(tokens[range.start + 1].text(text)).contains(LexFlags::ORG_HEAD)
        {
            range.start += 1;
        }
    }
}

/// Two PERSONs next to each other, on one line with only space between
/// (no token: a comma or an `and` keeps them apart), are one person's
/// name.
fn join_adjacent_persons(tokens: &[Token], entities: &mut Vec<Entity>) {
    entities.dedup_by(|(next, next_ty), (prev, prev_ty)| {
        let join = *prev_ty == PERSON && *next_ty == PERSON && prev.end == next.start && !tokens[next.start].line_start;
        if join {
            prev.end = next.end;
        }
        join
    });
}

/// Whether `w` is a word in capitals as a dateline writes a place: two
/// letters or more, no lower-case letter (`GUTIÉRREZ`, `ST.`, `AL-ARISH`).
fn is_capitals_word(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '\'')
}

/// Whether `w` is a dash as datelines end with one (`-`, `--`, `—`, `–`).
fn is_dash(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}'))
}

/// The place of a dateline at the line starting at token `i`, as a token
/// range: one to four words in capitals, a comma, then before a dash (at
/// most twelve tokens on) only what datelines hold there: capitalized
/// words, numbers and points (`Chiapas`, `Aug. 9`), commas, and the agency
/// in brackets (`(afrol News)`). A headline in capitals (`SOCCER - JAPAN
/// WIN`) has no comma before its dash; the 1996 wire's `LONDON 1996-08-30`
/// has none at all, and is left to the tagger, which knows it.
fn dateline_place(text: &str, tokens: &[Token], i: usize) -> Option<Range<usize>> {
    let line = &tokens[i..];
    let words = line.iter().take(5).take_while(|t| is_capitals_word(t.text(text))).count();
    if !(1..=4).contains(&words) || line.get(words).map(|t| t.text(text)) != Some(",") {
        return None;
    }
    let mut depth = 0usize;
    for t in line[words + 1..].iter().take(12) {
        let w = t.text(text);
        if t.line_start {
            return None;
        }
        match w {
            "(" => depth += 1,
            ")" => depth = depth.checked_sub(1)?,
            "," | "." => {}
            _ if depth == 0 && is_dash(w) => return Some(i..i + words),
            _ if depth > 0 || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) => {}
            _ => return None,
        }
    }
    None
}

/// Datelines' places are places (see [`dateline_place`]), and so are the
/// same words later in the document, in any case (`Tuxtla Gutiérrez`
/// after `TUXTLA GUTIÉRREZ,`): a name the tagger found there with exactly
/// those words is relabeled, capitalized words it left out are marked; a
/// longer name holding them (`Tuxtla Gutiérrez Airport`) is left alone.
fn datelines(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let places: Vec<Range<usize>> =
        (0..tokens.len()).filter(|&i| tokens[i].line_start).filter_map(|i| dateline_place(text, tokens, i)).collect();
    if places.is_empty() {
        return;
    }
    let lower = |r: &Range<usize>| -> Vec<String> { tokens[r.clone()].iter().map(|t| t.text(text).to_lowercase()).collect() };
    // The places' names by their first word: a mention starts with a
    // capitalized word that starts one (rare enough that matching there is
    // cheap), and is matched in every case.
    let mut by_first: HashMap<String, Vec<Vec<String>>, FxBuildHasher> = HashMap::default();
    for name in places.iter().map(lower) {
        let same = by_first.entry(name[0].clone()).or_default();
        if !same.contains(&name) {
            same.push(name);
            // The longest first (`SAN JOSE` before `SAN`).
            same.sort_by_key(|n| std::cmp::Reverse(n.len()));
        }
    }
    let mut covered: Vec<Option<usize>> = vec![None; tokens.len()];
    for (k, (r, _)) in entities.iter().enumerate() {
        covered[r.clone()].fill(Some(k));
    }
    let mut in_place = vec![false; tokens.len()];
    for r in &places {
        in_place[r.clone()].fill(true);
    }
    let mut found: Vec<Range<usize>> = places;
    let mut i = 0;
    while i < tokens.len() {
        let w = tokens[i].text(text);
        let names = if in_place[i] || !is_capitalized_word(w) { None } else { by_first.get(&w.to_lowercase()) };
        let hit = names.into_iter().flatten().find_map(|name| {
            let r = i..i + name.len();
            let words = tokens.get(r.clone())?;
            (words.iter().all(|t| is_capitalized_word(t.text(text))) && lower(&r) == *name).then_some(r)
        });
        let Some(r) = hit else {
            i += 1;
            continue;
        };
        // A name of exactly these words, or none: a longer name holding
        // them is the tagger's to keep.
        let exact = covered[i].is_some_and(|k| entities[k].0 == r);
        if exact || covered[r.clone()].iter().all(Option::is_none) {
            found.push(r.clone());
        }
        i = r.end;
    }
    let mut taken = vec![false; tokens.len()];
    for r in &found {
        taken[r.clone()].fill(true);
    }
    entities.retain(|(r, _)| !taken[r.clone()].iter().any(|&t| t));
    entities.extend(found.into_iter().map(|r| (r, LOC)));
    entities.sort_by_key(|(r, _)| r.start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn find(text: &str, tokens: &[Token], phrase: &str) -> Range<usize> {
        nth(text, tokens, phrase, 0)
    }

    /// The tokens of the `n`th occurrence of `phrase` in `text`.
    fn nth(text: &str, tokens: &[Token], phrase: &str, n: usize) -> Range<usize> {
        let start = text.match_indices(phrase).nth(n).unwrap().0;
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
    fn punctuation_around_names_is_left_out_and_what_names_hold_stays() {
        let text = "1. = Renate Goetschl ( Austria ) 1:02.4 , \"Tornado Cash\" ! U.S. AT&T";
        let tokens = tokenize(text);
        let mut ents = vec![
            (find(text, &tokens, "= Renate Goetschl"), PERSON),
            (find(text, &tokens, "( Austria )"), LOC),
            (find(text, &tokens, ", \"Tornado Cash\" !"), ORG),
            (find(text, &tokens, "U.S."), LOC),
            (find(text, &tokens, "AT&T"), ORG),
        ];
        apply(text, &tokens, &mut ents);
        let kept: Vec<&str> = ents.iter().map(|(r, _)| &text[tokens[r.start].span.start..tokens[r.end - 1].span.end]).collect();
        assert_eq!(kept, ["Renate Goetschl", "( Austria )", "Tornado Cash", "U.S.", "AT&T"]);
        assert!(is_loose_punctuation("★") && is_loose_punctuation("\"") && !is_loose_punctuation("&"));
    }

    #[test]
    fn words_whose_form_says_what_they_name_are_marked_where_the_tagger_left_them() {
        let text = "Amid Sino-U.S. tensions, Blender.io and example.com closed; the Sino-Japanese War ended.";
        let tokens = tokenize(text);
        let war = find(text, &tokens, "Sino-Japanese War");
        let mut ents = vec![(war.clone(), EntityType::Misc)];
        apply(text, &tokens, &mut ents);
        let sino = find(text, &tokens, "Sino-U.S.");
        let blender = find(text, &tokens, "Blender.io");
        assert_eq!(ents, vec![(sino, EntityType::Misc), (blender, ORG), (war, EntityType::Misc)]);
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
    fn a_possessive_after_a_plural_or_a_title_stays_in_the_name() {
        let text = "the National People's Congress and Queen's University met at Acme's Bank of Lagos.";
        let tokens = tokenize(text);
        let mut ents = vec![
            (find(text, &tokens, "National People's Congress"), ORG),
            (find(text, &tokens, "Queen's University"), ORG),
            (find(text, &tokens, "Acme's Bank of Lagos"), ORG),
        ];
        apply(text, &tokens, &mut ents);
        assert_eq!(
            ents,
            vec![
                (find(text, &tokens, "National People's Congress"), ORG),
                (find(text, &tokens, "Queen's University"), ORG),
                (find(text, &tokens, "Acme"), ORG),
                (find(text, &tokens, "Bank of Lagos"), ORG)
            ]
        );
    }

    #[test]
    fn an_institution_named_by_its_head_word_takes_its_of_part() {
        // `Court` heads and ends institutions' names; `Corp` only ends
        // companies' (which stay apart, as CoNLL has them).
        let text = "the Supreme Court of Justice of the Nation fined Kia Motor Corp of South Korea";
        let tokens = tokenize(text);
        let mut ents = vec![
            (find(text, &tokens, "Supreme Court"), ORG),
            (find(text, &tokens, "Justice of the Nation"), ORG),
            (find(text, &tokens, "Kia Motor Corp"), ORG),
            (find(text, &tokens, "South Korea"), LOC),
        ];
        apply(text, &tokens, &mut ents);
        assert_eq!(
            ents,
            vec![
                (find(text, &tokens, "Supreme Court of Justice of the Nation"), ORG),
                (find(text, &tokens, "Kia Motor Corp"), ORG),
                (find(text, &tokens, "South Korea"), LOC)
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

    #[test]
    fn a_title_the_tagger_made_a_name_before_a_person_is_dropped() {
        let text = "Justice Alexandre de Moraes, Interior CS Kipchumba Murkomen and Apple CEO Tim Cook met.";
        let tokens = tokenize(text);
        let mut ents = vec![
            (find(text, &tokens, "Justice"), ORG),
            (find(text, &tokens, "Alexandre de Moraes"), PERSON),
            (find(text, &tokens, "Interior"), ORG),
            (find(text, &tokens, "Kipchumba Murkomen"), PERSON),
            (find(text, &tokens, "Apple"), ORG),
            (find(text, &tokens, "Tim Cook"), PERSON),
        ];
        apply(text, &tokens, &mut ents);
        assert_eq!(
            ents,
            vec![
                (find(text, &tokens, "Alexandre de Moraes"), PERSON),
                (find(text, &tokens, "Kipchumba Murkomen"), PERSON),
                (find(text, &tokens, "Apple"), ORG),
                (find(text, &tokens, "Tim Cook"), PERSON)
            ]
        );
    }

    #[test]
    fn the_before_a_head_word_is_left_out_and_a_names_own_the_stays() {
        let text = "The Ministry of Health met The Hague court and The Beatles.";
        let tokens = tokenize(text);
        let mut ents = vec![
            (find(text, &tokens, "The Ministry of Health"), ORG),
            (find(text, &tokens, "The Hague"), LOC),
            (find(text, &tokens, "The Beatles"), ORG),
        ];
        apply(text, &tokens, &mut ents);
        assert_eq!(
            ents,
            vec![
                (find(text, &tokens, "Ministry of Health"), ORG),
                (find(text, &tokens, "The Hague"), LOC),
                (find(text, &tokens, "The Beatles"), ORG)
            ]
        );
    }

    #[test]
    fn persons_side_by_side_are_one_person() {
        let text = "Nguyen Thi Kim Ngan met Ana Ruiz, Jo Lee and Kim Ngan\nBo Chen.";
        let tokens = tokenize(text);
        let at = |phrase, n| nth(text, &tokens, phrase, n);
        let apart = vec![(at("Ana Ruiz", 0), PERSON), (at("Jo Lee", 0), PERSON), (at("Kim Ngan", 1), PERSON), (at("Bo Chen", 0), PERSON)];
        let mut ents = vec![(at("Nguyen Thi", 0), PERSON), (at("Kim Ngan", 0), PERSON)];
        ents.extend(apart.clone());
        apply(text, &tokens, &mut ents);
        // A comma, an `and` or a line's end keeps names apart.
        let mut want = vec![(at("Nguyen Thi Kim Ngan", 0), PERSON)];
        want.extend(apart);
        assert_eq!(ents, want);
        // So does another label.
        let mut ents = vec![(at("Nguyen Thi", 0), PERSON), (at("Kim Ngan", 0), ORG)];
        let before = ents.clone();
        apply(text, &tokens, &mut ents);
        assert_eq!(ents, before);
    }

    #[test]
    fn a_datelines_place_is_a_place_and_so_are_its_later_mentions() {
        let text =
            "TUXTLA GUTIÉRREZ, Chiapas (afrol News) - Officials in Tuxtla Gutiérrez and at Tuxtla Gutiérrez Airport met Tuxtla Gutiérrez.";
        let tokens = tokenize(text);
        let at = |phrase, n| nth(text, &tokens, phrase, n);
        let mut ents = vec![
            (at("TUXTLA GUTIÉRREZ", 0), ORG),
            (at("Chiapas", 0), LOC),
            (at("News", 0), ORG),
            (at("Tuxtla Gutiérrez", 0), PERSON),
            (at("Tuxtla Gutiérrez Airport", 0), ORG),
        ];
        apply(text, &tokens, &mut ents);
        assert_eq!(
            ents,
            vec![
                (at("TUXTLA GUTIÉRREZ", 0), LOC),
                (at("Chiapas", 0), LOC),
                (at("News", 0), ORG),
                (at("Tuxtla Gutiérrez", 0), LOC),
                // A longer name holding the place is the tagger's.
                (at("Tuxtla Gutiérrez Airport", 0), ORG),
                // A mention the tagger left out is marked.
                (at("Tuxtla Gutiérrez", 2), LOC),
            ]
        );
    }

    #[test]
    fn what_is_no_dateline_is_left_to_the_tagger() {
        for text in [
            // A headline in capitals has no comma before its dash.
            "SOCCER - JAPAN GET UPSET WIN OVER SYRIA .",
            // The 1996 wire's dateline: no comma.
            "LONDON 1996-08-30\nText.",
            // Words of a sentence before the dash.
            "NATO, the alliance said - it met.",
            // The dash on the next line.
            "ACME, Inc.\n- it rose.",
        ] {
            let tokens = tokenize(text);
            let mut ents = vec![(0..1, ORG)];
            apply(text, &tokens, &mut ents);
            assert_eq!(ents, vec![(0..1, ORG)], "{text}");
        }
    }

    #[test]
    fn any_lines_give_sorted_disjoint_entities() {
        // Datelines, their mentions and names of the tagger, mixed.
        let words = ["KIGALI", "ST.", "GUTIÉRREZ", ",", "(", ")", "-", "--", "Kigali", "Gutiérrez", "said", "\n", "Aug.", "9", "Rwanda"];
        let mut seed = 7u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..30 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(words[(seed % words.len() as u64) as usize]);
                text.push(' ');
            }
            let tokens = tokenize(&text);
            let mut ents: Vec<Entity> = (0..tokens.len()).step_by(4).map(|i| (i..(i + 2).min(tokens.len()), PERSON)).collect();
            apply(&text, &tokens, &mut ents);
            assert!(ents.windows(2).all(|w| w[0].0.end <= w[1].0.start), "{text:?}: {ents:?}");
            assert!(ents.iter().all(|(r, _)| r.start < r.end && r.end <= tokens.len()), "{text:?}");
        }
    }

    #[test]
    fn titles_stay_outside_person_names() {
        let text = "Opposition Leader Raila Odinga met Foreign Minister Park Jin and Deputy Prime Minister Jane Doe.";
        let tokens = tokenize(text);
        let mut ents = vec![
            (find(text, &tokens, "Opposition Leader Raila Odinga"), PERSON),
            (find(text, &tokens, "Foreign Minister Park Jin"), PERSON),
            (find(text, &tokens, "Deputy Prime Minister Jane Doe"), PERSON),
        ];
        apply(text, &tokens, &mut ents);
        assert_eq!(
            ents,
            vec![
                (find(text, &tokens, "Raila Odinga"), PERSON),
                (find(text, &tokens, "Park Jin"), PERSON),
                (find(text, &tokens, "Jane Doe"), PERSON)
            ]
        );
    }

    #[test]
    fn a_title_and_a_name_tagged_as_an_organization_is_that_person() {
        // `Jane` is a first name of the lexicon; `Kagwe` is not, but the
        // tagger marks it as a PERSON later in the document.
        let text = "Health Minister Jane Wanjiru and Health Minister Mutahi Kagwe spoke. Kagwe left.";
        let tokens = tokenize(text);
        let later = tokens.iter().rposition(|t| t.text(text) == "Kagwe").unwrap();
        let mut ents = vec![
            (find(text, &tokens, "Health Minister Jane Wanjiru"), ORG),
            (find(text, &tokens, "Health Minister Mutahi Kagwe"), EntityType::Misc),
            (later..later + 1, PERSON),
        ];
        apply(text, &tokens, &mut ents);
        assert_eq!(
            ents,
            vec![(find(text, &tokens, "Jane Wanjiru"), PERSON), (find(text, &tokens, "Mutahi Kagwe"), PERSON), (later..later + 1, PERSON)]
        );
    }

    #[test]
    fn names_that_hold_title_words_stay_whole() {
        // A title at the end or alone is part of the name; an organization
        // whose tail is no person's name stays an organization.
        let text = "John Major met King and the General Motors Corp board and Chief Executive Officers Association.";
        let tokens = tokenize(text);
        let before = vec![
            (find(text, &tokens, "John Major"), PERSON),
            (find(text, &tokens, "King"), PERSON),
            (find(text, &tokens, "General Motors Corp"), ORG),
            (find(text, &tokens, "Chief Executive Officers Association"), ORG),
        ];
        let mut ents = before.clone();
        apply(text, &tokens, &mut ents);
        assert_eq!(ents, before);
    }
}
