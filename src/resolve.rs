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

use crate::{Annotation, Context, Edits, Label, LabelSet, Source, Span, Token};
use crate::names::lexicon::FxBuildHasher;
use std::collections::HashMap;

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
    candidates.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(specificity(b.label).cmp(&specificity(a.label)))
            .then(a.span.start.cmp(&b.span.start))
    });

    let mut taken = Coverage::default();
    let mut out: Vec<Annotation> = Vec::with_capacity(candidates.len() / 2 + edits.added.len());
    for user in &edits.added {
        if !user.span.is_empty() && user.span.is_valid_in(text) && taken.is_free(user.span) {
            taken.insert(user.span);
            out.push(Annotation { source: Source::User, ..user.clone() });
        }
    }
    for cand in candidates {
        if taken.is_free(cand.span) {
            taken.insert(cand.span);
            out.push(cand);
        }
    }
    out.sort_by_key(|a| a.span.start);
    if labels.any_name() {
        make_names_consistent(cx, &mut out, edits);
    }
    out.retain(|a| labels.contains(a.label));
    out
}

/// A set of non-overlapping spans, kept sorted, answering overlap queries in
/// `O(log n)`.
#[derive(Default)]
struct Coverage {
    spans: std::collections::BTreeMap<usize, usize>, // start -> end
}

impl Coverage {
    fn is_free(&self, s: Span) -> bool {
        // The last span starting before s.end must end at or before s.start.
        match self.spans.range(..s.end).next_back() {
            Some((_, &end)) => end <= s.start,
            None => true,
        }
    }

    fn insert(&mut self, s: Span) {
        self.spans.insert(s.start, s.end);
    }
}

/// The tokens an annotation covers exactly, as an index range, or `None`
/// when its ends do not fall on token boundaries.
fn token_range(tokens: &[Token], span: Span) -> Option<std::ops::Range<usize>> {
    let first = tokens.binary_search_by_key(&span.start, |t| t.span.start).ok()?;
    let last = tokens[first..].iter().position(|t| t.span.end == span.end)? + first;
    Some(first..last + 1)
}

/// Words that are never marked on their own by consistency rules, even when
/// part of a name: they are too common in running text.
fn is_too_common(word: &str) -> bool {
    word.len() < 2 || matches!(word, "The" | "A" | "An" | "In" | "On" | "At" | "Of" | "And" | "For" | "To" | "By" | "It" | "He" | "She" | "We" | "They" | "This" | "That" | "But" | "Mr." | "Mrs." | "Ms." | "Dr.")
}

fn make_names_consistent(cx: &Context, anns: &mut Vec<Annotation>, edits: &Edits) {
    let (text, tokens) = (cx.text, cx.tokens);
    // Votes: token sequence of a name -> count per label.
    let mut votes: FxMap<Vec<&str>, [u32; 4]> = FxMap::default();
    let mut surnames: Vec<&str> = Vec::new();
    for a in anns.iter().filter(|a| a.label.is_name() && a.source != Source::User) {
        let Some(r) = token_range(tokens, a.span) else { continue };
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
    for a in anns.iter_mut().filter(|a| a.label.is_name() && a.source != Source::User) {
        if let Some(r) = token_range(tokens, a.span) {
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
    for a in anns.iter() {
        let lo = tokens.partition_point(|t| t.span.end <= a.span.start);
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
