//! spaCy's training JSON: `[[text, {"entities": [[start, end, label]]}], ...]`.
//!
//! Offsets are code points, end exclusive: Python's `text[start:end]` is
//! the span (what `Doc.char_span` expects). The format keeps no values and
//! no sources; imported spans are [`Source::User`](crate::document::Source::User).

use super::check;
use super::NamedDocument;
use crate::document::Document;
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

pub(crate) fn import(v: &Json) -> Result<Vec<NamedDocument>> {
    let items = check::array(v, "the file")?;
    items.iter().enumerate().map(|(i, item)| read_pair(item, i + 1).map_err(|e| e.context(format!("item {}", i + 1)))).collect()
}

fn read_pair(item: &Json, n: usize) -> Result<NamedDocument> {
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
    let spans = check::triples(entities, "entity")?;
    let annotations = check::annotations(text, spans, OffsetUnit::Codepoint)?;
    Ok(NamedDocument {
        id: format!("doc-{n}"),
        doc: Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations },
    })
}
