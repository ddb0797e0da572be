//! newsmark marks up news articles: names (people, organizations, places,
//! other names) and amounts (money, percents, quantities, counts, ranks,
//! dates, times) with normalized values.
//!
//! ```
//! let doc = newsmark::annotate("WASHINGTON, Aug. 9 (Yonhap) -- It paid more than US$455 million on Tuesday.",
//!                              &newsmark::Options::default());
//! let money = doc.annotations.iter().find(|a| a.label == newsmark::Label::Money).unwrap();
//! assert_eq!(money.text(&doc.text), "US$455 million");
//! ```
//!
//! Every span inside the crate is a half-open byte range of the UTF-8 text
//! ([`Span`]). Code point and UTF-16 offsets are computed at the boundaries
//! ([`OffsetMap`]): in the JSON of [`export`] and in the WASM bindings.
//!
//! The pipeline: [`tokenize`] → recognizers ([`amount`], [`date`],
//! [`names`]) → [`resolve`] (overlaps, document-level consistency, user
//! edits) → [`Document`] → [`export`].

pub mod amount;
pub mod date;
pub mod error;
pub mod eval;
pub mod export;
pub mod hash;
pub mod label;
pub mod names;
pub mod resolve;
pub mod span;
pub mod tokenize;
pub mod value;

/// The JavaScript bindings (public only so that `tests/wasm.rs` can call
/// them; JavaScript reaches them through wasm-bindgen's glue).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use chrono::NaiveDate;
pub use error::{Error, ErrorKind};
pub use label::{Label, LabelSet};
pub use span::{OffsetMap, OffsetUnit, Span};
pub use tokenize::{Token, TokenKind};
pub use value::Value;

use serde::{Deserialize, Serialize};

/// The crate's version, as written in exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where an annotation came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The statistical names tagger.
    #[default]
    Model,
    /// A hand-written rule (amounts, dates, name lists, consistency).
    Rule,
    /// A person, by hand. User annotations always win.
    User,
}

/// One marked span of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// Half-open byte range into the document's text.
    pub span: Span,
    pub label: Label,
    /// The normalized value of an amount, date or time.
    pub value: Option<Value>,
    pub source: Source,
}

impl Annotation {
    pub fn new(span: Span, label: Label, value: Option<Value>, source: Source) -> Annotation {
        Annotation { span, label, value, source }
    }

    /// The covered text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.text(text)
    }
}

/// Where the article date used to resolve relative dates came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Set by the caller in [`Options::article_date`].
    Option,
    /// Found in the text: a `date YYYY-MM-DD` line or a wire dateline.
    Text,
}

/// An annotated document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub text: String,
    /// The date relative expressions were resolved against, if any.
    pub article_date: Option<NaiveDate>,
    pub article_date_source: Option<DateSource>,
    /// Sorted by start, never overlapping, on char boundaries of `text`.
    pub annotations: Vec<Annotation>,
}

/// What to annotate and how.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The article's date. When `None`, one is looked for in the text.
    pub article_date: Option<NaiveDate>,
    /// Which labels to emit; every label by default.
    pub labels: LabelSet,
    /// Hand edits to keep: user annotations always win over recognizers.
    pub edits: Edits,
}

/// Hand edits that survive re-annotation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edits {
    /// Spans a person added or relabeled (their `source` is [`Source::User`]).
    pub added: Vec<Annotation>,
    /// Spans a person deleted: no recognizer may mark exactly these again.
    pub removed: Vec<Span>,
}

/// What every recognizer sees.
pub struct Context<'t> {
    pub text: &'t str,
    pub tokens: &'t [Token],
    /// The article date relative dates resolve against, if known.
    pub article_date: Option<NaiveDate>,
}

/// Annotates `text`: finds names, amounts, dates and times, resolves
/// overlaps, and applies the hand edits in `options`.
///
/// Never panics, whatever the text.
pub fn annotate(text: &str, options: &Options) -> Document {
    let (article_date, article_date_source) = match options.article_date {
        Some(d) => (Some(d), Some(DateSource::Option)),
        None => match date::detect_article_date(text) {
            Some(d) => (Some(d), Some(DateSource::Text)),
            None => (None, None),
        },
    };
    let tokens = tokenize::tokenize(text);
    let cx = Context { text, tokens: &tokens, article_date };
    let labels = options.labels;
    let mut candidates = Vec::new();
    amount::recognize(&cx, &mut candidates);
    date::recognize(&cx, &mut candidates);
    if labels.any_name() {
        names::recognize(&cx, &mut candidates);
    }
    let annotations = resolve::resolve(&cx, candidates, &options.edits, labels);
    Document { text: text.to_owned(), article_date, article_date_source, annotations }
}

/// Settles the annotations of a text annotated a part at a time (each
/// part's spans shifted to `text`'s offsets), as [`annotate`] settles one
/// text's: overlaps resolved and the hand edits of `options` applied again,
/// and names made consistent across the parts (a name's mentions take its
/// majority label; its unmarked mentions are marked). Nothing is
/// recognized anew; `options.article_date` is not used.
///
/// Never panics; spans outside `text` or inside a character are dropped.
pub fn reconcile(text: &str, annotations: Vec<Annotation>, options: &Options) -> Vec<Annotation> {
    let tokens = tokenize::tokenize(text);
    let cx = Context { text, tokens: &tokens, article_date: options.article_date };
    resolve::resolve(&cx, annotations, &options.edits, options.labels)
}

/// Annotates only amounts, dates and times (no names): the rule-based part
/// of the pipeline, for callers and benchmarks that need no names.
pub fn annotate_amounts_and_dates(text: &str, article_date: Option<NaiveDate>) -> Vec<Annotation> {
    let article_date = article_date.or_else(|| date::detect_article_date(text));
    let tokens = tokenize::tokenize(text);
    let cx = Context { text, tokens: &tokens, article_date };
    let mut candidates = Vec::new();
    amount::recognize(&cx, &mut candidates);
    date::recognize(&cx, &mut candidates);
    let labels = Label::ALL.into_iter().filter(|l| !l.is_name()).collect();
    resolve::resolve(&cx, candidates, &Edits::default(), labels)
}
