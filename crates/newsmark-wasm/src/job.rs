//! A long text annotated a part at a time, so that the page's worker can
//! report progress and give way to a newer request between parts.
//!
//! The parts are cut as the worker cut them before this moved here: about
//! [`PART_UNITS`] UTF-16 units each, after a line break (else after a
//! space), never inside a surrogate pair or a hand edit, which must reach
//! the core whole. The article date found in the first part holds for the
//! rest; the names are settled over the whole text at the end
//! ([`newsmark::reconcile`]), as if it had been annotated at once.

use crate::adapt::Adapter;
use crate::convert::{core_options, js_document, now_ms, options_from_js, to_js, JsOptions};
use newsmark::{Annotation, DateSource, Document, NaiveDate, OffsetMap, Options, Span};
use wasm_bindgen::prelude::*;

/// The length of a part, in UTF-16 units; texts no longer are one part.
pub const PART_UNITS: usize = 128 * 1024;

/// An annotation of one text, a part at a time:
///
/// ```js
/// const job = new AnnotationJob(text, options);
/// try {
///   while (!job.done) report(job.step());   // progress, 0..1
///   return job.finish();                    // the document, as annotate returns it
/// } finally { job.free(); }
/// ```
///
/// `options` as for [`crate::annotate::annotate`]. A text of one part gives
/// exactly what `annotate` gives. `job.stepWith(adapter)` in place of
/// `job.step()` annotates the parts with the project's adaptive tagger
/// ([`Adapter`]): a text of one part then gives what `adapter.annotate`
/// gives. (`finish` annotates any part left without it: step to the end
/// first.)
#[wasm_bindgen]
pub struct AnnotationJob {
    text: String,
    options: Options,
    include_text: bool,
    /// Longer than one part: annotated in parts and settled at the end.
    in_parts: bool,
    /// The parts' ends: UTF-16 offset and byte offset.
    ends: Vec<(usize, usize)>,
    /// The next part to annotate.
    next: usize,
    len_utf16: usize,
    /// The first part's article date and where it came from.
    first_date: Option<(Option<NaiveDate>, Option<DateSource>)>,
    /// Every part's annotations, at the whole text's byte offsets.
    annotations: Vec<Annotation>,
    /// The document of a text of one part.
    whole: Option<Document>,
    started_ms: f64,
    core_ms: f64,
}

#[wasm_bindgen]
impl AnnotationJob {
    /// Prepares the annotation of `text`; `part_units` (tests) replaces
    /// [`PART_UNITS`]. Throws an `Error` for a bad date, label or edit, as
    /// `annotate` does.
    #[wasm_bindgen(constructor)]
    pub fn new(text: String, options: JsValue, part_units: Option<u32>) -> Result<AnnotationJob, JsValue> {
        let started_ms = now_ms();
        let opts: JsOptions = options_from_js(options)?;
        let include_text = opts.include_text;
        let keep_whole = opts.edit_ranges();
        let options = core_options(&text, opts)?;
        let units: Vec<u16> = text.encode_utf16().collect();
        let part = part_units.map_or(PART_UNITS, |n| n.max(1) as usize);
        let map = OffsetMap::new(&text);
        let mut ends = Vec::new();
        let mut from = 0;
        loop {
            let to = cut_after(&units, from, &keep_whole, part);
            ends.push((to, map.from_utf16(to).unwrap_or(text.len())));
            if to >= units.len() {
                break;
            }
            from = to;
        }
        Ok(AnnotationJob {
            in_parts: units.len() > part,
            len_utf16: units.len(),
            text,
            options,
            include_text,
            ends,
            next: 0,
            first_date: None,
            annotations: Vec::new(),
            whole: None,
            started_ms,
            core_ms: 0.0,
        })
    }

    /// True once every part is annotated.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.next >= self.ends.len()
    }

    /// True when the text is longer than one part (and so worth reporting
    /// progress on and giving way between parts).
    #[wasm_bindgen(getter, js_name = inParts)]
    pub fn in_parts(&self) -> bool {
        self.in_parts
    }

    /// Annotates the next part; returns the share of the text done (0..1].
    pub fn step(&mut self) -> f64 {
        self.step_by(&newsmark::annotate)
    }

    /// [`AnnotationJob::step`] with the names of `adapter`, the project's
    /// adaptive tagger, in the embedded model's place.
    #[wasm_bindgen(js_name = stepWith)]
    pub fn step_with(&mut self, adapter: &Adapter) -> f64 {
        let adapter = adapter.core();
        self.step_by(&|text, options| adapter.annotate(text, options))
    }

    /// Annotates what is left, settles the names over the whole text and
    /// returns the document as `annotate` does (`core_ms`: the parts'
    /// core time; `elapsed_ms`: since the job was made).
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        while !self.done() {
            self.step();
        }
        let doc = match self.whole.take() {
            Some(doc) => doc,
            None => {
                let t0 = now_ms();
                let annotations = newsmark::reconcile(&self.text, std::mem::take(&mut self.annotations), &self.options);
                self.core_ms += now_ms() - t0;
                let (article_date, article_date_source) = self.first_date.unwrap_or_default();
                Document { text: std::mem::take(&mut self.text), article_date, article_date_source, annotations }
            }
        };
        let mut out = js_document(&doc, None, self.include_text)?;
        out.core_ms = Some(self.core_ms);
        out.elapsed_ms = Some(now_ms() - self.started_ms);
        to_js(&out)
    }
}

impl AnnotationJob {
    /// Annotates the next part with `annotate` (the core's, or an
    /// adapter's).
    fn step_by(&mut self, annotate: &dyn Fn(&str, &Options) -> Document) -> f64 {
        if self.done() {
            return 1.0;
        }
        let t0 = now_ms();
        if !self.in_parts {
            self.whole = Some(annotate(&self.text, &self.options));
        } else {
            self.annotate_part(annotate);
        }
        self.core_ms += now_ms() - t0;
        let (to, _) = self.ends[self.next];
        self.next += 1;
        if self.len_utf16 == 0 {
            1.0
        } else {
            to as f64 / self.len_utf16 as f64
        }
    }

    /// Annotates part `self.next` alone: with the hand edits that lie in
    /// it, and the first part's article date when it found one.
    fn annotate_part(&mut self, annotate: &dyn Fn(&str, &Options) -> Document) {
        let from = if self.next == 0 { 0 } else { self.ends[self.next - 1].1 };
        let to = self.ends[self.next].1;
        let inside = |s: &Span| s.start >= from && s.end <= to;
        let shift = |s: Span| Span::new(s.start - from, s.end - from);
        let edits = &self.options.edits;
        let mut options = Options {
            article_date: self.options.article_date,
            labels: self.options.labels,
            edits: newsmark::Edits {
                added: edits.added.iter().filter(|a| inside(&a.span)).map(|a| Annotation { span: shift(a.span), ..a.clone() }).collect(),
                removed: edits.removed.iter().filter(|s| inside(s)).map(|&s| shift(s)).collect(),
            },
        };
        if let Some((Some(date), _)) = self.first_date {
            options.article_date = Some(date);
        }
        let part = annotate(&self.text[from..to], &options);
        if self.first_date.is_none() {
            self.first_date = Some((part.article_date, part.article_date_source));
        }
        self.annotations
            .extend(part.annotations.into_iter().map(|a| Annotation { span: Span::new(a.span.start + from, a.span.end + from), ..a }));
    }
}

/// Where to end the part that starts at `from` of the UTF-16 `units`:
/// after a line break about `part` units on (else after a space, else
/// anywhere but inside a surrogate pair), and never inside one of `keep`
/// (UTF-16 ranges, the hand edits).
pub fn cut_after(units: &[u16], from: usize, keep: &[(usize, usize)], part: usize) -> usize {
    let n = units.len();
    if n - from <= part {
        return n;
    }
    let mut cut = break_after(units, from + part, part);
    let mut moved = true;
    while moved && cut < n {
        moved = false;
        for &(start, end) in keep {
            if start < cut && cut < end {
                cut = break_after(units, end, part);
                moved = true;
            }
        }
    }
    cut
}

/// Just after the first line break at or after `at` and at most `part`
/// units on, else the first such space, else just after unit `at`; never
/// between the two units of a surrogate pair.
fn break_after(units: &[u16], at: usize, part: usize) -> usize {
    let n = units.len();
    if at >= n {
        return n;
    }
    let window = &units[at..n.min(at + part + 1)];
    let find = |c: u8| window.iter().position(|&u| u == u16::from(c)).map(|i| at + i);
    let cut = find(b'\n').or_else(|| find(b' ')).unwrap_or(at);
    let mut end = cut + 1;
    if end < n && (0xd800..0xdc00).contains(&units[end - 1]) {
        end += 1;
    }
    end.min(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn cuts_after_a_line_break_else_a_space_else_anywhere_whole() {
        let t = units("aaaa bbbb\ncccc dddd\neeee");
        // 4 units on (at 4) the next line break (9) is too far: the space at 4.
        assert_eq!(cut_after(&t, 0, &[], 4), 5);
        assert_eq!(cut_after(&t, 0, &[], 6), 10);
        assert_eq!(cut_after(&t, 0, &[], 100), t.len());
        let solid = units("abcdefghij");
        assert_eq!(cut_after(&solid, 0, &[], 3), 4);
    }

    #[test]
    fn never_cuts_a_surrogate_pair_or_a_hand_edit() {
        let t = units("ab😀😀😀😀");
        // No break in reach of unit 2, the first emoji's high half: cut after its low half.
        assert_eq!(cut_after(&t, 0, &[], 2), 4);
        let t = units("aaaa bbbb cccc dddd");
        assert_eq!(cut_after(&t, 0, &[], 4), 5);
        // An edit over 3..7 moves the cut past its end, to the next space.
        assert_eq!(cut_after(&t, 0, &[(3, 7)], 4), 10);
    }
}
