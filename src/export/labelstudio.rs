//! Label Studio's JSON: a list of tasks, each with its text under
//! `data.text`, a person's spans as `labels` results of an annotation and
//! newsmark's own (model and rule) as the results of a prediction, the
//! pre-annotations an annotator reviews:
//!
//! ```json
//! [{"id": 1,
//!   "data": {"text": "...", "doc_id": "a1", "article_date": "2022-08-09", "article_date_source": "option"},
//!   "annotations": [{"result": [{"id": "s2", "from_name": "label", "to_name": "text",
//!     "type": "labels", "origin": "manual", "meta": {"source": "user"},
//!     "value": {"start": 12, "end": 14, "text": "李明", "labels": ["PERSON"]}}]}],
//!   "predictions": [{"model_version": "newsmark 0.1.0", "result": [{"id": "s1", ...,
//!     "origin": "prediction", "meta": {"source": "model"}, "value": {...}}]}]}]
//! ```
//!
//! A task gets an annotation only when it has spans of the user's, and a
//! prediction only when it has newsmark's: a task without a person's spans
//! arrives in Label Studio unlabeled, with its pre-annotations. Tasks are
//! numbered from 1 (`id`, which Label Studio's converter needs). newsmark
//! gives its spans no score, so predictions have none; `model_version` is
//! `newsmark` and the crate's version.
//!
//! **Offsets are Unicode code points**, end exclusive, although Label
//! Studio runs in the browser: its `Text` tag converts the browser's UTF-16
//! selection to code points so that Python's `text[start:end]` gives the
//! region (Label Studio's own test `web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts`,
//! "Should calculate offsets by code points in text": `test` after `🐱` is
//! 21..25, not UTF-16's 22..26; the change came with label-studio-frontend
//! PR #308 after issues #1008 and #1347).
//!
//! What a round trip keeps: the document id (`data.doc_id`), the article
//! date and its source (`data.article_date`, `data.article_date_source`:
//! task data, which Label Studio keeps and exports), and per region, in the
//! region's `meta` (which Label Studio keeps with the region): its source
//! (`meta.source`), and a value twice, as a note for people (`meta.text`,
//! shown in the editor) and as newsmark's JSON value (`meta.value`), read
//! back. On import a region's source is `user` when a person made or
//! changed it (`origin` `manual` or `prediction-changed`), else its
//! `meta.source`, else `model` for `origin: prediction` or in a
//! prediction, and `user` in an annotation.
//!
//! Import reads the first annotation that was not cancelled and the first
//! prediction. An annotation made from the prediction in Label Studio
//! (`parent_prediction`) holds what the annotator kept of it, and is read
//! alone; otherwise (newsmark's own tasks) the prediction's regions are
//! read with it, but for those a region of the annotation overlaps, which
//! are left out (a person's span wins, as everywhere in newsmark) and
//! counted as skipped with a warning. The report also says what else is
//! passed over: results that are not spans (relations, choices, text
//! areas), by type, and the other annotations and predictions, whose
//! labeled regions are counted as skipped. With
//! [`ImportOptions::lenient`](super::ImportOptions::lenient), a region that
//! cannot be placed (out of bounds, claiming other text, overlapping) is
//! left out and counted likewise instead of failing the file. A region with several
//! labels is an error: newsmark gives a span one label.
//!
//! **JSON-MIN**, Label Studio's flat export (`[{"id", "text", "label":
//! [{"start", "end", "text", "labels"}], "annotator", ...}]`, one key per
//! data field and per control tag), is read too: every key whose value is
//! a list of regions with `labels` gives spans (of the user's), `text` is
//! the text, and `doc_id`, `article_date`, `article_date_source` are read
//! as in full tasks.

use super::check::LabelMap;
use super::check::{self, RawSpan};
use super::options::Read;
use super::NamedDocument;
use crate::document::{DateSource, Document, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::span::{OffsetMap, OffsetUnit, Span};
use crate::value::Value;
use serde::Serialize;
use serde_json::{Map, Value as Json};

/// The `model_version` of newsmark's predictions.
pub(crate) fn model_version() -> String {
    format!("newsmark {}", env!("CARGO_PKG_VERSION"))
}

// Structs rather than `json!` so that keys keep the order people expect.
#[derive(Serialize)]
struct Task<'d> {
    id: usize,
    data: TaskData<'d>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<Annotation<'d>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    predictions: Vec<Prediction<'d>>,
}

#[derive(Serialize)]
struct TaskData<'d> {
    text: &'d str,
    doc_id: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_date_source: Option<DateSource>,
}

#[derive(Serialize)]
struct Annotation<'d> {
    result: Vec<Region<'d>>,
}

#[derive(Serialize)]
struct Prediction<'d> {
    model_version: String,
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
    meta: RegionMeta<'d>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<[String; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'d Value>,
    source: &'static str,
}

pub(crate) fn export(docs: &[NamedDocument]) -> String {
    let tasks: Vec<Task> = docs
        .iter()
        .enumerate()
        .map(|(n, d)| {
            let map = OffsetMap::new(&d.doc.text);
            let (mut mine, mut theirs) = (Vec::new(), Vec::new());
            for (i, a) in d.doc.annotations.iter().enumerate() {
                let (start, end) = map.span_to(a.span, OffsetUnit::Codepoint);
                let by_hand = a.source == Source::User;
                let region = Region {
                    id: format!("s{}", i + 1),
                    from_name: "label",
                    to_name: "text",
                    kind: "labels",
                    origin: if by_hand { "manual" } else { "prediction" },
                    value: RegionValue { start, end, text: a.text(&d.doc.text), labels: [a.label.as_str()] },
                    meta: RegionMeta { text: a.value.as_ref().map(|v| [v.display()]), value: a.value.as_ref(), source: a.source.name() },
                };
                if by_hand { &mut mine } else { &mut theirs }.push(region);
            }
            let annotations = if mine.is_empty() { Vec::new() } else { vec![Annotation { result: mine }] };
            let predictions =
                if theirs.is_empty() { Vec::new() } else { vec![Prediction { model_version: model_version(), result: theirs }] };
            let data = TaskData {
                text: &d.doc.text,
                doc_id: &d.id,
                article_date: d.doc.article_date.map(crate::date::format_ymd),
                article_date_source: d.doc.article_date.and(d.doc.article_date_source),
            };
            Task { id: n + 1, data, annotations, predictions }
        })
        .collect();
    let mut out = super::json::to_json(&tasks, true);
    out.push('\n');
    out
}

/// Reads Label Studio tasks, or its JSON-MIN export; `lenient`: regions
/// that cannot be placed are left out with a warning instead of failing.
pub(crate) fn import(v: &Json, lenient: bool, label_map: &LabelMap) -> Result<Read> {
    let mut read = Read::default();
    // JSON-MIN writes a task without annotation as its data alone: no regions to tell it by.
    let min = match v {
        Json::Array(items) => items.iter().any(is_min),
        one => is_min(one),
    };
    let tasks = check::one_or_each(v, "task", |t, n| {
        if min && t.get("data").is_none() {
            read_min(t, n, lenient, label_map)
        } else {
            read_task(t, n, lenient, label_map)
        }
    })?;
    for (doc, skipped, warnings) in tasks {
        read.skipped += skipped;
        read.warnings.extend(warnings);
        read.docs.push(doc);
    }
    Ok(read)
}

/// True for an item of JSON-MIN: no `data`, and a list of regions with
/// `labels` under some key.
pub(crate) fn is_min(item: &Json) -> bool {
    item.as_object().is_some_and(|o| !o.contains_key("data") && o.values().any(is_min_regions))
}

/// A JSON-MIN list of regions: objects with `labels` (and `start`/`end`).
fn is_min_regions(v: &Json) -> bool {
    v.as_array().is_some_and(|items| !items.is_empty() && items.iter().all(|r| r.get("labels").is_some()))
}

/// One document and what was left out of it (count, warnings).
type TaskRead = (NamedDocument, usize, Vec<String>);

fn read_task(task: &Json, n: usize, lenient: bool, label_map: &LabelMap) -> Result<TaskRead> {
    let task = check::object(task, "the task")?;
    let data = match task.get("data") {
        Some(d) => check::object(d, "\"data\"")?,
        None => return Err(check::shape("the task has no \"data\"")),
    };
    let text = task_text(data)?;
    let chosen = chosen_results(task)?;
    let (annotation, prediction) = (chosen.annotation, chosen.prediction);
    let mut spans = Vec::new();
    for (results, default_source) in [(annotation, Source::User), (prediction, Source::Model)] {
        for (i, r) in results.iter().enumerate() {
            if let Some(span) = region(r, i + 1, default_source, label_map)? {
                spans.push(span);
            }
        }
    }
    let id = check::id(data.get("doc_id")).or_else(|| check::id(task.get("id"))).unwrap_or_else(|| format!("doc-{n}"));
    // A person's span wins over a prediction's it overlaps.
    let (mut kept, mut warnings) = (Vec::with_capacity(spans.len()), Vec::new());
    let map = OffsetMap::new(text);
    let byte_span = |s: &RawSpan| map.span_from(s.start, s.end, OffsetUnit::Codepoint);
    // The annotation's results first, then the prediction's.
    let (mine, theirs) = spans.split_at(spans.iter().take_while(|s| s.item.kind == "result").count());
    for s in theirs {
        let over = byte_span(s).and_then(|b| mine.iter().find(|m| byte_span(m).is_some_and(|mb: Span| mb.overlaps(&b))));
        match over {
            Some(m) => warnings.push(format!(
                "task {n} ({id:?}): the prediction's {} ({} {}..{}) left out: the annotation's {} ({} {}..{}) overlaps it",
                s.item, s.label, s.start, s.end, m.item, m.label, m.start, m.end
            )),
            None => kept.push(s.clone()),
        }
    }
    let mut all: Vec<RawSpan> = mine.to_vec();
    all.extend(kept);
    let (annotations, unplaced) = check::annotations_or_skip(text, all, OffsetUnit::Codepoint, lenient)?;
    warnings.extend(unplaced.into_iter().map(|w| format!("task {n} ({id:?}): {w} (left out)")));
    let mut skipped = warnings.len();
    let unread = chosen.left_out();
    skipped += unread.regions;
    warnings.extend(unread.said.into_iter().map(|w| format!("task {n} ({id:?}): {w}")));
    let (article_date, article_date_source) = date_of(data)?;
    Ok((NamedDocument { id, doc: Document { text: text.to_owned(), article_date, article_date_source, annotations } }, skipped, warnings))
}

/// A result as a span, or `None` for results that are not spans.
fn region(r: &Json, n: usize, default_source: Source, label_map: &LabelMap) -> Result<Option<RawSpan>> {
    let kind = if default_source == Source::User { "result" } else { "prediction result" };
    if !is_region(r) {
        return Ok(None); // relations, choices, text areas: not spans (Chosen::left_out says them)
    }
    let r = check::object(r, format_args!("{kind} {n}"))?;
    let what = check::Item { kind, n, id: r.get("id").and_then(Json::as_str).map(str::to_owned) };
    let Some(value) = r.get("value") else {
        return Err(check::shape(format!("{what} has no \"value\"")));
    };
    let value = check::object(value, format_args!("{what}: \"value\""))?;
    let meta = match r.get("meta") {
        None | Some(Json::Null) => None,
        Some(m) => Some(check::object(m, format_args!("{what}: \"meta\""))?),
    };
    let origin = r.get("origin").and_then(Json::as_str);
    let source = match (origin, meta.and_then(|m| m.get("source"))) {
        (Some("manual" | "prediction-changed"), _) => Source::User,
        (_, Some(s)) => {
            let name = check::string(s, format_args!("{what}: meta: \"source\""))?;
            Source::from_name(name)
                .ok_or_else(|| check::shape(format!("{what}: meta: source {name:?} is not \"model\", \"rule\" or \"user\"")))?
        }
        (Some("prediction"), None) => Source::Model,
        _ => default_source,
    };
    let value_of_meta = match meta {
        Some(m) => check::value(m.get("value"), format_args!("{what}: meta"))?,
        None => None,
    };
    let mut span = span_of(value, what, label_map)?;
    span.source = source;
    span.value = value_of_meta;
    Ok(Some(span))
}

/// A region's `value`: `start`, `end`, `labels` (one) and the `text` it claims.
fn span_of(value: &Map<String, Json>, what: check::Item, label_map: &LabelMap) -> Result<RawSpan> {
    let get = |k: &str| value.get(k).ok_or_else(|| check::shape(format!("{what}: \"value\" has no \"{k}\"")));
    let labels = check::array(get("labels")?, format_args!("{what}: \"labels\""))?;
    let label = match labels.as_slice() {
        [one] => check::label_in(one, format_args!("{what}: label"), label_map)?,
        [] => return Err(Error::new(ErrorKind::InvalidLabel, format!("{what}: the region has no label"))),
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidLabel,
                format!("{what}: the region has {} labels; newsmark gives a span one", labels.len()),
            ))
        }
    };
    let claimed = match value.get("text") {
        None | Some(Json::Null) => None,
        Some(t) => Some(check::string(t, format_args!("{what}: \"text\""))?.to_owned()),
    };
    Ok(RawSpan {
        start: check::offset(get("start")?, format_args!("{what}: start"))?,
        end: check::offset(get("end")?, format_args!("{what}: end"))?,
        label,
        text: claimed,
        value: None,
        source: Source::User,
        item: what,
    })
}

/// A JSON-MIN item: the text under `text`, spans under every key that holds regions.
fn read_min(item: &Json, n: usize, lenient: bool, label_map: &LabelMap) -> Result<TaskRead> {
    let obj = check::object(item, "the task")?;
    let Some(text) = obj.get("text") else {
        return Err(check::shape("the JSON-MIN task has regions but no \"text\""));
    };
    let text = check::string(text, "\"text\"")?;
    let mut spans = Vec::new();
    for (key, regions) in obj.iter().filter(|(_, v)| is_min_regions(v)) {
        for (i, r) in check::array(regions, format_args!("\"{key}\""))?.iter().enumerate() {
            let what = check::Item { kind: "region", n: i + 1, id: Some(key.clone()) };
            let r = check::object(r, &what)?;
            spans.push(span_of(r, what, label_map)?);
        }
    }
    let id = check::id(obj.get("doc_id")).or_else(|| check::id(obj.get("id"))).unwrap_or_else(|| format!("doc-{n}"));
    let (annotations, unplaced) = check::annotations_or_skip(text, spans, OffsetUnit::Codepoint, lenient)?;
    let warnings: Vec<String> = unplaced.into_iter().map(|w| format!("task {n} ({id:?}): {w} (left out)")).collect();
    let (article_date, article_date_source) = date_of(obj)?;
    let doc = NamedDocument { id, doc: Document { text: text.to_owned(), article_date, article_date_source, annotations } };
    Ok((doc, warnings.len(), warnings))
}

/// The article date and its source, from task data (or a JSON-MIN item).
fn date_of(data: &Map<String, Json>) -> Result<(Option<chrono::NaiveDate>, Option<DateSource>)> {
    let date = match data.get("article_date") {
        None | Some(Json::Null) => return Ok((None, None)),
        Some(d) => {
            let d = check::string(d, "\"article_date\"")?;
            crate::date::parse_ymd(d).map_err(|e| Error::new(ErrorKind::InvalidDate, format!("\"article_date\" {d:?}: {e}")))?
        }
    };
    let source = match data.get("article_date_source") {
        None | Some(Json::Null) => None,
        Some(s) => Some(serde_json::from_value::<DateSource>(s.clone()).map_err(|_| {
            check::shape(format!(
                "\"article_date_source\" {s} is not \"option\", \"date_line\", \"dateline\", \"published\", \"url\" or \"text\""
            ))
        })?),
    };
    Ok((Some(date), source))
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

/// The results a task's import reads, and those it passes over.
struct Chosen<'t> {
    /// The first annotation that was not cancelled.
    annotation: &'t [Json],
    /// The first prediction, unless that annotation was made from one.
    prediction: &'t [Json],
    /// Other annotations not cancelled (other annotators' work): not read.
    other_annotations: Vec<&'t [Json]>,
    /// Predictions after the first: not read.
    other_predictions: Vec<&'t [Json]>,
}

/// What an import passes over in a task, said for the report.
struct Unread {
    /// Labeled regions (spans) not read: counted in the report's `skipped`.
    regions: usize,
    said: Vec<String>,
}

/// True for a result that is a span: a `labels` region (a result without
/// a `type` is taken for one).
fn is_region(r: &Json) -> bool {
    r.get("type").and_then(Json::as_str).is_none_or(|t| t == "labels")
}

impl Chosen<'_> {
    /// What is left out: the read results that are not spans (relations,
    /// choices, text areas, by type), and the annotations and predictions
    /// not read, with their regions.
    fn left_out(&self) -> Unread {
        let mut types: Vec<(&str, usize)> = Vec::new();
        for r in self.annotation.iter().chain(self.prediction).filter(|r| !is_region(r)) {
            let ty = r.get("type").and_then(Json::as_str).unwrap_or("untyped");
            match types.iter_mut().find(|(t, _)| *t == ty) {
                Some((_, n)) => *n += 1,
                None => types.push((ty, 1)),
            }
        }
        let mut said = Vec::new();
        if !types.is_empty() {
            let counted: Vec<String> = types.iter().map(|&(t, n)| format!("{n} {t} result{}", if n == 1 { "" } else { "s" })).collect();
            said.push(format!("{}, which newsmark does not keep (left out: it keeps the labeled regions)", counted.join(", ")));
        }
        let mut regions = 0;
        for (list, one, many, read) in [
            (&self.other_annotations, "annotation", "annotations", "the first annotation not cancelled"),
            (&self.other_predictions, "prediction", "predictions", "the first prediction"),
        ] {
            if list.is_empty() {
                continue;
            }
            let in_them: usize = list.iter().map(|results| results.iter().filter(|r| is_region(r)).count()).sum();
            regions += in_them;
            let (n, noun) = (list.len(), if list.len() == 1 { one } else { many });
            said.push(format!(
                "{n} more {noun} with {in_them} labeled region{} left out (newsmark reads {read})",
                if in_them == 1 { "" } else { "s" }
            ));
        }
        Unread { regions, said }
    }
}

/// The results to read: those of the first annotation that was not
/// cancelled, and those of the first prediction unless that annotation was
/// made from a prediction (it holds what the annotator kept of it); and the
/// others, for the report.
fn chosen_results(task: &Map<String, Json>) -> Result<Chosen<'_>> {
    fn results_of<'t>(a: &'t Map<String, Json>, what: &str) -> Result<&'t [Json]> {
        match a.get("result") {
            Some(r) => Ok(check::array(r, format_args!("{what}: \"result\""))?.as_slice()),
            None => Err(check::shape(format!("{what} has no \"result\""))),
        }
    }
    let mut annotations: Vec<&[Json]> = Vec::new();
    let mut from_prediction = false;
    // `completions` is the name Label Studio used before 1.0.
    for key in ["annotations", "completions"] {
        let Some(list) = task.get(key) else { continue };
        for (i, a) in check::array(list, format_args!("\"{key}\""))?.iter().enumerate() {
            let what = format!("annotation {}", i + 1);
            let a = check::object(a, &what)?;
            if a.get("was_cancelled").and_then(Json::as_bool) == Some(true) {
                continue;
            }
            if annotations.is_empty() {
                from_prediction = a.get("parent_prediction").is_some_and(|p| !p.is_null());
                annotations.push(results_of(a, &what)?);
            } else {
                // Not read: a malformed one fails nothing, it is only counted.
                annotations.push(results_of(a, &what).unwrap_or(&[]));
            }
        }
        if !annotations.is_empty() {
            break;
        }
    }
    let mut predictions: Vec<&[Json]> = Vec::new();
    if let Some(list) = task.get("predictions") {
        for (i, p) in check::array(list, "\"predictions\"")?.iter().enumerate() {
            let what = format!("prediction {}", i + 1);
            let p = check::object(p, &what);
            predictions.push(if i == 0 { results_of(p?, &what)? } else { p.and_then(|p| results_of(p, &what)).unwrap_or(&[]) });
        }
    }
    let mut annotations = annotations.into_iter();
    let annotation = annotations.next().unwrap_or(&[]);
    let mut predictions = predictions.into_iter();
    // An annotation made from a prediction holds what the annotator kept of it.
    let first_prediction = predictions.next().unwrap_or(&[]);
    let prediction = if from_prediction { &[] } else { first_prediction };
    Ok(Chosen { annotation, prediction, other_annotations: annotations.collect(), other_predictions: predictions.collect() })
}

/// A Label Studio labeling configuration matching what this module's export writes:
/// a `Text` tag named `text` and a `Labels` tag named `label` with every
/// newsmark label in its color, the user's labels defined so far after the
/// built-in ones (their names need no XML escaping: see `Label::define`).
/// Paste it into a project's settings before importing the tasks.
pub fn config() -> String {
    config_with(None)
}

/// [`config`] for a project's label set: its labels (the built-in ones
/// switched on, then its own) in their colors; without one, as [`config`].
pub fn config_with(scheme: Option<&super::LabelScheme>) -> String {
    let mut xml = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    let labels: Vec<crate::label::Label> = match scheme {
        Some(s) => s.labels(),
        None => crate::label::LabelSet::all().iter().collect(),
    };
    for l in labels {
        let color = scheme.map_or_else(|| super::labels::built_in_color(l).to_owned(), |s| super::labels::color_in(s, l));
        xml.push_str(&format!("    <Label value=\"{}\" background=\"{}\"/>\n", l.as_str(), color));
    }
    xml.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
    xml
}
