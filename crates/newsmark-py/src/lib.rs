//! newsmark's Python bindings: the extension module `newsmark._newsmark`
//! that the pure-Python package `newsmark` (python/newsmark) wraps.
//!
//! A thin layer, as crates/newsmark-wasm is for JavaScript: the core
//! annotates, imports and exports; this crate turns Python arguments into
//! the core's options and the core's results into strings and bytes. The
//! documents cross as `newsmark/1` JSON lines, written by the core's own
//! writer ([`newsmark::export::json::to_json_line`], what `newsmark
//! annotate --jsonl` writes), so a document in Python is the CLI's document
//! exactly; the Python side turns each line into a `dict`.
//!
//! Work that takes time (annotating, importing, exporting) runs with the
//! GIL released, and `annotate_many_json` on every core (rayon, as the CLI).
#![cfg(not(target_arch = "wasm32"))]

mod annotate;
mod convert;
mod learn;
mod transfer;

use pyo3::prelude::*;

/// The module `newsmark._newsmark`.
#[pymodule]
fn _newsmark(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", newsmark::VERSION)?;
    m.add("NewsmarkError", m.py().get_type::<convert::NewsmarkError>())?;
    m.add_class::<annotate::Adapter>()?;
    m.add_function(wrap_pyfunction!(annotate::annotate_json, m)?)?;
    m.add_function(wrap_pyfunction!(annotate::annotate_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(learn::learn_files, m)?)?;
    m.add_function(wrap_pyfunction!(transfer::export_files, m)?)?;
    m.add_function(wrap_pyfunction!(transfer::load_files, m)?)?;
    m.add_function(wrap_pyfunction!(transfer::formats, m)?)?;
    Ok(())
}
