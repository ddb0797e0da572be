//! Viterbi decoding of one sentence over the BILOU tags, with the allowed
//! transitions only ([`crate::names::tags::allowed`]).
//!
//! The tagger's hot inner loop: each step sums only the 97 allowed
//! transitions of 289, in the shape [`CLOSING`] / [`STARTING`] describe,
//! four tags at a time, and keeps no back pointers (the way back
//! recomputes the one predecessor it needs). Ties are broken as the plain
//! search over every transition breaks them (the lower tag), which
//! `tests/common/viterbi_check.rs` checks on random scores.

use crate::names::tags::{allowed, may_end, transition_row, EntityType, Part, Tag, ALLOWED, CLOSING, N_TAGS, STARTING};

/// Transition weights: row `prev` (a tag, or [`N_TAGS`] for the sentence
/// start, see [`transition_row`]), column `next`; `-inf` where the
/// transition is not allowed.
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// The transition table of the weights `weight(prev, next)` (`prev`
/// `None`: the sentence start), `-inf` where the transition is not allowed.
pub fn transition_table(weight: impl Fn(Option<Tag>, Tag) -> f32) -> Transitions {
    let mut table = [[f32::NEG_INFINITY; N_TAGS]; N_TAGS + 1];
    for (p, row) in table.iter_mut().enumerate() {
        let prev = Tag::from_index(p);
        debug_assert_eq!(transition_row(prev), p);
        for (&next, w) in Tag::ALL.iter().zip(row) {
            let ok = match prev {
                Some(prev) => ALLOWED[prev.index()][next.index()],
                None => allowed(None, next),
            };
            if ok {
                *w = weight(prev, next);
            }
        }
    }
    table
}

/// Viterbi over one sentence, from per-token emission scores and the
/// transition table (`-inf`: not allowed; row `N_TAGS`: the start).
pub fn viterbi(trans: &Transitions, emissions: &[[f32; N_TAGS]], out: &mut Vec<Tag>) {
    Viterbi::default().run(trans, emissions, out)
}

/// [`viterbi`] with its table kept between sentences (no allocation per
/// sentence).
///
/// The forward pass keeps only each token's best scores, no back
/// pointers: the best path is walked back by recomputing, at each token,
/// which predecessor gave the score of the tag chosen there (`Viterbi::from`).
/// The sums recomputed are the very float additions of the forward pass,
/// compared in the same order with the same strict `>`, so the tag found
/// is the one a back pointer would have held; and it costs one tag's
/// predecessors a token instead of every tag's.
#[derive(Default)]
pub struct Viterbi {
    best: Vec<[f32; N_TAGS]>,
}

const NEG: f32 = f32::NEG_INFINITY;

impl Viterbi {
    /// A decoder whose table holds sentences of `tokens` without growing.
    pub fn with_capacity(tokens: usize) -> Viterbi {
        Viterbi { best: Vec::with_capacity(tokens) }
    }

    pub fn run(&mut self, trans: &Transitions, emissions: &[[f32; N_TAGS]], out: &mut Vec<Tag>) {
        out.clear();
        let n = emissions.len();
        if n == 0 {
            return;
        }
        let best = &mut self.best;
        best.clear();
        best.resize(n, [NEG; N_TAGS]);
        for ((b, &e), &w) in best[0].iter_mut().zip(&emissions[0]).zip(&trans[transition_row(None)]) {
            *b = e + w;
        }
        // The allowed transitions only (the others are `-inf` and never
        // chosen): a tag that starts something (O, B, U) follows a tag
        // that ends something (O, L, U), and an I or L of a type follows
        // the B or I of that type. 97 sums a step instead of 289.
        let rows = starts::Rows::of(trans);
        for i in 1..n {
            let prev = best[i - 1];
            let mut b = [NEG; N_TAGS];
            let start_best = rows.best(&prev);
            for (k, &t) in STARTING.iter().enumerate() {
                b[t.index()] = start_best[k];
            }
            for ty in EntityType::ALL {
                let (begin, inside) = (Tag::new(ty, Part::Begin).index(), Tag::new(ty, Part::Inside).index());
                for t in [inside, Tag::new(ty, Part::Last).index()] {
                    let (from_begin, from_inside) = (prev[begin] + trans[begin][t], prev[inside] + trans[inside][t]);
                    // As [`Viterbi::from`] picks: a tie goes to B.
                    b[t] = if from_inside > from_begin { from_inside } else { from_begin };
                }
            }
            for ((s, &b), &e) in best[i].iter_mut().zip(&b).zip(&emissions[i]) {
                *s = b + e;
            }
        }
        let mut last = Tag::O;
        let mut b = NEG;
        for t in Tag::ALL {
            if may_end(t) && best[n - 1][t.index()] > b {
                b = best[n - 1][t.index()];
                last = t;
            }
        }
        out.resize(n, Tag::O);
        out[n - 1] = last;
        for i in (1..n).rev() {
            out[i - 1] = Viterbi::from(trans, &best[i - 1], out[i]);
        }
    }

    /// The tag before `tag` on the best path to it, from the best scores
    /// `prev` of the token before: the first (lowest) tag of the greatest
    /// `prev[p] + trans[p][tag]` over the tags allowed before `tag`, as
    /// the forward pass compared them.
    #[inline]
    fn from(trans: &Transitions, prev: &[f32; N_TAGS], tag: Tag) -> Tag {
        let t = tag.index();
        match tag.entity() {
            Some((ty, Part::Inside | Part::Last)) => {
                let (begin, inside) = (Tag::new(ty, Part::Begin), Tag::new(ty, Part::Inside));
                let (from_begin, from_inside) =
                    (prev[begin.index()] + trans[begin.index()][t], prev[inside.index()] + trans[inside.index()][t]);
                // Strict `>`: a tie goes to B, the lower tag.
                if from_inside > from_begin {
                    inside
                } else {
                    begin
                }
            }
            _ => {
                let mut best = NEG;
                let mut arg = CLOSING[0];
                for p in CLOSING {
                    let s = prev[p.index()] + trans[p.index()][t];
                    if s > best {
                        (best, arg) = (s, p);
                    }
                }
                arg
            }
        }
    }
}

/// The first half of a Viterbi step: for each tag of [`STARTING`], its best
/// score from a tag of [`CLOSING`] (which tag it came from is found on
/// the way back, [`Viterbi::from`]). Four tags at a time: with SIMD on
/// WASM (LLVM leaves the plain loop scalar there); elsewhere a plain loop
/// over groups of four, written with selects so that the compiler
/// vectorizes it.
mod starts {
    use super::Transitions;
    use crate::names::tags::{CLOSING, N_TAGS, STARTING};

    const NEG: f32 = f32::NEG_INFINITY;

    /// Groups of four tags of `STARTING`, the last padded with `-inf`
    /// (never better than `-inf`, so never chosen).
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    const GROUPS: usize = STARTING.len().div_ceil(4);

    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    pub struct Rows([[[f32; 4]; GROUPS]; CLOSING.len()]);

    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    impl Rows {
        /// The transitions from each tag of `CLOSING` to each of `STARTING`.
        pub fn of(trans: &Transitions) -> Rows {
            Rows(CLOSING.map(|p| {
                let w = |k: usize| STARTING.get(k).map_or(NEG, |&t| trans[p.index()][t.index()]);
                std::array::from_fn(|g| std::array::from_fn(|l| w(4 * g + l)))
            }))
        }

        /// Per tag of `STARTING`: the best score from `prev`.
        #[inline]
        pub fn best(&self, prev: &[f32; N_TAGS]) -> [f32; STARTING.len()] {
            // Over `p` outside, with selects instead of branches, in
            // groups of four lanes: the shape LLVM turns into 128-bit
            // vector code.
            let mut best = [[NEG; 4]; GROUPS];
            for (&p, row) in CLOSING.iter().zip(&self.0) {
                let from = prev[p.index()];
                for (best, row) in best.iter_mut().zip(row) {
                    for l in 0..4 {
                        let s = from + row[l];
                        best[l] = if s > best[l] { s } else { best[l] };
                    }
                }
            }
            std::array::from_fn(|k| best[k / 4][k % 4])
        }
    }

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    use core::arch::wasm32::*;

    /// Vectors of four tags of `STARTING`, the last padded with `-inf`.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    const VECTORS: usize = STARTING.len().div_ceil(4);

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    pub struct Rows([[v128; VECTORS]; CLOSING.len()]);

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    impl Rows {
        pub fn of(trans: &Transitions) -> Rows {
            Rows(CLOSING.map(|p| {
                let w = |k: usize| STARTING.get(k).map_or(NEG, |&t| trans[p.index()][t.index()]);
                std::array::from_fn(|v| f32x4(w(4 * v), w(4 * v + 1), w(4 * v + 2), w(4 * v + 3)))
            }))
        }

        #[inline]
        pub fn best(&self, prev: &[f32; N_TAGS]) -> [f32; STARTING.len()] {
            let mut best = [f32x4_splat(NEG); VECTORS];
            for (&p, row) in CLOSING.iter().zip(&self.0) {
                let from = f32x4_splat(prev[p.index()]);
                for v in 0..VECTORS {
                    let s = f32x4_add(from, row[v]);
                    best[v] = v128_bitselect(s, best[v], f32x4_gt(s, best[v]));
                }
            }
            let lanes = |v: usize| {
                let b = best[v];
                [f32x4_extract_lane::<0>(b), f32x4_extract_lane::<1>(b), f32x4_extract_lane::<2>(b), f32x4_extract_lane::<3>(b)]
            };
            std::array::from_fn(|k| lanes(k / 4)[k % 4])
        }
    }
}
