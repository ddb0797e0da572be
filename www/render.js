// Builds the annotated view, the legend and the entity list from text
// nodes and elements: user text only ever goes through `textContent` and
// `createTextNode`, never through HTML.

import { valueText } from './values.js';

const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
};
export { el };

// Long texts are built a block of lines at a time (`.chunk`, about this
// many characters), so that the browser can skip laying out blocks that
// are off screen (`content-visibility: auto`), and a few blocks per task,
// so that the page stays responsive.
const CHUNK_CHARS = 16 * 1024;
// Characters built before the first yield: the first screens at once.
const FIRST_CHARS = 64 * 1024;
// Marks built per task, at most: 10,000 marks in one task took 280 ms, a
// thousand up to 76 ms. A block with more is finished over several tasks,
// its marks appended to it.
const MARKS_PER_TASK = 600;
let renderToken = 0;

function mark(text, s, i, labelInfo) {
  const info = labelInfo.get(s.label);
  const m = document.createElement('mark');
  m.textContent = text.slice(s.start, s.end);
  m.dataset.i = i;
  m.dataset.start = s.start;
  m.dataset.end = s.end;
  m.dataset.label = s.label;
  if (s.value_display !== null && s.value_display !== undefined) m.dataset.value = s.value_display;
  if (s.source === 'user') m.className = 'user';
  // No tabindex here: the view is one tab stop, and selection.js gives
  // the one current mark its tabindex (roving focus). A focusable mark
  // would also swallow a mouse drag that starts on it (Chromium starts no
  // selection in a focusable element it focuses).
  m.style.setProperty('--c', info ? info.color : '#ddd');
  const value = valueText(s);
  m.title = `${info ? info.name : s.label}${value ? `: ${value}` : ''}${s.source === 'user' ? ' (yours)' : ''}`;
  return m;
}

/**
 * Builds `text` with `spans` a piece at a time: each `build()` call adds
 * whole blocks of lines, and the marks of spans that start in them (a
 * block never cuts a mark or a line), until its budget of characters or
 * marks is spent; a block cut short by the budget is continued by the next
 * call. Returns a fragment of the new blocks (a continued one is already
 * in the view).
 */
function builder(text, spans, hidden, labelInfo) {
  const lineEnd = (at) => {
    if (at >= text.length) return text.length;
    const nl = text.indexOf('\n', at);
    return nl < 0 ? text.length : nl + 1;
  };
  // Where a block that must reach `at` ends: at the end of its line, but
  // when that is more than a block away, near `at` itself (after the last
  // space before it, with `back`; a mark's end is a cut as good): a line of
  // 170,000 characters as one block was laid out again whole every time
  // marks were appended to it. The cut shows as a line that ends early; no
  // character is added or lost.
  const endFrom = (at, back) => {
    const nl = lineEnd(at);
    if (nl - at <= CHUNK_CHARS) return nl;
    const sp = back ? text.lastIndexOf(' ', at) : -1;
    if (sp >= 0 && sp >= at - CHUNK_CHARS / 4) return sp + 1;
    // Not between the halves of a surrogate pair.
    const c = text.charCodeAt(at);
    return c >= 0xdc00 && c <= 0xdfff ? at + 1 : at;
  };
  let si = 0;
  let at = 0; // built up to here
  let block = null; // {div, to}: the block being built
  return {
    get done() { return at >= text.length && !block; },
    build(charBudget, markBudget) {
      const frag = document.createDocumentFragment();
      const stopAt = at + charBudget;
      let marks = 0;
      while ((block || (at < text.length && at < stopAt)) && marks < markBudget) {
        if (!block) {
          block = { div: document.createElement('div'), to: endFrom(Math.min(text.length, at + CHUNK_CHARS), true) };
          block.div.className = 'chunk';
          frag.append(block.div);
        }
        const { div } = block;
        for (; si < spans.length && spans[si].start < block.to && marks < markBudget; si++) {
          const s = spans[si];
          if (s.end > block.to) block.to = endFrom(s.end, false);
          if (hidden.has(s.label)) continue;
          if (s.start > at) div.append(document.createTextNode(text.slice(at, s.start)));
          div.append(mark(text, s, si, labelInfo));
          at = s.end;
          marks++;
        }
        if (si < spans.length && spans[si].start < block.to) break; // out of marks: continue this block next time
        if (block.to > at) div.append(document.createTextNode(text.slice(at, block.to)));
        at = block.to;
        block = null;
      }
      return frag;
    },
  };
}

/**
 * Renders `text` into `view` with a `<mark>` for each span (sorted, never
 * overlapping, UTF-16 offsets). Hidden labels render as plain text. Long
 * texts are finished in the background; the promise resolves once every
 * mark is in (or to `false` when a newer render took over).
 */
export function renderView(view, text, spans, { hidden, labelInfo }) {
  const token = ++renderToken;
  const b = builder(text, spans, hidden, labelInfo);
  view.replaceChildren(b.build(FIRST_CHARS, MARKS_PER_TASK));
  if (b.done) return Promise.resolve(true);
  return new Promise((resolve) => {
    const step = () => {
      if (token !== renderToken) return resolve(false);
      view.append(b.build(CHUNK_CHARS * 2, MARKS_PER_TASK));
      if (b.done) resolve(true);
      else setTimeout(step, 0);
    };
    setTimeout(step, 0);
  });
}

/**
 * Keeps the blocks of `view` from the one holding node `from` to the one
 * holding `to` (either may be null, or outside the view) laid out until
 * the view is rebuilt: their `content-visibility: auto` becomes `visible`
 * (CSSOM, which the page's CSP allows). selection.js holds the blocks a
 * press lands in or may move the focus or the selection out of; it says
 * why there. A held block costs its layout (a block of text, about
 * CHUNK_CHARS) until the next render replaces it.
 */
export function holdBlocks(view, from, to = from) {
  const blockOf = (node) => {
    const e = node && (node.nodeType === 1 ? node : node.parentElement);
    const b = e && e.closest('.chunk');
    return b && b.parentNode === view ? b : null;
  };
  let first = blockOf(from);
  let last = blockOf(to);
  if (!first || !last) first = last = first || last;
  if (!first) return;
  // In document order: a backward selection's focus comes before its anchor.
  if (last.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) [first, last] = [last, first];
  for (let b = first; b; b = b.nextElementSibling) {
    b.style.setProperty('content-visibility', 'visible');
    if (b === last) break;
  }
}

/** The UTF-16 offset in the view's text of a DOM position inside `view`. */
export function offsetIn(view, node, offset) {
  if (!view.contains(node)) return null;
  // Label names are CSS generated content, so the range's text is exactly
  // the document's text.
  const range = document.createRange();
  range.setStart(view, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The DOM position (`{node, offset}` in a text node) of UTF-16 offset
 * `offset` of the view's text, the inverse of `offsetIn`; null when the
 * view holds no text there (not rendered yet). At the boundary of two
 * text nodes the later one is taken, so a position at a mark's start lies
 * inside the mark.
 */
export function positionAt(view, offset) {
  const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
  let at = 0;
  let last = null;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const next = at + t.data.length;
    if (offset < next) return { node: t, offset: offset - at };
    last = { node: t, offset: t.data.length };
    at = next;
  }
  return offset === at ? last : null;
}

/** One row per label: toggle, color, name, shortcut, count. */
export function renderLegend(ul, labels, spans, hidden, onToggle) {
  const counts = new Map();
  for (const s of spans) counts.set(s.label, (counts.get(s.label) || 0) + 1);
  ul.replaceChildren(...labels.map((l) => {
    const box = el('input', { type: 'checkbox', checked: !hidden.has(l.label), id: `show-${l.label}` });
    box.setAttribute('aria-label', `Show ${l.name} marks`);
    box.addEventListener('change', () => onToggle(l.label, box.checked));
    const sw = el('span', { className: 'sw' });
    sw.style.setProperty('--c', l.color);
    const label = el('label', { htmlFor: box.id }, `${l.name} `, el('code', {}, l.label));
    return el('li', {}, box, sw, label, el('span', { className: 'count' }, String(counts.get(l.label) || 0)));
  }));
}

// One collator, made when the page loads: the first localeCompare of a
// page builds the engine's collator first, 20-60 ms on a cold page, and
// that was the first paste's (tests/e2e/perf.test.mjs, the cold load).
const byText = new Intl.Collator().compare;

/** Distinct entities grouped by label, with mention counts. */
export function renderEntities(div, labels, spans, onPick) {
  const groups = new Map();
  spans.forEach((s, i) => {
    let g = groups.get(s.label);
    if (!g) groups.set(s.label, (g = new Map()));
    const key = s.text;
    if (!g.has(key)) g.set(key, []);
    g.get(key).push(i);
  });
  const parts = [];
  for (const l of labels) {
    const g = groups.get(l.label);
    if (!g) continue;
    const items = [...g.entries()].sort((a, b) => b[1].length - a[1].length || byText(a[0], b[0]));
    parts.push(el('h3', {}, `${l.name} (${items.length})`));
    const ul = el('ul', {});
    for (const [text, mentions] of items.slice(0, 500)) {
      const b = el('button', { type: 'button' }, el('span', {}, text), el('span', { className: 'count' }, String(mentions.length)));
      b.setAttribute('aria-label', `${text}, ${l.name}, ${mentions.length} mention${mentions.length > 1 ? 's' : ''}: show the next one`);
      b.addEventListener('click', () => onPick(mentions));
      ul.append(el('li', {}, b));
    }
    parts.push(ul);
  }
  if (!parts.length) parts.push(el('p', { className: 'hint' }, 'No entities yet.'));
  div.replaceChildren(...parts);
}
