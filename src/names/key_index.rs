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

#[cfg(test)]
mod tests {
    use super::*;

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
