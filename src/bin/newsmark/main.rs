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
use std::collections::HashMap;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Why a command stopped: an error to report, or stdout closed by its
/// reader (`newsmark annotate x | head -1`), which is no error: the reader
/// had what it wanted, so the command stops quietly, as Unix tools do.
enum Stop {
    Failed(Error),
    ClosedPipe,
}

impl From<Error> for Stop {
    fn from(e: Error) -> Stop {
        Stop::Failed(e)
    }
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::ClosedPipe
        } else {
            Stop::Failed(e.into())
        }
    }
}

/// What a command gives: whether everything went right (`false`: exit 1
/// after finishing, as when some lines were bad or a gate failed).
type CliResult<T> = std::result::Result<T, Stop>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate(a) => cmd_annotate(a),
        Command::Eval(a) => cmd_eval(a),
        Command::Export(a) => cmd_export(a),
        Command::Learn(a) => cmd_learn(a),
        #[cfg(feature = "train")]
        Command::Train(a) => cmd_train(a),
        #[cfg(feature = "train")]
        Command::Lexicon(a) => cmd_lexicon(a),
    };
    match result {
        Ok(true) | Err(Stop::ClosedPipe) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(Stop::Failed(e)) => {
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

/// The adaptive tagger of `annotate --adapt`, set once before annotating.
static ADAPTER: std::sync::OnceLock<newsmark::Adapter> = std::sync::OnceLock::new();

/// Annotates `text`: with the adaptive tagger when `--adapt` gave one.
fn annotate_text(text: &str, options: &Options) -> newsmark::Document {
    match ADAPTER.get() {
        Some(adapter) => adapter.annotate(text, options),
        None => annotate(text, options),
    }
}

/// Reads a learning file (`.nml`).
fn read_adapter(path: &Path) -> Result<newsmark::Adapter> {
    let bytes = std::fs::read(path).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())))?;
    newsmark::Adapter::from_bytes(&bytes).map_err(|e| e.context(path.display().to_string()))
}

fn cmd_learn(args: args::LearnArgs) -> CliResult<bool> {
    let labels = args.labels.unwrap_or_else(|| newsmark::LabelSet::of(&newsmark::Label::NAMES));
    let mut adapter = match &args.adapt {
        Some(path) => read_adapter(path)?,
        None => newsmark::Adapter::new(labels),
    };
    let docs = read_corrected(&args.files)?;
    let start = std::time::Instant::now();
    let met = adapter.learn_all(labels, &docs);
    let documents = docs.len();
    if !met.is_empty() {
        let met: Vec<&str> = met.iter().map(|l| l.as_str()).collect();
        eprintln!("newsmark: labels of the documents learned as the project's own (not in --labels): {}", met.join(", "));
    }
    std::fs::write(&args.out, adapter.to_bytes()).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", args.out.display())))?;
    let summary = adapter.summary();
    let suggests: Vec<&str> = summary.suggests.iter().map(|l| l.as_str()).collect();
    eprintln!(
        "learned from {documents} documents in {:.2} s ({} in all); suggests {}; wrote {} ({} bytes)",
        start.elapsed().as_secs_f64(),
        summary.documents,
        if suggests.is_empty() { "none of the project's own labels yet".to_owned() } else { suggests.join(", ") },
        args.out.display(),
        std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0)
    );
    Ok(true)
}

/// The corrected documents of `learn`'s FILEs, in order, all read before
/// any is learned (a bad file fails the command and writes nothing):
/// [`newsmark::adapt::read_corrections`] of each run of named files (a
/// brat pair may be two of them), newsmark JSONL on stdin in its place.
fn read_corrected(files: &[std::path::PathBuf]) -> Result<Vec<newsmark::Document>> {
    let imported = import_runs(files, newsmark::adapt::read_corrections, &newsmark::adapt::corrections_options())?;
    say_read(&imported.reports);
    Ok(imported.docs.into_iter().map(|d| d.doc).collect())
}

/// Imports FILEs in order: each run of named files together with `import`
/// ([`import_paths`]), each `-` as newsmark JSONL on stdin read with
/// `stdin_options`; all read before anything is written.
fn import_runs(
    files: &[std::path::PathBuf],
    mut import: impl FnMut(&[(&str, &[u8])]) -> Result<export::Imported>,
    stdin_options: &export::ImportOptions,
) -> Result<export::Imported> {
    let mut all = export::Imported { docs: Vec::new(), reports: Vec::new() };
    let mut add = |imported: export::Imported| {
        all.docs.extend(imported.docs);
        all.reports.extend(imported.reports);
    };
    for run in files.split_inclusive(|f| f.as_os_str() == "-") {
        let (named, stdin) = match run.split_last() {
            Some((last, named)) if last.as_os_str() == "-" => (named, true),
            _ => (run, false),
        };
        if !named.is_empty() {
            add(import_paths(named, &mut import)?);
        }
        if stdin {
            add(import_stdin(stdin_options.clone())?);
        }
    }
    Ok(all)
}

/// Imports the files at `paths` together with `import` (given each
/// file's name as written and its bytes; the core's importers read a brat
/// `.txt` and `.ann` as one document and find each format from the name
/// and content).
fn import_paths(
    paths: &[std::path::PathBuf],
    import: impl FnOnce(&[(&str, &[u8])]) -> Result<export::Imported>,
) -> Result<export::Imported> {
    let contents: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|f| {
            std::fs::read(f).map(|c| (f.display().to_string(), c)).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", f.display())))
        })
        .collect::<Result<_>>()?;
    let pairs: Vec<(&str, &[u8])> = contents.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    import(&pairs)
}

/// Imports stdin as newsmark JSONL.
fn import_stdin(options: export::ImportOptions) -> Result<export::Imported> {
    let mut bytes = Vec::new();
    io::stdin().read_to_end(&mut bytes).map_err(|e| Error::new(ErrorKind::Io, format!("stdin: {e}")))?;
    export::import_with(&bytes, "stdin", &export::ImportOptions { format: Some(export::Format::Jsonl), ..options })
}

/// Says on stderr what each file imported gave, and its warnings.
fn say_read(reports: &[export::FileReport]) {
    for report in reports {
        eprintln!("newsmark: read {}", report.summary());
        for warning in &report.warnings {
            eprintln!("newsmark: warning: {warning}");
        }
    }
}

/// Loads the learning file of `--adapt` for [`annotate_text`], once.
fn use_adapter(path: Option<&Path>) -> Result<()> {
    if let Some(path) = path {
        let _ = ADAPTER.set(read_adapter(path)?);
    }
    Ok(())
}

/// The labels of `--labels`, when each is one the annotation can emit: a
/// built-in one, or one of the project's own that the `--adapt` file
/// tags (a label it does not know would silently emit nothing).
fn labels_emitted(labels: Option<newsmark::LabelSet>, adapt: Option<&Path>) -> Result<Option<newsmark::LabelSet>> {
    let Some(labels) = labels else { return Ok(None) };
    let tagged = ADAPTER.get().map_or(newsmark::LabelSet::empty(), |a| a.label_set());
    let unknown: Vec<&str> = labels.iter().filter(|l| l.is_custom() && !tagged.contains(*l)).map(|l| l.as_str()).collect();
    if unknown.is_empty() {
        return Ok(Some(labels));
    }
    let known = newsmark::LabelSet::of(&newsmark::Label::ALL);
    let why = match adapt {
        Some(path) => {
            let own: Vec<&str> = tagged.iter().filter(|l| l.is_custom()).map(|l| l.as_str()).collect();
            let own = if own.is_empty() { "none".to_owned() } else { own.join(", ") };
            format!("not a built-in label ({}) nor one of {}'s own ({own})", join(known), path.display())
        }
        None => format!("not a built-in label ({}); a project's own labels come with --adapt PROJECT.nml", join(known)),
    };
    Err(Error::new(ErrorKind::Usage, format!("--labels: {} is {why}", unknown.join(", "))))
}

fn join(labels: newsmark::LabelSet) -> String {
    labels.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
}

fn cmd_annotate(args: AnnotateArgs) -> CliResult<bool> {
    use_adapter(args.adapt.as_deref())?;
    let mut options = Options { article_date: args.date, ..Options::default() };
    if let Some(labels) = labels_emitted(args.labels, args.adapt.as_deref())? {
        options.labels = labels;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut ok = true;
    if args.jsonl {
        let pool = pool(args.threads.get())?;
        for f in args.inputs() {
            ok &= match f {
                None => annotate_jsonl(io::stdin().lock(), "stdin", &options, args.max_line_bytes, &pool, &mut out)?,
                Some(f) => {
                    let name = f.display().to_string();
                    let file = std::fs::File::open(f).map_err(|e| Error::new(ErrorKind::Io, format!("{name}: {e}")))?;
                    annotate_jsonl(io::BufReader::new(file), &name, &options, args.max_line_bytes, &pool, &mut out)?
                }
            };
        }
    } else {
        let inputs: Vec<(Option<String>, String)> = args
            .inputs()
            .map(|f| match f {
                None => {
                    let mut s = String::new();
                    io::stdin().read_to_string(&mut s).map_err(|e| Error::new(ErrorKind::Io, format!("stdin: {e}")))?;
                    Ok((None, s))
                }
                Some(f) => Ok((Some(f.display().to_string()), read_file(f)?)),
            })
            // A byte-order mark is not text: dropped as every import drops it, offsets count from after it.
            .map(|r: Result<(Option<String>, String)>| {
                r.map(|(id, mut text)| {
                    text.drain(..text.len() - export::without_bom(&text).len());
                    (id, text)
                })
            })
            .collect::<Result<_>>()?;
        for (id, text) in inputs {
            let doc = annotate_text(&text, &options);
            let line = if args.pretty { export::json::to_json_pretty(&doc, id) } else { to_json_line(&doc, id) };
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

/// Annotates one input line: its id and its result as a JSON line.
fn annotate_line(line: &str, options: &Options) -> Result<(Option<String>, String)> {
    let input: InputLine = serde_json::from_str(line)?;
    let mut opts = options.clone();
    if let Some(d) = input.date.as_deref().filter(|d| !d.is_empty()) {
        let date = args::parse_date(d).map_err(|e| Error::new(ErrorKind::InvalidDate, e))?;
        opts.article_date = Some(date);
    }
    let id = input.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    let json = to_json_line(&annotate_text(&input.text, &opts), id.clone());
    Ok((id, json))
}

/// Annotates JSONL in batches, in parallel, writing results in input order.
/// A bad line (not UTF-8, not JSON of an input line, longer than
/// `max_line_bytes`) is reported on stderr with its number and skipped;
/// every good line is written. Returns false when some line was bad.
/// Memory is bounded by a batch of lines of at most `max_line_bytes` each.
fn annotate_jsonl(
    mut input: impl BufRead,
    name: &str,
    options: &Options,
    max_line_bytes: usize,
    pool: &rayon::ThreadPool,
    out: &mut impl Write,
) -> CliResult<bool> {
    // Batches bound the memory held (lines and results) whatever the input's size.
    const BATCH: usize = 256;
    let mut ok = true;
    let mut lineno = 0;
    let mut buf = Vec::new();
    // Where each id was first seen: a second line with the same id is
    // annotated, but the user hears of it (documents are paired by id).
    let mut seen: HashMap<String, usize> = HashMap::new();
    loop {
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        let mut at_end = false;
        while batch.len() < BATCH {
            let line = match read_line(&mut input, &mut buf, max_line_bytes) {
                Ok(None) => {
                    at_end = true;
                    break;
                }
                Ok(Some(line)) => line,
                Err(e) => return Err(Error::new(ErrorKind::Io, format!("{name} line {}: {e}", lineno + 1)).into()),
            };
            lineno += 1;
            let text = match line {
                Line::TooLong(n) => Err(format!("the line is {n} bytes, over the limit of {max_line_bytes} (see --max-line-bytes)")),
                Line::Bytes => String::from_utf8(std::mem::take(&mut buf)).map_err(|e| {
                    let at = e.utf8_error().valid_up_to();
                    buf = e.into_bytes();
                    format!("the line is not UTF-8 (byte {} of the line)", at + 1)
                }),
            };
            match text {
                // A byte-order mark before the first line is not part of it (as every import drops it).
                Ok(text) if lineno == 1 && text.starts_with('\u{feff}') => {
                    batch.push((lineno, export::without_bom(&text).to_owned()));
                    buf = text.into_bytes();
                }
                Ok(text) if text.trim().is_empty() => buf = text.into_bytes(),
                Ok(text) => batch.push((lineno, text)),
                Err(why) => {
                    ok = false;
                    eprintln!("newsmark: {name} line {lineno}: {why}; skipped");
                }
            }
        }
        let results: Vec<Result<(Option<String>, String)>> =
            pool.install(|| batch.par_iter().map(|(_, line)| annotate_line(line, options)).collect());
        for ((lineno, _), result) in batch.iter().zip(results) {
            match result {
                Ok((id, json)) => {
                    if let Some(id) = id {
                        if let Some(first) = seen.get(&id) {
                            eprintln!("newsmark: {name} line {lineno}: warning: id {id:?} is also the id of line {first}");
                        } else {
                            seen.insert(id, *lineno);
                        }
                    }
                    writeln!(out, "{json}")?
                }
                Err(e) => {
                    ok = false;
                    eprintln!("newsmark: {name} line {lineno}: {e}; skipped");
                }
            }
        }
        if at_end {
            return Ok(ok);
        }
    }
}

/// What [`read_line`] read.
enum Line {
    /// The line is in the buffer, without its line end.
    Bytes,
    /// The line had this many bytes, more than the limit: read past, not kept.
    TooLong(usize),
}

/// Reads the next line of `input` into `buf` (emptied first), without its
/// `\n` or `\r\n`, keeping at most `limit` bytes: a longer line is read to
/// its end but not kept. `None` at the end of the input.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Option<Line>> {
    buf.clear();
    let (mut len, mut any) = (0usize, false);
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        len += part.len();
        if len <= limit {
            buf.extend_from_slice(part);
        } else {
            buf.clear();
        }
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if len > limit {
        return Ok(Some(Line::TooLong(len)));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(Line::Bytes))
}

fn cmd_eval(args: EvalArgs) -> CliResult<bool> {
    let gold_name = args.gold.display().to_string();
    let gold = eval::read_records(export::without_bom(&read_file(&args.gold)?), &gold_name)?;
    let pred = match &args.pred {
        Some(p) => eval::read_records(export::without_bom(&read_file(p)?), &p.display().to_string())?,
        None => {
            use_adapter(args.adapt.as_deref())?;
            let options = Options { article_date: args.date, ..Options::default() };
            pool(args.threads.get())?.install(|| {
                gold.par_iter().map(|g| DocumentRecord::from_document(&annotate_text(&g.text, &options), g.id.clone())).collect()
            })
        }
    };
    let report = eval::score(&gold, &pred, args.labels)?;
    // A label asked for that no span has (a misspelt one is a label of
    // the user's own, and would score nothing without a word).
    for l in args.labels.iter().flat_map(|ls| ls.iter()) {
        if report.per_label.get(&l).is_some_and(|c| c.true_pos + c.false_pos + c.false_neg == 0) {
            eprintln!("newsmark: warning: no span of the gold or predicted documents is labeled {l}");
        }
    }
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

fn cmd_export(args: ExportArgs) -> CliResult<bool> {
    // The label set first: its labels are defined before any input names them.
    let label_set = match &args.label_set {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())))?;
            Some(export::LabelScheme::from_json(&text).map_err(|e| e.context(path.display()))?)
        }
        None => None,
    };
    let import_options = export::ImportOptions {
        offset_unit: args.input_offset_unit,
        scheme: args.input_scheme,
        label_map: args.map_label.iter().cloned().collect(),
        own_labels: args.own_labels,
        lenient: args.lenient,
        tag_names: args.tag_names.clone(),
        ..export::ImportOptions::default()
    };
    let export_options = export::ExportOptions {
        offset_unit: args.offset_unit,
        scheme: args.scheme,
        bom: args.bom,
        formula_guard: args.formula_guard,
        labels: label_set,
    };
    let imported = if args.files.is_empty() {
        import_stdin(import_options)?
    } else {
        import_runs(&args.files, |files| export::import_files_with(files, &import_options), &import_options)?
    };
    say_read(&imported.reports);
    let docs = imported.docs;
    let mut seen = std::collections::HashSet::new();
    for d in docs.iter().filter(|d| !seen.insert(d.id.as_str())) {
        eprintln!("newsmark: warning: more than one document has the id {:?}", d.id);
    }
    let outputs = export::export_with(&docs, args.format, &export_options)?;
    match &args.out {
        Some(dir) => write_all(dir, &outputs)?,
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
                )
                .into())
            }
        },
    }
    Ok(true)
}

/// Writes `files` into `dir`, all or none: they are written into a
/// temporary folder inside `dir` first and moved into place once every
/// one is complete, so a failure (a full disk, a name the file system
/// refuses) leaves no half an export behind.
fn write_all(dir: &Path, files: &[export::ExportFile]) -> Result<()> {
    let io_err = |path: &Path, e: io::Error| Error::new(ErrorKind::Io, format!("{}: {e}", path.display()));
    std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    let staging = dir.join(format!(".newsmark-export-{}", std::process::id()));
    std::fs::create_dir_all(&staging).map_err(|e| io_err(&staging, e))?;
    let written = files.iter().try_for_each(|f| {
        let path = staging.join(&f.name);
        std::fs::write(&path, f.content.as_bytes()).map_err(|e| io_err(&dir.join(&f.name), e))
    });
    let moved = written.and_then(|()| {
        files.iter().try_for_each(|f| {
            let path = dir.join(&f.name);
            std::fs::rename(staging.join(&f.name), &path).map_err(|e| io_err(&path, e))?;
            eprintln!("newsmark: wrote {}", path.display());
            Ok(())
        })
    });
    let _ = std::fs::remove_dir_all(&staging);
    moved
}

#[cfg(feature = "train")]
fn cmd_train(args: args::TrainArgs) -> CliResult<bool> {
    newsmark::names::train::write_model(&args.config(), &args.out)?;
    Ok(true)
}

#[cfg(feature = "train")]
fn cmd_lexicon(args: args::LexiconArgs) -> CliResult<bool> {
    let text = newsmark::names::lexicon::build(&args.data_dir)?;
    std::fs::write(&args.out, &text).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", args.out.display())))?;
    eprintln!("newsmark: wrote {} ({} bytes)", args.out.display(), text.len());
    Ok(true)
}
