// The one change between two strings or two lists: what stays at the
// start and the end, what went in between and what came. The undo history
// keeps its steps as splices (history.js), and hand edits move over a text
// change by its splice (editor.js reanchor).

/**
 * The splice turning `a` into `b` (two strings or two arrays): `{at, del,
 * ins}`, `a` and `b` sharing everything before `at` and after the deleted
 * part. `same(x, y)` compares array items.
 */
export function spliceOf(a, b, same = (x, y) => x === y) {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && same(a[p], b[p])) p++;
  let s = 0;
  while (s < max - p && same(a[a.length - 1 - s], b[b.length - 1 - s])) s++;
  return { at: p, del: a.slice(p, a.length - s), ins: b.slice(p, b.length - s) };
}

/** `a` with splice `d` applied; null when `a` does not hold `d.del` at `d.at`. */
export function applySplice(a, d, same = (x, y) => x === y) {
  if (d.at > a.length || d.at + d.del.length > a.length) return null;
  for (let i = 0; i < d.del.length; i++) if (!same(a[d.at + i], d.del[i])) return null;
  return a.slice(0, d.at).concat(d.ins, a.slice(d.at + d.del.length));
}
