// Hand edits of a document, as data: pure functions, no DOM.
//
// A document's edits are `{added: [{start, end, label, value?}], removed:
// [{start, end}]}`, offsets in UTF-16 code units of its text. They are sent
// with every annotation request, and the core applies them: an added span
// wins over every recognizer, a removed one is never proposed again.

import { spliceOf } from './splice.js';

export const emptyEdits = () => ({ added: [], removed: [] });

const overlaps = (a, b) => a.start < b.end && b.start < a.end;
const same = (a, b) => a.start === b.start && a.end === b.end;

/**
 * Moves edits from `oldText` to `newText`: the change is their splice
 * (splice.js: the part between their common prefix and suffix); edits before it stay, edits after it
 * shift by the change in length, edits it touches are dropped.
 *
 * `caret`, where the text box's caret is after the change, says where the
 * change ended when the texts alone cannot: `K` typed before `Kim` gives
 * `KKim`, which the common prefix reads as a `K` added after the first
 * one, inside a mark on `Kim`.
 */
export function reanchor(oldText, newText, edits, caret = null) {
  if (oldText === newText) return edits;
  const { at: p, del } = spliceEndingAt(oldText, newText, caret);
  const changedEnd = p + del.length; // old [p, changedEnd) became the splice's `ins`
  const delta = newText.length - oldText.length;
  const move = (e) => {
    if (e.end <= p) return e;
    if (e.start >= changedEnd) return { ...e, start: e.start + delta, end: e.end + delta };
    return null;
  };
  return {
    added: edits.added.map(move).filter(Boolean),
    removed: edits.removed.map(move).filter(Boolean),
  };
}

/**
 * The splice turning `a` into `b` whose inserted part ends at `caret` in
 * `b`, where such a splice turns `a` into `b` (`b` after the caret is `a`
 * after the same place); else the common prefix and suffix's (spliceOf).
 */
function spliceEndingAt(a, b, caret) {
  const common = spliceOf(a, b);
  if (caret === null || caret === undefined) return common;
  const oldEnd = caret - (b.length - a.length);
  if (caret < 0 || caret > b.length || oldEnd < 0 || oldEnd > a.length || a.slice(oldEnd) !== b.slice(caret)) return common;
  // Both share everything before the common prefix's end.
  const at = Math.min(common.at, caret, oldEnd);
  return { at, del: a.slice(at, oldEnd), ins: b.slice(at, caret) };
}

/**
 * `text` as a text box holds it, every `\r\n` and lone `\r` a `\n` (a
 * <textarea>'s value never holds a `\r`), with `edits` moved onto it: so
 * that the first keystroke in a document imported with Windows line ends
 * changes one place, not everything between its first and last line end.
 */
export function withTextBoxNewlines(text, edits) {
  if (!text.includes('\r')) return { text, edits };
  const at = textBoxOffsets(text);
  const move = (e) => ({ ...e, start: at[e.start], end: at[e.end] });
  const kept = (e) => e.end > e.start;
  return {
    text: text.replace(/\r\n?/g, '\n'),
    edits: { added: edits.added.map(move).filter(kept), removed: edits.removed.map(move).filter(kept) },
  };
}

/** Per offset of `text` (and its end): the offset in `text` as a text box holds it (withTextBoxNewlines). */
export function textBoxOffsets(text) {
  const at = new Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    at[i] = n;
    // The `\r` of a `\r\n` goes; a lone one becomes a `\n`.
    if (!(text[i] === '\r' && text[i + 1] === '\n')) n++;
  }
  at[text.length] = n;
  return at;
}

/** Labels `start..end` as `label` (with `value`, if any): a user span. */
export function addSpan(edits, start, end, label, value = null) {
  const span = { start, end, label };
  if (value !== null && value !== undefined) span.value = value;
  return {
    added: [...edits.added.filter((e) => !overlaps(e, span)), span].sort((a, b) => a.start - b.start),
    removed: edits.removed.filter((e) => !same(e, span)),
  };
}

/** Deletes a mark: forgets any user span there and keeps recognizers off it. */
export function deleteSpan(edits, span) {
  const removed = edits.removed.some((e) => same(e, span)) ? edits.removed : [...edits.removed, { start: span.start, end: span.end }];
  return { added: edits.added.filter((e) => !same(e, span)), removed };
}

/** Gives a mark another label; its value goes, as it belonged to the old label. */
export function relabel(edits, span, label) {
  return addSpan(edits, span.start, span.end, label, label === span.label ? span.value : null);
}

/** Sets a mark's normalized value. */
export function setValue(edits, span, value) {
  return addSpan(edits, span.start, span.end, span.label, value);
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * Labels every whole-word occurrence of `needle` in `text` that no user
 * span covers yet (one that covers exactly an occurrence under another
 * label is relabeled), and no longer suggested mark of `shown` (the marks
 * on screen) holds. Returns `{edits, count, found}`, `found` the
 * occurrences.
 */
export function labelAll(text, edits, needle, label, shown = []) {
  if (!needle) return { edits, count: 0 };
  const wordFirst = WORD.test(needle[0]);
  const wordLast = WORD.test(needle[needle.length - 1]);
  const ranges = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
    const end = i + needle.length;
    if ((wordFirst && i > 0 && WORD.test(text[i - 1])) || (wordLast && end < text.length && WORD.test(text[end]))) continue;
    ranges.push({ start: i, end });
  }
  return { ...labelRanges(edits, ranges, label, shown), found: ranges.length };
}

/**
 * Labels each of `ranges` (`{start, end}`, sorted, not overlapping) as
 * `label` where no user span covers any of it yet (one that covers exactly
 * the range under another label is relabeled): the rule of labelAll, for
 * any ranges (a search's hits), and none inside or across a longer mark
 * of `shown` that the user did not make. Returns `{edits, count}`.
 *
 * Linear in the ranges and the edits: they are merged into the sorted,
 * non-overlapping added spans in one pass (an `addSpan` per occurrence,
 * which filters and sorts every span, made 10,000 occurrences block the
 * page for a second).
 */
export function labelRanges(edits, ranges, label, shown = []) {
  // A range inside (or across) a longer suggested mark is left out: `Korea`
  // labeled all over would cut `South Korea` and `Korea Electric Power
  // Corp.` down to it. The caller says how many were left.
  // Marks do not overlap: one pointer walks them beside the ranges.
  const suggested = shown.filter((m) => m.source !== 'user').sort((a, b) => a.start - b.start);
  let m = 0;
  ranges = ranges.filter((r) => {
    while (m < suggested.length && suggested[m].end <= r.start) m++;
    const at = suggested[m];
    return !(at && overlaps(at, r) && !same(at, r));
  });
  let count = 0;
  // Sorted already (addSpan keeps them so); sorting a sorted list is linear.
  const added = [...edits.added].sort((a, b) => a.start - b.start);
  const out = [];
  const labeled = new Set(); // `start:end` of every span labeled here
  let j = 0; // the first span of `added` not yet in `out`
  for (const { start: i, end } of ranges) {
    while (j < added.length && added[j].end <= i) out.push(added[j++]);
    // added[j...] start at or after added[j].end > i: those starting before
    // `end` are the ones that overlap the range.
    let k = j;
    while (k < added.length && added[k].start < end) k++;
    const over = k - j;
    const relabel = over === 1 && added[j].start === i && added[j].end === end && added[j].label !== label;
    if (over > 0 && !relabel) continue;
    if (relabel) j++;
    out.push({ start: i, end, label });
    labeled.add(`${i}:${end}`);
    count++;
  }
  if (!count) return { edits, count };
  while (j < added.length) out.push(added[j++]);
  return { edits: { added: out, removed: edits.removed.filter((e) => !labeled.has(`${e.start}:${e.end}`)) }, count };
}

/** Narrows `start..end` of `text` to leave out surrounding white space. */
export function trimRange(text, start, end) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
