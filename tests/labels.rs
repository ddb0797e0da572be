//! Labels of the user's own (`Label::define`) through the public API: how
//! they are named, found, kept apart from the built-in labels, and carried
//! through annotation, hand edits, JSON, checks and the exports.
//!
//! The registry of defined labels is process-wide and these tests run in
//! threads of one process, so each test defines labels no other test here
//! uses.

use newsmark::export::{self, Format};
use newsmark::{Annotation, Edits, Label, LabelSet, Options, Source, Span, Value, ValueKind};
use std::str::FromStr;

#[test]
fn a_defined_label_is_found_by_its_name_in_any_case_and_keeps_its_first_spelling() {
    let weapon = Label::define("Weapon", ValueKind::None).unwrap();
    assert!(weapon.is_custom());
    assert_eq!(weapon.as_str(), "Weapon");
    assert_eq!(Label::define("WEAPON", ValueKind::None).unwrap(), weapon);
    assert_eq!(Label::from_str("weapon").unwrap(), weapon);
    assert_eq!(weapon.to_string(), "Weapon");
    assert_eq!(serde_json::to_string(&weapon).unwrap(), "\"Weapon\"");
    assert_eq!(serde_json::from_str::<Label>("\"WEAPON\"").unwrap(), weapon);
}

#[test]
fn a_label_without_values_is_a_name_and_one_with_values_follows_its_kind() {
    let platform = Label::define("MILITARY_PLATFORM", ValueKind::None).unwrap();
    assert!(platform.is_name() && !platform.has_value());
    assert_eq!(platform.behaves_as(), Label::Misc);
    let ticker = Label::define("SHARE_PRICE", ValueKind::Money).unwrap();
    assert!(!ticker.is_name() && ticker.has_value());
    assert_eq!(ticker.value_kind(), ValueKind::Money);
    assert_eq!(ticker.behaves_as(), Label::Money);
    assert_eq!(Label::define("DOSE_COUNT", ValueKind::Number).unwrap().behaves_as(), Label::Cardinal);
    assert_eq!(Label::define("SIGNING_DAY", ValueKind::Date).unwrap().behaves_as(), Label::Date);
}

#[test]
fn built_in_names_give_the_built_in_labels_and_their_kinds_cannot_change() {
    assert_eq!(Label::define("person", ValueKind::None).unwrap(), Label::Person);
    assert_eq!(Label::define("MONEY", ValueKind::Money).unwrap(), Label::Money);
    let e = Label::define("DATE", ValueKind::None).unwrap_err();
    assert_eq!(e.kind(), newsmark::ErrorKind::InvalidLabel);
    assert!(e.message().contains("built-in"), "{}", e.message());
    for label in Label::ALL {
        assert!(!label.is_custom());
        assert_eq!(Label::define(label.as_str(), label.value_kind()).unwrap(), label);
    }
}

#[test]
fn a_synonym_can_be_defined_as_a_label_of_its_own() {
    // Before: PLACE is read as LOC; once a project defines it, it is its own.
    assert_eq!(Label::from_str("PLACE").unwrap(), Label::Loc);
    let place = Label::define("PLACE", ValueKind::None).unwrap();
    assert!(place.is_custom());
    assert_eq!(Label::from_str("place").unwrap(), place);
    assert_eq!(Label::from_str("LOCATION").unwrap(), Label::Loc);
}

#[test]
fn a_label_defined_again_with_another_kind_is_refused() {
    Label::define("TICKER", ValueKind::None).unwrap();
    let e = Label::define("ticker", ValueKind::Money).unwrap_err();
    assert!(e.message().contains("already defined"), "{}", e.message());
    assert_eq!(Label::from_str("TICKER").unwrap().value_kind(), ValueKind::None);
}

#[test]
fn a_label_redefined_with_another_kind_is_the_new_one_and_the_old_stays_what_it_was() {
    let old = Label::define("Vessel", ValueKind::None).unwrap();
    let money = Label::redefine("VESSEL", ValueKind::Money).unwrap();
    assert_ne!(old, money);
    assert_eq!((old.value_kind(), money.value_kind()), (ValueKind::None, ValueKind::Money));
    assert_eq!((old.as_str(), money.as_str()), ("Vessel", "Vessel"), "the first spelling stays");
    assert_eq!(Label::from_str("vessel").unwrap(), money, "the name reads as the new label");
    assert_eq!(Label::define("Vessel", ValueKind::Money).unwrap(), money);
    assert!(Label::define("Vessel", ValueKind::None).is_err(), "define still refuses the kind it does not have now");
    // Back to the first kind: the first label again, not a third.
    assert_eq!(Label::redefine("vessel", ValueKind::None).unwrap(), old);
    assert_eq!(Label::from_str("VESSEL").unwrap(), old);
    // Same kind, built-in names and bad names: as define.
    assert_eq!(Label::redefine("Vessel", ValueKind::None).unwrap(), old);
    assert_eq!(Label::redefine("person", ValueKind::None).unwrap(), Label::Person);
    assert!(Label::redefine("person", ValueKind::Money).is_err());
    assert!(Label::redefine("TWO WORDS", ValueKind::Money).is_err());
}

#[test]
fn names_that_no_format_could_carry_are_refused_with_the_reason() {
    let long = "L".repeat(65);
    for name in ["", "   ", "TWO WORDS", "B<I>", "A,B", "KIND:money", "QUOTE\"", "TAB\tX", long.as_str()] {
        let e = Label::define(name, ValueKind::None).unwrap_err();
        assert_eq!(e.kind(), newsmark::ErrorKind::InvalidLabel, "{name:?}");
        assert!(!e.message().is_empty());
    }
    for name in ["FACILITY", "facility-2", "Disease.Name", "ÉVÉNEMENT", "武器"] {
        assert!(Label::define(name, ValueKind::None).unwrap().is_custom(), "{name:?}");
    }
}

#[test]
fn an_unknown_label_is_still_an_error_until_it_is_defined() {
    assert!(Label::from_str("NEVER_DEFINED_HERE").is_err());
    assert!(LabelSet::parse_list("PERSON,NEVER_DEFINED_HERE").is_err());
}

#[test]
fn label_sets_hold_built_in_and_defined_labels() {
    let set = LabelSet::parse_list_defining("PERSON, DISEASE, DRUG_PRICE:money").unwrap();
    let disease = Label::from_str("DISEASE").unwrap();
    let price = Label::from_str("DRUG_PRICE").unwrap();
    assert_eq!(price.value_kind(), ValueKind::Money);
    assert!(set.contains(Label::Person) && set.contains(disease) && set.contains(price));
    assert!(!set.contains(Label::Org));
    assert_eq!(set.iter().collect::<Vec<_>>(), vec![Label::Person, disease, price]);
    assert!(set.any_name());
    // The default filter keeps every label, those defined later too.
    let all = LabelSet::all();
    assert!(all.contains(Label::define("DEFINED_AFTER", ValueKind::None).unwrap()));
    assert!(LabelSet::parse_list_defining("X:banana").is_err());
    assert_eq!(LabelSet::of(&[disease]).iter().collect::<Vec<_>>(), vec![disease]);
    assert!(LabelSet::of(&[disease]).intersects(set) && !LabelSet::of(&[Label::Org]).intersects(set));
}

const TEXT: &str = "Rebels fired a Kornet missile at the base, said Colonel Ahmed Saleh in Aleppo.";

fn span_of(text: &str, part: &str) -> Span {
    let start = text.find(part).unwrap();
    Span::new(start, start + part.len())
}

#[test]
fn a_hand_mark_of_a_users_label_survives_annotation_json_and_every_export() {
    let weapon = Label::define("ANTI_TANK_WEAPON", ValueKind::None).unwrap();
    let mark = Annotation::new(span_of(TEXT, "Kornet missile"), weapon, None, Source::User);
    let options = Options { edits: Edits { added: vec![mark.clone()], removed: vec![] }, ..Options::default() };
    let doc = newsmark::annotate(TEXT, &options);
    assert!(doc.annotations.contains(&mark), "{:?}", doc.annotations);
    assert!(doc.annotations.iter().any(|a| a.label == Label::Person));

    let line = export::json::to_json_line(&doc, Some("d1".into()));
    assert!(line.contains("\"ANTI_TANK_WEAPON\""), "{line}");
    assert_eq!(export::json::from_json(&line).unwrap().annotations, doc.annotations);

    // Every format that imports gives the mark back with its label (token
    // formats rebuild the text, so the mark is found by its words).
    let docs = vec![export::NamedDocument::new("d1".to_owned(), doc)];
    let mut round_trips = 0;
    // (A plain text file holds no marks.)
    for format in Format::ALL.into_iter().filter(|&f| f.can_import() && f != Format::Text) {
        let files = export::export(&docs, format).unwrap_or_else(|e| panic!("{format:?}: {}", e.message()));
        let files: Vec<(&str, &[u8])> = files.iter().map(|f| (f.name.as_str(), f.content.as_bytes())).collect();
        let options = export::ImportOptions { format: Some(format), ..Default::default() };
        let back = export::import_files_with(&files, &options).unwrap_or_else(|e| panic!("{format:?}: {}", e.message()));
        let doc = &back.docs[0].doc;
        let marked: Vec<&str> = doc.annotations.iter().filter(|a| a.label == weapon).map(|a| &doc.text[a.span.start..a.span.end]).collect();
        assert_eq!(marked, ["Kornet missile"], "{format:?}");
        round_trips += 1;
    }
    assert!(round_trips >= 10, "{round_trips}");
}

#[test]
fn a_users_money_label_takes_money_values_and_is_checked_as_money() {
    let price = Label::define("BOND_PRICE", ValueKind::Money).unwrap();
    let value = newsmark::value_check::check(price, &serde_json::json!({"amount": 12.5, "currency": "USD"})).unwrap();
    assert_eq!(value, Some(Value::Money { amount: 12.5, currency: "USD".into(), qualifier: None }));
    assert!(newsmark::value_check::check(price, &serde_json::json!("banana")).is_err());
    let name = Label::define("BOND_ISSUER", ValueKind::None).unwrap();
    let e = newsmark::value_check::check(name, &serde_json::json!(3)).unwrap_err();
    assert!(e.message().contains("BOND_ISSUER"), "{}", e.message());
}

#[test]
fn the_label_studio_configuration_lists_the_users_labels_after_the_built_in_ones() {
    let mortar = Label::define("MORTAR", ValueKind::None).unwrap();
    let config = export::label_studio_config();
    let at = |name: &str| config.find(&format!("<Label value=\"{name}\"")).unwrap_or_else(|| panic!("{name} missing:\n{config}"));
    assert!(at("ORDINAL") < at(mortar.as_str()));
    assert!(at("PERSON") < at("ORDINAL"));
}
