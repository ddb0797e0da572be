//! The `.nml` file: what an [`Adapter`] learned, with its labels, so that
//! learning goes on where it stopped (in the page after a reload, or in
//! the CLI after the page).
//!
//! Layout (integers and floats little-endian):
//!
//! ```text
//! magic      8 bytes  "NMLEARN\0"
//! version    u32      FORMAT_VERSION
//! documents  u32      documents learned
//! steps      u32      the perceptron's step count (the average's divisor)
//! prior      f32      Settings::prior
//! passes     u32      Settings::passes
//! rate       f32      Settings::general_rate
//! margin     f32      Settings::margin
//! label prior f32     Settings::label_prior
//! n_labels   u16      the first four: PERSON, ORG, LOC, MISC
//! labels     n_labels x (kind u8: 0 none, name_len u8, name, taught u32)
//! n_trans    u32      (n_tags + 1) * n_tags, n_tags = 1 + 4 * n_labels
//! trans      n_trans x (w f32, u f32)
//! n_features u32
//! features   n_features x (hash u32, n u16, n x (tag u16, w f32, u f32)), hashes ascending
//! n_phrases  u32
//! phrases    n_phrases x (key u64, first word key u64, words u8, n u16, n x (label u16, count u32)), keys ascending
//! checksum   u32      FNV-1a of everything before it
//! ```
//!
//! The weights are the perceptron's own (value and sum of timed updates),
//! not only their averages: learning can resume from the file exactly.

use super::perceptron::{Entry, Perceptron, Settings};
use super::phrases::{Phrases, MAX_WORDS};
use super::tagset::tag_count;
use super::Adapter;
use crate::error::{Error, ErrorKind};
use crate::hash::fnv1a_32;
use crate::label::{Label, ValueKind};

pub const MAGIC: &[u8; 8] = b"NMLEARN\0";
/// 2: the general rate, margin and label prior, the singular feature and phrases of singulars
/// (weights of version 1 mean other features: it is refused, and the
/// documents are learned again).
pub const FORMAT_VERSION: u32 = 2;

fn invalid(message: &str) -> Error {
    Error::new(ErrorKind::InvalidModel, format!("learning file: {message}"))
}

impl Adapter {
    /// The `.nml` bytes of this adapter. The same adapter gives the same
    /// bytes (features in ascending order).
    pub fn to_bytes(&self) -> Vec<u8> {
        let p = &self.perceptron;
        let mut out = Vec::with_capacity(64 + p.weight_count() * 10);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&self.documents.to_le_bytes());
        out.extend_from_slice(&p.steps.to_le_bytes());
        out.extend_from_slice(&p.settings.prior.to_le_bytes());
        out.extend_from_slice(&p.settings.passes.to_le_bytes());
        out.extend_from_slice(&p.settings.general_rate.to_le_bytes());
        out.extend_from_slice(&p.settings.margin.to_le_bytes());
        out.extend_from_slice(&p.settings.label_prior.to_le_bytes());
        out.extend_from_slice(&(self.labels.len() as u16).to_le_bytes());
        for (l, taught) in self.labels.iter().zip(&self.taught) {
            // Only name-like labels are tagged: their kind is `none`.
            out.push(0);
            let name = l.as_str().as_bytes();
            out.push(name.len() as u8);
            out.extend_from_slice(name);
            out.extend_from_slice(&taught.to_le_bytes());
        }
        out.extend_from_slice(&(p.trans.len() as u32).to_le_bytes());
        for &(w, u) in &p.trans {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&u.to_le_bytes());
        }
        let mut keys: Vec<u32> = p.rows.keys().copied().collect();
        keys.sort_unstable();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for k in keys {
            let entries = &p.rows[&k];
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
            for e in entries {
                out.extend_from_slice(&e.tag.to_le_bytes());
                out.extend_from_slice(&e.w.to_le_bytes());
                out.extend_from_slice(&e.u.to_le_bytes());
            }
        }
        let ph = &self.phrases;
        // A phrase's first word and length are kept with it: they rebuild
        // `Phrases::lengths`.
        let mut keys: Vec<&u64> = ph.counts.keys().collect();
        keys.sort_unstable();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for k in keys {
            let phrase = &ph.counts[k];
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&phrase.first.to_le_bytes());
            out.push(phrase.words);
            out.extend_from_slice(&(phrase.counts.len() as u16).to_le_bytes());
            for &(l, n) in &phrase.counts {
                out.extend_from_slice(&l.to_le_bytes());
                out.extend_from_slice(&n.to_le_bytes());
            }
        }
        let sum = fnv1a_32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a `.nml` file, checking its magic, version, checksum, sizes
    /// and labels; the user's labels in it are defined
    /// ([`Label::define`]) if they are not yet. Never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<Adapter, Error> {
        if bytes.len() < MAGIC.len() + 8 || &bytes[..8] != MAGIC {
            return Err(invalid("not a newsmark learning file (bad magic)"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 4);
        if fnv1a_32(body).to_le_bytes() != sum {
            return Err(invalid("checksum mismatch (corrupt file)"));
        }
        let mut r = Reader { bytes: &body[8..] };
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(invalid(&format!(
                "format version {version}, this newsmark reads {FORMAT_VERSION} (another version made it: learn the documents again)"
            )));
        }
        let documents = r.u32()?;
        let steps = r.u32()?;
        let settings = Settings { prior: r.f32()?, passes: r.u32()?, general_rate: r.f32()?, margin: r.f32()?, label_prior: r.f32()? };
        if ![settings.prior, settings.general_rate, settings.margin, settings.label_prior].iter().all(|x| x.is_finite()) {
            return Err(invalid("a prior, rate, margin or label prior that is not a number"));
        }
        let n_labels = r.u16()? as usize;
        let mut labels = Vec::with_capacity(n_labels);
        let mut taught = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            if r.u8()? != 0 {
                return Err(invalid("a label with values (only names are learned)"));
            }
            let len = r.u8()? as usize;
            let name = std::str::from_utf8(r.take(len)?).map_err(|_| invalid("a label name is not UTF-8"))?;
            let label = Label::define(name, ValueKind::None).map_err(|e| invalid(&e.to_string()))?;
            if labels.contains(&label) {
                return Err(invalid(&format!("the label {label} twice")));
            }
            labels.push(label);
            taught.push(r.u32()?);
        }
        if labels.len() < 4 || labels[..4] != Label::NAMES {
            return Err(invalid("the first labels must be PERSON, ORG, LOC, MISC"));
        }
        let n_tags = tag_count(n_labels);
        let mut p = Perceptron::new(n_labels, settings);
        if r.u32()? as usize != p.trans.len() {
            return Err(invalid("the transition table does not fit the labels"));
        }
        for cell in p.trans.iter_mut() {
            *cell = (r.f32()?, r.f32()?);
        }
        let n_features = r.u32()? as usize;
        let mut last = None;
        for _ in 0..n_features {
            let key = r.u32()?;
            if last.is_some_and(|l| l >= key) {
                return Err(invalid("feature hashes out of order"));
            }
            last = Some(key);
            let n = r.u16()? as usize;
            let mut entries = Vec::with_capacity(n.min(n_tags));
            for _ in 0..n {
                let tag = r.u16()?;
                if tag as usize >= n_tags || entries.iter().any(|e: &Entry| e.tag == tag) {
                    return Err(invalid("a weight of a tag that does not exist"));
                }
                entries.push(Entry { tag, w: r.f32()?, u: r.f32()? });
            }
            p.rows.insert(key, entries);
        }
        let mut phrases = Phrases::default();
        let n_phrases = r.u32()? as usize;
        let mut last = None;
        for _ in 0..n_phrases {
            let key = r.u64()?;
            if last.is_some_and(|l| l >= key) {
                return Err(invalid("phrases out of order"));
            }
            last = Some(key);
            let (first, words) = (r.u64()?, r.u8()?);
            if words == 0 || words as usize > MAX_WORDS {
                return Err(invalid("a phrase of no words or too many"));
            }
            for _ in 0..r.u16()? {
                let (label, count) = (r.u16()?, r.u32()?);
                if label as usize >= n_labels {
                    return Err(invalid("a phrase of a label that does not exist"));
                }
                phrases.add_counted(key, first, words, label, count);
            }
        }
        if !r.bytes.is_empty() {
            return Err(invalid("bytes after the phrases"));
        }
        let finite = |w: f32, u: f32| w.is_finite() && u.is_finite();
        if steps == 0 || !p.trans.iter().all(|&(w, u)| finite(w, u)) || !p.rows.values().flatten().all(|e| finite(e.w, e.u)) {
            return Err(invalid("a weight that is not a number"));
        }
        p.steps = steps;
        Ok(Adapter { labels, taught, documents, perceptron: p, phrases })
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], Error> {
        if self.bytes.len() < n {
            return Err(invalid("truncated"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, Error> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().expect("2 bytes")))
    }

    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }

    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }
}
