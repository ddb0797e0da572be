//! newsmark's own JSON schema (`newsmark/1`), used by the CLI and the page.
//!
//! ```json
//! {"schema": "newsmark/1", "id": "a1", "text": "...", "offset_unit": "codepoint",
//!  "article_date": "2022-08-10", "article_date_source": "text",
//!  "spans": [{"start": 0, "end": 4, "label": "MONEY", "text": "$7 m",
//!             "value": {"amount": 7000000, "currency": "USD"}, "source": "rule"}]}
//! ```
//!
//! Offsets are Unicode code points, end exclusive, so that Python's
//! `text[start:end]` gives the span. The same shape, without `schema`, is the
//! gold format of `seeds/gold.jsonl`, which [`DocumentRecord`] also reads.

use crate::error::{Error, ErrorKind, Result};
use crate::{DateSource, Document, Label, NaiveDate, OffsetMap, OffsetUnit, Source, Value};
use serde::{Deserialize, Serialize};

/// The schema name and version written in every document.
pub const SCHEMA: &str = "newsmark/1";

/// One document as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    #[serde(default = "default_schema")]
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: String,
    #[serde(default = "default_unit")]
    pub offset_unit: OffsetUnit,
    #[serde(default)]
    pub article_date: Option<String>,
    #[serde(default)]
    pub article_date_source: Option<DateSource>,
    #[serde(alias = "annotations", alias = "entities")]
    pub spans: Vec<SpanRecord>,
}

fn default_schema() -> String {
    SCHEMA.to_owned()
}

fn default_unit() -> OffsetUnit {
    OffsetUnit::Codepoint
}

/// One annotation as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// The covered text; checked against `text[start:end]` on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl DocumentRecord {
    /// The JSON record of a document, offsets in code points.
    pub fn from_document(doc: &Document, id: Option<String>) -> DocumentRecord {
        let map = OffsetMap::new(&doc.text);
        DocumentRecord {
            schema: SCHEMA.to_owned(),
            id,
            text: doc.text.clone(),
            offset_unit: OffsetUnit::Codepoint,
            article_date: doc.article_date.map(|d| d.format("%Y-%m-%d").to_string()),
            article_date_source: doc.article_date_source,
            spans: doc
                .annotations
                .iter()
                .map(|a| {
                    let (start, end) = map.span_to(a.span, OffsetUnit::Codepoint);
                    SpanRecord {
                        start,
                        end,
                        label: a.label,
                        text: Some(a.text(&doc.text).to_owned()),
                        value: a.value.clone(),
                        source: Some(a.source),
                    }
                })
                .collect(),
        }
    }

    /// Back to a document, checking every span: in bounds, on character
    /// boundaries, non-empty, not overlapping, and covering the text it says
    /// it covers (the same checks as [`import`](super::import)).
    pub fn to_document(&self) -> Result<Document> {
        let spans = self
            .spans
            .iter()
            .enumerate()
            .map(|(i, s)| RawSpan {
                item: check::Item::new("span", i + 1),
                start: s.start,
                end: s.end,
                label: s.label,
                text: s.text.clone(),
                value: s.value.clone(),
                source: s.source.unwrap_or(Source::User),
            })
            .collect();
        let annotations = check::annotations(&self.text, spans, self.offset_unit)?;
        let article_date = match &self.article_date {
            Some(d) => Some(
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|e| Error::new(ErrorKind::InvalidDate, format!("article_date {d:?}: {e}")))?,
            ),
            None => None,
        };
        Ok(Document {
            text: self.text.clone(),
            article_date,
            article_date_source: if article_date.is_some() { self.article_date_source } else { None },
            annotations,
        })
    }
}

/// Writes one document as one line of JSON.
pub fn to_json_line(doc: &Document, id: Option<String>) -> String {
    serde_json::to_string(&DocumentRecord::from_document(doc, id)).expect("a record always serializes")
}

/// Reads one document of newsmark JSON (or the gold format).
pub fn from_json(s: &str) -> Result<Document> {
    let rec: DocumentRecord = serde_json::from_str(s)?;
    rec.to_document()
}

// ---- Export and import of whole files (used by `export::export` and
// `export::import`). ----

use super::check::{self, RawSpan};
use super::NamedDocument;
use serde_json::Value as Json;

/// Writes one document as a JSON object, or several as a JSON array,
/// indented for people to read.
pub(crate) fn export_json(docs: &[NamedDocument]) -> String {
    let records: Vec<DocumentRecord> = docs.iter().map(NamedDocument::to_record).collect();
    let mut out = if records.len() == 1 { serde_json::to_string_pretty(&records[0]) } else { serde_json::to_string_pretty(&records) }
        .expect("a record always serializes");
    out.push('\n');
    out
}

/// Writes one document per line.
pub(crate) fn export_jsonl(docs: &[NamedDocument]) -> String {
    let mut out = String::new();
    for d in docs {
        out.push_str(&to_json_line(&d.doc, Some(d.id.clone())));
        out.push('\n');
    }
    out
}

/// Reads newsmark JSON: one document object or an array of them.
pub(crate) fn import_json(v: &Json) -> Result<Vec<NamedDocument>> {
    check::one_or_each(v, "document", import_record)
}

/// Reads newsmark JSONL: one document object per non-empty line.
pub(crate) fn import_jsonl(content: &str) -> Result<Vec<NamedDocument>> {
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let ctx = format!("line {}", i + 1);
        let v = check::parse(line, "the line").map_err(|e| e.context(&ctx))?;
        docs.push(import_record(&v, docs.len() + 1).map_err(|e| e.context(&ctx))?);
    }
    Ok(docs)
}

/// Reads one record, leniently about labels (`PER`, `GPE`, ... are
/// accepted) and strictly about everything else.
fn import_record(v: &Json, n: usize) -> Result<NamedDocument> {
    let obj = check::object(v, "the document")?;
    let text = check::field_str(obj, "text", "the document")?;
    let unit = match obj.get("offset_unit") {
        None | Some(Json::Null) => OffsetUnit::Codepoint,
        Some(u) => serde_json::from_value(u.clone())
            .map_err(|_| Error::new(ErrorKind::InvalidJson, format!("offset_unit {u} is not one of \"codepoint\", \"utf16\", \"byte\"")))?,
    };
    let key = ["spans", "annotations", "entities"].into_iter().find(|k| obj.contains_key(*k));
    let items: &[Json] = match key {
        Some(k) => check::array(&obj[k], format_args!("\"{k}\""))?,
        None => &[],
    };
    let mut spans = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let what = check::Item::new("span", i + 1);
        let s = check::object(item, &what)?;
        let get = |k: &str| s.get(k).ok_or_else(|| check::shape(format!("{what} has no \"{k}\"")));
        let value = check::value(s.get("value"), &what)?;
        let source = match s.get("source") {
            None | Some(Json::Null) => Source::User,
            Some(v) => serde_json::from_value::<Source>(v.clone())
                .map_err(|_| check::shape(format!("{what}: source {v} is not \"model\", \"rule\" or \"user\"")))?,
        };
        let claimed = match s.get("text") {
            None | Some(Json::Null) => None,
            Some(t) => Some(check::string(t, format_args!("{what}: \"text\""))?.to_owned()),
        };
        spans.push(RawSpan {
            start: check::offset(get("start")?, format_args!("{what}: start"))?,
            end: check::offset(get("end")?, format_args!("{what}: end"))?,
            label: check::label(get("label")?, format_args!("{what}: label"))?,
            text: claimed,
            value,
            source,
            item: what,
        });
    }
    let annotations = check::annotations(text, spans, unit)?;
    let article_date = match obj.get("article_date") {
        None | Some(Json::Null) => None,
        Some(d) => {
            let d = check::string(d, "article_date")?;
            Some(
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|e| Error::new(ErrorKind::InvalidDate, format!("article_date {d:?}: {e}")))?,
            )
        }
    };
    let article_date_source = match obj.get("article_date_source") {
        Some(s) if article_date.is_some() => serde_json::from_value::<Option<DateSource>>(s.clone())
            .map_err(|_| check::shape(format!("article_date_source {s} is not \"option\" or \"text\"")))?,
        _ => None,
    };
    Ok(NamedDocument {
        id: check::id(obj.get("id")).unwrap_or_else(|| format!("doc-{n}")),
        doc: Document { text: text.to_owned(), article_date, article_date_source, annotations },
    })
}
