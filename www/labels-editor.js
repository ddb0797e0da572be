// The label-set dialog: built-in labels switched on and off, the project's
// own labels added, renamed, recolored, given a key and deleted (asking
// what becomes of their marks). It only asks: every change goes through
// `host.change(kind, makeSet, marks?)` (app.js), which applies it to the set
// and the documents as one undoable step, or says why it cannot.

import { LABELS } from './labels.js';
import * as labelset from './labelset.js';
import { el } from './render.js';

const $ = (id) => document.getElementById(id);

/**
 * Wires the dialog. `host`: `set()` the current set; `change(kind, makeSet,
 * marks)` makes `makeSet(set)` the set (it throws an Error saying why not),
 * with `marks` `{from, to}` (to: a label, or null to remove them) moved in
 * every document; `undo()` the last label-set step (`{text, error}` of what
 * it did or why it did not, or null); `say(text, {error})`.
 * Returns `{open(), render(), isOpen}`.
 */
export function createLabelsEditor(host) {
  const dialog = $('labelset');
  const status = $('labelset-status');
  const tell = (text, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  const attempt = async (kind, makeSet, marks) => {
    try {
      await host.change(kind, makeSet, marks);
      tell('');
      return true;
    } catch (e) {
      tell(e.message, true);
      return false;
    }
  };

  function render() {
    const set = host.set();
    const builtins = $('labelset-builtins');
    builtins.replaceChildren(builtins.querySelector('legend'), ...LABELS.map((l) => {
      const box = el('input', { type: 'checkbox' });
      box.checked = !set.off.includes(l.label);
      box.dataset.label = l.label;
      box.addEventListener('change', async () => {
        if (!(await attempt('label-switch', (s) => labelset.switchBuiltIn(s, l.label, box.checked)))) box.checked = !box.checked;
      });
      return el('label', { class: 'labelset-builtin' }, box, ` ${l.name} (${l.label})`);
    }));
    const body = $('labelset-own').tBodies[0];
    body.replaceChildren(...set.labels.map((l) => {
      const name = el('input', { value: l.label, 'aria-label': `Name of ${l.label}`, class: 'labelset-rename' });
      name.addEventListener('change', async () => {
        const to = name.value.trim();
        if (to === l.label) return;
        if (!(await attempt('label-rename', (s) => labelset.renameLabel(s, l.label, to), { from: l.label, to }))) name.value = l.label;
      });
      const color = el('input', { type: 'color', value: l.color, 'aria-label': `Color of ${l.label}`, class: 'labelset-color' });
      color.addEventListener('change', () => attempt('label-recolor', (s) => labelset.recolorLabel(s, l.label, color.value)));
      const key = el('input', { value: l.shortcut, size: '2', maxlength: '2', 'aria-label': `Key of ${l.label}`, class: 'labelset-key' });
      key.addEventListener('change', async () => {
        if (!(await attempt('label-key', (s) => labelset.rekeyLabel(s, l.label, key.value.trim())))) key.value = l.shortcut;
      });
      // Delete: its marks removed, or given another label (any label in use
      // but this one).
      const fate = el('select', { 'aria-label': `What becomes of the marks of ${l.label}`, class: 'labelset-fate' },
        el('option', { value: '' }, 'remove them'),
        ...labelset.labelsOf(set).filter((o) => o.label !== l.label).map((o) => el('option', { value: o.label }, `label them ${o.label}`)));
      const del = el('button', { type: 'button', class: 'labelset-delete' }, 'Delete');
      del.addEventListener('click', () => attempt('label-delete', (s) => labelset.deleteLabel(s, l.label), { from: l.label, to: fate.value || null }));
      const row = el('tr', {}, el('td', {}, name), el('td', {}, l.kind), el('td', {}, color), el('td', {}, key), el('td', {}, fate, ' ', del));
      row.dataset.label = l.label;
      return row;
    }));
  }

  $('labelset-add').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('labelset-name').value.trim();
    const ok = await attempt('label-add', (s) => labelset.addLabel(s, { name, kind: $('labelset-kind').value, shortcut: $('labelset-key').value.trim() }));
    if (ok) {
      $('labelset-name').value = '';
      $('labelset-key').value = '';
      tell(`Added ${name}.`);
      $('labelset-name').focus();
    }
  });
  const undo = () => {
    const done = host.undo();
    tell(done ? done.text : 'Nothing to undo in the label set.', done?.error);
  };
  $('labelset-undo').addEventListener('click', undo);
  dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
  // Ctrl+Z in the dialog (not in a field, which keeps its own) undoes the
  // last change of the set, as its Undo button does.
  dialog.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && (e.key === 'z' || e.key === 'Z') && !e.target.matches('input, select')) {
      e.preventDefault();
      undo();
    }
  });

  return {
    open() {
      render();
      tell('');
      if (!dialog.open) dialog.showModal();
      $('labelset-name').focus();
    },
    render() {
      if (dialog.open) render();
    },
    get isOpen() { return dialog.open; },
  };
}
