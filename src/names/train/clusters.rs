//! Word clusters derived from unlabeled text, the tagger's word classes.
//!
//! Each frequent word is described by the words seen just before and just
//! after it (counts over the most frequent context words, square-rooted
//! and normalized), and the words are grouped by spherical k-means. Words
//! used in the same places (`Monday`/`Tuesday`, `Clinton`/`Yeltsin`) share
//! a cluster, which lets the tagger generalize to words it never saw
//! labeled. Cheap stand-in for Brown clusters: seconds instead of hours.
//!
//! Only training code calls [`derive()`]; at inference the clusters come from
//! the model file.

use crate::hash::Rng;
use crate::tokenize::Token;
use std::collections::HashMap;

/// Words with at least this many occurrences get a cluster.
const MIN_COUNT: u32 = 3;
/// Context words (the most frequent) the vectors are made of.
const CONTEXT_WORDS: usize = 600;
const ITERATIONS: usize = 12;

/// Word -> cluster id, for lowercased words.
#[derive(Default)]
pub struct Clusters {
    map: HashMap<String, u16>,
    sorted: Vec<(String, u16)>,
}

impl Clusters {
    /// The cluster of a lowercased word, `u32::MAX` when it has none.
    pub fn get(&self, lower: &str) -> u32 {
        self.map.get(lower).map_or(u32::MAX, |&c| c as u32)
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

fn is_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Clusters the words of `docs` (text and tokens) into `k` groups.
/// Deterministic for a given `seed`.
pub fn derive(docs: &[(&str, &[Token])], k: usize, seed: u64) -> Clusters {
    if k == 0 {
        return Clusters::default();
    }
    // Vocabulary, with ids assigned in first-seen order.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut freq: Vec<u32> = Vec::new();
    let mut seqs: Vec<Vec<u32>> = Vec::new();
    for (text, tokens) in docs {
        let mut seq = Vec::with_capacity(tokens.len() + 1);
        for t in tokens.iter() {
            if t.line_start {
                seq.push(u32::MAX); // a line break separates contexts
            }
            let lower = t.text(text).to_lowercase();
            let id = *ids.entry(lower).or_insert_with_key(|w| {
                words.push(w.clone());
                freq.push(0);
                words.len() as u32 - 1
            });
            freq[id as usize] += 1;
            seq.push(id);
        }
        seqs.push(seq);
    }
    // Context dimensions: the most frequent words (ties by id).
    let mut by_freq: Vec<u32> = (0..words.len() as u32).collect();
    by_freq.sort_by(|&a, &b| freq[b as usize].cmp(&freq[a as usize]).then(a.cmp(&b)));
    let mut dim = vec![u32::MAX; words.len()];
    for (d, &w) in by_freq.iter().take(CONTEXT_WORDS).enumerate() {
        dim[w as usize] = d as u32;
    }
    // Sparse context vectors of the clustered words.
    let clustered: Vec<u32> = by_freq.iter().copied().filter(|&w| freq[w as usize] >= MIN_COUNT && is_word(&words[w as usize])).collect();
    let mut row = vec![u32::MAX; words.len()];
    for (r, &w) in clustered.iter().enumerate() {
        row[w as usize] = r as u32;
    }
    let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); clustered.len()];
    for seq in &seqs {
        for i in 0..seq.len() {
            let w = seq[i];
            if w == u32::MAX || row[w as usize] == u32::MAX {
                continue;
            }
            let r = row[w as usize] as usize;
            let left = if i > 0 { seq[i - 1] } else { u32::MAX };
            let right = seq.get(i + 1).copied().unwrap_or(u32::MAX);
            // Dimension 2*CONTEXT_WORDS (+1): no word (a line edge).
            let l = if left == u32::MAX { 2 * CONTEXT_WORDS as u32 } else { dim[left as usize] };
            let rr = if right == u32::MAX { 2 * CONTEXT_WORDS as u32 + 1 } else { dim[right as usize] };
            if l != u32::MAX {
                *counts[r].entry(l).or_default() += 1.0;
            }
            if rr != u32::MAX {
                let d = if rr >= 2 * CONTEXT_WORDS as u32 { rr } else { rr + CONTEXT_WORDS as u32 };
                *counts[r].entry(d).or_default() += 1.0;
            }
        }
    }
    let dims = 2 * CONTEXT_WORDS + 2;
    let vectors: Vec<Vec<(u32, f32)>> = counts
        .into_iter()
        .map(|m| {
            let mut v: Vec<(u32, f32)> = m.into_iter().map(|(d, c)| (d, c.sqrt())).collect();
            v.sort_by_key(|&(d, _)| d);
            let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|(_, x)| *x /= norm);
            v
        })
        .collect();
    let n = vectors.len();
    if n == 0 {
        return Clusters::default();
    }
    let k = k.min(n);
    // Initial centroids: k distinct words drawn by a seeded generator.
    let mut rng = Rng::new(seed);
    let mut picks: Vec<usize> = (0..n).collect();
    for i in 0..k {
        let j = i + (rng.next_u64() % (n - i) as u64) as usize;
        picks.swap(i, j);
    }
    let mut centroids = vec![0f32; k * dims];
    for (c, &w) in picks[..k].iter().enumerate() {
        for &(d, x) in &vectors[w] {
            centroids[c * dims + d as usize] = x;
        }
    }
    let mut assign = vec![0u16; n];
    for _ in 0..ITERATIONS {
        for (w, v) in vectors.iter().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for c in 0..k {
                let cen = &centroids[c * dims..(c + 1) * dims];
                let dot: f32 = v.iter().map(|&(d, x)| cen[d as usize] * x).sum();
                if dot > best.0 {
                    best = (dot, c);
                }
            }
            assign[w] = best.1 as u16;
        }
        centroids.iter_mut().for_each(|x| *x = 0.0);
        for (w, v) in vectors.iter().enumerate() {
            let c = assign[w] as usize;
            for &(d, x) in v {
                centroids[c * dims + d as usize] += x;
            }
        }
        for c in 0..k {
            let cen = &mut centroids[c * dims..(c + 1) * dims];
            let norm = cen.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                cen.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    let mut sorted: Vec<(String, u16)> = clustered.iter().enumerate().map(|(r, &w)| (words[w as usize].clone(), assign[r])).collect();
    sorted.sort();
    let map = sorted.iter().cloned().collect();
    Clusters { map, sorted }
}
