//! The seed articles against their gold annotations (`../shared/seeds`).
//! Names have their own tests (tests/names_baseline.rs, tests/tagger.rs).

mod common;

use newsmark::eval::{read_records, score};
use newsmark::export::DocumentRecord;
use newsmark::{annotate, Label, LabelSet, Options};

#[test]
fn amounts_and_dates_match_the_gold() {
    let Some(shared) = common::shared_dir("seeds") else { return };
    let gold = read_records(&std::fs::read_to_string(shared.join("seeds/gold.jsonl")).unwrap(), "gold").unwrap();
    let pred: Vec<DocumentRecord> =
        gold.iter().map(|g| DocumentRecord::from_document(&annotate(&g.text, &Options::default()), g.id.clone())).collect();
    let labels: LabelSet = [Label::Money, Label::Percent, Label::Cardinal, Label::Ordinal, Label::Date].into_iter().collect();
    let report = score(&gold, &pred, Some(labels)).unwrap();
    println!("{}", report.table(true));
    for m in &report.misses {
        println!("{} {} {} {:?} {}", m.doc, m.kind, m.label, m.text, m.detail);
    }
    let micro = report.micro();
    assert!(micro.f1() >= 0.95, "amounts and dates F1 {:.3} < 0.95", micro.f1());
    assert!(micro.value_accuracy() >= 0.95, "value accuracy {:.3} < 0.95", micro.value_accuracy());
}

#[test]
fn the_dateline_gives_the_article_date() {
    let Some(shared) = common::shared_dir("seeds") else { return };
    let text = std::fs::read_to_string(shared.join("seeds/000_6ac429f6726e5ad8.txt")).unwrap();
    let doc = annotate(&text, &Options::default());
    assert_eq!(doc.article_date.map(|d| d.to_string()).as_deref(), Some("2022-08-09"));
    let text = std::fs::read_to_string(shared.join("seeds/002_1cfbe7425d5f0805.txt")).unwrap();
    assert_eq!(annotate(&text, &Options::default()).article_date, None);
}
