// The value editors of the mark's panel: one per kind of value (money,
// quantity, number, date, time), filled from a span's value and read back
// as the fields say, for the core to check (client.checkValue): amounts
// stay the text typed, so that the core, not the page, says what is wrong
// with them. Which editor a label takes is written here; what a value of
// that label may be is the core's (value_check.rs).

import { LABEL_INFO } from './labels.js';

const EDITOR_OF = {
  MONEY: 'money', QUANTITY: 'quantity', PERCENT: 'number', CARDINAL: 'number', ORDINAL: 'number', DATE: 'date', TIME: 'time',
};
// How long typing pauses before what is typed is checked and read back.
const CHECK_DELAY = 150;
const FULL_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_AND_CLOCK = /^(\d{4}-\d{2}-\d{2})?T(\d{2}:\d{2}(?::\d{2})?)$/;

const $ = (id) => document.getElementById(id);
const text = (v) => (v === null || v === undefined ? '' : String(v));

// A label of the user's own takes the editor of its kind of value.
const EDITOR_OF_KIND = { money: 'money', number: 'number', date: 'date' };

/** The editor a label takes, or null (names take no value). */
export const editorOf = (label) => EDITOR_OF[label] || EDITOR_OF_KIND[LABEL_INFO.get(label)?.kind] || null;

/**
 * Wires the editors. `check(label, raw)` resolves to the core's
 * `{value, display, words}` or rejects with its message; `vocabulary`, a
 * promise of `{currencies, qualifiers, units}`, fills the fields' lists.
 * `onSave()` is called on Enter in a field.
 */
export function createValueEditor({ check, vocabulary, onSave }) {
  const f = {
    root: $('value-editor'), status: $('value-check'),
    moneyAmount: $('value-money-amount'), currency: $('value-money-currency'), moneyQualifier: $('value-money-qualifier'),
    quantityAmount: $('value-quantity-amount'), unit: $('value-quantity-unit'), quantityQualifier: $('value-quantity-qualifier'),
    number: $('value-number'),
    dateDay: $('value-date-day'), dateTimex: $('value-date-timex'),
    timeDay: $('value-time-day'), timeClock: $('value-time-clock'), timeTimex: $('value-time-timex'),
  };
  let label = null;
  let shownKey = null; // the span shown: start, end, label, value
  let checkTimer = null;
  let checkSeq = 0;

  vocabulary.then((v) => {
    const options = (list, items) => $(list).replaceChildren(...items.map(([value, name]) => {
      const o = document.createElement('option');
      o.value = value;
      if (name) o.label = name;
      return o;
    }));
    options('value-currencies', v.currencies);
    options('value-qualifiers', v.qualifiers.map((q) => [q]));
    options('value-units', v.units.map((u) => [u]));
  }).catch(() => {
    // The lists only help typing; the core still checks what is typed.
  });

  // The pickers write the TIMEX field, the one the value is read from;
  // a TIMEX typed that a picker can show is shown there too.
  f.dateDay.addEventListener('input', () => {
    if (f.dateDay.value) f.dateTimex.value = f.dateDay.value;
  });
  f.dateTimex.addEventListener('input', () => syncDate(f.dateTimex.value.trim()));
  const writeTime = () => {
    const day = f.timeDay.value;
    const clock = f.timeClock.value;
    if (clock) f.timeTimex.value = `${day}T${clock}`;
    else if (day) f.timeTimex.value = day;
  };
  f.timeDay.addEventListener('input', writeTime);
  f.timeClock.addEventListener('input', writeTime);
  f.timeTimex.addEventListener('input', () => syncTime(f.timeTimex.value.trim()));

  function syncDate(timex) {
    f.dateDay.value = FULL_DAY.test(timex) ? timex : '';
  }
  function syncTime(timex) {
    const m = DAY_AND_CLOCK.exec(timex);
    f.timeDay.value = m ? m[1] || '' : FULL_DAY.test(timex) ? timex : '';
    f.timeClock.value = m ? m[2] : '';
  }

  for (const input of f.root.querySelectorAll('input')) {
    input.addEventListener('input', scheduleCheck);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        onSave();
      }
    });
  }

  function say(message, { error = false } = {}) {
    f.status.textContent = message;
    f.status.classList.toggle('error', error);
  }

  /** Checks what the fields say, shortly after typing stops, and shows how it reads. */
  function scheduleCheck() {
    clearTimeout(checkTimer);
    const seq = ++checkSeq;
    checkTimer = setTimeout(async () => {
      if (!label) return;
      try {
        const r = await check(label, read());
        if (seq === checkSeq) say(r.words ? `Reads: ${r.words}` : 'No value.');
      } catch (e) {
        if (seq === checkSeq) say(e.message, { error: true });
      }
    }, CHECK_DELAY);
  }

  function fill(l, value) {
    const kind = editorOf(l);
    const v = value ?? {};
    if (kind === 'money') {
      f.moneyAmount.value = text(v.amount);
      f.currency.value = text(v.currency);
      f.moneyQualifier.value = text(v.qualifier);
    } else if (kind === 'quantity') {
      f.quantityAmount.value = text(v.amount);
      f.unit.value = text(v.unit);
      f.quantityQualifier.value = text(v.qualifier);
    } else if (kind === 'number') {
      f.number.value = typeof value === 'object' ? '' : text(value);
    } else if (kind === 'date') {
      f.dateTimex.value = typeof value === 'string' ? value : '';
      syncDate(f.dateTimex.value);
    } else if (kind === 'time') {
      f.timeTimex.value = typeof value === 'string' ? value : '';
      syncTime(f.timeTimex.value);
    }
  }

  /**
   * What the fields say, in the shape the core checks: strings as typed
   * (an empty qualifier is none); `null` when the editor is empty.
   */
  function read() {
    const kind = editorOf(label);
    if (kind === 'money') {
      return { amount: f.moneyAmount.value, currency: f.currency.value, qualifier: f.moneyQualifier.value };
    }
    if (kind === 'quantity') {
      return { amount: f.quantityAmount.value, unit: f.unit.value, qualifier: f.quantityQualifier.value };
    }
    if (kind === 'number') return f.number.value;
    if (kind === 'date') return f.dateTimex.value;
    if (kind === 'time') return f.timeTimex.value;
    return null;
  }

  return {
    /** Shows the editor of `span`'s label with its value (none for names). */
    show(span) {
      // The panel is shown again after every annotation: the same mark
      // keeps what is being typed in its fields.
      const key = span ? JSON.stringify([span.start, span.end, span.label, span.value]) : null;
      if (key === shownKey) return;
      shownKey = key;
      clearTimeout(checkTimer);
      checkSeq++;
      label = span ? span.label : null;
      const kind = editorOf(label);
      f.root.hidden = !kind;
      for (const fields of f.root.querySelectorAll('.value-fields')) fields.hidden = fields.dataset.editor !== kind;
      say('');
      if (!kind) return;
      fill(label, span.value);
      // A value from before values were checked, or from an imported
      // file, may not fit its label: say so at once.
      if (span.value !== null && span.value !== undefined) {
        const seq = checkSeq;
        check(label, span.value).catch((e) => {
          if (seq === checkSeq) say(`This value does not fit a ${label} mark: ${e.message}`, { error: true });
        });
      }
    },
    read,
  };
}
