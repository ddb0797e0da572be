//! Labels of the user's own: the page tells the core its project's labels
//! before it sends marks, edits or files that hold them.

use crate::convert::{core_error, from_js_required, to_js};
use newsmark::{Label, LabelSet, ValueKind};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// One label of a project's set as the page holds it; colors and keys are
/// the page's, so only the name and the kind of value cross.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelDefinition {
    name: String,
    #[serde(default = "no_value")]
    kind: ValueKind,
}

fn no_value() -> ValueKind {
    ValueKind::None
}

/// Defines the labels `[{name, kind}]` (`kind`: `"none"`, the default,
/// `"number"`, `"money"` or `"date"`), each as [`Label::redefine`] does
/// (the page's set is the truth: a label deleted and made again as
/// another kind is the new one), and
/// returns their names as the core spells them (a name already defined
/// keeps its first spelling; a built-in name gives the built-in label).
/// Throws an `InvalidLabelError` naming the first label that cannot be
/// defined, and then defines none of those after it.
#[wasm_bindgen(js_name = defineLabels)]
pub fn define_labels(labels: JsValue) -> Result<JsValue, JsValue> {
    let labels: Vec<LabelDefinition> = from_js_required(labels, "labels")?;
    let names =
        labels.iter().map(|l| Label::redefine(&l.name, l.kind).map(Label::as_str)).collect::<Result<Vec<_>, _>>().map_err(core_error)?;
    to_js(&names)
}

/// The labels of the user's own the core knows now, `[{name, kind}]`,
/// each name once with the kind it reads as, in the order they were first
/// defined: what the page's second module (the formats', see the crate's
/// doc) is given with [`define_labels`], so that it reads every name as
/// this one does.
#[wasm_bindgen(js_name = definedLabels)]
pub fn defined_labels() -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
    struct Defined {
        name: &'static str,
        kind: ValueKind,
    }
    let mut out: Vec<Defined> = Vec::new();
    for label in LabelSet::all().iter().filter(|l| l.is_custom()) {
        // A name made again as another kind reads as its newest label.
        let current: Label = label.as_str().parse().map_err(core_error)?;
        if !out.iter().any(|d| d.name == current.as_str()) {
            out.push(Defined { name: current.as_str(), kind: current.value_kind() });
        }
    }
    to_js(&out)
}

/// Reads a `newsmark-labels/1` file (the page's own, or the
/// `newsmark-labels.json` of an export) as the core does for
/// `--label-set`: checked whole, its labels defined, and returned as the
/// core writes the set (`{schema, builtins, labels: [{name, kind, color,
/// key?}]}`). Throws an `Error` saying what is wrong, defining nothing.
#[wasm_bindgen(js_name = readLabelSet)]
pub fn read_label_set(text: &str) -> Result<JsValue, JsValue> {
    let set = newsmark::export::LabelScheme::from_json(text).map_err(core_error)?;
    js_sys::JSON::parse(&set.to_json())
}
