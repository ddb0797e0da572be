//! What the pipeline gives and takes: an annotated [`Document`], its
//! [`Annotation`]s and where each came from ([`Source`]), and the
//! [`Options`] of a call with the hand [`Edits`] to keep.
//!
//! Spans here are byte ranges of the document's UTF-8 text ([`Span`]);
//! other offset units exist only at the boundaries (exports, bindings).

use crate::label::{Label, LabelSet};
use crate::span::Span;
use crate::value::Value;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an annotation came from. Its serde names (`"model"`, `"rule"`,
/// `"user"`) are the ones every format writes and reads.
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

impl Source {
    /// Every source, in the order of their serde names above.
    pub const ALL: [Source; 3] = [Source::Model, Source::Rule, Source::User];

    /// The name formats write: `"model"`, `"rule"` or `"user"`.
    pub fn name(self) -> &'static str {
        match self {
            Source::Model => "model",
            Source::Rule => "rule",
            Source::User => "user",
        }
    }

    /// The source of a name written by [`Source::name`], if it is one.
    pub fn from_name(name: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.name() == name)
    }
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
/// Written in JSON as `option`, `date_line`, `dateline`, `published`,
/// `url`; `text` (found in the text, where unsaid) is read from files
/// written before the text's sources were told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Set by the caller in [`Options::article_date`].
    Option,
    /// Found in the text, without saying where (older files).
    Text,
    /// A `date YYYY-MM-DD` line at the top.
    DateLine,
    /// A wire dateline: `WASHINGTON, Aug. 9 (Yonhap) --`.
    Dateline,
    /// A `Published:`/`Updated:` line, or a date printed alone above the story.
    Published,
    /// A date in a URL line at the top: `.../20220715/...`.
    Url,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `Source::name` and the serde names are one table: they must agree.
    #[test]
    fn source_names_are_the_serde_names() {
        for s in Source::ALL {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.name()));
            assert_eq!(serde_json::from_str::<Source>(&format!("\"{}\"", s.name())).unwrap(), s);
            assert_eq!(Source::from_name(s.name()), Some(s));
        }
        assert_eq!(Source::from_name("robot"), None);
    }
}
