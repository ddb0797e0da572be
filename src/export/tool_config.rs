//! The label configurations of other annotation tools, as they sit beside
//! the documents in an export or a project folder: brat's
//! `annotation.conf` (its `[entities]`) and `visual.conf` (their colors),
//! doccano's label definitions (`label_config.json`: `[{"text",
//! "suffix_key", "background_color"}]`) and Label Studio's labeling config
//! (`<Label value="X" background="#hex" hotkey="k"/>`). newsmark writes all
//! of them with a label set ([`super::LabelScheme`]); here they are told from
//! documents ([`detect`]) and read for the labels they name ([`read`]), so
//! that picking a whole export folder imports its documents and offers its
//! labels instead of failing on files that are not documents.
//!
//! Reading defines nothing: it gives names, colors and keys as the files
//! say them, and the caller decides (the page merges them into the
//! project's label set as it merges a `newsmark-labels/1` file). A name that
//! is a built-in label or one of its synonyms (`PER`, `Organisation`) is
//! the built-in label, not a new one.

use super::check::{label_named, LabelMap};
use crate::error::{Error, ErrorKind, Result};
use serde_json::Value as Json;

/// Which tool's configuration a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToolConfig {
    /// brat's `annotation.conf`: entity types.
    BratAnnotation,
    /// brat's `visual.conf`: display names and colors.
    BratVisual,
    /// brat's `tools.conf` or `kb_shortcuts.conf`: nothing about labels.
    BratOther,
    /// doccano's label definitions (its "Import Labels" JSON).
    DoccanoLabels,
    /// Label Studio's labeling config (XML).
    LabelStudio,
}

impl ToolConfig {
    /// The file as people call it, for messages.
    pub fn description(self) -> &'static str {
        match self {
            ToolConfig::BratAnnotation => "brat's annotation.conf",
            ToolConfig::BratVisual => "brat's visual.conf",
            ToolConfig::BratOther => "a brat configuration file",
            ToolConfig::DoccanoLabels => "doccano's label definitions",
            ToolConfig::LabelStudio => "Label Studio's labeling config",
        }
    }
}

/// A label as a tool's configuration names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolLabel {
    pub name: String,
    /// `#rrggbb`, lower case, when the file gives one.
    pub color: Option<String>,
    /// A one-character shortcut key, when the file gives one.
    pub key: Option<String>,
}

/// The labels the configurations name: the project's own labels they
/// define (`labels`, in file order, each once) and the built-in labels
/// they name (`built_in`, by newsmark's name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ToolLabels {
    pub labels: Vec<ToolLabel>,
    pub built_in: Vec<&'static str>,
}

/// Which tool's configuration `content` (named `file_name`) is, or `None`
/// for a file that is not one (a document). brat's are known by their
/// names, Label Studio's by its `<View>` root in an `.xml` file, doccano's
/// by its shape: a JSON list of objects with `text` and a color or key
/// field, and no spans.
pub fn detect(file_name: &str, content: &str) -> Option<ToolConfig> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).to_ascii_lowercase();
    match base.as_str() {
        "annotation.conf" => return Some(ToolConfig::BratAnnotation),
        "visual.conf" => return Some(ToolConfig::BratVisual),
        "tools.conf" | "kb_shortcuts.conf" => return Some(ToolConfig::BratOther),
        _ => {}
    }
    let content = super::without_bom(content).trim_start();
    if base.ends_with(".xml") && content.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("<view")) {
        return Some(ToolConfig::LabelStudio);
    }
    if base.ends_with(".json") && content.starts_with('[') && is_doccano_labels(content) {
        return Some(ToolConfig::DoccanoLabels);
    }
    None
}

fn is_doccano_labels(content: &str) -> bool {
    let Ok(Json::Array(items)) = serde_json::from_str::<Json>(content) else { return false };
    let label_field = |o: &serde_json::Map<String, Json>| {
        ["background_color", "suffix_key", "prefix_key", "text_color"].iter().any(|k| o.contains_key(*k))
    };
    !items.is_empty()
        && items.iter().all(|i| {
            i.as_object().is_some_and(|o| o.get("text").is_some_and(Json::is_string) && label_field(o) && !o.contains_key("label"))
        })
}

/// Reads the labels of configuration files (`(file name, content)`, each
/// one [`detect`] knows): brat's entity types with the colors its
/// `visual.conf` gives them, doccano's and Label Studio's labels with their
/// colors and keys. A file that cannot be read is an error naming it.
pub fn read(files: &[(&str, &str)]) -> Result<ToolLabels> {
    let mut named: Vec<ToolLabel> = Vec::new();
    let mut brat_colors: Vec<(String, String)> = Vec::new();
    for &(file_name, content) in files {
        let content = super::without_bom(content);
        let in_file = |e: Error| e.context(file_name);
        match detect(file_name, content) {
            Some(ToolConfig::BratAnnotation) => named.extend(brat_entities(content)),
            Some(ToolConfig::BratVisual) => brat_colors.extend(brat_drawing_colors(content)),
            Some(ToolConfig::BratOther) => {}
            Some(ToolConfig::DoccanoLabels) => named.extend(doccano_labels(content).map_err(in_file)?),
            Some(ToolConfig::LabelStudio) => named.extend(label_studio_labels(content).map_err(in_file)?),
            None => {
                return Err(in_file(Error::new(ErrorKind::UnsupportedFormat, "not a label configuration of brat, doccano or Label Studio")))
            }
        }
    }
    let mut out = ToolLabels::default();
    let no_mapping = std::collections::BTreeMap::new();
    let default_map = LabelMap { mapped: &no_mapping, own_labels: false };
    for mut l in named {
        if let Some((_, c)) = brat_colors.iter().find(|(n, _)| *n == l.name) {
            l.color = l.color.or_else(|| Some(c.clone()));
        }
        match label_named(&l.name, &default_map) {
            Ok(b) if !b.is_custom() => {
                if !out.built_in.contains(&b.as_str()) {
                    out.built_in.push(b.as_str());
                }
            }
            _ if out.labels.iter().any(|o| o.name.eq_ignore_ascii_case(&l.name)) => {}
            _ => out.labels.push(l),
        }
    }
    Ok(out)
}

/// The lines of an ini-like section `[name]` of a brat configuration,
/// without comments and blank lines.
fn section<'a>(content: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut inside = false;
    content.lines().filter(move |line| {
        let t = line.trim();
        if t.starts_with('[') && t.ends_with(']') {
            inside = t[1..t.len() - 1].trim().eq_ignore_ascii_case(name);
            return false;
        }
        inside && !t.is_empty() && !t.starts_with('#')
    })
}

/// brat's entity types: the first word of each line of `[entities]`
/// (indentation is brat's hierarchy), without abstract types (`!Name`),
/// macros (`<NAME>=...`) and separators (`----`).
fn brat_entities(content: &str) -> Vec<ToolLabel> {
    section(content, "entities")
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| !name.starts_with(['!', '<', '-']) && !name.contains('='))
        .map(|name| ToolLabel { name: name.to_owned(), color: None, key: None })
        .collect()
}

/// The `bgColor` of each type in brat's `visual.conf` `[drawing]`, where it is `#rrggbb`.
fn brat_drawing_colors(content: &str) -> Vec<(String, String)> {
    section(content, "drawing")
        .filter_map(|line| {
            let (name, rest) = line.trim().split_once(char::is_whitespace)?;
            let color = rest.split(',').find_map(|kv| kv.trim().strip_prefix("bgColor:"))?;
            Some((name.to_owned(), hex_color(color.trim())?))
        })
        .collect()
}

/// `#rrggbb` (or `#rgb`) in lower case and six digits; other color forms
/// (brat's and CSS's names) give none, and the page picks one.
fn hex_color(s: &str) -> Option<String> {
    let hex = s.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(format!("#{}", hex.chars().flat_map(|c| [c, c]).collect::<String>().to_ascii_lowercase())),
        _ => None,
    }
}

/// A one-character key, when `k` is one.
fn one_key(k: Option<&str>) -> Option<String> {
    k.filter(|k| k.chars().count() == 1).map(str::to_owned)
}

fn doccano_labels(content: &str) -> Result<Vec<ToolLabel>> {
    let items: Vec<Json> = serde_json::from_str(content).map_err(|e| Error::new(ErrorKind::InvalidJson, format!("not JSON ({e})")))?;
    Ok(items
        .iter()
        .filter_map(Json::as_object)
        .filter_map(|o| {
            let name = o.get("text")?.as_str()?.trim();
            // A key with a prefix (ctrl, shift) is not one newsmark's marked view can take.
            let prefixed = o.get("prefix_key").is_some_and(|p| !p.is_null());
            Some(ToolLabel {
                name: name.to_owned(),
                color: o.get("background_color").and_then(Json::as_str).and_then(hex_color),
                key: if prefixed { None } else { one_key(o.get("suffix_key").and_then(Json::as_str)) },
            })
        })
        .filter(|l| !l.name.is_empty())
        .collect())
}

/// The `<Label>` tags of a Label Studio config (inside `<Labels>`, or any
/// control that takes them): `value`, `background`, `hotkey`.
fn label_studio_labels(content: &str) -> Result<Vec<ToolLabel>> {
    let mut out = Vec::new();
    let mut rest = content;
    while let Some(at) = rest.find("<Label") {
        rest = &rest[at + "<Label".len()..];
        // `<Labels ...>` is the control; `<Label ...>` one of its labels.
        if !rest.starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>') {
            continue;
        }
        let Some(end) = rest.find('>') else {
            return Err(Error::new(ErrorKind::InvalidJson, "a <Label> tag is not closed"));
        };
        let attrs = &rest[..end];
        let Some(name) = xml_attr(attrs, "value") else {
            return Err(Error::new(ErrorKind::InvalidLabel, "a <Label> has no value"));
        };
        out.push(ToolLabel {
            name: name.trim().to_owned(),
            color: xml_attr(attrs, "background").as_deref().and_then(hex_color),
            key: one_key(xml_attr(attrs, "hotkey").as_deref()),
        });
        rest = &rest[end..];
    }
    Ok(out)
}

/// The value of attribute `name` in a tag's attributes, its entities decoded.
fn xml_attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        let at = rest.find(name)?;
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let quote = v.chars().next().filter(|&q| q == '"' || q == '\'')?;
                let v = &v[1..];
                let value = &v[..v.find(quote)?];
                return Some(
                    value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&"),
                );
            }
        }
        rest = &rest[at + name.len()..];
    }
}
