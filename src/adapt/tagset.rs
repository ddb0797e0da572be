//! The adaptive tagger's tags: O, then B, I, L, U of each of its labels,
//! in the order of its label list (the four built-in names first, in the
//! order of [`crate::names::tags::EntityType`], then the project's own
//! name-like labels in the order they were added).
//!
//! The numbering extends the names tagger's (its 17 tags are the first 17
//! here, tag for tag), so the embedded model's decision is a tag of this
//! set as it is; and adding a label appends 4 tags without moving the
//! others, so what was learned stays where it was.

use crate::label::Label;
use crate::names::tags::EntityType;
use std::ops::Range;

/// A tag's number: 0 is O; `1 + 4 * k + part` is part `part` (B, I, L, U)
/// of the label numbered `k`.
pub type TagId = u16;

/// The position in an entity, as [`crate::names::tags::Part`] numbers it.
pub const BEGIN: u16 = 0;
pub const INSIDE: u16 = 1;
pub const LAST: u16 = 2;
pub const UNIT: u16 = 3;

/// The number of tags over `labels` labels.
pub const fn tag_count(labels: usize) -> usize {
    1 + 4 * labels
}

/// The tag of `part` of the label numbered `k`.
#[inline]
pub const fn tag(k: usize, part: u16) -> TagId {
    1 + 4 * k as u16 + part
}

/// The label number and part of `t`, `None` for O.
#[inline]
pub const fn split(t: TagId) -> Option<(usize, u16)> {
    if t == 0 {
        None
    } else {
        Some((((t - 1) / 4) as usize, (t - 1) % 4))
    }
}

/// A B or I: the entity goes on.
#[inline]
pub const fn is_open(t: TagId) -> bool {
    matches!(split(t), Some((_, BEGIN | INSIDE)))
}

/// An I or L: it goes on an entity opened before.
#[inline]
pub const fn continues(t: TagId) -> bool {
    matches!(split(t), Some((_, INSIDE | LAST)))
}

/// The BILOU rule over this tag set, as [`crate::names::tags::allowed`]
/// states it for the model's: after a B or I only the same label's I or
/// L; anywhere else anything but an I or L.
#[inline]
pub const fn allowed(prev: Option<TagId>, next: TagId) -> bool {
    match prev {
        Some(p) if is_open(p) => continues(next) && (p - 1) / 4 == (next - 1) / 4,
        _ => !continues(next),
    }
}

/// The built-in labels' numbers are the model's entity types'.
pub const fn of_entity_type(ty: EntityType) -> usize {
    ty.index()
}

/// The BILOU tags of `n` tokens with entities given as token ranges and
/// label numbers; an entity overlapping one already placed is left out.
pub fn tags_of(n: usize, entities: &[(Range<usize>, usize)]) -> Vec<TagId> {
    let mut tags = vec![0; n];
    for (r, k) in entities {
        if r.is_empty() || r.end > n || tags[r.clone()].iter().any(|&t| t != 0) {
            continue;
        }
        if r.len() == 1 {
            tags[r.start] = tag(*k, UNIT);
        } else {
            tags[r.start] = tag(*k, BEGIN);
            for t in &mut tags[r.start + 1..r.end - 1] {
                *t = tag(*k, INSIDE);
            }
            tags[r.end - 1] = tag(*k, LAST);
        }
    }
    tags
}

/// The entities a valid tag sequence spells (as the decoder writes them:
/// [`allowed`] between neighbours, not ending open). Read leniently as
/// [`crate::names::tags::entities`] does: an open entity closes where its
/// label's continuation stops.
pub fn entities(tags: &[TagId]) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            Some((k, part)) => {
                if let Some((s, ok)) = open {
                    if ok != k || matches!(part, BEGIN | UNIT) {
                        out.push((s..i, ok));
                        open = None;
                    }
                }
                match part {
                    BEGIN | INSIDE => {
                        if open.is_none() {
                            open = Some((i, k));
                        }
                    }
                    LAST => {
                        let s = open.map_or(i, |(s, _)| s);
                        out.push((s..i + 1, k));
                        open = None;
                    }
                    _ => out.push((i..i + 1, k)),
                }
            }
            None => {
                if let Some((s, ok)) = open.take() {
                    out.push((s..i, ok));
                }
            }
        }
    }
    if let Some((s, ok)) = open {
        out.push((s..tags.len(), ok));
    }
    out
}

/// Whether a label is one the adaptive tagger learns: a name (built-in, or
/// a user's label without values). Labels with values (amounts, dates, a
/// user's `TICKER:money`) stay with the rules and the hand.
pub fn is_learned(label: Label) -> bool {
    label.is_name()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::tags::{Tag, N_TAGS};

    /// The first 17 tags are the model's, with the same rule.
    #[test]
    fn extends_the_models_tags() {
        assert_eq!(tag_count(4), N_TAGS);
        for p in Tag::ALL {
            assert_eq!(allowed(None, p.index() as TagId), crate::names::tags::allowed(None, p));
            for n in Tag::ALL {
                assert_eq!(allowed(Some(p.index() as TagId), n.index() as TagId), crate::names::tags::allowed(Some(p), n), "{p:?} {n:?}");
            }
        }
    }

    #[test]
    fn tags_round_trip() {
        let ents = vec![(0..2, 4), (2..3, 0), (5..8, 5)];
        assert_eq!(entities(&tags_of(9, &ents)), ents);
    }
}
