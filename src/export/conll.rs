//! CoNLL: one token a line, `token<TAB>tag`, tags `B-PERSON`, `I-PERSON`,
//! `O` in the scheme the user chooses (IOB2 by default; IOB1, BILOU, IOBES:
//! see [`iob`](super::iob)); a blank line between sentences and
//! `-DOCSTART-` before each document, as in CoNLL-2003.
//!
//! Tokens come from [`tokenize`](crate::tokenize::tokenize), cut where a
//! span starts or ends inside one (as the DocBin's are), so that every span
//! is whole tokens: a hand mark of `US` in `US-based` is the token `US`
//! before `-based`, and two marks in one token both stay. The text's
//! spacing is lost (CoNLL-U keeps it).
//!
//! Sentences end after `.`, `!`, `?` or `…` (and any closing quote or
//! bracket glued to it) when whitespace follows, and at every line break;
//! never inside a span. The tokens and tags of a document ([`sentences`])
//! are shared with CoNLL-U and Hugging Face JSONL.
//!
//! **Import.** Lines of a token and its tag, separated by a tab, or by
//! spaces with any columns between (CoNLL-2003's `token POS chunk tag`):
//! the first column is the token, the last its tag. `-DOCSTART-` starts a
//! document, a blank line ends a sentence. The text is rebuilt from the
//! tokens: joined with single spaces, one sentence a line. The scheme is
//! found from the tags ([`iob::detect`]) unless the user chooses it, and
//! the tags are read strictly ([`iob::decode`]): an invalid sequence is an
//! error naming the line. Spans come back as the user's (CoNLL keeps no
//! source), without values.

use super::check::{self, RawSpan};
use super::iob::{self, TokenSpan};
use super::options::{ImportOptions, TagScheme};
use super::NamedDocument;
use crate::document::{Document, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::span::{OffsetUnit, Span};
use crate::tokenize::{tokenize, Token};

pub(crate) fn export(docs: &[NamedDocument], scheme: TagScheme) -> String {
    let mut out = String::new();
    for d in docs {
        out.push_str("-DOCSTART-\tO\n\n");
        let text = d.doc.text.as_str();
        for sentence in sentences(&d.doc, scheme) {
            for (tok, tag) in sentence.tokens.iter().zip(&sentence.tags) {
                for c in tok.text(text).chars() {
                    // A token never holds whitespace; be safe for the line format.
                    out.push(if c.is_whitespace() || c.is_control() { '_' } else { c });
                }
                out.push('\t');
                out.push_str(tag);
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out
}

/// One sentence: its tokens' byte spans and their tags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub tokens: Vec<Span>,
    pub tags: Vec<String>,
}

/// A document's sentences of tagged tokens, tags in `scheme`.
pub(crate) fn sentences(doc: &Document, scheme: TagScheme) -> Vec<Sentence> {
    let text = doc.text.as_str();
    let tokens = cut_at_spans(tokenize(text), doc);
    let owner = span_of_each(doc, &tokens);
    let mut out: Vec<Sentence> = Vec::new();
    let mut spans: Vec<Vec<TokenSpan>> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        let continues_span = i > 0 && owner[i].is_some() && owner[i] == owner[i - 1];
        if i == 0 || (!continues_span && (tok.line_start || ends_sentence(text, &tokens, i))) {
            out.push(Sentence::default());
            spans.push(Vec::new());
        }
        let (sentence, sentence_spans) = (out.last_mut().expect("pushed above"), spans.last_mut().expect("pushed above"));
        let k = sentence.tokens.len();
        sentence.tokens.push(tok.span);
        if let Some(a) = owner[i] {
            match sentence_spans.last_mut() {
                Some(s) if continues_span => s.end = k + 1,
                _ => sentence_spans.push(TokenSpan { start: k, end: k + 1, label: doc.annotations[a].label }),
            }
        }
    }
    for (sentence, s) in out.iter_mut().zip(&spans) {
        sentence.tags = iob::encode(s, sentence.tokens.len(), scheme);
    }
    out
}

/// `tokens` with each one cut where a span of `doc` starts or ends inside
/// it. The pieces keep the token's kind; the first keeps its line start.
fn cut_at_spans(tokens: Vec<Token>, doc: &Document) -> Vec<Token> {
    // Spans are sorted and never overlap, so their edges come in order.
    let edges: Vec<usize> = doc.annotations.iter().flat_map(|a| [a.span.start, a.span.end]).collect();
    if edges.is_empty() {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len() + edges.len());
    let mut next = 0; // the first edge that may still fall inside a token
    for tok in tokens {
        while next < edges.len() && edges[next] <= tok.span.start {
            next += 1;
        }
        let mut from = tok.span.start;
        while next < edges.len() && edges[next] < tok.span.end {
            let cut = edges[next];
            if cut > from && doc.text.is_char_boundary(cut) {
                out.push(Token { span: Span::new(from, cut), line_start: tok.line_start && from == tok.span.start, ..tok });
                from = cut;
            }
            next += 1;
        }
        out.push(Token { span: Span::new(from, tok.span.end), line_start: tok.line_start && from == tok.span.start, ..tok });
    }
    out
}

/// For each token, the annotation (index) it is tagged with: the one it
/// overlaps (tokens are cut at span edges, so a token is in one span at
/// most).
fn span_of_each(doc: &Document, tokens: &[Token]) -> Vec<Option<usize>> {
    let anns = &doc.annotations;
    let mut next = 0; // the first annotation that may still overlap a token
    tokens
        .iter()
        .map(|tok| {
            while next < anns.len() && anns[next].span.end <= tok.span.start {
                next += 1;
            }
            anns.get(next).filter(|a| a.span.overlaps(&tok.span)).map(|_| next)
        })
        .collect()
}

/// True when a sentence ends between token `i - 1` and token `i`.
fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let glued = |k: usize| k > 0 && tokens[k].span.start == tokens[k - 1].span.end;
    if glued(i) {
        return false;
    }
    let mut k = i - 1;
    while k > 0 && glued(k) && is_closer(tokens[k].text(text)) {
        k -= 1;
    }
    is_terminal(tokens[k].text(text))
}

fn is_terminal(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_closer(tok: &str) -> bool {
    matches!(tok, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

// ---- Reading token formats back (CoNLL here; CoNLL-U and Hugging Face
// JSONL build the same `TokenDocument`s). ----

/// A token read from a file: its span in the rebuilt text, its tag, and
/// where the file has it (for errors).
#[derive(Clone, Debug)]
pub(crate) struct ReadToken<'t> {
    pub span: Span,
    pub tag: &'t str,
    /// `line 12`, `line 3: token 5`.
    pub at: Where,
}

/// Where a token is in its file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Where {
    /// 1-based.
    pub line: usize,
    /// 1-based, for files with several tokens on a line.
    pub token: Option<usize>,
}

impl std::fmt::Display for Where {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.token {
            Some(t) => write!(f, "line {}: token {t}", self.line),
            None => write!(f, "line {}", self.line),
        }
    }
}

/// A document read from a token format, before its tags are read.
#[derive(Clone, Debug, Default)]
pub(crate) struct TokenDocument<'t> {
    pub id: String,
    pub text: String,
    pub sentences: Vec<Vec<ReadToken<'t>>>,
    pub article_date: Option<chrono::NaiveDate>,
}

/// The documents with their spans, read from the tags in one scheme for
/// the whole file (the user's, or found from every tag of the file), labels
/// through the user's mapping. An error names the document and the line.
pub(crate) fn documents(docs: Vec<TokenDocument>, options: &ImportOptions) -> Result<Vec<NamedDocument>> {
    let found = {
        let flat: Vec<(&str, &[ReadToken])> =
            docs.iter().flat_map(|d| d.sentences.iter().map(move |s| (d.id.as_str(), s.as_slice()))).collect();
        let tags: Vec<Vec<&str>> = flat.iter().map(|(_, s)| s.iter().map(|t| t.tag).collect()).collect();
        iob::detect(&tags, |s, t| format!("document {:?}: {}", flat[s].0, flat[s].1[t].at))?
    };
    let scheme = options.scheme.unwrap_or(found);
    let hint = if options.scheme.is_some_and(|s| s != found) {
        format!(" (the tags look like {}: read them as that)", found.name().to_uppercase())
    } else {
        String::new()
    };
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let in_doc = |e: Error| e.context(format!("document {:?}", d.id));
        let mut raw = Vec::new();
        for sentence in &d.sentences {
            let tags: Vec<&str> = sentence.iter().map(|t| t.tag).collect();
            let spans = iob::decode(&tags, scheme, |t| sentence[t].at.to_string())
                .map_err(|e| Error::new(e.kind(), format!("{}{hint}", e.message())))
                .map_err(in_doc)?;
            for s in spans {
                let at = sentence[s.start].at;
                let label = check::label_named(s.label, &options.labels()).map_err(|e| in_doc(e.context(at)))?;
                let span = sentence[s.start].span.cover(&sentence[s.end - 1].span);
                raw.push(RawSpan {
                    item: check::Item::new("span", raw.len() + 1),
                    start: span.start,
                    end: span.end,
                    label,
                    text: None,
                    value: None,
                    source: Source::User,
                });
            }
        }
        let annotations = check::annotations(&d.text, raw, OffsetUnit::Byte).map_err(in_doc)?;
        let doc = Document { text: d.text, article_date: d.article_date, article_date_source: None, annotations };
        out.push(NamedDocument::new(d.id, doc));
    }
    Ok(out)
}

/// Reads a CoNLL file (see the module's doc).
pub(crate) fn import(content: &str, options: &ImportOptions) -> Result<Vec<NamedDocument>> {
    let mut docs: Vec<TokenDocument> = Vec::new();
    let mut sentence: Vec<ReadToken> = Vec::new();
    let new_doc = |docs: &mut Vec<TokenDocument>| docs.push(TokenDocument { id: format!("doc-{}", docs.len() + 1), ..Default::default() });
    fn end_sentence<'t>(docs: &mut [TokenDocument<'t>], sentence: &mut Vec<ReadToken<'t>>) {
        if let (false, Some(doc)) = (sentence.is_empty(), docs.last_mut()) {
            doc.sentences.push(std::mem::take(sentence));
        }
    }
    for (i, line) in content.lines().enumerate() {
        let at = Where { line: i + 1, token: None };
        lone_carriage_return(line, at)?;
        if line.trim().is_empty() {
            end_sentence(&mut docs, &mut sentence);
            continue;
        }
        let columns: Vec<&str> = if line.contains('\t') { line.split('\t').collect() } else { line.split_whitespace().collect() };
        if columns[0] == "-DOCSTART-" {
            end_sentence(&mut docs, &mut sentence);
            new_doc(&mut docs);
            continue;
        }
        let shape = |msg: String| Error::new(ErrorKind::InvalidJson, format!("{at}: {msg}"));
        if columns.len() < 2 {
            return Err(shape(format!(
                "{} column where a token and its tag (token<TAB>B-PERSON) were expected: {:?}",
                columns.len(),
                cut(line)
            )));
        }
        let (token, tag) = (columns[0], columns[columns.len() - 1].trim());
        if token.is_empty() {
            return Err(shape("the token is empty".to_owned()));
        }
        if docs.is_empty() {
            new_doc(&mut docs);
        }
        let doc = docs.last_mut().expect("a document is open");
        if !sentence.is_empty() {
            doc.text.push(' ');
        } else if !doc.sentences.is_empty() {
            doc.text.push('\n');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        sentence.push(ReadToken { span: Span::new(start, doc.text.len()), tag, at });
    }
    end_sentence(&mut docs, &mut sentence);
    if docs.is_empty() {
        return Err(Error::new(ErrorKind::InvalidJson, "no token in the file (lines of token<TAB>tag were expected)"));
    }
    documents(docs, options)
}

/// An error for a carriage return inside a line (`lines` takes `\n` and
/// `\r\n` as line ends): old Mac files end lines with `\r` alone, and read
/// as one line their tokens would be lost.
pub(crate) fn lone_carriage_return(line: &str, at: Where) -> Result<()> {
    if line.contains('\r') {
        return Err(Error::new(
            ErrorKind::InvalidJson,
            format!("{at}: a carriage return (\\r) inside the line: lines must end with \\n or \\r\\n"),
        ));
    }
    Ok(())
}

/// The start of a long line, for messages.
fn cut(line: &str) -> String {
    match line.char_indices().nth(60) {
        Some((i, _)) => format!("{}...", &line[..i]),
        None => line.to_owned(),
    }
}
