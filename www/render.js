// Builds the annotated view, the legend and the entity list from text
// nodes and elements: user text only ever goes through `textContent` and
// `createTextNode`, never through HTML.

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
// many characters), so that the page stays responsive and the browser can
// skip laying out blocks that are off screen (`content-visibility: auto`).
const CHUNK_CHARS = 16 * 1024;
// Characters built before the first yield: the first screens at once.
const FIRST_CHARS = 64 * 1024;
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
  m.tabIndex = 0;
  m.style.setProperty('--c', info ? info.color : '#ddd');
  m.title = `${info ? info.name : s.label}${s.value_display ? `: ${s.value_display}` : ''}${s.source === 'user' ? ' (yours)' : ''}`;
  return m;
}

/**
 * One block of whole lines from `from`, with the marks of spans `si...`
 * that start in it; a block never cuts a mark or a line.
 */
function chunk(text, spans, from, si, hidden, labelInfo) {
  const lineEnd = (at) => {
    if (at >= text.length) return text.length;
    const nl = text.indexOf('\n', at);
    return nl < 0 ? text.length : nl + 1;
  };
  let to = lineEnd(Math.min(text.length, from + CHUNK_CHARS));
  const div = document.createElement('div');
  div.className = 'chunk';
  let at = from;
  for (; si < spans.length && spans[si].start < to; si++) {
    const s = spans[si];
    if (s.end > to) to = lineEnd(s.end);
    if (hidden.has(s.label)) continue;
    if (s.start > at) div.append(document.createTextNode(text.slice(at, s.start)));
    div.append(mark(text, s, si, labelInfo));
    at = s.end;
  }
  if (to > at) div.append(document.createTextNode(text.slice(at, to)));
  return { div, to, si };
}

/**
 * Renders `text` into `view` with a `<mark>` for each span (sorted, never
 * overlapping, UTF-16 offsets). Hidden labels render as plain text. Long
 * texts are finished in the background; the promise resolves once every
 * mark is in (or to `false` when a newer render took over).
 */
export function renderView(view, text, spans, { hidden, labelInfo }) {
  const token = ++renderToken;
  let from = 0;
  let si = 0;
  const build = (budget) => {
    const frag = document.createDocumentFragment();
    const stop = from + budget;
    while (from < text.length && from < stop) {
      const c = chunk(text, spans, from, si, hidden, labelInfo);
      frag.append(c.div);
      from = c.to;
      si = c.si;
    }
    return frag;
  };
  view.replaceChildren(build(FIRST_CHARS));
  if (from >= text.length) return Promise.resolve(true);
  return new Promise((resolve) => {
    const step = () => {
      if (token !== renderToken) return resolve(false);
      view.append(build(CHUNK_CHARS * 2));
      if (from >= text.length) resolve(true);
      else setTimeout(step, 0);
    };
    setTimeout(step, 0);
  });
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
    const items = [...g.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
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
