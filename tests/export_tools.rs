//! The annotation tools' formats of issue 16: doccano in the unit its
//! editor counts (UTF-16, or code points, or grapheme clusters on choice)
//! and its relation mode; Label Studio's predictions and annotations, task
//! ids, dates and sources, JSON-MIN, the labeling config; brat's LF `.txt`
//! and CRLF imports, and every span's source. Malformed inputs of these
//! formats: `tests/data/import_malformed_tools.jsonl`.

use newsmark::export::{self, export, export_with, import, import_files, import_with, ExportOptions, Format, ImportOptions, NamedDocument};
use newsmark::{annotate, Annotation, DateSource, Document, ErrorKind, Label, NaiveDate, OffsetUnit, Options, Source, Span, Value};
use proptest::prelude::*;
use std::path::PathBuf;
use unicode_segmentation::UnicodeSegmentation;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn mark(text: &str, needle: &str, label: Label, value: Option<Value>, source: Source) -> Annotation {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    Annotation::new(Span::new(start, start + needle.len()), label, value, source)
}

fn doc(id: &str, text: &str, annotations: Vec<Annotation>) -> NamedDocument {
    NamedDocument::new(id, Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations })
}

/// Emoji outside the BMP, a flag, a ZWJ sequence, a combining mark, CJK,
/// a tab and CRLF, with spans after each and of every source.
fn tricky() -> NamedDocument {
    let text = "😀 Sony 🇯🇵 rose\t5% in Tōkyō; 👩\u{200d}💻 Zoe\u{308} Mu\u{308}ller met 山田太郎.\r\nShell fell.";
    let mut d = doc(
        "tricky",
        text,
        vec![
            mark(text, "Sony", Label::Org, None, Source::Model),
            mark(text, "5%", Label::Percent, Some(Value::Number(5.0)), Source::Rule),
            mark(text, "Tōkyō", Label::Loc, None, Source::User),
            mark(text, "Zoe\u{308} Mu\u{308}ller", Label::Person, None, Source::Model),
            mark(text, "山田太郎", Label::Person, None, Source::User),
            mark(text, "Shell", Label::Org, None, Source::Rule),
        ],
    );
    d.doc.article_date = NaiveDate::from_ymd_opt(2022, 8, 9);
    d.doc.article_date_source = Some(DateSource::Option);
    d
}

/// The tricky corpus the consumer checks use, annotated.
fn corpus() -> Vec<NamedDocument> {
    let lines = std::fs::read_to_string(data_dir().join("consumers/tricky.jsonl")).unwrap();
    lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let date = NaiveDate::parse_from_str(v["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
            let d = annotate(v["text"].as_str().unwrap(), &Options { article_date: Some(date), ..Options::default() });
            NamedDocument::new(v["id"].as_str().unwrap(), d)
        })
        .chain([tricky()])
        .collect()
}

fn spans(d: &Document) -> Vec<(Span, Label)> {
    d.annotations.iter().map(|a| (a.span, a.label)).collect()
}

fn only(files: Vec<export::ExportFile>) -> String {
    assert_eq!(files.len(), 1);
    files[0].text().unwrap().to_owned()
}

fn doccano_lines(content: &str) -> Vec<serde_json::Value> {
    content.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

// doccano

/// Slices `text` as `unit` counts it: JavaScript's UTF-16 indexes, Python's
/// code points, or grapheme clusters, each by its own means, not by the
/// crate's OffsetMap.
fn slice(text: &str, unit: OffsetUnit, s: usize, e: usize) -> String {
    match unit {
        OffsetUnit::Utf16 => String::from_utf16(&text.encode_utf16().collect::<Vec<_>>()[s..e]).unwrap(),
        OffsetUnit::Codepoint => text.chars().skip(s).take(e - s).collect(),
        OffsetUnit::Grapheme => text.graphemes(true).skip(s).take(e - s).collect(),
        OffsetUnit::Byte => text[s..e].to_owned(),
    }
}

#[test]
fn doccano_writes_utf16_by_default() {
    assert_eq!(Format::Doccano.offset_unit(), Some(OffsetUnit::Utf16));
    let d = tricky();
    let lines = doccano_lines(&only(export(std::slice::from_ref(&d), Format::Doccano).unwrap()));
    let label = lines[0]["label"].as_array().unwrap();
    // "Sony" after 😀: code points 2..6, UTF-16 3..7.
    assert_eq!(label[0], serde_json::json!([3, 7, "ORG"]));
    for (l, a) in label.iter().zip(&d.doc.annotations) {
        let (s, e) = (l[0].as_u64().unwrap() as usize, l[1].as_u64().unwrap() as usize);
        assert_eq!(slice(&d.doc.text, OffsetUnit::Utf16, s, e), a.text(&d.doc.text));
    }
}

#[test]
fn doccano_round_trips_in_every_unit() {
    let docs = corpus();
    for unit in [OffsetUnit::Utf16, OffsetUnit::Codepoint, OffsetUnit::Grapheme] {
        let out =
            only(export_with(&docs, Format::Doccano, &ExportOptions { offset_unit: Some(unit), ..ExportOptions::default() }).unwrap());
        for (line, d) in doccano_lines(&out).iter().zip(&docs) {
            for (l, a) in line["label"].as_array().unwrap().iter().zip(&d.doc.annotations) {
                let (s, e) = (l[0].as_u64().unwrap() as usize, l[1].as_u64().unwrap() as usize);
                assert_eq!(slice(&d.doc.text, unit, s, e), a.text(&d.doc.text), "{unit} in {}", d.id);
            }
        }
        let options = ImportOptions { offset_unit: Some(unit), ..ImportOptions::default() };
        let back = import_with(out.as_bytes(), "a.jsonl", &options).unwrap();
        assert_eq!(back.reports[0].format, Some(Format::Doccano));
        assert_eq!(back.reports[0].spans, docs.iter().map(|d| d.doc.annotations.len()).sum::<usize>());
        for (got, want) in back.docs.iter().zip(&docs) {
            assert_eq!(got.id, want.id);
            assert_eq!(got.doc.text, want.doc.text);
            assert_eq!(spans(&got.doc), spans(&want.doc), "{unit} in {}", want.id);
            assert!(got.doc.annotations.iter().all(|a| a.source == Source::User && a.value.is_none()));
        }
    }
}

/// The units really differ on this text, so the tests above test something.
#[test]
fn doccano_units_differ_after_emoji_and_clusters() {
    let d = tricky();
    let at = |unit| {
        let out = only(
            export_with(std::slice::from_ref(&d), Format::Doccano, &ExportOptions { offset_unit: Some(unit), ..ExportOptions::default() })
                .unwrap(),
        );
        doccano_lines(&out)[0]["label"][4].clone() // 山田太郎, after the ZWJ sequence and combining marks
    };
    let (u16, cp, g) = (at(OffsetUnit::Utf16), at(OffsetUnit::Codepoint), at(OffsetUnit::Grapheme));
    assert!(u16 != cp && cp != g && u16 != g, "{u16} {cp} {g}");
}

#[test]
fn doccano_grapheme_export_refuses_a_span_inside_a_cluster() {
    let text = "Cafe\u{301} Lee";
    let d = doc("c", text, vec![Annotation::new(Span::new(0, 4), Label::Org, None, Source::User)]);
    let grapheme = ExportOptions { offset_unit: Some(OffsetUnit::Grapheme), ..ExportOptions::default() };
    let err = export_with(std::slice::from_ref(&d), Format::Doccano, &grapheme).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOffset);
    assert_eq!(
        err.message(),
        "document 1 (\"c\"): span ORG \"Cafe\" ends inside a grapheme cluster, which doccano's grapheme mode cannot hold; export in utf16 or codepoint"
    );
    // The other units hold it.
    let cp = ExportOptions { offset_unit: Some(OffsetUnit::Codepoint), ..ExportOptions::default() };
    assert!(export_with(std::slice::from_ref(&d), Format::Doccano, &cp).is_ok());
    let bytes = ExportOptions { offset_unit: Some(OffsetUnit::Byte), ..ExportOptions::default() };
    assert_eq!(export_with(&[d], Format::Doccano, &bytes).unwrap_err().kind(), ErrorKind::Usage);
}

/// A file in code points read as UTF-16 (the default) says which unit it
/// was read in when the offsets cannot be UTF-16 ones.
#[test]
fn doccano_offsets_in_another_unit_are_named() {
    let file = "{\"text\": \"😀😀 Lee\", \"label\": [[1, 3, \"PERSON\"]]}\n";
    let err = import(file, "a.jsonl").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOffset);
    assert!(err.message().contains("start 1 falls inside a character (between the halves of a surrogate pair)"), "{}", err.message());
    assert!(err.message().contains("read as UTF-16 code units: is the file's offset unit codepoint or grapheme?"), "{}", err.message());
    let options = ImportOptions { offset_unit: Some(OffsetUnit::Codepoint), ..ImportOptions::default() };
    let d = &import_with(file.as_bytes(), "a.jsonl", &options).unwrap().docs[0].doc;
    assert_eq!(d.annotations[0].text(&d.text), "😀 ");
}

/// doccano's relation mode: entity objects, read; relations, which newsmark
/// cannot keep, are an error, or with `lenient` a warning and a count.
#[test]
fn doccano_relation_mode() {
    let line = r#"{"id": 7, "text": "😀 Kim met Lee in Seoul.", "entities": [{"id": 1, "label": "PER", "start_offset": 3, "end_offset": 6}, {"id": 2, "label": "PERSON", "start_offset": 11, "end_offset": 14}, {"id": 3, "label": "GPE", "start_offset": 18, "end_offset": 23}], "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "met"}], "Comments": []}"#;
    assert_eq!(export::detect(line, "a.jsonl").unwrap(), Format::Doccano);
    let err = import(line, "a.jsonl").unwrap_err();
    assert_eq!(
        err.message(),
        "a.jsonl: line 1 (\"7\"): 1 relations under \"relations\", which newsmark does not keep; import leniently to read the spans without it"
    );
    let lenient = ImportOptions { lenient: true, ..ImportOptions::default() };
    let read = import_with(line.as_bytes(), "a.jsonl", &lenient).unwrap();
    let d = &read.docs[0];
    assert_eq!(d.id, "7");
    let texts: Vec<(&str, Label)> = d.doc.annotations.iter().map(|a| (a.text(&d.doc.text), a.label)).collect();
    assert_eq!(texts, [("Kim", Label::Person), ("Lee", Label::Person), ("Seoul", Label::Loc)]);
    let report = &read.reports[0];
    assert_eq!((report.documents, report.spans, report.skipped), (1, 3, 1));
    assert_eq!(
        report.warnings,
        [
            "line 1 (\"7\"): 1 relations under \"relations\", which newsmark does not keep (left out)",
            // The file's own label names, read as newsmark's, are said.
            "labels read as newsmark's: GPE as LOC (1 span), PER as PERSON (1 span)"
        ]
    );
    assert_eq!(report.summary(), "a.jsonl (doccano): 1 document, 3 spans, 1 skipped");
}

/// brat's relations, events, attributes and others' notes, which newsmark
/// cannot keep, are counted in the report's warnings; its own notes are not.
#[test]
fn brat_says_what_it_leaves_out() {
    let text = "Barack Obama visited New York on Monday.";
    let ann = "T1\tPerson 0 12\tBarack Obama\nT2\tLocation 21 29\tNew York\nR1\tVisit Arg1:T1 Arg2:T2\nA1\tNegated T1\nM2\tNegated T2\n#1\tAnnotatorNotes T1\tsome note\nE1\tVisit:T1\n";
    let read = export::import_files_with(&[("a.txt", text.as_bytes()), ("a.ann", ann.as_bytes())], &ImportOptions::default()).unwrap();
    assert_eq!(read.docs[0].doc.annotations.len(), 2);
    assert_eq!(
        read.reports[0].warnings,
        [
            "\"a\": 1 relation, 1 event, 2 attributes, 1 note, which newsmark does not keep (left out: it keeps the text-bound spans)",
            "labels read as newsmark's: Location as LOC (1 span)"
        ]
    );
    // An export of newsmark's own, read back: nothing to say.
    let doc = annotate("Lee Tae-woo paid US$455 million on Tuesday.", &Options::default());
    let files = export(&[NamedDocument::new("s", doc)], Format::Brat).unwrap();
    let pairs: Vec<(&str, &[u8])> = files
        .iter()
        .filter(|f| f.name.ends_with(".txt") || f.name.ends_with(".ann"))
        .map(|f| (f.name.as_str(), f.content.as_bytes()))
        .collect();
    let back = export::import_files_with(&pairs, &ImportOptions::default()).unwrap();
    assert_eq!(back.docs.len(), 1);
    assert!(back.reports.iter().all(|r| r.warnings.is_empty()), "{:?}", back.reports);
}

// Label Studio

fn tasks_of(docs: &[NamedDocument]) -> Vec<serde_json::Value> {
    serde_json::from_str(&only(export(docs, Format::LabelStudio).unwrap())).unwrap()
}

#[test]
fn label_studio_predictions_hold_newsmarks_spans_and_annotations_the_users() {
    let model_only = doc("m", "Kim met Lee.", vec![mark("Kim met Lee.", "Kim", Label::Person, None, Source::Model)]);
    let tasks = tasks_of(&[tricky(), model_only]);
    assert_eq!(tasks.iter().map(|t| t["id"].clone()).collect::<Vec<_>>(), [1, 2]);
    let t = &tasks[0];
    assert_eq!(t["data"]["doc_id"], "tricky");
    assert_eq!(t["data"]["article_date"], "2022-08-09");
    assert_eq!(t["data"]["article_date_source"], "option");
    let texts = |list: &serde_json::Value| -> Vec<(String, String)> {
        list[0]["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["value"]["text"].as_str().unwrap().to_owned(), r["meta"]["source"].as_str().unwrap().to_owned()))
            .collect()
    };
    let pairs = |v: &[(&str, &str)]| v.iter().map(|&(a, b)| (a.to_owned(), b.to_owned())).collect::<Vec<_>>();
    assert_eq!(texts(&t["annotations"]), pairs(&[("Tōkyō", "user"), ("山田太郎", "user")]));
    assert_eq!(
        texts(&t["predictions"]),
        pairs(&[("Sony", "model"), ("5%", "rule"), ("Zoe\u{308} Mu\u{308}ller", "model"), ("Shell", "rule")])
    );
    assert_eq!(t["predictions"][0]["model_version"], format!("newsmark {}", env!("CARGO_PKG_VERSION")));
    assert!(t["predictions"][0]["result"].as_array().unwrap().iter().all(|r| r["origin"] == "prediction"));
    assert!(t["annotations"][0]["result"].as_array().unwrap().iter().all(|r| r["origin"] == "manual"));
    // A task with no span of a person's is not labeled yet: no annotation.
    assert!(tasks[1].get("annotations").is_none());
    assert_eq!(tasks[1]["predictions"][0]["result"].as_array().unwrap().len(), 1);
}

#[test]
fn label_studio_round_trip_keeps_sources_values_and_dates() {
    let docs = corpus();
    let file = only(export(&docs, Format::LabelStudio).unwrap());
    let back = import_with(file.as_bytes(), "tasks.json", &ImportOptions::default()).unwrap();
    assert_eq!(back.reports[0].format, Some(Format::LabelStudio));
    assert_eq!(back.reports[0].skipped, 0);
    for (got, want) in back.docs.iter().zip(&docs) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.doc.text, want.doc.text);
        assert_eq!((got.doc.article_date, got.doc.article_date_source), (want.doc.article_date, want.doc.article_date_source));
        assert_eq!(got.doc.annotations, want.doc.annotations, "{}", want.id);
    }
}

/// What Label Studio hands back once an annotator accepted the predictions:
/// one annotation made from the prediction (`parent_prediction`), its
/// regions `prediction` where kept, `prediction-changed` where moved.
#[test]
fn label_studio_accepted_predictions() {
    let d = tricky();
    let mut tasks = tasks_of(std::slice::from_ref(&d));
    let t = &mut tasks[0];
    let mut result: Vec<serde_json::Value> = t["annotations"][0]["result"].as_array().unwrap().clone();
    let mut predicted = t["predictions"][0]["result"].as_array().unwrap().clone();
    predicted[0]["origin"] = "prediction-changed".into(); // Sony: a person moved or relabeled it
    result.extend(predicted);
    t["annotations"] = serde_json::json!([{"id": 9, "result": result, "parent_prediction": 4, "was_cancelled": false}]);
    let back = import(&serde_json::to_string(&tasks).unwrap(), "export.json").unwrap();
    let got: Vec<(&str, Source)> = back[0].doc.annotations.iter().map(|a| (a.text(&back[0].doc.text), a.source)).collect();
    assert_eq!(
        got,
        [
            ("Sony", Source::User),
            ("5%", Source::Rule),
            ("Tōkyō", Source::User),
            ("Zoe\u{308} Mu\u{308}ller", Source::Model),
            ("山田太郎", Source::User),
            ("Shell", Source::Rule)
        ]
    );
}

/// A person's region wins over a prediction's it overlaps, and the import
/// says what it left out.
#[test]
fn label_studio_annotation_wins_over_an_overlapping_prediction() {
    let file = r#"[{"id": 3, "data": {"text": "Bank of Korea rose."},
      "annotations": [{"result": [{"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
        "value": {"start": 0, "end": 13, "text": "Bank of Korea", "labels": ["ORG"]}}]}],
      "predictions": [{"model_version": "x", "result": [{"id": "p", "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": 8, "end": 13, "text": "Korea", "labels": ["LOC"]}}]}]}]"#;
    let read = import_with(file.as_bytes(), "t.json", &ImportOptions::default()).unwrap();
    let d = &read.docs[0];
    assert_eq!(d.id, "3");
    assert_eq!(d.doc.annotations.len(), 1);
    assert_eq!((d.doc.annotations[0].label, d.doc.annotations[0].source), (Label::Org, Source::User));
    assert_eq!(read.reports[0].skipped, 1);
    assert_eq!(
        read.reports[0].warnings,
        ["task 1 (\"3\"): the prediction's prediction result 1 (id \"p\") (LOC 8..13) left out: the annotation's result 1 (id \"a\") (ORG 0..13) overlaps it"]
    );
}

/// What a Label Studio task holds beyond the regions read is said in the
/// report: relations and choices by type, and the other annotators'
/// annotations and the later predictions, whose regions count as skipped.
#[test]
fn label_studio_import_says_what_it_passes_over() {
    let region = |id: &str, start: usize, end: usize, text: &str, label: &str| {
        serde_json::json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text, "labels": [label]}})
    };
    let relation = serde_json::json!({"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": []});
    let choice =
        serde_json::json!({"id": "c", "from_name": "topic", "to_name": "text", "type": "choices", "value": {"choices": ["Politics"]}});
    let task = serde_json::json!([{"id": 3, "data": {"text": "Kim met Lee."},
        "annotations": [
            {"id": 1, "was_cancelled": true, "result": [region("x", 0, 3, "Kim", "ORG")]},
            {"id": 2, "result": [region("a", 0, 3, "Kim", "PERSON"), region("b", 8, 11, "Lee", "PERSON"), relation.clone(), relation, choice]},
            {"id": 4, "result": [region("a2", 0, 3, "Kim", "ORG")]},
            {"id": 5, "result": [region("a3", 0, 3, "Kim", "PERSON"), region("b3", 8, 11, "Lee", "LOC")]}],
        "predictions": [{"result": []}, {"result": [region("p", 8, 11, "Lee", "ORG")]}]}]);
    let read = import_with(task.to_string().as_bytes(), "t.json", &ImportOptions::default()).unwrap();
    let got: Vec<(&str, Label)> = read.docs[0].doc.annotations.iter().map(|a| (a.text(&read.docs[0].doc.text), a.label)).collect();
    assert_eq!(got, [("Kim", Label::Person), ("Lee", Label::Person)]);
    let report = &read.reports[0];
    assert_eq!((report.spans, report.skipped), (2, 4));
    assert_eq!(
        report.warnings,
        [
            "task 1 (\"3\"): 2 relation results, 1 choices result, which newsmark does not keep (left out: it keeps the labeled regions)",
            "task 1 (\"3\"): 2 more annotations with 3 labeled regions left out (newsmark reads the first annotation not cancelled)",
            "task 1 (\"3\"): 1 more prediction with 1 labeled region left out (newsmark reads the first prediction)",
        ]
    );
    // newsmark's own export passes nothing over.
    let own = only(export(&[tricky()], Format::LabelStudio).unwrap());
    let back = import_with(own.as_bytes(), "t.json", &ImportOptions::default()).unwrap();
    assert_eq!((back.reports[0].skipped, back.reports[0].warnings.len()), (0, 0));
}

/// Label Studio's JSON-MIN export, which imported as newsmark JSON with 0
/// spans before issue 16.
#[test]
fn label_studio_json_min() {
    let file = r#"[{"text": "😀 Kim met Lee in Seoul.", "doc_id": "a1", "article_date": "2022-08-09", "id": 4,
        "label": [{"start": 2, "end": 5, "text": "Kim", "labels": ["PERSON"]}, {"start": 17, "end": 22, "text": "Seoul", "labels": ["LOC"]}],
        "annotator": 1, "annotation_id": 2, "created_at": "2026-12-01T10:00:00Z", "updated_at": "2026-12-01T10:00:00Z", "lead_time": 3.5},
       {"text": "Nothing here.", "id": 5, "annotator": 1}]"#;
    assert_eq!(export::detect(file, "result.json").unwrap(), Format::LabelStudio);
    let read = import_with(file.as_bytes(), "result.json", &ImportOptions::default()).unwrap();
    assert_eq!((read.reports[0].documents, read.reports[0].spans), (2, 2));
    let d = &read.docs[0];
    assert_eq!(d.id, "a1");
    assert_eq!(d.doc.article_date, NaiveDate::from_ymd_opt(2022, 8, 9));
    let got: Vec<(&str, Label, Source)> = d.doc.annotations.iter().map(|a| (a.text(&d.doc.text), a.label, a.source)).collect();
    assert_eq!(got, [("Kim", Label::Person, Source::User), ("Seoul", Label::Loc, Source::User)]);
    assert_eq!(read.docs[1].id, "5");
    // A region that claims other text than its offsets cover is an error, as in full tasks.
    let bad = file.replace("\"text\": \"Kim\"", "\"text\": \"Lee\"");
    assert_eq!(import(&bad, "result.json").unwrap_err().kind(), ErrorKind::InvalidOffset);
}

#[test]
fn label_studio_config_is_a_format() {
    let files = export(&[tricky(), tricky()], Format::LabelStudioConfig).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!((files[0].name.as_str(), files[0].mime), ("labelstudio-config.xml", "application/xml"));
    assert_eq!(files[0].text().unwrap(), export::label_studio_config());
    for l in Label::ALL {
        assert!(files[0].text().unwrap().contains(&format!("<Label value=\"{}\"", l.as_str())), "{l}");
    }
    assert_eq!("labelstudio-config".parse::<Format>().unwrap(), Format::LabelStudioConfig);
    assert!(!Format::LabelStudioConfig.can_import());
    assert_eq!(serde_json::to_string(&Format::LabelStudioConfig).unwrap(), "\"labelstudio-config\"");
}

// brat

fn brat_files(docs: &[NamedDocument]) -> Vec<(String, String)> {
    export(docs, Format::Brat).unwrap().into_iter().map(|f| (f.name.clone(), f.text().unwrap().to_owned())).collect()
}

fn import_pairs(files: &[(String, String)]) -> Vec<NamedDocument> {
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    import_files(&pairs).unwrap()
}

/// The `T` lines of an `.ann`: (label, start, end, text), one fragment each.
fn t_lines(ann: &str) -> Vec<(String, usize, usize, String)> {
    ann.lines()
        .filter(|l| l.starts_with('T'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let head: Vec<&str> = cols[1].split([' ', ';']).collect();
            (head[0].to_owned(), head[1].parse().unwrap(), head[head.len() - 1].parse().unwrap(), cols[2].to_owned())
        })
        .collect()
}

#[test]
fn brat_writes_lf_and_counts_it() {
    let d = tricky();
    let files = brat_files(std::slice::from_ref(&d));
    let (txt, ann) = (&files[0].1, &files[1].1);
    assert!(!txt.contains('\r'), "{txt:?}");
    assert_eq!(*txt, d.doc.text.replace("\r\n", "\n"));
    // A lone CR is an LF too, so no reader sees a CRLF the text did not have.
    let lone = doc("cr", "A\r\r\nB", vec![Annotation::new(Span::new(0, 1), Label::Org, None, Source::User)]);
    assert_eq!(brat_files(&[lone])[0].1, "A\n\nB");
    // Python's code points of the LF text, as brat and `open()` count them.
    let chars: Vec<char> = txt.chars().collect();
    for (label, s, e, text) in t_lines(ann) {
        assert_eq!(chars[s..e].iter().collect::<String>(), text, "{label}");
    }
    assert!(t_lines(ann).iter().any(|(l, _, _, t)| l == "ORG" && t == "Shell"));
}

/// Every span's source comes back, an unvalued model span too.
#[test]
fn brat_keeps_every_source() {
    let d = tricky();
    let back = import_pairs(&brat_files(std::slice::from_ref(&d)));
    let got: Vec<(String, Source)> = back[0].doc.annotations.iter().map(|a| (a.text(&back[0].doc.text).to_owned(), a.source)).collect();
    let want: Vec<(String, Source)> = d.doc.annotations.iter().map(|a| (a.text(&d.doc.text).to_owned(), a.source)).collect();
    assert_eq!(got, want);
    assert!(got.iter().any(|(t, s)| t == "Sony" && *s == Source::Model));
}

/// A `.txt` with CRLF beside an `.ann` that counts each CRLF as one
/// character (brat 1.3) or as two (newsmark before issue 16, byte-exact
/// tools): both read the spans where they are in the file's text.
#[test]
fn brat_reads_crlf_counted_either_way() {
    let d = tricky();
    let lf_files = brat_files(std::slice::from_ref(&d));
    let as_one = lf_files[1].1.clone();
    // The same spans counted in the CRLF text.
    let chars: Vec<char> = d.doc.text.chars().collect();
    let mut as_two = String::new();
    for (i, a) in d.doc.annotations.iter().enumerate() {
        let s = d.doc.text[..a.span.start].chars().count();
        let e = s + a.text(&d.doc.text).chars().count();
        assert_eq!(chars[s..e].iter().collect::<String>(), a.text(&d.doc.text));
        as_two.push_str(&format!("T{}\t{} {s} {e}\t{}\n", i + 1, a.label, a.text(&d.doc.text)));
    }
    for ann in [as_one, as_two] {
        let files = vec![("t.txt".to_owned(), d.doc.text.clone()), ("t.ann".to_owned(), ann.clone())];
        let back = import_pairs(&files);
        assert_eq!(back[0].doc.text, d.doc.text, "the file's text, CRLF and all");
        assert_eq!(spans(&back[0].doc), spans(&d.doc), "{ann}");
    }
    // Offsets that fit neither count: an error that says both.
    let files = [("t.txt".to_owned(), "A\r\nB\r\nKim".to_owned()), ("t.ann".to_owned(), "T1\tPERSON 6 8\tKim\n".to_owned())];
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    let err = import_files(&pairs).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOffset);
    assert!(err.message().contains("neither counting each CRLF as one character"), "{}", err.message());
}

// Malformed inputs

/// Each row of `import_malformed_tools.jsonl` is an error of its kind that
/// says what is wrong, and returns nothing; `options` may set the offset
/// unit or the format, `files` gives a brat pair.
#[test]
fn malformed_tool_inputs_give_their_errors() {
    let path = data_dir().join("import_malformed_tools.jsonl");
    let table = std::fs::read_to_string(&path).unwrap();
    let mut failures = Vec::new();
    let mut rows = 0;
    for (i, line) in table.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
        let (name, kind, says) = (case["case"].as_str().unwrap(), case["kind"].as_str().unwrap(), case["says"].as_str().unwrap());
        let mut options = ImportOptions::default();
        if let Some(u) = case["options"]["offset_unit"].as_str() {
            options.offset_unit = Some(u.parse().unwrap());
        }
        if let Some(f) = case["options"]["format"].as_str() {
            options.format = Some(f.parse().unwrap());
        }
        let got = match case["files"].as_object() {
            Some(files) => {
                let pairs: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (n.as_str(), c.as_str().unwrap().as_bytes())).collect();
                export::import_files_with(&pairs, &options)
            }
            None => import_with(case["content"].as_str().unwrap().as_bytes(), case["file"].as_str().unwrap(), &options),
        };
        rows += 1;
        match got {
            Ok(read) => failures.push(format!("line {}: {name}: imported {} documents", i + 1, read.docs.len())),
            Err(e) if format!("{:?}", e.kind()) != kind || !e.message().contains(says) => {
                failures.push(format!("line {}: {name}: got {:?} {:?}, want {kind} containing {says:?}", i + 1, e.kind(), e.message()))
            }
            Err(_) => {}
        }
    }
    assert!(rows >= 20, "{rows} rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Properties

/// Text of pieces that make multi-code-point grapheme clusters.
fn cluster_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Kim",
        " ",
        "\t",
        "\r\n",
        "\n",
        "\r",
        "e\u{301}",
        "\u{308}",
        "😀",
        "🇰🇷",
        "👩\u{200d}💻",
        "李",
        "ü",
        "\u{200d}",
        "👍🏽",
        "क्षि",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

/// Spans on grapheme cluster boundaries of `text`, not overlapping.
fn cluster_spans(text: &str, cuts: &[usize]) -> Vec<Annotation> {
    let bounds: Vec<usize> = text.grapheme_indices(true).map(|(b, _)| b).chain([text.len()]).collect();
    let mut at: Vec<usize> = cuts.iter().map(|c| bounds[c % bounds.len()]).collect();
    at.sort_unstable();
    at.dedup();
    at.chunks_exact(2)
        .enumerate()
        .map(|(i, w)| Annotation::new(Span::new(w[0], w[1]), Label::ALL[i % Label::ALL.len()], None, Source::ALL[i % 3]))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// doccano in every unit, Label Studio and brat give back the spans
    /// of texts full of clusters, emoji and line ends.
    #[test]
    fn tool_formats_round_trip_any_clusters(text in cluster_text(), cuts in prop::collection::vec(any::<usize>(), 0..8)) {
        let d = doc("p", &text, cluster_spans(&text, &cuts));
        let docs = std::slice::from_ref(&d);
        for unit in [OffsetUnit::Utf16, OffsetUnit::Codepoint, OffsetUnit::Grapheme] {
            let out = only(export_with(docs, Format::Doccano, &ExportOptions { offset_unit: Some(unit), ..ExportOptions::default() }).unwrap());
            let back = import_with(out.as_bytes(), "a.jsonl", &ImportOptions { offset_unit: Some(unit), ..ImportOptions::default() }).unwrap();
            prop_assert_eq!(spans(&back.docs[0].doc), spans(&d.doc), "doccano {}", unit);
        }
        let back = import(&only(export(docs, Format::LabelStudio).unwrap()), "t.json").unwrap();
        prop_assert_eq!(&back[0].doc.annotations, &d.doc.annotations);
        if !text.is_empty() {
            let back = import_pairs(&brat_files(docs));
            let lf = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
            prop_assert_eq!(&back[0].doc.text, &lf(&text));
            let got: Vec<(String, Label, Source)> = back[0].doc.annotations.iter().map(|a| (a.text(&back[0].doc.text).to_owned(), a.label, a.source)).collect();
            let want: Vec<(String, Label, Source)> = d.doc.annotations.iter().map(|a| (lf(a.text(&text)), a.label, a.source)).collect();
            prop_assert_eq!(got, want);
        }
    }
}

// The command line

/// `newsmark export` with `input` on stdin: (exit code, stdout, stderr).
fn cli(args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A command that reads files, or fails on its arguments, closes stdin unread.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn cli_offset_units_and_the_labeling_config() {
    let jsonl = only(export(&[tricky()], Format::Jsonl).unwrap());
    let dir = std::env::temp_dir().join(format!("newsmark-export-tools-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for unit in ["utf16", "codepoint", "grapheme"] {
        let (code, doccano, err) = cli(&["export", "--format", "doccano", "--offset-unit", unit], &jsonl);
        assert_eq!(code, 0, "{err}");
        let options = ExportOptions { offset_unit: Some(unit.parse().unwrap()), ..ExportOptions::default() };
        assert_eq!(doccano, only(export_with(&[tricky()], Format::Doccano, &options).unwrap()), "{unit}");
        let file = dir.join(format!("{unit}.jsonl"));
        std::fs::write(&file, &doccano).unwrap();
        let (code, back, err) = cli(&["export", "--format", "jsonl", "--input-offset-unit", unit, file.to_str().unwrap()], "");
        assert_eq!(code, 0, "{err}");
        let back = newsmark::export::read_jsonl(&back).unwrap();
        assert_eq!(spans(&back[0].1), spans(&tricky().doc), "{unit}");
    }
    let (code, _, err) = cli(&["export", "--format", "doccano", "--offset-unit", "furlong"], &jsonl);
    assert_eq!(code, 2);
    assert!(err.contains("unknown offset unit \"furlong\": expected one of byte, codepoint, utf16, grapheme"), "{err}");
    let (code, xml, err) = cli(&["export", "--format", "labelstudio-config"], &jsonl);
    assert_eq!(code, 0, "{err}");
    assert_eq!(xml, export::label_studio_config());
    let (code, _, err) = cli(&["export", "--format", "labelstudio-config", "--out", dir.to_str().unwrap()], &jsonl);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("labelstudio-config.xml")).unwrap(), export::label_studio_config());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// With `lenient`, spans that cannot be placed are left out, each with a
/// warning, and counted; without it the file fails, as every row of the
/// malformed table shows.
#[test]
fn lenient_imports_leave_out_what_cannot_be_placed() {
    let lenient = ImportOptions { lenient: true, ..ImportOptions::default() };
    let doccano = "{\"id\": \"a\", \"text\": \"😀 Kim met Lee.\", \"label\": [[3, 6, \"PER\"], [1, 4, \"ORG\"], [11, 14, \"PER\"], [12, 99, \"LOC\"], [4, 9, \"MISC\"]]}\n";
    assert_eq!(import(doccano, "a.jsonl").unwrap_err().kind(), ErrorKind::InvalidOffset);
    let read = import_with(doccano.as_bytes(), "a.jsonl", &lenient).unwrap();
    let d = &read.docs[0].doc;
    assert_eq!(d.annotations.iter().map(|a| a.text(&d.text)).collect::<Vec<_>>(), ["Kim", "Lee"]);
    let r = &read.reports[0];
    assert_eq!((r.spans, r.skipped, r.warnings.len()), (2, 3, 4), "{:?}", r.warnings);
    assert_eq!(r.warnings[3], "labels read as newsmark's: PER as PERSON (2 spans)");
    assert!(r.warnings[0].starts_with("line 1 (\"a\"): label 2 (ORG 1..4): start 1 falls inside a character"), "{}", r.warnings[0]);
    assert!(r.warnings.iter().any(|w| w.contains("label 4 (LOC 12..99): end 99 is past the end")), "{:?}", r.warnings);
    assert!(r.warnings.iter().any(|w| w.contains("label 5 (MISC \"im me\") overlaps label 1 (PERSON \"Kim\")")), "{:?}", r.warnings);

    let tasks = r#"[{"id": 1, "data": {"text": "Kim met Lee."}, "annotations": [{"result": [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "text": "Kim", "labels": ["PERSON"]}},
        {"id": "b", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 8, "end": 11, "text": "Bob", "labels": ["PERSON"]}}]}]}]"#;
    assert_eq!(import(tasks, "t.json").unwrap_err().kind(), ErrorKind::InvalidOffset);
    let read = import_with(tasks.as_bytes(), "t.json", &lenient).unwrap();
    assert_eq!(read.docs[0].doc.annotations.len(), 1);
    assert_eq!(read.reports[0].skipped, 1);
    assert_eq!(
        read.reports[0].warnings,
        ["task 1 (\"1\"): result 2 (id \"b\") (PERSON 8..11): the file says it covers \"Bob\" but the text there is \"Lee\" (left out)"]
    );
}
