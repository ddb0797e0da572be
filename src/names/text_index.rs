//! Strings numbered in the order they were added: `0, 1, 2, ...`.
//!
//! The word table looks a token's text up once per token, so this is on the
//! tagger's hot path: open addressing over 64-bit hashes (linear probing,
//! at most half full), a slot holding a hash tag and the id side by side,
//! and the strings kept in one buffer and compared word by word, where a
//! `HashMap<Box<str>, u32>` follows a pointer per key and calls `memcmp`.

use crate::hash::text_hash as hash;

/// See the module documentation.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    /// `hash >> 32 << 32 | (id + 1)`; 0 marks an empty slot.
    slots: Vec<u64>,
    /// Every string, one after another: string `i` ends at `ends[i]`.
    texts: String,
    ends: Vec<u32>,
    /// The hash of every string, to grow without hashing again.
    hashes: Vec<u64>,
}

impl TextIndex {
    /// The number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Forgets every string.
    pub fn clear(&mut self) {
        self.slots.fill(0);
        self.texts.clear();
        self.ends.clear();
        self.hashes.clear();
    }

    /// The id of `text`, if it was added.
    #[inline]
    pub fn get(&self, text: &str) -> Option<u32> {
        self.find(text, hash(text)).ok()
    }

    /// The id of `text`, added (as the next number) when new.
    pub fn get_or_add(&mut self, text: &str) -> u32 {
        let h = hash(text);
        match self.find(text, h) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.ends.len() as u32;
                self.texts.push_str(text);
                self.ends.push(self.texts.len() as u32);
                self.hashes.push(h);
                if (self.ends.len()) * 2 > self.slots.len() {
                    self.grow();
                } else {
                    self.slots[slot] = tagged(h, id);
                }
                id
            }
        }
    }

    /// The id of `text` (hash `h`), or the empty slot where it would go.
    #[inline]
    fn find(&self, text: &str, h: u64) -> Result<u32, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut slot = h as usize & mask;
        loop {
            let s = self.slots[slot];
            if s == 0 {
                return Err(slot);
            }
            if s >> 32 == h >> 32 {
                let id = (s as u32).wrapping_sub(1);
                if same_bytes(self.text(id).as_bytes(), text.as_bytes()) {
                    return Ok(id);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// String `id`.
    #[inline]
    fn text(&self, id: u32) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id as usize - 1] as usize };
        &self.texts[start..self.ends[id as usize] as usize]
    }

    /// Doubles the slots (16 at first) and puts every string back.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        self.slots.clear();
        self.slots.resize(size, 0);
        let mask = size - 1;
        for (id, &h) in self.hashes.iter().enumerate() {
            let mut slot = h as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = tagged(h, id as u32);
        }
    }
}

fn tagged(h: u64, id: u32) -> u64 {
    h >> 32 << 32 | (id as u64 + 1)
}

/// `a == b`, eight bytes at a time (the strings are short words).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| u64::from_ne_bytes(c.try_into().unwrap_or_default());
    for (x, y) in (&mut a8).zip(&mut b8) {
        if word(x) != word(y) {
            return false;
        }
    }
    a8.remainder().iter().zip(b8.remainder()).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_strings_in_order_and_finds_them_again() {
        let mut index = TextIndex::default();
        assert_eq!(index.get("a"), None);
        let words: Vec<String> =
            (0..5000).map(|i| format!("w{i}")).chain(["".into(), "é".into(), "a longer word than eight".into()]).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(index.get_or_add(w), i as u32, "{w:?}");
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(index.get(w), Some(i as u32), "{w:?}");
            assert_eq!(index.get_or_add(w), i as u32, "{w:?}");
        }
        assert_eq!(index.len(), words.len());
        for absent in ["w5000", "W1", "a longer word than eigh", "a longer word than eight!", " "] {
            assert_eq!(index.get(absent), None, "{absent:?}");
        }
        index.clear();
        assert!(index.is_empty());
        assert_eq!(index.get("w1"), None);
        assert_eq!(index.get_or_add("w1"), 0);
        assert_eq!(index.get("w1"), Some(0));
    }
}
