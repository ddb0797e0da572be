// Undo and redo: snapshots of a document's text, article date and edits.
//
// Every edit pushes the state it replaces. Runs of typing push once: a
// `text` change right after another `text` change is not recorded again.

const LIMIT = 200;

export class History {
  constructor() {
    this.undoStack = [];
    this.redoStack = [];
    this.lastKind = null;
  }

  /** Records `state` (the one before a change of `kind`). */
  push(state, kind) {
    if (kind === 'text' && this.lastKind === 'text') return;
    // Snapshots share strings and edit lists: editor.js never mutates them.
    this.undoStack.push({ ...state });
    if (this.undoStack.length > LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.lastKind = kind;
  }

  /** The state to go back to from `current`, or null. */
  undo(current) {
    const prev = this.undoStack.pop();
    if (!prev) return null;
    this.redoStack.push({ ...current });
    this.lastKind = null;
    return prev;
  }

  /** The state to go forward to from `current`, or null. */
  redo(current) {
    const next = this.redoStack.pop();
    if (!next) return null;
    this.undoStack.push({ ...current });
    this.lastKind = null;
    return next;
  }

  get canUndo() { return this.undoStack.length > 0; }
  get canRedo() { return this.redoStack.length > 0; }
}
