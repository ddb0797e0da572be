//! A cursor over the tokens of a text: the token helpers every rule-based
//! recognizer reads tokens with, written once.
//!
//! The amounts scanner ([`crate::amount`]), the number phrase reader
//! ([`crate::amount::scan_number`]), the qualifier lookup and the dates
//! scanner ([`crate::date`]) all ask the same questions of token `i`: its
//! text, its kind, its text lower-cased (without allocating), whether it is
//! one of a few words, whether it touches the next token. A [`Cursor`]
//! answers them for any index, past the end included:
//!
//! | helper | `"US$455 million"` (tokens `US$`, `455`, `million`) |
//! |---|---|
//! | [`Cursor::raw`]`(1)` | `"455"` (panics past the end) |
//! | [`Cursor::text_at`]`(3)` | `""` (past the end) |
//! | [`Cursor::lower`]`(2, buf)` | `Some("million")`; `None` for non-ASCII or over 24 bytes |
//! | [`Cursor::is_word`]`(2, &["million", "bn"])` | `true` |
//! | [`Cursor::glued`]`(0, 1)` | `true` (no space between `US$` and `455`) |
//!
//! Scanners wrap it to add what only their family needs (the dates scanner
//! stops every look-ahead at the end of a line, the amounts scanner trims a
//! sentence's period off a span).

use super::{Token, TokenKind};

/// The longest word [`ascii_lower`] copies: longer than any word a
/// recognizer looks for.
pub(crate) const LOWER_MAX: usize = 24;

/// Copies an ASCII word, lower-cased, into `buf`; `None` when the word is not
/// ASCII or longer than the buffer (no word the recognizers look for is).
#[inline]
pub(crate) fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; LOWER_MAX]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (dst, &b) in buf.iter_mut().zip(bytes) {
        *dst = b.to_ascii_lowercase();
    }
    let lower = &buf[..bytes.len()];
    // SAFETY: `word` is ASCII, and an ASCII byte lower-cased is an ASCII
    // byte: `lower` is valid UTF-8. (Checking it again, as `from_utf8`
    // does, was 2.7% of the whole pipeline's instructions: the
    // recognizers lower-case a word at nearly every token.)
    debug_assert!(lower.is_ascii());
    Some(unsafe { std::str::from_utf8_unchecked(lower) })
}

/// The tokens of a text, with the text they index into.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor<'t> {
    pub(crate) text: &'t str,
    pub(crate) tokens: &'t [Token],
}

impl<'t> Cursor<'t> {
    #[inline]
    pub(crate) fn new(text: &'t str, tokens: &'t [Token]) -> Cursor<'t> {
        Cursor { text, tokens }
    }

    /// Token `i`, if there is one.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&'t Token> {
        self.tokens.get(i)
    }

    /// The text of token `i`; panics when there is no token `i` (callers
    /// that may look past the end use [`Cursor::text_at`]).
    #[inline]
    pub(crate) fn raw(&self, i: usize) -> &'t str {
        self.tokens[i].text(self.text)
    }

    /// The text of token `i`, or `""` past the end.
    #[inline]
    pub(crate) fn text_at(&self, i: usize) -> &'t str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// True when there is a token `i` and it is of `kind`.
    #[inline]
    pub(crate) fn is_kind(&self, i: usize, kind: TokenKind) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == kind)
    }

    /// Token `i` lower-cased into `buf`, if ASCII and short (every word we
    /// look for is).
    #[inline]
    pub(crate) fn lower<'b>(&self, i: usize, buf: &'b mut [u8; LOWER_MAX]) -> Option<&'b str> {
        self.tokens.get(i).and_then(|t| ascii_lower(t.text(self.text), buf))
    }

    /// True when token `i` lower-cases to one of `words` (of any kind: `'s`
    /// and `%` are words here too). `words` are lowercase; a token that
    /// [`Cursor::lower`] would not copy (not ASCII, longer than
    /// [`LOWER_MAX`]) is none of them.
    #[inline]
    pub(crate) fn is_word(&self, i: usize, words: &[&str]) -> bool {
        debug_assert!(words.iter().all(|w| !w.bytes().any(|b| b.is_ascii_uppercase())), "{words:?}");
        // Compared in place rather than copied lower-case: the same answer
        // without the copy, on the recognizers' hottest path. A word of the
        // list that `lower` could never give (not ASCII, like `’s`, or too
        // long) matches nothing; that is checked after a match, which is
        // rare, and makes the token ASCII and short too.
        let Some(t) = self.tokens.get(i) else { return false };
        let w = t.text(self.text);
        words.iter().any(|x| w.eq_ignore_ascii_case(x) && x.len() <= LOWER_MAX && x.is_ascii())
    }

    /// Tokens `a` and `b = a + 1` touch (no space between them); false when
    /// either is missing.
    #[inline]
    pub(crate) fn glued(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.span.end == y.span.start,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        let text = "US$455 million, Straße";
        let tokens = super::super::tokenize(text);
        let c = Cursor::new(text, &tokens);
        assert_eq!(c.raw(1), "455");
        assert_eq!(c.text_at(9), "");
        let mut buf = [0u8; LOWER_MAX];
        assert_eq!(c.lower(2, &mut buf), Some("million"));
        assert_eq!(c.lower(4, &mut buf), None);
        assert!(c.is_word(2, &["bn", "million"]));
        assert!(!c.is_word(9, &["million"]));
        assert!(!c.is_word(4, &["straße"]), "not ASCII: never a word of a list");
        assert!(c.glued(0, 1) && c.glued(2, 3) && !c.glued(1, 2) && !c.glued(4, 5));
        assert!(c.is_kind(1, TokenKind::Number) && !c.is_kind(9, TokenKind::Number));
        assert_eq!(c.get(9), None);
    }
}
