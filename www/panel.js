// The side panel of the selected mark: its text, label, value and source,
// and the controls that relabel it, delete it, set its value or label every
// occurrence like it. It shows a span and reports what the user asks; the
// edits themselves are app.js's.

import { LABELS } from './labels.js';

const SOURCES = { user: 'you', rule: 'rule', model: 'model' };

/**
 * The value typed in the panel: JSON (`12.5`, `"2022-08-09"`, an amount
 * object), or, when it is not JSON, the text itself as a string (a bare
 * date or code); `null` when empty.
 */
export function parseValue(raw) {
  const text = raw.trim();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Wires the panel's controls. `on`: `{relabel(label), remove(), labelAll(),
 * setValue(value)}`, each called for the span shown.
 * @returns {{show: (span: ?object) => void}} `show(span)` fills the panel
 *   with a span (as annotate returns them), or hides it for `null`
 */
export function createPanel(on) {
  const $ = (id) => document.getElementById(id);
  const ui = {
    panel: $('panel'), text: $('panel-text'), label: $('panel-label'), value: $('panel-value'),
    source: $('panel-source'), valueEdit: $('panel-value-edit'),
  };
  ui.label.replaceChildren(...LABELS.map((l) => {
    const o = document.createElement('option');
    o.value = l.label;
    o.textContent = `${l.name} (${l.label})`;
    return o;
  }));
  ui.label.addEventListener('change', () => on.relabel(ui.label.value));
  $('panel-delete').addEventListener('click', () => on.remove());
  $('panel-label-all').addEventListener('click', () => on.labelAll());
  $('panel-value-save').addEventListener('click', () => on.setValue(parseValue(ui.valueEdit.value)));

  return {
    show(span) {
      ui.panel.hidden = !span;
      if (!span) return;
      ui.text.textContent = span.text;
      ui.label.value = span.label;
      ui.value.textContent = span.value_display ?? '—';
      ui.source.textContent = SOURCES[span.source] || span.source;
      ui.valueEdit.value = span.value === null || span.value === undefined ? '' : JSON.stringify(span.value);
    },
  };
}
