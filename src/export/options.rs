//! What a user chooses about an export or an import beyond its format, and
//! what an import reports having read.
//!
//! Each option is defined once here; the CLI (`newsmark export`) and the
//! bindings map their flags and fields onto these structs, so a format
//! reads its options from one place whichever way it was called.

use super::{Format, NamedDocument};
use crate::error::{Error, ErrorKind, Result};
use crate::label::Label;
use crate::span::OffsetUnit;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// How token tags spell a span's position, for CoNLL-style formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TagScheme {
    /// `I-` everywhere, `B-` only where a span follows one of the same
    /// label (CoNLL-2003's original files).
    Iob1,
    /// `B-` first, `I-` inside (seqeval's default, Hugging Face datasets).
    #[default]
    Iob2,
    /// `B-`, `I-`, `L-`ast, `U-`nit (spaCy's BILUO).
    Bilou,
    /// `B-`, `I-`, `E-`nd, `S-`ingle.
    Iobes,
}

impl TagScheme {
    pub const ALL: [TagScheme; 4] = [TagScheme::Iob1, TagScheme::Iob2, TagScheme::Bilou, TagScheme::Iobes];

    /// The name [`FromStr`] reads: `iob1`, `iob2`, `bilou`, `iobes`.
    pub fn name(self) -> &'static str {
        match self {
            TagScheme::Iob1 => "iob1",
            TagScheme::Iob2 => "iob2",
            TagScheme::Bilou => "bilou",
            TagScheme::Iobes => "iobes",
        }
    }
}

impl fmt::Display for TagScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for TagScheme {
    type Err = Error;

    fn from_str(s: &str) -> Result<TagScheme> {
        let lower = s.trim().to_ascii_lowercase();
        let name = match lower.as_str() {
            "bio" | "iob" => "iob2",
            "biluo" => "bilou",
            "bioes" => "iobes",
            other => other,
        };
        TagScheme::ALL.into_iter().find(|t| t.name() == name).ok_or_else(|| {
            Error::new(
                ErrorKind::Usage,
                format!("unknown tag scheme {s:?}: expected one of {}", TagScheme::ALL.map(TagScheme::name).join(", ")),
            )
        })
    }
}

/// Choices for [`export_with`](super::export_with). The default writes
/// each format as [`export`](super::export()) does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// The offset unit, for formats that let the user choose one (doccano);
    /// `None`: the format's default ([`Format::offset_unit`]).
    pub offset_unit: Option<OffsetUnit>,
    /// The tag scheme of token formats (CoNLL, CoNLL-U, Hugging Face JSONL).
    pub scheme: TagScheme,
    /// Put a byte-order mark before text files that spreadsheets open (CSV),
    /// which Excel needs to read UTF-8.
    pub bom: bool,
    /// Start every CSV cell that holds outside text (id, text, value) and
    /// that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
    /// CR) with a `'`, which spreadsheets hide. Off by default: then the
    /// `text` cell is exactly the text it names, as programs reading the
    /// CSV need.
    pub formula_guard: bool,
    /// The project's label set: Label Studio's config lists its labels in
    /// its colors; when it is not the default set, brat's export adds an
    /// `annotation.conf` and a `visual.conf`, doccano's a `label_config.json`
    /// and newsmark JSON/JSONL a `newsmark-labels.json` (see `labels.rs`).
    pub labels: Option<super::LabelScheme>,
}

/// Choices for [`import_with`](super::import_with). The default reads each
/// file as [`import`](super::import()) does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The format of every file; `None`: found from each file's name and
    /// content ([`detect`](super::detect)).
    pub format: Option<Format>,
    /// The unit of the file's offsets, for formats whose files do not say
    /// (doccano); `None`: the format's default.
    pub offset_unit: Option<OffsetUnit>,
    /// The tag scheme of token formats; `None`: found from the tags.
    pub scheme: Option<TagScheme>,
    /// Labels of the file mapped to newsmark's, beyond the synonyms every
    /// import knows (keys compared as written, case-sensitive).
    pub label_map: BTreeMap<String, Label>,
    /// A label none of newsmark's, their synonyms, OntoNotes' types or
    /// `label_map` names is one of the user's own (defined without a
    /// value; one defined before keeps its kind) instead of an error: for
    /// a project's files in its own schema (`newsmark learn`, `eval`).
    pub own_labels: bool,
    /// Report what cannot be read (an unknown field, a span that cannot be
    /// placed) as a warning with counts, and read the rest, instead of
    /// failing the file.
    pub lenient: bool,
    /// The names of integer tags (a `datasets.ClassLabel`'s `names`), for
    /// Hugging Face JSONL lines that carry none (`Dataset.to_json` writes
    /// none); a line's own `ner_tag_names` wins.
    pub tag_names: Option<Vec<String>>,
}

impl ImportOptions {
    /// How the readers read label names.
    pub(crate) fn labels(&self) -> super::check::LabelMap<'_> {
        super::check::LabelMap { mapped: &self.label_map, own_labels: self.own_labels }
    }
}

/// What an import read from one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The file's name as given to the import.
    pub file: String,
    /// The format the file was read as.
    pub format: Option<Format>,
    /// Documents read.
    pub documents: usize,
    /// Spans read, over all its documents.
    pub spans: usize,
    /// Examples or spans the file holds that were left out on purpose (a
    /// Prodigy `reject`, a span that could not be placed under
    /// [`ImportOptions::lenient`]); the warnings say which.
    pub skipped: usize,
    /// What was left out or changed, in words, each naming its document.
    pub warnings: Vec<String>,
}

impl FileReport {
    /// One line for people: `a.jsonl (doccano): 3 documents, 12 spans, 1 skipped`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let format = self.format.map(|f| format!(" ({})", f.name())).unwrap_or_default();
        let mut line =
            format!("{}{format}: {}, {}", self.file, plural(self.documents, "document", "documents"), plural(self.spans, "span", "spans"));
        if self.skipped > 0 {
            line.push_str(&format!(", {} skipped", self.skipped));
        }
        line
    }
}

/// Documents read by an import, and a report per file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub docs: Vec<NamedDocument>,
    pub reports: Vec<FileReport>,
}

/// What a format's reader gives back: documents, and what it skipped on
/// purpose. Readers that never skip return a plain `Vec` (see `From`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Read {
    pub docs: Vec<NamedDocument>,
    pub skipped: usize,
    pub warnings: Vec<String>,
}

impl From<Vec<NamedDocument>> for Read {
    fn from(docs: Vec<NamedDocument>) -> Read {
        Read { docs, skipped: 0, warnings: Vec::new() }
    }
}

/// The content of an exported file: text for most formats, bytes for
/// binary ones (spaCy's DocBin).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileContent {
    Text(String),
    Binary(Vec<u8>),
}

impl FileContent {
    /// The content as text, or `None` for a binary file.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            FileContent::Text(s) => Some(s),
            FileContent::Binary(_) => None,
        }
    }

    /// The bytes to write to a file.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            FileContent::Text(s) => s.as_bytes(),
            FileContent::Binary(b) => b,
        }
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// True for an empty file.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Text as a string and bytes as bytes, so that the bindings hand JS a
/// `string` or a `Uint8Array` (serde_wasm_bindgen maps bytes to one).
impl Serialize for FileContent {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            FileContent::Text(t) => s.serialize_str(t),
            FileContent::Binary(b) => s.serialize_bytes(b),
        }
    }
}

/// Text as it is; a binary file as its size, for messages and listings.
impl fmt::Display for FileContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileContent::Text(t) => f.write_str(t),
            FileContent::Binary(b) => write!(f, "<{} bytes of binary data>", b.len()),
        }
    }
}

impl From<String> for FileContent {
    fn from(s: String) -> FileContent {
        FileContent::Text(s)
    }
}
