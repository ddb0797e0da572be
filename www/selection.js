// Selecting text and moving between marks in the marked view (#view), by
// mouse and by keyboard. What the annotator selects is snapped to the
// core's tokens (client.tokens: the tokenizer the recognizers read), so
// that a drag that ends inside `Blender.io` selects all of it and a
// double-click selects the token, not the browser's idea of a word.
//
// The view is one tab stop (roving focus): the one current mark holds
// tabindex 0, every other mark none (the view itself when there is no
// mark); the arrow keys move the focus between marks. A mark is never
// focusable at the moment a mouse press lands on it, else Chromium would
// start no selection there: a drag may start on a mark's first letter.
//
// The module keeps "the work point", the UTF-16 offset where the annotator
// last worked (the start of the selection or of the focused mark), and
// puts the focus back there after every render: the marks are rebuilt on
// each annotation, and the focused one with them.

import * as annotator from './client.js';
import { holdBlocks, offsetIn, positionAt } from './render.js';

/** A press that moves less than this (px) before its release is a click. */
const CLICK_SLOP = 4;
const SNAP_KEY = 'newsmark:setting:snap-words';

// ---- token boundaries ----------------------------------------------------

/**
 * Token boundaries of one text: `bounds` as client.tokens gives them (flat
 * `[start, end, ...]`, UTF-16), searched by binary search.
 */
export class Tokens {
  constructor(bounds) {
    this.bounds = bounds;
    this.count = bounds.length / 2;
  }

  start(i) { return this.bounds[2 * i]; }

  end(i) { return this.bounds[2 * i + 1]; }

  /** The index of the first token that ends after `at` (`count` when none). */
  firstEndingAfter(at) {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.end(mid) > at) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The token `{start, end}` at `at` (containing it, else the next one, else the last); null for no tokens. */
  at(at) {
    if (!this.count) return null;
    const i = Math.min(this.firstEndingAfter(at), this.count - 1);
    return { start: this.start(i), end: this.end(i) };
  }

  /**
   * `start..end` widened to whole tokens: a start inside a token moves to
   * the token's start (one in the blank between tokens to the next
   * token's), an end inside one to its end (one in a blank back to the
   * previous token's end). Null when the range holds no token.
   */
  snap(start, end) {
    const i = this.firstEndingAfter(start);
    if (i >= this.count) return null;
    // Token i holds the start, or follows the blank it lies in: its start either way.
    const s = this.start(i);
    let j = this.firstEndingAfter(end - 1); // the token holding the last selected unit, or the next
    if (j >= this.count || this.start(j) >= end) j -= 1; // the end lies in a blank: back to the previous token
    if (j < i) return null;
    return { start: s, end: this.end(j) };
  }

  /**
   * Where the moving end `focus` of a selection anchored at `anchor` goes
   * one token to the right: the next token's end when the selection grows
   * rightwards, the next token's start (no further than the anchor) when
   * it shrinks from the left.
   */
  stepRight(anchor, focus) {
    if (focus < anchor) {
      const i = this.firstEndingAfter(focus);
      const next = i < this.count && this.start(i) > focus ? this.start(i) : i + 1 < this.count ? this.start(i + 1) : anchor;
      return Math.min(next, anchor);
    }
    const i = this.firstEndingAfter(focus);
    return i < this.count ? this.end(i) : focus;
  }

  /** The mirror of `stepRight`: one token to the left. */
  stepLeft(anchor, focus) {
    if (focus > anchor) {
      // The last token end before `focus`, no further than the anchor.
      const i = this.firstEndingAfter(focus - 1) - 1;
      const prev = i >= 0 ? this.end(i) : anchor;
      return Math.max(prev, anchor);
    }
    // The last token start before `focus`.
    const i = this.firstEndingAfter(focus - 1);
    if (i < this.count && this.start(i) < focus) return this.start(i);
    return i > 0 ? this.start(i - 1) : focus;
  }

  /** The whole token after the range `lo..hi` (or the one at a caret `lo == hi`); null at the end. */
  nextToken(lo, hi) {
    const i = lo === hi ? this.firstEndingAfter(lo) : this.firstStartingAt(hi);
    return i < this.count ? { start: this.start(i), end: this.end(i) } : null;
  }

  /** The whole token before `lo`; null at the start. */
  prevToken(lo) {
    const i = this.firstStartingAt(lo) - 1;
    return i >= 0 ? { start: this.start(i), end: this.end(i) } : null;
  }

  /** The index of the first token that starts at or after `at`. */
  firstStartingAt(at) {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.start(mid) >= at) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

// ---- the view's selection ------------------------------------------------

/**
 * Wires selection and mark navigation into `view`; `status`, a live
 * region, is told what is selected. `onPickMark(i)` is
 * called for a click on mark `i` (not a drag) and when the focus lands on
 * a mark. Returns what app.js calls: `keydown(e)` (true when it handled
 * the key), `range()` (the view's selection), `rove(i)`,
 * `keepFocus(text)` around each render, `wireSnapSetting(box)` and
 * `settled()`.
 */
export function createSelection({ view, status = null, onPickMark }) {
  // The text the view shows (given to keepFocus at each render): the
  // document's text may be ahead of it while an edit waits to be annotated.
  let shown = '';
  const textOf = () => shown;
  let cache = { text: null, tokens: null };
  let workPoint = 0;
  let press = null; // {x, y, far, tabbed, dragged} of the mouse press under way
  let snapWords = readSnapSetting();

  /** The tokens of the text the view shows (fetched once per text). */
  function tokensNow() {
    const text = textOf();
    if (cache.text !== text) cache = { text, tokens: annotator.tokens(text).then((b) => new Tokens(b)) };
    return cache.tokens;
  }

  /** `{anchor, focus}` of the DOM selection when it lies in the view, else null. */
  function current() {
    const sel = window.getSelection();
    if (!sel.rangeCount || !view.contains(sel.anchorNode) || !view.contains(sel.focusNode)) return null;
    const anchor = offsetIn(view, sel.anchorNode, sel.anchorOffset);
    const focus = offsetIn(view, sel.focusNode, sel.focusOffset);
    return anchor === null || focus === null ? null : { anchor, focus };
  }

  /** Selects `anchor..focus` of the view's text (either order). */
  function select(anchor, focus) {
    const a = positionAt(view, anchor);
    const f = positionAt(view, focus);
    if (!a || !f) return;
    window.getSelection().setBaseAndExtent(a.node, a.offset, f.node, f.offset);
    workPoint = Math.min(anchor, focus);
  }

  /** Scrolls the page so that DOM position `p` is on screen (the moving end of a keyboard selection). */
  function reveal(p) {
    const r = document.createRange();
    r.setStart(p.node, p.offset);
    r.collapse(true);
    const box = r.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) window.scrollBy({ top: box.top - window.innerHeight / 2, behavior: 'instant' });
  }

  /** A collapsed selection (the keyboard's caret) at `at`. */
  function caretAt(at) {
    const p = positionAt(view, at);
    if (p) window.getSelection().collapse(p.node, p.offset);
    workPoint = at;
  }

  const marks = () => [...view.querySelectorAll('mark')];
  const markOf = (node) => (node && node.nodeType === 1 ? node.closest('#view mark') : null);

  /**
   * Makes mark `i` the view's one tab stop (the first mark when `i` is
   * null or not rendered; the view itself when there is no mark).
   */
  function rove(i) {
    const all = view.querySelectorAll('mark[tabindex]');
    let m = i === null || i === undefined ? null : view.querySelector(`mark[data-i="${i}"]`);
    if (!m) m = view.querySelector('mark');
    for (const o of all) if (o !== m) o.removeAttribute('tabindex');
    if (m) m.tabIndex = 0;
    // Still focusable by a click (to select in it), but no second tab stop.
    view.tabIndex = m ? -1 : 0;
    return m;
  }

  function focusMark(m) {
    window.getSelection().removeAllRanges();
    rove(Number(m.dataset.i));
    m.focus();
    workPoint = Number(m.dataset.start);
  }

  /**
   * Takes `text`, the text the view is rebuilt with, and notes where the
   * focus is before it is rebuilt; `restore()` puts it back on the mark at
   * the work point (the mark just labeled, the one relabeled, the next one
   * after a delete), else on the view, when the rebuild dropped it: a
   * focused mark is rebuilt, a panel button (Delete mark) hides with its
   * mark, and either would leave the focus on the page's body. A focus the
   * annotator has moved elsewhere stays. `restore({late: true})`, once a
   * long text is all rendered, only moves a focus left on the view itself.
   */
  function keepFocus(text) {
    const sameText = text === shown;
    shown = text;
    if (workPoint > text.length) workPoint = 0; // another document, or a shorter text
    const before = document.activeElement;
    const wasInView = view.contains(before);
    const hadFocus = Boolean(before) && before !== document.body;
    return {
      restore({ late = false } = {}) {
        const a = document.activeElement;
        // A hidden element keeps the focus until the browser's next frame
        // moves it to the body: hidden counts as dropped already.
        const gone = !a || a === document.body || !a.isConnected || a.getClientRects().length === 0;
        const dropped = gone && hadFocus && !late;
        // On the view itself after a new text (a paste, the text mode
        // left), the focus stays there: there is no work point in a new
        // text, and moving onto a mark costs a layout of the whole view.
        if (!dropped && !(wasInView && a === view && sameText)) return;
        const hasSelection = range() !== null;
        const m = marks().find((x) => Number(x.dataset.end) > workPoint);
        if (m && !hasSelection) {
          rove(Number(m.dataset.i));
          m.focus({ preventScroll: false });
        } else if (a !== view) view.focus({ preventScroll: true });
      },
    };
  }

  // ---- mouse ----

  // The tokens are fetched when the annotator comes to the view (not on
  // every render: a long text's tokens cost the worker time the next
  // annotation may need), and are there by the time a drag ends.
  const prefetch = () => { tokensNow().catch(() => {}); };
  view.addEventListener('mouseover', prefetch, { passive: true });
  view.addEventListener('focusin', prefetch);

  // A press (mouse or touch) keeps laid out the blocks of the view
  // (render.js) it lands in or may move the focus or the selection out of,
  // before anything moves. A block is `content-visibility: auto`, and one
  // just built is skipped (locked) until the browser's next frame sees it on
  // screen, unless it holds the focus (keepFocus puts it back on a mark
  // after each render) or the selection. The browser hit-tests a press
  // before its handlers run, then moves the focus (to the view, or off the
  // mark the mousedown handler below makes unfocusable) or the selection
  // (cleared below, or by the press itself): the block locks again at once,
  // and Chromium 156 then asks it for the position the press landed on and
  // its renderer crashes on a CHECK (HitTestResult::GetPosition: a locked
  // ancestor). Seen as "Target crashed" at the first double-click after a
  // paste in tests/e2e/selection.test.mjs; a user can meet it with a click
  // within a frame of an annotation landing. A held block stays `visible`
  // until the next render replaces it.
  view.addEventListener('pointerdown', (e) => {
    holdBlocks(view, e.target);
    holdBlocks(view, document.activeElement);
    const sel = window.getSelection();
    if (sel.rangeCount) holdBlocks(view, sel.anchorNode, sel.focusNode);
  }, true);

  view.addEventListener('mousedown', (e) => {
    if (e.button !== 0) return;
    const m = markOf(e.target);
    press = { x: e.clientX, y: e.clientY };
    // A press inside the selection would drag its text away (to the text
    // box, say) instead of selecting anew: the selection goes first, so a
    // second try at a selection starts where the first one lies.
    const sel = window.getSelection();
    if (e.detail === 1 && sel.rangeCount && !sel.isCollapsed && view.contains(sel.anchorNode)) sel.removeAllRanges();
    // A focusable element under the press would take the focus and start
    // no selection: the mark is made unfocusable until the release.
    if (m && m.hasAttribute('tabindex')) {
      press.tabbed = m;
      m.removeAttribute('tabindex');
    }
  }, true);

  // A press that went away and came back is a drag too: the furthest it went counts.
  document.addEventListener('mousemove', (e) => {
    if (press && e.buttons & 1) press.far = Math.max(press.far || 0, Math.hypot(e.clientX - press.x, e.clientY - press.y));
  }, { passive: true });
  const moved = (e) => press && Math.max(press.far || 0, Math.hypot(e.clientX - press.x, e.clientY - press.y)) > CLICK_SLOP;

  // On the document: the release may come outside the view.
  document.addEventListener('mouseup', async (e) => {
    if (!press) return;
    const dragged = moved(e);
    if (press.tabbed && press.tabbed.isConnected && !press.tabbed.hasAttribute('tabindex')) press.tabbed.tabIndex = 0;
    press.dragged = dragged;
    if (!dragged || !snapWords || e.detail > 1) return;
    const sel = current();
    if (!sel || sel.anchor === sel.focus) return;
    const text = textOf();
    const tokens = await tokensNow();
    const now = current();
    if (textOf() !== text || !now || now.anchor !== sel.anchor || now.focus !== sel.focus) return; // moved on meanwhile
    const back = sel.focus < sel.anchor;
    const snapped = tokens.snap(Math.min(sel.anchor, sel.focus), Math.max(sel.anchor, sel.focus));
    if (!snapped) return;
    if (back) select(snapped.end, snapped.start);
    else select(snapped.start, snapped.end);
  });

  // A release after a drag is never a click on the mark it started or ended on.
  view.addEventListener('click', (e) => {
    const wasDrag = press && (press.dragged || moved(e));
    press = null;
    const m = markOf(e.target);
    if (!m || wasDrag || e.detail > 1 || !window.getSelection().isCollapsed) return;
    focusMark(m);
    onPickMark(Number(m.dataset.i));
  });

  // Double-click: the whole token under the pointer, as the core cuts it.
  view.addEventListener('dblclick', async (e) => {
    const at = pointOffset(e.clientX, e.clientY);
    if (at === null) return;
    const text = textOf();
    const tokens = await tokensNow();
    if (textOf() !== text) return;
    const t = tokens.at(at);
    // On a token, not in the blank between two.
    if (t && t.start <= at && at < t.end) select(t.start, t.end);
  });

  /**
   * The offset of the character under the pointer at (x, y), or null:
   * the caret the browser puts there lies before or after it (whichever
   * half of it was hit), so the character is the one on either side whose
   * box holds the point.
   */
  function pointOffset(x, y) {
    const at = caretOffset(x, y);
    if (at === null || at === 0) return at;
    const p = positionAt(view, at - 1);
    if (!p || p.offset >= p.node.data.length) return at;
    const r = document.createRange();
    r.setStart(p.node, p.offset);
    r.setEnd(p.node, p.offset + 1);
    const inside = [...r.getClientRects()].some((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom);
    return inside ? at - 1 : at;
  }

  /** The view's text offset of the caret position nearest (x, y), or null. */
  function caretOffset(x, y) {
    let node = null;
    let offset = 0;
    if (document.caretPositionFromPoint) {
      const p = document.caretPositionFromPoint(x, y);
      if (p) ({ offsetNode: node, offset } = p);
    } else if (document.caretRangeFromPoint) {
      const r = document.caretRangeFromPoint(x, y);
      if (r) ({ startContainer: node, startOffset: offset } = r);
    }
    return node && view.contains(node) ? offsetIn(view, node, offset) : null;
  }

  view.addEventListener('focusin', (e) => {
    const m = markOf(e.target);
    if (!m) return;
    rove(Number(m.dataset.i));
    workPoint = Number(m.dataset.start);
    onPickMark(Number(m.dataset.i));
  });

  // The selection is said to screen readers (the focus, on the view,
  // does not carry it): what is selected, a moment after it settles.
  let sayTimer = null;
  document.addEventListener('selectionchange', () => {
    const sel = current();
    if (sel && sel.anchor !== sel.focus) workPoint = Math.min(sel.anchor, sel.focus);
    if (!status) return;
    clearTimeout(sayTimer);
    sayTimer = setTimeout(() => {
      const r = range();
      const text = r ? shown.slice(r.start, r.end) : '';
      const said = r ? `Selected: ${text.length > 200 ? `${text.slice(0, 100)} … ${text.slice(-100)}` : text}` : '';
      if (status.textContent !== said) status.textContent = said;
    }, 250);
  });

  // ---- keyboard ----

  /**
   * Handles a key pressed in the view (on it or on a mark): Shift+Left/Right
   * grow or shrink the selection a token; Ctrl+Left/Right select the
   * previous or next token (the keyboard's caret); Left/Right (Home/End)
   * move to the previous or next (first, last) mark; Escape clears the
   * selection. True when the key was the view's.
   */
  function keydown(e) {
    if (e.altKey || e.metaKey) return false;
    const horizontal = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
    if (horizontal && (e.shiftKey || e.ctrlKey)) {
      e.preventDefault();
      moveByToken(e.key === 'ArrowRight' ? 1 : -1, e.shiftKey && !e.ctrlKey);
      return true;
    }
    if (e.ctrlKey || e.shiftKey) return false;
    if (horizontal || e.key === 'Home' || e.key === 'End') {
      const all = marks();
      if (!all.length) return false;
      e.preventDefault();
      const focused = markOf(document.activeElement);
      let target;
      if (e.key === 'Home') [target] = all;
      else if (e.key === 'End') target = all[all.length - 1];
      else if (focused) {
        const k = all.indexOf(focused) + (e.key === 'ArrowRight' ? 1 : -1);
        target = all[Math.max(0, Math.min(all.length - 1, k))];
      } else if (e.key === 'ArrowRight') target = all.find((m) => Number(m.dataset.start) >= workPoint) || all[all.length - 1];
      else target = all.filter((m) => Number(m.dataset.start) < workPoint).pop() || all[0];
      focusMark(target);
      return true;
    }
    if (e.key === 'Escape') {
      const sel = current();
      if (!sel || sel.anchor === sel.focus) return false;
      caretAt(Math.min(sel.anchor, sel.focus));
      return true;
    }
    return false;
  }

  /**
   * One token to the right (`dir` 1) or left (-1): `extend`, the moving end
   * of the selection (Shift); else the selection becomes the next or
   * previous whole token (Ctrl). Without a selection the caret is the
   * focused mark's start, else the work point.
   */
  let queue = Promise.resolve();
  function moveByToken(dir, extend) {
    // Keys pressed faster than the tokens arrive are taken in order.
    queue = queue.then(async () => {
      const text = textOf();
      const tokens = await tokensNow();
      if (textOf() !== text) return;
      let sel = current();
      if (!sel) {
        const m = markOf(document.activeElement);
        const c = m ? Number(m.dataset.start) : workPoint;
        sel = { anchor: c, focus: c };
      }
      if (extend && sel.anchor === sel.focus) {
        // A caret inside a token (a click put it there): the whole token first.
        const t = tokens.at(sel.anchor);
        if (t && t.start < sel.anchor && sel.anchor < t.end) {
          if (dir > 0) select(t.start, t.end);
          else select(t.end, t.start);
          return;
        }
      }
      if (extend) {
        const focus = dir > 0 ? tokens.stepRight(sel.anchor, sel.focus) : tokens.stepLeft(sel.anchor, sel.focus);
        if (focus === sel.anchor) caretAt(focus);
        else select(sel.anchor, focus);
        return;
      }
      const lo = Math.min(sel.anchor, sel.focus);
      const hi = Math.max(sel.anchor, sel.focus);
      const t = dir > 0 ? tokens.nextToken(lo, hi) : tokens.prevToken(lo);
      if (t) select(t.start, t.end);
    }).then(() => {
      // The focus leaves a mark the selection has moved away from (its
      // outline would say it is what a label key acts on); the view holds
      // it, and the moving end stays on screen.
      if (markOf(document.activeElement)) view.focus({ preventScroll: true });
      const sel = window.getSelection();
      if (sel.rangeCount && view.contains(sel.focusNode)) reveal({ node: sel.focusNode, offset: sel.focusOffset });
    }).catch(() => {});
  }

  // ---- the snap setting ----

  /** Wires the "Snap selections to words" checkbox `box` (saved in this browser). */
  function wireSnapSetting(box) {
    box.checked = snapWords;
    box.addEventListener('change', () => {
      snapWords = box.checked;
      try {
        localStorage.setItem(SNAP_KEY, snapWords ? 'on' : 'off');
      } catch {
        // storage full or off: the setting holds for this page only
      }
    });
  }

  /** The selected range `{start, end}` of the view (UTF-16), or null when nothing is selected there. */
  function range() {
    const sel = current();
    if (!sel || sel.anchor === sel.focus) return null;
    return { start: Math.min(sel.anchor, sel.focus), end: Math.max(sel.anchor, sel.focus) };
  }

  return {
    keydown,
    range,
    rove,
    keepFocus,
    wireSnapSetting,
    /** Pending keyboard moves, settled (tests and callers that label right after). */
    settled: () => queue,
  };
}

function readSnapSetting() {
  try {
    return localStorage.getItem(SNAP_KEY) !== 'off';
  } catch {
    return true;
  }
}
