// The page's store (issue 12, points 5, 6, 7): two tabs of one browser
// keep each other's edits, an edit right before a reload survives it, and
// a stored document that cannot be read is set aside while the rest opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, close, paste, rendered, selectInView, saved, marks, docList, switchTo, ready, BASE, closeChecked, editText } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

/** Opens another tab of the same browser (same storage) on the page. */
async function secondTab() {
  const page = await app.context.newPage();
  page.on('pageerror', (e) => app.errors.push(`second tab: ${e.message}`));
  await page.goto(BASE);
  await ready(page);
  return page;
}

const stored = (page) => page.evaluate(() => Object.fromEntries(
  Object.keys(localStorage).filter((k) => k.startsWith('newsmark:')).map((k) => [k, localStorage.getItem(k)]),
));

async function reload(page) {
  await page.reload();
  await ready(page);
}

test('two tabs: each one\'s edits survive a reload of both, and neither writes the other\'s documents back older', async () => {
  const a = app.page;
  await paste(a, 'Tab A wrote this first.');
  await saved(a);
  const first = (await docList(a)).find((d) => d.selected).id;
  const b = await secondTab();
  assert.equal(await b.inputValue('#text'), 'Tab A wrote this first.');

  // B adds a document of its own; A then edits the first one again.
  await rendered(b, () => b.click('#doc-add'));
  await paste(b, 'Tab B has its own document.');
  await saved(b);
  await paste(a, 'Tab A wrote this later.');
  await saved(a);
  // B saves again (a rename of its document): before the store had a key
  // per document, this wrote B's whole, older workspace over A's.
  b.once('dialog', (d) => d.accept('B’s document'));
  await b.click('#doc-rename');
  await saved(b);
  // A sees B's new document without a reload; B sees A's edit.
  await a.waitForFunction(() => document.querySelectorAll('#doc-list button[data-id]').length === 2);
  await switchTo(b, first);
  assert.equal(await b.inputValue('#text'), 'Tab A wrote this later.');

  await reload(a);
  await reload(b);
  for (const page of [a, b]) {
    const docs = await docList(page);
    assert.deepEqual(docs.map((d) => d.name), ['Document 1', 'B’s document']);
    await switchTo(page, docs[0].id);
    assert.equal(await page.inputValue('#text'), 'Tab A wrote this later.');
    await switchTo(page, docs[1].id);
    assert.equal(await page.inputValue('#text'), 'Tab B has its own document.');
  }

  // A deletion in one tab is not undone by the other's next save.
  await switchTo(b, (await docList(b))[1].id);
  b.once('dialog', (d) => d.accept());
  await rendered(b, () => b.click('#doc-delete'));
  await a.waitForFunction(() => document.querySelectorAll('#doc-list button[data-id]').length === 1);
  await paste(a, 'Tab A after the deletion.');
  await saved(a);
  await reload(b);
  assert.deepEqual((await docList(b)).map((d) => d.name), ['Document 1']);
  assert.equal(await b.inputValue('#text'), 'Tab A after the deletion.');
  await b.close();
});

test('a tab holding an older version of a document takes the newer one instead of saving over it', async () => {
  const page = app.page;
  await paste(page, 'The version this tab holds.');
  await saved(page);
  const id = (await docList(page)).find((d) => d.selected).id;
  // Another tab's save that this one has not heard of (a tab's own writes
  // fire no storage event in it): the stored record is newer.
  const newer = await page.evaluate((id) => {
    const key = `newsmark:doc:${id}`;
    const rec = JSON.parse(localStorage.getItem(key));
    rec.v += 5;
    rec.doc = { ...rec.doc, text: 'A newer version saved elsewhere.', edits: { added: [], removed: [] } };
    localStorage.setItem(key, JSON.stringify(rec));
    return rec.v;
  }, id);
  // An edit here, on the older version: its save finds the newer one.
  await rendered(page, async () => {
    await editText(page);
    await page.keyboard.press('End');
    await page.keyboard.type('!');
  }, 'A newer version saved elsewhere.'.length);
  await saved(page);
  assert.equal(await page.inputValue('#text'), 'A newer version saved elsewhere.');
  await page.waitForSelector('#message:has-text("changed in another tab")');
  const rec = JSON.parse((await stored(page))[`newsmark:doc:${id}`]);
  assert.equal(rec.v, newer, 'nothing was written over the newer version');
  assert.equal(rec.doc.text, 'A newer version saved elsewhere.');
  await reload(page);
  assert.equal(await page.inputValue('#text'), 'A newer version saved elsewhere.');
});

test('an edit made just before a reload (within 100 ms) is there after it', async () => {
  const page = app.page;
  await paste(page, 'Typed just before the reload');
  await saved(page);
  // Typing, then a reload 50 ms later: well inside the 300 ms autosave delay.
  await editText(page);
  await page.keyboard.press('End');
  await page.keyboard.type('!');
  await page.waitForTimeout(50);
  await reload(page);
  assert.equal(await page.inputValue('#text'), 'Typed just before the reload!');

  // A hand label, then a reload at once.
  const text = 'Quilla Brandvold spoke.';
  await paste(page, text);
  await selectInView(page, 0, 'Quilla Brandvold'.length);
  await rendered(page, () => page.keyboard.press('p'));
  await reload(page);
  await page.waitForSelector('#view mark');
  const m = (await marks(page)).find((x) => x.start === 0);
  assert.deepEqual({ label: m?.label, end: m?.end, user: m?.user }, { label: 'PERSON', end: 16, user: true });
});

test('a stored document that cannot be read is set aside with a message; the rest of the workspace opens', async () => {
  const page = app.page;
  await paste(page, 'The good document.');
  await saved(page);
  const good = (await docList(page)).find((d) => d.selected).id;
  const bad = {
    'newsmark:doc:nulltext': JSON.stringify({ v: 1, doc: { id: 'nulltext', name: 'Null text', text: null, articleDate: null, edits: { added: [], removed: [] } } }),
    'newsmark:doc:badjson': '{"v": 2, "doc": {"id": "badjson", "name": "Cut off", "text": "abc',
    'newsmark:doc:outside': JSON.stringify({ v: 1, doc: { id: 'outside', name: 'Outside', text: 'abc', articleDate: null, edits: { added: [{ start: 0, end: 99, label: 'ORG' }], removed: [] } } }),
  };
  await page.evaluate(([bad, good]) => {
    for (const [k, v] of Object.entries(bad)) localStorage.setItem(k, v);
    const index = JSON.parse(localStorage.getItem('newsmark:index'));
    index.ids = ['nulltext', good, 'badjson', 'outside'];
    index.current = 'nulltext';
    localStorage.setItem('newsmark:index', JSON.stringify(index));
    sessionStorage.clear();
  }, [bad, good]);
  await reload(page);
  assert.deepEqual((await docList(page)).map((d) => d.id), [good]);
  assert.equal(await page.inputValue('#text'), 'The good document.');
  const message = await page.textContent('#message.error');
  assert.match(message, /3 saved documents could not be opened and were set aside/);
  assert.match(message, /nulltext: its text is null/);
  assert.match(message, /badjson: not JSON/);
  assert.match(message, /outside: an edit outside its text/);
  // The bad data is kept, under quarantine keys, exactly as it was.
  const after = await stored(page);
  for (const [key, raw] of Object.entries(bad)) {
    assert.equal(after[key], undefined, `${key} moved away`);
    const q = Object.entries(after).find(([k]) => k.startsWith(`newsmark:quarantine:${key.slice('newsmark:'.length)}:`));
    assert.ok(q, `${key} quarantined`);
    assert.equal(JSON.parse(q[1]).raw, raw);
  }
  // The next load is clean.
  await reload(page);
  assert.ok(await page.isHidden('#message.error'));
  assert.deepEqual((await docList(page)).map((d) => d.id), [good]);
});

test('a workspace of the old one-record format with a corrupt document: the others migrate, the bad one is set aside', async () => {
  const page = app.page;
  await saved(page);
  await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
  await page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('newsmark', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('state');
    req.onsuccess = () => {
      const tx = req.result.transaction('state', 'readwrite');
      tx.objectStore('state').put({
        docs: [
          { id: 'old-bad', name: 'Bad', text: null, articleDate: null, edits: { added: [], removed: [] } },
          { id: 'old-good', name: 'Good', text: 'Still here.', articleDate: null, edits: { added: [], removed: [] } },
        ],
        current: 'old-bad',
      }, 'workspace');
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  }));
  await reload(page);
  assert.deepEqual(await docList(page), [{ id: 'old-good', name: 'Good', selected: true }]);
  assert.equal(await page.inputValue('#text'), 'Still here.');
  assert.match(await page.textContent('#message.error'), /set aside/);
  const keys = Object.keys(await stored(page));
  assert.ok(keys.some((k) => k.startsWith('newsmark:quarantine:legacy-0:')), keys.join(' '));
  assert.ok(keys.includes('newsmark:doc:old-good'));
});

test('when the browser\'s storage is full the page says so, and the documents that fit are still saved', async () => {
  const page = app.page;
  await saved(page);
  // Fill the origin's storage, leaving room for a small document only.
  await page.evaluate(() => {
    const block = 'x'.repeat(256 * 1024);
    let i = 0;
    for (let size = block.length; size >= 1024; size = Math.floor(size / 2)) {
      try {
        for (;;) localStorage.setItem(`filler:${i++}`, block.slice(0, size));
      } catch {
        // full at this size: try smaller ones
      }
    }
    for (let k = 0; k < 4; k++) localStorage.removeItem(`filler:${--i}`);
  });
  const big = 'Too big to fit. '.repeat(64 * 1024);
  await paste(page, big);
  const bigId = (await docList(page)).find((d) => d.selected).id;
  await page.waitForSelector('#message.error:has-text("Could not save")');
  assert.equal(await page.getAttribute('body', 'data-saved'), 'false');
  await rendered(page, () => page.click('#doc-add'));
  await paste(page, 'Small enough.');
  await page.waitForTimeout(500);
  const keys = await stored(page);
  const small = (await docList(page)).find((d) => d.selected).id;
  assert.equal(JSON.parse(keys[`newsmark:doc:${small}`]).doc.text, 'Small enough.', 'the document that fits was saved');
  assert.notEqual(JSON.parse(keys[`newsmark:doc:${bigId}`] || '{"doc":{}}').doc.text, big);
  // Room again: the change kept in the page is saved with the next save.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler:')) localStorage.removeItem(k); });
  await paste(page, 'Small enough, and room again.');
  await saved(page);
  assert.equal(JSON.parse((await stored(page))[`newsmark:doc:${bigId}`]).doc.text, big);
});
