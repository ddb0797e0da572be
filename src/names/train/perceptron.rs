//! The averaged structured perceptron: the weights being learned (one row
//! per feature kept, and the transitions), an epoch of updates over the
//! training documents, and the export of the averaged weights to a
//! quantized [`Model`].

use super::clusters::Clusters;
use super::prepare::Prepared;
use crate::error::Error;
use crate::hash::Rng;
use crate::names::decode;
use crate::names::history::History;
use crate::names::model::{cluster_key, Model, Scorer};
use crate::names::tags::{transition_row, Tag, N_TAGS};
use crate::names::templates;
use std::collections::HashMap;

/// The weights being learned, with the sums for averaging.
pub(super) struct Perceptron {
    pub(super) rows: HashMap<u32, u32>,
    pub(super) keys: Vec<u32>,
    pub(super) w: Vec<f32>,
    /// Sum over updates of (step * delta), for the averaged weights.
    pub(super) u: Vec<f64>,
    pub(super) trans: Vec<f32>,
    pub(super) trans_u: Vec<f64>,
    pub(super) step: u64,
}

impl Perceptron {
    fn update(&mut self, feature: u32, tag: Tag, delta: f32) {
        if let Some(&r) = self.rows.get(&feature) {
            let k = r as usize * N_TAGS + tag.index();
            self.w[k] += delta;
            self.u[k] += self.step as f64 * delta as f64;
        }
    }

    fn update_trans(&mut self, prev: Option<Tag>, next: Tag, delta: f32) {
        let k = transition_row(prev) * N_TAGS + next.index();
        self.trans[k] += delta;
        self.trans_u[k] += self.step as f64 * delta as f64;
    }

    /// The averaged weights: w - u / step.
    pub(super) fn averaged(&self) -> Averaged<'_> {
        let c = self.step.max(1) as f64;
        Averaged {
            rows: &self.rows,
            w: self.w.iter().zip(&self.u).map(|(&w, &u)| (w as f64 - u / c) as f32).collect(),
            trans: self.trans.iter().zip(&self.trans_u).map(|(&w, &u)| (w as f64 - u / c) as f32).collect(),
        }
    }
}

/// Adds the weight row of `feature`, if it has one, to `scores`: the
/// emission lookup of both the live and the averaged weights.
fn add_row(rows: &HashMap<u32, u32>, w: &[f32], feature: u32, scores: &mut [f32; N_TAGS]) {
    if let Some(&r) = rows.get(&feature) {
        let row = &w[r as usize * N_TAGS..(r as usize + 1) * N_TAGS];
        for (s, w) in scores.iter_mut().zip(row) {
            *s += w;
        }
    }
}

impl Scorer for Perceptron {
    fn add(&self, feature: u32, scores: &mut [f32; N_TAGS]) {
        add_row(&self.rows, &self.w, feature, scores);
    }

    fn transition(&self, prev: Option<Tag>, next: Tag) -> f32 {
        self.trans[transition_row(prev) * N_TAGS + next.index()]
    }
}

/// Averaged weights, as scored for dev evaluation and exported.
pub(super) struct Averaged<'p> {
    pub(super) rows: &'p HashMap<u32, u32>,
    pub(super) w: Vec<f32>,
    pub(super) trans: Vec<f32>,
}

impl Scorer for Averaged<'_> {
    fn add(&self, feature: u32, scores: &mut [f32; N_TAGS]) {
        add_row(self.rows, &self.w, feature, scores);
    }

    fn transition(&self, prev: Option<Tag>, next: Tag) -> f32 {
        self.trans[transition_row(prev) * N_TAGS + next.index()]
    }
}

impl Perceptron {
    /// Zero weights over the features of `docs` seen at least `min_count`
    /// times (rows in first-seen order), plus every history feature.
    pub(super) fn new(docs: &[&Prepared], min_count: u32) -> Perceptron {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let mut order: Vec<u32> = Vec::new();
        for d in docs {
            for f in d.feats.all() {
                let c = counts.entry(*f).or_insert_with(|| {
                    order.push(*f);
                    0
                });
                *c += 1;
            }
        }
        let mut keys: Vec<u32> = order.into_iter().filter(|f| counts[f] >= min_count).collect();
        for f in templates::all_history_features() {
            if !counts.contains_key(&f) {
                keys.push(f);
            }
        }
        let rows: HashMap<u32, u32> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
        Perceptron {
            w: vec![0.0; keys.len() * N_TAGS],
            u: vec![0.0; keys.len() * N_TAGS],
            trans: vec![0.0; (N_TAGS + 1) * N_TAGS],
            trans_u: vec![0.0; (N_TAGS + 1) * N_TAGS],
            rows,
            keys,
            step: 1,
        }
    }

    /// One pass over `docs` in an order drawn from `rng`; returns the number
    /// of sentences decoded wrong.
    pub(super) fn epoch(&mut self, docs: &[&Prepared], rng: &mut Rng) -> usize {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        rng.shuffle(&mut order);
        let mut mistakes = 0usize;
        let mut history = History::default();
        for &di in &order {
            let d = docs[di];
            // Decode the document with the current weights (the history
            // sees the predictions, as it will at inference), then update
            // sentence by sentence; the averaging step advances per sentence.
            let mut pending = Vec::new();
            decode::decode_doc(&*self, &d.doc, &d.feats, &mut history, |range, hist, _, pred| {
                pending.push((range, hist.to_vec(), pred.to_vec()));
            });
            for (range, hist, pred) in pending {
                let gold = &d.gold[range.clone()];
                if gold != pred.as_slice() {
                    mistakes += 1;
                    for k in 0..gold.len() {
                        if gold[k] != pred[k] {
                            for &h in d.feats.get(range.start + k).iter().chain(&hist[k]) {
                                self.update(h, gold[k], 1.0);
                                self.update(h, pred[k], -1.0);
                            }
                        }
                        let gp = if k == 0 { None } else { Some(gold[k - 1]) };
                        let pp = if k == 0 { None } else { Some(pred[k - 1]) };
                        if gp != pp || gold[k] != pred[k] {
                            self.update_trans(gp, gold[k], 1.0);
                            self.update_trans(pp, pred[k], -1.0);
                        }
                    }
                }
                self.step += 1;
            }
        }
        mistakes
    }
}

/// `row` rounded to at most 127 equal steps each way, so that the model
/// file stores it in a byte a weight (`names::model`): the decoder's sums
/// barely move (dev F1 in docs/tagger.md), the file shrinks by a third.
fn in_steps(row: Vec<i16>) -> Vec<i16> {
    let max = row.iter().map(|w| w.unsigned_abs()).max().unwrap_or(0);
    if max <= 127 {
        return row;
    }
    let step = max.div_ceil(127) as i32;
    let most = (i16::MAX as i32 / step).min(127);
    row.iter().map(|&w| ((w as f32 / step as f32).round() as i32).clamp(-most, most) as i16 * step as i16).collect()
}

/// Quantizes the averaged weights to i16, in at most 127 steps a row, and
/// drops rows that became zero.
pub(super) fn export(keys: &[u32], w: &[f32], trans: &[f32], clusters: &Clusters, prune: f32) -> Result<Model, Error> {
    let max = w.iter().chain(trans).fold(0f32, |m, &x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
    let q = |x: f32| (x / scale).round().clamp(-32767.0, 32767.0) as i16;
    // Weights below this many quanta are noise for the decoder.
    let mut rows: Vec<(u32, Vec<i16>)> = keys
        .iter()
        .enumerate()
        .filter(|&(r, _)| w[r * N_TAGS..(r + 1) * N_TAGS].iter().any(|x| x.abs() >= prune))
        .map(|(r, &k)| (k, in_steps(w[r * N_TAGS..(r + 1) * N_TAGS].iter().map(|&x| q(x)).collect())))
        .filter(|(_, row)| row.iter().any(|&x| x != 0))
        .collect();
    rows.sort_by_key(|(k, _)| *k);
    rows.dedup_by_key(|(k, _)| *k);
    let (keys, weights): (Vec<u32>, Vec<Vec<i16>>) = rows.into_iter().unzip();
    let weights = weights.concat();
    let transitions = trans.iter().map(|&x| q(x)).collect();
    let mut centries: Vec<(u32, u16)> = clusters.entries().map(|(w, c)| (cluster_key(w), c)).collect();
    centries.sort();
    centries.dedup_by_key(|(k, _)| *k);
    let (ckeys, cvalues) = centries.into_iter().unzip();
    Model::new(scale, keys, weights, transitions, ckeys, cvalues)
}
