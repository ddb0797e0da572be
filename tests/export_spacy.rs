//! spaCy's formats (issue 16): the DocBin (`docbin`, `.spacy`), the
//! training tuples (`spacy-json`) and `Doc.to_json()` (`spacy-doc`): round
//! trips on texts with emoji, CJK, combining marks, tabs and CRLF, import
//! reports, detection from bytes, and a table of malformed inputs
//! (`tests/data/import_malformed_spacy.jsonl`). spaCy itself reads the
//! exports in `scripts/consumers/check_spacy.py`.

use newsmark::export::{export, import_bytes, import_with, Format, ImportOptions, NamedDocument};
use newsmark::{Annotation, Document, ErrorKind, Label, NaiveDate, Source, Span, Value};
use std::path::PathBuf;
use std::str::FromStr;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn mark(text: &str, needle: &str, label: Label, value: Option<Value>, source: Source) -> Annotation {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    Annotation::new(Span::new(start, start + needle.len()), label, value, source)
}

/// Documents with what spaCy's tokens must get right: an emoji outside the
/// BMP inside a span, CJK without spaces, a combining mark, tabs, CRLF, two
/// spaces, a span that starts inside a word (`US` of `US-based`), a span
/// over a line break, values and all three sources.
fn docs() -> Vec<NamedDocument> {
    let a = "😀 Jung Pak met 李明 in Zu\u{308}rich  on Aug. 9.\r\nThe US-based firm paid\tmore than US$455 million.\nTornado\nCash";
    let b = "\t Ａ株 fell 12.5% in 서울 ";
    vec![
        NamedDocument::new(
            "a1",
            Document {
                text: a.to_owned(),
                article_date: NaiveDate::from_ymd_opt(2022, 8, 9),
                article_date_source: Some(newsmark::DateSource::Option),
                annotations: vec![
                    mark(a, "😀 Jung Pak", Label::Person, None, Source::Model),
                    mark(a, "李明", Label::Person, None, Source::User),
                    mark(a, "Zu\u{308}rich", Label::Loc, None, Source::Rule),
                    mark(a, "Aug. 9", Label::Date, Some(Value::Timex("2022-08-09".into())), Source::Rule),
                    mark(a, "US", Label::Loc, None, Source::User),
                    mark(
                        a,
                        "US$455 million",
                        Label::Money,
                        Some(Value::Money { amount: 455e6, currency: "USD".into(), qualifier: Some("more than".into()) }),
                        Source::Rule,
                    ),
                    mark(a, "Tornado\nCash", Label::Org, None, Source::User),
                ],
            },
        ),
        NamedDocument::new(
            "b2",
            Document {
                text: b.to_owned(),
                article_date: None,
                article_date_source: None,
                annotations: vec![
                    mark(b, "Ａ株", Label::Misc, None, Source::User),
                    mark(b, "12.5%", Label::Percent, Some(Value::Number(12.5)), Source::Rule),
                    mark(b, "서울", Label::Loc, None, Source::Model),
                ],
            },
        ),
        NamedDocument::new("empty", Document { text: String::new(), article_date: None, article_date_source: None, annotations: vec![] }),
    ]
}

fn assert_same_spans(got: &Document, want: &Document, what: &str) {
    assert_eq!(got.text, want.text, "{what}: text");
    let spans = |d: &Document| d.annotations.iter().map(|a| (a.span, a.label)).collect::<Vec<_>>();
    assert_eq!(spans(got), spans(want), "{what}: spans");
}

#[test]
fn docbin_round_trips_spans_values_sources_ids_and_dates() {
    let docs = docs();
    let files = export(&docs, Format::DocBin).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "newsmark.spacy");
    assert_eq!(files[0].mime, "application/octet-stream");
    assert!(files[0].text().is_none(), "a DocBin is binary");
    let bytes = files[0].content.as_bytes();
    assert_eq!(bytes[0], 0x78, "zlib's header");
    let back = import_with(bytes, &files[0].name, &ImportOptions::default()).unwrap();
    assert_eq!(back.reports[0].format, Some(Format::DocBin));
    assert_eq!(back.reports[0].documents, 3);
    assert_eq!(back.reports[0].spans, 10);
    assert_eq!(back.reports[0].skipped, 0);
    assert!(back.reports[0].warnings.is_empty(), "{:?}", back.reports[0].warnings);
    assert_eq!(back.docs.len(), docs.len());
    for (got, want) in back.docs.iter().zip(&docs) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.doc.article_date, want.doc.article_date);
        assert_eq!(got.doc.article_date_source, want.doc.article_date_source);
        assert_same_spans(&got.doc, &want.doc, &want.id);
        for (g, w) in got.doc.annotations.iter().zip(&want.doc.annotations) {
            assert_eq!(g.source, w.source, "{}: source", w.text(&want.doc.text));
            assert_eq!(g.value, w.value, "{}: value", w.text(&want.doc.text));
        }
    }
}

/// The DocBin is found from its bytes (zlib's header) whatever the file is
/// called, and from the `.spacy` ending.
#[test]
fn docbin_is_detected_from_its_bytes() {
    let docs = docs();
    let bytes = export(&docs, Format::DocBin).unwrap().remove(0).content;
    for name in ["train.spacy", "upload", "x.json", "TRAIN.SPACY"] {
        let back = import_bytes(bytes.as_bytes(), name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.len(), 3, "{name}");
    }
    let forced = ImportOptions { format: Some(Format::DocBin), ..ImportOptions::default() };
    assert_eq!(import_with(bytes.as_bytes(), "x", &forced).unwrap().docs.len(), 3);
    // Texts whose first two bytes make a zlib header ("80", "x^") are text,
    // even when the 64 bytes looked at end inside a character.
    for text in ["80 years\n₩\ntwo", "x^2 grew", &format!("80{}", "₩".repeat(30))] {
        let back = import_bytes(text.as_bytes(), "p.txt").unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(back[0].doc.text, text);
        assert_eq!(import_bytes(text.as_bytes(), "p").unwrap()[0].doc.text, text);
    }
}

/// Entities edited in spaCy win over newsmark's facts in the user data:
/// a fact (source, value) applies only to an entity of the same offsets and
/// label; any other entity is the user's.
#[test]
fn docbin_facts_apply_only_to_matching_entities() {
    // "ORG LOC DATE": ORG tagged PERSON, LOC tagged LOC, DATE tagged DATE.
    let facts = r#"{"id": "x9", "spans": [
        {"start": 0, "end": 3, "label": "ORG", "source": "model"},
        {"start": 4, "end": 7, "label": "LOC", "source": "model"},
        {"start": 8, "end": 12, "label": "DATE", "source": "rule", "value": "2022-08-09"}]}"#;
    let bin = serde_json::json!({"version": "0.1", "attrs": [65, 77, 78],
        "tokens": {"u64": [383, 3, 380, 385, 3, 385, 391, 3, 391]}, "spaces": {"u8": [1, 1, 0]}, "lengths": {"i32": [3]},
        "strings": ["ORG", "LOC", "DATE", "PERSON"], "cats": [{}], "flags": [{}], "span_groups": [{"u8": [0x90]}],
        "user_data": [{"msgpack": {"newsmark": facts}}]});
    let mut raw = Vec::new();
    msgpack(&bin, &mut raw);
    let docs = import_bytes(&miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6), "a.spacy").unwrap();
    let d = &docs[0];
    assert_eq!((d.id.as_str(), d.doc.text.as_str()), ("x9", "ORG LOC DATE"));
    let got: Vec<_> = d.doc.annotations.iter().map(|a| (a.label, a.source, a.value.clone())).collect();
    assert_eq!(
        got,
        vec![
            (Label::Person, Source::User, None), // relabelled in spaCy: the fact was ORG's
            (Label::Loc, Source::Model, None),
            (Label::Date, Source::Rule, Some(Value::Timex("2022-08-09".into()))),
        ]
    );
}

#[test]
fn tricky_corpus_and_seeds_round_trip_through_every_spacy_format() {
    let mut all: Vec<NamedDocument> = Vec::new();
    let tricky = std::fs::read_to_string(data_dir().join("consumers/tricky.jsonl")).unwrap();
    for (i, line) in tricky.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = newsmark::annotate(v["text"].as_str().unwrap(), &newsmark::Options::default());
        all.push(NamedDocument::new(format!("t{i}"), doc));
    }
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/gold.jsonl");
    if let Ok(s) = std::fs::read_to_string(&seeds) {
        all.extend(newsmark::export::import(&s, "gold.jsonl").unwrap());
    }
    for format in [Format::DocBin, Format::Spacy, Format::SpacyDoc] {
        let f = export(&all, format).unwrap().remove(0);
        let back = import_bytes(f.content.as_bytes(), &f.name).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(back.len(), all.len(), "{format}");
        for (got, want) in back.iter().zip(&all) {
            assert_same_spans(&got.doc, &want.doc, &format!("{format} {}", want.id));
        }
    }
}

#[test]
fn doc_json_is_detected_and_reported() {
    let docs = docs();
    let f = export(&docs, Format::SpacyDoc).unwrap().remove(0);
    assert_eq!(f.name, "newsmark.spacy-doc.json");
    let text = f.text().unwrap();
    assert_eq!(newsmark::export::detect(text, "x.json").unwrap(), Format::SpacyDoc);
    let back = import_with(text.as_bytes(), "x.json", &ImportOptions::default()).unwrap();
    assert_eq!(back.reports[0].format, Some(Format::SpacyDoc));
    assert_eq!(back.reports[0].spans, 10);
    // One Doc.to_json() object, and JSON lines of them.
    let one = r#"{"text": "Acme rose.", "ents": [{"start": 0, "end": 4, "label": "ORG"}], "tokens": [{"id": 0, "start": 0, "end": 4}]}"#;
    assert_eq!(import_bytes(one.as_bytes(), "doc.json").unwrap()[0].doc.annotations.len(), 1);
    let lines = format!("{one}\n{one}\n");
    assert_eq!(import_bytes(lines.as_bytes(), "docs.jsonl").unwrap().len(), 2);
    // A Doc without NER annotation (`ents` absent) has no spans, and says so
    // by its report rather than an error: nothing was there to lose.
    let no_ner = r#"{"text": "Acme rose.", "tokens": [{"id": 0, "start": 0, "end": 4}]}"#;
    let r = import_with(no_ner.as_bytes(), "doc.json", &ImportOptions::default()).unwrap();
    assert_eq!((r.reports[0].format, r.reports[0].spans), (Some(Format::SpacyDoc), 0));
}

/// What newsmark cannot keep (categories, span groups) fails the file, or
/// with `lenient` is left out with a warning and counted as skipped.
#[test]
fn lenient_imports_count_what_they_leave_out() {
    let doc = r#"[{"text": "Acme rose.", "ents": [{"start": 0, "end": 4, "label": "ORG"}], "cats": {"BIZ": 1.0}, "spans": {"sc": [{"start": 5, "end": 9, "label": "MISC", "kb_id": ""}]}}]"#;
    let strict = import_with(doc.as_bytes(), "d.json", &ImportOptions::default()).unwrap_err();
    assert!(strict.message().contains("lenient"), "{}", strict.message());
    let lenient = ImportOptions { lenient: true, ..ImportOptions::default() };
    let r = import_with(doc.as_bytes(), "d.json", &lenient).unwrap();
    assert_eq!(r.docs[0].doc.annotations.len(), 1);
    assert_eq!(r.reports[0].skipped, 2);
    assert!(r.reports[0].warnings[0].contains("document 1") && r.reports[0].warnings[0].contains("cats"), "{:?}", r.reports[0].warnings);
    assert!(r.reports[0].summary().contains("2 skipped"));
}

/// Training tuples with categories and links beside the entities: the
/// entities are read, and the report names what was left out.
#[test]
fn spacy_tuples_say_what_they_leave_out() {
    let file = r#"[["Acme rose.", {"entities": [[0, 4, "ORG"]], "cats": {"BUSINESS": 1.0}, "links": {}}],
                   ["Kim left.", {"entities": [[0, 3, "PERSON"]], "cats": {}, "links": {"(0, 3)": {"Q1": 1.0}}}],
                   ["Lee came.", {"entities": [[0, 3, "PERSON"]]}]]"#;
    let r = import_with(file.as_bytes(), "train.json", &ImportOptions::default()).unwrap();
    assert_eq!(r.reports[0].format, Some(Format::Spacy));
    assert_eq!(r.docs.iter().map(|d| d.doc.annotations.len()).sum::<usize>(), 3);
    assert_eq!(
        r.reports[0].warnings,
        [
            "item 1: \"cats\", which newsmark does not keep (left out: it reads \"entities\")",
            "item 2: \"links\", which newsmark does not keep (left out: it reads \"entities\")"
        ]
    );
    // newsmark's own export leaves nothing out.
    let own = export(&docs(), Format::Spacy).unwrap().remove(0);
    let own = own.text().unwrap();
    assert!(import_with(own.as_bytes(), "t.json", &ImportOptions::default()).unwrap().reports[0].warnings.is_empty());
}

#[test]
fn user_label_maps_apply_to_spacy_files() {
    let doc = r#"{"text": "Acme rose.", "ents": [{"start": 0, "end": 4, "label": "COMPANY"}]}"#;
    assert_eq!(import_bytes(doc.as_bytes(), "d.json").unwrap_err().kind(), ErrorKind::InvalidLabel);
    let mut options = ImportOptions::default();
    options.label_map.insert("COMPANY".into(), Label::Org);
    assert_eq!(import_with(doc.as_bytes(), "d.json", &options).unwrap().docs[0].doc.annotations[0].label, Label::Org);
}

#[test]
fn spacy_names_parse() {
    assert_eq!(Format::from_str("docbin").unwrap(), Format::DocBin);
    assert_eq!(Format::from_str("spacy-json").unwrap(), Format::Spacy);
    // The old name of the tuples keeps old scripts' output.
    assert_eq!(Format::from_str("spacy").unwrap(), Format::Spacy);
    assert_eq!(Format::from_str("spacy-doc").unwrap(), Format::SpacyDoc);
    assert!(Format::DocBin.is_binary() && !Format::Spacy.is_binary());
}

// ---- Malformed input ----

/// MessagePack of a JSON description: strings, numbers, lists and maps as
/// themselves, and `{"u64": [..]}`, `{"i32": [..]}`, `{"u8": [..]}` as bytes
/// of those little-endian numbers, `{"msgpack": v}` as the bytes of `v`.
fn msgpack(v: &serde_json::Value, out: &mut Vec<u8>) {
    use serde_json::Value as J;
    let bin = |b: &[u8], out: &mut Vec<u8>| {
        out.push(0xc6);
        out.extend((b.len() as u32).to_be_bytes());
        out.extend(b);
    };
    match v {
        J::Null => out.push(0xc0),
        J::Bool(b) => out.push(if *b { 0xc3 } else { 0xc2 }),
        J::Number(n) => {
            out.push(0xcf);
            out.extend(n.as_u64().unwrap().to_be_bytes());
        }
        J::String(s) => {
            out.push(0xdb);
            out.extend((s.len() as u32).to_be_bytes());
            out.extend(s.as_bytes());
        }
        J::Array(items) => {
            out.push(0xdd);
            out.extend((items.len() as u32).to_be_bytes());
            items.iter().for_each(|i| msgpack(i, out));
        }
        J::Object(o) if o.len() == 1 && ["u64", "i32", "u8", "msgpack"].iter().any(|k| o.contains_key(*k)) => {
            let (k, v) = o.iter().next().unwrap();
            let mut b = Vec::new();
            if k == "msgpack" {
                msgpack(v, &mut b);
            }
            for n in v.as_array().into_iter().flatten() {
                match k.as_str() {
                    "u64" => b.extend(n.as_u64().unwrap().to_le_bytes()),
                    "i32" => b.extend((n.as_i64().unwrap() as i32).to_le_bytes()),
                    _ => b.push(n.as_u64().unwrap() as u8),
                }
            }
            bin(&b, out);
        }
        J::Object(o) => {
            out.push(0xdf);
            out.extend((o.len() as u32).to_be_bytes());
            for (k, v) in o {
                msgpack(&J::String(k.clone()), out);
                msgpack(v, out);
            }
        }
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn malformed_spacy_input_gives_the_right_error() {
    let path = data_dir().join("import_malformed_spacy.jsonl");
    let table = std::fs::read_to_string(&path).unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in table.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
        let (name, file, kind, says) = (
            case["case"].as_str().unwrap(),
            case["file"].as_str().unwrap(),
            case["kind"].as_str().unwrap(),
            case["says"].as_str().unwrap(),
        );
        let bytes: Vec<u8> = if let Some(c) = case.get("content") {
            c.as_str().unwrap().as_bytes().to_vec()
        } else {
            let raw = match (case.get("docbin"), case.get("zlib_hex")) {
                (Some(d), _) => {
                    let mut out = Vec::new();
                    msgpack(d, &mut out);
                    out
                }
                (None, Some(h)) => hex(h.as_str().unwrap()),
                _ => panic!("line {}: no content", i + 1),
            };
            miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6)
        };
        n += 1;
        match import_with(&bytes, file, &ImportOptions::default()) {
            Ok(r) => failures.push(format!("line {}: {name}: imported {} documents", i + 1, r.docs.len())),
            Err(e) => {
                if format!("{:?}", e.kind()) != kind || !e.message().contains(says) {
                    failures.push(format!("line {}: {name}: got {:?} {:?}, want {kind} containing {says:?}", i + 1, e.kind(), e.message()));
                }
                if !e.message().starts_with(file) {
                    failures.push(format!("line {}: {name}: the error does not name the file: {:?}", i + 1, e.message()));
                }
            }
        }
    }
    assert!(n >= 40, "{n} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The table's valid DocBin (the cases change one field of it) reads, so
/// each case fails for its own reason.
#[test]
fn the_malformed_tables_base_docbin_is_valid() {
    let base = serde_json::json!({"version": "0.1", "attrs": [65, 77, 78], "tokens": {"u64": [383, 3, 380, 385, 2, 0]},
        "spaces": {"u8": [1, 0]}, "lengths": {"i32": [2]}, "strings": ["ORG", "LOC"], "cats": [{}],
        "flags": [{"has_unknown_spaces": false}], "span_groups": [{"u8": [0x90]}]});
    let mut raw = Vec::new();
    msgpack(&base, &mut raw);
    let bytes = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
    let docs = import_bytes(&bytes, "a.spacy").unwrap();
    assert_eq!(docs[0].doc.text, "ORG LOC");
    assert_eq!(docs[0].doc.annotations.len(), 1);
    assert_eq!((docs[0].doc.annotations[0].span, docs[0].doc.annotations[0].label), (Span::new(0, 3), Label::Person));
}

/// Any bytes read as a DocBin give documents or an error, never a panic.
#[test]
fn docbin_import_never_panics_on_corrupted_bytes() {
    let good = export(&docs(), Format::DocBin).unwrap().remove(0).content.as_bytes().to_vec();
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&good).unwrap();
    let forced = ImportOptions { format: Some(Format::DocBin), ..ImportOptions::default() };
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..2000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut bad = raw.clone();
        let at = (seed % bad.len() as u64) as usize;
        bad[at] = (seed >> 32) as u8;
        if seed.is_multiple_of(5) {
            bad.truncate(at);
        }
        let _ = import_with(&miniz_oxide::deflate::compress_to_vec_zlib(&bad, 1), "x.spacy", &forced);
    }
}

// ---- Prodigy ----

#[test]
fn prodigy_round_trips_spans_values_sources_ids_and_dates() {
    let docs = docs();
    let f = export(&docs, Format::Prodigy).unwrap().remove(0);
    assert_eq!(f.name, "newsmark.prodigy.jsonl");
    let text = f.text().unwrap();
    assert_eq!(newsmark::export::detect(text, &f.name).unwrap(), Format::Prodigy);
    let back = import_with(text.as_bytes(), &f.name, &ImportOptions::default()).unwrap();
    assert_eq!(back.reports[0].format, Some(Format::Prodigy));
    assert_eq!((back.reports[0].documents, back.reports[0].spans, back.reports[0].skipped), (3, 10, 0));
    for (got, want) in back.docs.iter().zip(&docs) {
        assert_eq!(got.id, want.id);
        assert_eq!((got.doc.article_date, got.doc.article_date_source), (want.doc.article_date, want.doc.article_date_source));
        assert_same_spans(&got.doc, &want.doc, &want.id);
        for (g, w) in got.doc.annotations.iter().zip(&want.doc.annotations) {
            assert_eq!((g.source, &g.value), (w.source, &w.value), "{}", w.text(&want.doc.text));
        }
    }
}

/// Prodigy's tokens give back the text, and each span's token_start and
/// token_end (inclusive) are the tokens at its offsets.
#[test]
fn prodigy_tokens_match_the_spans() {
    let f = export(&docs(), Format::Prodigy).unwrap().remove(0);
    for line in f.text().unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        let tokens = v["tokens"].as_array().unwrap();
        let mut rebuilt = String::new();
        for (i, t) in tokens.iter().enumerate() {
            let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
            assert_eq!(t["id"].as_u64().unwrap() as usize, i);
            assert_eq!(text[s..e].iter().collect::<String>(), t["text"].as_str().unwrap());
            rebuilt.push_str(t["text"].as_str().unwrap());
            if t["ws"].as_bool().unwrap() {
                rebuilt.push(' ');
            }
        }
        assert_eq!(rebuilt, v["text"].as_str().unwrap());
        for s in v["spans"].as_array().unwrap() {
            let (ts, te) = (s["token_start"].as_u64().unwrap() as usize, s["token_end"].as_u64().unwrap() as usize);
            assert_eq!(tokens[ts]["start"], s["start"]);
            assert_eq!(tokens[te]["end"], s["end"]);
        }
        assert_eq!(v["answer"], "accept");
    }
}

#[test]
fn prodigy_rejected_and_ignored_examples_are_skipped_and_counted() {
    let file = [
        r#"{"text": "Acme rose.", "spans": [{"start": 0, "end": 4, "label": "ORG"}], "answer": "accept", "_input_hash": 1}"#,
        r#"{"text": "Sony fell.", "spans": [{"start": 0, "end": 4, "label": "PERSON"}], "answer": "reject", "_input_hash": 2}"#,
        r#"{"text": "Lima grew.", "spans": [], "answer": "ignore", "_input_hash": 3}"#,
        r#"{"text": "Quito grew.", "spans": [{"start": 0, "end": 5, "label": "GPE"}], "answer": "accept", "_input_hash": 4}"#,
    ]
    .join("\n");
    let r = import_with(file.as_bytes(), "db-out.jsonl", &ImportOptions::default()).unwrap();
    assert_eq!(r.docs.iter().map(|d| d.doc.text.as_str()).collect::<Vec<_>>(), ["Acme rose.", "Quito grew."]);
    assert_eq!(r.docs[1].doc.annotations[0].label, Label::Loc);
    let report = &r.reports[0];
    assert_eq!((report.format, report.documents, report.spans, report.skipped), (Some(Format::Prodigy), 2, 2, 2));
    assert!(report.warnings[0].contains("1 answered \"reject\", 1 \"ignore\""), "{:?}", report.warnings);
    assert!(report.summary().ends_with("2 skipped"), "{}", report.summary());
    // Only rejected examples: no document, an error rather than an empty import.
    let none = r#"{"text": "Sony fell.", "spans": [], "answer": "reject"}"#;
    assert!(import_bytes(none.as_bytes(), "x.jsonl").is_err());
    // A .json file holding a list of examples is Prodigy's too.
    let list = format!("[{}]", file.lines().collect::<Vec<_>>().join(","));
    assert_eq!(import_with(list.as_bytes(), "x.json", &ImportOptions::default()).unwrap().reports[0].skipped, 2);
}

// ---- CSV ----

/// The text cell is exactly the text it names, a formula-looking one too;
/// `bom` puts the mark first; the guard stays an option.
#[test]
fn csv_text_cells_are_the_text_and_spreadsheet_aids_are_options() {
    let text = "=SUM(A1) rose, -5 \"points\"";
    let annotations = vec![mark(text, "=SUM(A1)", Label::Misc, None, Source::User), mark(text, "-5", Label::Cardinal, None, Source::Rule)];
    let doc = NamedDocument::new("=id", Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations });
    let plain = export(std::slice::from_ref(&doc), Format::Csv).unwrap().remove(0);
    let plain = plain.text().unwrap();
    assert!(plain.starts_with("doc_id,"));
    assert!(plain.contains("\r\n=id,0,8,MISC,=SUM(A1),,user\r\n"), "{plain}");
    assert!(plain.contains("\r\n=id,15,17,CARDINAL,-5,,rule\r\n"), "{plain}");
    let bom = newsmark::export::ExportOptions { bom: true, ..Default::default() };
    let with_bom = newsmark::export::export_with(std::slice::from_ref(&doc), Format::Csv, &bom).unwrap().remove(0);
    assert_eq!(with_bom.text().unwrap(), format!("\u{feff}{plain}"));
    let guard = newsmark::export::ExportOptions { formula_guard: true, ..Default::default() };
    let guarded = newsmark::export::export_with(std::slice::from_ref(&doc), Format::Csv, &guard).unwrap().remove(0);
    assert!(guarded.text().unwrap().contains("\r\n'=id,0,8,MISC,'=SUM(A1),,user\r\n"), "{}", guarded.text().unwrap());
}

// ---- The CLI ----

/// `newsmark export --format docbin` writes the DocBin's bytes to stdout,
/// `newsmark export` reads a `.spacy` file back and says what it read, and
/// `--bom` starts a CSV with the mark.
#[test]
fn the_cli_writes_and_reads_docbins() {
    use std::process::Command;
    let bin = env!("CARGO_BIN_EXE_newsmark");
    let dir = std::env::temp_dir().join(format!("newsmark-export-spacy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let jsonl = dir.join("in.jsonl");
    let lines: String = docs().iter().map(|d| newsmark::export::json::to_json_line(&d.doc, Some(d.id.clone())) + "\n").collect();
    std::fs::write(&jsonl, &lines).unwrap();
    let out = Command::new(bin).args(["export", "--format", "docbin"]).arg(&jsonl).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.stdout[0], 0x78);
    let spacy = dir.join("train.spacy");
    std::fs::write(&spacy, &out.stdout).unwrap();
    let back = Command::new(bin).args(["export", "--format", "jsonl"]).arg(&spacy).output().unwrap();
    assert!(back.status.success(), "{}", String::from_utf8_lossy(&back.stderr));
    // Through the DocBin and back, the newsmark JSONL is the same, byte for byte.
    assert_eq!(String::from_utf8(back.stdout).unwrap(), lines);
    let said = String::from_utf8(back.stderr).unwrap();
    assert!(said.contains("train.spacy (docbin): 3 documents, 10 spans"), "{said}");
    let csv = Command::new(bin).args(["export", "--format", "csv", "--bom"]).arg(&jsonl).output().unwrap();
    assert!(csv.stdout.starts_with("\u{feff}doc_id,".as_bytes()));
    let _ = std::fs::remove_dir_all(&dir);
}
