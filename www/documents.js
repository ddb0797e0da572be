// The document list: every document of the workspace, which one is open,
// and each one's undo history. As data, no DOM.
//
// A document is `{id, name, text, articleDate, edits}`, the shape the
// autosave stores (store.js): saved workspaces keep loading as they are.

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

/** What undo and redo restore of a document. */
export const snapshotOf = (doc) => ({ text: doc.text, articleDate: doc.articleDate, edits: doc.edits });

/** The workspace's documents and the open one. */
export class Documents {
  constructor() {
    /** @type {Array<{id: string, name: string, text: string, articleDate: ?string, edits: object}>} */
    this.list = [];
    this.currentId = null;
    this.histories = new Map();
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

  /** Takes the saved workspace `{docs, current}`, or starts one document when there is none. */
  restore(saved) {
    if (saved && saved.docs && saved.docs.length) {
      this.list = saved.docs;
      this.currentId = saved.docs.some((d) => d.id === saved.current) ? saved.current : saved.docs[0].id;
    } else {
      const d = newDocument('Document 1');
      this.list = [d];
      this.currentId = d.id;
    }
  }

  /** The workspace as the autosave stores it. */
  toSaved() {
    return { docs: this.list, current: this.currentId };
  }

  /** Appends documents; the caller opens one. */
  add(...docs) {
    this.list.push(...docs);
  }

  /** A new empty document, numbered after the others, appended. */
  addEmpty() {
    const d = newDocument(`Document ${this.list.length + 1}`);
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
    if (!this.list.length) this.list.push(newDocument('Document 1'));
    return this.list[0].id;
  }
}
