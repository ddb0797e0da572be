//! Names made consistent across a document, the third rule of
//! [`crate::resolve`]: every mention of the same string gets the label
//! most of its mentions got, unmarked mentions of a marked name are
//! marked, a marked name met again with only part of it marked is whole
//! (`Bilawal Bhutto Zardari`, not `Bhutto Zardari`), an organization's
//! name without its tail word (`Lazarus` of `Lazarus Group`) is the
//! organization, and the last word of a person's full name (`Pak` after
//! `Jung Pak`) is a PERSON. Hand edits are never relabeled, and a span
//! the user deleted is never proposed again.

use crate::document::{Annotation, Edits, Source};
use crate::hash::FxMap;
use crate::label::Label;
use crate::names::lexicon::{lexicon, LexFlags};
use crate::recognizer::Context;
use crate::span::Span;
use crate::tokenize::Token;
use std::ops::Range;

// The maps are keyed by words of the document: FxHash, not SipHash (the
// keys are short strings, and `by_first` is probed once per token).
// Nothing below depends on the maps' iteration order: at most one
// candidate of a given length can match at a token.

/// The tokens each annotation covers exactly, as index ranges, `None`
/// where its ends do not fall on token boundaries. `anns` must be sorted
/// by start: one walk over the tokens serves them all.
fn token_ranges(tokens: &[Token], anns: &[Annotation]) -> Vec<Option<Range<usize>>> {
    let mut k = 0;
    anns.iter()
        .map(|a| {
            while k < tokens.len() && tokens[k].span.start < a.span.start {
                k += 1;
            }
            if tokens.get(k)?.span.start != a.span.start {
                return None;
            }
            let last = tokens[k..].iter().take_while(|t| t.span.start < a.span.end).position(|t| t.span.end == a.span.end)? + k;
            Some(k..last + 1)
        })
        .collect()
}

/// A name's words: a run of the document's tokens, hashed and compared
/// by their texts (the maps below are keyed by them). A slice of the
/// tokens, not a vector of their texts: no allocation per name, and the
/// same equality as the texts' (two runs are equal when their tokens'
/// texts are, one by one).
#[derive(Clone, Copy)]
struct Words<'t> {
    text: &'t str,
    tokens: &'t [Token],
}

impl<'t> Words<'t> {
    fn iter(self) -> impl DoubleEndedIterator<Item = &'t str> + ExactSizeIterator {
        self.tokens.iter().map(move |t| t.text(self.text))
    }

    fn len(self) -> usize {
        self.tokens.len()
    }

    fn first(self) -> &'t str {
        self.tokens[0].text(self.text)
    }
}

impl PartialEq for Words<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Words<'_> {}

impl std::hash::Hash for Words<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As a `[&str]` hashes: its length, then each text (which `str`'s
        // hash ends with a separator byte, so `["ab", "c"]` and `["a",
        // "bc"]` differ).
        state.write_usize(self.len());
        for w in self.iter() {
            w.hash(state);
        }
    }
}

/// Words that are never marked on their own by consistency rules, even when
/// part of a name: they are too common in running text.
fn is_too_common(word: &str) -> bool {
    word.len() < 2
        || matches!(
            word,
            "The"
                | "A"
                | "An"
                | "In"
                | "On"
                | "At"
                | "Of"
                | "And"
                | "For"
                | "To"
                | "By"
                | "It"
                | "He"
                | "She"
                | "We"
                | "They"
                | "This"
                | "That"
                | "But"
                | "Mr."
                | "Mrs."
                | "Ms."
                | "Dr."
        )
}

/// Whether a span's words read as a person's name: every word capitalized
/// but short particles (`de`, `van`, `bin`), and the last in capitals only
/// when all are; `Klinička bolnica Mostar`, a hospital the tagger took for
/// a person, does not.
fn reads_as_a_name(words: Words) -> bool {
    let upper = |w: &str| !w.chars().any(char::is_lowercase);
    let capitalized = all_capitalized(words);
    // An acronym after capitalized words (`... Travel EP`) is no surname;
    // a name in capitals throughout (a headline) is one.
    capitalized && (words.iter().last().is_some_and(|w| !upper(w)) || words.iter().all(upper))
}

/// Whether every word of `words` is capitalized (or no letter starts it),
/// but short particles (`de`, `van`, `bin`, `of`).
fn all_capitalized(words: Words) -> bool {
    words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()) || w.chars().count() <= 3)
}

/// Whether `word` is an acronym: two to eight capital letters (and `&`),
/// not a short word in capitals (`IN`, `IT`: see [`is_too_common`]).
fn is_acronym(word: &str) -> bool {
    if !(2..=8).contains(&word.len())
        || !word.chars().all(|c| c.is_ascii_uppercase() || c == '&')
        || word.chars().filter(char::is_ascii_uppercase).count() < 2
    {
        return false;
    }
    // ASCII by now: `IN` -> `In`, the form the common-word list holds.
    let titled = format!("{}{}", &word[..1], word[1..].to_ascii_lowercase());
    !is_too_common(&titled)
}

/// Whether `acronym` spells the initials of the capitalized words of
/// `words` (`Independent Electoral and Boundaries Commission` → `IEBC`);
/// a lowercase word (`of`, `and`) may give a letter or be skipped.
fn spells_initials(acronym: &str, words: Words) -> bool {
    fn go(letters: &[char], words: &[&str]) -> bool {
        let Some((w, rest)) = words.split_first() else { return letters.is_empty() };
        let Some(first) = w.chars().next() else { return go(letters, rest) };
        let gives = letters.first().is_some_and(|&l| first.to_ascii_uppercase() == l);
        if first.is_uppercase() {
            gives && go(&letters[1..], rest)
        } else if !first.is_alphabetic() {
            go(letters, rest)
        } else {
            (gives && go(&letters[1..], rest)) || go(letters, rest)
        }
    }
    let letters: Vec<char> = acronym.chars().filter(char::is_ascii_uppercase).collect();
    words.len() >= 2 && go(&letters, &words.iter().collect::<Vec<_>>())
}

/// The short form of an organization's name: its words without the last,
/// when the last is one that ends organizations' names (`Group`, `Inc.`,
/// `Party`: the lexicon's `ORG_TAIL`) and what is left reads as a name of
/// its own that the lexicon does not know as something else (a place, a
/// demonym, a title, a common word): `Lazarus` of `Lazarus Group`, but not
/// `Kenya` of `Kenya Airways` nor `Manchester` of `Manchester United`. A
/// first name may be one (`Lazarus` is); a person's surname is dealt with
/// after (see [`apply`]).
fn short_form(words: Words) -> Option<Words> {
    let lex = lexicon();
    let n = words.len();
    if n < 2 || !lex.get(words.tokens[n - 1].text(words.text)).contains(LexFlags::ORG_TAIL) {
        return None;
    }
    let short = Words { text: words.text, tokens: &words.tokens[..n - 1] };
    let elsewhere = LexFlags::PLACE | LexFlags::STATE_ABBREV | LexFlags::DEMONYM | LexFlags::TITLE | LexFlags::COMMON | LexFlags::ORG_TAIL;
    let reads_as_name = short.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) && !lex.get(w).intersects(elsewhere));
    (reads_as_name && !is_too_common(short.first())).then_some(short)
}

/// Makes the names of `anns` (sorted by start, not overlapping, over
/// `cx`'s tokens) consistent, adding the mentions it marks (with
/// [`Source::Rule`]) and keeping `anns` sorted by start.
pub(crate) fn apply(cx: &Context, anns: &mut Vec<Annotation>, edits: &Edits) {
    let (text, tokens) = (cx.text, cx.tokens);
    // Votes: token sequence of a name -> count per label.
    // A name-like label of the user's own votes as the built-in ones do
    // (the adaptive tagger proposes them, `crate::adapt`).
    let mut votes: FxMap<Words, Vec<(Label, u32)>> = FxMap::default();
    // A one-word name: the token at an index.
    let word = |i: usize| Words { text, tokens: &tokens[i..i + 1] };
    let mut surnames: Vec<(Words, bool)> = Vec::new();
    let mut acronyms: Vec<(Words, Label)> = Vec::new();
    let ranges = token_ranges(tokens, anns);
    let is_voter = |a: &Annotation| a.label.is_name() && a.source != Source::User;
    for (a, r) in anns.iter().zip(&ranges).filter(|(a, _)| is_voter(a)) {
        let Some(r) = r.clone() else { continue };
        let words = Words { text, tokens: &tokens[r.clone()] };
        if a.label == Label::Person && r.len() >= 2 {
            let last = tokens[r.end - 1].text(text);
            if last.chars().next().is_some_and(char::is_uppercase) && !is_too_common(last) {
                surnames.push((word(r.end - 1), reads_as_a_name(words)));
            }
        }
        // `Name Words (NW)`: the acronym names what the name names.
        if let [open, acr, close, ..] = tokens[r.end..] {
            let acr = acr.text(text);
            if open.text(text) == "(" && close.text(text) == ")" && is_acronym(acr) && spells_initials(acr, words) {
                acronyms.push((word(r.end + 1), a.label));
            }
        }
        let counts = votes.entry(words).or_default();
        match counts.iter_mut().find(|(l, _)| *l == a.label) {
            Some((_, n)) => *n += 1,
            None => counts.push((a.label, 1)),
        }
    }
    if votes.is_empty() {
        return;
    }
    // Ties go to the first label in `Label`'s order (PERSON, ORG, LOC,
    // MISC, then the user's).
    let majority =
        |counts: &Vec<(Label, u32)>| counts.iter().max_by_key(|&&(l, n)| (n, std::cmp::Reverse(l))).map_or(Label::Person, |&(l, _)| l);
    let mut label_of: FxMap<Words, Label> = votes.iter().map(|(&k, v)| (k, majority(v))).collect();
    // An organization's name without its tail word (`Lazarus` of `Lazarus
    // Group`), where the tagger marked it as something else, names the
    // organization (see [`short_form`]). Before the surnames: a person's
    // surname wins over it (`Mandela` of `Nelson Mandela` and of `Mandela
    // Foundation`).
    let short_forms: Vec<Words> = label_of
        .iter()
        .filter(|&(_, &l)| l == Label::Org)
        .filter_map(|(&words, _)| short_form(words))
        .filter(|short| label_of.get(short).is_some_and(|&l| l != Label::Org))
        .collect();
    for short in short_forms {
        label_of.insert(short, Label::Org);
    }
    // A bare surname of a known person is a PERSON: where it is unmarked,
    // and, when the full name reads as a person's (see
    // [`reads_as_a_name`]), whatever the tagger made of it alone (`Kagwe`
    // after `Mutahi Kagwe`, tagged ORG).
    for (s, sure) in surnames {
        if sure {
            label_of.insert(s, Label::Person);
        } else {
            label_of.entry(s).or_insert(Label::Person);
        }
    }
    // An acronym defined in parentheses takes its name's type.
    for (acr, label) in acronyms {
        label_of.insert(acr, label);
    }
    // Relabel model and rule mentions to the majority label, surnames to
    // PERSON.
    for (a, r) in anns.iter_mut().zip(&ranges).filter(|(a, _)| is_voter(a)) {
        if let Some(r) = r.clone() {
            if let Some(&l) = label_of.get(&Words { text, tokens: &tokens[r] }) {
                a.label = l;
            }
        }
    }
    // Mark unmarked mentions, longest name first at each token.
    let mut by_first: FxMap<&str, Vec<(Words, Label)>> = FxMap::default();
    for (&words, &label) in &label_of {
        if words.len() == 1 && is_too_common(words.first()) {
            continue;
        }
        by_first.entry(words.first()).or_default().push((words, label));
    }
    for v in by_first.values_mut() {
        // Stable: the order among equal lengths does not matter (see above).
        v.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
    }
    extend_to_known_names(text, tokens, anns, &by_first, edits);
    // Kickers (`(Yonhap Interview)`) are labels, not story text: leave them.
    let mut covered = vec![false; tokens.len()];
    let mut k = 0;
    while k < tokens.len() {
        match crate::tokenize::kicker_len(text, tokens, k) {
            Some(len) => {
                covered[k..k + len].fill(true);
                k += len;
            }
            None => k += 1,
        }
    }
    // `anns` is sorted by start, and so the first token each one touches
    // only moves forward.
    let mut lo = 0;
    for a in anns.iter() {
        while lo < tokens.len() && tokens[lo].span.end <= a.span.start {
            lo += 1;
        }
        for (i, t) in tokens.iter().enumerate().skip(lo) {
            if t.span.start >= a.span.end {
                break;
            }
            covered[i] = true;
        }
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        let mut step = 1;
        if let Some(cands) = by_first.get(tokens[i].text(text)) {
            for (words, label) in cands {
                let n = words.len();
                if i + n > tokens.len() || covered[i..i + n].iter().any(|&c| c) {
                    continue;
                }
                if occurs_at(text, tokens, i, *words) {
                    let span = Span::new(tokens[i].span.start, tokens[i + n - 1].span.end);
                    // A kept span that touches no token (a hand edit over
                    // the space inside the name) is not in `covered`: check
                    // the span itself, so nothing added ever overlaps.
                    if !edits.removed.contains(&span) && !overlaps_any(anns, span) {
                        added.push(Annotation::new(span, *label, None, Source::Rule));
                        step = n;
                    }
                    break;
                }
            }
        }
        i += step;
    }
    if !added.is_empty() {
        anns.extend(added);
        anns.sort_by_key(|a| a.span.start);
    }
}

/// Where the words of a name the document marks (a key of `by_first`, of
/// two words or more, capitalized as names are: not `Calcutta hospital`,
/// which the tagger may have taken in once) occur again, on one line, and
/// the tagger marked only part of them there (`Bhutto Zardari` of `Bilawal
/// Bhutto Zardari` at a sentence's start, where its first word could be
/// any capitalized word; `Mexico` of `Mexico City`), the whole is that
/// name: the names inside are replaced by it (a [`Source::Rule`] span),
/// unless they are names of its label over all its words (a split the
/// tagger chose). Only the tagger's and the rules' names are replaced,
/// never a hand edit nor an amount, and never by a span the user deleted.
/// Longest name first at each token; `anns` stays sorted by start.
fn extend_to_known_names(
    text: &str,
    tokens: &[Token],
    anns: &mut Vec<Annotation>,
    by_first: &FxMap<&str, Vec<(Words, Label)>>,
    edits: &Edits,
) {
    let mut extended: Vec<(Range<usize>, Annotation)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut step = 1;
        for (words, label) in by_first.get(tokens[i].text(text)).into_iter().flatten().filter(|(w, _)| w.len() >= 2 && all_capitalized(*w))
        {
            if !occurs_at(text, tokens, i, *words) {
                continue;
            }
            let n = words.len();
            let span = Span::new(tokens[i].span.start, tokens[i + n - 1].span.end);
            // The annotations it overlaps: those starting before its end,
            // back to the first that ends after its start.
            let end = anns.partition_point(|a| a.span.start < span.end);
            let start = anns[..end].iter().rposition(|a| a.span.end <= span.start).map_or(0, |k| k + 1);
            let inside = &anns[start..end];
            // Names of its own label side by side over every word of it
            // are the tagger's choice to split (`Rwandan Hutu refugees`:
            // two MISC), not a miss.
            let marked: usize = inside.iter().map(|a| tokens[i..i + n].iter().filter(|t| a.span.contains(&t.span)).count()).sum();
            let split_by_choice = marked == n && inside.iter().all(|a| a.label == *label);
            let replaceable = !inside.is_empty()
                && !split_by_choice
                && inside.iter().all(|a| a.label.is_name() && a.source != Source::User && span.contains(&a.span) && a.span != span)
                && !text[span.start..span.end].contains('\n')
                && !edits.removed.contains(&span);
            if replaceable {
                extended.push((start..end, Annotation::new(span, *label, None, Source::Rule)));
                step = n;
            }
            // The longest name that occurs here decides, replaced or not.
            break;
        }
        i += step;
    }
    // From the last, so that the ranges found stay right.
    for (r, a) in extended.into_iter().rev() {
        anns.splice(r, std::iter::once(a));
    }
}

/// Whether the tokens from `i` on are `words`, text for text.
fn occurs_at(text: &str, tokens: &[Token], i: usize, words: Words) -> bool {
    tokens.get(i..i + words.len()).is_some_and(|run| Words { text, tokens: run } == words)
}

/// True when `span` overlaps one of `anns` (sorted by start, disjoint):
/// only the last one starting before `span` ends can.
fn overlaps_any(anns: &[Annotation], span: Span) -> bool {
    let before_end = anns.partition_point(|a| a.span.start < span.end);
    before_end > 0 && anns[before_end - 1].span.end > span.start
}
