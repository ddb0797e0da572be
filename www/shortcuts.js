// Every keyboard shortcut of the page, written once: the `?` dialog lists
// them, and the buttons they stand for show theirs (a <kbd> and
// aria-keyshortcuts). The keys themselves are handled in app.js's
// keydown (and selection.js for the marked view); a key added there is
// added here.

import { LABELS } from './labels.js';

/**
 * `{keys, aria?, what, button?}`: `keys` as shown, `aria` the
 * aria-keyshortcuts form, `button` the id of the button it stands for.
 * @type {ReadonlyArray<{keys: string, aria?: string, what: string, button?: string, where?: string}>}
 */
export const SHORTCUTS = Object.freeze([
  { keys: 'Tab', what: 'Move between the text box, the marked view (one stop), the buttons and the side panel' },
  { keys: 'Ctrl+V', what: 'Paste an article (in the text box)' },
  { keys: '← →', what: 'Previous / next mark', where: 'marked view' },
  { keys: 'Home End', what: 'First / last mark', where: 'marked view' },
  { keys: 'Ctrl+← Ctrl+→', what: 'Select the previous / next word (token)', where: 'marked view' },
  { keys: 'Shift+← Shift+→', what: 'Shrink or grow the selection by a word (token)', where: 'marked view' },
  { keys: 'Escape', what: 'Clear the selection; close this dialog' },
  ...LABELS.map((l) => ({ keys: l.shortcut, what: `Label the selection, or relabel the focused mark, ${l.name} (${l.label})`, where: 'marked view' })),
  { keys: 'Delete', aria: 'Delete', what: 'Delete the focused mark', where: 'marked view', button: 'panel-delete' },
  { keys: 'Enter', what: 'Edit the focused mark in the side panel', where: 'marked view' },
  { keys: 'Ctrl+Z', aria: 'Control+Z', what: 'Undo (text and marks)', button: 'undo' },
  { keys: 'Ctrl+Shift+Z', aria: 'Control+Shift+Z Control+Y', what: 'Redo (also Ctrl+Y)', button: 'redo' },
  { keys: '?', aria: 'Shift+?', what: 'Show these shortcuts', button: 'shortcuts-open' },
].map(Object.freeze));

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
    if (!b.querySelector('kbd')) b.append(' ', kbd(s.keys));
  }
}

/**
 * Wires the shortcut dialog `dialog` (a <dialog> with a table body
 * `[data-rows]` and a close button `[data-close]`): `open()` shows it
 * modal; Escape (the dialog's own) or the button close it, and the focus
 * goes back where it was.
 */
export function createShortcutsDialog(dialog) {
  const rows = dialog.querySelector('[data-rows]');
  rows.replaceChildren(...SHORTCUTS.map((s) => {
    const tr = document.createElement('tr');
    const keys = document.createElement('td');
    for (const [n, part] of s.keys.split(' ').entries()) {
      if (n) keys.append(' ');
      keys.append(kbd(part));
    }
    const what = document.createElement('td');
    what.textContent = s.where ? `${s.what} (${s.where})` : s.what;
    tr.append(keys, what);
    return tr;
  }));
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
      dialog.showModal();
    },
    get isOpen() { return dialog.open; },
  };
}
