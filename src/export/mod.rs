//! Exports and imports: one module per format.
//!
//! Each format writes offsets in the unit its consumer reads (see the
//! README's table): code points for Python tools, UTF-16 where a JavaScript
//! tool reads them, tokens for CoNLL.

pub mod json;

pub use json::{DocumentRecord, SpanRecord, SCHEMA};
