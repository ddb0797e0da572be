//! Table-driven tests of the amount families news writes beyond the plain
//! amounts of `tests/amounts.rs` (issue 15): wire money, vague amounts,
//! basis points and rates, signed quantities, fractions, ages, compounds,
//! determiners kept out of amount spans.
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

#[path = "common/amount_table.rs"]
mod amount_table;

use newsmark::Label;

const LABELS: [Label; 7] = [Label::Money, Label::Percent, Label::Quantity, Label::Cardinal, Label::Ordinal, Label::Date, Label::Time];
const AMOUNT_LABELS: [Label; 5] = [Label::Money, Label::Percent, Label::Quantity, Label::Cardinal, Label::Ordinal];

fn check(name: &str) {
    let (total, failures) = amount_table::run(name, &LABELS, |l| AMOUNT_LABELS.contains(&l), "amount");
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

#[test]
fn ages() {
    check("amount_ages.tsv");
}

#[test]
fn compounds() {
    check("amount_compounds.tsv");
}

#[test]
fn determiners_out_of_amounts() {
    check("amount_determiners.tsv");
}

/// Every value the recognizers write on the family tables passes the value
/// check unchanged, as `tests/values.rs` asks of the older tables, and
/// every DATE or TIME value is read as TIMEX3.
#[test]
fn family_values_pass_the_check() {
    use newsmark::value::timex;
    use newsmark::value_check::check;
    use newsmark::{annotate, Options, Value};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut seen = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("amount_") || !name.ends_with(".tsv") {
            continue;
        }
        let data = std::fs::read_to_string(entry.path()).unwrap();
        for line in data.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let text = line.split('\t').next().unwrap();
            for a in annotate(text, &Options::default()).annotations {
                let Some(v) = &a.value else { continue };
                seen += 1;
                let raw = serde_json::to_value(v).unwrap();
                match check(a.label, &raw) {
                    Ok(Some(back)) if back.matches(v) => {}
                    other => failures.push(format!("{name}: {} “{}” {raw}: the check says {other:?}", a.label, a.text(text))),
                }
                if let Value::Timex(t) = v {
                    if let Err(e) = timex::parse(t) {
                        failures.push(format!("{name}: {} “{}”: {t} is not TIMEX3: {e}", a.label, a.text(text)));
                    }
                }
            }
        }
    }
    assert!(seen > 500, "only {seen} values seen");
    assert!(failures.is_empty(), "{} of {seen} values:\n{}", failures.len(), failures.join("\n"));
}
