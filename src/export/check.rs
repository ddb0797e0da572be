//! The one validation every import goes through: offsets in bounds and on
//! character boundaries, spans non-empty and not overlapping, covered text
//! equal to the text a format claims.
//!
//! Imports first read a format into [`RawSpan`]s (offsets still in the
//! format's unit, labels already parsed), then call [`annotations`], so that
//! every format reports the same problems in the same words.

use crate::document::{Annotation, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::label::Label;
use crate::span::{OffsetMap, OffsetUnit};
use crate::value::Value;
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Reads a file that holds one item or an array of them, with `read(item,
/// n)` (`n` from 1); an array item's error names it (`{what} n`).
pub(crate) fn one_or_each<T>(v: &Json, what: &str, read: impl Fn(&Json, usize) -> Result<T>) -> Result<Vec<T>> {
    match v {
        Json::Array(items) => {
            items.iter().enumerate().map(|(i, item)| read(item, i + 1).map_err(|e| e.context(format!("{what} {}", i + 1)))).collect()
        }
        _ => Ok(vec![read(v, 1)?]),
    }
}

/// How an error names a span: `span 3`, `result 2 (id "x1")`. Cheap to
/// make: the text is only built when an error needs it.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub kind: &'static str,
    /// 1-based.
    pub n: usize,
    pub id: Option<String>,
}

impl Item {
    pub fn new(kind: &'static str, n: usize) -> Item {
        Item { kind, n, id: None }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{} {} (id {id:?})", self.kind, self.n),
            None => write!(f, "{} {}", self.kind, self.n),
        }
    }
}

/// A span as a format wrote it, before validation.
#[derive(Clone, Debug)]
pub(crate) struct RawSpan {
    pub item: Item,
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// The covered text the format claims, if it writes one.
    pub text: Option<String>,
    pub value: Option<Value>,
    pub source: Source,
}

/// Validates `spans` against `text` and converts them to byte spans.
///
/// The result is sorted by start. Errors (kind [`ErrorKind::InvalidOffset`])
/// name the item and say what is wrong; they never panic on any input.
pub(crate) fn annotations(text: &str, spans: Vec<RawSpan>, unit: OffsetUnit) -> Result<Vec<Annotation>> {
    let map = OffsetMap::for_unit(text, unit);
    let len = map.to_unit(text.len(), unit);
    let unit_name = unit_name(unit);
    let mut out: Vec<(Annotation, Item)> = Vec::with_capacity(spans.len());
    for s in spans {
        let offset_err = |msg: &dyn fmt::Display| {
            Error::new(ErrorKind::InvalidOffset, format!("{} ({} {}..{}): {msg}", s.item, s.label, s.start, s.end))
        };
        if s.start > s.end {
            return Err(offset_err(&"start is after end"));
        }
        if s.start == s.end {
            return Err(offset_err(&"the span is empty"));
        }
        for (name, off) in [("start", s.start), ("end", s.end)] {
            if off > len {
                return Err(offset_err(&format_args!("{name} {off} is past the end of the text ({len} {unit_name})")));
            }
        }
        let byte = |off: usize, name: &str| {
            map.from_unit(off, unit).filter(|&b| text.is_char_boundary(b)).ok_or_else(|| {
                let pair = if unit == OffsetUnit::Utf16 { " (between the halves of a surrogate pair)" } else { "" };
                offset_err(&format_args!("{name} {off} falls inside a character{pair}"))
            })
        };
        let span = crate::span::Span::new(byte(s.start, "start")?, byte(s.end, "end")?);
        let covered = span.text(text);
        if let Some(claimed) = &s.text {
            if claimed != covered {
                return Err(offset_err(&format_args!("the file says it covers {claimed:?} but the text there is {covered:?}")));
            }
        }
        out.push((Annotation::new(span, s.label, s.value, s.source), s.item));
    }
    out.sort_by_key(|(a, _)| (a.span.start, a.span.end));
    if let Some(w) = out.windows(2).find(|w| w[0].0.span.overlaps(&w[1].0.span)) {
        let name = |(a, item): &(Annotation, Item)| {
            let (s, e) = map.span_to(a.span, unit);
            format!("{item} ({} {s}..{e}) {:?}", a.label, a.text(text))
        };
        return Err(Error::new(
            ErrorKind::InvalidOffset,
            format!("{} overlaps {}: newsmark spans never overlap", name(&w[0]), name(&w[1])),
        ));
    }
    Ok(out.into_iter().map(|(a, _)| a).collect())
}

/// [`annotations`], or with `lenient` the spans that can be placed: each
/// span that cannot (out of bounds, inside a character, empty, not
/// covering the text it claims, or overlapping one before it) is left out,
/// with a warning saying why (one each), rather than failing the file
/// ([`ImportOptions::lenient`](super::ImportOptions::lenient)).
pub(crate) fn annotations_or_skip(
    text: &str,
    spans: Vec<RawSpan>,
    unit: OffsetUnit,
    lenient: bool,
) -> Result<(Vec<Annotation>, Vec<String>)> {
    if !lenient {
        return annotations(text, spans, unit).map(|a| (a, Vec::new()));
    }
    let (mut placed, mut warnings) = (Vec::with_capacity(spans.len()), Vec::new());
    // One span at a time, so that one bad span fails alone (a map per span:
    // the lenient path only).
    for s in spans {
        match annotations(text, vec![s.clone()], unit) {
            Ok(mut one) => placed.push((one.remove(0), s.item)),
            Err(e) => warnings.push(e.message().to_owned()),
        }
    }
    placed.sort_by_key(|(a, _)| (a.span.start, a.span.end));
    let mut kept: Vec<(Annotation, Item)> = Vec::with_capacity(placed.len());
    for (a, item) in placed {
        match kept.last() {
            Some((last, by)) if last.span.overlaps(&a.span) => {
                warnings.push(format!("{item} ({} {:?}) overlaps {by} ({} {:?})", a.label, a.text(text), last.label, last.text(text)))
            }
            _ => kept.push((a, item)),
        }
    }
    Ok((kept.into_iter().map(|(a, _)| a).collect(), warnings))
}

fn unit_name(unit: OffsetUnit) -> &'static str {
    unit.plural()
}

// Small readers for hand-walked JSON, each with an error that names where.

/// Reads `[start, end, label]` triples (spaCy entities, doccano labels) as
/// spans of the user's, naming each item `{kind} N` in errors.
/// Labels are read with the user's mapping ([`label_in`]).
pub(crate) fn triples_in(items: &[Json], kind: &'static str, map: &LabelMap) -> Result<Vec<RawSpan>> {
    let mut spans = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let what = Item::new(kind, i + 1);
        let triple = array(item, &what)?;
        if triple.len() != 3 {
            return Err(shape(format!("{what} has {} elements where [start, end, label] was expected", triple.len())));
        }
        spans.push(RawSpan {
            start: offset(&triple[0], format_args!("{what}: start"))?,
            end: offset(&triple[1], format_args!("{what}: end"))?,
            label: label_in(&triple[2], format_args!("{what}: label"), map)?,
            text: None,
            value: None,
            source: Source::User,
            item: what,
        });
    }
    Ok(spans)
}

pub(crate) fn shape(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidJson, msg)
}

pub(crate) fn object(v: &Json, what: impl fmt::Display) -> Result<&Map<String, Json>> {
    v.as_object().ok_or_else(|| shape(format!("{what} is {} where an object was expected", kind_of(v))))
}

pub(crate) fn array(v: &Json, what: impl fmt::Display) -> Result<&Vec<Json>> {
    v.as_array().ok_or_else(|| shape(format!("{what} is {} where an array was expected", kind_of(v))))
}

pub(crate) fn string(v: &Json, what: impl fmt::Display) -> Result<&str> {
    v.as_str().ok_or_else(|| shape(format!("{what} is {} where a string was expected", kind_of(v))))
}

/// A required string field.
pub(crate) fn field_str<'j>(obj: &'j Map<String, Json>, key: &str, what: impl fmt::Display) -> Result<&'j str> {
    match obj.get(key) {
        Some(v) => string(v, format_args!("{what}: \"{key}\"")),
        None => Err(shape(format!("{what} has no \"{key}\""))),
    }
}

/// An offset: a non-negative integer.
pub(crate) fn offset(v: &Json, what: impl fmt::Display) -> Result<usize> {
    match v {
        Json::Number(n) => match n.as_u64() {
            Some(u) => Ok(usize::try_from(u).unwrap_or(usize::MAX)),
            None => Err(Error::new(ErrorKind::InvalidOffset, format!("{what} is {n}, not a non-negative whole number"))),
        },
        _ => Err(shape(format!("{what} is {} where an offset (a number) was expected", kind_of(v)))),
    }
}

/// A label name, read as [`label_named`] reads it: the user's own mapping
/// (`ImportOptions::label_map`) first, then the synonyms
/// [`Label::from_str`] knows and OntoNotes' types ([`ONTONOTES`]).
pub(crate) fn label_in(v: &Json, what: impl fmt::Display, map: &LabelMap) -> Result<Label> {
    label_named(string(v, &what)?, map).map_err(|e| e.context(what))
}

/// How an import reads a file's label names ([`label_named`]): the
/// user's mapping (`ImportOptions::label_map`, keys as written), and
/// whether a name none of newsmark's is one of the user's own
/// (`ImportOptions::own_labels`).
#[derive(Clone, Copy)]
pub(crate) struct LabelMap<'a> {
    pub(crate) mapped: &'a BTreeMap<String, Label>,
    pub(crate) own_labels: bool,
}

/// OntoNotes 5's eighteen entity types (spaCy's English models, most NER
/// corpora after CoNLL-2003) as newsmark's labels: places (`GPE`, `FAC`,
/// `LOC`) are `LOC`; nationalities and groups, events, products, works,
/// laws and languages are `MISC`; the rest are newsmark's by name.
pub(crate) const ONTONOTES: [(&str, Label); 18] = [
    ("PERSON", Label::Person),
    ("NORP", Label::Misc),
    ("FAC", Label::Loc),
    ("ORG", Label::Org),
    ("GPE", Label::Loc),
    ("LOC", Label::Loc),
    ("PRODUCT", Label::Misc),
    ("EVENT", Label::Misc),
    ("WORK_OF_ART", Label::Misc),
    ("LAW", Label::Misc),
    ("LANGUAGE", Label::Misc),
    ("DATE", Label::Date),
    ("TIME", Label::Time),
    ("PERCENT", Label::Percent),
    ("MONEY", Label::Money),
    ("QUANTITY", Label::Quantity),
    ("ORDINAL", Label::Ordinal),
    ("CARDINAL", Label::Cardinal),
];

/// The newsmark label a file's label `name` stands for: the user's mapping
/// first (`name` as written), then newsmark's names and synonyms
/// ([`Label::from_str`]), then [`ONTONOTES`] (case-insensitively). Any
/// other name is an error that names it ([`ErrorKind::InvalidLabel`]),
/// or, when the map says the file is in the project's own schema, one of
/// the user's own labels, defined without a value ([`Label::define`]; a
/// name it cannot be is still an error). Every import reads labels here
/// so that none is guessed.
pub(crate) fn label_named(name: &str, map: &LabelMap) -> Result<Label> {
    if let Some(&l) = map.mapped.get(name) {
        return Ok(l);
    }
    if let Ok(l) = Label::from_str(name) {
        Renamed::note(name, l);
        return Ok(l);
    }
    let up = name.trim().to_ascii_uppercase();
    if let Some(&(_, l)) = ONTONOTES.iter().find(|(n, _)| *n == up) {
        Renamed::note(name, l);
        return Ok(l);
    }
    if map.own_labels {
        return Label::define(name, crate::label::ValueKind::None);
    }
    Err(Error::new(
        ErrorKind::InvalidLabel,
        format!(
            "unknown label {name:?}: not one of newsmark's ({}), their synonyms or OntoNotes' types; map it to one (newsmark export --map-label {}=MISC) or read it as the project's own (--own-labels)",
            Label::ALL.map(Label::as_str).join(", "),
            if name.contains(['=', ' ']) || name.is_empty() { "LABEL" } else { name }
        ),
    ))
}

/// The labels of a file read as another of newsmark's (`GPE` as LOC,
/// `NORP` as MISC, `PER` as PERSON), counted while a file is read, so that
/// its report says so: a person's labels should not change unannounced. A
/// name that differs from the label's only in case, and the user's own
/// mapping (`--map-label`), are not told.
///
/// Kept per thread, as the readers take no report to write to: an import
/// reads each file inside [`Renamed::counted`]; outside one nothing is
/// counted.
pub(crate) struct Renamed;

thread_local! {
    static RENAMED: std::cell::RefCell<Option<BTreeMap<(String, Label), usize>>> = const { std::cell::RefCell::new(None) };
}

impl Renamed {
    /// Runs `read` (the reading of one file), counting the labels it reads
    /// as others: its result, and the warning that says them, if any.
    pub(crate) fn counted<T>(read: impl FnOnce() -> Result<T>) -> (Result<T>, Option<String>) {
        Renamed::start();
        let result = read();
        (result, Renamed::finish())
    }

    fn start() {
        RENAMED.with(|r| *r.borrow_mut() = Some(BTreeMap::new()));
    }

    fn note(name: &str, label: Label) {
        let name = name.trim();
        if name.eq_ignore_ascii_case(label.as_str()) {
            return;
        }
        RENAMED.with(|r| {
            if let Some(counts) = r.borrow_mut().as_mut() {
                *counts.entry((name.to_owned(), label)).or_insert(0) += 1;
            }
        });
    }

    /// Ends the count: a warning naming each label read as another, or none.
    fn finish() -> Option<String> {
        let counts = RENAMED.with(|r| r.borrow_mut().take()).unwrap_or_default();
        let said: Vec<String> =
            counts.iter().map(|((name, label), &n)| format!("{name} as {label} ({n} span{})", if n == 1 { "" } else { "s" })).collect();
        (!said.is_empty()).then(|| format!("labels read as newsmark's: {}", said.join(", ")))
    }
}

/// An optional normalized value (absent or `null`: none), as newsmark's
/// JSON writes it: a number, a string, or an amount object.
pub(crate) fn value(v: Option<&Json>, what: impl fmt::Display) -> Result<Option<Value>> {
    match v {
        None | Some(Json::Null) => Ok(None),
        Some(v) => serde_json::from_value::<Value>(v.clone())
            .map(Some)
            .map_err(|_| shape(format!("{what}: value {v} is not a number, a string, or an amount object"))),
    }
}

/// An optional document id: a string or a number.
pub(crate) fn id(v: Option<&Json>) -> Option<String> {
    match v? {
        Json::String(s) if !s.is_empty() => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn kind_of(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// Parses JSON, naming `what` in the error.
pub(crate) fn parse(s: &str, what: &str) -> Result<Json> {
    serde_json::from_str(s).map_err(|e| {
        // serde_json calls a lone surrogate escape (`"\ud800"`, which
        // JavaScript's JSON.stringify can write) "unexpected end of hex
        // escape": say what it is.
        let lone = e.to_string().contains("hex escape") && has_surrogate_escape(s);
        let why = if lone { " (a \\uD800-\\uDFFF escape that is not half of a surrogate pair encodes no character)" } else { "" };
        shape(format!("{what} is not valid JSON: {e}{why}"))
    })
}

/// True when `s` holds a `\uD800`-`\uDFFF` escape.
fn has_surrogate_escape(s: &str) -> bool {
    s.as_bytes()
        .windows(4)
        .any(|w| w[0] == b'\\' && w[1] == b'u' && matches!(w[2], b'd' | b'D') && matches!(w[3], b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'))
}
