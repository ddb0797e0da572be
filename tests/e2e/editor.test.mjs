// Hand edits as data (www/editor.js): marks follow a change of the text
// where the caret says it was, and a text with Windows line ends is read
// as the text box holds it, so that no keystroke drops a mark it did not
// touch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reanchor, withTextBoxNewlines, textBoxOffsets, labelAll } from '../../www/editor.js';

const mark = (text, word, label = 'PERSON') => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length, label });
const edits = (...added) => ({ added, removed: [] });

test('a letter typed before a mark that begins with it keeps the mark, given the caret', () => {
  const before = 'Officials met Kim Jong-un.';
  const kim = mark(before, 'Kim Jong-un');
  const after = 'Officials met KKim Jong-un.';
  // Without the caret the common prefix puts the new K inside the mark.
  assert.deepEqual(reanchor(before, after, edits(kim)).added, []);
  const caret = kim.start + 1;
  assert.deepEqual(reanchor(before, after, edits(kim), caret).added, [{ ...kim, start: kim.start + 1, end: kim.end + 1 }]);
  // A whole phrase typed there, one letter at a time, as the page sees it.
  let text = before;
  let e = edits(kim);
  for (const [k, c] of [...'Kim Yo-jong and '].entries()) {
    const next = text.slice(0, kim.start + k) + c + text.slice(kim.start + k);
    e = reanchor(text, next, e, kim.start + k + 1);
    text = next;
  }
  assert.equal(text, 'Officials met Kim Yo-jong and Kim Jong-un.');
  assert.deepEqual(e.added, [mark(text, 'Kim Jong-un')]);
});

test('backspace and delete next to a mark keep it; a change inside it drops it', () => {
  const before = 'met  Kim there';
  const kim = mark(before, 'Kim');
  // Backspace of the second space: the caret ends before the mark.
  assert.deepEqual(reanchor(before, 'met Kim there', edits(kim), 4).added, [{ ...kim, start: 4, end: 7 }]);
  // Delete of the first space, caret staying at 3.
  assert.deepEqual(reanchor(before, 'met Kim there', edits(kim), 3).added, [{ ...kim, start: 4, end: 7 }]);
  assert.deepEqual(reanchor(before, 'met  Kxim there', edits(kim), 7).added, []);
  // A caret that does not fit the change is ignored.
  assert.deepEqual(reanchor(before, 'met  Kim there!', edits(kim), 2).added, [kim]);
});

test('Windows line ends are read as the text box holds them, marks moved along', () => {
  const text = 'Lee met Kim.\r\nIn Seoul.\rThen Busan.\r\n';
  const seoul = mark(text, 'Seoul', 'LOC');
  const busan = mark(text, 'Busan', 'LOC');
  const box = withTextBoxNewlines(text, { added: [seoul, busan], removed: [{ start: busan.start, end: busan.end }] });
  assert.equal(box.text, 'Lee met Kim.\nIn Seoul.\nThen Busan.\n');
  assert.deepEqual(box.edits.added, [mark(box.text, 'Seoul', 'LOC'), mark(box.text, 'Busan', 'LOC')]);
  assert.deepEqual(box.edits.removed, [{ start: box.text.indexOf('Busan'), end: box.text.indexOf('Busan') + 5 }]);
  const at = textBoxOffsets(text);
  assert.equal(at[text.length], box.text.length);
  assert.equal(at[text.indexOf('In')], box.text.indexOf('In'));
  // Typing at the very end then keeps every mark.
  const typed = box.text + 'X';
  assert.deepEqual(reanchor(box.text, typed, box.edits, typed.length).added, box.edits.added);
  // A text without `\r` is given back as it is.
  const plain = { added: [seoul], removed: [] };
  assert.equal(withTextBoxNewlines('no line ends', plain).edits, plain);
});

test('label all leaves an occurrence inside a longer suggested mark alone, and counts it', () => {
  const text = 'Korea said talks with South Korea and North Korea resumed. Korea Electric Power Corp. said so.';
  const at = (w, from = 0) => text.indexOf(w, from);
  const shown = [
    { start: 0, end: 5, label: 'LOC', source: 'model' },
    { start: at('South Korea'), end: at('South Korea') + 11, label: 'LOC', source: 'model' },
    { start: at('North Korea'), end: at('North Korea') + 11, label: 'LOC', source: 'model' },
    { start: at('Korea Electric'), end: at('Korea Electric') + 'Korea Electric Power Corp.'.length, label: 'ORG', source: 'model' },
  ];
  const { edits, count, found } = labelAll(text, { added: [], removed: [] }, 'Korea', 'LOC', shown);
  assert.equal(found, 4);
  assert.equal(count, 1);
  assert.deepEqual(edits.added, [{ start: 0, end: 5, label: 'LOC' }]);
  // Without the marks on screen, every occurrence is labeled, as before.
  assert.equal(labelAll(text, { added: [], removed: [] }, 'Korea', 'LOC').count, 4);
  // A mark of the user's is the user's rule: relabeled when it is exactly the occurrence.
  const mine = [{ start: 0, end: 5, label: 'ORG', source: 'user' }];
  assert.deepEqual(labelAll(text, { added: [{ start: 0, end: 5, label: 'ORG' }], removed: [] }, 'Korea', 'LOC', mine).edits.added[0], { start: 0, end: 5, label: 'LOC' });
});
