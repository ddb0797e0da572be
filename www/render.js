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

/**
 * Renders `text` into `view` with a `<mark>` for each span (sorted, never
 * overlapping, UTF-16 offsets). Hidden labels render as plain text.
 */
export function renderView(view, text, spans, { hidden, labelInfo }) {
  const frag = document.createDocumentFragment();
  let at = 0;
  spans.forEach((s, i) => {
    if (hidden.has(s.label)) return;
    if (s.start > at) frag.append(document.createTextNode(text.slice(at, s.start)));
    const info = labelInfo.get(s.label);
    const mark = document.createElement('mark');
    mark.textContent = text.slice(s.start, s.end);
    mark.dataset.i = i;
    mark.dataset.start = s.start;
    mark.dataset.end = s.end;
    mark.dataset.label = s.label;
    if (s.value_display !== null && s.value_display !== undefined) mark.dataset.value = s.value_display;
    if (s.source === 'user') mark.className = 'user';
    mark.tabIndex = 0;
    mark.style.setProperty('--c', info ? info.color : '#ddd');
    mark.title = `${info ? info.name : s.label}${s.value_display ? `: ${s.value_display}` : ''}${s.source === 'user' ? ' (yours)' : ''}`;
    frag.append(mark);
    at = s.end;
  });
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
  view.replaceChildren(frag);
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
