//! The trained names tagger through the public API: the seed articles and
//! CoNLL-2003 test, scored by exact span and label (micro F1 over PERSON,
//! ORG, LOC and MISC; CoNLL's PER is our PERSON), and the model file's
//! integrity checks.
//!
//! The CoNLL part annotates 500 KB: about a second in release, longer in
//! debug (see docs/tagger.md for the measured times).

mod common;
#[path = "common/viterbi_check.rs"]
mod viterbi_check;

use newsmark::names::decode;
use newsmark::names::doc::Doc;
use newsmark::names::history::History;
use newsmark::names::model::Model;
use newsmark::names::tags::{Tag, N_TAGS};
use newsmark::names::templates::StaticFeatures;
use newsmark::names::word_table::WordTable;
use newsmark::names::{embedded_model, marks, recognize_with, recognize_with_table};
use newsmark::{annotate, Context, ErrorKind, Label, OffsetMap, OffsetUnit, Options};
use serde_json::Value;

fn name_label(s: &str) -> Option<Label> {
    match s {
        "PER" | "PERSON" => Some(Label::Person),
        "ORG" => Some(Label::Org),
        "LOC" => Some(Label::Loc),
        "MISC" => Some(Label::Misc),
        _ => None,
    }
}

/// (true positives, predicted, gold) of the names of `docs` (JSONL values
/// with `text` and code-point `spans`), annotated by `newsmark::annotate`.
fn score(docs: &[Value]) -> (usize, usize, usize) {
    let (mut tp, mut predicted, mut gold_n) = (0, 0, 0);
    for d in docs {
        let text = d["text"].as_str().unwrap();
        let gold: Vec<(u64, u64, Label)> = d["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| Some((s["start"].as_u64()?, s["end"].as_u64()?, name_label(s["label"].as_str()?)?)))
            .collect();
        let doc = annotate(text, &Options::default());
        let map = OffsetMap::new(text);
        let pred: Vec<(u64, u64, Label)> = doc
            .annotations
            .iter()
            .filter(|a| a.label.is_name())
            .map(|a| {
                let (s, e) = map.span_to(a.span, OffsetUnit::Codepoint);
                (s as u64, e as u64, a.label)
            })
            .collect();
        tp += pred.iter().filter(|p| gold.contains(p)).count();
        predicted += pred.len();
        gold_n += gold.len();
    }
    (tp, predicted, gold_n)
}

fn f1((tp, predicted, gold): (usize, usize, usize)) -> f64 {
    newsmark::eval::f1(tp, predicted, gold)
}

/// Viterbi sums only the allowed transitions; it must find the plain
/// search's path, ties included.
#[test]
fn viterbi_matches_the_plain_search() {
    viterbi_check::viterbi_matches_the_plain_search();
}

#[test]
fn the_embedded_model_loads() {
    let model = embedded_model().expect("the committed model/names.bin loads");
    assert!(model.n_features() > 1000);
}

#[test]
fn corrupt_models_are_invalid_model_errors() {
    let bytes = Model::from_bytes(&[]).unwrap_err();
    assert_eq!(bytes.kind(), ErrorKind::InvalidModel);
    let good = embedded_model().unwrap().to_bytes();
    let mut bad = good.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x40;
    assert_eq!(Model::from_bytes(&bad).unwrap_err().kind(), ErrorKind::InvalidModel);
    assert_eq!(Model::from_bytes(&good[..good.len() - 9]).unwrap_err().kind(), ErrorKind::InvalidModel);
    let mut other_version = good.clone();
    other_version[8] = 99;
    assert_eq!(Model::from_bytes(&other_version).unwrap_err().kind(), ErrorKind::InvalidModel);
}

#[test]
fn tagger_spans_are_model_spans_on_token_boundaries() {
    let text = "WASHINGTON, Aug. 9 (Yonhap) -- Special envoys of South Korea and the United States met Jung Pak's team.";
    let tokens = newsmark::tokenize::tokenize(text);
    let cx = Context { text, tokens: &tokens, article_date: None };
    let mut out = Vec::new();
    recognize_with(embedded_model().unwrap(), &cx, &mut out);
    let found: Vec<(&str, Label)> = out.iter().map(|a| (a.text(text), a.label)).collect();
    assert!(found.contains(&("South Korea", Label::Loc)), "{found:?}");
    assert!(found.contains(&("United States", Label::Loc)), "{found:?}");
    assert!(found.contains(&("Jung Pak", Label::Person)), "{found:?}");
    assert!(out.iter().all(|a| a.source == newsmark::Source::Model));
    assert!(!found.iter().any(|(t, _)| t.starts_with("the ") || t.ends_with("'s")), "{found:?}");
}

/// Texts that exercise the word table: repeated and new words, typographic
/// quotes (normalized words), a final sigma, emoji, headlines.
const TABLE_TEXTS: [&str; 5] = [
    "WASHINGTON, Aug. 9 (Yonhap) -- Special envoys of South Korea and the United States met Jung Pak's team.",
    "SOUTH KOREA BEATS JAPAN 2-1\nSEOUL 1996-08-30\nSouth Korea's “Red Devils” beat Japan in Seoul on Friday, said coach Cha Bum-kun.",
    "Ὀδυσσεύς met ΟΔΥΣΣΕΥΣ in Athens 🏛️ while the team from the United States watched.",
    "",
    "The United Nations said on Tuesday that Kofi Annan would visit South Korea and Japan next week.",
];

/// Per sentence, the emission scores and tags of `text` by the plain
/// decoder (every feature hashed and looked up per token, as in training)
/// and by inference's with `table`.
type Decoded = Vec<(Vec<[f32; N_TAGS]>, Vec<Tag>)>;

fn decode_both_ways(text: &str, table: &mut WordTable) -> (Decoded, Decoded) {
    let model = table.model();
    let tokens = newsmark::tokenize::tokenize(text);
    let mut plain_doc = Doc::new(text, &tokens, &|w: &str| model.word_cluster(w), marks::of(text, &tokens));
    plain_doc.gazetteer = model.gazetteer().codes(&plain_doc);
    let feats = StaticFeatures::of(&plain_doc);
    let mut plain = Vec::new();
    decode::decode_doc(model, &plain_doc, &feats, &mut History::default(), |_, _, emissions, tags| {
        plain.push((emissions.to_vec(), tags.to_vec()))
    });
    let mut doc = Doc::with_forms(text, &tokens, table, marks::of(text, &tokens));
    doc.gazetteer = model.gazetteer().codes(&doc);
    let mut cached = Vec::new();
    decode::decode_doc_cached_with(table, &doc, &mut History::default(), |_, emissions, tags| {
        cached.push((emissions.to_vec(), tags.to_vec()))
    });
    (plain, cached)
}

/// A word table kept across documents changes no score: inference with it,
/// warm or cold, gives every token the plain decoder's emission scores (so
/// the same tags), and finds the same names as a fresh table per document.
#[test]
fn a_word_table_kept_across_documents_changes_no_score() {
    let model = embedded_model().unwrap();
    let mut texts: Vec<String> = TABLE_TEXTS.iter().map(|t| t.to_string()).collect();
    if let Some(shared) = common::shared_dir("word table") {
        let docs = common::read_jsonl(&shared.join("data/conll2003/dev.jsonl"));
        texts.extend(docs.iter().take(60).map(|d| d["text"].as_str().unwrap().to_owned()));
    }
    let mut kept = WordTable::new(model);
    // Twice over, so that the second round reads every word from the table.
    for round in 0..2 {
        for (k, text) in texts.iter().enumerate() {
            let (plain, cached) = decode_both_ways(text, &mut kept);
            assert!(plain == cached, "round {round}, text {k}: scores or tags differ");
            let tokens = newsmark::tokenize::tokenize(text);
            let cx = Context { text, tokens: &tokens, article_date: None };
            let (mut fresh, mut warm) = (Vec::new(), Vec::new());
            recognize_with(model, &cx, &mut fresh);
            recognize_with_table(&mut kept, &cx, &mut warm);
            assert_eq!(fresh, warm, "round {round}, text {k}");
        }
    }
    assert!(kept.len() > 100, "{} words kept", kept.len());
    // The thread's own table (what `annotate` uses), warm and emptied.
    for text in &texts {
        let first = annotate(text, &Options::default());
        newsmark::names::forget_words();
        assert_eq!(annotate(text, &Options::default()).annotations, first.annotations);
    }
    kept.clear();
    assert!(kept.is_empty());
    let (plain, cached) = decode_both_ways(TABLE_TEXTS[1], &mut kept);
    assert!(plain == cached, "after clear: scores or tags differ");
}

#[test]
fn seed_names_f1() {
    let Some(shared) = common::shared_dir("tagger seeds") else { return };
    let docs = common::read_jsonl(&shared.join("seeds/gold.jsonl"));
    let counts = score(&docs);
    println!("seeds names: tp {} predicted {} gold {} F1 {:.4}", counts.0, counts.1, counts.2, f1(counts));
    assert!(f1(counts) >= 0.85, "seeds names F1 {:.4} < 0.85", f1(counts));
}

/// Issue 5 asks for 0.88 on CoNLL-2003 test and aims at 0.90; the model
/// measures 0.8802 (docs/tagger.md), so the floor is the bar.
const CONLL_TEST_FLOOR: f64 = 0.88;

#[test]
fn conll_test_f1() {
    let Some(shared) = common::shared_dir("tagger conll test") else { return };
    let docs = common::read_jsonl(&shared.join("data/conll2003/test.jsonl"));
    let counts = score(&docs);
    println!("CoNLL-2003 test names: tp {} predicted {} gold {} F1 {:.4}", counts.0, counts.1, counts.2, f1(counts));
    assert!(f1(counts) >= CONLL_TEST_FLOOR, "CoNLL test F1 {:.4} < {CONLL_TEST_FLOOR}", f1(counts));
}

/// Tagging speed, one core: `cargo test --release --test tagger -- --ignored --nocapture speed`.
#[test]
#[ignore]
fn speed() {
    let Some(shared) = common::shared_dir("tagger speed") else { return };
    let docs = common::read_jsonl(&shared.join("data/conll2003/test.jsonl"));
    let texts: Vec<&str> = docs.iter().map(|d| d["text"].as_str().unwrap()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t0 = std::time::Instant::now();
    let model = embedded_model().unwrap();
    println!("model load: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    // One word table for all rounds, as `annotate` keeps one per thread:
    // round 0 starts with it empty.
    let mut table = WordTable::new(model);
    newsmark::names::forget_words();
    for round in 0..3 {
        let t = std::time::Instant::now();
        let mut n = 0;
        for text in &texts {
            let tokens = newsmark::tokenize::tokenize(text);
            let cx = Context { text, tokens: &tokens, article_date: None };
            let mut out = Vec::new();
            recognize_with_table(&mut table, &cx, &mut out);
            n += out.len();
        }
        let names = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        for text in &texts {
            let tokens = newsmark::tokenize::tokenize(text);
            let cx = Context { text, tokens: &tokens, article_date: None };
            let mut out = Vec::new();
            newsmark::names::baseline::recognize(&cx, &mut out);
        }
        let base = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        for text in &texts {
            annotate(text, &Options::default());
        }
        let all = t.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        println!(
            "round {round}: names (tokenize + tagger) {:.2} MB/s ({n} names), baseline alone {:.2} MB/s, annotate {:.2} MB/s",
            mb / names,
            mb / base,
            mb / all
        );
    }
}

/// Dev F1s (CoNLL-2003, wikigold) of the tagger alone (no overlap resolution) with the model file
/// `$NEWSMARK_NAMES_MODEL`, for comparing trained models:
/// `NEWSMARK_NAMES_MODEL=/tmp/m.bin cargo test --release --test tagger -- --ignored --nocapture model_file_dev_f1`.
#[test]
#[ignore]
#[cfg(feature = "train")]
fn model_file_dev_f1() {
    let Some(shared) = common::shared_dir("tagger model file") else { return };
    let Some(path) = std::env::var_os("NEWSMARK_NAMES_MODEL") else { return };
    let model = Model::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
    for set in ["conll2003/dev.jsonl", "wikigold/dev.jsonl"] {
        let docs = newsmark::names::train::read_gold(&shared.join("data").join(set), None).unwrap();
        let (tp, predicted, gold) = common::model_counts(&model, &docs);
        println!("{}: {} features, {set} F1 {:.4}", path.to_string_lossy(), model.n_features(), f1((tp, predicted, gold)));
    }
}
