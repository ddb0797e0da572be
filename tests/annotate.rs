//! The public `annotate` API: options, hand edits, overlap rules and
//! document-level consistency.

use newsmark::{annotate, Annotation, Edits, Label, LabelSet, NaiveDate, Options, Source, Span, Value};

fn find<'d>(doc: &'d newsmark::Document, text: &str) -> Vec<&'d Annotation> {
    doc.annotations.iter().filter(|a| a.text(&doc.text) == text).collect()
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle in text");
    Span::new(start, start + needle.len())
}

#[test]
fn article_date_option_resolves_relative_dates() {
    let text = "The envoys met on Tuesday.";
    let undated = annotate(text, &Options::default());
    assert_eq!(find(&undated, "Tuesday")[0].value, Some(Value::Timex("XXXX-WXX-2".into())));
    let options = Options { article_date: NaiveDate::from_ymd_opt(2022, 8, 9), ..Options::default() };
    let dated = annotate(text, &options);
    assert_eq!(find(&dated, "Tuesday")[0].value, Some(Value::Timex("2022-08-09".into())));
    assert_eq!(dated.article_date_source, Some(newsmark::DateSource::Option));
}

#[test]
fn amounts_beat_the_numbers_inside_them() {
    let doc = annotate("It laundered more than US$455 million in 2 days.", &Options::default());
    let money = find(&doc, "US$455 million");
    assert_eq!(money.len(), 1);
    assert_eq!(money[0].label, Label::Money);
    assert_eq!(money[0].value, Some(Value::Money { amount: 455e6, currency: "USD".into(), qualifier: Some("more than".into()) }));
    assert!(find(&doc, "455").is_empty(), "no CARDINAL inside the MONEY");
}

#[test]
fn label_filter_keeps_only_what_was_asked() {
    let text = "Jung Pak said on Tuesday that $7 billion was stolen.";
    let options = Options { labels: LabelSet::parse_list("MONEY,DATE").unwrap(), ..Options::default() };
    let doc = annotate(text, &options);
    assert!(!doc.annotations.is_empty());
    assert!(doc.annotations.iter().all(|a| matches!(a.label, Label::Money | Label::Date)));
}

#[test]
fn user_edits_win_and_deletions_stay_deleted() {
    let text = "Tornado Cash helped launder money, Tornado Cash said on Monday.";
    let first = span_of(text, "Tornado Cash");
    let monday = span_of(text, "Monday");
    let edits = Edits { added: vec![Annotation::new(first, Label::Misc, None, Source::User)], removed: vec![monday] };
    let doc = annotate(text, &Options { edits, ..Options::default() });
    let user = doc.annotations.iter().find(|a| a.span == first).expect("the user's span is kept");
    assert_eq!((user.label, user.source), (Label::Misc, Source::User));
    assert!(doc.annotations.iter().all(|a| a.span != monday), "a deleted span is not proposed again");
}

#[test]
fn user_edits_displace_overlapping_recognitions() {
    let text = "They paid $20.5 million on Tuesday.";
    let part = span_of(text, "20.5");
    let edits = Edits { added: vec![Annotation::new(part, Label::Cardinal, Some(Value::Number(20.5)), Source::User)], removed: vec![] };
    let doc = annotate(text, &Options { edits, ..Options::default() });
    assert!(doc.annotations.iter().all(|a| a.span == part || !a.span.overlaps(&part)));
    assert!(find(&doc, "$20.5 million").is_empty());
}

#[test]
fn a_surname_alone_follows_the_full_name() {
    let text = "Deputy envoy Jung Pak met officials in Seoul. Later, Pak said the talks went well.";
    let doc = annotate(text, &Options::default());
    let full = find(&doc, "Jung Pak");
    assert_eq!(full.len(), 1);
    assert_eq!(full[0].label, Label::Person);
    let later = doc.annotations.iter().find(|a| a.text(&doc.text) == "Pak").expect("the bare surname is marked");
    assert_eq!(later.label, Label::Person);
}

#[test]
fn a_surname_the_tagger_typed_otherwise_follows_the_full_name() {
    // Issue 13: the tagger's `Kagwe` alone as an ORG, after the full name
    // as a PERSON, is a PERSON; every mention of it, marked or not.
    let text = "Health Minister Mutahi Kagwe spoke. Kagwe said schools would open, Kagwe added.";
    let full = span_of(text, "Mutahi Kagwe");
    let second = text.find("Kagwe said").unwrap();
    let third = text.rfind("Kagwe").unwrap();
    let anns = vec![
        Annotation::new(full, Label::Person, None, Source::Model),
        Annotation::new(Span::new(second, second + 5), Label::Org, None, Source::Model),
        Annotation::new(Span::new(third, third + 5), Label::Org, None, Source::Model),
    ];
    let out = newsmark::reconcile(text, anns, &Options::default());
    let labels: Vec<(&str, Label)> = out.iter().map(|a| (a.text(text), a.label)).collect();
    assert_eq!(labels, vec![("Mutahi Kagwe", Label::Person), ("Kagwe", Label::Person), ("Kagwe", Label::Person)]);
}

#[test]
fn a_name_the_document_marks_whole_is_whole_where_the_tagger_marked_part() {
    // Issue 13: `Bilawal Bhutto Zardari` again at a sentence's start, where
    // the tagger kept only `Bhutto Zardari`, is the whole name; so is a
    // name of which it marked pieces of other types (`Gotthold` MISC,
    // `Ephraim Lessing` PERSON). Not replaced: a split into names of the
    // whole's own label over all its words (`Rwandan` and `Hutu`, MISC),
    // a hand edit, and the whole on two lines.
    let text = "Minister Bilawal Bhutto Zardari met Gotthold Ephraim Lessing, with Rwandan Hutu leaders.\n\
                Bilawal Bhutto Zardari said Gotthold Ephraim Lessing and Rwandan Hutu refugees agreed.\n\
                Bilawal\nBhutto Zardari left; Bilawal Bhutto Zardari stayed.";
    let of = |s: &str, nth: usize| {
        let start = text.match_indices(s).nth(nth).unwrap().0;
        Span::new(start, start + s.len())
    };
    let model = |s: &str, nth: usize, label: Label| Annotation::new(of(s, nth), label, None, Source::Model);
    let anns = vec![
        model("Bilawal Bhutto Zardari", 0, Label::Person),
        model("Gotthold Ephraim Lessing", 0, Label::Person),
        model("Rwandan Hutu", 0, Label::Misc),
        model("Bhutto Zardari", 1, Label::Person),
        model("Gotthold", 1, Label::Misc),
        model("Ephraim Lessing", 1, Label::Person),
        model("Rwandan", 1, Label::Misc),
        model("Hutu", 1, Label::Misc),
        model("Bhutto Zardari", 2, Label::Person),
    ];
    let edits = Edits { added: vec![Annotation::new(of("Bhutto Zardari", 3), Label::Person, None, Source::User)], removed: vec![] };
    let out = newsmark::reconcile(text, anns, &Options { edits, ..Options::default() });
    let marks: Vec<(&str, Label, Source)> = out.iter().map(|a| (a.text(text), a.label, a.source)).collect();
    let expected = [
        ("Bilawal Bhutto Zardari", Label::Person, Source::Model),
        ("Gotthold Ephraim Lessing", Label::Person, Source::Model),
        ("Rwandan Hutu", Label::Misc, Source::Model),
        ("Bilawal Bhutto Zardari", Label::Person, Source::Rule),
        ("Gotthold Ephraim Lessing", Label::Person, Source::Rule),
        ("Rwandan", Label::Misc, Source::Model),
        ("Hutu", Label::Misc, Source::Model),
        ("Bhutto Zardari", Label::Person, Source::Model),
        ("Bhutto Zardari", Label::Person, Source::User),
    ];
    assert_eq!(marks, expected);
}

#[test]
fn an_acronym_in_parentheses_takes_its_names_type() {
    // Issue 13: `IEBC` after `Independent Electoral and Boundaries
    // Commission`, tagged PERSON, is an ORG, there and later (unmarked).
    // A word in capitals (`IN`) is no acronym of a name.
    let text = "The Independent Electoral and Boundaries Commission (IEBC) met. IEBC officials left. Intelligent Network (IN) sells.";
    let long = span_of(text, "Independent Electoral and Boundaries Commission");
    let acr = span_of(text, "IEBC");
    let network = span_of(text, "Intelligent Network");
    let anns = vec![
        Annotation::new(long, Label::Org, None, Source::Model),
        Annotation::new(acr, Label::Person, None, Source::Model),
        Annotation::new(network, Label::Org, None, Source::Model),
    ];
    let out = newsmark::reconcile(text, anns, &Options::default());
    let labels: Vec<(&str, Label)> = out.iter().map(|a| (a.text(text), a.label)).collect();
    let expected = [
        ("Independent Electoral and Boundaries Commission", Label::Org),
        ("IEBC", Label::Org),
        ("IEBC", Label::Org),
        ("Intelligent Network", Label::Org),
    ];
    assert_eq!(labels, expected);
}

#[test]
fn an_organizations_name_without_its_tail_word_is_the_organization() {
    // Issue 13: `Varnek`, tagged LOC, where the document names `Varnek
    // Group` an ORG, is the organization; a place (`Kenya` of `Kenya
    // Airways`) and a person's surname (`Tambo` of `Oliver Tambo` and of
    // `Tambo Foundation`) are not.
    let text = "Hackers of Varnek struck. The Varnek Group denied it. Kenya Airways flew to Kenya. \
                Oliver Tambo spoke; the Tambo Foundation paid, Tambo said.";
    let of = |s: &str, nth: usize| {
        let start = text.match_indices(s).nth(nth).unwrap().0;
        Span::new(start, start + s.len())
    };
    let anns = vec![
        Annotation::new(of("Varnek", 0), Label::Loc, None, Source::Model),
        Annotation::new(of("Varnek Group", 0), Label::Org, None, Source::Model),
        Annotation::new(of("Kenya Airways", 0), Label::Org, None, Source::Model),
        Annotation::new(of("Kenya", 1), Label::Loc, None, Source::Model),
        Annotation::new(of("Oliver Tambo", 0), Label::Person, None, Source::Model),
        Annotation::new(of("Tambo Foundation", 0), Label::Org, None, Source::Model),
        Annotation::new(of("Tambo", 2), Label::Loc, None, Source::Model),
    ];
    let out = newsmark::reconcile(text, anns, &Options::default());
    let labels: Vec<(&str, Label)> = out.iter().map(|a| (a.text(text), a.label)).collect();
    let expected = [
        ("Varnek", Label::Org),
        ("Varnek Group", Label::Org),
        ("Kenya Airways", Label::Org),
        ("Kenya", Label::Loc),
        ("Oliver Tambo", Label::Person),
        ("Tambo Foundation", Label::Org),
        ("Tambo", Label::Person),
    ];
    assert_eq!(labels, expected);
}

#[test]
fn every_mention_of_a_name_gets_one_label() {
    let text = "The U.S. sanctioned Tornado Cash on Monday. Tornado Cash was the second mixer.\nTornado Cash denied it.";
    let doc = annotate(text, &Options::default());
    let mentions = find(&doc, "Tornado Cash");
    assert_eq!(mentions.len(), 3, "{:?}", doc.annotations);
    assert!(mentions.iter().all(|a| a.label == mentions[0].label));
}

#[test]
fn spans_are_sorted_and_disjoint_on_a_real_article() {
    let text = "SEOUL, Aug. 9 (Yonhap) -- South Korea's exports rose 12.5% to US$57 billion in July, the first gain in 3 months, \
                the Ministry of Trade said Tuesday. 😀 Exports to China fell 2.1 percent.";
    let doc = annotate(text, &Options::default());
    assert!(doc.annotations.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    assert_eq!(find(&doc, "12.5%")[0].value, Some(Value::Number(12.5)));
    assert_eq!(find(&doc, "first")[0].label, Label::Ordinal);
    assert_eq!(find(&doc, "2.1 percent")[0].label, Label::Percent);
}

/// A text annotated in parts, settled whole: a name's unmarked mention in
/// another part is marked, its mentions take the majority label, and
/// amounts, dates and hand edits stay as they were.
#[test]
fn reconcile_settles_names_across_parts() {
    let text = "Blender was sanctioned. Blender, a mixer, paid $5 million.\n\nLater, Blender closed. Blender reopened.";
    let at = |needle: &str, nth: usize| {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        Span::new(start, start + needle.len())
    };
    let model = |span, label| Annotation::new(span, label, None, Source::Model);
    let money = Annotation::new(
        at("$5 million", 0),
        Label::Money,
        Some(Value::Money { amount: 5e6, currency: "USD".into(), qualifier: None }),
        Source::Rule,
    );
    // As two parts would have it: ORG twice in the first, PERSON once and
    // unmarked once in the second.
    let parts = vec![
        model(at("Blender", 0), Label::Org),
        model(at("Blender", 1), Label::Org),
        money.clone(),
        model(at("Blender", 2), Label::Person),
    ];
    let user = Annotation::new(at("Later", 0), Label::Date, None, Source::User);
    let options = Options { edits: Edits { added: vec![user.clone()], removed: vec![] }, ..Options::default() };
    let settled = newsmark::reconcile(text, parts, &options);
    let blenders: Vec<(Span, Label)> = settled.iter().filter(|a| a.text(text) == "Blender").map(|a| (a.span, a.label)).collect();
    assert_eq!(blenders, (0..4).map(|k| (at("Blender", k), Label::Org)).collect::<Vec<_>>(), "{settled:?}");
    assert!(settled.contains(&money), "{settled:?}");
    assert!(settled.iter().any(|a| a.span == user.span && a.source == Source::User && a.label == Label::Date), "{settled:?}");
    // Spans that do not fit the text are dropped, not a panic.
    let odd = vec![model(Span::new(3, 400), Label::Org), model(Span::new(1, 1), Label::Org)];
    assert!(newsmark::reconcile(text, odd, &Options::default()).is_empty());
}

/// Emoji and symbols the 1996 wire never had stay out of the names they
/// stand beside (issue 13); ASCII punctuation of a name stays in.
#[test]
fn symbols_at_a_names_edge_stay_out_of_it() {
    for (text, name) in [
        ("😀 Sony said on Monday it would cut jobs.", "Sony"),
        ("Officials met ★ Toyota executives in Tokyo.", "Toyota"),
        ("▶ Angela Merkel spoke in Berlin on Friday.", "Angela Merkel"),
        ("Shares of Nintendo 🚀 rose in Tokyo.", "Nintendo"),
    ] {
        let doc = annotate(text, &Options::default());
        let names: Vec<&str> = doc.annotations.iter().filter(|a| a.label.is_name()).map(|a| a.text(text)).collect();
        assert!(names.contains(&name), "{text:?}: {names:?}");
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii() || c.is_alphanumeric())), "{text:?}: {names:?}");
    }
    let text = "AT&T and the U.S. Treasury met.";
    let doc = annotate(text, &Options::default());
    assert!(doc.annotations.iter().any(|a| a.text(text) == "AT&T"), "{:?}", doc.annotations);
}
