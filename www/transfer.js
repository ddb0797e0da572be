// Import and export: files picked or dropped become documents, documents
// become downloads or the clipboard. Every format lives in the WASM module:
// each file goes to the core's importFiles in a call of its own (a brat
// `.txt` with its `.ann` in one, so that they pair up there, as the CLI
// pairs them), so that a bad file is named and stops none of the others.

import * as annotator from './client.js';
import { freeName, newDocument } from './documents.js';
import * as editor from './editor.js';
import { SCHEMA as LABELS_SCHEMA } from './labelset.js';

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
 * Reads `File`s as bytes, undecoded: `[{name, content: Uint8Array}]`. The
 * core decodes them: a DocBin (`.spacy`) is binary, a text file's
 * byte-order mark is dropped by the core's one rule, and a brat `.ann`
 * next to a `.txt` with a mark counts the mark, so the core must see it.
 */
async function readFiles(files) {
  return Promise.all([...files].map(async (f) => ({ name: f.name, content: new Uint8Array(await f.arrayBuffer()) })));
}

/** True for an exported file of bytes (a DocBin): its content is a `Uint8Array`. */
export const isBinary = (file) => file.content instanceof Uint8Array;

/** Saves each `{name, mime, content}` as a download: text as UTF-8, bytes as they are. */
export function download(files) {
  for (const f of files) {
    const type = isBinary(f) ? f.mime : `${f.mime};charset=utf-8`;
    const url = URL.createObjectURL(new Blob([f.content], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = f.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}

/**
 * Copies the files to the clipboard, with a header per file when several.
 * A binary file (a DocBin) cannot be copied as text: an `Error` says so,
 * and nothing is copied.
 */
export async function copy(files) {
  const binary = files.find(isBinary);
  if (binary) throw new Error(`${binary.name} is binary and cannot be copied as text: download it instead`);
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
// The labels the project's label set uses (app.js), null for every label.
let projectLabels = null;

/**
 * Takes the labels the project uses (null: all): a built-in label switched
 * off is not suggested, nor is a label the suggestions learned that was
 * deleted since.
 */
export function setLabelSet(labels) {
  projectLabels = labels;
}

export function annotateOptions(doc) {
  const options = { edits: doc.edits };
  // Only the project's labels are suggested; a hand mark keeps its label
  // even when that label was switched off since.
  if (projectLabels) options.labels = [...new Set([...projectLabels, ...doc.edits.added.map((e) => e.label)])];
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
 * Exports `docs` in `format` (a formats() id) with `options` (the core's
 * export choices: `{offset_unit, scheme, bom, formula_guard}`, each
 * optional). Resolves to the files `[{name, mime, content}]`.
 */
export async function exportDocuments(docs, format, annotated, options = {}) {
  return annotator.exportDocuments(await recordsOf(docs, annotated), format, options);
}

/**
 * A document from an imported one, holding exactly the file's spans: each
 * one a hand edit that keeps the file's `source` (so the marks show as the
 * file had them, and export as they came), and `suggest: false`, so that
 * no recognizer adds a mark until the user asks (the Suggest marks
 * button). Taking the spans where the recognizers agreed as theirs, and
 * removing the others, let a smaller candidate come through under a
 * removed one: a spaCy file with one LOC span came back with a CARDINAL
 * "9" (issue 12: 8). Named `name` (the file's, see importFiles): the
 * id a file gives is often none (spaCy: the core numbers them `doc-1`) or
 * the name of the page it was exported from ("Document 1").
 */
/** The core's `article_date_source` values for a date found in the text (`text`: files before they were told apart). */
const FOUND_IN_TEXT = ['text', 'date_line', 'dateline', 'published', 'url'];

function docFromRecord(rec, name) {
  const doc = newDocument(name, rec.text);
  // A date the core found in the text is found again; only one set by hand is kept.
  doc.articleDate = rec.article_date && !FOUND_IN_TEXT.includes(rec.article_date_source) ? rec.article_date : null;
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

// The endings of the formats the core reads (`spacy.json` before `json`),
// longest first: set by setFormats once the core is loaded.
let endings = [];

/** Takes the core's formats (`formats()`): their endings name imported documents. */
export function setFormats(formats) {
  endings = [...new Set(formats.map((f) => `.${f.extension}`.toLowerCase()))].sort((a, b) => b.length - a.length);
}

/**
 * What a document from file `fileName` is named after: the name without
 * its folder and its format's ending (`file.jsonl` → `file`,
 * `a.spacy.json` → `a`), or without its last ending when no format's.
 */
export function baseName(fileName) {
  const name = fileName.split(/[/\\]/).pop();
  const lower = name.toLowerCase();
  const ending = endings.find((e) => lower.endsWith(e) && lower.length > e.length);
  if (ending) return name.slice(0, name.length - ending.length);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name || 'Imported';
}

/**
 * The calls to make to the core for `files`: a brat `.txt` with its `.ann`
 * (the same name before the ending) in one call, as the core pairs them,
 * every other file in a call of its own, so that one bad file is named and
 * the others still come in.
 */
function groupsOf(files) {
  // As the core pairs them: the name before its last dot, as written.
  const stem = (f) => (f.name.includes('.') ? f.name.slice(0, f.name.lastIndexOf('.')) : f.name);
  const ends = (f, ext) => f.name.toLowerCase().endsWith(ext);
  const anns = new Set(files.filter((f) => ends(f, '.ann')).map(stem));
  const txts = new Set(files.filter((f) => ends(f, '.txt')).map(stem));
  const groups = [];
  const pairs = new Map();
  for (const f of files) {
    const paired = (ends(f, '.ann') && txts.has(stem(f))) || (ends(f, '.txt') && anns.has(stem(f)));
    if (!paired) groups.push([f]);
    else if (pairs.has(stem(f))) pairs.get(stem(f)).push(f);
    else {
      const g = [f];
      pairs.set(stem(f), g);
      groups.push(g);
    }
  }
  return groups;
}

/**
 * The reason of the core's error `message` about `fileName`, without the
 * file's name in front (the page names the file itself, once).
 */
function reasonOf(message, fileName) {
  const prefix = `${fileName}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

// Files that may be another tool's label configuration (the core decides):
// brat's by name, Label Studio's XML, doccano's JSON.
const MAYBE_TOOL_CONFIG = /(^|[/\\])(annotation|visual|tools|kb_shortcuts)\.conf$|\.(xml|json)$/i;

/**
 * Splits picked or dropped files into label-set files (JSON whose schema
 * is `newsmark-labels/1`: `{file, text}`), other tools' label
 * configurations (`tools`: `{files, read}` with the core's reading of
 * their labels, readToolLabels, or null when there are none; a brat or
 * doccano export folder holds one) and the others (documents), in order.
 * Rejects when a configuration cannot be read.
 */
export async function splitLabelSets(fileList) {
  const sets = [];
  const candidates = [];
  for (const file of fileList) {
    if (!MAYBE_TOOL_CONFIG.test(file.name) || file.size >= 1_000_000) continue;
    const text = await file.text();
    let schema = null;
    try {
      schema = /\.json$/i.test(file.name) ? JSON.parse(text)?.schema : null;
    } catch {
      // Not JSON: the document importer says what is wrong with it.
    }
    if (schema === LABELS_SCHEMA) sets.push({ file, text });
    else candidates.push({ file, text });
  }
  let tools = null;
  if (candidates.length) {
    const read = await annotator.readToolLabels(candidates.map(({ file, text }) => ({ name: file.name, text })));
    if (read.configs.length) tools = { files: read.configs.map((c) => candidates[c.index].file), read };
  }
  const apart = new Set([...sets.map((s) => s.file), ...(tools ? tools.files : [])]);
  return { sets, tools, others: [...fileList].filter((f) => !apart.has(f)) };
}

/**
 * Reads picked or dropped files into new documents, file by file: a file
 * the core refuses is reported and the others come in. Each document is
 * named after its file (`file.jsonl` → `file`; the second of the file, or
 * a name `taken` holds already, `file (2)`, ...). Resolves to `{docs,
 * failures: [{file, reason}], sources: [{file, count, reports}]}`: the
 * documents, the files refused and why, and how many documents came from
 * each good one, with the core's report of each file it read (`{file,
 * format, documents, spans, skipped, warnings, summary}`).
 * @param {FileList|File[]} fileList
 * @param {Iterable<string>} taken the names of the documents there are
 */
export async function importFiles(fileList, taken = [], unknownLabel = async () => false) {
  const files = await readFiles(fileList);
  const names = new Set(taken);
  const docs = [];
  const failures = [];
  const sources = [];
  for (const group of groupsOf(files)) {
    // A brat pair is named after its .ann, which holds the marks.
    const named = group.find((f) => f.name.toLowerCase().endsWith('.ann')) || group[0];
    try {
      let read = null;
      // A label the project does not know: offered to the user (unknownLabel
      // adds it to the set), then the file is read again; else it fails as before.
      for (let tries = 0; !read; tries++) {
        try {
          read = await annotator.importFiles(group);
        } catch (e) {
          const unknown = /unknown label "([^"]+)"/.exec(e.message);
          if (!unknown || tries > 50 || !(await unknownLabel(unknown[1]))) throw e;
        }
      }
      const { docs: records, reports } = read;
      const base = baseName(named.name);
      for (const rec of records) docs.push(docFromRecord(rec, freeName(base, names)));
      sources.push({ file: group.map((f) => f.name).join(' + '), count: records.length, reports });
    } catch (e) {
      const bad = group.find((f) => e.message.startsWith(`${f.name}:`)) || named;
      failures.push({ file: bad.name, reason: reasonOf(e.message, bad.name) });
    }
  }
  return { docs, failures, sources };
}

const plural = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * What the page says of an import (`importFiles`' result): `{text, error,
 * errors}`, the message (a line for what came in, one for each file not
 * read, naming it once with the core's reason), whether it is an error,
 * and the failures as `file: reason`. `into` is the name of the document
 * imported into (null: as new documents); `replaced`, whether it was.
 */
export function importReport({ docs, failures, sources }, { into = null, replaced = false } = {}) {
  const from = sources.map((s) => (s.count > 1 ? `${s.file} (${s.count})` : s.file)).join(', ');
  const lines = [];
  const tooMany = into !== null && docs.length > 1;
  if (tooMany) {
    lines.push(`Nothing imported into “${into}”: ${sources.length > 1 ? 'the files hold' : 'the file holds'} ${docs.length} documents (${from}), and a document takes one. Import them as new documents instead.`);
  } else if (replaced) lines.push(`Replaced the text and marks of “${into}” with ${from} (Undo brings them back).`);
  else if (into !== null && docs.length) lines.push(`Nothing imported into “${into}”: another document was opened while ${from} was read.`);
  else if (into === null && docs.length) lines.push(`Imported ${plural(docs.length, 'document')} from ${from}.`);
  // What each file gave (documents, spans, skipped), and what was left out.
  const reports = sources.flatMap((s) => s.reports || []);
  if (docs.length && !tooMany && reports.length) lines.push(`Read ${reports.map((r) => r.summary).join('; ')}.`);
  for (const r of reports) for (const w of r.warnings) lines.push(`${r.file}: ${w}`);
  for (const f of failures) lines.push(`${f.file} was not imported: ${f.reason}`);
  return { text: lines.join('\n'), error: failures.length > 0 || tooMany, errors: failures.map((f) => `${f.file}: ${f.reason}`) };
}
