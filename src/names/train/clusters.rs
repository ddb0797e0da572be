//! The word -> cluster map training builds (`super::vectors`) and the
//! model file ships. At inference the clusters come from the model file.

use std::collections::HashMap;

/// Word (as written) -> cluster path.
#[derive(Default)]
pub struct Clusters {
    map: HashMap<String, u16>,
}

impl Clusters {
    /// The map of `entries` (a word's first entry wins).
    pub fn from_entries(entries: Vec<(String, u16)>) -> Clusters {
        let mut map = HashMap::with_capacity(entries.len());
        for (w, c) in entries {
            map.entry(w).or_insert(c);
        }
        Clusters { map }
    }

    /// The cluster of a word as written, `u32::MAX` when it has none.
    pub fn get(&self, word: &str) -> u32 {
        self.map.get(word).map_or(u32::MAX, |&c| c as u32)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every (word, cluster), in no particular order: the model file sorts
    /// what it writes (`super::perceptron::export`).
    pub fn entries(&self) -> impl Iterator<Item = (&str, u16)> {
        self.map.iter().map(|(w, &c)| (w.as_str(), c))
    }
}
