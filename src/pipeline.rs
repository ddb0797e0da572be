//! One pipeline: a text is tokenized, its [`Context`] built once, each
//! recognizer proposes candidates, and [`resolve`] settles them into the
//! document's annotations (overlaps, name consistency, hand edits, labels).
//!
//! The recognizers are passed in, so the same pipeline runs the standard
//! set ([`Pipeline::standard`]), the rules alone
//! ([`Pipeline::amounts_and_dates`]) or the names baseline in the tagger's
//! place (a test's [`Pipeline::new`]).

use crate::document::{Annotation, DateSource, Document, Options};
use crate::label::{Label, LabelSet};
use crate::recognizer::{Context, Recognizer};
use crate::{amount, date, names, resolve, tokenize};

/// Amounts: MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL ([`amount`]), and
/// the DATE and TIME durations written as amounts are (ages, `three-day`).
pub const AMOUNTS: Recognizer = Recognizer {
    name: "amounts",
    labels: LabelSet::of(&[Label::Money, Label::Percent, Label::Quantity, Label::Cardinal, Label::Ordinal, Label::Date, Label::Time]),
    skip_when_unwanted: false,
    find: amount::recognize,
};

/// Dates and times: DATE, TIME ([`date`]).
pub const DATES: Recognizer =
    Recognizer { name: "dates", labels: LabelSet::of(&[Label::Date, Label::Time]), skip_when_unwanted: false, find: date::recognize };

/// Names by the embedded tagger (the rule-based baseline when the model
/// cannot be loaded): PERSON, ORG, LOC, MISC ([`names`]).
pub const NAMES: Recognizer =
    Recognizer { name: "names", labels: LabelSet::of(&Label::NAMES), skip_when_unwanted: true, find: names::recognize };

/// Names by the rule-based baseline of the first release
/// ([`names::baseline`]), for comparisons.
pub const NAMES_BASELINE: Recognizer =
    Recognizer { name: "names-baseline", labels: LabelSet::of(&Label::NAMES), skip_when_unwanted: true, find: names::baseline::recognize };

/// A set of recognizers run over a text, then resolved.
pub struct Pipeline {
    recognizers: Vec<Recognizer>,
}

impl Pipeline {
    /// A pipeline of `recognizers`, run in this order (the order does not
    /// change the result: resolution sorts candidates itself).
    pub fn new(recognizers: impl IntoIterator<Item = Recognizer>) -> Pipeline {
        Pipeline { recognizers: recognizers.into_iter().collect() }
    }

    /// Amounts, dates and names: what [`annotate`](crate::annotate) runs.
    pub fn standard() -> Pipeline {
        Pipeline::new([AMOUNTS, DATES, NAMES])
    }

    /// Amounts and dates alone, no names.
    pub fn amounts_and_dates() -> Pipeline {
        Pipeline::new([AMOUNTS, DATES])
    }

    /// The recognizers, in the order they run.
    pub fn recognizers(&self) -> &[Recognizer] {
        &self.recognizers
    }

    /// Annotates `text`: the article date (from `options`, else found in
    /// the text), each recognizer's candidates, then resolution with the
    /// hand edits and labels of `options`. Never panics, whatever the text.
    pub fn annotate(&self, text: &str, options: &Options) -> Document {
        self.annotate_with(text, options, LabelSet::empty(), &|_, _| {})
    }

    /// [`Pipeline::annotate`] with one more finder of candidates, which
    /// holds state a [`Recognizer`] cannot (the adaptive tagger of
    /// [`crate::adapt`]): `extra` runs after the recognizers, and is skipped,
    /// as the names tagger is, when `options` wants none of `extra_labels`.
    pub fn annotate_with(
        &self,
        text: &str,
        options: &Options,
        extra_labels: LabelSet,
        extra: &dyn Fn(&Context, &mut Vec<Annotation>),
    ) -> Document {
        let (article_date, article_date_source) = match options.article_date {
            Some(d) => (Some(d), Some(DateSource::Option)),
            None => match date::detect_article_date_with_source(text) {
                Some((d, source)) => (Some(d), Some(source)),
                None => (None, None),
            },
        };
        let annotations = self.run_with(text, article_date, Vec::new(), options, &|cx, out| {
            if options.labels.intersects(extra_labels) {
                extra(cx, out)
            }
        });
        Document { text: text.to_owned(), article_date, article_date_source, annotations }
    }

    /// Resolves `candidates` of `text` (spans already found, such as the
    /// parts of a long text annotated apart) together with what this
    /// pipeline's recognizers find, with `options`' edits and labels.
    /// `options.article_date` is the date the recognizers see; none is
    /// looked for in the text. Spans outside `text` or inside a character
    /// are dropped.
    pub fn settle(&self, text: &str, candidates: Vec<Annotation>, options: &Options) -> Vec<Annotation> {
        self.run(text, options.article_date, candidates, options)
    }

    fn run(&self, text: &str, article_date: Option<chrono::NaiveDate>, candidates: Vec<Annotation>, options: &Options) -> Vec<Annotation> {
        self.run_with(text, article_date, candidates, options, &|_, _| {})
    }

    fn run_with(
        &self,
        text: &str,
        article_date: Option<chrono::NaiveDate>,
        mut candidates: Vec<Annotation>,
        options: &Options,
        extra: &dyn Fn(&Context, &mut Vec<Annotation>),
    ) -> Vec<Annotation> {
        let tokens = tokenize::tokenize(text);
        let cx = Context { text, tokens: &tokens, article_date };
        for r in &self.recognizers {
            if r.skip_when_unwanted && !options.labels.intersects(r.labels) {
                continue;
            }
            (r.find)(&cx, &mut candidates);
        }
        extra(&cx, &mut candidates);
        // An amount past the range of a float (`$` and 310 nines) keeps its
        // span and label but has no value: an infinite one has no JSON form,
        // and every export of the document would fail or write `null`.
        for c in candidates.iter_mut().filter(|c| c.value.as_ref().is_some_and(|v| !v.is_finite())) {
            c.value = None;
        }
        resolve::resolve(&cx, candidates, &options.edits, options.labels)
    }
}
