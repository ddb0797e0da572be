//! Table-driven tests of the amounts recognizer, through the public API.
//!
//! Each `tests/data/amount_<group>.tsv` holds one case a line, tab-separated:
//! `text`, `label`, `span`, `value`. The span is the first occurrence of that
//! string in the text. Values are written as `12.5` (CARDINAL, ORDINAL,
//! PERCENT), `455000000 USD | more than` (MONEY) or `10 km | about`
//! (QUANTITY); the part after `|` is the qualifier. A `NONE` label says no
//! annotation with the file's label may overlap the span. Lines starting with
//! `#` are comments.

#[path = "common/amount_table.rs"]
mod amount_table;

use newsmark::Label;

const AMOUNT_LABELS: [Label; 5] = [Label::Money, Label::Percent, Label::Quantity, Label::Cardinal, Label::Ordinal];

fn check(name: &str, label: Label) {
    let (total, failures) = amount_table::run(name, &AMOUNT_LABELS, |l| l == label, &label.to_string());
    assert!(total >= 40, "{name}: only {total} cases");
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{name}: {} of {total} cases failed", failures.len());
}

#[test]
fn money() {
    check("amount_money.tsv", Label::Money);
}

#[test]
fn percent() {
    check("amount_percent.tsv", Label::Percent);
}

#[test]
fn quantity() {
    check("amount_quantity.tsv", Label::Quantity);
}

#[test]
fn cardinal() {
    check("amount_cardinal.tsv", Label::Cardinal);
}

#[test]
fn ordinal() {
    check("amount_ordinal.tsv", Label::Ordinal);
}
