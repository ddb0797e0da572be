// Find in the text: every hit of the search box highlighted in the marked
// view, a current one to step through (Enter, Shift+Enter) with its count
// ("3 of 12"), every hit labeled at once, and the hits counted in every
// document.
//
// Hits are case-insensitive and literal (no patterns): what a journalist
// types is what is found; with "Whole words" (on at first, as labeling a
// hit inside a word is rarely meant: `the` in `Other`), a hit may not
// start or end inside a word (editor.js's labelAll keeps the same rule). The highlights are the CSS Custom Highlight API's
// (`CSS.highlights`): ranges over the view's text nodes, so the view's DOM,
// which render.js builds, is never touched here, and marks stay as they
// are under a hit. The view is watched: a new render (an annotation, an
// edit, another document) is highlighted again.

import { el } from './render.js';

const HIT = 'search-hit';
const CURRENT = 'search-current';

/** `query` as a pattern that matches it literally (unicode mode escapes only these). */
const literal = (query) => query.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * Every hit of `query` in `text`, case-insensitive, not overlapping:
 * `[{start, end}]` in UTF-16 offsets, whole code points (unicode mode).
 * With `words`, a hit whose first (last) character is a letter, digit or
 * mark has none just before (after) it.
 */
export function findAll(text, query, { words = false } = {}) {
  if (!query) return [];
  // Lookbehind and lookahead: a hit refused for its edge lets the next
  // one start inside it (`aa` in `aaa`, whole words: none).
  const cps = [...query];
  const before = words && WORD.test(cps[0]) ? '(?<![\\p{L}\\p{N}\\p{M}])' : '';
  const after = words && WORD.test(cps[cps.length - 1]) ? '(?![\\p{L}\\p{N}\\p{M}])' : '';
  const re = new RegExp(`${before}${literal(query)}${after}`, 'giu');
  const hits = [];
  for (let m = re.exec(text); m; m = re.exec(text)) hits.push({ start: m.index, end: m.index + m[0].length });
  return hits;
}

/** The hit count of `query` in each of `docs`: `[{doc, hits}]`, those with a hit, in the documents' order. */
export function countIn(docs, query, options) {
  return docs.map((doc) => ({ doc, hits: findAll(doc.text, query, options).length })).filter((r) => r.hits > 0);
}

/**
 * The view's text nodes with where each starts in its text: render.js
 * builds the view from the text alone (label names are generated
 * content), so these offsets are the document's.
 */
function textIndex(view) {
  const nodes = [];
  const starts = [];
  let at = 0;
  const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    nodes.push(t);
    starts.push(at);
    at += t.data.length;
  }
  const text = nodes.map((t) => t.data).join('');
  /** The DOM position of offset `i` (the end of a node rather than the start of the next when `end`). */
  const position = (i, end) => {
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] < i || (!end && starts[mid] === i)) lo = mid;
      else hi = mid - 1;
    }
    return [nodes[lo], i - starts[lo]];
  };
  const range = ({ start, end }) => {
    const r = new Range();
    r.setStart(...position(start, false));
    r.setEnd(...position(end, true));
    return r;
  };
  return { text, range };
}

/**
 * Wires the search box. `parts`: `view` (the marked view), `input`,
 * `words` (the "Whole words" checkbox), `count`, `prev`, `next`, `label` (a `<select>`, filled with `labels`),
 * `labelAll`, `allDocs` (the button that counts every document's hits) and
 * `results` (the list they go in). `host`:
 * - `text()`: the open document's text (hits to label are its offsets);
 * - `docs()`: every document, for the search across them;
 * - `labelHits(hits, label)`: labels the hits, as one edit;
 * - `open(id)`: opens a document (its first hit is then shown).
 * Returns `{refresh()}`.
 */
export function createSearch(parts, labels, host) {
  const { view, input, words, count, prev, next, label, labelAll, allDocs, results } = parts;
  const options = () => ({ words: words.checked });
  // `labels` is the list, or a function giving the labels in use when the
  // menu is opened (the project's label set changes).
  const fillLabels = () => {
    const list = typeof labels === 'function' ? labels() : labels;
    const was = label.value;
    label.replaceChildren(...list.map((l) => el('option', { value: l.label }, `${l.name} (${l.label})`)));
    if (list.some((l) => l.label === was)) label.value = was;
  };
  fillLabels();
  label.addEventListener('focus', fillLabels);
  label.addEventListener('pointerdown', fillLabels);
  const supported = typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function';
  let hits = [];
  let at = -1;
  let shownText = null;
  let ranges = [];
  let reveal = false; // show the current hit once the view has it (another document opened)

  function paint() {
    if (!supported) return;
    CSS.highlights.set(HIT, new Highlight(...ranges));
    CSS.highlights.set(CURRENT, new Highlight(...(at >= 0 && ranges[at] ? [ranges[at]] : [])));
  }

  function say() {
    const q = input.value;
    count.textContent = !q ? '' : hits.length ? `${at + 1} of ${hits.length}` : 'No hits';
    count.dataset.hits = String(hits.length);
    count.dataset.at = String(at + 1);
    for (const b of [prev, next]) b.disabled = hits.length === 0;
    labelAll.disabled = hits.length === 0;
  }

  /** Scrolls the current hit into the middle of the window when it is out of sight. */
  function showCurrent() {
    const r = ranges[at];
    if (!r) return;
    // Blocks off screen are not laid out (content-visibility): bring the
    // hit's block in first, then measure the hit itself.
    const block = r.startContainer.parentElement.closest('.chunk');
    let rect = r.getBoundingClientRect();
    if (block && (rect.height === 0 || rect.bottom < 0 || rect.top > window.innerHeight)) {
      block.scrollIntoView({ block: 'nearest', behavior: 'instant' });
      rect = r.getBoundingClientRect();
    }
    if (rect.top < 0 || rect.bottom > window.innerHeight) window.scrollBy({ top: rect.top - window.innerHeight / 2, behavior: 'instant' });
  }

  /** Finds the hits again in the view as it is now, keeping the current one where it can. */
  function refresh() {
    const q = input.value;
    const index = textIndex(view);
    const was = hits[at];
    hits = findAll(index.text, q, options());
    ranges = hits.map(index.range);
    if (reveal || index.text !== shownText || !was) {
      // The first hit at or after the one shown before: typing or labeling
      // keeps the place; another document starts at its first.
      const from = reveal || !was ? 0 : was.start;
      at = hits.length ? Math.max(0, hits.findIndex((h) => h.start >= from)) : -1;
    } else at = Math.min(at, hits.length - 1);
    shownText = index.text;
    paint();
    say();
    if (reveal) {
      reveal = false;
      if (hits.length) showCurrent();
    }
  }

  function step(by) {
    if (!hits.length) return;
    at = (at + by + hits.length) % hits.length;
    paint();
    say();
    showCurrent();
  }

  // Escape leaves the box with the current hit selected in the view: a
  // label key labels it there.
  function selectCurrent() {
    const r = ranges[at];
    view.focus({ preventScroll: true });
    if (!r) return;
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r.cloneRange());
  }

  const restart = () => {
    results.hidden = true;
    at = -1;
    refresh();
    if (hits.length) showCurrent();
  };
  input.addEventListener('input', restart);
  words.addEventListener('change', restart);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      selectCurrent();
    }
  });
  prev.addEventListener('click', () => step(-1));
  next.addEventListener('click', () => step(1));
  labelAll.addEventListener('click', () => {
    const found = findAll(host.text(), input.value, options());
    if (found.length) host.labelHits(found, label.value);
  });
  allDocs.addEventListener('click', () => {
    const q = input.value;
    if (!q) {
      input.focus();
      return;
    }
    const found = countIn(host.docs(), q, options());
    results.replaceChildren(...(found.length ? found.map(({ doc, hits: n }) => {
      const b = el('button', { type: 'button', dataset: { id: doc.id } }, el('span', { className: 'name' }, doc.name), el('span', { className: 'count' }, String(n)));
      b.setAttribute('aria-label', `${doc.name}: ${n} hit${n > 1 ? 's' : ''}. Open it at the first`);
      b.addEventListener('click', () => {
        reveal = true;
        host.open(doc.id);
      });
      return el('li', {}, b);
    }) : [el('li', { className: 'hint' }, `No document holds “${q}”.`)]));
    results.hidden = false;
    const first = results.querySelector('button');
    if (first) first.focus();
  });
  // Ctrl+F finds in the article, not in the page's chrome.
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });

  // Every render of the view replaces its text nodes: highlight again once
  // the changes stop. A long text is rendered a block per task, a few ms
  // apart; finding again after each block would search the whole text
  // fifty times over.
  const SETTLE_MS = 60;
  let settle = null;
  new MutationObserver(() => {
    if (!input.value) return;
    clearTimeout(settle);
    settle = setTimeout(refresh, SETTLE_MS);
  }).observe(view, { childList: true, subtree: true, characterData: true });

  say();
  return { refresh };
}
