//! The phrases the corrections marked: each span of a learned label, as
//! the sequence of its lowercased words, with how often it was marked with
//! each label. The adaptive tagger reads them as features (a token inside
//! a phrase marked before, with its label and part), so that a phrase
//! taught once is found again wherever it occurs, and the perceptron
//! learns how far such matches are to be trusted (as the names tagger
//! reads the entity strings of its training text, `names::gazetteer`).
//!
//! Only documents learned before feed a document's features: while
//! learning, the document's own spans are added after its update, so the
//! weights learn what a match is worth on text not seen yet.

use super::tagset::{BEGIN, INSIDE, LAST, UNIT};
use crate::hash::{FeatureHasher, FxMap};

/// The longest phrase kept, in words (the bits of [`Lengths`]).
pub const MAX_WORDS: usize = 8;

/// The hash template of a phrase's key (apart from every feature's).
const PHRASE: u8 = 212;

/// The key of one lowercased word, from which phrase keys are made.
pub fn word_key(lower: &str) -> u64 {
    FeatureHasher::new(PHRASE).str(lower).finish_u64()
}

/// The key of a phrase of words with keys `words`.
pub fn phrase_key(words: &[u64]) -> u64 {
    match words {
        [one] => *one,
        _ => words.iter().fold(FeatureHasher::new(PHRASE), |h, &w| with_word(h, w)).finish_u64(),
    }
}

/// A phrase's hash with one more word of key `w`: the phrases from one
/// word are hashed by extending, not each anew.
fn with_word(h: FeatureHasher, w: u64) -> FeatureHasher {
    h.u32(w as u32).u32((w >> 32) as u32)
}

/// The keys of the phrases of `words[..len]` for every `len` up to
/// `words.len()` (at most [`MAX_WORDS`]), by length less one: what
/// [`phrase_key`] gives each.
fn prefix_keys(words: &[u64]) -> [u64; MAX_WORDS] {
    let mut keys = [0; MAX_WORDS];
    let mut h = FeatureHasher::new(PHRASE);
    for (k, &w) in keys.iter_mut().zip(words) {
        h = with_word(h, w);
        *k = h.finish_u64();
    }
    if let Some(&first) = words.first() {
        keys[0] = first;
    }
    keys
}

/// The lengths of the phrases that start with one word, as a set: bit
/// `len - 1` for each ([`MAX_WORDS`] bits).
pub type Lengths = u8;

/// One phrase marked: its first word's key, its length in words, and how
/// often each label (by number) marked it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Phrase {
    pub first: u64,
    pub words: u8,
    pub counts: Vec<(u16, u32)>,
}

/// The phrases marked, by key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Phrases {
    pub(crate) counts: FxMap<u64, Phrase>,
    /// Per first word: the lengths of the phrases it starts.
    pub(crate) lengths: FxMap<u64, Lengths>,
}

impl Phrases {
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Records that the phrase of `words` was marked with label `label`.
    /// Phrases longer than [`MAX_WORDS`] are not kept.
    pub fn add(&mut self, words: &[u64], label: u16) {
        if words.is_empty() || words.len() > MAX_WORDS {
            return;
        }
        self.add_counted(phrase_key(words), words[0], words.len() as u8, label, 1);
    }

    pub(crate) fn add_counted(&mut self, key: u64, first: u64, len: u8, label: u16, count: u32) {
        let phrase = self.counts.entry(key).or_insert_with(|| Phrase { first, words: len, counts: Vec::new() });
        match phrase.counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n = n.saturating_add(count),
            None => phrase.counts.push((label, count)),
        }
        *self.lengths.entry(first).or_default() |= 1 << (len - 1);
    }

    /// The label that marked the phrase most (ties: the lower number).
    fn majority(&self, key: u64) -> Option<u16> {
        self.counts.get(&key)?.counts.iter().max_by_key(|&&(l, n)| (n, std::cmp::Reverse(l))).map(|&(l, _)| l)
    }

    /// Per token of a text whose words have keys `words`: the phrase marked
    /// before that covers it, as (label, part), longest phrase first, left
    /// to right.
    pub fn matches(&self, words: &[u64]) -> Vec<Option<(u16, u16)>> {
        self.matches_with(words, |i| self.lengths_from(words[i]))
    }

    /// The lengths of the phrases marked that start with the word of key
    /// `word`; empty (0) for none.
    pub fn lengths_from(&self, word: u64) -> Lengths {
        self.lengths.get(&word).copied().unwrap_or(0)
    }

    /// [`Phrases::matches`], with `lengths(i)` the [`Phrases::lengths_from`]
    /// of token `i`'s word (known already to one who asks per word).
    pub fn matches_with(&self, words: &[u64], lengths: impl Fn(usize) -> Lengths) -> Vec<Option<(u16, u16)>> {
        let mut out = vec![None; words.len()];
        if self.counts.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < words.len() {
            let mut step = 1;
            // Only the lengths some phrase from this word has are looked up.
            let fitting = lengths(i) & (u16::MAX >> (16 - (words.len() - i).min(MAX_WORDS))) as u8;
            if fitting != 0 {
                let longest = MAX_WORDS - fitting.leading_zeros() as usize;
                let keys = prefix_keys(&words[i..i + longest]);
                for len in (1..=longest).rev().filter(|len| fitting & 1 << (len - 1) != 0) {
                    if let Some(label) = self.majority(keys[len - 1]) {
                        if len == 1 {
                            out[i] = Some((label, UNIT));
                        } else {
                            out[i] = Some((label, BEGIN));
                            for o in &mut out[i + 1..i + len - 1] {
                                *o = Some((label, INSIDE));
                            }
                            out[i + len - 1] = Some((label, LAST));
                        }
                        step = len;
                        break;
                    }
                }
            }
            i += step;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_made_by_extending_are_each_phrases_key() {
        let k: Vec<u64> = "the first nine words of a longer sentence here".split(' ').map(word_key).collect();
        let keys = prefix_keys(&k);
        for len in 1..=MAX_WORDS {
            assert_eq!(keys[len - 1], phrase_key(&k[..len]), "{len}");
        }
        assert_eq!(prefix_keys(&k[..2])[..2], [phrase_key(&k[..1]), phrase_key(&k[..2])]);
    }

    #[test]
    fn longest_phrase_first() {
        let k: Vec<u64> = ["a", "barrel", "bomb", "and", "bomb"].iter().map(|w| word_key(w)).collect();
        let mut p = Phrases::default();
        p.add(&k[1..3], 4);
        p.add(&k[2..3], 5);
        p.add(&k[2..3], 5);
        let m = p.matches(&k);
        assert_eq!(m, vec![None, Some((4, BEGIN)), Some((4, LAST)), None, Some((5, UNIT))]);
    }
}
