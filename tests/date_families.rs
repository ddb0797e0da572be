//! Date families of issue 15, table-driven from `tests/data/date_*.tsv`
//! (one file a family), in the format of `tests/dates.rs`:
//!
//! ```text
//! input <TAB> article date (YYYY-MM-DD, or `-` for none) <TAB> span <TAB> LABEL <TAB> value
//! ```
//!
//! Consecutive lines with the same input and date form one case: the DATE
//! and TIME annotations of the input must be exactly the listed spans, with
//! their labels and values, in text order. A span of `-` says the input has
//! no DATE or TIME at all. Each family prints its pass rate (span and
//! value); each must reach 95%. Every value a table expects must pass the
//! value check the page applies to a hand-given value.

use newsmark::{annotate_amounts_and_dates, Label, NaiveDate, Value};
use std::path::Path;

/// The lowest pass rate a family may have, in percent.
const FLOOR: f64 = 95.0;

struct Case {
    line: usize,
    input: String,
    date: Option<NaiveDate>,
    expected: Vec<(String, String, String)>,
}

fn load(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let file = path.display().to_string();
    let mut cases: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "{file}:{}: expected at least 3 tab-separated columns", n + 1);
        let input = cols[0].replace("\\n", "\n");
        let date = match cols[1] {
            "-" | "" => None,
            d => Some(newsmark::date::parse_ymd(d).unwrap_or_else(|e| panic!("{file}:{}: bad date {d}: {e}", n + 1))),
        };
        let expected = if cols[2] == "-" {
            None
        } else {
            assert!(cols.len() == 5, "{file}:{}: expected 5 columns", n + 1);
            Some((cols[2].to_string(), cols[3].to_string(), cols[4].to_string()))
        };
        match cases.last_mut() {
            Some(c) if c.input == input && c.date == date && expected.is_some() && !c.expected.is_empty() => c.expected.extend(expected),
            _ => cases.push(Case { line: n + 1, input, date, expected: expected.into_iter().collect() }),
        }
    }
    cases
}

/// The DATE and TIME annotations of `text` as (span text, label, value).
fn dates(text: &str, date: Option<NaiveDate>) -> Vec<(String, String, String)> {
    annotate_amounts_and_dates(text, date)
        .into_iter()
        .filter(|a| matches!(a.label, Label::Date | Label::Time))
        .map(|a| {
            let value = match &a.value {
                Some(Value::Timex(t)) => t.clone(),
                other => format!("{other:?}"),
            };
            (a.text(text).to_string(), a.label.as_str().to_string(), value)
        })
        .collect()
}

#[test]
fn families() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("date_") && name.ends_with(".tsv")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/data/date_*.tsv");
    let mut low = Vec::new();
    println!("{:<28} {:>6} {:>6} {:>7}", "family", "cases", "pass", "rate%");
    for path in &files {
        let family = path.file_stem().unwrap().to_string_lossy().into_owned();
        let cases = load(path);
        let mut failures = Vec::new();
        for case in &cases {
            for (span, label, value) in &case.expected {
                let label: Label = label.parse().unwrap_or_else(|_| panic!("{family}:{}: label {label}", case.line));
                let checked = newsmark::value_check::check(label, &serde_json::Value::String(value.clone()));
                assert!(checked.is_ok(), "{family}:{}: {span:?} value {value} fails the value check: {checked:?}", case.line);
            }
            let got = dates(&case.input, case.date);
            if got != case.expected {
                failures.push(format!(
                    "{family}:{}: {:?} (date {:?})\n    want {:?}\n    got  {got:?}",
                    case.line, case.input, case.date, case.expected
                ));
            }
        }
        let rate = 100.0 * (cases.len() - failures.len()) as f64 / cases.len().max(1) as f64;
        println!("{family:<28} {:>6} {:>6} {rate:>7.1}", cases.len(), cases.len() - failures.len());
        for f in &failures {
            println!("  {f}");
        }
        assert!(cases.len() >= 20, "{family}: only {} cases", cases.len());
        if rate < FLOOR {
            low.push(format!("{family}: {rate:.1}%"));
        }
    }
    assert!(low.is_empty(), "families under {FLOOR}%: {low:?}");
}

/// Article dates and the source reported, from `tests/data/article_dates.tsv`
/// (text, date or `-`, source or `-`): every case must pass.
#[test]
fn article_date_sources() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/article_dates.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut total, mut failures) = (0, Vec::new());
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "article_dates.tsv:{}: expected 3 columns", n + 1);
        let input = cols[0].replace("\\n", "\n");
        let doc = newsmark::annotate(&input, &Default::default());
        let got_date = doc.article_date.map_or("-".to_string(), newsmark::date::format_ymd);
        let got_source =
            doc.article_date_source.map_or("-".to_string(), |s| serde_json::to_value(s).unwrap().as_str().unwrap().to_string());
        total += 1;
        if (got_date.as_str(), got_source.as_str()) != (cols[1], cols[2]) {
            failures.push(format!("article_dates.tsv:{}: {input:?}: want {} {}, got {got_date} {got_source}", n + 1, cols[1], cols[2]));
        }
    }
    println!("article dates: {} of {total} cases pass", total - failures.len());
    assert!(total >= 20, "only {total} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
