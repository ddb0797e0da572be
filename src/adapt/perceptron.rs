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
//! are learned (its tag with the word), and as a fixed prior
//! [`Settings::prior`] added to the score of the tag the model chose. With nothing
//! learned every weight is 0, the model's own path is the one best path
//! (every other path lacks the prior somewhere), and the output is the
//! model's, span for span.

use super::tagset::{allowed, continues, is_open, split, tag, tag_count, TagId, BEGIN, INSIDE, LAST, UNIT};
use crate::hash::FxMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// How the perceptron learns. The defaults were chosen by
/// `benches/learning/run --tune`, never on re3d test or wikigold dev: the
/// best micro F1 on a split of re3d train (learn 54 documents, score 20)
/// among the settings that keep CoNLL dev (learn half, score half) where
/// the model alone is (0.990).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The score the embedded model's tag gets, learned or not: large
    /// enough that a few stray updates do not overturn it, small enough
    /// that a few consistent corrections do.
    pub prior: f32,
    /// How many times one corrected document is learned in a row (at
    /// most: it stops when the tagger gets the document right).
    pub passes: u32,
    /// The step by which the features that generalize beyond a word (its
    /// form and its neighbours: the groups [`GROUP_IS_LEXICAL`] leaves
    /// out) move, where the word's own move by 1. Small, so that one correction teaches its word at once
    /// and a pattern only when corrections agree: a mark of `strikes` as
    /// a weapon should not make every plural lower-case noun one.
    pub general_rate: f32,
    /// How far the corrected tags must win by, per token, before a
    /// document counts as learned: while learning, every other tag's score
    /// gets this much more (cost-augmented decoding). Without it a
    /// perceptron stops at the least change that fixes the document, and
    /// the next sentence, a little different, is not fixed.
    pub margin: f32,
    /// The score the user's labels' tag of the same part get where the
    /// model found a name (below [`Settings::prior`]): the model's
    /// boundaries are trusted more than its label, since users relabel
    /// names as their own kinds (this `Kornet` is a WEAPON, not an ORG)
    /// more than they redraw them. Not the built-in labels: moving names
    /// among those more easily is what harms (CoNLL dev in `--tune`). 0: no
    /// trust beyond the model's own tag.
    pub label_prior: f32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { prior: 10.0, passes: 3, general_rate: 0.3, margin: 0.0, label_prior: 7.0 }
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

/// The labels numbered below this are the built-in names the model tags
/// (an adapter's label list starts with them, [`crate::adapt::Adapter`]).
const BUILT_IN: usize = crate::label::Label::NAMES.len();

/// How many groups of features a token has ([`Features`]).
pub const GROUPS_PER_TOKEN: usize = 7;

/// Per position in a token's groups ([`Features::token_groups`]): whether
/// the group names the word itself (and learns at rate 1) or generalizes
/// ([`Settings::general_rate`]). The adapter's layout
/// ([`crate::adapt::features::token_groups`]): the word's identity (with
/// its clusters: words of like meaning), its form, the model's tag with the
/// word and the phrases taught, and its neighbours at -2, -1, +1, +2.
pub const GROUP_IS_LEXICAL: [bool; GROUPS_PER_TOKEN] = [true, false, true, false, false, false, false];

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

    /// Empties it, keeping its memory.
    pub fn clear(&mut self) {
        self.flat.clear();
        self.starts.clear();
        self.starts.push(0);
        self.token_groups.clear();
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
    /// The averaged weights, made when first read after a change.
    averaged: AveragedCache,
}

/// The averaged weights laid out to be read: per feature its slice of
/// `(tag, average)` pairs. Annotating reads weights many times per
/// document; this saves a division and a pointer a weight each time.
#[derive(Debug)]
struct Averaged {
    /// A number no other [`Averaged`] of the process has ([`STAMPS`]).
    stamp: u64,
    slices: FxMap<u32, (u32, u32)>,
    entries: Vec<(TagId, f32)>,
    /// The averaged transitions.
    lattice: Lattice,
}

/// The stamps given to each [`Averaged`] made, so that what is computed
/// from one and kept (the adapter's sums per word, `adapt::word_sums`) is
/// known to be of it.
static STAMPS: AtomicU64 = AtomicU64::new(1);

/// [`Averaged`], made once after each change of the weights. Not part of
/// what a perceptron is: equal weights are equal perceptrons, made or not.
#[derive(Debug, Default)]
struct AveragedCache(OnceLock<Averaged>);

impl Clone for AveragedCache {
    fn clone(&self) -> AveragedCache {
        AveragedCache::default()
    }
}

impl PartialEq for AveragedCache {
    fn eq(&self, _: &AveragedCache) -> bool {
        true
    }
}

/// Where [`Perceptron::emissions`] reads weights from.
trait Weights {
    fn is_empty(&self) -> bool;
    /// Adds the weights of `feature` to `row` (one score per tag); whether
    /// it has any.
    fn add(&self, feature: u32, row: &mut [f32]) -> bool;
}

/// The current weights, as they are while learning.
struct Current<'p>(&'p FxMap<u32, Vec<Entry>>);

impl Weights for Current<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn add(&self, feature: u32, row: &mut [f32]) -> bool {
        let Some(entries) = self.0.get(&feature) else { return false };
        for e in entries {
            if let Some(r) = row.get_mut(e.tag as usize) {
                *r += e.w;
            }
        }
        true
    }
}

impl Weights for Averaged {
    fn is_empty(&self) -> bool {
        self.slices.is_empty()
    }

    fn add(&self, feature: u32, row: &mut [f32]) -> bool {
        let Some(&(start, end)) = self.slices.get(&feature) else { return false };
        for &(tag, w) in &self.entries[start as usize..end as usize] {
            if let Some(r) = row.get_mut(tag as usize) {
                *r += w;
            }
        }
        true
    }
}

impl Perceptron {
    /// Nothing learned, over `labels` labels.
    pub fn new(labels: usize, settings: Settings) -> Perceptron {
        let n = tag_count(labels);
        Perceptron {
            labels,
            rows: FxMap::default(),
            trans: vec![(0.0, 0.0); (n + 1) * n],
            steps: 1,
            settings,
            averaged: AveragedCache::default(),
        }
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
        self.averaged = AveragedCache::default();
    }

    /// The averaged weights ([`Averaged`]), made now if they were not.
    fn averaged(&self) -> &Averaged {
        self.averaged.0.get_or_init(|| {
            let mut out = Averaged {
                stamp: STAMPS.fetch_add(1, Ordering::Relaxed),
                slices: FxMap::default(),
                entries: Vec::new(),
                lattice: Lattice::new(self.labels, self.transitions(true)),
            };
            out.slices.reserve(self.rows.len());
            for (&feature, entries) in &self.rows {
                let start = out.entries.len() as u32;
                out.entries.extend(entries.iter().map(|e| (e.tag, self.value(e.w, e.u, true))));
                out.slices.insert(feature, (start, out.entries.len() as u32));
            }
            out
        })
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

    /// Adds the scores every token gets from the embedded model's tag
    /// `model_tag`, learned or not, to its `row` (one score per tag):
    /// [`Settings::prior`] on the tag, [`Settings::label_prior`] on the
    /// user's labels' tags of the same part.
    pub fn add_prior(&self, model_tag: TagId, row: &mut [f32]) {
        if let Some(slot) = row.get_mut(model_tag as usize) {
            *slot += self.settings.prior;
        }
        if let (Some((k, part)), true) = (split(model_tag), self.settings.label_prior != 0.0) {
            for other in (BUILT_IN..self.labels).filter(|&o| o != k) {
                row[tag(other, part) as usize] += self.settings.label_prior;
            }
        }
    }

    /// Sums the averaged weights of `features` from 0, feature by feature
    /// in order, into a new row at the end of `rows` ([`Perceptron::n_tags`]
    /// scores a row), as [`Perceptron::decode`] sums a group: the row's
    /// number, or `None` (and no row) when none has a weight.
    pub fn sum_averaged(&self, features: &[u32], rows: &mut Vec<f32>) -> Option<u32> {
        sum_row(self.averaged(), features, rows, self.n_tags())
    }

    /// A number that changes whenever the averaged weights may have (after
    /// learning, growing, reading a file), and that no other perceptron's
    /// weights have: sums of them kept under it stay right.
    pub fn averaged_stamp(&self) -> u64 {
        self.averaged().stamp
    }

    /// The emission scores of the tokens of `range`, `n_tags` per token:
    /// the weights of their features, plus [`Settings::prior`] on the
    /// model's tag. Each group's weights are summed once (`sums`, kept
    /// across calls with the same weights), and only groups with a weight
    /// get a row.
    fn emissions(
        &self,
        weights: &impl Weights,
        features: &Features,
        model_tags: &[TagId],
        range: Range<usize>,
        sums: &mut GroupSums,
    ) -> Vec<f32> {
        let n = self.n_tags();
        let mut out = vec![0f32; range.len() * n];
        for (row, &t) in out.chunks_exact_mut(n).zip(&model_tags[range.clone()]) {
            self.add_prior(t, row);
        }
        if weights.is_empty() {
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
                    slot = sum_row(weights, features.group(g), &mut sums.rows, n).unwrap_or(GroupSums::NONE);
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
        let current = (!averaged).then(|| Lattice::new(self.labels, self.transitions(false)));
        let lattice = current.as_ref().unwrap_or_else(|| &self.averaged().lattice);
        let mut sums = GroupSums::default();
        let mut out = Vec::with_capacity(features.len());
        for r in segments {
            let emissions = if averaged {
                self.emissions(self.averaged(), features, model_tags, r.clone(), &mut sums)
            } else {
                self.emissions(&Current(&self.rows), features, model_tags, r.clone(), &mut sums)
            };
            out.extend(lattice.best_path(&emissions));
        }
        out
    }

    /// The best tags of a document, segment by segment (`segments` cover
    /// the tokens in order), from its emission scores with the averaged
    /// weights (`n_tags` per token, [`Perceptron::add_prior`] and every
    /// group's weights in them, as [`Perceptron::decode`] sums them).
    pub fn best_tags(&self, emissions: &[f32], segments: &[Range<usize>]) -> Vec<TagId> {
        let (n, lattice) = (self.n_tags(), &self.averaged().lattice);
        let mut out = Vec::with_capacity(emissions.len() / n);
        TRELLIS.with(|trellis| {
            let trellis = &mut trellis.borrow_mut();
            for r in segments {
                lattice.best_path_into(&emissions[r.start * n..r.end * n], trellis, &mut out);
            }
        });
        out
    }

    /// Learns one corrected document, segment by segment (each segment an
    /// example): decodes it with the current weights and, where the tags
    /// differ from `gold`, moves the weights of the gold tags' features up
    /// and the predicted ones' down. Returns the tokens it got wrong.
    pub fn learn(&mut self, features: &Features, model_tags: &[TagId], gold: &[TagId], segments: &[Range<usize>]) -> usize {
        self.averaged = AveragedCache::default();
        let mut wrong = 0;
        for r in segments {
            let lattice = Lattice::new(self.labels, self.transitions(false));
            let mut emissions = self.emissions(&Current(&self.rows), features, model_tags, r.clone(), &mut GroupSums::default());
            let gold = &gold[r.clone()];
            if self.settings.margin != 0.0 {
                let n = self.n_tags();
                for (row, &g) in emissions.chunks_exact_mut(n).zip(gold) {
                    for (t, e) in row.iter_mut().enumerate() {
                        if t != g as usize {
                            *e += self.settings.margin;
                        }
                    }
                }
            }
            let pred = lattice.best_path(&emissions);
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
        for i in 0..pred.len() {
            let (p, g) = (pred[i], gold[i]);
            if p != g {
                for (&group, &lexical) in features.token_groups[start + i].iter().zip(&GROUP_IS_LEXICAL) {
                    let rate = if lexical { 1.0 } else { self.settings.general_rate };
                    for &f in features.group(group) {
                        self.bump(f, g, rate, step);
                        self.bump(f, p, -rate, step);
                    }
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

/// Sums the weights of `features` from 0, feature by feature in order, into
/// a new row at the end of `rows` (`n` scores a row): its number, or `None`
/// (and no row) when none has a weight.
fn sum_row(weights: &impl Weights, features: &[u32], rows: &mut Vec<f32>, n: usize) -> Option<u32> {
    let base = rows.len();
    rows.resize(base + n, 0.0);
    let mut any = false;
    for &f in features {
        any |= weights.add(f, &mut rows[base..]);
    }
    if any {
        Some((base / n) as u32)
    } else {
        rows.truncate(base);
        None
    }
}

/// The transition scores of [`Perceptron::transitions`] and what Viterbi
/// needs of them: the tags that start something (O, B, U), those that
/// close something (O, L, U), and which paths cannot lead ([`Dominance`]).
#[derive(Debug)]
struct Lattice {
    labels: usize,
    trans: Vec<f32>,
    starting: Vec<usize>,
    /// Per label: [`Continuing`].
    continuing: Vec<Continuing>,
    dominance: Dominance,
}

impl Lattice {
    fn new(labels: usize, trans: Vec<f32>) -> Lattice {
        let n = tag_count(labels);
        let starting: Vec<usize> = (0..n).filter(|&t| !continues(t as TagId)).collect();
        let closing: Vec<usize> = (0..n).filter(|&t| !is_open(t as TagId)).collect();
        // The order [`Dominance::survivors`] reads them in.
        debug_assert!(closing.iter().skip(1).step_by(2).enumerate().all(|(k, &t)| t == tag(k, LAST) as usize));
        let dominance = Dominance::new(n, &trans, &starting, &closing);
        let continuing = (0..labels)
            .map(|k| {
                let (begin, inside) = (tag(k, BEGIN) as usize * n, tag(k, INSIDE) as usize * n);
                let into = |part| [trans[begin + tag(k, part) as usize], trans[inside + tag(k, part) as usize]];
                Continuing { inside: into(INSIDE), last: into(LAST) }
            })
            .collect();
        Lattice { labels, trans, starting, continuing, dominance }
    }

    /// The best tag path over a segment under the BILOU rule, from
    /// `n_tags` emission scores per token. Ties go to the lower tag. Only
    /// the allowed transitions are tried: a starting tag after a closing
    /// one, an I or L after its label's B or I.
    ///
    /// A closing tag whose path is worse than the best closing tag's by
    /// more than the most its transitions can make up cannot be the best
    /// way into any next tag, and is not tried: with the model's prior on
    /// one tag a token, most of the 13 or more are not. The path is the one
    /// of trying them all, to the bit.
    fn best_path(&self, emissions: &[f32]) -> Vec<TagId> {
        let mut path = Vec::new();
        self.best_path_into(emissions, &mut Trellis::default(), &mut path);
        path
    }

    /// [`Lattice::best_path`], appended to `path`, in the memory of `trellis`.
    ///
    /// A token's row is read as O and then one chunk of B, I, L, U per
    /// label ([`tag`]), so that the loops run over slices of known length
    /// rather than over lists of tags: this is the adapter's hottest loop.
    fn best_path_into(&self, emissions: &[f32], trellis: &mut Trellis, path: &mut Vec<TagId>) {
        let n = tag_count(self.labels);
        let len = emissions.len() / n;
        if len == 0 {
            return;
        }
        let Trellis { tried, best, back } = trellis;
        // Only the last token's scores are kept, in one half of `best`,
        // the next token's written in the other (every tag each token).
        best.clear();
        best.resize(2 * n, f32::NEG_INFINITY);
        back.clear();
        back.resize(len * n, 0);
        for ((b, &e), &t) in best[..n].iter_mut().zip(&emissions[..n]).zip(&self.trans[n * n..]) {
            *b = e + t;
        }
        for i in 1..len {
            let (even, odd) = best.split_at_mut(n);
            let (prev, cur) = if i % 2 == 1 { (&*even, odd) } else { (&*odd, even) };
            let back = &mut back[i * n..(i + 1) * n];
            let e = &emissions[i * n..(i + 1) * n];
            self.dominance.survivors(prev, tried);
            match tried[..] {
                // One way in, a path of a score (most tokens: the model's
                // prior puts one tag far ahead): every starting tag comes
                // from it, as the loop below would find.
                [p] if prev[p] > f32::NEG_INFINITY => {
                    let (score, from, tr) = (prev[p], p as u16, &self.trans[p * n..(p + 1) * n]);
                    cur[0] = score + tr[0] + e[0];
                    back[0] = from;
                    for (((c, b), tr), e) in chunks_mut(cur).zip(chunks_mut(back)).zip(chunks(tr)).zip(chunks(e)) {
                        for part in [BEGIN, UNIT].map(usize::from) {
                            c[part] = score + tr[part] + e[part];
                            b[part] = from;
                        }
                    }
                }
                _ => {
                    for &t in &self.starting {
                        let (mut b, mut arg) = (f32::NEG_INFINITY, 0);
                        for &p in tried.iter() {
                            let s = prev[p] + self.trans[p * n + t];
                            if s > b {
                                (b, arg) = (s, p);
                            }
                        }
                        cur[t] = b + e[t];
                        back[t] = arg as u16;
                    }
                }
            }
            // An I or L comes from its label's B or I.
            let rows = chunks_mut(cur).zip(chunks_mut(back)).zip(chunks(prev)).zip(chunks(e)).zip(&self.continuing);
            for (k, ((((c, b), p), e), into)) in rows.enumerate() {
                let (begin, inside) = (tag(k, BEGIN), tag(k, INSIDE));
                for (part, [from_begin, from_inside]) in [(INSIDE, into.inside), (LAST, into.last)] {
                    let part = usize::from(part);
                    let (via_begin, via_inside) = (p[0] + from_begin, p[1] + from_inside);
                    let (s, arg) = if via_inside > via_begin { (via_inside, inside) } else { (via_begin, begin) };
                    c[part] = s + e[part];
                    b[part] = arg;
                }
            }
        }
        let last = &best[(len - 1) % 2 * n..][..n];
        let mut end = 0;
        let mut b = f32::NEG_INFINITY;
        for (t, &s) in last.iter().enumerate() {
            if !is_open(t as TagId) && s > b {
                (b, end) = (s, t);
            }
        }
        let at = path.len();
        path.resize(at + len, 0);
        let path = &mut path[at..];
        path[len - 1] = end as TagId;
        for i in (1..len).rev() {
            path[i - 1] = back[i * n + path[i] as usize];
        }
    }
}

/// A token's row past its O: one chunk of B, I, L, U per label.
fn chunks<T>(row: &[T]) -> std::slice::ChunksExact<'_, T> {
    row[1..].chunks_exact(4)
}

/// [`chunks`], to write.
fn chunks_mut<T>(row: &mut [T]) -> std::slice::ChunksExactMut<'_, T> {
    row[1..].chunks_exact_mut(4)
}

/// The transitions into a label's I and L from its B and I (the only ones
/// allowed): `[from B, from I]` each.
#[derive(Debug, Clone, Copy)]
struct Continuing {
    inside: [f32; 2],
    last: [f32; 2],
}

thread_local! {
    /// [`Perceptron::best_tags`]'s memory, kept from document to document.
    static TRELLIS: std::cell::RefCell<Trellis> = std::cell::RefCell::default();
}

/// The memory [`Lattice::best_path_into`] works in, kept from segment to
/// segment: the closing tags tried, each tag's best score at the last two
/// tokens, and the tag before each tag, per token.
#[derive(Default)]
struct Trellis {
    tried: Vec<usize>,
    best: Vec<f32>,
    back: Vec<u16>,
}

/// For each pair of closing tags `p`, `q`: the most a path through `p`
/// can gain on one through `q` at the next tag, `max over starting t of
/// trans[p][t] - trans[q][t]`, with room for rounding. A path into `p`
/// behind the one into `q` by more is behind it into every next tag.
#[derive(Debug)]
struct Dominance {
    /// Per closing tag `q` (by its place in `closing`), per closing tag
    /// `p`: the gain of `p` over `q` (read for one `q` a token).
    gain_over: Vec<f32>,
    closing: usize,
}

impl Dominance {
    /// How much more than [`Dominance::gain`] a path must be behind before
    /// it is left out: sums of a few dozen weights of tens round by far
    /// less, so a path left out is behind in exact arithmetic and in `f32`.
    const ROUNDING: f32 = 1e-2;

    fn new(n: usize, trans: &[f32], starting: &[usize], closing: &[usize]) -> Dominance {
        let mut gain_over = vec![f32::INFINITY; closing.len() * closing.len()];
        for (pi, &p) in closing.iter().enumerate() {
            for (qi, &q) in closing.iter().enumerate() {
                let most = starting.iter().map(|&t| trans[p * n + t] - trans[q * n + t]).fold(f32::NEG_INFINITY, f32::max);
                // Every transition between these is allowed (finite); were
                // one not, nothing could be said: no pruning.
                if most.is_finite() {
                    gain_over[qi * closing.len() + pi] = most + Dominance::ROUNDING;
                }
            }
        }
        Dominance { gain_over, closing: closing.len() }
    }

    /// The closing tags that may still be the best way into a next tag,
    /// given the scores `prev` of the paths into each tag, in order. The
    /// closing tags are O and each label's L and U, in the order of
    /// [`tag`]: O first, then L and U label by label, as `gain_over` is
    /// laid out.
    fn survivors(&self, prev: &[f32], out: &mut Vec<usize>) {
        out.clear();
        let (last, unit) = (usize::from(LAST), usize::from(UNIT));
        let (mut qi, mut top) = (0, f32::NEG_INFINITY);
        if prev[0] > top {
            top = prev[0];
        }
        for (k, c) in chunks(prev).enumerate() {
            if c[last] > top {
                (qi, top) = (1 + 2 * k, c[last]);
            }
            if c[unit] > top {
                (qi, top) = (2 + 2 * k, c[unit]);
            }
        }
        let gains = &self.gain_over[qi * self.closing..(qi + 1) * self.closing];
        // A NaN (paths of -inf) keeps the tag: it is left out only when
        // surely behind.
        let kept = |i: usize, score: f32, gain: f32| i == qi || (top - score).partial_cmp(&gain) != Some(std::cmp::Ordering::Greater);
        if kept(0, prev[0], gains[0]) {
            out.push(0);
        }
        for (k, (c, g)) in chunks(prev).zip(gains[1..].chunks_exact(2)).enumerate() {
            if kept(1 + 2 * k, c[last], g[0]) {
                out.push(tag(k, LAST) as usize);
            }
            if kept(2 + 2 * k, c[unit], g[1]) {
                out.push(tag(k, UNIT) as usize);
            }
        }
    }
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

    /// The best path trying every allowed transition, for comparing.
    fn exhaustive(labels: usize, trans: &[f32], emissions: &[f32]) -> Vec<TagId> {
        let n = tag_count(labels);
        let len = emissions.len() / n;
        let mut best = vec![f32::NEG_INFINITY; len * n];
        let mut back = vec![0 as TagId; len * n];
        best[..n].copy_from_slice(&std::array::from_fn::<f32, 64, _>(|t| if t < n { emissions[t] + trans[n * n + t] } else { 0.0 })[..n]);
        for i in 1..len {
            for t in 0..n {
                let (mut b, mut arg) = (f32::NEG_INFINITY, if continues(t as TagId) { tag((t - 1) / 4, 0) as usize } else { 0 });
                for p in (0..n).filter(|&p| allowed(Some(p as TagId), t as TagId)) {
                    let s = best[(i - 1) * n + p] + trans[p * n + t];
                    if s > b {
                        (b, arg) = (s, p);
                    }
                }
                best[i * n + t] = b + emissions[i * n + t];
                back[i * n + t] = arg as TagId;
            }
        }
        let mut end = 0;
        for t in (0..n).filter(|&t| !is_open(t as TagId)) {
            if best[(len - 1) * n + t] > best[(len - 1) * n + end] {
                end = t;
            }
        }
        let mut path = vec![end as TagId; len];
        for i in (1..len).rev() {
            path[i - 1] = back[i * n + path[i] as usize];
        }
        path
    }

    proptest::proptest! {
        /// Leaving out the closing tags that cannot lead changes no path:
        /// any transitions, any scores (with ties: whole numbers), and a
        /// prior on one tag a token as the model gives.
        #[test]
        fn pruning_gives_the_path_of_trying_every_tag(
            labels in 1usize..7,
            seed in proptest::collection::vec(-6i32..7, 16..400),
            prior in proptest::prop_oneof![proptest::strategy::Just(0.0f32), proptest::strategy::Just(10.0f32)],
        ) {
            let n = tag_count(labels);
            let pick = |k: usize| seed[k % seed.len()] as f32 * if k.is_multiple_of(3) { 0.5 } else { 1.0 };
            let mut trans = vec![f32::NEG_INFINITY; (n + 1) * n];
            for p in 0..=n {
                for t in 0..n {
                    if allowed((p < n).then_some(p as TagId), t as TagId) {
                        trans[p * n + t] = pick(p * 31 + t * 7);
                    }
                }
            }
            let len = 1 + seed.len() / 4;
            let mut emissions: Vec<f32> = (0..len * n).map(|k| pick(k * 13 + 5)).collect();
            for i in 0..len {
                emissions[i * n + (seed[i % seed.len()].unsigned_abs() as usize % n)] += prior;
            }
            let lattice = Lattice::new(labels, trans.clone());
            proptest::prop_assert_eq!(lattice.best_path(&emissions), exhaustive(labels, &trans, &emissions));
        }
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
