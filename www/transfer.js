// Import and export: files picked or dropped become documents, documents
// become downloads or the clipboard. Every format lives in the WASM module:
// every pick or drop goes to the core's importFiles in one call, so a brat
// `.txt` and `.ann` pair up there, as the CLI pairs them.

import * as annotator from './client.js';
import { newDocument } from './documents.js';
import * as editor from './editor.js';

/**
 * The file picker's `accept`: the endings of the formats the core imports
 * (`formats()`' `can_import`; the last part of `spacy.json` is what a file
 * dialog can match), and brat's `.ann`, which importFiles reads with its
 * `.txt` though importFile alone cannot (so its `can_import` is false).
 * @param {Array<{id: string, extension: string, can_import: boolean}>} formats
 * @returns {string} e.g. `.json,.jsonl,.ann,.txt`
 */
export function acceptOf(formats) {
  const endings = formats.filter((f) => f.can_import || f.id === 'brat').map((f) => `.${f.extension.split('.').pop()}`);
  return [...new Set(endings)].join(',');
}

/**
 * Reads `File`s as text: `[{name, content}]`. A byte-order mark is kept
 * (`ignoreBOM`; `File.text()` drops it): the core drops it by its one rule,
 * and a brat `.ann` next to a `.txt` with a mark counts the mark, so the
 * core must see it.
 */
async function readFiles(files) {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return Promise.all([...files].map(async (f) => ({ name: f.name, content: decoder.decode(await f.arrayBuffer()) })));
}

/** Saves each `{name, mime, content}` as a download. */
export function download(files) {
  for (const f of files) {
    const url = URL.createObjectURL(new Blob([f.content], { type: `${f.mime};charset=utf-8` }));
    const a = document.createElement('a');
    a.href = url;
    a.download = f.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}

/** Copies the files to the clipboard, with a header per file when several. */
export async function copy(files) {
  const text = files.length === 1 ? files[0].content : files.map((f) => `==> ${f.name} <==\n${f.content}`).join('\n');
  await navigator.clipboard.writeText(text);
}

/** Calls `onFiles(files)` for files dropped anywhere on the page, showing `overlay` while they hover. */
export function onDrop(overlay, onFiles) {
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  window.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth++; overlay.hidden = false; } });
  window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; overlay.hidden = true; } });
  window.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (e.dataTransfer.files.length) onFiles(e.dataTransfer.files);
  });
}

/**
 * The options to annotate `doc` with: its hand edits and, when set, its
 * article date.
 */
export function annotateOptions(doc) {
  const options = { edits: doc.edits };
  if (doc.articleDate) options.article_date = doc.articleDate;
  return options;
}

/**
 * The documents as the exporters take them: each one's annotation as
 * annotate returns it (spans in their one shape, UTF-16 offsets), with its
 * name and text. `annotated(doc)` is the current annotation of a document
 * when the page has it; the others are annotated now.
 */
async function recordsOf(docs, annotated) {
  const records = [];
  for (const doc of docs) {
    const r = annotated(doc) || (await annotateDoc(doc));
    records.push({ id: doc.name, text: doc.text, article_date: r.article_date, article_date_source: r.article_date_source, spans: r.spans });
  }
  return records;
}

/**
 * Exports `docs` in `format` (a formats() id). Resolves to the files
 * `[{name, mime, content}]`.
 */
export async function exportDocuments(docs, format, annotated) {
  return annotator.exportDocuments(await recordsOf(docs, annotated), format);
}

/**
 * A document from an imported one, holding exactly the file's spans: each
 * one a hand edit that keeps the file's `source` (so the marks show as the
 * file had them, and export as they came), and `suggest: false`, so that
 * no recognizer adds a mark until the user asks (the Suggest marks
 * button). Taking the spans where the recognizers agreed as theirs, and
 * removing the others, let a smaller candidate come through under a
 * removed one: a spaCy file with one LOC span came back with a CARDINAL
 * "9" (issue 12: 8).
 */
function docFromRecord(rec, fallbackName) {
  const doc = newDocument(rec.id || fallbackName, rec.text);
  doc.articleDate = rec.article_date && rec.article_date_source !== 'text' ? rec.article_date : null;
  doc.suggest = false;
  doc.edits = editor.emptyEdits();
  doc.edits.added = rec.spans.map((s) => {
    const e = { start: s.start, end: s.end, label: s.label };
    if (s.value !== null && s.value !== undefined) e.value = s.value;
    if (s.source) e.source = s.source;
    return e;
  }).sort((a, b) => a.start - b.start);
  return doc;
}

/**
 * Annotates `doc` (the worker's annotate, with its edits and date): the
 * recognizers' marks with the hand edits, or, for a document that does
 * not take suggestions (`suggest: false`), its hand edits alone. A hand
 * edit that came from a file shows the file's source.
 * @param {object} doc a document (documents.js)
 * @param {(p: number) => void} [onProgress]
 * @returns {Promise<object>} annotate's result, or `{cancelled: true}`
 */
export async function annotateDoc(doc, onProgress) {
  // Read before the wait: the document may change meanwhile.
  const own = doc.suggest === false;
  const sources = new Map();
  for (const e of doc.edits.added) if (e.source) sources.set(`${e.start}:${e.end}`, e.source);
  const result = await annotator.annotate(doc.text, annotateOptions(doc), onProgress);
  if (result.cancelled) return result;
  let spans = own ? result.spans.filter((s) => s.source === 'user') : result.spans;
  if (sources.size) {
    spans = spans.map((s) => {
      const source = s.source === 'user' && sources.get(`${s.start}:${s.end}`);
      return source ? { ...s, source } : s;
    });
  }
  return spans === result.spans ? result : { ...result, spans };
}

/**
 * Reads picked or dropped files into new documents, all or nothing (the
 * core names the first bad file). Resolves to `{docs, error}`: the
 * documents, or an empty list and the error's message.
 */
export async function importFiles(fileList) {
  const files = await readFiles(fileList);
  try {
    const records = await annotator.importFiles(files);
    const docs = [];
    // The core names every document (from the file or numbered); the
    // file's name is the last resort.
    const base = files.length === 1 ? files[0].name : 'Imported';
    for (const [i, rec] of records.entries()) docs.push(docFromRecord(rec, records.length > 1 ? `${base} ${i + 1}` : base));
    return { docs, error: null };
  } catch (e) {
    return { docs: [], error: e.message };
  }
}
