//! Names: PERSON, ORG, LOC and MISC.
//!
//! [`lexicon`] holds the compiled name lists, [`baseline`] the rule-based
//! tagger of the first release (capitalization, titles, organization heads
//! and tails, demonyms, name lists).

pub mod baseline;
pub mod lexicon;

use crate::{Annotation, Context};

/// Finds names and pushes them to `out`.
pub fn recognize(cx: &Context, out: &mut Vec<Annotation>) {
    baseline::recognize(cx, out);
}
