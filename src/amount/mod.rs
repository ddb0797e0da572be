//! Amounts: MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL, with values.

pub mod number;

pub use number::{parse_number, parse_ordinal};

use crate::{Annotation, Context};

/// Finds every amount in the text and pushes it to `out` (overlaps allowed;
/// [`crate::resolve`] picks among them).
pub fn recognize(_cx: &Context, _out: &mut Vec<Annotation>) {}
