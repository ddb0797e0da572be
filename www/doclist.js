// The document list of the header: a row per document (its name, its mark
// counts, its status), a filter by name and by status, and the status of
// the open document. Built from text nodes (names are the user's text);
// which document opens, and what a status change saves, is the caller's
// (app.js), through `onOpen` and `onStatus`.
//
// The rows are buttons in a list: Tab reaches the list, Up and Down (Home,
// End) move between its rows, Enter or Space opens one. The open one is
// `aria-current`.

import { STATUSES, countsOf, statusOf } from './documents.js';
import { el } from './render.js';

const STATUS_NAME = new Map(STATUSES.map((s) => [s.id, s.name]));

/** `1 mark`, `12 marks`. */
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The counts of `doc` (`markCount`: see countsOf) as its row says them: `12 marks · 3 edits`, `not annotated yet`. */
export function countsText(doc, markCount) {
  const { shown, edits } = countsOf(doc, markCount);
  const marks = shown === null ? 'not annotated yet' : plural(shown, 'mark');
  return edits ? `${marks} · ${plural(edits, 'edit')}` : marks;
}

/** Whether `doc` passes the filter `{name, status}` (name: case-insensitive part of the name; status: '' for any). */
export function matches(doc, { name, status }) {
  if (status && statusOf(doc) !== status) return false;
  const needle = name.trim().toLocaleLowerCase();
  return !needle || doc.name.toLocaleLowerCase().includes(needle);
}

const option = (value, text) => el('option', { value }, text);

/**
 * Wires the list. `parts` are its elements: `list` (a `<ul>`), `filterName`
 * (a text input), `filterStatus` and `status` (`<select>`s, filled here),
 * `shown` (where "3 of 7 documents" goes). `onOpen(id)` opens a document,
 * `onStatus(status)` sets the open one's. Returns `{render(docs,
 * currentId, markCounts)}` (markCounts: a Map of each one's last count of
 * marks, by id), to call whenever the documents or their counts change.
 */
export function createDocList({ list, filterName, filterStatus, status, shown }, { onOpen, onStatus }) {
  filterStatus.replaceChildren(option('', 'Any status'), ...STATUSES.map((s) => option(s.id, s.name)));
  status.replaceChildren(...STATUSES.map((s) => option(s.id, s.name)));
  let last = { docs: [], currentId: null, markCounts: new Map() };
  const byId = new Map(); // each document's row, by id
  const rerender = () => render(last.docs, last.currentId, last.markCounts);
  filterName.addEventListener('input', rerender);
  filterStatus.addEventListener('change', rerender);
  status.addEventListener('change', () => onStatus(status.value));
  list.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-id]');
    if (b) onOpen(b.dataset.id);
  });
  list.addEventListener('keydown', (e) => {
    const rows = [...list.querySelectorAll('button[data-id]')];
    const at = rows.indexOf(document.activeElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, to))].focus();
  });

  function render(docs, currentId, markCounts = new Map()) {
    last = { docs, currentId, markCounts };
    const filter = { name: filterName.value, status: filterStatus.value };
    // Rows are kept and updated in place, not built anew: this runs after
    // every annotation, and a row replaced between a press and its release
    // would lose the click (and the focus).
    const rows = docs.filter((d) => matches(d, filter)).map((d) => {
      const st = statusOf(d);
      const counts = countsText(d, markCounts.get(d.id));
      let li = byId.get(d.id);
      if (!li) {
        li = el('li', {}, el('button', { type: 'button', className: 'doc', dataset: { id: d.id } },
          el('span', { className: 'name' }), el('span', { className: 'counts' }), el('span', { className: 'badge' })));
        byId.set(d.id, li);
      }
      const b = li.firstChild;
      const [name, count, badge] = b.children;
      if (name.textContent !== d.name) name.textContent = d.name;
      if (count.textContent !== counts) count.textContent = counts;
      if (badge.textContent !== STATUS_NAME.get(st)) badge.textContent = STATUS_NAME.get(st);
      b.dataset.status = st;
      b.setAttribute('aria-current', String(d.id === currentId));
      b.setAttribute('aria-label', `${d.name}: ${counts.replace(' · ', ', ')}, ${STATUS_NAME.get(st)}${d.id === currentId ? ' (open)' : ''}`);
      return li;
    });
    const ids = new Set(docs.map((d) => d.id));
    for (const id of byId.keys()) if (!ids.has(id)) byId.delete(id);
    const same = rows.length === list.children.length && rows.every((li, i) => list.children[i] === li);
    if (!same) {
      // A row moved loses the focus: give it back.
      const focused = list.contains(document.activeElement) ? document.activeElement : null;
      list.replaceChildren(...rows);
      if (focused && focused.isConnected) focused.focus({ preventScroll: true });
    }
    shown.textContent = rows.length === docs.length ? plural(docs.length, 'document')
      : rows.length ? `${rows.length} of ${plural(docs.length, 'document')} shown` : `No document matches (of ${docs.length}).`;
    const cur = docs.find((d) => d.id === currentId);
    if (cur) status.value = statusOf(cur);
    // The open row in sight within the list (the list scrolls, never the page:
    // this runs after every annotation).
    const open = list.querySelector('button[aria-current="true"]');
    if (open) {
      const top = open.offsetTop;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (top + open.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + open.offsetHeight - list.clientHeight;
    }
  }
  return { render };
}
