//! Annotating texts: one, or many on every core.

use crate::convert::{options, parse_date, py_error};
use newsmark::error::{Error, ErrorKind};
use newsmark::export::json::to_json_line;
use newsmark::{annotate, Options};
use pyo3::prelude::*;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// What a project taught the suggestions (a `.nml` file of `newsmark learn`
/// or the page's Export learning), read once and shared by every call and
/// thread: `annotate(..., adapt=...)` names with it, as `newsmark annotate
/// --adapt` does.
#[pyclass(frozen, module = "newsmark._newsmark")]
pub struct Adapter {
    inner: Arc<newsmark::Adapter>,
}

#[pymethods]
impl Adapter {
    /// Reads a learning file's bytes; raises `NewsmarkError` when they are not one.
    #[staticmethod]
    fn from_bytes(bytes: &[u8]) -> PyResult<Adapter> {
        Ok(Adapter { inner: Arc::new(newsmark::Adapter::from_bytes(bytes).map_err(py_error)?) })
    }

    /// How many documents it learned from.
    #[getter]
    fn documents(&self) -> u32 {
        self.inner.summary().documents
    }

    /// The project's own labels it has learned to suggest.
    #[getter]
    fn suggests(&self) -> Vec<&'static str> {
        self.inner.summary().suggests.iter().map(|l| l.as_str()).collect()
    }

    /// The learning file's bytes (what `newsmark learn --out` writes).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
        pyo3::types::PyBytes::new(py, &self.inner.to_bytes())
    }
}

impl Adapter {
    pub fn new(inner: Arc<newsmark::Adapter>) -> Adapter {
        Adapter { inner }
    }

    pub fn inner(&self) -> &newsmark::Adapter {
        &self.inner
    }
}

/// Annotates with the adapter when one is given, as the CLI's `--adapt`.
fn annotate_with(adapter: Option<&newsmark::Adapter>, text: &str, options: &Options) -> newsmark::Document {
    match adapter {
        Some(a) => a.annotate(text, options),
        None => annotate(text, options),
    }
}

/// Annotates `text`: the `newsmark/1` document as one line of JSON, as
/// `newsmark annotate --jsonl` writes it for a line `{"id", "text", "date"}`.
/// Raises `NewsmarkError` for a bad date or label.
#[pyfunction]
#[pyo3(signature = (text, date=None, labels=None, id=None, adapt=None))]
pub fn annotate_json(
    py: Python<'_>,
    text: String,
    date: Option<&str>,
    labels: Option<Vec<String>>,
    id: Option<String>,
    adapt: Option<PyRef<'_, Adapter>>,
) -> PyResult<String> {
    let options = options(date, labels).map_err(py_error)?;
    let adapter = adapt.map(|a| a.inner.clone());
    Ok(py.allow_threads(|| to_json_line(&annotate_with(adapter.as_deref(), &text, &options), id)))
}

/// Annotates `texts` in parallel, with the GIL released: one JSON line per
/// text, in their order. `date` and `labels` apply to every text; `dates`
/// and `ids` (as long as `texts`) give each its own (a text's date, when
/// given and not empty, wins over `date`, as a JSONL line's over `--date`).
/// `threads`: the number of threads (`None`: one per core, as the CLI).
#[pyfunction]
#[pyo3(signature = (texts, date=None, labels=None, threads=None, ids=None, dates=None, adapt=None))]
#[allow(clippy::too_many_arguments)] // Python's keyword arguments, one each
pub fn annotate_many_json(
    py: Python<'_>,
    texts: Vec<String>,
    date: Option<&str>,
    labels: Option<Vec<String>>,
    threads: Option<usize>,
    ids: Option<Vec<Option<String>>>,
    dates: Option<Vec<Option<String>>>,
    adapt: Option<PyRef<'_, Adapter>>,
) -> PyResult<Vec<String>> {
    let options = options(date, labels).map_err(py_error)?;
    let adapter = adapt.map(|a| a.inner.clone());
    let same_length = |what: &str, n: usize| {
        if n == texts.len() {
            Ok(())
        } else {
            Err(py_error(Error::new(ErrorKind::Usage, format!("{what} has {n} items for {} texts", texts.len()))))
        }
    };
    if let Some(ids) = &ids {
        same_length("ids", ids.len())?;
    }
    // Each text's options: dates are checked before any work starts, so a bad one names its text.
    let per_text: Option<Vec<Options>> = match &dates {
        None => None,
        Some(dates) => {
            same_length("dates", dates.len())?;
            let all = dates.iter().enumerate().map(|(i, d)| {
                let mut o = options.clone();
                if let Some(day) = parse_date(d.as_deref()).map_err(|e| Error::new(e.kind(), format!("text {i}: {}", e.message())))? {
                    o.article_date = Some(day);
                }
                Ok(o)
            });
            Some(all.collect::<Result<_, Error>>().map_err(py_error)?)
        }
    };
    let pool = pool(threads).map_err(py_error)?;
    let work = || {
        texts
            .par_iter()
            .enumerate()
            .map(|(i, text)| {
                let options = per_text.as_ref().map_or(&options, |o| &o[i]);
                to_json_line(&annotate_with(adapter.as_deref(), text, options), ids.as_ref().and_then(|ids| ids[i].clone()))
            })
            .collect()
    };
    Ok(py.allow_threads(|| match &pool {
        Some(pool) => pool.install(work),
        None => work(),
    }))
}

/// The pool for `threads` workers, built once per count and kept (a
/// Spark executor calls once per batch); `None` for rayon's global pool,
/// one thread per core.
fn pool(threads: Option<usize>) -> Result<Option<Arc<rayon::ThreadPool>>, Error> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let Some(n) = threads else { return Ok(None) };
    if n == 0 {
        return Err(Error::new(ErrorKind::Usage, "threads must be 1 or more"));
    }
    let mut pools = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&n) {
        return Ok(Some(p.clone()));
    }
    let p =
        Arc::new(rayon::ThreadPoolBuilder::new().num_threads(n).build().map_err(|e| Error::new(ErrorKind::Io, format!("threads: {e}")))?);
    pools.insert(n, p.clone());
    Ok(Some(p))
}
