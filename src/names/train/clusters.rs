//! The word -> cluster map training builds (`super::vectors`) and the
//! model file ships. At inference the clusters come from the model file.

use std::collections::HashMap;

/// Word (as written) -> cluster path.
#[derive(Default)]
pub struct Clusters {
    map: HashMap<String, u16>,
    sorted: Vec<(String, u16)>,
}

impl Clusters {
    /// The map of `entries` (a word's first entry wins).
    pub fn from_entries(entries: Vec<(String, u16)>) -> Clusters {
        let mut map = HashMap::with_capacity(entries.len());
        for (w, c) in &entries {
            map.entry(w.clone()).or_insert(*c);
        }
        let mut sorted: Vec<(String, u16)> = map.iter().map(|(w, &c)| (w.clone(), c)).collect();
        sorted.sort();
        Clusters { map, sorted }
    }

    /// The cluster of a word as written, `u32::MAX` when it has none.
    pub fn get(&self, word: &str) -> u32 {
        self.map.get(word).map_or(u32::MAX, |&c| c as u32)
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Every (word, cluster), sorted by word.
    pub fn entries(&self) -> impl Iterator<Item = (&str, u16)> {
        self.sorted.iter().map(|(w, c)| (w.as_str(), *c))
    }
}
