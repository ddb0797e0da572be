//! Label Studio's JSON: a list of tasks, each with its text under
//! `data.text` and its spans as `labels` results of one annotation:
//!
//! ```json
//! [{"data": {"text": "...", "doc_id": "a1"},
//!   "annotations": [{"result": [{"id": "s1", "from_name": "label", "to_name": "text",
//!     "type": "labels", "origin": "manual",
//!     "value": {"start": 0, "end": 8, "text": "Jung Pak", "labels": ["PERSON"]}}]}]}]
//! ```
//!
//! **Offsets are Unicode code points**, end exclusive, although Label
//! Studio runs in the browser: its `Text` tag converts the browser's UTF-16
//! selection to code points so that Python's `text[start:end]` gives the
//! region (Label Studio's own test `web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts`,
//! "Should calculate offsets by code points in text": `test` after `🐱` is
//! 21..25, not UTF-16's 22..26; the change came with label-studio-frontend
//! PR #308 after issues #1008 and #1347).
//!
//! Sources: `user` is written as `origin: "manual"`, `model` and `rule` as
//! `origin: "prediction"`; on import `manual` and `prediction-changed` are
//! `user`, `prediction` is `model`, and a result without an origin is
//! `user` (or `model` when it comes from the task's `predictions`). A value
//! is written twice in the region's `meta`, which Label Studio keeps with
//! the region: as a note for people to read (`meta.text`, shown in its
//! editor) and as newsmark's JSON value (`meta.value`), which import reads
//! back.
//!
//! Import reads the first annotation that was not cancelled, else the first
//! prediction; results of other types than `labels` (relations, choices,
//! text areas) are skipped. A region with several labels is an error:
//! newsmark gives a span one label.

use super::check::{self, RawSpan};
use super::NamedDocument;
use crate::document::{Document, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::span::{OffsetMap, OffsetUnit};
use crate::value::Value;
use serde::Serialize;
use serde_json::{Map, Value as Json};

// Structs rather than `json!` so that keys keep the order people expect.
#[derive(Serialize)]
struct Task<'d> {
    data: TaskData<'d>,
    annotations: [Annotation<'d>; 1],
}

#[derive(Serialize)]
struct TaskData<'d> {
    text: &'d str,
    doc_id: &'d str,
}

#[derive(Serialize)]
struct Annotation<'d> {
    result: Vec<Region<'d>>,
}

#[derive(Serialize)]
struct Region<'d> {
    id: String,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    origin: &'static str,
    value: RegionValue<'d>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<RegionMeta<'d>>,
}

#[derive(Serialize)]
struct RegionValue<'d> {
    start: usize,
    end: usize,
    text: &'d str,
    labels: [&'static str; 1],
}

#[derive(Serialize)]
struct RegionMeta<'d> {
    text: [String; 1],
    value: &'d Value,
}

pub(crate) fn export(docs: &[NamedDocument]) -> String {
    let tasks: Vec<Task> = docs
        .iter()
        .map(|d| {
            let map = OffsetMap::new(&d.doc.text);
            let result = d
                .doc
                .annotations
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let (start, end) = map.span_to(a.span, OffsetUnit::Codepoint);
                    Region {
                        id: format!("s{}", i + 1),
                        from_name: "label",
                        to_name: "text",
                        kind: "labels",
                        origin: if a.source == Source::User { "manual" } else { "prediction" },
                        value: RegionValue { start, end, text: a.text(&d.doc.text), labels: [a.label.as_str()] },
                        meta: a.value.as_ref().map(|v| RegionMeta { text: [v.display()], value: v }),
                    }
                })
                .collect();
            Task { data: TaskData { text: &d.doc.text, doc_id: &d.id }, annotations: [Annotation { result }] }
        })
        .collect();
    let mut out = super::json::to_json(&tasks, true);
    out.push('\n');
    out
}

pub(crate) fn import(v: &Json) -> Result<Vec<NamedDocument>> {
    check::one_or_each(v, "task", read_task)
}

fn read_task(task: &Json, n: usize) -> Result<NamedDocument> {
    let task = check::object(task, "the task")?;
    let data = match task.get("data") {
        Some(d) => check::object(d, "\"data\"")?,
        None => return Err(check::shape("the task has no \"data\"")),
    };
    let text = task_text(data)?;
    let (results, default_source) = chosen_results(task)?;
    let mut spans = Vec::with_capacity(results.len());
    for (i, r) in results.iter().enumerate() {
        let r = check::object(r, format_args!("result {}", i + 1))?;
        let what = check::Item { kind: "result", n: i + 1, id: r.get("id").and_then(Json::as_str).map(str::to_owned) };
        let ty = r.get("type").and_then(Json::as_str);
        if ty.is_some_and(|t| t != "labels") {
            continue; // relations, choices, text areas: not spans
        }
        let Some(value) = r.get("value") else {
            return Err(check::shape(format!("{what} has no \"value\"")));
        };
        let value = check::object(value, format_args!("{what}: \"value\""))?;
        let get = |k: &str| value.get(k).ok_or_else(|| check::shape(format!("{what}: \"value\" has no \"{k}\"")));
        let labels = check::array(get("labels")?, format_args!("{what}: \"labels\""))?;
        let label = match labels.as_slice() {
            [one] => check::label(one, format_args!("{what}: label"))?,
            [] => return Err(Error::new(ErrorKind::InvalidLabel, format!("{what}: the region has no label"))),
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidLabel,
                    format!("{what}: the region has {} labels; newsmark gives a span one", labels.len()),
                ))
            }
        };
        let source = match r.get("origin").and_then(Json::as_str) {
            Some("prediction") => Source::Model,
            Some(_) => Source::User,
            None => default_source,
        };
        let claimed = match value.get("text") {
            None | Some(Json::Null) => None,
            Some(t) => Some(check::string(t, format_args!("{what}: \"text\""))?.to_owned()),
        };
        let value = match r.get("meta") {
            Some(Json::Object(meta)) => check::value(meta.get("value"), format_args!("{what}: meta"))?,
            _ => None,
        };
        spans.push(RawSpan {
            start: check::offset(get("start")?, format_args!("{what}: start"))?,
            end: check::offset(get("end")?, format_args!("{what}: end"))?,
            label,
            text: claimed,
            value,
            source,
            item: what,
        });
    }
    let annotations = check::annotations(text, spans, OffsetUnit::Codepoint)?;
    let id = check::id(data.get("doc_id")).or_else(|| check::id(task.get("id"))).unwrap_or_else(|| format!("doc-{n}"));
    Ok(NamedDocument { id, doc: Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations } })
}

/// The task's text: `data.text`, or the one string field of `data`.
fn task_text(data: &Map<String, Json>) -> Result<&str> {
    if let Some(t) = data.get("text") {
        return check::string(t, "\"data\": \"text\"");
    }
    let strings: Vec<&str> = data.values().filter_map(Json::as_str).collect();
    match strings.as_slice() {
        [one] => Ok(one),
        _ => Err(check::shape("\"data\" has no \"text\"")),
    }
}

/// The results to read: the first annotation that was not cancelled, else
/// the first prediction; with the source of results that name no origin.
fn chosen_results(task: &Map<String, Json>) -> Result<(&[Json], Source)> {
    // `completions` is the name Label Studio used before 1.0.
    for key in ["annotations", "completions"] {
        if let Some(list) = task.get(key) {
            for (i, a) in check::array(list, format_args!("\"{key}\""))?.iter().enumerate() {
                let a = check::object(a, format_args!("annotation {}", i + 1))?;
                if a.get("was_cancelled").and_then(Json::as_bool) == Some(true) {
                    continue;
                }
                let results = match a.get("result") {
                    Some(r) => check::array(r, format_args!("annotation {}: \"result\"", i + 1))?,
                    None => return Err(check::shape(format!("annotation {} has no \"result\"", i + 1))),
                };
                return Ok((results, Source::User));
            }
        }
    }
    if let Some(list) = task.get("predictions") {
        if let Some(p) = check::array(list, "\"predictions\"")?.first() {
            let p = check::object(p, "prediction 1")?;
            let results = match p.get("result") {
                Some(r) => check::array(r, "prediction 1: \"result\"")?,
                None => return Err(check::shape("prediction 1 has no \"result\"")),
            };
            return Ok((results, Source::Model));
        }
    }
    Ok((&[], Source::User))
}

/// A label's background in the labeling configuration: the page's colors
/// (`www/labels.js`, chosen to stay apart under color-vision deficiencies), so that a
/// project looks in Label Studio as it did in newsmark. The page's table is
/// the source; `tests/export.rs` checks that this copy agrees with it.
fn background(label: crate::label::Label) -> &'static str {
    use crate::label::Label;
    match label {
        Label::Person => "#9b99ff",
        Label::Org => "#60ba7f",
        Label::Loc => "#f2d27f",
        Label::Misc => "#b998c3",
        Label::Date => "#9da8a0",
        Label::Time => "#accdce",
        Label::Money => "#cacfba",
        Label::Percent => "#fff421",
        Label::Quantity => "#deffc8",
        Label::Cardinal => "#c6a63d",
        Label::Ordinal => "#e5c8ff",
    }
}

/// A Label Studio labeling configuration matching what this module's export writes:
/// a `Text` tag named `text` and a `Labels` tag named `label` with every
/// newsmark label in its color. Paste it into a project's settings before
/// importing the tasks.
pub fn config() -> String {
    let mut xml = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    for l in crate::label::Label::ALL {
        xml.push_str(&format!("    <Label value=\"{}\" background=\"{}\"/>\n", l.as_str(), background(l)));
    }
    xml.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
    xml
}
