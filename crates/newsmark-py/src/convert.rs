//! Python arguments to the core's options, and the core's errors to
//! `NewsmarkError`.

use newsmark::error::{Error, ErrorKind};
use newsmark::{Label, LabelSet, NaiveDate, Options};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::str::FromStr;

create_exception!(
    newsmark,
    NewsmarkError,
    PyValueError,
    "An error of newsmark's core: bad input (a date, a label, a file that cannot be read). \
     `str(e)` is the core's message, `e.kind` the core's kind of error (`InvalidDate`, `UnknownLabel`, ...)."
);

/// The core's error as a `NewsmarkError`: its message (as the CLI prints
/// it after `newsmark: `) and its kind in `kind`.
pub fn py_error(e: Error) -> PyErr {
    let err = NewsmarkError::new_err(e.to_string());
    Python::with_gil(|py| {
        // Setting an attribute on a fresh exception cannot fail in practice; the message is what matters.
        let _ = err.value(py).setattr("kind", format!("{:?}", e.kind()));
    });
    err
}

/// A `YYYY-MM-DD` article date, as the CLI reads `--date` and a JSONL
/// line's `date`: a year of four digits, a real day. `None` or an empty
/// string: no date (the annotator looks for one in the text).
pub fn parse_date(date: Option<&str>) -> Result<Option<NaiveDate>, Error> {
    let Some(s) = date.filter(|d| !d.is_empty()) else { return Ok(None) };
    newsmark::date::parse_article_date(s).map(Some)
}

/// The labels to emit: `None` for all of them; else names (or synonyms)
/// of built-in or defined labels, at least one, as the CLI's `--labels`.
pub fn parse_labels(labels: Option<Vec<String>>) -> Result<LabelSet, Error> {
    let Some(names) = labels else { return Ok(LabelSet::all()) };
    let set = names.iter().map(|n| Label::from_str(n)).collect::<Result<LabelSet, Error>>()?;
    if set.is_empty() {
        return Err(Error::new(ErrorKind::Usage, "the label list is empty: name one label or more (PERSON,MONEY,...)"));
    }
    Ok(set)
}

/// The core's options for `date` and `labels`.
pub fn options(date: Option<&str>, labels: Option<Vec<String>>) -> Result<Options, Error> {
    Ok(Options { article_date: parse_date(date)?, labels: parse_labels(labels)?, ..Options::default() })
}

/// A value the core parses from a name (`Format`, `OffsetUnit`, `TagScheme`).
pub fn parse_name<T: FromStr<Err = Error>>(name: Option<&str>) -> Result<Option<T>, Error> {
    name.map(T::from_str).transpose()
}
