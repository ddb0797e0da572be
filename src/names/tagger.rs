//! The sequence tagger: BILOU tags, Viterbi decoding over each sentence
//! with the allowed transitions only, and document-level history.
//!
//! The decoder is generic over [`Scorer`], so training (float weights
//! being learned) and inference (the quantized model) share it.

use crate::names::features::{self, ContextParts, Doc, History, LineCase, StaticFeatures};
use crate::names::lexemes::{Lexemes, OwnVariant, WordSums};
use crate::names::model::Model;
pub use crate::names::tags::{allowed, entities, may_end, tags_of, N_TAGS};
use crate::names::tags::{transition_row, EntityType, Part, Tag, WordId, ALLOWED, STARTING};
use std::ops::Range;

/// Weights the decoder asks for.
pub trait Scorer {
    /// Adds the weights of feature `feature` to `scores` (one per tag).
    fn add(&self, feature: u32, scores: &mut [f32; N_TAGS]);
    /// The weight of the transition `prev -> next` (`prev` `None`: the
    /// sentence start).
    fn transition(&self, prev: Option<Tag>, next: Tag) -> f32;

    /// Every transition weight, `-inf` where the transition is not allowed.
    fn transition_table(&self) -> [[f32; N_TAGS]; N_TAGS + 1] {
        let mut table = [[f32::NEG_INFINITY; N_TAGS]; N_TAGS + 1];
        for (p, row) in table.iter_mut().enumerate() {
            let prev = Tag::from_index(p);
            for (&next, w) in Tag::ALL.iter().zip(row) {
                let ok = match prev {
                    Some(prev) => ALLOWED[prev.index()][next.index()],
                    None => allowed(None, next),
                };
                if ok {
                    *w = self.transition(prev, next);
                }
            }
        }
        table
    }
}

/// Viterbi over one sentence, from per-token emission scores and the
/// transition table (`-inf`: not allowed; row `N_TAGS`: the start).
pub fn viterbi(trans: &[[f32; N_TAGS]; N_TAGS + 1], emissions: &[[f32; N_TAGS]], out: &mut Vec<Tag>) {
    Viterbi::default().run(trans, emissions, out)
}

/// [`viterbi`] with its tables kept between sentences (no allocation per
/// sentence).
#[derive(Default)]
pub struct Viterbi {
    best: Vec<[f32; N_TAGS]>,
    back: Vec<[u8; N_TAGS]>,
}

impl Viterbi {
    /// A decoder whose tables hold sentences of `tokens` without growing.
    pub fn with_capacity(tokens: usize) -> Viterbi {
        Viterbi { best: Vec::with_capacity(tokens), back: Vec::with_capacity(tokens) }
    }

    pub fn run(&mut self, trans: &[[f32; N_TAGS]; N_TAGS + 1], emissions: &[[f32; N_TAGS]], out: &mut Vec<Tag>) {
        out.clear();
        let n = emissions.len();
        if n == 0 {
            return;
        }
        const NEG: f32 = f32::NEG_INFINITY;
        let (best, back) = (&mut self.best, &mut self.back);
        best.clear();
        best.resize(n, [NEG; N_TAGS]);
        back.clear();
        back.resize(n, [0u8; N_TAGS]);
        for ((b, &e), &w) in best[0].iter_mut().zip(&emissions[0]).zip(&trans[transition_row(None)]) {
            *b = e + w;
        }
        // The allowed transitions only (the others are `-inf` and never
        // chosen): a tag that starts something (O, B, U) follows a tag
        // that ends something (O, L, U), and an I or L of a type follows
        // the B or I of that type. 97 sums a step instead of 289.
        let rows = starts::Rows::of(trans);
        for i in 1..n {
            let prev = best[i - 1];
            let mut b = [NEG; N_TAGS];
            let mut arg = [0u8; N_TAGS];
            let (start_best, start_arg) = rows.best(&prev);
            for (k, &t) in STARTING.iter().enumerate() {
                b[t.index()] = start_best[k];
                arg[t.index()] = start_arg[k];
            }
            for ty in EntityType::ALL {
                let (begin, inside) = (Tag::new(ty, Part::Begin).index(), Tag::new(ty, Part::Inside).index());
                for t in [inside, Tag::new(ty, Part::Last).index()] {
                    let (from_begin, from_inside) = (prev[begin] + trans[begin][t], prev[inside] + trans[inside][t]);
                    // Strict `>`: a tie goes to B, the lower tag.
                    if from_inside > from_begin {
                        (b[t], arg[t]) = (from_inside, inside as u8);
                    } else if from_begin > NEG {
                        (b[t], arg[t]) = (from_begin, begin as u8);
                    }
                }
            }
            for ((s, &b), &e) in best[i].iter_mut().zip(&b).zip(&emissions[i]) {
                *s = b + e;
            }
            back[i] = arg;
        }
        let mut last = Tag::O;
        let mut b = NEG;
        for t in Tag::ALL {
            if may_end(t) && best[n - 1][t.index()] > b {
                b = best[n - 1][t.index()];
                last = t;
            }
        }
        out.resize(n, Tag::O);
        out[n - 1] = last;
        for i in (1..n).rev() {
            out[i - 1] = Tag::ALL[back[i][out[i].index()] as usize];
        }
    }
}

/// The first half of a Viterbi step: for each tag of [`STARTING`], its best
/// predecessor among [`CLOSING`], the first (in that order) of the greatest
/// score. With SIMD on WASM four tags at a time (LLVM leaves the plain loop
/// scalar there); elsewhere the plain loop, written with selects so that
/// the compiler may vectorize it.
mod starts {
    use crate::names::tags::{CLOSING, N_TAGS, STARTING};

    const NEG: f32 = f32::NEG_INFINITY;

    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    pub struct Rows([[f32; STARTING.len()]; CLOSING.len()]);

    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    impl Rows {
        /// The transitions from each tag of `CLOSING` to each of `STARTING`.
        pub fn of(trans: &[[f32; N_TAGS]; N_TAGS + 1]) -> Rows {
            Rows(CLOSING.map(|p| STARTING.map(|t| trans[p.index()][t.index()])))
        }

        /// Per tag of `STARTING`: the best score from `prev`, and the tag
        /// it comes from.
        #[inline]
        pub fn best(&self, prev: &[f32; N_TAGS]) -> ([f32; STARTING.len()], [u8; STARTING.len()]) {
            // Over `p` outside, with selects instead of branches.
            let mut best = [NEG; STARTING.len()];
            let mut arg = [0u32; STARTING.len()];
            for (&p, row) in CLOSING.iter().zip(&self.0) {
                let from = prev[p.index()];
                for k in 0..STARTING.len() {
                    let s = from + row[k];
                    let better = s > best[k];
                    best[k] = if better { s } else { best[k] };
                    arg[k] = if better { p.index() as u32 } else { arg[k] };
                }
            }
            (best, arg.map(|a| a as u8))
        }
    }

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    use core::arch::wasm32::*;

    /// Vectors of four tags of `STARTING`, the last padded with `-inf`.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    const VECTORS: usize = STARTING.len().div_ceil(4);

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    pub struct Rows([[v128; VECTORS]; CLOSING.len()]);

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    impl Rows {
        pub fn of(trans: &[[f32; N_TAGS]; N_TAGS + 1]) -> Rows {
            Rows(CLOSING.map(|p| {
                let w = |k: usize| STARTING.get(k).map_or(NEG, |&t| trans[p.index()][t.index()]);
                std::array::from_fn(|v| f32x4(w(4 * v), w(4 * v + 1), w(4 * v + 2), w(4 * v + 3)))
            }))
        }

        #[inline]
        pub fn best(&self, prev: &[f32; N_TAGS]) -> ([f32; STARTING.len()], [u8; STARTING.len()]) {
            let mut best = [f32x4_splat(NEG); VECTORS];
            let mut arg = [u32x4_splat(0); VECTORS];
            for (&p, row) in CLOSING.iter().zip(&self.0) {
                let from = f32x4_splat(prev[p.index()]);
                let tag = u32x4_splat(p.index() as u32);
                for v in 0..VECTORS {
                    let s = f32x4_add(from, row[v]);
                    let better = f32x4_gt(s, best[v]);
                    best[v] = v128_bitselect(s, best[v], better);
                    arg[v] = v128_bitselect(tag, arg[v], better);
                }
            }
            let lanes = |v: usize| {
                let (b, a) = (best[v], arg[v]);
                [
                    (f32x4_extract_lane::<0>(b), u32x4_extract_lane::<0>(a)),
                    (f32x4_extract_lane::<1>(b), u32x4_extract_lane::<1>(a)),
                    (f32x4_extract_lane::<2>(b), u32x4_extract_lane::<2>(a)),
                    (f32x4_extract_lane::<3>(b), u32x4_extract_lane::<3>(a)),
                ]
            };
            let mut out = ([NEG; STARTING.len()], [0u8; STARTING.len()]);
            for k in 0..STARTING.len() {
                let (b, a) = lanes(k / 4)[k % 4];
                (out.0[k], out.1[k]) = (b, a as u8);
            }
            out
        }
    }
}

/// Decodes a whole document sentence by sentence, in order, feeding each
/// sentence's names into the history the next sentences see. Returns one
/// tag per token. `on_sentence` sees each sentence's range, the history
/// features of its tokens (the static ones are in `static_features`), their
/// emission scores and the predicted tags (training uses it to update the
/// weights).
pub fn decode_doc(
    scorer: &dyn Scorer,
    doc: &Doc,
    static_features: &StaticFeatures,
    history: &mut History,
    mut on_sentence: impl FnMut(Range<usize>, &[Vec<u32>], &[[f32; N_TAGS]], &[Tag]),
) -> Vec<Tag> {
    history.reset(doc);
    let trans = scorer.transition_table();
    let mut tags = vec![Tag::O; doc.len()];
    let mut hist: Vec<Vec<u32>> = Vec::new();
    let mut emissions: Vec<[f32; N_TAGS]> = Vec::new();
    let mut path = Vec::new();
    let mut decoder = Viterbi::default();
    for range in &doc.sentences {
        emissions.clear();
        hist.iter_mut().for_each(Vec::clear);
        hist.resize_with(range.len().max(hist.len()), Vec::new);
        for (k, i) in range.clone().enumerate() {
            doc.history_features(i, history, &mut hist[k]);
            let mut scores = [0f32; N_TAGS];
            for &h in static_features.get(i).iter().chain(&hist[k]) {
                scorer.add(h, &mut scores);
            }
            emissions.push(scores);
        }
        decoder.run(&trans, &emissions, &mut path);
        tags[range.clone()].copy_from_slice(&path);
        on_sentence(range.clone(), &hist[..range.len()], &emissions, &path);
        for (k, &t) in path.iter().enumerate() {
            if let Some(ty) = t.entity_type() {
                history.record(doc.lower_id(range.start + k), ty);
            }
        }
    }
    tags
}

/// Inference's [`decode_doc`]: the same tags, computed faster. `doc` must
/// have been prepared with `lexemes` ([`Doc::with_forms`]), and `lexemes`
/// not cleared since: its words' ids are the document's `source_ids`.
///
/// Most static features repeat from token to token:
/// - the [`features::word_features`] of a token and the
///   [`features::neighbour_features`] of the tokens at -2, -1, +1, +2
///   depend only on the word's string: their summed weights are computed
///   once per word met ([`Lexemes`], kept across documents; news repeats
///   words a lot: 1 MB of CoNLL text has 191,944 tokens of 22,455 texts);
/// - the [`ContextParts::OWN`] group depends only on the word, its position
///   and line casing, the document's casing evidence and its own marks
///   (name lists, baseline, gazetteer): summed once per such variant, which
///   most tokens share (most are on no list and outside every name);
/// - the features of the neighbours' marks and the history take few
///   values: their sums are tables of the model ([`SmallSums`]);
///
/// and only the word-pair features (from hash states kept per word,
/// [`features::PairStarts`]) and the gazetteer codes around are hashed
/// and looked up per token.
///
/// Why the output is bit-identical to [`decode_doc`] with the model as
/// [`Scorer`]: that one adds the stored `i16` weights as `f32` one by one.
/// Every partial sum there is an integer of magnitude at most
/// `features * 32768`, and a token has fewer than 200 features, so every
/// partial sum is below 2^24 and exactly representable: the float sum
/// is the exact integer sum, whatever the order. Here the sum is done in
/// `i32` (associative) and converted once, which gives that same value.
pub fn decode_doc_cached(lexemes: &Lexemes, doc: &Doc, history: &mut History) -> Vec<Tag> {
    decode_doc_cached_with(lexemes, doc, history, |_, _, _| {})
}

/// [`decode_doc_cached`], with `on_sentence` seeing each sentence's range,
/// the emission scores of its tokens and its tags (as [`decode_doc`]'s).
pub fn decode_doc_cached_with(
    lexemes: &Lexemes,
    doc: &Doc,
    history: &mut History,
    mut on_sentence: impl FnMut(Range<usize>, &[[f32; N_TAGS]], &[Tag]),
) -> Vec<Tag> {
    let model = lexemes.model();
    history.reset(doc);
    let n = doc.len();
    let trans = model.transition_table();
    let mut buf: Vec<u32> = Vec::with_capacity(64);
    // Per token: its word in `lexemes` (`doc` was prepared with it), and
    // that word's sums.
    let lexeme_ids: Vec<WordId> = doc.word_ids.iter().map(|&id| doc.source_ids[id as usize]).collect();
    let words: Vec<&WordSums> = lexeme_ids.iter().map(|&id| lexemes.sums(id)).collect();
    let outside = lexemes.outside();
    // The summed weights of a token's word features and `OWN` group, per
    // variant: the word, and what else the group reads (`OwnVariant::key`).
    // The word table remembers each word's last variant, across
    // documents, which is nearly always the one asked for (a word's marks
    // rarely change); the others of this document are in a list per word.
    const NO_SLOT: u32 = u32::MAX;
    let mut own_sums: Vec<[i32; N_TAGS]> = Vec::with_capacity(64);
    let mut variant_keys: Vec<u64> = Vec::with_capacity(64);
    let mut next_variant: Vec<u32> = Vec::with_capacity(64);
    let mut first_variant: Vec<u32> = vec![NO_SLOT; doc.n_words()];
    let mut own_sum = |i: usize, buf: &mut Vec<u32>| -> [i32; N_TAGS] {
        let key = OwnVariant::key(doc, i);
        let remembered = lexemes.own_variant(lexeme_ids[i]);
        if remembered.key == key {
            return remembered.sum;
        }
        let id = doc.word_ids[i] as usize;
        let mut slot = first_variant[id];
        while slot != NO_SLOT && variant_keys[slot as usize] != key {
            slot = next_variant[slot as usize];
        }
        if slot == NO_SLOT {
            buf.clear();
            doc.context_features(i, ContextParts::OWN, buf);
            let mut sum = words[i].own;
            for &f in buf.iter() {
                model.add_int(f, &mut sum);
            }
            slot = own_sums.len() as u32;
            own_sums.push(sum);
            variant_keys.push(key);
            next_variant.push(first_variant[id]);
            first_variant[id] = slot;
        }
        let sum = own_sums[slot as usize];
        lexemes.remember_own_variant(lexeme_ids[i], OwnVariant { key, sum });
        sum
    };

    let small = model.small_sums();
    let mut tags = vec![Tag::O; n];
    let longest_sentence = doc.sentences.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut emissions: Vec<[f32; N_TAGS]> = Vec::with_capacity(longest_sentence);
    let mut path = Vec::with_capacity(longest_sentence);
    let mut decoder = Viterbi::with_capacity(longest_sentence);
    for range in &doc.sentences {
        emissions.clear();
        for i in range.clone() {
            let mut scores = own_sum(i, &mut buf);
            for (k, d) in features::NEIGHBOUR_OFFSETS.into_iter().enumerate() {
                let j = i as isize + d;
                let word = if j < 0 || j as usize >= n { outside } else { words[j as usize] };
                add_row(&mut scores, &word.as_neighbour[k]);
            }
            small.add_neighbour_marks(doc, i, &mut scores);
            small.add_history(doc, i, history, &mut scores);
            buf.clear();
            let before = if i == 0 { outside } else { words[i - 1] };
            doc.pair_features_from(i, &before.pair_starts, &words[i].pair_starts, &mut buf);
            doc.neighbour_code_features(i, &mut buf);
            for &f in &buf {
                model.add_int(f, &mut scores);
            }
            emissions.push(scores.map(|s| s as f32));
        }
        decoder.run(&trans, &emissions, &mut path);
        tags[range.clone()].copy_from_slice(&path);
        on_sentence(range.clone(), &emissions, &path);
        for (k, &t) in path.iter().enumerate() {
            if let Some(ty) = t.entity_type() {
                history.record(doc.lower_id(range.start + k), ty);
            }
        }
    }
    tags
}

/// The summed weights of the per-token features whose inputs take few
/// values (the neighbours' baseline tags and name lists, the history), for
/// every value: inference adds one row per feature group instead of
/// hashing and looking up each feature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SmallSums {
    /// By (neighbour at +1, neighbour's tag, own tag).
    baseline_pair: Vec<[i32; N_TAGS]>,
    /// By (neighbour at +1, name-list bit).
    list_bit: Vec<[i32; N_TAGS]>,
    /// By (entity type, line casing).
    history: Vec<[i32; N_TAGS]>,
}

/// The neighbours the small-domain features look at.
const SIDES: [isize; 2] = [-1, 1];

impl SmallSums {
    /// The tables of `model`'s weights.
    pub fn of(model: &Model) -> SmallSums {
        let one = |f: u32| model.sum_int(&[f]);
        let mut sums = SmallSums::default();
        for d in SIDES {
            for neighbour in Tag::ALL {
                for base in Tag::ALL {
                    sums.baseline_pair.push(one(features::baseline_pair_feature(d, neighbour, base)));
                }
            }
            for bit in 0..32 {
                sums.list_bit.push(one(features::neighbour_list_feature(d, bit)));
            }
        }
        let mut buf = Vec::new();
        for ty in EntityType::ALL {
            for case in LineCase::ALL {
                buf.clear();
                features::history_features(ty, case, &mut buf);
                sums.history.push(model.sum_int(&buf));
            }
        }
        sums
    }

    /// Adds the weights of token `i`'s `neighbour_marks` features (see
    /// [`ContextParts`]) to `scores`.
    fn add_neighbour_marks(&self, doc: &Doc, i: usize, scores: &mut [i32; N_TAGS]) {
        let base = doc.baseline[i];
        for (side, d) in SIDES.into_iter().enumerate() {
            let j = i as isize + d;
            if j < 0 || j as usize >= doc.len() {
                continue;
            }
            let j = j as usize;
            let neighbour = doc.baseline[j];
            // A table row for every pair: baseline tags are `Tag`s.
            add_row(scores, &self.baseline_pair[(side * N_TAGS + neighbour.index()) * N_TAGS + base.index()]);
            for bit in features::set_bits(doc.lexicon[j]) {
                add_row(scores, &self.list_bit[side * 32 + bit as usize]);
            }
        }
    }

    /// Adds the weights of token `i`'s history features to `scores`.
    fn add_history(&self, doc: &Doc, i: usize, history: &History, scores: &mut [i32; N_TAGS]) {
        if let Some(ty) = doc.history_type(i, history) {
            add_row(scores, &self.history[ty.index() * LineCase::ALL.len() + doc.line_case[i] as usize]);
        }
    }
}

#[inline]
fn add_row(scores: &mut [i32; N_TAGS], row: &[i32; N_TAGS]) {
    for (s, &w) in scores.iter_mut().zip(row) {
        *s += w;
    }
}
