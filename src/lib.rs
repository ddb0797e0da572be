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
//! The [`pipeline`]: [`tokenize`] → recognizers ([`amount`], [`date`],
//! [`names`]) → [`resolve`] (overlaps, document-level consistency, user
//! edits) → [`Document`] → [`export`]. `docs/ARCHITECTURE.md` maps the
//! modules.

pub mod adapt;
pub mod amount;
pub mod date;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod hash;
pub mod label;
pub mod names;
pub mod pipeline;
pub mod recognizer;
pub mod resolve;
pub mod span;
pub mod tokenize;
pub mod value;
pub mod value_check;
pub(crate) mod words;

pub use adapt::Adapter;
pub use chrono::NaiveDate;
pub use document::{Annotation, DateSource, Document, Edits, Options, Source};
pub use error::{Error, ErrorKind};
pub use label::{CustomLabel, Label, LabelSet, ValueKind};
pub use pipeline::Pipeline;
pub use recognizer::{Context, Recognizer};
pub use span::{OffsetMap, OffsetUnit, Span};
pub use tokenize::{Token, TokenKind};
pub use value::Value;

/// The crate's version, as written in exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Annotates `text`: finds names, amounts, dates and times, resolves
/// overlaps, and applies the hand edits in `options`
/// ([`Pipeline::standard`]).
///
/// Never panics, whatever the text.
pub fn annotate(text: &str, options: &Options) -> Document {
    Pipeline::standard().annotate(text, options)
}

/// Settles the annotations of a text annotated a part at a time (each
/// part's spans shifted to `text`'s offsets), as [`annotate`] settles one
/// text's: overlaps resolved and the hand edits of `options` applied again,
/// and names made consistent across the parts (a name's mentions take its
/// majority label; its unmarked mentions are marked). Nothing is
/// recognized anew.
///
/// Never panics; spans outside `text` or inside a character are dropped.
pub fn reconcile(text: &str, annotations: Vec<Annotation>, options: &Options) -> Vec<Annotation> {
    Pipeline::new([]).settle(text, annotations, options)
}

/// Annotates only amounts, dates and times (no names): the rule-based part
/// of the pipeline ([`Pipeline::amounts_and_dates`]), for callers and
/// benchmarks that need no names.
pub fn annotate_amounts_and_dates(text: &str, article_date: Option<NaiveDate>) -> Vec<Annotation> {
    let labels = Label::ALL.into_iter().filter(|l| !l.is_name()).collect();
    Pipeline::amounts_and_dates().annotate(text, &Options { article_date, labels, edits: Edits::default() }).annotations
}
