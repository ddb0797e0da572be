// The page's wiring: the text box and the annotated view, the label
// controls, the document list, the side panel, import and export, undo and
// autosave, tied to one another. Each job lives in its own module:
// documents.js (the documents), doclist.js (their list on the page),
// search.js (find in the text), panel.js (the mark's panel), transfer.js
// (import and export), labels.js (names, colors, shortcuts), editor.js
// (hand edits as data), render.js (the view), history.js, store.js; the
// annotator runs in a worker (client.js, worker.js), and formats and
// recognition live in the WASM module only.

import * as annotator from './client.js';
import { createDocList } from './doclist.js';
import { Documents, snapshotOf, takeContent } from './documents.js';
import * as editor from './editor.js';
import { BY_SHORTCUT, LABEL_INFO, shownLabels, useLabels } from './labels.js';
import * as labelset from './labelset.js';
import { createLabelsEditor } from './labels-editor.js';
import { createPanel } from './panel.js';
import { renderEntities, renderLegend, renderView } from './render.js';
import { createSelection } from './selection.js';
import { createShortcutsDialog, decorateButtons, kbd } from './shortcuts.js';
import { createSearch } from './search.js';
import { createSheet } from './sheet.js';
import * as store from './store.js';
import * as transfer from './transfer.js';
import * as learning from './learn.js';

const $ = (id) => document.getElementById(id);
const ui = {
  text: $('text'), view: $('view'), busy: $('busy'), progress: $('progress'), busyText: $('busy-text'), stats: $('stats'),
  message: $('message'), date: $('article-date'), dateSource: $('date-source'),
  labelButtons: $('label-buttons'), legend: $('legend'), entities: $('entities'), exportFormat: $('export-format'),
  exportScope: $('export-scope'), importFile: $('import-file'), undo: $('undo'), redo: $('redo'),
  editText: $('edit-text'), textLabel: $('text-label'),
};

const docs = new Documents();
const state = {
  result: null, // the current document's last annotation
  resultFor: null, // {id, text} the result belongs to
  hidden: new Set(),
  selected: null, // index into result.spans shown in the panel
  lastSelection: null, // {start, end} of the text selected for labeling
  stepping: { mentions: null, at: -1 },
  editing: false, // the raw text is being edited (the text box shows instead of the view)
};
const current = () => docs.current;

/** How the page names each `article_date_source` the core reports for a date found in the text. */
const DATE_SOURCES = {
  date_line: 'the date line at the top',
  dateline: 'the dateline',
  published: 'the published date',
  url: 'the date in the URL',
};
// The label bar and the mark's panel as a phone shows them (sheet.js).
const sheet = createSheet({ bar: $('label-bar'), panel: $('panel') });
// The marked view's selection and keyboard (selection.js) and the `?`
// dialog (shortcuts.js), made in wire().
let selection = null;
let shortcutsDialog = null;
let labelsEditor = null;

// ---- messages ---------------------------------------------------------

let messageTimer = null;
function say(text, { error = false, sticky = false } = {}) {
  ui.message.textContent = text;
  ui.message.classList.toggle('error', error);
  ui.message.hidden = false;
  clearTimeout(messageTimer);
  if (!sticky && !error) messageTimer = setTimeout(() => { ui.message.hidden = true; }, 4000);
}

// ---- autosave ----------------------------------------------------------
//
// Changed documents are saved 300 ms after the last change, and at once
// when the page is hidden or goes away: store.js writes synchronously, so
// a reload right after an edit finds it. Another tab's saves come in by
// `storage` events; a document it saved since this tab read it is taken
// from there, never overwritten (store.saveDoc compares versions).

const SAVE_DELAY = 300;
let saveTimer = null;
function markDirty(doc = current()) {
  docs.dirty.add(doc.id);
  scheduleSave();
}

/** Saves the changed documents (Documents.dirty) shortly. */
function scheduleSave() {
  document.body.dataset.saved = 'false';
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, SAVE_DELAY);
}

/** Saves every changed document and the index, now (synchronous). */
function saveNow() {
  clearTimeout(saveTimer);
  // One document the browser refuses (its storage is full) keeps its
  // changes in the page, unsaved and still marked so; the others are saved.
  const failed = [];
  for (const id of [...docs.dirty]) {
    const doc = docs.byId(id);
    if (!doc) {
      docs.dirty.delete(id);
      continue;
    }
    const held = docs.versions.get(id) || 0;
    let r;
    try {
      r = store.saveDoc(doc, held);
    } catch {
      // Full: the other documents' undo histories make room for this one.
      try {
        store.dropHistories(id);
        r = store.saveDoc(doc, held);
      } catch (e) {
        failed.push(`“${doc.name}”: ${e.message}`);
        continue;
      }
    }
    if (r.newer) takeNewer(id, r.newer);
    else {
      docs.versions.set(id, r.saved);
      docs.dirty.delete(id);
      // The undo history goes with the version it belongs to (history.js).
      store.saveHistory(id, r.saved, docs.history(doc).toJSON());
    }
  }
  try {
    saveIndex();
  } catch (e) {
    failed.push(`the document list: ${e.message}`);
  }
  document.body.dataset.saved = String(docs.dirty.size === 0 && !failed.length);
  if (failed.length) say(`Could not save in this browser (its storage may be full):\n${failed.join('\n')}`, { error: true });
}

function saveIndex() {
  store.saveIndex(docs.list.map((d) => d.id), docs.currentId);
}

window.addEventListener('pagehide', () => { if (docs.dirty.size) saveNow(); });
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' && docs.dirty.size) saveNow();
});

/**
 * Takes another tab's record `rec` ({v, doc} or {v, deleted}) of document
 * `id` when it is newer than the version this tab holds.
 */
function takeNewer(id, rec) {
  if (rec.problem || rec.v <= (docs.versions.get(id) || 0)) return;
  const wasCurrent = id === docs.currentId;
  const hadChanges = docs.dirty.has(id);
  docs.takeNewer(id, rec.deleted ? null : rec.doc, rec.v);
  if (!docs.list.length) {
    docs.addEmpty();
    scheduleSave();
  }
  if (!wasCurrent) {
    if (!docs.current) docs.currentId = docs.list[0].id;
    renderDocList();
    return;
  }
  if (rec.deleted) {
    switchTo(docs.list[0].id);
    say('The document open here was deleted in another tab.');
    return;
  }
  const doc = current();
  if (ui.text.value !== doc.text) ui.text.value = doc.text;
  // The marks shown were of the older text: none until it is annotated.
  state.result = null;
  state.resultFor = null;
  state.selected = null;
  renderAll();
  scheduleAnnotate(0);
  if (hadChanges) say('This document was changed in another tab: its newer version is shown here.');
}

// ---- annotation --------------------------------------------------------

let annotateTimer = null;
let annotateSeq = 0;
function scheduleAnnotate(delay) {
  clearTimeout(annotateTimer);
  if (delay <= 0) annotateNow();
  else annotateTimer = setTimeout(annotateNow, delay);
}

async function annotateNow() {
  clearTimeout(annotateTimer);
  const doc = current();
  if (!doc) return;
  const seq = ++annotateSeq;
  const { text } = doc;
  const started = performance.now();
  let busyTimer = setTimeout(function tick() {
    // Cancelled, or overtaken: the newer call shows its own.
    if (seq !== annotateSeq) return;
    ui.busy.hidden = false;
    ui.busyText.textContent = `annotating ${(text.length / 1024).toFixed(0)} KB… ${((performance.now() - started) / 1000).toFixed(1)} s`;
    busyTimer = setTimeout(tick, 200);
  }, 150);
  try {
    const result = await transfer.annotateDoc(doc, (p) => {
      if (seq !== annotateSeq) return;
      ui.progress.value = p;
      $('busy-bar').setAttribute('aria-valuenow', String(Math.round(p * 100)));
    });
    if (result.cancelled || seq !== annotateSeq || current() !== doc || doc.text !== text) return;
    // Keep the panel on the same mark: indexes move when marks come and go.
    const was = selectedSpan();
    state.selected = null;
    if (was && state.resultFor && state.resultFor.id === doc.id) {
      const i = result.spans.findIndex((s) => s.start === was.start && s.end === was.end);
      if (i >= 0) state.selected = i;
    }
    state.result = result;
    state.resultFor = { id: doc.id, text };
    const renderStarted = performance.now();
    const complete = await renderAll();
    if (!complete || seq !== annotateSeq) return;
    const done = performance.now();
    ui.stats.textContent = `${result.spans.length} marks · ${(text.length / 1024).toFixed(1)} KB · ${Math.round(done - started)} ms`;
    document.dispatchEvent(new CustomEvent('newsmark:rendered', {
      detail: { chars: text.length, marks: result.spans.length, coreMs: result.elapsed_ms, pipelineMs: result.core_ms, renderMs: done - renderStarted, totalMs: done - started },
    }));
  } catch (e) {
    if (seq === annotateSeq) say(`Annotation failed: ${e.message}`, { error: true });
  } finally {
    if (seq === annotateSeq) {
      clearTimeout(busyTimer);
      ui.busy.hidden = true;
      ui.progress.value = 0;
    } else clearTimeout(busyTimer);
  }
}

/**
 * Stops the annotation under way (the Cancel button): the worker drops it
 * at its next pause, the page forgets it, and the text shows without marks
 * until the next change annotates it again.
 */
function cancelAnnotation() {
  clearTimeout(annotateTimer);
  annotateSeq++;
  annotator.cancel().catch(() => {});
  ui.busy.hidden = true;
  ui.progress.value = 0;
  state.result = null;
  state.resultFor = null;
  state.selected = null;
  renderAll();
  ui.stats.textContent = 'Annotation cancelled';
  say('Annotation cancelled: the text shows without marks until you change it.');
}

/** The current annotation of `doc` when the page has it for its text, else null. */
function annotationOf(doc) {
  return state.resultFor && state.resultFor.id === doc.id && state.resultFor.text === doc.text ? state.result : null;
}

// ---- rendering ---------------------------------------------------------

/** Renders everything; resolves to false when a newer render took over. */
function renderAll() {
  const doc = current();
  const spans = state.result && state.resultFor && state.resultFor.id === doc.id ? state.result.spans : [];
  // Rebuilding the view drops a focused mark: the focus goes back where
  // the annotator works (selection.js), never to the page's body.
  const focus = selection.keepFocus(doc.text);
  const viewDone = renderView(ui.view, doc.text, spans, { hidden: state.hidden, labelInfo: LABEL_INFO });
  renderLegend(ui.legend, shownLabels(), spans, state.hidden, (label, shown) => {
    if (shown) state.hidden.delete(label);
    else state.hidden.add(label);
    renderAll();
  });
  renderEntities(ui.entities, shownLabels(), spans, stepThrough);
  renderDate();
  renderPanel();
  renderDocList();
  renderMode();
  focus.restore();
  viewDone.then((complete) => { if (complete) focus.restore({ late: true }); });
  // An imported document takes the recognizers' marks only when asked.
  $('suggest-row').hidden = doc.suggest !== false;
  const h = docs.history(doc);
  ui.undo.disabled = !h.canUndo && !project.undo.length;
  ui.redo.disabled = !h.canRedo && !project.redo.length;
  return viewDone;
}

function renderDate() {
  const doc = current();
  const r = state.result;
  ui.date.value = doc.articleDate || (r && r.article_date) || '';
  ui.dateSource.textContent = doc.articleDate
    ? 'Set by you.'
    : r && r.article_date
      ? `Detected in the text: ${DATE_SOURCES[r.article_date_source] || 'somewhere at the top'}.`
      : 'Not found: relative dates stay unresolved until you set one.';
}


const docList = createDocList({
  list: $('doc-list'), filterName: $('doc-filter'), filterStatus: $('doc-filter-status'), status: $('doc-status'), shown: $('doc-shown'),
}, {
  onOpen: (id) => switchTo(id),
  onStatus: (status) => {
    const doc = current();
    doc.status = status;
    renderDocList();
    markDirty(doc);
    // A document marked done teaches the adaptive tagger (issue 17).
    const r = annotationOf(doc);
    if (status === 'done' && r) {
      learning.learnDocument(doc.text, r.spans).then(({ summary }) => showLearned(summary)).catch((e) => console.warn('learning failed', e));
    }
  },
});

function renderDocList() {
  // The count of marks the open document shows, kept (and saved apart from
  // it: documents.js says why) for the list to say while it is not open.
  const doc = current();
  const r = annotationOf(doc);
  if (r && docs.markCounts.get(doc.id) !== r.spans.length) {
    docs.markCounts.set(doc.id, r.spans.length);
    try {
      store.saveMarkCount(doc.id, r.spans.length);
    } catch {
      // storage full: the count shows in this tab, and is saved next time
    }
  }
  docList.render(docs.list, docs.currentId, docs.markCounts);
}

createSearch({
  view: ui.view, input: $('search'), words: $('search-words'), count: $('search-count'), prev: $('search-prev'), next: $('search-next'),
  label: $('search-label'), labelAll: $('search-label-all'), allDocs: $('search-docs'), results: $('search-results'),
}, () => shownLabels(), {
  text: () => current().text,
  docs: () => docs.list,
  open: (id) => switchTo(id),
  labelHits: (hits, label) => {
    const doc = current();
    const { edits, count } = editor.labelRanges(doc.edits, hits, label, shownSpans());
    const left = hits.length - count;
    const why = left ? ` (${left} left as they were: they overlap marks of yours, or lie in longer marks)` : '';
    if (!count) {
      say(`No hit labeled${why}.`);
      return;
    }
    edit('label-all', (d) => { d.edits = edits; });
    say(`Labeled ${count} of ${hits.length} hit${hits.length > 1 ? 's' : ''} as ${label}${why}.`);
  },
});

function selectedSpan() {
  return state.result && state.selected !== null ? state.result.spans[state.selected] : null;
}

const panel = createPanel({
  relabel: (label) => relabelSelected(label),
  remove: () => deleteSelected(),
  labelAll: () => {
    const s = selectedSpan();
    if (s) labelAllOccurrences(s.text, s.label);
  },
  // The core checks a value typed in the panel's editors and gives it back
  // as it keeps it (`"1,200"` is 1200); a wrong one is refused in words.
  check: (label, raw) => annotator.checkValue(label, raw),
  vocabulary: annotator.valueVocabulary(),
  setValue: async (raw) => {
    const s = selectedSpan();
    if (!s) return;
    let value;
    try {
      ({ value } = await annotator.checkValue(s.label, raw));
    } catch (e) {
      say(`That value was not saved: ${e.message}`, { error: true });
      return;
    }
    if (selectedSpan() !== s) return; // another mark was picked meanwhile
    await edit('value', (d) => { d.edits = editor.setValue(d.edits, s, value); }, { start: s.start, end: s.end, label: s.label, value });
  },
});

/** Shows the selected mark in the panel and outlines it in the view. */
function renderPanel() {
  const s = selectedSpan();
  panel.show(s);
  for (const m of ui.view.querySelectorAll('mark.current')) m.classList.remove('current');
  selection.rove(state.selected);
  if (!s) return;
  const mark = ui.view.querySelector(`mark[data-i="${state.selected}"]`);
  if (mark) mark.classList.add('current');
}

function selectMark(i, { focus = false } = {}) {
  state.selected = i;
  renderPanel();
  const mark = ui.view.querySelector(`mark[data-i="${i}"]`);
  if (mark) {
    sheet.reveal(mark);
    if (focus) mark.focus({ preventScroll: true });
  }
}

function stepThrough(mentions) {
  const st = state.stepping;
  st.at = st.mentions === mentions ? (st.at + 1) % mentions.length : 0;
  st.mentions = mentions;
  selectMark(mentions[st.at], { focus: true });
}

// ---- the article, shown once ------------------------------------------
//
// The marked view is the document. Its raw text is edited in a mode of its
// own: the Edit text button, or E in the view, shows the text box in the
// view's place, with the caret where the view's selection was; Escape or
// the button again ends it. An empty document shows the text box, so a
// paste into the empty page just works (and shows the marks at once).

function renderMode() {
  const editing = state.editing || current().text === '';
  ui.text.hidden = !editing;
  ui.textLabel.hidden = !editing;
  ui.view.hidden = editing;
  ui.editText.hidden = !state.editing && current().text === '';
  ui.editText.setAttribute('aria-pressed', String(state.editing));
  ui.editText.firstChild.textContent = state.editing ? 'Done editing ' : 'Edit text ';
  ui.editText.lastChild.textContent = state.editing ? 'Esc' : 'E';
  ui.editText.setAttribute('aria-keyshortcuts', state.editing ? 'Escape' : 'E');
}

let pasteOverAll = false; // the paste under way replaces the whole text box (beforeinput)

/** True when `next` keeps nothing of `prev` at its start or its end (a new article). */
function replacesAll(prev, next) {
  return prev[0] !== next[0] && prev[prev.length - 1] !== next[next.length - 1];
}

/** Enters (`on`) or leaves the text mode, moving the focus and caret along. */
function setEditing(on) {
  if (state.editing === on) return;
  const at = on ? (state.lastSelection || (selectedSpan() && { start: selectedSpan().start, end: selectedSpan().end })) : null;
  state.editing = on;
  renderMode();
  if (on) {
    ui.text.focus();
    // The text box holds no `\r`: offsets after a `\r\n` are one less there.
    const box = at && current().text.includes('\r') ? editor.textBoxOffsets(current().text) : null;
    if (at) ui.text.setSelectionRange(box ? box[at.start] : at.start, box ? box[at.end] : at.end);
  } else {
    ui.view.focus();
  }
}

// ---- editing -----------------------------------------------------------

/**
 * Applies `change(doc)` as one undoable edit of `kind`, then re-annotates.
 * `span`, the span the edit adds ({start, end, label, value?}), is first
 * checked by the core: one it would refuse (a value of the wrong kind, say)
 * is not applied, and nothing changes.
 */
async function edit(kind, change, span = null) {
  const doc = current();
  if (span) {
    const { text } = doc;
    try {
      await annotator.validateEdit(text, span);
    } catch (e) {
      say(`That edit was not applied: ${e.message}`, { error: true });
      return;
    }
    // The text moved on while the core looked: the offsets are stale.
    if (current() !== doc || doc.text !== text) return;
  }
  const before = snapshotOf(doc);
  change(doc);
  docs.history(doc).record(before, snapshotOf(doc), kind);
  markDirty(doc);
  clearTimeout(annotateTimer);
  await annotateNow();
  if (learning.learnsEachEdit() && MARK_EDITS.has(kind)) learnFromEdit(doc, before.edits);
}

/** The edits of marks, which teach the suggestions when each edit does. */
const MARK_EDITS = new Set(['label', 'relabel', 'delete', 'label-all']);

/**
 * Teaches the suggestions the paragraphs of `doc` whose hand edits differ
 * from `was`, with their marks as the page now shows them; then annotates
 * again, so that what was learned shows (the same name elsewhere, say).
 */
async function learnFromEdit(doc, was) {
  const r = annotationOf(doc);
  if (!r) return;
  const key = (e) => JSON.stringify(e);
  const changed = [];
  for (const list of ['added', 'removed']) {
    const before = new Set(was[list].map(key));
    const after = new Set(doc.edits[list].map(key));
    changed.push(...doc.edits[list].filter((e) => !before.has(key(e))), ...was[list].filter((e) => !after.has(key(e))));
  }
  const { text } = doc;
  const passages = learning.paragraphsOf(text, changed).map((p) => ({
    text: text.slice(p.start, p.end),
    spans: r.spans.filter((s) => s.start >= p.start && s.end <= p.end).map((s) => ({ start: s.start - p.start, end: s.end - p.start, label: s.label })),
  }));
  let summary;
  try {
    summary = await learning.learnEdit(passages);
  } catch (e) {
    say(`The suggestions did not learn from that edit: ${e.message}`, { error: true });
    return;
  }
  if (!summary) return;
  showLearned(summary);
  if (current() === doc && doc.text === text) scheduleAnnotate(0);
}

function applyLabel(label) {
  const doc = current();
  const sel = state.lastSelection;
  if (!sel || sel.end <= sel.start) {
    const s = selectedSpan();
    if (s) return relabelSelected(label);
    say('Select some text first, then pick a label.');
    return;
  }
  const { start, end } = editor.trimRange(doc.text, sel.start, sel.end);
  if (end <= start) return;
  edit('label', (d) => { d.edits = editor.addSpan(d.edits, start, end, label); }, { start, end, label });
  state.lastSelection = null;
  window.getSelection().removeAllRanges();
}

function relabelSelected(label) {
  const s = selectedSpan();
  if (!s || s.label === label) return;
  edit('relabel', (d) => { d.edits = editor.relabel(d.edits, s, label); }, { start: s.start, end: s.end, label });
}

function deleteSelected() {
  const s = selectedSpan();
  if (!s) return;
  edit('delete', (d) => { d.edits = editor.deleteSpan(d.edits, s); });
  state.selected = null;
}

function labelAllOccurrences(needle, label) {
  const doc = current();
  const { edits, count, found } = editor.labelAll(doc.text, doc.edits, needle, label, shownSpans());
  const left = found - count;
  const why = left ? ` (${left} left as ${left > 1 ? 'they were' : 'it was'}: inside a longer mark, or one of yours)` : '';
  if (!count) {
    say(`No other unlabeled occurrence of “${needle}”${why}.`);
    return;
  }
  edit('label-all', (d) => { d.edits = edits; });
  say(`Labeled ${count} occurrence${count > 1 ? 's' : ''} of “${needle}” as ${label}${why}.`);
}

/** The marks on screen for the open document (none before its first result). */
function shownSpans() {
  const doc = current();
  return state.result && state.resultFor && state.resultFor.id === doc.id && state.resultFor.text === doc.text ? state.result.spans : [];
}

/**
 * Tells what hand edits a text change took with it (the marks on text that
 * was deleted or retyped), so that nothing goes silently: Undo brings them
 * back.
 */
function sayDropped(before, doc) {
  const gone = before.edits.added.length - doc.edits.added.length;
  const unmarked = before.edits.removed.length - doc.edits.removed.length;
  if (gone <= 0 && unmarked <= 0) return;
  const kept = new Set(doc.edits.added.map((e) => doc.text.slice(e.start, e.end)));
  const names = before.edits.added.map((e) => before.text.slice(e.start, e.end)).filter((t) => !kept.has(t)).slice(0, 3);
  const parts = [];
  if (gone > 0) parts.push(`${gone} mark${gone > 1 ? 's' : ''} of yours${names.length ? ` (${names.map((t) => `“${t}”`).join(', ')})` : ''}`);
  if (unmarked > 0) parts.push(`${unmarked} deletion${unmarked > 1 ? 's' : ''} of a suggested mark`);
  say(`The text you changed held ${parts.join(' and ')}; they went with it. Undo (Ctrl+Z) brings them back.`);
}

function undoRedo(which) {
  const doc = current();
  const h = docs.history(doc);
  if (labelSetGoesFirst(which, h)) {
    const done = which === 'undo' ? undoLabelSet() : redoLabelSet();
    if (done) say(done.text, { error: done.error, sticky: done.error });
    return;
  }
  const to = which === 'undo' ? h.undo(snapshotOf(doc)) : h.redo(snapshotOf(doc));
  if (h.stale) say('The undo history did not match this text any more (it was changed elsewhere), so it was cleared; the document is as it was.', { error: true });
  if (!to) return;
  // A step that would bring back marks of a label the set no longer has
  // (the set's own step went on another path: another document, a
  // reload) is not taken: the core would refuse the document.
  const lacking = undefinedLabels(project.set, to.edits);
  if (lacking.length) {
    if (which === 'undo') h.redo(to);
    else h.undo(to);
    say(`Not ${which === 'undo' ? 'undone' : 'redone'}: it would bring back marks labeled ${lacking.join(', ')}, which the label set no longer has. Add the label again (Label set…) to take this step.`, { error: true });
    return;
  }
  Object.assign(doc, to);
  if (ui.text.value !== doc.text) ui.text.value = doc.text;
  state.selected = null;
  markDirty();
  scheduleAnnotate(0);
}

// ---- documents ---------------------------------------------------------

function switchTo(id) {
  docs.currentId = id;
  state.editing = false;
  state.result = null;
  state.resultFor = null;
  state.selected = null;
  ui.text.value = current().text;
  renderAll();
  try {
    saveIndex();
  } catch {
    // the open document is remembered with the next save
  }
  // A new document, or one just imported, is saved with the others.
  if (docs.dirty.size) scheduleSave();
  scheduleAnnotate(0);
}

// ---- import and export -------------------------------------------------

/**
 * The core's choices for the chosen format: a CSV meant for a spreadsheet
 * (the default; journalists open it in Excel) guards formulas and starts
 * with a byte-order mark (issue 12: an article or a typed value can hold
 * `=HYPERLINK(...)`).
 */
function exportOptions() {
  if (ui.exportFormat.value !== 'csv') return {};
  const forSpreadsheets = $('export-spreadsheet').checked;
  return { formula_guard: forSpreadsheets, bom: forSpreadsheets };
}

/** Shows the spreadsheet choice beside the formats it applies to. */
function showExportChoices() {
  $('export-spreadsheet-choice').hidden = ui.exportFormat.value !== 'csv';
}

async function exportDocs(how) {
  const chosen = ui.exportScope.value === 'all' ? docs.list : [current()];
  try {
    const files = await transfer.exportDocuments(chosen, ui.exportFormat.value, annotationOf, { ...exportOptions(), labels: labelset.toFile(project.set) });
    if (how === 'copy') {
      await transfer.copy(files);
      say(`Copied ${files.map((f) => f.name).join(', ')}.`);
    } else {
      transfer.download(files);
      say(`Exported ${files.map((f) => f.name).join(', ')}.`);
    }
  } catch (e) {
    say(`Export failed: ${e.message}`, { error: true });
  }
}

/**
 * Imports picked or dropped files: as new documents, or `into` the open
 * one, whose text and marks the file's replace as one undoable edit. One
 * message says what came in, from which file, and which file was not
 * read and why, one line each.
 */
async function importFiles(fileList, { into = false } = {}) {
  const target = current();
  // Label sets first (a newsmark-labels.json beside an export's documents),
  // so that the documents' labels are known when they are read.
  let split;
  try {
    split = await transfer.splitLabelSets(fileList);
  } catch (e) {
    sayImported([`Nothing was imported: ${e.message}. The label set and the documents are as they were.`], { error: true, sticky: true }, { added: 0, errors: [e.message] });
    return;
  }
  const { sets, tools, others } = split;
  const setReports = [];
  for (const file of sets) setReports.push(await importLabelSet(file));
  if (tools) setReports.push(await importToolLabels(tools));
  const setTexts = setReports.map((r) => r.text);
  const setErrors = setReports.filter((r) => r.error).map((r) => r.text);
  if (!others.length) {
    const failed = setErrors.length > 0;
    sayImported(setTexts, { error: failed, sticky: failed }, { added: 0, labelSets: sets.length + (tools ? 1 : 0), errors: setErrors });
    return;
  }
  fileList = others;
  const imported = await transfer.importFiles(fileList, docs.list.map((d) => d.name), offerLabel);
  // Labels the files hold that the project's set does not (the core may
  // know them from earlier): offered to the user, one by one; a document
  // holding one that is declined is not imported.
  const unknown = [...new Set(imported.docs.flatMap((d) => d.edits.added.map((e) => e.label)))].filter((l) => !LABEL_INFO.has(l));
  const declined = new Set();
  for (const name of unknown) if (!(await offerLabel(name))) declined.add(name);
  if (declined.size) {
    const left = imported.docs.filter((d) => d.edits.added.some((e) => declined.has(e.label)));
    imported.docs = imported.docs.filter((d) => !left.includes(d));
    for (const d of left) imported.failures.push({ file: d.name, reason: `it holds marks labeled ${[...declined].join(', ')}, not in the label set (not added)` });
  }
  const { docs: got } = imported;
  let added = 0;
  let replaced = false;
  if (into && got.length === 1 && current() === target) {
    await edit('import', (d) => {
      takeContent(d, got[0]);
      ui.text.value = d.text;
      state.selected = null;
    });
    replaced = true;
  } else if (!into && got.length) {
    docs.add(...got);
    switchTo(got[got.length - 1].id);
    added = got.length;
  }
  const report = transfer.importReport(imported, { into: into ? target.name : null, replaced });
  const errors = [...setErrors, ...report.errors];
  const shown = { error: report.error || setErrors.length > 0, sticky: imported.failures.length > 0 || setErrors.length > 0 };
  sayImported([...setTexts, report.text], shown, into ? { added, replaced, errors } : { added, errors });
}

/**
 * Ends an import: says its report's lines (`texts`, the empty ones left
 * out; nothing when none is left) as `shown` asks, and tells listeners
 * (the end-to-end tests) what came in with a `newsmark:imported` event of
 * `detail`.
 */
function sayImported(texts, shown, detail) {
  const text = texts.filter(Boolean).join('\n');
  if (text) say(text, shown);
  document.dispatchEvent(new CustomEvent('newsmark:imported', { detail }));
}

/**
 * Merges a label-set file into the project's set (labelset.mergeFile) as
 * one undoable step. Resolves to what the page says of it, `{text,
 * error}`: what it changed, or why the core refused it (then nothing
 * changed).
 */
async function importLabelSet({ file, text }) {
  let read;
  try {
    read = await annotator.readLabelSet(text);
  } catch (e) {
    return { text: `${file.name} was not read: ${e.message}. The label set is as it was.`, error: true };
  }
  return mergeLabelSet(file.name, read);
}

/**
 * Merges the labels of other tools' configurations (`tools`, from
 * transfer.splitLabelSets) into the project's set as one undoable step:
 * their labels the set lacks are added (names only: kind none, with the
 * file's color and key where it gives them); the built-in labels stay on
 * or off as they are.
 */
async function importToolLabels({ files, read }) {
  const file = {
    schema: labelset.SCHEMA,
    builtins: labelset.toFile(project.set).builtins,
    labels: read.labels.map((l) => ({ name: l.name, kind: 'none', ...(l.color ? { color: l.color } : {}), ...(l.key ? { key: l.key } : {}) })),
  };
  const names = files.map((f) => f.name).join(', ');
  const r = await mergeLabelSet(names, file);
  const told = read.built_in.length ? ` (${read.built_in.join(', ')}: newsmark's own labels)` : '';
  return { ...r, text: `${r.text}${told}` };
}

/** Merges the label set `read` (a newsmark-labels/1 object) from `source` (file names) into the project's; `{text, error}`. */
async function mergeLabelSet(source, read) {
  const merged = labelset.mergeFile(project.set, read);
  const changes = [];
  if (merged.added.length) changes.push(`added ${merged.added.join(', ')}`);
  if (merged.switched.length) changes.push(`switched ${merged.switched.join(', ')}`);
  if (merged.kept.length) changes.push(`kept ${merged.kept.join(', ')} as ${merged.kept.length > 1 ? 'they were' : 'it was'}`);
  const notes = merged.notes.length ? ` ${merged.notes.join(' ')}` : '';
  if (merged.set === project.set) return { text: `Read ${source}: the label set has all it holds already.${notes}`, error: false };
  try {
    await changeLabelSet('label-import', () => merged.set);
    return { text: `Read the label set ${source}: ${changes.join('; ')} (Undo takes it back).${notes}`, error: false };
  } catch (e) {
    return { text: `${source} was not used: ${e.message}. The label set is as it was.`, error: true };
  }
}

// ---- events ------------------------------------------------------------

function wire() {
  ui.text.addEventListener('input', (e) => {
    const doc = current();
    const text = ui.text.value;
    const big = Math.abs(text.length - doc.text.length) > 64 || e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop';
    // Typing into the empty page's text box is editing: the box stays. A
    // paste there, or one that replaces the whole article, is a new
    // article: its marks show at once.
    if (!state.editing && doc.text === '' && !big) state.editing = true;
    if (big && (doc.text === '' || pasteOverAll || replacesAll(doc.text, text))) state.editing = false;
    pasteOverAll = false;
    const before = snapshotOf(doc);
    const box = editor.withTextBoxNewlines(doc.text, doc.edits);
    doc.edits = editor.reanchor(box.text, text, box.edits, ui.text.selectionEnd);
    doc.text = text;
    // A run of typing is one undo step; a paste or drop is always its own.
    // Hand marks on the text that went go with it, in the same step.
    docs.history(doc).record(before, snapshotOf(doc), big ? 'paste' : 'text');
    sayDropped(before, doc);
    state.selected = null;
    const typing = document.activeElement === ui.text;
    renderMode();
    // A paste into the empty page moved the text box away: the view it shows instead takes the focus.
    if (typing && ui.text.hidden) ui.view.focus();
    markDirty();
    scheduleAnnotate(big ? 0 : 250);
  });

  // Selection, clicks and keys in the marked view: selection.js (a drag
  // may start on a mark, a release after a drag is no click, selections
  // snap to the core's tokens). A mark it focuses or a click picks shows
  // in the panel.
  selection = createSelection({
    view: ui.view,
    status: $('selection-status'),
    onPickMark: (i) => {
      if (state.selected === i) return;
      state.selected = i;
      renderPanel();
      // On a phone the panel's sheet may cover the mark just picked.
      const mark = ui.view.querySelector(`mark[data-i="${i}"]`);
      if (mark) sheet.uncover(mark);
    },
  });
  selection.wireSnapSetting($('snap-words'));
  shortcutsDialog = createShortcutsDialog($('shortcuts'));
  $('shortcuts-open').addEventListener('click', () => shortcutsDialog.open());

  // What is selected for labeling: only a selection in the marked view
  // (the text box's is for editing the text, never labeled).
  document.addEventListener('selectionchange', () => {
    const sel = window.getSelection();
    if (!sel.rangeCount || ui.view.contains(sel.anchorNode)) state.lastSelection = selection.range();
  });

  // A new press in the view starts a new selection (or none).
  ui.view.addEventListener('mousedown', () => { state.lastSelection = null; });

  // The browser's own undo never runs on the article: it would empty the
  // text box and leave the hand edits behind. Ctrl+Z, Ctrl+Shift+Z and
  // Ctrl+Y there, and Undo/Redo from its context menu, are the page's,
  // whose history holds the text and the marks together.
  ui.text.addEventListener('beforeinput', (e) => {
    // Select all, then paste: a new article, whatever it shares with the old one.
    pasteOverAll = e.inputType === 'insertFromPaste' && ui.text.selectionStart === 0 && ui.text.selectionEnd === ui.text.value.length;
    if (e.inputType === 'historyUndo' || e.inputType === 'historyRedo') {
      e.preventDefault();
      undoRedo(e.inputType === 'historyUndo' ? 'undo' : 'redo');
    }
  });

  // Keyboard (every key is listed in shortcuts.js): undo and redo; `?`;
  // in the marked view only, never in a text field, label keys on the
  // selection or the focused mark, Delete and Enter on a mark, and the
  // view's selection and mark keys (selection.js).
  document.addEventListener('keydown', async (e) => {
    // The open dialog keeps its keys (Escape closes it).
    if (shortcutsDialog.isOpen || labelsEditor.isOpen) return;
    const inField = e.target.matches('textarea, input, select, [contenteditable]');
    const mod = e.ctrlKey || e.metaKey;
    // Undo and redo are the page's everywhere but in the small fields
    // (a value, a name), which keep their own for what is typed in them.
    if (mod && !e.altKey && !e.target.matches('input, select') && ['z', 'Z', 'y', 'Y'].includes(e.key)) {
      e.preventDefault();
      undoRedo(e.key === 'y' || e.key === 'Y' || e.shiftKey ? 'redo' : 'undo');
      return;
    }
    if (inField) return;
    if (e.key === '?' && !mod && !e.altKey) {
      e.preventDefault();
      shortcutsDialog.open();
      return;
    }
    if (!ui.view.contains(e.target)) return;
    if (selection.keydown(e)) return;
    if (mod || e.altKey) return;
    const label = BY_SHORTCUT.get(e.key);
    const onMark = e.target.matches('#view mark');
    if (onMark && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      selectMark(Number(e.target.dataset.i));
      deleteSelected();
      return;
    }
    if (onMark && e.key === 'Enter') {
      selectMark(Number(e.target.dataset.i));
      $('panel-label').focus();
      return;
    }
    if (!label) return;
    e.preventDefault();
    // A selection made by keys just before is in place first.
    await selection.settled();
    const r = selection.range();
    if (r) {
      state.lastSelection = r;
      applyLabel(label);
    } else if (onMark) {
      selectMark(Number(e.target.dataset.i));
      relabelSelected(label);
    } else say('Select some text first (Ctrl+→ selects a word, Shift+→ grows it), or move to a mark with the arrow keys; then press the label key.');
  });

  // Closing the panel (on a phone, its sheet) leaves the focus on its mark.
  $('panel-close').addEventListener('click', () => {
    const mark = ui.view.querySelector(`mark[data-i="${state.selected}"]`);
    state.selected = null;
    renderPanel();
    (mark || ui.view).focus({ preventScroll: true });
  });
  // Escape in the panel closes it, as its close button says; not in a
  // value's field, where it may be undoing the field's own typing. On
  // key up: Chromium's <select> keeps the Escape key down to itself.
  $('panel').addEventListener('keyup', (e) => {
    if (e.key === 'Escape' && !e.target.matches('input, textarea') && !$('panel').hidden) {
      e.preventDefault();
      $('panel-close').click();
    }
  });
  ui.editText.addEventListener('click', () => setEditing(!state.editing));
  ui.text.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.editing) {
      e.preventDefault();
      setEditing(false);
    }
  });
  ui.view.addEventListener('keydown', (e) => {
    if ((e.key === 'e' || e.key === 'E' || e.key === 'F2') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setEditing(true);
    }
  });

  ui.undo.addEventListener('click', () => undoRedo('undo'));
  ui.redo.addEventListener('click', () => undoRedo('redo'));
  $('label-all').addEventListener('click', () => {
    const doc = current();
    const sel = state.lastSelection;
    const s = selectedSpan();
    if (sel && sel.end > sel.start) {
      const { start, end } = editor.trimRange(doc.text, sel.start, sel.end);
      // The panel's mark gives the label only when it is the selection's.
      const label = s && s.start < end && start < s.end ? s.label : null;
      if (!label) return say('Pick a label for the selection first, then label all occurrences from its mark.');
      labelAllOccurrences(doc.text.slice(start, end), label);
    } else if (s) labelAllOccurrences(s.text, s.label);
    else say('Select a mark first.');
  });

  $('cancel').addEventListener('click', cancelAnnotation);
  $('suggest').addEventListener('click', () => edit('suggest', (d) => { d.suggest = true; }));

  ui.date.addEventListener('change', () => {
    edit('date', (d) => { d.articleDate = ui.date.value || null; });
  });
  $('date-reset').addEventListener('click', () => edit('date', (d) => { d.articleDate = null; }));

  $('doc-add').addEventListener('click', () => switchTo(docs.addEmpty().id));
  $('doc-rename').addEventListener('click', () => {
    const doc = current();
    const name = window.prompt('New name for this document:', doc.name);
    if (name && name.trim()) {
      doc.name = name.trim();
      renderDocList();
      markDirty();
    }
  });
  $('doc-delete').addEventListener('click', () => {
    const doc = current();
    if (!window.confirm(`Delete “${doc.name}”? This cannot be undone.`)) return;
    try {
      store.deleteDoc(doc.id, docs.versions.get(doc.id) || 0);
    } catch (e) {
      say(`Could not delete in this browser's storage: ${e.message}`, { error: true });
      return;
    }
    switchTo(docs.remove(doc));
  });

  ui.importFile.addEventListener('change', async (e) => {
    await importFiles(e.target.files);
    e.target.value = '';
  });
  $('import-into').addEventListener('change', async (e) => {
    await importFiles(e.target.files, { into: true });
    e.target.value = '';
  });
  transfer.onDrop($('drop'), importFiles);
  $('export-download').addEventListener('click', () => exportDocs('download'));
  $('export-copy').addEventListener('click', () => exportDocs('copy'));
}

function buildLabelButtons() {
  ui.labelButtons.replaceChildren(...shownLabels().map((l) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.append(`${l.name} `);
    if (l.shortcut) b.append(kbd(l.shortcut));
    b.dataset.label = l.label;
    b.style.setProperty('--c', l.color);
    if (l.shortcut) b.setAttribute('aria-keyshortcuts', l.shortcut === '$' || l.shortcut === '%' ? `Shift+${l.shortcut}` : l.shortcut);
    b.title = `Label the selection ${l.label}${l.shortcut ? ` (key ${l.shortcut} in the marked view)` : ''}`;
    // Keep the selection when the button is pressed.
    b.addEventListener('mousedown', (e) => e.preventDefault());
    b.addEventListener('click', () => applyLabel(l.label));
    return b;
  }));
}

// ---- the project's label set (labelset.js; the dialog labels-editor.js) ----

/**
 * The set as saved (`set`, version `v`), and its steps to undo and redo,
 * oldest first: `{set, after, marks, docs: [[id, edits before]], kind, at,
 * group}`. They are steps of the page's one history: Ctrl+Z takes back
 * whichever came last, a label-set change or an edit of the open document
 * (undoRedo). A change that moved marks recorded a step with its `group`
 * in each document it moved them in.
 */
const project = { set: labelset.emptySet(), v: 0, undo: [], redo: [] };
let labelSetSteps = 0;

/** Tells the core the set's own labels, then makes the page offer the set's labels. */
async function useLabelSet(set) {
  if (set.labels.length) await annotator.defineLabels(set.labels.map((l) => ({ name: l.label, kind: l.kind })));
  project.set = set;
  useLabels(labelset.labelsOf(set));
  // Always the set's labels: the suggestions may have learned a label deleted since.
  transfer.setLabelSet(labelset.labelsOf(set).map((l) => l.label));
}

/**
 * What the suggestions learned of a renamed label follows its new name:
 * `from` to `to`, at a rename and at its redo, back at its undo.
 */
async function followRename(from, to) {
  try {
    showLearned(await learning.rename(from, to));
  } catch (e) {
    say(`What the suggestions learned of ${from} stays under that name: ${e.message}`, { error: true });
  }
}

/** `edits` with the marks of `from` given label `to`, or removed (`to` null). */
function movedMarks(edits, from, to) {
  const move = (list) => list.flatMap((e) => (e.label !== from ? [e] : to ? [{ ...e, label: to }] : []));
  return { ...edits, added: move(edits.added), removed: edits.removed.filter((e) => e.label !== from || to) .map((e) => (e.label === from ? { ...e, label: to } : e)) };
}

/**
 * Moves `marks` ({from, to}) in every document, each as a step of its
 * history in `group`; returns [[id, edits before]] of those it changed.
 */
function moveMarksEverywhere(marks, kind, group) {
  const changed = [];
  for (const doc of docs.list) {
    const edits = movedMarks(doc.edits, marks.from, marks.to);
    if (JSON.stringify(edits) === JSON.stringify(doc.edits)) continue;
    changed.push([doc.id, doc.edits]);
    const was = snapshotOf(doc);
    doc.edits = edits;
    docs.history(doc).record(was, snapshotOf(doc), kind, group);
    markDirty(doc);
  }
  return changed;
}

/**
 * Makes `makeSet(project.set)` the set (it throws an Error saying why not),
 * moving `marks` ({from, to}) in every document as an undoable edit of each;
 * saves the set and annotates again. One step of the page's history.
 */
async function changeLabelSet(kind, makeSet, marks = null) {
  const before = project.set;
  const next = makeSet(before);
  await useLabelSet(next);
  if (kind === 'label-rename' && marks) await followRename(marks.from, marks.to);
  const group = `labels-${Date.now()}-${++labelSetSteps}`;
  const changed = marks ? moveMarksEverywhere(marks, kind, group) : [];
  project.undo.push({ set: before, after: next, marks, docs: changed, kind, at: Date.now(), group });
  project.redo = [];
  saveLabelSet();
  afterLabelSet();
  if (marks) {
    const n = changed.length;
    say(marks.to ? `Gave the marks of ${marks.from} the label ${marks.to}${n ? ` in ${n} document${n > 1 ? 's' : ''}` : ''}.` : `Removed the marks of ${marks.from}${n ? ` in ${n} document${n > 1 ? 's' : ''}` : ''}.`);
  }
}

/**
 * Takes a label-set step back (`dir` -1) or makes it again (1): the set,
 * and its marks in each document, through that document's history where
 * the step is the next one there (so that the document's own undo and
 * redo stay in line), else as a new step of it.
 */
async function moveLabelSet(step, dir) {
  await useLabelSet(dir < 0 ? step.set : step.after);
  if (step.kind === 'label-rename' && step.marks) await (dir < 0 ? followRename(step.marks.to, step.marks.from) : followRename(step.marks.from, step.marks.to));
  const ids = step.docs.map(([id]) => id);
  for (const id of ids) {
    const doc = docs.list.find((d) => d.id === id);
    if (!doc) continue;
    const h = docs.history(doc);
    const next = dir < 0 ? h.nextUndo : h.nextRedo;
    const to = next && next.group === step.group ? (dir < 0 ? h.undo(snapshotOf(doc)) : h.redo(snapshotOf(doc))) : null;
    if (to) {
      Object.assign(doc, to);
    } else {
      const was = snapshotOf(doc);
      doc.edits = dir < 0 ? step.docs.find(([i]) => i === id)[1] : movedMarks(doc.edits, step.marks.from, step.marks.to);
      h.record(was, snapshotOf(doc), dir < 0 ? 'label-undo' : 'label-redo');
    }
    markDirty(doc);
  }
  saveLabelSet();
  afterLabelSet();
}

/** The labels of `edits`' marks that `set` does not define (labelset.defines), each once. */
function undefinedLabels(set, edits) {
  return [...new Set(edits.added.map((e) => e.label))].filter((l) => !labelset.defines(set, l));
}

/**
 * Why label-set step `step` cannot be taken back (`dir` -1) or made again
 * (1), or null: it would leave marks of a label the set it gives lacks in
 * some document (marks made with a label after it was added, in the
 * documents the step did not move). Those marks are the user's work: the
 * step waits until they are taken back or the label deleted (which asks
 * what becomes of them).
 */
function labelSetStepRefused(step, dir) {
  const set = dir < 0 ? step.set : step.after;
  for (const doc of docs.list) {
    const moved = step.docs.find(([id]) => id === doc.id);
    const edits = !moved ? doc.edits : dir < 0 ? moved[1] : movedMarks(doc.edits, step.marks.from, step.marks.to);
    const lacking = undefinedLabels(set, edits);
    if (lacking.length) {
      return `Not ${dir < 0 ? 'undone' : 'redone'}: “${doc.name}” holds marks labeled ${lacking.join(', ')}, which the label set would no longer have. Take those marks back first, or delete the label (which asks what becomes of its marks).`;
    }
  }
  return null;
}

/**
 * Undoes the last label-set step (its documents' marks too): `{text,
 * error}` of what it did or why it did not, or null when there is none.
 */
function undoLabelSet() {
  const step = project.undo[project.undo.length - 1];
  if (!step) return null;
  const refused = labelSetStepRefused(step, -1);
  if (refused) return { text: refused, error: true };
  project.redo.push(project.undo.pop());
  moveLabelSet(step, -1).catch((e) => say(`The label set could not be undone: ${e.message}`, { error: true }));
  return { text: `Undid: ${step.kind.replace('label-', '')}.`, error: false };
}

/** Redoes the last label-set step undone, as undoLabelSet undoes one. */
function redoLabelSet() {
  const step = project.redo[project.redo.length - 1];
  if (!step) return null;
  const refused = labelSetStepRefused(step, 1);
  if (refused) return { text: refused, error: true };
  project.undo.push(project.redo.pop());
  moveLabelSet(step, 1).catch((e) => say(`The label set could not be redone: ${e.message}`, { error: true }));
  return { text: `Redid: ${step.kind.replace('label-', '')}.`, error: false };
}

/**
 * Whether the page's next undo (`which` 'undo') or redo is the label
 * set's: its step is later than the open document's (earlier, for a
 * redo: the one undone last goes first), or that document's is part of it.
 */
function labelSetGoesFirst(which, h) {
  const set = which === 'undo' ? project.undo[project.undo.length - 1] : project.redo[project.redo.length - 1];
  if (!set) return false;
  const own = which === 'undo' ? h.nextUndo : h.nextRedo;
  if (!own || own.group === set.group) return true;
  // A step saved before steps held their time is older than any of this page's.
  const when = own.at ?? 0;
  return which === 'undo' ? set.at >= when : set.at <= when;
}

function saveLabelSet() {
  const v = labelset.save(project.set, project.v);
  if (v !== null) {
    project.v = v;
    return;
  }
  // Another tab saved a newer set: it wins, as a newer document does.
  const theirs = labelset.load();
  project.v = theirs.v;
  useLabelSet(theirs.set).then(afterLabelSet);
  say('Another tab changed the label set; its set is the one kept.', { error: true });
}

function afterLabelSet() {
  buildLabelButtons();
  showLearned(); // a label deleted or switched off is no longer suggested
  labelsEditor.render();
  renderAll();
  scheduleAnnotate(0);
}

/**
 * An import names `name`, a label not in the set: offers to add it (as a
 * name, kind none); resolves true when added.
 */
async function offerLabel(name) {
  if (!window.confirm(`The file holds marks labeled ${name}, which is not in this project's label set. Add ${name} to the set?`)) return false;
  try {
    await changeLabelSet('label-add', (s) => labelset.addLabel(s, { name }));
    return true;
  } catch (e) {
    say(`${name} could not be added: ${e.message}`, { error: true });
    return false;
  }
}

async function start() {
  labelsEditor = createLabelsEditor({
    set: () => project.set,
    change: changeLabelSet,
    undo: undoLabelSet,
  });
  $('labelset-open').addEventListener('click', () => labelsEditor.open());
  wireLearning();
  wire();
  buildLabelButtons();
  decorateButtons();
  const info = await annotator.init();
  ui.exportFormat.replaceChildren(...info.formats.map((f) => {
    const o = document.createElement('option');
    o.value = f.id;
    o.textContent = f.name;
    return o;
  }));
  ui.exportFormat.addEventListener('change', showExportChoices);
  showExportChoices();
  ui.importFile.accept = transfer.acceptOf(info.formats);
  transfer.setFormats(info.formats);
  $('import-into').accept = ui.importFile.accept;
  let saved = null;
  try {
    saved = await store.load();
  } catch (e) {
    say(`Saved documents could not be read: ${e.message}`, { error: true, sticky: true });
  }
  const savedSet = labelset.load();
  project.v = savedSet.v;
  try {
    await useLabelSet(savedSet.set);
  } catch (e) {
    say(`The saved label set could not be used: ${e.message}`, { error: true, sticky: true });
  }
  // After the set's labels are defined in the core: the saved learning may name them.
  learning.load(projectLabelNames()).then(({ summary, problem }) => {
    showLearned(summary);
    if (problem) {
      say(`What the suggestions learned could not be read (${problem}); it is kept in this browser's storage under newsmark:learned:unreadable, and marking documents done teaches them again.`, { error: true, sticky: true });
    }
  }).catch((e) => say(`The adaptive suggestions did not load: ${e.message}`, { error: true, sticky: true }));
  buildLabelButtons();
  labelset.watch(() => {
    const theirs = labelset.load();
    if (theirs.v <= project.v) return;
    project.v = theirs.v;
    useLabelSet(theirs.set).then(afterLabelSet);
  });
  docs.restore(saved);
  docs.markCounts = store.loadMarkCounts();
  store.watch({
    onDoc: takeNewer,
    // Another tab's counts, but the open document's as this tab shows it
    // (and no write back: two tabs holding two versions of it for a moment
    // would write theirs over each other's without end).
    onMarkCounts: (counts) => {
      if (docs.markCounts.has(docs.currentId)) counts.set(docs.currentId, docs.markCounts.get(docs.currentId));
      docs.markCounts = counts;
      docList.render(docs.list, docs.currentId, docs.markCounts);
    },
  });
  switchTo(docs.currentId);
  if (!docs.dirty.size) document.body.dataset.saved = 'true';
  if (saved && saved.problems.length) {
    const n = saved.problems.length;
    say(`${n} saved document${n > 1 ? 's' : ''} could not be opened and ${n > 1 ? 'were' : 'was'} set aside (kept in this browser's storage under newsmark:quarantine:…); the others are open.\n${
      saved.problems.map((p) => `${p.id}: ${p.reason}`).join('\n')}`, { error: true, sticky: true });
  }
  document.body.dataset.ready = 'true';
  document.body.dataset.loadMs = String(Math.round(info.loadMs));
  document.title = `newsmark ${info.version}`;
}

start().catch((e) => say(`newsmark could not start: ${e.message}`, { error: true, sticky: true }));

/** The names of the labels the project offers (the adaptive tagger learns the name-like ones). */
function projectLabelNames() {
  return shownLabels().map((l) => l.label);
}

// The adaptive tagger's last summary, for the line that says it.
let learnedSummary = null;

/** The line that says what the project taught ("learned from 12 documents; suggests WEAPON"). */
function showLearned(summary = learnedSummary) {
  learnedSummary = summary;
  $('learned').textContent = learning.describe(summary, undefined, projectLabelNames());
}

/**
 * The learning controls: export the .nml file, import one in its place,
 * forget (after a confirmation: it cannot be undone). Whatever changes what
 * the suggestions know annotates the open document again.
 */
function wireLearning() {
  const relearned = (summary) => {
    showLearned(summary);
    scheduleAnnotate(0);
  };
  $('learn-export').addEventListener('click', async () => {
    try {
      const file = await learning.exportFile();
      if (!file) throw new Error('the suggestions have not loaded yet');
      transfer.download([file]);
      say(`Exported ${file.name}: ${$('learned').textContent}.`);
    } catch (e) {
      say(`Export of what was learned failed: ${e.message}`, { error: true });
    }
  });
  $('learn-import').addEventListener('change', async (e) => {
    const [file] = e.target.files;
    e.target.value = '';
    if (!file) return;
    try {
      const summary = await learning.importFile(file, projectLabelNames());
      relearned(summary);
      const outside = summary.suggests.filter((l) => !projectLabelNames().includes(l));
      const note = outside.length ? ` It also learned ${outside.join(', ')}, which this project's label set lacks: add ${outside.length > 1 ? 'them' : 'it'} to see ${outside.length > 1 ? 'their' : 'its'} suggestions.` : '';
      say(`Read ${file.name}: ${learning.describe(summary, undefined, projectLabelNames())}.${note}`);
    } catch (err) {
      // The worker keeps what it had: the file is refused whole.
      say(`${file.name} was not read: ${err.message}. What was learned before is kept.`, { error: true });
    }
  });
  const eachEdit = $('learn-each-edit');
  eachEdit.checked = learning.learnsEachEdit();
  eachEdit.addEventListener('change', () => {
    learning.setLearnsEachEdit(eachEdit.checked);
    say(eachEdit.checked ? 'Each mark you add, relabel or delete now teaches the suggestions at once.' : 'Only documents marked done teach the suggestions now.');
  });
  $('learn-forget').addEventListener('click', async () => {
    if (!window.confirm('Forget everything the documents marked done taught the suggestions? This cannot be undone (export the learning first to keep a copy).')) return;
    try {
      relearned(await learning.forget());
      say('Forgotten: the suggestions are newsmark\'s own again.');
    } catch (e) {
      say(`Forgetting failed: ${e.message}`, { error: true });
    }
  });
}
