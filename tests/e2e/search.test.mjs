// Find in the text (issue 14): every hit highlighted in the marked view,
// stepped through with Enter and Shift+Enter with a count, all hits
// labeled as one undoable edit, and the hits of every document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, marks, rendered, docList, recordFigures, closeChecked } from './helpers.mjs';

// A wait that never ends fails the test instead of hanging the run.
const LIMIT = { timeout: 120000 };

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

const TEXT = [
  'Quilla Brandvold flew from Lima to Cusco on Monday.',
  'In Lima, quilla growers met the mayor; QUILLA prices rose 4%.',
  'Brandvold said Quilla would return to Lima next year.',
].join('\n');

/** Where `needle` occurs in `text`, ignoring case (ASCII here), counted by hand. */
function occurrences(text, needle) {
  const out = [];
  const t = text.toLowerCase();
  const n = needle.toLowerCase();
  for (let i = t.indexOf(n); i >= 0; i = t.indexOf(n, i + n.length)) out.push(i);
  return out;
}

/** What the page highlights: the text of every hit and of the current one. */
const highlighted = (page) => page.evaluate(() => ({
  hits: [...(CSS.highlights.get('search-hit') || [])].map((r) => r.toString()),
  current: [...(CSS.highlights.get('search-current') || [])].map((r) => r.toString()),
  starts: [...(CSS.highlights.get('search-hit') || [])].map((r) => {
    const pre = document.createRange();
    pre.setStart(document.getElementById('view'), 0);
    pre.setEnd(r.startContainer, r.startOffset);
    return pre.toString().length;
  }),
}));
const count = (page) => page.textContent('#search-count');

test('typing in the find box highlights every hit in the marked view, with a count to step through', LIMIT, async () => {
  const { page } = app;
  await paste(page, TEXT);
  const want = occurrences(TEXT, 'quilla');
  assert.equal(want.length, 4);
  await page.click('#search');
  await page.keyboard.type('quilla');
  await page.waitForFunction(() => document.getElementById('search-count').textContent === '1 of 4');
  let h = await highlighted(page);
  assert.deepEqual(h.starts, want);
  assert.deepEqual(h.hits, ['Quilla', 'quilla', 'QUILLA', 'Quilla']);
  assert.deepEqual(h.current, ['Quilla']);
  // Hits inside marks are highlighted too: the first is in a PERSON mark.
  assert.ok((await marks(page)).some((m) => m.start <= want[0] && m.end > want[0]), 'the first hit lies in a mark');

  await page.keyboard.press('Enter');
  assert.equal(await count(page), '2 of 4');
  assert.deepEqual((await highlighted(page)).current, ['quilla']);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await count(page), '2 of 4');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await count(page), '4 of 4', 'Shift+Enter wraps to the last');
  await page.click('#search-next');
  assert.equal(await count(page), '1 of 4', 'and the button wraps to the first');

  // Whole words (on at first): no hit inside a word; off, those too.
  await page.fill('#search', 'brand');
  await page.waitForFunction(() => document.getElementById('search-count').textContent === 'No hits');
  await page.click('#search-words');
  await page.waitForFunction(() => document.getElementById('search-count').textContent === '1 of 2');
  assert.deepEqual((await highlighted(page)).starts, occurrences(TEXT, 'brand'));
  await page.click('#search-words');

  await page.fill('#search', 'Timbuktu');
  await page.waitForFunction(() => document.getElementById('search-count').textContent === 'No hits');
  h = await highlighted(page);
  assert.deepEqual(h.hits, []);
  assert.ok(await page.isDisabled('#search-label-all'));
});

test('label all hits: one undoable edit; a hit inside a mark of yours is left as it was', LIMIT, async () => {
  const { page } = app;
  await paste(page, TEXT);
  await page.fill('#search', 'lima');
  await page.waitForFunction(() => document.getElementById('search-count').textContent === '1 of 3');
  const before = await marks(page);
  await page.selectOption('#search-label', 'ORG');
  await rendered(page, () => page.click('#search-label-all'));
  const after = await marks(page);
  const lima = occurrences(TEXT, 'lima');
  for (const at of lima) {
    const m = after.find((x) => x.start === at);
    assert.deepEqual([m?.text, m?.label, m?.user], ['Lima', 'ORG', true], `hit at ${at}`);
  }
  assert.match(await page.textContent('#message'), /^Labeled 3 of 3 hits as ORG\.$/);
  // The highlights follow the new render, on the same place.
  await page.waitForFunction(() => CSS.highlights.get('search-hit').size === 3);
  assert.equal(await count(page), '1 of 3');

  // One undo takes all three back.
  await rendered(page, () => page.click('#undo'));
  assert.deepEqual(await marks(page), before);

  // A mark of the annotator's own that a hit only overlaps stays.
  await page.fill('#search', 'Quilla Brandvold');
  await page.selectOption('#search-label', 'MISC');
  await rendered(page, () => page.click('#search-label-all'));
  await page.fill('#search', 'Quilla');
  await page.selectOption('#search-label', 'PERSON');
  await rendered(page, () => page.click('#search-label-all'));
  assert.match(await page.textContent('#message'), /^Labeled 3 of 4 hits as PERSON \(1 left as they were: they overlap marks of yours, or lie in longer marks\)\.$/);
  const ms = await marks(page);
  assert.deepEqual([ms[0].text, ms[0].label], ['Quilla Brandvold', 'MISC']);
});

test('Ctrl+F goes to the find box; Escape leaves it with the current hit selected, and a label key labels it', LIMIT, async () => {
  const { page } = app;
  await paste(page, TEXT);
  // Ctrl+F from the article goes to the find box.
  await page.focus('#view');
  await page.keyboard.press('Control+f');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.keyboard.type('cusco');
  await page.waitForFunction(() => document.getElementById('search-count').textContent === '1 of 1');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => window.getSelection().toString()), 'Cusco');
  // Let the page see the selection change (as selectInView does).
  await page.waitForTimeout(50);
  await rendered(page, () => page.keyboard.press('o'));
  const m = (await marks(page)).find((x) => x.start === TEXT.indexOf('Cusco'));
  assert.deepEqual([m?.text, m?.label, m?.user], ['Cusco', 'ORG', true]);
});

test('search across documents: each with its hit count; choosing one opens it at its first hit', LIMIT, async () => {
  const { page } = app;
  // Three documents: this one, one with two hits far down, one with none.
  await paste(page, TEXT);
  await rendered(page, () => page.click('#doc-add'));
  const far = `${'Nothing to see in this line.\n'.repeat(80)}Brandvold again.\nAnd Brandvold.`;
  await paste(page, far);
  await rendered(page, () => page.click('#doc-add'));
  await paste(page, 'A text without the name.');
  const docs = await docList(page);

  await page.fill('#search', 'brandvold');
  await page.click('#search-docs');
  const results = await page.$$eval('#search-results button', (bs) => bs.map((b) => [b.dataset.id, b.querySelector('.name').textContent, b.querySelector('.count').textContent]));
  const want = docs.map((d, i) => [d.id, d.name, String([occurrences(TEXT, 'brandvold').length, 2, 0][i])]).filter((r) => r[2] !== '0');
  assert.deepEqual(results, want);
  // The first result has the focus; Down is not needed: Tab moves on, and
  // clicking the second opens it.
  assert.equal(await page.evaluate(() => document.activeElement.closest('#search-results') !== null), true);
  await page.click(`#search-results button[data-id="${docs[1].id}"]`);
  await page.waitForFunction(() => document.getElementById('search-count').textContent === '1 of 2');
  assert.equal((await docList(page)).find((d) => d.selected).id, docs[1].id);
  assert.equal(await page.inputValue('#text'), far);
  const h = await highlighted(page);
  assert.deepEqual(h.starts, occurrences(far, 'brandvold'));
  // The first hit is on screen.
  const inView = await page.evaluate(() => {
    const r = [...CSS.highlights.get('search-current')][0].getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'the first hit is scrolled into sight');
});

test('a search in a 1 MB article answers at once: hits found and highlighted in one short task', LIMIT, async () => {
  const { page } = app;
  const line = 'Lee Tae-woo met the Korean delegation in Seoul on Tuesday, and the talks went on. ';
  let big = '';
  while (big.length < 1_000_000) big += `${line.repeat(8)}\n`;
  await paste(page, big);
  const want = occurrences(big, 'the').length;
  const t = await page.evaluate(async () => {
    const input = document.getElementById('search');
    input.focus();
    const t0 = performance.now();
    input.value = 'the';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    const handled = performance.now() - t0;
    // Until the next frame is painted with the highlights.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { handled, painted: performance.now() - t0, count: document.getElementById('search-count').textContent, size: CSS.highlights.get('search-hit').size };
  });
  assert.equal(t.count, `1 of ${want}`);
  assert.equal(t.size, want);
  recordFigures({ search_1mb: { chars: big.length, hits: want, handled_ms: Math.round(t.handled), painted_ms: Math.round(t.painted) } });
  assert.ok(t.handled < 500, `the search took ${t.handled} ms`);
});
