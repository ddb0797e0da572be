// The project's label set (issue 17): each built-in label on or off, and
// the labels the user made, each {label, name, kind, color, shortcut}. Its
// shape on disk and in exports is the core's `newsmark-labels/1`
// (src/export/labels.rs reads it, defines its labels and refuses a bad
// one); this module holds the set, checks an operation before making it,
// saves it under its own key with a version (two tabs: the newer version
// wins, as store.js does for documents), and keeps its own undo steps.
// No DOM here: labels-editor.js is the dialog.
//
//   newsmark:labels   {"v": 3, "set": {newsmark-labels/1}}

import { LABELS } from './labels.js';

export const SCHEMA = 'newsmark-labels/1';
const KEY = 'newsmark:labels';
export const KINDS = Object.freeze(['none', 'number', 'money', 'date']);

// What the core takes as a label's name (label.rs, name_problem): letters,
// digits, `_`, `-` and `.`, 1 to 64 bytes.
const NAME = /^[\p{L}\p{N}_.-]+$/u;

// Single keys the marked view already uses (shortcuts.js, selection.js):
// a label key must not take one.
const TAKEN_KEYS = new Set(['e', 'E', '?', ' ']);

/** An empty set: every built-in label on, none of the user's. */
export function emptySet() {
  return { off: [], labels: [] };
}

/** The set as a `newsmark-labels/1` object. */
export function toFile(set) {
  const builtins = Object.fromEntries(LABELS.map((l) => [l.label, !set.off.includes(l.label)]));
  return {
    schema: SCHEMA,
    builtins,
    labels: set.labels.map((l) => ({ name: l.label, kind: l.kind, color: l.color, ...(l.shortcut ? { key: l.shortcut } : {}) })),
  };
}

/** A set from a `newsmark-labels/1` object (already checked by the core, or saved by this page). */
export function fromFile(file) {
  const off = LABELS.filter((l) => file.builtins && file.builtins[l.label] === false).map((l) => l.label);
  const labels = (file.labels || []).map((l) => ({ label: l.name, name: l.name, kind: l.kind || 'none', color: l.color, shortcut: l.key || '' }));
  return { off, labels };
}

// ---- default colors -------------------------------------------------------

function rgbOf(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hexOf(h, s, l) {
  // HSL to RGB (CSS Color 4's algorithm).
  const f = (n) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return `#${[f(0), f(8), f(4)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

// A color's coordinates in CIELAB (D65), where distances follow what eyes see.
function labOf(hex) {
  const lin = rgbOf(hex).map((c) => { const v = c / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  const [r, g, b] = lin;
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const [x, y, z] = xyz.map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/**
 * A color for a new label, apart from every color in use: of 72 light
 * candidates (24 hues at two saturations and two lightnesses, light enough
 * for black text), the one farthest in CIELAB from the nearest color used
 * (the built-in palette's and the set's), so a new label looks unlike every
 * other. Deterministic: the same set gives the same color.
 */
export function defaultColor(set) {
  const used = [...LABELS.map((l) => l.color), ...set.labels.map((l) => l.color)].map(labOf);
  let best = null;
  let bestDistance = -1;
  for (let h = 0; h < 360; h += 15) {
    for (const [s, l] of [[0.65, 0.72], [0.45, 0.8], [0.7, 0.64]]) {
      const c = hexOf(h, s, l);
      const lab = labOf(c);
      const d = Math.min(...used.map((u) => Math.hypot(lab[0] - u[0], lab[1] - u[1], lab[2] - u[2])));
      if (d > bestDistance) { best = c; bestDistance = d; }
    }
  }
  return best;
}

// ---- checks -------------------------------------------------------------

/** Why `name` cannot name a new label of `set` (null: it can). `except`: the label being renamed. */
export function nameProblem(set, name, except = null) {
  if (!name) return 'A label needs a name.';
  if (new TextEncoder().encode(name).length > 64) return `“${name}” is longer than 64 bytes.`;
  if (!NAME.test(name)) return `“${name}” holds a character a label cannot have: use letters, digits, _, - and .`;
  const upper = name.toUpperCase();
  if (LABELS.some((l) => l.label === upper)) return `${upper} is a built-in label: switch it on instead.`;
  const other = set.labels.find((l) => l.label.toUpperCase() === upper && l.label !== except);
  if (other) return `There is a label ${other.label} already.`;
  // The core knows a label by its name in any case, spelled as it first
  // met it: a rename in case alone would not reach it until a reload.
  if (except && except !== name && except.toUpperCase() === upper) {
    return `${except} cannot be renamed ${name}: label names match in any case, so a change of case alone is not a new name.`;
  }
  return null;
}

/** Why `key` cannot be the shortcut of `label` in `set` (null: it can; '' is no key). */
export function keyProblem(set, key, label = null) {
  if (!key) return null;
  if ([...key].length !== 1) return `A label key is one character, not “${key}”.`;
  if (TAKEN_KEYS.has(key)) return `The key ${key} is taken by the marked view (see ? for the shortcuts).`;
  const builtIn = LABELS.find((l) => l.shortcut === key && !set.off.includes(l.label));
  if (builtIn) return `The key ${key} labels ${builtIn.label} already.`;
  const own = set.labels.find((l) => l.shortcut === key && l.label !== label);
  if (own) return `The key ${key} labels ${own.label} already.`;
  return null;
}

/** Why `color` is not a color a label can take (null: it is). */
export function colorProblem(color) {
  return /^#[0-9a-f]{6}$/i.test(color) ? null : `“${color}” is not a color (#rrggbb).`;
}

// ---- operations: each returns a new set, or throws an Error saying why not ----

function fail(message) {
  throw new Error(message);
}

/** `set` with a new label `{name, kind, color?, shortcut?}`. */
export function addLabel(set, { name, kind = 'none', color, shortcut = '' }) {
  name = name.trim();
  const p = nameProblem(set, name) || keyProblem(set, shortcut) || (color && colorProblem(color));
  if (p) fail(p);
  if (!KINDS.includes(kind)) fail(`Unknown kind of value “${kind}”.`);
  const label = { label: name, name, kind, color: (color || defaultColor(set)).toLowerCase(), shortcut };
  return { ...set, labels: [...set.labels, label] };
}

/** `set` with `label` renamed `name` (its marks follow: see app.js). */
export function renameLabel(set, label, name) {
  name = name.trim();
  const p = nameProblem(set, name, label);
  if (p) fail(p);
  return { ...set, labels: set.labels.map((l) => (l.label === label ? { ...l, label: name, name } : l)) };
}

/** `set` with `label` in `color`. */
export function recolorLabel(set, label, color) {
  const p = colorProblem(color);
  if (p) fail(p);
  return { ...set, labels: set.labels.map((l) => (l.label === label ? { ...l, color: color.toLowerCase() } : l)) };
}

/** `set` with `label`'s key `key` ('' for none). */
export function rekeyLabel(set, label, key) {
  const p = keyProblem(set, key, label);
  if (p) fail(p);
  return { ...set, labels: set.labels.map((l) => (l.label === label ? { ...l, shortcut: key } : l)) };
}

/** `set` without `label` (what becomes of its marks is app.js's). */
export function deleteLabel(set, label) {
  return { ...set, labels: set.labels.filter((l) => l.label !== label) };
}

/** `set` with the built-in `label` switched on or off. */
export function switchBuiltIn(set, label, on) {
  const off = set.off.filter((l) => l !== label);
  if (!on) off.push(label);
  // A key of the user's that a built-in label switched back on would share.
  if (on) {
    const key = LABELS.find((l) => l.label === label).shortcut;
    const clash = set.labels.find((l) => l.shortcut === key);
    if (clash) fail(`${label} cannot be switched on while ${clash.label} has its key ${key}: give ${clash.label} another key first.`);
  }
  return { ...set, off: LABELS.map((l) => l.label).filter((l) => off.includes(l)) };
}

/**
 * `set` with the label set of a `newsmark-labels/1` file (`file`, as the
 * core read it) merged in: its built-in labels on or off as it says (one
 * that cannot be switched on is left off, and said), its labels the set
 * lacks added with their kind, color and key (a key taken here already is
 * left out, and said); a label the set has already stays as it is, and a
 * different kind of value in the file is said. Returns `{set, added,
 * switched, kept, notes}` (names; notes: sentences).
 */
export function mergeFile(set, file) {
  let next = set;
  const added = [];
  const switched = [];
  const kept = [];
  const notes = [];
  for (const l of LABELS) {
    const on = !(file.builtins && file.builtins[l.label] === false);
    if (on === !next.off.includes(l.label)) continue;
    try {
      next = switchBuiltIn(next, l.label, on);
      switched.push(`${l.label} ${on ? 'on' : 'off'}`);
    } catch (e) {
      notes.push(e.message);
    }
  }
  for (const l of file.labels || []) {
    const have = next.labels.find((o) => o.label.toUpperCase() === l.name.toUpperCase());
    if (have) {
      kept.push(have.label);
      if (have.kind !== (l.kind || 'none')) notes.push(`${have.label} stays of kind ${have.kind} (the file makes it ${l.kind}).`);
      continue;
    }
    const key = l.key && !keyProblem(next, l.key) ? l.key : '';
    if (l.key && !key) notes.push(`${l.name} came without its key ${l.key}: ${keyProblem(next, l.key)}`);
    try {
      next = addLabel(next, { name: l.name, kind: l.kind || 'none', color: l.color, shortcut: key });
      added.push(l.name);
    } catch (e) {
      notes.push(`${l.name} was not added: ${e.message}`);
    }
  }
  return { set: next, added, switched, kept, notes };
}

/**
 * Whether `set` defines `label`: a built-in label (on or off: marks of one
 * switched off stay) or one of the user's. A mark of any other label the
 * core refuses, and with it its document's every mark.
 */
export function defines(set, label) {
  return LABELS.some((l) => l.label === label) || set.labels.some((l) => l.label === label);
}

/** The labels of `set` the page shows and offers: built-in ones on, then the user's. */
export function labelsOf(set) {
  const builtIns = LABELS.filter((l) => !set.off.includes(l.label)).map((l) => ({ ...l, kind: null, custom: false }));
  return [...builtIns, ...set.labels.map((l) => ({ ...l, custom: true }))];
}

// ---- storage ------------------------------------------------------------

/** `{set, v}`: the saved set and its version (an empty set, version 0, when none or unreadable). */
export function load() {
  try {
    const rec = JSON.parse(localStorage.getItem(KEY));
    if (rec && rec.set && rec.set.schema === SCHEMA) return { set: fromFile(rec.set), v: rec.v | 0 };
  } catch {
    // unreadable: an empty set; the key is left as it is for a person to look at
  }
  return { set: emptySet(), v: 0 };
}

/**
 * Saves `set` over version `held`: returns the new version, or null when
 * another tab saved a newer one (then take `load()`'s).
 */
export function save(set, held) {
  const stored = load().v;
  if (stored > held) return null;
  const v = stored + 1;
  localStorage.setItem(KEY, JSON.stringify({ v, set: toFile(set) }));
  return v;
}

/** Calls `onChange()` when another tab saves its set. */
export function watch(onChange) {
  window.addEventListener('storage', (e) => {
    if (e.storageArea === localStorage && e.key === KEY && e.newValue !== null) onChange();
  });
}
