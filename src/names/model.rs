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
//! widths     u8 * 4   (version 5) the bits kept of the feature, cluster and gazetteer hashes, then 0
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
//! Version 5 stores each section's keys as the high bits of their hashes
//! only (`KeyWidth`), 26 of a feature's and 24 of a cluster word's and a
//! gazetteer string's in the shipped model ([`SHIPPED_WIDTHS`]): the
//! hashes are random bits, which gzip cannot shrink, and the page ships
//! the model. A hash absent from a section then matches a key by chance
//! once in `2^bits / n` lookups (features: 1 in 1,500; cluster words: 1 in
//! 280; gazetteer keys: 1 in 1,130), and the few keys the cut makes
//! equal are left out (`KeyWidth::narrow`).
//!
//! "Sorted keys": how many keys have each of the 65,536 values of the high
//! 16 bits, then every key's low bits (16 for whole hashes, `u16`; in
//! version 5 the width's bits beyond 16, packed least significant bit
//! first, so that 16 of them are the same `u16`). Version 4
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
use crate::names::key_index::{KeyIndex, KeyWidth};
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
/// for gzip (the module docs); version 5 keeps part of each hash. Written:
/// this one; read: 3 to 5.
pub const FORMAT_VERSION: u32 = 5;

/// The widths of the feature, cluster and gazetteer keys of the model that
/// ships (the module docs): what training writes.
pub const SHIPPED_WIDTHS: [u8; 3] = [26, 24, 24];

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
    /// How much of each feature hash a key keeps.
    feature_width: KeyWidth,
    /// How much of each word's cluster hash a cluster key keeps.
    cluster_width: KeyWidth,
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

/// The widths of the feature, cluster and gazetteer keys, from their bits
/// (as a version 5 file and [`SHIPPED_WIDTHS`] give them).
fn key_widths(bits: [u8; 3]) -> Result<[KeyWidth; 3], Error> {
    let width = |b| KeyWidth::new(b).ok_or_else(|| invalid("a key width not of 16 to 32 bits"));
    Ok([width(bits[0])?, width(bits[1])?, width(bits[2])?])
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

    /// `n` ascending keys of `width` as [`write_sorted_keys`] wrote them
    /// (`unary`: version 4's counts; else version 3's LEB128 counts).
    fn sorted_keys(&mut self, n: usize, unary: bool, width: KeyWidth) -> Result<Vec<u32>, Error> {
        let high_counts = if unary { self.unary_counts(n)? } else { self.leb128_counts()? };
        if high_counts.iter().sum::<usize>() != n {
            return Err(invalid("key counts do not add up"));
        }
        let low_bits = width.bits() as u32 - 16;
        let lows = self.packed_bits(n, low_bits)?;
        let mut lows = lows.into_iter();
        let mut keys = Vec::with_capacity(n);
        for (high, &count) in high_counts.iter().enumerate() {
            for low in lows.by_ref().take(count) {
                keys.push((high as u32) << low_bits | low);
            }
        }
        Ok(keys)
    }

    /// `n` numbers of `bits` bits (at most 16) as [`write_packed_bits`]
    /// wrote them.
    fn packed_bits(&mut self, n: usize, bits: u32) -> Result<Vec<u32>, Error> {
        // Whole bytes, the widths of the shipped keys (24 and 32 bits).
        match bits {
            8 => return Ok(self.take(n)?.iter().map(|&b| b as u32).collect()),
            16 => return Ok(self.u16s(n)?.into_iter().map(u32::from).collect()),
            _ => {}
        }
        let total = n.checked_mul(bits as usize).ok_or_else(|| invalid("too large"))?;
        let packed = self.take(total.div_ceil(8))?;
        let mut bytes = packed.iter();
        let (mut acc, mut have) = (0u32, 0u32);
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            while have < bits {
                // `take` gave total / 8 bytes, rounded up: never short.
                acc |= (*bytes.next().unwrap_or(&0) as u32) << have;
                have += 8;
            }
            out.push(acc & ((1 << bits) - 1));
            acc >>= bits;
            have -= bits;
        }
        Ok(out)
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

/// Writes ascending keys of `width` compactly: for each of the 65,536
/// values of their high 16 bits, how many keys have it (in unary, about two
/// bits a key), then the low bits of every key (16 for whole hashes). The
/// keys are hashes, so they do not compress; this halves whole ones (the
/// names model ships in the page).
fn write_sorted_keys(keys: &[u32], width: KeyWidth, out: &mut Vec<u8>) {
    let low_bits = width.bits() as u32 - 16;
    let mut packed = vec![0u8; (keys.len() + (1 << 16)).div_ceil(8)];
    let mut bit = 0;
    let mut keys_left = keys.iter().peekable();
    for high in 0..1u32 << 16 {
        while keys_left.next_if(|&&k| k >> low_bits == high).is_some() {
            packed[bit / 8] |= 1 << (bit % 8);
            bit += 1;
        }
        bit += 1;
    }
    out.extend_from_slice(&packed);
    write_packed_bits(keys.iter().map(|&k| k & ((1 << low_bits) - 1)), low_bits, out);
}

/// Writes numbers of `bits` bits (at most 16) one after another, least
/// significant bit first, the last byte padded with zeros: 16-bit numbers
/// are so their `u16`s, little-endian.
fn write_packed_bits(values: impl Iterator<Item = u32>, bits: u32, out: &mut Vec<u8>) {
    let (mut acc, mut have) = (0u32, 0u32);
    for v in values {
        acc |= v << have;
        have += bits;
        while have >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            have -= 8;
        }
    }
    if have > 0 {
        out.push(acc as u8);
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
            feature_width: KeyWidth::FULL,
            cluster_width: KeyWidth::FULL,
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

    /// The model with its feature, cluster and gazetteer keys cut to
    /// `widths` bits (the module docs): the features, cluster words and
    /// strings whose keys the cut makes equal go, every other lookup is
    /// as before but for the chance matches of absent hashes. An error
    /// when a width is not 16 to 32 bits or wider than the keys are.
    pub fn narrowed(&self, widths: [u8; 3]) -> Result<Model, Error> {
        let [features, clusters, gazetteer] = key_widths(widths)?;
        let too_wide = || invalid("a key width wider than the keys");
        let (keys, rows) = features.narrow(self.feature_width, &self.keys).ok_or_else(too_wide)?;
        let weights = rows.iter().flat_map(|&r| self.weights[r * N_TAGS..(r + 1) * N_TAGS].iter().copied()).collect();
        let (cluster_keys, kept) = clusters.narrow(self.cluster_width, &self.cluster_keys).ok_or_else(too_wide)?;
        let cluster_values = kept.iter().map(|&i| self.cluster_values[i]).collect();
        let gazetteer = self.gazetteer.narrowed(gazetteer).ok_or_else(too_wide)?;
        let model = Model::new(self.scale, keys, weights, self.transitions.clone(), cluster_keys, cluster_values)?;
        Ok(Model { feature_width: features, cluster_width: clusters, ..model }.with_gazetteer(gazetteer))
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
        let [feature_width, cluster_width, gazetteer_width] = if version >= 5 {
            let w = r.take(4)?;
            key_widths([w[0], w[1], w[2]])?
        } else {
            [KeyWidth::FULL; 3]
        };
        let keys = r.sorted_keys(n_features, columns, feature_width)?;
        let weights = if columns { r.weight_columns(n_features)? } else { r.weight_rows(n_features)? };
        let transitions = r.i16s((N_TAGS + 1) * N_TAGS)?;
        let cluster_keys = r.sorted_keys(n_clusters, columns, cluster_width)?;
        let cluster_values = if columns { r.ranked(n_clusters)? } else { r.u16s(n_clusters)? };
        let n_gazetteer = r.u32()? as usize;
        let gazetteer_keys = if columns { r.sorted_keys(n_gazetteer, true, gazetteer_width)? } else { r.u32s(n_gazetteer)? };
        let gazetteer_entries = r.take(n_gazetteer)?.to_vec();
        if r.pos != body.len() {
            return Err(invalid("trailing bytes"));
        }
        let gazetteer = Gazetteer::from_parts(gazetteer_keys, gazetteer_entries, gazetteer_width)
            .ok_or_else(|| invalid("gazetteer keys not sorted"))?;
        let model = Model::new(scale, keys, weights, transitions, cluster_keys, cluster_values)?;
        Ok(Model { feature_width, cluster_width, ..model }.with_gazetteer(gazetteer))
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
        out.extend_from_slice(&[self.feature_width.bits(), self.cluster_width.bits(), self.gazetteer.width().bits(), 0]);
        write_sorted_keys(&self.keys, self.feature_width, &mut out);
        write_weight_columns(&self.weights, &mut out);
        self.transitions.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        write_sorted_keys(&self.cluster_keys, self.cluster_width, &mut out);
        write_ranked(&self.cluster_values, &mut out);
        let (gkeys, gentries) = self.gazetteer.parts();
        out.extend_from_slice(&(gkeys.len() as u32).to_le_bytes());
        write_sorted_keys(gkeys, self.gazetteer.width(), &mut out);
        out.extend_from_slice(gentries);
        let sum = fnv1a_32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// The number of words with a cluster.
    pub fn n_cluster_words(&self) -> usize {
        self.cluster_keys.len()
    }

    /// The cluster of a word as written, `u32::MAX` when it has none (see
    /// [`doc::cluster_of`] for the case variants tried).
    pub fn cluster(&self, word: &str, lower: &str) -> u32 {
        doc::cluster_of(word, lower, |w| self.word_cluster(w))
    }

    /// The cluster stored for exactly this string, `u32::MAX` when none
    /// (what [`crate::names::doc::Doc::new`] asks of its cluster function).
    pub fn word_cluster(&self, word: &str) -> u32 {
        self.cluster_index.get(self.cluster_width.key(cluster_key(word))).map_or(u32::MAX, |i| self.cluster_values[i] as u32)
    }

    #[inline]
    fn row(&self, feature: u32) -> Option<usize> {
        let key = self.feature_width.key(feature);
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
        let gazetteer = Gazetteer::from_parts(vec![5, 9], vec![1, 6], KeyWidth::FULL).unwrap();
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
        write_sorted_keys(&keys, KeyWidth::FULL, &mut out);
        assert_eq!(out.len(), (keys.len() + (1 << 16)).div_ceil(8) + 2 * keys.len(), "a bit a key and a bucket");
        let mut r = Reader { bytes: &out, pos: 0 };
        assert_eq!(r.sorted_keys(keys.len(), true, KeyWidth::FULL).unwrap(), keys);
        assert_eq!(r.pos, out.len());
        let mut r = Reader { bytes: &out, pos: 0 };
        assert!(r.sorted_keys(keys.len() + 1, true, KeyWidth::FULL).is_err(), "counts that do not add up are an error");
        let mut out = Vec::new();
        write_sorted_keys_v3(&keys, &mut out);
        assert_eq!(out.len(), (1 << 16) + 1 + 2 * keys.len(), "one extra count byte for the crowded bucket");
        let mut r = Reader { bytes: &out, pos: 0 };
        assert_eq!(r.sorted_keys(keys.len(), false, KeyWidth::FULL).unwrap(), keys);
        assert_eq!(r.pos, out.len());
        let mut r = Reader { bytes: &out, pos: 0 };
        assert!(r.sorted_keys(keys.len() + 1, false, KeyWidth::FULL).is_err(), "counts that do not add up are an error");
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
        let gazetteer = Gazetteer::from_parts(vec![5, 9, 0x0001_0000], vec![1, 6, 2], KeyWidth::FULL).unwrap();
        let m = Model::new(0.25, keys, rows_of_every_kind(), trans, vec![7, 0x0009_0001], vec![2, 513]).unwrap().with_gazetteer(gazetteer);
        assert_eq!(Model::from_bytes(&to_bytes_v3(&m)).unwrap(), m);
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
    }

    /// The model in version 4's layout: version 5's without the widths
    /// (whole hashes only).
    fn to_bytes_v4(m: &Model) -> Vec<u8> {
        let v5 = m.to_bytes();
        assert_eq!(&v5[28..32], &[32, 32, 32, 0], "whole hashes");
        let mut out = [&v5[..8], &4u32.to_le_bytes(), &v5[12..28], &v5[32..v5.len() - 4]].concat();
        let sum = fnv1a_32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    #[test]
    fn version_4_files_read_to_the_same_model() {
        let m = tiny();
        assert_eq!(Model::from_bytes(&to_bytes_v4(&m)).unwrap(), m);
    }

    #[test]
    fn narrowed_models_round_trip_and_find_what_they_kept() {
        // Feature hashes 0x1234_56xx collide at 24 bits: both go.
        let keys = vec![0x0000_0003, 0x1234_5601, 0x1234_56ff, 0x8000_0000, 0xffff_fff0];
        let n = keys.len();
        let weights: Vec<i16> = (0..(n * N_TAGS) as i16).collect();
        let trans = vec![1; (N_TAGS + 1) * N_TAGS];
        let words = ["Kerala", "Keelung", "Cuscatlan"];
        let mut clusters: Vec<(u32, u16)> = words.iter().map(|w| cluster_key(w)).zip([5, 6, 7]).collect();
        clusters.sort();
        let (ckeys, cvalues) = clusters.into_iter().unzip();
        let gazetteer = Gazetteer::from_parts(vec![5, 9, 0xabcd_0000], vec![1, 6, 2], KeyWidth::FULL).unwrap();
        let whole = Model::new(0.5, keys.clone(), weights, trans, ckeys, cvalues).unwrap().with_gazetteer(gazetteer);
        let m = whole.narrowed([24, 20, 16]).unwrap();
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m, "written and read back");
        assert!(m.to_bytes().len() < whole.to_bytes().len());
        assert_eq!(m.n_features(), 3, "the two keys made equal go");
        let scores = |model: &Model, feature: u32| {
            let mut s = [0f32; N_TAGS];
            model.add(feature, &mut s);
            s
        };
        for k in [keys[0], keys[3], keys[4]] {
            assert_eq!(scores(&m, k), scores(&whole, k), "feature {k:#x}");
        }
        assert_eq!(scores(&m, keys[1]), [0.0; N_TAGS], "a key that went is absent");
        assert_eq!(scores(&m, 0x8000_00ff), scores(&whole, keys[3]), "a hash the cut cannot tell apart");
        for w in words {
            assert_eq!(m.word_cluster(w), whole.word_cluster(w), "{w}");
        }
        assert_eq!(m.gazetteer().parts().0, [0xabcd], "5 and 9 are one key at 16 bits: both go");
        assert!(m.narrowed([26, 20, 16]).is_err(), "no widening");
        assert!(whole.narrowed([15, 24, 24]).is_err());
    }

    /// `model/names.bin` is the version 4 file of commit da60634 (909,896
    /// bytes, FNV-1a 0xa821_ded0 over the whole file, itself the version 3
    /// file of e6c0bda relaid) narrowed to [`SHIPPED_WIDTHS`], not
    /// retrained (`examples/narrow_model.rs`); it reads back as written.
    #[test]
    fn the_embedded_model_is_narrowed_to_the_shipped_widths() {
        let bytes = include_bytes!("../../model/names.bin");
        assert_eq!(u32::from_le_bytes(bytes[8..12].try_into().unwrap()), FORMAT_VERSION);
        let m = Model::from_bytes(bytes).unwrap();
        assert_eq!(m.to_bytes(), bytes, "written back as read");
        let widths = [m.feature_width.bits(), m.cluster_width.bits(), m.gazetteer.width().bits()];
        assert_eq!(widths, SHIPPED_WIDTHS);
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
