//! Exports and imports: the core's formats, as `newsmark export` reads and
//! writes them.

use crate::convert::{parse_name, py_error};
use newsmark::error::{Error, ErrorKind};
use newsmark::export::{self, json::to_json_line, ExportOptions, FileContent, Format, ImportOptions};
use newsmark::Label;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Writes the documents of `jsonl` (`newsmark/1` lines, read as `newsmark
/// export` reads its standard input; `own_labels` as its `--own-labels`) in
/// `format`: a list of `(file name, content)`, content a `str`, or `bytes`
/// for a binary format (docbin).
#[pyfunction]
#[pyo3(signature = (jsonl, format, offset_unit=None, scheme=None, bom=false, formula_guard=false, own_labels=false))]
#[allow(clippy::too_many_arguments)]
pub fn export_files(
    py: Python<'_>,
    jsonl: String,
    format: &str,
    offset_unit: Option<&str>,
    scheme: Option<&str>,
    bom: bool,
    formula_guard: bool,
    own_labels: bool,
) -> PyResult<Vec<(String, PyObject)>> {
    let format = Format::from_str(format).map_err(py_error)?;
    let options = ExportOptions {
        offset_unit: parse_name(offset_unit).map_err(py_error)?,
        scheme: parse_name(scheme).map_err(py_error)?.unwrap_or_default(),
        bom,
        formula_guard,
        ..ExportOptions::default()
    };
    let files = py
        .allow_threads(|| {
            let import = ImportOptions { format: Some(Format::Jsonl), own_labels, ..ImportOptions::default() };
            let docs = export::import_with(jsonl.as_bytes(), "docs", &import)?.docs;
            export::export_with(&docs, format, &options)
        })
        .map_err(py_error)?;
    Ok(files
        .into_iter()
        .map(|f| {
            let content = match &f.content {
                FileContent::Text(s) => PyString::new(py, s).into_any().unbind(),
                FileContent::Binary(b) => PyBytes::new(py, b).into_any().unbind(),
            };
            (f.name, content)
        })
        .collect())
}

/// What one imported file gave: its summary line (as `newsmark export`
/// prints after `read `) and its warnings.
type Report = (String, Vec<String>);

/// Reads `paths` as `newsmark export FILE...` does (the format of each
/// found from its name and content unless `format` says; `own_labels` as
/// its `--own-labels`): the documents as `newsmark/1` JSON lines, and a
/// report per file.
#[pyfunction]
#[pyo3(signature = (paths, format=None, offset_unit=None, scheme=None, label_map=None, lenient=false, tag_names=None, own_labels=false))]
#[allow(clippy::too_many_arguments)]
pub fn load_files(
    py: Python<'_>,
    paths: Vec<String>,
    format: Option<&str>,
    offset_unit: Option<&str>,
    scheme: Option<&str>,
    label_map: Option<BTreeMap<String, String>>,
    lenient: bool,
    tag_names: Option<Vec<String>>,
    own_labels: bool,
) -> PyResult<(Vec<String>, Vec<Report>)> {
    let label_map = label_map
        .unwrap_or_default()
        .into_iter()
        .map(|(from, to)| Label::from_str(&to).map(|l| (from, l)))
        .collect::<Result<_, Error>>()
        .map_err(py_error)?;
    let options = ImportOptions {
        format: parse_name(format).map_err(py_error)?,
        offset_unit: parse_name(offset_unit).map_err(py_error)?,
        scheme: parse_name(scheme).map_err(py_error)?,
        label_map,
        own_labels,
        lenient,
        tag_names,
    };
    py.allow_threads(|| {
        let contents = paths
            .iter()
            .map(|p| std::fs::read(p).map(|c| (p.as_str(), c)).map_err(|e| Error::new(ErrorKind::Io, format!("{p}: {e}"))))
            .collect::<Result<Vec<_>, Error>>()?;
        let pairs: Vec<(&str, &[u8])> = contents.iter().map(|(n, c)| (*n, c.as_slice())).collect();
        let imported = export::import_files_with(&pairs, &options)?;
        let docs = imported.docs.iter().map(|d| to_json_line(&d.doc, Some(d.id.clone()))).collect();
        let reports = imported.reports.into_iter().map(|r| (r.summary(), r.warnings)).collect();
        Ok((docs, reports))
    })
    .map_err(py_error)
}

/// The names of the formats `export` writes, and of those `load` reads.
#[pyfunction]
pub fn formats() -> (Vec<&'static str>, Vec<&'static str>) {
    let all = Format::ALL.iter();
    (all.clone().map(|f| f.name()).collect(), all.filter(|f| f.can_import()).map(|f| f.name()).collect())
}
