//! doccano's JSONL for sequence labeling, as its importer reads it:
//! `{"text": "...", "label": [[start, end, "LABEL"]]}`, one document a line.
//!
//! Offsets are written in code points, end exclusive ([`OFFSET_UNIT`]), as
//! doccano's Python importer and Python tools slice text. Beware: doccano's
//! browser editor counts UTF-16 code units unless the project counts
//! grapheme clusters (doccano issue #2290), so a text with emoji outside the
//! Basic Multilingual Plane may show spans shifted there; the text of CJK,
//! accents and combining marks is unaffected. On import, `label`, `labels`
//! and `entities` are all accepted, as are `id` (kept as the document id).
//! The format keeps no values and no sources; imported spans are
//! [`Source::User`](crate::document::Source::User).

use super::check;
use super::NamedDocument;
use crate::document::Document;
use crate::error::Result;
use crate::span::OffsetUnit;
use serde::Serialize;
use serde_json::Value as Json;

/// The unit of doccano offsets, in one place should it need to change.
pub(crate) const OFFSET_UNIT: OffsetUnit = OffsetUnit::Codepoint;

/// One exported line, its keys in the order doccano's documentation shows.
#[derive(Serialize)]
struct Line<'d> {
    id: &'d str,
    text: &'d str,
    label: Vec<Json>,
}

pub(crate) fn export(docs: &[NamedDocument]) -> String {
    let mut out = String::new();
    for d in docs {
        let line = Line { id: &d.id, text: &d.doc.text, label: super::spacy::span_triples(&d.doc, OFFSET_UNIT) };
        out.push_str(&super::json::to_json(&line, false));
        out.push('\n');
    }
    out
}

pub(crate) fn import(content: &str) -> Result<Vec<NamedDocument>> {
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = docs.len() + 1;
        docs.push(read_line(line, n).map_err(|e| e.context(format!("line {}", i + 1)))?);
    }
    Ok(docs)
}

fn read_line(line: &str, n: usize) -> Result<NamedDocument> {
    let v = check::parse(line, "the line")?;
    let obj = check::object(&v, "the line")?;
    let text = check::field_str(obj, "text", "the line")?;
    let key = ["label", "labels", "entities"].into_iter().find(|k| obj.contains_key(*k));
    let items: &[Json] = match key {
        Some(k) => check::array(&obj[k], format_args!("\"{k}\""))?,
        None => &[],
    };
    let spans = check::triples(items, "label")?;
    let annotations = check::annotations(text, spans, OFFSET_UNIT)?;
    Ok(NamedDocument {
        id: check::id(obj.get("id")).unwrap_or_else(|| format!("doc-{n}")),
        doc: Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations },
    })
}
