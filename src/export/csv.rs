//! A CSV of annotations, one row a span:
//! `doc_id,start,end,label,text,value,source`.
//!
//! RFC 4180: rows end with CRLF, and a field holding a comma, a double
//! quote, CR or LF is quoted, its quotes doubled. Offsets are code points,
//! end exclusive. The value is its short display form
//! (`455,000,000 USD (more than)`, `2022-08-09`), empty for names. Export
//! only: the CSV does not hold the text.
//!
//! The `text` cell is exactly `text[start:end]`, what a program reading
//! the CSV (pandas) compares with the document. For spreadsheets there are
//! two options ([`ExportOptions`]): `bom`, the byte-order mark Excel needs
//! to read UTF-8, and `formula_guard`. Spreadsheets run a cell that starts
//! with `=`, `+`, `-` or `@` as a formula, and an article can be written to
//! make one (`=HYPERLINK(...)`); with the guard, every such field that can
//! hold text from outside (`doc_id`, `text`, and `value`: a DATE value
//! typed in the page or read from an imported file is any string) starts
//! with a `'`, which spreadsheets hide and read as "this is text" (OWASP's
//! advice for CSV injection). The other fields are newsmark's own
//! (offsets, label and source names).

use super::{ExportOptions, NamedDocument};
use crate::span::{OffsetMap, OffsetUnit};
use std::borrow::Cow;

pub(crate) fn export(docs: &[NamedDocument], options: &ExportOptions) -> String {
    let guard = |field: &str| if options.formula_guard { inert(field).into_owned() } else { field.to_owned() };
    let mut out = String::new();
    if options.bom {
        out.push('\u{feff}');
    }
    out.push_str("doc_id,start,end,label,text,value,source\r\n");
    for d in docs {
        let map = OffsetMap::new(&d.doc.text);
        for a in &d.doc.annotations {
            let (s, e) = map.span_to(a.span, OffsetUnit::Codepoint);
            let value = a.value.as_ref().map(|v| guard(&v.display())).unwrap_or_default();
            let source = a.source.name();
            let id = guard(&d.id);
            let text = guard(a.text(&d.doc.text));
            let row = [&*id, &s.to_string(), &e.to_string(), a.label.as_str(), &*text, &value, source];
            for (i, field) in row.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_field(&mut out, field);
            }
            out.push_str("\r\n");
        }
    }
    out
}

/// `field`, with a `'` before it when a spreadsheet would run it as a
/// formula.
fn inert(field: &str) -> Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

/// Writes one field, quoted when RFC 4180 requires it.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}
