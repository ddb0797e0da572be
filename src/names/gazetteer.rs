//! A gazetteer harvested from the labeled training text: every entity
//! string of CoNLL train (and dev, for the shipped model) with its majority
//! type, matched against documents as tagger features.
//!
//! Entries are keyed by a hash of the lowercased token sequence (as
//! [`Doc::lower`] gives it), not by the text: the model file holds no
//! Reuters text, as with the word clusters. Each entry keeps its majority
//! type and whether that type is clear (at least 3/4 of the labelings).
//!
//! A feature that a training document's own labels built would be perfectly
//! predictive on train and the model would learn to trust it blindly, so
//! training is jackknifed ([`jackknife`]): the training documents are dealt
//! into folds, and a document's matches come from the entries harvested
//! from the other folds only. Inference uses the entries of all the labeled
//! text, built by the same rule.

use crate::hash::FeatureHasher;
use crate::names::doc::Doc;
use crate::names::key_index::{KeyIndex, KeyWidth};
// Harvesting and building, for training only.
#[cfg(feature = "train")]
use {crate::names::doc::normalize, crate::names::tags::Entity, crate::tokenize::Token, std::collections::HashMap};

/// The longest entity, in tokens, that is looked up: longer CoNLL names
/// are rare and would cost lookups on every capitalized token.
pub const MAX_LEN: usize = 6;

/// An entry's bits 0..2: the majority type (0..4: PERSON, ORG, LOC, MISC).
/// Bit of an entry: the majority holds at least 3/4 of the labelings.
pub(crate) const CLEAR: u8 = 0b100;
const TYPE_BITS: u8 = 0b11;
/// Bit of an entry: the sequence is an entity string (else it is only the
/// start of longer ones).
const ENTITY: u8 = 0b1000;
/// Bit of an entry: longer entity strings start with this sequence. Lookups
/// stop at a sequence without it, so most capitalized tokens cost one.
const LONGER: u8 = 0b1_0000;
/// A harvest's type for the proper prefixes of an entity string.
#[cfg(feature = "train")]
const PREFIX: u8 = 0xff;

/// The number an entry's key hash starts with: not a feature template
/// (see [`crate::names::templates::Template`]), baked into the model file.
pub(crate) const KEY: u8 = 201;

/// The hash of a lowercased token sequence.
#[cfg(feature = "train")]
fn key<S: AsRef<str>>(lowers: &[S]) -> u32 {
    lowers.iter().fold(FeatureHasher::new(KEY), |h, w| h.str(w.as_ref())).finish()
}

/// The entity strings of one labeled document: (key, type) per entity,
/// and (key, `PREFIX`) for each proper prefix of one.
#[cfg(feature = "train")]
pub type Harvest = Vec<(u32, u8)>;

/// Harvests the entities of a labeled document (`entities`: token ranges
/// and types over `tokens`).
#[cfg(feature = "train")]
pub fn harvest(text: &str, tokens: &[Token], entities: &[Entity]) -> Harvest {
    entities
        .iter()
        .filter(|(r, _)| r.len() <= MAX_LEN)
        .flat_map(|(r, ty)| {
            let lowers: Vec<String> = tokens[r.clone()].iter().map(|t| normalize(t.text(text)).to_lowercase()).collect();
            let n = lowers.len();
            (1..=n).map(move |k| (key(&lowers[..k]), if k == n { ty.as_u8() } else { PREFIX }))
        })
        .collect()
}

/// Entity strings with their majority type, sorted by key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    keys: Vec<u32>,
    /// Majority type in bits 0..2, [`CLEAR`] in bit 2.
    entries: Vec<u8>,
    /// The position of each key.
    index: KeyIndex,
    /// How much of each string's hash its key keeps.
    width: KeyWidth,
}

impl Gazetteer {
    /// Builds the gazetteer of the given harvests. Deterministic: counts go
    /// through a map, but the result is sorted by key.
    #[cfg(feature = "train")]
    pub fn build<'h>(harvests: impl IntoIterator<Item = &'h Harvest>) -> Gazetteer {
        // Type counts, and whether a longer string starts with the key.
        let mut counts: HashMap<u32, ([u32; 4], bool)> = HashMap::new();
        for h in harvests {
            for &(k, ty) in h {
                let e = counts.entry(k).or_default();
                match ty {
                    PREFIX => e.1 = true,
                    ty => e.0[ty as usize] += 1,
                }
            }
        }
        let mut rows: Vec<(u32, u8)> = counts
            .into_iter()
            .map(|(k, (c, longer))| {
                let longer = if longer { LONGER } else { 0 };
                let total: u32 = c.iter().sum();
                if total == 0 {
                    return (k, longer);
                }
                // Ties go to the lower type, as History's majority does.
                let best = (1..4).fold(0, |b, t| if c[t] > c[b] { t } else { b });
                let clear = if c[best] * 4 >= total * 3 { CLEAR } else { 0 };
                (k, best as u8 | clear | ENTITY | longer)
            })
            .collect();
        rows.sort_unstable();
        let (keys, entries): (Vec<u32>, Vec<u8>) = rows.into_iter().unzip();
        Gazetteer { index: KeyIndex::new(&keys), keys, entries, width: KeyWidth::FULL }
    }

    /// A gazetteer from its stored parts; `keys` must be strictly ascending,
    /// as long as `entries`, and `width` wide.
    pub fn from_parts(keys: Vec<u32>, entries: Vec<u8>, width: KeyWidth) -> Option<Gazetteer> {
        let fits = keys.last().is_none_or(|&k| width.holds(k));
        (fits && keys.len() == entries.len() && keys.windows(2).all(|w| w[0] < w[1])).then(|| Gazetteer {
            index: KeyIndex::new(&keys),
            keys,
            entries,
            width,
        })
    }

    /// The stored parts: keys (ascending) and entry bits.
    pub fn parts(&self) -> (&[u32], &[u8]) {
        (&self.keys, &self.entries)
    }

    /// How much of each hash the keys keep.
    pub fn width(&self) -> KeyWidth {
        self.width
    }

    /// The gazetteer with its keys cut to `width` (see [`KeyWidth::narrow`]:
    /// strings whose keys the cut makes equal go); `None` when `width` is
    /// wider than the keys are.
    pub fn narrowed(&self, width: KeyWidth) -> Option<Gazetteer> {
        let (keys, kept) = width.narrow(self.width, &self.keys)?;
        let entries = kept.iter().map(|&i| self.entries[i]).collect();
        Gazetteer::from_parts(keys, entries, width)
    }

    /// The number of entity strings (prefix-only entries not counted).
    pub fn len(&self) -> usize {
        self.entries.iter().filter(|&&e| e & ENTITY != 0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn get(&self, hash: u32) -> Option<u8> {
        self.index.get(self.width.key(hash)).map(|i| self.entries[i])
    }

    /// One code per token of `doc` (0: no match): the longest entry that
    /// starts at a capitalized (or digit-initial) token, left to right,
    /// within a sentence. A code is `0x80 | entry << 2 | part`, part 0..4
    /// being B, I, L, U: the token's place in the matched entry.
    pub fn codes(&self, doc: &Doc) -> Vec<u8> {
        let mut out = vec![0u8; doc.len()];
        if self.is_empty() {
            return out;
        }
        for s in &doc.sentences {
            let mut i = s.start;
            while i < s.end {
                // Entities start with a capital or a digit in CoNLL; looking
                // up only there keeps inference cheap on running text.
                let starts = doc.word(i).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
                let mut best: Option<(usize, u8)> = None;
                if starts {
                    let mut h = FeatureHasher::new(KEY);
                    for n in 1..=MAX_LEN.min(s.end - i) {
                        h = h.str(doc.forms(i + n - 1).lower);
                        let Some(e) = self.get(h.finish()) else { break };
                        if e & ENTITY != 0 {
                            best = Some((n, e & (TYPE_BITS | CLEAR)));
                        }
                        if e & LONGER == 0 {
                            break;
                        }
                    }
                }
                match best {
                    Some((n, e)) => {
                        for (k, code) in out[i..i + n].iter_mut().enumerate() {
                            let part = match (k, n) {
                                (_, 1) => 3,
                                (0, _) => 0,
                                (k, n) if k == n - 1 => 2,
                                _ => 1,
                            };
                            *code = 0x80 | e << 2 | part;
                        }
                        i += n;
                    }
                    None => i += 1,
                }
            }
        }
        out
    }
}

/// The gazetteers of a jackknife over `harvests` in `folds` folds: document
/// `i` is in fold `i % folds`, and its gazetteer is `result[i % folds]`,
/// built from every other fold.
#[cfg(feature = "train")]
pub fn jackknife(harvests: &[Harvest], folds: usize) -> Vec<Gazetteer> {
    let folds = folds.max(2);
    (0..folds).map(|f| Gazetteer::build(harvests.iter().enumerate().filter(|(i, _)| i % folds != f).map(|(_, h)| h))).collect()
}

#[cfg(all(test, feature = "train"))]
mod tests {
    use super::*;
    use crate::names::tags::EntityType;
    use crate::tokenize::tokenize;

    fn doc_codes(g: &Gazetteer, text: &str) -> Vec<u8> {
        let tokens = tokenize(text);
        let doc = Doc::new(text, &tokens, &|_| u32::MAX, crate::names::doc::Marks::none(tokens.len()));
        g.codes(&doc)
    }

    #[test]
    fn longest_match_with_majority_type() {
        let text = "New York Stock Exchange";
        let tokens = tokenize(text);
        let h1 = harvest(text, &tokens, &[(0..2, EntityType::Loc), (0..4, EntityType::Org)]);
        let h2 = harvest(text, &tokens, &[(0..2, EntityType::Loc), (0..2, EntityType::Org), (0..2, EntityType::Loc)]);
        let g = Gazetteer::build([&h1, &h2]);
        assert_eq!(g.len(), 2);
        // "new" and "new york stock" are prefixes only.
        assert_eq!(g.parts().0.len(), 4);
        // The four-token ORG wins over the two-token LOC.
        let codes = doc_codes(&g, "the New York Stock Exchange said");
        assert_eq!(
            codes,
            vec![
                0,
                0x80 | 1 << 2 | CLEAR << 2,
                0x80 | 1 << 2 | CLEAR << 2 | 1,
                0x80 | 1 << 2 | CLEAR << 2 | 1,
                0x80 | 1 << 2 | CLEAR << 2 | 2,
                0
            ]
        );
        // "New York" alone: LOC 3 of 4, clear; case-insensitive.
        let codes = doc_codes(&g, "NEW YORK 1996");
        assert_eq!(&codes[..2], &[0x80 | (2 | CLEAR) << 2, 0x80 | (2 | CLEAR) << 2 | 2]);
        // A lowercase start is not looked up.
        assert_eq!(doc_codes(&g, "new york"), vec![0, 0]);
    }

    #[test]
    fn jackknife_leaves_each_fold_out() {
        let text = "Paris";
        let tokens = tokenize(text);
        let hs = vec![harvest(text, &tokens, &[(0..1, EntityType::Loc)]), Vec::new(), Vec::new()];
        let g = jackknife(&hs, 3);
        assert!(g[0].is_empty());
        assert_eq!(g[1].len(), 1);
        assert_eq!(g[2].len(), 1);
    }
}
