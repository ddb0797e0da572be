//! The newsmark command-line tool: annotate text and JSONL in batch, score
//! annotations against gold ones, train the names model.

use newsmark::error::{Error, ErrorKind, Result};
use newsmark::export::{self, json::to_json_line, DocumentRecord};
use newsmark::{annotate, eval, LabelSet, NaiveDate, Options};
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
newsmark: marks up news articles: names, amounts and dates with normalized values

Usage:
  newsmark annotate [OPTIONS] [FILE...]   annotate plain text (stdin when no FILE) or JSONL
  newsmark eval [OPTIONS] GOLD.jsonl [PRED.jsonl]
                                          score annotations against gold ones
  newsmark export --format F [FILE...]    convert annotations to spaCy, doccano, Label
                                          Studio, brat, CoNLL, CSV, newsmark JSON/JSONL
  newsmark train [OPTIONS]                train the names model from CoNLL-2003
  newsmark lexicon [OPTIONS]              compile the name lists into model/lexicon.txt
  newsmark help [COMMAND]                 show help for a command
  newsmark --version

Output is JSON (schema newsmark/1; offsets in Unicode code points, end
exclusive, so Python's text[start:end] gives the span).";

const ANNOTATE_USAGE: &str = "\
newsmark annotate: annotate plain text or JSONL

Usage: newsmark annotate [OPTIONS] [FILE...]

Reads each FILE (or stdin) as one plain-text article and writes one JSON
document per line. With --jsonl, reads lines {\"id\", \"text\", \"date\"?} and
writes one result per line, in input order, using every core. A bad line is
reported on stderr with its line number, the other lines are still written,
and the exit code is 1.

Options:
  --jsonl              input is JSONL ({\"id\", \"text\", \"date\"?} per line)
  --date YYYY-MM-DD    the article date relative dates resolve against
                       (default: found in the text, else left unresolved)
  --labels L1,L2,...   emit only these labels (PERSON,ORG,LOC,MISC,DATE,TIME,
                       MONEY,PERCENT,QUANTITY,CARDINAL,ORDINAL)
  --pretty             indent the JSON (one document per file)
  --threads N          worker threads for --jsonl (default: every core)
  -h, --help           show this help";

const EVAL_USAGE: &str = "\
newsmark eval: score annotations against gold ones

Usage: newsmark eval [OPTIONS] GOLD.jsonl [PRED.jsonl]

GOLD and PRED are JSONL files of documents ({\"id\", \"text\", \"spans\": [{\"start\",
\"end\", \"label\", \"value\"?}]}, code point offsets). Without PRED, newsmark
annotates the gold texts itself. Spans match when start, end and label are
equal; for matched amounts and dates the value is checked too. Prints a table
per label (P, R, F1, value accuracy) and a last line `SUMMARY {json}`.

Options:
  --labels L1,L2,...         score only these labels (default: those in GOLD)
  --by-group                 add rows for names, amounts and dates
  --date YYYY-MM-DD          article date for every document newsmark annotates
  --errors                   list every missed, spurious and wrong-valued span
  --min-f1 X                 exit 1 when micro F1 < X (a CI gate)
  --min-value-accuracy X     exit 1 when value accuracy < X (a CI gate)
  --threads N                worker threads (default: every core)
  -h, --help                 show this help";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("-h" | "--help") => {
            say(USAGE);
            Ok(true)
        }
        Some("help") => help(args.get(1).map(String::as_str)),
        Some("-V" | "--version") => {
            say(&format!("newsmark {}", newsmark::VERSION));
            Ok(true)
        }
        Some("annotate") => cmd_annotate(&args[1..]),
        Some("eval") => cmd_eval(&args[1..]),
        Some("train") => cmd_train(&args[1..]),
        Some("lexicon") => cmd_lexicon(&args[1..]),
        Some("export") => cmd_export(&args[1..]),
        Some(other) => Err(Error::new(ErrorKind::Usage, format!("unknown command {other:?}; see `newsmark --help`"))),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("newsmark: {e}");
            ExitCode::from(if e.kind() == ErrorKind::Usage { 2 } else { 1 })
        }
    }
}

/// Prints help text; a closed stdout (`| head`) is not worth a panic.
fn say(text: &str) {
    let _ = writeln!(io::stdout().lock(), "{text}");
}

fn help(cmd: Option<&str>) -> Result<bool> {
    match cmd {
        None => say(USAGE),
        Some("annotate") => say(ANNOTATE_USAGE),
        Some("eval") => say(EVAL_USAGE),
        Some("train") => return cmd_train(&["--help".to_owned()]),
        Some("lexicon") => return cmd_lexicon(&["--help".to_owned()]),
        Some("export") => return cmd_export(&["--help".to_owned()]),
        Some(other) => return Err(Error::new(ErrorKind::Usage, format!("no help for unknown command {other:?}"))),
    }
    Ok(true)
}

/// A small argument scanner: flags, `--key value` options and positionals.
struct Args<'a> {
    rest: std::slice::Iter<'a, String>,
}

enum Arg<'a> {
    Flag(&'a str),
    Positional(&'a str),
}

impl<'a> Args<'a> {
    fn new(args: &'a [String]) -> Args<'a> {
        Args { rest: args.iter() }
    }

    fn next(&mut self) -> Option<Arg<'a>> {
        let a = self.rest.next()?;
        Some(if a.starts_with('-') && a.len() > 1 { Arg::Flag(a) } else { Arg::Positional(a) })
    }

    fn value(&mut self, flag: &str) -> Result<&'a str> {
        self.rest.next().map(String::as_str).ok_or_else(|| Error::new(ErrorKind::Usage, format!("{flag} needs a value")))
    }
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| Error::new(ErrorKind::InvalidDate, format!("date {s:?} is not YYYY-MM-DD: {e}")))
}

fn parse_f64(flag: &str, s: &str) -> Result<f64> {
    s.parse().map_err(|_| Error::new(ErrorKind::Usage, format!("{flag} needs a number, not {s:?}")))
}

fn parse_threads(s: &str) -> Result<usize> {
    s.parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| Error::new(ErrorKind::Usage, format!("--threads needs a positive number, not {s:?}")))
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn unknown(flag: &str, cmd: &str) -> Error {
    Error::new(ErrorKind::Usage, format!("unknown option {flag} for `{cmd}`; see `newsmark help {cmd}`"))
}

fn read_file(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::new(ErrorKind::Io, format!("{path}: {e}")))
}

fn cmd_annotate(args: &[String]) -> Result<bool> {
    let mut options = Options::default();
    let (mut jsonl, mut pretty, mut threads) = (false, false, default_threads());
    let mut files = Vec::new();
    let mut it = Args::new(args);
    while let Some(arg) = it.next() {
        match arg {
            Arg::Flag("-h" | "--help") => {
                say(ANNOTATE_USAGE);
                return Ok(true);
            }
            Arg::Flag("--jsonl") => jsonl = true,
            Arg::Flag("--pretty") => pretty = true,
            Arg::Flag("--date") => options.article_date = Some(parse_date(it.value("--date")?)?),
            Arg::Flag("--labels") => options.labels = LabelSet::parse_list(it.value("--labels")?)?,
            Arg::Flag("--threads") => threads = parse_threads(it.value("--threads")?)?,
            Arg::Flag(f) => return Err(unknown(f, "annotate")),
            Arg::Positional(p) => files.push(p),
        }
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut ok = true;
    if jsonl {
        if files.is_empty() {
            ok &= annotate_jsonl(io::stdin().lock(), "stdin", &options, threads, &mut out)?;
        } else {
            for f in &files {
                let file = std::fs::File::open(f).map_err(|e| Error::new(ErrorKind::Io, format!("{f}: {e}")))?;
                ok &= annotate_jsonl(io::BufReader::new(file), f, &options, threads, &mut out)?;
            }
        }
    } else {
        let inputs: Vec<(Option<String>, String)> = if files.is_empty() {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).map_err(|e| Error::new(ErrorKind::Io, format!("stdin: {e}")))?;
            vec![(None, s)]
        } else {
            files.iter().map(|f| Ok((Some(f.to_string()), read_file(f)?))).collect::<Result<_>>()?
        };
        for (id, text) in inputs {
            let doc = annotate(&text, &options);
            let line = if pretty {
                serde_json::to_string_pretty(&DocumentRecord::from_document(&doc, id)).expect("records serialize")
            } else {
                to_json_line(&doc, id)
            };
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(ok)
}

/// One line of `annotate --jsonl` input.
#[derive(serde::Deserialize)]
struct InputLine {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

fn annotate_line(line: &str, options: &Options) -> Result<String> {
    let input: InputLine = serde_json::from_str(line)?;
    let mut opts = options.clone();
    if let Some(d) = input.date.as_deref().filter(|d| !d.is_empty()) {
        opts.article_date = Some(parse_date(d)?);
    }
    let id = input.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    Ok(to_json_line(&annotate(&input.text, &opts), id))
}

/// Annotates JSONL in batches, in parallel, writing results in input order.
/// Returns false when some line failed (each failure is on stderr).
fn annotate_jsonl(input: impl BufRead, name: &str, options: &Options, threads: usize, out: &mut impl Write) -> Result<bool> {
    const BATCH: usize = 256;
    let mut ok = true;
    let mut lines = input.lines().enumerate();
    loop {
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        for (i, line) in lines.by_ref() {
            let line = line.map_err(|e| Error::new(ErrorKind::Io, format!("{name} line {}: {e}", i + 1)))?;
            if !line.trim().is_empty() {
                batch.push((i + 1, line));
            }
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            return Ok(ok);
        }
        let results = parallel_map(&batch, threads, |(_, line)| annotate_line(line, options));
        for ((lineno, _), result) in batch.iter().zip(results) {
            match result {
                Ok(json) => writeln!(out, "{json}")?,
                Err(e) => {
                    ok = false;
                    eprintln!("newsmark: {name} line {lineno}: {e}");
                }
            }
        }
    }
}

/// Maps `f` over `items` on up to `threads` threads, keeping order.
fn parallel_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.min(items.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= items.len() {
                            return mine;
                        }
                        mine.push((i, f(&items[i])));
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("annotation never panics")).collect()
    });
    for (i, r) in done.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots.into_iter().map(|r| r.expect("every item was mapped")).collect()
}

fn cmd_eval(args: &[String]) -> Result<bool> {
    let (mut labels, mut by_group, mut errors, mut date) = (None, false, false, None);
    let (mut min_f1, mut min_value, mut threads) = (None, None, default_threads());
    let mut files = Vec::new();
    let mut it = Args::new(args);
    while let Some(arg) = it.next() {
        match arg {
            Arg::Flag("-h" | "--help") => {
                say(EVAL_USAGE);
                return Ok(true);
            }
            Arg::Flag("--labels") => labels = Some(LabelSet::parse_list(it.value("--labels")?)?),
            Arg::Flag("--by-group") => by_group = true,
            Arg::Flag("--errors") => errors = true,
            Arg::Flag("--date") => date = Some(parse_date(it.value("--date")?)?),
            Arg::Flag("--min-f1") => min_f1 = Some(parse_f64("--min-f1", it.value("--min-f1")?)?),
            Arg::Flag("--min-value-accuracy") => min_value = Some(parse_f64("--min-value-accuracy", it.value("--min-value-accuracy")?)?),
            Arg::Flag("--threads") => threads = parse_threads(it.value("--threads")?)?,
            Arg::Flag(f) => return Err(unknown(f, "eval")),
            Arg::Positional(p) => files.push(p),
        }
    }
    let (gold_path, pred_path) = match files.as_slice() {
        [g] => (*g, None),
        [g, p] => (*g, Some(*p)),
        _ => return Err(Error::new(ErrorKind::Usage, "eval needs GOLD.jsonl and optionally PRED.jsonl; see `newsmark help eval`")),
    };
    let gold = eval::read_records(&read_file(gold_path)?, gold_path)?;
    let pred = match pred_path {
        Some(p) => eval::read_records(&read_file(p)?, p)?,
        None => {
            let options = Options { article_date: date, ..Options::default() };
            parallel_map(&gold, threads, |g| DocumentRecord::from_document(&annotate(&g.text, &options), g.id.clone()))
        }
    };
    let report = eval::score(&gold, &pred, labels)?;
    // Written through a lock rather than println!, so that a closed pipe
    // (`| head`) is an error, not a panic.
    let mut out = BufWriter::new(io::stdout().lock());
    if errors {
        for m in &report.misses {
            writeln!(out, "{}\t{}\t{}\t{}..{}\t{:?}\t{}", m.doc, m.kind, m.label, m.start, m.end, m.text, m.detail)?;
        }
    }
    write!(out, "{}", report.table(by_group))?;
    writeln!(out, "SUMMARY {}", report.summary_json())?;
    out.flush()?;
    let micro = report.micro();
    let mut ok = true;
    if let Some(min) = min_f1 {
        if micro.f1() < min {
            eprintln!("newsmark: F1 {:.4} is below the gate {min}", micro.f1());
            ok = false;
        }
    }
    if let Some(min) = min_value {
        if micro.value_accuracy() < min {
            eprintln!("newsmark: value accuracy {:.4} is below the gate {min}", micro.value_accuracy());
            ok = false;
        }
    }
    Ok(ok)
}

const LEXICON_USAGE: &str = "\
newsmark lexicon: compile the name lists into the lexicon the names tagger embeds

Usage: newsmark lexicon [--data DIR] [--out PATH]

Options:
  --data DIR    the shared data folder holding gazetteers/ (default ../shared/data)
  --out PATH    where to write the compiled lexicon (default model/lexicon.txt)
  -h, --help    show this help";

fn cmd_lexicon(args: &[String]) -> Result<bool> {
    let (mut data, mut out) = ("../shared/data", "model/lexicon.txt");
    let mut it = Args::new(args);
    while let Some(arg) = it.next() {
        match arg {
            Arg::Flag("-h" | "--help") => {
                say(LEXICON_USAGE);
                return Ok(true);
            }
            Arg::Flag("--data") => data = it.value("--data")?,
            Arg::Flag("--out") => out = it.value("--out")?,
            Arg::Flag(f) | Arg::Positional(f) => return Err(unknown(f, "lexicon")),
        }
    }
    let text = newsmark::names::lexicon::build(std::path::Path::new(data))?;
    std::fs::write(out, &text).map_err(|e| Error::new(ErrorKind::Io, format!("{out}: {e}")))?;
    eprintln!("newsmark: wrote {out} ({} bytes)", text.len());
    Ok(true)
}

fn cmd_train(args: &[String]) -> Result<bool> {
    newsmark::names::train::run(args).map(|()| true)
}

const EXPORT_USAGE: &str = "\
newsmark export: convert annotated documents to another format

Usage: newsmark export --format F [--out DIR] [FILE...]

Reads every FILE in any format newsmark imports (newsmark JSON or JSONL, as
`newsmark annotate` writes it; spaCy JSON, doccano JSONL, Label Studio JSON,
a brat .txt with its .ann, plain .txt), or newsmark JSONL on stdin, and writes
them all in format F: json, jsonl, spacy, doccano, labelstudio, brat, conll,
csv, text. A malformed input file is an error that names it; nothing is
written then.

Options:
  --format F    the output format (required)
  --out DIR     write the files into DIR (needed when F gives several files,
                as brat does); without it the one output file goes to stdout
  -h, --help    show this help";

fn cmd_export(args: &[String]) -> Result<bool> {
    let (mut format, mut out_dir, mut files) = (None, None, Vec::new());
    let mut it = Args::new(args);
    while let Some(arg) = it.next() {
        match arg {
            Arg::Flag("-h" | "--help") => {
                say(EXPORT_USAGE);
                return Ok(true);
            }
            Arg::Flag("--format") => format = Some(it.value("--format")?.parse::<export::Format>()?),
            Arg::Flag("--out") => out_dir = Some(it.value("--out")?),
            Arg::Flag(f) => return Err(unknown(f, "export")),
            Arg::Positional(p) => files.push(p),
        }
    }
    let format = format.ok_or_else(|| Error::new(ErrorKind::Usage, "export needs --format; see `newsmark help export`"))?;
    let docs = if files.is_empty() {
        let mut s = String::new();
        io::stdin().read_to_string(&mut s).map_err(|e| Error::new(ErrorKind::Io, format!("stdin: {e}")))?;
        export::import_as(&s, export::Format::Jsonl, "stdin")?
    } else {
        let contents: Vec<(&str, String)> = files.iter().map(|f| Ok((*f, read_file(f)?))).collect::<Result<_>>()?;
        let pairs: Vec<(&str, &str)> = contents.iter().map(|(n, c)| (*n, c.as_str())).collect();
        export::import_files(&pairs)?
    };
    let outputs = export::export(&docs, format)?;
    match out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::new(ErrorKind::Io, format!("{dir}: {e}")))?;
            for f in &outputs {
                let path = std::path::Path::new(dir).join(&f.name);
                std::fs::write(&path, &f.content).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())))?;
                eprintln!("newsmark: wrote {}", path.display());
            }
        }
        None => match outputs.as_slice() {
            [one] => {
                let mut out = io::stdout().lock();
                out.write_all(one.content.as_bytes())?;
                out.flush()?;
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::Usage,
                    format!("format {} gives {} files: write them with --out DIR", format.name(), outputs.len()),
                ))
            }
        },
    }
    Ok(true)
}
