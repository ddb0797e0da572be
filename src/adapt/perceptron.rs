//! The online structured perceptron of the adaptive tagger: sparse weights
//! per (feature, tag), transition weights between tags, Viterbi over the
//! whole document with the BILOU rule ([`super::tagset::allowed`]), and the
//! update from one corrected document.
//!
//! Averaged lazily (Daumé's trick): each weight keeps its value `w` and the
//! sum `u` of its updates each times the step it was made at; the average
//! over the steps so far is `w - u / steps`, computed when read. So a
//! document learned costs its updates, never a pass over every weight.
//!
//! The embedded model's decision enters twice: as ordinary features that
//! are learned (its tag, alone and with the word), and as a fixed prior
//! [`PRIOR`] added to the score of the tag the model chose. With nothing
//! learned every weight is 0, the model's own path is the one best path
//! (every other path lacks the prior somewhere), and the output is the
//! model's, span for span.

use super::tagset::{allowed, continues, is_open, split, tag, tag_count, TagId, INSIDE, LAST};
use crate::hash::FxMap;

/// The score the embedded model's tag gets before anything is learned:
/// large enough that a few stray updates do not overturn it, small enough
/// that a few consistent corrections do (chosen on a split of re3d train,
/// `benches/learning/README.md`).
pub const PRIOR: f32 = 6.0;

/// How many times one corrected document is learned in a row (at most: it
/// stops when the tagger gets the document right).
pub const PASSES: u32 = 2;

/// One weight of one feature: for tag `tag`, the value `w` and the sum `u`
/// of its updates each times its step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    pub tag: TagId,
    pub w: f32,
    pub u: f32,
}

/// The features of every token of a document, in one buffer.
#[derive(Default, Debug)]
pub struct Features {
    pub flat: Vec<u32>,
    /// Token `i`'s features are `flat[ends[i - 1]..ends[i]]`.
    pub ends: Vec<u32>,
}

impl Features {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.flat[start..self.ends[i] as usize]
    }
}

/// The weights learned so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Perceptron {
    /// The number of labels (tags: [`tag_count`]).
    labels: usize,
    /// Per feature hash, its non-zero weights, by tag.
    pub(crate) rows: FxMap<u32, Vec<Entry>>,
    /// Transition weights: row `prev` (a tag, or the last row for the
    /// document start), column `next`; `(w, u)` as for [`Entry`].
    pub(crate) trans: Vec<(f32, f32)>,
    /// The steps made: documents (passes) learned, plus one; the divisor of
    /// the average.
    pub(crate) steps: u32,
}

impl Perceptron {
    /// Nothing learned, over `labels` labels.
    pub fn new(labels: usize) -> Perceptron {
        let n = tag_count(labels);
        Perceptron { labels, rows: FxMap::default(), trans: vec![(0.0, 0.0); (n + 1) * n], steps: 1 }
    }

    pub fn labels(&self) -> usize {
        self.labels
    }

    pub fn n_tags(&self) -> usize {
        tag_count(self.labels)
    }

    /// Whether any weight was ever updated.
    pub fn is_blank(&self) -> bool {
        self.steps == 1
    }

    /// Makes room for labels added at the end of the list: their tags come
    /// after the others, whose weights stay.
    pub fn grow(&mut self, labels: usize) {
        if labels <= self.labels {
            return;
        }
        let (old, new) = (self.n_tags(), tag_count(labels));
        let mut trans = vec![(0.0, 0.0); (new + 1) * new];
        for p in 0..=old {
            let np = if p == old { new } else { p };
            trans[np * new..np * new + old].copy_from_slice(&self.trans[p * old..(p + 1) * old]);
        }
        self.trans = trans;
        self.labels = labels;
    }

    #[inline]
    fn value(&self, w: f32, u: f32, averaged: bool) -> f32 {
        if averaged {
            w - u / self.steps as f32
        } else {
            w
        }
    }

    /// The transition table (`-inf` where [`allowed`] forbids), averaged
    /// or not.
    fn transitions(&self, averaged: bool) -> Vec<f32> {
        let n = self.n_tags();
        let mut out = vec![f32::NEG_INFINITY; (n + 1) * n];
        for p in 0..=n {
            let prev = (p < n).then_some(p as TagId);
            for next in 0..n {
                if allowed(prev, next as TagId) {
                    let (w, u) = self.trans[p * n + next];
                    out[p * n + next] = self.value(w, u, averaged);
                }
            }
        }
        out
    }

    /// The emission scores, `n_tags` per token: the weights of its
    /// features, plus [`PRIOR`] on the model's tag.
    fn emissions(&self, features: &Features, model_tags: &[TagId], averaged: bool) -> Vec<f32> {
        let n = self.n_tags();
        let mut out = vec![0f32; features.len() * n];
        for (i, row) in out.chunks_exact_mut(n).enumerate() {
            if let Some(slot) = row.get_mut(model_tags[i] as usize) {
                *slot += PRIOR;
            }
            if self.rows.is_empty() {
                continue;
            }
            for f in features.get(i) {
                if let Some(entries) = self.rows.get(f) {
                    for e in entries {
                        if let Some(slot) = row.get_mut(e.tag as usize) {
                            *slot += self.value(e.w, e.u, averaged);
                        }
                    }
                }
            }
        }
        out
    }

    /// The best tags of the document: averaged weights to annotate, the
    /// current ones while learning.
    pub fn decode(&self, features: &Features, model_tags: &[TagId], averaged: bool) -> Vec<TagId> {
        let emissions = self.emissions(features, model_tags, averaged);
        viterbi(self.labels, &self.transitions(averaged), &emissions)
    }

    /// Learns one corrected document: decodes it with the current weights
    /// and, where the tags differ from `gold`, moves the weights of the
    /// gold tags' features up and the predicted ones' down. Returns the
    /// tokens it got wrong.
    pub fn learn(&mut self, features: &Features, model_tags: &[TagId], gold: &[TagId]) -> usize {
        let pred = self.decode(features, model_tags, false);
        let wrong = pred.iter().zip(gold).filter(|(p, g)| p != g).count();
        if wrong > 0 {
            let step = self.steps as f32;
            let n = self.n_tags();
            for i in 0..pred.len() {
                let (p, g) = (pred[i], gold[i]);
                if p != g {
                    for &f in features.get(i) {
                        self.bump(f, g, 1.0, step);
                        self.bump(f, p, -1.0, step);
                    }
                }
                let before = |tags: &[TagId]| if i == 0 { n } else { tags[i - 1] as usize };
                let (pp, gp) = (before(&pred), before(gold));
                if (pp, p) != (gp, g) {
                    // A gold pair the rule forbids (a hand-made span cut by
                    // a label the tagger does not learn) has no weight.
                    if allowed((gp < n).then_some(gp as TagId), g) {
                        let cell = &mut self.trans[gp * n + g as usize];
                        cell.0 += 1.0;
                        cell.1 += step;
                    }
                    let cell = &mut self.trans[pp * n + p as usize];
                    cell.0 -= 1.0;
                    cell.1 -= step;
                }
            }
        }
        self.steps = self.steps.saturating_add(1);
        wrong
    }

    fn bump(&mut self, feature: u32, tag: TagId, delta: f32, step: f32) {
        let entries = self.rows.entry(feature).or_default();
        match entries.iter_mut().find(|e| e.tag == tag) {
            Some(e) => {
                e.w += delta;
                e.u += delta * step;
            }
            None => entries.push(Entry { tag, w: delta, u: delta * step }),
        }
    }

    /// The labels some feature now votes for (a B or U weight above 0,
    /// averaged): what the tagger can suggest beyond the model.
    pub fn voted_labels(&self) -> Vec<bool> {
        let mut out = vec![false; self.labels];
        for entries in self.rows.values() {
            for e in entries {
                if let Some((k, part)) = split(e.tag) {
                    if !continues(e.tag) && part != INSIDE && part != LAST && self.value(e.w, e.u, true) > 0.0 {
                        out[k] = true;
                    }
                }
            }
        }
        out
    }

    /// The number of weights stored.
    pub fn weight_count(&self) -> usize {
        self.rows.values().map(Vec::len).sum()
    }
}

/// The best tag path over the whole document under the BILOU rule, from
/// `n_tags` emission scores per token and the transition table of
/// [`Perceptron::transitions`]. Ties go to the lower tag. Only the allowed
/// transitions are tried: a tag that starts something (O, B, U) after one
/// that closes something (O, L, U), an I or L after its label's B or I.
fn viterbi(labels: usize, trans: &[f32], emissions: &[f32]) -> Vec<TagId> {
    let n = tag_count(labels);
    let len = emissions.len() / n;
    if len == 0 {
        return Vec::new();
    }
    let starting: Vec<usize> = (0..n).filter(|&t| !continues(t as TagId)).collect();
    let closing: Vec<usize> = (0..n).filter(|&t| !is_open(t as TagId)).collect();
    let mut best = vec![f32::NEG_INFINITY; len * n];
    let mut back = vec![0u16; len * n];
    for t in 0..n {
        best[t] = emissions[t] + trans[n * n + t];
    }
    for i in 1..len {
        let (done, rest) = best.split_at_mut(i * n);
        let prev = &done[(i - 1) * n..];
        let cur = &mut rest[..n];
        let back = &mut back[i * n..(i + 1) * n];
        for &t in &starting {
            let (mut b, mut arg) = (f32::NEG_INFINITY, closing[0]);
            for &p in &closing {
                let s = prev[p] + trans[p * n + t];
                if s > b {
                    (b, arg) = (s, p);
                }
            }
            cur[t] = b + emissions[i * n + t];
            back[t] = arg as u16;
        }
        for k in 0..labels {
            for part in [INSIDE, LAST] {
                let t = tag(k, part) as usize;
                let (bg, ins) = (tag(k, 0) as usize, tag(k, INSIDE) as usize);
                let (from_b, from_i) = (prev[bg] + trans[bg * n + t], prev[ins] + trans[ins * n + t]);
                let (b, arg) = if from_i > from_b { (from_i, ins) } else { (from_b, bg) };
                cur[t] = b + emissions[i * n + t];
                back[t] = arg as u16;
            }
        }
    }
    let last = &best[(len - 1) * n..];
    let mut end = 0;
    let mut b = f32::NEG_INFINITY;
    for (t, &s) in last.iter().enumerate() {
        if !is_open(t as TagId) && s > b {
            (b, end) = (s, t);
        }
    }
    let mut path = vec![0 as TagId; len];
    path[len - 1] = end as TagId;
    for i in (1..len).rev() {
        path[i - 1] = back[i * n + path[i] as usize];
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapt::tagset::{tags_of, UNIT};

    fn features(per_token: &[&[u32]]) -> Features {
        let mut f = Features::default();
        for t in per_token {
            f.flat.extend_from_slice(t);
            f.ends.push(f.flat.len() as u32);
        }
        f
    }

    #[test]
    fn blank_weights_give_the_models_tags() {
        let p = Perceptron::new(5);
        let model = tags_of(6, &[(0..2, 1), (3..4, 3)]);
        let f = features(&[&[1], &[2], &[3], &[4], &[5], &[6]]);
        assert_eq!(p.decode(&f, &model, true), model);
        assert_eq!(p.decode(&f, &model, false), model);
    }

    #[test]
    fn learns_a_new_label() {
        let mut p = Perceptron::new(5);
        let model = vec![0; 3];
        let f = features(&[&[10], &[11, 99], &[12]]);
        let gold = vec![0, tag(4, UNIT), 0];
        for _ in 0..3 {
            p.learn(&f, &model, &gold);
        }
        let g = features(&[&[20], &[21, 99], &[22]]);
        assert_eq!(p.decode(&g, &model, true), gold);
        assert!(p.voted_labels()[4]);
    }

    #[test]
    fn growing_keeps_the_weights() {
        let mut p = Perceptron::new(4);
        let f = features(&[&[1], &[2]]);
        p.learn(&f, &[0, 0], &[tag(0, 0), tag(0, LAST)]);
        let before = p.decode(&f, &[0, 0], true);
        p.grow(6);
        assert_eq!(p.decode(&f, &[0, 0], true), before);
    }
}
