//! Token tags in the four schemes CoNLL-style files use ([`TagScheme`]):
//! written from spans over tokens, read back into spans with the sequence
//! checked. CoNLL, CoNLL-U and Hugging Face JSONL share this, so a scheme
//! is spelled and checked in one place.
//!
//! A tag is `O` or a prefix, `-` and a label: `B-PERSON`. The prefixes:
//!
//! | scheme | first | inside | last | single |
//! |---|---|---|---|---|
//! | IOB1 | `I` (`B` only right after a span of the same label) | `I` | `I` | `I` (or `B`) |
//! | IOB2 | `B` | `I` | `I` | `B` |
//! | BILOU | `B` | `I` | `L` | `U` |
//! | IOBES | `B` | `I` | `E` | `S` |
//!
//! Reading is strict, as seqeval's strict mode is: an `I-` that continues
//! no span of its label in IOB2, a BILOU/IOBES span that is never closed,
//! a prefix the scheme does not have, are errors naming the token.

use super::options::TagScheme;
use crate::error::{Error, ErrorKind, Result};
use crate::label::Label;

/// A span over tokens: `start..end` token indices, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TokenSpan {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// A span read from tags: token indices and the label as the file spells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TaggedSpan<'t> {
    pub start: usize,
    pub end: usize,
    pub label: &'t str,
}

/// Where a span begins in a tag's prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prefix {
    B,
    I,
    /// BILOU's `L-`, IOBES's `E-`.
    Last,
    /// BILOU's `U-`, IOBES's `S-`.
    Single,
}

/// The tag names of a scheme, in the order their integer ids follow
/// (Hugging Face's `ClassLabel`): `O`, then for each label in
/// [`Label::ALL`] order its prefixes in the scheme's order (`B`, `I`, and
/// `L`, `U` or `E`, `S`).
///
/// Labels of the user's own follow, those in `extra` (in its order), so
/// that a file of built-in labels only has the same list as before they
/// existed and every line of one file has one list.
pub(crate) fn tag_names(scheme: TagScheme, extra: impl IntoIterator<Item = Label>) -> Vec<String> {
    let mut names = vec!["O".to_owned()];
    for label in Label::ALL.into_iter().chain(extra.into_iter().filter(|l| l.is_custom())) {
        for p in prefixes(scheme) {
            names.push(format!("{p}-{label}"));
        }
    }
    names
}

/// The prefixes a scheme writes, in [`tag_names`] order.
fn prefixes(scheme: TagScheme) -> &'static [char] {
    match scheme {
        TagScheme::Iob1 | TagScheme::Iob2 => &['B', 'I'],
        TagScheme::Bilou => &['B', 'I', 'L', 'U'],
        TagScheme::Iobes => &['B', 'I', 'E', 'S'],
    }
}

fn prefix_char(scheme: TagScheme, p: Prefix) -> char {
    match (scheme, p) {
        (_, Prefix::B) => 'B',
        (_, Prefix::I) => 'I',
        (TagScheme::Iobes, Prefix::Last) => 'E',
        (TagScheme::Iobes, Prefix::Single) => 'S',
        (_, Prefix::Last) => 'L',
        (_, Prefix::Single) => 'U',
    }
}

/// The tag of every one of `n` tokens, for `spans` sorted by start and not
/// overlapping.
pub(crate) fn encode(spans: &[TokenSpan], n: usize, scheme: TagScheme) -> Vec<String> {
    let mut tags = vec!["O".to_owned(); n];
    let mut previous: Option<TokenSpan> = None;
    for s in spans.iter().filter(|s| s.start < s.end && s.end <= n) {
        let single = s.end - s.start == 1;
        for (k, tag) in tags[s.start..s.end].iter_mut().enumerate() {
            let first = k == 0;
            let last = s.start + k + 1 == s.end;
            let p = match scheme {
                // IOB1 writes B- only where it must: a span right after one of its label.
                TagScheme::Iob1 => {
                    let after_same = previous.is_some_and(|p| p.end == s.start && p.label == s.label);
                    if first && after_same {
                        Prefix::B
                    } else {
                        Prefix::I
                    }
                }
                TagScheme::Iob2 => {
                    if first {
                        Prefix::B
                    } else {
                        Prefix::I
                    }
                }
                TagScheme::Bilou | TagScheme::Iobes => match (first, last) {
                    _ if single => Prefix::Single,
                    (true, _) => Prefix::B,
                    (_, true) => Prefix::Last,
                    _ => Prefix::I,
                },
            };
            *tag = format!("{}-{}", prefix_char(scheme, p), s.label);
        }
        previous = Some(*s);
    }
    tags
}

/// A tag split into its prefix letter and label; `None` for `O`.
fn split(tag: &str) -> Result<Option<(char, &str)>> {
    if tag == "O" {
        return Ok(None);
    }
    let mut chars = tag.chars();
    match (chars.next(), chars.next()) {
        (Some(p @ ('B' | 'I' | 'L' | 'U' | 'E' | 'S')), Some('-')) if tag.len() > 2 => Ok(Some((p, &tag[2..]))),
        _ => Err(Error::new(
            ErrorKind::InvalidLabel,
            format!("tag {tag:?} is neither O nor a prefix (B-, I-, L-, U-, E-, S-) and a label, as B-PERSON"),
        )),
    }
}

/// The scheme `sentences` of tags are written in: BILOU if any tag is `L-`
/// or `U-`, IOBES if any is `E-` or `S-`, IOB1 if an `I-` starts a span
/// (after `O`, at a sentence's start, or after another label), else IOB2.
/// A malformed tag is an error naming it; so is a file that mixes BILOU's
/// and IOBES's prefixes. `name(s, t)` names token `t` of sentence `s`.
pub(crate) fn detect<'t, S>(sentences: &[S], name: impl Fn(usize, usize) -> String) -> Result<TagScheme>
where
    S: AsRef<[&'t str]>,
{
    let (mut bilou, mut iobes, mut iob1) = (None, None, false);
    for (si, sentence) in sentences.iter().enumerate() {
        let mut previous: Option<&str> = None;
        for (ti, tag) in sentence.as_ref().iter().enumerate() {
            let parts = split(tag).map_err(|e| e.context(name(si, ti)))?;
            match parts {
                Some(('L' | 'U', _)) => bilou = bilou.or(Some((si, ti))),
                Some(('E' | 'S', _)) => iobes = iobes.or(Some((si, ti))),
                Some(('I', label)) if previous != Some(label) => iob1 = true,
                _ => {}
            }
            previous = parts.map(|(_, l)| l);
        }
    }
    let at = |(s, t): (usize, usize)| format!("{} ({:?})", name(s, t), sentences[s].as_ref()[t]);
    match (bilou, iobes) {
        (Some(b), Some(e)) => Err(Error::new(
            ErrorKind::InvalidLabel,
            format!("the tags mix BILOU's L-/U- ({}) and IOBES's E-/S- ({}): choose one scheme", at(b), at(e)),
        )),
        (Some(_), None) => Ok(TagScheme::Bilou),
        (None, Some(_)) => Ok(TagScheme::Iobes),
        (None, None) if iob1 => Ok(TagScheme::Iob1),
        (None, None) => Ok(TagScheme::Iob2),
    }
}

/// The spans one sentence's `tags` spell in `scheme`, checked strictly.
/// `name(t)` names token `t` in errors (`line 12`).
pub(crate) fn decode<'t>(tags: &[&'t str], scheme: TagScheme, name: impl Fn(usize) -> String) -> Result<Vec<TaggedSpan<'t>>> {
    let mut spans = Vec::new();
    // The span being read: its first token and label.
    let mut open: Option<(usize, &'t str)> = None;
    let scheme_name = scheme.name().to_uppercase();
    let bad = |t: usize, why: String| Error::new(ErrorKind::InvalidLabel, format!("{}: tag {:?} {why}", name(t), tags[t]));
    for (t, &tag) in tags.iter().enumerate() {
        let parts = split(tag).map_err(|e| e.context(name(t)))?;
        let Some((letter, label)) = parts else {
            if let (Some((start, l)), TagScheme::Bilou | TagScheme::Iobes) = (open, scheme) {
                return Err(unclosed(&name, start, l, tags, scheme));
            }
            if let Some((start, l)) = open.take() {
                spans.push(TaggedSpan { start, end: t, label: l });
            }
            continue;
        };
        let p = match (letter, scheme) {
            ('B', _) => Prefix::B,
            ('I', _) => Prefix::I,
            ('L', TagScheme::Bilou) | ('E', TagScheme::Iobes) => Prefix::Last,
            ('U', TagScheme::Bilou) | ('S', TagScheme::Iobes) => Prefix::Single,
            _ => {
                let has = prefixes(scheme).iter().map(|c| format!("{c}-")).collect::<Vec<_>>().join(", ");
                return Err(bad(t, format!("is not a tag of {scheme_name}, whose prefixes are {has}")));
            }
        };
        let continues = open.is_some_and(|(_, l)| l == label);
        match (scheme, p) {
            (TagScheme::Iob1 | TagScheme::Iob2, Prefix::B) | (TagScheme::Iob1, Prefix::I) if !(p == Prefix::I && continues) => {
                if let Some((start, l)) = open.take() {
                    spans.push(TaggedSpan { start, end: t, label: l });
                }
                open = Some((t, label));
            }
            (TagScheme::Iob1 | TagScheme::Iob2, Prefix::I) => {
                if !continues {
                    let after = if t == 0 { "at the start of a sentence".to_owned() } else { format!("after {:?}", tags[t - 1]) };
                    return Err(bad(t, format!("{after}: an IOB2 span starts with B- (tags where I- starts a span are IOB1)")));
                }
            }
            (_, Prefix::B | Prefix::Single) => {
                if let Some((start, l)) = open {
                    return Err(unclosed(&name, start, l, tags, scheme));
                }
                if p == Prefix::Single {
                    spans.push(TaggedSpan { start: t, end: t + 1, label });
                } else {
                    open = Some((t, label));
                }
            }
            (_, Prefix::I | Prefix::Last) => {
                if !continues {
                    let after = if t == 0 { "at the start of a sentence".to_owned() } else { format!("after {:?}", tags[t - 1]) };
                    let first = format!("{}-{label}", prefix_char(scheme, Prefix::B));
                    return Err(bad(t, format!("{after}: in {scheme_name} a span starts with {first}")));
                }
                if p == Prefix::Last {
                    let (start, l) = open.take().expect("continues an open span");
                    spans.push(TaggedSpan { start, end: t + 1, label: l });
                }
            }
        }
    }
    match (open, scheme) {
        (Some((start, l)), TagScheme::Bilou | TagScheme::Iobes) => Err(unclosed(&name, start, l, tags, scheme)),
        (Some((start, l)), _) => {
            spans.push(TaggedSpan { start, end: tags.len(), label: l });
            Ok(spans)
        }
        (None, _) => Ok(spans),
    }
}

/// The error for a BILOU or IOBES span opened at token `start` and not
/// closed by its last tag.
fn unclosed(name: &impl Fn(usize) -> String, start: usize, label: &str, tags: &[&str], scheme: TagScheme) -> Error {
    let (last, single) = (prefix_char(scheme, Prefix::Last), prefix_char(scheme, Prefix::Single));
    Error::new(
        ErrorKind::InvalidLabel,
        format!(
            "{}: the span opened by {:?} is never closed: in {} it ends with {last}-{label} ({single}- for one token)",
            name(start),
            tags[start],
            scheme.name().to_uppercase()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(tags: &[&str], scheme: TagScheme) -> Result<Vec<(usize, usize, String)>> {
        Ok(decode(tags, scheme, |t| format!("token {}", t + 1))?.into_iter().map(|s| (s.start, s.end, s.label.to_owned())).collect())
    }

    #[test]
    fn every_scheme_reads_back_what_it_writes() {
        let want = [
            TokenSpan { start: 0, end: 2, label: Label::Person },
            TokenSpan { start: 2, end: 3, label: Label::Person },
            TokenSpan { start: 4, end: 7, label: Label::Org },
            TokenSpan { start: 7, end: 8, label: Label::Loc },
        ];
        for scheme in TagScheme::ALL {
            let tags = encode(&want, 9, scheme);
            let refs: Vec<&str> = tags.iter().map(String::as_str).collect();
            assert_eq!(detect(&[refs.as_slice()], |_, _| String::new()).unwrap(), scheme, "{tags:?}");
            let got = spans(&refs, scheme).unwrap();
            let want: Vec<_> = want.iter().map(|s| (s.start, s.end, s.label.to_string())).collect();
            assert_eq!(got, want, "{scheme}: {tags:?}");
        }
        let iob1 = encode(&want, 9, TagScheme::Iob1);
        assert_eq!(iob1[..4], ["I-PERSON", "I-PERSON", "B-PERSON", "O"]);
    }

    #[test]
    fn invalid_sequences_name_the_token() {
        let err = spans(&["O", "I-PER"], TagScheme::Iob2).unwrap_err();
        assert_eq!(err.message(), "token 2: tag \"I-PER\" after \"O\": an IOB2 span starts with B- (tags where I- starts a span are IOB1)");
        let err = spans(&["B-PER", "I-PER", "O"], TagScheme::Bilou).unwrap_err();
        assert!(err.message().starts_with("token 1: the span opened by \"B-PER\" is never closed"), "{err}");
        let err = spans(&["X-PER"], TagScheme::Iob2).unwrap_err();
        assert!(err.message().starts_with("token 1: tag \"X-PER\" is neither O nor a prefix"), "{err}");
        let err = spans(&["E-PER"], TagScheme::Iob2).unwrap_err();
        assert!(err.message().contains("is not a tag of IOB2"), "{err}");
        let err = spans(&["B-PER", "I-ORG"], TagScheme::Iobes).unwrap_err();
        assert!(err.message().contains("in IOBES a span starts with B-ORG"), "{err}");
        let mixed = ["U-PER", "S-ORG"];
        assert!(detect(&[mixed.as_slice()], |s, t| format!("{s}:{t}")).unwrap_err().message().contains("mix"));
        // IOB1 reads I- after O as a new span, and B- as a span right after one of its label.
        assert_eq!(spans(&["O", "I-PER", "B-PER", "I-ORG"], TagScheme::Iob1).unwrap().len(), 3);
    }
}
