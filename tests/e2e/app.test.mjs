// The page as a person uses it: seeds, editing, undo, documents, autosave,
// hostile input, and what it asks of the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, close, paste, marks, rendered, selectInView, saved, seed, foreignRequests, importFiles, docList, switchTo, ready, ORIGIN, closeChecked, editText } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

const find = (ms, text, label) => ms.find((m) => m.text === text && (!label || m.label === label));

test('the Yonhap seed gets its amounts, dates and names, with values', async () => {
  const { page } = app;
  await paste(page, seed('000_'));
  const ms = await marks(page);
  const money = find(ms, 'US$455 million', 'MONEY');
  assert.ok(money, 'MONEY US$455 million');
  assert.equal(money.value, '455,000,000 USD (more than)');
  assert.equal(find(ms, '$20.5 million', 'MONEY')?.value, '20,500,000 USD (some)');
  assert.equal(find(ms, 'Tuesday', 'DATE')?.value, '2022-08-09', 'Tuesday resolves against the article date');
  assert.ok(find(ms, 'Jung Pak', 'PERSON'), 'PERSON Jung Pak');
  assert.ok(find(ms, 'Lazarus Group', 'ORG'), 'ORG Lazarus Group');
  // The article date is shown as detected: the date line or the dateline
  // (both are the article's own, see GUIDELINES.md).
  assert.ok(['2022-08-10', '2022-08-09'].includes(await page.inputValue('#article-date')));
  assert.match(await page.textContent('#date-source'), /Detected/);
  // The value shows in the side panel of a clicked mark.
  await page.click('#view mark[data-label="MONEY"]:text-is("US$455 million")');
  assert.equal(await page.textContent('#panel-value'), '455,000,000 USD (more than)');
  // The legend counts marks per label; the entity list groups them.
  const moneyCount = Number(await page.textContent('#legend li:has(code:text-is("MONEY")) .count'));
  assert.equal(moneyCount, ms.filter((m) => m.label === 'MONEY').length);
  assert.ok(await page.isVisible('#entities button:has-text("Lazarus Group")'));
});

test('the rewrite seed without a date line keeps relative dates unresolved, until a date is set', async () => {
  const { page } = app;
  await paste(page, seed('002_'));
  let ms = await marks(page);
  assert.equal(find(ms, '$7 billion', 'MONEY')?.value, '7,000,000,000 USD (more than)');
  assert.equal(find(ms, 'Tuesday', 'DATE')?.value, 'XXXX-WXX-2');
  assert.equal(await page.inputValue('#article-date'), '');
  // Setting the article date re-resolves relative dates.
  await rendered(page, () => page.fill('#article-date', '2022-08-10'));
  ms = await marks(page);
  assert.equal(find(ms, 'Tuesday', 'DATE')?.value, '2022-08-09');
  assert.match(await page.textContent('#date-source'), /Set by you/);
});

test('a label toggle hides its marks and the entity list steps through mentions', async () => {
  const { page } = app;
  await paste(page, seed('000_'));
  const before = await marks(page);
  await page.uncheck('#show-LOC');
  const hidden = await marks(page);
  assert.equal(hidden.filter((m) => m.label === 'LOC').length, 0);
  assert.equal(hidden.length, before.length - before.filter((m) => m.label === 'LOC').length);
  await page.check('#show-LOC');
  const us = before.filter((m) => m.text === 'U.S.' && m.label === 'LOC');
  assert.ok(us.length >= 2, 'several U.S. mentions');
  const button = page.locator('#entities button[aria-label^="U.S., Place,"]');
  await button.click();
  const first = await page.$eval('#view mark.current', (m) => Number(m.dataset.start));
  await button.click();
  const second = await page.$eval('#view mark.current', (m) => Number(m.dataset.start));
  assert.equal(first, us[0].start);
  assert.equal(second, us[1].start);
});

const EDIT_TEXT = 'Wilbur Quarnstrom visited Zembla in 1999. Later Wilbur Quarnstrom went home to Zembla.';

/**
 * Pastes EDIT_TEXT and marks its first `Zembla` by hand (select it, press
 * `l`). Returns its range and `markAt(start, end)`, the mark on screen there.
 */
async function pasteAndMarkZembla(page) {
  await paste(page, EDIT_TEXT);
  const at = EDIT_TEXT.indexOf('Zembla');
  const end = at + 'Zembla'.length;
  const markAt = async (s, e) => (await marks(page)).find((m) => m.start === s && m.end === e);
  await selectInView(page, at, end);
  await rendered(page, () => page.keyboard.press('l'));
  return { at, end, markAt };
}

test('Ctrl+Z in the text box undoes the page\'s last step and never empties the article or drops hand edits', async () => {
  const { page } = app;
  const { at, end, markAt } = await pasteAndMarkZembla(page);
  assert.equal((await markAt(at, end))?.label, 'LOC');

  // Type at the end of the article, then undo from inside the text box:
  // the typing goes, the article and the hand mark stay.
  await editText(page);
  await page.keyboard.press('Control+End');
  await rendered(page, () => page.keyboard.type(' Seoul'), EDIT_TEXT.length + 6);
  await rendered(page, () => page.keyboard.press('Control+z'), EDIT_TEXT.length);
  assert.equal(await page.inputValue('#text'), EDIT_TEXT);
  assert.equal((await markAt(at, end))?.label, 'LOC');
  // Again: the hand mark goes (the model's own mark, if any, is back), the article stays.
  await editText(page);
  await rendered(page, () => page.keyboard.press('Control+z'), EDIT_TEXT.length);
  assert.equal(await page.inputValue('#text'), EDIT_TEXT);
  assert.ok(!(await markAt(at, end))?.user, 'the hand mark was undone');
  // Redo, by both keys, brings the mark and then the typing back.
  await editText(page);
  await rendered(page, () => page.keyboard.press('Control+Shift+Z'), EDIT_TEXT.length);
  assert.equal((await markAt(at, end))?.label, 'LOC');
  await editText(page);
  await rendered(page, () => page.keyboard.press('Control+y'), EDIT_TEXT.length + 6);
  assert.equal(await page.inputValue('#text'), `${EDIT_TEXT} Seoul`);
  assert.equal((await markAt(at, end))?.label, 'LOC');
  // Escape ends the text mode: the marked article shows in its place, with the focus.
  await page.keyboard.press('Escape');
  assert.ok(await page.isHidden('#text'));
  assert.ok(await page.isVisible('#view'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'view');
});

test('add, relabel, delete, label all, undo and redo', async () => {
  const { page } = app;
  // Add: select, press the shortcut.
  const { at, end, markAt } = await pasteAndMarkZembla(page);
  assert.deepEqual(await markAt(at, end), { start: at, end, label: 'LOC', text: 'Zembla', value: null, user: true });

  // Relabel: click the mark, pick another label.
  await page.click(`#view mark[data-start="${at}"]`);
  await rendered(page, () => page.selectOption('#panel-label', 'ORG'));
  assert.equal((await markAt(at, end)).label, 'ORG');

  // Delete: from the panel.
  await page.click(`#view mark[data-start="${at}"]`);
  await rendered(page, () => page.click('#panel-delete'));
  assert.equal(await markAt(at, end), undefined);

  // Undo brings the ORG back, undo again the LOC; redo the ORG (keyboard).
  await page.focus('#view');
  await rendered(page, () => page.keyboard.press('Control+z'));
  assert.equal((await markAt(at, end))?.label, 'ORG');
  await rendered(page, () => page.click('#undo'));
  assert.equal((await markAt(at, end))?.label, 'LOC');
  await page.focus('#view');
  await rendered(page, () => page.keyboard.press('Control+Shift+Z'));
  assert.equal((await markAt(at, end))?.label, 'ORG');

  // Label all occurrences of a name from one labeled mention.
  const name = 'Wilbur Quarnstrom';
  const first = EDIT_TEXT.indexOf(name);
  const second = EDIT_TEXT.indexOf(name, first + 1);
  await selectInView(page, first, first + name.length);
  await rendered(page, () => page.click('#label-buttons button[data-label="PERSON"]'));
  await page.click(`#view mark[data-start="${first}"]`);
  await rendered(page, () => page.click('#panel-label-all'));
  for (const s of [first, second]) {
    const m = await markAt(s, s + name.length);
    assert.equal(m?.label, 'PERSON', `mention at ${s}`);
    assert.equal(m.user, true);
  }

  // Edit a value.
  const year = EDIT_TEXT.indexOf('1999');
  await selectInView(page, year, year + 4);
  await rendered(page, () => page.keyboard.press('d'));
  await page.click(`#view mark[data-start="${year}"]`);
  await page.fill('#value-date-timex', '1999');
  await rendered(page, () => page.click('#panel-value-save'));
  assert.equal((await markAt(year, year + 4)).value, '1999');
  // A value that is no date is refused in words, and nothing changes: the
  // core checks it before the page applies it (tests/e2e/values.test.mjs
  // tries every editor).
  await page.click(`#view mark[data-start="${year}"]`);
  await page.fill('#value-date-timex', 'lots');
  await page.click('#panel-value-save');
  await page.waitForSelector('#message.error:has-text("“lots” is not a year")');
  assert.match(await page.textContent('#message'), /not saved/);
  assert.equal((await markAt(year, year + 4)).value, '1999');

  // User edits survive typing elsewhere, shifted.
  await rendered(page, async () => {
    await editText(page);
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Hi. ');
  }, EDIT_TEXT.length + 4);
  const ms = await marks(page);
  assert.equal(ms.find((m) => m.start === at + 4)?.label, 'ORG');
  assert.equal(ms.find((m) => m.start === second + 4)?.label, 'PERSON');
});

test('documents: add, rename, switch, delete with confirmation; autosave survives a reload', async () => {
  const { page } = app;
  await paste(page, EDIT_TEXT);
  const firstId = (await docList(page)).find((d) => d.selected).id;
  await selectInView(page, 0, 6);
  await rendered(page, () => page.keyboard.press('p'));
  await rendered(page, () => page.click('#doc-add'));
  assert.equal(await page.inputValue('#text'), '');
  await paste(page, 'Second document about Paris.');
  app.onDialog = (d) => d.accept('My “second” <b>doc</b>');
  await page.click('#doc-rename');
  let docs = await docList(page);
  assert.equal(docs.length, 2);
  assert.equal(docs.find((d) => d.selected).name, 'My “second” <b>doc</b>');
  await saved(page);

  await page.reload();
  await ready(page);
  await page.waitForSelector('#view mark');
  docs = await docList(page);
  assert.deepEqual(docs.map((d) => d.name).slice(-1), ['My “second” <b>doc</b>']);
  assert.equal(await page.inputValue('#text'), 'Second document about Paris.');
  await switchTo(page, firstId);
  assert.equal(await page.inputValue('#text'), EDIT_TEXT);
  const m = (await marks(page)).find((x) => x.start === 0 && x.end === 6);
  assert.equal(m?.label, 'PERSON');
  assert.equal(m.user, true);

  // Delete asks first; dismissing keeps the document.
  app.onDialog = (d) => d.dismiss();
  await page.click('#doc-delete');
  assert.equal((await docList(page)).length, 2);
  app.onDialog = (d) => d.accept();
  await rendered(page, () => page.click('#doc-delete'));
  docs = await docList(page);
  assert.equal(docs.length, 1);
  assert.ok(!docs.some((d) => d.id === firstId));
  app.onDialog = null;
});

test('an XSS payload shows as text and runs nothing', async () => {
  const { page } = app;
  const before = app.dialogs.length;
  const payload = 'Hello <img src=x onerror=alert(1)> and <script>alert(2)</script> <b onmouseover=alert(3)>Bold</b> from Seoul.';
  await paste(page, payload);
  const start = payload.indexOf('<img');
  await selectInView(page, start, start + '<img src=x onerror=alert(1)>'.length);
  await rendered(page, () => page.keyboard.press('m'));
  await page.waitForTimeout(300);
  assert.equal(await page.textContent('#view'), payload);
  assert.equal(await page.$$eval('#view img, #view script, #view b', (els) => els.length), 0);
  assert.equal((await marks(page)).find((m) => m.start === start)?.text, '<img src=x onerror=alert(1)>');
  assert.equal(app.dialogs.length, before, 'no alert ran');
  assert.ok(!app.requests.some((u) => u.endsWith('/x')), 'the image was never fetched');
});

test('malformed or unsupported imports show an error and change nothing', async () => {
  const { page } = app;
  await paste(page, seed('000_'));
  const docsBefore = await docList(page);
  const marksBefore = await marks(page);
  const cases = [
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"text": "abc", "spans": [') },
    { name: 'offsets.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"text":"abc","spans":[{"start":0,"end":3,"label":"ORG"}]}\n{"text":"abc","spans":[{"start":2,"end":9,"label":"ORG"}]}\n') },
    { name: 'label.json', mimeType: 'application/json', buffer: Buffer.from('{"text":"abc","spans":[{"start":0,"end":3,"label":"WIDGET"}]}') },
    { name: 'sheet.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 3, 4, 0, 0]) },
  ];
  for (const file of cases) {
    const detail = await importFiles(page, [file]);
    assert.equal(detail.added, 0, file.name);
    assert.equal(detail.errors.length, 1, file.name);
    assert.ok(await page.isVisible('#message.error'), `${file.name}: an error shows`);
    assert.match(await page.textContent('#message'), new RegExp(file.name.replace('.', '\\.')));
  }
  assert.deepEqual(await docList(page), docsBefore);
  assert.deepEqual(await marks(page), marksBefore);
  assert.equal(await page.inputValue('#text'), seed('000_'));
});

test('files picked together: a brat pair is one document, and a bad file among them is named while the others come in', async () => {
  // Issue 14 changed this: a bad file used to stop them all; now each file
  // is read on its own (a brat pair together), and the bad one is named.
  const { page } = app;
  const docsBefore = await docList(page);
  const text = 'Lee Tae-woo paid US$455 million.';
  const pair = [
    { name: 'pair.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'pair.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tPERSON 0 11\tLee Tae-woo\n') },
  ];
  const broken = { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"text": "abc", "spans": [') };
  const detail = await importFiles(page, [...pair, broken]);
  assert.equal(detail.added, 1);
  assert.equal(detail.errors.length, 1);
  assert.match(detail.errors[0], /^broken\.json: /);
  const docs = await docList(page);
  assert.equal(docs.length, docsBefore.length + 1);
  assert.equal(docs.find((d) => d.selected).name, 'pair');
  await page.waitForSelector('#view mark');
  assert.equal(await page.inputValue('#text'), text);
  const lee = (await marks(page)).find((m) => m.start === 0);
  assert.equal(lee?.label, 'PERSON');
  assert.equal(lee.end, 11);
  // Clean up.
  app.onDialog = (d) => d.accept();
  await rendered(page, () => page.click('#doc-delete'));
  app.onDialog = null;
  assert.deepEqual((await docList(page)).map((d) => d.id), docsBefore.map((d) => d.id));
});

test('a file dropped on the page is imported', async () => {
  const { page } = app;
  const before = (await docList(page)).length;
  await page.evaluate(() => {
    window.__nmImported = new Promise((resolve) => document.addEventListener('newsmark:imported', (e) => resolve(e.detail), { once: true }));
    const dt = new DataTransfer();
    dt.items.add(new File(['Dropped text about Seoul, 3 p.m. Tuesday.'], 'dropped.txt', { type: 'text/plain' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  });
  const detail = await page.evaluate(() => window.__nmImported);
  assert.equal(detail.added, 1);
  const docs = await docList(page);
  assert.equal(docs.length, before + 1);
  // Named after its file, without the ending (issue 14; it was `dropped.txt`).
  assert.equal(docs.find((d) => d.selected).name, 'dropped');
  assert.equal(await page.inputValue('#text'), 'Dropped text about Seoul, 3 p.m. Tuesday.');
  assert.ok(await page.isHidden('#drop'));
});

// Issue 14 changed this test: label keys no longer act in the text box
// (Alt+P there labeled the text box's selection); the selection is made
// in the marked view, by keys, a token at a time.
test('labeling works by keyboard alone: select in the marked view by token, then the label key', async () => {
  const { page } = app;
  const text = 'Ms. Quilla Brandvold spoke.';
  await paste(page, text);
  const s = text.indexOf('Quilla');
  const e = s + 'Quilla Brandvold'.length;
  await editText(page);
  // Escape leaves the text box for the marked view, one tab stop.
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.getElementById('view').contains(document.activeElement)), true);
  await page.keyboard.press('Home');
  // Ctrl+→ selects a token; from the first mark (or the text's start) on to Quilla.
  for (let i = 0; i < 6; i++) {
    const was = await page.evaluate(() => String(getSelection()));
    if (was === 'Quilla') break;
    await page.keyboard.press('Control+ArrowRight');
    // The first move waits for the tokens (a worker round trip).
    await page.waitForFunction((w) => String(getSelection()) !== w, was);
  }
  assert.equal(await page.evaluate(() => String(getSelection())), 'Quilla');
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForFunction(() => String(getSelection()) === 'Quilla Brandvold');
  await rendered(page, () => page.keyboard.press('p'));
  const m = (await marks(page)).find((x) => x.start === s && x.end === e);
  assert.equal(m?.label, 'PERSON');
  assert.equal(m.user, true);
  // The focus is on the new mark; Delete removes it, and the focus stays in the view.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.start), String(s));
  await rendered(page, () => page.keyboard.press('Delete'));
  assert.equal((await marks(page)).find((x) => x.start === s && x.end === e && x.user), undefined);
  assert.equal(await page.evaluate(() => document.getElementById('view').contains(document.activeElement)), true);
});

test('fits a phone screen and follows a dark color scheme', async () => {
  const { page } = app;
  await page.setViewportSize({ width: 390, height: 844 });
  // A document of its own: the one open may be an import, which shows only its file's marks.
  await rendered(page, () => page.click('#doc-add'));
  await paste(page, seed('000_'));
  // Measured after the next frame, once the new width is laid out; the
  // message names what sticks out, so a failure says where to look.
  const layout = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} right ${Math.round(el.getBoundingClientRect().right)}`);
    resolve({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      wide: wide.slice(0, 5),
      side: document.querySelector('.side').getBoundingClientRect().top,
      view: document.querySelector('#view').getBoundingClientRect().bottom,
    });
  }))));
  assert.ok(layout.overflow <= 0, `${layout.overflow} px wider than the phone: ${layout.wide.join(', ')}`);
  assert.ok(layout.side >= layout.view - 1, `the side panels go below the text on a phone (side top ${layout.side}, view bottom ${layout.view})`);
  // The label bar is in reach wherever the text is scrolled to, and a
  // tapped mark opens its panel as a sheet with the mark in sight above it.
  const inScreen = (r, h) => r.top >= 0 && r.bottom <= h + 0.5;
  const ms = await marks(page);
  const far = ms[Math.floor(ms.length * 0.8)];
  for (const y of [0, 2000]) {
    await page.evaluate((y) => window.scrollTo(0, y), y);
    const bar = await page.$eval('#label-buttons button[data-label="PERSON"]', (b) => b.getBoundingClientRect());
    assert.ok(inScreen(bar, 844), `the label buttons are on screen at scroll ${y}: ${JSON.stringify(bar)}`);
  }
  await page.click(`#view mark[data-start="${far.start}"]`);
  const sheet = await page.$eval('#panel', (p) => p.getBoundingClientRect());
  const mark = await page.$eval(`#view mark[data-start="${far.start}"]`, (m) => m.getBoundingClientRect());
  const bar = await page.$eval('#label-bar', (b) => b.getBoundingClientRect());
  assert.ok(inScreen(sheet, 844) && sheet.height > 50, `the panel is on screen as a sheet: ${JSON.stringify(sheet)}`);
  assert.ok(sheet.bottom <= bar.top + 1, 'the sheet sits above the label bar');
  assert.ok(mark.top >= 0 && mark.bottom <= sheet.top, `the mark stays in sight above the sheet: mark ${JSON.stringify(mark)}, sheet top ${sheet.top}`);
  assert.equal(await page.textContent('#panel-text'), far.text);
  await page.click('#panel-close');
  assert.ok(await page.isHidden('#panel'));
  const background = async (colorScheme) => {
    await page.emulateMedia({ colorScheme });
    return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  };
  const dark = await background('dark');
  const light = await background('light');
  assert.notEqual(dark, light, 'the dark scheme has a background of its own');
  assert.equal(light, 'rgb(255, 255, 255)');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('every request stays on the page\'s own origin', async () => {
  assert.ok(app.requests.length > 0);
  assert.ok(app.requests.some((u) => u.endsWith('.wasm')), 'the module was fetched');
  assert.deepEqual(foreignRequests(app), [], `requests outside ${ORIGIN}`);
  // The CSP is there.
  const csp = await app.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /'wasm-unsafe-eval'/);
});

test('a workspace saved before ids were UUIDs loads as it was; new documents get UUIDs', async () => {
  const { page } = app;
  const text = 'Ms. Quilla Brandvold met Lee in Seoul.';
  const s = text.indexOf('Quilla');
  const old = {
    docs: [
      { id: 'dmk2x9z1ab', name: 'Old one', text, articleDate: '2021-09-14', edits: { added: [{ start: s, end: s + 'Quilla Brandvold'.length, label: 'MISC' }], removed: [] } },
      { id: 'dmk2x9z2cd', name: 'Old two', text: 'Nothing here.', articleDate: null, edits: { added: [], removed: [] } },
    ],
    current: 'dmk2x9z1ab',
  };
  // Written as store.js wrote it before documents had keys of their own:
  // one record under one key of IndexedDB, in a browser that holds nothing
  // of today's store (cleared after the page's own autosave, which would
  // be read first otherwise). The page migrates it on load.
  await saved(page);
  await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
  await page.evaluate((workspace) => new Promise((resolve, reject) => {
    const req = indexedDB.open('newsmark', 1);
    req.onsuccess = () => {
      const tx = req.result.transaction('state', 'readwrite');
      tx.objectStore('state').put(workspace, 'workspace');
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  }), old);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#view mark');
  assert.deepEqual(await docList(page), [
    { id: 'dmk2x9z1ab', name: 'Old one', selected: true },
    { id: 'dmk2x9z2cd', name: 'Old two', selected: false },
  ]);
  assert.equal(await page.inputValue('#text'), text);
  assert.equal(await page.inputValue('#article-date'), '2021-09-14');
  const m = (await marks(page)).find((x) => x.start === s);
  assert.deepEqual(m, { start: s, end: s + 'Quilla Brandvold'.length, label: 'MISC', text: 'Quilla Brandvold', value: null, user: true });

  await rendered(page, () => page.click('#doc-add'));
  const added = (await docList(page)).find((d) => d.selected);
  assert.equal(added.name, 'Document 3');
  assert.match(added.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
