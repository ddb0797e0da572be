//! brat standoff: the text as `NAME.txt` and its spans as `NAME.ann`.
//!
//! ```text
//! T1<TAB>PERSON 10 18<TAB>Jung Pak
//! T2<TAB>MONEY 40 54<TAB>US$455 million
//! #1<TAB>AnnotatorNotes T2<TAB>455,000,000 USD (more than); source: rule
//! ```
//!
//! The `.txt` has LF line ends: a text's CRLF is written LF, and a lone CR
//! too, because brat 1.3 and most readers of its files (Python's `open`)
//! count a CRLF as one character (see `with_lf`). Offsets are code points,
//! end exclusive, counted from the first character of that `.txt` as brat
//! reads it (Python's `utf8` codec, which keeps a byte-order mark as
//! character 0). newsmark drops a leading byte-order mark
//! on every import (see [`crate::export`]), so: on import, when the `.txt`
//! starts with U+FEFF the mark is dropped and every offset of the `.ann` is
//! read one less; on export, the `.txt` is the text, with a byte-order mark
//! in front only when the text itself starts with U+FEFF (the one a reader
//! drops), and the offsets count that mark as brat does.
//!
//! An `.ann` line cannot hold a line break, and brat (Python's
//! `str.splitlines`) breaks lines at `\n`, `\r`, U+000B, U+000C,
//! U+001C..U+001E, U+0085, U+2028 and U+2029: a span is written as the
//! pieces between those characters, brat's discontinuous fragments
//! (`ORG 0 5;6 11`), their texts joined by a space. When the pieces do not
//! start and end where the span does (`\nSeoul`, `Seoul\r\n`, a span of
//! nothing but line breaks, written as one empty fragment `LOC 7 7`), the
//! note carries the exact span: `span: 6 13` (code points, as the `T` line),
//! so brat and other tools see the visible text and newsmark reads back the
//! span it wrote. Every span gets an `AnnotatorNotes` line with its source,
//! and its value and exact span where it has or needs them:
//!
//! ```text
//! #2<TAB>AnnotatorNotes T3<TAB>XXXX-XX-WXX-2-#2; span: 6 13; source: rule
//! ```
//!
//! The note's fields, separated by `; `: the value's display form
//! ([`Value::display`], on one line); `value: JSON` when the display form
//! does not read back as exactly this value ([`Value::from_display`]: a
//! value set by hand in words, a qualifier with a parenthesis...); `span: S
//! E` when needed; `source: model|rule|user` last.
//!
//! Import reads a `.txt` and `.ann` pair (a `.txt` with CRLF beside an
//! `.ann` that counts a CRLF as one character or as two: see [`import`]):
//! text-bound annotations (`T`
//! lines) become spans; fragments must be separated by nothing but
//! whitespace (newsmark spans are contiguous) and their text, joined by
//! spaces, must equal the text the line claims. A note ending in
//! `source: model|rule|user` sets the source, else it is `user`; a `span:
//! S E` field widens the span to those offsets (only over whitespace); a
//! `value: JSON` field is the value, else what the note says first, when it
//! is a value's display form for the span's label (`455,000,000 USD (more
//! than)`), is read back as its value ([`Value::from_display`]), and other
//! notes are ignored. Relations, events, attributes and normalizations are
//! left out, and the import's report says how many ([`left_out`]).

use super::check::LabelMap;
use super::check::{self, Item, RawSpan};
use crate::document::{Annotation, Document, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::span::{OffsetMap, OffsetUnit};
use crate::value::Value;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// The byte-order mark: dropped from the start of every file read.
const BOM: char = '\u{feff}';

/// The `.txt` file of a document: its text with LF line ends (see
/// [`with_lf`]), with a byte-order mark in front when the text itself starts
/// with one (a reader drops one mark).
pub(crate) fn txt(doc: &Document) -> String {
    super::text_file(&with_lf(doc).text)
}

/// The `.ann` file of a document, its offsets counted in the `.txt` that
/// [`txt`] writes.
pub(crate) fn ann(doc: &Document) -> String {
    ann_of(&with_lf(doc))
}

/// The byte offsets of the `\r` of each `\r\n` in `text`.
fn crlf_at(text: &str) -> Vec<usize> {
    text.match_indices("\r\n").map(|(i, _)| i).collect()
}

/// The document with LF line ends: each `\r\n` of its text written `\n`,
/// its spans moved to match, and each other `\r` written `\n` too. brat 1.3
/// and most readers of its files (Python's `open`, which turns `\r\n` and
/// `\r` into `\n`) count a CRLF as one character, so offsets into a `.txt`
/// with CRLF are wrong to them after the first line break; with no CR left,
/// every reader counts the same. A span boundary between the CR and the LF
/// moves before the LF; a span of just that CR covers the LF instead.
fn with_lf(doc: &Document) -> std::borrow::Cow<'_, Document> {
    let crs = crlf_at(&doc.text);
    if !doc.text.contains('\r') {
        return std::borrow::Cow::Borrowed(doc);
    }
    // Each removed CR before a byte offset moves it one byte left.
    let moved = |b: usize| b - crs.partition_point(|&cr| cr < b);
    let annotations = doc
        .annotations
        .iter()
        .map(|a| {
            let (s, mut e) = (moved(a.span.start), moved(a.span.end));
            if s == e && !a.span.is_empty() {
                e += 1; // only the CR of a CRLF: the LF now
            }
            Annotation { span: crate::span::Span::new(s, e), ..a.clone() }
        })
        .collect();
    std::borrow::Cow::Owned(Document { text: doc.text.replace("\r\n", "\n").replace('\r', "\n"), annotations, ..doc.clone() })
}

fn ann_of(doc: &Document) -> String {
    let map = OffsetMap::new(&doc.text);
    // brat counts the mark that `txt` puts in front.
    let shift = usize::from(doc.text.starts_with(BOM));
    let cp = |s: usize, e: usize| {
        let (s, e) = map.span_to(crate::span::Span::new(s, e), OffsetUnit::Codepoint);
        (s + shift, e + shift)
    };
    let mut out = String::new();
    let mut notes = 0;
    let mut t = 0;
    for a in &doc.annotations {
        if a.span.is_empty() {
            continue;
        }
        let mut fragments = fragments(doc, a);
        if fragments.is_empty() {
            fragments.push((a.span.start, a.span.start)); // only line breaks: one empty fragment, the span in the note
        }
        t += 1;
        let offsets: Vec<String> = fragments
            .iter()
            .map(|&(s, e)| {
                let (s, e) = cp(s, e);
                format!("{s} {e}")
            })
            .collect();
        let covered: Vec<&str> = fragments.iter().map(|&(s, e)| &doc.text[s..e]).collect();
        let _ = writeln!(out, "T{t}\t{} {}\t{}", a.label, offsets.join(";"), covered.join(" "));
        let mut fields = Vec::new();
        if let Some(v) = &a.value {
            let display = one_line(&v.display());
            // Exact when the display form reads back as this very value, and
            // comes out of the note as it went in.
            let exact = Value::from_display(a.label, &display).as_ref() == Some(v)
                && parse_note(&format!("{display}; source: model")).said == display;
            fields.push(display);
            if !exact {
                fields.push(format!("value: {}", json_one_line(v)));
            }
        }
        if (fragments[0].0, fragments[fragments.len() - 1].1) != (a.span.start, a.span.end) {
            let (s, e) = cp(a.span.start, a.span.end);
            fields.push(format!("span: {s} {e}"));
        }
        // Every span's source, so that each comes back as it went.
        fields.push(format!("source: {}", a.source.name()));
        notes += 1;
        let _ = writeln!(out, "#{notes}\tAnnotatorNotes T{t}\t{}", fields.join("; "));
    }
    out
}

/// True for the characters at which brat (Python's `str.splitlines`)
/// breaks a line.
fn breaks_line(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whitespace, or a character brat breaks a line at (U+001C..U+001E are
/// not whitespace to Rust): what may lie between and around fragments.
fn is_space(c: char) -> bool {
    c.is_whitespace() || breaks_line(c)
}

/// The pieces of a span between line breaks, as byte ranges.
fn fragments(doc: &Document, a: &Annotation) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a.span.start;
    for (i, c) in a.text(&doc.text).char_indices() {
        if breaks_line(c) {
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

/// `s` on one brat line: control characters and line breaks as spaces.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() || breaks_line(c) { ' ' } else { c }).collect()
}

/// A value as JSON on one brat line: serde escapes the C0 controls; the
/// other controls and line breaks are escaped here (they only occur inside
/// strings).
fn json_one_line(v: &Value) -> String {
    super::json::escape_where(serde_json::to_string(v).unwrap_or_default(), |c| breaks_line(c) || c.is_control())
}

/// What a note says: (the value's display form or words, an exact value,
/// an exact span in code points, the source).
struct Note<'a> {
    said: &'a str,
    value: Option<Value>,
    span: Option<(usize, usize)>,
    source: Option<Source>,
}

/// Reads a note's fields from the right: `source: X`, `span: S E`, `value: JSON`.
fn parse_note(note: &str) -> Note<'_> {
    let mut rest = note;
    let mut source = None;
    if let Some((before, last)) = rest.rsplit_once("source: ") {
        if let Some(s) = Source::from_name(last) {
            source = Some(s);
            rest = without_separator(before);
        }
    }
    let mut span = None;
    if let Some((before, last)) = split_field(rest, "span: ") {
        let parsed = last.split_once(' ').and_then(|(s, e)| Some((s.parse::<usize>().ok()?, e.parse::<usize>().ok()?)));
        if let Some(pair) = parsed {
            span = Some(pair);
            rest = before;
        }
    }
    let mut value = None;
    for (at, _) in rest.match_indices("value: ") {
        let before = &rest[..at];
        if !(before.is_empty() || before.ends_with("; ")) {
            continue;
        }
        if let Ok(v) = serde_json::from_str::<Value>(&rest[at + "value: ".len()..]) {
            value = Some(v);
            rest = without_separator(before);
            break;
        }
    }
    Note { said: rest, value, span, source }
}

/// `s` without the one `; ` that ends it before the next field (only one:
/// a display form may itself end in `;`, a unit `;` say).
fn without_separator(s: &str) -> &str {
    let s = s.trim_end();
    s.strip_suffix(';').unwrap_or(s)
}

/// `(before, after)` for the last field of `s` that starts with `name`.
fn split_field<'a>(s: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    if let Some(after) = s.strip_prefix(name) {
        if !after.contains("; ") {
            return Some(("", after));
        }
    }
    let (before, after) = s.rsplit_once(&format!("; {name}"))?;
    Some((before, after))
}

/// Reads a document from its `.txt` (as the file holds it, a byte-order
/// mark included: brat counts it) and `.ann`.
///
/// A `.txt` with CRLF line ends may have an `.ann` that counts each CRLF
/// as one character (brat 1.3, Python's `open`) or as two (tools that read
/// bytes): it is read counting one, and when its spans do not fit the text
/// that way (an offset out of place, a span whose text differs from what
/// the line says), counting two. The document's text is the file's, CRLF
/// and all. An `.ann` whose `T` lines say no text cannot tell the two
/// apart, and is read counting one, as brat does.
pub(crate) fn import(file_text: &str, ann: &str, label_map: &LabelMap) -> Result<Document> {
    if !file_text.contains("\r\n") {
        return import_counted(file_text, ann, label_map);
    }
    let as_one = file_text.replace("\r\n", "\n");
    match import_counted(&as_one, ann, label_map) {
        Ok(mut doc) => {
            // Back to the file's text: each CR before a byte offset moves it one right.
            let text = file_text.strip_prefix(BOM).unwrap_or(file_text);
            let crs: Vec<usize> = crlf_at(text).iter().enumerate().map(|(k, &cr)| cr - k).collect();
            let moved = |b: usize| b + crs.partition_point(|&lf| lf < b);
            for a in &mut doc.annotations {
                a.span = crate::span::Span::new(moved(a.span.start), moved(a.span.end));
            }
            doc.text = text.to_owned();
            Ok(doc)
        }
        Err(as_one_error) => import_counted(file_text, ann, label_map).map_err(|as_two_error| {
            Error::new(
                as_two_error.kind(),
                format!(
                    "the spans fit the .txt neither counting each CRLF as one character ({}) nor as two ({})",
                    as_one_error.message(),
                    as_two_error.message()
                ),
            )
        }),
    }
}

/// What an `.ann` holds that [`import`] leaves out (newsmark keeps
/// text-bound spans only), in words: `2 relations, 1 attribute` (each kind
/// with its count, in the order of brat's line prefixes), or `None` when
/// nothing is. Every note counts but newsmark's own on a span (one with a
/// `source:`), which the import reads back whole; another's note may give a
/// value, but its words are not kept.
pub(crate) fn left_out(ann: &str) -> Option<String> {
    const KINDS: [(char, &str, &str); 6] = [
        ('R', "relation", "relations"),
        ('*', "equivalence", "equivalences"),
        ('E', "event", "events"),
        ('A', "attribute", "attributes"),
        ('N', "normalization", "normalizations"),
        ('#', "note", "notes"),
    ];
    let spans: HashSet<&str> = ann.lines().filter(|l| l.starts_with('T')).filter_map(|l| l.split('\t').next()).collect();
    let mut counts = [0usize; KINDS.len()];
    for line in ann.lines() {
        let first = line.chars().next().unwrap_or(' ');
        // brat 1.3 writes attributes with `A`, older files with `M`.
        let first = if first == 'M' { 'A' } else { first };
        let Some(k) = KINDS.iter().position(|&(c, ..)| c == first) else { continue };
        if first == '#' {
            let mut cols = line.splitn(3, '\t').skip(1);
            let (target, note) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
            // newsmark's own notes (with a `source:`) are read back whole.
            let on_span = target.strip_prefix("AnnotatorNotes ").is_some_and(|t| spans.contains(t.trim()));
            if on_span && parse_note(note).source.is_some() {
                continue;
            }
        }
        counts[k] += 1;
    }
    let said: Vec<String> = KINDS
        .iter()
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .map(|(&(_, one, many), n)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    (!said.is_empty()).then(|| said.join(", "))
}

fn import_counted(file_text: &str, ann: &str, label_map: &LabelMap) -> Result<Document> {
    // Offsets are checked against the file as brat reads it, then read one
    // less when the mark is dropped.
    let text = file_text.strip_prefix(BOM).unwrap_or(file_text);
    let shift = usize::from(text.len() != file_text.len());
    let unshift = |o: usize| o.max(shift) - shift;
    let mut spans: Vec<RawSpan> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    // (line, span id, the note).
    let mut notes: Vec<(usize, &str, Note)> = Vec::new();
    let map = OffsetMap::new(file_text);
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
            let label = check::label_named(ty, label_map).map_err(in_line)?;
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
                let piece = map.span_from(s, e, OffsetUnit::Codepoint).map(|sp| sp.text(file_text));
                let gap = match fragments.get(k + 1) {
                    Some(&(next, _)) => map.span_from(e, next, OffsetUnit::Codepoint).map(|sp| sp.text(file_text)),
                    None => Some(""),
                };
                match (piece, gap) {
                    (Some(p), Some(g)) if g.chars().all(is_space) => pieces.push(p),
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
                notes.push((n, tid.trim(), parse_note(note)));
            }
        }
    }
    for (n, tid, note) in notes {
        let Some(&k) = by_id.get(tid) else {
            if note.source.is_none() {
                continue; // a note of other things, on something we skipped
            }
            return Err(Error::new(ErrorKind::InvalidJson, format!("line {n}: a note for {tid}, which is not defined")));
        };
        if let Some(source) = note.source {
            spans[k].source = source;
        }
        if let Some((s, e)) = note.span {
            // The exact span around the fragments: it may add whitespace (the line breaks brat cannot hold), nothing else.
            let (start, end) = (spans[k].start, spans[k].end);
            let around = |a: usize, b: usize| map.span_from(a, b, OffsetUnit::Codepoint).map(|sp| sp.text(file_text));
            match (around(s, start), around(end, e)) {
                (Some(before), Some(after)) if before.chars().chain(after.chars()).all(is_space) => {
                    (spans[k].start, spans[k].end) = (s, e);
                }
                _ => {
                    return Err(Error::new(
                        ErrorKind::InvalidOffset,
                        format!("line {n}: the note's span {s} {e} of {tid} does not hold its fragments {start} {end} with only whitespace around them"),
                    ))
                }
            }
        }
        if let Some(value) = note.value.or_else(|| Value::from_display(spans[k].label, note.said)) {
            spans[k].value = Some(value);
        }
    }
    for s in &mut spans {
        (s.start, s.end) = (unshift(s.start), unshift(s.end));
    }
    Ok(Document {
        text: text.to_owned(),
        article_date: None,
        article_date_source: None,
        annotations: check::annotations(text, spans, OffsetUnit::Codepoint)?,
    })
}
