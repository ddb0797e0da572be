//! The gold documents training reads: JSONL of `{text, spans: [{start,
//! end, label}]}` (offsets in code points), the name spans kept as byte
//! spans with their entity types, and mapped onto the crate's tokens.

use crate::error::{Error, ErrorKind};
use crate::names::tags::{Entity, EntityType};
use crate::span::OffsetMap;
use crate::tokenize::Token;

/// A document with gold entities, as read from a JSONL file.
pub struct GoldDoc {
    pub text: String,
    /// Byte spans and entity types.
    pub spans: Vec<(usize, usize, EntityType)>,
}

/// Reads a JSONL file of `{text, spans: [{start, end, label}]}` documents
/// (offsets in code points), keeping the name spans.
pub fn read_gold(path: &std::path::Path, limit: Option<usize>) -> Result<Vec<GoldDoc>, Error> {
    let content = std::fs::read_to_string(path).map_err(|e| Error::from(e).context(path.display()))?;
    let mut docs = Vec::new();
    for line in content.lines().filter(|l| !l.trim().is_empty()) {
        if limit.is_some_and(|n| docs.len() >= n) {
            break;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().ok_or_else(|| Error::new(ErrorKind::InvalidJson, "document without text"))?;
        let map = OffsetMap::new(text);
        let mut spans = Vec::new();
        for s in v["spans"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let (Some(start), Some(end), Some(ty)) =
                (s["start"].as_u64(), s["end"].as_u64(), s["label"].as_str().and_then(EntityType::from_gold_label))
            else {
                continue;
            };
            if let Some(span) = map.span_from(start as usize, end as usize, crate::span::OffsetUnit::Codepoint) {
                spans.push((span.start, span.end, ty));
            }
        }
        docs.push(GoldDoc { text: text.to_owned(), spans });
    }
    Ok(docs)
}

/// Maps byte spans onto token ranges: every token the span overlaps.
pub(super) fn gold_entities(tokens: &[Token], spans: &[(usize, usize, EntityType)]) -> Vec<Entity> {
    let mut out = Vec::new();
    for &(s, e, ty) in spans {
        let first = tokens.partition_point(|t| t.span.end <= s);
        let last = tokens.partition_point(|t| t.span.start < e);
        if first < last {
            out.push((first..last, ty));
        }
    }
    out
}
