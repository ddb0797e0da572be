//! The JavaScript bindings, called as the page calls them, in headless
//! Chromium:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! cargo test -p newsmark-wasm --target wasm32-unknown-unknown --test wasm
//! ```
//!
//! The tests call the `#[wasm_bindgen]` functions of this crate and look
//! at what they return as JavaScript sees it: plain JS objects, strings
//! sliced by JavaScript, and thrown values that must be real `Error`s.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use newsmark_wasm as bindings;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../../../tests/common/viterbi_check.rs"]
mod viterbi_check;

/// The WASM build decodes with SIMD (`tagger::starts`): the same paths as
/// the plain search, ties included.
/// A brat `.txt` and `.ann` imported together are one document, with the
/// value its note gives; a lone `.ann` is an `Error` that says what is missing.
#[wasm_bindgen_test]
fn brat_pairs_import_together() {
    let files = json(
        r#"[{"name": "a.txt", "content": "😀 They paid US$455 million."},
            {"name": "a.ann", "content": "T1\tMONEY 12 26\tUS$455 million\n#1\tAnnotatorNotes T1\t455,000,000 USD; source: rule\n"}]"#,
    );
    let imported = bindings::import_files(files).expect("a brat pair");
    let report = Array::from(&get(&imported, "reports")).get(0);
    assert_eq!((str_of(&report, "file"), str_of(&report, "format")), ("a.ann".into(), "brat".into()));
    assert_eq!(str_of(&report, "summary"), "a.ann (brat): 1 document, 1 span");
    let doc = Array::from(&get(&imported, "docs")).get(0);
    let span = spans(&doc)[0].clone();
    assert_eq!((num(&span, "start"), num(&span, "end"), str_of(&span, "text")), (13, 27, "US$455 million".into()));
    assert_eq!(str_of(&span, "value_display"), "455,000,000 USD");
    assert_eq!(str_of(&span, "source"), "rule");
    let lone = json(r#"[{"name": "b.ann", "content": "T1\tPERSON 0 3\tLee\n"}]"#);
    let err = bindings::import_files(lone).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert!(str_of(&err, "message").contains("needs its .txt"), "{:?}", str_of(&err, "message"));
}

/// Spans as `(start, end, label, source, value as JSON)`, UTF-16 offsets.
type Row = (u32, u32, String, String, String);

fn js_rows(doc: &JsValue) -> Vec<Row> {
    spans(doc)
        .iter()
        .map(|s| {
            let value = js_sys::JSON::stringify(&get(s, "value")).map(String::from).unwrap_or_default();
            (num(s, "start"), num(s, "end"), str_of(s, "label"), str_of(s, "source"), value)
        })
        .collect()
}

fn core_rows(text: &str, annotations: &[newsmark::Annotation]) -> Vec<Row> {
    let map = newsmark::OffsetMap::new(text);
    annotations
        .iter()
        .map(|a| {
            let (s, e) = map.span_to(a.span, newsmark::OffsetUnit::Utf16);
            // Through JS's JSON, as the bindings' values are.
            let value = match &a.value {
                Some(v) => js_sys::JSON::stringify(&json(&serde_json::to_string(v).unwrap())).map(String::from).unwrap(),
                None => "null".to_owned(),
            };
            (s as u32, e as u32, a.label.to_string(), serde_json::to_value(a.source).unwrap().as_str().unwrap().to_owned(), value)
        })
        .collect()
}

/// A news text of about 150 K UTF-16 units, its date in the first line
/// and relative dates (`on Tuesday`) all along.
fn long_text() -> String {
    let mut text = String::from("date 2022-08-10\nSEOUL -- Markets opened.\n");
    let mut i = 0;
    while text.encode_utf16().count() < 150 * 1024 {
        i += 1;
        text.push_str(&format!(
            "😀 Blender Corp. said on Tuesday it paid US$4{i} million to Lee Tae-woo in Seoul, up {i}% from a year ago. Later, Blender closed.\n"
        ));
    }
    text
}

/// A text longer than a part is annotated as the page's worker annotated it
/// before the job: cut after the first line break 128 Ki units on (or,
/// when a hand edit lies across that point, after the first line break
/// past the edit), each part annotated alone with the first part's date
/// and its own edits, and the names settled over the whole text.
#[wasm_bindgen_test]
fn a_long_text_is_annotated_in_parts_as_the_worker_did() {
    let text = long_text();
    let units: Vec<u16> = text.encode_utf16().collect();
    let nl = |from: usize| from + units[from..].iter().position(|&u| u == u16::from(b'\n')).unwrap();
    let part = 128 * 1024;
    // A hand edit across the first cut moves the cut to after the next line.
    let edit = (nl(part) - 6, nl(part) + 4);
    let cut = nl(edit.1) + 1;
    let options = json(&format!(r#"{{"edits":{{"added":[{{"start":{},"end":{},"label":"MISC"}}],"removed":[]}}}}"#, edit.0, edit.1));

    let mut job = bindings::AnnotationJob::new(text.clone(), options, None).expect("a job");
    assert!(job.in_parts());
    let mut progress = vec![];
    while !job.done() {
        progress.push(job.step());
    }
    assert_eq!(progress, vec![cut as f64 / units.len() as f64, 1.0]);
    let doc = job.finish().expect("the document");

    // By hand, with the core.
    let map = newsmark::OffsetMap::new(&text);
    let b = map.from_utf16(cut).unwrap();
    let edit_span = map.span_from(edit.0, edit.1, newsmark::OffsetUnit::Utf16).unwrap();
    let user = |span| newsmark::Annotation::new(span, newsmark::Label::Misc, None, newsmark::Source::User);
    let mut first_options = newsmark::Options::default();
    first_options.edits.added.push(user(edit_span));
    let first = newsmark::annotate(&text[..b], &first_options);
    let second = newsmark::annotate(&text[b..], &newsmark::Options { article_date: first.article_date, ..Default::default() });
    assert!(first.article_date.is_some(), "the date line's date");
    let mut all = first.annotations.clone();
    all.extend(second.annotations.iter().map(|a| {
        let mut a = a.clone();
        a.span = newsmark::Span::new(a.span.start + b, a.span.end + b);
        a
    }));
    let settled = newsmark::reconcile(&text, all, &first_options);
    assert!(settled.len() > 1000);
    assert!(settled.iter().any(|a| a.span == edit_span && a.source == newsmark::Source::User));
    assert_eq!(js_rows(&doc), core_rows(&text, &settled));
    assert_eq!(str_of(&doc, "article_date"), newsmark::date::format_ymd(first.article_date.unwrap()));
    assert_eq!(str_of(&doc, "article_date_source"), "date_line");
    assert_eq!(num(&doc, "len_utf16"), units.len() as u32);
    assert_eq!(num(&doc, "len_cp"), text.chars().count() as u32);
}

/// A text of one part gives what `annotate` gives, without progress to report.
#[wasm_bindgen_test]
fn a_short_job_is_one_annotate() {
    let text = "😀 Blender was sanctioned on Aug. 9, 2022. Later, Blender paid $5 million.";
    let mut job = bindings::AnnotationJob::new(text.to_owned(), json(r#"{"article_date":"2022-08-10"}"#), None).unwrap();
    assert!(!job.in_parts());
    assert_eq!(job.step(), 1.0);
    assert!(job.done());
    let got = job.finish().unwrap();
    let want = bindings::annotate(text, json(r#"{"article_date":"2022-08-10"}"#)).unwrap();
    assert_eq!(js_rows(&got), js_rows(&want));
    for key in ["article_date", "article_date_source"] {
        assert_eq!(str_of(&got, key), str_of(&want, key));
    }
    // Bad options throw as annotate's do; an edit off the text names its whole-text offsets.
    let err = bindings::AnnotationJob::new(text.to_owned(), json(r#"{"edits":{"added":[{"start":3,"end":999,"label":"ORG"}]}}"#), None);
    let Err(err) = err else { panic!("an edit off the text") };
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(str_of(&err, "name"), "InvalidOffsetError");
    assert!(str_of(&err, "message").starts_with("edit 3..999 lies outside the text"), "{}", str_of(&err, "message"));
}

/// A job stepped with an adapter gives what the adapter gives: at once for
/// a text of one part; in parts, with its labels settled across them.
#[wasm_bindgen_test]
fn a_job_with_an_adapter_gives_the_adapters_names() {
    bindings::define_labels(json(r#"[{"name":"WEAPON","kind":"none"}]"#)).unwrap();
    let mut adapter = bindings::Adapter::new(json(r#"["PERSON","ORG","LOC","MISC","WEAPON"]"#)).unwrap();
    for text in
        ["Rebels fired a Kornet at the convoy near Aleppo.", "Army units said a Kornet hit the bridge.", "A Kornet was found in the truck."]
    {
        // As the page learns a document marked done: the model's marks, and
        // the user's in place of the one at `Kornet`.
        let at = utf16_index(text, "Kornet");
        let mut marks: Vec<String> = spans(&bindings::annotate(text, JsValue::UNDEFINED).unwrap())
            .iter()
            .filter(|s| num(s, "start") != at)
            .map(|s| format!(r#"{{"start":{},"end":{},"label":"{}"}}"#, num(s, "start"), num(s, "end"), str_of(s, "label")))
            .collect();
        marks.push(format!(r#"{{"start":{at},"end":{},"label":"WEAPON"}}"#, at + 6));
        adapter.learn(text, json(&format!("[{}]", marks.join(",")))).unwrap();
    }
    let text = "Witnesses said a Kornet struck the depot near Hama.\nLater, a Kornet was seen in Homs.";
    let mut job = bindings::AnnotationJob::new(text.to_owned(), JsValue::UNDEFINED, None).unwrap();
    assert_eq!(job.step_with(&adapter), 1.0);
    let got = job.finish().unwrap();
    let want = adapter.annotate(text, JsValue::UNDEFINED).unwrap();
    assert_eq!(js_rows(&got), js_rows(&want));
    let weapons =
        |doc: &JsValue| spans(doc).iter().filter(|s| str_of(s, "label") == "WEAPON").map(|s| str_of(s, "text")).collect::<Vec<_>>();
    assert_eq!(weapons(&want), ["Kornet", "Kornet"], "{:?}", js_rows(&want));
    // In parts: the adapter's label in each.
    let mut job = bindings::AnnotationJob::new(text.to_owned(), JsValue::UNDEFINED, Some(30)).unwrap();
    while !job.done() {
        job.step_with(&adapter);
    }
    assert_eq!(weapons(&job.finish().unwrap()), ["Kornet", "Kornet"]);
}

/// Names are settled across parts: a name the model marks in one part is
/// marked in another where it was not.
#[wasm_bindgen_test]
fn a_job_settles_names_across_parts() {
    let text = "😀 Blender was sanctioned.\nLater, Blender closed.";
    let mut job = bindings::AnnotationJob::new(text.to_owned(), JsValue::UNDEFINED, Some(20)).unwrap();
    assert!(job.in_parts());
    let first = job.step();
    assert_eq!(first, utf16_index(text, "Later") as f64 / text.encode_utf16().count() as f64);
    let doc = job.finish().unwrap();
    let marked: Vec<(u32, String)> = spans(&doc).iter().map(|s| (num(s, "start"), str_of(s, "text"))).collect();
    assert!(marked.contains(&(utf16_index(text, "Blender closed"), "Blender".into())), "{marked:?}");
}

/// An edit is checked before the page applies it: offsets, label, value.
#[wasm_bindgen_test]
fn validate_edit_refuses_what_the_core_would() {
    let text = "😀 It paid $5 million in 1999.";
    let at = |needle: &str| {
        let s = utf16_index(text, needle);
        (s, s + needle.encode_utf16().count() as u32)
    };
    let edit = |(s, e): (u32, u32), label: &str, value: &str| {
        bindings::validate_edit(text, json(&format!(r#"{{"start":{s},"end":{e},"label":"{label}","value":{value}}}"#)))
    };
    assert!(edit(at("$5 million"), "MONEY", r#"{"amount": 5000000, "currency": "USD"}"#).is_ok());
    assert!(edit(at("1999"), "DATE", r#""1999""#).is_ok());
    assert!(edit(at("1999"), "CARDINAL", "1999").is_ok());
    assert!(edit(at("It"), "PERSON", "null").is_ok());
    // A whole span as the bindings return it will do.
    let doc = bindings::annotate(text, JsValue::UNDEFINED).unwrap();
    for s in spans(&doc) {
        assert!(bindings::validate_edit(text, s).is_ok());
    }
    let refused = |r: Result<(), JsValue>, name: &str, needle: &str| {
        let err: js_sys::Error = r.expect_err("refused").dyn_into().expect("a real JS Error");
        assert_eq!(String::from(err.name()), name);
        let message = String::from(err.message());
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    };
    refused(edit((1, 3), "MISC", "null"), "InvalidOffsetError", "1..3");
    refused(edit((3, 999), "MISC", "null"), "InvalidOffsetError", "3..999");
    refused(edit((3, 3), "MISC", "null"), "InvalidOffsetError", "empty");
    refused(edit(at("1999"), "YEAR", "null"), "InvalidLabelError", "YEAR");
    // Values are checked for the label, with messages in words (issue 14:
    // a wrongly shaped value said "did not match any variant of untagged enum").
    refused(edit(at("1999"), "DATE", r#"{"amount": "lots"}"#), "InvalidValueError", "a date is written in TIMEX form as text");
    refused(edit(at("1999"), "DATE", "1999"), "InvalidValueError", "a date is written in TIMEX form as text");
    refused(edit(at("1999"), "DATE", r#""banana""#), "InvalidValueError", "“banana” is not a year");
    refused(edit(at("$5 million"), "MONEY", "5"), "InvalidValueError", "a money value needs an amount and a currency");
    refused(
        edit(at("$5 million"), "MONEY", r#"{"amount": "banana", "currency": "USD"}"#),
        "InvalidValueError",
        "an amount must be a number: “banana”",
    );
    refused(edit(at("$5 million"), "MONEY", r#"{"amount": 5, "currency": "XYZ"}"#), "InvalidValueError", "unknown currency code “XYZ”");
    refused(edit(at("It"), "PERSON", r#""x""#), "InvalidValueError", "a PERSON mark takes no value");
    refused(bindings::validate_edit(text, JsValue::UNDEFINED), "TypeError", "edit");
}

/// A value typed by hand comes back as the core keeps it, with its words;
/// a wrong one is an `Error` that says what is wrong.
#[wasm_bindgen_test]
fn check_value_normalizes_and_tells_in_words() {
    let ok = bindings::check_value("MONEY", json(r#"{"amount": "455,000,000", "currency": "usd", "qualifier": "more than"}"#)).unwrap();
    let value = js_sys::JSON::stringify(&get(&ok, "value")).map(String::from).unwrap();
    assert_eq!(value, r#"{"amount":455000000,"currency":"USD","qualifier":"more than"}"#);
    assert_eq!(str_of(&ok, "words"), "455,000,000 USD (more than)");
    let date = bindings::check_value("DATE", json(r#""xxxx-wxx-5""#)).unwrap();
    assert_eq!((str_of(&date, "display"), str_of(&date, "words")), ("XXXX-WXX-5".into(), "a Friday (no article date)".into()));
    let err: js_sys::Error = bindings::check_value("CARDINAL", json(r#""banana""#)).unwrap_err().dyn_into().unwrap();
    assert_eq!(String::from(err.name()), "InvalidValueError");
    assert_eq!(String::from(err.message()), "a count must be a number: “banana”");
    let vocabulary = bindings::value_vocabulary().unwrap();
    assert!(Array::from(&get(&vocabulary, "currencies")).length() > 150);
}

/// The page's documents go to the exporters as annotate returns them, plus
/// an id and the text: UTF-16 offsets, no other shape.
#[wasm_bindgen_test]
fn exports_take_the_documents_as_annotate_returns_them() {
    let text = "😀 Jose\u{301} paid US$455 million in 東京.";
    let doc = bindings::annotate(text, JsValue::UNDEFINED).unwrap();
    Reflect::set(&doc, &"id".into(), &"a".into()).unwrap();
    Reflect::set(&doc, &"text".into(), &text.into()).unwrap();
    let files = bindings::export_documents(Array::of1(&doc).into(), "jsonl", JsValue::UNDEFINED).expect("export");
    let content = str_of(&Array::from(&files).get(0), "content");
    let record: serde_json::Value = serde_json::from_str(content.trim()).unwrap();
    let money = record["spans"].as_array().unwrap().iter().find(|s| s["label"] == "MONEY").expect("MONEY");
    // Code points in the export: Python's text[start:end].
    let start = text.chars().position(|c| c == 'U').unwrap();
    assert_eq!((money["start"].as_u64(), money["text"].as_str()), (Some(start as u64), Some("US$455 million")));
    // A span whose text is not at its offsets is refused, naming the document.
    let bad = json(&format!(
        r#"[{{"id":"b","text":{},"spans":[{{"start":0,"end":2,"label":"MISC","text":"no"}}]}}]"#,
        serde_json::to_string(text).unwrap()
    ));
    assert_js_error(bindings::export_documents(bad, "json", JsValue::UNDEFINED), "document 1");
}

#[wasm_bindgen_test]
fn viterbi_with_simd_matches_the_plain_search() {
    viterbi_check::viterbi_matches_the_plain_search();
}

#[wasm_bindgen(inline_js = "export function utf16Slice(s, a, b) { return s.slice(a, b); }")]
extern "C" {
    /// JavaScript's own `String.prototype.slice`, which counts UTF-16 units.
    #[wasm_bindgen(js_name = utf16Slice)]
    fn utf16_slice(s: &str, start: u32, end: u32) -> String;
}

fn json(s: &str) -> JsValue {
    js_sys::JSON::parse(s).expect("test JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn num(v: &JsValue, key: &str) -> u32 {
    get(v, key).as_f64().unwrap_or_else(|| panic!("{key} is not a number")) as u32
}

fn str_of(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

fn spans(doc: &JsValue) -> Vec<JsValue> {
    Array::from(&get(doc, "spans")).iter().collect()
}

/// Text where UTF-16, code point and byte offsets all differ: emoji (a
/// surrogate pair), CJK, a combining accent, a flag (two code points).
const TEXT: &str = "😀 東京 Jose\u{301} 🇰🇷 met Lee Tae-woo in Seoul 👍🏽 on Aug. 9.";

fn utf16_index(text: &str, needle: &str) -> u32 {
    let byte = text.find(needle).expect("needle in text");
    text[..byte].encode_utf16().count() as u32
}

fn cp_index(text: &str, needle: &str) -> u32 {
    let byte = text.find(needle).expect("needle in text");
    text[..byte].chars().count() as u32
}

#[wasm_bindgen_test]
fn user_spans_come_back_with_utf16_and_codepoint_offsets() {
    let targets = ["東京", "Jose\u{301}", "🇰🇷", "Lee Tae-woo", "👍🏽"];
    let added: Vec<String> = targets
        .iter()
        .map(|t| {
            let s = utf16_index(TEXT, t);
            let e = s + t.encode_utf16().count() as u32;
            format!(r#"{{"start":{s},"end":{e},"label":"MISC"}}"#)
        })
        .collect();
    let options = json(&format!(r#"{{"edits":{{"added":[{}],"removed":[]}}}}"#, added.join(",")));
    let doc = bindings::annotate(TEXT, options).expect("annotate");
    assert_eq!(num(&doc, "len_utf16"), TEXT.encode_utf16().count() as u32);
    assert_eq!(num(&doc, "len_cp"), TEXT.chars().count() as u32);
    for t in targets {
        let span = spans(&doc).into_iter().find(|s| str_of(s, "text") == t).unwrap_or_else(|| panic!("no span for {t:?}"));
        assert_eq!(str_of(&span, "source"), "user");
        assert_eq!(num(&span, "start"), utf16_index(TEXT, t), "{t}: UTF-16 start");
        assert_eq!(num(&span, "start_cp"), cp_index(TEXT, t), "{t}: code point start");
        assert_eq!(num(&span, "end_cp") - num(&span, "start_cp"), t.chars().count() as u32);
        // JavaScript's own slicing agrees.
        assert_eq!(utf16_slice(TEXT, num(&span, "start"), num(&span, "end")), t);
    }
}

#[wasm_bindgen_test]
fn recognized_spans_slice_right_in_javascript() {
    let text = "😀😀 東京: more than US$455 million on Aug. 9, 2022, said Jose\u{301} 👍🏽.";
    let doc = bindings::annotate(text, JsValue::UNDEFINED).expect("annotate");
    let all = spans(&doc);
    for s in &all {
        assert_eq!(utf16_slice(text, num(s, "start"), num(s, "end")), str_of(s, "text"));
        let cp: String = text.chars().skip(num(s, "start_cp") as usize).take((num(s, "end_cp") - num(s, "start_cp")) as usize).collect();
        assert_eq!(cp, str_of(s, "text"));
    }
    let money = all.iter().find(|s| str_of(s, "label") == "MONEY").expect("a MONEY span");
    assert_eq!(str_of(money, "text"), "US$455 million");
    assert_eq!(num(money, "start"), utf16_index(text, "US$455"));
    assert_eq!(str_of(money, "value_display"), "455,000,000 USD (more than)");
}

/// Asserts that `result` is a thrown JS `Error` whose message contains `needle`.
fn assert_js_error(result: Result<JsValue, JsValue>, needle: &str) {
    let err = result.expect_err("an error");
    let err: js_sys::Error = err.dyn_into().expect("a real JS Error");
    let message: String = err.message().into();
    assert!(message.contains(needle), "message {message:?} lacks {needle:?}");
}

#[wasm_bindgen_test]
fn bad_input_throws_errors() {
    assert_js_error(bindings::annotate("text", json(r#"{"article_date":"2022-13-45"}"#)), "2022-13-45");
    // A misspelled option is an error, not a silent default (serde-wasm-bindgen
    // reads only the fields it knows).
    assert_js_error(bindings::annotate("text", json(r#"{"nope":1}"#)), "nope");
    assert_js_error(bindings::annotate("text", json(r#"{"articleDate":"2022-08-10"}"#)), "articleDate");
    assert_js_error(bindings::annotate("text", json(r#"{"edits":{"add":[]}}"#)), "add");
    assert!(bindings::AnnotationJob::new("text".into(), json(r#"{"nope":1}"#), None).is_err());
    assert!(bindings::annotate("text", json(r#"{"include_text":true,"edits":{"added":[],"removed":[]}}"#)).is_ok());
    assert_js_error(bindings::annotate("text", json(r#"{"labels":["PERSON","NOPE"]}"#)), "NOPE");
    // An edit inside the surrogate pair of 😀.
    assert_js_error(bindings::annotate("😀 x", json(r#"{"edits":{"added":[{"start":1,"end":3,"label":"MISC"}]}}"#)), "1..3");
    assert_js_error(bindings::annotate("text", json(r#"{"edits":{"added":[{"start":0,"end":4,"label":"FOO"}]}}"#)), "FOO");
    assert_js_error(bindings::import_file("{not json", "bad.json"), "bad.json");
    assert_js_error(bindings::import_file("a,b", "x.xlsx"), "x.xlsx");
    assert_js_error(bindings::export_documents(json("[]"), "nope", JsValue::UNDEFINED), "nope");
}

#[wasm_bindgen_test]
fn exports_import_back_with_offsets_in_their_units() {
    let text = "😀 Jose\u{301} met Lee Tae-woo in 東京.";
    let s = utf16_index(text, "Lee");
    let e = s + "Lee Tae-woo".len() as u32;
    let t = utf16_index(text, "東京");
    let record = format!(
        r#"[{{"id":"a","text":{},"offset_unit":"utf16","spans":[{{"start":{s},"end":{e},"label":"PERSON","source":"user"}},{{"start":{t},"end":{},"label":"LOC","source":"user"}}]}}]"#,
        serde_json::to_string(text).unwrap(),
        t + 2
    );
    let formats: Vec<JsValue> = Array::from(&bindings::formats().unwrap()).iter().collect();
    for f in formats.iter().filter(|f| get(f, "can_import").as_bool() == Some(true)) {
        let id = str_of(f, "id");
        if id == "text" {
            continue;
        }
        let files = bindings::export_documents(json(&record), &id, JsValue::UNDEFINED).expect("export");
        let file = Array::from(&files).get(0);
        // importFiles takes the content as exported: a string, or bytes (the DocBin).
        let one = Array::of1(&file);
        let back = get(&bindings::import_files(one.into()).expect(&id), "docs");
        let doc = Array::from(&back).get(0);
        if id == "conll" || id == "hf" {
            // Token formats rebuild the text from the tokens, one space apart
            // (東京 is two tokens): the marks come back on the same words.
            let got: Vec<(String, String)> = spans(&doc)
                .iter()
                .map(|s| (str_of(s, "text").split_whitespace().collect::<Vec<_>>().join(" "), str_of(s, "label")))
                .collect();
            assert_eq!(got, vec![("Lee Tae-woo".into(), "PERSON".into()), ("東 京".into(), "LOC".into())], "{id}");
            continue;
        }
        assert_eq!(str_of(&doc, "text"), text, "{id}");
        let got: Vec<(u32, u32, String)> = spans(&doc).iter().map(|s| (num(s, "start"), num(s, "end"), str_of(s, "label"))).collect();
        assert_eq!(got, vec![(s, e, "PERSON".into()), (t, t + 2, "LOC".into())], "{id}");
    }
}

/// `tokens` as JavaScript gets it: a `Uint32Array` of UTF-16 offsets that
/// slice the core's tokens out of the string, past an emoji (two units)
/// and a combining accent; `name.io` is one token.
#[wasm_bindgen_test]
fn tokens_are_utf16_offsets_javascript_slices_with() {
    let text = "😀 Jose\u{301} joined Korvath.io in 東京.";
    let bounds = js_sys::Uint32Array::from(JsValue::from(bindings::tokens(text))).to_vec();
    let js = JsValue::from_str(text);
    let js: &js_sys::JsString = js.unchecked_ref();
    let pieces: Vec<String> = bounds.chunks(2).map(|p| String::from(js.slice(p[0], p[1]))).collect();
    let core: Vec<&str> = newsmark::tokenize::tokenize(text).iter().map(|t| t.text(text)).collect();
    assert_eq!(pieces, core);
    assert!(pieces.contains(&"Korvath.io".to_owned()), "{pieces:?}");
    assert_eq!(bounds[..2], [0, 2], "the emoji is two UTF-16 units");
    assert_eq!(*bounds.last().unwrap(), js.length());
}

/// A binary export (spaCy's DocBin) reaches JavaScript as a `Uint8Array`
/// that starts with zlib's header, and importFiles reads those bytes back.
#[wasm_bindgen_test]
fn docbin_exports_bytes_and_imports_them() {
    let record = r#"[{"id":"a","text":"😀 Lee met Kim.","offset_unit":"codepoint","spans":[{"start":2,"end":5,"label":"PERSON","source":"model"}]}]"#;
    let files = bindings::export_documents(json(record), "docbin", JsValue::UNDEFINED).expect("export");
    let file = Array::from(&files).get(0);
    let content = get(&file, "content");
    assert!(content.is_instance_of::<js_sys::Uint8Array>());
    let bytes = js_sys::Uint8Array::from(content).to_vec();
    assert_eq!(bytes[0], 0x78);
    let imported = bindings::import_files(Array::of1(&file).into()).expect("import");
    let doc = Array::from(&get(&imported, "docs")).get(0);
    let span = spans(&doc)[0].clone();
    assert_eq!((num(&span, "start"), num(&span, "end"), str_of(&span, "source")), (3, 6, "model".into()));
    let report = Array::from(&get(&imported, "reports")).get(0);
    assert_eq!(str_of(&report, "format"), "docbin");
}

#[wasm_bindgen_test]
fn labels_of_the_users_own_are_defined_then_used_like_built_in_ones() {
    let text = "Rebels fired a Kornet missile at the base.";
    let edit = json(r#"{"edits":{"added":[{"start":15,"end":29,"label":"ATGM"}]}}"#);
    // Unknown until defined.
    assert_js_error(bindings::annotate(text, edit.clone()), "ATGM");
    let names =
        bindings::define_labels(json(r#"[{"name":"Atgm"},{"name":"ROUND_PRICE","kind":"money"},{"name":"person"}]"#)).expect("defined");
    assert_eq!(js_sys::JSON::stringify(&names).unwrap().as_string().unwrap(), r#"["Atgm","ROUND_PRICE","PERSON"]"#);
    let doc = bindings::annotate(text, edit).expect("annotate");
    let mark = spans(&doc).into_iter().find(|s| str_of(s, "text") == "Kornet missile").expect("the hand mark");
    assert_eq!(str_of(&mark, "label"), "Atgm");
    assert_eq!(str_of(&mark, "source"), "user");
    // A name that no format could carry, and a kind that is not one, are refused.
    assert_js_error(bindings::define_labels(json(r#"[{"name":"TWO WORDS"}]"#)), "TWO WORDS");
    assert_js_error(bindings::define_labels(json(r#"[{"name":"X","kind":"banana"}]"#)), "banana");
    // The page's set is the truth: a label made again with another kind
    // of value (deleted, then added as a date) is the new one from then on.
    bindings::define_labels(json(r#"[{"name":"Atgm","kind":"date"}]"#)).expect("made again as a date");
    let edit = |value: &str| bindings::validate_edit(text, json(&format!(r#"{{"start":15,"end":29,"label":"ATGM","value":{value}}}"#)));
    assert!(edit(r#""2022-08-09""#).is_ok(), "ATGM takes dates now");
    assert_js_error(edit(r#"{"amount": 5, "currency": "USD"}"#).map(|()| JsValue::UNDEFINED), "date");
    // What the page tells its formats module: each name once, as it reads
    // now (other tests of this module define labels too).
    let defined = js_sys::Array::from(&bindings::defined_labels().expect("defined labels"));
    let kinds: Vec<(String, String)> = defined.iter().map(|d| (str_of(&d, "name"), str_of(&d, "kind"))).collect();
    assert_eq!(kinds.iter().filter(|(n, _)| n == "Atgm").collect::<Vec<_>>(), [&("Atgm".to_owned(), "date".to_owned())]);
    assert!(kinds.contains(&("ROUND_PRICE".to_owned(), "money".to_owned())), "{kinds:?}");
    assert!(!kinds.iter().any(|(n, _)| n == "PERSON"), "built-in labels are not the user's");
}

#[wasm_bindgen_test]
fn a_label_set_file_is_read_whole_or_refused() {
    let read = bindings::read_label_set(
        r##"{"schema":"newsmark-labels/1","builtins":{"DATE":false},"labels":[{"name":"Frigate","kind":"none","color":"#3A7A9C","key":"f"}]}"##,
    )
    .expect("read");
    let text = js_sys::JSON::stringify(&read).unwrap().as_string().unwrap();
    assert!(text.contains(r#""DATE":false"#) && text.contains(r##""color":"#3a7a9c""##) && text.contains(r#""name":"Frigate""#), "{text}");
    assert_js_error(bindings::read_label_set(r#"{"schema":"newsmark-labels/1","labels":[{"name":"TWO WORDS"}]}"#), "TWO WORDS");
    assert_js_error(bindings::read_label_set("not json"), "JSON");
}

#[wasm_bindgen_test]
fn csv_for_spreadsheets_guards_formulas_when_the_page_asks() {
    let record = r#"[{"id":"d","text":"=HYPERLINK(1) said Kim.","spans":[{"start":0,"end":13,"label":"MISC"}]}]"#;
    let content = |options: &str| {
        let files = bindings::export_documents(json(record), "csv", json(options)).expect("export");
        str_of(&Array::from(&files).get(0), "content")
    };
    let plain = content("{}");
    assert!(plain.contains(",=HYPERLINK(1),"), "{plain}");
    let guarded = content(r#"{"formula_guard":true,"bom":true}"#);
    assert!(guarded.starts_with('\u{feff}') && guarded.contains(",'=HYPERLINK(1),"), "{guarded}");
    assert_js_error(bindings::export_documents(json(record), "csv", json(r#"{"guard":true}"#)), "guard");
    assert_js_error(bindings::export_documents(json(record), "conll", json(r#"{"scheme":"bio9"}"#)), "bio9");
}

/// exportDocuments' `labels` option: the project's label set (its labels
/// defined) reaches the Label Studio config in its colors; a bad set is an
/// error naming what is wrong.
#[wasm_bindgen_test]
fn export_carries_the_label_set() {
    let set = r##"{"labels": {"schema": "newsmark-labels/1", "builtins": {"ORDINAL": false},
        "labels": [{"name": "WASM_WEAPON", "kind": "none", "color": "#d65f5f"}]}}"##;
    let files = bindings::export_documents(json("[]"), "labelstudio-config", json(set)).expect("export");
    let content = js_sys::Reflect::get(&js_sys::Array::from(&files).get(0), &JsValue::from_str("content")).unwrap().as_string().unwrap();
    assert!(content.contains(r##"<Label value="WASM_WEAPON" background="#d65f5f"/>"##), "{content}");
    assert!(!content.contains("\"ORDINAL\""), "{content}");
    let bad = r##"{"labels": {"schema": "newsmark-labels/1", "labels": [{"name": "BAD NAME", "color": "#d65f5f"}]}}"##;
    assert_js_error(bindings::export_documents(json("[]"), "labelstudio-config", json(bad)), "BAD NAME");
}
