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
//! [`Settings::prior`] added to the score of the tag the model chose. With nothing
//! learned every weight is 0, the model's own path is the one best path
//! (every other path lacks the prior somewhere), and the output is the
//! model's, span for span.

use super::tagset::{allowed, continues, is_open, split, tag, tag_count, TagId, BEGIN, INSIDE, LAST, UNIT};
use crate::hash::FxMap;
use std::ops::Range;

/// How the perceptron learns. The defaults were chosen on a split of
/// re3d train (`benches/learning/run --tune`), never on re3d test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The score the embedded model's tag gets, learned or not: large
    /// enough that a few stray updates do not overturn it, small enough
    /// that a few consistent corrections do.
    pub prior: f32,
    /// How many times one corrected document is learned in a row (at
    /// most: it stops when the tagger gets the document right).
    pub passes: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { prior: 3.0, passes: 3 }
    }
}

/// One weight of one feature: for tag `tag`, the value `w` and the sum `u`
/// of its updates each times its step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    pub tag: TagId,
    pub w: f32,
    pub u: f32,
}

/// How many groups of features a token has ([`Features`]).
pub const GROUPS_PER_TOKEN: usize = 6;

/// The features of every token of a document, in groups that many tokens
/// share: a word's own features, its features as the neighbour at each
/// offset, and each token's own (the model's tag). Scores are summed once
/// per group, not once per token: a document repeats its words.
#[derive(Default, Debug)]
pub struct Features {
    /// Every group's feature hashes; group `g` is `flat[starts[g]..starts[g + 1]]`.
    pub flat: Vec<u32>,
    pub starts: Vec<u32>,
    /// Per token: its groups.
    pub token_groups: Vec<[u32; GROUPS_PER_TOKEN]>,
}

impl Features {
    pub fn new() -> Features {
        Features { flat: Vec::new(), starts: vec![0], token_groups: Vec::new() }
    }

    /// Closes the group of the features pushed since the last one; returns
    /// its number.
    pub fn close_group(&mut self) -> u32 {
        self.starts.push(self.flat.len() as u32);
        (self.starts.len() - 2) as u32
    }

    pub fn n_groups(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn group(&self, g: u32) -> &[u32] {
        &self.flat[self.starts[g as usize] as usize..self.starts[g as usize + 1] as usize]
    }

    pub fn len(&self) -> usize {
        self.token_groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.token_groups.is_empty()
    }

    /// Every feature of token `i`.
    pub fn get(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        self.token_groups[i].iter().flat_map(move |&g| self.group(g).iter().copied())
    }
}

/// The summed weights of the groups of one document ([`Perceptron::emissions`]).
#[derive(Default)]
struct GroupSums {
    /// Per group: its row in `rows`, [`GroupSums::NONE`] (no weight) or
    /// [`GroupSums::NOT_YET`].
    slot_of: Vec<u32>,
    rows: Vec<f32>,
}

impl GroupSums {
    const NONE: u32 = u32::MAX;
    const NOT_YET: u32 = u32::MAX - 1;
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
    pub(crate) settings: Settings,
}

impl Perceptron {
    /// Nothing learned, over `labels` labels.
    pub fn new(labels: usize, settings: Settings) -> Perceptron {
        let n = tag_count(labels);
        Perceptron { labels, rows: FxMap::default(), trans: vec![(0.0, 0.0); (n + 1) * n], steps: 1, settings }
    }

    pub fn settings(&self) -> Settings {
        self.settings
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

    /// The emission scores of the tokens of `range`, `n_tags` per token:
    /// the weights of their features, plus [`Settings::prior`] on the
    /// model's tag. Each group's weights are summed once (`sums`, kept
    /// across calls with the same weights), and only groups with a weight
    /// get a row.
    fn emissions(&self, features: &Features, model_tags: &[TagId], range: Range<usize>, averaged: bool, sums: &mut GroupSums) -> Vec<f32> {
        let n = self.n_tags();
        let mut out = vec![0f32; range.len() * n];
        for (row, &t) in out.chunks_exact_mut(n).zip(&model_tags[range.clone()]) {
            if let Some(slot) = row.get_mut(t as usize) {
                *slot += self.settings.prior;
            }
        }
        if self.rows.is_empty() {
            return out;
        }
        if sums.slot_of.len() != features.n_groups() {
            sums.slot_of = vec![GroupSums::NOT_YET; features.n_groups()];
            sums.rows.clear();
        }
        for (row, groups) in out.chunks_exact_mut(n).zip(&features.token_groups[range]) {
            for &g in groups {
                let mut slot = sums.slot_of[g as usize];
                if slot == GroupSums::NOT_YET {
                    slot = GroupSums::NONE;
                    for f in features.group(g) {
                        if let Some(entries) = self.rows.get(f) {
                            if slot == GroupSums::NONE {
                                slot = (sums.rows.len() / n) as u32;
                                sums.rows.resize(sums.rows.len() + n, 0.0);
                            }
                            let base = slot as usize * n;
                            for e in entries.iter().filter(|e| (e.tag as usize) < n) {
                                sums.rows[base + e.tag as usize] += self.value(e.w, e.u, averaged);
                            }
                        }
                    }
                    sums.slot_of[g as usize] = slot;
                }
                if slot != GroupSums::NONE {
                    for (r, s) in row.iter_mut().zip(&sums.rows[slot as usize * n..(slot as usize + 1) * n]) {
                        *r += s;
                    }
                }
            }
        }
        out
    }

    /// The best tags of the document, segment by segment (`segments`
    /// cover the tokens in order): averaged weights to annotate, the
    /// current ones while learning.
    pub fn decode(&self, features: &Features, model_tags: &[TagId], segments: &[Range<usize>], averaged: bool) -> Vec<TagId> {
        let trans = self.transitions(averaged);
        let mut sums = GroupSums::default();
        let mut out = Vec::with_capacity(features.len());
        for r in segments {
            let emissions = self.emissions(features, model_tags, r.clone(), averaged, &mut sums);
            out.extend(viterbi(self.labels, &trans, &emissions));
        }
        out
    }

    /// Learns one corrected document, segment by segment (each segment an
    /// example): decodes it with the current weights and, where the tags
    /// differ from `gold`, moves the weights of the gold tags' features up
    /// and the predicted ones' down. Returns the tokens it got wrong.
    pub fn learn(&mut self, features: &Features, model_tags: &[TagId], gold: &[TagId], segments: &[Range<usize>]) -> usize {
        let mut wrong = 0;
        for r in segments {
            let trans = self.transitions(false);
            let emissions = self.emissions(features, model_tags, r.clone(), false, &mut GroupSums::default());
            let pred = viterbi(self.labels, &trans, &emissions);
            let gold = &gold[r.clone()];
            let w = pred.iter().zip(gold).filter(|(p, g)| p != g).count();
            wrong += w;
            if w > 0 {
                self.update(features, r.start, &pred, gold);
            }
            self.steps = self.steps.saturating_add(1);
        }
        wrong
    }

    /// The update of one segment starting at token `start`.
    fn update(&mut self, features: &Features, start: usize, pred: &[TagId], gold: &[TagId]) {
        let step = self.steps as f32;
        let n = self.n_tags();
        let mut token = Vec::new();
        for i in 0..pred.len() {
            let (p, g) = (pred[i], gold[i]);
            if p != g {
                token.clear();
                token.extend(features.get(start + i));
                for &f in &token {
                    self.bump(f, g, 1.0, step);
                    self.bump(f, p, -1.0, step);
                }
            }
            let before = |tags: &[TagId]| if i == 0 { n } else { tags[i - 1] as usize };
            let (pp, gp) = (before(pred), before(gold));
            if (pp, p) != (gp, g) {
                // A gold pair the rule forbids (a hand-made span cut by
                // a segment's end) has no weight.
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
                    if (part == BEGIN || part == UNIT) && self.value(e.w, e.u, true) > 0.0 {
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
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::adapt::tagset::tags_of;

    fn features(per_token: &[&[u32]]) -> Features {
        let mut f = Features::new();
        for t in per_token {
            f.flat.extend_from_slice(t);
            let g = f.close_group();
            f.token_groups.push([g; GROUPS_PER_TOKEN]);
        }
        f
    }

    #[test]
    fn blank_weights_give_the_models_tags() {
        let p = Perceptron::new(5, Settings::default());
        let model = tags_of(6, &[(0..2, 1), (3..4, 3)]);
        let f = features(&[&[1], &[2], &[3], &[4], &[5], &[6]]);
        assert_eq!(p.decode(&f, &model, &[0..model.len()], true), model);
        assert_eq!(p.decode(&f, &model, &[0..model.len()], false), model);
    }

    #[test]
    fn learns_a_new_label() {
        let mut p = Perceptron::new(5, Settings::default());
        let model = vec![0; 3];
        let f = features(&[&[10], &[11, 99], &[12]]);
        let gold = vec![0, tag(4, UNIT), 0];
        for _ in 0..3 {
            p.learn(&f, &model, &gold, &[0..3]);
        }
        let g = features(&[&[20], &[21, 99], &[22]]);
        assert_eq!(p.decode(&g, &model, &[0..3], true), gold);
        assert!(p.voted_labels()[4]);
    }

    #[test]
    fn growing_keeps_the_weights() {
        let mut p = Perceptron::new(4, Settings::default());
        let f = features(&[&[1], &[2]]);
        p.learn(&f, &[0, 0], &[tag(0, 0), tag(0, LAST)], &[0..2]);
        let before = p.decode(&f, &[0, 0], &[0..2], true);
        p.grow(6);
        assert_eq!(p.decode(&f, &[0, 0], &[0..2], true), before);
    }
}
