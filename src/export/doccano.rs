//! doccano's JSONL for sequence labeling, as its importer reads it:
//! `{"id": "a1", "text": "...", "label": [[start, end, "LABEL"]]}`, one
//! document a line.
//!
//! **Offsets are UTF-16 code units** by default ([`DEFAULT_UNIT`]), end
//! exclusive: doccano's browser editor places a span at JavaScript string
//! indexes, so code point offsets (what Python slicing counts) show every
//! span after an emoji outside the Basic Multilingual Plane shifted there
//! (doccano issue #2290). A doccano project created with "count grapheme
//! clusters as one character" counts grapheme clusters instead: export and
//! import it with [`OffsetUnit::Grapheme`] (CLI `--offset-unit grapheme`);
//! a Python tool reading the file wants [`OffsetUnit::Codepoint`]. The
//! file does not say its unit, so an import reads the unit it is told
//! (UTF-16 unless told otherwise): a file in code points read as UTF-16
//! puts spans after an emoji on the wrong text, or fails inside a surrogate
//! pair. In grapheme clusters a span must start and end on cluster
//! boundaries: a span that ends between `e` and its combining accent
//! cannot be written, and the export fails naming it.
//!
//! Import reads both of doccano's sequence exports: the sequence-labeling
//! one (`label`, or `labels`, of `[start, end, label]` triples) and the
//! relation-mode one (`entities` of `{"id", "label", "start_offset",
//! "end_offset"}` objects, with `relations` between them). newsmark has no
//! relations, nor comments: a line with relations or comments, or with a
//! field this reader does not know (doccano writes a project's metadata as
//! fields of the line), is an error naming the line and the field, or,
//! with [`ImportOptions::lenient`](super::ImportOptions::lenient), a
//! warning that counts what was left out (relations, comments and spans
//! that cannot be placed counted as skipped). `id` is kept as the document
//! id.
//!
//! The format keeps no values, sources or article dates; imported spans are
//! [`Source::User`](crate::document::Source::User).

use super::check::LabelMap;
use super::check::{self, Item, RawSpan};
use super::options::Read;
use super::NamedDocument;
use crate::document::{Document, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::span::{OffsetMap, OffsetUnit};
use serde::Serialize;
use serde_json::{Map, Value as Json};

/// The unit doccano's editor counts in, unless its project counts grapheme
/// clusters: [`Format::Doccano`](super::Format::Doccano)'s offset unit.
pub(crate) const DEFAULT_UNIT: OffsetUnit = OffsetUnit::Utf16;

/// One exported line, its keys in the order doccano's documentation shows.
#[derive(Serialize)]
struct Line<'d> {
    id: &'d str,
    text: &'d str,
    label: Vec<(usize, usize, &'static str)>,
}

/// The documents as doccano JSONL, offsets in `unit` (code points, UTF-16
/// or grapheme clusters; bytes are refused: doccano counts no bytes).
pub(crate) fn export(docs: &[NamedDocument], unit: OffsetUnit) -> Result<String> {
    if unit == OffsetUnit::Byte {
        return Err(Error::new(ErrorKind::Usage, "doccano offsets are utf16, codepoint or grapheme, not bytes"));
    }
    let mut out = String::new();
    for (i, d) in docs.iter().enumerate() {
        let map = OffsetMap::for_unit(&d.doc.text, unit);
        let mut label = Vec::with_capacity(d.doc.annotations.len());
        for a in &d.doc.annotations {
            if let Some(at) = [a.span.start, a.span.end].into_iter().find(|&b| !map.is_boundary(b, unit)) {
                let end = if at == a.span.start { "starts" } else { "ends" };
                return Err(Error::new(
                    ErrorKind::InvalidOffset,
                    format!(
                        "document {} ({:?}): span {} {:?} {end} inside a grapheme cluster, which doccano's grapheme mode cannot hold; export in utf16 or codepoint",
                        i + 1,
                        d.id,
                        a.label,
                        a.text(&d.doc.text)
                    ),
                ));
            }
            let (s, e) = map.span_to(a.span, unit);
            label.push((s, e, a.label.as_str()));
        }
        out.push_str(&super::json::to_json(&Line { id: &d.id, text: &d.doc.text, label }, false));
        out.push('\n');
    }
    Ok(out)
}

/// Reads doccano JSONL with offsets in `unit`; `lenient`: relations,
/// comments and unknown fields are warnings instead of errors.
pub(crate) fn import(content: &str, unit: OffsetUnit, lenient: bool, label_map: &LabelMap) -> Result<Read> {
    let mut read = Read::default();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = read.docs.len() + 1;
        let where_ = format!("line {}", i + 1);
        let (doc, left_out) = read_line(line, n, unit, lenient, label_map).map_err(|e| e.context(&where_))?;
        for lost in left_out {
            if !lenient {
                return Err(Error::new(
                    ErrorKind::InvalidJson,
                    format!("{where_} ({:?}): {}; import leniently to read the spans without it", doc.id, lost.what),
                ));
            }
            read.skipped += lost.skipped;
            read.warnings.push(format!("{where_} ({:?}): {} (left out)", doc.id, lost.what));
        }
        read.docs.push(doc);
    }
    Ok(read)
}

/// Something a line holds that newsmark cannot keep.
struct LeftOut {
    what: String,
    /// Items of it counted as skipped (relations, comments; 0 for a field).
    skipped: usize,
}

/// The fields a doccano line may have: the text, its id, its spans in
/// either mode. Anything else is reported.
const KNOWN: [&str; 5] = ["id", "text", "label", "labels", "entities"];

fn read_line(line: &str, n: usize, unit: OffsetUnit, lenient: bool, label_map: &LabelMap) -> Result<(NamedDocument, Vec<LeftOut>)> {
    let v = check::parse(line, "the line")?;
    let obj = check::object(&v, "the line")?;
    let text = check::field_str(obj, "text", "the line")?;
    let keys: Vec<&str> = ["label", "labels", "entities"].into_iter().filter(|k| obj.contains_key(*k)).collect();
    let spans = match keys.as_slice() {
        [] => Vec::new(),
        [k] => spans_of(&obj[*k], k, label_map)?,
        _ => {
            return Err(check::shape(format!(
                "the line has spans under both {}",
                keys.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(" and ")
            )))
        }
    };
    let (annotations, unplaced) = check::annotations_or_skip(text, spans, unit, lenient).map_err(|e| hint_unit(e, unit))?;
    let mut left_out: Vec<LeftOut> = unplaced.into_iter().map(|what| LeftOut { what: hint_unit_text(what, unit), skipped: 1 }).collect();
    for (key, value) in obj {
        if KNOWN.contains(&key.as_str()) {
            continue;
        }
        match (key.as_str(), value) {
            ("relations" | "Comments" | "comments", Json::Array(items)) if items.is_empty() => {}
            ("relations", Json::Array(items)) => left_out.push(LeftOut {
                what: format!("{} relations under \"relations\", which newsmark does not keep", items.len()),
                skipped: items.len(),
            }),
            ("Comments" | "comments", Json::Array(items)) => left_out.push(LeftOut {
                what: format!("{} comments under \"{key}\", which newsmark does not keep", items.len()),
                skipped: items.len(),
            }),
            _ => left_out.push(LeftOut { what: format!("a field \"{key}\" that newsmark does not read"), skipped: 0 }),
        }
    }
    let doc = NamedDocument {
        id: check::id(obj.get("id")).unwrap_or_else(|| format!("doc-{n}")),
        doc: Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations },
    };
    Ok((doc, left_out))
}

/// The spans under `key`: `[start, end, label]` triples, or relation
/// mode's entity objects.
fn spans_of(v: &Json, key: &str, label_map: &LabelMap) -> Result<Vec<RawSpan>> {
    let items = check::array(v, format_args!("\"{key}\""))?;
    match items.first() {
        Some(Json::Object(_)) => items.iter().enumerate().map(|(i, item)| entity(item, i + 1, label_map)).collect(),
        _ => check::triples_in(items, "label", label_map),
    }
}

/// One relation-mode entity: `{"id", "label", "start_offset", "end_offset"}`.
fn entity(item: &Json, n: usize, label_map: &LabelMap) -> Result<RawSpan> {
    let what = Item::new("entity", n);
    let obj: &Map<String, Json> = check::object(item, &what)?;
    let get = |k: &str| obj.get(k).ok_or_else(|| check::shape(format!("{what} has no \"{k}\"")));
    let mut item = what.clone();
    item.id = check::id(obj.get("id"));
    Ok(RawSpan {
        start: check::offset(get("start_offset")?, format_args!("{what}: start_offset"))?,
        end: check::offset(get("end_offset")?, format_args!("{what}: end_offset"))?,
        label: check::label_in(get("label")?, format_args!("{what}: label"), label_map)?,
        text: None,
        value: None,
        source: Source::User,
        item,
    })
}

/// An offset error, with a word on the unit when another unit may be the
/// one the file counts in.
fn hint_unit(e: Error, unit: OffsetUnit) -> Error {
    if e.kind() != ErrorKind::InvalidOffset || e.message().contains("overlaps") {
        return e;
    }
    Error::new(e.kind(), hint_unit_text(e.message().to_owned(), unit))
}

/// `message` with the unit the offsets were read in, and the others.
fn hint_unit_text(message: String, unit: OffsetUnit) -> String {
    if message.contains("overlaps") {
        return message;
    }
    let others: Vec<&str> =
        [OffsetUnit::Utf16, OffsetUnit::Codepoint, OffsetUnit::Grapheme].into_iter().filter(|&u| u != unit).map(OffsetUnit::name).collect();
    format!("{message} (read as {}: is the file's offset unit {}?)", unit.plural(), others.join(" or "))
}
