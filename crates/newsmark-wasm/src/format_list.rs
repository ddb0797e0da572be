//! The formats as the page's menus list them: in the first module, which
//! the page loads at once, apart from their writers and readers
//! ([`crate::transfer`], loaded when the page first exports or imports).

use crate::convert::to_js;
use newsmark::export::Format;
use newsmark::OffsetUnit;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The export formats, for the page's menus: `[{id, name, extension,
/// offset_unit, can_import}]`, in menu order.
#[wasm_bindgen]
pub fn formats() -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct JsFormat {
        id: &'static str,
        name: &'static str,
        extension: &'static str,
        offset_unit: Option<OffsetUnit>,
        can_import: bool,
    }
    let all: Vec<JsFormat> = Format::ALL
        .iter()
        .map(|&f| JsFormat {
            id: f.name(),
            name: f.display_name(),
            extension: f.extension(),
            offset_unit: f.offset_unit(),
            can_import: f.can_import(),
        })
        .collect();
    to_js(&all)
}
