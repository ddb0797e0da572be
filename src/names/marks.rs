//! What other recognizers say of a document's tokens, which the tagger
//! reads as features ([`Marks`]): the rule-based baseline's names as BILOU
//! tags (the tagger learns how far to trust each of its decisions), and
//! the name lists each token's word, and a multi-word entry covering it,
//! belong to, as a bit set per token.
//!
//! Computing them is the first step of preparing a document ([`of`]);
//! `names::doc` takes them as an input.
//!
//! Bits 0..15 are the [`LexFlags`](crate::names::lexicon::LexFlags) of the word alone; bits 16..31 the
//! flags of the longest multi-word entry covering the token, shifted by
//! 16; bit 15 marks the first token of such an entry and bit 31 its last.
//! (The lexicon's public flags use bits 0..14.)
//!
//! The model is trained with the lists compiled into the same binary;
//! when the lists change, retrain the model (`newsmark train`).

use crate::names::baseline;
use crate::names::doc::Marks;
use crate::names::lexicon::{self, TokenMatch};
use crate::names::tags::{self, Entity, EntityType};
use crate::recognizer::Context;
use crate::tokenize::Token;

/// The marks of every token of `tokens` (in `text`): one pass of the name
/// lists, shared by the flags and the baseline.
pub fn of(text: &str, tokens: &[Token]) -> Marks {
    let matches = lexicon::lexicon().token_matches(text, tokens);
    Marks { lexicon: flags(&matches), baseline: baseline_tags(text, tokens, &matches) }
}

/// The rule-based baseline's names as one BILOU tag per token.
fn baseline_tags(text: &str, tokens: &[Token], matches: &[TokenMatch]) -> Vec<tags::Tag> {
    let cx = Context { text, tokens, article_date: None };
    let entities: Vec<Entity> =
        baseline::names(&cx, matches).into_iter().filter_map(|(range, label)| Some((range, EntityType::of_label(label)?))).collect();
    tags::tags_of(tokens.len(), &entities)
}

const MULTI_START: u32 = 1 << 15;
const MULTI_END: u32 = 1 << 31;
const WORD_MASK: u32 = 0x7fff;

/// One bit set per token (0: on no list), from the lexicon's
/// [`Lexicon::token_matches`](crate::names::lexicon::Lexicon::token_matches).
pub fn flags(matches: &[TokenMatch]) -> Vec<u32> {
    let mut out = vec![0u32; matches.len()];
    // Multi-word entries do not overlap: one found at `i` covers the
    // tokens before `covered_to`, where no other may start.
    let mut covered_to = 0;
    for (i, &(word, longest)) in matches.iter().enumerate() {
        out[i] |= word.bits() & WORD_MASK;
        if i < covered_to {
            continue;
        }
        if let Some((n, f)) = longest.filter(|&(n, f)| n >= 2 && !f.is_empty()) {
            let multi = (f.bits() & WORD_MASK) << 16;
            for flags in &mut out[i..i + n] {
                *flags |= multi;
            }
            out[i] |= MULTI_START;
            out[i + n - 1] |= MULTI_END;
            covered_to = i + n;
        }
    }
    out
}
