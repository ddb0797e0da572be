//! CoNLL IOB2: one token a line, `token<TAB>tag`, tags `B-PERSON`,
//! `I-PERSON`, `O`; a blank line between sentences and `-DOCSTART-` before
//! each document, as in CoNLL-2003.
//!
//! Tokens come from [`tokenize`](crate::tokenize::tokenize). A token is
//! tagged with the span it overlaps: `B-` for the first token of the span,
//! `I-` for the rest. Lossy, so export only: the text's spacing is lost, and
//! a span that starts or ends inside a token grows to the token's edges.
//!
//! Sentences end after `.`, `!`, `?` or `…` (and any closing quote or
//! bracket glued to it) when whitespace follows, and at every line break;
//! never inside a span.

use super::NamedDocument;
use crate::document::Document;
use crate::tokenize::{tokenize, Token};

pub(crate) fn export(docs: &[NamedDocument]) -> String {
    let mut out = String::new();
    for d in docs {
        out.push_str("-DOCSTART-\tO\n\n");
        write_document(&d.doc, &mut out);
    }
    out
}

fn write_document(doc: &Document, out: &mut String) {
    let text = doc.text.as_str();
    let tokens = tokenize(text);
    let tags = tags(doc, &tokens);
    for (i, tok) in tokens.iter().enumerate() {
        let continues_span = tags[i].starts_with("I-");
        if i > 0 && !continues_span && (tok.line_start || ends_sentence(text, &tokens, i)) {
            out.push('\n');
        }
        for c in tok.text(text).chars() {
            // A token never holds whitespace; be safe for the line format.
            out.push(if c.is_whitespace() || c.is_control() { '_' } else { c });
        }
        out.push('\t');
        out.push_str(&tags[i]);
        out.push('\n');
    }
    if !tokens.is_empty() {
        out.push('\n');
    }
}

/// The IOB2 tag of every token.
fn tags(doc: &Document, tokens: &[Token]) -> Vec<String> {
    let mut tags = Vec::with_capacity(tokens.len());
    let anns = &doc.annotations;
    let mut next = 0; // the first annotation that may still overlap a token
    let mut last_tagged: Option<usize> = None;
    for tok in tokens {
        while next < anns.len() && anns[next].span.end <= tok.span.start {
            next += 1;
        }
        match anns.get(next) {
            Some(a) if a.span.overlaps(&tok.span) => {
                let prefix = if last_tagged == Some(next) { "I" } else { "B" };
                tags.push(format!("{prefix}-{}", a.label));
                last_tagged = Some(next);
            }
            _ => tags.push("O".to_owned()),
        }
    }
    tags
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
