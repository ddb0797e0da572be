//! Names: PERSON, ORG, LOC and MISC.
//!
//! The statistical tagger (an averaged perceptron over BILOU tags, trained
//! by [`train`] on CoNLL-2003 and embedded as `model/names.bin`) proposes
//! names with [`Source::Model`]. If the embedded model cannot be loaded,
//! the rule-based [`baseline`] runs instead. [`lexicon`] holds the compiled
//! name lists the tagger uses as features.
//!
//! The modules, from the bottom up (each uses only modules above it in
//! this list, and [`crate::hash`]):
//! - [`tags`]: the tag set (newtypes) and the BILOU transition rule;
//! - [`text_index`], [`key_index`]: the hash tables of the word table and
//!   of the model;
//! - [`lexicon`]: the compiled name lists; [`baseline`]: the rule-based
//!   tagger over them; [`marks`]: what both say of each token;
//! - [`doc`]: one document prepared for the features (forms, sentences,
//!   line casing, casing evidence), [`history`]: the types given so far;
//! - [`gazetteer`]: the entity strings of the training text;
//! - [`templates`]: the feature templates, hashed;
//! - [`viterbi`]: one sentence's best tag path;
//! - [`model`]: the model file and its weights;
//! - [`word_table`]: the words met, with their summed weights;
//! - [`decode`]: a document's tags, sentence by sentence;
//! - [`conventions`]: the project's corrections of the tagger's entities;
//! - [`consistency`]: names made consistent across a document (called by
//!   [`crate::resolve`]);
//! - [`train`]: training (the `train` feature).

pub mod baseline;
pub mod consistency;
pub mod conventions;
pub mod decode;
pub mod doc;
pub mod gazetteer;
pub mod history;
pub mod key_index;
pub mod lexicon;
pub mod marks;
pub mod model;
pub mod tags;
pub mod templates;
pub mod text_index;
#[cfg(feature = "train")]
pub mod train;
pub mod viterbi;
pub mod word_table;

use crate::document::{Annotation, Source};
use crate::error::Error;
use crate::recognizer::Context;
use doc::Doc;
use history::History;
use model::Model;
use std::cell::RefCell;
use std::sync::OnceLock;
use word_table::WordTable;

/// The model file compiled into the crate.
static MODEL_BYTES: &[u8] = include_bytes!("../../model/names.bin");

/// The embedded model, parsed on first use.
pub fn embedded_model() -> Result<&'static Model, &'static Error> {
    static MODEL: OnceLock<Result<Model, Error>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES)).as_ref()
}

thread_local! {
    /// The words met on this thread, under the embedded model.
    static WORDS: RefCell<Option<WordTable<'static>>> = const { RefCell::new(None) };
}

/// Empties this thread's table of the words met ([`word_table`]), giving its
/// memory back. The names found do not change: only the time to find them
/// in text with words already met.
pub fn forget_words() {
    WORDS.with(|cell| *cell.borrow_mut() = None);
}

/// Finds names and pushes them to `out`, with this thread's table of the
/// words met ([`word_table`]).
pub fn recognize(cx: &Context, out: &mut Vec<Annotation>) {
    match embedded_model() {
        Ok(model) => WORDS.with(|cell| {
            let mut slot = cell.borrow_mut();
            let table = slot.get_or_insert_with(|| WordTable::new(model));
            // Emptied once past its capacity. A document may take it past
            // (it keeps every word of the document being tagged); emptying
            // then also gives back the memory above the capacity.
            if table.len() > WordTable::CAPACITY {
                table.clear();
            }
            recognize_with_table(table, cx, out);
        }),
        Err(_) => baseline::recognize(cx, out),
    }
}

/// Tags names with `model` and pushes them to `out` with [`Source::Model`].
pub fn recognize_with(model: &Model, cx: &Context, out: &mut Vec<Annotation>) {
    recognize_with_table(&mut WordTable::new(model), cx, out);
}

/// Tags names with the model of `table`, adding the words of the text
/// to it, and pushes them to `out` with [`Source::Model`].
pub fn recognize_with_table(table: &mut WordTable, cx: &Context, out: &mut Vec<Annotation>) {
    if cx.tokens.is_empty() {
        return;
    }
    // The steps of preparing a document: the other recognizers' marks,
    // the forms (from the word table), then the gazetteer's codes.
    let (_, entities) = tag_with_table(table, cx);
    for (range, ty) in entities {
        let span = crate::span::Span::new(cx.tokens[range.start].span.start, cx.tokens[range.end - 1].span.end);
        out.push(Annotation::new(span, ty.label(), None, Source::Model));
    }
}

/// The document as the features see it, and the entities the tagger gives
/// it (after the project's conventions): what [`recognize_with_table`]
/// marks, before it becomes annotations. `cx` must have tokens.
fn tag_with_table<'t>(table: &mut WordTable, cx: &Context<'t>) -> (Doc<'t>, Vec<tags::Entity>) {
    let marks = marks::of(cx.text, cx.tokens);
    let mut doc = Doc::with_forms(cx.text, cx.tokens, table, marks);
    let model = table.model();
    doc.gazetteer = model.gazetteer().codes(&doc);
    let mut history = History::default();
    let tags = decode::decode_doc_cached(table, &doc, &mut history);
    let mut entities = tags::entities(&tags);
    conventions::apply(cx.text, cx.tokens, &mut entities);
    (doc, entities)
}

/// A document as [`tagged`] gives it.
pub struct Tagged<'t> {
    pub doc: Doc<'t>,
    pub entities: Vec<tags::Entity>,
    /// The [`WordTable::serial`] of the table the document's
    /// [`Doc::source_ids`] are ids in.
    pub table: u64,
}

/// What the adaptive tagger ([`crate::adapt`]) builds on: the prepared
/// document (for the same features) and the embedded tagger's entities,
/// exactly those [`recognize`] turns into annotations, with this thread's
/// table of the words met. `None` when the text has no tokens or the
/// embedded model cannot be loaded (then [`recognize`] runs the baseline).
pub fn tagged<'t>(cx: &Context<'t>) -> Option<Tagged<'t>> {
    if cx.tokens.is_empty() {
        return None;
    }
    let model = embedded_model().ok()?;
    Some(WORDS.with(|cell| {
        let mut slot = cell.borrow_mut();
        let table = slot.get_or_insert_with(|| WordTable::new(model));
        if table.len() > WordTable::CAPACITY {
            table.clear();
        }
        let (doc, entities) = tag_with_table(table, cx);
        Tagged { doc, entities, table: table.serial() }
    }))
}
