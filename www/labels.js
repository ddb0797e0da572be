// The labels as the page shows them: names for menus and legends, colors,
// keyboard shortcuts. The page's concern alone, so it lives here and not in
// the core, which knows the labels only by their JSON names (`PERSON`).
// Pure data, no DOM: scripts/snapshot-wasm.cjs reads it too.

/**
 * Every label in display order: `{label, name, color, shortcut}`. Colors
 * are displaCy's where it has the label. The Label Studio export keeps a
 * copy of them for its labeling config; tests/export.rs checks they agree.
 * @type {ReadonlyArray<{label: string, name: string, color: string, shortcut: string}>}
 */
export const LABELS = Object.freeze([
  { label: 'PERSON', name: 'Person', color: '#aa9cfc', shortcut: 'p' },
  { label: 'ORG', name: 'Organization', color: '#7aecec', shortcut: 'o' },
  { label: 'LOC', name: 'Place', color: '#feca74', shortcut: 'l' },
  { label: 'MISC', name: 'Other name', color: '#c887fb', shortcut: 'm' },
  { label: 'DATE', name: 'Date', color: '#bfe1d9', shortcut: 'd' },
  { label: 'TIME', name: 'Time', color: '#9cc9cc', shortcut: 't' },
  { label: 'MONEY', name: 'Money', color: '#e4e7d2', shortcut: '$' },
  { label: 'PERCENT', name: 'Percent', color: '#ffeb80', shortcut: '%' },
  { label: 'QUANTITY', name: 'Quantity', color: '#bfeeb7', shortcut: 'q' },
  { label: 'CARDINAL', name: 'Count', color: '#ddd6c1', shortcut: 'c' },
  { label: 'ORDINAL', name: 'Rank', color: '#f0d0ff', shortcut: 'r' },
].map(Object.freeze));

/** Each label's entry of LABELS, by its JSON name. */
export const LABEL_INFO = new Map(LABELS.map((l) => [l.label, l]));

/** The label a shortcut key applies, by key. */
export const BY_SHORTCUT = new Map(LABELS.map((l) => [l.shortcut, l.label]));
