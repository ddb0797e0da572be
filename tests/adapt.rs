//! The adaptive tagger (issue 17) through the public API: an adapter that
//! learned nothing changes nothing; one taught a label suggests it; what
//! it learned survives its file; no input makes it panic.

mod common;

use newsmark::adapt::file::MAGIC;
use newsmark::{annotate, Adapter, Annotation, Document, Label, LabelSet, Options, Source, Span, ValueKind};
use proptest::prelude::*;

/// A corrected document: `text` with the spans of `marks` (substring,
/// label) at their first occurrence after the previous one.
fn corrected(text: &str, marks: &[(&str, Label)]) -> Document {
    let mut doc = annotate(text, &Options::default());
    let mut from = 0;
    for &(s, label) in marks {
        let start = from + text[from..].find(s).unwrap_or_else(|| panic!("{s:?} in {text:?}"));
        let span = Span::new(start, start + s.len());
        doc.annotations.retain(|a| a.span.end <= span.start || a.span.start >= span.end);
        doc.annotations.push(Annotation::new(span, label, None, Source::User));
        from = start + s.len();
    }
    doc.annotations.sort_by_key(|a| a.span.start);
    doc
}

fn weapon() -> Label {
    Label::define("WEAPON", ValueKind::None).unwrap()
}

#[test]
fn an_unlearned_adapter_gives_todays_output() {
    let Some(shared) = common::shared_dir("an_unlearned_adapter_gives_todays_output") else { return };
    let mut texts: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(shared.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(&path).unwrap());
        }
    }
    for file in ["seeds/gold.jsonl", "data/conll2003/dev.jsonl"] {
        for v in common::read_jsonl(&shared.join(file)) {
            texts.push(v["text"].as_str().unwrap().to_owned());
        }
    }
    assert!(texts.len() > 200, "{} texts", texts.len());
    let all = Adapter::new(LabelSet::all());
    let mut with_own = Adapter::new(LabelSet::parse_list_defining("PERSON,WEAPON,MILITARY_PLATFORM").unwrap());
    with_own.add_labels(LabelSet::parse_list_defining("TICKER:money").unwrap());
    assert!(with_own.is_blank());
    let only_people = Options { labels: LabelSet::parse_list("PERSON,MONEY").unwrap(), ..Options::default() };
    let (mut names, mut docs) = (0, 0);
    for text in &texts {
        let today = annotate(text, &Options::default());
        assert_eq!(all.annotate(text, &Options::default()), today, "{}", &text[..text.len().min(80)]);
        assert_eq!(with_own.annotate(text, &Options::default()), today);
        assert_eq!(with_own.annotate(text, &only_people), annotate(text, &only_people));
        names += today.annotations.iter().filter(|a| a.label.is_name()).count();
        docs += 1;
    }
    assert!(names > 1000, "{names} names in {docs} documents");
}

/// The texts of a small project: a weapon named in three documents, in the
/// same kind of sentence, and a new document that names it again.
const TAUGHT: [&str; 3] = [
    "Rebels fired a Kornet missile at the convoy near Aleppo on Monday, officials said.",
    "The army said fighters fired a Kornet missile at a tank outside Hama.",
    "Witnesses said the militia fired a Kornet missile at an armoured vehicle in Idlib.",
];
const NEW: &str = "Local officials said insurgents fired a Kornet missile at a checkpoint north of Homs.";

/// Documents as newsmark JSONL, with ids `d0`, `d1`...: as the page
/// exports documents marked done.
fn jsonl(docs: &[Document]) -> String {
    docs.iter().enumerate().map(|(i, d)| newsmark::export::json::to_json_line(d, Some(format!("d{i}"))) + "\n").collect()
}

/// [`TAUGHT`] corrected: the model's marks kept, `Kornet` a WEAPON.
fn taught_jsonl() -> String {
    jsonl(&TAUGHT.iter().map(|t| corrected(t, &[("Kornet", weapon())])).collect::<Vec<_>>())
}

/// Runs the CLI with `args`.
fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_newsmark")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_label_taught_three_times_is_suggested() {
    let weapon = weapon();
    let mut adapter = Adapter::new(LabelSet::parse_list_defining("PERSON,ORG,LOC,MISC,WEAPON").unwrap());
    assert!(!annotate(NEW, &Options::default()).annotations.iter().any(|a| a.label == weapon));
    for text in TAUGHT {
        adapter.learn(&corrected(text, &[("Kornet", weapon)]));
    }
    let summary = adapter.summary();
    assert_eq!(summary.documents, 3);
    assert_eq!(summary.suggests, vec![weapon]);
    let doc = adapter.annotate(NEW, &Options::default());
    let weapons: Vec<&str> = doc.annotations.iter().filter(|a| a.label == weapon).map(|a| a.text(NEW)).collect();
    assert_eq!(weapons, vec!["Kornet"], "{:?}", doc.annotations);
    // The rest of the document is the model's: the places stay places
    // (the model took `Kornet` for one).
    let today = annotate(NEW, &Options::default());
    for a in today.annotations.iter().filter(|a| a.label == Label::Loc && a.text(NEW) != "Kornet") {
        assert!(doc.annotations.contains(a), "{a:?} lost");
    }
}

/// A rename of a learned label keeps what it learned under the new name;
/// a rename onto a label it tags already swaps the two, and back again.
#[test]
fn a_renamed_label_keeps_what_it_learned() {
    let (weapon, arm) = (weapon(), Label::define("ARM", ValueKind::None).unwrap());
    let mut adapter = Adapter::new(LabelSet::parse_list_defining("PERSON,ORG,LOC,MISC,WEAPON").unwrap());
    for text in TAUGHT {
        adapter.learn(&corrected(text, &[("Kornet", weapon)]));
    }
    let before = adapter.annotate(NEW, &Options::default());
    let renamed_as = |doc: &Document, to: Label| -> Vec<Annotation> {
        doc.annotations.iter().map(|a| if a.label == weapon { Annotation { label: to, ..a.clone() } } else { a.clone() }).collect()
    };
    adapter.rename_label(weapon, arm).unwrap();
    assert_eq!(adapter.summary().suggests, vec![arm]);
    assert_eq!(adapter.annotate(NEW, &Options::default()).annotations, renamed_as(&before, arm));
    // The file keeps the new name.
    assert_eq!(Adapter::from_bytes(&adapter.to_bytes()).unwrap(), adapter);
    // WEAPON made again and learned nothing, then ARM renamed onto it: the two swap.
    adapter.add_labels(LabelSet::parse_list_defining("WEAPON").unwrap());
    adapter.rename_label(arm, weapon).unwrap();
    assert_eq!(adapter.summary().suggests, vec![weapon]);
    assert_eq!(adapter.labels()[4..], [weapon, arm]);
    assert_eq!(adapter.annotate(NEW, &Options::default()).annotations, before.annotations);
    // Built-in labels, labels it does not tag and labels with values are refused.
    let ticker = Label::define("TICKER", ValueKind::Money).unwrap();
    assert!(adapter.rename_label(Label::Org, arm).is_err());
    assert!(adapter.rename_label(Label::define("NEVER_TAGGED", ValueKind::None).unwrap(), arm).is_err());
    assert!(adapter.rename_label(weapon, Label::Loc).is_err());
    assert!(adapter.rename_label(weapon, ticker).is_err());
    assert_eq!(adapter.summary().suggests, vec![weapon]);
}

#[test]
fn suggested_spans_leave_out_the_punctuation_the_corrections_took_in() {
    // A careless hand took the quote and the comma after the name into the
    // span; what the adapter suggests is the name alone, as the guidelines
    // want it.
    let weapon = weapon();
    let mut adapter = Adapter::new(LabelSet::parse_list_defining("PERSON,ORG,LOC,MISC,WEAPON").unwrap());
    for text in TAUGHT {
        let marked = text.replace("Kornet missile", "\"Kornet\", missile");
        adapter.learn(&corrected(&marked, &[("\"Kornet\",", weapon)]));
    }
    let new = NEW.replace("Kornet missile", "\"Kornet\", missile");
    let doc = adapter.annotate(&new, &Options::default());
    let weapons: Vec<&str> = doc.annotations.iter().filter(|a| a.label == weapon).map(|a| a.text(&new)).collect();
    assert_eq!(weapons, vec!["Kornet"], "{:?}", doc.annotations);
}

#[test]
fn name_consistency_uses_the_adapted_labels() {
    let weapon = weapon();
    let mut adapter = Adapter::new(LabelSet::parse_list_defining("WEAPON").unwrap());
    for text in TAUGHT {
        adapter.learn(&corrected(text, &[("Kornet", weapon)]));
    }
    // The second mention has none of the taught context; consistency marks
    // it as the first.
    let text = "Insurgents fired a Kornet missile at a checkpoint. Kornet stocks are low, a commander said.";
    let doc = adapter.annotate(text, &Options::default());
    let mentions: Vec<(usize, Label)> =
        doc.annotations.iter().filter(|a| a.text(text) == "Kornet").map(|a| (a.span.start, a.label)).collect();
    assert_eq!(mentions.len(), 2, "{:?}", doc.annotations);
    assert!(mentions.iter().all(|&(_, l)| l == weapon), "{mentions:?}");
}

#[test]
fn learning_is_deterministic_and_resumes_from_its_file() {
    let weapon = weapon();
    let docs: Vec<Document> = TAUGHT.iter().map(|t| corrected(t, &[("Kornet", weapon)])).collect();
    let mut a = Adapter::new(LabelSet::parse_list_defining("WEAPON").unwrap());
    let mut b = a.clone();
    for d in &docs {
        a.learn(d);
    }
    // b learns the first two, goes through its file, then the third.
    b.learn(&docs[0]);
    b.learn(&docs[1]);
    let mut b = Adapter::from_bytes(&b.to_bytes()).unwrap();
    b.learn(&docs[2]);
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert_eq!(Adapter::from_bytes(&a.to_bytes()).unwrap(), a);
    assert_eq!(a.annotate(NEW, &Options::default()), b.annotate(NEW, &Options::default()));
    // Forgetting gives the model's output back.
    a.reset();
    assert!(a.is_blank());
    assert_eq!(a.summary().documents, 0);
    assert_eq!(a.annotate(NEW, &Options::default()), annotate(NEW, &Options::default()));
}

#[test]
fn a_bad_file_is_an_error() {
    let weapon = weapon();
    let mut a = Adapter::new(LabelSet::parse_list_defining("WEAPON").unwrap());
    a.learn(&corrected(TAUGHT[0], &[("Kornet", weapon)]));
    let bytes = a.to_bytes();
    assert_eq!(&bytes[..8], MAGIC);
    let mut flipped = bytes.clone();
    flipped[20] ^= 1;
    for (bad, why) in [(&bytes[..bytes.len() - 1], "checksum"), (&flipped[..], "checksum"), (&bytes[1..], "magic"), (&[][..], "magic")] {
        let e = Adapter::from_bytes(bad).unwrap_err();
        assert!(e.to_string().contains(why), "{e}");
    }
}

/// FNV-1a, 32 bits: the `.nml` file's checksum (a standard, written out
/// here so that a test can make a well-formed file of another version).
fn fnv1a_32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

#[test]
fn a_file_of_another_version_is_refused_and_says_so() {
    let weapon = weapon();
    let mut a = Adapter::new(LabelSet::parse_list_defining("WEAPON").unwrap());
    a.learn(&corrected(TAUGHT[0], &[("Kornet", weapon)]));
    let mut bytes = a.to_bytes();
    assert!(Adapter::from_bytes(&bytes).is_ok());
    // Version 1 weighed other features: its weights would mean nothing.
    bytes[8..12].copy_from_slice(&1u32.to_le_bytes());
    let n = bytes.len() - 4;
    let sum = fnv1a_32(&bytes[..n]);
    bytes[n..].copy_from_slice(&sum.to_le_bytes());
    let e = Adapter::from_bytes(&bytes).unwrap_err().to_string();
    assert!(e.contains("format version 1") && e.contains("learn the documents again"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any label set, any corrections (spans anywhere, of any label,
    /// overlapping or not), any text: learning and annotating never panic,
    /// and the spans are valid: in the text, on character boundaries,
    /// sorted, disjoint.
    #[test]
    fn any_corrections_give_valid_spans(
        words in prop::collection::vec(prop::sample::select(vec!["Kornet", "missile", "the", "Ünïcode", "fired", "at", ".", "\n", "BBC", "3", "$5", "million", "Assad", "—", "T-72", "tanks"]), 0..40),
        marks in prop::collection::vec((0usize..400, 0usize..12, 0usize..6), 0..8),
        labels in prop::sample::subsequence(vec!["PERSON", "ORG", "LOC", "MISC", "MONEY", "DATE", "WEAPON", "PLATFORM", "TICKER:money"], 0..9),
        test_words in prop::collection::vec(prop::sample::select(vec!["Kornet", "missile", "BBC", "fired", "at", "Ünïcode", "."]), 0..20),
    ) {
        let text = words.join(" ");
        let set = LabelSet::parse_list_defining(&labels.join(",")).unwrap();
        let choices: Vec<Label> = ["PERSON", "ORG", "MONEY", "WEAPON", "PLATFORM", "TICKER:money"]
            .iter().map(|n| LabelSet::parse_list_defining(n).unwrap().iter().next().unwrap()).collect();
        let mut doc = annotate(&text, &Options::default());
        for (start, len, l) in marks {
            let start = start.min(text.len());
            let end = (start + len).min(text.len());
            if text.is_char_boundary(start) && text.is_char_boundary(end) && start < end {
                doc.annotations.push(Annotation::new(Span::new(start, end), choices[l], None, Source::User));
            }
        }
        let mut adapter = Adapter::new(set);
        adapter.learn(&doc);
        adapter.learn(&doc);
        let adapter = Adapter::from_bytes(&adapter.to_bytes()).unwrap();
        for t in [text.clone(), test_words.join(" ")] {
            let out = adapter.annotate(&t, &Options { labels: set, ..Options::default() });
            let mut end = 0;
            for a in &out.annotations {
                prop_assert!(a.span.start >= end && a.span.start < a.span.end && a.span.end <= t.len());
                prop_assert!(t.is_char_boundary(a.span.start) && t.is_char_boundary(a.span.end));
                prop_assert!(set.contains(a.label), "{:?} not asked for", a.label);
                end = a.span.end;
            }
        }
    }

    /// Whatever bytes it is given, reading a learning file returns.
    #[test]
    fn any_bytes_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..300), keep in 0usize..400) {
        let _ = Adapter::from_bytes(&bytes);
        let mut a = Adapter::new(LabelSet::all());
        a.learn(&annotate("Rebels fired a Kornet missile.", &Options::default()));
        let good = a.to_bytes();
        let _ = Adapter::from_bytes(&good[..keep.min(good.len())]);
    }
}

#[test]
fn a_common_noun_taught_is_suggested() {
    let weapon = weapon();
    let mut adapter = Adapter::new(LabelSet::parse_list_defining("WEAPON").unwrap());
    for text in ["Rebels fired rockets at the base.", "The army said rockets hit the town.", "Officials said rockets struck a school."] {
        let step = adapter.learn(&corrected(text, &[("rockets", weapon)]));
        eprintln!("{step:?} {:?}", adapter.summary());
    }
    let text = "Witnesses said rockets fell near the market.";
    let doc = adapter.annotate(text, &Options::default());
    let weapons: Vec<&str> = doc.annotations.iter().filter(|a| a.label == weapon).map(|a| a.text(text)).collect();
    assert_eq!(weapons, vec!["rockets"], "{:?}", doc.annotations);
}

/// `newsmark learn` then `newsmark annotate --adapt`: the page's learning,
/// in batch; the same inputs give the same file.
#[test]
fn the_cli_learns_and_annotates_with_what_it_learned() {
    let dir = std::env::temp_dir().join(format!("newsmark-learn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let corrected_file = dir.join("corrected.jsonl");
    std::fs::write(&corrected_file, taught_jsonl()).unwrap();
    let bin = env!("CARGO_BIN_EXE_newsmark");
    let learn = |out: &std::path::Path| {
        let s = std::process::Command::new(bin)
            .args(["learn", corrected_file.to_str().unwrap(), "--labels", "PERSON,ORG,LOC,MISC,WEAPON", "--out", out.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
        assert!(String::from_utf8_lossy(&s.stderr).contains("suggests WEAPON"), "{}", String::from_utf8_lossy(&s.stderr));
        std::fs::read(out).unwrap()
    };
    let (a, b) = (dir.join("a.nml"), dir.join("b.nml"));
    assert_eq!(learn(&a), learn(&b));
    let text = dir.join("new.txt");
    std::fs::write(&text, NEW).unwrap();
    let out = std::process::Command::new(bin).args(["annotate", "--adapt", a.to_str().unwrap(), text.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let weapons: Vec<&str> =
        doc["spans"].as_array().unwrap().iter().filter(|s| s["label"] == "WEAPON").map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(weapons, vec!["Kornet"]);
    // A file that is not one is an error, not a panic.
    let bad = std::process::Command::new(bin)
        .args(["annotate", "--adapt", corrected_file.to_str().unwrap(), text.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("learning file"));
    std::fs::remove_dir_all(&dir).ok();
}

/// The project's own labels through the CLI: `learn` takes a label its
/// documents bring (and says so), `eval` scores it (with `--adapt`, on the
/// gold texts annotated as `annotate --adapt` would), `annotate --labels`
/// emits it alone, and a label neither built-in nor learned is refused.
#[test]
fn the_cli_learns_scores_and_emits_the_projects_own_labels() {
    let dir = std::env::temp_dir().join(format!("newsmark-own-labels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    std::fs::write(path("corrected.jsonl"), taught_jsonl()).unwrap();
    std::fs::write(path("gold.jsonl"), jsonl(&[corrected(NEW, &[("Kornet", weapon())])])).unwrap();

    // No --labels: WEAPON comes from the documents.
    let learned = cli(&["learn", &path("corrected.jsonl"), "--out", &path("p.nml")]);
    assert!(learned.status.success(), "{}", text(&learned.stderr));
    assert!(text(&learned.stderr).contains("learned as the project's own (not in --labels): WEAPON\n"), "{}", text(&learned.stderr));
    assert!(text(&learned.stderr).contains("suggests WEAPON"), "{}", text(&learned.stderr));

    let scored = cli(&["eval", &path("gold.jsonl"), "--adapt", &path("p.nml"), "--labels", "WEAPON", "--by-group"]);
    assert!(scored.status.success(), "{}", text(&scored.stderr));
    let summary: serde_json::Value =
        serde_json::from_str(text(&scored.stdout).lines().last().unwrap().strip_prefix("SUMMARY ").unwrap()).unwrap();
    assert_eq!((summary["labels"]["WEAPON"]["tp"].as_u64(), summary["labels"]["WEAPON"]["fp"].as_u64()), (Some(1), Some(0)));
    // The micro figure and the `own` group count the project's labels.
    assert_eq!(summary["micro"]["tp"], 1);
    assert_eq!(summary["groups"]["own"]["tp"], 1);
    // Without the learning file the model finds no weapon: the score is
    // the adapter's.
    let misspelt = cli(&["eval", &path("gold.jsonl"), "--adapt", &path("p.nml"), "--labels", "WEAPN"]);
    assert!(text(&misspelt.stderr).contains("no span of the gold or predicted documents is labeled WEAPN"), "{}", text(&misspelt.stderr));
    let unadapted = cli(&["eval", &path("gold.jsonl"), "--labels", "WEAPON"]);
    assert!(text(&unadapted.stdout).contains("\"WEAPON\":{\"f1\":0.0"), "{}", text(&unadapted.stdout));

    std::fs::write(path("new.txt"), NEW).unwrap();
    let emitted = cli(&["annotate", "--adapt", &path("p.nml"), "--labels", "WEAPON", &path("new.txt")]);
    assert!(emitted.status.success(), "{}", text(&emitted.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&emitted.stdout).unwrap();
    let labels: Vec<&str> = doc["spans"].as_array().unwrap().iter().map(|s| s["label"].as_str().unwrap()).collect();
    assert_eq!(labels, vec!["WEAPON"]);
    // What annotate --adapt wrote goes on to the other formats: the
    // project's own labels are read as its own when export is told so.
    std::fs::write(path("emitted.json"), &emitted.stdout).unwrap();
    let refused = cli(&["export", "--format", "conll", &path("emitted.json")]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("unknown label \"WEAPON\"") && text(&refused.stderr).contains("--own-labels"));
    let conll = cli(&["export", "--format", "conll", "--own-labels", &path("emitted.json")]);
    assert!(conll.status.success(), "{}", text(&conll.stderr));
    assert!(text(&conll.stdout).contains("Kornet\tB-WEAPON\n"), "{}", text(&conll.stdout));

    let misspelt = cli(&["annotate", "--adapt", &path("p.nml"), "--labels", "WEAPN", &path("new.txt")]);
    assert_eq!(misspelt.status.code(), Some(2));
    assert!(text(&misspelt.stderr).contains("WEAPN is not a built-in label") && text(&misspelt.stderr).contains("own (WEAPON)"));
    let without_file = cli(&["annotate", "--labels", "WEAPON", &path("new.txt")]);
    assert_eq!(without_file.status.code(), Some(2));
    assert!(text(&without_file.stderr).contains("--adapt PROJECT.nml"), "{}", text(&without_file.stderr));
    std::fs::remove_dir_all(&dir).ok();
}

/// `newsmark learn` reads the corrections in any format newsmark imports:
/// the same documents from Label Studio teach what their JSONL teaches,
/// byte for byte; plain text (no corrections) is refused and nothing is
/// written.
#[test]
fn the_cli_learns_from_any_format_it_imports() {
    let dir = std::env::temp_dir().join(format!("newsmark-learn-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    std::fs::write(path("corrected.jsonl"), taught_jsonl()).unwrap();
    let set = r##"{"schema": "newsmark-labels/1", "builtins": {}, "labels": [{"name": "WEAPON", "kind": "none", "color": "#d65f5f"}]}"##;
    std::fs::write(path("labels.json"), set).unwrap();
    let exported = cli(&["export", "--format", "labelstudio", "--label-set", &path("labels.json"), &path("corrected.jsonl")]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    std::fs::write(path("tasks.json"), &exported.stdout).unwrap();
    for (input, out) in [("corrected.jsonl", "a.nml"), ("tasks.json", "b.nml")] {
        let learned = cli(&["learn", &path(input), "--labels", "WEAPON", "--out", &path(out)]);
        assert!(learned.status.success(), "{}", text(&learned.stderr));
        assert!(text(&learned.stderr).contains("3 documents, "), "{}", text(&learned.stderr));
    }
    assert_eq!(std::fs::read(path("a.nml")).unwrap(), std::fs::read(path("b.nml")).unwrap());
    std::fs::write(path("plain.txt"), NEW).unwrap();
    let refused = cli(&["learn", &path("corrected.jsonl"), &path("plain.txt"), "--out", &path("c.nml")]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("plain text holds no corrections"), "{}", text(&refused.stderr));
    assert!(!dir.join("c.nml").exists(), "nothing is written");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_passage_teaches_as_a_document_does_without_counting_as_one() {
    let weapon = weapon();
    let labels = LabelSet::parse_list_defining("PERSON,ORG,LOC,MISC,WEAPON").unwrap();
    let (mut by_documents, mut by_passages) = (Adapter::new(labels), Adapter::new(labels));
    for text in TAUGHT {
        let doc = corrected(text, &[("Kornet", weapon)]);
        assert_eq!(by_documents.learn(&doc), by_passages.learn_passage(&doc));
    }
    assert_eq!(by_documents.summary().documents, 3);
    assert_eq!(by_passages.summary().documents, 0, "passages are not documents");
    assert_eq!(by_passages.summary().suggests, vec![weapon]);
    assert_eq!(by_passages.annotate(NEW, &Options::default()), by_documents.annotate(NEW, &Options::default()));
    // A document without tokens counts for nothing either way.
    let blank = Document { text: " \n ".into(), article_date: None, article_date_source: None, annotations: Vec::new() };
    assert_eq!(by_documents.learn(&blank).tokens, 0);
    assert_eq!(by_documents.summary().documents, 3);
}
