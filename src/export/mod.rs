//! Exports and imports: one module per format, each with its import where
//! one exists. The CLI and the page (through `crates/newsmark-wasm`) both call
//! [`export`] and [`import`], so no format is written twice.
//!
//! Inside the crate a span is a half-open byte range; each format writes
//! offsets in the unit its consumer reads, converted at this boundary by
//! [`OffsetMap`](crate::span::OffsetMap):
//!
//! | format | file | offsets | keeps values | keeps sources | import |
//! |---|---|---|---|---|---|
//! | newsmark JSON (`json`) | `.json`, one object or an array | code points, end exclusive (as `offset_unit` says) | yes | yes (`model`/`rule`/`user`) | yes |
//! | newsmark JSONL (`jsonl`) | `.jsonl`, one object a line | code points, end exclusive | yes | yes | yes |
//! | spaCy DocBin (`docbin`) | `.spacy`, binary (zlib of MessagePack, see `docbin.rs`) | tokens (the core's, cut at span boundaries; whitespace other than one space is a token) | yes (`doc.user_data["newsmark"]`) | yes, and ids and dates, for entities unchanged in spaCy | yes (detected from the bytes) |
//! | spaCy training tuples (`spacy-json`, also read as `spacy`) | `.spacy.json`: `[[text, {"entities": [[start, end, label]]}]]` | code points (Python slicing) | no | no (imports as `user`) | yes |
//! | spaCy `Doc.to_json()` (`spacy-doc`) | `.spacy-doc.json`: `[{"text", "ents", "tokens"}]` | code points | no | no (imports as `user`) | yes |
//! | Prodigy JSONL (`prodigy`) | `.prodigy.jsonl`: `{"text", "tokens", "spans": [{"start", "end", "token_start", "token_end", "label"}], "answer", "meta"}` | code points, token indices inclusive | yes (the span's `value`) | yes (the span's `source`); id and date in `meta` | yes (`reject`/`ignore` skipped and counted) |
//! | doccano JSONL (`doccano`) | `.doccano.jsonl`: `{"id", "text", "label": [[start, end, label]]}` (relation mode's `entities` read too) | UTF-16 code units (doccano's editor), or code points or grapheme clusters ([`ExportOptions::offset_unit`], [`ImportOptions::offset_unit`]) | no | no (imports as `user`) | yes |
//! | Label Studio JSON (`labelstudio`) | `.labelstudio.json`: a list of tasks, a person's spans as an annotation, newsmark's as a prediction | code points (Label Studio's `Text` tag counts code points) | yes (in the region's `meta`: a note for people and the JSON value, read back) | yes (the region's `meta.source`; `user` where Label Studio says a person made or changed it) | yes, and JSON-MIN |
//! | Label Studio config (`labelstudio-config`) | `labelstudio-config.xml`: the labeling config of those tasks | none | no | no | no |
//! | brat standoff (`brat`) | `.txt` (LF line ends) + `.ann` per document | code points of that `.txt` | as an `AnnotatorNotes` line (display form, read back with [`Value::from_display`](crate::value::Value::from_display)) | yes, every span's, in its note | yes, as a pair ([`import_files`]), a CRLF `.txt` too |
//! | CoNLL (`conll`) | `.conll`: `token<TAB>B-PERSON`, in the [`TagScheme`] chosen | tokens (from [`tokenize`](crate::tokenize::tokenize), cut at span edges) | no | no (imports as `user`) | yes: the text rebuilt from the tokens, the scheme found or chosen |
//! | CoNLL-U (`conllu`) | `.conllu`: `NER=B-PERSON` in MISC | tokens, the spacing in MISC (`SpaceAfter`, `SpacesAfter`) | no | no (imports as `user`) | yes: the text exactly, the article date |
//! | Hugging Face JSONL (`hf`) | `.hf.jsonl`: `{"tokens", "ner_tags", "ner_tag_names"}` a sentence | tokens | no | no (imports as `user`) | yes: the text rebuilt from the tokens |
//! | CSV (`csv`) | `.csv`: `doc_id,start,end,label,text,value,source` (RFC 4180); `text` is exactly the text it names; a byte-order mark with [`ExportOptions::bom`], spreadsheet formula cells guarded with [`ExportOptions::formula_guard`] | code points | yes (display form: `455,000,000 USD (more than)`) | yes | no |
//! | plain text (`text`) | `.txt` | none | no | no | yes (a document with no annotations) |
//!
//! **The byte-order mark.** A file may start with U+FEFF (Windows Notepad,
//! Excel's "CSV UTF-8"). It is not part of the text: every reader of a file
//! drops one leading mark ([`without_bom`]: [`import`], [`import_as`],
//! [`import_bytes`], [`import_files`], `newsmark annotate` and `eval` on a file or
//! stdin, the page, which hands the core the file's bytes undecoded), and
//! offsets count from after it, except brat's: brat counts the mark as
//! character 0, so a brat `.ann` next to a `.txt` that starts with a mark
//! is read with every offset one less. Every writer of a text file (the
//! text export, brat's `.txt`) writes the text as it is, with a mark in
//! front only when the text itself starts with U+FEFF (from a JSON
//! `"text"`), the one a reader drops; a brat `.ann` then counts that mark.
//! A mark inside the text, or in a JSON string, is text like any other.
//!
//! Every import validates the whole file before returning anything: JSON
//! shape ([`ErrorKind::InvalidJson`]), offsets in bounds, on character
//! boundaries, non-empty, not overlapping, and covering the text the file
//! claims ([`ErrorKind::InvalidOffset`]), labels known, with the synonyms
//! other tools use, OntoNotes' types and the user's
//! [`ImportOptions::label_map`] (`PER`, `GPE`, `NORP`; [`ErrorKind::InvalidLabel`]). Each
//! message names the line, document, task or span it is about. Overlapping
//! spans are an error rather than silently dropped: newsmark never nests
//! spans, and a person importing a file should decide which one stays.
//! Imported spans keep their source where the format records one (newsmark
//! JSON `source`, Label Studio `origin`, brat notes), else they are
//! [`Source::User`](crate::document::Source::User)'s. doccano's offsets are
//! UTF-16 code units by default, what its browser editor counts (doccano
//! issue #2290); see `doccano.rs`.
//!
//! ```
//! use newsmark::export::{export, import, Format, NamedDocument};
//! let doc = newsmark::annotate("😀 It paid US$455 million.", &newsmark::Options::default());
//! let files = export(&[NamedDocument::new("a1", doc)], Format::Spacy).unwrap();
//! assert_eq!(files[0].name, "a1.spacy.json");
//! let back = import(files[0].text().unwrap(), &files[0].name).unwrap();
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
mod conllu;
mod csv;
mod docbin;
mod doccano;
mod format;
mod hf;
mod import;
mod iob;
pub mod json;
mod labels;
mod labelstudio;
mod msgpack;
mod options;
mod prodigy;
mod spacy;
pub mod tool_config;

pub use format::Format;
pub use import::{detect, import, import_as, import_bytes, import_files, import_files_with, import_with, without_bom};
pub use json::{read_document, read_jsonl, read_jsonl_own_labels, DocumentRecord, SpanRecord, SCHEMA};
pub use labels::{LabelDefinition, LabelScheme, LABELS_SCHEMA};
pub use labelstudio::config as label_studio_config;
pub use labelstudio::config_with as label_studio_config_with;
pub use options::{ExportOptions, FileContent, FileReport, ImportOptions, Imported, TagScheme};

use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use serde::Serialize;
use std::collections::HashSet;

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
    pub content: FileContent,
}

impl ExportFile {
    /// The file's content as text, or `None` for a binary file.
    pub fn text(&self) -> Option<&str> {
        self.content.as_text()
    }
}

/// Writes `docs` in `format`: one file for most formats, a `.txt` and an
/// `.ann` per document for brat, a `.txt` per document for plain text.
///
/// A single document's files are named after its id; several documents
/// share the name `newsmark`. Ids are made safe for file names.
pub fn export(docs: &[NamedDocument], format: Format) -> Result<Vec<ExportFile>> {
    export_with(docs, format, &ExportOptions::default())
}

/// [`export`] with the user's choices (offset unit, tag scheme, byte-order
/// mark) for the formats that have them.
pub fn export_with(docs: &[NamedDocument], format: Format, options: &ExportOptions) -> Result<Vec<ExportFile>> {
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
    let one =
        |content: String| vec![ExportFile { name: format!("{base}.{}", format.extension()), mime: format.mime(), content: content.into() }];
    Ok(match format {
        Format::Json => with_label_set(one(json::export_json(docs)), options),
        Format::Jsonl => with_label_set(one(json::export_jsonl(docs)), options),
        Format::Spacy => one(spacy::export(docs)),
        Format::Doccano => {
            let mut files = one(doccano::export(docs, options.offset_unit.unwrap_or(doccano::DEFAULT_UNIT))?);
            if let Some(scheme) = own_label_set(options) {
                files.push(ExportFile {
                    name: "label_config.json".into(),
                    mime: "application/json",
                    content: labels::doccano_labels(scheme).into(),
                });
            }
            files
        }
        Format::LabelStudio => one(labelstudio::export(docs)),
        // The config fits any documents: named for what it is, not after them.
        Format::LabelStudioConfig => vec![ExportFile {
            name: format!("labelstudio-config.{}", format.extension()),
            mime: format.mime(),
            content: labelstudio::config_with(options.labels.as_ref()).into(),
        }],
        Format::Conll => one(conll::export(docs, options.scheme)),
        Format::Conllu => one(conllu::export(docs, options.scheme)),
        Format::Hf => one(hf::export(docs, options.scheme)),
        Format::Csv => one(csv::export(docs, options)),
        Format::SpacyDoc => one(spacy::export_doc_json(docs)),
        Format::Prodigy => one(prodigy::export(docs)),
        Format::DocBin => vec![ExportFile {
            name: format!("{base}.{}", format.extension()),
            mime: format.mime(),
            content: FileContent::Binary(docbin::export(docs)),
        }],
        Format::Brat => {
            let mut files = Vec::with_capacity(docs.len() * 2);
            for (d, stem) in docs.iter().zip(file_stems(docs)) {
                files.push(ExportFile { name: format!("{stem}.txt"), mime: Format::Text.mime(), content: brat::txt(&d.doc).into() });
                files.push(ExportFile { name: format!("{stem}.ann"), mime: Format::Brat.mime(), content: brat::ann(&d.doc).into() });
            }
            if let Some(scheme) = own_label_set(options) {
                let conf =
                    |name: &str, content: String| ExportFile { name: name.into(), mime: Format::Text.mime(), content: content.into() };
                files.push(conf("annotation.conf", labels::brat_annotation_conf(scheme)));
                files.push(conf("visual.conf", labels::brat_visual_conf(scheme)));
            }
            files
        }
        Format::Text => docs
            .iter()
            .zip(file_stems(docs))
            .map(|(d, stem)| ExportFile { name: format!("{stem}.txt"), mime: Format::Text.mime(), content: text_file(&d.doc.text).into() })
            .collect(),
    })
}

/// The user's label set of an export, when it is not the default one (all
/// built-in labels, none of the user's): only then do the formats that can
/// carry a set add its files, so an export without one is as it always was.
fn own_label_set(options: &ExportOptions) -> Option<&LabelScheme> {
    options.labels.as_ref().filter(|s| **s != LabelScheme::default())
}

/// `files` with the project's label set beside them (`newsmark-labels.json`),
/// for the newsmark JSON and JSONL exports, so that a project comes back whole.
fn with_label_set(mut files: Vec<ExportFile>, options: &ExportOptions) -> Vec<ExportFile> {
    if let Some(scheme) = own_label_set(options) {
        files.push(ExportFile { name: "newsmark-labels.json".into(), mime: "application/json", content: scheme.to_json().into() });
    }
    files
}

/// A text as a `.txt` file: the text, with a byte-order mark in front when
/// the text itself starts with U+FEFF, so that a reader, which drops one
/// mark ([`without_bom`]), gets the text back.
fn text_file(text: &str) -> String {
    if text.starts_with('\u{feff}') {
        format!("\u{feff}{text}")
    } else {
        text.to_owned()
    }
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
