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
  ui.label.addEventListener('change', () => on.relabel(ui.label.value));
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
      fillLabels(span.label);
      ui.label.value = span.label;
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
