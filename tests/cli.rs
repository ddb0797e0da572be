//! The command-line tool as a user runs it: help generated from the
//! option definitions, usage errors (exit 2), `annotate --jsonl` in input
//! order on any number of threads with bad lines (not JSON, not UTF-8, too
//! long) reported and every good line written, `-` as stdin, quiet on a
//! closed pipe, and `eval`'s gate.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn newsmark(args: &[&str], stdin: &str) -> Output {
    newsmark_bytes(args, stdin.as_bytes())
}

fn newsmark_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn help_lists_every_command_and_option() {
    let o = newsmark(&["--help"], "");
    assert!(o.status.success());
    for cmd in ["annotate", "eval", "export", "train", "lexicon", "help"] {
        assert!(stdout(&o).contains(&format!("  {cmd} ")), "{cmd} missing from:\n{}", stdout(&o));
    }
    let o = newsmark(&["help", "annotate"], "");
    assert!(o.status.success());
    for flag in ["--jsonl", "--date <YYYY-MM-DD>", "--labels", "--pretty", "--threads <N>"] {
        assert!(stdout(&o).contains(flag), "{flag} missing");
    }
    let o = newsmark(&["--version"], "");
    assert_eq!(stdout(&o).trim(), format!("newsmark {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["annotate", "--bogus"][..],
        &["annotate", "--date", "2022-02-30"],
        &["annotate", "--labels", "ANIMAL"],
        &["annotate", "--threads", "0"],
        &["annotate", "--labels", ""],
        &["annotate", "--labels", " , "],
        &["annotate", "--date", "+99999-01-01"],
        &["annotate", "--date", "22-08-09"],
        &["export"],
        &["export", "--format", "docx"],
        &["eval"],
        &["train", "--epochs"],
        &["train", "--epochs", "x"],
        &["train", "--bogus"],
        &["nope"],
    ] {
        let o = newsmark(args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?} says why");
    }
}

#[test]
fn jsonl_keeps_input_order_on_any_number_of_threads_and_reports_a_bad_line() {
    // More lines than a batch, so order is kept across batches too.
    let mut input = String::new();
    for i in 0..300 {
        input.push_str(&format!("{{\"id\": \"d{i}\", \"text\": \"Acme Corp paid ${i} million on Tuesday.\", \"date\": \"2022-08-09\"}}\n"));
        if i == 150 {
            input.push_str("{not json\n\n");
        }
    }
    let one = newsmark(&["annotate", "--jsonl", "--threads", "1"], &input);
    let two = newsmark(&["annotate", "--jsonl", "--threads", "2"], &input);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(stdout(&one), stdout(&two));
    let out = stdout(&one);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 300);
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], format!("d{i}"));
        assert!(v["spans"].as_array().unwrap().iter().any(|s| s["label"] == "MONEY"));
    }
    assert!(stderr(&one).contains("stdin line 152"), "{}", stderr(&one));
}

#[test]
fn eval_gate_fails_below_the_bar() {
    let gold = newsmark(&["annotate"], "Acme Corp paid $5 million to Jung Pak on Tuesday.");
    let dir = std::env::temp_dir().join(format!("newsmark-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gold.jsonl");
    std::fs::write(&path, stdout(&gold)).unwrap();
    let path = path.to_str().unwrap();
    let pass = newsmark(&["eval", path, "--min-f1", "1.0"], "");
    assert!(pass.status.success(), "{}", stderr(&pass));
    assert!(stdout(&pass).lines().last().unwrap().starts_with("SUMMARY {"));
    let fail = newsmark(&["eval", path, "--min-f1", "1.01"], "");
    assert_eq!(fail.status.code(), Some(1));
    assert!(stderr(&fail).contains("below the gate"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jsonl_skips_a_line_that_is_not_utf8_or_too_long_and_writes_every_good_one() {
    let mut input = Vec::new();
    for i in 0..300 {
        input.extend_from_slice(format!("{{\"id\": \"d{i}\", \"text\": \"Sony rose {i}%.\"}}\n").as_bytes());
        if i == 10 {
            input.extend_from_slice(b"{\"id\": \"bad\", \"text\": \"caf\xe9\"}\n");
        }
        if i == 200 {
            input.extend_from_slice(format!("{{\"id\": \"long\", \"text\": \"{}\"}}\r\n", "x ".repeat(600)).as_bytes());
        }
    }
    let o = newsmark_bytes(&["annotate", "--jsonl", "--max-line-bytes", "1000"], &input);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let ids: Vec<String> =
        out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, (0..300).map(|i| format!("d{i}")).collect::<Vec<_>>());
    let err = stderr(&o);
    assert!(err.contains("stdin line 12: the line is not UTF-8"), "{err}");
    assert!(err.contains("stdin line 203: the line is 1227 bytes, over the limit of 1000"), "{err}");
    // The same long line within the default limit is annotated.
    let long = format!("{{\"id\": \"long\", \"text\": \"{}\"}}\r\n", "x ".repeat(600));
    let o = newsmark(&["annotate", "--jsonl"], &long);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn a_dash_reads_stdin() {
    let o = newsmark(&["annotate", "-"], "Sony rose 5% on Tuesday.");
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(doc["text"], "Sony rose 5% on Tuesday.");
    assert!(doc.get("id").is_none());
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["annotate", "--jsonl", "--threads", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..20_000 {
            if writeln!(stdin, "{{\"id\": {i}, \"text\": \"Acme Corp paid $5 million on Tuesday.\"}}").is_err() {
                break;
            }
        }
    });
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the reader went away, as `| head -c 10` does.
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(&first, b"{\"schema\":");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn export_writes_every_file_of_a_multi_file_format_and_leaves_no_staging_folder() {
    let dir = std::env::temp_dir().join(format!("newsmark-cli-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let jsonl = stdout(&newsmark(
        &["annotate", "--jsonl"],
        "{\"id\": \"東京\", \"text\": \"Sony rose 5%.\"}\n{\"id\": \"b\", \"text\": \"IBM fell.\"}\n",
    ));
    let o = newsmark(&["export", "--format", "brat", "--out", dir.to_str().unwrap()], &jsonl);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["b.ann", "b.txt", "東京.ann", "東京.txt"]);
    assert_eq!(std::fs::read_to_string(dir.join("東京.txt")).unwrap(), "Sony rose 5%.");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_repeated_id_is_annotated_with_a_warning() {
    let o = newsmark(
        &["annotate", "--jsonl"],
        "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}\n{\"id\": \"a\", \"text\": \"z\"}\n",
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 3);
    assert_eq!(stderr(&o), "newsmark: stdin line 3: warning: id \"a\" is also the id of line 1\n");
    let o = newsmark(&["export", "--format", "jsonl"], &stdout(&o));
    assert!(o.status.success());
    assert_eq!(
        stderr(&o),
        "newsmark: read stdin (jsonl): 3 documents, 0 spans\nnewsmark: warning: more than one document has the id \"a\"\n"
    );
}

#[test]
fn export_reads_stdin_where_a_file_is_dash() {
    let dir = std::env::temp_dir().join(format!("newsmark-cli-dash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = dir.join("a.txt");
    std::fs::write(&text, "No marks here.").unwrap();
    let jsonl = "{\"id\": \"s\", \"text\": \"Sony rose.\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"ORG\"}]}\n";
    let o = newsmark(&["export", "--format", "jsonl", text.to_str().unwrap(), "-"], jsonl);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!("newsmark: read {} (text): 1 document, 0 spans\nnewsmark: read stdin (jsonl): 1 document, 1 span\n", text.display())
    );
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2);
    assert!(out.lines().nth(1).unwrap().contains("\"ORG\""), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_reports_what_it_read_from_each_file() {
    let dir = std::env::temp_dir().join(format!("newsmark-cli-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doccano = dir.join("a.jsonl");
    std::fs::write(
        &doccano,
        "{\"text\": \"Sony rose.\", \"label\": [[0, 4, \"ORG\"]]}\n{\"text\": \"Paris.\", \"label\": [[0, 5, \"LOC\"]]}\n",
    )
    .unwrap();
    let text = dir.join("b.txt");
    std::fs::write(&text, "No marks here.").unwrap();
    let o = newsmark(&["export", "--format", "jsonl", doccano.to_str().unwrap(), text.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "newsmark: read {} (doccano): 2 documents, 2 spans\nnewsmark: read {} (text): 1 document, 0 spans\n",
            doccano.display(),
            text.display()
        )
    );
    assert_eq!(stdout(&o).lines().count(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn train_without_its_data_fails_and_writes_nothing() {
    let out = std::env::temp_dir().join(format!("newsmark-never-written-{}.bin", std::process::id()));
    let o = newsmark(&["train", "--data", "/nonexistent-newsmark-data", "--out", out.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("/nonexistent-newsmark-data"), "{}", stderr(&o));
    assert!(!out.exists());
}

/// A byte-order mark is not text: `annotate` drops it from a file, stdin
/// and the first line of JSONL, as every import does, so offsets count
/// from after it and `export` of the result gives the file back without
/// its mark (issue 12, point 11).
#[test]
fn annotate_drops_a_byte_order_mark() {
    let text = "Sony rose 5% on Tuesday.";
    let plain = stdout(&newsmark(&["annotate", "-"], text));
    let dir = std::env::temp_dir().join(format!("newsmark-cli-bom-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.txt");
    std::fs::write(&file, format!("\u{feff}{text}")).unwrap();
    let from_stdin = newsmark(&["annotate", "-"], &format!("\u{feff}{text}"));
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    assert_eq!(stdout(&from_stdin), plain);
    let from_file = newsmark(&["annotate", file.to_str().unwrap()], "");
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    let doc: serde_json::Value = serde_json::from_str(stdout(&from_file).trim()).unwrap();
    let want: serde_json::Value = serde_json::from_str(plain.trim()).unwrap();
    assert_eq!((&doc["text"], &doc["spans"]), (&want["text"], &want["spans"]));
    let jsonl = newsmark(
        &["annotate", "--jsonl"],
        &format!("\u{feff}{{\"id\": \"a\", \"text\": \"{text}\"}}\n{{\"id\": \"b\", \"text\": \"{text}\"}}\n"),
    );
    assert!(jsonl.status.success(), "{}", stderr(&jsonl));
    let lines: Vec<serde_json::Value> = stdout(&jsonl).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["text"] == text && l["spans"] == want["spans"]), "{lines:?}");
    // The text and brat exports of what annotate wrote: the text, no mark, offsets unshifted.
    let out = dir.join("out");
    let o = newsmark(&["export", "--format", "brat", "--out", out.to_str().unwrap()], &stdout(&from_file));
    assert!(o.status.success(), "{}", stderr(&o));
    // The id is the file's path, made safe as a file name.
    let written = |ext: &str| {
        let e = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).find(|p| p.extension().is_some_and(|x| x == ext)).unwrap();
        std::fs::read_to_string(e).unwrap()
    };
    assert_eq!(written("txt"), text);
    let ann = written("ann");
    assert!(ann.contains("PERCENT 10 12\t5%"), "{ann}");
    // eval reads gold and predictions with a mark as without.
    let gold = dir.join("gold.jsonl");
    std::fs::write(&gold, format!("\u{feff}{}", stdout(&jsonl))).unwrap();
    let o = newsmark(&["eval", gold.to_str().unwrap(), gold.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("SUMMARY"), "{}", stdout(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}
