//! The contract between the pipeline and the recognizers: what a
//! recognizer sees ([`Context`]) and what it is ([`Recognizer`]).
//!
//! A recognizer proposes candidate annotations freely, overlapping its own
//! and others'; [`resolve`](crate::resolve) settles them. It must not
//! panic on any text; spans it proposes outside the text or inside a
//! character are dropped.

use crate::document::Annotation;
use crate::label::LabelSet;
use crate::tokenize::Token;
use chrono::NaiveDate;

/// What every recognizer sees: the text, its tokens, and the article date
/// relative dates resolve against. Built once per text by the pipeline.
pub struct Context<'t> {
    pub text: &'t str,
    pub tokens: &'t [Token],
    /// The article date relative dates resolve against, if known.
    pub article_date: Option<NaiveDate>,
}

/// One recognizer of the pipeline.
#[derive(Clone, Copy)]
pub struct Recognizer {
    /// A short name, for people reading traces and tests.
    pub name: &'static str,
    /// The labels it proposes.
    pub labels: LabelSet,
    /// When set, the pipeline skips it if the call wants none of its
    /// labels. Skipping can change what the other recognizers keep: even
    /// unwanted candidates take part in overlap resolution (a name longer
    /// than a date it overlaps wins over it, and is then dropped as
    /// unwanted). The names tagger is skipped so nonetheless, because it is
    /// most of the time of a call; the rules are not, being cheap.
    pub skip_when_unwanted: bool,
    /// Pushes its candidates for the text of the context.
    pub find: fn(&Context, &mut Vec<Annotation>),
}
