//! One rule set for overlaps, document-level consistency and hand edits.
//!
//! Recognizers propose candidates freely, overlapping each other; this
//! module turns them into the document's annotations:
//!
//! 1. Hand edits win: a user annotation is kept as is, and nothing that
//!    overlaps it survives; a span the user deleted is never proposed again.
//! 2. Among the rest, the longest candidate wins, then the most specific
//!    label (an amount beats a bare CARDINAL inside it, a date beats a name).
//! 3. Names are made consistent across the document: every mention of the
//!    same string gets the label most of its mentions got, unmarked mentions
//!    of a marked name are marked, and the last word of a person's full name
//!    (`Pak` after `Jung Pak`) is a PERSON.
//! 4. Only the labels asked for are kept.

use crate::hash::FxBuildHasher;
use crate::{Annotation, Context, Edits, Label, LabelSet, Source, Span, Token};
use std::collections::HashMap;
use std::ops::Range;

/// Maps keyed by words of the document: FxHash, not SipHash (the keys
/// are short strings, and `by_first` is probed once per token). Nothing
/// below depends on the maps' iteration order: at most one candidate of
/// a given length can match at a token.
type FxMap<K, V> = HashMap<K, V, FxBuildHasher>;

/// How specific a label is, when two candidates of the same length compete.
fn specificity(label: Label) -> u8 {
    match label {
        Label::Money | Label::Percent | Label::Quantity => 6,
        Label::Time => 5,
        Label::Date => 4,
        Label::Person | Label::Org | Label::Loc | Label::Misc => 3,
        Label::Ordinal => 2,
        Label::Cardinal => 1,
    }
}

/// Resolves `candidates` into sorted, non-overlapping annotations.
pub fn resolve(cx: &Context, mut candidates: Vec<Annotation>, edits: &Edits, labels: LabelSet) -> Vec<Annotation> {
    let text = cx.text;
    // Candidates must be well-formed whatever a recognizer did.
    candidates.retain(|a| !a.span.is_empty() && a.span.is_valid_in(text) && !edits.removed.contains(&a.span));
    // Sorted as indices: the annotations are large, and a stable sort of
    // indices gives the same order as a stable sort of the annotations.
    let mut order: Vec<u32> = (0..candidates.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&candidates[a as usize], &candidates[b as usize]);
        b.span.len().cmp(&a.span.len()).then(specificity(b.label).cmp(&specificity(a.label))).then(a.span.start.cmp(&b.span.start))
    });

    let mut taken = Coverage::new(text.len());
    let mut out: Vec<Annotation> = Vec::with_capacity(candidates.len() / 2 + edits.added.len());
    for user in &edits.added {
        if !user.span.is_empty() && user.span.is_valid_in(text) && taken.is_free(user.span) {
            taken.insert(user.span);
            out.push(Annotation { source: Source::User, ..user.clone() });
        }
    }
    let mut kept: Vec<u32> = order.into_iter().filter(|&i| taken.take(candidates[i as usize].span)).collect();
    // Kept spans do not overlap and are not empty: their starts differ.
    kept.sort_unstable_by_key(|&i| candidates[i as usize].span.start);
    let mut candidates: Vec<Option<Annotation>> = candidates.into_iter().map(Some).collect();
    out.extend(kept.iter().filter_map(|&i| candidates[i as usize].take()));
    if !edits.added.is_empty() {
        out.sort_by_key(|a| a.span.start);
    }
    if labels.any_name() {
        make_names_consistent(cx, &mut out, edits);
    }
    out.retain(|a| labels.contains(a.label));
    out
}

/// The bytes of a text that kept spans cover, as a bit set: overlap
/// queries and inserts cost one bit per byte of the span, and nothing per
/// span already kept.
struct Coverage {
    bits: Vec<u64>,
}

impl Coverage {
    /// Nothing covered, in a text of `len` bytes.
    fn new(len: usize) -> Coverage {
        Coverage { bits: vec![0; len / 64 + 1] }
    }

    /// Calls `f` with each word of the bit set that `s` touches and the
    /// mask of `s`'s bits in it; stops at the first `false`.
    fn for_words(&mut self, s: Span, mut f: impl FnMut(&mut u64, u64) -> bool) -> bool {
        let mut at = s.start;
        while at < s.end {
            let (word, bit) = (at / 64, at % 64);
            let n = (s.end - at).min(64 - bit);
            let mask = if n == 64 { u64::MAX } else { ((1u64 << n) - 1) << bit };
            let Some(w) = self.bits.get_mut(word) else { return false };
            if !f(w, mask) {
                return false;
            }
            at += n;
        }
        true
    }

    /// Whether no byte of `s` is covered (`s` lies within the text).
    fn is_free(&mut self, s: Span) -> bool {
        self.for_words(s, |w, mask| *w & mask == 0)
    }

    fn insert(&mut self, s: Span) {
        self.for_words(s, |w, mask| {
            *w |= mask;
            true
        });
    }

    /// Covers `s` if it is free; says whether it was.
    fn take(&mut self, s: Span) -> bool {
        let free = self.is_free(s);
        if free {
            self.insert(s);
        }
        free
    }
}

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

fn make_names_consistent(cx: &Context, anns: &mut Vec<Annotation>, edits: &Edits) {
    let (text, tokens) = (cx.text, cx.tokens);
    // Votes: token sequence of a name -> count per label.
    let mut votes: FxMap<Vec<&str>, [u32; 4]> = FxMap::default();
    let mut surnames: Vec<&str> = Vec::new();
    let ranges = token_ranges(tokens, anns);
    let is_voter = |a: &Annotation| a.label.is_name() && a.source != Source::User;
    for (a, r) in anns.iter().zip(&ranges).filter(|(a, _)| is_voter(a)) {
        let Some(r) = r.clone() else { continue };
        let words: Vec<&str> = tokens[r.clone()].iter().map(|t| t.text(text)).collect();
        votes.entry(words).or_default()[name_index(a.label)] += 1;
        if a.label == Label::Person && r.len() >= 2 {
            let last = tokens[r.end - 1].text(text);
            if last.chars().next().is_some_and(char::is_uppercase) && !is_too_common(last) {
                surnames.push(last);
            }
        }
    }
    if votes.is_empty() {
        return;
    }
    let majority = |counts: &[u32; 4]| {
        let best = (0..4).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
        Label::NAMES[best]
    };
    let mut label_of: FxMap<Vec<&str>, Label> = votes.iter().map(|(k, v)| (k.clone(), majority(v))).collect();
    for s in surnames {
        label_of.entry(vec![s]).or_insert(Label::Person);
    }
    // Relabel model and rule mentions to the majority label; a bare surname
    // of a known person is a PERSON.
    for (a, r) in anns.iter_mut().zip(&ranges).filter(|(a, _)| is_voter(a)) {
        if let Some(r) = r.clone() {
            let words: Vec<&str> = tokens[r].iter().map(|t| t.text(text)).collect();
            if let Some(&l) = label_of.get(&words) {
                a.label = l;
            }
        }
    }
    // Mark unmarked mentions, longest name first at each token.
    let mut by_first: FxMap<&str, Vec<(&Vec<&str>, Label)>> = FxMap::default();
    for (words, &label) in &label_of {
        if words.len() == 1 && is_too_common(words[0]) {
            continue;
        }
        by_first.entry(words[0]).or_default().push((words, label));
    }
    for v in by_first.values_mut() {
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
    }
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
                if tokens[i..i + n].iter().zip(words.iter()).all(|(t, w)| t.text(text) == *w) {
                    let span = Span::new(tokens[i].span.start, tokens[i + n - 1].span.end);
                    if !edits.removed.contains(&span) {
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

fn name_index(label: Label) -> usize {
    Label::NAMES.iter().position(|&l| l == label).unwrap_or(3)
}
