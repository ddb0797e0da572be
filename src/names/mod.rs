//! Names: PERSON, ORG, LOC and MISC.
//!
//! The statistical [`tagger`] (an averaged perceptron over BILOU tags,
//! trained by [`train`] on CoNLL-2003 and embedded as `model/names.bin`)
//! proposes names with [`Source::Model`]. If the embedded model cannot be
//! loaded, the rule-based [`baseline`] runs instead. [`lexicon`] holds the
//! compiled name lists the tagger uses as features.

pub mod baseline;
pub mod clusters;
pub mod conventions;
pub mod features;
pub mod gazetteer;
pub mod key_index;
pub mod lexemes;
pub mod lexicon;
pub mod lexicon_features;
pub mod model;
pub mod tagger;
pub mod tags;
pub mod text_index;
pub mod train;

use crate::error::Error;
use crate::{Annotation, Context, Source};
use features::{Doc, History};
use lexemes::Lexemes;
use model::Model;
use std::cell::RefCell;
use std::sync::OnceLock;

/// The model file compiled into the crate.
static MODEL_BYTES: &[u8] = include_bytes!("../../model/names.bin");

/// The embedded model, parsed on first use.
pub fn embedded_model() -> Result<&'static Model, &'static Error> {
    static MODEL: OnceLock<Result<Model, Error>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES)).as_ref()
}

thread_local! {
    /// The words met on this thread, under the embedded model.
    static LEXEMES: RefCell<Option<Lexemes<'static>>> = const { RefCell::new(None) };
}

/// Empties this thread's table of the words met ([`lexemes`]), giving its
/// memory back. The names found do not change: only the time to find them
/// in text with words already met.
pub fn forget_words() {
    LEXEMES.with(|cell| *cell.borrow_mut() = None);
}

/// Finds names and pushes them to `out`, with this thread's table of the
/// words met ([`lexemes`]).
pub fn recognize(cx: &Context, out: &mut Vec<Annotation>) {
    match embedded_model() {
        Ok(model) => LEXEMES.with(|cell| {
            let mut slot = cell.borrow_mut();
            let lexemes = slot.get_or_insert_with(|| Lexemes::new(model));
            // Emptied once past its capacity. A document may take it past
            // (it keeps every word of the document being tagged); emptying
            // then also gives back the memory above the capacity.
            if lexemes.len() > Lexemes::CAPACITY {
                lexemes.clear();
            }
            recognize_with_lexemes(lexemes, cx, out);
        }),
        Err(_) => baseline::recognize(cx, out),
    }
}

/// Tags names with `model` and pushes them to `out` with [`Source::Model`].
pub fn recognize_with(model: &Model, cx: &Context, out: &mut Vec<Annotation>) {
    recognize_with_lexemes(&mut Lexemes::new(model), cx, out);
}

/// Tags names with the model of `lexemes`, adding the words of the text
/// to it, and pushes them to `out` with [`Source::Model`].
pub fn recognize_with_lexemes(lexemes: &mut Lexemes, cx: &Context, out: &mut Vec<Annotation>) {
    if cx.tokens.is_empty() {
        return;
    }
    let mut doc = Doc::with_forms(cx.text, cx.tokens, lexemes);
    let model = lexemes.model();
    doc.gazetteer = model.gazetteer().codes(&doc);
    let mut history = History::default();
    let tags = tagger::decode_doc_cached(lexemes, &doc, &mut history);
    let mut entities = tags::entities(&tags);
    conventions::apply(cx.text, cx.tokens, &mut entities);
    for (range, ty) in entities {
        let span = crate::Span::new(cx.tokens[range.start].span.start, cx.tokens[range.end - 1].span.end);
        out.push(Annotation::new(span, ty.label(), None, Source::Model));
    }
}
