// What the project taught the adaptive tagger (issue 17): the worker holds
// the tagger (worker.js, ops learn*); this module keeps its .nml bytes in
// the browser with the project, says what it learned in one line, and
// exports and imports the learning file.
import * as client from './client.js';

const KEY = 'newsmark:learned';

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

/** "learned from 12 documents; suggests WEAPON" */
export function describe(summary) {
  if (!summary || summary.documents === 0) return 'nothing learned yet';
  const n = summary.documents;
  const suggests = summary.suggests.length ? `; suggests ${summary.suggests.join(', ')}` : '';
  return `learned from ${n} document${n === 1 ? '' : 's'}${suggests}`;
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
  return summary;
}

/** Forgets what was taught (after the page asked to confirm). */
export async function forget() {
  const r = await client.learnReset();
  if (r) save(r.bytes);
  return r?.summary ?? null;
}
