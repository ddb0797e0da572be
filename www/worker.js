// The annotator's thread: loads the WASM module and answers the page's
// requests, so that annotating a long text never blocks the page.
//
// Requests: {id, op, ...args}; replies: {id, ok: true, result} or
// {id, ok: false, error: {name, message}}; long annotations also post
// {id, progress} (0..1) between chunks.
import init, * as nm from './pkg/newsmark.js';

// Texts longer than this (UTF-16 code units) are annotated a chunk of
// paragraphs at a time, to report progress and to let a newer request
// cancel an older one. The price: document-level name consistency holds
// within a chunk, not across chunks.
const CHUNK = 128 * 1024;

let latestAnnotate = 0;
const t0 = performance.now();
const ready = init().then(() => performance.now() - t0);

self.onmessage = async (event) => {
  const req = event.data;
  if (req.op === 'annotate') latestAnnotate = Math.max(latestAnnotate, req.id);
  try {
    const loadMs = await ready;
    let result;
    switch (req.op) {
      case 'init':
        result = { labels: nm.labels(), formats: nm.formats(), version: nm.version(), loadMs };
        break;
      case 'annotate':
        result = await annotate(req.id, req.text, req.options);
        break;
      case 'export':
        result = nm.exportDocuments(req.docs, req.format);
        break;
      case 'import':
        result = nm.importFile(req.content, req.fileName);
        break;
      case 'importFiles':
        result = nm.importFiles(req.files);
        break;
      default:
        throw new Error(`unknown request ${req.op}`);
    }
    self.postMessage({ id: req.id, ok: true, result });
  } catch (e) {
    const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
    self.postMessage({ id: req.id, ok: false, error });
  }
};

/**
 * Where to cut `text` after `from`: after a line break about CHUNK units
 * on (else after a space, else anywhere but inside a surrogate pair), and
 * never inside a hand edit, which must reach the core whole.
 */
function cutAfter(text, from, edits) {
  const breakAfter = (at) => {
    if (text.length - at <= 0) return text.length;
    let cut = text.indexOf('\n', at);
    if (cut < 0 || cut > at + CHUNK) {
      cut = text.indexOf(' ', at);
      if (cut < 0 || cut > at + CHUNK) cut = at;
    }
    const c = text.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut += 1;
    return Math.min(cut + 1, text.length);
  };
  if (text.length - from <= CHUNK) return text.length;
  let cut = breakAfter(from + CHUNK);
  const all = edits ? [...(edits.added || []), ...(edits.removed || [])] : [];
  for (let moved = true; moved && cut < text.length;) {
    moved = false;
    for (const e of all) {
      if (e.start < cut && cut < e.end) {
        cut = breakAfter(e.end);
        moved = true;
      }
    }
  }
  return cut;
}

/** The edits that lie inside [from, to), shifted to start at 0. */
function editsIn(edits, from, to) {
  if (!edits) return undefined;
  const inside = (e) => e.start >= from && e.end <= to;
  const shift = (e) => ({ ...e, start: e.start - from, end: e.end - from });
  return {
    added: (edits.added || []).filter(inside).map(shift),
    removed: (edits.removed || []).filter(inside).map(shift),
  };
}

async function annotate(id, text, options = {}) {
  if (text.length <= CHUNK) return nm.annotate(text, options);
  // Long text: chunk by paragraphs, for progress and to give way to a newer
  // request; the article date found in the first chunk holds for all of
  // them, and the names are settled over the whole text at the end.
  const started = performance.now();
  let out = null;
  let from = 0;
  let cpOffset = 0;
  while (from < text.length) {
    const to = cutAfter(text, from, options.edits);
    const opts = { ...options, edits: editsIn(options.edits, from, to) };
    if (out && out.article_date) opts.article_date = out.article_date;
    const part = nm.annotate(text.slice(from, to), opts);
    if (!out) {
      out = { ...part, spans: [], len_utf16: 0, len_cp: 0, core_ms: 0 };
    }
    for (const s of part.spans) {
      s.start += from; s.end += from; s.start_cp += cpOffset; s.end_cp += cpOffset;
      out.spans.push(s);
    }
    out.len_utf16 += part.len_utf16;
    out.len_cp += part.len_cp;
    out.core_ms += part.core_ms;
    cpOffset += part.len_cp;
    from = to;
    self.postMessage({ id, progress: from / text.length });
    // Let a newer request in; give up on this one if there is one.
    await new Promise((r) => setTimeout(r, 0));
    if (latestAnnotate > id) return { cancelled: true };
  }
  // The parts were annotated apart: settle their names across the whole
  // text (a name's mentions take one label; unmarked ones are marked).
  const settled = nm.reconcile(text, JSON.stringify(out.spans), options);
  out.spans = settled.spans;
  out.elapsed_ms = performance.now() - started;
  return out;
}
