// The one place where the spans the page sees are built: every span that
// crosses the boundary (annotate, AnnotationJob, importFile, importFiles)
// comes from `buildSpans`, in this shape and key order:
//   {start, end, start_cp, end_cp, label, text, value, value_display, value_words, source}
// `start`/`end` are UTF-16 offsets (JavaScript string indexes), `start_cp`/
// `end_cp` code points (the exports' unit); `value_display` is the value's
// machine display form (`2022-08-09`, `455,000,000 USD (more than)`),
// `value_words` the same told in words (`Tuesday 9 August 2022`), both
// null for a span without a value. The same shape goes back in:
// hand edits and exportDocuments read `start`, `end`, `label`, `value` and
// `source` of it and ignore the rest.
//
// Built here from columns (one Uint32Array of numbers and one string of
// every span's text), where serde-wasm-bindgen would cross the boundary to
// set each field of each span: that took about a tenth of the time of
// annotating news in Node.

const NONE = 0xffffffff;
// The numbers per span in `columns`; SPAN_COLUMNS in src/convert.rs.
const SPAN_COLUMNS = 7;

/**
 * The spans of one document.
 * @param {Uint32Array} columns per span: UTF-16 start and end, code point
 *   start and end, label (index into `labels`), source (index into
 *   `sources`), value (index into `valuesJson`'s triples, 0xffffffff: none)
 * @param {string} texts the spans' texts one after another
 * @param {string} valuesJson a JSON array `[value, display, words, value, display, words, ...]`, or "" for none
 * @param {string[]} labels label names by index
 * @param {string[]} sources source names by index
 * @returns {object[]} the spans
 */
export function buildSpans(columns, texts, valuesJson, labels, sources) {
  const values = valuesJson === '' ? [] : JSON.parse(valuesJson);
  const n = columns.length / SPAN_COLUMNS;
  const spans = new Array(n);
  let at = 0;
  for (let k = 0, c = 0; k < n; k++, c += SPAN_COLUMNS) {
    const start = columns[c], end = columns[c + 1], v = columns[c + 6];
    spans[k] = {
      start,
      end,
      start_cp: columns[c + 2],
      end_cp: columns[c + 3],
      label: labels[columns[c + 4]],
      text: texts.slice(at, at + end - start),
      value: v === NONE ? null : values[3 * v],
      value_display: v === NONE ? null : values[3 * v + 1],
      value_words: v === NONE ? null : values[3 * v + 2],
      source: sources[columns[c + 5]],
    };
    at += end - start;
  }
  return spans;
}
