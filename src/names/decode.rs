//! Decoding a document: sentence by sentence, in order, each sentence's
//! names feeding the history the next sentences see.
//!
//! Two decoders give the same tags: [`decode_doc`], generic over
//! [`Scorer`] (training's float weights being learned, or the model) and
//! hashing every feature of every token; and inference's
//! [`decode_doc_cached`], which sums most of the weights once per word of
//! the word table ([`WordTable`]).

use crate::names::doc::Doc;
use crate::names::history::History;
use crate::names::model::Scorer;
use crate::names::tags::{Tag, WordId, N_TAGS};
use crate::names::templates::{ContextParts, StaticFeatures, NEIGHBOUR_OFFSETS};
use crate::names::viterbi::Viterbi;
use crate::names::word_table::{add_row, OwnVariant, WordSums, WordTable};
use std::ops::Range;

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
/// have been prepared with `table` ([`Doc::with_forms`]), and `table`
/// not cleared since: its words' ids are the document's `source_ids`.
///
/// Most static features repeat from token to token:
/// - the [`crate::names::templates::word_features`] of a token and the
///   [`crate::names::templates::neighbour_features`] of the tokens at -2, -1, +1, +2
///   depend only on the word's string: their summed weights are computed
///   once per word met ([`WordTable`], kept across documents; news repeats
///   words a lot: 1 MB of CoNLL text has 191,944 tokens of 22,455 texts);
/// - the [`ContextParts::OWN`] group depends only on the word, its position
///   and line casing, the document's casing evidence and its own marks
///   (name lists, baseline, gazetteer): summed once per such variant, which
///   most tokens share (most are on no list and outside every name);
/// - the features of the neighbours' marks and the history take few
///   values: their sums are tables of the model ([`crate::names::word_table::SmallSums`]);
///
/// and only the word-pair features (from hash states kept per word,
/// [`crate::names::templates::PairStarts`]) and the gazetteer codes around are hashed
/// and looked up per token.
///
/// Why the output is bit-identical to [`decode_doc`] with the model as
/// [`Scorer`]: that one adds the stored `i16` weights as `f32` one by one.
/// Every partial sum there is an integer of magnitude at most
/// `features * 32768`, and a token has fewer than 200 features, so every
/// partial sum is below 2^24 and exactly representable: the float sum
/// is the exact integer sum, whatever the order. Here the sum is done in
/// `i32` (associative) and converted once, which gives that same value.
pub fn decode_doc_cached(table: &WordTable, doc: &Doc, history: &mut History) -> Vec<Tag> {
    decode_doc_cached_with(table, doc, history, |_, _, _| {})
}

/// [`decode_doc_cached`], with `on_sentence` seeing each sentence's range,
/// the emission scores of its tokens and its tags (as [`decode_doc`]'s).
pub fn decode_doc_cached_with(
    table: &WordTable,
    doc: &Doc,
    history: &mut History,
    mut on_sentence: impl FnMut(Range<usize>, &[[f32; N_TAGS]], &[Tag]),
) -> Vec<Tag> {
    let model = table.model();
    history.reset(doc);
    let n = doc.len();
    let trans = model.transition_table();
    let mut buf: Vec<u32> = Vec::with_capacity(64);
    // Per token: its word in `table` (`doc` was prepared with it), and
    // that word's sums.
    let lexeme_ids: Vec<WordId> = doc.word_ids.iter().map(|&id| doc.source_ids[id as usize]).collect();
    let words: Vec<&WordSums> = lexeme_ids.iter().map(|&id| table.sums(id)).collect();
    let outside = table.outside();
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
        let remembered = table.own_variant(lexeme_ids[i]);
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
        table.remember_own_variant(lexeme_ids[i], OwnVariant { key, sum });
        sum
    };

    let small = table.small_sums();
    let mut tags = vec![Tag::O; n];
    let longest_sentence = doc.sentences.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut emissions: Vec<[f32; N_TAGS]> = Vec::with_capacity(longest_sentence);
    let mut path = Vec::with_capacity(longest_sentence);
    let mut decoder = Viterbi::with_capacity(longest_sentence);
    for range in &doc.sentences {
        emissions.clear();
        for i in range.clone() {
            // The sums of the word a few tokens ahead are read from the
            // next token on (as a neighbour, then as the token): asked for
            // now, they are in the cache by then. A word's sums are anywhere
            // in a table of megabytes, and waiting for them was a large part
            // of decoding.
            if let Some(&ahead) = words.get(i + PREFETCH_AHEAD) {
                prefetch(ahead);
                prefetch(table.own_variant_cell(lexeme_ids[i + PREFETCH_AHEAD]));
            }
            let mut scores = own_sum(i, &mut buf);
            for (k, d) in NEIGHBOUR_OFFSETS.into_iter().enumerate() {
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

/// How many tokens ahead [`decode_doc_cached_with`] asks for a word's sums.
const PREFETCH_AHEAD: usize = 4;

/// Asks the CPU to bring the bytes of `x` into its cache ahead of their
/// use; a hint, which changes no result. A no-op but on x86-64.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        let p = (x as *const T).cast::<i8>();
        for offset in (0..std::mem::size_of::<T>()).step_by(64) {
            // SAFETY: a prefetch reads nothing the program sees and never
            // faults, whatever the address; this one is inside `x` anyway.
            unsafe { core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.wrapping_add(offset)) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
