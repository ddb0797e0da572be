//! Learning from corrected documents, as `newsmark learn` does.

use crate::annotate::Adapter;
use crate::convert::py_error;
use newsmark::error::{Error, ErrorKind};
use newsmark::LabelSet;
use pyo3::prelude::*;
use std::sync::Arc;

/// Learns the corrected documents of `files` (name, content: any format
/// newsmark imports, a brat `.txt` and `.ann` together) in order, from
/// `adapt` (what was learned before) or from nothing over the labels
/// `labels` (built-in or the project's own: `WEAPON`, `TICKER:money`; the
/// four names when none), as `newsmark learn` does: the same inputs give
/// the same learning file. Returns the adapter, one line per file read, and
/// the labels the documents brought that `labels` did not name (learned
/// as the project's own). Raises `NewsmarkError` for a bad file or label, and then learns nothing.
#[pyfunction]
#[pyo3(signature = (files, labels=None, adapt=None))]
pub fn learn_files(
    py: Python<'_>,
    files: Vec<(String, Vec<u8>)>,
    labels: Option<Vec<String>>,
    adapt: Option<&Adapter>,
) -> PyResult<(Adapter, Vec<String>, Vec<String>)> {
    let labels = match labels {
        None => LabelSet::of(&newsmark::Label::NAMES),
        Some(names) => {
            let set = LabelSet::parse_list_defining(&names.join(",")).map_err(py_error)?;
            if set.is_empty() {
                return Err(py_error(Error::new(ErrorKind::Usage, "the label list is empty: name one label or more (PERSON,WEAPON,...)")));
            }
            set
        }
    };
    let mut adapter = match adapt {
        Some(a) => a.inner().clone(),
        None => newsmark::Adapter::new(labels),
    };
    py.allow_threads(|| {
        let pairs: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
        let imported = newsmark::adapt::read_corrections(&pairs)?;
        let met = adapter.learn_all(labels, imported.docs.iter().map(|d| &d.doc));
        let read: Vec<String> = imported.reports.iter().map(|r| r.summary()).collect();
        Ok::<_, Error>((read, met.iter().map(|l| l.as_str().to_owned()).collect()))
    })
    .map(|(read, met)| (Adapter::new(Arc::new(adapter)), read, met))
    .map_err(py_error)
}
