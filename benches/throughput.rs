//! Throughput of the pipeline on about 1 MB of news text: the whole
//! pipeline (as one text, with the names tagger's table of words met warm
//! from the iterations before or emptied before each; and as the articles
//! it is made of, one by one), and amounts and dates alone.
//!
//! The text is built from `../shared` (CoNLL-2003 train documents, lightly
//! detokenized, and the seed articles), so run it from the repository root
//! with `../shared` beside it: `cargo bench --bench throughput`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;

/// About `size` bytes of news text (seed articles and CoNLL train
/// documents, with the tokenizer's spaces before punctuation removed).
fn news_text(size: usize) -> String {
    let shared = std::env::var_os("NEWSMARK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let mut text = String::with_capacity(size + 10_000);
    for seed in ["seeds/000_6ac429f6726e5ad8.txt", "seeds/002_1cfbe7425d5f0805.txt"] {
        text += &std::fs::read_to_string(shared.join(seed)).unwrap_or_else(|e| panic!("{}: {e}", shared.join(seed).display()));
        text.push('\n');
    }
    let train = std::fs::read_to_string(shared.join("data/conll2003/train.jsonl")).expect("../shared/data/conll2003/train.jsonl");
    for line in train.lines() {
        if text.len() >= size {
            break;
        }
        let doc: serde_json::Value = serde_json::from_str(line).expect("train.jsonl is JSONL");
        let t = doc["text"].as_str().unwrap_or_default();
        text += &t.replace(" ,", ",").replace(" .", ".").replace(" 's", "'s").replace(" n't", "n't");
        text.push_str("\n\n");
    }
    text
}

fn throughput(c: &mut Criterion) {
    let text = news_text(1 << 20);
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    let options = newsmark::Options::default();
    group.bench_with_input(BenchmarkId::new("whole", text.len()), &text, |b, t| b.iter(|| newsmark::annotate(t, &options)));
    group.bench_with_input(BenchmarkId::new("whole_fresh_word_table", text.len()), &text, |b, t| {
        b.iter(|| {
            newsmark::names::forget_words();
            newsmark::annotate(t, &options)
        })
    });
    let articles: Vec<&str> = text.split("\n\n").filter(|a| !a.trim().is_empty()).collect();
    group.bench_with_input(BenchmarkId::new("articles", text.len()), &articles, |b, articles| {
        b.iter(|| articles.iter().map(|a| newsmark::annotate(a, &options).annotations.len()).sum::<usize>())
    });
    group.bench_with_input(BenchmarkId::new("amounts_and_dates", text.len()), &text, |b, t| {
        b.iter(|| newsmark::annotate_amounts_and_dates(t, None))
    });
    group.bench_with_input(BenchmarkId::new("tokenize", text.len()), &text, |b, t| b.iter(|| newsmark::tokenize::tokenize(t)));
    group.finish();
}

/// Text unlike news prose, which once made the tokenizer quadratic
/// (issue 12): Chinese without spaces, and a punctuation-heavy table.
fn unspaced(c: &mut Criterion) {
    let han: Vec<char> = "東京都知事選挙経済成長率中国人民銀行発表，。「」".chars().collect();
    let chinese: String = (0..100_000).map(|i| han[i % han.len()]).collect();
    let punct = "|(-3.5%)|[+1,200]|--|...|\"US$5m\"|\n".repeat(8_000);
    let mut group = c.benchmark_group("unspaced");
    group.sample_size(10);
    let options = newsmark::Options::default();
    for (name, text) in [("chinese", &chinese), ("punctuation", &punct)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new(format!("{name}_tokenize"), text.len()), text, |b, t| {
            b.iter(|| newsmark::tokenize::tokenize(t))
        });
        group.bench_with_input(BenchmarkId::new(format!("{name}_whole"), text.len()), text, |b, t| {
            b.iter(|| newsmark::annotate(t, &options))
        });
    }
    group.finish();
}

criterion_group!(benches, throughput, unspaced);
criterion_main!(benches);
