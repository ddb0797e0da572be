//! CoNLL-U (Universal Dependencies' format): ten tab-separated columns a
//! token, the entity tag in MISC (`NER=B-PERSON`, in the scheme chosen, as
//! CoNLL's tags), syntax columns left `_`.
//!
//! Columns are separated by tabs (shown here as two spaces):
//!
//! ```text
//! # newdoc id = a1
//! # article_date = 2022-08-09
//! # sent_id = a1-1
//! # text = Jung Pak paid $5.
//! 1  Jung  _  _  _  _  _  _  _  NER=B-PERSON
//! 2  Pak  _  _  _  _  _  _  _  NER=I-PERSON
//! 3  paid  _  _  _  _  _  _  _  NER=O
//! 4  $  _  _  _  _  _  _  _  NER=B-MONEY|SpaceAfter=No
//! 5  5  _  _  _  _  _  _  _  NER=I-MONEY|SpaceAfter=No
//! 6  .  _  _  _  _  _  _  _  NER=O|SpacesAfter=\n
//! ```
//!
//! Tokens and sentences are CoNLL's ([`conll::sentences`]). The text's
//! spacing is kept as UDPipe keeps it: `SpaceAfter=No` where no space
//! follows a token, `SpacesAfter=` where the whitespace is not one space
//! (escaped: `\s` space, `\t`, `\r`, `\n`, `\\`, `\|`, and `\uXXXX` for
//! other line-breaking characters), `SpacesBefore=` on a document's first
//! token, and `Form=` with the exact form of a token holding a control
//! character (DEL, C1), which FORM writes as `_`; so the text comes back
//! exactly (but for a text of nothing but whitespace, which has no token
//! to carry it), and spans do where they fall on token edges. `# text` is
//! the sentence's text with line breaks as spaces and other control
//! characters as `_`. Values and sources are not written (CoNLL-U has no
//! place for them); the article date is, in a comment of newsmark's own.
//!
//! **Import.** `# newdoc` starts a document (named by its `id`), the text
//! is rebuilt from the tokens and their spacing (one space where MISC says
//! nothing), and checked against each `# text` (whitespace runs compared as
//! one space): a difference is an error naming the line. A token without
//! `NER=` is `O`. Multiword tokens (`3-4`) are read as their surface form,
//! with their first word's tag; empty nodes (`3.1`) are skipped.

use super::conll::{self, ReadToken, TokenDocument, Where};
use super::options::{ImportOptions, TagScheme};
use super::NamedDocument;
use crate::error::{Error, ErrorKind, Result};
use crate::span::Span;

pub(crate) fn export(docs: &[NamedDocument], scheme: TagScheme) -> String {
    let mut out = String::new();
    for d in docs {
        let text = d.doc.text.as_str();
        out.push_str(&format!("# newdoc id = {}\n", one_line(&d.id)));
        if let Some(date) = d.doc.article_date {
            out.push_str(&format!("# article_date = {}\n", crate::date::format_ymd(date)));
        }
        let sentences = conll::sentences(&d.doc, scheme);
        for (n, sentence) in sentences.iter().enumerate() {
            let (Some(first), Some(last)) = (sentence.tokens.first(), sentence.tokens.last()) else { continue };
            out.push_str(&format!("# sent_id = {}-{}\n", one_line(&d.id), n + 1));
            out.push_str(&format!("# text = {}\n", one_line(first.cover(last).text(text))));
            for (k, (tok, tag)) in sentence.tokens.iter().zip(&sentence.tags).enumerate() {
                let mut misc = format!("NER={tag}");
                if n == 0 && k == 0 && tok.start > 0 {
                    misc.push_str(&format!("|SpacesBefore={}", escape(&text[..tok.start])));
                }
                let next = sentence.tokens.get(k + 1).or_else(|| sentences.get(n + 1).and_then(|s| s.tokens.first()));
                let after = &text[tok.end..next.map_or(text.len(), |s| s.start)];
                // One space is what a reader assumes between tokens, nothing after the last.
                match (after, next.is_some()) {
                    (" ", true) | ("", false) => {}
                    ("", true) => misc.push_str("|SpaceAfter=No"),
                    (ws, _) => misc.push_str(&format!("|SpacesAfter={}", escape(ws))),
                }
                // A control character (DEL, C1) written raw makes the file look binary to many
                // readers: FORM gets `_` in its place, MISC the exact form, escaped.
                let form = tok.text(text);
                if form.contains(|c: char| c.is_control()) {
                    misc.push_str(&format!("|Form={}", escape(form)));
                }
                let form: String = form.chars().map(|c| if c.is_control() { '_' } else { c }).collect();
                out.push_str(&format!("{}\t{form}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n", k + 1));
            }
            out.push('\n');
        }
    }
    out
}

/// True for the characters a line-based reader may take for a line break.
fn breaks_lines(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `s` on one line, for comments and ids: line-breaking characters as
/// spaces, other control characters as `_` (as FORM writes them).
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if breaks_lines(c) {
                ' '
            } else if c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Whitespace as UDPipe's `SpacesAfter` writes it.
fn escape(ws: &str) -> String {
    let mut out = String::new();
    for c in ws.chars() {
        match c {
            ' ' => out.push_str("\\s"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            c if breaks_lines(c) || c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`escape`]; `None` for a malformed escape.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            's' => out.push(' '),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'n' => out.push('\n'),
            '\\' => out.push('\\'),
            '|' => out.push('|'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).filter(|_| hex.len() == 4)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// One token of the file, before the text is built.
struct Line<'t> {
    form: String,
    tag: &'t str,
    /// The whitespace before (first token of a document) and after it;
    /// `None`: not said.
    before: Option<String>,
    after: Option<String>,
    at: Where,
}

/// A sentence as the file has it.
#[derive(Default)]
struct RawSentence<'t> {
    tokens: Vec<Line<'t>>,
    /// `# text`, and its line.
    text: Option<(&'t str, usize)>,
}

#[derive(Default)]
struct RawDoc<'t> {
    id: Option<String>,
    article_date: Option<chrono::NaiveDate>,
    sentences: Vec<RawSentence<'t>>,
}

/// Reads a CoNLL-U file (see the module's doc).
pub(crate) fn import(content: &str, options: &ImportOptions) -> Result<Vec<NamedDocument>> {
    let mut docs: Vec<RawDoc> = Vec::new();
    let mut sentence = RawSentence::default();
    // The last line of the multiword token being read: its words are not tokens of the text.
    let mut inside_multiword: Option<usize> = None;
    fn flush<'t>(docs: &mut Vec<RawDoc<'t>>, sentence: &mut RawSentence<'t>) {
        if !sentence.tokens.is_empty() || sentence.text.is_some() {
            if docs.is_empty() {
                docs.push(RawDoc::default());
            }
            docs.last_mut().expect("pushed").sentences.push(std::mem::take(sentence));
        }
    }
    for (i, line) in content.lines().enumerate() {
        let at = Where { line: i + 1, token: None };
        let shape = |msg: String| Error::new(ErrorKind::InvalidJson, format!("{at}: {msg}"));
        conll::lone_carriage_return(line, at)?;
        if line.trim().is_empty() {
            flush(&mut docs, &mut sentence);
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let (key, value) = comment.split_once('=').map_or((comment.trim(), ""), |(k, v)| (k.trim(), v.strip_prefix(' ').unwrap_or(v)));
            match key {
                "newdoc" | "newdoc id" => {
                    flush(&mut docs, &mut sentence);
                    let id = value.trim();
                    docs.push(RawDoc { id: (!id.is_empty()).then(|| id.to_owned()), ..RawDoc::default() });
                }
                "text" => sentence.text = Some((value, i + 1)),
                "article_date" => {
                    let date = crate::date::parse_ymd(value.trim())
                        .map_err(|e| Error::new(ErrorKind::InvalidDate, format!("{at}: article_date {value:?}: {e}")))?;
                    if docs.is_empty() {
                        docs.push(RawDoc::default());
                    }
                    docs.last_mut().expect("pushed").article_date = Some(date);
                }
                _ => {}
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() != 10 {
            return Err(shape(format!(
                "{} columns where CoNLL-U has 10 (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC)",
                columns.len()
            )));
        }
        let (id, form, misc) = (columns[0], columns[1], columns[9]);
        let word = |s: &str| s.parse::<usize>().ok().filter(|&n| n > 0);
        let range = id.split_once('-').and_then(|(a, b)| Some((word(a)?, word(b)?)));
        if id.contains('.') && id.split_once('.').is_some_and(|(a, b)| a.parse::<usize>().is_ok() && b.parse::<usize>().is_ok()) {
            continue; // an empty node: no surface token
        }
        let n = match (word(id), range) {
            (Some(n), _) => n,
            (None, Some((a, b))) if a <= b => a,
            _ => return Err(shape(format!("the ID {id:?} is not a word number (1, 2, ...), a range (3-4) or an empty node (3.1)"))),
        };
        let mut fields = Misc::default();
        if misc != "_" {
            for item in misc.split('|') {
                let (k, v) = item.split_once('=').unwrap_or((item, ""));
                let bad_escape = || shape(format!("MISC {k}={v:?} has a malformed escape (\\s, \\t, \\r, \\n, \\\\, \\|, \\uXXXX)"));
                match k {
                    "NER" => fields.tag = Some(v),
                    "SpaceAfter" if v == "No" => fields.after = Some(String::new()),
                    "SpacesAfter" => fields.after = Some(unescape(v).ok_or_else(bad_escape)?),
                    "SpacesBefore" => fields.before = Some(unescape(v).ok_or_else(bad_escape)?),
                    "Form" => fields.form = Some(unescape(v).ok_or_else(bad_escape)?),
                    _ => {}
                }
            }
        }
        if let Some(last) = inside_multiword {
            if n <= last {
                // A word of the multiword token: the token takes the first word's tag.
                let token = sentence.tokens.last_mut().expect("the multiword token was read");
                if token.tag.is_empty() {
                    token.tag = fields.tag.unwrap_or("O");
                }
                continue;
            }
            inside_multiword = None;
        }
        if form.is_empty() {
            return Err(shape("the FORM is empty".to_owned()));
        }
        if let Some((_, b)) = range {
            inside_multiword = Some(b);
        }
        // A multiword token's tag is its first word's, read on the next line.
        let tag = if range.is_some() { fields.tag.unwrap_or("") } else { fields.tag.unwrap_or("O") };
        let form = fields.form.unwrap_or_else(|| form.to_owned());
        sentence.tokens.push(Line { form, tag, before: fields.before, after: fields.after, at });
    }
    flush(&mut docs, &mut sentence);
    if docs.is_empty() {
        return Err(Error::new(ErrorKind::InvalidJson, "no token in the file (CoNLL-U lines of 10 tab-separated columns were expected)"));
    }
    let read: Vec<TokenDocument> = docs.into_iter().enumerate().map(|(i, d)| build(d, i + 1)).collect::<Result<_>>()?;
    conll::documents(read, options)
}

#[derive(Default)]
struct Misc<'t> {
    tag: Option<&'t str>,
    /// The exact form, when FORM could not hold it.
    form: Option<String>,
    before: Option<String>,
    after: Option<String>,
}

/// The text of a document from its tokens and their spacing, checked
/// against each sentence's `# text`.
fn build(d: RawDoc<'_>, n: usize) -> Result<TokenDocument<'_>> {
    let id = d.id.unwrap_or_else(|| format!("doc-{n}"));
    let mut text = String::new();
    let mut sentences = Vec::with_capacity(d.sentences.len());
    // The whitespace after the last token, and whether the file says it.
    let mut pending: Option<(String, bool)> = None;
    for s in d.sentences {
        let mut tokens = Vec::with_capacity(s.tokens.len());
        for t in s.tokens {
            match pending.take() {
                Some((ws, _)) => text.push_str(&ws),
                None => text.push_str(t.before.as_deref().unwrap_or("")),
            }
            let start = text.len();
            text.push_str(&t.form);
            tokens.push(ReadToken { span: Span::new(start, text.len()), tag: if t.tag.is_empty() { "O" } else { t.tag }, at: t.at });
            let said = t.after.is_some();
            pending = Some((t.after.unwrap_or_else(|| " ".to_owned()), said));
        }
        if let Some((claimed, line)) = s.text {
            let rebuilt = tokens.first().map_or("", |t: &ReadToken| &text[t.span.start..]);
            let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            if squash(claimed) != squash(&one_line(rebuilt)) {
                return Err(Error::new(
                    ErrorKind::InvalidOffset,
                    format!("document {id:?}: line {line}: # text = {claimed:?}, but the tokens and their SpaceAfter give {rebuilt:?}"),
                ));
            }
        }
        if !tokens.is_empty() {
            sentences.push(tokens);
        }
    }
    // Whitespace after the last token is text only when the file says so.
    if let Some((ws, true)) = pending {
        text.push_str(&ws);
    }
    Ok(TokenDocument { id, text, sentences, article_date: d.article_date })
}
