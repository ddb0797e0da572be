//! A project's label set as a file (`newsmark-labels/1`) and the exports
//! that carry it: Label Studio's config, brat's `annotation.conf` and
//! `visual.conf`, doccano's label definitions, newsmark JSON's companion file.

use newsmark::export::{export_with, import, ExportOptions, Format, LabelScheme, NamedDocument};
use newsmark::{Annotation, Label, Source, Span};

const SET: &str = r##"{"schema": "newsmark-labels/1",
  "builtins": {"ORDINAL": false, "CARDINAL": true},
  "labels": [{"name": "WEAPON", "kind": "none", "color": "#D65F5F", "key": "w"},
             {"name": "BOUNTY", "kind": "money", "color": "#5fa0d6"}]}"##;

fn scheme() -> LabelScheme {
    LabelScheme::from_json(SET).unwrap()
}

fn doc_with_weapon() -> NamedDocument {
    let text = "They fired a Kalashnikov for $5.";
    let mut doc = newsmark::annotate(text, &newsmark::Options::default());
    let start = text.find("Kalashnikov").unwrap();
    scheme();
    let weapon: Label = "WEAPON".parse().unwrap();
    doc.annotations.retain(|a| a.span.end <= start || a.span.start >= start + "Kalashnikov".len());
    doc.annotations.push(Annotation::new(Span::new(start, start + "Kalashnikov".len()), weapon, None, Source::User));
    doc.annotations.sort_by_key(|a| a.span.start);
    NamedDocument::new("w1", doc)
}

#[test]
fn a_label_set_file_defines_its_labels_and_reads_back() {
    let s = scheme();
    let weapon: Label = "weapon".parse().unwrap();
    assert!(weapon.is_custom() && weapon.is_name());
    let bounty: Label = "BOUNTY".parse().unwrap();
    assert_eq!(bounty.value_kind(), newsmark::ValueKind::Money);
    assert_eq!(s.color(weapon), Some("#d65f5f"), "colors are kept in lower case");
    assert_eq!(s.key(weapon), Some("w"));
    assert_eq!(s.key(bounty), None);
    assert!(!s.label_set().contains(Label::Ordinal), "a built-in label switched off is not in the set");
    assert!(s.label_set().contains(Label::Cardinal) && s.label_set().contains(Label::Person));
    let labels = s.labels();
    assert_eq!(labels[labels.len() - 2..], [weapon, bounty], "the user's labels after the built-in ones, in order");
    // Written and read again, the same set.
    let again = LabelScheme::from_json(&s.to_json()).unwrap();
    assert_eq!(again, s);
    assert!(s.to_json().contains("\"ORDINAL\": false"));
}

#[test]
fn the_default_set_is_every_built_in_label() {
    let s = LabelScheme::from_json(r#"{"schema": "newsmark-labels/1"}"#).unwrap();
    assert_eq!(s, LabelScheme::default());
    assert_eq!(s.labels(), Label::ALL.to_vec());
}

#[test]
fn bad_label_set_files_are_refused_in_words_and_define_nothing() {
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/label_sets_malformed.tsv")).unwrap();
    let mut rows = 0;
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (file, want) = line.split_once('\t').unwrap();
        let err = LabelScheme::from_json(file).expect_err(file);
        assert!(err.message().contains(want), "{file}: {:?} does not say {want:?}", err.message());
        rows += 1;
    }
    assert!(rows >= 10);
    // The first label of a file refused for its second one was not defined.
    assert!("SET_E".parse::<Label>().is_err(), "a refused file defined a label");
}

#[test]
fn label_studio_config_carries_the_set_in_its_colors() {
    let s = scheme();
    let xml = newsmark::export::label_studio_config_with(Some(&s));
    assert!(xml.contains(r##"<Label value="WEAPON" background="#d65f5f"/>"##), "{xml}");
    assert!(xml.contains(r##"<Label value="BOUNTY" background="#5fa0d6"/>"##), "{xml}");
    assert!(xml.contains(r##"<Label value="PERSON" background="#9b99ff"/>"##), "{xml}");
    assert!(!xml.contains("\"ORDINAL\""), "a label switched off is not offered: {xml}");
    // Through the export, as the page asks for it.
    let options = ExportOptions { labels: Some(s), ..ExportOptions::default() };
    let files = export_with(&[doc_with_weapon()], Format::LabelStudioConfig, &options).unwrap();
    assert_eq!(files[0].text().unwrap(), xml);
}

#[test]
fn label_studio_tasks_with_a_users_label_come_back() {
    let s = scheme();
    let d = doc_with_weapon();
    let options = ExportOptions { labels: Some(s), ..ExportOptions::default() };
    let files = export_with(std::slice::from_ref(&d), Format::LabelStudio, &options).unwrap();
    assert_eq!(files.len(), 1);
    let back = import(files[0].text().unwrap(), &files[0].name).unwrap();
    let weapon: Label = "WEAPON".parse().unwrap();
    let got: Vec<&str> = back[0].doc.annotations.iter().filter(|a| a.label == weapon).map(|a| a.text(&back[0].doc.text)).collect();
    assert_eq!(got, ["Kalashnikov"]);
}

#[test]
fn brat_export_adds_its_configuration_files() {
    let options = ExportOptions { labels: Some(scheme()), ..ExportOptions::default() };
    let files = export_with(&[doc_with_weapon()], Format::Brat, &options).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["w1.txt", "w1.ann", "annotation.conf", "visual.conf"]);
    let conf = files[2].text().unwrap();
    let entities: Vec<&str> = conf.split("[entities]\n").nth(1).unwrap().split("\n\n").next().unwrap().lines().collect();
    assert!(entities.contains(&"WEAPON") && entities.contains(&"BOUNTY") && entities.contains(&"PERSON"), "{conf}");
    assert!(!entities.contains(&"ORDINAL"), "{conf}");
    for section in ["[relations]", "[events]", "[attributes]"] {
        assert!(conf.contains(section), "{section} missing: {conf}");
    }
    assert!(files[3].text().unwrap().contains("WEAPON\tbgColor:#d65f5f"));
    // The pair still imports (the conf files are not documents).
    let pairs: Vec<(&str, &str)> = files[..2].iter().map(|f| (f.name.as_str(), f.text().unwrap())).collect();
    assert_eq!(newsmark::export::import_files(&pairs).unwrap().len(), 1);
}

/// A whole export folder, configuration files and all, imports: the
/// documents come in, each configuration is reported (not an error), and
/// its labels read back with their colors and keys, the built-in ones
/// told apart.
#[test]
fn an_export_folder_imports_with_its_label_configuration() {
    use newsmark::export::tool_config::{self, ToolConfig};
    let options = ExportOptions { labels: Some(scheme()), ..ExportOptions::default() };
    let weapon = |labels: &tool_config::ToolLabels| labels.labels.iter().find(|l| l.name == "WEAPON").cloned().expect("WEAPON read");
    for (format, configs) in [(Format::Brat, 2), (Format::Doccano, 1)] {
        let files = export_with(&[doc_with_weapon()], format, &options).unwrap();
        let all: Vec<(&str, &[u8])> = files.iter().map(|f| (f.name.as_str(), f.text().unwrap().as_bytes())).collect();
        let imported = newsmark::export::import_files_with(&all, &newsmark::export::ImportOptions::default()).unwrap();
        assert_eq!(imported.docs.len(), 1, "{format}");
        let config_reports: Vec<_> = imported.reports.iter().filter(|r| r.documents == 0).collect();
        assert_eq!(config_reports.len(), configs, "{format}: {:?}", imported.reports);
        assert!(config_reports.iter().all(|r| r.warnings[0].contains("a label configuration")), "{:?}", config_reports);
        let texts: Vec<(&str, &str)> = files.iter().map(|f| (f.name.as_str(), f.text().unwrap())).collect();
        let picked: Vec<(&str, &str)> = texts.iter().copied().filter(|(n, c)| tool_config::detect(n, c).is_some()).collect();
        assert_eq!(picked.len(), configs);
        let read = tool_config::read(&picked).unwrap();
        assert_eq!(weapon(&read).color.as_deref(), Some("#d65f5f"), "{format}");
        assert_eq!(read.labels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["WEAPON", "BOUNTY"], "{format}");
        assert!(read.built_in.contains(&"PERSON") && !read.built_in.contains(&"ORDINAL"), "{format}: {:?}", read.built_in);
        if format == Format::Doccano {
            assert_eq!(weapon(&read).key.as_deref(), Some("w"));
        }
    }
    let ls = export_with(&[doc_with_weapon()], Format::LabelStudioConfig, &options).unwrap();
    let xml = ls[0].text().unwrap();
    assert_eq!(tool_config::detect(&ls[0].name, xml), Some(ToolConfig::LabelStudio));
    let read = tool_config::read(&[(ls[0].name.as_str(), xml)]).unwrap();
    assert_eq!(weapon(&read).color.as_deref(), Some("#d65f5f"));
    // Configurations alone hold no document: an error that says what they are.
    let conf = export_with(&[doc_with_weapon()], Format::Brat, &options).unwrap();
    let only: Vec<(&str, &[u8])> = conf[2..].iter().map(|f| (f.name.as_str(), f.text().unwrap().as_bytes())).collect();
    let err = newsmark::export::import_files_with(&only, &newsmark::export::ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("annotation.conf: brat's annotation.conf"), "{err}");
}

/// Other tools' own configurations, as they write them: brat's hierarchy,
/// abstract types and comments, colors by name; doccano's prefixed keys;
/// Label Studio's hotkeys, escaped values and synonyms of built-in labels.
#[test]
fn tool_configurations_as_the_tools_write_them() {
    use newsmark::export::tool_config::{detect, read, ToolConfig};
    let annotation = "# entity types\n[entities]\n!Thing\n\tWeapon\n\t\tMissile\nOrganisation\nMilitaryPlatform\n\n[relations]\nLocated\tArg1:Thing, Arg2:Thing\n[events]\nAttack\tTarget:Thing\n[attributes]\n";
    let visual =
        "[labels]\nWeapon | Weapon | W\nLocated | Located\n[drawing]\nWeapon\tbgColor:#F00, fgColor:black\nMissile\tbgColor:lightblue\n";
    assert_eq!(detect("proj/annotation.conf", annotation), Some(ToolConfig::BratAnnotation));
    assert_eq!(detect("visual.conf", visual), Some(ToolConfig::BratVisual));
    let got = read(&[("annotation.conf", annotation), ("visual.conf", visual)]).unwrap();
    let named: Vec<(&str, Option<&str>)> = got.labels.iter().map(|l| (l.name.as_str(), l.color.as_deref())).collect();
    assert_eq!(named, [("Weapon", Some("#ff0000")), ("Missile", None), ("MilitaryPlatform", None)]);
    assert_eq!(got.built_in, ["ORG"]);

    let doccano = r##"[{"id": 1, "text": "Weapon", "prefix_key": null, "suffix_key": "w", "background_color": "#209cee", "text_color": "#ffffff"},
                       {"id": 2, "text": "Vehicle", "prefix_key": "ctrl", "suffix_key": "v", "background_color": "#abcdef", "text_color": "#000000"},
                       {"id": 3, "text": "PER", "suffix_key": "p", "background_color": "#000000"}]"##;
    assert_eq!(detect("label_config.json", doccano), Some(ToolConfig::DoccanoLabels));
    let got = read(&[("label_config.json", doccano)]).unwrap();
    let named: Vec<(&str, Option<&str>)> = got.labels.iter().map(|l| (l.name.as_str(), l.key.as_deref())).collect();
    assert_eq!(named, [("Weapon", Some("w")), ("Vehicle", None)]);
    assert_eq!(got.built_in, ["PERSON"]);
    // A doccano file of documents is not a configuration.
    assert_eq!(detect("docs.json", r#"[{"text": "Kim met Lee.", "label": [[0, 3, "PER"]]}]"#), None);

    let xml = r##"<View><Labels name="ner" toName="text"><Label value="R&amp;D lab" background="red"/><Label value="Ship" hotkey="s" background="#00ff00"></Label><Label value="LOC"/></Labels><Text name="text" value="$text"/></View>"##;
    assert_eq!(detect("config.xml", xml), Some(ToolConfig::LabelStudio));
    assert_eq!(detect("notes.xml", "<?xml version=\"1.0\"?><root/>"), None);
    let got = read(&[("config.xml", xml)]).unwrap();
    let named: Vec<(&str, Option<&str>, Option<&str>)> =
        got.labels.iter().map(|l| (l.name.as_str(), l.color.as_deref(), l.key.as_deref())).collect();
    assert_eq!(named, [("R&D lab", None, None), ("Ship", Some("#00ff00"), Some("s"))]);
    assert_eq!(got.built_in, ["LOC"]);
}

#[test]
fn doccano_export_adds_its_label_definitions() {
    let options = ExportOptions { labels: Some(scheme()), ..ExportOptions::default() };
    let files = export_with(&[doc_with_weapon()], Format::Doccano, &options).unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[1].name, "label_config.json");
    let defs: serde_json::Value = serde_json::from_str(files[1].text().unwrap()).unwrap();
    let weapon = defs.as_array().unwrap().iter().find(|d| d["text"] == "WEAPON").expect("WEAPON defined");
    assert_eq!(weapon["background_color"], "#d65f5f");
    assert_eq!(weapon["suffix_key"], "w");
    assert!(defs.as_array().unwrap().iter().all(|d| d["text"] != "ORDINAL"));
}

#[test]
fn newsmark_json_export_carries_the_set_and_the_default_set_changes_nothing() {
    let s = scheme();
    let d = doc_with_weapon();
    let with = ExportOptions { labels: Some(s.clone()), ..ExportOptions::default() };
    let files = export_with(std::slice::from_ref(&d), Format::Json, &with).unwrap();
    assert_eq!(files[1].name, "newsmark-labels.json");
    assert_eq!(LabelScheme::from_json(files[1].text().unwrap()).unwrap(), s);
    // The default set (all built-in labels, none of the user's) adds no file:
    // an export as it always was.
    let default = ExportOptions { labels: Some(LabelScheme::default()), ..ExportOptions::default() };
    for format in [Format::Json, Format::Jsonl, Format::Doccano, Format::Brat] {
        let plain = export_with(std::slice::from_ref(&d), format, &ExportOptions::default()).unwrap();
        assert_eq!(export_with(std::slice::from_ref(&d), format, &default).unwrap(), plain, "{format}");
    }
}

/// `newsmark export --label-set FILE`: the set's labels are defined before
/// the input is read (a JSONL line with a WEAPON span imports), and the
/// config carries them in their colors.
#[test]
fn cli_export_takes_a_label_set_file() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = std::env::temp_dir().join(format!("newsmark-labelset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let set = dir.join("set.json");
    std::fs::write(&set, SET.replace("WEAPON", "CLI_WEAPON")).unwrap();
    let line = r#"{"text": "A Kalashnikov.", "annotations": [{"start": 2, "end": 13, "label": "CLI_WEAPON", "source": "user"}]}"#;
    let run_in = |format: &str, out: Option<&std::path::Path>| {
        let mut args = vec!["export", "--format", format, "--label-set", set.to_str().unwrap()];
        if let Some(out) = out {
            args.extend(["--out", out.to_str().unwrap()]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A refused label set ends the command before it reads stdin.
        let _ = child.stdin.take().unwrap().write_all(line.as_bytes());
        child.wait_with_output().unwrap()
    };
    let run = |format: &str| run_in(format, None);
    let out = run("labelstudio-config");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains(r##"<Label value="CLI_WEAPON" background="#d65f5f"/>"##));
    let files = dir.join("doccano");
    let out = run_in("doccano", Some(&files));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let defs = std::fs::read_to_string(files.join("label_config.json")).unwrap();
    assert!(defs.contains("\"CLI_WEAPON\""), "{defs}");
    std::fs::write(&set, "{\"schema\": \"newsmark-labels/1\", \"labels\": [{\"name\": \"BAD NAME\", \"color\": \"#aabbcc\"}]}").unwrap();
    let out = run("labelstudio-config");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("set.json") && err.contains("BAD NAME"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
