// What the project taught the adaptive tagger (issue 17): the worker holds
// the tagger (worker.js, ops learn*); this module keeps its .nml bytes in
// the browser with the project, says what it learned in one line, and
// exports and imports the learning file. Besides documents marked done, it
// can learn from each hand edit as it is made (an option kept in the
// browser): the edit's paragraph, with its marks as they now are.
import * as client from './client.js';

const KEY = 'newsmark:learned';
/** The hand edits learned since the tagger was new (the .nml counts documents only). */
const EDITS_KEY = 'newsmark:learned:edits';
/** Whether each hand edit teaches: "1" or absent. */
const EACH_EDIT_KEY = 'newsmark:learn-each-edit';

/** Whether each hand edit teaches the suggestions. */
export function learnsEachEdit() {
  return localStorage.getItem(EACH_EDIT_KEY) === '1';
}

export function setLearnsEachEdit(on) {
  if (on) localStorage.setItem(EACH_EDIT_KEY, '1');
  else localStorage.removeItem(EACH_EDIT_KEY);
}

/** The hand edits learned from, as this browser counted them. */
export function editsLearned() {
  return Number(localStorage.getItem(EDITS_KEY)) || 0;
}

function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Saves the learning bytes with the project. */
export function save(bytes) {
  if (bytes) localStorage.setItem(KEY, toBase64(bytes));
}

/**
 * Loads the saved tagger into the worker (a new one over `labels` when
 * none was saved); resolves to `{summary, problem}`. A saved file that
 * cannot be read (corrupt, or made by another version of newsmark) is not
 * thrown away: it is set aside under `newsmark:learned:unreadable`, a new
 * tagger starts, and `problem` says why.
 */
export async function load(labels) {
  const saved = localStorage.getItem(KEY);
  if (saved) {
    try {
      return { summary: await client.learnLoad(fromBase64(saved), labels), problem: null };
    } catch (e) {
      localStorage.setItem(`${KEY}:unreadable`, saved);
      localStorage.removeItem(KEY);
      return { summary: await client.learnLoad(null, labels), problem: e.message };
    }
  }
  return { summary: await client.learnLoad(null, labels), problem: null };
}

/** Learns a document marked done: its text and spans (UTF-16). */
export async function learnDocument(text, spans) {
  const { step, summary, bytes } = await client.learn(text, spans);
  save(bytes);
  return { step, summary };
}

/**
 * Learns one hand edit: the paragraphs it touched, each `{text, spans}`
 * (UTF-16, from the paragraph's start) as they are after it. Resolves to
 * the summary after them, or null when there were none.
 */
export async function learnEdit(passages) {
  let last = null;
  for (const { text, spans } of passages) last = await client.learnPassage(text, spans);
  if (!last) return null;
  save(last.bytes);
  localStorage.setItem(EDITS_KEY, String(editsLearned() + 1));
  return last.summary;
}

/**
 * The paragraphs (`{start, end}`, UTF-16) of `text` that the ranges
 * `changed` ({start, end}) touch, each once, in order: what an edit there
 * teaches.
 */
export function paragraphsOf(text, changed) {
  const out = new Map();
  for (const { start, end } of changed) {
    const from = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
    const stop = text.indexOf('\n', end);
    const to = stop < 0 ? text.length : stop;
    if (to > from) out.set(from, { start: from, end: to });
  }
  return [...out.values()].sort((a, b) => a.start - b.start);
}

/**
 * "learned from 12 documents and 3 edits; suggests WEAPON". `labels`: the
 * project's label names, when some learned labels may have left it (a
 * deleted label's learning stays, unsuggested, until it is forgotten).
 */
export function describe(summary, edits = editsLearned(), labels = null) {
  const n = summary ? summary.documents : 0;
  if (!summary || (n === 0 && edits === 0)) return 'nothing learned yet';
  const parts = [];
  if (n > 0) parts.push(`${n} document${n === 1 ? '' : 's'}`);
  if (edits > 0) parts.push(`${edits} edit${edits === 1 ? '' : 's'}`);
  const shown = labels ? summary.suggests.filter((l) => labels.includes(l)) : summary.suggests;
  const suggests = shown.length ? `; suggests ${shown.join(', ')}` : '';
  return `learned from ${parts.join(' and ')}${suggests}`;
}

/**
 * Gives what was learned of label `from` to `to`: the project renamed it
 * (or an undo took the rename back). Resolves to the summary after it, or
 * to the summary as it was when the suggestions do not learn `from` (a
 * label with values; before they loaded: null).
 */
export async function rename(from, to) {
  const known = await client.learnSummary();
  if (!known || !known.labels.includes(from)) return known;
  const { summary, bytes } = await client.learnRename(from, to);
  save(bytes);
  return summary;
}

/** The learning file to download, `{name, mime, content}` (content: its bytes), or null before it loaded. */
export async function exportFile() {
  const bytes = await client.learnBytes();
  return bytes ? { name: 'newsmark.nml', mime: 'application/octet-stream', content: new Uint8Array(bytes) } : null;
}

/** Reads an imported learning file into the worker and saves it. */
export async function importFile(file, labels) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const summary = await client.learnLoad(bytes, labels);
  save(bytes);
  // The file counts documents, not edits.
  localStorage.removeItem(EDITS_KEY);
  return summary;
}

/** Forgets what was taught (after the page asked to confirm). */
export async function forget() {
  const r = await client.learnReset();
  if (r) save(r.bytes);
  localStorage.removeItem(EDITS_KEY);
  return r?.summary ?? null;
}
