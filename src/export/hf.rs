//! Hugging Face JSONL: one sentence a line, as token classification
//! datasets (`conll2003`, `wnut_17`) hold them:
//!
//! ```json
//! {"id": "a1-1", "document": "a1", "tokens": ["Jung", "Pak", "paid"], "ner_tags": [1, 2, 0],
//!  "ner_tag_names": ["O", "B-PERSON", "I-PERSON", ...]}
//! ```
//!
//! `ner_tags` are integers into `ner_tag_names`, the names of a
//! `datasets.ClassLabel` (`ClassLabel(names=row["ner_tag_names"])`): `O`,
//! then each label's tags in the scheme chosen ([`iob::tag_names`]), the
//! same list on every line, so a line is read alone and lines can be
//! shuffled or split; `load_dataset("json", data_files=...)` reads the file
//! as it is. `document` is the newsmark document the sentence is from.
//! Tokens and sentences are CoNLL's ([`conll::sentences`]); the text's
//! spacing, values, sources and the article date are lost, and a document
//! without a token has no line.
//!
//! **Import.** `tokens` (strings) and `ner_tags` (integers into the line's
//! `ner_tag_names`, else into [`ImportOptions::tag_names`] for files
//! `Dataset.to_json` wrote, or tag strings), the same length. Consecutive lines of
//! one `document` make one document; a line without one is a document of
//! its own (named by its `id`). The text is rebuilt as CoNLL's import
//! rebuilds it: tokens joined with spaces, one sentence a line. Other
//! fields (`pos_tags`, `chunk_tags`, ...) are not read.

use super::check::{self, kind_of, shape};
use super::conll::{self, ReadToken, TokenDocument, Where};
use super::iob;
use super::json::to_json;
use super::options::{ImportOptions, TagScheme};
use super::NamedDocument;
use crate::error::{Error, ErrorKind, Result};
use crate::span::Span;
use serde::Serialize;
use serde_json::Value as Json;

#[derive(Serialize)]
struct Row<'a> {
    id: String,
    document: &'a str,
    tokens: Vec<&'a str>,
    ner_tags: Vec<usize>,
    ner_tag_names: &'a [String],
}

pub(crate) fn export(docs: &[NamedDocument], scheme: TagScheme) -> String {
    // Labels of the user's own in these documents, in the order they were defined.
    let custom: std::collections::BTreeSet<crate::label::Label> =
        docs.iter().flat_map(|d| d.doc.annotations.iter().map(|a| a.label)).filter(|l| l.is_custom()).collect();
    let names = iob::tag_names(scheme, custom);
    let mut out = String::new();
    for d in docs {
        for (n, sentence) in conll::sentences(&d.doc, scheme).iter().enumerate() {
            let row = Row {
                id: format!("{}-{}", d.id, n + 1),
                document: &d.id,
                tokens: sentence.tokens.iter().map(|t| t.text(&d.doc.text)).collect(),
                ner_tags: sentence.tags.iter().map(|t| names.iter().position(|n| n == t).expect("a tag of the scheme")).collect(),
                ner_tag_names: &names,
            };
            out.push_str(&to_json(&row, false));
            out.push('\n');
        }
    }
    out
}

/// One line, read.
struct Line {
    line: usize,
    id: Option<String>,
    document: Option<String>,
    tokens: Vec<String>,
    tags: Vec<String>,
}

/// Reads Hugging Face JSONL (see the module's doc).
pub(crate) fn import(content: &str, options: &ImportOptions) -> Result<Vec<NamedDocument>> {
    let mut lines = Vec::new();
    for (i, text) in content.lines().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        let at = format!("line {}", i + 1);
        let v = check::parse(text, "the line").map_err(|e| e.context(&at))?;
        lines.push(read_line(&v, i + 1, options.tag_names.as_deref()).map_err(|e| e.context(&at))?);
    }
    // Tag strings live in the lines; the documents borrow them.
    let mut docs: Vec<TokenDocument> = Vec::new();
    let mut previous: Option<&str> = None;
    for l in &lines {
        let same = l.document.is_some() && l.document.as_deref() == previous;
        if !same {
            let id = l.document.clone().or_else(|| l.id.clone()).unwrap_or_else(|| format!("doc-{}", docs.len() + 1));
            docs.push(TokenDocument { id, ..TokenDocument::default() });
        }
        previous = l.document.as_deref();
        let doc = docs.last_mut().expect("pushed");
        if !doc.sentences.is_empty() {
            doc.text.push('\n');
        }
        let mut sentence = Vec::with_capacity(l.tokens.len());
        for (k, (tok, tag)) in l.tokens.iter().zip(&l.tags).enumerate() {
            if k > 0 {
                doc.text.push(' ');
            }
            let start = doc.text.len();
            doc.text.push_str(tok);
            sentence.push(ReadToken { span: Span::new(start, doc.text.len()), tag, at: Where { line: l.line, token: Some(k + 1) } });
        }
        doc.sentences.push(sentence);
    }
    conll::documents(docs, options)
}

fn read_line(v: &Json, line: usize, given_names: Option<&[String]>) -> Result<Line> {
    let obj = check::object(v, "the line")?;
    let list = |key: &str| -> Result<&Vec<Json>> {
        match obj.get(key) {
            Some(v) => check::array(v, format_args!("\"{key}\"")),
            None => Err(shape(format!("the line has no \"{key}\" (Hugging Face JSONL has \"tokens\" and \"ner_tags\")"))),
        }
    };
    let tokens = list("tokens")?
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let t = check::string(t, format_args!("token {}", k + 1))?;
            if t.is_empty() {
                return Err(shape(format!("token {} is empty", k + 1)));
            }
            Ok(t.to_owned())
        })
        .collect::<Result<Vec<_>>>()?;
    let ner = list("ner_tags")?;
    if ner.len() != tokens.len() {
        return Err(shape(format!("{} tokens but {} ner_tags: each token has one tag", tokens.len(), ner.len())));
    }
    let names: Option<Vec<&str>> = match obj.get("ner_tag_names") {
        None | Some(Json::Null) => given_names.map(|n| n.iter().map(String::as_str).collect()),
        Some(v) => Some(
            check::array(v, "\"ner_tag_names\"")?
                .iter()
                .enumerate()
                .map(|(k, n)| check::string(n, format_args!("ner_tag_names {}", k + 1)))
                .collect::<Result<_>>()?,
        ),
    };
    let tags = ner
        .iter()
        .enumerate()
        .map(|(k, t)| match t {
            Json::String(s) => Ok(s.clone()),
            Json::Number(n) => {
                let Some(names) = &names else {
                    return Err(shape(
                        "ner_tags are numbers but the line has no \"ner_tag_names\" to name them (the ClassLabel names: [\"O\", \"B-PER\", ...]; newsmark export --tag-names O,B-PER,...)",
                    ));
                };
                n.as_u64().and_then(|i| names.get(usize::try_from(i).ok()?)).map(|s| (*s).to_owned()).ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidLabel,
                        format!("ner_tags {}: {n} is not an index into ner_tag_names (0 to {})", k + 1, names.len().saturating_sub(1)),
                    )
                })
            }
            other => Err(shape(format!("ner_tags {} is {} where a number or a tag was expected", k + 1, kind_of(other)))),
        })
        .collect::<Result<Vec<_>>>()?;
    let text_field = |key: &str| match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(Json::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(shape(format!("\"{key}\" is {} where a string was expected", kind_of(other)))),
    };
    Ok(Line { line, id: text_field("id")?, document: text_field("document")?, tokens, tags })
}
