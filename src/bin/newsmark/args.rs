//! The command line, defined once: every command and option is declared
//! here (clap's derive), and `--help` is generated from these definitions
//! and their doc comments.

use clap::{Args, Parser, Subcommand};
use newsmark::export::{Format, TagScheme};
use newsmark::{Label, LabelSet, NaiveDate, OffsetUnit};
use std::path::PathBuf;

/// newsmark marks up news articles: names, amounts and dates with normalized values.
///
/// Output is JSON (schema newsmark/1; offsets in Unicode code points, end
/// exclusive, so Python's text[start:end] gives the span).
#[derive(Parser, Debug)]
#[command(name = "newsmark", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Annotate(AnnotateArgs),
    Eval(EvalArgs),
    Export(ExportArgs),
    Learn(LearnArgs),
    #[cfg(feature = "train")]
    Train(TrainArgs),
    #[cfg(feature = "train")]
    Lexicon(LexiconArgs),
}

/// Annotate plain text (stdin when no FILE) or JSONL.
///
/// Reads each FILE (or stdin) as one plain-text article and writes one JSON
/// document per line. With --jsonl, reads lines {"id", "text", "date"?} and
/// writes one result per line, in input order, using every core. A bad line
/// is reported on stderr with its line number, the other lines are still
/// written, and the exit code is 1.
#[derive(Args, Debug)]
pub struct AnnotateArgs {
    /// Input is JSONL ({"id", "text", "date"?} per line).
    #[arg(long)]
    pub jsonl: bool,
    /// The article date relative dates resolve against (default: found in
    /// the text, else left unresolved).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Emit only these labels (of PERSON, ORG, LOC, MISC, DATE, TIME, MONEY,
    /// PERCENT, QUANTITY, CARDINAL, ORDINAL, and the project's own labels
    /// that --adapt's file tags).
    #[arg(long, value_name = "L1,L2,...", value_parser = parse_labels)]
    pub labels: Option<LabelSet>,
    /// Indent the JSON (one document per file).
    #[arg(long)]
    pub pretty: bool,
    #[command(flatten)]
    pub threads: Threads,
    /// With --jsonl, the longest line read, in bytes: a longer line is
    /// reported and skipped (memory stays bounded whatever the input).
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub max_line_bytes: usize,
    /// Names by the adaptive tagger of this learning file (`newsmark learn`,
    /// or the page's Export of what it learned) in the embedded tagger's
    /// place; amounts and dates as always.
    #[arg(long, value_name = "PROJECT.nml")]
    pub adapt: Option<PathBuf>,
    /// Plain-text articles, or JSONL files with --jsonl; `-` is stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Learn from corrected documents: the adaptive tagger (issue 17).
///
/// Reads each FILE (newsmark JSONL, as `annotate` writes it and the page
/// exports it, or any other format newsmark imports: Label Studio,
/// doccano, Prodigy, spaCy, brat, CoNLL, CoNLL-U, Hugging Face; corrected
/// by hand: every span of a document is taken as right, every text outside
/// them as no name) and learns the documents in order, one at a time, as
/// the page learns a document marked done. Every file is read before any
/// is learned: a bad one is an error and nothing is written. Writes
/// what it learned to --out, which `annotate --adapt` and the page's Import
/// read. The same inputs in the same order give the same file.
#[derive(Args, Debug)]
pub struct LearnArgs {
    /// The project's labels, built-in or its own (defined here: `WEAPON`,
    /// `TICKER:money`); its name-like ones are learned. A label of the
    /// documents that is none of newsmark's is the project's own too,
    /// without a value (so learned), and is reported.
    #[arg(long, value_name = "L1,L2,...", value_parser = parse_labels)]
    pub labels: Option<LabelSet>,
    /// Go on learning from this file's state (default: from nothing).
    #[arg(long, value_name = "PROJECT.nml")]
    pub adapt: Option<PathBuf>,
    /// Where to write what was learned.
    #[arg(long, value_name = "PROJECT.nml")]
    pub out: PathBuf,
    /// Corrected documents, in any format newsmark imports (found from
    /// the name and content); `-` is stdin, newsmark JSONL.
    #[arg(value_name = "CORRECTED", required = true)]
    pub files: Vec<PathBuf>,
}

impl AnnotateArgs {
    /// The inputs in order: a file's path, or `None` for stdin (no FILE,
    /// or `-`).
    pub fn inputs(&self) -> impl Iterator<Item = Option<&PathBuf>> {
        let stdin_only = self.files.is_empty().then_some(None);
        stdin_only.into_iter().chain(self.files.iter().map(|f| (f.as_os_str() != "-").then_some(f)))
    }
}

/// Score annotations against gold ones.
///
/// GOLD and PRED are JSONL files of documents ({"id", "text", "spans":
/// [{"start", "end", "label", "value"?}]}, code point offsets). Without
/// PRED, newsmark annotates the gold texts itself. Spans match when start,
/// end and label are equal; for matched amounts and dates the value is
/// checked too. Prints a table per label (P, R, F1, value accuracy) and a
/// last line `SUMMARY {json}`. A label that is none of newsmark's (a
/// project's own `WEAPON`) is scored as written.
#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Score only these labels, built-in or the project's own (default:
    /// those in GOLD).
    #[arg(long, value_name = "L1,L2,...", value_parser = parse_labels)]
    pub labels: Option<LabelSet>,
    /// Without PRED, annotate the gold texts with the adaptive tagger of
    /// this learning file (`newsmark learn`, or the page's Export of what
    /// it learned), as `annotate --adapt` does.
    #[arg(long, value_name = "PROJECT.nml", conflicts_with = "pred")]
    pub adapt: Option<PathBuf>,
    /// Add rows for names, amounts and dates.
    #[arg(long)]
    pub by_group: bool,
    /// Article date for every document newsmark annotates.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// List every missed, spurious and wrong-valued span.
    #[arg(long)]
    pub errors: bool,
    /// Exit 1 when micro F1 < X (a CI gate).
    #[arg(long, value_name = "X")]
    pub min_f1: Option<f64>,
    /// Exit 1 when value accuracy < X (a CI gate).
    #[arg(long, value_name = "X")]
    pub min_value_accuracy: Option<f64>,
    #[command(flatten)]
    pub threads: Threads,
    /// The gold documents.
    #[arg(value_name = "GOLD.jsonl")]
    pub gold: PathBuf,
    /// Predicted documents (default: newsmark annotates the gold texts).
    #[arg(value_name = "PRED.jsonl")]
    pub pred: Option<PathBuf>,
}

/// Convert annotated documents to another format.
///
/// Reads every FILE in any format newsmark imports (newsmark JSON or JSONL,
/// as `newsmark annotate` writes it; spaCy's DocBin (.spacy), training
/// tuples or Doc.to_json, Prodigy JSONL, doccano JSONL, Label Studio
/// JSON, a brat .txt with its .ann, CoNLL, CoNLL-U, Hugging Face JSONL,
/// plain .txt), or newsmark JSONL on stdin,
/// and writes them all in format F. A malformed input file is an error that
/// names it; nothing is written then.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The output format: json, jsonl, docbin (spaCy's .spacy, for spacy
    /// train), spacy-json (spaCy's training tuples; `spacy` is its old
    /// name), spacy-doc (spaCy's Doc.to_json), prodigy, doccano, labelstudio,
    /// labelstudio-config (the labeling config for labelstudio's tasks), brat,
    /// conll, conllu, hf, csv, text.
    #[arg(long, value_name = "F", value_parser = parse_format)]
    pub format: Format,
    /// Write the files into DIR (needed when F gives several files, as brat
    /// does); without it the one output file goes to stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Start the CSV with a byte-order mark, which Excel needs to read
    /// UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// For spreadsheets: start every CSV cell of outside text (id, text,
    /// value) that a spreadsheet would run as a formula (=, +, -, @) with
    /// a ', which spreadsheets hide. Without it the text cell is exactly
    /// the text it names.
    #[arg(long)]
    pub formula_guard: bool,
    /// The project's label set, a newsmark-labels/1 file (the page's, or a
    /// newsmark-labels.json of an export): its labels are defined before
    /// the inputs are read, and the formats that carry a label set carry it
    /// (labelstudio-config in its colors; brat's annotation.conf and
    /// visual.conf, doccano's label_config.json, json's newsmark-labels.json).
    #[arg(long, value_name = "FILE")]
    pub label_set: Option<PathBuf>,
    /// Input files (default: newsmark JSONL on stdin); `-` is stdin, newsmark JSONL.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The tag scheme of token formats written (conll, conllu, hf): iob1,
    /// iob2, bilou, iobes.
    #[arg(long, value_name = "S", default_value = "iob2", value_parser = parse_scheme)]
    pub scheme: TagScheme,
    /// The tag scheme of token files read (CoNLL, CoNLL-U, Hugging Face
    /// JSONL): iob1, iob2, bilou, iobes (default: found from the tags).
    #[arg(long, value_name = "S", value_parser = parse_scheme)]
    pub input_scheme: Option<TagScheme>,
    /// Read the label FROM of the input files as newsmark's label TO
    /// (repeatable): --map-label ANIMAL=MISC. OntoNotes' labels (GPE, FAC,
    /// NORP, EVENT, ...) are mapped without it.
    #[arg(long, value_name = "FROM=TO", value_parser = parse_label_mapping)]
    pub map_label: Vec<(String, Label)>,
    /// Read a label of the input files that is none of newsmark's (nor a
    /// synonym, one of OntoNotes' types or a --map-label) as one of the
    /// project's own, defined without a value, instead of an error: for
    /// files in the project's own schema, such as what `newsmark annotate
    /// --adapt` wrote (WEAPON). A --label-set defines them with their kinds.
    #[arg(long)]
    pub own_labels: bool,
    /// Read what can be read: fields and spans an input's reader cannot
    /// place are counted in warnings instead of failing the file.
    #[arg(long)]
    pub lenient: bool,
    /// The names of the integer ner_tags of Hugging Face JSONL read, in
    /// order (the dataset's ClassLabel names), for files without
    /// ner_tag_names (as Dataset.to_json writes them): O,B-PER,I-PER,...
    #[arg(long, value_name = "T1,T2,...", value_delimiter = ',')]
    pub tag_names: Option<Vec<String>>,
    /// The offset unit of the doccano file written: utf16 (what doccano's
    /// editor counts, the default), codepoint (Python's slicing), or
    /// grapheme (a doccano project that counts grapheme clusters).
    #[arg(long, value_name = "U", value_parser = parse_offset_unit)]
    pub offset_unit: Option<OffsetUnit>,
    /// The offset unit of the doccano files read: utf16 (the default),
    /// codepoint, grapheme.
    #[arg(long, value_name = "U", value_parser = parse_offset_unit)]
    pub input_offset_unit: Option<OffsetUnit>,
}

/// Train the names model from CoNLL-2003 and wikigold.
///
/// Trains on DIR/conll2003/train.jsonl and DIR/wikigold/train.jsonl, stops
/// early on both dev sets, refits on CoNLL dev too (never on wikigold dev),
/// with word clusters from DIR/vectors and the gazetteer features the model
/// uses, and writes the model file.
/// Deterministic: the same data and options give the same file, byte for
/// byte.
#[cfg(feature = "train")]
#[derive(Args, Debug)]
pub struct TrainArgs {
    /// The shared data folder holding conll2003/.
    #[arg(long = "data", value_name = "DIR", default_value = "../shared/data")]
    pub data_dir: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "PATH", default_value = "model/names.bin")]
    pub out: PathBuf,
    /// The most passes over the training set.
    #[arg(long, value_name = "N", default_value_t = defaults().epochs)]
    pub epochs: usize,
    /// The seed of the shuffles (members of the ensemble take seed, seed+1, ...).
    #[arg(long, value_name = "S", default_value_t = defaults().seed)]
    pub seed: u64,
    /// Train on the first N documents only (and evaluate on the first N dev
    /// documents), for tests.
    #[arg(long, value_name = "N")]
    pub limit_docs: Option<usize>,
    /// Keep features seen at least this often in training.
    #[arg(long, value_name = "N", default_value_t = defaults().min_count)]
    pub min_count: u32,
    /// Levels of the word-cluster tree built over DIR/vectors (0: no clusters).
    #[arg(long, value_name = "N", default_value_t = defaults().cluster_depth)]
    pub cluster_depth: u32,
    /// The most frequent words of the vector table that get a cluster.
    #[arg(long, value_name = "N", default_value_t = defaults().cluster_words)]
    pub cluster_words: usize,
    /// How many times each wikigold training article counts in an epoch
    /// (0: CoNLL-2003 only).
    #[arg(long, value_name = "N", default_value_t = defaults().wikigold_weight)]
    pub wikigold_weight: usize,
    /// Drop features whose largest averaged weight is below X.
    #[arg(long, value_name = "X", default_value_t = defaults().prune)]
    pub prune: f32,
    /// Number of models whose weights are averaged into the shipped one.
    #[arg(long, value_name = "N", default_value_t = defaults().ensemble)]
    pub ensemble: usize,
    /// Ship the model of the dev-chosen epoch count instead of training it
    /// again on train+dev.
    #[arg(long)]
    pub no_refit: bool,
    /// Folds of the jackknife that builds the training documents' gazetteer
    /// features (0: none).
    #[arg(long, value_name = "N", default_value_t = defaults().gazetteer_folds)]
    pub gazetteer_folds: usize,
}

#[cfg(feature = "train")]
fn defaults() -> newsmark::names::train::TrainConfig {
    newsmark::names::train::TrainConfig::default()
}

#[cfg(feature = "train")]
impl TrainArgs {
    /// The training configuration these options ask for (progress on stderr).
    pub fn config(&self) -> newsmark::names::train::TrainConfig {
        newsmark::names::train::TrainConfig {
            data_dir: self.data_dir.clone(),
            epochs: self.epochs,
            seed: self.seed,
            limit_docs: self.limit_docs,
            min_count: self.min_count,
            cluster_depth: self.cluster_depth,
            cluster_words: self.cluster_words,
            wikigold_weight: self.wikigold_weight,
            prune: self.prune,
            ensemble: self.ensemble,
            refit: !self.no_refit,
            gazetteer_folds: self.gazetteer_folds,
            verbose: true,
            ..defaults()
        }
    }
}

/// Compile the name lists into model/lexicon.txt.
///
/// Reads DIR/gazetteers/ and writes the compiled lexicon the names
/// recognizers embed.
#[cfg(feature = "train")]
#[derive(Args, Debug)]
pub struct LexiconArgs {
    /// The shared data folder holding gazetteers/.
    #[arg(long = "data", value_name = "DIR", default_value = "../shared/data")]
    pub data_dir: PathBuf,
    /// Where to write the compiled lexicon.
    #[arg(long, value_name = "PATH", default_value = "model/lexicon.txt")]
    pub out: PathBuf,
}

/// Worker threads, shared by the commands that annotate many documents.
#[derive(Args, Debug)]
pub struct Threads {
    /// Worker threads (default: every core).
    #[arg(long = "threads", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

impl Threads {
    /// The threads asked for, or one per core.
    pub fn get(&self) -> usize {
        self.threads.map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), usize::from)
    }
}

/// A date written `YYYY-MM-DD` ([`newsmark::date::parse_article_date`]).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    newsmark::date::parse_article_date(s).map_err(|e| e.message().to_owned())
}

/// A non-empty list of labels, built-in or the user's own (defined as
/// they are met: `WEAPON`, `TICKER:money`): an empty one would silently
/// emit nothing. Each command checks that the labels it emits are ones
/// it can.
fn parse_labels(s: &str) -> Result<LabelSet, String> {
    let labels = LabelSet::parse_list_defining(s).map_err(|e| e.message().to_owned())?;
    if labels.is_empty() {
        return Err("the label list is empty: name one label or more (PERSON,WEAPON,...)".to_owned());
    }
    Ok(labels)
}

fn parse_offset_unit(s: &str) -> Result<OffsetUnit, String> {
    s.parse::<OffsetUnit>().map_err(|e| e.message().to_owned())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.message().to_owned())
}

fn parse_scheme(s: &str) -> Result<TagScheme, String> {
    s.parse::<TagScheme>().map_err(|e| e.message().to_owned())
}

/// `FROM=TO`: a label of the input files and the newsmark label it is.
fn parse_label_mapping(s: &str) -> Result<(String, Label), String> {
    let (from, to) = s.rsplit_once('=').ok_or_else(|| format!("{s:?} is not FROM=TO (as ANIMAL=MISC)"))?;
    if from.is_empty() {
        return Err(format!("{s:?}: the label to map (FROM) is empty"));
    }
    let to = to.parse::<Label>().map_err(|e| format!("{s:?}: {}", e.message()))?;
    Ok((from.to_owned(), to))
}
