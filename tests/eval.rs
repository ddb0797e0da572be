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
        (r#"[{"start": 0, "end": 1, "label": "ANIMAL"}]"#, ErrorKind::InvalidLabel, "unknown label"),
    ] {
        let gold = format!("\n{{\"id\": \"a\", \"text\": \"😀 Jung Pak met Lee.\", \"spans\": {spans}}}\n");
        let err = read_records(&gold, "gold.jsonl").unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.message().starts_with("gold.jsonl: line 2: span"), "{err}");
        assert!(err.message().contains(says), "{err}");
    }
}

#[test]
fn a_file_scored_against_itself_is_perfect() {
    let pred = read_records(PRED, "pred").unwrap();
    assert_eq!(score(&pred, &pred, None).unwrap().micro().f1(), 1.0);
}
