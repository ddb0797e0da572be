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
//! weights    n_features weight rows     one per key, as columns (below)
//! trans      i16 * (n_tags + 1) * n_tags  row n_tags: the sentence start
//! ckeys      n_clusters sorted keys     hashes of words as written, strictly ascending
//! cvalues    u16 * n_clusters           cluster paths (names::train::vectors), as ranks (below)
//! n_gazetteer u32                       (version 2)
//! gkeys      n_gazetteer sorted keys    entity-string hashes, strictly ascending
//! gentries   u8 * n_gazetteer           majority type and clarity
//! checksum   u32      FNV-1a of everything before it
//! ```
//!
//! Version 4 (`write_weight_columns`) changed only how the same numbers
//! are laid out, for gzip (the model ships in the page, gzipped): the
//! weights as column streams, the cluster values as ranks, the
//! sorted keys' counts in unary, the gazetteer keys as sorted keys.
//! Version 3 files still load.
//!
//! "Sorted keys": how many keys have each of the 65,536 values of the high
//! 16 bits, then every key's low 16 bits as `u16`. Version 4
//! (`write_sorted_keys`) writes the counts in unary (for each high value,
//! one bit per key then a zero bit, packed least significant bit first:
//! `n + 65,536` bits), version 3 as 65,536 LEB128 numbers; gzip takes
//! the unary bits to 13 KB for 44,131 keys, the bytes to 16 KB.
//!
//! A row of weights has a step: the greatest common divisor of its 17
//! weights when every weight is at most 127 steps (then the weights are
//! stored divided by it, as `i8`), else 0 (stored as `i16`). Training
//! rounds each row to at most 127 steps of its largest weight
//! (`names::train`), so nearly every row takes the short form.
//!
//! The weights (version 4, `write_weight_columns`): every row's `u16` step
//! as two byte planes (all low bytes, then all high bytes); then every
//! row's 17-bit mask of its nonzero weights, packed least significant bit
//! first; then the nonzero weights of every row in order, `i8` (or `i16`
//! in a row of step 0). Over half the weights are zero, and a stream of
//! one kind of number compresses far better than rows mixing them: 447 KB
//! gzipped in version 3's rows, 387 KB so.
//!
//! The cluster values (version 4, `write_ranked`): the distinct values,
//! most frequent first (a `u32` count, then each as `u16`), then each
//! cluster's rank among them as `u16` byte planes (one plane of low
//! bytes, one of high bytes, mostly zeros). 2,614 paths over 60,000 words:
//! 81.6 KB gzipped, 88.4 KB as byte planes of the paths themselves.
//!
//! Version 3's rows (`Reader::weight_rows`): each row's `u16` step, then
//! its 17 weights.

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
/// paths of a tree over word vectors; version 4 lays the same numbers out
/// for gzip (the module docs). Written: this one; read: 3 and 4.
pub const FORMAT_VERSION: u32 = 4;

/// The oldest version [`Model::from_bytes`] still reads.
const OLDEST_READ_VERSION: u32 = 3;

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

    /// `n` ascending keys as [`write_sorted_keys`] wrote them (`unary`:
    /// version 4's counts; else version 3's LEB128 counts).
    fn sorted_keys(&mut self, n: usize, unary: bool) -> Result<Vec<u32>, Error> {
        let high_counts = if unary { self.unary_counts(n)? } else { self.leb128_counts()? };
        if high_counts.iter().sum::<usize>() != n {
            return Err(invalid("key counts do not add up"));
        }
        let lows = self.u16s(n)?;
        let mut lows = lows.into_iter();
        let mut keys = Vec::with_capacity(n);
        for (high, &count) in high_counts.iter().enumerate() {
            for low in lows.by_ref().take(count) {
                keys.push((high as u32) << 16 | low as u32);
            }
        }
        Ok(keys)
    }

    /// 65,536 counts in unary, of `n` keys in all.
    fn unary_counts(&mut self, n: usize) -> Result<Vec<usize>, Error> {
        let bits = n.checked_add(1 << 16).ok_or_else(|| invalid("too large"))?;
        let packed = self.take(bits.div_ceil(8))?;
        let mut counts = Vec::with_capacity(1 << 16);
        let mut count = 0;
        for (i, &byte) in packed.iter().enumerate() {
            // The zero bits end the counts; the ones between them are keys.
            let valid = (bits - i * 8).min(8) as u32;
            let mut zeros = !byte as u32 & ((1 << valid) - 1);
            let mut from = 0;
            while zeros != 0 {
                let at = zeros.trailing_zeros();
                counts.push(count + (at - from) as usize);
                count = 0;
                from = at + 1;
                zeros &= zeros - 1;
            }
            count += (valid - from) as usize;
        }
        if counts.len() != 1 << 16 {
            return Err(invalid("key counts do not add up"));
        }
        Ok(counts)
    }

    /// 65,536 counts as LEB128 numbers (version 3).
    fn leb128_counts(&mut self) -> Result<Vec<usize>, Error> {
        let mut counts = Vec::with_capacity(1 << 16);
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
            counts.push(count);
        }
        Ok(counts)
    }

    fn u16s(&mut self, n: usize) -> Result<Vec<u16>, Error> {
        let raw = self.take(n.checked_mul(2).ok_or_else(|| invalid("too large"))?)?;
        Ok(raw.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect())
    }

    /// `n` `u16`s as [`write_u16_planes`] wrote them.
    fn u16_planes(&mut self, n: usize) -> Result<Vec<u16>, Error> {
        let low = self.take(n)?;
        let high = self.take(n)?;
        Ok(low.iter().zip(high).map(|(&l, &h)| u16::from_le_bytes([l, h])).collect())
    }

    /// `n` values as [`write_ranked`] wrote them.
    fn ranked(&mut self, n: usize) -> Result<Vec<u16>, Error> {
        let n_distinct = self.u32()? as usize;
        let distinct = self.u16s(n_distinct)?;
        let ranks = self.u16_planes(n)?;
        ranks.iter().map(|&r| distinct.get(r as usize).copied().ok_or_else(|| invalid("a rank out of range"))).collect()
    }

    /// `n` rows of weights as [`write_weight_columns`] wrote them.
    fn weight_columns(&mut self, n: usize) -> Result<Vec<i16>, Error> {
        let steps = self.u16_planes(n)?;
        let mask_bytes = self.take(n.checked_mul(N_TAGS).ok_or_else(|| invalid("too large"))?.div_ceil(8))?;
        let mut weights = vec![0i16; n * N_TAGS];
        // The values are read in one pass over the bytes left, a row's
        // nonzero weights by its mask's set bits (the model loads in the
        // page's worker before the first annotation).
        let values = &self.bytes[self.pos..];
        let mut next = 0;
        for (r, (row, &step)) in weights.chunks_exact_mut(N_TAGS).zip(&steps).enumerate() {
            let first = r * N_TAGS;
            let word = mask_bytes[first / 8..].iter().take(4).rev().fold(0u32, |w, &b| w << 8 | b as u32);
            let mut mask = word >> (first % 8) & ((1 << N_TAGS) - 1);
            while mask != 0 {
                let w = &mut row[mask.trailing_zeros() as usize];
                mask &= mask - 1;
                if step == 0 {
                    let b = values.get(next..next + 2).ok_or_else(|| invalid("truncated"))?;
                    *w = i16::from_le_bytes([b[0], b[1]]);
                    next += 2;
                } else {
                    let b = *values.get(next).ok_or_else(|| invalid("truncated"))?;
                    *w = i16::try_from(b as i8 as i32 * step as i32).map_err(|_| invalid("a weight out of range"))?;
                    next += 1;
                }
            }
        }
        self.pos += next;
        Ok(weights)
    }
}

/// Writes `u16`s as two byte planes, every low byte then every high byte:
/// the high bytes of small numbers are alike and compress together.
fn write_u16_planes(values: &[u16], out: &mut Vec<u8>) {
    out.extend(values.iter().map(|&v| v as u8));
    out.extend(values.iter().map(|&v| (v >> 8) as u8));
}

/// Writes `u16`s as ranks (the module docs): the distinct values, most
/// frequent first (ties: the smaller first), then each value's rank as
/// byte planes.
fn write_ranked(values: &[u16], out: &mut Vec<u8>) {
    let mut counts = vec![0u32; 1 << 16];
    values.iter().for_each(|&v| counts[v as usize] += 1);
    let mut distinct: Vec<u16> = (0..=u16::MAX).filter(|&v| counts[v as usize] > 0).collect();
    distinct.sort_by_key(|&v| std::cmp::Reverse(counts[v as usize]));
    let mut rank = vec![0u16; 1 << 16];
    distinct.iter().enumerate().for_each(|(r, &v)| rank[v as usize] = r as u16);
    out.extend_from_slice(&(distinct.len() as u32).to_le_bytes());
    distinct.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
    write_u16_planes(&values.iter().map(|&v| rank[v as usize]).collect::<Vec<_>>(), out);
}

/// The step of a row of weights (see the module docs): their greatest
/// common divisor when every weight is at most 127 of it, else 0.
fn row_step(row: &[i16]) -> u16 {
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
        step as u16
    } else {
        0
    }
}

/// Writes rows of weights as column streams (the module docs): the steps,
/// the nonzero masks, the nonzero weights. Lossless.
fn write_weight_columns(weights: &[i16], out: &mut Vec<u8>) {
    let rows = weights.chunks_exact(N_TAGS);
    let steps: Vec<u16> = rows.clone().map(row_step).collect();
    write_u16_planes(&steps, out);
    let mut masks = vec![0u8; weights.len().div_ceil(8)];
    weights.iter().enumerate().filter(|(_, &w)| w != 0).for_each(|(bit, _)| masks[bit / 8] |= 1 << (bit % 8));
    out.extend_from_slice(&masks);
    for (row, &step) in rows.zip(&steps) {
        for &w in row.iter().filter(|&&w| w != 0) {
            if step == 0 {
                out.extend_from_slice(&w.to_le_bytes());
            } else {
                out.push((w / step as i16) as i8 as u8);
            }
        }
    }
}

/// Writes ascending 32-bit keys compactly: for each of the 65,536 values of
/// the high 16 bits, how many keys have it (in unary, about two bits a
/// key), then the low 16 bits of every key. The keys are hashes, so they
/// do not compress; this halves them (the names model ships in the page).
fn write_sorted_keys(keys: &[u32], out: &mut Vec<u8>) {
    let mut packed = vec![0u8; (keys.len() + (1 << 16)).div_ceil(8)];
    let mut bit = 0;
    let mut keys_left = keys.iter().peekable();
    for high in 0..1u32 << 16 {
        while keys_left.next_if(|&&k| k >> 16 == high).is_some() {
            packed[bit / 8] |= 1 << (bit % 8);
            bit += 1;
        }
        bit += 1;
    }
    out.extend_from_slice(&packed);
    keys.iter().for_each(|&k| out.extend_from_slice(&(k as u16).to_le_bytes()));
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
        if !(OLDEST_READ_VERSION..=FORMAT_VERSION).contains(&version) {
            return Err(invalid(&format!("format version {version}, expected {OLDEST_READ_VERSION} to {FORMAT_VERSION}")));
        }
        let columns = version >= 4;
        if r.u32()? as usize != N_TAGS {
            return Err(invalid("wrong number of tags"));
        }
        let scale = f32::from_bits(r.u32()?);
        let n_features = r.u32()? as usize;
        let n_clusters = r.u32()? as usize;
        let keys = r.sorted_keys(n_features, columns)?;
        let weights = if columns { r.weight_columns(n_features)? } else { r.weight_rows(n_features)? };
        let transitions = r.i16s((N_TAGS + 1) * N_TAGS)?;
        let cluster_keys = r.sorted_keys(n_clusters, columns)?;
        let cluster_values = if columns { r.ranked(n_clusters)? } else { r.u16s(n_clusters)? };
        let n_gazetteer = r.u32()? as usize;
        let gazetteer_keys = if columns { r.sorted_keys(n_gazetteer, true)? } else { r.u32s(n_gazetteer)? };
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
        write_weight_columns(&self.weights, &mut out);
        self.transitions.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        write_sorted_keys(&self.cluster_keys, &mut out);
        write_ranked(&self.cluster_values, &mut out);
        let (gkeys, gentries) = self.gazetteer.parts();
        out.extend_from_slice(&(gkeys.len() as u32).to_le_bytes());
        write_sorted_keys(gkeys, &mut out);
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
        assert_eq!(out.len(), (keys.len() + (1 << 16)).div_ceil(8) + 2 * keys.len(), "a bit a key and a bucket");
        let mut r = Reader { bytes: &out, pos: 0 };
        assert_eq!(r.sorted_keys(keys.len(), true).unwrap(), keys);
        assert_eq!(r.pos, out.len());
        let mut r = Reader { bytes: &out, pos: 0 };
        assert!(r.sorted_keys(keys.len() + 1, true).is_err(), "counts that do not add up are an error");
        let mut out = Vec::new();
        write_sorted_keys_v3(&keys, &mut out);
        assert_eq!(out.len(), (1 << 16) + 1 + 2 * keys.len(), "one extra count byte for the crowded bucket");
        let mut r = Reader { bytes: &out, pos: 0 };
        assert_eq!(r.sorted_keys(keys.len(), false).unwrap(), keys);
        assert_eq!(r.pos, out.len());
        let mut r = Reader { bytes: &out, pos: 0 };
        assert!(r.sorted_keys(keys.len() + 1, false).is_err(), "counts that do not add up are an error");
    }

    /// Version 3's weight rows (as `Reader::weight_rows` reads them), kept
    /// to show that version 4 holds the same numbers.
    fn write_weight_row(row: &[i16], out: &mut Vec<u8>) {
        let step = super::row_step(row);
        if step > 0 {
            out.extend_from_slice(&step.to_le_bytes());
            out.extend(row.iter().map(|&w| (w as i32 / step as i32) as i8 as u8));
        } else {
            out.extend_from_slice(&0u16.to_le_bytes());
            row.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        }
    }

    /// Version 3's sorted keys: LEB128 counts.
    fn write_sorted_keys_v3(keys: &[u32], out: &mut Vec<u8>) {
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

    /// The model in version 3's layout, as the code of that version wrote it.
    fn to_bytes_v3(m: &Model) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&3u32.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&m.scale.to_bits().to_le_bytes());
        out.extend_from_slice(&(m.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&(m.cluster_keys.len() as u32).to_le_bytes());
        write_sorted_keys_v3(&m.keys, &mut out);
        m.weights.chunks_exact(N_TAGS).for_each(|row| write_weight_row(row, &mut out));
        m.transitions.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        write_sorted_keys_v3(&m.cluster_keys, &mut out);
        m.cluster_values.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        let (gkeys, gentries) = m.gazetteer.parts();
        out.extend_from_slice(&(gkeys.len() as u32).to_le_bytes());
        gkeys.iter().for_each(|k| out.extend_from_slice(&k.to_le_bytes()));
        out.extend_from_slice(gentries);
        let sum = fnv1a_32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Rows of every kind: steps of 250, no common step (the `i16` form),
    /// all zeros, 127 steps exactly, a lone negative weight.
    fn rows_of_every_kind() -> Vec<i16> {
        let rows: [[i16; N_TAGS]; 5] = [
            std::array::from_fn(|t| (t as i16 - 8) * 250),
            std::array::from_fn(|t| if t == 3 { -32767 } else { 1 }),
            [0; N_TAGS],
            std::array::from_fn(|t| if t == 0 { 127 * 258 } else { -258 }),
            std::array::from_fn(|t| if t == 16 { -3 } else { 0 }),
        ];
        rows.concat()
    }

    #[test]
    fn weight_columns_round_trip_rows_of_every_kind() {
        let weights = rows_of_every_kind();
        let n = weights.len() / N_TAGS;
        let mut out = Vec::new();
        write_weight_columns(&weights, &mut out);
        let nonzero = weights.iter().filter(|&&w| w != 0).count();
        // Steps, masks, one byte a nonzero weight but two in the row of step 0.
        assert_eq!(out.len(), 2 * n + (n * N_TAGS).div_ceil(8) + nonzero + N_TAGS);
        let mut r = Reader { bytes: &out, pos: 0 };
        assert_eq!(r.weight_columns(n).unwrap(), weights);
        assert_eq!(r.pos, out.len());
        let mut r = Reader { bytes: &out[..out.len() - 1], pos: 0 };
        assert!(r.weight_columns(n).is_err(), "a missing weight is an error");
    }

    #[test]
    fn ranked_values_round_trip_and_ranks_out_of_range_are_errors() {
        let values = [7, 513, 7, 0, u16::MAX, 513, 7];
        let mut out = Vec::new();
        write_ranked(&values, &mut out);
        assert_eq!(&out[4..6], &7u16.to_le_bytes(), "the most frequent first");
        let mut r = Reader { bytes: &out, pos: 0 };
        assert_eq!(r.ranked(values.len()).unwrap(), values);
        assert_eq!(r.pos, out.len());
        out[0] = 3; // four distinct values said to be three: the table ends early
        let mut r = Reader { bytes: &out, pos: 0 };
        assert!(r.ranked(values.len()).is_err());
    }

    #[test]
    fn version_3_files_read_to_the_same_model() {
        let keys = vec![3, 10, 99, 1000, 70_000];
        let trans = (0..((N_TAGS + 1) * N_TAGS) as i16).collect();
        let gazetteer = Gazetteer::from_parts(vec![5, 9, 0x0001_0000], vec![1, 6, 2]).unwrap();
        let m = Model::new(0.25, keys, rows_of_every_kind(), trans, vec![7, 0x0009_0001], vec![2, 513]).unwrap().with_gazetteer(gazetteer);
        assert_eq!(Model::from_bytes(&to_bytes_v3(&m)).unwrap(), m);
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
    }

    /// `model/names.bin` was converted from version 3 (commit e6c0bda,
    /// 1,372,806 bytes, FNV-1a 0xc31a66e2 over the whole file) without
    /// retraining: written back in version 3's layout it is that file,
    /// byte for byte, so it holds exactly its weights.
    #[test]
    fn the_embedded_model_is_the_version_3_file_relaid() {
        let bytes = include_bytes!("../../model/names.bin");
        assert_eq!(u32::from_le_bytes(bytes[8..12].try_into().unwrap()), FORMAT_VERSION);
        let m = Model::from_bytes(bytes).unwrap();
        assert_eq!(m.to_bytes(), bytes, "written back as read");
        let v3 = to_bytes_v3(&m);
        assert_eq!((v3.len(), fnv1a_32(&v3)), (1_372_806, 0xc31a_66e2));
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
