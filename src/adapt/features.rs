//! What the adaptive tagger reads of a document: the features of each
//! token, in the groups of [`perceptron::GROUP_IS_LEXICAL`], and the
//! embedded model's tags.
//!
//! The names tagger's features of a token that depend on words alone (its
//! [`templates::identity_features`] and [`templates::form_features`], its
//! neighbours' [`templates::neighbour_features`] and the word clusters of
//! the tokens at -2 to 2: the same functions on the same prepared
//! document, [`names::tagged`]); the word's singular; and the model's
//! decision, as its tag with the word. The tagger's other features (word
//! pairs, line casing, name lists, the baseline, the gazetteer) are in the
//! model's tag already, and would cost a hash a token each, where these
//! cost one a distinct word of the document (and, annotating, one a word
//! met on the thread: `word_sums`).

use super::perceptron::{self, Features};
use super::phrases::{self, Phrases};
use super::tagset::{self, TagId};
use crate::hash::FeatureHasher;
use crate::names::doc::{Doc, WordForms, AFTER_DOC, BEFORE_DOC};
use crate::names::templates;
use crate::names::{self, tags};
use crate::recognizer::Context;
use std::ops::Range;

/// The feature templates of the adapter's own features, numbered apart from
/// the names tagger's ([`crate::names::templates::Template`] and the model's
/// table keys 200 and 201): the model's tag and the word. (The model's tag
/// alone, 210, is gone: it grew to outweigh every correction, where
/// [`perceptron::Settings::prior`] already stands for it.)
const MODEL_TAG_WORD: u8 = 211;
/// A phrase marked before covers the token ([`phrases`]): its label and
/// part; its label; its label, part and the model's tag.
const TAUGHT_PART: u8 = 213;
const TAUGHT_LABEL: u8 = 214;
const TAUGHT_MODEL: u8 = 215;
/// The word's lowercase with a plural `s` taken off ([`singular`]).
const SINGULAR: u8 = 216;

/// How many of a token's groups come from words (its own and its
/// neighbours'), the same wherever the word is; the other group of
/// [`perceptron::GROUPS_PER_TOKEN`] is the token's own ([`OWN_GROUP`]).
pub const WORD_GROUPS: usize = perceptron::GROUPS_PER_TOKEN - 1;

/// Where the token's own group ([`token_features`]) is among its groups:
/// third, after its word's identity and form and before its neighbours',
/// so that the scores of a word's tokens with one model tag begin with the
/// same sum (the prior, then these three groups: `word_sums` keeps it as
/// one row).
pub const OWN_GROUP: usize = 2;

// The token's own features name it, as its word's identity does; the
// form and the neighbours' generalize.
const _: () = assert!(perceptron::GROUP_IS_LEXICAL[0] && perceptron::GROUP_IS_LEXICAL[OWN_GROUP]);

/// A token's groups in the order its scores are summed: its word's identity
/// and form, its own group `own`, then its neighbours' (the groups `words`
/// of [`word_groups_of`], in their order).
#[inline]
pub fn token_groups(words: [u32; WORD_GROUPS], own: u32) -> [u32; perceptron::GROUPS_PER_TOKEN] {
    let mut groups = [own; perceptron::GROUPS_PER_TOKEN];
    groups[..OWN_GROUP].copy_from_slice(&words[..OWN_GROUP]);
    groups[OWN_GROUP + 1..].copy_from_slice(&words[OWN_GROUP..]);
    groups
}

/// `lower` with a final `s` taken off when it looks like a plural's
/// (`strikes`, `vbieds`; not `press`, `gas`, `us`), so that a correction of
/// one number teaches the other: what a user marks is mostly nouns.
pub fn singular(lower: &str) -> &str {
    match lower.strip_suffix('s') {
        Some(stem) if stem.chars().count() >= 3 && !stem.ends_with(['s', 'u', 'i']) => stem,
        _ => lower,
    }
}

/// What one distinct word gives, wherever it is.
#[derive(Clone, Copy)]
pub struct WordPart {
    /// Its groups in the features pushed: its identity, its form, then
    /// its features as the neighbour at -2, -1, +1, +2.
    pub groups: [u32; WORD_GROUPS],
    /// The [`phrases::word_key`] of its [`singular`].
    pub singular: u64,
    /// The hash of the model's tag with the word, the word hashed in: the
    /// tag goes in per token ([`token_features`]).
    pub tag_word: FeatureHasher,
}

/// Pushes the features of the word of `w` to `f`, in groups.
pub fn word_part(w: WordForms, f: &mut Features) -> WordPart {
    let one = singular(w.lower);
    let mut groups = [0u32; WORD_GROUPS];
    templates::identity_features(w.word, w.lower, &mut f.flat);
    f.flat.push(FeatureHasher::new(SINGULAR).str(one).finish());
    templates::cluster_features(0, w.cluster, &mut f.flat);
    groups[0] = f.close_group();
    f.flat.push(templates::bias_feature());
    templates::form_features(w.lower, w.shape, w.short_shape, &mut f.flat);
    groups[1] = f.close_group();
    for (k, d) in templates::NEIGHBOUR_OFFSETS.into_iter().enumerate() {
        templates::neighbour_features(d, w.lower, w.shape, &mut f.flat);
        templates::cluster_features(d, w.cluster, &mut f.flat);
        groups[2 + k] = f.close_group();
    }
    WordPart { groups, singular: phrases::word_key(one), tag_word: FeatureHasher::new(MODEL_TAG_WORD).str(w.lower) }
}

/// Pushes the groups of `<s>` before a document and `</s>` after it as
/// the neighbour at each of [`templates::NEIGHBOUR_OFFSETS`], as the
/// tagger reads them; returns them.
pub fn outside_groups(f: &mut Features) -> [u32; 4] {
    templates::NEIGHBOUR_OFFSETS.map(|d| {
        let word = if d < 0 { BEFORE_DOC } else { AFTER_DOC };
        templates::neighbour_features(d, word, word, &mut f.flat);
        f.close_group()
    })
}

/// The groups of token `i` that come from words, with `part(word id)` the
/// [`WordPart::groups`] of each distinct word and `outside` those of
/// [`outside_groups`].
#[inline]
pub fn word_groups_of(doc: &Doc, i: usize, part: impl Fn(u32) -> [u32; WORD_GROUPS], outside: &[u32; 4]) -> [u32; WORD_GROUPS] {
    let n = doc.len();
    let mut groups = [0u32; WORD_GROUPS];
    groups[..2].copy_from_slice(&part(doc.word_ids[i])[..2]);
    for (k, d) in templates::NEIGHBOUR_OFFSETS.into_iter().enumerate() {
        let j = i as isize + d;
        groups[2 + k] = if j < 0 || j as usize >= n { outside[k] } else { part(doc.word_ids[j as usize])[2 + k] };
    }
    groups
}

/// Pushes the token's own features: the model's tag `model_tag` with the
/// word (`tag_word`), and the phrase taught that covers it, if one does.
pub fn token_features(tag_word: FeatureHasher, model_tag: TagId, taught: Option<(u16, u16)>, out: &mut Vec<u32>) {
    out.push(tag_word.byte(model_tag as u8).finish());
    if let Some((k, part)) = taught {
        let k = k.to_le_bytes();
        out.push(FeatureHasher::new(TAUGHT_PART).byte(k[0]).byte(k[1]).byte(part as u8).finish());
        out.push(FeatureHasher::new(TAUGHT_LABEL).byte(k[0]).byte(k[1]).finish());
        out.push(FeatureHasher::new(TAUGHT_MODEL).byte(k[0]).byte(k[1]).byte(part as u8).byte(model_tag as u8).finish());
    }
}

/// The embedded model's tags of the document's tokens, from its entities.
pub fn model_tags(doc: &Doc, entities: Vec<tags::Entity>) -> Vec<TagId> {
    let model: Vec<(Range<usize>, usize)> = entities.into_iter().map(|(r, ty)| (r, tagset::of_entity_type(ty))).collect();
    tagset::tags_of(doc.len(), &model)
}

/// The token ranges decoded apart: the sentences, joined where a name of
/// the model runs across one's end (the conventions can join them), so
/// that its path is possible. In order, covering the document.
pub fn segments(doc: &Doc, model_tags: &[TagId]) -> Vec<Range<usize>> {
    let n = doc.len();
    let mut segments: Vec<Range<usize>> = Vec::with_capacity(doc.sentences.len());
    for s in &doc.sentences {
        match segments.last_mut() {
            Some(last) if s.start > 0 && model_tags.get(s.start).is_some_and(|&t| tagset::continues(t)) => last.end = s.end,
            _ => segments.push(s.clone()),
        }
    }
    if segments.last().map_or(0, |s| s.end) != n || segments.windows(2).any(|w| w[0].end != w[1].start) {
        // The tagger's sentences always cover the document; if they did
        // not, the document is one segment.
        segments = std::iter::once(0..n).collect();
    }
    segments
}

/// A document as the adapter learns it.
pub struct Prepared {
    pub features: Features,
    /// The embedded model's tag of each token.
    pub model_tags: Vec<TagId>,
    /// Each token's word key ([`phrases::word_key`] of its [`singular`]).
    pub words: Vec<u64>,
    /// Token ranges decoded apart ([`segments`]).
    pub segments: Vec<Range<usize>>,
}

/// The features of every token and the embedded model's tags, `None` when
/// the model cannot be loaded or there are no tokens; the phrases matched
/// are those of `phrases`.
pub fn prepare(cx: &Context, phrases: &Phrases) -> Option<Prepared> {
    let names::Tagged { doc, entities, .. } = names::tagged(cx)?;
    let model_tags = model_tags(&doc, entities);
    let mut f = Features::new();
    f.flat.reserve(doc.n_words() * 40 + doc.len() * 2);
    let parts: Vec<WordPart> = (0..doc.n_words() as u32).map(|id| word_part(doc.word_forms(id), &mut f)).collect();
    let outside = outside_groups(&mut f);
    let words: Vec<u64> = doc.word_ids.iter().map(|&id| parts[id as usize].singular).collect();
    let taught = phrases.matches(&words);
    for (i, &t) in model_tags.iter().enumerate() {
        let words = word_groups_of(&doc, i, |id| parts[id as usize].groups, &outside);
        token_features(parts[doc.word_ids[i] as usize].tag_word, t, taught[i], &mut f.flat);
        let own = f.close_group();
        f.token_groups.push(token_groups(words, own));
    }
    let segments = segments(&doc, &model_tags);
    Some(Prepared { features: f, model_tags, words, segments })
}
