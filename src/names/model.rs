//! The names model file: quantized weights behind a sorted table of
//! feature hashes, the tag transitions, the word clusters and the
//! gazetteer; and [`Scorer`], what the decoder asks of weights (the model
//! at inference, training's float weights).
//!
//! Layout (all integers little-endian), kept flat so that loading is a
//! check and a few passes over slices, fast enough for the browser:
//!
//! ```text
//! magic      8 bytes  "NMNAMES\0"
//! version    u32      FORMAT_VERSION
//! n_tags     u32      17
//! scale      f32      weight = stored * scale
//! n_features u32
//! n_clusters u32
//! keys       n_features sorted keys     feature hashes, strictly ascending (below)
//! weights    n_features weight rows     one per key (below)
//! trans      i16 * (n_tags + 1) * n_tags  row n_tags: the sentence start
//! ckeys      n_clusters sorted keys     hashes of words as written, strictly ascending
//! cvalues    u16 * n_clusters           cluster paths (names::train::vectors)
//! n_gazetteer u32                       (version 2)
//! gkeys      u32 * n_gazetteer          entity-string hashes, strictly ascending
//! gentries   u8 * n_gazetteer           majority type and clarity
//! checksum   u32      FNV-1a of everything before it
//! ```
//!
//! "Sorted keys" (version 3, `write_sorted_keys`): 65,536 LEB128 counts,
//! one per value of a key's high 16 bits, then every key's low 16 bits as
//! `u16`.
//!
//! A weight row (version 3, `write_weight_row`): a `u16` step, then the
//! 17 weights divided by it as `i8`; step 0: the 17 weights as `i16`.
//! Training rounds each row to at most 127 steps of its largest weight
//! (`names::train`), so nearly every row takes the short form.

use crate::error::{Error, ErrorKind};
use crate::hash::{fnv1a_32, key_filter_bit, FeatureHasher};
use crate::names::doc;
use crate::names::gazetteer::Gazetteer;
use crate::names::key_index::KeyIndex;
use crate::names::tags::{transition_row, Tag, N_TAGS};
use crate::names::viterbi::{transition_table, Transitions};

/// The weights the decoder asks for: the quantized model at inference,
/// the float weights being learned in training (`names::train`).
pub trait Scorer {
    /// Adds the weights of feature `feature` to `scores` (one per tag).
    fn add(&self, feature: u32, scores: &mut [f32; N_TAGS]);
    /// The weight of the transition `prev -> next` (`prev` `None`: the
    /// sentence start).
    fn transition(&self, prev: Option<Tag>, next: Tag) -> f32;

    /// Every transition weight, `-inf` where the transition is not allowed.
    fn transition_table(&self) -> Transitions {
        transition_table(|prev, next| self.transition(prev, next))
    }
}

pub const MAGIC: &[u8; 8] = b"NMNAMES\0";
/// Version 2 added the gazetteer section; version 3 writes the feature
/// and cluster keys compactly (`write_sorted_keys`) and the clusters are
/// paths of a tree over word vectors.
pub const FORMAT_VERSION: u32 = 3;

/// A loaded names model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub scale: f32,
    keys: Vec<u32>,
    weights: Vec<i16>,
    transitions: Vec<i16>,
    cluster_keys: Vec<u32>,
    cluster_values: Vec<u16>,
    gazetteer: Gazetteer,
    /// The row of each key.
    index: KeyIndex,
    /// The position of each cluster key.
    cluster_index: KeyIndex,
    /// A bit set over `keys`, one bit per key's [`filter_bit`], small
    /// enough for the L1 cache: most features of a text are not in the model,
    /// and the filter answers most of those without touching `index`.
    filter: Vec<u64>,
}

/// The number a cluster key hash starts with: not a feature template (see
/// [`crate::names::templates::Template`]), baked into the model file.
pub(crate) const CLUSTER_KEY: u8 = 200;

/// The hash a word's cluster is stored under (the word as written).
pub fn cluster_key(word: &str) -> u32 {
    FeatureHasher::new(CLUSTER_KEY).str(word).finish()
}

fn invalid(msg: &str) -> Error {
    Error::new(ErrorKind::InvalidModel, format!("names model: {msg}"))
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], Error> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| invalid("truncated"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default()))
    }

    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, Error> {
        let raw = self.take(n.checked_mul(4).ok_or_else(|| invalid("too large"))?)?;
        Ok(raw.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    fn i16s(&mut self, n: usize) -> Result<Vec<i16>, Error> {
        let raw = self.take(n.checked_mul(2).ok_or_else(|| invalid("too large"))?)?;
        Ok(raw.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect())
    }

    /// `n` rows of weights as [`write_weight_row`] wrote them.
    fn weight_rows(&mut self, n: usize) -> Result<Vec<i16>, Error> {
        let mut weights = Vec::with_capacity(n.min(self.bytes.len()) * N_TAGS);
        for _ in 0..n {
            let step = u16::from_le_bytes(self.take(2)?.try_into().map_err(|_| invalid("truncated"))?);
            if step == 0 {
                weights.extend(self.i16s(N_TAGS)?);
            } else {
                let row = self.take(N_TAGS)?;
                for &b in row {
                    let w = (b as i8 as i32) * step as i32;
                    weights.push(i16::try_from(w).map_err(|_| invalid("a weight out of range"))?);
                }
            }
        }
        Ok(weights)
    }

    /// `n` ascending keys as [`write_sorted_keys`] wrote them.
    fn sorted_keys(&mut self, n: usize) -> Result<Vec<u32>, Error> {
        let mut keys = Vec::with_capacity(n.min(self.bytes.len() / 2));
        let mut high_counts = Vec::with_capacity(1 << 16);
        for _ in 0..1 << 16 {
            let (mut count, mut shift) = (0usize, 0);
            loop {
                let b = self.take(1)?[0];
                count |= ((b & 0x7f) as usize).checked_shl(shift).filter(|_| shift < 32).ok_or_else(|| invalid("bad key count"))?;
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
            }
            high_counts.push(count);
        }
        if high_counts.iter().sum::<usize>() != n {
            return Err(invalid("key counts do not add up"));
        }
        let lows = self.u16s(n)?;
        let mut lows = lows.into_iter();
        for (high, &count) in high_counts.iter().enumerate() {
            for low in lows.by_ref().take(count) {
                keys.push((high as u32) << 16 | low as u32);
            }
        }
        Ok(keys)
    }

    fn u16s(&mut self, n: usize) -> Result<Vec<u16>, Error> {
        let raw = self.take(n.checked_mul(2).ok_or_else(|| invalid("too large"))?)?;
        Ok(raw.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect())
    }
}

/// Writes ascending 32-bit keys compactly: for each of the 65,536 values of
/// the high 16 bits, how many keys have it (a LEB128 number, mostly one
/// byte), then the low 16 bits of every key. The keys are hashes, so they
/// do not compress; this halves them (the names model ships in the page).
fn write_sorted_keys(keys: &[u32], out: &mut Vec<u8>) {
    let mut counts = vec![0usize; 1 << 16];
    keys.iter().for_each(|&k| counts[(k >> 16) as usize] += 1);
    for mut c in counts {
        while c >= 0x80 {
            out.push((c as u8 & 0x7f) | 0x80);
            c >>= 7;
        }
        out.push(c as u8);
    }
    keys.iter().for_each(|&k| out.extend_from_slice(&(k as u16).to_le_bytes()));
}

/// Writes one row of weights: as `i8` multiples of the rows's greatest
/// common divisor when they fit (a `u16` step first), else as `i16` after
/// a step of 0. Lossless either way.
fn write_weight_row(row: &[i16], out: &mut Vec<u8>) {
    fn gcd(a: u32, b: u32) -> u32 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let step = row.iter().fold(0u32, |g, &w| gcd(g, w.unsigned_abs() as u32));
    let max = row.iter().map(|w| w.unsigned_abs() as u32).max().unwrap_or(0);
    if step > 0 && max / step <= 127 {
        out.extend_from_slice(&(step as u16).to_le_bytes());
        out.extend(row.iter().map(|&w| (w as i32 / step as i32) as i8 as u8));
    } else {
        out.extend_from_slice(&0u16.to_le_bytes());
        row.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
    }
}

impl Model {
    /// Builds a model from its parts; `keys` and `cluster_keys` must be
    /// strictly ascending.
    pub fn new(
        scale: f32,
        keys: Vec<u32>,
        weights: Vec<i16>,
        transitions: Vec<i16>,
        cluster_keys: Vec<u32>,
        cluster_values: Vec<u16>,
    ) -> Result<Model, Error> {
        if weights.len() != keys.len() * N_TAGS || transitions.len() != (N_TAGS + 1) * N_TAGS {
            return Err(invalid("inconsistent sizes"));
        }
        if cluster_keys.len() != cluster_values.len() {
            return Err(invalid("inconsistent cluster sizes"));
        }
        if !keys.windows(2).all(|w| w[0] < w[1]) || !cluster_keys.windows(2).all(|w| w[0] < w[1]) {
            return Err(invalid("keys not sorted"));
        }
        if !scale.is_finite() {
            return Err(invalid("bad scale"));
        }
        let index = KeyIndex::new(&keys);
        let cluster_index = KeyIndex::new(&cluster_keys);
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for &key in &keys {
            let bit = filter_bit(key);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Ok(Model {
            scale,
            keys,
            weights,
            transitions,
            cluster_keys,
            cluster_values,
            gazetteer: Gazetteer::default(),
            index,
            cluster_index,
            filter,
        })
    }

    /// The model with `gazetteer` as its entity-string list.
    pub fn with_gazetteer(mut self, gazetteer: Gazetteer) -> Model {
        self.gazetteer = gazetteer;
        self
    }

    /// The entity strings the gazetteer features match.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Parses a model file, checking its magic, version, sizes and checksum.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        if bytes.len() < MAGIC.len() + 4 || &bytes[..8] != MAGIC {
            return Err(invalid("not a names model (bad magic)"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 4);
        if fnv1a_32(body).to_le_bytes() != sum {
            return Err(invalid("checksum mismatch (corrupt file)"));
        }
        let mut r = Reader { bytes: body, pos: 8 };
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(invalid(&format!("format version {version}, expected {FORMAT_VERSION}")));
        }
        if r.u32()? as usize != N_TAGS {
            return Err(invalid("wrong number of tags"));
        }
        let scale = f32::from_bits(r.u32()?);
        let n_features = r.u32()? as usize;
        let n_clusters = r.u32()? as usize;
        let keys = r.sorted_keys(n_features)?;
        let weights = r.weight_rows(n_features)?;
        let transitions = r.i16s((N_TAGS + 1) * N_TAGS)?;
        let cluster_keys = r.sorted_keys(n_clusters)?;
        let cluster_values = r.u16s(n_clusters)?;
        let n_gazetteer = r.u32()? as usize;
        let gazetteer_keys = r.u32s(n_gazetteer)?;
        let gazetteer_entries = r.take(n_gazetteer)?.to_vec();
        if r.pos != body.len() {
            return Err(invalid("trailing bytes"));
        }
        let gazetteer = Gazetteer::from_parts(gazetteer_keys, gazetteer_entries).ok_or_else(|| invalid("gazetteer keys not sorted"))?;
        Ok(Model::new(scale, keys, weights, transitions, cluster_keys, cluster_values)?.with_gazetteer(gazetteer))
    }

    /// Serializes the model in the layout [`Model::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.keys.len() * (4 + 2 * N_TAGS) + self.cluster_keys.len() * 6);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.cluster_keys.len() as u32).to_le_bytes());
        write_sorted_keys(&self.keys, &mut out);
        self.weights.chunks_exact(N_TAGS).for_each(|row| write_weight_row(row, &mut out));
        self.transitions.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        write_sorted_keys(&self.cluster_keys, &mut out);
        self.cluster_values.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        let (gkeys, gentries) = self.gazetteer.parts();
        out.extend_from_slice(&(gkeys.len() as u32).to_le_bytes());
        gkeys.iter().for_each(|k| out.extend_from_slice(&k.to_le_bytes()));
        out.extend_from_slice(gentries);
        let sum = fnv1a_32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// The cluster of a word as written, `u32::MAX` when it has none (see
    /// [`doc::cluster_of`] for the case variants tried).
    pub fn cluster(&self, word: &str, lower: &str) -> u32 {
        doc::cluster_of(word, lower, |w| self.word_cluster(w))
    }

    /// The cluster stored for exactly this string, `u32::MAX` when none
    /// (what [`crate::names::doc::Doc::new`] asks of its cluster function).
    pub fn word_cluster(&self, word: &str) -> u32 {
        self.cluster_index.get(cluster_key(word)).map_or(u32::MAX, |i| self.cluster_values[i] as u32)
    }

    #[inline]
    fn row(&self, key: u32) -> Option<usize> {
        let bit = filter_bit(key);
        if self.filter[bit / 64] & 1 << (bit % 64) == 0 {
            return None;
        }
        self.index.get(key)
    }
}

/// The size of [`Model`]'s key filter: 32 KB, about eight bits per key of
/// a model of 30,000 features (one key in nine absent ones passes).
const FILTER_BITS: usize = 1 << 18;

/// The filter bit of a key ([`key_filter_bit`] into [`FILTER_BITS`]).
#[inline]
fn filter_bit(key: u32) -> usize {
    key_filter_bit(key, FILTER_BITS.trailing_zeros())
}

impl Model {
    /// Adds the weights of `feature` to `scores` as integers (stored
    /// units). Inference sums in integers so that cached partial sums give
    /// the same total in any order; see [`crate::names::decode::decode_doc_cached`].
    #[inline]
    pub fn add_int(&self, feature: u32, scores: &mut [i32; N_TAGS]) {
        if let Some(r) = self.row(feature) {
            let row = &self.weights[r * N_TAGS..(r + 1) * N_TAGS];
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += w as i32;
            }
        }
    }

    /// The summed weights of `features`, as integers.
    pub fn sum_int(&self, features: &[u32]) -> [i32; N_TAGS] {
        let mut scores = [0i32; N_TAGS];
        for &f in features {
            self.add_int(f, &mut scores);
        }
        scores
    }
}

impl Scorer for Model {
    #[inline]
    fn add(&self, feature: u32, scores: &mut [f32; N_TAGS]) {
        if let Some(r) = self.row(feature) {
            let row = &self.weights[r * N_TAGS..(r + 1) * N_TAGS];
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += w as f32;
            }
        }
    }

    #[inline]
    fn transition(&self, prev: Option<Tag>, next: Tag) -> f32 {
        self.transitions.get(transition_row(prev) * N_TAGS + next.index()).map_or(0.0, |&w| w as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let keys = vec![3, 10, 99];
        let weights = (0..3 * N_TAGS as i16).collect();
        let trans = vec![1; (N_TAGS + 1) * N_TAGS];
        let gazetteer = Gazetteer::from_parts(vec![5, 9], vec![1, 6]).unwrap();
        Model::new(0.5, keys, weights, trans, vec![7], vec![2]).unwrap().with_gazetteer(gazetteer)
    }

    #[test]
    fn round_trip() {
        let m = tiny();
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes(&bytes).unwrap(), m);
        let mut scores = [0f32; N_TAGS];
        m.add(10, &mut scores);
        assert_eq!(scores[0], N_TAGS as f32);
        m.add(11, &mut scores);
        assert_eq!(scores[0], N_TAGS as f32);
    }

    #[test]
    fn sorted_keys_round_trip_across_buckets_and_in_crowded_ones() {
        // 300 keys in one high-16-bit bucket (a two-byte count), keys at
        // both ends of the range, and buckets in between left empty.
        let mut keys: Vec<u32> = (0..300).map(|i| 0x0005_0000 + i * 7).collect();
        keys.extend([0x00ff_0001, 0x7fff_ffff, 0xffff_0000, u32::MAX]);
        keys.insert(0, 0);
        let mut out = Vec::new();
        write_sorted_keys(&keys, &mut out);
        assert_eq!(out.len(), (1 << 16) + 1 + 2 * keys.len(), "one extra count byte for the crowded bucket");
        let mut r = Reader { bytes: &out, pos: 0 };
        assert_eq!(r.sorted_keys(keys.len()).unwrap(), keys);
        assert_eq!(r.pos, out.len());
        let mut r = Reader { bytes: &out, pos: 0 };
        assert!(r.sorted_keys(keys.len() + 1).is_err(), "counts that do not add up are an error");
    }

    #[test]
    fn weight_rows_take_the_short_form_when_they_fit_and_round_trip_either_way() {
        let mut rows: Vec<[i16; N_TAGS]> = Vec::new();
        rows.push(std::array::from_fn(|t| (t as i16 - 8) * 250)); // steps of 250, up to 8
        rows.push(std::array::from_fn(|t| if t == 3 { -32767 } else { 1 })); // no common step
        rows.push([0; N_TAGS]);
        rows.push(std::array::from_fn(|t| if t == 0 { 127 * 258 } else { -258 })); // 127 steps exactly
        for row in rows {
            let mut out = Vec::new();
            write_weight_row(&row, &mut out);
            let short = u16::from_le_bytes([out[0], out[1]]) != 0;
            assert_eq!(out.len(), 2 + if short { N_TAGS } else { 2 * N_TAGS });
            let mut r = Reader { bytes: &out, pos: 0 };
            assert_eq!(r.weight_rows(1).unwrap(), row.to_vec(), "{row:?}");
        }
    }

    #[test]
    fn corrupt_files_are_errors() {
        let bytes = tiny().to_bytes();
        for cut in [0, 5, 12, bytes.len() - 1] {
            assert_eq!(Model::from_bytes(&bytes[..cut]).unwrap_err().kind(), ErrorKind::InvalidModel);
        }
        let mut flipped = bytes.clone();
        flipped[30] ^= 1;
        assert_eq!(Model::from_bytes(&flipped).unwrap_err().kind(), ErrorKind::InvalidModel);
    }
}
