// The side panel of the selected mark: its text, label, value (in words
// beside its machine form) and source, and the controls that relabel it,
// delete it, set its value (value-editor.js, one editor per kind of
// value) or label every occurrence like it. It shows a span and reports
// what the user asks; the edits themselves, and the core's check of a
// value, are app.js's.

import { LABEL_INFO, shownLabels } from './labels.js';
import { createValueEditor } from './value-editor.js';

const SOURCES = { user: 'you', rule: 'rule', model: 'model' };

/**
 * Wires the panel's controls. `on`: `{relabel(label), remove(), labelAll(),
 * setValue(raw)}`, each called for the span shown (`raw`: what the value
 * editor's fields say, for the core to check; `null` removes the value);
 * `check(label, raw)` and `vocabulary` go to the value editor
 * (value-editor.js).
 * @returns {{show: (span: ?object) => void}} `show(span)` fills the panel
 *   with a span (as annotate returns them), or hides it for `null`
 */
export function createPanel(on) {
  const $ = (id) => document.getElementById(id);
  const ui = {
    panel: $('panel'), text: $('panel-text'), label: $('panel-label'), value: $('panel-value'),
    machine: $('panel-value-machine'), source: $('panel-source'),
  };
  const editor = createValueEditor({ check: on.check, vocabulary: on.vocabulary, onSave: () => on.setValue(editor.read()) });
  // The label menu: the labels in use, and a mark's own label when it is
  // one no longer offered (a built-in label switched off), so it shows.
  const fillLabels = (extra = null) => {
    const list = shownLabels();
    const info = extra && !list.some((l) => l.label === extra) ? LABEL_INFO.get(extra) : null;
    ui.label.replaceChildren(...[...list, ...(info ? [info] : [])].map((l) => {
      const o = document.createElement('option');
      o.value = l.label;
      o.textContent = `${l.name} (${l.label})`;
      return o;
    }));
  };
  fillLabels();
  // The label menu by keys: on the closed menu, the arrow keys, Home, End
  // and letters step through the labels, and Chromium fires a change at
  // each step. Those wait: the label stepped to is applied once, when the
  // menu is left (Enter, Tab, a click elsewhere), so that one choice is one
  // edit and one undo step; Escape goes back to the mark's label. A pick
  // from the open list (a click, or Enter in it) applies at once.
  let shownLabel = null;
  let keyed = false; // a key went down on the menu in this task
  let pending = false; // a label stepped to by keys, not applied yet
  const apply = () => {
    pending = false;
    if (ui.label.value !== shownLabel) on.relabel(ui.label.value);
  };
  ui.label.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && pending) {
      e.preventDefault();
      apply();
      return;
    }
    keyed = true;
    setTimeout(() => { keyed = false; }, 0);
  });
  ui.label.addEventListener('change', () => {
    if (keyed) pending = true;
    else apply();
  });
  ui.label.addEventListener('blur', () => { if (pending) apply(); });
  // On key up: Chromium's <select> keeps the Escape key down to itself.
  ui.label.addEventListener('keyup', (e) => {
    if (e.key === 'Escape' && pending) {
      pending = false;
      ui.label.value = shownLabel;
    }
  });
  $('panel-delete').addEventListener('click', () => on.remove());
  $('panel-label-all').addEventListener('click', () => on.labelAll());
  $('panel-value-save').addEventListener('click', () => on.setValue(editor.read()));
  $('panel-value-clear').addEventListener('click', () => on.setValue(null));

  return {
    show(span) {
      ui.panel.hidden = !span;
      editor.show(span);
      if (!span) return;
      ui.text.textContent = span.text;
      // The same mark shown again (the view redrawn) keeps a label stepped to.
      const kept = pending && span.label === shownLabel ? ui.label.value : null;
      fillLabels(span.label);
      shownLabel = span.label;
      ui.label.value = kept ?? span.label;
      pending = kept !== null;
      const machine = span.value_display ?? null;
      const words = span.value_words ?? machine;
      ui.value.textContent = words ?? '—';
      // The machine form beside the words, when they differ (a date, not
      // an amount, whose display form is its words).
      ui.machine.textContent = machine ?? '';
      ui.machine.hidden = !machine || machine === words;
      ui.source.textContent = SOURCES[span.source] || span.source;
    },
  };
}
