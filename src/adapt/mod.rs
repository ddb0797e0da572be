//! The adaptive tagger: names as the embedded model finds them, then as
//! the project's corrections taught (issue 17).
//!
//! An [`Adapter`] holds a project's name-like labels (the four built-in
//! names, then the user's labels without values) and an online, averaged
//! structured perceptron ([`perceptron`]) over BILOU tags of them
//! ([`tagset`]). Its features ([`features`]) are the names tagger's own
//! static features ([`crate::names::templates`], computed by the same code
//! on the same prepared document, [`crate::names::tagged`]) plus the
//! embedded model's tag of each token with the word; annotating sums them
//! once per word met (`word_sums`); and the model's tag gets a
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

pub mod features;
pub mod file;
pub mod perceptron;
pub mod phrases;
pub mod tagset;
mod word_sums;

use crate::document::{Annotation, Document, Options, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::export::{self, Format, ImportOptions, Imported};
use crate::label::{Label, LabelSet};
use crate::names::{self, conventions};
use crate::pipeline::Pipeline;
use crate::recognizer::Context;
use crate::span::Span;
use crate::tokenize::{self, Token};
use features::Prepared;
use perceptron::Perceptron;
pub use perceptron::Settings;
use phrases::Phrases;
use std::ops::Range;

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

    /// Gives what was learned of the user's label `from` to `to`: a rename
    /// of the label in the project, which keeps what its marks taught. When
    /// `to` is tagged already (a label deleted from the project, whose
    /// learning stays until it is forgotten), the two swap names, so that
    /// nothing learned is lost and a rename back restores both. An error
    /// when `from` is not a label it learns of the user's, or `to` is a
    /// built-in label or one with values.
    pub fn rename_label(&mut self, from: Label, to: Label) -> Result<()> {
        let refuse = |why: String| Err(Error::new(ErrorKind::InvalidLabel, why));
        let Some(k) = self.labels.iter().position(|&l| l == from).filter(|_| from.is_custom()) else {
            return refuse(format!("{from} is not a label of the project's that the suggestions learn"));
        };
        if !to.is_custom() || !tagset::is_learned(to) {
            return refuse(format!("{from} cannot take the name {to}: it is not a label of the project's without values"));
        }
        // The weights, phrases and counts are by label number: only names move.
        match self.labels.iter().position(|&l| l == to) {
            Some(j) => self.labels.swap(j, k),
            None => self.labels[k] = to,
        }
        Ok(())
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
        let step = self.learn_passage(doc);
        if step.tokens > 0 {
            self.documents = self.documents.saturating_add(1);
        }
        step
    }

    /// Learns corrected documents one by one in order, as `newsmark learn`
    /// and the Python bindings do, after adding `labels` (the project's,
    /// as the user named them). Returns the labels the documents brought
    /// that neither `labels` named nor the adapter tagged before: the
    /// project's own from now on, which a caller says, since a misspelt
    /// label in a file would otherwise become one unnoticed.
    pub fn learn_all<'a>(&mut self, labels: LabelSet, docs: impl IntoIterator<Item = &'a Document>) -> Vec<Label> {
        let before = self.label_set();
        self.add_labels(labels);
        for doc in docs {
            self.learn(doc);
        }
        self.labels.iter().copied().filter(|&l| l.is_custom() && !labels.contains(l) && !before.contains(l)).collect()
    }

    /// Learns a passage as [`Adapter::learn`] learns a document, without
    /// counting it as one: the part of a document around a hand edit,
    /// when the page learns from each edit as it is made (its marks there
    /// are taken as right; the rest of the document is not looked at yet).
    pub fn learn_passage(&mut self, doc: &Document) -> LearnStep {
        let new_labels: LabelSet = doc.annotations.iter().map(|a| a.label).filter(|&l| tagset::is_learned(l)).collect();
        self.add_labels(new_labels);
        let tokens = tokenize::tokenize(&doc.text);
        let cx = Context { text: &doc.text, tokens: &tokens, article_date: doc.article_date };
        let Some(Prepared { features, model_tags, words, segments }) = features::prepare(&cx, &self.phrases) else {
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
        LearnStep { tokens: tokens.len(), wrong: wrong.unwrap_or(0) }
    }

    /// Finds names with the adapted tagger and pushes them with
    /// [`Source::Model`]; where the embedded model cannot be loaded, the
    /// names tagger's fallback runs as it would.
    pub fn recognize(&self, cx: &Context, out: &mut Vec<Annotation>) {
        if cx.tokens.is_empty() {
            return;
        }
        let Some(names::Tagged { doc, entities, table }) = names::tagged(cx) else {
            names::recognize(cx, out);
            return;
        };
        let model_tags = features::model_tags(&doc, entities);
        let segments = features::segments(&doc, &model_tags);
        let tags = word_sums::best_tags(&self.perceptron, &self.phrases, &doc, table, &model_tags, &segments);
        for (r, k) in tagset::entities(&tags) {
            let r = without_loose_ends(cx, &model_tags, r);
            if r.is_empty() {
                continue;
            }
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

/// How corrected documents are imported for learning: every label that is
/// none of newsmark's one of the project's own.
pub fn corrections_options() -> ImportOptions {
    ImportOptions { own_labels: true, ..ImportOptions::default() }
}

/// Reads corrected documents for learning, as `newsmark learn` and the
/// Python bindings do: `files` (name, content) in any format newsmark
/// imports, found from each file's name and content (a brat `.txt` and
/// `.ann` together), every label that is none of newsmark's one of the
/// project's own ([`ImportOptions::own_labels`]). A file of plain text
/// holds no corrections (learning it would teach that nothing in it is a
/// name), so it is an error, as is any file that cannot be read: then
/// nothing is returned.
pub fn read_corrections(files: &[(&str, &[u8])]) -> Result<Imported> {
    let imported = export::import_files_with(files, &corrections_options())?;
    if let Some(text) = imported.reports.iter().find(|r| r.format == Some(Format::Text)) {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat,
            format!(
                "{}: plain text holds no corrections; learn from the documents as corrected (newsmark JSONL, or any format newsmark imports)",
                text.file
            ),
        ));
    }
    Ok(imported)
}

/// The tokens of an entity the adapter found, without the punctuation
/// and possessive `'s` at its ends that the guidelines leave out of a
/// span (`London ,` is `London`), as the names tagger's conventions leave
/// them out of its own: what learning can add where the corrections'
/// spans took in a comma or a quote. A token the embedded model itself put
/// in a name stays (with nothing learned the spans are the model's, end
/// for end).
fn without_loose_ends(cx: &Context, model_tags: &[tagset::TagId], r: Range<usize>) -> Range<usize> {
    conventions::without_ends(r, |i| {
        let w = cx.tokens[i].text(cx.text);
        model_tags[i] == 0 && (conventions::is_loose_punctuation(w) || conventions::is_possessive(w))
    })
}

/// The tokens a span covers (those it overlaps), `None` when none.
fn covered_tokens(tokens: &[Token], span: Span) -> Option<Range<usize>> {
    let start = tokens.partition_point(|t| t.span.end <= span.start);
    let end = tokens.partition_point(|t| t.span.start < span.end);
    (start < end).then_some(start..end)
}
