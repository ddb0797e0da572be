//! Properties that hold for any text: nothing panics, spans are well-formed,
//! offsets convert exactly, and leading whitespace only shifts spans.

use newsmark::export::DocumentRecord;
use newsmark::{annotate, tokenize::tokenize, Options};
use proptest::prelude::*;

#[path = "common/gen.rs"]
mod gen;
use gen::newsy;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), newsy(), "[ -~\\n]{0,200}"]
}

fn check_well_formed(text: &str) {
    let doc = annotate(text, &Options::default());
    let mut prev_end = 0;
    for a in &doc.annotations {
        assert!(a.span.start < a.span.end, "empty span {:?}", a.span);
        assert!(a.span.start >= prev_end, "overlap or disorder at {:?}", a.span);
        assert!(text.is_char_boundary(a.span.start) && text.is_char_boundary(a.span.end));
        assert!(a.span.end <= text.len());
        prev_end = a.span.end;
    }
    // Code point offsets in the JSON map back to the same text.
    let rec = DocumentRecord::from_document(&doc, None);
    let chars: Vec<char> = text.chars().collect();
    for (a, s) in doc.annotations.iter().zip(&rec.spans) {
        let by_cp: String = chars[s.start..s.end].iter().collect();
        assert_eq!(by_cp, a.text(text));
        assert_eq!(s.text.as_deref(), Some(a.text(text)));
    }
    let json = serde_json::to_string(&rec).expect("a record serializes");
    let back = newsmark::export::json::from_json(&json).expect("own JSON reads back");
    assert_eq!(back.annotations.len(), doc.annotations.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_string_tokenizes(text in any_text()) {
        let tokens = tokenize(&text);
        let mut prev = 0;
        for t in &tokens {
            prop_assert!(t.span.start < t.span.end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            // Only whitespace lies between tokens.
            prop_assert!(text[prev..t.span.start].chars().all(char::is_whitespace), "{:?}", &text[prev..t.span.start]);
            prev = t.span.end;
        }
        prop_assert!(text[prev..].chars().all(char::is_whitespace));
    }

    #[test]
    fn any_string_annotates_into_well_formed_spans(text in any_text()) {
        check_well_formed(&text);
    }

    #[test]
    fn leading_whitespace_only_shifts_spans(text in newsy(), spaces in 0usize..4, blank_lines in 0usize..3) {
        let prefix = format!("{}{}", " ".repeat(spaces), "\n".repeat(blank_lines));
        let shift = prefix.chars().count();
        let shifted = format!("{prefix}{text}");
        let a = DocumentRecord::from_document(&annotate(&text, &Options::default()), None);
        let b = DocumentRecord::from_document(&annotate(&shifted, &Options::default()), None);
        prop_assert_eq!(a.article_date, b.article_date);
        prop_assert_eq!(a.spans.len(), b.spans.len(), "{:?} vs {:?}", a.spans, b.spans);
        for (x, y) in a.spans.iter().zip(&b.spans) {
            prop_assert_eq!(x.start + shift, y.start);
            prop_assert_eq!(x.end + shift, y.end);
            prop_assert_eq!(x.label, y.label);
            prop_assert_eq!(&x.value, &y.value);
            prop_assert_eq!(&x.text, &y.text);
        }
    }
}

/// Random hand edits over `text`: spans at random char boundaries (any
/// width, over tokens or between them, overlapping one another), each a
/// random label, and random deletions.
fn random_edits(text: &str, picks: &[(usize, usize, usize)], deletions: &[(usize, usize)]) -> newsmark::Edits {
    use newsmark::{Annotation, Label, Source, Span};
    let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    let span = |a: usize, b: usize| {
        let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
        Span::new(a.min(b), a.max(b))
    };
    newsmark::Edits {
        added: picks
            .iter()
            .map(|&(a, b, l)| Annotation::new(span(a, b), Label::ALL[l % Label::ALL.len()], None, Source::User))
            .filter(|a| !a.span.is_empty())
            .collect(),
        removed: deletions.iter().map(|&(a, b)| span(a, b)).collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Issue 12: the never-overlapping contract holds with any hand edits:
    /// spans sorted, disjoint, on char boundaries; the first of overlapping
    /// hand edits kept as given; nothing deleted comes back; the document
    /// exports and imports again. The same for `reconcile`.
    #[test]
    fn any_hand_edits_keep_spans_disjoint(
        text in newsy(),
        picks in proptest::collection::vec((0usize..400, 0usize..400, 0usize..11), 0..6),
        deletions in proptest::collection::vec((0usize..400, 0usize..400), 0..3),
    ) {
        let edits = random_edits(&text, &picks, &deletions);
        let options = Options { edits: edits.clone(), ..Options::default() };
        let doc = annotate(&text, &options);
        let disjoint = |anns: &[newsmark::Annotation]| anns.windows(2).all(|w| w[0].span.end <= w[1].span.start);
        prop_assert!(disjoint(&doc.annotations), "{:?}", doc.annotations);
        for a in &doc.annotations {
            prop_assert!(a.span.is_valid_in(&text) && !a.span.is_empty());
            prop_assert!(a.source == newsmark::Source::User || !edits.removed.contains(&a.span), "{a:?} was deleted");
        }
        if let Some(first) = edits.added.first() {
            prop_assert!(doc.annotations.contains(first), "{first:?} missing from {:?}", doc.annotations);
        }
        let line = newsmark::export::json::to_json_line(&doc, None);
        let back = newsmark::export::json::from_json(&line);
        prop_assert!(back.is_ok(), "{back:?}");
        let settled = newsmark::reconcile(&text, doc.annotations.clone(), &options);
        prop_assert!(disjoint(&settled), "{settled:?}");
    }
}

#[test]
fn odd_inputs_annotate() {
    for text in
        ["", " ", "\n\n\n", "\u{0}", "$", "US$", "%%%", "😀😀😀", "e\u{301}\u{301}\u{301}", "1,,,2..3", "---", "\u{feff}date 2022-02-30"]
    {
        check_well_formed(text);
    }
    // A long single line with no spaces.
    check_well_formed(&"a".repeat(100_000));
    check_well_formed(&"9".repeat(10_000));
}
