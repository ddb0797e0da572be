//! Document-level history: the entity types the tagger gave each word
//! earlier in the document, which the history features read. Counted by
//! lowercased word ([`Doc::lower_id`]); the decoders record each
//! sentence's names before the next sentence is scored.

use crate::names::doc::Doc;
use crate::names::tags::EntityType;

/// The entity types the tagger gave words earlier in the document, by
/// lowercased word ([`Doc::lower_id`]).
#[derive(Default)]
pub struct History {
    counts: Vec<[u16; EntityType::COUNT]>,
}

impl History {
    /// Forgets everything, ready for a document of `doc`'s words.
    pub fn reset(&mut self, doc: &Doc) {
        self.counts.clear();
        self.counts.resize(doc.n_lowers, [0; EntityType::COUNT]);
    }

    /// Records that the lowercased word `lower_id` was tagged with entity
    /// type `ty`.
    #[inline]
    pub fn record(&mut self, lower_id: u32, ty: EntityType) {
        if let Some(counts) = self.counts.get_mut(lower_id as usize) {
            counts[ty.index()] = counts[ty.index()].saturating_add(1);
        }
    }

    /// The type most often given to `lower_id`, ties to the lower type.
    #[inline]
    pub fn majority(&self, lower_id: u32) -> Option<EntityType> {
        let counts = self.counts.get(lower_id as usize)?;
        let mut best = 0;
        for t in 1..EntityType::COUNT {
            if counts[t] > counts[best] {
                best = t;
            }
        }
        if counts[best] > 0 {
            EntityType::from_index(best)
        } else {
            None
        }
    }
}
