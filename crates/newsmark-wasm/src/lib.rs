//! newsmark's JavaScript bindings: the only crate that knows wasm-bindgen.
//! `scripts/build-wasm` turns it into `www/pkg/newsmark.js` and
//! `newsmark_bg.wasm`, which the page's worker loads.
//!
//! Everything crosses the boundary as plain JS objects and every failure as
//! a real JS `Error` whose `name` is the error's kind. Offsets given to and
//! returned from the page are UTF-16 code units (JavaScript string
//! indexes); every span also carries its code point offsets (`start_cp`,
//! `end_cp`), the unit of the exports. Inside, spans are byte ranges,
//! converted by [`newsmark::OffsetMap`].
//!
//! - [`convert`]: what crosses the boundary (options, spans, documents,
//!   errors), one shape each, built in one place;
//! - [`mod@adapt`]: the adaptive tagger of a project ([`Adapter`]);
//! - [`mod@annotate`]: annotating a text in one call;
//! - [`job`]: annotating a long text a part at a time ([`AnnotationJob`]);
//! - [`edit`]: checking a hand edit ([`validate_edit`]);
//! - [`labels`]: labels of the user's own, defined before they are used
//!   ([`define_labels`]), and label-set files read ([`read_label_set`]);
//! - [`mod@tokens`]: the core's token boundaries, where selections snap;
//! - [`value`]: values typed by hand, checked and told in words
//!   ([`check_value`]), and the lists the value editors offer;
//! - [`format_list`]: the formats, as the page's menus list them;
//! - [`transfer`]: the formats' exports and imports.
//!
//! The page loads the bindings as two modules, built from this crate with
//! its two features (`scripts/build-wasm`): `annotator` (everything above
//! but [`transfer`]: the module the page loads at once) and `formats`
//! ([`transfer`], [`labels`], [`format_list`]: loaded when the page first
//! exports or imports, so that a cold page does not fetch a third of the
//! code it may never run). Each module has its own core, so the page tells
//! the second the labels the first knows ([`defined_labels`]) before
//! using it. Built with both (the default), the crate is both: tests and
//! Node use that.
//!
//! The spans the page sees are built by `js/spans.js`, in one shape
//! everywhere; the same shape goes back in (hand edits, exports). How
//! labels look on the page (names, colors, shortcuts) is the page's own
//! business (`www/labels.js`).

// Built with one half alone, the helpers only the other half calls are
// unused there.
#![cfg_attr(not(all(feature = "annotator", feature = "formats")), allow(dead_code, unused_imports))]

use wasm_bindgen::prelude::*;

#[cfg(feature = "annotator")]
pub mod adapt;
#[cfg(feature = "annotator")]
pub mod annotate;
pub mod convert;
#[cfg(feature = "annotator")]
pub mod edit;
pub mod format_list;
#[cfg(feature = "annotator")]
pub mod job;
pub mod labels;
#[cfg(feature = "annotator")]
pub mod tokens;
#[cfg(feature = "formats")]
pub mod transfer;
#[cfg(feature = "annotator")]
pub mod value;

#[cfg(feature = "annotator")]
pub use adapt::Adapter;
#[cfg(feature = "annotator")]
pub use annotate::annotate;
#[cfg(feature = "annotator")]
pub use edit::validate_edit;
pub use format_list::formats;
#[cfg(feature = "annotator")]
pub use job::AnnotationJob;
pub use labels::{define_labels, defined_labels, read_label_set};
#[cfg(feature = "annotator")]
pub use tokens::tokens;
#[cfg(feature = "formats")]
pub use transfer::{export_documents, import_file, import_files, read_tool_labels};
#[cfg(feature = "annotator")]
pub use value::{check_value, value_vocabulary};

/// Installs the panic hook (when built with the `panic-hook` feature) as
/// soon as the module is instantiated, so a Rust panic shows in the console
/// with its message instead of a bare `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    newsmark::VERSION.to_owned()
}
