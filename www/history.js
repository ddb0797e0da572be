// Undo and redo of a document: its text, article date, hand edits and
// whether it shows suggestions, as one history.
//
// A step holds what changed, not the state: the text as a splice (where,
// what went, what came), the two edit lists as splices of their items, the
// date and the suggest flag as their two values. A step of one typed
// character is a few bytes whatever the length of the article, so the
// history can be saved with the document (store.js) and survive a reload.
//
// Every change is recorded after it is made, with the state before and
// after it. A run of typing is one step: a `text` change right after
// another is folded into it. Undoing a step checks that the document is
// still what the step left; when it is not (the history belongs to an
// older version of the text), the history is dropped rather than applied
// to the wrong text, and `undo` says so by returning null.

import { applySplice, spliceOf } from './splice.js';

/** Steps kept a document; the oldest go first. */
export const STEP_LIMIT = 200;
/** About this many characters of steps kept a document (as saved, JSON). */
export const SIZE_LIMIT = 200_000;

const invertSplice = (d) => ({ at: d.at, del: d.ins, ins: d.del });
const isEmptySplice = (d) => d.del.length === 0 && d.ins.length === 0;
// Edit items are small plain objects that editor.js never mutates.
const sameItem = (x, y) => x === y || JSON.stringify(x) === JSON.stringify(y);

/**
 * The step from snapshot `before` to `after` (`{text, articleDate, edits,
 * suggest}`, documents.js snapshotOf), of `kind`; only what changed is in it.
 */
export function stepOf(before, after, kind) {
  const step = { kind };
  if (before.text !== after.text) step.text = spliceOf(before.text, after.text);
  for (const list of ['added', 'removed']) {
    const d = spliceOf(before.edits[list], after.edits[list], sameItem);
    if (!isEmptySplice(d)) step[list] = d;
  }
  if (before.articleDate !== after.articleDate) step.date = [before.articleDate, after.articleDate];
  if (before.suggest !== after.suggest) step.suggest = [before.suggest, after.suggest];
  return step;
}

/** True when `step` changes nothing. */
const isEmptyStep = (step) => !step.text && !step.added && !step.removed && !step.date && !step.suggest;

/**
 * Snapshot `state` with `step` applied forwards (`dir` 1) or backwards
 * (`dir` -1); null when `state` is not what the step starts from.
 */
export function applyStep(state, step, dir) {
  const way = (d) => (dir > 0 ? d : invertSplice(d));
  const pick = (pair) => (dir > 0 ? pair : [pair[1], pair[0]]);
  let { text, articleDate, suggest } = state;
  const edits = { added: state.edits.added, removed: state.edits.removed };
  if (step.text) {
    text = applySplice(text, way(step.text));
    if (text === null) return null;
  }
  for (const list of ['added', 'removed']) {
    if (!step[list]) continue;
    edits[list] = applySplice(edits[list], way(step[list]), sameItem);
    if (edits[list] === null) return null;
  }
  if (step.date) {
    const [from, to] = pick(step.date);
    if (articleDate !== from) return null;
    articleDate = to;
  }
  if (step.suggest) {
    const [from, to] = pick(step.suggest);
    if (suggest !== from) return null;
    suggest = to;
  }
  return { text, articleDate, edits, suggest };
}

/** Whether `x` has the shape of a step (read back from storage). */
function isStep(x) {
  const splice = (d, str) => d === undefined || (d && Number.isInteger(d.at) && d.at >= 0
    && (str ? typeof d.del === 'string' && typeof d.ins === 'string' : Array.isArray(d.del) && Array.isArray(d.ins)));
  const pair = (p) => p === undefined || (Array.isArray(p) && p.length === 2);
  return !!x && typeof x === 'object' && typeof x.kind === 'string' && splice(x.text, true)
    && splice(x.added, false) && splice(x.removed, false) && pair(x.date) && pair(x.suggest);
}

export class History {
  /** A history holding `undo` and `redo` steps (oldest first), as toJSON gave them. */
  constructor({ undo = [], redo = [] } = {}) {
    this.undoStack = undo;
    this.redoStack = redo;
    // Only a run typed in this page folds: a saved history starts a new step.
    this.lastKind = null;
  }

  /** The history saved as `json`, or an empty one when it is not a history. */
  static fromJSON(json) {
    const ok = (a) => Array.isArray(a) && a.every(isStep);
    return json && ok(json.undo) && ok(json.redo) ? new History({ undo: json.undo, redo: json.redo }) : new History();
  }

  /** What is saved: `{undo, redo}`, bounded by STEP_LIMIT and SIZE_LIMIT. */
  toJSON() {
    return { undo: this.undoStack, redo: this.redoStack };
  }

  /**
   * Records the change of `kind` from snapshot `before` to `after`. A
   * `text` change right after another is folded into that step. The step
   * holds when it was made (`at`, for ordering it among the page's other
   * histories) and, when it is part of a change of several documents,
   * `group`: that change's id.
   */
  record(before, after, kind, group = null) {
    let from = before;
    if (kind === 'text' && this.lastKind === 'text' && this.undoStack.length) {
      const run = applyStep(before, this.undoStack[this.undoStack.length - 1], -1);
      if (run) {
        this.undoStack.pop();
        from = run;
      }
    }
    const step = stepOf(from, after, kind);
    this.lastKind = kind;
    if (isEmptyStep(step)) return;
    step.at = Date.now();
    if (group) step.group = group;
    this.undoStack.push(step);
    this.redoStack = [];
    this.trim();
  }

  /** Drops the oldest steps beyond STEP_LIMIT and SIZE_LIMIT (never the newest one). */
  trim() {
    if (this.undoStack.length > STEP_LIMIT) this.undoStack.splice(0, this.undoStack.length - STEP_LIMIT);
    let size = 0;
    for (let i = this.undoStack.length - 1; i >= 0; i--) {
      size += JSON.stringify(this.undoStack[i]).length;
      if (size > SIZE_LIMIT && i < this.undoStack.length - 1) {
        this.undoStack.splice(0, i + 1);
        break;
      }
    }
  }

  /**
   * The state before the last step, from `current`; null when there is
   * none, or when `current` is not what it left (then the history, which
   * belongs to another text, is emptied: `stale` says so).
   */
  undo(current) {
    return this.move(current, this.undoStack, this.redoStack, -1);
  }

  /** The state after the next undone step, from `current`; null as for undo. */
  redo(current) {
    return this.move(current, this.redoStack, this.undoStack, 1);
  }

  move(current, from, to, dir) {
    this.lastKind = null;
    this.stale = false;
    const step = from.pop();
    if (!step) return null;
    const next = applyStep(current, step, dir);
    if (!next) {
      this.undoStack = [];
      this.redoStack = [];
      this.stale = true;
      return null;
    }
    to.push(step);
    return next;
  }

  get canUndo() { return this.undoStack.length > 0; }
  get canRedo() { return this.redoStack.length > 0; }
  /** The step an undo would take back, or undefined. */
  get nextUndo() { return this.undoStack[this.undoStack.length - 1]; }
  /** The step a redo would make again, or undefined. */
  get nextRedo() { return this.redoStack[this.redoStack.length - 1]; }
}
