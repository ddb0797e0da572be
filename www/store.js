// Autosave: each document under its own localStorage key with a version,
// and a small index (the list's order and the last open document).
//
//   newsmark:index              {"format": 2, "ids": [id, ...], "current": id}
//   newsmark:doc:<id>           {"v": 3, "doc": {id, name, text, articleDate, edits, suggest?, status?}}
//                               {"v": 4, "deleted": true}   (a tombstone)
//   newsmark:quarantine:<key>   {"at": ISO time, "reason": "...", "raw": "<what the key held>"}
//   newsmark:history:<id>       {"v": 3, "undo": [step, ...], "redo": [...]}   (history.js steps;
//                               the undo history of version v of the document, kept for a reload)
//   newsmark:marks              {"<id>": 12, ...}   (marks each document showed when last annotated)
//
// `status` came with issue 14, and documents saved before have none: it is
// optional, never a reason to set a document aside (documents.js reads a
// missing or unknown status as to do), so every older save loads as it is.
// The mark counts are derived data, kept apart from the documents and
// without versions (see documents.js for why): any tab writes them, the
// last write wins, and a bad or missing entry is only a count not known.
//
// localStorage, not IndexedDB: its writes are synchronous, so the last
// edit is on disk when `pagehide` returns (an IndexedDB transaction begun
// there may never commit), and its `storage` event tells the other tabs of
// the origin about every write, key by key.
//
// Versions keep tabs from overwriting each other: a write says which
// version it replaces, and when the stored one is newer the write is not
// made; the caller takes the stored document instead. A deleted document
// leaves a tombstone, so that a tab still holding it cannot bring it back.
//
// Today's workspaces before this format (one record `workspace` in the
// IndexedDB database `newsmark`, store `state`) are copied in once, when
// there is no index yet; the old record is left where it was.

const PREFIX = 'newsmark:';
const INDEX = `${PREFIX}index`;
const DOC = `${PREFIX}doc:`;
const QUARANTINE = `${PREFIX}quarantine:`;
const HISTORY = `${PREFIX}history:`;
const MARKS = `${PREFIX}marks`;
const FORMAT = 2;

const docKey = (id) => `${DOC}${id}`;

/**
 * Why `doc` cannot be opened, or null when it can: the shape documents.js
 * keeps, with edits that lie inside the text (its optional fields, the
 * status and the mark count, are not checked: see above).
 * @param {any} doc
 * @returns {?string}
 */
export function problemOf(doc) {
  if (!doc || typeof doc !== 'object') return 'not a document';
  if (typeof doc.id !== 'string' || !doc.id) return 'no id';
  if (typeof doc.text !== 'string') return `its text is ${doc.text === null ? 'null' : typeof doc.text}, not a string`;
  if (typeof doc.name !== 'string') return 'no name';
  if (doc.articleDate !== null && doc.articleDate !== undefined && typeof doc.articleDate !== 'string') return 'a bad article date';
  const e = doc.edits;
  if (!e || !Array.isArray(e.added) || !Array.isArray(e.removed)) return 'no edit lists';
  const n = doc.text.length;
  const bad = (s) => !s || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > n || s.start >= s.end;
  if (e.added.some((s) => bad(s) || typeof s.label !== 'string') || e.removed.some(bad)) return 'an edit outside its text';
  return null;
}

/** The version a stored record carries, read from its start (no parse of the text). */
function versionOf(raw) {
  if (raw === null) return 0;
  const m = /^\{"v":(\d+)/.exec(raw);
  if (m) return Number(m[1]);
  try {
    const v = JSON.parse(raw).v;
    return Number.isInteger(v) ? v : 0;
  } catch {
    return 0;
  }
}

/** Moves what `key` holds to a quarantine key, with `reason`; the data is kept, not deleted. */
function quarantine(key, raw, reason) {
  const qKey = `${QUARANTINE}${key.slice(PREFIX.length)}:${Date.now()}`;
  try {
    localStorage.setItem(qKey, JSON.stringify({ at: new Date().toISOString(), reason, raw }));
    localStorage.removeItem(key);
  } catch {
    // No room to set it aside: leave it where it is; it is skipped on every load.
  }
}

/**
 * Reads a stored document record: `{v, doc}` or `{v, deleted: true}`;
 * `{problem}` when it cannot be opened.
 */
export function parseRecord(raw) {
  let rec;
  try {
    rec = JSON.parse(raw);
  } catch (e) {
    return { problem: `not JSON (${e.message})` };
  }
  if (!rec || !Number.isInteger(rec.v)) return { problem: 'no version' };
  if (rec.deleted) return { v: rec.v, deleted: true };
  const problem = problemOf(rec.doc);
  return problem ? { problem } : { v: rec.v, doc: rec.doc };
}

function readIndex() {
  try {
    const idx = JSON.parse(localStorage.getItem(INDEX));
    return idx && Array.isArray(idx.ids) ? idx : null;
  } catch {
    return null;
  }
}

/** The legacy workspace `{docs, current}` of IndexedDB, or null. */
function loadLegacy() {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve) => {
    let req;
    try {
      req = indexedDB.open('newsmark', 1);
    } catch {
      resolve(null);
      return;
    }
    req.onupgradeneeded = () => req.result.createObjectStore('state');
    req.onerror = () => resolve(null);
    req.onsuccess = () => {
      const d = req.result;
      try {
        const get = d.transaction('state').objectStore('state').get('workspace');
        get.onsuccess = () => { d.close(); resolve(get.result || null); };
        get.onerror = () => { d.close(); resolve(null); };
      } catch {
        d.close();
        resolve(null);
      }
    };
  });
}

/**
 * Copies a legacy workspace into this format: each good document a record
 * of version 1, each bad one straight to quarantine. Runs once: after it,
 * there is an index. Returns the documents set aside, as load does.
 */
async function migrate() {
  const legacy = await loadLegacy();
  const ids = [];
  const problems = [];
  if (legacy && Array.isArray(legacy.docs)) {
    for (const [i, doc] of legacy.docs.entries()) {
      const problem = problemOf(doc);
      const raw = JSON.stringify(doc ?? null);
      if (problem) {
        localStorage.setItem(`${QUARANTINE}legacy-${i}:${Date.now()}`, JSON.stringify({ at: new Date().toISOString(), reason: problem, raw }));
        problems.push({ id: typeof doc?.id === 'string' ? doc.id : `document ${i + 1}`, reason: problem });
      } else if (!ids.includes(doc.id)) {
        localStorage.setItem(docKey(doc.id), JSON.stringify({ v: 1, doc }));
        ids.push(doc.id);
      }
    }
  }
  localStorage.setItem(INDEX, JSON.stringify({ format: FORMAT, ids, current: legacy?.current ?? null }));
  return problems;
}

/**
 * The saved workspace: `{docs: [{doc, v}], current, problems: [{id,
 * reason}]}`, in the index's order (documents another tab wrote and did
 * not list yet come last). A document that cannot be opened is moved to a
 * quarantine key and named in `problems`; the others load.
 */
export async function load() {
  const problems = readIndex() ? [] : await migrate();
  const index = readIndex() || { ids: [], current: null };
  const stored = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k && k.startsWith(DOC)) stored.push(k.slice(DOC.length));
  }
  const have = new Set(stored);
  const listed = new Set(index.ids);
  const order = [...new Set(index.ids.filter((id) => have.has(id))), ...stored.filter((id) => !listed.has(id))];
  const docs = [];
  for (const id of order) {
    const raw = localStorage.getItem(docKey(id));
    const rec = parseRecord(raw);
    if (rec.problem) {
      quarantine(docKey(id), raw, rec.problem);
      problems.push({ id, reason: rec.problem });
    } else if (!rec.deleted) docs.push({ doc: rec.doc, v: rec.v, history: loadHistory(id, rec.v) });
  }
  let current = null;
  try {
    current = sessionStorage.getItem(`${PREFIX}current`);
  } catch {
    // no session storage: the index's
  }
  return { docs, current: current || index.current, problems };
}

/**
 * Saves `doc` over version `held` (0: never saved). Returns `{saved: v}`
 * with the new version, or `{newer}` (a record as parseRecord returns it)
 * without writing when the stored version is newer than `held`: another
 * tab saved it since. Throws when the browser refuses the write (full).
 */
export function saveDoc(doc, held) {
  const key = docKey(doc.id);
  const raw = localStorage.getItem(key);
  const v = versionOf(raw);
  if (v > held) {
    const rec = parseRecord(raw);
    if (!rec.problem) return { newer: rec };
    // What is stored is unreadable: set it aside and write ours after it.
    quarantine(key, raw, rec.problem);
  }
  const next = Math.max(v, held) + 1;
  localStorage.setItem(key, JSON.stringify({ v: next, doc }));
  return { saved: next };
}

/** Deletes document `id` (held at version `held`): a tombstone of the next version. */
export function deleteDoc(id, held) {
  const next = Math.max(versionOf(localStorage.getItem(docKey(id))), held) + 1;
  localStorage.setItem(docKey(id), JSON.stringify({ v: next, deleted: true }));
  localStorage.removeItem(`${HISTORY}${id}`);
  try {
    saveMarkCount(id, null);
  } catch {
    // a stale count of a deleted document is never shown
  }
}

/**
 * Saves the undo history `{undo, redo}` (History.toJSON) of version `v` of
 * document `id`. A history is worth less than a document: when the
 * browser refuses the write, the older saved history is removed (it
 * belongs to an older version) and false returned.
 */
export function saveHistory(id, v, history) {
  try {
    localStorage.setItem(`${HISTORY}${id}`, JSON.stringify({ v, ...history }));
    return true;
  } catch {
    localStorage.removeItem(`${HISTORY}${id}`);
    return false;
  }
}

/**
 * The saved undo history `{undo, redo}` of version `v` of document `id`,
 * or null: none saved, unreadable, or of another version (another tab
 * changed the document since).
 */
export function loadHistory(id, v) {
  try {
    const rec = JSON.parse(localStorage.getItem(`${HISTORY}${id}`));
    return rec && rec.v === v ? { undo: rec.undo, redo: rec.redo } : null;
  } catch {
    return null;
  }
}

/** Removes every saved undo history but that of `keep`, to free room for documents. */
export function dropHistories(keep) {
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k && k.startsWith(HISTORY) && k !== `${HISTORY}${keep}`) keys.push(k);
  }
  for (const k of keys) localStorage.removeItem(k);
  return keys.length;
}

/** The saved mark counts, `{id: count}` (an unreadable record: none). */
function readMarkCounts() {
  try {
    const counts = JSON.parse(localStorage.getItem(MARKS));
    return counts && typeof counts === 'object' && !Array.isArray(counts) ? counts : {};
  } catch {
    return {};
  }
}

/** How many marks each document showed when last annotated: a Map by id, of counts that are whole numbers. */
export function loadMarkCounts() {
  return new Map(Object.entries(readMarkCounts()).filter(([, n]) => Number.isInteger(n) && n >= 0));
}

/**
 * Saves that document `id` showed `count` marks (null: forgets it). Throws
 * when the browser refuses the write; the caller may ignore it (a count is
 * only shown, and comes back at the next annotation).
 */
export function saveMarkCount(id, count) {
  const counts = readMarkCounts();
  if (count === null) delete counts[id];
  else counts[id] = count;
  localStorage.setItem(MARKS, JSON.stringify(counts));
}

/**
 * Writes the index: `ids` in this tab's order, and the ids of the stored
 * index this tab does not know yet (another tab's new documents), and the
 * open document (also kept per tab, in sessionStorage, for a reload).
 */
export function saveIndex(ids, current) {
  const known = new Set(ids);
  const theirs = (readIndex()?.ids || []).filter((id) => !known.has(id) && localStorage.getItem(docKey(id)) !== null
    && !parseRecord(localStorage.getItem(docKey(id))).deleted);
  const next = JSON.stringify({ format: FORMAT, ids: [...ids, ...theirs], current });
  if (localStorage.getItem(INDEX) !== next) localStorage.setItem(INDEX, next);
  try {
    sessionStorage.setItem(`${PREFIX}current`, current);
  } catch {
    // no session storage: a reload opens the index's
  }
}

/**
 * Calls `onDoc(id, record)` when another tab writes a document (a record
 * as parseRecord returns it: a tombstone for a deletion), and
 * `onMarkCounts(counts)` (as loadMarkCounts) when it counts marks. The
 * index needs no watching: a new document's own record comes first.
 */
export function watch({ onDoc, onMarkCounts = () => {} }) {
  window.addEventListener('storage', (e) => {
    if (e.storageArea !== localStorage) return;
    if (e.key === MARKS) onMarkCounts(loadMarkCounts());
    if (e.key && e.key.startsWith(DOC) && e.newValue !== null) onDoc(e.key.slice(DOC.length), parseRecord(e.newValue));
  });
}
