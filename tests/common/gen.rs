//! Generators for the fuzz harness (`tests/fuzz.rs`) and the property
//! tests (`tests/properties.rs`): hostile text, random documents, random
//! hand edits and random mutations of a file. Included with `#[path]` so
//! that the other tests' `common` module is unchanged.
#![allow(dead_code)]

use newsmark::{Annotation, Document, Label, Source, Span, Value};
use proptest::prelude::*;

/// Pieces of news text that wake every recognizer, mixed with hard Unicode.
pub const PIECES: &[&str] = &[
    "US$",
    "455",
    "million",
    "more than",
    "nearly",
    "$",
    "20.5",
    "billion",
    "%",
    "percent",
    "12.5",
    "Aug.",
    "9",
    "August",
    "Tuesday",
    "May",
    "2022-08-10",
    "08/09/2022",
    "3 p.m.",
    "15:30",
    "yesterday",
    "last week",
    "80 years",
    "one day",
    "two",
    "twenty-one",
    "second",
    "2nd",
    "5th",
    "km",
    "tons",
    "Jung",
    "Pak",
    "Lee Tae-woo",
    "U.S.",
    "Department of",
    "Treasury",
    "the",
    "Lazarus Group",
    "North Korean",
    "Sino-U.S.",
    "Mr.",
    "Dr.",
    "WASHINGTON,",
    "(Yonhap)",
    "--",
    "date",
    "said",
    "By",
    ".",
    ",",
    "'s",
    "’s",
    "\"",
    "“",
    "”",
    "(",
    ")",
    "\n",
    "\n\n",
    " ",
    "😀",
    "👍🏽",
    "🇰🇷",
    "東京",
    "서울",
    "e\u{301}",
    "\u{200d}",
    "\u{feff}",
    "\t",
    "\u{b}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "bdk@yna.co.kr",
    "https://x.com/a.",
    "Blender.io",
    "₩",
    "€",
    "£",
    "HK$",
    "ß",
    "İ",
    "ﬁ",
    "999999999999999999999",
    "1e308",
    "-",
];

/// Words and separators of news text: pieces joined by spaces, nothing or
/// line breaks.
pub fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PIECES), prop::sample::select(&[" ", "", "\n", " ", " "][..])), 0..60)
        .prop_map(|parts| parts.into_iter().map(|(p, sep)| format!("{p}{sep}")).collect())
}

/// A byline paragraph: `By Jung Pak` then a line of news.
fn byline() -> impl Strategy<Value = String> {
    (prop::sample::select(&["Jung Pak", "Lee Tae-woo", "Kim", "the Associated Press", "李明", ""][..]), newsy())
        .prop_map(|(name, rest)| format!("By {name}\n{rest}\n"))
}

/// One stretch of hostile text.
fn chunk() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => newsy(),
        1 => any::<String>(),
        1 => "[\u{4e00}-\u{9fff}\u{3040}-\u{30ff}\u{ac00}-\u{d7a3}]{0,300}",
        1 => "[😀👍🏽🇰🇷\u{200d}\u{fe0f}\u{1f3fb}-\u{1f3ff}]{0,100}",
        1 => "([a-zA-Z0-9][\u{300}-\u{36f}]{0,6}){0,40}",
        1 => "[\u{0}-\u{1f}\u{7f}-\u{9f}\u{feff}\u{2028}\u{2029} a]{0,60}",
        1 => "[(\\-.,!?\"'$%/:;\\[\\]{}]{0,400}",
        1 => "[0-9.,$%]{0,200}",
        1 => byline(),
        1 => "[ -~\n]{0,200}",
    ]
}

/// Any text: several hostile stretches one after another.
pub fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(chunk(), 0..5).prop_map(|parts| parts.concat())
}

/// `i`, an arbitrary byte offset, moved down to a char boundary of `text`
/// (within it).
pub fn snap(text: &str, i: usize) -> usize {
    let mut i = i % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A span between two arbitrary byte offsets snapped to char boundaries.
pub fn snapped_span(text: &str, a: usize, b: usize) -> Span {
    let (a, b) = (snap(text, a), snap(text, b));
    Span::new(a.min(b), a.max(b))
}

/// A random value of the kind `label` takes (none for names), or none.
pub fn value_of(label: Label, rng: u64) -> Option<Value> {
    if (rng >> 50).is_multiple_of(4) {
        return None;
    }
    let amount = ((rng >> 12) % 1_000_000) as f64 / 4.0;
    let qualifier = (rng >> 5).is_multiple_of(2).then(|| "about".to_owned());
    match label {
        Label::Percent | Label::Cardinal => Some(Value::Number(amount)),
        Label::Ordinal => Some(Value::Number(((rng >> 12) % 100 + 1) as f64)),
        Label::Money => Some(Value::Money { amount, currency: "KRW".into(), qualifier }),
        Label::Quantity => Some(Value::Quantity { amount, unit: "km".into(), qualifier }),
        Label::Date => Some(Value::Timex(format!("2022-{:02}", (rng >> 20) % 12 + 1))),
        Label::Time => Some(Value::Timex(format!("2022-08-09T{:02}:30", (rng >> 20) % 24))),
        _ => None,
    }
}

/// Hostile text and spans on its char boundaries that never overlap, with
/// labels, values and sources.
pub fn random_document() -> impl Strategy<Value = Document> {
    (hostile_text(), prop::collection::vec(any::<(usize, usize)>(), 0..10), any::<u64>()).prop_map(|(text, cuts, seed)| {
        let mut points: Vec<usize> = cuts.iter().flat_map(|&(a, b)| [snap(&text, a), snap(&text, b)]).collect();
        points.sort_unstable();
        points.dedup();
        let mut annotations = Vec::new();
        let mut rng = seed;
        for pair in points.chunks(2) {
            if let [s, e] = *pair {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let label = Label::ALL[(rng >> 33) as usize % Label::ALL.len()];
                let source = Source::ALL[(rng >> 40) as usize % 3];
                annotations.push(Annotation::new(Span::new(s, e), label, value_of(label, rng), source));
            }
        }
        Document { text, article_date: None, article_date_source: None, annotations }
    })
}

/// One hand edit, as the page makes them.
#[derive(Clone, Debug)]
pub enum EditOp {
    /// A span added between two byte offsets (snapped), with a label.
    Add(usize, usize, usize),
    /// The `n`th annotation (mod their number) relabeled.
    Relabel(usize, usize),
    /// The `n`th annotation deleted.
    Delete(usize),
    /// A span between two byte offsets (snapped) deleted.
    DeleteAt(usize, usize),
}

pub fn edit_ops() -> impl Strategy<Value = Vec<EditOp>> {
    let op = prop_oneof![
        3 => any::<(usize, usize, usize)>().prop_map(|(a, b, l)| EditOp::Add(a, b, l)),
        2 => any::<(usize, usize)>().prop_map(|(n, l)| EditOp::Relabel(n, l)),
        2 => any::<usize>().prop_map(EditOp::Delete),
        1 => any::<(usize, usize)>().prop_map(|(a, b)| EditOp::DeleteAt(a, b)),
    ];
    prop::collection::vec(op, 0..8)
}

/// The edits `ops` make on a text annotated with `annotations`.
pub fn apply_ops(text: &str, annotations: &[Annotation], ops: &[EditOp]) -> newsmark::Edits {
    let mut edits = newsmark::Edits::default();
    let label = |l: usize| Label::ALL[l % Label::ALL.len()];
    for op in ops {
        match *op {
            EditOp::Add(a, b, l) => {
                let span = snapped_span(text, a, b);
                if !span.is_empty() {
                    edits.added.push(Annotation::new(span, label(l), None, Source::User));
                }
            }
            EditOp::Relabel(n, l) if !annotations.is_empty() => {
                let a = &annotations[n % annotations.len()];
                edits.removed.push(a.span);
                edits.added.push(Annotation::new(a.span, label(l), None, Source::User));
            }
            EditOp::Delete(n) if !annotations.is_empty() => edits.removed.push(annotations[n % annotations.len()].span),
            EditOp::DeleteAt(a, b) => edits.removed.push(snapped_span(text, a, b)),
            _ => {}
        }
    }
    edits
}

/// One change to a file's bytes.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// The byte at an offset xor-ed with a mask.
    Flip(usize, u8),
    /// The file cut at an offset.
    Truncate(usize),
    /// A character inserted at an offset (snapped to a char boundary when the file is UTF-8).
    Insert(usize, char),
    /// A line repeated.
    DuplicateLine(usize),
    /// A line removed.
    DropLine(usize),
    /// Bytes removed from an offset.
    Delete(usize, usize),
}

/// Characters that matter to the parsers.
const INSERTED: &[char] = &[
    '"', '{', '}', '[', ']', ',', ':', '\\', '0', '9', '-', '.', 'e', '\n', '\t', ' ', 'T', '#', '😀', 'é', '\u{301}', '\u{0}', '\u{feff}',
    '\u{7f}',
];

pub fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let m = prop_oneof![
        3 => any::<(usize, u8)>().prop_map(|(i, x)| Mutation::Flip(i, x | 1)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        3 => (any::<usize>(), prop::sample::select(INSERTED)).prop_map(|(i, c)| Mutation::Insert(i, c)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => any::<usize>().prop_map(Mutation::DropLine),
        1 => (any::<usize>(), 1usize..8).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ];
    prop::collection::vec(m, 1..4)
}

/// `bytes` with `mutations` applied in order.
pub fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |i: usize, len: usize| i % (len + 1);
        match *m {
            Mutation::Flip(i, x) if !bytes.is_empty() => {
                let i = i % bytes.len();
                bytes[i] ^= x;
            }
            Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len())),
            Mutation::Insert(i, c) => {
                let mut i = at(i, bytes.len());
                if let Ok(s) = std::str::from_utf8(&bytes) {
                    i = snap(s, i);
                }
                let mut buf = [0u8; 4];
                bytes.splice(i..i, c.encode_utf8(&mut buf).bytes());
            }
            Mutation::DuplicateLine(n) | Mutation::DropLine(n) => {
                let mut lines: Vec<Vec<u8>> = bytes.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                if !lines.is_empty() {
                    let n = n % lines.len();
                    if matches!(m, Mutation::DuplicateLine(_)) {
                        let line = lines[n].clone();
                        lines.insert(n, line);
                    } else {
                        lines.remove(n);
                    }
                    bytes = lines.concat();
                }
            }
            Mutation::Delete(i, n) => {
                let i = at(i, bytes.len());
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            _ => {}
        }
    }
    bytes
}
