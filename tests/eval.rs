//! Scoring through the public API: gold read with the one reader of the
//! schema, so its offsets are read in the unit the file says, its spans
//! are checked (range, order, characters, overlaps and duplicates) and an
//! error names the line.

use newsmark::error::ErrorKind;
use newsmark::eval::{read_records, score};

const PRED: &str = r#"{"id": "a", "text": "😀 Jung Pak met Lee.", "spans": [{"start": 2, "end": 10, "label": "PERSON"}, {"start": 15, "end": 18, "label": "PERSON"}]}"#;

#[test]
fn gold_in_utf16_offsets_scores_against_code_point_predictions() {
    // The emoji is two UTF-16 units and one code point: the same spans.
    let gold = r#"{"id": "a", "text": "😀 Jung Pak met Lee.", "offset_unit": "utf16", "spans": [{"start": 3, "end": 11, "label": "PER"}, {"start": 16, "end": 19, "label": "PERSON"}]}"#;
    let report = score(&read_records(gold, "gold").unwrap(), &read_records(PRED, "pred").unwrap(), None).unwrap();
    assert_eq!(report.micro().f1(), 1.0, "{}", report.table(false));
}

#[test]
fn bad_gold_spans_are_errors_that_name_the_line() {
    for (spans, kind, says) in [
        (r#"[{"start": 0, "end": 99, "label": "ORG"}]"#, ErrorKind::InvalidOffset, "past the end of the text"),
        (r#"[{"start": 7, "end": 3, "label": "ORG"}]"#, ErrorKind::InvalidOffset, "start is after end"),
        (
            r#"[{"start": 2, "end": 10, "label": "PERSON"}, {"start": 2, "end": 10, "label": "PERSON"}]"#,
            ErrorKind::InvalidOffset,
            "overlaps",
        ),
        // A label none of newsmark's is the user's own; a name no label can have is an error.
        (r#"[{"start": 0, "end": 1, "label": "TWO WORDS"}]"#, ErrorKind::InvalidLabel, "TWO WORDS"),
    ] {
        let gold = format!("\n{{\"id\": \"a\", \"text\": \"😀 Jung Pak met Lee.\", \"spans\": {spans}}}\n");
        let err = read_records(&gold, "gold.jsonl").unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.message().starts_with("gold.jsonl: line 2: span"), "{err}");
        assert!(err.message().contains(says), "{err}");
    }
}

#[test]
fn a_label_of_the_users_own_is_scored_as_written() {
    let gold = r#"{"id": "a", "text": "The lion met Lee.", "spans": [{"start": 4, "end": 8, "label": "ANIMAL"}, {"start": 13, "end": 16, "label": "PERSON"}]}"#;
    let pred = r#"{"id": "a", "text": "The lion met Lee.", "spans": [{"start": 13, "end": 16, "label": "PERSON"}]}"#;
    let report = score(&read_records(gold, "gold").unwrap(), &read_records(pred, "pred").unwrap(), None).unwrap();
    let animal: newsmark::Label = "ANIMAL".parse().unwrap();
    assert_eq!((report.per_label[&animal].true_pos, report.per_label[&animal].false_neg), (0, 1));
    // Micro counts it: one of two gold spans found.
    assert_eq!((report.micro().true_pos, report.micro().false_neg), (1, 1));
    assert!(report.table(true).lines().any(|l| l.starts_with("own ")), "{}", report.table(true));
}

#[test]
fn a_file_scored_against_itself_is_perfect() {
    let pred = read_records(PRED, "pred").unwrap();
    assert_eq!(score(&pred, &pred, None).unwrap().micro().f1(), 1.0);
}
