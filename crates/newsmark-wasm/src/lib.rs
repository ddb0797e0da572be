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
//! - [`transfer`]: the formats, exports and imports.
//!
//! The spans the page sees are built by `js/spans.js`, in one shape
//! everywhere; the same shape goes back in (hand edits, exports). How
//! labels look on the page (names, colors, shortcuts) is the page's own
//! business (`www/labels.js`).

use wasm_bindgen::prelude::*;

pub mod adapt;
pub mod annotate;
pub mod convert;
pub mod edit;
pub mod job;
pub mod labels;
pub mod tokens;
pub mod transfer;
pub mod value;

pub use adapt::Adapter;
pub use annotate::annotate;
pub use edit::validate_edit;
pub use job::AnnotationJob;
pub use labels::{define_labels, read_label_set};
pub use tokens::tokens;
pub use transfer::{export_documents, formats, import_file, import_files};
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
