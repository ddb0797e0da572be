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
    let docs = bindings::import_files(files).expect("a brat pair");
    let doc = Array::from(&docs).get(0);
    let span = spans(&doc)[0].clone();
    assert_eq!((num(&span, "start"), num(&span, "end"), str_of(&span, "text")), (13, 27, "US$455 million".into()));
    assert_eq!(str_of(&span, "value_display"), "455,000,000 USD");
    assert_eq!(str_of(&span, "source"), "rule");
    let lone = json(r#"[{"name": "b.ann", "content": "T1\tPERSON 0 3\tLee\n"}]"#);
    let err = bindings::import_files(lone).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert!(str_of(&err, "message").contains("needs its .txt"), "{:?}", str_of(&err, "message"));
}

/// Spans of parts, settled over the whole text: the name's other mention
/// is marked; a span off the text is an `Error` that says so.
#[wasm_bindgen_test]
fn reconcile_marks_a_name_across_parts() {
    let text = "😀 Blender was sanctioned. Later, Blender closed.";
    let parts = r#"[{"start": 3, "end": 10, "label": "ORG", "source": "model", "text": "Blender", "value": null}]"#;
    let doc = bindings::reconcile(text, parts, JsValue::UNDEFINED).expect("reconcile");
    let got: Vec<(u32, String)> = spans(&doc).iter().map(|s| (num(s, "start"), str_of(s, "label"))).collect();
    let second = utf16_index(text, "Blender closed");
    assert_eq!(got, vec![(3, "ORG".into()), (second, "ORG".into())]);
    let off = r#"[{"start": 3, "end": 999, "label": "ORG"}]"#;
    let err = bindings::reconcile(text, off, JsValue::UNDEFINED).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert!(str_of(&err, "message").starts_with("span 3..999 lies outside the text"), "{}", str_of(&err, "message"));
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

#[wasm_bindgen_test]
fn labels_have_names_colors_and_shortcuts() {
    let labels = bindings::labels().expect("labels");
    let labels: Vec<JsValue> = Array::from(&labels).iter().collect();
    assert_eq!(labels.len(), 11);
    assert_eq!(str_of(&labels[0], "label"), "PERSON");
    for l in &labels {
        assert!(str_of(l, "color").starts_with('#'));
        assert_eq!(str_of(l, "shortcut").chars().count(), 1);
        assert!(!str_of(l, "name").is_empty());
    }
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
    assert_js_error(bindings::annotate("text", json(r#"{"labels":["PERSON","NOPE"]}"#)), "NOPE");
    // An edit inside the surrogate pair of 😀.
    assert_js_error(bindings::annotate("😀 x", json(r#"{"edits":{"added":[{"start":1,"end":3,"label":"MISC"}]}}"#)), "1..3");
    assert_js_error(bindings::annotate("text", json(r#"{"edits":{"added":[{"start":0,"end":4,"label":"FOO"}]}}"#)), "FOO");
    assert_js_error(bindings::import_file("{not json", "bad.json"), "bad.json");
    assert_js_error(bindings::import_file("a,b", "x.xlsx"), "x.xlsx");
    assert_js_error(bindings::export_documents(json("[]"), "nope"), "nope");
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
        let files = bindings::export_documents(json(&record), &id).expect("export");
        let file = Array::from(&files).get(0);
        let back = bindings::import_file(&str_of(&file, "content"), &str_of(&file, "name")).expect(&id);
        let doc = Array::from(&back).get(0);
        assert_eq!(str_of(&doc, "text"), text, "{id}");
        let got: Vec<(u32, u32, String)> = spans(&doc).iter().map(|s| (num(s, "start"), num(s, "end"), str_of(s, "label"))).collect();
        assert_eq!(got, vec![(s, e, "PERSON".into()), (t, t + 2, "LOC".into())], "{id}");
    }
}
