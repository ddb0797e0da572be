//! A tokenizer for news text, with byte spans.
//!
//! It splits on whitespace and punctuation, but keeps together what news
//! writes as one unit: abbreviations and initials with their periods (`U.S.`,
//! `Aug.`, `Dr.`, `S.`), contractions inside a word (`Nat'l`), hyphenated
//! words (`Tae-woo`, `Sino-U.S.`), numbers with separators (`1,200.5`,
//! `2022-08-10`, `15:30`), ordinals and decades (`2nd`, `1990s`), currency
//! prefixes (`US$`, `HK$`), e-mail addresses, URLs, domain names
//! (`Blender.io`) and emoji sequences. Possessive `'s`/`’s` and `n't` are
//! split off, as CoNLL and the Penn Treebank do.
//!
//! Every token's span is a non-empty half-open byte range on char
//! boundaries; tokens are sorted and never overlap; only whitespace lies
//! between them.
//!
//! `cursor` (crate-internal) holds the helpers the recognizers read tokens
//! with.

pub(crate) mod cursor;

use crate::span::Span;
use crate::words;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (any script), possibly with internal hyphens, periods or
    /// apostrophes.
    Word,
    /// Starts with a digit: `7`, `1,200.5`, `2022-08-10`, `2nd`, `1990s`.
    Number,
    /// Punctuation: `.`, `,`, `"`, `(`, `--`, `...`, `'s` is a Word.
    Punct,
    /// Symbols: `$`, `US$`, `%`, `€`, `+`.
    Symbol,
    Url,
    Email,
    /// One emoji, with its modifiers and joiners.
    Emoji,
    /// A single ideograph or kana (CJK text has no spaces to split on).
    Cjk,
}

/// A token: its byte span, its kind and whether it starts a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// True for the first token of the text and of every line.
    pub line_start: bool,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.text(text)
    }
}

/// The number of tokens of a parenthesized kicker opening the line at token
/// `start`: `(LEAD)`, `(2nd LD)`, `(Yonhap Interview)`, a few words between
/// `(` and `)`. Wire services put these labels before headlines; they are
/// not part of the story, so names inside them are not propagated.
pub fn kicker_len(text: &str, tokens: &[Token], start: usize) -> Option<usize> {
    const MAX_TOKENS: usize = 8;
    let first = tokens.get(start)?;
    if !first.line_start || first.text(text) != "(" {
        return None;
    }
    tokens[start + 1..].iter().take(MAX_TOKENS - 1).take_while(|t| !t.line_start).position(|t| t.text(text) == ")").map(|i| i + 2)
}

/// Words that keep their trailing period (lower case), besides the short
/// forms of months and weekdays (`Aug.`, `Tues.`: [`is_abbreviation`] asks
/// the calendar's words for those). A `match`, not a list searched in
/// order: it is asked at every word before a period (each sentence's end),
/// twice, and comparing the list's strings one by one cost about 800
/// instructions a call.
#[rustfmt::skip]
fn is_listed_abbreviation(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs" | "ms" | "dr" | "prof" | "sen" | "rep" | "gov" | "gen" | "col" | "lt" | "sgt" | "capt" | "cmdr" | "adm" |
        "maj" | "rev" | "st" | "jr" | "sr" | "inc" | "corp" | "co" | "ltd" | "llc" | "plc" | "bros" | "dept" | "univ" | "assn" |
        "no" | "nos" | "vs" | "etc" | "approx" | "est" | "ave" | "blvd" | "rd" | "mt" | "ft" | "calif" | "fla" | "mass" |
        "conn" | "penn" | "wash" | "ariz" | "colo" | "ill" | "ind" | "kan" | "mich" | "minn" | "nev" | "okla" | "ore" | "tenn" |
        "tex" | "va" | "wis" | "ala" | "ark" | "del" | "ga" | "ky" | "la" | "md" | "miss" | "mo" | "mont" | "neb" | "vt" |
        "wyo" | "nat'l" | "int'l" | "gov't" | "govt" | "e.g" | "i.e" | "a.m" | "p.m" | "u.s" | "u.k" | "u.n" | "e.u" | "d.c" |
        "fig" | "vol" | "pp" | "op" | "ed" | "eds" | "excl" | "incl" | "mln" | "bln" | "pct" | "yr" | "yrs"
    )
}

fn is_abbreviation(word: &str) -> bool {
    // Lower-cased on the stack when ASCII (every word asked about but a
    // rare few): no allocation a period.
    let mut buf = [0u8; cursor::LOWER_MAX];
    match cursor::ascii_lower(word, &mut buf) {
        Some(lower) => is_lower_abbreviation(lower),
        None => is_lower_abbreviation(&word.to_lowercase()),
    }
}

fn is_lower_abbreviation(lower: &str) -> bool {
    is_listed_abbreviation(lower)
        || words::month_abbreviation(lower).is_some()
        || words::weekday_abbreviation(lower).is_some()
        || words::ambiguous_weekday_abbreviation(lower).is_some()
}

/// Combining marks continue the word they follow (`é` written as `e` + U+0301).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3134F) // extensions B..G
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

/// Parts of an emoji sequence after its first character.
fn is_emoji_continuation(c: char) -> bool {
    matches!(c as u32, 0x200D | 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

#[inline]
fn is_word_char(c: char) -> bool {
    // ASCII first: most characters of most text, and the Unicode tables
    // below answer the same for them.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    (c.is_alphanumeric() && !is_cjk(c)) || is_combining(c)
}

/// `s` starts with `prefix` (ASCII) in any ASCII case: what lower-casing a
/// copy and comparing said, without the copy (once a token).
fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `w` is one of `words` (ASCII, lower case) in any ASCII case.
fn is_one_of_ignore_ascii_case(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// The contractions split off the word before: `'s` `'re` `'ve` `'ll` `'d` `'m`.
const CONTRACTIONS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

const CURRENCY_PREFIXES: &[&str] = &["US", "HK", "A", "C", "NZ", "S", "NT", "R", "AU", "CA", "SG"];

/// Splits `text` into tokens. Never panics; any string tokenizes.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut line_start = true;
    let mut pos = 0;
    let bytes = text.as_bytes();
    // The whitespace-delimited chunk the current token starts in, found
    // once per chunk (not once per token: text without spaces, such as
    // Chinese, is one long chunk), and what the e-mail check learned of it.
    let mut chunk_end = 0;
    let mut email = EmailScan::default();
    while pos < text.len() {
        let c = char_at(text, pos);
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                line_start = true;
            }
            pos += c.len_utf8();
            continue;
        }
        if pos >= chunk_end {
            chunk_end = next_whitespace(text, pos);
            email = EmailScan::default();
        }
        let (end, kind) =
            if let Some(end) = url_or_email(text, pos, chunk_end, &mut email) { end } else { next_token(text, bytes, pos, chunk_end, c) };
        debug_assert!(end > pos && text.is_char_boundary(end));
        tokens.push(Token { span: Span::new(pos, end), kind, line_start });
        line_start = false;
        pos = end;
    }
    tokens
}

/// Where the first whitespace character at or after `pos` starts (the
/// text's length if none): what `find(char::is_whitespace)` says, read by
/// byte, decoding only the non-ASCII characters (a char search at each
/// chunk was a visible part of the tokenizer).
fn next_whitespace(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = pos;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() {
            // char::is_whitespace's ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
            if matches!(b, b'\t'..=b'\r' | b' ') {
                return at;
            }
            at += 1;
        } else {
            let c = char_at(text, at);
            if c.is_whitespace() {
                return at;
            }
            at += c.len_utf8();
        }
    }
    bytes.len()
}

// ASCII first in both (most bytes of most text): a byte is its char, with
// no slicing and no UTF-8 decoding, which were most of the tokenizer's
// instructions a character.
#[inline]
fn char_at(text: &str, pos: usize) -> char {
    match text.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => b as char,
        _ => text[pos..].chars().next().unwrap_or('\0'),
    }
}

#[inline]
fn peek(text: &str, pos: usize, end: usize) -> Option<char> {
    if pos < end {
        match text.as_bytes()[pos] {
            b if b.is_ascii() => Some(b as char),
            _ => text[pos..end].chars().next(),
        }
    } else {
        None
    }
}

/// Trailing punctuation that ends a sentence or clause, not a URL.
fn trim_trailing_punct(s: &str) -> usize {
    s.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '’', '”', '>']).len()
}

/// What the e-mail check found of one chunk, so that each token of a long
/// chunk costs it no rescan of the rest: the chunk's end without trailing
/// punctuation, its next `@` at or after the token, the last byte before
/// that `@` that cannot be in a local part, and whether the domain after it
/// is well formed. Filled as the tokens of the chunk come, in order.
#[derive(Default)]
struct EmailScan {
    /// Set once per chunk.
    trimmed_end: Option<usize>,
    /// The next `@` at or after the last token asked about (before
    /// `trimmed_end`), with what depends on it alone; `None`: none left.
    at: Option<Option<EmailAt>>,
}

#[derive(Clone, Copy)]
struct EmailAt {
    at: usize,
    /// One past the last byte in the chunk before `at` that no local part
    /// holds (0: none): a local part must start at or after it.
    local_from: usize,
    domain_ok: bool,
}

fn url_or_email(text: &str, pos: usize, chunk_end: usize, scan: &mut EmailScan) -> Option<(usize, TokenKind)> {
    let chunk = &text[pos..chunk_end];
    // At most the first 8 bytes (the longest prefix, `https://`), cut on a
    // character boundary: lower-casing the whole chunk for each of its
    // tokens was quadratic on text without spaces.
    let head = (0..=chunk.len().min(8)).rev().find(|&i| chunk.is_char_boundary(i)).map_or("", |i| &chunk[..i]);
    if starts_with_ignore_ascii_case(head, "http://")
        || starts_with_ignore_ascii_case(head, "https://")
        || starts_with_ignore_ascii_case(head, "www.")
    {
        let len = trim_trailing_punct(chunk);
        if len > 4 {
            return Some((pos + len, TokenKind::Url));
        }
    }
    // name@domain.tld, with the name starting here.
    if !chunk.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let trimmed_end = *scan.trimmed_end.get_or_insert_with(|| pos + trim_trailing_punct(chunk));
    // Trailing punctuation is trimmed from the token's end of the chunk, so
    // a token inside it sees an empty rest.
    let trimmed_end = trimmed_end.max(pos);
    let found = match scan.at {
        Some(Some(a)) if a.at >= pos => Some(a),
        Some(None) => None,
        _ => {
            // By byte (`@` is ASCII): chunks are short, and a char search's
            // set-up cost more than the search.
            let next = text.as_bytes()[pos..trimmed_end].iter().position(|&b| b == b'@').map(|i| {
                let at = pos + i;
                let local_from = text[pos..at]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| !(c.is_alphanumeric() || "._%+-".contains(c)))
                    .map_or(0, |(k, c)| pos + k + c.len_utf8());
                let domain = &text[at + 1..trimmed_end];
                // The character test first: it stops at the next `@`, so a
                // chunk of many is still read once.
                let domain_ok = domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && domain.contains('.');
                EmailAt { at, local_from, domain_ok }
            });
            scan.at = Some(next);
            next
        }
    };
    let a = found?;
    let local_ok = a.at > pos && pos >= a.local_from;
    (local_ok && a.domain_ok).then_some((trimmed_end, TokenKind::Email))
}

fn next_token(text: &str, bytes: &[u8], pos: usize, chunk_end: usize, c: char) -> (usize, TokenKind) {
    if c.is_ascii_digit() {
        return number(text, bytes, pos, chunk_end);
    }
    if is_word_char(c) {
        return word(text, pos, chunk_end);
    }
    if is_apostrophe(c) {
        // Possessive or contraction split off the word before: 's 'S 're 've 'll 'd 'm
        let rest = &text[pos + c.len_utf8()..chunk_end];
        let wlen = rest.find(|ch: char| !ch.is_alphabetic()).unwrap_or(rest.len());
        let w = &rest[..wlen];
        if is_one_of_ignore_ascii_case(w, CONTRACTIONS) && pos > 0 && !text[..pos].ends_with(char::is_whitespace) {
            return (pos + c.len_utf8() + wlen, TokenKind::Word);
        }
        return (pos + c.len_utf8(), TokenKind::Punct);
    }
    if is_cjk(c) {
        return (pos + c.len_utf8(), TokenKind::Cjk);
    }
    if is_emoji(c) || c as u32 == 0x200D {
        let mut end = pos + c.len_utf8();
        while let Some(n) = peek(text, end, chunk_end) {
            if is_emoji_continuation(n) {
                end += n.len_utf8();
                // A joiner glues the next emoji to this one.
                if n as u32 == 0x200D {
                    if let Some(m) = peek(text, end, chunk_end) {
                        if is_emoji(m) {
                            end += m.len_utf8();
                        }
                    }
                }
            } else if (0x1F1E6..=0x1F1FF).contains(&(c as u32)) && (0x1F1E6..=0x1F1FF).contains(&(n as u32)) && end == pos + 4 {
                end += n.len_utf8(); // a flag: two regional indicators
            } else {
                break;
            }
        }
        return (end, TokenKind::Emoji);
    }
    // Runs of the same punctuation that news uses as one mark.
    if c == '-' || c == '.' {
        let run = text[pos..chunk_end].bytes().take_while(|&b| b == c as u8).count();
        if run >= 2 {
            return (pos + run, TokenKind::Punct);
        }
    }
    let kind = if matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '₩'
            | '₹'
            | '¢'
            | '%'
            | '+'
            | '='
            | '<'
            | '>'
            | '^'
            | '~'
            | '|'
            | '©'
            | '®'
            | '°'
            | '‰'
            | '#'
            | '&'
            | '*'
            | '@'
            | '\\'
            | '/'
    ) || matches!(c as u32, 0x20A0..=0x20CF)
    {
        TokenKind::Symbol
    } else if c.is_ascii_punctuation() || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFF0F) || c.is_ascii() {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    };
    (pos + c.len_utf8(), kind)
}

/// A number: digits with internal `,` `.` `:` `/` `-` between digits, then
/// an ordinal suffix or a decade's `s`.
fn number(text: &str, bytes: &[u8], pos: usize, chunk_end: usize) -> (usize, TokenKind) {
    let mut end = pos;
    while end < chunk_end {
        let b = bytes[end];
        // A separator counts only with a digit after it: `1,200` but `5,`.
        let separator = matches!(b, b',' | b'.' | b':' | b'/' | b'-') && end + 1 < chunk_end && bytes[end + 1].is_ascii_digit();
        if b.is_ascii_digit() || separator {
            end += 1;
        } else {
            break;
        }
    }
    // Ordinal suffix or decade: 2nd, 21st, 1990s, 80s.
    let rest = &text[end..chunk_end];
    let alpha = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
    if is_one_of_ignore_ascii_case(&rest[..alpha], &["st", "nd", "rd", "th", "s"]) {
        end += alpha;
    }
    (end, TokenKind::Number)
}

/// A word: letters and digits, with internal hyphens, apostrophes (but not
/// a possessive), and periods when they make an abbreviation, initialism or
/// domain name.
fn word(text: &str, pos: usize, chunk_end: usize) -> (usize, TokenKind) {
    let mut end = pos;
    loop {
        // A run of word characters.
        while let Some(c) = peek(text, end, chunk_end) {
            if is_word_char(c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let Some(c) = peek(text, end, chunk_end) else { break };
        let after = end + c.len_utf8();
        let next = peek(text, after, chunk_end);
        let next_is_word = next.is_some_and(is_word_char);
        if is_hyphen(c) && next_is_word {
            end = after;
            continue;
        }
        if is_apostrophe(c) && next_is_word {
            // Split possessives and n't; keep other contractions (Nat'l, O'Brien).
            let rest = &text[after..chunk_end];
            let wlen = rest.find(|ch: char| !is_word_char(ch)).unwrap_or(rest.len());
            let tail = &rest[..wlen];
            if is_one_of_ignore_ascii_case(tail, CONTRACTIONS) {
                break;
            }
            if tail.eq_ignore_ascii_case("t")
                && text.as_bytes()[pos..end].last().is_some_and(|b| b.eq_ignore_ascii_case(&b'n'))
                && end - pos > 1
            {
                // don't -> do n't
                return (end - 1, TokenKind::Word);
            }
            end = after;
            continue;
        }
        if c == '.' {
            let word_so_far = &text[pos..end];
            let last_seg = word_so_far.rsplit(['.', '-']).next().unwrap_or(word_so_far);
            if next_is_word {
                // U.S, e.g, Blender.io, yna.co: keep the period inside.
                end = after;
                continue;
            }
            // A period ends the token: keep it for initials and abbreviations.
            let dotted = word_so_far.contains('.');
            let single_letter = last_seg.chars().count() == 1 && last_seg.chars().all(char::is_alphabetic);
            if dotted && last_seg.chars().count() <= 2 || single_letter || is_abbreviation(word_so_far) || is_abbreviation(last_seg) {
                end = after;
            }
            break;
        }
        if c == '$' && CURRENCY_PREFIXES.contains(&&text[pos..end]) {
            return (after, TokenKind::Symbol);
        }
        break;
    }
    (end, TokenKind::Word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn news_text() {
        assert_eq!(toks("WASHINGTON, Aug. 9 (Yonhap) --"), ["WASHINGTON", ",", "Aug.", "9", "(", "Yonhap", ")", "--"]);
        assert_eq!(toks("by the U.S."), ["by", "the", "U.S."]);
        assert_eq!(toks("Pyongyang's and Korea’s"), ["Pyongyang", "'s", "and", "Korea", "’s"]);
        assert_eq!(toks("Nat'l Lee Tae-woo Sino-U.S. tensions"), ["Nat'l", "Lee", "Tae-woo", "Sino-U.S.", "tensions"]);
        assert_eq!(toks("US$455 million, $7 and 12.5%"), ["US$", "455", "million", ",", "$", "7", "and", "12.5", "%"]);
        assert_eq!(toks("1,200.5 2nd 1990s 15:30"), ["1,200.5", "2nd", "1990s", "15:30"]);
        assert_eq!(toks("mail bdk@yna.co.kr or https://x.com/a?b=1."), ["mail", "bdk@yna.co.kr", "or", "https://x.com/a?b=1", "."]);
        assert_eq!(toks("Blender.io said. Dr. Kim"), ["Blender.io", "said", ".", "Dr.", "Kim"]);
        assert_eq!(toks("don't “quote”"), ["do", "n't", "“", "quote", "”"]);
        assert_eq!(toks("東京 👍🏽 ok"), ["東", "京", "👍🏽", "ok"]);
    }

    #[test]
    fn next_whitespace_is_the_char_search() {
        for text in ["", "abc", "a b", "a\tb", "x\u{a0}y", "東京\u{3000}都", "é\u{2028}", "\u{85}", "ab\u{200b}c d", "a\x0bb", "a\x1cb"]
        {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let want = text[pos..].find(char::is_whitespace).map_or(text.len(), |i| pos + i);
                assert_eq!(next_whitespace(text, pos), want, "{text:?} at {pos}");
            }
        }
    }

    #[test]
    fn line_starts() {
        let text = "a b\nc";
        let t = tokenize(text);
        assert_eq!(t.iter().map(|t| t.line_start).collect::<Vec<_>>(), [true, false, true]);
    }
}
