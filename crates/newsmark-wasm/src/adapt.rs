//! The adaptive tagger of a project ([`newsmark::Adapter`], issue 17): the
//! page's worker keeps one, learns each document marked done, annotates
//! with it, and saves, exports and imports what it learned as `.nml` bytes.

use crate::convert::{
    core_error, core_options, from_js_required, js_document, now_ms, options_from_js, parse_label, to_js, JsOptions, JsSpanIn,
};
use newsmark::adapt::LearnStep;
use newsmark::{Adapter as CoreAdapter, Document, LabelSet, OffsetMap, Source};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A project's adaptive tagger.
#[wasm_bindgen]
pub struct Adapter {
    inner: CoreAdapter,
}

impl Adapter {
    /// The core's adapter (for [`crate::job::AnnotationJob::step_with`]).
    pub(crate) fn core(&self) -> &CoreAdapter {
        &self.inner
    }
}

/// What [`Adapter::summary`] returns.
#[derive(Serialize)]
struct JsSummary {
    documents: u32,
    labels: Vec<&'static str>,
    suggests: Vec<&'static str>,
    weights: usize,
}

#[wasm_bindgen]
impl Adapter {
    /// An adapter that learned nothing, over the name-like labels of
    /// `labels` (names, defined before with `defineLabels`).
    #[wasm_bindgen(constructor)]
    pub fn new(labels: JsValue) -> Result<Adapter, JsValue> {
        Ok(Adapter { inner: CoreAdapter::new(label_set(labels)?) })
    }

    /// Adds labels (names) it does not tag yet; what was learned stays.
    #[wasm_bindgen(js_name = addLabels)]
    pub fn add_labels(&mut self, labels: JsValue) -> Result<(), JsValue> {
        self.inner.add_labels(label_set(labels)?);
        Ok(())
    }

    /// Gives what was learned of the label `from` to `to` (names): the
    /// project renamed the label. Throws for a label it cannot rename.
    #[wasm_bindgen(js_name = renameLabel)]
    pub fn rename_label(&mut self, from: &str, to: &str) -> Result<(), JsValue> {
        self.inner.rename_label(parse_label(from)?, parse_label(to)?).map_err(core_error)
    }

    /// Learns one corrected document: `text` and its spans `[{start, end,
    /// label}]` (UTF-16 offsets, as annotate returns them), all taken as
    /// right. Returns `{tokens, wrong, ms}`.
    pub fn learn(&mut self, text: &str, spans: JsValue) -> Result<JsValue, JsValue> {
        self.learn_with(text, spans, CoreAdapter::learn)
    }

    /// Learns a passage as `learn` does, without counting it as a
    /// document: the paragraph of a hand edit, as it is made.
    #[wasm_bindgen(js_name = learnPassage)]
    pub fn learn_passage(&mut self, text: &str, spans: JsValue) -> Result<JsValue, JsValue> {
        self.learn_with(text, spans, CoreAdapter::learn_passage)
    }

    /// Annotates `text` as `annotate` does, with the adapted names.
    pub fn annotate(&self, text: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let t0 = now_ms();
        let opts: JsOptions = options_from_js(options)?;
        let include_text = opts.include_text;
        let options = core_options(text, opts)?;
        let t1 = now_ms();
        let doc = self.inner.annotate(text, &options);
        let core_ms = now_ms() - t1;
        let mut out = js_document(&doc, None, include_text)?;
        out.core_ms = Some(core_ms);
        out.elapsed_ms = Some(now_ms() - t0);
        to_js(&out)
    }

    /// What it learned, as the bytes of a `.nml` file.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// An adapter read from `.nml` bytes; throws an `InvalidModelError` for
    /// a file that is not one (corrupt, another version).
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Adapter, JsValue> {
        Ok(Adapter { inner: CoreAdapter::from_bytes(bytes).map_err(core_error)? })
    }

    /// `{documents, labels, suggests, weights}`: "learned from 12
    /// documents; suggests WEAPON".
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        let s = self.inner.summary();
        to_js(&JsSummary {
            documents: s.documents,
            labels: s.labels.iter().map(|l| l.as_str()).collect(),
            suggests: s.suggests.iter().map(|l| l.as_str()).collect(),
            weights: s.weights,
        })
    }

    /// Forgets what was learned; keeps the labels.
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}

fn label_set(labels: JsValue) -> Result<LabelSet, JsValue> {
    let names: Vec<String> = from_js_required(labels, "labels")?;
    names.iter().map(|n| parse_label(n)).collect()
}

impl Adapter {
    /// `learn` and `learnPassage`: the spans read as the user's, `learn`
    /// run on the document, its step and time returned.
    fn learn_with(&mut self, text: &str, spans: JsValue, learn: fn(&mut CoreAdapter, &Document) -> LearnStep) -> Result<JsValue, JsValue> {
        let t0 = now_ms();
        let spans: Vec<JsSpanIn> = from_js_required(spans, "spans")?;
        let map = OffsetMap::new(text);
        let annotations = spans.into_iter().map(|s| s.annotation(&map, text, "span", Source::User)).collect::<Result<Vec<_>, _>>()?;
        let doc = Document { text: text.to_owned(), article_date: None, article_date_source: None, annotations };
        let step = learn(&mut self.inner, &doc);
        #[derive(Serialize)]
        struct Step {
            tokens: usize,
            wrong: usize,
            ms: f64,
        }
        to_js(&Step { tokens: step.tokens, wrong: step.wrong, ms: now_ms() - t0 })
    }
}
