//! Viterbi decoding of one sentence over the BILOU tags, with the allowed
//! transitions only ([`crate::names::tags::allowed`]).
//!
//! The tagger's hot inner loop: each step sums only the 97 allowed
//! transitions of 289, in the shape [`CLOSING`](crate::names::tags::CLOSING) / [`STARTING`] describe,
//! with SIMD on WASM. Ties are broken as the plain search over every
//! transition breaks them (the lower tag), which `tests/common/viterbi_check.rs`
//! checks on random scores.

use crate::names::tags::{allowed, may_end, transition_row, EntityType, Part, Tag, ALLOWED, N_TAGS, STARTING};

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

/// [`viterbi`] with its tables kept between sentences (no allocation per
/// sentence).
#[derive(Default)]
pub struct Viterbi {
    best: Vec<[f32; N_TAGS]>,
    back: Vec<[u8; N_TAGS]>,
}

impl Viterbi {
    /// A decoder whose tables hold sentences of `tokens` without growing.
    pub fn with_capacity(tokens: usize) -> Viterbi {
        Viterbi { best: Vec::with_capacity(tokens), back: Vec::with_capacity(tokens) }
    }

    pub fn run(&mut self, trans: &Transitions, emissions: &[[f32; N_TAGS]], out: &mut Vec<Tag>) {
        out.clear();
        let n = emissions.len();
        if n == 0 {
            return;
        }
        const NEG: f32 = f32::NEG_INFINITY;
        let (best, back) = (&mut self.best, &mut self.back);
        best.clear();
        best.resize(n, [NEG; N_TAGS]);
        back.clear();
        back.resize(n, [0u8; N_TAGS]);
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
            let mut arg = [0u8; N_TAGS];
            let (start_best, start_arg) = rows.best(&prev);
            for (k, &t) in STARTING.iter().enumerate() {
                b[t.index()] = start_best[k];
                arg[t.index()] = start_arg[k];
            }
            for ty in EntityType::ALL {
                let (begin, inside) = (Tag::new(ty, Part::Begin).index(), Tag::new(ty, Part::Inside).index());
                for t in [inside, Tag::new(ty, Part::Last).index()] {
                    let (from_begin, from_inside) = (prev[begin] + trans[begin][t], prev[inside] + trans[inside][t]);
                    // Strict `>`: a tie goes to B, the lower tag.
                    if from_inside > from_begin {
                        (b[t], arg[t]) = (from_inside, inside as u8);
                    } else if from_begin > NEG {
                        (b[t], arg[t]) = (from_begin, begin as u8);
                    }
                }
            }
            for ((s, &b), &e) in best[i].iter_mut().zip(&b).zip(&emissions[i]) {
                *s = b + e;
            }
            back[i] = arg;
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
            out[i - 1] = Tag::ALL[back[i][out[i].index()] as usize];
        }
    }
}

/// The first half of a Viterbi step: for each tag of [`STARTING`], its best
/// predecessor among [`CLOSING`], the first (in that order) of the greatest
/// score. With SIMD on WASM four tags at a time (LLVM leaves the plain loop
/// scalar there); elsewhere the plain loop, written with selects so that
/// the compiler may vectorize it.
mod starts {
    use super::Transitions;
    use crate::names::tags::{CLOSING, N_TAGS, STARTING};

    const NEG: f32 = f32::NEG_INFINITY;

    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    pub struct Rows([[f32; STARTING.len()]; CLOSING.len()]);

    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    impl Rows {
        /// The transitions from each tag of `CLOSING` to each of `STARTING`.
        pub fn of(trans: &Transitions) -> Rows {
            Rows(CLOSING.map(|p| STARTING.map(|t| trans[p.index()][t.index()])))
        }

        /// Per tag of `STARTING`: the best score from `prev`, and the tag
        /// it comes from.
        #[inline]
        pub fn best(&self, prev: &[f32; N_TAGS]) -> ([f32; STARTING.len()], [u8; STARTING.len()]) {
            // Over `p` outside, with selects instead of branches.
            let mut best = [NEG; STARTING.len()];
            let mut arg = [0u32; STARTING.len()];
            for (&p, row) in CLOSING.iter().zip(&self.0) {
                let from = prev[p.index()];
                for k in 0..STARTING.len() {
                    let s = from + row[k];
                    let better = s > best[k];
                    best[k] = if better { s } else { best[k] };
                    arg[k] = if better { p.index() as u32 } else { arg[k] };
                }
            }
            (best, arg.map(|a| a as u8))
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
        pub fn best(&self, prev: &[f32; N_TAGS]) -> ([f32; STARTING.len()], [u8; STARTING.len()]) {
            let mut best = [f32x4_splat(NEG); VECTORS];
            let mut arg = [u32x4_splat(0); VECTORS];
            for (&p, row) in CLOSING.iter().zip(&self.0) {
                let from = f32x4_splat(prev[p.index()]);
                let tag = u32x4_splat(p.index() as u32);
                for v in 0..VECTORS {
                    let s = f32x4_add(from, row[v]);
                    let better = f32x4_gt(s, best[v]);
                    best[v] = v128_bitselect(s, best[v], better);
                    arg[v] = v128_bitselect(tag, arg[v], better);
                }
            }
            let lanes = |v: usize| {
                let (b, a) = (best[v], arg[v]);
                [
                    (f32x4_extract_lane::<0>(b), u32x4_extract_lane::<0>(a)),
                    (f32x4_extract_lane::<1>(b), u32x4_extract_lane::<1>(a)),
                    (f32x4_extract_lane::<2>(b), u32x4_extract_lane::<2>(a)),
                    (f32x4_extract_lane::<3>(b), u32x4_extract_lane::<3>(a)),
                ]
            };
            let mut out = ([NEG; STARTING.len()], [0u8; STARTING.len()]);
            for k in 0..STARTING.len() {
                let (b, a) = lanes(k / 4)[k % 4];
                (out.0[k], out.1[k]) = (b, a as u8);
            }
            out
        }
    }
}
