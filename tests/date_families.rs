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

#[path = "common/date_table.rs"]
mod date_table;

use newsmark::Label;
use std::path::Path;

/// The lowest pass rate a family may have, in percent.
const FLOOR: f64 = 95.0;

#[test]
fn families() {
    let files = date_table::files("date_");
    let mut low = Vec::new();
    println!("{:<28} {:>6} {:>6} {:>7}", "family", "cases", "pass", "rate%");
    for path in &files {
        let family = path.file_stem().unwrap().to_string_lossy().into_owned();
        let cases = date_table::load(path);
        let mut failures = Vec::new();
        for case in &cases {
            for (span, label, value) in &case.expected {
                let label: Label = label.parse().unwrap_or_else(|_| panic!("{family}:{}: label {label}", case.line));
                let checked = newsmark::value_check::check(label, &serde_json::Value::String(value.clone()));
                assert!(checked.is_ok(), "{family}:{}: {span:?} value {value} fails the value check: {checked:?}", case.line);
            }
            let got = date_table::dates(&case.input, case.date);
            if got != case.expected {
                failures.push(format!(
                    "{}:{}: {:?} (date {:?})\n    want {:?}\n    got  {got:?}",
                    case.file, case.line, case.input, case.date, case.expected
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
