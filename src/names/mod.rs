//! Names: PERSON, ORG, LOC and MISC.

use crate::{Annotation, Context};

/// Finds names and pushes them to `out`.
pub fn recognize(_cx: &Context, _out: &mut Vec<Annotation>) {}
