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

use crate::document::{Annotation, Edits, Source};
use crate::label::{Label, LabelSet};
use crate::recognizer::Context;
use crate::span::Span;

/// How specific a label is, when two candidates of the same length compete.
fn specificity(label: Label) -> u8 {
    match label {
        Label::Money | Label::Percent | Label::Quantity => 6,
        Label::Time => 5,
        Label::Date => 4,
        Label::Person | Label::Org | Label::Loc | Label::Misc => 3,
        Label::Ordinal => 2,
        Label::Cardinal => 1,
        // A user's label competes as the built-in label of its kind.
        Label::Custom(_) => specificity(label.behaves_as()),
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
        crate::names::consistency::apply(cx, &mut out, edits);
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
