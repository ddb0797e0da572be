//! The one validation every import goes through: offsets in bounds and on
//! character boundaries, spans non-empty and not overlapping, covered text
//! equal to the text a format claims.
//!
//! Imports first read a format into [`RawSpan`]s (offsets still in the
//! format's unit, labels already parsed), then call [`annotations`], so that
//! every format reports the same problems in the same words.

use crate::error::{Error, ErrorKind, Result};
use crate::{Annotation, Label, OffsetMap, OffsetUnit, Source, Value};
use serde_json::{Map, Value as Json};
use std::str::FromStr;

/// A span as a format wrote it, before validation.
#[derive(Clone, Debug)]
pub(crate) struct RawSpan {
    /// How to name the span in an error: `span 3`, `result 2 (id "x1")`.
    pub item: String,
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
    let map = OffsetMap::new(text);
    let len = map.to_unit(text.len(), unit);
    let unit_name = unit_name(unit);
    let mut out: Vec<(Annotation, String)> = Vec::with_capacity(spans.len());
    for s in spans {
        let what = format!("{} ({} {}..{})", s.item, s.label, s.start, s.end);
        let offset_err = |msg: String| Error::new(ErrorKind::InvalidOffset, format!("{what}: {msg}"));
        if s.start > s.end {
            return Err(offset_err("start is after end".into()));
        }
        if s.start == s.end {
            return Err(offset_err("the span is empty".into()));
        }
        for (name, off) in [("start", s.start), ("end", s.end)] {
            if off > len {
                return Err(offset_err(format!("{name} {off} is past the end of the text ({len} {unit_name})")));
            }
        }
        let byte = |off: usize, name: &str| {
            map.from_unit(off, unit).filter(|&b| text.is_char_boundary(b)).ok_or_else(|| {
                offset_err(format!(
                    "{name} {off} falls inside a character{}",
                    if unit == OffsetUnit::Utf16 { " (between the halves of a surrogate pair)" } else { "" }
                ))
            })
        };
        let span = crate::Span::new(byte(s.start, "start")?, byte(s.end, "end")?);
        let covered = span.text(text);
        if let Some(claimed) = &s.text {
            if claimed != covered {
                return Err(offset_err(format!(
                    "the file says it covers {claimed:?} but the text there is {covered:?}"
                )));
            }
        }
        out.push((Annotation::new(span, s.label, s.value, s.source), what));
    }
    out.sort_by_key(|(a, _)| (a.span.start, a.span.end));
    if let Some(w) = out.windows(2).find(|w| w[0].0.span.overlaps(&w[1].0.span)) {
        return Err(Error::new(
            ErrorKind::InvalidOffset,
            format!(
                "{} {:?} overlaps {} {:?}: newsmark spans never overlap",
                w[0].1,
                w[0].0.text(text),
                w[1].1,
                w[1].0.text(text)
            ),
        ));
    }
    Ok(out.into_iter().map(|(a, _)| a).collect())
}

fn unit_name(unit: OffsetUnit) -> &'static str {
    match unit {
        OffsetUnit::Byte => "bytes",
        OffsetUnit::Codepoint => "code points",
        OffsetUnit::Utf16 => "UTF-16 code units",
    }
}

// Small readers for hand-walked JSON, each with an error that names where.

pub(crate) fn shape(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidJson, msg)
}

pub(crate) fn object<'j>(v: &'j Json, what: &str) -> Result<&'j Map<String, Json>> {
    v.as_object().ok_or_else(|| shape(format!("{what} is {} where an object was expected", kind_of(v))))
}

pub(crate) fn array<'j>(v: &'j Json, what: &str) -> Result<&'j Vec<Json>> {
    v.as_array().ok_or_else(|| shape(format!("{what} is {} where an array was expected", kind_of(v))))
}

pub(crate) fn string<'j>(v: &'j Json, what: &str) -> Result<&'j str> {
    v.as_str().ok_or_else(|| shape(format!("{what} is {} where a string was expected", kind_of(v))))
}

/// A required string field.
pub(crate) fn field_str<'j>(obj: &'j Map<String, Json>, key: &str, what: &str) -> Result<&'j str> {
    match obj.get(key) {
        Some(v) => string(v, &format!("{what}: \"{key}\"")),
        None => Err(shape(format!("{what} has no \"{key}\""))),
    }
}

/// An offset: a non-negative integer.
pub(crate) fn offset(v: &Json, what: &str) -> Result<usize> {
    match v {
        Json::Number(n) => match n.as_u64() {
            Some(u) => Ok(usize::try_from(u).unwrap_or(usize::MAX)),
            None => {
                Err(Error::new(ErrorKind::InvalidOffset, format!("{what} is {n}, not a non-negative whole number")))
            }
        },
        _ => Err(shape(format!("{what} is {} where an offset (a number) was expected", kind_of(v)))),
    }
}

/// A label name, with the synonyms [`Label::from_str`] knows.
pub(crate) fn label(v: &Json, what: &str) -> Result<Label> {
    Label::from_str(string(v, what)?).map_err(|e| e.context(what))
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
    serde_json::from_str(s).map_err(|e| shape(format!("{what} is not valid JSON: {e}")))
}
