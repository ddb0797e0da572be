//! Word clusters from word vectors: the tagger's word classes, learned from
//! a large unlabeled corpus rather than from the labeled text alone.
//!
//! The vectors are spaCy's `en_core_web_md` table (`../shared/data/vectors`:
//! `vectors.npy`, 20,000 rows of 300 float32, and `words.tsv`, 514,157
//! case-sensitive words by frequency, each with its row; words beyond the
//! first 20,000 share the row of their nearest kept word). The rows are
//! split top-down by spherical 2-means, to [`TreeConfig::depth`] levels, so
//! that every row gets a path of bits in a binary tree, as Brown clusters
//! do: the features read its prefixes (`names::templates::cluster_features`),
//! coarse classes (16 leaves at 4 bits) and fine ones (4,096 at 12) at once.
//! A word's cluster is its row's path.
//!
//! Only training reads the vectors; the model file ships the paths of the
//! most frequent words ([`TreeConfig::words`]), keyed by the hash of the
//! word as written (`names::model::cluster_key`).

use super::clusters::Clusters;
use crate::error::{Error, ErrorKind};
use crate::hash::Rng;
use std::path::Path;

/// How the tree is built and which words get a path.
#[derive(Clone, Copy, Debug)]
pub struct TreeConfig {
    /// Levels of the tree: at most `2^depth` leaves (at most 15, as paths
    /// are `u16` with a leading 1 bit).
    pub depth: u32,
    /// The most frequent words of the table that get a path.
    pub words: usize,
    pub seed: u64,
}

/// 2-means iterations per split.
const ITERATIONS: usize = 8;

/// The vectors of a table, unit length, `dim` floats a row.
struct Rows {
    dim: usize,
    data: Vec<f32>,
}

impl Rows {
    fn len(&self) -> usize {
        self.data.len() / self.dim
    }

    fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.dim..(r + 1) * self.dim]
    }
}

/// Reads a 2-D little-endian float32 `.npy` file (C order) and scales every
/// row to unit length.
fn read_npy(path: &Path) -> Result<Rows, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::from(e).context(path.display()))?;
    let bad = |why: &str| Error::new(ErrorKind::InvalidModel, format!("{}: {why}", path.display()));
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err(bad("not a .npy file"));
    }
    let (header_len, header_start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 if bytes.len() >= 12 => (u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize, 12),
        _ => return Err(bad("unknown .npy version")),
    };
    let header = bytes.get(header_start..header_start + header_len).ok_or_else(|| bad("truncated header"))?;
    let header = std::str::from_utf8(header).map_err(|_| bad("header is not text"))?;
    if !header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False") {
        return Err(bad("expected little-endian float32 in C order"));
    }
    let shape = header.split("'shape': (").nth(1).and_then(|s| s.split(')').next()).ok_or_else(|| bad("no shape"))?;
    let dims: Vec<usize> = shape.split(',').map(str::trim).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
    let [n, dim] = dims[..] else { return Err(bad("expected a 2-D array")) };
    let body = &bytes[header_start + header_len..];
    if dim == 0 || body.len() != n * dim * 4 {
        return Err(bad("the data does not match the shape"));
    }
    let mut data: Vec<f32> = body.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    for row in data.chunks_exact_mut(dim) {
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            row.iter_mut().for_each(|x| *x /= norm);
        }
    }
    Ok(Rows { dim, data })
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The unit-length mean of `members`' rows.
fn centroid(rows: &Rows, members: &[u32]) -> Vec<f32> {
    let mut c = vec![0f32; rows.dim];
    for &m in members {
        c.iter_mut().zip(rows.row(m as usize)).for_each(|(a, b)| *a += b);
    }
    let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        c.iter_mut().for_each(|x| *x /= norm);
    }
    c
}

/// Splits `members` in two by spherical 2-means, seeded with a random
/// member and the member least like it. Both halves are non-empty when
/// `members` has two or more distinct rows.
fn bisect(rows: &Rows, members: &[u32], rng: &mut Rng) -> (Vec<u32>, Vec<u32>) {
    let first = members[(rng.next_u64() % members.len() as u64) as usize];
    let far = *members
        .iter()
        .min_by(|&&a, &&b| {
            dot(rows.row(a as usize), rows.row(first as usize)).total_cmp(&dot(rows.row(b as usize), rows.row(first as usize)))
        })
        .unwrap_or(&first);
    let mut centroids = [rows.row(first as usize).to_vec(), rows.row(far as usize).to_vec()];
    let mut halves = (Vec::new(), Vec::new());
    for _ in 0..ITERATIONS {
        halves = members.iter().partition(|&&m| {
            let r = rows.row(m as usize);
            dot(r, &centroids[0]) >= dot(r, &centroids[1])
        });
        if halves.0.is_empty() || halves.1.is_empty() {
            break;
        }
        centroids = [centroid(rows, &halves.0), centroid(rows, &halves.1)];
    }
    if halves.0.is_empty() || halves.1.is_empty() {
        // Rows all alike: split in order, so the tree still ends.
        let mid = members.len() / 2;
        halves = (members[..mid].to_vec(), members[mid..].to_vec());
    }
    halves
}

/// The path of every row: bits from the root, after a leading 1 bit
/// (`0b1` is the root, `0b10` and `0b11` its children).
fn tree_paths(rows: &Rows, depth: u32, seed: u64) -> Vec<u16> {
    let mut paths = vec![1u16; rows.len()];
    let mut rng = Rng::new(seed);
    // Nodes to split: (path, members), breadth first.
    let mut level: Vec<(u16, Vec<u32>)> = vec![(1, (0..rows.len() as u32).collect())];
    for _ in 0..depth {
        let mut next = Vec::with_capacity(level.len() * 2);
        for (path, members) in level {
            if members.len() < 2 {
                continue;
            }
            let (left, right) = bisect(rows, &members, &mut rng);
            for (bit, half) in [(0, left), (1, right)] {
                let child = path << 1 | bit;
                half.iter().for_each(|&m| paths[m as usize] = child);
                next.push((child, half));
            }
        }
        level = next;
    }
    paths
}

/// The clusters of the vector table in `dir`: the tree path of each of the
/// first `config.words` words of `words.tsv` (words with whitespace or
/// longer than 64 bytes are skipped).
pub fn clusters(dir: &Path, config: TreeConfig) -> Result<Clusters, Error> {
    if config.depth > 15 {
        return Err(Error::new(ErrorKind::Usage, "the cluster tree holds at most 15 levels"));
    }
    let rows = read_npy(&dir.join("vectors.npy"))?;
    let paths = tree_paths(&rows, config.depth, config.seed);
    let words_path = dir.join("words.tsv");
    let words = std::fs::read_to_string(&words_path).map_err(|e| Error::from(e).context(words_path.display()))?;
    let mut entries = Vec::with_capacity(config.words);
    for (n, line) in words.lines().enumerate() {
        if entries.len() >= config.words {
            break;
        }
        let bad = || Error::new(ErrorKind::InvalidModel, format!("{}: line {}: expected WORD<TAB>ROW", words_path.display(), n + 1));
        let (word, row) = line.rsplit_once('\t').ok_or_else(bad)?;
        let row: usize = row.parse().map_err(|_| bad())?;
        let path = *paths.get(row).ok_or_else(bad)?;
        if word.is_empty() || word.len() > 64 || word.chars().any(char::is_whitespace) {
            continue;
        }
        entries.push((word.to_owned(), path));
    }
    Ok(Clusters::from_entries(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_puts_like_rows_together_and_every_path_has_its_depth() {
        // Two groups of rows pointing two ways: the first split parts them.
        let mut data = Vec::new();
        for i in 0..8 {
            let e = 0.01 * i as f32;
            data.extend_from_slice(&if i < 4 { [1.0, e, 0.0] } else { [0.0, e, 1.0] });
        }
        let mut rows = Rows { dim: 3, data };
        for r in rows.data.chunks_exact_mut(3) {
            let n = r.iter().map(|x| x * x).sum::<f32>().sqrt();
            r.iter_mut().for_each(|x| *x /= n);
        }
        let paths = tree_paths(&rows, 3, 1);
        let top = |p: u16| p >> (15 - p.leading_zeros() - 1);
        assert!(paths[..4].iter().all(|&p| top(p) == top(paths[0])));
        assert!(paths[4..].iter().all(|&p| top(p) == top(paths[4])));
        assert_ne!(top(paths[0]), top(paths[4]));
        // Eight rows, three levels: eight leaves of depth 3, all distinct.
        assert!(paths.iter().all(|&p| 15 - p.leading_zeros() == 3), "{paths:?}");
        let mut distinct = paths.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 8);
    }
}
