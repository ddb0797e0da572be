//! spaCy's DocBin (`.spacy`): what `spacy train` reads and
//! `DocBin().from_bytes` loads, written and read here without Python.
//!
//! The file is zlib-compressed MessagePack (`spacy/tokens/_serialize.py`):
//! a map of `version` (`"0.1"`), `attrs` (the token attribute ids of the
//! columns: ORTH first, then ENT_IOB and ENT_TYPE), `tokens` (a uint64
//! array, row-major, one row a token, little-endian), `spaces` (one byte a
//! token: 1 when a space follows it), `lengths` (int32, tokens per
//! document), `strings` (every string the hashes stand for), `cats`,
//! `flags`, `span_groups` and `user_data`. Strings are stored as the id
//! spaCy's `StringStore` gives them: a fixed small number for spaCy's own
//! symbols (`ORG` is 383), else its 64-bit hash ([`spacy_hash`]).
//!
//! **Tokens.** spaCy needs entities on token boundaries and a text that is
//! its tokens each followed by one space or none. The tokens are the
//! core's ([`tokenize`]), split again wherever a span starts or ends inside
//! one; a single space after a token is its trailing space, and any other
//! whitespace (a second space, a tab, a line break, CRLF) is a token of its
//! own, as spaCy's tokenizer makes it. So `Doc.text` is the text exactly,
//! and `Doc.char_span(start, end)` (code points) of every span is an
//! entity. Tokens outside a span are tagged `O` (not "missing"), so
//! training learns from them.
//!
//! **What else is kept.** A DocBin has no place for document ids, article
//! dates, span sources or values; they go into each document's user data
//! (`doc.user_data["newsmark"]`, a JSON string with the newsmark JSON
//! fields but the text), which spaCy carries along and ignores. An import
//! takes the spans from the tokens' entity tags, the truth a spaCy user
//! edits, and their sources and values from the user data where a span of
//! the same offsets and label is found there; other entities are the
//! user's.

use super::check::{self, Item, RawSpan};
use super::json::{self, DocumentRecord};
use super::msgpack::{self, Value as Msg, Writer};
use super::options::{ImportOptions, Read};
use super::NamedDocument;
use crate::document::{Document, Source};
use crate::error::{Error, ErrorKind, Result};
use crate::hash::spacy_hash;
use crate::label::Label;
use crate::span::{OffsetUnit, Span};
use crate::tokenize::tokenize;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

#[path = "spacy_symbols.rs"]
mod symbols;
use symbols::SYMBOLS;

/// The id spaCy's `StringStore` gives `s`: its index among spaCy's symbols
/// ([`SYMBOLS`]: labels such as `ORG`, tag names, the empty string), else
/// its hash ([`spacy_hash`]).
fn string_id(s: &str) -> u64 {
    static IDS: OnceLock<HashMap<&'static str, u64>> = OnceLock::new();
    let ids = IDS.get_or_init(|| SYMBOLS.iter().enumerate().map(|(i, &s)| (s, i as u64)).collect());
    ids.get(s).copied().unwrap_or_else(|| spacy_hash(s))
}

/// spaCy's attribute ids (`spacy/attrs.pxd`), for the columns written and
/// read, and the names of others a spaCy-made file may hold.
const ORTH: u64 = 65;
const ENT_IOB: u64 = 77;
const ENT_TYPE: u64 = 78;
const KNOWN_ATTRS: [(u64, &str); 12] = [
    (67, "NORM"),
    (73, "LEMMA"),
    (74, "POS"),
    (75, "TAG"),
    (76, "DEP"),
    (79, "HEAD"),
    (80, "SENT_START"),
    (83, "LANG"),
    (452, "ENT_KB_ID"),
    (453, "MORPH"),
    (454, "ENT_ID"),
    (455, "IDX"),
];

/// ENT_IOB values: spaCy's `0` missing, `1` I, `2` O, `3` B.
const IOB_MISSING: u64 = 0;
const IOB_I: u64 = 1;
const IOB_O: u64 = 2;
const IOB_B: u64 = 3;

/// The key of newsmark's facts in `doc.user_data`.
const USER_DATA_KEY: &str = "newsmark";

/// The largest DocBin read, decompressed (a guard against a zip bomb).
const MAX_DECOMPRESSED: usize = 1 << 30;

/// A spaCy token: its bytes in the text, and whether one space follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SpacyToken {
    pub span: Span,
    pub space: bool,
}

/// The tokens spaCy gets for `doc`: the core's tokens, cut at every span
/// boundary, and the whitespace between them as trailing spaces or tokens
/// of their own (see the module doc). Their texts and spaces give back
/// the text exactly.
pub(crate) fn spacy_tokens(doc: &Document) -> Vec<SpacyToken> {
    let text = &doc.text;
    let mut starts = vec![false; text.len() + 1];
    let mut ends = vec![false; text.len() + 1];
    for a in &doc.annotations {
        starts[a.span.start] = true;
        ends[a.span.end] = true;
    }
    // Cut points: token boundaries and span boundaries. A piece between two
    // cuts is inside a core token or a gap between tokens.
    let core = tokenize(text);
    let mut cuts: Vec<(usize, bool)> = Vec::with_capacity(core.len() * 2 + doc.annotations.len() * 2 + 2);
    let mut pos = 0;
    for t in &core {
        if t.span.start > pos {
            cuts.push((pos, false)); // a gap starts
        }
        cuts.push((t.span.start, true));
        pos = t.span.end;
    }
    if pos < text.len() {
        cuts.push((pos, false));
    }
    let mut pieces: Vec<(Span, bool)> = Vec::with_capacity(cuts.len() + doc.annotations.len() * 2);
    for (i, &(start, in_token)) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).map_or(text.len(), |c| c.0);
        let mut from = start;
        for b in start + 1..end {
            if (starts[b] || ends[b]) && text.is_char_boundary(b) {
                pieces.push((Span::new(from, b), in_token));
                from = b;
            }
        }
        pieces.push((Span::new(from, end), in_token));
    }
    let mut out: Vec<SpacyToken> = Vec::with_capacity(pieces.len());
    for (span, in_token) in pieces {
        let mut span = span;
        if !in_token && text[span.range()].starts_with(' ') {
            // One space after a token is its trailing space, unless a span
            // must start on it or end right after it.
            if let Some(prev) = out.last_mut().filter(|p| p.span.end == span.start && !p.space) {
                if !starts[span.start] && !ends[span.start + 1] {
                    prev.space = true;
                    span = Span::new(span.start + 1, span.end);
                }
            }
        }
        if !span.is_empty() {
            out.push(SpacyToken { span, space: false });
        }
    }
    out
}

pub(crate) fn export(docs: &[NamedDocument]) -> Vec<u8> {
    let mut strings: BTreeSet<String> = BTreeSet::new();
    strings.insert(String::new());
    let mut tokens: Vec<u8> = Vec::new();
    let mut spaces: Vec<u8> = Vec::new();
    let mut lengths: Vec<u8> = Vec::new();
    let mut user_data: Vec<Vec<u8>> = Vec::with_capacity(docs.len());
    for d in docs {
        let doc = &d.doc;
        let toks = spacy_tokens(doc);
        let mut spans = doc.annotations.iter().peekable();
        for t in &toks {
            while spans.peek().is_some_and(|a| a.span.end <= t.span.start) {
                spans.next();
            }
            let (iob, label) = match spans.peek() {
                Some(a) if a.span.start <= t.span.start && t.span.end <= a.span.end => {
                    (if a.span.start == t.span.start { IOB_B } else { IOB_I }, string_id(a.label.as_str()))
                }
                _ => (IOB_O, 0),
            };
            let orth = &doc.text[t.span.range()];
            strings.insert(orth.to_owned());
            for v in [string_id(orth), iob, label] {
                tokens.extend(v.to_le_bytes());
            }
            spaces.push(t.space as u8);
        }
        for a in &doc.annotations {
            strings.insert(a.label.as_str().to_owned());
        }
        lengths.extend((toks.len() as i32).to_le_bytes());
        let mut w = Writer::default();
        w.map(1);
        w.str(USER_DATA_KEY);
        w.str(&facts_json(d));
        user_data.push(w.out);
    }
    let mut w = Writer::default();
    w.map(10);
    w.str("version");
    w.str("0.1");
    w.str("attrs");
    w.array(3);
    for a in [ORTH, ENT_IOB, ENT_TYPE] {
        w.uint(a);
    }
    w.str("tokens");
    w.bin(&tokens);
    w.str("spaces");
    w.bin(&spaces);
    w.str("lengths");
    w.bin(&lengths);
    w.str("strings");
    w.array(strings.len());
    for s in &strings {
        w.str(s);
    }
    w.str("cats");
    w.array(docs.len());
    for _ in docs {
        w.map(0);
    }
    w.str("flags");
    w.array(docs.len());
    for _ in docs {
        w.map(1);
        w.str("has_unknown_spaces");
        w.bool(false);
    }
    w.str("span_groups");
    w.array(docs.len());
    for _ in docs {
        w.bin(&EMPTY_SPAN_GROUPS);
    }
    w.str("user_data");
    w.array(docs.len());
    for u in &user_data {
        w.bin(u);
    }
    miniz_oxide::deflate::compress_to_vec_zlib(&w.out, 6)
}

/// What spaCy writes for a document without span groups: an empty
/// MessagePack list (`SpanGroups._EMPTY_BYTES`).
const EMPTY_SPAN_GROUPS: [u8; 1] = [0x90];

/// newsmark's facts about a document that a DocBin has no place for, as
/// newsmark JSON without the text: id, article date, spans with their
/// values and sources.
fn facts_json(d: &NamedDocument) -> String {
    let mut record = serde_json::to_value(DocumentRecord::from_document(&d.doc, Some(d.id.clone()))).unwrap_or_default();
    if let Some(o) = record.as_object_mut() {
        o.remove("text");
        for s in o.get_mut("spans").and_then(|s| s.as_array_mut()).into_iter().flatten() {
            if let Some(s) = s.as_object_mut() {
                s.remove("text");
            }
        }
    }
    json::to_json(&record, false)
}

/// True when `bytes` look like a DocBin: a `.spacy` file, or a zlib stream
/// (RFC 1950's header as every zlib writes it: `0x78`, then a byte that
/// makes the pair divide by 31) whose start is not UTF-8 text, as
/// compressed data never is (`x^`, `x ` and `x}` start texts too).
pub(crate) fn looks_like(bytes: &[u8], file_name: &str) -> bool {
    let zlib = bytes.len() >= 2 && bytes[0] == 0x78 && (bytes[0] as u16 * 256 + bytes[1] as u16).is_multiple_of(31);
    // A character cut at the end of the prefix is still text: only a byte
    // that can never be UTF-8 there counts.
    let not_text = || std::str::from_utf8(&bytes[..bytes.len().min(64)]).is_err_and(|e| e.error_len().is_some());
    file_name.to_lowercase().ends_with(".spacy") || (zlib && not_text())
}

fn bad(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidJson, msg.into())
}

/// Reads a DocBin. Errors name the document (`document 3`) and the field.
pub(crate) fn import(bytes: &[u8], options: &ImportOptions) -> Result<Read> {
    if bytes.is_empty() {
        return Err(bad("the file is empty"));
    }
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(bytes, MAX_DECOMPRESSED)
        .map_err(|e| bad(format!("not a DocBin: the file is not zlib-compressed data that ends whole ({:?})", e.status)))?;
    let msg = msgpack::read(&raw)?;
    if !matches!(msg, Msg::Map(_)) {
        return Err(bad(format!("not a DocBin: the data is {} where a map was expected", msg.kind())));
    }
    let field = |key: &str| msg.get(key).ok_or_else(|| bad(format!("not a DocBin: no \"{key}\"")));
    let attrs: Vec<u64> = match field("attrs")? {
        Msg::Array(a) => a
            .iter()
            .map(|v| match v {
                Msg::Int(n) => u64::try_from(*n).map_err(|_| bad(format!("\"attrs\" holds {n}, not an attribute id"))),
                v => Err(bad(format!("\"attrs\" holds {} where an attribute id was expected", v.kind()))),
            })
            .collect::<Result<_>>()?,
        v => return Err(bad(format!("\"attrs\" is {} where a list was expected", v.kind()))),
    };
    let col = |id: u64| attrs.iter().position(|&a| a == id);
    let orth = col(ORTH).ok_or_else(|| bad("\"attrs\" has no ORTH (65): the file holds no token texts"))?;
    let (iob_col, type_col) = (col(ENT_IOB), col(ENT_TYPE));
    let bin = |key: &str| match field(key)? {
        Msg::Bin(b) => Ok(b.as_slice()),
        v => Err(bad(format!("\"{key}\" is {} where bytes were expected", v.kind()))),
    };
    let (tokens, spaces, lengths) = (bin("tokens")?, bin("spaces")?, bin("lengths")?);
    let width = attrs.len() * 8;
    if width == 0 || tokens.len() % width != 0 {
        return Err(bad(format!("\"tokens\" holds {} bytes, not whole rows of {} attributes", tokens.len(), attrs.len())));
    }
    let rows = tokens.len() / width;
    if lengths.len() % 4 != 0 {
        return Err(bad(format!("\"lengths\" holds {} bytes, not whole 32-bit numbers", lengths.len())));
    }
    let lengths: Vec<i32> = lengths.chunks_exact(4).map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    let total: i64 = lengths.iter().map(|&n| n as i64).sum();
    if lengths.iter().any(|&n| n < 0) || total != rows as i64 {
        return Err(bad(format!("\"lengths\" add up to {total} tokens but \"tokens\" holds {rows}")));
    }
    if spaces.len() != rows {
        return Err(bad(format!("\"spaces\" holds {} entries for {rows} tokens", spaces.len())));
    }
    let mut strings: HashMap<u64, &str> = SYMBOLS.iter().enumerate().map(|(i, &s)| (i as u64, s)).collect();
    match field("strings")? {
        Msg::Array(items) => {
            for s in items {
                match s {
                    Msg::Str(s) => strings.insert(string_id(s), s.as_str()),
                    v => return Err(bad(format!("\"strings\" holds {} where a string was expected", v.kind()))),
                };
            }
        }
        v => return Err(bad(format!("\"strings\" is {} where a list was expected", v.kind()))),
    }
    let per_doc = |key: &str| -> Result<Option<&[Msg]>> {
        match msg.get(key) {
            None | Some(Msg::Nil) => Ok(None),
            Some(Msg::Array(a)) if a.len() == lengths.len() => Ok(Some(a.as_slice())),
            Some(Msg::Array(a)) => Err(bad(format!("\"{key}\" has {} entries for {} documents", a.len(), lengths.len()))),
            Some(v) => Err(bad(format!("\"{key}\" is {} where a list was expected", v.kind()))),
        }
    };
    let (cats, flags, groups, user) = (per_doc("cats")?, per_doc("flags")?, per_doc("span_groups")?, per_doc("user_data")?);
    let value = |row: usize, c: usize| {
        let at = (row * attrs.len() + c) * 8;
        u64::from_le_bytes(tokens[at..at + 8].try_into().unwrap_or_default())
    };
    let mut read = Read::default();
    let mut unread_attrs: BTreeSet<&str> = BTreeSet::new();
    let mut row = 0;
    for (i, &n) in lengths.iter().enumerate() {
        let what = format!("document {}", i + 1);
        let in_doc = |e: Error| e.context(&what);
        let n = n as usize;
        let unknown_spaces = flags.is_some_and(|f| matches!(f[i].get("has_unknown_spaces"), Some(Msg::Bool(true))));
        let mut text = String::new();
        let mut spans: Vec<RawSpan> = Vec::new();
        // The entity being read: its start byte and label hash; it ends
        // where the last token inside it ends (before any trailing space).
        let mut open: Option<(usize, u64)> = None;
        let mut prev_end = 0;
        let close = |open: &mut Option<(usize, u64)>, end: usize, spans: &mut Vec<RawSpan>| -> Result<()> {
            if let Some((start, hash)) = open.take() {
                let name = strings.get(&hash).ok_or_else(|| bad(format!("an entity's ENT_TYPE hash {hash} is not in \"strings\"")))?;
                let item = Item::new("entity", spans.len() + 1);
                let label = check::label_named(name, &options.labels()).map_err(|e| e.context(format!("{item}")))?;
                spans.push(RawSpan { item, start, end, label, text: None, value: None, source: Source::User });
            }
            Ok(())
        };
        for r in row..row + n {
            let token = || format!("token {}", r - row + 1);
            let t = value(r, orth);
            let word = strings.get(&t).ok_or_else(|| in_doc(bad(format!("{}: its ORTH hash {t} is not in \"strings\"", token()))))?;
            let start = text.len();
            text.push_str(word);
            let (iob, label) = (iob_col.map_or(IOB_MISSING, |c| value(r, c)), type_col.map_or(0, |c| value(r, c)));
            let begins = match iob {
                IOB_B => true,
                IOB_I => open.is_none_or(|(_, l)| l != label),
                IOB_O | IOB_MISSING => {
                    close(&mut open, prev_end, &mut spans).map_err(in_doc)?;
                    false
                }
                other => return Err(in_doc(bad(format!("{}: ENT_IOB is {other}, not 0-3", token())))),
            };
            if begins {
                if label == 0 {
                    return Err(in_doc(bad(format!("{}: an entity tag without a label (ENT_TYPE 0)", token()))));
                }
                close(&mut open, prev_end, &mut spans).map_err(in_doc)?;
                open = Some((start, label));
            }
            prev_end = text.len();
            if spaces.get(r).is_some_and(|&s| s != 0) || unknown_spaces {
                text.push(' ');
            }
            for (c, &a) in attrs.iter().enumerate() {
                if a != ORTH && a != ENT_IOB && a != ENT_TYPE && value(r, c) != 0 {
                    unread_attrs.insert(KNOWN_ATTRS.iter().find(|k| k.0 == a).map_or("other attributes", |k| k.1));
                }
            }
        }
        close(&mut open, prev_end, &mut spans).map_err(in_doc)?;
        row += n;
        let mut annotations = check::annotations(&text, spans, OffsetUnit::Byte).map_err(in_doc)?;
        let mut id = format!("doc-{}", i + 1);
        let mut doc_date = (None, None);
        if let Some(u) = user.map(|u| &u[i]) {
            if let Some(facts) = user_facts(u, &text).map_err(in_doc)? {
                if let Some(fid) = facts.0 {
                    id = fid;
                }
                doc_date = (facts.1.article_date, facts.1.article_date_source);
                let known: HashMap<(Span, Label), &crate::document::Annotation> =
                    facts.1.annotations.iter().map(|f| ((f.span, f.label), f)).collect();
                for a in &mut annotations {
                    if let Some(f) = known.get(&(a.span, a.label)) {
                        a.source = f.source;
                        a.value = f.value.clone();
                    }
                }
            }
        }
        // Facts a DocBin may hold that newsmark has no place for.
        let mut unread = Vec::new();
        if let Some(Msg::Map(c)) = cats.map(|c| &c[i]) {
            if !c.is_empty() {
                unread.push(format!("\"cats\" ({} categories)", c.len()));
            }
        }
        match groups.map(|g| &g[i]) {
            None | Some(Msg::Nil) => {}
            Some(Msg::Bin(b)) if b.is_empty() || b[..] == EMPTY_SPAN_GROUPS => {}
            Some(_) => unread.push("\"span_groups\" (spans outside doc.ents)".to_owned()),
        }
        if !unread.is_empty() {
            let msg = format!("{what} ({id:?}): {} cannot be read into newsmark", unread.join(" and "));
            if !options.lenient {
                return Err(bad(format!("{msg}; import with the lenient option to read the entities only")));
            }
            read.skipped += unread.len();
            read.warnings.push(format!("{msg}: left out"));
        }
        read.docs.push(NamedDocument::new(id, Document { text, article_date: doc_date.0, article_date_source: doc_date.1, annotations }));
    }
    if !unread_attrs.is_empty() {
        read.warnings.push(format!(
            "token attributes newsmark does not keep were left out: {}",
            unread_attrs.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(read)
}

/// newsmark's facts from a document's user data: its id and a document
/// holding its date and its spans' values and sources (see `facts_json`).
/// `None` when the user data holds none of newsmark's.
fn user_facts(user: &Msg, text: &str) -> Result<Option<(Option<String>, Document)>> {
    let bytes = match user {
        Msg::Nil => return Ok(None),
        Msg::Bin(b) => b,
        v => return Err(bad(format!("\"user_data\" is {} where bytes were expected", v.kind()))),
    };
    let data = msgpack::read(bytes).map_err(|e| e.context("\"user_data\""))?;
    let Some(facts) = data.get(USER_DATA_KEY) else { return Ok(None) };
    let Msg::Str(facts) = facts else {
        return Err(bad(format!("\"user_data\": \"{USER_DATA_KEY}\" is {} where a JSON string was expected", facts.kind())));
    };
    let mut record = check::parse(facts, &format!("\"user_data\": \"{USER_DATA_KEY}\""))?;
    let Some(o) = record.as_object_mut() else {
        return Err(bad(format!("\"user_data\": \"{USER_DATA_KEY}\" is not a JSON object")));
    };
    o.insert("text".to_owned(), serde_json::Value::String(text.to_owned()));
    let (id, doc) = json::read_document(&record).map_err(|e| e.context(format!("\"user_data\": \"{USER_DATA_KEY}\"")))?;
    Ok(Some((id, doc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Annotation;

    fn doc(text: &str, marks: &[(&str, Label)]) -> Document {
        let annotations = marks
            .iter()
            .map(|(m, l)| {
                let s = text.find(m).unwrap();
                Annotation::new(Span::new(s, s + m.len()), *l, None, Source::User)
            })
            .collect();
        Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations }
    }

    fn words(d: &Document) -> Vec<(String, bool)> {
        spacy_tokens(d).iter().map(|t| (d.text[t.span.range()].to_owned(), t.space)).collect()
    }

    #[test]
    fn whitespace_other_than_one_space_is_a_token() {
        let d = doc("Acme  rose\r\n\tby 5%. ", &[]);
        let w = words(&d);
        let back: String = w.iter().map(|(t, s)| format!("{t}{}", if *s { " " } else { "" })).collect();
        assert_eq!(back, d.text);
        assert_eq!(w[0], ("Acme".into(), true));
        assert_eq!(w[1], (" ".into(), false));
        assert!(w.contains(&("\r\n\t".into(), false)), "{w:?}");
    }

    #[test]
    fn spans_inside_tokens_split_them() {
        let d = doc("the US-based firm", &[("US", Label::Loc)]);
        let w = words(&d);
        assert!(w.contains(&("US".into(), false)), "{w:?}");
        let toks = spacy_tokens(&d);
        let a = &d.annotations[0];
        assert!(toks.iter().any(|t| t.span.start == a.span.start));
        assert!(toks.iter().any(|t| t.span.end == a.span.end));
    }

    #[test]
    fn a_span_may_start_on_a_space() {
        let d = doc("a  b c", &[(" b", Label::Misc)]);
        let toks = spacy_tokens(&d);
        let a = &d.annotations[0];
        assert!(toks.iter().any(|t| t.span.start == a.span.start), "{:?}", words(&d));
        let back: String = words(&d).iter().map(|(t, s)| format!("{t}{}", if *s { " " } else { "" })).collect();
        assert_eq!(back, d.text);
    }
}
