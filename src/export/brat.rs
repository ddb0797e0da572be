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
//!
//! Import reads a `.txt` and `.ann` pair: text-bound annotations (`T`
//! lines) become spans; fragments must be separated by nothing but
//! whitespace (newsmark spans are contiguous) and their text, joined by
//! spaces, must equal the text the line claims. A note ending in
//! `source: model|rule|user` sets the source, else it is `user`; what the
//! note says before that, when it is a value's display form for the span's
//! label (`455,000,000 USD (more than)`), is read back as its value
//! ([`Value::from_display`]), and other notes are ignored. Relations,
//! events, attributes and normalizations are skipped.

use super::check::{self, Item, RawSpan};
use crate::document::{Annotation, Document, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::label::Label;
use crate::span::{OffsetMap, OffsetUnit};
use crate::value::Value;
use std::collections::HashMap;
use std::fmt::Write;
use std::str::FromStr;

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
                let (s, e) = map.span_to(crate::span::Span::new(s, e), OffsetUnit::Codepoint);
                format!("{s} {e}")
            })
            .collect();
        let covered: Vec<&str> = fragments.iter().map(|&(s, e)| &doc.text[s..e]).collect();
        let _ = writeln!(out, "T{t}\t{} {}\t{}", a.label, offsets.join(";"), covered.join(" "));
        let note = match (&a.value, a.source) {
            (Some(v), s) => Some(format!("{}; source: {}", one_line(&v.display()), s.name())),
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

fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Reads a document from its `.txt` and `.ann`.
pub(crate) fn import(text: &str, ann: &str) -> Result<Document> {
    let mut spans: Vec<RawSpan> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    // (line, span id, what the note says before its source, the source).
    let mut notes: Vec<(usize, &str, &str, Option<Source>)> = Vec::new();
    let map = OffsetMap::new(text);
    for (i, line) in ann.lines().enumerate() {
        let n = i + 1;
        let in_line = |e: Error| e.context(format_args!("line {n}"));
        if line.starts_with('T') {
            let mut cols = line.splitn(3, '\t');
            let (id, ty_offsets, claimed) = (cols.next().unwrap_or(""), cols.next(), cols.next());
            let Some(ty_offsets) = ty_offsets else {
                return Err(in_line(check::shape(format!("{id} has no type and offsets"))));
            };
            let (ty, offsets) = ty_offsets.split_once(' ').unwrap_or((ty_offsets, ""));
            let label = Label::from_str(ty).map_err(in_line)?;
            let mut fragments = Vec::new();
            for f in offsets.split(';') {
                let parsed = f.split_once(' ').and_then(|(s, e)| Some((s.trim().parse::<usize>().ok()?, e.trim().parse::<usize>().ok()?)));
                let Some(pair) = parsed else {
                    return Err(in_line(Error::new(ErrorKind::InvalidOffset, format!("{id}: {f:?} is not \"start end\""))));
                };
                fragments.push(pair);
            }
            let (start, end) = (fragments[0].0, fragments[fragments.len() - 1].1);
            // Fragments must be joined by whitespace only, and say the text they cover.
            let mut pieces = Vec::with_capacity(fragments.len());
            for (k, &(s, e)) in fragments.iter().enumerate() {
                let piece = map.span_from(s, e, OffsetUnit::Codepoint).map(|sp| sp.text(text));
                let gap = match fragments.get(k + 1) {
                    Some(&(next, _)) => map.span_from(e, next, OffsetUnit::Codepoint).map(|sp| sp.text(text)),
                    None => Some(""),
                };
                match (piece, gap) {
                    (Some(p), Some(g)) if g.chars().all(char::is_whitespace) => pieces.push(p),
                    (Some(_), Some(_)) => {
                        return Err(in_line(Error::new(
                            ErrorKind::InvalidOffset,
                            format!("{id}: its fragments are apart; newsmark spans are contiguous"),
                        )))
                    }
                    _ => {
                        return Err(in_line(Error::new(
                            ErrorKind::InvalidOffset,
                            format!("{id}: fragment {s} {e} lies outside the text, runs backwards, or is out of order"),
                        )))
                    }
                }
            }
            let mut item = Item::new("line", n);
            item.id = Some(id.to_owned());
            by_id.insert(id, spans.len());
            spans.push(RawSpan { item, start, end, label, text: None, value: None, source: Source::User });
            if let Some(c) = claimed {
                if c != pieces.join(" ") {
                    return Err(in_line(Error::new(
                        ErrorKind::InvalidOffset,
                        format!("{id}: the file says it covers {c:?} but the text there is {:?}", pieces.join(" ")),
                    )));
                }
            }
        } else if line.starts_with('#') {
            let mut cols = line.splitn(3, '\t');
            let _ = cols.next();
            let (target, note) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
            if let Some(tid) = target.strip_prefix("AnnotatorNotes ") {
                let (before, last) = note.rsplit_once("source: ").unwrap_or(("", note));
                let source = Source::from_name(last);
                let said = if source.is_some() { before.trim_end().trim_end_matches(';') } else { note };
                notes.push((n, tid.trim(), said, source));
            }
        }
    }
    for (n, tid, said, source) in notes {
        let Some(&k) = by_id.get(tid) else {
            if source.is_none() {
                continue; // a note of other things, on something we skipped
            }
            return Err(Error::new(ErrorKind::InvalidJson, format!("line {n}: a note for {tid}, which is not defined")));
        };
        if let Some(source) = source {
            spans[k].source = source;
        }
        if let Some(value) = Value::from_display(spans[k].label, said) {
            spans[k].value = Some(value);
        }
    }
    Ok(Document {
        text: text.to_owned(),
        article_date: None,
        article_date_source: None,
        annotations: check::annotations(text, spans, OffsetUnit::Codepoint)?,
    })
}
