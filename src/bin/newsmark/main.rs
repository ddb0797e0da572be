//! The newsmark command-line tool: annotate text and JSONL in batch, score
//! annotations against gold ones, convert between formats, train the
//! names model. The options are defined in `args.rs`.

mod args;

use args::{AnnotateArgs, Cli, Command, EvalArgs, ExportArgs};
use clap::Parser;
use newsmark::error::{Error, ErrorKind, Result};
use newsmark::export::{self, json::to_json_line, DocumentRecord};
use newsmark::{annotate, eval, Options};
use rayon::prelude::*;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate(a) => cmd_annotate(a),
        Command::Eval(a) => cmd_eval(a),
        Command::Export(a) => cmd_export(a),
        #[cfg(feature = "train")]
        Command::Train(a) => cmd_train(a),
        #[cfg(feature = "train")]
        Command::Lexicon(a) => cmd_lexicon(a),
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

fn read_file(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())))
}

/// A pool of `threads` workers for the commands that annotate many
/// documents (results keep their input order).
fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| Error::new(ErrorKind::Io, format!("threads: {e}")))
}

fn cmd_annotate(args: AnnotateArgs) -> Result<bool> {
    let mut options = Options { article_date: args.date, ..Options::default() };
    if let Some(labels) = args.labels {
        options.labels = labels;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut ok = true;
    if args.jsonl {
        let pool = pool(args.threads.get())?;
        if args.files.is_empty() {
            ok &= annotate_jsonl(io::stdin().lock(), "stdin", &options, &pool, &mut out)?;
        } else {
            for f in &args.files {
                let name = f.display().to_string();
                let file = std::fs::File::open(f).map_err(|e| Error::new(ErrorKind::Io, format!("{name}: {e}")))?;
                ok &= annotate_jsonl(io::BufReader::new(file), &name, &options, &pool, &mut out)?;
            }
        }
    } else {
        let inputs: Vec<(Option<String>, String)> = if args.files.is_empty() {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).map_err(|e| Error::new(ErrorKind::Io, format!("stdin: {e}")))?;
            vec![(None, s)]
        } else {
            args.files.iter().map(|f| Ok((Some(f.display().to_string()), read_file(f)?))).collect::<Result<_>>()?
        };
        for (id, text) in inputs {
            let doc = annotate(&text, &options);
            let line = if args.pretty {
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
        let date = newsmark::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|e| Error::new(ErrorKind::InvalidDate, format!("date {d:?} is not YYYY-MM-DD: {e}")))?;
        opts.article_date = Some(date);
    }
    let id = input.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    Ok(to_json_line(&annotate(&input.text, &opts), id))
}

/// Annotates JSONL in batches, in parallel, writing results in input order.
/// Returns false when some line failed (each failure is on stderr).
fn annotate_jsonl(input: impl BufRead, name: &str, options: &Options, pool: &rayon::ThreadPool, out: &mut impl Write) -> Result<bool> {
    // Batches bound the memory held (lines and results) whatever the input's size.
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
        let results: Vec<Result<String>> = pool.install(|| batch.par_iter().map(|(_, line)| annotate_line(line, options)).collect());
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

fn cmd_eval(args: EvalArgs) -> Result<bool> {
    let gold_name = args.gold.display().to_string();
    let gold = eval::read_records(&read_file(&args.gold)?, &gold_name)?;
    let pred = match &args.pred {
        Some(p) => eval::read_records(&read_file(p)?, &p.display().to_string())?,
        None => {
            let options = Options { article_date: args.date, ..Options::default() };
            pool(args.threads.get())?
                .install(|| gold.par_iter().map(|g| DocumentRecord::from_document(&annotate(&g.text, &options), g.id.clone())).collect())
        }
    };
    let report = eval::score(&gold, &pred, args.labels)?;
    // Written through a lock rather than println!, so that a closed pipe
    // (`| head`) is an error, not a panic.
    let mut out = BufWriter::new(io::stdout().lock());
    if args.errors {
        for m in &report.misses {
            writeln!(out, "{}\t{}\t{}\t{}..{}\t{:?}\t{}", m.doc, m.kind, m.label, m.start, m.end, m.text, m.detail)?;
        }
    }
    write!(out, "{}", report.table(args.by_group))?;
    writeln!(out, "SUMMARY {}", report.summary_json())?;
    out.flush()?;
    let micro = report.micro();
    let mut ok = true;
    if let Some(min) = args.min_f1 {
        if micro.f1() < min {
            eprintln!("newsmark: F1 {:.4} is below the gate {min}", micro.f1());
            ok = false;
        }
    }
    if let Some(min) = args.min_value_accuracy {
        if micro.value_accuracy() < min {
            eprintln!("newsmark: value accuracy {:.4} is below the gate {min}", micro.value_accuracy());
            ok = false;
        }
    }
    Ok(ok)
}

fn cmd_export(args: ExportArgs) -> Result<bool> {
    let docs = if args.files.is_empty() {
        let mut s = String::new();
        io::stdin().read_to_string(&mut s).map_err(|e| Error::new(ErrorKind::Io, format!("stdin: {e}")))?;
        export::import_as(&s, export::Format::Jsonl, "stdin")?
    } else {
        let contents: Vec<(String, String)> =
            args.files.iter().map(|f| Ok((f.display().to_string(), read_file(f)?))).collect::<Result<_>>()?;
        let pairs: Vec<(&str, &str)> = contents.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
        export::import_files(&pairs)?
    };
    let outputs = export::export(&docs, args.format)?;
    match &args.out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", dir.display())))?;
            for f in &outputs {
                let path = dir.join(&f.name);
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
                    format!("format {} gives {} files: write them with --out DIR", args.format.name(), outputs.len()),
                ))
            }
        },
    }
    Ok(true)
}

#[cfg(feature = "train")]
fn cmd_train(args: args::TrainArgs) -> Result<bool> {
    let started = std::time::Instant::now();
    let bytes = newsmark::names::train::train(&args.config())?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, &bytes).map_err(|e| Error::from(e).context(args.out.display()))?;
    eprintln!("wrote {} ({} bytes) in {:.1}s", args.out.display(), bytes.len(), started.elapsed().as_secs_f64());
    Ok(true)
}

#[cfg(feature = "train")]
fn cmd_lexicon(args: args::LexiconArgs) -> Result<bool> {
    let text = newsmark::names::lexicon::build(&args.data_dir)?;
    std::fs::write(&args.out, &text).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", args.out.display())))?;
    eprintln!("newsmark: wrote {} ({} bytes)", args.out.display(), text.len());
    Ok(true)
}
