//! The amount tables of `tests/data/amount_*.tsv`, read and run the one way
//! `tests/amounts.rs` and `tests/amount_families.rs` both use.
//!
//! One case a line, tab-separated: `text`, `label`, `span`, `value`. The
//! span is the first occurrence of that string in the text. Values are
//! written as `12.5` (CARDINAL, ORDINAL, PERCENT), `455000000 USD | more
//! than` (MONEY), `10 km | about` (QUANTITY) or a TIMEX value (`P34Y`, DATE,
//! TIME); the part after `|` is the qualifier. A `NONE` label says no span
//! of the labels the runner names may overlap the span. Lines starting with
//! `#` are comments.

use newsmark::{annotate, Label, LabelSet, Options, Value};

struct Case {
    line: usize,
    text: String,
    label: Option<Label>,
    span: String,
    value: Option<Value>,
}

fn parse_value(label: Label, s: &str) -> Value {
    let (main, qualifier) = match s.split_once('|') {
        Some((m, q)) => (m.trim(), Some(q.trim().to_string())),
        None => (s.trim(), None),
    };
    if matches!(label, Label::Date | Label::Time) {
        return Value::Timex(main.to_string());
    }
    let mut parts = main.split_whitespace();
    let amount: f64 = parts.next().and_then(|a| a.parse().ok()).unwrap_or_else(|| panic!("bad value {s:?}"));
    let rest = parts.collect::<Vec<_>>().join(" ");
    match label {
        Label::Money => Value::Money { amount, currency: rest, qualifier },
        Label::Quantity => Value::Quantity { amount, unit: rest, qualifier },
        _ => Value::Number(amount),
    }
}

fn read_cases(name: &str) -> Vec<Case> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "{name}:{}: expected text, label, span[, value]", n + 1);
        let label = if cols[1] == "NONE" { None } else { Some(cols[1].parse::<Label>().unwrap()) };
        let value = label.map(|l| parse_value(l, cols.get(3).unwrap_or_else(|| panic!("{name}:{}: no value", n + 1))));
        cases.push(Case { line: n + 1, text: cols[0].to_string(), label, span: cols[2].to_string(), value });
    }
    cases
}

/// Runs one file, annotating with `labels` on; a `NONE` case fails when a
/// span whose label `none_of` takes overlaps it (`none_what` names them in
/// the message). Returns the number of cases and the failures, described.
pub fn run(name: &str, labels: &[Label], none_of: impl Fn(Label) -> bool, none_what: &str) -> (usize, Vec<String>) {
    let cases = read_cases(name);
    let options = Options { labels: labels.iter().copied().collect::<LabelSet>(), ..Options::default() };
    let mut failures = Vec::new();
    for case in &cases {
        let doc = annotate(&case.text, &options);
        let start = case.text.find(&case.span).unwrap_or_else(|| panic!("{name}:{}: span {:?} not in text", case.line, case.span));
        let end = start + case.span.len();
        let found: Vec<String> = doc
            .annotations
            .iter()
            .map(|a| format!("{} {:?} {:?}", a.label, a.text(&doc.text), a.value.as_ref().map(Value::display)))
            .collect();
        match (&case.label, &case.value) {
            (Some(label), Some(value)) => {
                let ok = doc.annotations.iter().any(|a| {
                    a.span.start == start && a.span.end == end && a.label == *label && a.value.as_ref().is_some_and(|v| v.matches(value))
                });
                if !ok {
                    failures.push(format!(
                        "{name}:{}: {:?}: want {label} {:?} {:?}, got {found:?}",
                        case.line,
                        case.text,
                        case.span,
                        value.display()
                    ));
                }
            }
            _ => {
                let bad = doc.annotations.iter().any(|a| none_of(a.label) && a.span.start < end && start < a.span.end);
                if bad {
                    failures
                        .push(format!("{name}:{}: {:?}: want no {none_what} over {:?}, got {found:?}", case.line, case.text, case.span));
                }
            }
        }
    }
    (cases.len(), failures)
}
