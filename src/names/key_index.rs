//! An index from `u32` keys (feature and string hashes) to their position
//! in a list of distinct keys: open addressing, half full, linear probing
//! from a multiplicative hash. The names model looks up tens of features
//! per token; a probe touches one cache line where a binary search over
//! the sorted keys touches a dozen.

use crate::hash::key_slot as home;

/// The position of each key of a list of distinct keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyIndex {
    /// slot -> (key, position); position `u32::MAX` marks an empty slot.
    /// Key and position side by side: a lookup reads one cache line.
    slots: Vec<(u32, u32)>,
}

const EMPTY: u32 = u32::MAX;

impl KeyIndex {
    /// Indexes `keys`, which must be distinct (a repeated key answers with
    /// one of its positions).
    pub fn new(keys: &[u32]) -> KeyIndex {
        if keys.is_empty() {
            return KeyIndex::default();
        }
        let size = (keys.len() * 2).next_power_of_two();
        let mut slots = vec![(0u32, EMPTY); size];
        for (position, &key) in keys.iter().enumerate() {
            let mut slot = home(key, size);
            while slots[slot].1 != EMPTY {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = (key, position as u32);
        }
        KeyIndex { slots }
    }

    /// The position of `key` in the indexed list, if it is there.
    #[inline]
    pub fn get(&self, key: u32) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = home(key, self.slots.len());
        loop {
            let (k, position) = self.slots[slot];
            if position == EMPTY {
                return None;
            }
            if k == key {
                return Some(position as usize);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// How many bits of a 32-bit hash a stored key keeps: its high ones. The
/// model file ships in the page, and a hash does not compress: each bit
/// cut from 60,000 keys is 7.5 KB less. The price is a lookup that finds
/// a key by chance, one in `2^bits / n` of the hashes absent from `n`
/// keys (at 24 bits and 60,000 keys, 1 in 280), and the keys that the cut
/// makes equal, which go (see [`KeyWidth::narrow`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyWidth {
    /// How many low bits of a hash the key leaves out: the shift of a
    /// lookup, kept ready (it is done tens of times a token).
    shift: u32,
}

impl Default for KeyWidth {
    fn default() -> KeyWidth {
        KeyWidth::FULL
    }
}

impl KeyWidth {
    /// Whole hashes, as files before version 5 stored them.
    pub const FULL: KeyWidth = KeyWidth { shift: 0 };

    /// A width of `bits`, from 16 (the sorted keys' buckets take 16) to 32.
    pub fn new(bits: u8) -> Option<KeyWidth> {
        (16..=32).contains(&bits).then(|| KeyWidth { shift: 32 - bits as u32 })
    }

    pub fn bits(self) -> u8 {
        (32 - self.shift) as u8
    }

    /// Whether `key` is one of this width (no bit above it set).
    pub fn holds(self, key: u32) -> bool {
        key.checked_shr(32 - self.shift).unwrap_or(0) == 0
    }

    /// The key a hash is stored and looked up under.
    #[inline]
    pub fn key(self, hash: u32) -> u32 {
        hash >> self.shift
    }

    /// Keys of width `from`, strictly ascending, cut to this width: the
    /// keys left (ascending) and the position each had in `keys`. Keys the
    /// cut makes equal are all left out: a key kept means one hash, so a
    /// lookup never gets the row of another hash it was stored for.
    /// `None` when this width is wider than `from`.
    pub fn narrow(self, from: KeyWidth, keys: &[u32]) -> Option<(Vec<u32>, Vec<usize>)> {
        let shift = self.shift.checked_sub(from.shift)?;
        let cut: Vec<u32> = keys.iter().map(|&k| k >> shift).collect();
        let alone = |i: usize| (i == 0 || cut[i - 1] != cut[i]) && cut.get(i + 1) != Some(&cut[i]);
        let kept: Vec<usize> = (0..cut.len()).filter(|&i| alone(i)).collect();
        Some((kept.iter().map(|&i| cut[i]).collect(), kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowed_keys_are_the_high_bits_and_keys_made_equal_go() {
        let w24 = KeyWidth::new(24).unwrap();
        assert_eq!(w24.key(0xabcd_ef12), 0x00ab_cdef);
        assert_eq!(KeyWidth::FULL.key(0xabcd_ef12), 0xabcd_ef12);
        assert_eq!(KeyWidth::new(15), None);
        assert_eq!(KeyWidth::new(33), None);
        // 0x1234_5601 and 0x1234_56ff become one key: both go.
        let keys = [0x0000_0001, 0x1234_5601, 0x1234_56ff, 0x1234_5700, 0xffff_ffff];
        let (cut, kept) = w24.narrow(KeyWidth::FULL, &keys).unwrap();
        assert_eq!(cut, [0x0000_0000, 0x0012_3457, 0x00ff_ffff]);
        assert_eq!(kept, [0, 3, 4]);
        assert_eq!(KeyWidth::FULL.narrow(w24, &cut), None, "no widening");
        assert_eq!(w24.narrow(w24, &cut).unwrap().0, cut, "the same width keeps every key");
    }

    #[test]
    fn finds_every_key_and_nothing_else() {
        // Keys that collide on their home slot, and spread ones.
        let mut keys: Vec<u32> = Vec::new();
        for key in (0..1000u32).map(|i| i.wrapping_mul(2_654_435_761) ^ (i << 7)).chain([0, 1, u32::MAX]) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        let index = KeyIndex::new(&keys);
        for (position, &key) in keys.iter().enumerate() {
            assert_eq!(index.get(key), Some(position), "key {key}");
        }
        let absent = (0..5000u32).map(|i| i.wrapping_mul(97) + 3).filter(|k| !keys.contains(k));
        for key in absent {
            assert_eq!(index.get(key), None, "key {key}");
        }
        assert_eq!(KeyIndex::new(&[]).get(7), None);
    }
}
