//! The adaptive tagger: names as the embedded model finds them, then as
//! the project's corrections taught (issue 17).
//!
//! An [`Adapter`] holds a project's name-like labels (the four built-in
//! names, then the user's labels without values) and an online, averaged
//! structured perceptron ([`perceptron`]) over BILOU tags of them
//! ([`tagset`]). Its features are the names tagger's own static features
//! ([`crate::names::templates`], computed by the same code on the same
//! prepared document, [`crate::names::tagged`]) plus the embedded model's
//! tag of each token with the word; and the model's tag gets a
//! fixed prior, so that an adapter that learned nothing gives the model's
//! names span for span, and one that learned a little mostly does.
//!
//! [`Adapter::learn`] takes one corrected document (its annotations are
//! the truth) and updates the weights: incremental, no retraining, the
//! same weights for the same documents in the same order.
//! [`Adapter::annotate`] runs the standard pipeline with the adapter in the
//! names tagger's place: the amount and date rules, overlap resolution,
//! name consistency and hand edits are unchanged, and see the adapted
//! labels. Labels with a kind of value (a user's `TICKER:money`) are not
//! learned: they are marked by hand (and their spans teach the adapter
//! that no name is there). [`mod@file`] is the `.nml` file of what was learned.

pub mod file;
pub mod perceptron;
pub mod phrases;
pub mod tagset;

use crate::document::{Annotation, Document, Options, Source};
use crate::hash::FeatureHasher;
use crate::label::{Label, LabelSet};
use crate::names;
use crate::names::templates;
use crate::pipeline::Pipeline;
use crate::recognizer::Context;
use crate::span::Span;
use crate::tokenize::{self, Token};
pub use perceptron::Settings;
use perceptron::{Features, Perceptron};
use phrases::Phrases;
use std::ops::Range;
use tagset::TagId;

/// The feature templates of the adapter's own features, numbered apart from
/// the names tagger's ([`crate::names::templates::Template`] and the model's
/// table keys 200 and 201): the model's tag and the word. (The model's tag
/// alone, 210, is gone: it grew to outweigh every correction, where
/// [`Settings::prior`] already stands for it.)
const MODEL_TAG_WORD: u8 = 211;
/// A phrase marked before covers the token ([`phrases`]): its label and
/// part; its label; its label, part and the model's tag.
const TAUGHT_PART: u8 = 213;
const TAUGHT_LABEL: u8 = 214;
const TAUGHT_MODEL: u8 = 215;
/// The word's lowercase with a plural `s` taken off ([`singular`]).
const SINGULAR: u8 = 216;

/// `lower` with a final `s` taken off when it looks like a plural's
/// (`strikes`, `vbieds`; not `press`, `gas`, `us`), so that a correction of
/// one number teaches the other: what a user marks is mostly nouns.
fn singular(lower: &str) -> &str {
    match lower.strip_suffix('s') {
        Some(stem) if stem.chars().count() >= 3 && !stem.ends_with(['s', 'u', 'i']) => stem,
        _ => lower,
    }
}

/// A project's adaptive tagger: its labels and what its corrections taught.
#[derive(Clone, Debug, PartialEq)]
pub struct Adapter {
    /// The labels tagged, by number: [`Label::NAMES`], then the project's
    /// name-like labels in the order they came.
    labels: Vec<Label>,
    /// Per label: the spans of it in the documents learned.
    taught: Vec<u32>,
    /// The documents learned.
    documents: u32,
    perceptron: Perceptron,
    /// The spans of the documents learned, as phrases.
    phrases: Phrases,
}

/// What an adapter learned, for a line such as "learned from 12
/// documents; suggests WEAPON".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub documents: u32,
    /// Every label it tags.
    pub labels: Vec<Label>,
    /// The user's labels it has learned to propose.
    pub suggests: Vec<Label>,
    /// Per label of `labels`: the spans of it in the documents learned.
    pub taught: Vec<u32>,
    /// The weights stored.
    pub weights: usize,
}

/// What one call of [`Adapter::learn`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LearnStep {
    pub tokens: usize,
    /// Tokens whose tag the adapter had wrong before the first update.
    pub wrong: usize,
}

impl Adapter {
    /// An adapter that learned nothing, over the name-like labels of
    /// `labels` (the four built-in names are always tagged: the pipeline
    /// drops those `Options::labels` does not want, as it drops the
    /// model's).
    pub fn new(labels: LabelSet) -> Adapter {
        Adapter::with_settings(labels, Settings::default())
    }

    /// [`Adapter::new`] learning with other settings (for choosing them).
    pub fn with_settings(labels: LabelSet, settings: Settings) -> Adapter {
        let mut a = Adapter {
            labels: Label::NAMES.to_vec(),
            taught: vec![0; 4],
            documents: 0,
            perceptron: Perceptron::new(4, settings),
            phrases: Phrases::default(),
        };
        a.add_labels(labels);
        a
    }

    /// Adds the name-like labels of `labels` it does not tag yet, at the
    /// end (what was learned stays). Labels with values are left out.
    pub fn add_labels(&mut self, labels: LabelSet) {
        for l in labels.iter().filter(|&l| tagset::is_learned(l)) {
            if !self.labels.contains(&l) {
                self.labels.push(l);
                self.taught.push(0);
            }
        }
        self.perceptron.grow(self.labels.len());
    }

    /// The labels tagged, by number.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The labels tagged, as a set.
    pub fn label_set(&self) -> LabelSet {
        self.labels.iter().copied().collect()
    }

    /// Forgets what was learned; keeps the labels.
    pub fn reset(&mut self) {
        self.taught.iter_mut().for_each(|t| *t = 0);
        self.documents = 0;
        self.perceptron = Perceptron::new(self.labels.len(), self.perceptron.settings());
        self.phrases = Phrases::default();
    }

    /// Whether it learned nothing yet.
    pub fn is_blank(&self) -> bool {
        self.perceptron.is_blank()
    }

    pub fn summary(&self) -> Summary {
        let voted = self.perceptron.voted_labels();
        let suggests = self.labels.iter().zip(&voted).filter(|(l, &v)| v && l.is_custom()).map(|(&l, _)| l).collect();
        Summary {
            documents: self.documents,
            labels: self.labels.clone(),
            suggests,
            taught: self.taught.clone(),
            weights: self.perceptron.weight_count(),
        }
    }

    /// Learns one corrected document: its annotations are the truth (a
    /// name-like label it does not tag yet is added). Spans of labels with
    /// values, and the text outside every span, are "no name here".
    /// A document without tokens teaches nothing and counts for nothing.
    pub fn learn(&mut self, doc: &Document) -> LearnStep {
        let new_labels: LabelSet = doc.annotations.iter().map(|a| a.label).filter(|&l| tagset::is_learned(l)).collect();
        self.add_labels(new_labels);
        let tokens = tokenize::tokenize(&doc.text);
        let cx = Context { text: &doc.text, tokens: &tokens, article_date: doc.article_date };
        let Some(Prepared { features, model_tags, words, segments }) = prepare(&cx, &self.phrases) else {
            return LearnStep { tokens: 0, wrong: 0 };
        };
        let mut entities = Vec::new();
        for a in &doc.annotations {
            let Some(r) = covered_tokens(&tokens, a.span) else { continue };
            if let Some(k) = self.labels.iter().position(|&l| l == a.label) {
                self.taught[k] = self.taught[k].saturating_add(1);
                entities.push((r, k));
            }
        }
        let gold = tagset::tags_of(tokens.len(), &entities);
        let mut wrong = None;
        for _ in 0..self.perceptron.settings().passes.max(1) {
            let w = self.perceptron.learn(&features, &model_tags, &gold, &segments);
            wrong.get_or_insert(w);
            if w == 0 {
                break;
            }
        }
        // Its spans join the phrases after the update (see [`phrases`]).
        for (r, k) in &entities {
            self.phrases.add(&words[r.clone()], *k as u16);
        }
        self.documents = self.documents.saturating_add(1);
        LearnStep { tokens: tokens.len(), wrong: wrong.unwrap_or(0) }
    }

    /// Finds names with the adapted tagger and pushes them with
    /// [`Source::Model`]; where the embedded model cannot be loaded, the
    /// names tagger's fallback runs as it would.
    pub fn recognize(&self, cx: &Context, out: &mut Vec<Annotation>) {
        if cx.tokens.is_empty() {
            return;
        }
        let Some(Prepared { features, model_tags, segments, .. }) = prepare(cx, &self.phrases) else {
            names::recognize(cx, out);
            return;
        };
        let tags = self.perceptron.decode(&features, &model_tags, &segments, true);
        for (r, k) in tagset::entities(&tags) {
            let span = Span::new(cx.tokens[r.start].span.start, cx.tokens[r.end - 1].span.end);
            out.push(Annotation::new(span, self.labels[k], None, Source::Model));
        }
    }

    /// Annotates `text` as [`crate::annotate`] does, with this adapter in
    /// the names tagger's place. With nothing learned, the same document.
    pub fn annotate(&self, text: &str, options: &Options) -> Document {
        Pipeline::amounts_and_dates().annotate_with(text, options, self.label_set(), &|cx, out| self.recognize(cx, out))
    }
}

/// The tokens a span covers (those it overlaps), `None` when none.
fn covered_tokens(tokens: &[Token], span: Span) -> Option<Range<usize>> {
    let start = tokens.partition_point(|t| t.span.end <= span.start);
    let end = tokens.partition_point(|t| t.span.start < span.end);
    (start < end).then_some(start..end)
}

/// The features of every token and the embedded model's tags, `None` when
/// the model cannot be loaded or there are no tokens.
///
/// The names tagger's features of a token that depend on words alone (its
/// [`templates::word_features`], its neighbours' [`templates::neighbour_features`]
/// and the word clusters of the tokens at -2 to 2, the same functions on
/// the same prepared document), and two of the model's decision: its tag,
/// and its tag with the word. The tagger's other features (word pairs,
/// line casing, name lists, the baseline, the gazetteer) are in the model's
/// tag already, and would cost a hash a token each, where these cost one a
/// distinct word of the document.
fn prepare(cx: &Context, phrases: &Phrases) -> Option<Prepared> {
    let (doc, entities) = names::tagged(cx)?;
    let n = doc.len();
    let model: Vec<(Range<usize>, usize)> = entities.into_iter().map(|(r, ty)| (r, tagset::of_entity_type(ty))).collect();
    let model_tags = tagset::tags_of(n, &model);
    let mut f = Features::new();
    f.flat.reserve(doc.n_words() * 40 + n * 2);
    // Per distinct word: its identity and its form (as the token), then
    // its groups as the neighbour at -2, -1, +1, +2; the layout of
    // [`perceptron::GROUP_IS_LEXICAL`].
    let mut word_groups: Vec<[u32; 6]> = Vec::with_capacity(doc.n_words());
    let mut singulars: Vec<u64> = Vec::with_capacity(doc.n_words());
    // The model's tag with the word, hashed word first: the word's part
    // once per distinct word, the tag per token.
    let mut tag_words: Vec<FeatureHasher> = Vec::with_capacity(doc.n_words());
    for id in 0..doc.n_words() as u32 {
        let w = doc.word_forms(id);
        let one = singular(w.lower);
        singulars.push(phrases::word_key(one));
        tag_words.push(FeatureHasher::new(MODEL_TAG_WORD).str(w.lower));
        let mut groups = [0u32; 6];
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
        word_groups.push(groups);
    }
    // Beyond the document: `<s>` before, `</s>` after, as the tagger reads.
    let mut outside = [0u32; 4];
    for (k, d) in templates::NEIGHBOUR_OFFSETS.into_iter().enumerate() {
        let at = if d < 0 { d } else { n as isize - 1 + d };
        templates::neighbour_features(d, doc.word_at(at), doc.shape_at(at), &mut f.flat);
        outside[k] = f.close_group();
    }
    let words: Vec<u64> = doc.word_ids.iter().map(|&id| singulars[id as usize]).collect();
    let taught = phrases.matches(&words);
    for (i, &t) in model_tags.iter().enumerate() {
        let mut groups = [0u32; perceptron::GROUPS_PER_TOKEN];
        let own = &word_groups[doc.word_ids[i] as usize];
        groups[..2].copy_from_slice(&own[..2]);
        for (k, d) in templates::NEIGHBOUR_OFFSETS.into_iter().enumerate() {
            let j = i as isize + d;
            groups[2 + k] = if j < 0 || j as usize >= n { outside[k] } else { word_groups[doc.word_ids[j as usize] as usize][2 + k] };
        }
        f.flat.push(tag_words[doc.word_ids[i] as usize].byte(t as u8).finish());
        if let Some((k, part)) = taught[i] {
            let k = k.to_le_bytes();
            f.flat.push(FeatureHasher::new(TAUGHT_PART).byte(k[0]).byte(k[1]).byte(part as u8).finish());
            f.flat.push(FeatureHasher::new(TAUGHT_LABEL).byte(k[0]).byte(k[1]).finish());
            f.flat.push(FeatureHasher::new(TAUGHT_MODEL).byte(k[0]).byte(k[1]).byte(part as u8).byte(t as u8).finish());
        }
        groups[6] = f.close_group();
        f.token_groups.push(groups);
    }
    // The sentences, joined where a name of the model runs across one's
    // end (the conventions can join them), so that its path is possible.
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
    Some(Prepared { features: f, model_tags, words, segments })
}

/// A document as the adapter reads it.
struct Prepared {
    features: Features,
    /// The embedded model's tag of each token.
    model_tags: Vec<TagId>,
    /// Each token's word key ([`phrases::word_key`] of its [`singular`]).
    words: Vec<u64>,
    /// Token ranges decoded apart, in order, covering the document.
    segments: Vec<Range<usize>>,
}
