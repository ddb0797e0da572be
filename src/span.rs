//! Byte spans into one `&str`, and their conversion to other offset units.
//!
//! Inside the core every position is a byte offset into the UTF-8 text and
//! every range is half-open (`start..end`). Code point offsets (for Python
//! tools and the JSON schema) and UTF-16 offsets (for the browser) are
//! computed once, at the boundary, by [`OffsetMap`].

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `start..end` into a UTF-8 text.
///
/// A span produced by this crate always lies on char boundaries of the text
/// it was produced from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Creates a span. Panics in debug builds when `start > end`.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} > end {end}");
        Span { start, end }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The covered text. Panics if the span is out of bounds or not on char
    /// boundaries of `text`.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies inside `self`.
    #[inline]
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when both ends lie on char boundaries of `text` and inside it.
    pub fn is_valid_in(&self, text: &str) -> bool {
        self.start <= self.end && self.end <= text.len() && text.is_char_boundary(self.start) && text.is_char_boundary(self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// The offset units a span can be expressed in outside the core.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-8 bytes (the core's own unit).
    Byte,
    /// Unicode scalar values: Python's `str` indexes.
    Codepoint,
    /// UTF-16 code units: JavaScript's `String` indexes.
    Utf16,
}

/// Converts byte offsets of one text to code point and UTF-16 offsets and
/// back, in `O(log n)` per lookup after an `O(n)` build.
///
/// Only non-ASCII characters are recorded, so the map is empty (and every
/// conversion is the identity) for ASCII text.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    len_bytes: usize,
    /// For each non-ASCII char: (byte offset, code point offset, utf16 offset,
    /// byte length, utf16 length).
    marks: Vec<Mark>,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    byte: usize,
    cp: usize,
    u16: usize,
    blen: u8,
    u16len: u8,
}

impl OffsetMap {
    pub fn new(text: &str) -> OffsetMap {
        let mut marks = Vec::new();
        let (mut cp, mut u16) = (0usize, 0usize);
        let mut last = 0usize;
        // From one non-ASCII character to the next: the bytes between are
        // ASCII, one code point and one UTF-16 unit each.
        while let Some(gap) = text.as_bytes()[last..].iter().position(|b| !b.is_ascii()) {
            let byte = last + gap;
            let Some(ch) = text[byte..].chars().next() else { break };
            cp += gap;
            u16 += gap;
            marks.push(Mark { byte, cp, u16, blen: ch.len_utf8() as u8, u16len: ch.len_utf16() as u8 });
            cp += 1;
            u16 += ch.len_utf16();
            last = byte + ch.len_utf8();
        }
        OffsetMap { len_bytes: text.len(), marks }
    }

    /// The text's length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.len_bytes
    }

    /// The code point offset of a byte offset (which must be a char boundary).
    pub fn to_codepoint(&self, byte: usize) -> usize {
        self.convert(byte, |m| m.cp, |_| 1)
    }

    /// The UTF-16 offset of a byte offset (which must be a char boundary).
    pub fn to_utf16(&self, byte: usize) -> usize {
        self.convert(byte, |m| m.u16, |m| m.u16len as usize)
    }

    /// Converts a byte offset to `unit`.
    pub fn to_unit(&self, byte: usize, unit: OffsetUnit) -> usize {
        match unit {
            OffsetUnit::Byte => byte,
            OffsetUnit::Codepoint => self.to_codepoint(byte),
            OffsetUnit::Utf16 => self.to_utf16(byte),
        }
    }

    fn convert(&self, byte: usize, at: impl Fn(&Mark) -> usize, width: impl Fn(&Mark) -> usize) -> usize {
        // The last mark starting before `byte`.
        let i = self.marks.partition_point(|m| m.byte < byte);
        if i == 0 {
            return byte;
        }
        let m = &self.marks[i - 1];
        at(m) + width(m) + (byte - (m.byte + m.blen as usize))
    }

    /// The byte offset of a code point offset, or `None` when it lies past
    /// the end of the text.
    pub fn from_codepoint(&self, cp: usize) -> Option<usize> {
        self.invert(cp, |m| m.cp, |_| 1)
    }

    /// The byte offset of a UTF-16 offset, or `None` when it lies past the
    /// end of the text or inside a surrogate pair.
    pub fn from_utf16(&self, u16: usize) -> Option<usize> {
        self.invert(u16, |m| m.u16, |m| m.u16len as usize)
    }

    /// Converts an offset in `unit` to a byte offset.
    pub fn from_unit(&self, offset: usize, unit: OffsetUnit) -> Option<usize> {
        match unit {
            OffsetUnit::Byte => (offset <= self.len_bytes).then_some(offset),
            OffsetUnit::Codepoint => self.from_codepoint(offset),
            OffsetUnit::Utf16 => self.from_utf16(offset),
        }
    }

    fn invert(&self, off: usize, at: impl Fn(&Mark) -> usize, width: impl Fn(&Mark) -> usize) -> Option<usize> {
        let i = self.marks.partition_point(|m| at(m) < off);
        let byte = if i == 0 {
            off
        } else {
            let m = &self.marks[i - 1];
            let after = at(m) + width(m);
            if off < after {
                return None; // inside a multi-unit character
            }
            m.byte + m.blen as usize + (off - after)
        };
        (byte <= self.len_bytes).then_some(byte)
    }

    /// Converts a span to `(start, end)` in `unit`.
    pub fn span_to(&self, span: Span, unit: OffsetUnit) -> (usize, usize) {
        (self.to_unit(span.start, unit), self.to_unit(span.end, unit))
    }

    /// Converts `(start, end)` in `unit` to a byte span, or `None` when either
    /// end does not fall on a character boundary of the text.
    pub fn span_from(&self, start: usize, end: usize, unit: OffsetUnit) -> Option<Span> {
        let s = self.from_unit(start, unit)?;
        let e = self.from_unit(end, unit)?;
        (s <= e).then(|| Span::new(s, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("hello");
        assert_eq!(m.to_codepoint(3), 3);
        assert_eq!(m.from_utf16(5), Some(5));
        assert_eq!(m.from_utf16(6), None);
    }

    #[test]
    fn mixed_text_round_trips() {
        let text = "a😀b é中x";
        let m = OffsetMap::new(text);
        let mut cp = 0;
        let mut u16 = 0;
        for (b, ch) in text.char_indices() {
            assert_eq!(m.to_codepoint(b), cp);
            assert_eq!(m.to_utf16(b), u16);
            assert_eq!(m.from_codepoint(cp), Some(b));
            assert_eq!(m.from_utf16(u16), Some(b));
            cp += 1;
            u16 += ch.len_utf16();
        }
        assert_eq!(m.to_codepoint(text.len()), cp);
        assert_eq!(m.to_utf16(text.len()), u16);
        // Inside the surrogate pair of 😀.
        assert_eq!(m.from_utf16(2), None);
    }
}
