//! The bound on labels of the user's own, alone in its process: it fills
//! the registry, which every other test would then share.

use newsmark::{CustomLabel, Label, LabelSet, ValueKind};

#[test]
fn a_process_defines_at_most_the_limit_and_then_says_why_it_refuses() {
    let labels: Vec<Label> = (0..CustomLabel::LIMIT).map(|i| Label::define(&format!("L{i}"), ValueKind::None).unwrap()).collect();
    let e = Label::define("ONE_TOO_MANY", ValueKind::None).unwrap_err();
    assert!(e.message().contains(&CustomLabel::LIMIT.to_string()), "{}", e.message());
    // Those defined are still found, and the last one fits in a label set.
    assert_eq!(Label::define("l0", ValueKind::None).unwrap(), labels[0]);
    let last = *labels.last().unwrap();
    assert!(LabelSet::of(&[last]).contains(last) && !LabelSet::of(&[last]).contains(labels[0]));
    assert_eq!(LabelSet::all().iter().count(), Label::ALL.len() + CustomLabel::LIMIT);
}
