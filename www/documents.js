// The document list: every document of the workspace, which one is open,
// and each one's undo history. As data, no DOM.
//
// A document is `{id, name, text, articleDate, edits, suggest?, status?}`,
// the shape the autosave stores (store.js): saved workspaces keep loading
// as they are. `suggest: false` (an imported document) shows
// only its own marks, those of its file and the user's, until the user
// asks the recognizers for theirs; absent, the recognizers' marks show, as
// they always did. `status` is the annotator's own word on the document
// (STATUSES; absent, or one this page does not know: to do).
//
// How many marks a document showed when last annotated is kept apart from
// it (Documents.markCounts, saved by store.js under a key of its own), so
// that the list can say it of a document that is not open: a count is
// derived from the document, and writing it into the document's record
// would make a tab that only looked at a document a newer version of it,
// which a tab editing it meanwhile would then have to take in place of its
// own changes.

import { emptyEdits } from './editor.js';
import { History } from './history.js';

/**
 * A fresh id. `crypto.randomUUID` exists only in secure contexts (https,
 * localhost); a page served over plain http elsewhere gets one made of
 * `crypto.getRandomValues`, which exists everywhere.
 */
function newId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** A new document named `name`, no article date, no hand edits. */
export function newDocument(name, text = '') {
  return { id: newId(), name, text, articleDate: null, edits: emptyEdits() };
}

/** The statuses an annotator gives a document, in the order of its work. */
export const STATUSES = Object.freeze([
  Object.freeze({ id: 'todo', name: 'To do' }),
  Object.freeze({ id: 'progress', name: 'In progress' }),
  Object.freeze({ id: 'done', name: 'Done' }),
]);

/** The status of `doc`: one of STATUSES' ids ('todo' when it has none). */
export function statusOf(doc) {
  return STATUSES.some((s) => s.id === doc.status) ? doc.status : 'todo';
}

/**
 * What the list can say of a document's marks: `{shown, edits}`, the marks
 * it showed when last annotated (`markCount`, or null: not known yet; a
 * document that takes no suggestions shows exactly its hand edits, so its
 * count is known before it is opened) and the hand edits the annotator
 * made (marks added or changed, marks deleted; those a file brought in
 * carry its source and are not counted).
 */
export function countsOf(doc, markCount) {
  const known = Number.isInteger(markCount) && markCount >= 0;
  const shown = known ? markCount : doc.suggest === false ? doc.edits.added.length : null;
  return { shown, edits: doc.edits.added.filter((e) => !e.source).length + doc.edits.removed.length };
}

/**
 * `base` if no name in `taken` (a Set, updated) is it, else `base (2)`,
 * `base (3)`, ...: the first one free. Imports name documents after their
 * files with it, so that several of one file, or one file imported twice,
 * can be told apart in the list.
 */
export function freeName(base, taken) {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  taken.add(name);
  return name;
}

/**
 * Gives `doc` the content of `from` (an imported document): its text, marks
 * and article date; its id, name and status stay. The caller makes it an
 * undoable edit.
 */
export function takeContent(doc, from) {
  Object.assign(doc, { text: from.text, edits: from.edits, articleDate: from.articleDate, suggest: from.suggest });
}

/** What undo and redo restore of a document. */
export const snapshotOf = (doc) => ({ text: doc.text, articleDate: doc.articleDate, edits: doc.edits, suggest: doc.suggest !== false });

/** The workspace's documents and the open one. */
export class Documents {
  constructor() {
    /** @type {Array<{id: string, name: string, text: string, articleDate: ?string, edits: object}>} */
    this.list = [];
    this.currentId = null;
    this.histories = new Map();
    /** The stored version each document was read or last saved at (store.js). */
    this.versions = new Map();
    /** Ids of the documents changed since their last save. */
    this.dirty = new Set();
    /** How many marks each document showed when last annotated, by id (see above). */
    this.markCounts = new Map();
  }

  /** The document `id`, or undefined. */
  byId(id) {
    return this.list.find((d) => d.id === id);
  }

  /**
   * Takes another tab's newer version `v` of a document (or its deletion,
   * `doc` null) in place of this tab's: its unsaved changes and its undo
   * history go, as they were made on the older version.
   */
  takeNewer(id, doc, v) {
    this.versions.set(id, v);
    this.dirty.delete(id);
    this.histories.delete(id);
    const i = this.list.findIndex((d) => d.id === id);
    if (!doc) {
      if (i >= 0) this.list.splice(i, 1);
      return;
    }
    if (i >= 0) this.list[i] = doc;
    else this.list.push(doc);
  }

  /** The open document. */
  get current() {
    return this.list.find((d) => d.id === this.currentId);
  }

  /** The undo history of `doc`. */
  history(doc) {
    if (!this.histories.has(doc.id)) this.histories.set(doc.id, new History());
    return this.histories.get(doc.id);
  }

  /**
   * Takes the saved workspace `{docs: [{doc, v, history}], current}`
   * (store.js load), with each document's saved undo history, or starts
   * one document when there is none.
   */
  restore(saved) {
    if (saved && saved.docs && saved.docs.length) {
      this.list = saved.docs.map((d) => d.doc);
      for (const { doc, v, history } of saved.docs) {
        this.versions.set(doc.id, v);
        if (history) this.histories.set(doc.id, History.fromJSON(history));
      }
      this.currentId = this.list.some((d) => d.id === saved.current) ? saved.current : this.list[0].id;
    } else {
      const d = newDocument('Document 1');
      this.list = [d];
      this.currentId = d.id;
      this.dirty.add(d.id);
    }
  }

  /** Appends documents; the caller opens one. */
  add(...docs) {
    this.list.push(...docs);
    for (const d of docs) this.dirty.add(d.id);
  }

  /** A new empty document, numbered after the others (the first number no document's name has), appended. */
  addEmpty() {
    const taken = new Set(this.list.map((doc) => doc.name));
    let n = this.list.length + 1;
    while (taken.has(`Document ${n}`)) n++;
    const d = newDocument(`Document ${n}`);
    this.add(d);
    return d;
  }

  /**
   * Removes `doc` and its history; an empty list gets a fresh document.
   * Returns the id to open next.
   */
  remove(doc) {
    this.list = this.list.filter((d) => d !== doc);
    this.histories.delete(doc.id);
    this.dirty.delete(doc.id);
    if (!this.list.length) this.add(newDocument('Document 1'));
    return this.list[0].id;
  }
}
