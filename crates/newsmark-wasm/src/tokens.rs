//! The core's token boundaries, for the page: selections snap to them and
//! double-click and Shift+Arrow move by them, so that what the annotator
//! selects is what the recognizers see as words (`Blender.io` one token,
//! `U.S.` with its periods, `'s` apart).

use newsmark::{tokenize::tokenize, OffsetMap, OffsetUnit};
use wasm_bindgen::prelude::*;

/// The tokens of `text` as the core tokenizes it, flat UTF-16 offsets
/// `[start0, end0, start1, end1, ...]` (a `Uint32Array` in JS): sorted,
/// never overlapping, only whitespace between them.
#[wasm_bindgen]
pub fn tokens(text: &str) -> Vec<u32> {
    token_bounds_utf16(text)
}

/// [`tokens`] as Rust sees it: the byte spans of the core's tokens
/// converted once, here at the boundary, to UTF-16 code units.
pub fn token_bounds_utf16(text: &str) -> Vec<u32> {
    let map = OffsetMap::new(text);
    let toks = tokenize(text);
    let mut out = Vec::with_capacity(toks.len() * 2);
    for t in &toks {
        let (start, end) = map.span_to(t.span, OffsetUnit::Utf16);
        out.extend([start as u32, end as u32]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of `text` the UTF-16 bounds cut out, sliced as
    /// JavaScript slices a string (by UTF-16 units).
    fn js_slices(text: &str, bounds: &[u32]) -> Vec<String> {
        let units: Vec<u16> = text.encode_utf16().collect();
        bounds.chunks(2).map(|p| String::from_utf16(&units[p[0] as usize..p[1] as usize]).expect("whole characters")).collect()
    }

    #[test]
    fn ascii_bounds_are_the_core_tokens() {
        let text = "Send it to Blender.io, said Dr. Vell.";
        let b = token_bounds_utf16(text);
        assert_eq!(js_slices(text, &b), ["Send", "it", "to", "Blender.io", ",", "said", "Dr.", "Vell", "."]);
        assert_eq!(&b[6..8], &[11, 21]);
    }

    #[test]
    fn offsets_are_utf16_units_past_astral_and_accented_characters() {
        // 😀 is two UTF-16 units (four bytes), é one unit (two bytes).
        let text = "😀 Café Orwin paid €5.";
        let b = token_bounds_utf16(text);
        let pieces = js_slices(text, &b);
        assert_eq!(pieces[0], "😀");
        assert_eq!(&b[0..2], &[0, 2]);
        let cafe = pieces.iter().position(|p| p == "Café").expect("Café is a token");
        assert_eq!(&b[cafe * 2..cafe * 2 + 2], &[3, 7]);
        let orwin = pieces.iter().position(|p| p == "Orwin").expect("Orwin is a token");
        assert_eq!(&b[orwin * 2..orwin * 2 + 2], &[8, 13]);
        assert_eq!(*b.last().unwrap() as usize, text.encode_utf16().count());
    }

    #[test]
    fn empty_and_blank_texts_have_no_tokens() {
        assert!(token_bounds_utf16("").is_empty());
        assert!(token_bounds_utf16("  \n\t ").is_empty());
    }
}
