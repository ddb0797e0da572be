// Every keyboard shortcut of the page, written once: the `?` dialog lists
// them, and the buttons they stand for show theirs (a <kbd> and
// aria-keyshortcuts). The keys themselves are handled in app.js's
// keydown (and selection.js for the marked view); a key added there is
// added here.

import { shownLabels } from './labels.js';

/**
 * `{keys, what, group, aria?, button?}`: `keys` as shown (space-separated
 * alternatives), `what` it does, `group` where it acts, `aria` the
 * aria-keyshortcuts form, `button` the id of the button it stands for.
 * @type {ReadonlyArray<{keys: string, what: string, group: string, aria?: string, button?: string}>}
 */
export const SHORTCUTS = Object.freeze([
  { group: 'Anywhere', keys: 'Tab', what: 'Next part of the page: the marked view (one stop), the buttons, the side panel' },
  { group: 'Anywhere', keys: 'Ctrl+Z', aria: 'Control+Z', what: 'Undo (text, marks and label-set changes, the last first)', button: 'undo' },
  { group: 'Anywhere', keys: 'Ctrl+Shift+Z Ctrl+Y', aria: 'Control+Shift+Z Control+Y', what: 'Redo', button: 'redo' },
  { group: 'Anywhere', keys: '?', aria: 'Shift+?', what: 'Show these shortcuts (not in a text field)', button: 'shortcuts-open' },
  { group: 'Anywhere', keys: 'Escape', what: 'Close this dialog' },
  { group: 'Text box', keys: 'Ctrl+V', what: 'Paste an article; every other key types' },
  { group: 'Text box', keys: 'Escape', what: 'Done editing the text: back to the marked view' },
  { group: 'Marked view', keys: 'E F2', what: 'Edit the article\'s text (the text box shows in the view\'s place, the caret at the selection)' },
  { group: 'Marked view', keys: '← →', what: 'Previous / next mark' },
  { group: 'Marked view', keys: 'Home End', what: 'First / last mark' },
  { group: 'Marked view', keys: 'Ctrl+← Ctrl+→', what: 'Select the previous / next word (as the annotator cuts words)' },
  { group: 'Marked view', keys: 'Shift+← Shift+→', what: 'Shrink or grow the selection by a word' },
  { group: 'Marked view', keys: 'Escape', what: 'Clear the selection' },
  { group: 'Marked view', keys: 'Delete', aria: 'Delete', what: 'Delete the focused mark', button: 'panel-delete' },
  { group: 'Marked view', keys: 'Enter', what: 'Edit the focused mark in the side panel' },
  { group: 'Side panel', keys: 'Escape', what: 'Close the mark\'s panel, back to its mark (not in a value field, whose Escape is its own)' },
].map(Object.freeze));

/** The label keys' group of the shortcuts, for `labels` (the labels in use). */
const LABEL_KEYS = 'Label keys (marked view): label the selection, or relabel the focused mark';
const labelKeys = (labels) => labels.filter((l) => l.shortcut).map((l) => ({ group: LABEL_KEYS, keys: l.shortcut, what: `${l.name} (${l.label})` }));
export const ALL_SHORTCUTS = () => [...SHORTCUTS, ...labelKeys(shownLabels())];

/** A <kbd> showing `keys`. */
export function kbd(keys) {
  const k = document.createElement('kbd');
  k.textContent = keys;
  return k;
}

/** Shows each shortcut on the button it stands for (those present on the page). */
export function decorateButtons(root = document) {
  for (const s of SHORTCUTS) {
    const b = s.button && root.getElementById(s.button);
    if (!b) continue;
    if (s.aria) b.setAttribute('aria-keyshortcuts', s.aria);
    if (!b.querySelector('kbd')) b.append(' ', kbd(s.keys.split(' ')[0]));
  }
}

/**
 * Wires the shortcut dialog `dialog` (a <dialog> with a `<table>`, filled
 * here a group of keys to a `<tbody>`, and a close button `[data-close]`): `open()` shows it
 * modal; Escape (the dialog's own) or the button close it, and the focus
 * goes back where it was.
 */
export function createShortcutsDialog(dialog) {
  const table = dialog.querySelector('table');
  // Filled at each opening: the label keys are the project's label set's.
  const fill = () => {
  const all = ALL_SHORTCUTS();
  const groups = [...new Set(all.map((s) => s.group))];
  table.replaceChildren(...(table.tHead ? [table.tHead] : []), ...groups.map((group) => {
    const body = document.createElement('tbody');
    const head = document.createElement('th');
    head.colSpan = 2;
    head.scope = 'colgroup';
    head.textContent = group;
    const headRow = document.createElement('tr');
    headRow.append(head);
    body.append(headRow);
    for (const s of all.filter((x) => x.group === group)) {
      const tr = document.createElement('tr');
      const keys = document.createElement('td');
      for (const [n, part] of s.keys.split(' ').entries()) {
        if (n) keys.append(' ');
        keys.append(kbd(part));
      }
      const what = document.createElement('td');
      what.textContent = s.what;
      tr.append(keys, what);
      body.append(tr);
    }
    return body;
  }));
  };
  fill();
  let back = null;
  dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    if (back && back.isConnected) back.focus({ preventScroll: true });
    back = null;
  });
  return {
    open() {
      if (dialog.open) return;
      back = document.activeElement;
      fill();
      dialog.showModal();
    },
    get isOpen() { return dialog.open; },
  };
}
