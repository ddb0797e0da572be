//! spaCy's JSON formats: the training tuples (`spacy-json`),
//! `[[text, {"entities": [[start, end, label]]}], ...]`, and `Doc.to_json()`
//! (`spacy-doc`, below). The DocBin, spaCy's binary format, is `docbin.rs`.
//!
//! Offsets are code points, end exclusive: Python's `text[start:end]` is
//! the span (what `Doc.char_span` expects). The format keeps no values and
//! no sources; imported spans are [`Source::User`](crate::document::Source::User).

use super::check::{self, LabelMap};
use super::docbin;
use super::options::{ImportOptions, Read};
use super::NamedDocument;
use crate::document::{Document, Source};
use crate::error::Result;
use crate::span::{OffsetMap, OffsetUnit};
use serde_json::{json, Value as Json};

pub(crate) fn export(docs: &[NamedDocument]) -> String {
    let items: Vec<Json> = docs
        .iter()
        .map(|d| {
            let entities = span_triples(&d.doc, OffsetUnit::Codepoint);
            json!([d.doc.text, {"entities": entities}])
        })
        .collect();
    let mut out = super::json::to_json(&items, false);
    out.push('\n');
    out
}

/// The document's spans as `[start, end, label]` in `unit`: spaCy's
/// entities, and doccano's labels.
pub(super) fn span_triples(doc: &Document, unit: OffsetUnit) -> Vec<Json> {
    let map = OffsetMap::new(&doc.text);
    doc.annotations
        .iter()
        .map(|a| {
            let (s, e) = map.span_to(a.span, unit);
            json!([s, e, a.label.as_str()])
        })
        .collect()
}

/// Reads training tuples. What the annotations dict holds besides
/// `entities` (`cats`, `links`, span groups under `spans`, token tags) has
/// no place in newsmark: each item's non-empty keys of it are named in
/// `warnings`, and the entities are read.
pub(crate) fn import(v: &Json, label_map: &LabelMap, warnings: &mut Vec<String>) -> Result<Vec<NamedDocument>> {
    let items = check::array(v, "the file")?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read_pair(item, i + 1, label_map, warnings).map_err(|e| e.context(format!("item {}", i + 1))))
        .collect()
}

fn read_pair(item: &Json, n: usize, label_map: &LabelMap, warnings: &mut Vec<String>) -> Result<NamedDocument> {
    let pair = check::array(item, "the item")?;
    if pair.len() != 2 {
        return Err(check::shape(format!("the item has {} elements where [text, {{\"entities\": ...}}] was expected", pair.len())));
    }
    let text = check::string(&pair[0], "the text")?;
    let annots = check::object(&pair[1], "the annotations")?;
    let entities: &[Json] = match annots.get("entities") {
        Some(e) => check::array(e, "\"entities\"")?,
        None => &[],
    };
    let spans = check::triples_in(entities, "entity", label_map)?;
    let annotations = check::annotations(text, spans, OffsetUnit::Codepoint)?;
    let is_empty = |v: &Json| match v {
        Json::Null => true,
        Json::Array(a) => a.is_empty(),
        Json::Object(o) => o.is_empty(),
        _ => false,
    };
    let unread: Vec<String> = annots.iter().filter(|(k, v)| *k != "entities" && !is_empty(v)).map(|(k, _)| format!("{k:?}")).collect();
    if !unread.is_empty() {
        warnings.push(format!("item {n}: {}, which newsmark does not keep (left out: it reads \"entities\")", unread.join(", ")));
    }
    Ok(NamedDocument {
        id: format!("doc-{n}"),
        doc: Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations },
    })
}

// ---- spaCy's `Doc.to_json()` (`spacy-doc`) ----
//
// `{"text", "ents": [{"start", "end", "label"}], "tokens": [{"id", "start",
// "end"}]}` per document, offsets in code points: what `Doc.to_json()`
// writes and `Doc(nlp.vocab).from_json(d)` reads. A file is a list of
// them (one object and JSON lines are read too). The tokens are the
// DocBin's ([`docbin::spacy_tokens`]), so the entities fall on them.

/// Writes the documents as a JSON list of `Doc.to_json()` objects.
pub(crate) fn export_doc_json(docs: &[NamedDocument]) -> String {
    let items: Vec<Json> = docs
        .iter()
        .map(|d| {
            let map = OffsetMap::new(&d.doc.text);
            let cp = |b: usize| map.to_unit(b, OffsetUnit::Codepoint);
            let ents: Vec<Json> = d
                .doc
                .annotations
                .iter()
                .map(|a| json!({"start": cp(a.span.start), "end": cp(a.span.end), "label": a.label.as_str()}))
                .collect();
            let tokens: Vec<Json> = docbin::spacy_tokens(&d.doc)
                .iter()
                .enumerate()
                .map(|(i, t)| json!({"id": i, "start": cp(t.span.start), "end": cp(t.span.end)}))
                .collect();
            json!({"text": d.doc.text, "ents": ents, "tokens": tokens})
        })
        .collect();
    let mut out = super::json::to_json(&items, false);
    out.push('\n');
    out
}

/// True when a JSON object is a `Doc.to_json()` document rather than
/// newsmark JSON: it has `ents`, or `tokens` without newsmark's `spans`
/// list, and no `schema`.
pub(crate) fn is_doc_json(o: &serde_json::Map<String, Json>) -> bool {
    // Prodigy's examples have tokens too, and an answer or hashes.
    let prodigy = ["answer", "_input_hash", "_task_hash", "_view_id"].iter().any(|k| o.contains_key(*k));
    !prodigy
        && !o.contains_key("schema")
        && o.contains_key("text")
        && (o.contains_key("ents") || o.get("tokens").is_some_and(Json::is_array))
        && !o.get("spans").is_some_and(Json::is_array)
}

/// Reads `Doc.to_json()` documents: `parsed` (the whole file's JSON, a list
/// or one object), else `content` as JSON lines.
pub(crate) fn import_doc_json(parsed: Option<Json>, content: &str, options: &ImportOptions) -> Result<Read> {
    let items: Vec<Json> = match parsed.or_else(|| serde_json::from_str(content).ok()) {
        Some(Json::Array(items)) => items,
        Some(v) => vec![v],
        None => content
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| check::parse(l, &format!("line {}", i + 1)))
            .collect::<Result<_>>()?,
    };
    let mut read = Read::default();
    for (i, item) in items.iter().enumerate() {
        let what = format!("document {}", i + 1);
        let doc = read_doc_json(item, options, &what, &mut read).map_err(|e| e.context(&what))?;
        read.docs.push(NamedDocument::new(format!("doc-{}", i + 1), doc));
    }
    Ok(read)
}

fn read_doc_json(item: &Json, options: &ImportOptions, what: &str, read: &mut Read) -> Result<Document> {
    let o = check::object(item, "the document")?;
    let text = check::field_str(o, "text", "the document")?;
    let ents: &[Json] = match o.get("ents") {
        Some(e) => check::array(e, "\"ents\"")?,
        None => &[],
    };
    let mut spans = Vec::with_capacity(ents.len());
    for (j, e) in ents.iter().enumerate() {
        let item = check::Item::new("entity", j + 1);
        let e = check::object(e, &item)?;
        let get = |k: &str| e.get(k).ok_or_else(|| check::shape(format!("{item} has no \"{k}\"")));
        let label = check::label_in(get("label")?, format_args!("{item}: label"), &options.labels())?;
        spans.push(check::RawSpan {
            start: check::offset(get("start")?, format_args!("{item}: start"))?,
            end: check::offset(get("end")?, format_args!("{item}: end"))?,
            label,
            text: None,
            value: None,
            source: Source::User,
            item,
        });
    }
    let annotations = check::annotations(text, spans, OffsetUnit::Codepoint)?;
    // What a Doc can hold that newsmark has no place for: spans outside
    // `ents` (span groups) and categories.
    let mut unread = Vec::new();
    if let Some(groups) = o.get("spans") {
        let n: usize = check::object(groups, "\"spans\"")?.values().map(|g| g.as_array().map_or(1, Vec::len)).sum();
        if n > 0 {
            unread.push(format!("\"spans\" ({n} spans in span groups)"));
        }
    }
    if let Some(cats) = o.get("cats") {
        if !check::object(cats, "\"cats\"")?.is_empty() {
            unread.push("\"cats\"".to_owned());
        }
    }
    if !unread.is_empty() {
        let msg = format!("{} cannot be read into newsmark", unread.join(" and "));
        if !options.lenient {
            return Err(check::shape(format!("{msg}; import with the lenient option to read \"ents\" only")));
        }
        read.skipped += unread.len();
        read.warnings.push(format!("{what}: {msg}: left out"));
    }
    Ok(Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations })
}
