//! Values told in words and hand-typed values checked, table-driven:
//!
//! - `tests/data/values_describe.tsv`: `label`, value (JSON), words
//!   ([`Value::describe`]);
//! - `tests/data/values_check.tsv`: `label`, the value as the page sends it
//!   (JSON), `ok` and the value kept, or `error` and (a part of) the message
//!   ([`newsmark::value_check::check`]).
//!
//! And the two agree with the recognizers: every value newsmark writes, on
//! the inputs of the amounts and dates tables and the seeds, passes the
//! check unchanged, and every DATE and TIME value it writes is read as
//! TIMEX3 (told in words, not given back as written).

mod common;

use newsmark::value::timex;
use newsmark::value_check::check;
use newsmark::{annotate, ErrorKind, Label, Options, Value};
use serde_json::Value as Json;
use std::path::Path;
use std::str::FromStr;

/// The non-comment lines of a data file, with their line numbers, split at tabs.
fn rows(name: &str) -> Vec<(usize, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_owned).collect()))
        .collect()
}

fn json(line: usize, s: &str) -> Json {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("line {line}: {s} is not JSON: {e}"))
}

#[test]
fn values_read_in_words() {
    let mut failures = Vec::new();
    let table = rows("values_describe.tsv");
    assert!(table.len() > 50, "the table lost its rows");
    for (line, cols) in table {
        let [label, value, words] = cols.as_slice() else { panic!("line {line}: three columns expected, got {cols:?}") };
        let label = Label::from_str(label).unwrap();
        let value: Value = serde_json::from_value(json(line, value)).unwrap();
        let got = value.describe(label);
        if &got != words {
            failures.push(format!("line {line}: {label} {value:?}: expected “{words}”, got “{got}”"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hand_typed_values_are_checked_in_words() {
    let mut failures = Vec::new();
    for (line, cols) in rows("values_check.tsv") {
        let [label, raw, outcome, expected] = cols.as_slice() else { panic!("line {line}: four columns expected, got {cols:?}") };
        let label = Label::from_str(label).unwrap();
        let got = check(label, &json(line, raw));
        match (outcome.as_str(), got) {
            ("ok", Ok(v)) => {
                let want: Option<Value> = serde_json::from_value(json(line, expected)).unwrap();
                if v != want {
                    failures.push(format!("line {line}: {label} {raw}: expected {want:?}, got {v:?}"));
                }
            }
            ("error", Err(e)) => {
                if e.kind() != ErrorKind::InvalidValue || !e.message().contains(expected.as_str()) {
                    failures.push(format!(
                        "line {line}: {label} {raw}: expected an error with “{expected}”, got {:?}: “{}”",
                        e.kind(),
                        e.message()
                    ));
                }
            }
            (want, got) => failures.push(format!("line {line}: {label} {raw}: expected {want} {expected}, got {got:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every input text of the amounts and dates tables, and the seeds when the
/// shared data is there.
fn texts() -> Vec<(String, Option<newsmark::NaiveDate>)> {
    let mut out = Vec::new();
    for file in ["amount_money.tsv", "amount_percent.tsv", "amount_quantity.tsv", "amount_cardinal.tsv", "amount_ordinal.tsv", "dates.tsv"]
    {
        for (_, cols) in rows(file) {
            let date = (file == "dates.tsv").then(|| cols.get(1).and_then(|d| newsmark::date::parse_ymd(d).ok())).flatten();
            out.push((cols[0].clone(), date));
        }
    }
    if let Some(shared) = common::shared_dir("values_agree_with_the_recognizers") {
        for entry in std::fs::read_dir(shared.join("seeds")).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "txt") {
                out.push((std::fs::read_to_string(entry.path()).unwrap(), None));
            }
        }
    }
    out
}

#[test]
fn values_agree_with_the_recognizers() {
    let mut failures = Vec::new();
    let mut seen = 0;
    for (text, article_date) in texts() {
        let options = Options { article_date, ..Options::default() };
        for a in annotate(&text, &options).annotations {
            let Some(v) = &a.value else { continue };
            seen += 1;
            let raw = serde_json::to_value(v).unwrap();
            match check(a.label, &raw) {
                Ok(Some(back)) if back.matches(v) => {}
                other => failures.push(format!("{} “{}” {raw}: the check says {other:?}", a.label, a.text(&text))),
            }
            if let Value::Timex(t) = v {
                if let Err(e) = timex::parse(t) {
                    failures.push(format!("{} “{}”: {t} is not read as TIMEX3: {e}", a.label, a.text(&text)));
                }
            }
        }
    }
    assert!(seen > 300, "only {seen} values seen");
    assert!(failures.is_empty(), "{} of {seen} values:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_vocabulary_is_what_the_check_takes() {
    let v = newsmark::value_check::vocabulary();
    assert!(v.currencies.len() > 150, "{} currencies", v.currencies.len());
    for (code, _) in &v.currencies {
        let raw = serde_json::json!({"amount": 1, "currency": code});
        assert!(check(Label::Money, &raw).is_ok(), "{code}");
    }
    for q in &v.qualifiers {
        let raw = serde_json::json!({"amount": 1, "currency": "USD", "qualifier": q});
        assert!(check(Label::Money, &raw).is_ok(), "{q}");
    }
    for u in &v.units {
        let raw = serde_json::json!({"amount": 1, "unit": u});
        assert_eq!(check(Label::Quantity, &raw).unwrap(), Some(Value::Quantity { amount: 1.0, unit: (*u).into(), qualifier: None }), "{u}");
    }
}

proptest::proptest! {
    /// Whatever is typed, the check answers (a value or an error in words)
    /// and the words of a TIMEX-like string are given, without a panic.
    #[test]
    fn any_typed_value_is_answered(s in "[0-9XWQHSUFAIEPTMDYCNO:+#/._ -]{0,16}|\\PC{0,12}") {
        for label in [Label::Date, Label::Time, Label::Cardinal, Label::Ordinal, Label::Percent] {
            match check(label, &Json::String(s.clone())) {
                Ok(Some(v)) => { let _ = v.describe(label); }
                Ok(None) => {}
                Err(e) => proptest::prop_assert!(!e.message().is_empty()),
            }
        }
        let _ = Value::Timex(s.clone()).describe(Label::Date);
        let money = serde_json::json!({"amount": s.clone(), "currency": s.clone(), "qualifier": s.clone()});
        let _ = check(Label::Money, &money);
    }
}
