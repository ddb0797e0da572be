// The labels as the page shows them: names for menus and legends, colors,
// keyboard shortcuts. The page's concern alone, so it lives here and not in
// the core, which knows the labels only by their JSON names (`PERSON`).
// Pure data, no DOM: scripts/snapshot-wasm.cjs reads it too.

/**
 * Every label in display order: `{label, name, color, shortcut}`. The
 * colors are chosen so that every two labels, and every label and the white
 * page, stay apart in normal vision and for protanopes, deuteranopes and
 * tritanopes (CIEDE2000 >= 10 under the Machado 2009 simulations), with the
 * mark's text readable on them (7:1, its label's name 4.5:1): found by a
 * search under those bounds, starting from and kept near displaCy's colors,
 * which failed them (PERSON/MISC, DATE/TIME, MONEY/CARDINAL).
 * tests/e2e/palette.test.mjs checks it all. The Label Studio export keeps a
 * copy of them for its labeling config; tests/export.rs checks they agree.
 * @type {ReadonlyArray<{label: string, name: string, color: string, shortcut: string}>}
 */
export const LABELS = Object.freeze([
  { label: 'PERSON', name: 'Person', color: '#9b99ff', shortcut: 'p' },
  { label: 'ORG', name: 'Organization', color: '#60ba7f', shortcut: 'o' },
  { label: 'LOC', name: 'Place', color: '#f2d27f', shortcut: 'l' },
  { label: 'MISC', name: 'Other name', color: '#b998c3', shortcut: 'm' },
  { label: 'DATE', name: 'Date', color: '#9da8a0', shortcut: 'd' },
  { label: 'TIME', name: 'Time', color: '#accdce', shortcut: 't' },
  { label: 'MONEY', name: 'Money', color: '#cacfba', shortcut: '$' },
  { label: 'PERCENT', name: 'Percent', color: '#fff421', shortcut: '%' },
  { label: 'QUANTITY', name: 'Quantity', color: '#deffc8', shortcut: 'q' },
  { label: 'CARDINAL', name: 'Count', color: '#c6a63d', shortcut: 'c' },
  { label: 'ORDINAL', name: 'Rank', color: '#e5c8ff', shortcut: 'r' },
].map(Object.freeze));

/**
 * Each label's entry, by its JSON name: the built-in ones (kept when
 * switched off, so that marks of them still show in their colors) and the
 * project's own (`{label, name, kind, color, shortcut}`), updated in place
 * by useLabels.
 */
export const LABEL_INFO = new Map(LABELS.map((l) => [l.label, l]));

/** The label a shortcut key applies, by key: the labels in use only (useLabels). */
export const BY_SHORTCUT = new Map(LABELS.map((l) => [l.shortcut, l.label]));

let shown = LABELS;

/**
 * The labels the page offers (label bar, menus, legend, shortcuts): the
 * project's label set's (labelset.js `labelsOf`), LABELS until one is used.
 */
export function shownLabels() {
  return shown;
}

/** Makes `labels` (labelset.js `labelsOf`) the labels the page offers. */
export function useLabels(labels) {
  shown = labels;
  for (const k of [...LABEL_INFO.keys()]) if (!LABELS.some((l) => l.label === k)) LABEL_INFO.delete(k);
  for (const l of labels) LABEL_INFO.set(l.label, l);
  BY_SHORTCUT.clear();
  for (const l of labels) if (l.shortcut) BY_SHORTCUT.set(l.shortcut, l.label);
}
