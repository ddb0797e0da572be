// Every export format, downloaded from the page, imported back where the
// format can be, gives the same annotations; spaCy's offsets slice right in
// Python.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { open, paste, marks, rendered, selectInView, seed, importFiles, docList, switchTo, ORIGIN, closeChecked } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

// Offsets differ in every unit here: emoji, CJK, a combining accent, a flag.
const UNICODE_DOC = 'On Aug. 9 😀 José\u0301 Müller met Lee Tae-woo in 東京 🇰🇷 and paid $20.5 million, up 12.5%.';

/** Downloads the export of every document in `format`: `[{name, path, content}]`. */
async function exportAll(page, format) {
  await page.selectOption('#export-format', format);
  await page.selectOption('#export-scope', 'all');
  const files = [];
  const done = new Promise((resolve) => {
    const got = async (d) => {
      // Listed in the order the page gave them, whatever order the saves end in.
      const entry = { name: d.suggestedFilename(), path: path.join(app.downloads, `${format}-${d.suggestedFilename()}`) };
      files.push(entry);
      await d.saveAs(entry.path);
      entry.bytes = fs.readFileSync(entry.path);
      entry.content = entry.bytes.toString('utf8');
    };
    page.on('download', got);
    // brat writes two files per document; the others one.
    setTimeout(() => { page.off('download', got); resolve(); }, 1500);
  });
  await page.click('#export-download');
  await done;
  assert.ok(files.length > 0, `${format}: nothing downloaded`);
  assert.ok(files.every((f) => typeof f.content === 'string'), `${format}: a download did not finish`);
  return files;
}

const key = (m, withValue) => `${m.start}:${m.end}:${m.label}${withValue ? `:${m.value}` : ''}`;

let originals = []; // [{id, text, marks}]

test('two documents to export: a seed article and a Unicode-rich one with hand edits', async () => {
  const { page } = app;
  await paste(page, seed('000_'));
  // A hand edit, to check the source survives.
  const at = seed('000_').indexOf('cyberthreats');
  await selectInView(page, at, at + 'cyberthreats'.length);
  await rendered(page, () => page.keyboard.press('m'));
  await rendered(page, () => page.click('#doc-add'));
  await paste(page, UNICODE_DOC);
  const s = UNICODE_DOC.indexOf('José');
  await selectInView(page, s, s + 'José\u0301 Müller'.length);
  await rendered(page, () => page.keyboard.press('p'));
  const k = UNICODE_DOC.indexOf('東京');
  await selectInView(page, k, k + 2);
  await rendered(page, () => page.keyboard.press('l'));
  for (const d of await docList(page)) {
    await switchTo(page, d.id);
    originals.push({ id: d.id, text: await page.inputValue('#text'), marks: await marks(page) });
  }
  assert.equal(originals.length, 2);
  assert.ok(originals[1].marks.some((m) => m.text === 'José\u0301 Müller' && m.label === 'PERSON' && m.user));
});

const FORMATS = {
  json: { importable: true, values: true },
  jsonl: { importable: true, values: true },
  docbin: { importable: true, values: true },
  'spacy-json': { importable: true, values: false },
  'spacy-doc': { importable: true, values: false },
  prodigy: { importable: true, values: true },
  doccano: { importable: true, values: false },
  labelstudio: { importable: true, values: true },
  'labelstudio-config': { importable: false },
  brat: { importable: true, values: true },
  // Token formats: the text comes back rebuilt from the tokens (one space
  // apart), so the marks are compared by their text, spacing aside, and label.
  conll: { importable: true, values: false, rebuilt: true },
  conllu: { importable: true, values: false },
  hf: { importable: true, values: false, rebuilt: true },
  csv: { importable: false },
  text: { importable: true, textOnly: true },
};

test('the page offers every format of the core', async () => {
  const offered = await app.page.$$eval('#export-format option', (os) => os.map((o) => o.value));
  assert.deepEqual([...offered].sort(), Object.keys(FORMATS).sort());
});

test('the file picker offers what the core imports, and not the formats it refuses', async () => {
  const accept = (await app.page.getAttribute('#import-file', 'accept')).split(',');
  // Every importable format's file ending (the last part of spacy.json and
  // the like), brat's .ann (read with its .txt); no CSV, no XML config.
  assert.deepEqual([...accept].sort(), ['.ann', '.conll', '.conllu', '.json', '.jsonl', '.spacy', '.txt']);
  for (const refused of ['.csv', '.xml']) assert.ok(!accept.includes(refused), refused);
});

for (const [format, how] of Object.entries(FORMATS)) {
  test(`${format}: export${how.importable ? ' and import back' : ''}`, async () => {
    const { page } = app;
    assert.equal(originals.length, 2, 'needs the documents of the first test');
    const files = await exportAll(page, format);
    if (!how.importable) {
      for (const f of files) assert.ok(f.content.length > 0, f.name);
      return;
    }
    const before = (await docList(page)).map((d) => d.id);
    const detail = await importFiles(page, files.map((f) => f.path));
    assert.deepEqual(detail.errors, []);
    const imported = (await docList(page)).filter((d) => !before.includes(d.id));
    assert.equal(imported.length, 2, `${format}: two documents back`);
    for (const [i, d] of imported.entries()) {
      await switchTo(page, d.id);
      if (how.rebuilt) {
        const said = (ms) => ms.map((m) => `${m.text.replace(/\s+/g, '')}:${m.label}`);
        assert.deepEqual(said(await marks(page)), said(originals[i].marks), `${format}: marks of document ${i + 1}`);
        continue;
      }
      assert.equal(await page.inputValue('#text'), originals[i].text, `${format}: text of document ${i + 1}`);
      if (how.textOnly) continue;
      const got = (await marks(page)).map((m) => key(m, how.values));
      const want = originals[i].marks.map((m) => key(m, how.values));
      assert.deepEqual(got, want, `${format}: annotations of document ${i + 1}`);
      if (format === 'json' || format === 'jsonl') {
        // The hand edits are still the user's.
        const users = (ms) => ms.filter((m) => m.user).map((m) => key(m, true));
        assert.deepEqual(users(await marks(page)), users(originals[i].marks));
      }
    }
    // Clean up: delete the imported documents.
    app.onDialog = (dlg) => dlg.accept();
    for (const d of imported) {
      await switchTo(page, d.id);
      await rendered(page, () => page.click('#doc-delete'));
    }
    app.onDialog = null;
  });
}

test('spaCy offsets are code points: Python slicing gives the marked text', async () => {
  const [file] = await exportAll(app.page, 'spacy-json');
  const script = `
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
print(json.dumps([[[text[s:e], label] for s, e, label in ann["entities"]] for text, ann in data]))
`;
  const out = JSON.parse(execFileSync('python3', ['-c', script, file.path], { encoding: 'utf8' }));
  assert.equal(out.length, 2);
  for (const [i, doc] of out.entries()) {
    assert.deepEqual(doc, originals[i].marks.map((m) => [m.text, m.label]), `document ${i + 1}`);
  }
});

test('brat and CSV offsets are code points too', async () => {
  const brat = await exportAll(app.page, 'brat');
  const anns = brat.filter((f) => f.name.endsWith('.ann'));
  assert.equal(anns.length, 2);
  for (const ann of anns) {
    const txt = brat.find((f) => f.name === ann.name.replace(/\.ann$/, '.txt'));
    const cps = Array.from(txt.content);
    const i = originals.findIndex((o) => o.text === txt.content);
    assert.ok(i >= 0, `${txt.name} holds one of the texts`);
    const spans = ann.content.split('\n').filter((l) => /^T\d+\t/.test(l)).map((l) => {
      const [, head, text] = l.split('\t');
      const [label, s, e] = head.split(' ');
      return [cps.slice(Number(s), Number(e)).join(''), text, label];
    });
    assert.deepEqual(spans.map(([sliced, , label]) => [sliced, label]), originals[i].marks.map((m) => [m.text, m.label]));
    for (const [sliced, text] of spans) assert.equal(sliced, text);
  }
  const [csv] = await exportAll(app.page, 'csv');
  assert.match(csv.content.split('\n')[0], /start/);
  const conll = (await exportAll(app.page, 'conll'))[0];
  assert.match(conll.content, /\tB-PERSON/);
});

test('copy puts the export of the current document on the clipboard', async () => {
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await switchTo(page, originals[1].id);
  await page.selectOption('#export-format', 'jsonl');
  await page.selectOption('#export-scope', 'one');
  await page.click('#export-copy');
  await page.waitForSelector('#message:has-text("Copied")');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.trim().split('\n');
  assert.equal(lines.length, 1);
  const rec = JSON.parse(lines[0]);
  assert.equal(rec.text, originals[1].text);
  // Code points in the file; the page's marks are UTF-16.
  const cps = Array.from(rec.text);
  assert.deepEqual(rec.spans.map((s) => [cps.slice(s.start, s.end).join(''), s.label]), originals[1].marks.map((m) => [m.text, m.label]));
  assert.ok(rec.spans.some((s) => s.source === 'user'));
});

test('a DocBin downloads as bytes (zlib data), and copy refuses it with a message', async () => {
  const { page, context } = app;
  const [file] = await exportAll(page, 'docbin');
  assert.equal(file.name, 'newsmark.spacy');
  // zlib's header: 0x78, and a second byte that makes the pair divide by 31.
  assert.equal(file.bytes[0], 0x78);
  assert.equal((file.bytes[0] * 256 + file.bytes[1]) % 31, 0);
  // Bytes, not text: UTF-8 decoding would have replaced invalid sequences.
  assert.ok(!file.bytes.equals(Buffer.from(file.content, 'utf8')), 'the download is the raw bytes');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  await page.selectOption('#export-scope', 'one');
  await page.click('#export-copy');
  await page.waitForSelector('#message.error:has-text("binary")');
  assert.match(await page.textContent('#message'), /cannot be copied as text: download it instead/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'before', 'nothing copied');
});

test('a CSV for spreadsheets guards formulas and starts with the mark Excel needs; off, each text cell is the text', async () => {
  const { page } = app;
  const text = '=HYPERLINK(1) said Kim Jong Un in Seoul.';
  await rendered(page, () => page.click('#doc-add'));
  await paste(page, text);
  await selectInView(page, 0, '=HYPERLINK(1)'.length);
  await rendered(page, () => page.keyboard.press('m'));
  await page.selectOption('#export-format', 'jsonl');
  assert.ok(await page.isHidden('#export-spreadsheet-choice'), 'the choice shows for CSV only');
  await page.selectOption('#export-scope', 'one');
  await page.selectOption('#export-format', 'csv');
  assert.ok(await page.isChecked('#export-spreadsheet'), 'for spreadsheets by default');
  const once = async () => {
    const got = page.waitForEvent('download');
    await page.click('#export-download');
    return fs.readFileSync(await (await got).path()).toString('utf8');
  };
  const guarded = await once();
  assert.ok(guarded.startsWith('\ufeff'), 'a byte-order mark first');
  assert.match(guarded, /,'=HYPERLINK\(1\),/);
  await page.uncheck('#export-spreadsheet');
  const plain = await once();
  assert.ok(!plain.startsWith('\ufeff'));
  assert.match(plain, /,=HYPERLINK\(1\),/);
});
