// Imports reproduce their file (issue 12, point 8): an imported document
// shows exactly the file's spans; the recognizers' marks come only when the
// user asks for them (Suggest marks), and that is undoable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, marks, rendered, importFiles, saved, ready, closeChecked } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

const TEXT = 'SEOUL, Aug. 9 (Yonhap) -- Lee Tae-woo paid US$455 million on Tuesday.';
const shown = async (page) => (await marks(page)).map((m) => [m.text, m.label]);

test('a spaCy file with one LOC span comes in with exactly that span; Suggest marks adds the recognizers\'', async () => {
  const { page } = app;
  const file = { name: 'one.spacy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([[TEXT, { entities: [[0, 5, 'LOC']] }]])) };
  const detail = await importFiles(page, [file]);
  assert.deepEqual(detail, { added: 1, errors: [] });
  await page.waitForSelector('#view mark');
  // Let any re-annotation land.
  await page.waitForTimeout(300);
  assert.equal(await page.inputValue('#text'), TEXT);
  assert.deepEqual(await shown(page), [['SEOUL', 'LOC']]);
  assert.ok(await page.isVisible('#suggest'));

  // It stays so through a reload.
  await saved(page);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#view mark');
  await page.waitForTimeout(300);
  assert.deepEqual(await shown(page), [['SEOUL', 'LOC']]);

  // Asked for, the recognizers' marks come where the file had none; the
  // file's span stays as it was.
  await rendered(page, () => page.click('#suggest'));
  const suggested = await shown(page);
  assert.deepEqual(suggested[0], ['SEOUL', 'LOC']);
  for (const want of [['Lee Tae-woo', 'PERSON'], ['US$455 million', 'MONEY'], ['Tuesday', 'DATE']]) {
    assert.ok(suggested.some((m) => m[0] === want[0] && m[1] === want[1]), `${want.join(' ')} in ${JSON.stringify(suggested)}`);
  }
  assert.ok(await page.isHidden('#suggest'));
  // Undo takes them away again.
  await rendered(page, () => page.click('#undo'));
  assert.deepEqual(await shown(page), [['SEOUL', 'LOC']]);
  assert.ok(await page.isVisible('#suggest'));
});

test('a newsmark JSON file comes back with its spans, values and sources, and nothing more', async () => {
  const { page } = app;
  const text = 'Lee Tae-woo paid $5 on Aug. 9, 2022 in Seoul.';
  const cps = Array.from(text);
  const at = (s) => Array.from(text.slice(0, text.indexOf(s))).length;
  const spans = [
    { start: at('Lee'), end: at('Lee') + 11, label: 'PERSON', source: 'model' },
    { start: at('$5'), end: at('$5') + 2, label: 'MONEY', value: { amount: 5, currency: 'USD' }, source: 'rule' },
    { start: at('Seoul'), end: at('Seoul') + 5, label: 'ORG', source: 'user' },
  ];
  assert.equal(cps.slice(spans[2].start, spans[2].end).join(''), 'Seoul');
  const file = { name: 'doc.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ id: 'doc', text, spans })) };
  const detail = await importFiles(page, [file]);
  assert.deepEqual(detail, { added: 1, errors: [] });
  await page.waitForSelector('#view mark');
  await page.waitForTimeout(300);
  const ms = await marks(page);
  // The date the file did not mark stays unmarked; Seoul stays an ORG.
  assert.deepEqual(ms.map((m) => [m.text, m.label, m.user]), [['Lee Tae-woo', 'PERSON', false], ['$5', 'MONEY', false], ['Seoul', 'ORG', true]]);
  assert.equal(ms[1].value, '5 USD');
  await page.click('#view mark[data-label="MONEY"]');
  assert.equal(await page.textContent('#panel-source'), 'rule');
});

test('a brat pair whose .txt starts with a byte-order mark comes in with its spans where brat put them', async () => {
  const { page } = app;
  // brat counts the mark as character 0 (it reads the .txt with Python's
  // utf8 codec), so SEOUL is at 1..6 in the .ann; the page must hand the
  // core the mark for its one rule (issue 12, point 11).
  const txt = { name: 'bom.txt', mimeType: 'text/plain', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]) };
  const ann = { name: 'bom.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tLOC 1 6\tSEOUL\n') };
  const detail = await importFiles(page, [txt, ann]);
  assert.deepEqual(detail, { added: 1, errors: [] });
  await page.waitForSelector('#view mark');
  await page.waitForTimeout(300);
  assert.equal(await page.inputValue('#text'), TEXT);
  assert.deepEqual(await shown(page), [['SEOUL', 'LOC']]);
});

test('a Prodigy file: rejected and ignored examples stay out, and the message says how many', async () => {
  const { page } = app;
  const line = (text, answer, spans = []) => JSON.stringify({ text, spans, answer, _input_hash: text.length });
  const content = [
    line('Seoul is large.', 'accept', [{ start: 0, end: 5, label: 'LOC' }]),
    line('Lima is old.', 'reject', [{ start: 0, end: 4, label: 'PERSON' }]),
    line('Quito is high.', 'ignore'),
  ].join('\n');
  const file = { name: 'db-out.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(content) };
  const detail = await importFiles(page, [file]);
  assert.deepEqual(detail, { added: 1, errors: [] });
  await page.waitForSelector('#view mark');
  assert.equal(await page.inputValue('#text'), 'Seoul is large.');
  assert.deepEqual(await shown(page), [['Seoul', 'LOC']]);
  const message = await page.textContent('#message');
  assert.match(message, /Read db-out\.jsonl \(prodigy\): 1 document, 1 span, 2 skipped\./);
  assert.match(message, /db-out\.jsonl: 2 examples skipped: 1 answered "reject", 1 "ignore"/);
});

test('a file that is not UTF-8 text is refused with a message, and a .spacy that is not a DocBin says so', async () => {
  const { page } = app;
  const detail = await importFiles(page, [{ name: 'train.spacy', mimeType: 'application/octet-stream', buffer: Buffer.from([0x78, 0x9c, 1, 2, 3]) }]);
  assert.equal(detail.added, 0);
  assert.equal(detail.errors.length, 1);
  assert.match(detail.errors[0], /^train\.spacy: .*not zlib-compressed/);
});

test('a brat pair with Windows line ends: typing in its text keeps every mark, and E selects the mark\'s own text', async () => {
  const { page } = app;
  const text = 'Line one about Seoul.\r\nMoon Jae-in met Kim Jong-un in Pyongyang.\r\nSamsung paid.\r\n';
  const words = [['Seoul', 'LOC'], ['Moon Jae-in', 'PERSON'], ['Kim Jong-un', 'PERSON'], ['Pyongyang', 'LOC'], ['Samsung', 'ORG']];
  const ann = words.map(([w, l], k) => `T${k + 1}\t${l} ${text.indexOf(w)} ${text.indexOf(w) + w.length}\t${w}\n`).join('');
  const detail = await importFiles(page, [
    { name: 'crlf.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'crlf.ann', mimeType: 'text/plain', buffer: Buffer.from(ann) },
  ]);
  assert.equal(detail.added, 1);
  await page.waitForSelector('#view mark');
  assert.deepEqual(await shown(page), words);

  // E on a selected mark selects the same word in the text box.
  const at = text.indexOf('Pyongyang');
  await page.click(`#view mark[data-start="${at}"]`);
  await page.keyboard.press('e');
  await page.waitForSelector('#text:focus');
  assert.equal(await page.evaluate(() => { const t = document.getElementById('text'); return t.value.slice(t.selectionStart, t.selectionEnd); }), 'Pyongyang');

  // A letter typed at the end drops nothing; nor does a name typed right
  // before a mark that begins with the same letters.
  await page.evaluate(() => { const t = document.getElementById('text'); t.setSelectionRange(t.value.length, t.value.length); });
  await page.keyboard.type('X');
  await page.evaluate(() => { const t = document.getElementById('text'); const at = t.value.indexOf('Kim'); t.setSelectionRange(at, at); });
  await rendered(page, () => page.keyboard.type('Kim Yo-jong and ', { delay: 10 }));
  assert.equal(await page.inputValue('#text'), 'Line one about Seoul.\nMoon Jae-in met Kim Yo-jong and Kim Jong-un in Pyongyang.\nSamsung paid.\nX');
  assert.doesNotMatch(await page.textContent('#message'), /went with it/);
  await page.keyboard.press('Escape');
  const marked = (await marks(page)).filter((m) => m.user).map((m) => [m.text, m.label]);
  assert.deepEqual(marked, words);
});

test('a brat folder picked whole (documents, annotation.conf, visual.conf) comes in, and its labels join the label set in their colors', async () => {
  const { page } = app;
  const text = 'Rebels fired a Kornet at the convoy, Lee Tae-woo said.';
  const at = text.indexOf('Kornet');
  const files = [
    { name: 'a1.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'a1.ann', mimeType: 'text/plain', buffer: Buffer.from(`T1\tMissile ${at} ${at + 6}\tKornet\nT2\tPerson 37 48\tLee Tae-woo\n`) },
    { name: 'annotation.conf', mimeType: 'text/plain', buffer: Buffer.from('[entities]\nPerson\nMissile\n[relations]\n[events]\n[attributes]\n') },
    { name: 'visual.conf', mimeType: 'text/plain', buffer: Buffer.from('[labels]\nMissile | Missile\n[drawing]\nMissile\tbgColor:#12ab34\n') },
  ];
  const detail = await importFiles(page, files);
  assert.deepEqual(detail, { added: 1, errors: [] });
  const message = await page.textContent('#message');
  assert.match(message, /Read the label set annotation\.conf, visual\.conf: added Missile .*\(PERSON: newsmark's own labels\)/);
  await page.waitForSelector('#view mark');
  assert.deepEqual(await shown(page), [['Kornet', 'Missile'], ['Lee Tae-woo', 'PERSON']]);
  const color = await page.evaluate(() => JSON.parse(localStorage.getItem('newsmark:labels')).set.labels.find((l) => l.name === 'Missile')?.color);
  assert.equal(color, '#12ab34');
});
