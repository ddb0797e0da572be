//! Prodigy's JSONL (`prodigy`): one example a line, as Prodigy's `ner.manual`
//! and `spans.manual` recipes read and `prodigy db-out` writes them.
//!
//! ```json
//! {"text": "Acme rose.", "tokens": [{"text": "Acme", "start": 0, "end": 4, "id": 0, "ws": true}, ...],
//!  "spans": [{"start": 0, "end": 4, "token_start": 0, "token_end": 0, "label": "ORG", "source": "model"}],
//!  "answer": "accept", "meta": {"id": "a1", "article_date": "2022-08-09"}}
//! ```
//!
//! Offsets are code points (Python's), `token_end` is the index of the
//! span's last token (inclusive). The tokens are the DocBin's
//! ([`docbin::spacy_tokens`]): every span falls on them. newsmark's source
//! and value of a span ride in the span (`source`, `value`; Prodigy keeps
//! keys it does not know), the document's id and article date in `meta`,
//! and all come back on import.
//!
//! On import, an example Prodigy's annotator answered `reject` or `ignore`
//! is not an annotation to keep: it is skipped, counted in the report's
//! `skipped`, with a warning saying how many. An example without `answer`
//! (a task not annotated yet) is read.

use super::check::{self, Item, RawSpan};
use super::docbin;
use super::options::{ImportOptions, Read};
use super::NamedDocument;
use crate::document::{Document, Source};
use crate::error::Result;
use crate::span::{OffsetMap, OffsetUnit};
use serde_json::{json, Map, Value as Json};

pub(crate) fn export(docs: &[NamedDocument]) -> String {
    let mut out = String::new();
    for d in docs {
        let doc = &d.doc;
        let map = OffsetMap::new(&doc.text);
        let cp = |b: usize| map.to_unit(b, OffsetUnit::Codepoint);
        let toks = docbin::spacy_tokens(doc);
        let tokens: Vec<Json> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                json!({"text": &doc.text[t.span.range()], "start": cp(t.span.start), "end": cp(t.span.end), "id": i, "ws": t.space})
            })
            .collect();
        let spans: Vec<Json> = doc
            .annotations
            .iter()
            .map(|a| {
                // Every span starts and ends on a token (spacy_tokens cuts
                // there); the tokens are in order, so found by bisection.
                let first = toks.partition_point(|t| t.span.start < a.span.start);
                let last = toks.partition_point(|t| t.span.end <= a.span.end).saturating_sub(1).max(first);
                let mut s = json!({
                    "start": cp(a.span.start), "end": cp(a.span.end), "token_start": first, "token_end": last,
                    "label": a.label.as_str(), "source": a.source.name(),
                });
                if let Some(v) = &a.value {
                    s["value"] = serde_json::to_value(v).unwrap_or(Json::Null);
                }
                s
            })
            .collect();
        let mut meta = json!({"id": d.id});
        if let Some(date) = doc.article_date {
            meta["article_date"] = json!(crate::date::format_ymd(date));
            meta["article_date_source"] = serde_json::to_value(doc.article_date_source).unwrap_or(Json::Null);
        }
        let line = json!({"text": doc.text, "tokens": tokens, "spans": spans, "answer": "accept", "meta": meta});
        out.push_str(&super::json::to_json(&line, false));
        out.push('\n');
    }
    out
}

/// True when a JSONL line's object is a Prodigy example rather than newsmark
/// JSONL (which shares `text` and `spans`): it carries Prodigy's own keys.
pub(crate) fn is_example(o: &Map<String, Json>) -> bool {
    !o.contains_key("schema") && ["answer", "_input_hash", "_task_hash", "_view_id", "tokens"].iter().any(|k| o.contains_key(*k))
}

/// Reads examples: `parsed` (a `.json` file's list or one object), else
/// `content` as JSON lines.
pub(crate) fn import(parsed: Option<Json>, content: &str, options: &ImportOptions) -> Result<Read> {
    // A list is read whole; objects line by line, so errors name the line.
    let list = || content.trim_start().starts_with('[').then(|| serde_json::from_str(content).ok()).flatten();
    let items: Vec<(String, Json)> = match parsed.or_else(list) {
        Some(Json::Array(items)) => items.into_iter().enumerate().map(|(i, v)| (format!("example {}", i + 1), v)).collect(),
        Some(v) => vec![("the example".to_owned(), v)],
        None => content
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let what = format!("line {}", i + 1);
                check::parse(l, &what).map(|v| (what, v))
            })
            .collect::<Result<_>>()?,
    };
    let mut read = Read::default();
    let (mut rejected, mut ignored) = (0, 0);
    for (what, v) in &items {
        let o = check::object(v, what)?;
        match o.get("answer") {
            None => {}
            Some(a) => match check::string(a, format_args!("{what}: \"answer\""))? {
                "accept" => {}
                "reject" => {
                    rejected += 1;
                    continue;
                }
                "ignore" => {
                    ignored += 1;
                    continue;
                }
                other => return Err(check::shape(format!("{what}: \"answer\" is {other:?}, not \"accept\", \"reject\" or \"ignore\""))),
            },
        }
        let n = read.docs.len() + 1;
        let doc = read_example(o, options, n).map_err(|e| e.context(what))?;
        read.docs.push(doc);
    }
    if rejected + ignored > 0 {
        read.skipped = rejected + ignored;
        read.warnings.push(format!(
            "{} examples skipped: {rejected} answered \"reject\", {ignored} \"ignore\" (only accepted examples are annotations)",
            rejected + ignored
        ));
    }
    Ok(read)
}

fn read_example(o: &Map<String, Json>, options: &ImportOptions, n: usize) -> Result<NamedDocument> {
    let text = check::field_str(o, "text", "the example")?;
    let items: &[Json] = match o.get("spans") {
        Some(s) => check::array(s, "\"spans\"")?,
        None => &[],
    };
    let mut spans = Vec::with_capacity(items.len());
    for (j, s) in items.iter().enumerate() {
        let item = Item::new("span", j + 1);
        let s = check::object(s, &item)?;
        let get = |k: &str| s.get(k).ok_or_else(|| check::shape(format!("{item} has no \"{k}\"")));
        let label = check::label_in(get("label")?, format_args!("{item}: label"), &options.labels())?;
        let source = match s.get("source") {
            None => Source::User,
            Some(v) => {
                let name = check::string(v, format_args!("{item}: source"))?;
                Source::from_name(name)
                    .ok_or_else(|| check::shape(format!("{item}: source {name:?} is not \"model\", \"rule\" or \"user\"")))?
            }
        };
        spans.push(RawSpan {
            start: check::offset(get("start")?, format_args!("{item}: start"))?,
            end: check::offset(get("end")?, format_args!("{item}: end"))?,
            label,
            text: match s.get("text") {
                Some(t) => Some(check::string(t, format_args!("{item}: text"))?.to_owned()),
                None => None,
            },
            value: check::value(s.get("value"), &item)?,
            source,
            item,
        });
    }
    let annotations = check::annotations(text, spans, OffsetUnit::Codepoint)?;
    let meta = match o.get("meta") {
        Some(m) => Some(check::object(m, "\"meta\"")?),
        None => None,
    };
    let id = check::id(meta.and_then(|m| m.get("id"))).unwrap_or_else(|| format!("doc-{n}"));
    // The date as newsmark JSON reads it (one reader of dates and their sources).
    let mut dated = json!({"text": ""});
    for key in ["article_date", "article_date_source"] {
        if let Some(v) = meta.and_then(|m| m.get(key)) {
            dated[key] = v.clone();
        }
    }
    let (_, dated) = super::json::read_document(&dated).map_err(|e| e.context("\"meta\""))?;
    let (article_date, article_date_source) = (dated.article_date, dated.article_date_source);
    Ok(NamedDocument::new(id, Document { text: text.to_owned(), article_date, article_date_source, annotations }))
}
