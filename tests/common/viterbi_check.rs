//! The tagger's Viterbi against the plain search over every transition,
//! on random scores. Shared by the native tests (`tests/tagger.rs`) and the
//! WASM ones (`tests/wasm.rs`), whose build decodes with SIMD.

use newsmark::names::tags::{allowed, may_end, Tag, N_TAGS};
use newsmark::names::viterbi::viterbi;

/// Viterbi over every transition, the plain way.
fn viterbi_reference(trans: &[[f32; N_TAGS]; N_TAGS + 1], emissions: &[[f32; N_TAGS]]) -> Vec<Tag> {
    let n = emissions.len();
    let mut best = vec![[f32::NEG_INFINITY; N_TAGS]; n];
    let mut back = vec![[0usize; N_TAGS]; n];
    for t in 0..N_TAGS {
        best[0][t] = emissions[0][t] + trans[N_TAGS][t];
    }
    for i in 1..n {
        for t in 0..N_TAGS {
            for p in 0..N_TAGS {
                let s = best[i - 1][p] + trans[p][t];
                if s > best[i][t] {
                    best[i][t] = s;
                    back[i][t] = p;
                }
            }
            best[i][t] += emissions[i][t];
        }
    }
    let last = (0..N_TAGS).filter(|&t| may_end(Tag::ALL[t])).fold(0, |b, t| if best[n - 1][t] > best[n - 1][b] { t } else { b });
    let mut out = vec![last; n];
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]];
    }
    out.into_iter().map(|t| Tag::ALL[t]).collect()
}

/// Panics unless the tagger's Viterbi finds the plain search's path on 300
/// random sentences. Small integer scores, so that ties happen and must be
/// broken the same way.
pub fn viterbi_matches_the_plain_search() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 7) as f32 - 3.0
    };
    for round in 0..300 {
        let mut trans = [[f32::NEG_INFINITY; N_TAGS]; N_TAGS + 1];
        for (p, row) in trans.iter_mut().enumerate() {
            for (t, w) in row.iter_mut().enumerate() {
                let ok = allowed(Tag::from_index(p), Tag::ALL[t]);
                if ok {
                    *w = next();
                }
            }
        }
        let len = 1 + round % 9;
        let emissions: Vec<[f32; N_TAGS]> = (0..len).map(|_| std::array::from_fn(|_| next())).collect();
        let mut out = Vec::new();
        viterbi(&trans, &emissions, &mut out);
        assert_eq!(out, viterbi_reference(&trans, &emissions), "round {round}");
    }
}
