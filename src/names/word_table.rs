//! The words the tagger has met, with everything it computes from a word's
//! string alone: its forms, and the summed weights of the features it
//! gives as the token and as a neighbour; and, once per table, the model's
//! sums of the small-domain features ([`SmallSums`]).
//!
//! These are pure functions of the token text and the model, and news
//! repeats its vocabulary from article to article, so a [`WordTable`]
//! kept across documents (the names recognizer keeps one per thread for
//! the embedded model) computes them once per word rather than once per
//! word and document. What the tagger decides for a document does not
//! depend on what the table held before: a word read from the table has
//! the same forms and sums as one computed on the spot.

use crate::names::doc::{self, Doc, FormSource, LineCase, VocabEntry, WordForms, WordNumbers, AFTER_DOC, BEFORE_DOC};
use crate::names::history::History;
use crate::names::model::Model;
use crate::names::tags::{EntityType, Tag, WordId, N_TAGS};
use crate::names::templates::{self, PairStarts, NEIGHBOUR_OFFSETS};
use crate::names::text_index::TextIndex;
use crate::tokenize::Token;
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the tagger's inference needs of one word, whatever its position.
#[derive(Clone, Copy)]
pub struct WordSums {
    /// The summed weights of the word's [`templates::word_features`].
    pub own: [i32; N_TAGS],
    /// The summed weights of the features the word gives the token at
    /// each of [`NEIGHBOUR_OFFSETS`] from it: its
    /// [`templates::neighbour_features`], and at -1 and +1 its cluster's.
    pub as_neighbour: [[i32; N_TAGS]; 4],
    /// The word-pair hash states of the word.
    pub pair_starts: PairStarts,
}

impl WordSums {
    /// The sums of a word with these forms under `model`. `buf` is scratch.
    fn of(model: &Model, forms: WordForms, buf: &mut Vec<u32>) -> WordSums {
        buf.clear();
        templates::word_features(forms.word, forms.lower, forms.shape, forms.short_shape, buf);
        let own = model.sum_int(buf);
        let as_neighbour = std::array::from_fn(|k| {
            let d = NEIGHBOUR_OFFSETS[k];
            buf.clear();
            templates::neighbour_features(d, forms.lower, forms.shape, buf);
            if d != 0 {
                templates::cluster_features(d, forms.cluster, buf);
            }
            model.sum_int(buf)
        });
        WordSums { own, as_neighbour, pair_starts: PairStarts::of(forms.lower, forms.shape) }
    }
}

/// The summed weights of a token's [`templates::word_features`] and its
/// `OWN` group of [`Doc::context_features`], with what they depend on
/// beyond the word.
#[derive(Clone, Copy)]
pub struct OwnVariant {
    /// [`OwnVariant::key`]; `u64::MAX` for none.
    pub key: u64,
    pub sum: [i32; N_TAGS],
}

impl OwnVariant {
    const NONE: OwnVariant = OwnVariant { key: u64::MAX, sum: [0; N_TAGS] };

    /// What the `OWN` group of token `i` reads besides its word: whether
    /// it starts its sentence, its line casing, the document-level casing
    /// evidence, its name-list flags, baseline tag and gazetteer code
    /// (56 bits: never `u64::MAX`).
    #[inline]
    pub fn key(doc: &Doc, i: usize) -> u64 {
        let position = doc.sentence_start[i] as u64 * 3 + doc.line_case[i] as u64;
        let elsewhere = doc.lower_elsewhere[i] as u64 | (doc.cap_inside_elsewhere[i] as u64) << 1;
        let marks =
            (doc.lexicon[i] as u64) << 16 | (doc.baseline[i].as_u8() as u64) << 8 | doc.gazetteer.get(i).copied().unwrap_or(0) as u64;
        marks << 8 | elsewhere << 3 | position
    }
}

/// A table of words under one model, filled as documents are prepared
/// with it ([`Doc::with_forms`]): a word's id is its position,
/// stable until [`WordTable::clear`].
pub struct WordTable<'m> {
    model: &'m Model,
    /// Raw token text -> id.
    ids: TextIndex,
    /// Per word: its normalized text and where its forms are in `form_text`.
    entries: Vec<VocabEntry<'static>>,
    sums: Vec<WordSums>,
    /// The lowercase, shape and short shape of every word.
    form_text: String,
    /// The sums of the `<s>` / `</s>` words beyond a document.
    outside: WordSums,
    /// The model's sums of the small-domain features.
    small_sums: SmallSums,
    /// Per word: (document stamp, its number in that document), so that
    /// numbering a document's words needs no map of its own and nothing
    /// to reset afterwards.
    in_document: Vec<(u32, u32)>,
    /// Stamps [`FormSource::number_words`] calls.
    document: u32,
    /// Per word: the variant of its own sums the tagger met last. A cache
    /// the decoder fills through a shared reference (hence the `Cell`).
    own_variants: Vec<Cell<OwnVariant>>,
    scratch_short: String,
    scratch_features: Vec<u32>,
    /// A number no other table of the process has, given anew when it
    /// is cleared ([`WordTable::serial`]).
    serial: u64,
}

/// The serials given to tables ([`WordTable::serial`]).
static SERIALS: AtomicU64 = AtomicU64::new(1);

impl<'m> WordTable<'m> {
    /// How many words a table kept across documents holds before it is
    /// emptied (about 21 MB when full): more than the distinct words of 1 MB
    /// of news.
    pub const CAPACITY: usize = 1 << 15;

    /// An empty table for `model`.
    pub fn new(model: &'m Model) -> WordTable<'m> {
        let mut scratch_features = Vec::with_capacity(64);
        let outside = WordSums {
            own: [0; N_TAGS],
            as_neighbour: std::array::from_fn(|k| {
                let d = NEIGHBOUR_OFFSETS[k];
                let w = if d < 0 { BEFORE_DOC } else { AFTER_DOC };
                scratch_features.clear();
                templates::neighbour_features(d, w, w, &mut scratch_features);
                model.sum_int(&scratch_features)
            }),
            pair_starts: PairStarts::of(BEFORE_DOC, BEFORE_DOC),
        };
        WordTable {
            model,
            ids: TextIndex::default(),
            entries: Vec::new(),
            sums: Vec::new(),
            form_text: String::new(),
            outside,
            small_sums: SmallSums::of(model),
            in_document: Vec::new(),
            document: 0,
            own_variants: Vec::new(),
            scratch_short: String::with_capacity(16),
            scratch_features,
            serial: SERIALS.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// While this number stays, a word's id in the table stays its id
    /// (two tables, or a table before and after [`WordTable::clear`],
    /// never share one): what is kept by id elsewhere is kept under it.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// The model the sums are of.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The sums of word `id`.
    #[inline]
    pub fn sums(&self, id: WordId) -> &WordSums {
        &self.sums[id.index()]
    }

    /// The neighbour sums and word-pair starts of the words beyond a
    /// document (`<s>` before it, `</s>` after it); `own` is zero.
    pub fn outside(&self) -> &WordSums {
        &self.outside
    }

    /// The summed weights of the small-domain features, per value.
    #[inline]
    pub fn small_sums(&self) -> &SmallSums {
        &self.small_sums
    }

    /// The number of words held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets every word (ids given before are no longer valid), and gives
    /// back the memory of a table grown past [`WordTable::CAPACITY`].
    pub fn clear(&mut self) {
        if self.entries.capacity() > Self::CAPACITY {
            *self = WordTable::new(self.model);
            return;
        }
        self.ids.clear();
        self.entries.clear();
        self.sums.clear();
        self.form_text.clear();
        self.in_document.clear();
        self.own_variants.clear();
        self.serial = SERIALS.fetch_add(1, Ordering::Relaxed);
    }

    /// The variant of word `id`'s own sums remembered last (its `key` is
    /// `u64::MAX` when none).
    #[inline]
    pub fn own_variant(&self, id: WordId) -> OwnVariant {
        self.own_variants[id.index()].get()
    }

    /// Where the variant of word `id`'s own sums is kept (for a prefetch).
    #[inline]
    pub(crate) fn own_variant_cell(&self, id: WordId) -> &Cell<OwnVariant> {
        &self.own_variants[id.index()]
    }

    /// Remembers a variant of word `id`'s own sums.
    #[inline]
    pub fn remember_own_variant(&self, id: WordId, variant: OwnVariant) {
        self.own_variants[id.index()].set(variant);
    }

    /// The id of the word of token text `raw`, added with its forms and
    /// sums when new.
    #[inline]
    fn id_of(&mut self, raw: &str) -> WordId {
        if let Some(id) = self.ids.get(raw) {
            return WordId::new(id);
        }
        self.add(raw)
    }

    /// Adds the word of token text `raw`, not in the table yet.
    fn add(&mut self, raw: &str) -> WordId {
        let word = doc::normalize(raw);
        let word = &*word;
        let start = self.form_text.len();
        let ends = doc::push_forms(word, &mut self.form_text, &mut self.scratch_short);
        let cluster = self.model.cluster(word, &self.form_text[start..ends[0] as usize]);
        let entry = VocabEntry { word: word.to_owned().into(), start: start as u32, ends, cluster };
        let sums = WordSums::of(self.model, entry.forms(&self.form_text), &mut self.scratch_features);
        let id = self.ids.get_or_add(raw);
        debug_assert_eq!(id as usize, self.entries.len());
        self.entries.push(entry);
        self.sums.push(sums);
        self.in_document.push((0, 0));
        self.own_variants.push(Cell::new(OwnVariant::NONE));
        WordId::new(id)
    }
}

impl FormSource for WordTable<'_> {
    fn number_words(&mut self, text: &str, tokens: &[Token]) -> WordNumbers {
        // Stamps start at 1: 0 marks a word not seen in any document yet.
        self.document = self.document.checked_add(1).unwrap_or_else(|| {
            self.in_document.iter_mut().for_each(|slot| *slot = (0, 0));
            1
        });
        let mut out = WordNumbers::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            let id = self.id_of(t.text(text));
            let slot = &mut self.in_document[id.index()];
            if slot.0 != self.document {
                *slot = (self.document, out.first_tokens.len() as u32);
                out.first_tokens.push(i as u32);
                out.source_ids.push(id);
            }
            out.word_ids.push(slot.1);
        }
        out
    }

    fn push_forms(&mut self, source_id: WordId, _word: &str, form_text: &mut String) -> ([u32; 3], u32) {
        let entry = &self.entries[source_id.index()];
        // The three forms are adjacent: one copy, ends shifted.
        let offset = form_text.len() as u32;
        form_text.push_str(&self.form_text[entry.start as usize..entry.ends[2] as usize]);
        (entry.ends.map(|e| e - entry.start + offset), entry.cluster)
    }
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
                    sums.baseline_pair.push(one(templates::baseline_pair_feature(d, neighbour, base)));
                }
            }
            for bit in 0..32 {
                sums.list_bit.push(one(templates::neighbour_list_feature(d, bit)));
            }
        }
        let mut buf = Vec::new();
        for ty in EntityType::ALL {
            for case in LineCase::ALL {
                buf.clear();
                templates::history_features(ty, case, &mut buf);
                sums.history.push(model.sum_int(&buf));
            }
        }
        sums
    }

    /// Adds the weights of token `i`'s `neighbour_marks` features (see
    /// [`ContextParts`]) to `scores`.
    #[inline]
    pub(crate) fn add_neighbour_marks(&self, doc: &Doc, i: usize, scores: &mut [i32; N_TAGS]) {
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
            for bit in templates::set_bits(doc.lexicon[j]) {
                add_row(scores, &self.list_bit[side * 32 + bit as usize]);
            }
        }
    }

    /// Adds the weights of token `i`'s history features to `scores`.
    #[inline]
    pub(crate) fn add_history(&self, doc: &Doc, i: usize, history: &History, scores: &mut [i32; N_TAGS]) {
        if let Some(ty) = doc.history_type(i, history) {
            add_row(scores, &self.history[ty.index() * LineCase::ALL.len() + doc.line_case[i] as usize]);
        }
    }
}

/// Adds `row` to `scores`.
#[inline]
pub(crate) fn add_row(scores: &mut [i32; N_TAGS], row: &[i32; N_TAGS]) {
    for (s, &w) in scores.iter_mut().zip(row) {
        *s += w;
    }
}
