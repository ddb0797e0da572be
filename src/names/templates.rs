//! The feature templates of the names tagger: what the model sees of each
//! token, as hashed feature ids.
//!
//! Every feature is a [`Template`] and the values of its parts hashed to a
//! `u32` ([`FeatureHasher`]); the model keeps a weight row only for the
//! hashes it saw in training. The template numbers are part of every
//! feature id, so they are baked into `model/names.bin`: a template keeps
//! its number forever (the enum's explicit discriminants), and a new one
//! takes an unused number.
//!
//! Three kinds of features:
//! - static, per token: the word, its lowercase, shape, affixes, its
//!   neighbours, the casing of its line (headlines are ALL CAPS or Title
//!   Case), word clusters, name-list matches, the baseline's tag and the
//!   gazetteer's code;
//! - document-level: whether the word also appears lowercased in the
//!   document, or capitalized in the middle of a sentence;
//! - history: the label the tagger gave the same word earlier in the
//!   document ([`History`]).
//!
//! The order in which a token's features are pushed is fixed too: training
//! sums float weights in it.

use crate::hash::FeatureHasher;
use crate::names::doc::{Doc, LineCase};
use crate::names::gazetteer;
use crate::names::history::History;
use crate::names::tags::{EntityType, Tag};

/// The feature templates, by the number hashed into their features.
///
/// Numbers 200 and 201 are taken: the model's other tables hash their keys
/// with them (`names::model::CLUSTER_KEY`, `names::gazetteer::KEY`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Template {
    /// Every token: the bias.
    Bias = 0,
    /// The token's normalized word.
    Word = 1,
    /// Its lowercase.
    Lower = 2,
    /// Its shape (`Xxx`, `dd-dd`).
    Shape = 3,
    /// Its short shape (`Xx`, `d-d`).
    ShortShape = 4,
    /// A prefix of 1 to 4 characters of its lowercase (with its length).
    Prefix = 5,
    /// A suffix of 1 to 4 characters of its lowercase (with its length).
    Suffix = 6,
    /// The lowercase word at an offset of [`NEIGHBOUR_OFFSETS`].
    NeighbourLower = 7,
    /// The shape at an offset of [`NEIGHBOUR_OFFSETS`].
    NeighbourShape = 8,
    /// The word before and the token, lowercased.
    PrevLowerLower = 9,
    /// The token and the word after, lowercased.
    LowerNextLower = 10,
    /// The shapes of the word before, the token and the word after.
    ShapeTrigram = 11,
    /// The word before, lowercased, and the token's shape.
    PrevLowerShape = 12,
    /// The token's shape and the word after, lowercased.
    ShapeNextLower = 13,
    /// Sentence start, line casing and shape.
    StartCaseShape = 14,
    /// Line casing and lowercase.
    CaseLower = 15,
    /// Line casing and the words before and after, lowercased.
    CaseAround = 16,
    /// The word occurs lowercased elsewhere (with sentence start, casing).
    LowerElsewhere = 17,
    /// The word occurs capitalized inside a sentence elsewhere.
    CapInsideElsewhere = 18,
    /// A prefix of the cluster path of the token at -2 to +2.
    Cluster = 19,
    /// A prefix of the token's cluster path and the line casing.
    ClusterCase = 20,
    /// A name-list bit of the token.
    ListBit = 21,
    /// A name-list bit and the short shape.
    ListBitShort = 22,
    /// A name-list bit of the neighbour at -1 or +1.
    NeighbourListBit = 23,
    /// The baseline's tag.
    Baseline = 24,
    /// The baseline's tag, short shape and line casing.
    BaselineShortCase = 25,
    /// The baseline's tags of a neighbour (-1 or +1) and of the token.
    BaselinePair = 26,
    /// The entity type given earlier to the same word.
    History = 30,
    /// That type and the line casing.
    HistoryCase = 31,
    /// The token's gazetteer code.
    Gazetteer = 40,
    /// The code's type and part, clear or not.
    GazetteerPart = 41,
    /// The code, short shape and line casing.
    GazetteerShortCase = 42,
    /// The codes of the token before, the token and the token after.
    GazetteerAround = 43,
}

impl Template {
    /// A hash of a feature of this template, before its parts.
    #[inline]
    pub fn start(self) -> FeatureHasher {
        FeatureHasher::new(self as u8)
    }
}

/// The set bits of `flags`, lowest first.
pub(crate) fn set_bits(mut flags: u32) -> impl Iterator<Item = u8> {
    std::iter::from_fn(move || {
        (flags != 0).then(|| {
            let bit = flags.trailing_zeros() as u8;
            flags &= flags - 1;
            bit
        })
    })
}

/// The offsets of the neighbours [`neighbour_features`] describe.
pub const NEIGHBOUR_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// The features of a token that depend only on its own string (`word`
/// normalized, and its lowercase, shape and short shape), with the bias:
/// the same for every occurrence of the word, so inference caches their
/// summed weights per distinct word.
pub fn word_features(word: &str, lower: &str, shape: &str, short: &str, out: &mut Vec<u32>) {
    out.push(bias_feature());
    identity_features(word, lower, out);
    form_features(lower, shape, short, out);
}

/// The feature every token has.
pub fn bias_feature() -> u32 {
    Template::Bias.start().finish()
}

/// The part of [`word_features`] that names the word itself: the word and
/// its lowercase (the adaptive tagger learns these faster than the rest).
pub fn identity_features(word: &str, lower: &str, out: &mut Vec<u32>) {
    out.push(Template::Word.start().str(word).finish());
    out.push(Template::Lower.start().str(lower).finish());
}

/// The part of [`word_features`] that describes the word's form: shape,
/// short shape, and prefixes and suffixes of 1 to 4 characters (the whole
/// word at most).
pub fn form_features(lower: &str, shape: &str, short: &str, out: &mut Vec<u32>) {
    out.push(Template::Shape.start().str(shape).finish());
    out.push(Template::ShortShape.start().str(short).finish());
    for (k, (at, c)) in lower.char_indices().take(4).enumerate() {
        out.push(Template::Prefix.start().byte(k as u8 + 1).str(&lower[..at + c.len_utf8()]).finish());
    }
    for (k, (at, _)) in lower.char_indices().rev().take(4).enumerate() {
        out.push(Template::Suffix.start().byte(k as u8 + 1).str(&lower[at..]).finish());
    }
}

/// The features a token gets from its neighbour at offset `d` (one of
/// [`NEIGHBOUR_OFFSETS`]): the neighbour's lowercase word and shape
/// (`<s>` / `</s>` for both beyond the document). They depend only on the
/// neighbour's string, so inference caches them per distinct word too.
pub fn neighbour_features(d: isize, lower: &str, shape: &str, out: &mut Vec<u32>) {
    out.push(Template::NeighbourLower.start().byte(d as u8).str(lower).finish());
    out.push(Template::NeighbourShape.start().byte(d as u8).str(shape).finish());
}

/// Path prefixes the token's own cluster gives features at (bits from
/// the root of the cluster tree: 16 classes to 4,096).
const OWN_PREFIXES: [u32; 5] = [4, 6, 8, 10, 12];
/// Path prefixes a neighbour's cluster gives features at.
const NEIGHBOUR_PREFIXES: [u32; 3] = [4, 8, 12];

/// The first `length` bits of a cluster path (bits after a leading 1 bit,
/// `names::train::vectors`), with its leading bit; a shorter path is its
/// own prefix.
fn path_prefix(path: u32, length: u32) -> u32 {
    path >> (31 - path.leading_zeros()).saturating_sub(length)
}

/// The distinct [`path_prefix`]es of a cluster path at `lengths` (ascending).
fn path_prefixes(path: u32, lengths: &[u32]) -> impl Iterator<Item = u32> + '_ {
    let mut last = 0;
    lengths.iter().filter_map(move |&l| {
        let prefix = path_prefix(path, l);
        (prefix != std::mem::replace(&mut last, prefix)).then_some(prefix)
    })
}

/// The cluster features a token gets from the token at offset `d` (-2 to
/// 2) whose cluster path is `cluster` (`u32::MAX`: none, no feature): one
/// per prefix, coarse to fine, as Brown-cluster features are read.
pub fn cluster_features(d: isize, cluster: u32, out: &mut Vec<u32>) {
    if cluster != u32::MAX {
        let lengths: &[u32] = if d == 0 { &OWN_PREFIXES } else { &NEIGHBOUR_PREFIXES };
        for prefix in path_prefixes(cluster, lengths) {
            out.push(Template::Cluster.start().byte(d as u8).u32(prefix).finish());
        }
    }
}

/// The prefix of the token's cluster path conjoined with its line casing.
const CASE_PREFIX: u32 = 8;

/// The word-pair features ([`Template::PrevLowerLower`] to
/// [`Template::ShapeNextLower`], and [`Template::CaseAround`]) hash a
/// string of the word before the token or of the token, then one of the
/// next word: these are the hash states after each word's own part. Inference
/// computes them once per distinct word and per token hashes only the
/// rest ([`push_pair_features`], [`push_line_pair_feature`]); training
/// goes through the same functions, so the hashes are the same.
#[derive(Clone, Copy)]
pub struct PairStarts {
    /// As the word before the token: `PrevLowerLower` and `PrevLowerShape`
    /// (its lowercase), `ShapeTrigram` (its shape).
    before: [FeatureHasher; 3],
    /// As the word before the token, `CaseAround`, by the token's line
    /// casing.
    before_by_case: [FeatureHasher; 3],
    /// As the token: `LowerNextLower` (its lowercase) and `ShapeNextLower`
    /// (its shape).
    token: [FeatureHasher; 2],
}

impl PairStarts {
    /// The starts of a word with this lowercase and shape.
    pub fn of(lower: &str, shape: &str) -> PairStarts {
        PairStarts {
            before: [
                Template::PrevLowerLower.start().str(lower),
                Template::PrevLowerShape.start().str(lower),
                Template::ShapeTrigram.start().str(shape),
            ],
            before_by_case: LineCase::ALL.map(|case| Template::CaseAround.start().str(case.tag()).str(lower)),
            token: [Template::LowerNextLower.start().str(lower), Template::ShapeNextLower.start().str(shape)],
        }
    }
}

/// Pushes the `PrevLowerLower` to `ShapeNextLower` features of a token
/// (`lower`, `shape`) after the word whose starts are `before` (its own
/// starts: `token`) and before the word `next_lower` (`next_shape`).
pub fn push_pair_features(
    before: &PairStarts,
    token: &PairStarts,
    (lower, shape): (&str, &str),
    (next_lower, next_shape): (&str, &str),
    out: &mut Vec<u32>,
) {
    out.push(before.before[0].str(lower).finish());
    out.push(token.token[0].str(next_lower).finish());
    out.push(before.before[2].str(shape).str(next_shape).finish());
    out.push(before.before[1].str(shape).finish());
    out.push(token.token[1].str(next_lower).finish());
}

/// Pushes the `CaseAround` feature of a token on a line of casing `case`: the words
/// around it.
pub fn push_line_pair_feature(before: &PairStarts, case: LineCase, next_lower: &str, out: &mut Vec<u32>) {
    out.push(before.before_by_case[case as usize].str(next_lower).finish());
}

/// Which groups of [`Doc::context_features`] to push. Training pushes all
/// of them; inference caches the `word_case` and `own_marks` groups per
/// (word, sentence start, line casing, the token's own marks) and the
/// `neighbour_clusters` group per word, looks `neighbour_marks` up in
/// tables, pushes `word_pairs` from [`PairStarts`] per word and
/// `neighbour_codes` per token.
#[derive(Clone, Copy, Debug)]
pub struct ContextParts {
    /// Features of the token with its neighbours' words and shapes
    /// (`PrevLowerLower` to `ShapeNextLower`, and `CaseAround`).
    pub word_pairs: bool,
    /// The gazetteer codes around the token.
    pub neighbour_codes: bool,
    /// Features of the neighbours' baseline tags and name lists
    /// ([`baseline_pair_feature`], [`neighbour_list_feature`]).
    pub neighbour_marks: bool,
    /// Features that depend only on the word, whether it starts its
    /// sentence, and its line's casing.
    pub word_case: bool,
    /// Features of the token's own marks: its name-list flags, baseline
    /// tag and gazetteer code (with its short shape and line casing).
    pub own_marks: bool,
    /// The clusters of the tokens at -1 and +1.
    pub neighbour_clusters: bool,
}

impl ContextParts {
    const NONE: ContextParts = ContextParts {
        word_pairs: false,
        neighbour_codes: false,
        neighbour_marks: false,
        word_case: false,
        own_marks: false,
        neighbour_clusters: false,
    };
    pub const ALL: ContextParts = ContextParts {
        word_pairs: true,
        neighbour_codes: true,
        neighbour_marks: true,
        word_case: true,
        own_marks: true,
        neighbour_clusters: true,
    };
    /// The groups a token's word, position, line casing and own marks fix.
    pub const OWN: ContextParts = ContextParts { word_case: true, own_marks: true, ..ContextParts::NONE };
}

impl Doc<'_> {
    /// Pushes the static features of token `i` (those that do not depend on
    /// the tagger's earlier decisions) to `out`: [`word_features`] of the
    /// token, [`neighbour_features`] of the tokens at -2, -1, +1, +2, then
    /// [`Doc::context_features`], always in this order (training sums float
    /// weights in it).
    pub fn static_features(&self, i: usize, out: &mut Vec<u32>) {
        let forms = self.forms(i);
        word_features(forms.word, forms.lower, forms.shape, forms.short_shape, out);
        let ii = i as isize;
        for d in NEIGHBOUR_OFFSETS {
            neighbour_features(d, self.word_at(ii + d), self.shape_at(ii + d), out);
        }
        self.context_features(i, ContextParts::ALL, out);
    }

    /// The static features of token `i` beyond its own and its
    /// neighbours' strings: word pairs, position, line and document casing,
    /// clusters, name lists, the baseline. `parts` says which of them to
    /// push (inference caches some per word); the order is fixed.
    pub fn context_features(&self, i: usize, parts: ContextParts, out: &mut Vec<u32>) {
        let forms = self.forms(i);
        let (lower, shape, short) = (forms.lower, forms.shape, forms.short_shape);
        let case = self.line_case[i].tag();
        let ii = i as isize;
        let first = if self.sentence_start[i] { "1" } else { "0" };
        let before = parts.word_pairs.then(|| PairStarts::of(self.word_at(ii - 1), self.shape_at(ii - 1)));
        let next_lower = self.word_at(ii + 1);
        if let Some(before) = &before {
            let token = PairStarts::of(lower, shape);
            push_pair_features(before, &token, (lower, shape), (next_lower, self.shape_at(ii + 1)), out);
        }
        // Position and line casing: capitals mean little at a sentence
        // start or in a headline, so the shape is conjoined with both.
        if parts.word_case {
            out.push(Template::StartCaseShape.start().str(first).str(case).str(shape).finish());
            out.push(Template::CaseLower.start().str(case).str(lower).finish());
        }
        if let Some(before) = &before {
            push_line_pair_feature(before, self.line_case[i], next_lower, out);
        }
        // Document-level casing (a function of the word, the position
        // and the line casing).
        if parts.word_case {
            if self.lower_elsewhere[i] {
                out.push(Template::LowerElsewhere.start().str(first).str(case).finish());
            }
            if self.cap_inside_elsewhere[i] {
                out.push(Template::CapInsideElsewhere.start().str(first).str(case).finish());
            }
        }
        // Word clusters of the token and its neighbours, path prefixes coarse to fine.
        for d in [-2isize, -1, 0, 1, 2] {
            let j = ii + d;
            if j < 0 || j as usize >= self.len() || !(if d == 0 { parts.word_case } else { parts.neighbour_clusters }) {
                continue;
            }
            let c = self.forms(j as usize).cluster;
            cluster_features(d, c, out);
            if d == 0 && c != u32::MAX {
                out.push(Template::ClusterCase.start().u32(path_prefix(c, CASE_PREFIX)).str(case).finish());
            }
        }
        // Name lists.
        if parts.own_marks {
            for bit in set_bits(self.lexicon[i]) {
                out.push(Template::ListBit.start().byte(bit).finish());
                out.push(Template::ListBitShort.start().byte(bit).str(short).finish());
            }
        }
        // The baseline's decision, alone, with the shape, and around.
        let base = self.baseline[i];
        if parts.own_marks {
            out.push(Template::Baseline.start().byte(base.as_u8()).finish());
            out.push(Template::BaselineShortCase.start().byte(base.as_u8()).str(short).str(case).finish());
        }
        if parts.neighbour_marks {
            for d in [-1isize, 1] {
                let j = ii + d;
                if j < 0 || j as usize >= self.len() {
                    continue;
                }
                out.push(baseline_pair_feature(d, self.baseline[j as usize], base));
                for bit in set_bits(self.lexicon[j as usize]) {
                    out.push(neighbour_list_feature(d, bit));
                }
            }
        }
        // Entity strings of the labeled training text.
        let code = self.gazetteer_at(ii);
        if parts.own_marks {
            push_gazetteer_own_features(code, short, case, out);
        }
        if parts.neighbour_codes {
            self.neighbour_code_features(i, out);
        }
    }

    /// Pushes the `neighbour_codes` group of [`Doc::context_features`] of
    /// token `i` alone (what inference computes per token).
    #[inline]
    pub fn neighbour_code_features(&self, i: usize, out: &mut Vec<u32>) {
        let ii = i as isize;
        push_gazetteer_neighbour_features(self.gazetteer_at(ii), self.gazetteer_at(ii - 1), self.gazetteer_at(ii + 1), out);
    }

    /// Pushes the word-pair features of token `i` (the `word_pairs` group
    /// of [`Doc::context_features`]) from the [`PairStarts`] of the word
    /// before it (`<s>` for the first token) and of its own word.
    pub fn pair_features_from(&self, i: usize, before: &PairStarts, token: &PairStarts, out: &mut Vec<u32>) {
        let forms = self.forms(i);
        let next_lower = self.word_at(i as isize + 1);
        push_pair_features(before, token, (forms.lower, forms.shape), (next_lower, self.shape_at(i as isize + 1)), out);
        push_line_pair_feature(before, self.line_case[i], next_lower, out);
    }

    /// The gazetteer code of token `i`, 0 outside the document or when none.
    fn gazetteer_at(&self, i: isize) -> u8 {
        if i < 0 {
            0
        } else {
            self.gazetteer.get(i as usize).copied().unwrap_or(0)
        }
    }

    /// Pushes the history features of token `i`: the entity type the
    /// tagger gave the same word earlier in the document.
    pub fn history_features(&self, i: usize, history: &History, out: &mut Vec<u32>) {
        if let Some(ty) = self.history_type(i, history) {
            history_features(ty, self.line_case[i], out);
        }
    }

    /// The entity type the history features of token `i` describe: the
    /// type most often given to its word earlier, for a capitalized word.
    #[inline]
    pub fn history_type(&self, i: usize, history: &History) -> Option<EntityType> {
        if !self.is_capitalized(i) {
            return None;
        }
        history.majority(self.lower_id(i))
    }
}

/// The static features of every token of a document, in one buffer.
#[derive(Default)]
pub struct StaticFeatures {
    flat: Vec<u32>,
    /// Token `i`'s features are `flat[ends[i - 1]..ends[i]]`.
    ends: Vec<u32>,
}

impl StaticFeatures {
    /// Computes the static features of every token of `doc`.
    pub fn of(doc: &Doc) -> StaticFeatures {
        let mut flat = Vec::with_capacity(doc.len() * 48);
        let mut ends = Vec::with_capacity(doc.len());
        for i in 0..doc.len() {
            doc.static_features(i, &mut flat);
            ends.push(flat.len() as u32);
        }
        StaticFeatures { flat, ends }
    }

    /// The features of token `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.flat[start..self.ends[i] as usize]
    }

    /// Every feature of every token.
    pub fn all(&self) -> &[u32] {
        &self.flat
    }
}

/// The feature: the token's neighbour at `d` (-1 or 1) has baseline tag
/// `neighbour` and the token has `base`.
pub fn baseline_pair_feature(d: isize, neighbour: Tag, base: Tag) -> u32 {
    Template::BaselinePair.start().byte(d as u8).byte(neighbour.as_u8()).byte(base.as_u8()).finish()
}

/// The feature: the token's neighbour at `d` (-1 or 1) has name-list bit
/// `bit` (see [`crate::names::marks`]).
pub fn neighbour_list_feature(d: isize, bit: u8) -> u32 {
    Template::NeighbourListBit.start().byte(d as u8).byte(bit).finish()
}

/// Pushes the history features for entity type `ty` on a line of casing
/// `case`.
pub fn history_features(ty: EntityType, case: LineCase, out: &mut Vec<u32>) {
    out.push(Template::History.start().byte(ty.as_u8()).finish());
    out.push(Template::HistoryCase.start().byte(ty.as_u8()).str(case.tag()).finish());
}

/// All feature hashes history can produce, for the training dictionary.
pub fn all_history_features() -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut features = Vec::new();
    for ty in EntityType::ALL {
        for case in LineCase::ALL {
            features.clear();
            history_features(ty, case, &mut features);
            for &f in &features {
                // In first-seen order, each once (training's rows
                // follow it).
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
    }
    out
}

/// Pushes the features of token code `code` (from [`gazetteer::Gazetteer::codes`]):
/// the match's type, clarity and part, alone and with the token's short
/// shape and line casing (a headline match means less), and with the
/// neighbours' codes (where the match sits among other matches).
pub fn push_gazetteer_features(code: u8, prev: u8, next: u8, short_shape: &str, line_case: &str, out: &mut Vec<u32>) {
    push_gazetteer_own_features(code, short_shape, line_case, out);
    push_gazetteer_neighbour_features(code, prev, next, out);
}

/// The part of [`push_gazetteer_features`] that depends on the token alone (its
/// code, short shape and line casing), which inference caches.
pub fn push_gazetteer_own_features(code: u8, short_shape: &str, line_case: &str, out: &mut Vec<u32>) {
    if code == 0 {
        return;
    }
    out.push(Template::Gazetteer.start().byte(code).finish());
    // The type and part alone, whether clear or not.
    out.push(Template::GazetteerPart.start().byte(code & !(gazetteer::CLEAR << 2)).finish());
    out.push(Template::GazetteerShortCase.start().byte(code).str(short_shape).str(line_case).finish());
}

/// The part of [`push_gazetteer_features`] that depends on the neighbours' codes.
pub fn push_gazetteer_neighbour_features(code: u8, prev: u8, next: u8, out: &mut Vec<u32>) {
    if code != 0 {
        out.push(Template::GazetteerAround.start().byte(prev).byte(code).byte(next).finish());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers are the model file's: each template's features were
    /// trained under it. The hashes of a few features, computed by the code
    /// that trained `model/names.bin`, pin them together with the hash.
    #[test]
    fn template_numbers_are_pinned() {
        assert_eq!(Template::Bias.start().finish(), 0xb346_9cce);
        assert_eq!(Template::Word.start().str("Clinton").finish(), 0x8368_5592);
        assert_eq!(Template::Prefix.start().byte(3).str("cli").finish(), 0x86ef_ad18);
        assert_eq!(Template::ClusterCase.start().u32(17).str("t").finish(), 0xde0a_a988);
        assert_eq!(Template::PrevLowerLower.start().str("mr").str("clinton").finish(), 0x0c41_0a09);
        let numbers = [
            (Template::Bias, 0),
            (Template::NeighbourShape, 8),
            (Template::CaseAround, 16),
            (Template::BaselinePair, 26),
            (Template::History, 30),
            (Template::HistoryCase, 31),
            (Template::Gazetteer, 40),
            (Template::GazetteerAround, 43),
        ];
        for (t, n) in numbers {
            assert_eq!(t as u8, n, "{t:?}");
        }
        assert!(![crate::names::model::CLUSTER_KEY, gazetteer::KEY].contains(&(Template::GazetteerAround as u8)));
    }

    #[test]
    fn set_bits_lowest_first() {
        assert_eq!(set_bits(0).count(), 0);
        assert_eq!(set_bits(0b1010_0001).collect::<Vec<_>>(), vec![0, 5, 7]);
        assert_eq!(set_bits(1 << 31).collect::<Vec<_>>(), vec![31]);
    }
}
