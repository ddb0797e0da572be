//! The formats newsmark writes and reads: their names, file endings, media
//! types and offset units, in one table.

use crate::error::{Error, ErrorKind, Result};
use crate::span::OffsetUnit;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// A format newsmark writes (and, for some, reads).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Jsonl,
    /// spaCy's binary DocBin (`.spacy`), what `spacy train` reads.
    DocBin,
    /// spaCy's training tuples as JSON (`[[text, {"entities": ...}]]`).
    #[serde(rename = "spacy-json")]
    Spacy,
    /// spaCy's `Doc.to_json()`: a JSON list of `{"text", "ents", "tokens"}`.
    #[serde(rename = "spacy-doc")]
    SpacyDoc,
    /// Prodigy's JSONL: `text`, `tokens`, `spans`, `answer`, `meta`.
    Prodigy,
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
    pub const ALL: [Format; 12] = [
        Format::Json,
        Format::Jsonl,
        Format::DocBin,
        Format::Spacy,
        Format::SpacyDoc,
        Format::Prodigy,
        Format::Doccano,
        Format::LabelStudio,
        Format::Brat,
        Format::Conll,
        Format::Csv,
        Format::Text,
    ];

    /// The name [`FromStr`] reads: `json`, `jsonl`, `docbin`, `spacy-json`, `spacy-doc`, `prodigy`, `doccano`,
    /// `labelstudio`, `brat`, `conll`, `csv`, `text`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::DocBin => "docbin",
            Format::Spacy => "spacy-json",
            Format::SpacyDoc => "spacy-doc",
            Format::Prodigy => "prodigy",
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
            Format::DocBin => "spaCy DocBin (.spacy)",
            Format::Spacy => "spaCy training tuples (JSON)",
            Format::SpacyDoc => "spaCy Doc.to_json (JSON)",
            Format::Prodigy => "Prodigy JSONL",
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
            Format::DocBin => "spacy",
            Format::Spacy => "spacy.json",
            Format::SpacyDoc => "spacy-doc.json",
            Format::Prodigy => "prodigy.jsonl",
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
            Format::DocBin => "application/octet-stream",
            Format::SpacyDoc => "application/json",
            Format::Prodigy => "application/jsonl",
        }
    }

    /// The unit of the offsets the format writes (`None`: it writes none).
    pub fn offset_unit(self) -> Option<OffsetUnit> {
        match self {
            Format::Conll | Format::Text => None,
            // Tokens, not offsets.
            Format::DocBin => None,
            _ => Some(OffsetUnit::Codepoint),
        }
    }

    /// True when [`import`](super::import()) reads the format.
    pub fn can_import(self) -> bool {
        matches!(self, Format::Json | Format::Jsonl | Format::Spacy | Format::Doccano | Format::LabelStudio | Format::Text)
            || matches!(self, Format::DocBin | Format::SpacyDoc | Format::Prodigy)
    }

    /// True for a format whose files are bytes, not text
    /// ([`FileContent::Binary`](super::FileContent::Binary)).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::DocBin)
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
            // `spacy` named the tuple JSON before DocBin existed: old scripts keep their output.
            "spacy" | "spacy_json" => "spacy-json",
            "doc-bin" | "doc_bin" => "docbin",
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
