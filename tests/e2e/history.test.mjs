// The undo history as data (www/history.js): steps are diffs, undo and redo
// give back every earlier state exactly, runs of typing fold, bounds hold,
// and a history that does not fit the text is refused, not applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History, STEP_LIMIT, SIZE_LIMIT } from '../../www/history.js';
import { spliceOf, applySplice } from '../../www/splice.js';

const state = (text, added = [], extra = {}) => ({ text, articleDate: null, edits: { added, removed: [] }, suggest: true, ...extra });

test('a splice turns one string or list into the other, and back', () => {
  for (const [a, b] of [['', 'abc'], ['abc', ''], ['kitten', 'sitting'], ['same', 'same'], ['aaaa', 'aa'], ['xay', 'xbby']]) {
    const d = spliceOf(a, b);
    assert.equal(applySplice(a, d), b);
    assert.equal(applySplice(b, { at: d.at, del: d.ins, ins: d.del }), a);
  }
  const d = spliceOf([1, 2, 3], [1, 4, 3]);
  assert.deepEqual(d, { at: 1, del: [2], ins: [4] });
  assert.deepEqual(applySplice([1, 2, 3], d), [1, 4, 3]);
  assert.equal(applySplice('abc', { at: 1, del: 'x', ins: 'y' }), null, 'a splice that does not fit is refused');
});

test('undo and redo walk back and forth through every state, exactly', () => {
  const h = new History();
  const states = [state('')];
  const next = (s, kind) => { h.record(states[states.length - 1], s, kind); states.push(s); };
  next(state('Lee met Kim in Seoul.'), 'paste');
  next(state('Lee met Kim in Seoul.', [{ start: 0, end: 3, label: 'PERSON' }]), 'label');
  next(state('Lee met Kim in Seoul.', [{ start: 0, end: 3, label: 'PERSON' }], { articleDate: '2022-08-09' }), 'date');
  next(state('Lee met Kim in Busan.', [{ start: 0, end: 3, label: 'ORG' }], { articleDate: '2022-08-09' }), 'paste');
  next(state('Lee met Kim in Busan.', [{ start: 0, end: 3, label: 'ORG' }], { articleDate: '2022-08-09', suggest: false }), 'suggest');
  let at = states[states.length - 1];
  for (let i = states.length - 2; i >= 0; i--) {
    at = h.undo(at);
    assert.deepEqual(at, states[i]);
  }
  assert.equal(h.undo(at), null);
  for (let i = 1; i < states.length; i++) {
    at = h.redo(at);
    assert.deepEqual(at, states[i]);
  }
  assert.equal(h.redo(at), null);
});

test('a step holds the change, not the text: a typed letter in a long article is small', () => {
  const h = new History();
  const long = 'x'.repeat(100_000);
  h.record(state(long), state(`${long}!`), 'text');
  assert.ok(JSON.stringify(h.toJSON()).length < 200, JSON.stringify(h.toJSON()).slice(0, 300));
});

test('a run of typing is one step; a paste after it is its own', () => {
  const h = new History();
  let s = state('');
  for (const t of ['S', 'Se', 'Seo', 'Seou', 'Seoul']) {
    const n = state(t);
    h.record(s, n, 'text');
    s = n;
  }
  const pasted = state('Seoul, Aug. 9');
  h.record(s, pasted, 'paste');
  assert.equal(h.undoStack.length, 2);
  assert.deepEqual(h.undo(pasted), state('Seoul'));
  assert.deepEqual(h.undo(state('Seoul')), state(''));
});

test('a saved history comes back as it was and keeps working', () => {
  const h = new History();
  h.record(state('a'), state('ab'), 'paste');
  h.record(state('ab'), state('ab', [{ start: 0, end: 2, label: 'ORG' }]), 'label');
  const back = History.fromJSON(JSON.parse(JSON.stringify(h.toJSON())));
  assert.deepEqual(back.undo(state('ab', [{ start: 0, end: 2, label: 'ORG' }])), state('ab'));
  assert.deepEqual(back.undo(state('ab')), state('a'));
  for (const bad of [null, 5, {}, { undo: 'x', redo: [] }, { undo: [{ kind: 'text', text: { at: -1, del: '', ins: '' } }], redo: [] }]) {
    assert.equal(History.fromJSON(bad).canUndo, false, `not a history: ${JSON.stringify(bad)}`);
  }
});

test('a history that does not fit the text is dropped, and says so', () => {
  const h = new History();
  h.record(state('Lee met Kim.'), state('Lee met Kim today.'), 'paste');
  assert.equal(h.undo(state('Something else entirely.')), null);
  assert.equal(h.stale, true);
  assert.equal(h.canUndo, false);
  assert.equal(h.canRedo, false);
});

test('the history is bounded in steps and in size, dropping the oldest', () => {
  const h = new History();
  let s = state('');
  for (let i = 0; i < STEP_LIMIT + 50; i++) {
    const n = state(`${s.text}${i} `);
    h.record(s, n, 'paste');
    s = n;
  }
  assert.equal(h.undoStack.length, STEP_LIMIT);
  const big = new History();
  let t = state('');
  for (let i = 0; i < 10; i++) {
    const n = state(`${t.text}${String(i).repeat(SIZE_LIMIT / 4)}`);
    big.record(t, n, 'paste');
    t = n;
  }
  assert.ok(JSON.stringify(big.toJSON()).length <= SIZE_LIMIT + SIZE_LIMIT / 4 + 200);
  assert.ok(big.canUndo, 'the newest step is always kept');
  assert.equal(big.undo(t).text, t.text.slice(0, -SIZE_LIMIT / 4), 'and the newest undo is exact');
});
