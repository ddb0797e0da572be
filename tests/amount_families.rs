//! Table-driven tests of the amount families news writes beyond the plain
//! amounts of `tests/amounts.rs` (issue 15): wire money, vague amounts,
//! basis points and rates, signed quantities, fractions, ages, compounds.
//!
//! Each `tests/data/amount_<family>.tsv` holds one case a line,
//! tab-separated: `text`, `label`, `span`, `value`. Unlike the files of
//! `tests/amounts.rs`, every line names its own label, since a family spans
//! labels (a vague amount is MONEY, CARDINAL or QUANTITY). The span is the
//! first occurrence of that string in the text. Values are written as
//! `12.5` (CARDINAL, ORDINAL, PERCENT), `455000000 USD | more than` (MONEY),
//! `10 km | about` (QUANTITY) or a TIMEX value (`P34Y`, DATE); the part
//! after `|` is the qualifier. A `NONE` label says no amount may overlap
//! the span. Lines starting with `#` are comments.
//!
//! Each family prints its pass rate (span, label and value all right) and
//! must reach 95%.

use newsmark::{annotate, Label, LabelSet, Options, Value};

const LABELS: [Label; 6] = [Label::Money, Label::Percent, Label::Quantity, Label::Cardinal, Label::Ordinal, Label::Date];
const AMOUNT_LABELS: [Label; 5] = [Label::Money, Label::Percent, Label::Quantity, Label::Cardinal, Label::Ordinal];

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

/// Runs one file; returns the number of cases and the failures, described.
fn run(name: &str) -> (usize, Vec<String>) {
    let cases = read_cases(name);
    let options = Options { labels: LABELS.into_iter().collect::<LabelSet>(), ..Options::default() };
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
                let bad = doc.annotations.iter().any(|a| AMOUNT_LABELS.contains(&a.label) && a.span.start < end && start < a.span.end);
                if bad {
                    failures.push(format!("{name}:{}: {:?}: want no amount over {:?}, got {found:?}", case.line, case.text, case.span));
                }
            }
        }
    }
    (cases.len(), failures)
}

fn check(name: &str) {
    let (total, failures) = run(name);
    assert!(total >= 30, "{name}: only {total} cases");
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    let passed = total - failures.len();
    let rate = 100.0 * passed as f64 / total as f64;
    println!("{name}: {passed} of {total} ({rate:.1}%)");
    assert!(rate >= 95.0, "{name}: {} of {total} cases failed ({rate:.1}% < 95%)", failures.len());
}

#[test]
fn wire_money() {
    check("amount_wire_money.tsv");
}

#[test]
fn vague_amounts() {
    check("amount_vague.tsv");
}

#[test]
fn basis_points_and_rates() {
    check("amount_rates.tsv");
}

#[test]
fn signed_quantities() {
    check("amount_signed.tsv");
}

#[test]
fn fractions_and_mixed_numbers() {
    check("amount_fractions.tsv");
}
