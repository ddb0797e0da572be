//! A project's label set as a file, `newsmark-labels/1`: which of the
//! eleven built-in labels the project uses, and the labels of its own with
//! their kind of value, color and shortcut key:
//!
//! ```json
//! {"schema": "newsmark-labels/1",
//!  "builtins": {"PERSON": true, "ORDINAL": false},
//!  "labels": [{"name": "WEAPON", "kind": "none", "color": "#d65f5f", "key": "w"}]}
//! ```
//!
//! A built-in label left out of `builtins` is on. Colors are `#rrggbb`
//! (written in lower case); a key is one character, or left out. The page
//! saves and exports its set in this shape (`www/labelset.js`), and the
//! exports that can carry a label set read it from
//! [`ExportOptions::labels`](super::ExportOptions::labels): Label Studio's
//! labeling config (the set's labels in their colors), brat's
//! `annotation.conf` and `visual.conf`, doccano's label definitions.
//!
//! Reading checks everything before it defines anything, and says what is
//! wrong in a user's words ([`ErrorKind::InvalidLabel`], or
//! [`ErrorKind::InvalidJson`] for the file's shape): a name that cannot be a
//! label, a name or key used twice, a bad color.

use crate::error::{Error, ErrorKind, Result};
use crate::label::{Label, LabelSet, ValueKind};
use serde_json::{Map, Value as Json};

/// The schema name a label-set file starts with.
pub const LABELS_SCHEMA: &str = "newsmark-labels/1";

/// A label of the project's own, as the set holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelDefinition {
    /// The label, defined in the process-wide registry (its name and kind).
    pub label: Label,
    /// `#rrggbb`, lower case.
    pub color: String,
    /// The shortcut key, one character.
    pub key: Option<String>,
}

/// A project's label set: the built-in labels switched off and the project's own,
/// read from and written as a `newsmark-labels/1` file ([`LabelScheme::from_json`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelScheme {
    /// The built-in labels switched off.
    pub off: Vec<Label>,
    /// The project's own labels, in the order the user made them.
    pub labels: Vec<LabelDefinition>,
}

impl Default for LabelScheme {
    /// Every built-in label on, none of the user's.
    fn default() -> LabelScheme {
        LabelScheme { off: Vec::new(), labels: Vec::new() }
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidLabel, message.into())
}

fn shape(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidJson, message.into())
}

/// A `#rrggbb` color in lower case, or why `s` is not one.
fn color_of(s: &str, name: &str) -> Result<String> {
    let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    hex.map(|h| format!("#{}", h.to_ascii_lowercase())).ok_or_else(|| invalid(format!("label {name}: color {s:?} is not #rrggbb")))
}

impl LabelScheme {
    /// Reads a `newsmark-labels/1` file and defines its labels
    /// ([`Label::define`]). Nothing is defined when the file has a problem.
    pub fn from_json(text: &str) -> Result<LabelScheme> {
        let root: Json = serde_json::from_str(text).map_err(|e| shape(format!("label set: not JSON ({e})")))?;
        let obj = root.as_object().ok_or_else(|| shape("label set: not a JSON object"))?;
        for key in obj.keys() {
            if !matches!(key.as_str(), "schema" | "builtins" | "labels") {
                return Err(shape(format!("label set: unknown field {key:?} (schema, builtins, labels)")));
            }
        }
        match obj.get("schema").and_then(Json::as_str) {
            Some(LABELS_SCHEMA) => {}
            other => return Err(shape(format!("label set: schema is {other:?}, not {LABELS_SCHEMA:?}"))),
        }
        let mut off = Vec::new();
        if let Some(b) = obj.get("builtins") {
            let b = b.as_object().ok_or_else(|| shape("label set: \"builtins\" is not an object"))?;
            for (name, on) in b {
                let label = Label::ALL
                    .into_iter()
                    .find(|l| l.as_str() == name)
                    .ok_or_else(|| invalid(format!("label set: {name:?} in \"builtins\" is not a built-in label")))?;
                match on.as_bool() {
                    Some(true) => {}
                    Some(false) => off.push(label),
                    None => return Err(shape(format!("label set: builtins.{name} is not true or false"))),
                }
            }
        }
        let empty = Vec::new();
        let items = match obj.get("labels") {
            Some(l) => l.as_array().ok_or_else(|| shape("label set: \"labels\" is not a list"))?,
            None => &empty,
        };
        // Everything is checked before the first label is defined.
        let mut read: Vec<(String, ValueKind, String, Option<String>)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let o: &Map<String, Json> = item.as_object().ok_or_else(|| shape(format!("label set: label {} is not an object", i + 1)))?;
            let field = |k: &str| o.get(k).and_then(Json::as_str);
            for k in o.keys() {
                if !matches!(k.as_str(), "name" | "kind" | "color" | "key") {
                    return Err(shape(format!("label set: label {}: unknown field {k:?} (name, kind, color, key)", i + 1)));
                }
            }
            let name = field("name").ok_or_else(|| invalid(format!("label set: label {} has no name", i + 1)))?.trim().to_owned();
            if Label::ALL.iter().any(|l| l.as_str().eq_ignore_ascii_case(&name)) {
                return Err(invalid(format!("label set: {name} is a built-in label; switch it on in \"builtins\"")));
            }
            let kind: ValueKind = field("kind").unwrap_or("none").parse()?;
            let color = color_of(field("color").ok_or_else(|| invalid(format!("label {name}: no color")))?, &name)?;
            let key = match o.get("key") {
                None | Some(Json::Null) => None,
                Some(Json::String(k)) if k.chars().count() == 1 => Some(k.clone()),
                Some(k) => return Err(invalid(format!("label {name}: key {k} is not one character"))),
            };
            if read.iter().any(|r| r.0.eq_ignore_ascii_case(&name)) {
                return Err(invalid(format!("label set: {name} is defined twice")));
            }
            if let Some(k) = &key {
                if let Some(other) = read.iter().find(|r| r.3.as_deref() == Some(k)) {
                    return Err(invalid(format!("label set: {name} and {} share the key {k:?}", other.0)));
                }
            }
            read.push((name, kind, color, key));
        }
        let mut labels = Vec::with_capacity(read.len());
        for (name, kind, color, key) in read {
            labels.push(LabelDefinition { label: Label::define(&name, kind)?, color, key });
        }
        Ok(LabelScheme { off, labels })
    }

    /// The set as a `newsmark-labels/1` file (every built-in label listed).
    pub fn to_json(&self) -> String {
        let builtins: Map<String, Json> = Label::ALL.iter().map(|l| (l.as_str().to_owned(), Json::Bool(!self.off.contains(l)))).collect();
        let labels: Vec<Json> = self
            .labels
            .iter()
            .map(|d| {
                let mut o = Map::new();
                o.insert("name".into(), d.label.as_str().into());
                o.insert("kind".into(), d.label.value_kind().as_str().into());
                o.insert("color".into(), d.color.clone().into());
                if let Some(k) = &d.key {
                    o.insert("key".into(), k.clone().into());
                }
                Json::Object(o)
            })
            .collect();
        let mut root = Map::new();
        root.insert("schema".into(), LABELS_SCHEMA.into());
        root.insert("builtins".into(), Json::Object(builtins));
        root.insert("labels".into(), Json::Array(labels));
        let mut out = serde_json::to_string_pretty(&Json::Object(root)).expect("JSON values serialize");
        out.push('\n');
        out
    }

    /// The labels the project uses: the built-in ones switched on, in
    /// display order, then its own in the order they were made.
    pub fn labels(&self) -> Vec<Label> {
        Label::ALL.into_iter().filter(|l| !self.off.contains(l)).chain(self.labels.iter().map(|d| d.label)).collect()
    }

    /// [`labels`](Self::labels) as a set (the `labels` option of
    /// annotation: a built-in label switched off is not suggested).
    pub fn label_set(&self) -> LabelSet {
        self.labels().into_iter().collect()
    }

    /// The color the set gives one of its own labels.
    pub fn color(&self, label: Label) -> Option<&str> {
        self.labels.iter().find(|d| d.label == label).map(|d| d.color.as_str())
    }

    /// The shortcut key the set gives one of its own labels.
    pub fn key(&self, label: Label) -> Option<&str> {
        self.labels.iter().find(|d| d.label == label).and_then(|d| d.key.as_deref())
    }
}

/// brat's `annotation.conf`: the set's labels as entity types (brat needs
/// the four sections, the others empty).
pub(crate) fn brat_annotation_conf(scheme: &LabelScheme) -> String {
    let mut out = String::from("# The entity types of a newsmark project (newsmark-labels/1).\n[entities]\n");
    for l in scheme.labels() {
        out.push_str(l.as_str());
        out.push('\n');
    }
    out.push_str("\n[relations]\n\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n");
    out
}

/// brat's `visual.conf`: each label's color, as `bgColor` (built-in labels
/// in the page's colors, the Label Studio config's copy of them).
pub(crate) fn brat_visual_conf(scheme: &LabelScheme) -> String {
    let mut out = String::from("[labels]\n");
    for l in scheme.labels() {
        out.push_str(&format!("{0} | {0}\n", l.as_str()));
    }
    out.push_str("\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n");
    for l in scheme.labels() {
        out.push_str(&format!("{}\tbgColor:{}\n", l.as_str(), color_in(scheme, l)));
    }
    out
}

/// doccano's label definitions (its "Import Labels" JSON): `[{"text",
/// "suffix_key", "background_color", "text_color"}]`.
pub(crate) fn doccano_labels(scheme: &LabelScheme) -> String {
    let items: Vec<Json> = scheme
        .labels()
        .into_iter()
        .map(|l| {
            let mut o = Map::new();
            o.insert("text".into(), l.as_str().into());
            o.insert("suffix_key".into(), scheme.key(l).map_or(Json::Null, |k| k.into()));
            o.insert("background_color".into(), color_in(scheme, l).into());
            o.insert("text_color".into(), "#000000".into());
            Json::Object(o)
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Json::Array(items)).expect("JSON values serialize");
    out.push('\n');
    out
}

/// A label's color: the set's for its own labels, the page's for the
/// built-in ones.
pub(crate) fn color_in(scheme: &LabelScheme, label: Label) -> String {
    scheme.color(label).map_or_else(|| built_in_color(label).to_owned(), str::to_owned)
}

/// A label's color where no label set gives one: the page's colors
/// (`www/labels.js`, chosen to stay apart under color-vision deficiencies), so that a
/// project looks in Label Studio, brat and doccano as it did in newsmark. The page's table is
/// the source; `tests/export.rs` checks that this copy agrees with it.
pub(crate) fn built_in_color(label: Label) -> &'static str {
    match label {
        Label::Person => "#9b99ff",
        Label::Org => "#60ba7f",
        Label::Loc => "#f2d27f",
        Label::Misc => "#b998c3",
        Label::Date => "#9da8a0",
        Label::Time => "#accdce",
        Label::Money => "#cacfba",
        Label::Percent => "#fff421",
        Label::Quantity => "#deffc8",
        Label::Cardinal => "#c6a63d",
        Label::Ordinal => "#e5c8ff",
        // The page chooses a user's label's color; a configuration written
        // without it gives the label a neutral gray.
        Label::Custom(_) => "#d4d4d4",
    }
}
