//! Every hash function of the crate, and its one seeded generator.
//!
//! They live together so that what depends on each is written down in one
//! place. Two of them are part of a file format and must never change:
//! - [`FeatureHasher`]: the names model (`model/names.bin`) stores its
//!   weights under these hashes (features, word clusters, gazetteer
//!   entries). A different hash loads fine and tags garbage, so a golden
//!   test below pins its outputs;
//! - `fnv1a_32`: the names model file's checksum.
//!
//! The others only key in-memory tables, built and probed by the same code
//! in one process; changing them changes speed, not output, as long as no
//! output depends on a map's iteration order (none does: the maps are only
//! looked up, or their contents sorted before use).
//!
//! None of them is keyed: the inputs (words of a news text, model keys) are
//! short and trusted, and SipHash's resistance to chosen collisions would
//! cost the tagger a visible share of its time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The feature hash of the names tagger: a fast multiplicative hash
/// (FxHash's step, 8 bytes at a time) over a template id and the bytes of
/// its parts, with a final avalanche, folded to 32 bits.
///
/// Baked into `model/names.bin`: every key of the model is one of these,
/// computed at training time. Any change to it (constants, the order of
/// steps, how a part is closed) invalidates the shipped model; the golden
/// test `feature_hasher_is_pinned` fails first.
#[derive(Clone, Copy)]
pub struct FeatureHasher(u64);

impl FeatureHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    /// A hash started with template id `template`.
    #[inline]
    pub fn new(template: u8) -> FeatureHasher {
        FeatureHasher(0xcbf2_9ce4_8422_2325).word(template as u64)
    }

    #[inline]
    fn word(self, w: u64) -> FeatureHasher {
        FeatureHasher((self.0.rotate_left(5) ^ w).wrapping_mul(Self::K))
    }

    /// Adds one byte (a small number: an offset, a tag, a flag bit).
    #[inline]
    pub fn byte(self, b: u8) -> FeatureHasher {
        self.word(b as u64)
    }

    /// Adds a string part, closed by its length.
    #[inline]
    pub fn str(self, s: &str) -> FeatureHasher {
        let mut h = self;
        let bytes = s.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = h.word(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        // The length closes the part, so that ("ab", "c") and ("a", "bc") differ.
        h.word(tail_word(bytes)).word(bytes.len() as u64 | 1 << 40)
    }

    /// Adds a `u32` part (marked apart from a byte of the same value).
    #[inline]
    pub fn u32(self, x: u32) -> FeatureHasher {
        self.word(x as u64 | 1 << 41)
    }

    /// The hash, folded to 32 bits: a feature id of the model.
    #[inline]
    pub fn finish(self) -> u32 {
        let x = self.finish_u64();
        (x ^ (x >> 32)) as u32
    }

    /// The hash before it is folded to 32 bits.
    #[inline]
    pub fn finish_u64(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
}

/// The bytes of `bytes` after its last whole 8-byte chunk, as a
/// little-endian word padded with zeros (0 when there are none).
///
/// The same value as copying them into a zeroed `[u8; 8]`, without the
/// variable-length copy (a call to `memcpy` per hashed string, a visible
/// part of the tagger's cost): whole-word loads that may overlap, shifted
/// into place.
#[inline]
fn tail_word(bytes: &[u8]) -> u64 {
    let rest = bytes.len() % 8;
    if rest == 0 {
        return 0;
    }
    let n = bytes.len();
    if n >= 8 {
        // The last 8 bytes, of which the top `rest` are the tail.
        let w = u64::from_le_bytes(bytes[n - 8..].try_into().unwrap_or_default());
        return w >> (8 * (8 - rest));
    }
    // A string shorter than 8 bytes: all of it is the tail.
    if n >= 4 {
        let lo = u32::from_le_bytes(bytes[..4].try_into().unwrap_or_default()) as u64;
        let hi = u32::from_le_bytes(bytes[n - 4..].try_into().unwrap_or_default()) as u64;
        // The two loads overlap on the same bytes, so OR keeps them.
        lo | hi << (8 * (n - 4))
    } else {
        bytes[0] as u64 | (bytes[n / 2] as u64) << (8 * (n / 2)) | (bytes[n - 1] as u64) << (8 * (n - 1))
    }
}

/// The 64-bit hash of a token text in the word table's index
/// (`names::text_index`): [`FeatureHasher`] with template 0, unfolded.
/// Only keys that in-memory index; nothing stored depends on it.
#[inline]
pub(crate) fn text_hash(text: &str) -> u64 {
    FeatureHasher::new(0).str(text).finish_u64()
}

/// The first slot probed for `key` in an open-addressing table of `size`
/// slots (a power of two): `names::key_index`, the model's feature and
/// cluster lookups. Only places keys in memory.
#[inline]
pub(crate) fn key_slot(key: u32, size: usize) -> usize {
    (key as usize).wrapping_mul(0x9E37_79B1) >> 7 & (size - 1)
}

/// The bit of a `2^log2_bits`-bit filter that `key` sets: the names model's
/// key filter (`names::model`), which answers most absent features without
/// probing [`key_slot`]'s table. Bits of a multiplicative hash other than
/// the ones the slot uses; only places keys in memory.
#[inline]
pub(crate) fn key_filter_bit(key: u32, log2_bits: u32) -> usize {
    (key.wrapping_mul(0x85EB_CA6B) >> (32 - log2_bits)) as usize
}

/// 32-bit FNV-1a: the names model file's checksum (`names::model`).
/// Part of the file format: a different function rejects every model file
/// written before.
pub(crate) fn fnv1a_32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h
}

/// A `HashMap` hasher for the names tagger's per-document maps (word and
/// lowercase numbering): [`FeatureHasher`]'s step, 8 bytes at a time.
/// Ids come from insertion order, never from iteration, so the hash
/// affects speed only.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes per step (one step per byte was a visible part of
        // the per-document maps' cost); `str` hashing also writes a
        // terminator byte, so ("ab", "c") and ("a", "bc") still differ.
        let mut h = FeatureHasher(self.0);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = h.word(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        if !bytes.len().is_multiple_of(8) {
            h = h.word(tail_word(bytes));
        }
        self.0 = h.0;
    }

    fn write_u8(&mut self, b: u8) {
        self.0 = FeatureHasher(self.0).word(b as u64).0;
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = FeatureHasher(self.0).word(n as u64).0;
    }
}

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// FxHash, rustc's hasher, from the `rustc-hash` crate: the name lists
/// (`names::lexicon`), the baseline's sets and the name-consistency maps
/// (`names::consistency`). Keys are short strings we trust, so a fast
/// non-keyed hash beats SipHash on the per-token hot path. Nothing depends
/// on iteration order in those maps (see each user), so the crate's
/// version of the hash is free to change.
pub(crate) type FxBuildHasher = rustc_hash::FxBuildHasher;

/// A `HashMap` with FxHash.
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuildHasher>;

/// The date lexicon's word table slot for a word packed into a `u128`
/// (its lowercase bytes, zero-padded; `date::lexicon`): the two halves
/// folded and multiplied (Fibonacci hashing), the high bits kept. Only
/// that table depends on it (built at first use, probed by the same code).
#[inline]
pub(crate) fn packed_word_hash(key: u128) -> u64 {
    let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32
}

/// The date lexicon's filter bit for a word, of `bits` (`date::lexicon`):
/// a hash of its length and first, second and last bytes, lowercased, so
/// that most words that are no date word are turned away without a table
/// lookup. Only that filter depends on it (it is built at first use).
#[inline]
pub(crate) fn word_filter_bit(b: &[u8], bits: usize) -> usize {
    let (first, second, last) = match b {
        [] => return 0,
        [a] => (*a, 0, *a),
        [a, c, ..] => (*a, *c, b[b.len() - 1]),
    };
    let key = (b.len() as u32)
        .wrapping_mul(0x9E37_79B9)
        .wrapping_add(
            (first.to_ascii_lowercase() as u32) << 16 | (second.to_ascii_lowercase() as u32) << 8 | last.to_ascii_lowercase() as u32,
        )
        .wrapping_mul(0x85EB_CA6B);
    (key >> 16) as usize % bits
}

/// spaCy's string hash (`spacy.strings.hash_string`): MurmurHash64A of the
/// UTF-8 bytes with seed 1. Part of a file format: a DocBin (`.spacy`,
/// `export::docbin`) stores every token text and label as this hash, and
/// spaCy looks the strings up by it, so it must match spaCy's bit for bit
/// (the test below pins values computed by spaCy 3.8).
pub(crate) fn spacy_hash(s: &str) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let bytes = s.as_bytes();
    let mut h: u64 = 1 ^ (bytes.len() as u64).wrapping_mul(M);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= (b as u64) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// The crate's one seeded generator (xorshift64*): the training shuffles
/// (`names::train`) and the initial word-cluster centroids
/// (`names::train::clusters`). The shipped model depends on its exact sequence
/// for the default seed: retraining byte for byte needs it unchanged.
#[cfg(feature = "train")]
pub(crate) struct Rng(u64);

#[cfg(feature = "train")]
impl Rng {
    /// A generator for `seed` (any value, 0 included).
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number of the sequence.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Shuffles `v` (Fisher-Yates, from the end).
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values computed by the code that trained `model/names.bin`. If this
    /// fails, the change breaks the shipped model: revert it, or retrain and
    /// ship a new model with the new values.
    #[test]
    fn feature_hasher_is_pinned() {
        let h = FeatureHasher::new;
        assert_eq!(h(0).finish(), 0xb346_9cce);
        assert_eq!(h(1).str("Clinton").finish(), 0x8368_5592);
        assert_eq!(h(2).str("international").finish(), 0xd420_b175);
        assert_eq!(h(3).str("").finish(), 0xe2d1_efa2);
        assert_eq!(h(1).str("Zürich").finish(), 0x2af7_169d);
        assert_eq!(h(5).byte(3).str("cli").finish(), 0x86ef_ad18);
        assert_eq!(h(20).u32(17).str("t").finish(), 0xde0a_a988);
        assert_eq!(h(9).str("mr").str("clinton").finish(), 0x0c41_0a09);
        assert_eq!(h(0).str("Clinton").finish_u64(), 0x565b_eb09_b60b_9946);
        assert_eq!(h(200).str("monday").finish(), 0x3b9c_342b);
    }

    #[test]
    fn spacy_hash_is_spacys() {
        // spacy.strings.hash_string in spaCy 3.8.18.
        assert_eq!(spacy_hash(""), 14313749767032693980);
        assert_eq!(spacy_hash("a"), 11901859001352538922);
        assert_eq!(spacy_hash("Hello"), 15777305708150031551);
        assert_eq!(spacy_hash("PERSON"), 11121653176597302729);
        assert_eq!(spacy_hash("😀 日本"), 17067758713694597421);
        assert_eq!(spacy_hash("abcdefghij"), 17029599333975756408);
    }

    #[test]
    fn tail_word_is_the_zero_padded_tail() {
        let bytes: Vec<u8> = (1..=40).collect();
        for n in 0..bytes.len() {
            let s = &bytes[..n];
            let rest = &s[n - n % 8..];
            let mut padded = [0u8; 8];
            padded[..rest.len()].copy_from_slice(rest);
            assert_eq!(tail_word(s), u64::from_le_bytes(padded), "length {n}");
        }
    }

    #[test]
    fn checksum_is_fnv1a() {
        // The published FNV-1a 32-bit test vectors.
        assert_eq!(fnv1a_32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a_32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a_32(b"foobar"), 0xbf9c_f968);
    }

    #[cfg(feature = "train")]
    #[test]
    fn rng_sequence_is_pinned() {
        // The shipped model's shuffles and clusters were drawn from it.
        let mut rng = Rng::new(1);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(first, [0x0d83_b3e2_9a21_487a, 0x54c4_4c79_f1fe_9d67, 0xa845_f342_007a_0e78]);
        let mut v: Vec<u32> = (0..10).collect();
        Rng::new(7).shuffle(&mut v);
        assert_eq!(v, [8, 6, 5, 7, 2, 4, 9, 0, 1, 3]);
    }
}
