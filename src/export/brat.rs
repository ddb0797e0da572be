//! brat standoff: the text as `NAME.txt` and its spans as `NAME.ann`.
//!
//! ```text
//! T1<TAB>PERSON 10 18<TAB>Jung Pak
//! T2<TAB>MONEY 40 54<TAB>US$455 million
//! #1<TAB>AnnotatorNotes T2<TAB>455,000,000 USD (more than); source: rule
//! ```
//!
//! Offsets are code points, end exclusive (brat is written in Python). A
//! span that crosses a line break is written as brat's discontinuous
//! fragments (`ORG 0 5;6 11`), one per line, because an `.ann` line cannot
//! hold a newline; a span of nothing but line breaks is left out. Values and
//! sources go into an `AnnotatorNotes` line for every span that has a value
//! or was marked by hand.

use crate::{Annotation, Document, OffsetMap, OffsetUnit, Source};
use std::fmt::Write;

/// The `.ann` file of a document.
pub(crate) fn ann(doc: &Document) -> String {
    let map = OffsetMap::new(&doc.text);
    let mut out = String::new();
    let mut notes = 0;
    let mut t = 0;
    for a in &doc.annotations {
        let fragments = fragments(doc, a);
        if fragments.is_empty() {
            continue;
        }
        t += 1;
        let offsets: Vec<String> = fragments
            .iter()
            .map(|&(s, e)| {
                let (s, e) = map.span_to(crate::Span::new(s, e), OffsetUnit::Codepoint);
                format!("{s} {e}")
            })
            .collect();
        let covered: Vec<&str> = fragments.iter().map(|&(s, e)| &doc.text[s..e]).collect();
        let _ = writeln!(out, "T{t}\t{} {}\t{}", a.label, offsets.join(";"), covered.join(" "));
        let note = match (&a.value, a.source) {
            (Some(v), s) => Some(format!("{}; source: {}", one_line(&v.display()), source_name(s))),
            (None, Source::User) => Some("source: user".to_owned()),
            (None, _) => None,
        };
        if let Some(note) = note {
            notes += 1;
            let _ = writeln!(out, "#{notes}\tAnnotatorNotes T{t}\t{note}");
        }
    }
    out
}

/// The pieces of a span between line breaks, as byte ranges.
fn fragments(doc: &Document, a: &Annotation) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a.span.start;
    for (i, c) in a.text(&doc.text).char_indices() {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}') {
            let at = a.span.start + i;
            if at > start {
                out.push((start, at));
            }
            start = at + c.len_utf8();
        }
    }
    if a.span.end > start {
        out.push((start, a.span.end));
    }
    out
}

fn source_name(s: Source) -> &'static str {
    match s {
        Source::Model => "model",
        Source::Rule => "rule",
        Source::User => "user",
    }
}

fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
