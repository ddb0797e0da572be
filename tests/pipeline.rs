//! The pipeline through the public API: the standard set is what
//! `annotate` runs, the rules alone are what `annotate_amounts_and_dates`
//! gives, settling a document's own annotations changes nothing, and a
//! recognizer that may be skipped is skipped only when none of its labels
//! is wanted.

mod common;

use newsmark::pipeline::{self, Pipeline};
use newsmark::{annotate, annotate_amounts_and_dates, reconcile, Annotation, Context, Label, LabelSet, Options, Recognizer, Source, Span};
use std::sync::atomic::{AtomicUsize, Ordering};

const TEXTS: &[&str] = &[
    "WASHINGTON, Aug. 9 (Yonhap) -- Special envoys of South Korea and the United States met Tuesday. \
     The U.S. paid more than US$455 million, up 12 percent, to 3 firms in the first half.",
    "SEOUL, March 3 -- Samsung Electronics said on Friday it would invest 2 trillion won in Texas by 2025.",
    "",
    "東京 Tokyo 👍🏽 Kim Jong-un 5 %",
];

fn seed_texts() -> Vec<String> {
    let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
    if let Some(shared) = common::shared_dir("pipeline seeds") {
        for doc in common::read_jsonl(&shared.join("seeds/gold.jsonl")) {
            texts.push(doc["text"].as_str().unwrap().to_owned());
        }
    }
    texts
}

#[test]
fn the_standard_pipeline_is_annotate() {
    for text in seed_texts() {
        for options in [Options::default(), Options { labels: LabelSet::parse_list("PERSON,DATE").unwrap(), ..Options::default() }] {
            assert_eq!(Pipeline::standard().annotate(&text, &options), annotate(&text, &options));
        }
    }
}

#[test]
fn amounts_and_dates_are_annotate_without_names() {
    // With no name label wanted the names tagger is skipped, so asking
    // `annotate` for every other label gives the rules' output exactly.
    let no_names: LabelSet = Label::ALL.into_iter().filter(|l| !l.is_name()).collect();
    for text in seed_texts() {
        let doc = annotate(&text, &Options { labels: no_names, ..Options::default() });
        assert_eq!(annotate_amounts_and_dates(&text, None), doc.annotations, "{text:?}");
        assert!(doc.annotations.iter().all(|a| !a.label.is_name()));
    }
}

#[test]
fn settling_a_documents_own_annotations_changes_nothing() {
    for text in seed_texts() {
        let doc = annotate(&text, &Options::default());
        let options = Options { article_date: doc.article_date, ..Options::default() };
        assert_eq!(reconcile(&text, doc.annotations.clone(), &options), doc.annotations, "{text:?}");
    }
}

static CALLS: AtomicUsize = AtomicUsize::new(0);

/// A recognizer that marks the first byte of any text as ORG, and counts
/// its calls.
fn mark_first_byte(cx: &Context, out: &mut Vec<Annotation>) {
    CALLS.fetch_add(1, Ordering::SeqCst);
    if cx.text.is_char_boundary(1) {
        out.push(Annotation::new(Span::new(0, 1), Label::Org, None, Source::Model));
    }
}

#[test]
fn a_skippable_recognizer_runs_only_when_one_of_its_labels_is_wanted() {
    let org = Recognizer { name: "first byte", labels: LabelSet::of(&[Label::Org]), skip_when_unwanted: true, find: mark_first_byte };
    let p = Pipeline::new([pipeline::AMOUNTS, org]);
    assert_eq!(p.recognizers().len(), 2);
    let before = CALLS.load(Ordering::SeqCst);
    let money_only = Options { labels: LabelSet::of(&[Label::Money]), ..Options::default() };
    let doc = p.annotate("X paid $5 million.", &money_only);
    assert_eq!(CALLS.load(Ordering::SeqCst), before, "skipped: no ORG wanted");
    assert_eq!(doc.annotations.iter().map(|a| a.label).collect::<Vec<_>>(), [Label::Money]);
    let doc = p.annotate("X paid $5 million.", &Options::default());
    assert_eq!(CALLS.load(Ordering::SeqCst), before + 1);
    assert_eq!(doc.annotations.iter().map(|a| a.label).collect::<Vec<_>>(), [Label::Org, Label::Money]);
}

#[test]
fn an_amount_too_large_for_a_float_keeps_its_span_but_no_value() {
    // Issue 12: `$` and 310 nines was written as `"amount": null`, which no
    // import reads back, and made every export of the page fail.
    let text = format!("It cost ${} in all, and 5% more.", "9".repeat(310));
    let doc = annotate(&text, &Options::default());
    let money = doc.annotations.iter().find(|a| a.label == Label::Money).expect("the amount is still marked");
    assert!(money.text(&text).starts_with("$999"));
    assert_eq!(money.value, None);
    assert!(doc.annotations.iter().all(|a| a.value.as_ref().is_none_or(|v| v.is_finite())));
    let line = newsmark::export::json::to_json_line(&doc, Some("big".into()));
    assert!(!line.contains("\"amount\":null") && !line.contains("\"value\":null"), "{line}");
    let back = newsmark::export::json::from_json(&line).expect("imports again");
    assert_eq!(back.annotations, doc.annotations);
    let named = [newsmark::export::NamedDocument::new("big", doc)];
    for format in newsmark::export::Format::ALL {
        newsmark::export::export(&named, format).unwrap_or_else(|e| panic!("{format}: {e}"));
    }
}

#[test]
fn consistency_never_marks_over_a_hand_edit_between_tokens() {
    // Issue 12, point 9: a hand edit over the space inside a repeated name
    // touches no token, and name consistency used to mark the name over it.
    let text = "Acme Corp said so. Later Acme Corp said no.";
    let second = text.rfind("Acme Corp").unwrap();
    let first = Annotation::new(Span::new(0, 9), Label::Org, None, Source::Model);
    let space = Annotation::new(Span::new(second + 4, second + 5), Label::Misc, None, Source::User);
    let options = Options { edits: newsmark::Edits { added: vec![space.clone()], removed: vec![] }, ..Options::default() };
    let out = reconcile(text, vec![first.clone()], &options);
    assert!(out.windows(2).all(|w| w[0].span.end <= w[1].span.start), "{out:?}");
    assert!(out.contains(&space), "the hand edit stays: {out:?}");
    assert!(out.contains(&first));
    // Without the edit the second mention is marked, as consistency should.
    let out = reconcile(text, vec![first], &Options::default());
    assert!(out.iter().any(|a| a.span == Span::new(second, second + 9) && a.label == Label::Org), "{out:?}");
}
