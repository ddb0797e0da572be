//! Exports and imports through the public API: exact output of every format
//! (golden files in `tests/data/export_golden/`), round trips through every
//! importable format, spaCy offsets against Python's slicing, malformed
//! input (`tests/data/export_malformed.jsonl`), and properties.
//!
//! To rewrite the golden files after an intended change, run with
//! `NEWSMARK_BLESS=1` and review the diff.

use newsmark::export::{self, detect, export, import, import_as, import_bytes, Format, NamedDocument};
use newsmark::{Annotation, Document, ErrorKind, Label, NaiveDate, OffsetMap, OffsetUnit, Source, Span, Value};
use proptest::prelude::*;
use std::path::PathBuf;
use std::str::FromStr;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The annotation of the first occurrence of `needle` in `text`.
fn mark(text: &str, needle: &str, label: Label, value: Option<Value>, source: Source) -> Annotation {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    Annotation::new(Span::new(start, start + needle.len()), label, value, source)
}

/// A small article with an emoji outside the BMP, CJK, a combining mark
/// (`Zu` + U+0308), a span crossing a line break, values and all three
/// sources.
fn sample() -> NamedDocument {
    let text = "😀 Jung Pak met 李明 in Zu\u{308}rich on Aug. 9.\nIt paid more than US$455 million, \"a record.\"\nTornado\nCash";
    let annotations = vec![
        mark(text, "Jung Pak", Label::Person, None, Source::Model),
        mark(text, "李明", Label::Person, None, Source::User),
        mark(text, "Zu\u{308}rich", Label::Loc, None, Source::Rule),
        mark(text, "Aug. 9", Label::Date, Some(Value::Timex("2022-08-09".into())), Source::Rule),
        mark(
            text,
            "US$455 million",
            Label::Money,
            Some(Value::Money { amount: 455e6, currency: "USD".into(), qualifier: Some("more than".into()) }),
            Source::Rule,
        ),
        mark(text, "Tornado\nCash", Label::Org, None, Source::User),
    ];
    NamedDocument::new(
        "sample.txt",
        Document {
            text: text.to_owned(),
            article_date: NaiveDate::from_ymd_opt(2022, 8, 9),
            article_date_source: Some(newsmark::DateSource::Option),
            annotations,
        },
    )
}

/// A second document, to test files of several documents.
fn second() -> NamedDocument {
    let text = "Ａ株 fell 12.5% in 서울, é (e\u{301}) 🇰🇷 says Lee Tae-woo.";
    NamedDocument::new(
        "second",
        Document {
            text: text.to_owned(),
            article_date: None,
            article_date_source: None,
            annotations: vec![
                mark(text, "12.5%", Label::Percent, Some(Value::Number(12.5)), Source::Rule),
                mark(text, "서울", Label::Loc, None, Source::Model),
                mark(text, "Lee Tae-woo", Label::Person, None, Source::User),
            ],
        },
    )
}

fn concat(files: &[export::ExportFile]) -> String {
    files.iter().map(|f| format!("=== {} ({})\n{}", f.name, f.mime, f.content)).collect()
}

#[test]
fn golden_output_of_every_format() {
    let bless = std::env::var_os("NEWSMARK_BLESS").is_some();
    let dir = data_dir().join("export_golden");
    let mut failures = Vec::new();
    for format in Format::ALL {
        for (case, docs) in [("one", vec![sample()]), ("two", vec![sample(), second()])] {
            let got = concat(&export(&docs, format).unwrap());
            let path = dir.join(format!("{case}.{}.txt", format.name()));
            if bless {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if got != want {
                failures.push(format!("{}:\n--- want\n{want}\n--- got\n{got}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Spans, labels, and where a format keeps them, values and sources.
fn assert_same(format: Format, got: &Document, want: &Document, keeps_values: bool, source_of: impl Fn(Source) -> Source) {
    assert_eq!(got.text, want.text, "{format}: text");
    assert_eq!(got.annotations.len(), want.annotations.len(), "{format}: number of spans");
    for (g, w) in got.annotations.iter().zip(&want.annotations) {
        assert_eq!((g.span, g.label), (w.span, w.label), "{format}: {:?}", w.text(&want.text));
        if keeps_values {
            match (&g.value, &w.value) {
                (Some(a), Some(b)) => assert!(a.matches(b), "{format}: value {a:?} != {b:?}"),
                (a, b) => assert_eq!(a, b, "{format}: value"),
            }
        } else {
            assert_eq!(g.value, None, "{format}: a value appeared");
        }
        assert_eq!(g.source, source_of(w.source), "{format}: source of {:?}", w.text(&want.text));
    }
}

#[test]
fn every_importable_format_round_trips() {
    let docs = vec![sample(), second()];
    // Binary formats (DocBin) round trip in tests/export_spacy.rs.
    for format in Format::ALL.into_iter().filter(|f| f.can_import() && !f.is_binary()) {
        let files = export(&docs, format).unwrap();
        let mut back = Vec::new();
        for f in &files {
            assert_eq!(detect(f.text().unwrap(), &f.name).unwrap(), format, "{format}: detected format of {}", f.name);
            back.extend(import(f.text().unwrap(), &f.name).unwrap_or_else(|e| panic!("{format}: {e}")));
        }
        assert_eq!(back.len(), docs.len(), "{format}: number of documents");
        for (got, want) in back.iter().zip(&docs) {
            match format {
                Format::Json | Format::Jsonl => {
                    assert_eq!(got.id, want.id);
                    assert_eq!(got.doc.article_date, want.doc.article_date);
                    assert_eq!(got.doc.article_date_source, want.doc.article_date_source);
                    assert_same(format, &got.doc, &want.doc, true, |s| s);
                }
                Format::LabelStudio => {
                    assert_eq!(got.id, want.id);
                    assert_eq!(got.doc.article_date, want.doc.article_date);
                    assert_eq!(got.doc.article_date_source, want.doc.article_date_source);
                    assert_same(format, &got.doc, &want.doc, true, |s| s);
                }
                Format::Doccano => {
                    assert_eq!(got.id, want.id);
                    assert_same(format, &got.doc, &want.doc, false, |_| Source::User);
                }
                Format::Spacy | Format::SpacyDoc => assert_same(format, &got.doc, &want.doc, false, |_| Source::User),
                Format::Prodigy => {
                    assert_eq!((&got.id, got.doc.article_date), (&want.id, want.doc.article_date));
                    assert_same(format, &got.doc, &want.doc, true, |s| s);
                }
                // Token formats keep labels over tokens (the spans and texts: tests/export_conll.rs).
                Format::Conll | Format::Conllu | Format::Hf => {
                    let labels = |d: &Document| d.annotations.iter().map(|a| a.label).collect::<Vec<_>>();
                    assert_eq!(labels(&got.doc), labels(&want.doc), "{format}");
                }
                Format::Text => {
                    assert_eq!(got.doc.text, want.doc.text);
                    assert!(got.doc.annotations.is_empty());
                }
                _ => unreachable!(),
            }
        }
    }
}

/// Issue 12: DEL was written raw into JSON, and the import then called the
/// file binary; a vertical tab (Word's line break) annotated but a `.txt`
/// holding it was refused. Every character the annotator accepts comes back.
#[test]
fn control_characters_the_annotator_accepts_round_trip() {
    let text = "Acme Corp\u{7f} paid $5 million\u{b}to Jung Pak\u{85} on Tuesday.\u{1}\nSony rose 5%.";
    let doc = NamedDocument::new("c", newsmark::annotate(text, &newsmark::Options::default()));
    assert!(doc.doc.annotations.len() >= 3);
    for format in Format::ALL.into_iter().filter(|f| f.can_import() && !f.is_binary()) {
        for f in export(std::slice::from_ref(&doc), format).unwrap() {
            assert!(
                !f.text().unwrap().contains(['\u{7f}', '\u{85}']) || matches!(format, Format::Text),
                "{format}: raw DEL or C1 in {}",
                f.name
            );
            let back = import(f.text().unwrap(), &f.name).unwrap_or_else(|e| panic!("{format}: {e}"));
            // CoNLL and Hugging Face JSONL keep tokens, not the text (tests/export_conll.rs).
            if !matches!(format, Format::Conll | Format::Hf) {
                assert_eq!(back[0].doc.text, text, "{format}");
            }
            if format != Format::Text {
                assert_eq!(back[0].doc.annotations.len(), doc.doc.annotations.len(), "{format}");
            }
        }
    }
    let pairs: Vec<(String, String)> = export(std::slice::from_ref(&doc), Format::Brat)
        .unwrap()
        .into_iter()
        .map(|f| (f.name.clone(), f.text().unwrap().to_owned()))
        .collect();
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    assert_eq!(export::import_files(&pairs).unwrap()[0].doc.text, text);
}

#[test]
fn export_only_formats_refuse_import() {
    for format in [Format::Brat, Format::Csv] {
        assert!(!format.can_import());
        let err = import_as("x", format, "x").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsupportedFormat, "{format}");
    }
}

#[test]
fn format_names_parse_back() {
    for f in Format::ALL {
        assert_eq!(Format::from_str(f.name()).unwrap(), f);
        assert!(!f.mime().is_empty() && !f.extension().is_empty() && !f.display_name().is_empty());
    }
    assert_eq!(Format::from_str("Label-Studio").unwrap(), Format::LabelStudio);
    assert_eq!(Format::from_str("pdf").unwrap_err().kind(), ErrorKind::UnsupportedFormat);
}

/// The exported spaCy offsets slice the same text in Python as in Rust.
#[test]
fn spacy_offsets_match_python_slicing() {
    let docs = vec![sample(), second()];
    let content = export(&docs, Format::Spacy).unwrap().remove(0).content.as_text().unwrap().to_owned();
    let want: Vec<Vec<String>> = docs.iter().map(|d| d.doc.annotations.iter().map(|a| a.text(&d.doc.text).to_owned()).collect()).collect();
    // Python's slicing, when Python is here; CI has it.
    let script = "import json,sys\nd=json.load(sys.stdin)\nprint(json.dumps([[t[s:e] for s,e,_ in a['entities']] for t,a in d]))";
    match std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        Ok(mut child) => {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(content.as_bytes()).unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "python3 failed: {}", String::from_utf8_lossy(&out.stderr));
            let got: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(got, want, "Python's text[start:end]");
        }
        Err(_) => eprintln!("python3 not found: checking code point slicing in Rust only"),
    }
    // The same check by code points, in Rust.
    let parsed: Vec<(String, serde_json::Value)> = serde_json::from_str(&content).unwrap();
    for ((text, ann), want) in parsed.iter().zip(&want) {
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<String> = ann["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| chars[e[0].as_u64().unwrap() as usize..e[1].as_u64().unwrap() as usize].iter().collect())
            .collect();
        assert_eq!(&got, want);
    }
}

/// Label Studio counts code points: its own test puts `test` in
/// `🐱 Warning: This is a test text` at 21..25.
#[test]
fn label_studio_reads_code_points() {
    let file = r#"[{"data": {"text": "🐱 Warning: This is a test text"}, "annotations": [{"result": [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "origin": "prediction",
         "value": {"start": 21, "end": 25, "text": "test", "labels": ["MISC"]}},
        {"id": "b", "from_name": "label", "to_name": "text", "type": "relation"}
    ]}]}]"#;
    let docs = import(file, "tasks.json").unwrap();
    let d = &docs[0].doc;
    assert_eq!(d.annotations.len(), 1);
    assert_eq!(d.annotations[0].text(&d.text), "test");
    assert_eq!(d.annotations[0].source, Source::Model);
    assert_eq!(docs[0].id, "doc-1");
}

/// A value Label Studio kept in a region's `meta` comes back; a malformed
/// one is an error that names the result.
#[test]
fn label_studio_values_come_back_from_region_meta() {
    let task = |value: &str| {
        format!(
            r#"{{"data": {{"text": "more than US$455 million"}}, "annotations": [{{"result": [
            {{"id": "m1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {{"start": 0, "end": 24, "labels": ["MONEY"]}},
             "meta": {{"text": ["455,000,000 USD (more than)"], "value": {value}}}}}]}}]}}"#
        )
    };
    let docs = import(&task(r#"{"amount": 455000000, "currency": "USD", "qualifier": "more than"}"#), "t.json").unwrap();
    let want = Value::Money { amount: 455e6, currency: "USD".into(), qualifier: Some("more than".into()) };
    assert!(docs[0].doc.annotations[0].value.as_ref().is_some_and(|v| v.matches(&want)), "{:?}", docs[0].doc.annotations);
    let e = import(&task("[1, 2]"), "t.json").unwrap_err();
    assert!(e.to_string().contains("result 1 (id \"m1\"): meta: value [1,2] is not"), "{e}");
}

#[test]
fn imports_accept_synonyms_and_keep_sources() {
    let jsonl = "{\"text\": \"Pak in 東京\", \"label\": [[0, 3, \"PER\"], [7, 9, \"GPE\"]]}\n";
    let d = &import(jsonl, "d.jsonl").unwrap()[0].doc;
    assert_eq!(
        d.annotations.iter().map(|a| (a.label, a.source)).collect::<Vec<_>>(),
        [(Label::Person, Source::User), (Label::Loc, Source::User)]
    );
    let json = r#"{"text": "Pak", "spans": [{"start": 0, "end": 3, "label": "per", "source": "model"}]}"#;
    let d = &import(json, "d.json").unwrap()[0].doc;
    assert_eq!((d.annotations[0].label, d.annotations[0].source), (Label::Person, Source::Model));
    // A gold-style record without source is the user's.
    let json = r#"{"id": "g", "text": "Pak", "spans": [{"start": 0, "end": 3, "label": "PERSON"}]}"#;
    assert_eq!(import(json, "g.json").unwrap()[0].doc.annotations[0].source, Source::User);
}

#[test]
fn text_files_become_documents_without_spans() {
    let docs = import("\u{feff}😀 Zu\u{308}rich\r\n", "dir/article.txt").unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "article.txt");
    assert_eq!(docs[0].doc.text, "😀 Zu\u{308}rich\r\n");
    assert!(docs[0].doc.annotations.is_empty());
    // No extension: JSON when it looks like JSON, else text.
    assert_eq!(detect("{\"text\": \"a\"}", "paste").unwrap(), Format::Json);
    assert_eq!(detect("Hello", "paste").unwrap(), Format::Text);
    // A .json file holding JSONL.
    let jsonl = export(&[sample(), second()], Format::Jsonl).unwrap().remove(0).content.as_text().unwrap().to_owned();
    assert_eq!(import(&jsonl, "x.json").unwrap().len(), 2);
}

#[test]
fn bytes_must_be_utf8() {
    assert_eq!(import_bytes(b"\xff\xfe\x00a", "a.txt").unwrap_err().kind(), ErrorKind::UnsupportedFormat);
    assert_eq!(import_bytes("\u{feff}abc".as_bytes(), "a.txt").unwrap()[0].doc.text, "abc");
}

#[test]
fn utf16_offsets_in_newsmark_json() {
    // 😀 is two UTF-16 units: "Pak" is 3..6 in UTF-16, 2..5 in code points.
    let json = r#"{"text": "😀 Pak", "offset_unit": "utf16", "spans": [{"start": 3, "end": 6, "label": "PERSON", "text": "Pak"}]}"#;
    let d = &import(json, "a.json").unwrap()[0].doc;
    assert_eq!(d.annotations[0].text(&d.text), "Pak");
}

#[test]
fn brat_splits_spans_at_line_breaks() {
    let files = export(&[sample()], Format::Brat).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["sample.txt", "sample.ann"]);
    assert_eq!(files[0].text().unwrap(), sample().doc.text);
    assert_valid_brat(files[0].text().unwrap(), files[1].text().unwrap());
}

#[test]
fn conll_tags_follow_tokens() {
    let content = export(&[second()], Format::Conll).unwrap().remove(0).content.as_text().unwrap().to_owned();
    assert!(content.starts_with("-DOCSTART-\tO\n\n"));
    assert!(content.contains("Lee\tB-PERSON\nTae-woo\tI-PERSON\n"), "{content}");
    assert!(content.contains("서울\tB-LOC\n"), "{content}");
}

#[test]
fn csv_quotes_per_rfc_4180() {
    let content = export(&[sample()], Format::Csv).unwrap().remove(0).content.as_text().unwrap().to_owned();
    assert!(content.starts_with("doc_id,start,end,label,text,value,source\r\n"));
    assert!(content.contains(",MONEY,US$455 million,\"455,000,000 USD (more than)\",rule\r\n"), "{content}");
    assert!(content.contains(",ORG,\"Tornado\nCash\",,user\r\n"), "{content}");
}

/// With the formula guard (an option since issue 16, so that by default
/// the text cell is exactly the text it names).
#[test]
fn csv_cells_never_run_as_formulas() {
    let text = "=HYPERLINK(\"http://x\") and -5 and @SUM(A1)";
    let annotations = vec![
        mark(text, "=HYPERLINK(\"http://x\")", Label::Misc, None, Source::User),
        mark(text, "-5", Label::Cardinal, Some(Value::Number(-5.0)), Source::Rule),
        mark(text, "@SUM(A1)", Label::Org, None, Source::User),
    ];
    let doc =
        NamedDocument::new("+cmd.txt", Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations });
    let guard = export::ExportOptions { formula_guard: true, ..Default::default() };
    let content = export::export_with(&[doc], Format::Csv, &guard).unwrap().remove(0).content.as_text().unwrap().to_owned();
    let rows: Vec<&str> = content.split("\r\n").skip(1).filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 3, "{content}");
    for row in &rows {
        // doc_id and text (no commas in these) start with `'`.
        let fields: Vec<&str> = row.split(',').collect();
        assert!(fields[0].starts_with('\''), "{row}");
        assert!(fields[4].trim_start_matches('"').starts_with('\''), "{row}");
    }
    assert!(rows[0].contains(",MISC,\"'=HYPERLINK(\"\"http://x\"\")\","), "{content}");
    assert!(rows[1].contains(",CARDINAL,'-5,"), "{content}");
}

#[test]
fn csv_value_cells_never_run_as_formulas() {
    // Issue 12: a DATE value typed in the page or imported is any string.
    let text = "on Tuesday";
    let annotations = vec![mark(text, "Tuesday", Label::Date, Some(Value::Timex("=1+cmd|' /C calc'!A0".into())), Source::User)];
    let doc = NamedDocument::new("d", Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations });
    let guard = export::ExportOptions { formula_guard: true, ..Default::default() };
    let content = export::export_with(&[doc], Format::Csv, &guard).unwrap().remove(0).content.as_text().unwrap().to_owned();
    assert!(content.contains(",DATE,Tuesday,'=1+cmd|' /C calc'!A0,user\r\n"), "{content}");
}

#[test]
fn export_names_files_safely() {
    let mut a = sample();
    a.id = "../etc/passwd".into();
    let mut b = sample();
    b.id = "../etc/passwd".into();
    let files = export(&[a, b], Format::Brat).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["_etc_passwd.txt", "_etc_passwd.ann", "_etc_passwd-2.txt", "_etc_passwd-2.ann"]);
    assert_eq!(export(&[], Format::Json).unwrap()[0].text().unwrap(), "[]\n");
}

#[test]
fn file_names_are_cut_at_a_byte_limit_on_a_character_boundary() {
    // Issue 12: 100 CJK characters are 300 bytes, past the 255 a file
    // system allows; the cut used to count characters.
    let mut a = sample();
    a.id = "東".repeat(100);
    let mut b = sample();
    b.id = format!("{}.txt", "x".repeat(300));
    for format in [Format::Brat, Format::Json] {
        for (doc, stem) in [(a.clone(), "東".repeat(33)), (b.clone(), "x".repeat(100))] {
            let files = export(&[doc], format).unwrap();
            for f in &files {
                assert!(f.name.len() <= 100 + ".labelstudio.json".len(), "{}", f.name);
                assert!(f.name.starts_with(&stem), "{}", f.name);
            }
        }
    }
}

#[test]
fn malformed_input_gives_the_right_error() {
    let path = data_dir().join("export_malformed.jsonl");
    let table = std::fs::read_to_string(&path).unwrap();
    let mut failures = Vec::new();
    for (i, line) in table.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
        let (name, file, content, kind, says) = (
            case["case"].as_str().unwrap(),
            case["file"].as_str().unwrap(),
            case["content"].as_str().unwrap(),
            case["kind"].as_str().unwrap(),
            case["says"].as_str().unwrap(),
        );
        match import(content, file) {
            Ok(docs) => failures.push(format!("line {}: {name}: imported {} documents", i + 1, docs.len())),
            Err(e) => {
                if format!("{:?}", e.kind()) != kind || !e.message().contains(says) {
                    failures.push(format!("line {}: {name}: got {:?} {:?}, want {kind} containing {says:?}", i + 1, e.kind(), e.message()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- Properties ----

const LABELS: [Label; 11] = Label::ALL;

/// Text of arbitrary Unicode and spans on its char boundaries that never
/// overlap, with labels, values and sources.
fn doc_strategy() -> impl Strategy<Value = Document> {
    (any::<String>(), prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..8), any::<u64>()).prop_map(
        |(text, cuts, seed)| {
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let mut points: Vec<usize> = cuts.iter().flat_map(|(a, b)| [a.get(&bounds), b.get(&bounds)]).copied().collect();
            points.sort_unstable();
            points.dedup();
            let mut annotations = Vec::new();
            let mut rng = seed;
            for pair in points.chunks(2) {
                if let [s, e] = *pair {
                    rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let label = LABELS[(rng >> 33) as usize % LABELS.len()];
                    let source = [Source::Model, Source::Rule, Source::User][(rng >> 40) as usize % 3];
                    let value = match (rng >> 50) % 4 {
                        0 => None,
                        1 => Some(Value::Number(((rng >> 8) % 100_000) as f64 / 8.0)),
                        2 => Some(Value::Timex(format!("2022-{:02}", (rng >> 20) % 12 + 1))),
                        _ => Some(Value::Money { amount: ((rng >> 12) % 1_000_000) as f64, currency: "KRW".into(), qualifier: None }),
                    };
                    annotations.push(Annotation::new(Span::new(s, e), label, value, source));
                }
            }
            Document { text, article_date: None, article_date_source: None, annotations }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn newsmark_json_round_trips(doc in doc_strategy()) {
        let named = NamedDocument::new("p", doc.clone());
        for format in [Format::Json, Format::Jsonl] {
            let file = export(std::slice::from_ref(&named), format).unwrap().remove(0);
            let back = import(file.text().unwrap(), &file.name).unwrap();
            prop_assert_eq!(back.len(), 1);
            prop_assert_eq!(&back[0].doc.text, &doc.text);
            prop_assert_eq!(back[0].doc.annotations.len(), doc.annotations.len());
            for (g, w) in back[0].doc.annotations.iter().zip(&doc.annotations) {
                prop_assert_eq!((g.span, g.label, g.source), (w.span, w.label, w.source));
                let same_value = match (&g.value, &w.value) {
                    (Some(a), Some(b)) => a.matches(b),
                    (a, b) => a == b,
                };
                prop_assert!(same_value, "value {:?} != {:?}", g.value, w.value);
            }
        }
    }

    #[test]
    fn code_point_formats_round_trip_spans(doc in doc_strategy()) {
        let named = NamedDocument::new("p", doc.clone());
        for format in [Format::Spacy, Format::Doccano, Format::LabelStudio] {
            let file = export(std::slice::from_ref(&named), format).unwrap().remove(0);
            let back = import_as(file.text().unwrap(), format, &file.name).unwrap();
            let spans: Vec<(Span, Label)> = back[0].doc.annotations.iter().map(|a| (a.span, a.label)).collect();
            let want: Vec<(Span, Label)> = doc.annotations.iter().map(|a| (a.span, a.label)).collect();
            prop_assert_eq!(spans, want, "{}", format);
        }
    }

    #[test]
    fn import_never_panics(content in prop_oneof![
        any::<String>(),
        "[\\[\\]{}\":,0-9a-z ]{0,80}",
        Just("{\"text\":\"😀\",\"spans\":[{\"start\":0,\"end\":1,\"label\":\"ORG\"}]}".to_owned()),
    ], name in prop::sample::select(vec!["a.json", "a.jsonl", "a.txt", "a", "a.ann", "a.xyz"])) {
        let _ = import(&content, name);
    }

    #[test]
    fn every_export_accepts_any_document(doc in doc_strategy()) {
        let named = NamedDocument::new("p", doc);
        for format in Format::ALL {
            let files = export(std::slice::from_ref(&named), format).unwrap();
            prop_assert!(!files.is_empty());
        }
    }
}

#[test]
fn offsets_convert_for_the_sample() {
    // A sanity check of the sample itself: code point and UTF-16 offsets differ.
    let d = sample().doc;
    let map = OffsetMap::new(&d.text);
    let a = &d.annotations[0];
    assert_eq!(map.span_to(a.span, OffsetUnit::Codepoint), (2, 10));
    assert_eq!(map.span_to(a.span, OffsetUnit::Utf16), (3, 11));
}

/// Export and import speed on about 1 MB of text with a span every ~16
/// bytes. Run with
/// `cargo test --release --test export -- --ignored --nocapture throughput`.
#[test]
#[ignore]
fn throughput() {
    let one = sample();
    let mut text = String::new();
    let mut annotations = Vec::new();
    while text.len() < 1_000_000 {
        let base = text.len();
        text.push_str(&one.doc.text);
        text.push('\n');
        annotations.extend(
            one.doc.annotations.iter().map(|a| Annotation { span: Span::new(a.span.start + base, a.span.end + base), ..a.clone() }),
        );
    }
    let doc = NamedDocument::new("big", Document { text, article_date: None, article_date_source: None, annotations });
    let mb = doc.doc.text.len() as f64 / 1e6;
    for format in Format::ALL {
        let t = std::time::Instant::now();
        let files = export(std::slice::from_ref(&doc), format).unwrap();
        let export_s = t.elapsed().as_secs_f64();
        let file_mb = files.iter().map(|f| f.content.len()).sum::<usize>() as f64 / 1e6;
        let import_s = if format.can_import() {
            let t = std::time::Instant::now();
            let back = import_bytes(files[0].content.as_bytes(), &files[0].name).unwrap();
            assert_eq!(back[0].doc.annotations.len(), if format == Format::Text { 0 } else { doc.doc.annotations.len() });
            let s = t.elapsed().as_secs_f64();
            format!("{:7.1} MB/s of text ({:6.1} MB/s of file)", mb / s, file_mb / s)
        } else {
            "      -".to_owned()
        };
        println!(
            "{:12} {mb:.2} MB text, {} spans, {file_mb:5.2} MB file: export {:7.1} MB/s of text, import {import_s}",
            format.name(),
            doc.doc.annotations.len(),
            mb / export_s
        );
    }
}

#[test]
fn brat_pairs_round_trip() {
    let docs = vec![sample(), second()];
    let files = export(&docs, Format::Brat).unwrap();
    let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.name.as_str(), f.text().unwrap())).collect();
    let back = export::import_files(&pairs).unwrap();
    assert_eq!(back.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["sample", "second"]);
    for (got, want) in back.iter().zip(&docs) {
        // Notes carry every span's source (issue 16).
        assert_eq!(got.doc.text, want.doc.text);
        let g: Vec<_> = got.doc.annotations.iter().map(|a| (a.span, a.label, a.source)).collect();
        let w: Vec<_> = want.doc.annotations.iter().map(|a| (a.span, a.label, a.source)).collect();
        assert_eq!(g, w);
        // Values come back from the notes' display form.
        for (g, w) in got.doc.annotations.iter().zip(&want.doc.annotations) {
            match (&g.value, &w.value) {
                (Some(a), Some(b)) => assert!(a.matches(b), "brat: value {a:?} != {b:?}"),
                (a, b) => assert_eq!(a, b, "brat: value of {:?}", w.text(&want.doc.text)),
            }
        }
    }
}

/// A brat note in words (not a value's display form) leaves the span
/// without a value; its source still counts.
#[test]
fn brat_notes_in_words_are_not_values() {
    let text = "On Tuesday they paid 455 million dollars.";
    let ann = "T1\tDATE 3 10\tTuesday\n#1\tAnnotatorNotes T1\tTODO check; source: model\n\
               T2\tMONEY 21 40\t455 million dollars\n#2\tAnnotatorNotes T2\t455,000,000 USD; source: rule\n";
    let back = export::import_files(&[("a.txt", text), ("a.ann", ann)]).unwrap();
    let a = &back[0].doc.annotations;
    assert_eq!((a[0].value.as_ref(), a[0].source), (None, Source::Model));
    let want = Value::Money { amount: 455e6, currency: "USD".into(), qualifier: None };
    assert!(a[1].value.as_ref().is_some_and(|v| v.matches(&want)) && a[1].source == Source::Rule, "{a:?}");
}

#[test]
fn malformed_brat_pairs() {
    let text = "😀 Jung Pak met\nLee";
    let cases: &[(&str, ErrorKind, &str)] = &[
        ("T1\tANIMAL 2 6\tJung\n", ErrorKind::InvalidLabel, "line 1"),
        ("T1\tPERSON 2 6;14 17\tJung Lee\n", ErrorKind::InvalidOffset, "fragments are apart"),
        ("T1\tPERSON 2 6\tJunk\n", ErrorKind::InvalidOffset, "says it covers \"Junk\""),
        ("T1\tPERSON 2 99\tJung\n", ErrorKind::InvalidOffset, "outside the text"),
        ("T1\tPERSON two 6\tJung\n", ErrorKind::InvalidOffset, "is not \"start end\""),
        ("T1\tPERSON 2 10\tJung Pak\nT2\tPERSON 7 10\tPak\n", ErrorKind::InvalidOffset, "overlaps"),
        ("T1\n", ErrorKind::InvalidJson, "no type"),
        ("#1\tAnnotatorNotes T9\tsource: user\n", ErrorKind::InvalidJson, "T9"),
    ];
    for (ann, kind, says) in cases {
        let err = export::import_files(&[("a.txt", text), ("a.ann", ann)]).unwrap_err();
        assert_eq!(err.kind(), *kind, "{ann:?}: {err}");
        assert!(err.message().contains(says) && err.message().starts_with("a.ann: "), "{ann:?}: {err}");
    }
    // A span across a line break, as brat fragments.
    let ok = export::import_files(&[("a.txt", text), ("a.ann", "T1\tPERSON 11 14;15 18\tmet Lee\n")]).unwrap();
    assert_eq!(ok[0].doc.annotations[0].text(text), "met\nLee");
    let err = export::import_files(&[("a.ann", "T1\tPERSON 2 6\tJung\n")]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
}

#[test]
fn export_refuses_spans_off_the_text() {
    let mut d = sample();
    d.doc.annotations.push(Annotation::new(Span::new(1, 2), Label::Org, None, Source::User)); // inside 😀
    d.doc.annotations.push(Annotation::new(Span::new(0, 10_000), Label::Org, None, Source::User));
    for format in Format::ALL {
        assert_eq!(export(std::slice::from_ref(&d), format).unwrap_err().kind(), ErrorKind::InvalidOffset, "{format}");
    }
}

#[test]
fn label_studio_config_names_every_label() {
    let xml = export::label_studio_config();
    assert!(xml.contains(r#"<Labels name="label" toName="text">"#) && xml.contains(r#"<Text name="text" value="$text"/>"#));
    for l in Label::ALL {
        assert!(xml.contains(&format!(r#"<Label value="{}""#, l.as_str())), "{l}");
    }
}

/// The Label Studio config's label colors are the page's (`www/labels.js`
/// holds the table; the export keeps a copy): the two must agree.
#[test]
fn label_studio_colors_are_the_pages() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/labels.js")).unwrap();
    let config = export::label_studio_config();
    let mut seen = 0;
    for line in page.lines().filter(|l| l.trim_start().starts_with("{ label: '")) {
        let field = |name: &str| line.split(&format!("{name}: '")).nth(1).and_then(|r| r.split('\'').next()).unwrap();
        let want = format!("<Label value=\"{}\" background=\"{}\"/>", field("label"), field("color"));
        assert!(config.contains(&want), "{want} not in\n{config}");
        seen += 1;
    }
    assert_eq!(seen, Label::ALL.len(), "every label of the page's table was compared");
}

/// Exports `docs` as brat and imports the pairs back.
fn brat_round_trip(docs: &[NamedDocument]) -> Vec<NamedDocument> {
    let files = export(docs, Format::Brat).unwrap();
    let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.name.as_str(), f.text().unwrap())).collect();
    export::import_files(&pairs).unwrap_or_else(|e| panic!("{e}\n{files:#?}"))
}

/// Every line of an `.ann` is one line to brat too (Python's
/// `str.splitlines` breaks at more than `\n`), and every `T` line's text is
/// its fragments' text joined by spaces, as brat checks it.
fn assert_valid_brat(txt: &str, ann: &str) {
    let python_breaks = ['\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}', '\u{2029}'];
    let text: Vec<char> = txt.chars().collect();
    for line in ann.lines() {
        assert!(!line.contains(python_breaks), "{line:?} is more than one line to brat");
        if line.starts_with('T') {
            let cols: Vec<&str> = line.split('\t').collect();
            let (_, offsets) = cols[1].split_once(' ').unwrap();
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|f| {
                    let (s, e) = f.split_once(' ').unwrap();
                    let (s, e) = (s.parse::<usize>().unwrap(), e.parse::<usize>().unwrap());
                    assert!(s <= e && e <= text.len(), "{line:?}");
                    text[s..e].iter().collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), cols[2], "{line:?}");
        }
    }
}

/// Spans that start or end with a line break, hold a brat line break that
/// is not `\n` (a vertical tab, U+2028), or are nothing but line breaks
/// come back exactly: the `.ann` holds the visible fragments, the note the
/// exact span (issue 12, point 11).
#[test]
fn brat_keeps_every_span_boundary() {
    let text = "Talks\nSeoul\r\nBusan\u{2028}Incheon, Daegu\u{b}Gwangju met.\n\n\u{1e}Ulsan\u{85}";
    let spans = [
        ("\nSeoul", Label::Loc),
        ("Busan\u{2028}", Label::Loc),
        ("Daegu\u{b}Gwangju", Label::Org),
        ("\n\n", Label::Misc),
        ("\u{1e}Ulsan\u{85}", Label::Loc),
    ];
    let mut annotations: Vec<Annotation> = spans.iter().map(|&(n, l)| mark(text, n, l, None, Source::Model)).collect();
    annotations.insert(2, mark(text, "Incheon", Label::Loc, None, Source::Rule));
    let doc = NamedDocument::new("d", Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations });
    let other = "Seoul\r\nand Busan\n";
    let doc2 = NamedDocument::new(
        "e",
        Document {
            text: other.to_owned(),
            article_date: None,
            article_date_source: None,
            annotations: vec![
                mark(other, "Seoul\r\n", Label::Loc, None, Source::User),
                mark(other, "Busan\n", Label::Loc, None, Source::Model),
            ],
        },
    );
    let docs = [doc, doc2];
    let files = export(&docs, Format::Brat).unwrap();
    for pair in files.chunks(2) {
        assert_valid_brat(pair[0].text().unwrap(), pair[1].text().unwrap());
    }
    let back = brat_round_trip(&docs);
    for (got, want) in back.iter().zip(&docs) {
        // brat's .txt has LF line ends (issue 16): CRLF comes back LF.
        let lf = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(got.doc.text, lf(&want.doc.text));
        let spans = |d: &Document| d.annotations.iter().map(|a| (lf(a.text(&d.text)), a.label)).collect::<Vec<_>>();
        assert_eq!(spans(&got.doc), spans(&want.doc));
        if !want.doc.text.contains('\r') {
            let g: Vec<_> = got.doc.annotations.iter().map(|a| a.span).collect();
            let w: Vec<_> = want.doc.annotations.iter().map(|a| a.span).collect();
            assert_eq!(g, w);
        }
    }
    // What brat sees: the visible text, and the exact span in the note.
    let ann = files[3].text().unwrap();
    assert!(ann.starts_with("T1\tLOC 0 5\tSeoul\n#1\tAnnotatorNotes T1\tspan: 0 6; source: user\n"), "{ann}");
}

/// A note's `span:` may only add whitespace around the fragments.
#[test]
fn brat_note_spans_only_widen_over_whitespace() {
    let text = "Talks\nSeoul met";
    let ok = "T1\tLOC 6 11\tSeoul\n#1\tAnnotatorNotes T1\tspan: 5 11; source: rule\n";
    let d = &export::import_files(&[("a.txt", text), ("a.ann", ok)]).unwrap()[0].doc;
    assert_eq!((d.annotations[0].text(text), d.annotations[0].source), ("\nSeoul", Source::Rule));
    for bad in ["span: 0 11", "span: 6 15", "span: 6 99"] {
        let ann = format!("T1\tLOC 6 11\tSeoul\n#1\tAnnotatorNotes T1\t{bad}; source: rule\n");
        let err = export::import_files(&[("a.txt", text), ("a.ann", &ann)]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidOffset, "{bad}: {err}");
    }
}

/// Values that brat's note must give back exactly, display form or not.
fn tricky_values() -> Vec<(Label, Value)> {
    let timex = |s: &str| Value::Timex(s.to_owned());
    let money = |a: f64, c: &str, q: Option<&str>| Value::Money { amount: a, currency: c.into(), qualifier: q.map(Into::into) };
    let qty = |a: f64, u: &str, q: Option<&str>| Value::Quantity { amount: a, unit: u.into(), qualifier: q.map(Into::into) };
    let mut v = vec![];
    for t in [
        "XXXX-XX-WXX-2-#2",
        "XXXX-07-WXX-5-#1",
        "-0044-03-15",
        "-0001",
        "+10000-01-01",
        "12345-06",
        "2022-W32",
        "2022-W32-2",
        "XXXX-WXX-2",
        "P80Y",
        "PT2H30M",
        "P1.5D",
        "2022-08-09T15:00",
        "T15:00",
        "2022-08-09T15:00:00+09:00",
        "PRESENT_REF",
        "FUTURE_REF",
        "2022-SU",
        "2022-Q3",
        "198X",
        "next week",
        "TODO",
        "a; value: \"b; source: rule",
        "line\nbreak\u{2028}x\u{85}",
        "tab\there",
        "",
        " 2022 ",
    ] {
        v.push((Label::Date, timex(t)));
        v.push((Label::Time, timex(t)));
    }
    for n in [0.0, -0.0, 1.0, -7.0, 12.5, 0.1, 1e-7, 455e6, 9_007_199_254_740_993.0, 1e21, 1.5e300, f64::MAX, f64::MIN_POSITIVE, -1234.5678]
    {
        for l in [Label::Cardinal, Label::Ordinal, Label::Percent] {
            v.push((l, Value::Number(n)));
        }
        v.push((Label::Money, money(n, "USD", None)));
        v.push((Label::Quantity, qty(n, "km", None)));
    }
    for q in ["more than", "to 7000000", "(about)", "about)", "", " ", "a (b)", "x; source: user", "nearly\n"] {
        v.push((Label::Money, money(5e6, "USD", Some(q))));
        v.push((Label::Quantity, qty(3.5, "t", Some(q))));
    }
    for u in ["sq km", "°C", "t (metric)", "", " km", "km ", "a;b", "m\u{b3}"] {
        v.push((Label::Quantity, qty(3.5, u, None)));
        v.push((Label::Money, money(3.5, u, None)));
    }
    v
}

/// Every value comes back through brat exactly (`==`, not within a
/// tolerance): timex values with `X`s, weeks and `#` parts, signed and
/// five-digit years, large and tiny amounts, every qualifier and unit
/// (issue 12, point 11).
#[test]
fn brat_keeps_every_value() {
    let text = "value here.";
    let docs: Vec<NamedDocument> = tricky_values()
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let a = Annotation::new(Span::new(0, 5), label, Some(value), Source::Rule);
            NamedDocument::new(
                format!("v{i}"),
                Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations: vec![a] },
            )
        })
        .collect();
    let files = export(&docs, Format::Brat).unwrap();
    for pair in files.chunks(2) {
        assert_valid_brat(pair[0].text().unwrap(), pair[1].text().unwrap());
    }
    let back = brat_round_trip(&docs);
    for (got, want) in back.iter().zip(&docs) {
        let (g, w) = (&got.doc.annotations[0], &want.doc.annotations[0]);
        assert_eq!(
            (&g.value, g.label, g.source),
            (&w.value, w.label, w.source),
            "{:?}",
            files.iter().find(|f| f.name == format!("{}.ann", want.id))
        );
    }
}

/// The values of real text (the seeds, the dates table) come back through
/// brat exactly, with their display form alone (no `value:` field).
#[test]
fn brat_keeps_the_values_of_annotated_text() {
    let mut texts: Vec<(String, Option<NaiveDate>)> = Vec::new();
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    for e in std::fs::read_dir(&seeds).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            texts.push((std::fs::read_to_string(p).unwrap(), None));
        }
    }
    for line in std::fs::read_to_string(data_dir().join("dates.tsv")).unwrap().lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        texts.push((cols[0].to_owned(), NaiveDate::from_str(cols[1]).ok()));
    }
    let docs: Vec<NamedDocument> = texts
        .iter()
        .enumerate()
        .map(|(i, (t, date))| {
            NamedDocument::new(format!("t{i}"), newsmark::annotate(t, &newsmark::Options { article_date: *date, ..Default::default() }))
        })
        .collect();
    let files = export(&docs, Format::Brat).unwrap();
    let valued = docs.iter().flat_map(|d| &d.doc.annotations).filter(|a| a.value.is_some()).count();
    assert!(valued > 200, "{valued} values");
    for f in files.iter().filter(|f| f.name.ends_with(".ann")) {
        assert!(!f.text().unwrap().contains("; value: "), "{}: a display form that does not read back:\n{}", f.name, f.content);
    }
    for (got, want) in brat_round_trip(&docs).iter().zip(&docs) {
        let g: Vec<_> = got.doc.annotations.iter().filter(|a| a.value.is_some()).map(|a| (a.span, &a.value)).collect();
        let w: Vec<_> = want.doc.annotations.iter().filter(|a| a.value.is_some()).map(|a| (a.span, &a.value)).collect();
        assert_eq!(g, w, "{}", want.id);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Random values of every kind come back through brat exactly.
    #[test]
    fn brat_keeps_random_values(
        n in prop_oneof![any::<f64>().prop_filter("finite", |n| n.is_finite()), (-1e7..1e7f64), (0i64..10_000_000).prop_map(|n| n as f64)],
        s in "\\PC{0,12}",
        t in "[-+]?[0-9X]{4,6}(-[0-9X]{2}|-W[0-9X]{2}(-[1-7])?)?(-WXX-[1-7]-#[1-5])?(T[0-9]{2}:[0-9]{2})?",
        kind in 0..6usize,
    ) {
        let (label, value) = match kind {
            0 => (Label::Date, Value::Timex(t)),
            1 => (Label::Time, Value::Timex(s.clone())),
            2 => (Label::Cardinal, Value::Number(n)),
            3 => (Label::Money, Value::Money { amount: n, currency: "EUR".into(), qualifier: Some(s.clone()).filter(|s| !s.is_empty()) }),
            4 => (Label::Quantity, Value::Quantity { amount: n, unit: s.clone(), qualifier: None }),
            _ => (Label::Percent, Value::Number(n)),
        };
        let text = "12345";
        let a = Annotation::new(Span::new(0, 5), label, Some(value), Source::Model);
        let doc = NamedDocument::new("p", Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations: vec![a.clone()] });
        let back = brat_round_trip(std::slice::from_ref(&doc));
        prop_assert_eq!(&back[0].doc.annotations[0].value, &a.value);
    }
}

/// Found by `brat_keeps_random_values`: a display form that ends in or
/// holds the note's separator (a unit `;`) comes back whole.
#[test]
fn brat_keeps_values_that_hold_the_note_separator() {
    for unit in [";", "a;", ";;", "; source: user", "; value: 1", "; span: 0 1", "x; y"] {
        let value = Value::Quantity { amount: 0.0, unit: unit.to_owned(), qualifier: None };
        let a = Annotation::new(Span::new(0, 5), Label::Quantity, Some(value), Source::Model);
        let doc = NamedDocument::new(
            "p",
            Document { text: "12345".into(), article_date: None, article_date_source: None, annotations: vec![a.clone()] },
        );
        let back = brat_round_trip(std::slice::from_ref(&doc));
        assert_eq!(back[0].doc.annotations[0].value, a.value, "unit {unit:?}");
        assert_eq!(back[0].doc.annotations[0].source, Source::Model, "unit {unit:?}");
    }
}

/// The byte-order mark: brat counts it (Python's `utf8` codec keeps it as
/// character 0), so a `.ann` beside a `.txt` with a mark is read with its
/// offsets one less; the mark itself is not text (issue 12, point 11).
#[test]
fn brat_counts_a_byte_order_mark_as_brat_does() {
    let txt = "\u{feff}Seoul and Busan";
    let ann = "T1\tLOC 1 6\tSeoul\nT2\tLOC 11 16\tBusan\n";
    let d = &export::import_files(&[("a.txt", txt), ("a.ann", ann)]).unwrap()[0].doc;
    assert_eq!(d.text, "Seoul and Busan");
    let got: Vec<_> = d.annotations.iter().map(|a| (a.span, a.text(&d.text))).collect();
    assert_eq!(got, [(Span::new(0, 5), "Seoul"), (Span::new(10, 15), "Busan")]);
    // Offsets that do not count the mark are wrong to brat and to newsmark alike.
    let err = export::import_files(&[("a.txt", txt), ("a.ann", "T1\tLOC 0 5\tSeoul\n")]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOffset, "{err}");
}

/// A text that itself starts with U+FEFF (from a JSON `"text"`) comes back
/// through the text export and brat exactly: the file gets one more mark,
/// the one a reader drops, and brat's offsets count it.
#[test]
fn a_text_starting_with_a_byte_order_mark_round_trips() {
    let text = "\u{feff}Seoul and Busan";
    let doc = NamedDocument::new(
        "bom",
        Document {
            text: text.to_owned(),
            article_date: None,
            article_date_source: None,
            annotations: vec![mark(text, "\u{feff}Seoul", Label::Loc, None, Source::User)],
        },
    );
    let txt = export(std::slice::from_ref(&doc), Format::Text).unwrap().remove(0);
    assert_eq!(txt.text().unwrap(), format!("\u{feff}{text}"));
    assert_eq!(import(txt.text().unwrap(), &txt.name).unwrap()[0].doc.text, text);
    assert_eq!(import_bytes(txt.content.as_bytes(), &txt.name).unwrap()[0].doc.text, text);
    let files = export(std::slice::from_ref(&doc), Format::Brat).unwrap();
    assert_eq!(files[0].text().unwrap(), format!("\u{feff}{text}"));
    assert!(files[1].text().unwrap().starts_with("T1\tLOC 1 7\t\u{feff}Seoul\n"), "{}", files[1].content);
    assert_valid_brat(files[0].text().unwrap(), files[1].text().unwrap());
    let back = brat_round_trip(std::slice::from_ref(&doc));
    assert_eq!(back[0].doc, doc.doc);
    // Every other format keeps the text in a JSON string, where the mark is text.
    for format in [Format::Json, Format::Jsonl, Format::Spacy, Format::Doccano, Format::LabelStudio] {
        let f = export(std::slice::from_ref(&doc), format).unwrap().remove(0);
        let back = import(f.text().unwrap(), &f.name).unwrap();
        assert_eq!(back[0].doc.text, text, "{format}");
        assert_eq!(back[0].doc.annotations.iter().map(|a| a.span).collect::<Vec<_>>(), [doc.doc.annotations[0].span], "{format}");
    }
}

/// Every import of a file with a mark reads the same text and offsets as
/// the file without it.
#[test]
fn every_import_drops_a_byte_order_mark() {
    let doc = sample();
    for format in [Format::Json, Format::Jsonl, Format::Spacy, Format::Doccano, Format::LabelStudio, Format::Text] {
        for f in export(std::slice::from_ref(&doc), format).unwrap() {
            let plain = import(f.text().unwrap(), &f.name).unwrap();
            let marked = format!("\u{feff}{}", f.content);
            assert_eq!(import(&marked, &f.name).unwrap(), plain, "{format}");
            assert_eq!(import_as(&marked, format, &f.name).unwrap(), plain, "{format}");
            assert_eq!(import_bytes(marked.as_bytes(), &f.name).unwrap(), plain, "{format}");
            assert_eq!(export::import_files(&[(&f.name, &marked)]).unwrap(), plain, "{format}");
        }
    }
}
