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
    /// Label Studio's labeling configuration (XML) for the tasks of
    /// [`Format::LabelStudio`]: one file whatever the documents.
    #[serde(rename = "labelstudio-config")]
    LabelStudioConfig,
    Brat,
    Conll,
    /// CoNLL-U, the tags in MISC (`NER=B-PERSON`).
    Conllu,
    /// Hugging Face JSONL: `tokens` and integer `ner_tags`.
    Hf,
    Csv,
    /// Plain text, without annotations.
    Text,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 15] = [
        Format::Json,
        Format::Jsonl,
        Format::DocBin,
        Format::Spacy,
        Format::SpacyDoc,
        Format::Prodigy,
        Format::Doccano,
        Format::LabelStudio,
        Format::LabelStudioConfig,
        Format::Brat,
        Format::Conll,
        Format::Conllu,
        Format::Hf,
        Format::Csv,
        Format::Text,
    ];

    /// The name [`FromStr`] reads: `json`, `jsonl`, `docbin`, `spacy-json`, `spacy-doc`, `prodigy`, `doccano`,
    /// `labelstudio`, `labelstudio-config`, `brat`, `conll`, `conllu`, `hf`, `csv`, `text`.
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
            Format::LabelStudioConfig => "labelstudio-config",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::Conllu => "conllu",
            Format::Hf => "hf",
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
            Format::LabelStudioConfig => "Label Studio labeling config (XML)",
            Format::Brat => "brat standoff (.txt + .ann)",
            Format::Conll => "CoNLL IOB2",
            Format::Conllu => "CoNLL-U (NER= in MISC)",
            Format::Hf => "Hugging Face JSONL (tokens, ner_tags)",
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
            Format::LabelStudioConfig => "xml",
            Format::Brat => "ann",
            Format::Conll => "conll",
            Format::Conllu => "conllu",
            Format::Hf => "hf.jsonl",
            Format::Csv => "csv",
            Format::Text => "txt",
        }
    }

    /// The MIME type of the format's files.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Json | Format::Spacy | Format::LabelStudio => "application/json",
            Format::Jsonl | Format::Doccano => "application/jsonl",
            Format::Hf => "application/jsonl",
            Format::Csv => "text/csv;charset=utf-8",
            Format::LabelStudioConfig => "application/xml",
            Format::Brat | Format::Conll | Format::Text => "text/plain;charset=utf-8",
            Format::Conllu => "text/plain;charset=utf-8",
            Format::DocBin => "application/octet-stream",
            Format::SpacyDoc => "application/json",
            Format::Prodigy => "application/jsonl",
        }
    }

    /// The unit of the offsets the format writes (`None`: it writes none).
    pub fn offset_unit(self) -> Option<OffsetUnit> {
        match self {
            // Tokens, not offsets (DocBin), or no spans at all.
            Format::Conll | Format::Conllu | Format::Hf | Format::DocBin | Format::Text | Format::LabelStudioConfig => None,
            // What doccano's browser editor counts (see doccano.rs).
            Format::Doccano => Some(super::doccano::DEFAULT_UNIT),
            _ => Some(OffsetUnit::Codepoint),
        }
    }

    /// True when [`import`](super::import()) reads the format.
    pub fn can_import(self) -> bool {
        matches!(self, Format::Json | Format::Jsonl | Format::Spacy | Format::Doccano | Format::LabelStudio | Format::Text)
            || matches!(self, Format::Conll | Format::Conllu | Format::Hf | Format::DocBin | Format::SpacyDoc | Format::Prodigy)
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
            "label-studio-config" | "labelstudio_config" | "ls-config" | "labelstudioconfig" => "labelstudio-config",
            "txt" | "plain" => "text",
            "ndjson" => "jsonl",
            // `spacy` named the tuple JSON before DocBin existed: old scripts keep their output.
            "spacy" | "spacy_json" => "spacy-json",
            "doc-bin" | "doc_bin" => "docbin",
            "iob" | "iob2" | "conll2003" => "conll",
            "conll-u" => "conllu",
            "huggingface" | "hugging-face" | "hf-jsonl" => "hf",
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
