//! spaCy's training JSON: `[[text, {"entities": [[start, end, label]]}], ...]`.
//!
//! Offsets are code points, end exclusive: Python's `text[start:end]` is
//! the span (what `Doc.char_span` expects). The format keeps no values and
//! no sources; imported spans are [`Source::User`](crate::Source::User).

use super::check::{self, RawSpan};
use super::NamedDocument;
use crate::error::Result;
use crate::{Document, OffsetMap, OffsetUnit, Source};
use serde_json::{json, Value as Json};

pub(crate) fn export(docs: &[NamedDocument]) -> String {
    let items: Vec<Json> = docs
        .iter()
        .map(|d| {
            let map = OffsetMap::new(&d.doc.text);
            let entities: Vec<Json> = d
                .doc
                .annotations
                .iter()
                .map(|a| {
                    let (s, e) = map.span_to(a.span, OffsetUnit::Codepoint);
                    json!([s, e, a.label.as_str()])
                })
                .collect();
            json!([d.doc.text, {"entities": entities}])
        })
        .collect();
    let mut out = serde_json::to_string(&items).expect("JSON values serialize");
    out.push('\n');
    out
}

pub(crate) fn import(v: &Json) -> Result<Vec<NamedDocument>> {
    let items = check::array(v, "the file")?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read_pair(item, i + 1).map_err(|e| e.context(format!("item {}", i + 1))))
        .collect()
}

fn read_pair(item: &Json, n: usize) -> Result<NamedDocument> {
    let pair = check::array(item, "the item")?;
    if pair.len() != 2 {
        return Err(check::shape(format!(
            "the item has {} elements where [text, {{\"entities\": ...}}] was expected",
            pair.len()
        )));
    }
    let text = check::string(&pair[0], "the text")?;
    let annots = check::object(&pair[1], "the annotations")?;
    let entities: &[Json] = match annots.get("entities") {
        Some(e) => check::array(e, "\"entities\"")?,
        None => &[],
    };
    let mut spans = Vec::with_capacity(entities.len());
    for (i, e) in entities.iter().enumerate() {
        let what = check::Item::new("entity", i + 1);
        let triple = check::array(e, &what)?;
        if triple.len() != 3 {
            return Err(check::shape(format!(
                "{what} has {} elements where [start, end, label] was expected",
                triple.len()
            )));
        }
        spans.push(RawSpan {
            start: check::offset(&triple[0], format_args!("{what}: start"))?,
            end: check::offset(&triple[1], format_args!("{what}: end"))?,
            label: check::label(&triple[2], format_args!("{what}: label"))?,
            text: None,
            value: None,
            source: Source::User,
            item: what,
        });
    }
    let annotations = check::annotations(text, spans, OffsetUnit::Codepoint)?;
    Ok(NamedDocument {
        id: format!("doc-{n}"),
        doc: Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations },
    })
}
