//! Exports and imports: one module per format, each with its import where
//! one exists. The CLI and the page (through `src/wasm.rs`) both call
//! [`export`] and [`import`], so no format is written twice.
//!
//! Inside the crate a span is a half-open byte range; each format writes
//! offsets in the unit its consumer reads, converted at this boundary by
//! [`OffsetMap`](crate::OffsetMap):
//!
//! | format | file | offsets | keeps values | keeps sources | import |
//! |---|---|---|---|---|---|
//! | newsmark JSON (`json`) | `.json`, one object or an array | code points, end exclusive (as `offset_unit` says) | yes | yes (`model`/`rule`/`user`) | yes |
//! | newsmark JSONL (`jsonl`) | `.jsonl`, one object a line | code points, end exclusive | yes | yes | yes |
//! | spaCy training JSON (`spacy`) | `.spacy.json`: `[[text, {"entities": [[start, end, label]]}]]` | code points (Python slicing) | no | no (imports as `user`) | yes |
//! | doccano JSONL (`doccano`) | `.doccano.jsonl`: `{"text", "label": [[start, end, label]]}` | code points | no | no (imports as `user`) | yes |
//! | Label Studio JSON (`labelstudio`) | `.labelstudio.json`: a list of tasks | code points (Label Studio's `Text` tag counts code points) | yes (in the region's `meta`: a note for people and the JSON value, read back) | `user` ↔ `origin: manual`; `model`, `rule` → `prediction` → `model` | yes |
//! | brat standoff (`brat`) | `.txt` + `.ann` per document | code points | as an `AnnotatorNotes` line (display form, read back with [`Value::from_display`](crate::Value::from_display)) | `user` and the source of valued spans, in the note | yes, as a pair ([`import_files`]) |
//! | CoNLL IOB2 (`conll`) | `.conll`: `token<TAB>B-PERSON` | tokens (from [`tokenize`](crate::tokenize::tokenize)) | no | no | no (lossy) |
//! | CSV (`csv`) | `.csv`: `doc_id,start,end,label,text,value,source` (RFC 4180) | code points | yes (display form: `455,000,000 USD (more than)`) | yes | no |
//! | plain text (`text`) | `.txt` | none | no | no | yes (a document with no annotations) |
//!
//! Every import validates the whole file before returning anything: JSON
//! shape ([`ErrorKind::InvalidJson`]), offsets in bounds, on character
//! boundaries, non-empty, not overlapping, and covering the text the file
//! claims ([`ErrorKind::InvalidOffset`]), labels known, with the synonyms
//! other tools use (`PER`, `GPE`, `NORP`; [`ErrorKind::InvalidLabel`]). Each
//! message names the line, document, task or span it is about. Overlapping
//! spans are an error rather than silently dropped: newsmark never nests
//! spans, and a person importing a file should decide which one stays.
//! Imported spans keep their source where the format records one (newsmark
//! JSON `source`, Label Studio `origin`, brat notes), else they are
//! [`Source::User`](crate::Source::User)'s. A doccano caveat: its browser
//! editor counts UTF-16 code units (doccano issue #2290), so texts with
//! emoji outside the BMP may show shifted spans there; see `doccano.rs`.
//!
//! ```
//! use newsmark::export::{export, import, Format, NamedDocument};
//! let doc = newsmark::annotate("😀 It paid US$455 million.", &newsmark::Options::default());
//! let files = export(&[NamedDocument::new("a1", doc)], Format::Spacy).unwrap();
//! assert_eq!(files[0].name, "a1.spacy.json");
//! let back = import(&files[0].content, &files[0].name).unwrap();
//! let money = back[0].doc.annotations.iter().find(|a| a.label == newsmark::Label::Money).unwrap();
//! assert_eq!(money.text(&back[0].doc.text), "US$455 million");
//!
//! let err = import("[[\"abc\", {\"entities\": [[0, 9, \"ORG\"]]}]]", "x.json").unwrap_err();
//! assert_eq!(err.kind(), newsmark::ErrorKind::InvalidOffset);
//! assert_eq!(err.message(), "x.json: item 1: entity 1 (ORG 0..9): end 9 is past the end of the text (3 code points)");
//! ```

mod brat;
mod check;
mod conll;
mod csv;
mod doccano;
pub mod json;
mod labelstudio;
mod spacy;

pub use json::{read_document, read_jsonl, DocumentRecord, SpanRecord, SCHEMA};
pub use labelstudio::config as label_studio_config;

use crate::error::{Error, ErrorKind, Result};
use crate::{Document, OffsetUnit};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

/// A format newsmark writes (and, for some, reads).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Jsonl,
    Spacy,
    Doccano,
    LabelStudio,
    Brat,
    Conll,
    Csv,
    /// Plain text, without annotations.
    Text,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 9] = [
        Format::Json,
        Format::Jsonl,
        Format::Spacy,
        Format::Doccano,
        Format::LabelStudio,
        Format::Brat,
        Format::Conll,
        Format::Csv,
        Format::Text,
    ];

    /// The name [`FromStr`] reads: `json`, `jsonl`, `spacy`, `doccano`,
    /// `labelstudio`, `brat`, `conll`, `csv`, `text`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Spacy => "spacy",
            Format::Doccano => "doccano",
            Format::LabelStudio => "labelstudio",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::Csv => "csv",
            Format::Text => "text",
        }
    }

    /// A name for menus.
    pub fn display_name(self) -> &'static str {
        match self {
            Format::Json => "newsmark JSON",
            Format::Jsonl => "newsmark JSONL",
            Format::Spacy => "spaCy training JSON",
            Format::Doccano => "doccano JSONL",
            Format::LabelStudio => "Label Studio JSON",
            Format::Brat => "brat standoff (.txt + .ann)",
            Format::Conll => "CoNLL IOB2",
            Format::Csv => "CSV of annotations",
            Format::Text => "plain text",
        }
    }

    /// The file name ending of the format's (main) file, without the dot.
    /// Formats that share `.json` or `.jsonl` get a second ending
    /// (`spacy.json`) so that downloads of one document do not collide.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Spacy => "spacy.json",
            Format::Doccano => "doccano.jsonl",
            Format::LabelStudio => "labelstudio.json",
            Format::Brat => "ann",
            Format::Conll => "conll",
            Format::Csv => "csv",
            Format::Text => "txt",
        }
    }

    /// The MIME type of the format's files.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Json | Format::Spacy | Format::LabelStudio => "application/json",
            Format::Jsonl | Format::Doccano => "application/jsonl",
            Format::Csv => "text/csv;charset=utf-8",
            Format::Brat | Format::Conll | Format::Text => "text/plain;charset=utf-8",
        }
    }

    /// The unit of the offsets the format writes (`None`: it writes none).
    pub fn offset_unit(self) -> Option<OffsetUnit> {
        match self {
            Format::Conll | Format::Text => None,
            _ => Some(OffsetUnit::Codepoint),
        }
    }

    /// True when [`import`] reads the format.
    pub fn can_import(self) -> bool {
        matches!(self, Format::Json | Format::Jsonl | Format::Spacy | Format::Doccano | Format::LabelStudio | Format::Text)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        let lower = s.trim().to_ascii_lowercase();
        let name = match lower.as_str() {
            "label-studio" | "label_studio" | "ls" => "labelstudio",
            "txt" | "plain" => "text",
            "ndjson" => "jsonl",
            "iob" | "iob2" | "conll2003" => "conll",
            other => other,
        };
        Format::ALL.into_iter().find(|f| f.name() == name).ok_or_else(|| {
            Error::new(
                ErrorKind::UnsupportedFormat,
                format!("unknown format {s:?}: expected one of {}", Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")),
            )
        })
    }
}

/// A document with the name it is exported and imported under.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedDocument {
    pub id: String,
    pub doc: Document,
}

impl NamedDocument {
    pub fn new(id: impl Into<String>, doc: Document) -> NamedDocument {
        NamedDocument { id: id.into(), doc }
    }

    /// The document as newsmark JSON.
    pub fn to_record(&self) -> DocumentRecord {
        DocumentRecord::from_document(&self.doc, Some(self.id.clone()))
    }
}

/// One file to download or write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportFile {
    pub name: String,
    pub mime: &'static str,
    pub content: String,
}

/// Writes `docs` in `format`: one file for most formats, a `.txt` and an
/// `.ann` per document for brat, a `.txt` per document for plain text.
///
/// A single document's files are named after its id; several documents
/// share the name `newsmark`. Ids are made safe for file names.
pub fn export(docs: &[NamedDocument], format: Format) -> Result<Vec<ExportFile>> {
    for (i, d) in docs.iter().enumerate() {
        if let Some(a) = d.doc.annotations.iter().find(|a| !a.span.is_valid_in(&d.doc.text)) {
            return Err(Error::new(
                ErrorKind::InvalidOffset,
                format!(
                    "document {} ({:?}): span {}..{} is not on character boundaries of its text",
                    i + 1,
                    d.id,
                    a.span.start,
                    a.span.end
                ),
            ));
        }
    }
    let base = if docs.len() == 1 { file_stems(docs).remove(0) } else { "newsmark".to_owned() };
    let one = |content: String| vec![ExportFile { name: format!("{base}.{}", format.extension()), mime: format.mime(), content }];
    Ok(match format {
        Format::Json => one(json::export_json(docs)),
        Format::Jsonl => one(json::export_jsonl(docs)),
        Format::Spacy => one(spacy::export(docs)),
        Format::Doccano => one(doccano::export(docs)),
        Format::LabelStudio => one(labelstudio::export(docs)),
        Format::Conll => one(conll::export(docs)),
        Format::Csv => one(csv::export(docs)),
        Format::Brat => {
            let mut files = Vec::with_capacity(docs.len() * 2);
            for (d, stem) in docs.iter().zip(file_stems(docs)) {
                files.push(ExportFile { name: format!("{stem}.txt"), mime: Format::Text.mime(), content: d.doc.text.clone() });
                files.push(ExportFile { name: format!("{stem}.ann"), mime: Format::Brat.mime(), content: brat::ann(&d.doc) });
            }
            files
        }
        Format::Text => docs
            .iter()
            .zip(file_stems(docs))
            .map(|(d, stem)| ExportFile { name: format!("{stem}.txt"), mime: Format::Text.mime(), content: d.doc.text.clone() })
            .collect(),
    })
}

/// The longest file name stem, in bytes.
const STEM_BYTES: usize = 100;

/// File name stems for the documents: ids with anything but letters, digits,
/// `.`, `-` and `_` replaced by `_`, a trailing `.txt` dropped, at most
/// [`STEM_BYTES`] bytes, unique.
fn file_stems(docs: &[NamedDocument]) -> Vec<String> {
    let mut seen = HashSet::new();
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let id = d.id.strip_suffix(".txt").unwrap_or(&d.id);
            // File systems limit a name to 255 bytes, not characters (100
            // CJK characters are 300): the stem is cut at STEM_BYTES, on a
            // character boundary, leaving room for `-N` and the extension.
            let mut stem = String::new();
            for c in id.chars().map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }) {
                if stem.len() + c.len_utf8() > STEM_BYTES {
                    break;
                }
                stem.push(c);
            }
            let stem_trimmed = stem.trim_start_matches('.');
            stem = if stem_trimmed.is_empty() { format!("doc-{}", i + 1) } else { stem_trimmed.to_owned() };
            let mut unique = stem.clone();
            let mut n = 2;
            while !seen.insert(unique.to_lowercase()) {
                unique = format!("{stem}-{n}");
                n += 1;
            }
            unique
        })
        .collect()
}

/// Reads a file into documents, finding its format from the file name's
/// ending and the content (see [`detect`]). Nothing is returned unless the
/// whole file is valid.
///
/// Documents without an id in the file are named after the file
/// (`article.txt`) or numbered (`doc-1`, `doc-2`, ...).
pub fn import(content: &str, file_name: &str) -> Result<Vec<NamedDocument>> {
    let content = without_bom(content);
    let (format, parsed) = detect_parsed(content, file_name)?;
    some_document(import_parsed(content, format, parsed, file_name)?, file_name)
}

/// `docs`, or an error when the file held none (`[]`): one rule for every
/// import, the CLI's and the page's, rather than an import that quietly
/// brings nothing.
fn some_document(docs: Vec<NamedDocument>, file_name: &str) -> Result<Vec<NamedDocument>> {
    if docs.is_empty() {
        return Err(Error::new(ErrorKind::InvalidJson, format!("{file_name}: no document in the file")));
    }
    Ok(docs)
}

/// Reads several files at once, as a file picker or a drop gives them:
/// `(file name, content)`. A `.txt` and an `.ann` with the same name
/// before the ending are read as one brat document; every other file as
/// [`import`] reads it. All or nothing: the first error is returned, naming
/// its file.
pub fn import_files(files: &[(&str, &str)]) -> Result<Vec<NamedDocument>> {
    let stem = |name: &str| name.rsplit_once('.').map(|(s, _)| s.to_owned()).unwrap_or_else(|| name.to_owned());
    let is = |name: &str, ext: &str| name.to_lowercase().ends_with(ext);
    let texts: HashMap<String, &str> = files.iter().filter(|(n, _)| is(n, ".txt")).map(|&(n, c)| (stem(n), c)).collect();
    let anns: HashSet<String> = files.iter().filter(|(n, _)| is(n, ".ann")).map(|(n, _)| stem(n)).collect();
    let mut docs = Vec::new();
    for &(name, content) in files {
        if is(name, ".ann") {
            let Some(text) = texts.get(&stem(name)) else {
                return Err(Error::new(
                    ErrorKind::UnsupportedFormat,
                    format!("{name}: a brat .ann needs its .txt ({}.txt) in the same import", stem(name)),
                ));
            };
            let text = without_bom(text);
            let doc = brat::import(text, content).map_err(|e| e.context(name))?;
            let id = stem(name).rsplit(['/', '\\']).next().unwrap_or("doc").to_owned();
            docs.push(NamedDocument::new(id, doc));
        } else if is(name, ".txt") && anns.contains(&stem(name)) {
            continue; // read with its .ann
        } else {
            docs.extend(import(content, name)?);
        }
    }
    Ok(docs)
}

/// Reads a file's bytes: they must be UTF-8 (a byte order mark is dropped).
pub fn import_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<NamedDocument>> {
    let content = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::UnsupportedFormat, format!("{file_name}: not UTF-8 text (invalid byte at offset {})", e.valid_up_to()))
    })?;
    import(content, file_name)
}

/// `content` without the byte-order mark some editors put first (Windows
/// Notepad, Excel's "CSV UTF-8"): it is not part of the text, and offsets
/// count from after it. Every import entry point calls this.
fn without_bom(content: &str) -> &str {
    content.strip_prefix('\u{feff}').unwrap_or(content)
}

/// Reads a file in a known format.
pub fn import_as(content: &str, format: Format, file_name: &str) -> Result<Vec<NamedDocument>> {
    let content = without_bom(content);
    some_document(import_parsed(content, format, None, file_name)?, file_name)
}

/// Reads a file in a known format; `parsed` is its JSON when detection
/// already parsed it, so that large files are parsed once.
fn import_parsed(content: &str, format: Format, parsed: Option<serde_json::Value>, file_name: &str) -> Result<Vec<NamedDocument>> {
    let in_file = |e: Error| e.context(display_name(file_name));
    if content.trim().is_empty() {
        let kind = if format == Format::Text { ErrorKind::UnsupportedFormat } else { ErrorKind::InvalidJson };
        return Err(in_file(Error::new(kind, "the file is empty")));
    }
    if looks_binary(content, format == Format::Text) {
        return Err(in_file(Error::new(
            ErrorKind::UnsupportedFormat,
            "the file looks binary (control characters or undecodable bytes), not text",
        )));
    }
    let parse = |parsed: Option<serde_json::Value>| match parsed {
        Some(v) => Ok(v),
        None => check::parse(content, "the file"),
    };
    let docs = match format {
        Format::Text => Ok(vec![NamedDocument::new(
            default_id(file_name),
            Document { text: content.to_owned(), article_date: None, article_date_source: None, annotations: Vec::new() },
        )]),
        Format::Json => parse(parsed).and_then(|v| json::import_json(&v)),
        Format::Jsonl => json::import_jsonl(content),
        Format::Spacy => parse(parsed).and_then(|v| spacy::import(&v)),
        Format::Doccano => doccano::import(content),
        Format::LabelStudio => parse(parsed).and_then(|v| labelstudio::import(&v)),
        Format::Brat => {
            Err(Error::new(ErrorKind::UnsupportedFormat, "a brat .ann is read together with its .txt (import both files at once)"))
        }
        Format::Conll | Format::Csv => {
            Err(Error::new(ErrorKind::UnsupportedFormat, format!("{} files can be exported but not imported", format.display_name())))
        }
    }
    .map_err(in_file)?;
    Ok(docs)
}

/// Finds a file's format from its name's ending and its content.
///
/// - `.txt`, `.text`: plain text.
/// - `.json`: a JSON array of `[text, {"entities": ...}]` pairs is spaCy; a
///   task or list of tasks with `"data"` is Label Studio; an object or list
///   of objects with `"text"` is newsmark JSON. A `.json` file that holds one
///   object per line is read as JSONL.
/// - `.jsonl`, `.ndjson`: lines whose spans are `[start, end, label]` arrays
///   (under `"label"`, `"labels"` or `"entities"`) are doccano; lines with
///   span objects are newsmark JSONL.
/// - `.ann`, `.conll`, `.csv`: export-only formats (an error).
/// - no ending: JSON if it looks like JSON, else plain text.
pub fn detect(content: &str, file_name: &str) -> Result<Format> {
    detect_parsed(content, file_name).map(|(format, _)| format)
}

/// [`detect`], returning the parsed JSON when it parsed the whole file.
fn detect_parsed(content: &str, file_name: &str) -> Result<(Format, Option<serde_json::Value>)> {
    let content = without_bom(content);
    let lower = file_name.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).filter(|e| !e.contains('/') && !e.contains('\\'));
    let looks_json = matches!(content.trim_start().as_bytes().first(), Some(b'{' | b'['));
    match ext {
        Some("txt" | "text") => Ok((Format::Text, None)),
        Some("json") => Ok(sniff_json(content)),
        Some("jsonl" | "ndjson") => Ok((sniff_jsonl(content), None)),
        Some("ann") => Err(Error::new(ErrorKind::UnsupportedFormat, format!("{file_name}: a brat .ann is read together with its .txt (import both files at once)"))),
        Some("conll" | "iob" | "iob2" | "bio") => Err(Error::new(ErrorKind::UnsupportedFormat, format!("{file_name}: CoNLL files can be exported but not imported (they lose the text's spacing)"))),
        Some("csv" | "tsv") => Err(Error::new(ErrorKind::UnsupportedFormat, format!("{file_name}: CSV files can be exported but not imported (they do not hold the text)"))),
        None if looks_json => Ok(sniff_json(content)),
        None => Ok((Format::Text, None)),
        Some(other) => Err(Error::new(
            ErrorKind::UnsupportedFormat,
            format!("{file_name}: .{other} files are not supported; import .txt, newsmark .json/.jsonl, doccano .jsonl, Label Studio .json or spaCy .json"),
        )),
    }
}

/// Which JSON format a `.json` file holds. Malformed content is classified
/// as newsmark JSON so that its parser reports the problem.
fn sniff_json(content: &str) -> (Format, Option<serde_json::Value>) {
    let whole: Option<serde_json::Value> = serde_json::from_str(content).ok();
    let first = match &whole {
        Some(serde_json::Value::Array(items)) => items.first(),
        Some(v) => Some(v),
        None => {
            // Several objects, one per line: JSONL in a .json file.
            let lines: Vec<&str> = content.lines().filter(|l| !l.trim().is_empty()).collect();
            let all_objects = lines.len() > 1
                && lines.iter().all(|l| matches!(serde_json::from_str::<serde_json::Value>(l), Ok(serde_json::Value::Object(_))));
            return (if all_objects { sniff_jsonl(content) } else { Format::Json }, None);
        }
    };
    let format = match first {
        Some(serde_json::Value::Array(_)) => Format::Spacy,
        Some(serde_json::Value::Object(o)) if o.contains_key("data") => Format::LabelStudio,
        _ => Format::Json,
    };
    (format, whole)
}

/// Which JSONL format a file holds, from its first parsable line.
fn sniff_jsonl(content: &str) -> Format {
    let first = content.lines().find(|l| !l.trim().is_empty()).and_then(|l| serde_json::from_str(l).ok());
    let Some(serde_json::Value::Object(o)) = first else {
        return Format::Jsonl; // its parser reports the problem
    };
    if o.contains_key("spans") || o.contains_key("annotations") || o.contains_key("schema") {
        return Format::Jsonl;
    }
    let spans = ["label", "labels", "entities"].into_iter().find_map(|k| o.get(k));
    match spans {
        Some(serde_json::Value::Array(items)) if items.iter().all(|s| s.is_array()) => Format::Doccano,
        _ => Format::Jsonl,
    }
}

/// True for content that is not text: a NUL (which binary formats are
/// full of and no article holds), or, for plain text, many replacement
/// characters from a lossy decode (in JSON they would be legitimate text).
/// Other control characters are text: the annotator accepts any text, so
/// an import of what it wrote must too (DEL, Word's vertical-tab line
/// break, a stray U+0001 from a copy and paste).
fn looks_binary(content: &str, count_replacements: bool) -> bool {
    let mut replacements = 0usize;
    for c in content.chars() {
        match c {
            '\0' => return true,
            '\u{fffd}' => replacements += 1,
            _ => {}
        }
    }
    count_replacements && replacements > 0 && replacements * 20 >= content.chars().count().min(10_000)
}

fn display_name(file_name: &str) -> &str {
    if file_name.is_empty() {
        "the file"
    } else {
        file_name
    }
}

/// The id of a document read from a file that names none.
fn default_id(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    if base.is_empty() {
        "doc-1".to_owned()
    } else {
        base.to_owned()
    }
}
