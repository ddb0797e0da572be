//! The token formats (CoNLL, CoNLL-U, Hugging Face JSONL) written and read
//! back in every tag scheme, label mapping on import (OntoNotes' types, the
//! user's `label_map`), the newsmark JSON reader's refusal of what it
//! would lose (fields it does not know, other tools' spans), and malformed
//! files
//! (`tests/data/import_malformed_conll.tsv`), each an error that names what
//! is wrong and returns nothing.

#[path = "common/gen.rs"]
mod gen;

use newsmark::export::{export, export_with, import_with, ExportOptions, Format, ImportOptions, NamedDocument, TagScheme};
use newsmark::{Annotation, Document, ErrorKind, Label, NaiveDate, Options, Source, Span};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn mark(text: &str, needle: &str, label: Label) -> Annotation {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    Annotation::new(Span::new(start, start + needle.len()), label, None, Source::User)
}

/// Emoji, CJK, combining marks, a tab, CRLF, leading and trailing
/// whitespace, a span crossing a line break, two spans of one label side by
/// side (IOB1's B-), a one-token span (BILOU's U-).
fn tricky() -> Vec<NamedDocument> {
    let a = "  😀 Jung Pak met 李明 in Zu\u{308}rich on Aug. 9.\r\nIt paid US$455 million,\t\"a record.\"\nTornado\nCash \n";
    let b = "Ａ株 fell 12.5% in 서울 Seoul, é (e\u{301}) 🇰🇷 says Lee Tae-woo.";
    let doc =
        |text: &str, annotations, date| Document { text: text.to_owned(), article_date: date, article_date_source: None, annotations };
    vec![
        NamedDocument::new(
            "a1",
            doc(
                a,
                vec![
                    mark(a, "Jung Pak", Label::Person),
                    mark(a, "李明", Label::Person),
                    mark(a, "Zu\u{308}rich", Label::Loc),
                    mark(a, "Aug. 9", Label::Date),
                    mark(a, "US$455 million", Label::Money),
                    mark(a, "Tornado\nCash", Label::Org),
                ],
                NaiveDate::from_ymd_opt(2022, 8, 9),
            ),
        ),
        NamedDocument::new(
            "b2",
            doc(
                b,
                vec![
                    mark(b, "12.5%", Label::Percent),
                    mark(b, "서울", Label::Loc),
                    mark(b, "Seoul", Label::Loc),
                    mark(b, "Lee Tae-woo", Label::Person),
                ],
                None,
            ),
        ),
    ]
}

/// The documents of the consumers' tricky corpus, annotated.
fn tricky_corpus() -> Vec<NamedDocument> {
    let content = std::fs::read_to_string(data_dir().join("consumers/tricky.jsonl")).unwrap();
    content
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let text = v["text"].as_str().unwrap();
            NamedDocument::new(v["id"].as_str().unwrap(), newsmark::annotate(text, &Options::default()))
        })
        .collect()
}

fn export_in(docs: &[NamedDocument], format: Format, scheme: TagScheme) -> (String, String) {
    let files = export_with(docs, format, &ExportOptions { scheme, ..ExportOptions::default() }).unwrap();
    assert_eq!(files.len(), 1);
    (files[0].name.clone(), files[0].text().unwrap().to_owned())
}

fn read(content: &str, name: &str, options: &ImportOptions) -> Vec<NamedDocument> {
    import_with(content.as_bytes(), name, options).unwrap_or_else(|e| panic!("{name}: {e}")).docs
}

/// The spans as (label, covered text with whitespace runs as one space).
fn labelled(d: &NamedDocument) -> Vec<(Label, String)> {
    d.doc.annotations.iter().map(|a| (a.label, a.text(&d.doc.text).split_whitespace().collect::<Vec<_>>().join(" "))).collect()
}

/// (label, text) with tokens' spacing dropped: what CoNLL keeps of a span.
fn tokens_of(d: &NamedDocument) -> Vec<(Label, String)> {
    let tokens = |s: &str| newsmark::tokenize::tokenize(s).iter().map(|t| t.text(s).to_owned()).collect::<Vec<_>>().join(" ");
    d.doc.annotations.iter().map(|a| (a.label, tokens(a.text(&d.doc.text)))).collect()
}

#[test]
fn conllu_gives_back_the_text_spans_and_date_in_every_scheme() {
    for docs in [tricky(), tricky_corpus()] {
        for scheme in TagScheme::ALL {
            let (name, content) = export_in(&docs, Format::Conllu, scheme);
            assert_eq!(name, if docs.len() == 1 { "a1.conllu" } else { "newsmark.conllu" });
            for options in [ImportOptions::default(), ImportOptions { scheme: Some(scheme), ..ImportOptions::default() }] {
                let back = read(&content, &name, &options);
                assert_eq!(back.len(), docs.len(), "{scheme}");
                for (got, want) in back.iter().zip(&docs) {
                    assert_eq!(got.id, want.id, "{scheme}");
                    assert_eq!(got.doc.text, want.doc.text, "{scheme}: text of {}", want.id);
                    assert_eq!(got.doc.article_date, want.doc.article_date, "{scheme}");
                    let spans = |d: &Document| d.annotations.iter().map(|a| (a.span, a.label)).collect::<Vec<_>>();
                    assert_eq!(spans(&got.doc), spans(&want.doc), "{scheme}: spans of {}", want.id);
                    assert!(got.doc.annotations.iter().all(|a| a.source == Source::User && a.value.is_none()));
                }
            }
        }
    }
}

/// Hand marks inside a token (`US` of `US-based`; two names in one
/// hyphenated token) are cut out of it: CoNLL-U gives every span back
/// exactly, and CoNLL and Hugging Face JSONL tag each one (neither grows
/// to the token's edges nor is lost).
#[test]
fn marks_inside_a_token_are_cut_out_of_it() {
    let text = "The US-based firm of Kim-Park said Samsung.";
    assert!(newsmark::tokenize::tokenize(text).iter().any(|t| t.text(text) == "US-based"), "one token, as the test needs");
    let doc = Document {
        text: text.to_owned(),
        article_date: None,
        article_date_source: None,
        annotations: vec![mark(text, "US", Label::Loc), mark(text, "Kim", Label::Person), mark(text, "Park", Label::Person)],
    };
    let docs = [NamedDocument::new("cut", doc)];
    let (name, conllu) = export_in(&docs, Format::Conllu, TagScheme::Iob2);
    let back = read(&conllu, &name, &ImportOptions::default());
    assert_eq!(back[0].doc.text, text);
    let spans = |d: &Document| d.annotations.iter().map(|a| (a.span, a.label)).collect::<Vec<_>>();
    assert_eq!(spans(&back[0].doc), spans(&docs[0].doc));
    let (_, conll) = export_in(&docs, Format::Conll, TagScheme::Iob2);
    let lines: Vec<&str> = conll.lines().filter(|l| l.contains('\t') && !l.starts_with("-DOCSTART-")).collect();
    assert_eq!(lines[1..3], ["US\tB-LOC", "-based\tO"]);
    assert_eq!(lines[5..8], ["Kim\tB-PERSON", "-\tO", "Park\tB-PERSON"]);
    for format in [Format::Conll, Format::Hf] {
        let (name, content) = export_in(&docs, format, TagScheme::Bilou);
        let back = read(&content, &name, &ImportOptions::default());
        let got: Vec<(Label, &str)> = back[0].doc.annotations.iter().map(|a| (a.label, a.text(&back[0].doc.text))).collect();
        assert_eq!(got, [(Label::Loc, "US"), (Label::Person, "Kim"), (Label::Person, "Park")], "{format}");
    }
}

#[test]
fn conll_and_hf_give_back_tokens_and_labels_in_every_scheme() {
    for docs in [tricky(), tricky_corpus()] {
        for format in [Format::Conll, Format::Hf] {
            for scheme in TagScheme::ALL {
                let (name, content) = export_in(&docs, format, scheme);
                let back = read(&content, &name, &ImportOptions::default());
                assert_eq!(back.len(), docs.len(), "{format} {scheme}");
                for (got, want) in back.iter().zip(&docs) {
                    assert_eq!(labelled(got), tokens_of(want), "{format} {scheme}: {}", want.id);
                    // The text is the tokens, one space apart, one sentence a line.
                    let tokens: Vec<String> = newsmark::tokenize::tokenize(&want.doc.text)
                        .iter()
                        .map(|t| t.text(&want.doc.text).chars().map(|c| if c.is_control() { '_' } else { c }).collect())
                        .collect();
                    let got_tokens: Vec<&str> = got.doc.text.split([' ', '\n']).collect();
                    if format == Format::Conll {
                        assert_eq!(got_tokens, tokens, "{format} {scheme}");
                    }
                }
                if format == Format::Hf {
                    assert_eq!(back[0].id, docs[0].id, "{scheme}: the document field names it");
                }
            }
        }
    }
}

#[test]
fn schemes_are_written_as_their_users_expect() {
    let docs = tricky();
    let conll = |scheme| export_in(&docs[1..], Format::Conll, scheme).1;
    assert!(conll(TagScheme::Iob2).contains("서울\tB-LOC\nSeoul\tB-LOC\n"));
    assert!(conll(TagScheme::Iob1).contains("서울\tI-LOC\nSeoul\tB-LOC\n"), "IOB1 writes B- only after a span of its label");
    assert!(conll(TagScheme::Iob1).contains("Lee\tI-PERSON\nTae-woo\tI-PERSON\n"));
    assert!(conll(TagScheme::Bilou).contains("서울\tU-LOC\nSeoul\tU-LOC\n"));
    assert!(conll(TagScheme::Bilou).contains("Lee\tB-PERSON\nTae-woo\tL-PERSON\n"));
    assert!(conll(TagScheme::Iobes).contains("Lee\tB-PERSON\nTae-woo\tE-PERSON\n"));
    assert!(conll(TagScheme::Iobes).contains("서울\tS-LOC\n"));
    // The default is IOB2, as before.
    assert_eq!(export(&docs, Format::Conll).unwrap()[0].text().unwrap(), export_in(&docs, Format::Conll, TagScheme::Iob2).1);
    // Hugging Face: the ClassLabel names, O first, the same list on every line.
    let hf = export_in(&docs, Format::Hf, TagScheme::Bilou).1;
    let rows: Vec<serde_json::Value> = hf.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let names = rows[0]["ner_tag_names"].as_array().unwrap();
    assert_eq!(names.len(), 1 + 4 * Label::ALL.len());
    assert_eq!(names[..5], ["O", "B-PERSON", "I-PERSON", "L-PERSON", "U-PERSON"]);
    assert!(rows.iter().all(|r| r["ner_tag_names"].as_array().unwrap() == names));
    assert!(rows.iter().all(|r| r["tokens"].as_array().unwrap().len() == r["ner_tags"].as_array().unwrap().len()));
    assert_eq!(rows[0]["id"], "a1-1");
    assert_eq!(rows[0]["document"], "a1");
    // CoNLL-U: NER= in MISC, spacing as UDPipe writes it.
    let conllu = export_in(&docs[..1], Format::Conllu, TagScheme::Iob2).1;
    assert!(conllu.starts_with("# newdoc id = a1\n# article_date = 2022-08-09\n# sent_id = a1-1\n# text = 😀 Jung Pak"), "{conllu}");
    assert!(conllu.contains("1\t😀\t_\t_\t_\t_\t_\t_\t_\tNER=O|SpacesBefore=\\s\\s\n"), "{conllu}");
    assert!(conllu.contains("\tJung\t_\t_\t_\t_\t_\t_\t_\tNER=B-PERSON\n"), "{conllu}");
    assert!(conllu.contains("\t9\t_\t_\t_\t_\t_\t_\t_\tNER=I-DATE|SpaceAfter=No\n"), "{conllu}");
    assert!(conllu.contains("NER=O|SpacesAfter=\\r\\n\n"), "{conllu}");
    assert!(conllu.contains("\tCash\t_\t_\t_\t_\t_\t_\t_\tNER=I-ORG|SpacesAfter=\\s\\n\n"), "{conllu}");
}

#[test]
fn the_scheme_is_found_from_the_tags_or_chosen() {
    let iob1 = "Jung\tI-PER\nPak\tI-PER\nLee\tB-PER\nmet\tO\n";
    let found = read(iob1, "a.conll", &ImportOptions::default());
    assert_eq!(labelled(&found[0]), [(Label::Person, "Jung Pak".to_owned()), (Label::Person, "Lee".to_owned())]);
    assert_eq!(found[0].doc.text, "Jung Pak Lee met");
    // Chosen as IOB2, the same file is refused, with the hint.
    let strict = ImportOptions { scheme: Some(TagScheme::Iob2), ..ImportOptions::default() };
    let err = import_with(iob1.as_bytes(), "a.conll", &strict).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidLabel);
    assert!(err.message().starts_with("a.conll: document \"doc-1\": line 1: tag \"I-PER\" at the start of a sentence"), "{err}");
    assert!(err.message().ends_with("(the tags look like IOB1: read them as that)"), "{err}");
    // CoNLL-2003's four columns, space-separated: the first is the token, the last the tag.
    let conll2003 = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP B-NP I-PER\n";
    let docs = read(conll2003, "train.txt.conll", &ImportOptions::default());
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].doc.text, "EU rejects German\nPeter Blackburn");
    assert_eq!(
        labelled(&docs[0]),
        [(Label::Org, "EU".to_owned()), (Label::Misc, "German".to_owned()), (Label::Person, "Peter Blackburn".to_owned())]
    );
    // CRLF line ends read as LF.
    let crlf = read("Acme\tB-ORG\r\nCorp\tI-ORG\r\n\r\nrose\tO\r\n", "a.conll", &ImportOptions::default());
    assert_eq!(crlf[0].doc.text, "Acme Corp\nrose");
    assert_eq!(labelled(&crlf[0]), [(Label::Org, "Acme Corp".to_owned())]);
}

#[test]
fn ontonotes_labels_map_to_newsmarks() {
    let want = [
        ("PERSON", Label::Person),
        ("NORP", Label::Misc),
        ("FAC", Label::Loc),
        ("ORG", Label::Org),
        ("GPE", Label::Loc),
        ("LOC", Label::Loc),
        ("PRODUCT", Label::Misc),
        ("EVENT", Label::Misc),
        ("WORK_OF_ART", Label::Misc),
        ("LAW", Label::Misc),
        ("LANGUAGE", Label::Misc),
        ("DATE", Label::Date),
        ("TIME", Label::Time),
        ("PERCENT", Label::Percent),
        ("MONEY", Label::Money),
        ("QUANTITY", Label::Quantity),
        ("ORDINAL", Label::Ordinal),
        ("CARDINAL", Label::Cardinal),
    ];
    let content: String = want.iter().enumerate().map(|(i, (l, _))| format!("w{i}\tB-{l}\nx{i}\tO\n")).collect();
    let docs = read(&content, "onto.conll", &ImportOptions::default());
    let got: Vec<Label> = docs[0].doc.annotations.iter().map(|a| a.label).collect();
    assert_eq!(got, want.map(|(_, l)| l));
    // Every format reads labels the same way: spaCy's tuples, doccano, newsmark JSON.
    for (name, content) in [
        ("a.json", r#"[["Paris gala", {"entities": [[0, 5, "GPE"], [6, 10, "EVENT"]]}]]"#),
        ("a.jsonl", r#"{"text": "Paris gala", "label": [[0, 5, "FAC"], [6, 10, "WORK_OF_ART"]]}"#),
        ("b.json", r#"{"text": "Paris gala", "spans": [{"start": 0, "end": 5, "label": "GPE"}, {"start": 6, "end": 10, "label": "LAW"}]}"#),
    ] {
        let d = &read(content, name, &ImportOptions::default())[0];
        assert_eq!(d.doc.annotations.iter().map(|a| a.label).collect::<Vec<_>>(), [Label::Loc, Label::Misc], "{name}");
    }
}

#[test]
fn the_users_label_map_comes_first() {
    let content = "Rex\tB-ANIMAL\nbarked\tO\nParis\tB-GPE\n";
    let err = import_with(content.as_bytes(), "a.conll", &ImportOptions::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidLabel);
    assert!(err.message().starts_with("a.conll: document \"doc-1\": line 1: unknown label \"ANIMAL\""), "{err}");
    assert!(err.message().contains("--map-label ANIMAL=MISC"), "{err}");
    let map = BTreeMap::from([("ANIMAL".to_owned(), Label::Misc), ("GPE".to_owned(), Label::Org)]);
    let options = ImportOptions { label_map: map, ..ImportOptions::default() };
    let docs = read(content, "a.conll", &options);
    assert_eq!(labelled(&docs[0]), [(Label::Misc, "Rex".to_owned()), (Label::Org, "Paris".to_owned())]);
    // The same map in newsmark JSON.
    let json = r#"{"text": "Rex", "spans": [{"start": 0, "end": 3, "label": "ANIMAL"}]}"#;
    assert_eq!(read(json, "a.json", &options)[0].doc.annotations[0].label, Label::Misc);
}

#[test]
fn conllu_from_other_tools_reads() {
    // UD's own conventions: a multiword token (its first word's tag), an empty node, SpaceAfter=No,
    // comments newsmark does not use, a NER-less token, no newdoc.
    let ud = "# sent_id = s1\n# text = Don't go to Paris.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\t_\t_\t3\taux\t_\tNER=O\n2\tn't\tnot\tPART\t_\t_\t3\tadvmod\t_\tNER=O\n3\tgo\tgo\tVERB\t_\t_\t0\troot\t_\t_\n3.1\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n4\tto\tto\tADP\t_\t_\t5\tcase\t_\tNER=O\n5\tParis\tParis\tPROPN\t_\t_\t3\tobl\t_\tNER=B-GPE|SpaceAfter=No\n6\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\tNER=O\n\n# text = It rained.\n1\tIt\t_\t_\t_\t_\t_\t_\t_\t_\n2\trained\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n";
    let docs = read(ud, "ud.conllu", &ImportOptions::default());
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "doc-1");
    assert_eq!(docs[0].doc.text, "Don't go to Paris. It rained.");
    assert_eq!(labelled(&docs[0]), [(Label::Loc, "Paris".to_owned())]);
}

#[test]
fn the_cli_writes_and_reads_the_schemes_and_maps_labels() {
    let dir = std::env::temp_dir().join(format!("newsmark-export-conll-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        // A usage error exits before reading stdin: a broken pipe then is no failure.
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    };
    let jsonl = r#"{"id": "d", "text": "Jung Pak met Lee.", "spans": [{"start": 0, "end": 8, "label": "PERSON"}, {"start": 13, "end": 16, "label": "PERSON"}]}"#;
    let out = run(&["export", "--format", "conll", "--scheme", "bilou"], jsonl);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let conll = String::from_utf8(out.stdout).unwrap();
    assert!(conll.contains("Jung\tB-PERSON\nPak\tL-PERSON\nmet\tO\nLee\tU-PERSON\n"), "{conll}");
    let path = dir.join("d.conll");
    std::fs::write(&path, conll.replace("PERSON", "ANIMAL")).unwrap();
    let path = path.to_str().unwrap();
    let out = run(&["export", "--format", "jsonl", path], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown label \"ANIMAL\""));
    let out = run(&["export", "--format", "jsonl", "--map-label", "ANIMAL=MISC", "--input-scheme", "bilou", path], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("(conll): 1 document, 2 spans"), "{}", String::from_utf8_lossy(&out.stderr));
    let back: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(back["text"], "Jung Pak met Lee .");
    assert_eq!(back["spans"][0]["label"], "MISC");
    let out = run(&["export", "--format", "jsonl", "--input-scheme", "iob2", path], "");
    assert_eq!(out.status.code(), Some(1), "BILOU tags read as IOB2");
    let hf = dir.join("hub.jsonl");
    std::fs::write(&hf, "{\"tokens\": [\"Jung\", \"Pak\"], \"ner_tags\": [1, 2]}\n").unwrap();
    let out = run(&["export", "--format", "jsonl", "--tag-names", "O,B-PER,I-PER", hf.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let back: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(back["spans"][0]["text"], "Jung Pak");
    for bad in [["--scheme", "bio3"], ["--map-label", "ANIMAL"], ["--map-label", "ANIMAL=DOG"]] {
        let out = run(&["export", "--format", "conll", bad[0], bad[1]], jsonl);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `\n`, `\t`, `\r` and `\\` in a table cell.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            other => panic!("bad escape \\{other:?} in {s:?}"),
        }
    }
    out
}

#[test]
fn malformed_token_files_give_the_right_error() {
    let path = data_dir().join("import_malformed_conll.tsv");
    let table = std::fs::read_to_string(&path).unwrap();
    let mut failures = Vec::new();
    let mut cases = 0;
    for (i, line) in table.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let [name, file, opts, kind, says, content] = cells[..] else {
            panic!("{}:{}: {} cells where 6 were expected", path.display(), i + 1, cells.len())
        };
        let mut options = ImportOptions::default();
        for opt in opts.split(',').filter(|o| *o != "-") {
            match opt.split_once('=') {
                Some(("scheme", s)) => options.scheme = Some(s.parse().unwrap()),
                Some(("format", f)) => options.format = Some(f.parse().unwrap()),
                Some(("map", m)) => {
                    let (from, to) = m.split_once('=').unwrap();
                    options.label_map.insert(from.to_owned(), to.parse().unwrap());
                }
                _ => panic!("{}:{}: unknown option {opt:?}", path.display(), i + 1),
            }
        }
        cases += 1;
        let (says, content) = (unescape(says), unescape(content));
        match import_with(content.as_bytes(), file, &options) {
            Ok(got) => failures.push(format!("line {}: {name}: imported {} documents", i + 1, got.docs.len())),
            Err(e) => {
                if format!("{:?}", e.kind()) != kind || !e.message().contains(&says) {
                    failures.push(format!("line {}: {name}: got {:?} {:?}, want {kind} containing {says:?}", i + 1, e.kind(), e.message()));
                }
                if !e.message().starts_with(&format!("{file}: ")) {
                    failures.push(format!("line {}: {name}: the message does not name the file: {:?}", i + 1, e.message()));
                }
            }
        }
    }
    assert!(cases >= 50, "{cases} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_import_reports_what_it_read() {
    let (name, content) = export_in(&tricky(), Format::Conllu, TagScheme::Iobes);
    let got = import_with(content.as_bytes(), &name, &ImportOptions::default()).unwrap();
    assert_eq!(got.reports.len(), 1);
    let r = &got.reports[0];
    assert_eq!((r.format, r.documents, r.spans, r.skipped), (Some(Format::Conllu), 2, 10, 0));
    assert_eq!(r.summary(), "newsmark.conllu (conllu): 2 documents, 10 spans");
}

#[test]
fn newsmark_json_reads_every_file_newsmark_writes_and_warns_of_what_it_leaves_when_lenient() {
    // What the writer writes reads back, in both JSON formats.
    for format in [Format::Json, Format::Jsonl] {
        let files = export(&tricky(), format).unwrap();
        let got = import_with(files[0].text().unwrap().as_bytes(), &files[0].name, &ImportOptions::default()).unwrap();
        assert_eq!(got.docs.len(), 2);
        assert!(got.reports[0].warnings.is_empty());
    }
    // The page's span objects carry derived fields: read, nothing lost.
    let page = r#"{"id": "p", "text": "Acme", "offset_unit": "utf16", "spans": [{"start": 0, "end": 4, "start_cp": 0, "end_cp": 4, "label": "ORG", "text": "Acme", "value": null, "value_display": null, "value_words": null, "source": "user"}]}"#;
    assert_eq!(read(page, "p.json", &ImportOptions::default())[0].doc.annotations.len(), 1);
    // Lenient: the fields are reported with counts, the rest is read.
    let content = "{\"id\": \"a1\", \"text\": \"Acme Corp\", \"meta\": 1, \"date\": \"x\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"ORG\", \"score\": 0.5}, {\"start\": 5, \"end\": 9, \"label\": \"ORG\", \"score\": 0.7}]}\n";
    let lenient = ImportOptions { lenient: true, ..ImportOptions::default() };
    let got = import_with(content.as_bytes(), "a.jsonl", &lenient).unwrap();
    assert_eq!(got.docs[0].doc.annotations.len(), 2);
    assert_eq!(
        got.reports[0].warnings,
        ["line 1 (\"a1\"): not read (newsmark JSON has no place for them): fields \"date\", \"meta\"; span fields \"score\" (2 spans)"]
    );
    // Other tools' spans are an error even when lenient: they would all be lost.
    let ents = r#"{"text": "Acme", "ents": [{"start": 0, "end": 4, "label": "ORG"}]}"#;
    let options = ImportOptions { format: Some(Format::Json), lenient: true, ..ImportOptions::default() };
    let err = import_with(ents.as_bytes(), "d.json", &options).unwrap_err();
    assert!(err.message().contains("has \"ents\", which other tools keep spans in"), "{err}");
}

const TOKEN_FORMATS: [Format; 3] = [Format::Conll, Format::Conllu, Format::Hf];

/// Spans sorted, disjoint, non-empty, on character boundaries of the text.
fn valid(d: &NamedDocument) -> bool {
    let a = &d.doc.annotations;
    a.iter().all(|a| !a.span.is_empty() && a.span.is_valid_in(&d.doc.text)) && a.windows(2).all(|w| w[0].span.end <= w[1].span.start)
}

fn fuzz_config() -> ProptestConfig {
    // The fuzz harness's knob (tests/fuzz.rs); fewer cases by default, as this file runs with the other tests.
    let cases = std::env::var("NEWSMARK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(fuzz_config())]

    /// Any document's CoNLL-U export comes back with its text (a text of only whitespace has no
    /// token to carry it, and comes back empty) and spans grown to token edges at most.
    #[test]
    fn conllu_round_trips_any_document(doc in gen::random_document(), scheme in prop::sample::select(&TagScheme::ALL[..])) {
        let named = NamedDocument::new("d", doc);
        let (name, content) = export_in(std::slice::from_ref(&named), Format::Conllu, scheme);
        let back = import_with(content.as_bytes(), &name, &ImportOptions::default());
        let back = back.map_err(|e| TestCaseError::fail(format!("{e}\n{content}")))?.docs;
        prop_assert_eq!(back.len(), 1);
        let want_text = if named.doc.text.trim().is_empty() { "" } else { named.doc.text.as_str() };
        prop_assert_eq!(&back[0].doc.text, want_text);
        prop_assert!(valid(&back[0]));
        prop_assert!(back[0].doc.annotations.len() <= named.doc.annotations.len());
        for a in &back[0].doc.annotations {
            prop_assert!(named.doc.annotations.iter().any(|w| w.label == a.label && w.span.overlaps(&a.span)), "{:?}", a);
        }
    }

    /// Mutated token files (flipped bytes, truncation, lines dropped or repeated) read in every
    /// token format never panic, and give an error or valid documents.
    #[test]
    fn mutated_token_files(
        doc in prop_oneof![gen::random_document(), gen::newsy().prop_map(|t| newsmark::annotate(&t, &Options::default()))],
        format in prop::sample::select(&TOKEN_FORMATS[..]),
        mutations in gen::mutations(),
    ) {
        let (name, content) = export_in(&[NamedDocument::new("d", doc)], format, TagScheme::Iob2);
        let bytes = gen::mutate(content.into_bytes(), &mutations);
        for read_as in [None, Some(Format::Conll), Some(Format::Conllu), Some(Format::Hf)] {
            let options = ImportOptions { format: read_as, ..ImportOptions::default() };
            if let Ok(got) = import_with(&bytes, &name, &options) {
                prop_assert!(got.docs.iter().all(valid));
            }
        }
    }
}

/// A file `Dataset.to_json` wrote (conll2003's columns, integer tags, no names) reads with the
/// dataset's ClassLabel names given.
#[test]
fn hugging_face_files_without_names_read_with_the_names_given() {
    let content = "{\"id\":\"0\",\"tokens\":[\"EU\",\"rejects\",\"German\",\"call\"],\"pos_tags\":[22,42,16,21],\"chunk_tags\":[11,21,11,12],\"ner_tags\":[3,0,7,0]}\n{\"id\":\"1\",\"tokens\":[\"Peter\",\"Blackburn\"],\"pos_tags\":[22,22],\"chunk_tags\":[11,12],\"ner_tags\":[1,2]}\n";
    let err = import_with(content.as_bytes(), "train.jsonl", &ImportOptions { format: Some(Format::Hf), ..ImportOptions::default() })
        .unwrap_err();
    assert!(err.message().contains("--tag-names"), "{err}");
    // conll2003's names on the Hub.
    let names = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"].map(String::from).to_vec();
    let options = ImportOptions { tag_names: Some(names), ..ImportOptions::default() };
    let docs = read(content, "train.jsonl", &options);
    assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["0", "1"]);
    assert_eq!(labelled(&docs[0]), [(Label::Org, "EU".to_owned()), (Label::Misc, "German".to_owned())]);
    assert_eq!(labelled(&docs[1]), [(Label::Person, "Peter Blackburn".to_owned())]);
}
