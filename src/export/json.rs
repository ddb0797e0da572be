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
//! gold format of `seeds/gold.jsonl`.
//!
//! [`DocumentRecord`] is the shape written. There is one reader of the
//! schema, [`read_document`] (and [`read_jsonl`] for a file of lines), used
//! by every import, `eval` and the bindings: it checks each field by hand
//! rather than through serde's derive, so that an error says in a user's
//! words which document, span and field is wrong and carries the error's
//! kind (a bad offset, label or date), and so that it is as lenient as one
//! reader can be: labels by their synonyms (`PER`, `GPE`), ids as strings or
//! numbers, `annotations` or `entities` for `spans`.

use crate::document::{DateSource, Document, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::label::Label;
use crate::span::{OffsetMap, OffsetUnit};
use crate::value::Value;
use serde::Serialize;

/// The schema name and version written in every document.
pub const SCHEMA: &str = "newsmark/1";

/// One document as JSON, as newsmark writes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRecord {
    pub schema: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: String,
    pub offset_unit: OffsetUnit,
    pub article_date: Option<String>,
    pub article_date_source: Option<DateSource>,
    pub spans: Vec<SpanRecord>,
}

/// One annotation as JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// The covered text; checked against `text[start:end]` on import.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
            article_date: doc.article_date.map(crate::date::format_ymd),
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
}

/// Writes one document as one line of JSON.
pub fn to_json_line(doc: &Document, id: Option<String>) -> String {
    to_json(&DocumentRecord::from_document(doc, id), false)
}

/// One document as indented JSON, for people to read.
pub fn to_json_pretty(doc: &Document, id: Option<String>) -> String {
    to_json(&DocumentRecord::from_document(doc, id), true)
}

/// `value` as JSON (indented when `pretty`), as every export writes it:
/// serde_json's, with DEL and the C1 controls (U+007F-U+009F) escaped as
/// well as the C0 ones. A text may hold them (the annotator accepts any
/// text), and written raw they make the file look binary to readers,
/// newsmark's own included.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let json = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    escape_where(json.expect("export records always serialize"), |c| ('\u{7f}'..='\u{9f}').contains(&c))
}

/// `json` with every character `escape` picks written as `\uXXXX`. For
/// characters that are neither ASCII nor an unescaped C0 control (which
/// serde never writes), every one found is inside a string, where the
/// escape means the same character; so are line breaks in JSON written on
/// one line.
pub(crate) fn escape_where(json: String, escape: impl Fn(char) -> bool) -> String {
    if !json.contains(&escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads one document of newsmark JSON (or the gold format).
pub fn from_json(s: &str) -> Result<Document> {
    read_document(&check::parse(s, "the document")?).map(|(_, doc)| doc)
}

// ---- Export and import of whole files (used by `export::export` and
// `export::import`). ----

use super::check::{self, RawSpan};
use super::options::ImportOptions;
use super::NamedDocument;
use serde_json::Value as Json;

/// Writes one document as a JSON object, or several as a JSON array,
/// indented for people to read.
pub(crate) fn export_json(docs: &[NamedDocument]) -> String {
    let records: Vec<DocumentRecord> = docs.iter().map(NamedDocument::to_record).collect();
    let mut out = if records.len() == 1 { to_json(&records[0], true) } else { to_json(&records, true) };
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

/// Reads newsmark JSON: one document object or an array of them. With
/// [`ImportOptions::lenient`], fields the reader does not know are pushed
/// to `warnings` (one line a document) instead of failing the file.
pub(crate) fn import_json(v: &Json, options: &ImportOptions, warnings: &mut Vec<String>) -> Result<Vec<NamedDocument>> {
    let read = check::one_or_each(v, "document", |v, n| {
        let (id, doc, unread) = read_document_with(v, options)?;
        Ok((named(id, doc, n), unread))
    })?;
    Ok(read
        .into_iter()
        .enumerate()
        .map(|(i, (d, unread))| {
            warnings.extend(unread.warning(format_args!("document {} ({:?})", i + 1, d.id)));
            d
        })
        .collect())
}

/// Reads newsmark JSONL: one document object per non-empty line (warnings
/// as [`import_json`]'s).
pub(crate) fn import_jsonl(content: &str, options: &ImportOptions, warnings: &mut Vec<String>) -> Result<Vec<NamedDocument>> {
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let ctx = format!("line {}", i + 1);
        let v = check::parse(line, "the line").map_err(|e| e.context(&ctx))?;
        let (id, doc, unread) = read_document_with(&v, options).map_err(|e| e.context(&ctx))?;
        let d = named(id, doc, docs.len() + 1);
        warnings.extend(unread.warning(format_args!("{ctx} ({:?})", d.id)));
        docs.push(d);
    }
    Ok(docs)
}

/// An imported document: its id, else `doc-N` for the `n`-th of the file.
fn named(id: Option<String>, doc: Document, n: usize) -> NamedDocument {
    NamedDocument { id: id.unwrap_or_else(|| format!("doc-{n}")), doc }
}

/// Reads a file of newsmark JSON lines: one document per non-empty line,
/// each with the id it gives (if any). An error names the line (blank
/// lines count) and nothing is returned.
pub fn read_jsonl(content: &str) -> Result<Vec<(Option<String>, Document)>> {
    read_lines(content, &ImportOptions::default())
}

/// [`read_jsonl`] for the documents of a project in its own schema
/// (`newsmark learn`, `newsmark eval`): a label that is none of
/// newsmark's, their synonyms or OntoNotes' types is one of the user's own
/// ([`Label::define`], without a value) instead of an error. A label
/// defined before (`--labels TICKER:money`) keeps its kind.
pub fn read_jsonl_own_labels(content: &str) -> Result<Vec<(Option<String>, Document)>> {
    read_lines(content, &ImportOptions { own_labels: true, ..ImportOptions::default() })
}

fn read_lines(content: &str, options: &ImportOptions) -> Result<Vec<(Option<String>, Document)>> {
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let ctx = format!("line {}", i + 1);
        let v = check::parse(line, "the line").map_err(|e| e.context(&ctx))?;
        let (id, doc, _) = read_document_with(&v, options).map_err(|e| e.context(&ctx))?;
        docs.push((id, doc));
    }
    Ok(docs)
}

/// Reads one document of the schema: its id as given (a string or a
/// number) and the checked document. Leniently about labels (`PER`,
/// `GPE`, ... are accepted) and the name of the spans' list, strictly
/// about everything else: every span is checked as every import checks
/// them (`check::annotations`: in bounds, on character boundaries, not
/// empty, not overlapping, covering the text it says it covers).
pub fn read_document(v: &Json) -> Result<(Option<String>, Document)> {
    read_document_with(v, &ImportOptions::default()).map(|(id, doc, _)| (id, doc))
}

/// The fields of a document the schema has.
const DOCUMENT_FIELDS: [&str; 9] =
    ["schema", "id", "text", "offset_unit", "article_date", "article_date_source", "spans", "annotations", "entities"];

/// The fields of a span the schema has, and those the page's span objects
/// add (`start_cp`, `end_cp`, `value_display`, `value_words`: derived from
/// the others, so nothing is lost by not reading them).
const SPAN_FIELDS: [&str; 10] = ["start", "end", "label", "text", "value", "source", "start_cp", "end_cp", "value_display", "value_words"];

/// Fields other tools keep spans in (spaCy's `Doc.to_json` `ents`, doccano
/// and Label Studio JSON-MIN `label`, Label Studio `predictions`, ...): a
/// document that has one and no spans newsmark reads would import with
/// none, so it is an error whatever the options.
const SPAN_LIKE_FIELDS: [&str; 7] = ["ents", "label", "labels", "predictions", "results", "result", "tags"];

/// The fields of a document that were not read (under
/// [`ImportOptions::lenient`]), with how many times each.
#[derive(Debug, Default)]
struct Unread {
    document: Vec<String>,
    spans: std::collections::BTreeMap<String, usize>,
}

impl Unread {
    fn is_empty(&self) -> bool {
        self.document.is_empty() && self.spans.is_empty()
    }

    /// The warning for the document `what`, if anything was left unread.
    fn warning(&self, what: impl std::fmt::Display) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        if !self.document.is_empty() {
            parts.push(format!("fields {}", self.document.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(", ")));
        }
        if !self.spans.is_empty() {
            let each = self.spans.iter().map(|(f, n)| format!("{f:?} ({n} spans)")).collect::<Vec<_>>().join(", ");
            parts.push(format!("span fields {each}"));
        }
        Some(format!("{what}: not read (newsmark JSON has no place for them): {}", parts.join("; ")))
    }
}

/// [`read_document`] with the user's label mapping, and leniency about
/// fields the schema does not have: an error naming the first one, or,
/// with [`ImportOptions::lenient`], what was not read.
fn read_document_with(v: &Json, options: &ImportOptions) -> Result<(Option<String>, Document, Unread)> {
    let obj = check::object(v, "the document")?;
    let named = |msg: String| {
        let id = check::id(obj.get("id")).map(|id| format!(" ({id:?})")).unwrap_or_default();
        check::shape(format!("the document{id} {msg}"))
    };
    let text = check::field_str(obj, "text", "the document")?;
    let mut unread = Unread::default();
    let span_keys: Vec<&str> = ["spans", "annotations", "entities"].into_iter().filter(|k| obj.contains_key(*k)).collect();
    if span_keys.len() > 1 {
        return Err(named(format!("has spans under both {:?} and {:?}: newsmark JSON reads one list", span_keys[0], span_keys[1])));
    }
    for key in obj.keys().filter(|k| !DOCUMENT_FIELDS.contains(&k.as_str())) {
        if SPAN_LIKE_FIELDS.contains(&key.as_str()) && span_keys.is_empty() {
            return Err(named(format!(
                "has {key:?}, which other tools keep spans in, but no \"spans\": it is not newsmark JSON, and reading it would bring no span"
            )));
        }
        if !options.lenient {
            return Err(named(format!(
                "has a field {key:?} that newsmark JSON does not have (it has {}): it would be lost",
                DOCUMENT_FIELDS.join(", ")
            )));
        }
        unread.document.push(key.clone());
    }
    let unit = match obj.get("offset_unit") {
        None | Some(Json::Null) => OffsetUnit::Codepoint,
        Some(u) => serde_json::from_value(u.clone()).map_err(|_| {
            Error::new(ErrorKind::InvalidJson, format!("offset_unit {u} is not one of \"codepoint\", \"utf16\", \"byte\", \"grapheme\""))
        })?,
    };
    let key = span_keys.first().copied();
    let items: &[Json] = match key {
        Some(k) => check::array(&obj[k], format_args!("\"{k}\""))?,
        None => &[],
    };
    let mut spans = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let what = check::Item::new("span", i + 1);
        let s = check::object(item, &what)?;
        let get = |k: &str| s.get(k).ok_or_else(|| check::shape(format!("{what} has no \"{k}\"")));
        for key in s.keys().filter(|k| !SPAN_FIELDS.contains(&k.as_str())) {
            if !options.lenient {
                return Err(check::shape(format!(
                    "{what} has a field {key:?} that newsmark JSON spans do not have (they have start, end, label, text, value, source): it would be lost"
                )));
            }
            *unread.spans.entry(key.clone()).or_default() += 1;
        }
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
            label: check::label_in(get("label")?, format_args!("{what}: label"), &options.labels())?,
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
            Some(crate::date::parse_ymd(d).map_err(|e| Error::new(ErrorKind::InvalidDate, format!("article_date {d:?}: {e}")))?)
        }
    };
    let article_date_source = match obj.get("article_date_source") {
        Some(s) if article_date.is_some() => serde_json::from_value::<Option<DateSource>>(s.clone()).map_err(|_| {
            check::shape(format!(
                "article_date_source {s} is not \"option\", \"date_line\", \"dateline\", \"published\", \"url\" or \"text\""
            ))
        })?,
        _ => None,
    };
    Ok((check::id(obj.get("id")), Document { text: text.to_owned(), article_date, article_date_source, annotations }, unread))
}
