// The document list and imports (issue 14): documents as a list with their
// mark counts and a status the annotator sets, filtered by name and
// status; imports named after their files, into the open document or as
// new ones, one message line per file that failed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, marks, rendered, selectInView, saved, ready, importFiles, docList, switchTo, closeChecked } from './helpers.mjs';

// A wait that never ends fails the test instead of hanging the run.
const LIMIT = { timeout: 120000 };

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

const json = (name, value) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });
const spacy = (name, texts) => json(name, texts.map((t) => [t, { entities: [[0, t.indexOf(' '), 'LOC']] }]));
const rows = (page) => page.$$eval('#doc-list button[data-id]', (bs) => bs.map((b) => ({
  name: b.querySelector('.name').textContent, counts: b.querySelector('.counts').textContent, status: b.querySelector('.badge').textContent,
})));
const messageLines = async (page) => (await page.textContent('#message')).split('\n');

/** Picks `files` in the "Import into this document" picker; resolves to the import's detail. */
async function importInto(page, files) {
  await page.evaluate(() => {
    window.__nmImported = new Promise((resolve) => document.addEventListener('newsmark:imported', (e) => resolve(e.detail), { once: true }));
  });
  await page.setInputFiles('#import-into', files);
  return page.evaluate(() => window.__nmImported);
}

test('imported documents are named after their files: file (2) for the second of a file or a name taken', LIMIT, async () => {
  const { page } = app;
  let detail = await importFiles(page, [spacy('wire.spacy.json', ['Seoul is large.', 'Lima is old.']), json('notes.jsonl', '{"text":"Quito is high."}\n')]);
  assert.deepEqual(detail, { added: 3, errors: [] });
  detail = await importFiles(page, [json('notes.jsonl', '{"id":"Document 1","text":"Quito again."}\n')]);
  assert.deepEqual(detail, { added: 1, errors: [] });
  const names = (await docList(page)).map((d) => d.name);
  assert.deepEqual(names, ['Document 1', 'wire', 'wire (2)', 'notes', 'notes (2)']);
  assert.equal((await docList(page)).find((d) => d.selected).name, 'notes (2)');
  assert.equal(await page.inputValue('#text'), 'Quito again.');
  assert.match(await page.textContent('#message'), /^Imported 1 document from notes\.jsonl\.\nRead notes\.jsonl \(jsonl\): 1 document, 0 spans\.$/);
  // Each row counts the marks its document shows: the file's, once imported.
  const byName = Object.fromEntries((await rows(page)).map((r) => [r.name, r.counts]));
  assert.equal(byName.wire, '1 mark');
  assert.equal(byName['wire (2)'], '1 mark');
  // Each row is a button named by all it shows.
  assert.equal(await page.getAttribute('#doc-list button:has(.name:text-is("wire (2)"))', 'aria-label'), 'wire (2): 1 mark, To do');
  assert.match(await page.getAttribute('#doc-list button[aria-current="true"]', 'aria-label'), /^notes \(2\): \d+ marks?, To do \(open\)$/);
});

test('a bad file among good ones: one line names it and why, once, and the others come in', LIMIT, async () => {
  const { page } = app;
  const before = (await docList(page)).length;
  const detail = await importFiles(page, [
    json('good.json', { text: 'Lee Tae-woo met Kim in Busan.', spans: [{ start: 0, end: 11, label: 'PERSON' }] }),
    json('broken.json', '{"text": "abc", "spans": ['),
    json('label.json', { text: 'abc', spans: [{ start: 0, end: 3, label: 'WIDGET' }] }),
    { name: 'alone.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tLOC 0 5\tSEOUL\n') },
  ]);
  assert.equal(detail.added, 1);
  assert.equal(detail.errors.length, 3);
  assert.equal((await docList(page)).length, before + 1);
  assert.ok(await page.isVisible('#message.error'));
  const lines = await messageLines(page);
  assert.equal(lines[0], 'Imported 1 document from good.json.');
  assert.equal(lines[1], 'Read good.json (json): 1 document, 1 span.');
  assert.equal(lines.length, 5, lines.join('\n'));
  for (const [line, file, why] of [[lines[2], 'broken.json', /not valid JSON/], [lines[3], 'label.json', /WIDGET/], [lines[4], 'alone.ann', /alone\.txt/]]) {
    assert.ok(line.startsWith(`${file} was not imported: `), line);
    assert.match(line, why);
    assert.equal(line.split(file).length - 1, 1, `the file is named once: ${line}`);
  }
  // The good one is open with its mark.
  await page.waitForSelector('#view mark');
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.label]), [['Lee Tae-woo', 'PERSON']]);
});

test('import into this document replaces its text and marks as one undoable step; several documents are refused', LIMIT, async () => {
  const { page } = app;
  await rendered(page, () => page.click('#doc-add'));
  const text = 'Ms. Quilla Brandvold spoke in Lima on Tuesday.';
  await paste(page, text);
  const s = text.indexOf('Quilla');
  await selectInView(page, s, s + 'Quilla Brandvold'.length);
  await rendered(page, () => page.keyboard.press('m'));
  const mine = await marks(page);
  assert.ok(mine.some((m) => m.text === 'Quilla Brandvold' && m.label === 'MISC' && m.user));
  const listBefore = await docList(page);
  const open = listBefore.find((d) => d.selected);

  // A file of two documents cannot go into one: nothing changes.
  let detail = await importInto(page, [spacy('two.spacy.json', ['Seoul is large.', 'Lima is old.'])]);
  assert.deepEqual(detail, { added: 0, replaced: false, errors: [] });
  assert.match(await page.textContent('#message'), /a document takes one/);
  assert.deepEqual(await docList(page), listBefore);
  assert.equal(await page.inputValue('#text'), text);
  assert.deepEqual(await marks(page), mine);

  // One document: its text and marks take this one's place, name kept.
  const file = spacy('seoul.spacy.json', ['Seoul hosted the summit.']);
  const shown = await rendered(page, async () => { detail = await importInto(page, [file]); });
  assert.deepEqual(detail, { added: 0, replaced: true, errors: [] });
  assert.equal(shown.chars, 'Seoul hosted the summit.'.length);
  assert.equal(await page.inputValue('#text'), 'Seoul hosted the summit.');
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.label]), [['Seoul', 'LOC']]);
  assert.deepEqual((await docList(page)).map((d) => d.name), listBefore.map((d) => d.name), 'no document added, none renamed');
  assert.equal((await docList(page)).find((d) => d.selected).id, open.id);
  assert.match(await page.textContent('#message'), /Undo brings them back/);

  // One undo brings back the text and the hand edit; redo the import.
  await rendered(page, () => page.click('#undo'));
  assert.equal(await page.inputValue('#text'), text);
  assert.deepEqual(await marks(page), mine);
  await rendered(page, () => page.click('#redo'));
  assert.equal(await page.inputValue('#text'), 'Seoul hosted the summit.');
  await rendered(page, () => page.click('#undo'));
  assert.deepEqual(await marks(page), mine);

  // A brat pair is one document: picked together, it goes in too.
  const pair = [
    { name: 'pair.txt', mimeType: 'text/plain', buffer: Buffer.from('Lee Tae-woo paid US$455 million.') },
    { name: 'pair.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tPERSON 0 11\tLee Tae-woo\n') },
  ];
  await rendered(page, async () => { detail = await importInto(page, pair); });
  assert.deepEqual(detail, { added: 0, replaced: true, errors: [] });
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.label]), [['Lee Tae-woo', 'PERSON']]);
  await rendered(page, () => page.keyboard.press('Control+z'));
  assert.equal(await page.inputValue('#text'), text);
  assert.deepEqual(await marks(page), mine);
});

test('status and filter: set by the annotator, filtered by status and name, by keyboard; kept through a reload', LIMIT, async () => {
  const { page } = app;
  const open = (await docList(page)).find((d) => d.selected);
  // Status of the open document, from the keyboard.
  await page.focus('#doc-status');
  await page.keyboard.press('ArrowDown'); // In progress
  await page.waitForFunction((id) => document.querySelector(`#doc-list button[data-id="${id}"] .badge`).textContent === 'In progress', open.id);
  // Another one done: open it from the list by keyboard (Up, Enter).
  await page.focus(`#doc-list button[data-id="${open.id}"]`);
  await page.keyboard.press('ArrowUp');
  const other = await page.evaluate(() => document.activeElement.dataset.id);
  assert.notEqual(other, open.id);
  await rendered(page, () => page.keyboard.press('Enter'));
  assert.equal((await docList(page)).find((d) => d.selected).id, other);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), other, 'the focus stays on the row');
  await page.selectOption('#doc-status', 'done');

  const all = await docList(page);
  await page.selectOption('#doc-filter-status', 'done');
  assert.deepEqual((await docList(page)).map((d) => d.id), [other]);
  assert.match(await page.textContent('#doc-shown'), new RegExp(`^1 of ${all.length} documents shown$`));
  await page.selectOption('#doc-filter-status', 'todo');
  assert.deepEqual((await docList(page)).map((d) => d.id), all.filter((d) => d.id !== other && d.id !== open.id).map((d) => d.id));
  await page.selectOption('#doc-filter-status', '');
  await page.fill('#doc-filter', 'WIRE');
  assert.deepEqual((await docList(page)).map((d) => d.name), ['wire', 'wire (2)']);
  await page.fill('#doc-filter', 'nothing like it');
  assert.deepEqual(await docList(page), []);
  assert.match(await page.textContent('#doc-shown'), /No document matches/);
  await page.fill('#doc-filter', '');
  assert.equal((await docList(page)).length, all.length);

  // Reloaded, each keeps its status, and a document not open its count.
  const before = await rows(page);
  await saved(page);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#doc-list button[aria-current="true"]');
  assert.deepEqual(await rows(page), before);
  const statuses = Object.fromEntries((await rows(page)).map((r, i) => [all[i].id, r.status]));
  assert.equal(statuses[open.id], 'In progress');
  assert.equal(statuses[other], 'Done');
  assert.equal(Object.values(statuses).filter((s) => s === 'To do').length, all.length - 2);
});

test('a workspace saved before statuses and counts loads as it was: to do, not annotated yet; counting writes no new version', LIMIT, async () => {
  const { page } = app;
  const doc = (id, name, text) => ({ id, name, text, articleDate: null, edits: { added: [], removed: [] } });
  await saved(page);
  await page.evaluate(([a, b]) => {
    localStorage.clear();
    sessionStorage.clear();
    localStorage.setItem(`newsmark:doc:${a.id}`, JSON.stringify({ v: 3, doc: a }));
    localStorage.setItem(`newsmark:doc:${b.id}`, JSON.stringify({ v: 1, doc: b }));
    localStorage.setItem('newsmark:index', JSON.stringify({ format: 2, ids: [a.id, b.id], current: a.id }));
  }, [doc('old-a', 'Old A', 'Lee Tae-woo visited Seoul.'), doc('old-b', 'Old B', 'Nothing here.')]);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#view mark');
  assert.deepEqual(await docList(page), [{ id: 'old-a', name: 'Old A', selected: true }, { id: 'old-b', name: 'Old B', selected: false }]);
  const r = await rows(page);
  assert.deepEqual(r.map((x) => x.status), ['To do', 'To do']);
  assert.match(r[0].counts, /^\d+ marks?$/);
  assert.equal(r[1].counts, 'not annotated yet');
  await switchTo(page, 'old-b');
  assert.equal((await rows(page))[1].counts, '0 marks');
  // Counting a document's marks writes no new version of it (a tab that
  // only looks must not overrule one that edits): the counts have a key
  // of their own.
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('newsmark:marks') || '{}')['old-b'] === 0);
  const stored = await page.evaluate(() => [localStorage.getItem('newsmark:doc:old-a'), localStorage.getItem('newsmark:doc:old-b')].map((r) => JSON.parse(r)));
  assert.deepEqual(stored.map((r) => [r.v, Object.keys(r.doc).sort().join(',')]), [[3, 'articleDate,edits,id,name,text'], [1, 'articleDate,edits,id,name,text']]);
});
