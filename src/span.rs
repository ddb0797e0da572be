//! Byte spans into one `&str`, and their conversion to other offset units.
//!
//! Inside the core every position is a byte offset into the UTF-8 text and
//! every range is half-open (`start..end`). Code point offsets (for Python
//! tools and the JSON schema), UTF-16 offsets (for the browser) and
//! grapheme cluster offsets (for doccano projects that count them) are
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
    /// Extended grapheme clusters (Unicode UAX #29): what a person sees as
    /// one character (`🇰🇷`, `e` + U+0301, `\r\n`), as doccano counts in
    /// its grapheme mode. A byte offset inside a cluster has no grapheme
    /// offset (see [`OffsetMap::is_boundary`]).
    Grapheme,
}

impl OffsetUnit {
    /// Every unit.
    pub const ALL: [OffsetUnit; 4] = [OffsetUnit::Byte, OffsetUnit::Codepoint, OffsetUnit::Utf16, OffsetUnit::Grapheme];

    /// The name serde and [`FromStr`](std::str::FromStr) use: `byte`,
    /// `codepoint`, `utf16`, `grapheme`.
    pub fn name(self) -> &'static str {
        match self {
            OffsetUnit::Byte => "byte",
            OffsetUnit::Codepoint => "codepoint",
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Grapheme => "grapheme",
        }
    }

    /// The unit's name in messages, plural: `code points`.
    pub fn plural(self) -> &'static str {
        match self {
            OffsetUnit::Byte => "bytes",
            OffsetUnit::Codepoint => "code points",
            OffsetUnit::Utf16 => "UTF-16 code units",
            OffsetUnit::Grapheme => "grapheme clusters",
        }
    }
}

impl std::fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for OffsetUnit {
    type Err = crate::error::Error;

    /// Reads [`OffsetUnit::name`], and `code-point`, `char`, `utf-16`,
    /// `bytes`, `graphemes` as people write them.
    fn from_str(s: &str) -> crate::error::Result<OffsetUnit> {
        let lower = s.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
        let name = match lower.as_str() {
            "bytes" | "utf8" => "byte",
            "codepoints" | "char" | "chars" | "scalar" => "codepoint",
            "graphemes" | "graphemecluster" | "graphemeclusters" => "grapheme",
            other => other,
        };
        OffsetUnit::ALL.into_iter().find(|u| u.name() == name).ok_or_else(|| {
            crate::error::Error::new(
                crate::error::ErrorKind::Usage,
                format!("unknown offset unit {s:?}: expected one of {}", OffsetUnit::ALL.map(OffsetUnit::name).join(", ")),
            )
        })
    }
}

/// Converts byte offsets of one text to code point, UTF-16 and grapheme
/// cluster offsets and back, in `O(log n)` per lookup after an `O(n)` build.
///
/// Only non-ASCII characters and clusters of several code points are
/// recorded, so the map is empty (and every conversion is the identity)
/// for ASCII text without `\r\n`.
///
/// Grapheme clusters cost a segmentation of the whole text (measured: 9 ms
/// for the 121 KB of the seeds twenty times over, with non-ASCII text, a
/// fifth of the time annotating it takes, against 41 µs for the rest of the
/// map), too much for every conversion the page makes: only a map built by
/// [`OffsetMap::with_graphemes`] or [`OffsetMap::for_unit`] counts them.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    len_bytes: usize,
    /// For each non-ASCII char: (byte offset, code point offset, utf16 offset,
    /// byte length, utf16 length).
    marks: Vec<Mark>,
    /// Each grapheme cluster of more than one code point, in order: between
    /// them a code point is a cluster of its own. `None`: not counted.
    clusters: Option<Vec<Cluster>>,
}

/// What a grapheme conversion on a map built without them says.
const NO_GRAPHEMES: &str = "this OffsetMap counts no grapheme clusters: build it with OffsetMap::with_graphemes or for_unit";

/// A grapheme cluster of several code points.
#[derive(Clone, Copy, Debug)]
struct Cluster {
    /// Byte offsets of its start and end.
    byte: usize,
    byte_end: usize,
    /// Its index among the text's clusters.
    g: usize,
    /// The code point offset of its end.
    cp_end: usize,
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
        OffsetMap { len_bytes: text.len(), marks, clusters: None }
    }

    /// A map that converts to and from [`OffsetUnit::Grapheme`] too.
    pub fn with_graphemes(text: &str) -> OffsetMap {
        let mut map = OffsetMap::new(text);
        // ASCII clusters are single characters but for `\r\n`: the segmenter
        // only runs on texts that can have others.
        let some = !map.marks.is_empty() || text.contains("\r\n");
        map.clusters = Some(if some { map.clusters_of(text) } else { Vec::new() });
        map
    }

    /// A map for conversions to and from `unit`: grapheme clusters counted
    /// only when `unit` is [`OffsetUnit::Grapheme`].
    pub fn for_unit(text: &str, unit: OffsetUnit) -> OffsetMap {
        if unit == OffsetUnit::Grapheme {
            OffsetMap::with_graphemes(text)
        } else {
            OffsetMap::new(text)
        }
    }

    fn clusters(&self) -> &[Cluster] {
        self.clusters.as_deref().expect(NO_GRAPHEMES)
    }

    fn clusters_of(&self, text: &str) -> Vec<Cluster> {
        use unicode_segmentation::UnicodeSegmentation;
        let mut clusters = Vec::new();
        // Clusters before the current one, less one per extra code point.
        let mut removed = 0usize;
        for (byte, g) in text.grapheme_indices(true) {
            let mut chars = g.chars();
            if chars.next().is_some() && chars.next().is_some() {
                let byte_end = byte + g.len();
                let (cp, cp_end) = (self.to_codepoint(byte), self.to_codepoint(byte_end));
                clusters.push(Cluster { byte, byte_end, g: cp - removed, cp_end });
                removed += cp_end - cp - 1;
            }
        }
        clusters
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

    /// The grapheme cluster offset of a byte offset (a char boundary), or
    /// `None` when it lies inside a cluster (between `e` and U+0301).
    /// Panics on a map built without grapheme clusters ([`OffsetMap::new`]).
    pub fn to_grapheme(&self, byte: usize) -> Option<usize> {
        let clusters = self.clusters();
        let i = clusters.partition_point(|c| c.byte < byte);
        if i == 0 {
            return Some(self.to_codepoint(byte));
        }
        let c = &clusters[i - 1];
        (byte >= c.byte_end).then(|| c.g + 1 + (self.to_codepoint(byte) - c.cp_end))
    }

    /// Converts a byte offset to `unit`. A byte offset inside a grapheme
    /// cluster gives the cluster's own offset in [`OffsetUnit::Grapheme`]:
    /// check [`OffsetMap::is_boundary`] where that would lose something.
    pub fn to_unit(&self, byte: usize, unit: OffsetUnit) -> usize {
        match unit {
            OffsetUnit::Byte => byte,
            OffsetUnit::Codepoint => self.to_codepoint(byte),
            OffsetUnit::Utf16 => self.to_utf16(byte),
            OffsetUnit::Grapheme => self.to_grapheme(byte).unwrap_or_else(|| {
                let clusters = self.clusters();
                clusters[clusters.partition_point(|c| c.byte < byte) - 1].g
            }),
        }
    }

    /// True when a byte offset (a char boundary) has an offset of its own in
    /// `unit`: always, but for [`OffsetUnit::Grapheme`] inside a cluster.
    pub fn is_boundary(&self, byte: usize, unit: OffsetUnit) -> bool {
        unit != OffsetUnit::Grapheme || self.to_grapheme(byte).is_some()
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

    /// The byte offset of a grapheme cluster offset, or `None` when it lies
    /// past the end of the text. Panics on a map built without grapheme
    /// clusters ([`OffsetMap::new`]).
    pub fn from_grapheme(&self, g: usize) -> Option<usize> {
        let clusters = self.clusters();
        let i = clusters.partition_point(|c| c.g < g);
        if i == 0 {
            return self.from_codepoint(g);
        }
        let c = &clusters[i - 1];
        self.from_codepoint(c.cp_end + (g - c.g - 1))
    }

    /// Converts an offset in `unit` to a byte offset.
    pub fn from_unit(&self, offset: usize, unit: OffsetUnit) -> Option<usize> {
        match unit {
            OffsetUnit::Byte => (offset <= self.len_bytes).then_some(offset),
            OffsetUnit::Codepoint => self.from_codepoint(offset),
            OffsetUnit::Utf16 => self.from_utf16(offset),
            OffsetUnit::Grapheme => self.from_grapheme(offset),
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

    /// Grapheme offsets against unicode-segmentation's clusters, counted
    /// here one by one, for every char boundary of a text of flags,
    /// combining marks, emoji sequences, CRLF and CJK.
    #[test]
    fn grapheme_offsets_count_clusters() {
        use unicode_segmentation::UnicodeSegmentation;
        for text in ["", "abc", "a\r\nb\r\n", "🇰🇷 e\u{301}x 👩\u{200d}💻 李明\r\n", "\u{301}a", "Zu\u{308}rich 😀"] {
            let m = OffsetMap::with_graphemes(text);
            let starts: Vec<usize> = text.grapheme_indices(true).map(|(b, _)| b).chain([text.len()]).collect();
            for b in (0..=text.len()).filter(|&b| text.is_char_boundary(b)) {
                let want = starts.iter().position(|&s| s == b);
                assert_eq!(m.to_grapheme(b), want, "{text:?} byte {b}");
                assert_eq!(m.is_boundary(b, OffsetUnit::Grapheme), want.is_some());
                if let Some(g) = want {
                    assert_eq!(m.from_grapheme(g), Some(b), "{text:?} cluster {g}");
                    assert_eq!(m.from_unit(g, OffsetUnit::Grapheme), Some(b));
                }
            }
            assert_eq!(m.from_grapheme(starts.len()), None, "{text:?}: past the end");
        }
    }

    #[test]
    #[should_panic(expected = "counts no grapheme clusters")]
    fn graphemes_need_a_map_that_counts_them() {
        OffsetMap::new("e\u{301}").to_unit(1, OffsetUnit::Grapheme);
    }

    #[test]
    fn unit_names_read_back() {
        for u in OffsetUnit::ALL {
            assert_eq!(u.name().parse::<OffsetUnit>().unwrap(), u);
            assert_eq!(serde_json::to_string(&u).unwrap(), format!("\"{}\"", u.name()));
        }
        assert_eq!("UTF-16".parse::<OffsetUnit>().unwrap(), OffsetUnit::Utf16);
        assert_eq!("code-point".parse::<OffsetUnit>().unwrap(), OffsetUnit::Codepoint);
        assert!("furlong".parse::<OffsetUnit>().is_err());
    }
}
