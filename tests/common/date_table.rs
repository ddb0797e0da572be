//! The date tables of `tests/data/dates*.tsv` and `tests/data/date_*.tsv`,
//! read and run the one way `tests/dates.rs` and `tests/date_families.rs`
//! both use. One case a line (tab-separated; `#` starts a comment line,
//! blank lines are skipped):
//!
//! ```text
//! input <TAB> article date (YYYY-MM-DD, or `-` for none) <TAB> span <TAB> LABEL <TAB> value
//! ```
//!
//! Consecutive lines with the same input and date form one case: the DATE
//! and TIME annotations of the input must be exactly the listed spans, with
//! their labels and values, in text order. A span of `-` (label and value
//! empty or `-`) says the input has no DATE or TIME at all: a negative case.
//! In the input, `\n` stands for a line break. Article date `-` leaves the
//! date to [`newsmark::date::detect_article_date`].

use newsmark::{annotate_amounts_and_dates, Label, NaiveDate, Value};
use std::path::{Path, PathBuf};

/// A span as a table or the recognizer gives it: (span text, label, value).
pub type Found = (String, String, String);

pub struct Case {
    pub file: String,
    pub line: usize,
    pub input: String,
    pub date: Option<NaiveDate>,
    pub expected: Vec<Found>,
}

/// The tables of `tests/data` whose names start with `prefix`, sorted.
pub fn files(prefix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(prefix) && name.ends_with(".tsv")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/data/{prefix}*.tsv");
    files
}

/// The cases of the table at `path`.
pub fn load(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
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
            _ => cases.push(Case { file: file.clone(), line: n + 1, input, date, expected: expected.into_iter().collect() }),
        }
    }
    cases
}

/// The DATE and TIME annotations of `text` as (span text, label, value).
pub fn dates(text: &str, date: Option<NaiveDate>) -> Vec<Found> {
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
