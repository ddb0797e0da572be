// The project's label set, as a user works with it (issue 17): define
// WEAPON, mark with it, rename, recolor, delete it each way and undo each,
// reload (kept), export to Label Studio and import back, switch a built-in
// label off (no suggestions of it), a clashing key refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { open, paste, marks, rendered, selectInView, saved, importFiles, ready, closeChecked, docList, switchTo } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

const TEXT = 'Rebels fired a Kalashnikov at the base on Aug. 9, and later another Kalashnikov, said Lee Tae-woo.';
const at = TEXT.indexOf('Kalashnikov');

async function openEditor(page) {
  if (!(await page.isVisible('#labelset'))) await page.click('#labelset-open');
}

async function closeEditor(page) {
  if (await page.isVisible('#labelset')) await page.click('#labelset [data-close]');
}

/** Adds a label in the dialog by typing, as a user does. */
async function addLabel(page, name, { key = '', kind = 'none' } = {}) {
  await openEditor(page);
  await page.fill('#labelset-name', name);
  await page.selectOption('#labelset-kind', kind);
  await page.fill('#labelset-key', key);
  await page.click('#labelset-add-button');
  await page.waitForFunction((n) => document.getElementById('labelset-status').textContent.length > 0 || !!document.querySelector(`#labelset-own tr[data-label="${n}"]`), name);
}

const status = (page) => page.textContent('#labelset-status');
const labelsOf = (ms) => ms.filter((m) => m.start === at).map((m) => m.label);

test('define WEAPON with a key, mark with it; the bar, the panel and the shortcuts offer it', async () => {
  const { page } = app;
  await paste(page, TEXT);
  await addLabel(page, 'WEAPON', { key: 'w' });
  assert.ok(await page.isVisible('#labelset-own tr[data-label="WEAPON"]'));
  const color = await page.inputValue('#labelset-own tr[data-label="WEAPON"] .labelset-color');
  assert.match(color, /^#[0-9a-f]{6}$/);
  const palette = await page.$$eval('#label-buttons button', (bs) => bs.map((b) => b.style.getPropertyValue('--c')));
  assert.ok(!palette.slice(0, 11).includes(color), 'a new label gets a color of its own');
  await closeEditor(page);
  assert.ok(await page.isVisible('#label-buttons button[data-label="WEAPON"]'), 'the label bar offers WEAPON');
  await selectInView(page, at, at + 'Kalashnikov'.length);
  await rendered(page, () => page.keyboard.press('w'));
  assert.deepEqual(labelsOf(await marks(page)), ['WEAPON'], 'the key w marks WEAPON');
  await page.click('#view mark[data-label="WEAPON"]');
  const options = await page.$$eval('#panel-label option', (os) => os.map((o) => o.value));
  assert.ok(options.includes('WEAPON'), 'the mark\'s panel offers WEAPON');
  // The search's label menu offers it, and labels all hits with it.
  await page.focus('#search-label');
  const searchOptions = await page.$$eval('#search-label option', (os) => os.map((o) => o.value));
  assert.ok(searchOptions.includes('WEAPON'));
});

test('a key another label has is refused with a message', async () => {
  const { page } = app;
  await addLabel(page, 'TANK', { key: 'p' });
  assert.match(await status(page), /key p labels PERSON already/);
  assert.ok(!(await page.isVisible('#labelset-own tr[data-label="TANK"]')));
  await addLabel(page, 'TANK', { key: 'w' });
  assert.match(await status(page), /key w labels WEAPON already/);
  await closeEditor(page);
});

test('rename and recolor WEAPON: its marks follow; undo each', async () => {
  const { page } = app;
  await openEditor(page);
  await rendered(page, async () => {
    await page.fill('#labelset-own tr[data-label="WEAPON"] .labelset-rename', 'ARMS');
    await page.press('#labelset-own tr[data-label="WEAPON"] .labelset-rename', 'Enter');
  });
  assert.deepEqual(labelsOf(await marks(page)), ['ARMS'], 'renamed, the mark has the new name');
  await rendered(page, () => page.click('#labelset-undo'));
  assert.deepEqual(labelsOf(await marks(page)), ['WEAPON'], 'undo gives the old name back');
  await rendered(page, () => page.$eval('#labelset-own tr[data-label="WEAPON"] .labelset-color', (i) => {
    i.value = '#d65f5f';
    i.dispatchEvent(new Event('change', { bubbles: true }));
  }));
  const bg = await page.$eval('#view mark[data-label="WEAPON"]', (m) => getComputedStyle(m).backgroundColor);
  assert.equal(bg, 'rgb(214, 95, 95)', 'the mark shows the new color');
  // Ctrl+Z in the dialog (out of its fields) undoes as its Undo button does.
  await page.focus('#labelset-undo');
  await rendered(page, () => page.keyboard.press('Control+z'));
  const back = await page.$eval('#view mark[data-label="WEAPON"]', (m) => getComputedStyle(m).backgroundColor);
  assert.notEqual(back, 'rgb(214, 95, 95)', 'undo gives the old color back');
  // Recolor again to keep it for the export.
  await rendered(page, () => page.$eval('#labelset-own tr[data-label="WEAPON"] .labelset-color', (i) => {
    i.value = '#d65f5f';
    i.dispatchEvent(new Event('change', { bubbles: true }));
  }));
  await closeEditor(page);
});

test('delete WEAPON removing its marks, or giving them another label; undo each', async () => {
  const { page } = app;
  await openEditor(page);
  await rendered(page, () => page.click('#labelset-own tr[data-label="WEAPON"] .labelset-delete'));
  assert.deepEqual(labelsOf(await marks(page)).filter((l) => l === 'WEAPON'), [], 'deleted with its marks removed');
  assert.ok(!(await page.isVisible('#label-buttons button[data-label="WEAPON"]')));
  await rendered(page, () => page.click('#labelset-undo'));
  assert.deepEqual(labelsOf(await marks(page)), ['WEAPON'], 'undo brings the label and its mark back');
  await page.selectOption('#labelset-own tr[data-label="WEAPON"] .labelset-fate', 'MISC');
  await rendered(page, () => page.click('#labelset-own tr[data-label="WEAPON"] .labelset-delete'));
  assert.deepEqual(labelsOf(await marks(page))[0], 'MISC', 'deleted with its marks given MISC');
  await rendered(page, () => page.click('#labelset-undo'));
  assert.deepEqual(labelsOf(await marks(page)), ['WEAPON'], 'undo gives the mark WEAPON again');
  await closeEditor(page);
});

test('the page\'s undo and redo take label-set changes and edits in the order they were made', async () => {
  const { page } = app;
  const second = TEXT.indexOf('Kalashnikov', at + 1);
  const labelAt = async (start) => (await marks(page)).filter((m) => m.start === start).map((m) => m.label);
  await openEditor(page);
  await rendered(page, async () => {
    await page.fill('#labelset-own tr[data-label="WEAPON"] .labelset-rename', 'ARMS');
    await page.press('#labelset-own tr[data-label="WEAPON"] .labelset-rename', 'Enter');
  });
  await closeEditor(page);
  // An edit after the rename: the second Kalashnikov marked ARMS (key w).
  await selectInView(page, second, second + 'Kalashnikov'.length);
  await rendered(page, () => page.keyboard.press('w'));
  assert.deepEqual(await labelAt(second), ['ARMS']);
  const key = (k) => rendered(page, () => page.keyboard.press(k));
  await key('Control+z');
  assert.ok(!(await labelAt(second)).includes('ARMS'), 'the first undo takes back the last edit');
  assert.deepEqual(await labelAt(at), ['ARMS'], 'and leaves the rename');
  await key('Control+z');
  assert.deepEqual(await labelAt(at), ['WEAPON'], 'the second undo takes back the rename');
  assert.ok(await page.isVisible('#label-buttons button[data-label="WEAPON"]'), 'the label bar has WEAPON again');
  await key('Control+Shift+z');
  assert.deepEqual(await labelAt(at), ['ARMS'], 'redo renames again');
  assert.ok(!(await labelAt(second)).includes('ARMS'), 'and only that');
  await key('Control+Shift+z');
  assert.deepEqual(await labelAt(second), ['ARMS'], 'the second redo marks again');
  // Back as it was for what follows: two undos.
  await key('Control+z');
  await key('Control+z');
  assert.deepEqual(await labelAt(at), ['WEAPON']);
  assert.ok(!(await labelAt(second)).includes('WEAPON'));
});

test('reload: the label set and the WEAPON mark are kept', async () => {
  const { page } = app;
  await saved(page);
  await rendered(page, () => page.reload().then(() => ready(page)));
  assert.ok(await page.isVisible('#label-buttons button[data-label="WEAPON"]'));
  await page.waitForSelector('#view mark[data-label="WEAPON"]');
  assert.deepEqual(labelsOf(await marks(page)), ['WEAPON']);
  const bg = await page.$eval('#view mark[data-label="WEAPON"]', (m) => getComputedStyle(m).backgroundColor);
  assert.equal(bg, 'rgb(214, 95, 95)', 'its color is kept');
});

async function download(page, format) {
  await page.selectOption('#export-format', format);
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#export-download')]);
  const file = path.join(app.downloads, `labelset-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file, content: fs.readFileSync(file, 'utf8') };
}

test('export to Label Studio: the config carries WEAPON in its color; the tasks import back into a project without it', async () => {
  const { page } = app;
  const config = await download(page, 'labelstudio-config');
  assert.match(config.content, /<Label value="WEAPON" background="#d65f5f"\/>/);
  const tasks = await download(page, 'labelstudio');
  assert.match(tasks.content, /"WEAPON"/);
  // A project without WEAPON: delete it (its marks go), then import the file.
  await openEditor(page);
  await rendered(page, () => page.click('#labelset-own tr[data-label="WEAPON"] .labelset-delete'));
  await closeEditor(page);
  app.onDialog = async (d) => { if (d.type() === 'confirm' && /WEAPON/.test(d.message())) await d.accept(); else await d.dismiss(); };
  const result = await importFiles(page, tasks.file);
  app.onDialog = null;
  assert.equal(result.added, 1, 'the file came in');
  assert.ok(app.dialogs.some((d) => /not in this project's label set/.test(d.message)), 'the page offered to add WEAPON');
  await page.waitForSelector('#view mark[data-label="WEAPON"]');
  assert.ok(await page.isVisible('#label-buttons button[data-label="WEAPON"]'), 'WEAPON is in the set again');
});

test('import a newsmark-labels.json with documents: its labels come first, the documents\' marks need no asking; a bad one changes nothing', async () => {
  const { page } = app;
  const labels = path.join(app.downloads, 'newsmark-labels.json');
  fs.writeFileSync(labels, JSON.stringify({
    schema: 'newsmark-labels/1',
    builtins: { CARDINAL: false },
    labels: [{ name: 'SHIP', kind: 'none', color: '#3a7a9c', key: 'h' }, { name: 'WEAPON', kind: 'none', color: '#000000' }],
  }));
  const text = 'The frigate Admiral Kuznetsov sailed from Murmansk.';
  const s = text.indexOf('Admiral Kuznetsov');
  const jsonl = path.join(app.downloads, 'ships.jsonl');
  fs.writeFileSync(jsonl, `${JSON.stringify({ schema: 'newsmark/1', id: 'ships', text, offset_unit: 'codepoint', spans: [{ start: s, end: s + 'Admiral Kuznetsov'.length, label: 'SHIP' }] })}\n`);
  const before = app.dialogs.length;
  const result = await importFiles(page, [labels, jsonl]);
  assert.equal(result.added, 1, 'the document came in');
  assert.equal(app.dialogs.length, before, 'no label was offered: the set came first');
  await page.waitForSelector('#view mark[data-label="SHIP"]');
  assert.ok(await page.isVisible('#label-buttons button[data-label="SHIP"]'));
  assert.equal(await page.$eval('#label-buttons button[data-label="SHIP"]', (b) => b.style.getPropertyValue('--c')), '#3a7a9c', 'with the file\'s color');
  assert.ok(!(await page.isVisible('#label-buttons button[data-label="CARDINAL"]')), 'CARDINAL switched off as the file says');
  assert.match(await page.textContent('#message'), /kept WEAPON as it was/);
  // Undo would take SHIP from under the document's mark: refused, and said
  // (the set stays, CARDINAL off).
  await page.focus('#view');
  await page.keyboard.press('Control+z');
  assert.match(await page.textContent('#message'), /Not undone: .*SHIP/);
  assert.ok(await page.isVisible('#label-buttons button[data-label="SHIP"]'), 'SHIP stays');
  assert.ok(!(await page.isVisible('#label-buttons button[data-label="CARDINAL"]')));
  assert.ok(await page.isVisible('#view mark[data-label="SHIP"]'));
  // A file of the schema the core refuses: said, and nothing changes.
  const bad = path.join(app.downloads, 'bad-labels.json');
  fs.writeFileSync(bad, JSON.stringify({ schema: 'newsmark-labels/1', labels: [{ name: 'TWO WORDS' }] }));
  const refused = await importFiles(page, bad);
  assert.equal(refused.errors.length, 1);
  assert.match(await page.textContent('#message'), /bad-labels\.json was not read: .*The label set is as it was/);
  assert.ok(await page.isVisible('#label-buttons button[data-label="SHIP"]'));
});

test('a built-in label switched off is not suggested and not in the label bar', async () => {
  const { page } = app;
  await rendered(page, () => page.click('#doc-add'));
  await paste(page, TEXT);
  assert.ok((await marks(page)).some((m) => m.label === 'DATE'), 'DATE suggested while on');
  await openEditor(page);
  await rendered(page, () => page.uncheck('#labelset-builtins input[data-label="DATE"]'));
  await closeEditor(page);
  assert.ok(!(await marks(page)).some((m) => m.label === 'DATE'), 'no DATE suggested once off');
  assert.ok(!(await page.isVisible('#label-buttons button[data-label="DATE"]')));
  await openEditor(page);
  await rendered(page, () => page.check('#labelset-builtins input[data-label="DATE"]'));
  await closeEditor(page);
  assert.ok((await marks(page)).some((m) => m.label === 'DATE'), 'DATE back when switched on');
});

test('a label of kind money gets the money editor in the mark\'s panel, and its value is kept', async () => {
  const { page } = app;
  await rendered(page, () => page.click('#doc-add'));
  const text = 'The bounty was 5,000 dollars, the police said.';
  await paste(page, text);
  await addLabel(page, 'BOUNTY', { kind: 'money', key: 'b' });
  await closeEditor(page);
  const s = text.indexOf('5,000 dollars');
  await selectInView(page, s, s + '5,000 dollars'.length);
  await rendered(page, () => page.keyboard.press('b'));
  const m = (await marks(page)).find((x) => x.start === s);
  assert.equal(m.label, 'BOUNTY');
  await page.click('#view mark[data-label="BOUNTY"]');
  assert.ok(await page.isVisible('.value-fields[data-editor="money"]'), 'the money editor shows for a money label');
  await page.fill('#value-money-amount', '5000');
  await page.fill('#value-money-currency', 'USD');
  await rendered(page, () => page.click('#panel-value-save'));
  const saved = (await marks(page)).find((x) => x.start === s);
  assert.equal(saved.label, 'BOUNTY');
  assert.ok(saved.value && saved.value.includes('5'), `the value is kept: ${saved.value}`);
});

test('a label deleted can be made again with another kind of value, and marks as the new one', async () => {
  const { page } = app;
  await rendered(page, () => page.click('#doc-add'));
  const text = 'The reward was 2,000 dollars, the police said.';
  await paste(page, text);
  await addLabel(page, 'REWARD', { kind: 'none' });
  await rendered(page, () => page.click('#labelset-own tr[data-label="REWARD"] .labelset-delete'));
  assert.ok(!(await page.isVisible('#labelset-own tr[data-label="REWARD"]')));
  await addLabel(page, 'REWARD', { kind: 'money', key: 'k' });
  assert.ok(await page.isVisible('#labelset-own tr[data-label="REWARD"]'), `made again: ${await status(page)}`);
  assert.equal(await page.textContent('#labelset-own tr[data-label="REWARD"] td:nth-child(2)'), 'money');
  await closeEditor(page);
  const s = text.indexOf('2,000 dollars');
  await selectInView(page, s, s + '2,000 dollars'.length);
  await rendered(page, () => page.keyboard.press('k'));
  assert.equal((await marks(page)).find((x) => x.start === s)?.label, 'REWARD');
  await page.click('#view mark[data-label="REWARD"]');
  assert.ok(await page.isVisible('.value-fields[data-editor="money"]'), 'the mark takes money values, as its kind says');
});

test('two tabs: a label added in one shows in the other', async () => {
  const { page, context } = app;
  const other = await context.newPage();
  await other.goto(page.url());
  await ready(other);
  await addLabel(other, 'OTHER_TAB');
  assert.ok(await other.isVisible('#labelset-own tr[data-label="OTHER_TAB"]'));
  await page.waitForSelector('#label-buttons button[data-label="OTHER_TAB"]', { timeout: 5000 });
  await other.close();
});

test('an undo that would leave marks without their label is refused, in the dialog and in another document; all annotate after a reload', async () => {
  const { page } = app;
  await rendered(page, () => page.click('#doc-add'));
  const text = 'Rebels fired a Kornet at the convoy, officials said.';
  const s = text.indexOf('Kornet');
  await paste(page, text);
  await addLabel(page, 'MISSILE', { key: 'j' });
  await closeEditor(page);
  await selectInView(page, s, s + 'Kornet'.length);
  await rendered(page, () => page.keyboard.press('j'));
  const missile = async () => (await marks(page)).filter((m) => m.label === 'MISSILE').map((m) => m.text);
  assert.deepEqual(await missile(), ['Kornet']);

  // The dialog's Undo would take MISSILE away from under its mark.
  await openEditor(page);
  await page.click('#labelset-undo');
  assert.match(await status(page), /Not undone: .*MISSILE/);
  assert.ok(await page.isVisible('#labelset-own tr[data-label="MISSILE"]'), 'the label stays');
  await closeEditor(page);
  assert.deepEqual(await missile(), ['Kornet']);

  // So would Ctrl+Z in another document, whose next step is the set's.
  const marked = (await docList(page)).find((d) => d.selected).id;
  await rendered(page, () => page.click('#doc-add'));
  await page.focus('#view');
  await page.keyboard.press('Control+z');
  assert.match(await page.textContent('#message'), /Not undone: .*MISSILE/);
  assert.ok(await page.isVisible('#label-buttons button[data-label="MISSILE"]'));

  // Back in the marked document, Ctrl+Z takes the mark back, then the label.
  await switchTo(page, marked);
  await rendered(page, () => page.keyboard.press('Control+z'));
  assert.deepEqual(await missile(), []);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !document.querySelector('#label-buttons button[data-label="MISSILE"]'));

  // Every document still annotates after a reload.
  await saved(page);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#view mark');
  assert.doesNotMatch((await page.textContent('#message')) || '', /unknown label/);
});
