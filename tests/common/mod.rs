//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The `../shared` folder beside the project (or `$NEWSMARK_SHARED`).
///
/// Tests that need it call this. When it is missing they fail with a clear
/// message, because CI always has it; set `NEWSMARK_SKIP_SHARED=1` to skip
/// them instead (each prints that it skipped).
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSMARK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("data").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("NEWSMARK_SKIP_SHARED").is_some() {
        eprintln!("SKIPPED {test}: {} not found (NEWSMARK_SKIP_SHARED is set)", dir.display());
        return None;
    }
    panic!("{test} needs the shared data at {} (or set NEWSMARK_SHARED); set NEWSMARK_SKIP_SHARED=1 to skip it", dir.display());
}

/// Reads a JSONL file into values, one per non-empty line.
pub fn read_jsonl(path: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1)))
        .collect()
}

/// Exact-match counts `(true positives, predicted, gold)` of a names model
/// tagging gold documents (the training code's reader format), for tests
/// that score a model file directly rather than through `annotate`.
#[cfg(feature = "train")]
pub fn model_counts(model: &newsmark::names::model::Model, docs: &[newsmark::names::train::GoldDoc]) -> (usize, usize, usize) {
    use newsmark::names::{recognize_with, tags::EntityType};
    let (mut tp, mut predicted, mut gold) = (0, 0, 0);
    for doc in docs {
        let tokens = newsmark::tokenize::tokenize(&doc.text);
        let cx = newsmark::Context { text: &doc.text, tokens: &tokens, article_date: None };
        let mut out = Vec::new();
        recognize_with(model, &cx, &mut out);
        let pred: Vec<(usize, usize, EntityType)> =
            out.iter().map(|a| (a.span.start, a.span.end, EntityType::of_label(a.label).expect("a name label"))).collect();
        tp += pred.iter().filter(|p| doc.spans.contains(p)).count();
        predicted += pred.len();
        gold += doc.spans.len();
    }
    (tp, predicted, gold)
}
