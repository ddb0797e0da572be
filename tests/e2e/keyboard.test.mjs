// The page by keyboard, as a person without a mouse uses it: the marked
// view is one tab stop, arrows move between marks, the focus stays where
// the annotator works after each action, label keys never act in a text
// field, `?` lists every shortcut, and a whole session (paste, select,
// label, relabel, undo, export) needs no mouse at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { open, paste, marks, rendered, closeChecked, editText, ORIGIN } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

// Made-up names: nothing here is in a rule or the model's lists by name.
const TEXT = 'On Tuesday the startup Korvath.io hired Lendra Opsk, who paid $40 million for Wenlo Ferrands on 3 March 2024.';

const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { id: a.id, tag: a.tagName.toLowerCase(), inView: document.getElementById('view').contains(a), start: a.dataset.start ?? null, label: a.dataset.label ?? null };
});
const selected = (page) => page.evaluate(() => String(getSelection()));

/** Presses `key` until `done()` holds (at most `max` times), as a person tabs through a page. */
async function pressUntil(page, key, done, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${key} ${max} times and still not there`);
}

/** Tabs from the button before the article into the marked view, as a person does. */
async function tabIntoView(page) {
  await page.focus('#edit-text');
  await pressUntil(page, 'Tab', async () => (await active(page)).inView, 10);
}

/**
 * Presses `key` (Ctrl+→, say) until the selection is `want`, looking at it
 * after each move, as a person does: the first move waits for the tokens.
 */
async function selectByKey(page, key, want, max = 20) {
  for (let i = 0; i < max; i++) {
    const was = await selected(page);
    if (was === want) return;
    await page.keyboard.press(key);
    await page.waitForFunction((w) => String(getSelection()) !== w, was, { timeout: 2000 }).catch(() => {});
  }
  assert.equal(await selected(page), want);
}

test('the marked view is one tab stop; arrows and Home/End move between marks, shown in the panel', async () => {
  const { page } = app;
  await paste(page, TEXT);
  const ms = await marks(page);
  assert.ok(ms.length >= 3, `a few marks: ${JSON.stringify(ms)}`);
  const stops = await page.evaluate(() => {
    const view = document.getElementById('view');
    return [view, ...view.querySelectorAll('*')].filter((e) => e.tabIndex >= 0).length;
  });
  assert.equal(stops, 1, 'one tab stop in the view');
  await tabIntoView(page);
  assert.equal((await active(page)).inView, true, 'Tab reaches the view');
  await page.keyboard.press('Home');
  assert.equal((await active(page)).start, String(ms[0].start));
  assert.equal(await page.textContent('#panel-text'), ms[0].text);
  await page.keyboard.press('ArrowRight');
  assert.equal((await active(page)).start, String(ms[1].start));
  assert.equal(await page.textContent('#panel-text'), ms[1].text);
  await page.keyboard.press('End');
  assert.equal((await active(page)).start, String(ms[ms.length - 1].start));
  await page.keyboard.press('ArrowLeft');
  assert.equal((await active(page)).start, String(ms[ms.length - 2].start));
  // Still one tab stop, now the current mark; the next Tab leaves the view.
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('#view, #view *')].filter((e) => e.tabIndex >= 0).length), 1);
  await page.keyboard.press('Tab');
  assert.equal((await active(page)).inView, false, 'the next Tab leaves the view');
});

test('relabel, delete and undo by key keep the focus in the marked view, never on the body', async () => {
  const { page } = app;
  await paste(page, TEXT);
  await tabIntoView(page);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const was = await active(page);
  const other = was.label === 'MISC' ? 'o' : 'm';
  await rendered(page, () => page.keyboard.press(other));
  const now = await active(page);
  assert.deepEqual([now.inView, now.start, now.label], [true, was.start, other === 'm' ? 'MISC' : 'ORG'], 'the focus stays on the relabeled mark');
  await rendered(page, () => page.keyboard.press('Control+z'));
  const back = await active(page);
  assert.deepEqual([back.inView, back.start, back.label], [true, was.start, was.label], 'undo puts the label back, the focus stays');
  await rendered(page, () => page.keyboard.press('Delete'));
  const after = await active(page);
  assert.equal(after.inView, true, 'after a delete the focus is in the view');
  assert.notEqual(after.tag, 'body');
  await rendered(page, () => page.keyboard.press('Control+z'));
  assert.equal((await active(page)).inView, true);
  // Delete from the panel: its button hides with the mark; the focus goes
  // to the next mark, not to the body.
  await page.keyboard.press('Home');
  const first = await active(page);
  await page.focus('#panel-delete');
  await rendered(page, () => page.keyboard.press('Enter'));
  const next = await active(page);
  assert.equal(next.inView, true, `the focus after the panel's delete: ${JSON.stringify(next)}`);
  assert.notEqual(next.start, first.start);
  await rendered(page, () => page.keyboard.press('Control+z'));
});

test('label keys type in the text box, never label there (no Alt+key either)', async () => {
  const { page } = app;
  await paste(page, TEXT);
  const k = TEXT.indexOf('Korvath.io');
  await editText(page);
  await page.evaluate(([s, e]) => document.getElementById('text').setSelectionRange(s, e), [k, k + 'Korvath.io'.length]);
  await page.keyboard.press('Alt+KeyO');
  await page.waitForTimeout(150);
  assert.equal((await marks(page)).filter((m) => m.user).length, 0, 'Alt+O labels nothing in the text box');
  await rendered(page, () => page.keyboard.press('o'));
  assert.equal(await page.inputValue('#text'), TEXT.slice(0, k) + 'o' + TEXT.slice(k + 'Korvath.io'.length), 'o typed over the text box selection');
  assert.equal((await marks(page)).filter((m) => m.user).length, 0);
  await page.keyboard.type('?');
  assert.ok(await page.isHidden('#shortcuts'), '? types in the text box');
  assert.match(await page.inputValue('#text'), /startup o\? hired/);
});

test('? shows every shortcut in a dialog Escape closes; buttons show their shortcut', async () => {
  const { page } = app;
  await paste(page, TEXT);
  await tabIntoView(page);
  const was = await active(page);
  await page.keyboard.press('?');
  await page.waitForSelector('#shortcuts[open]');
  const keys = new Set(await page.$$eval('#shortcuts tbody kbd', (ks) => ks.map((k) => k.textContent)));
  for (const key of ['p', 'o', 'l', 'm', 'd', 't', '$', '%', 'q', 'c', 'r', 'Ctrl+Z', 'Ctrl+Shift+Z', 'Shift+←', 'Shift+→', 'Ctrl+→', '←', '→', 'Delete', 'Enter', 'Escape', '?']) {
    assert.ok(keys.has(key), `the dialog lists ${key}: ${[...keys].join(' ')}`);
  }
  await page.keyboard.press('Escape');
  await page.waitForSelector('#shortcuts:not([open])', { state: 'attached' });
  const now = await active(page);
  assert.deepEqual([now.inView, now.start], [true, was.start], 'the focus is back where it was');
  for (const [id, keys, aria] of [['undo', 'Ctrl+Z', 'Control+Z'], ['redo', 'Ctrl+Shift+Z', 'Control+Shift+Z Control+Y'], ['panel-delete', 'Delete', 'Delete'], ['shortcuts-open', '?', 'Shift+?']]) {
    assert.equal(await page.textContent(`#${id} kbd`), keys, `#${id} shows ${keys}`);
    assert.equal(await page.getAttribute(`#${id}`, 'aria-keyshortcuts'), aria);
  }
  assert.equal(await page.textContent('#label-buttons button[data-label="PERSON"] kbd'), 'p');
});

test('a whole session by keyboard alone: paste, select by token, label, relabel, undo, export', async () => {
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await page.evaluate((t) => navigator.clipboard.writeText(t), TEXT);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  // New document, from the keyboard: the page starts with the focus on its body.
  await pressUntil(page, 'Tab', async () => (await active(page)).id === 'doc-add');
  await rendered(page, () => page.keyboard.press('Enter'), 0);
  await pressUntil(page, 'Tab', async () => (await active(page)).id === 'text');
  await rendered(page, () => page.keyboard.press('Control+V'), TEXT.length);
  assert.equal(await page.inputValue('#text'), TEXT);
  // The pasted article shows marked, with the focus in it; Ctrl+→ walks
  // the tokens from the first mark to the one wanted.
  assert.equal((await active(page)).inView, true, 'the focus is in the marked view after the paste');
  await page.keyboard.press('Home');
  await selectByKey(page, 'Control+ArrowRight', 'Korvath.io');
  // The view holds the focus while the selection moves (no mark outlined
  // far away from it); a live region says what is selected.
  assert.equal((await active(page)).id, 'view');
  await page.waitForFunction(() => document.getElementById('selection-status').textContent === 'Selected: Korvath.io');
  await rendered(page, () => page.keyboard.press('o'));
  let ms = await marks(page);
  const k = TEXT.indexOf('Korvath.io');
  assert.ok(ms.find((m) => m.start === k && m.end === k + 10 && m.label === 'ORG' && m.user), 'Korvath.io labeled ORG by hand');
  assert.equal((await active(page)).start, String(k), 'the focus is on the new mark');
  // Two tokens, grown with Shift+→ from a Ctrl+→ caret: "Wenlo Ferrands".
  await selectByKey(page, 'Control+ArrowRight', 'Wenlo');
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForFunction(() => String(getSelection()) === 'Wenlo Ferrands');
  await rendered(page, () => page.keyboard.press('p'));
  const w = TEXT.indexOf('Wenlo');
  ms = await marks(page);
  assert.ok(ms.find((m) => m.start === w && m.end === w + 'Wenlo Ferrands'.length && m.label === 'PERSON'), 'Wenlo Ferrands labeled PERSON');
  // Relabel it by key: the focus is on it already.
  assert.equal((await active(page)).start, String(w));
  await rendered(page, () => page.keyboard.press('l'));
  assert.equal((await marks(page)).find((m) => m.start === w)?.label, 'LOC');
  assert.equal((await active(page)).start, String(w), 'the focus stays on the relabeled mark');
  // Undo the relabel.
  await rendered(page, () => page.keyboard.press('Control+z'));
  assert.equal((await marks(page)).find((m) => m.start === w)?.label, 'PERSON');
  // Export: Shift+Tab back to the header's Download button, Enter.
  await pressUntil(page, 'Shift+Tab', async () => (await active(page)).id === 'export-download');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const content = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(content.includes('Korvath.io') && content.includes('Wenlo Ferrands'), `the export holds the text: ${download.suggestedFilename()}`);
  const doc = JSON.parse(content);
  const spans = (doc.documents || [doc]).flatMap((d) => d.spans || d.annotations || []);
  const label = (text) => spans.find((s) => s.text === text)?.label;
  assert.deepEqual([label('Korvath.io'), label('Wenlo Ferrands')], ['ORG', 'PERSON'], `the export: ${content.slice(0, 400)}`);
});

test('Escape in the mark\'s panel gives the focus back to the mark, as its close button does', async () => {
  const { page } = app;
  await paste(page, TEXT);
  await tabIntoView(page);
  await page.keyboard.press('Home');
  const start = (await active(page)).start;
  await page.keyboard.press('Enter');
  assert.ok(await page.isVisible('#panel'), 'Enter opens the panel');
  assert.equal(await page.evaluate(() => document.getElementById('panel').contains(document.activeElement)), true, 'the focus is in the panel');
  await page.keyboard.press('Escape');
  // As the close button does: the focus back on the mark (which shows in
  // the panel again, as a focused mark does).
  assert.equal((await active(page)).start, start, 'the focus is back on the mark');
  assert.equal(await page.evaluate(() => document.getElementById('panel').contains(document.activeElement)), false);
});

test('arrow keys on the panel\'s label menu step through the labels; Enter applies the one reached as one edit, Escape keeps the mark\'s', async () => {
  const { page } = app;
  await paste(page, TEXT);
  await tabIntoView(page);
  await page.keyboard.press('Home');
  const { start, label: was } = await active(page);
  const labelAt = async () => (await marks(page)).find((m) => String(m.start) === start)?.label;
  const options = await page.$$eval('#panel-label option', (os) => os.map((o) => o.value));
  const want = options[options.indexOf(was) + 2];
  // Tab to the closed menu (Enter on the mark opens its list, where the
  // arrows move in the list and Enter picks, at once).
  const onMenu = async () => (await active(page)).id === 'panel-label';
  await pressUntil(page, 'Tab', onMenu, 30);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#panel-label'), want, 'the menu shows the label stepped to');
  assert.equal(await labelAt(), was, 'not applied while stepping');
  await rendered(page, () => page.keyboard.press('Enter'));
  assert.equal(await labelAt(), want, 'Enter applies it');
  // One edit: one undo gives the mark its label back.
  await rendered(page, () => page.click('#undo'));
  assert.equal(await labelAt(), was, 'one undo step');

  // Escape after stepping keeps the mark's label.
  await tabIntoView(page);
  await page.keyboard.press('Home');
  await pressUntil(page, 'Tab', onMenu, 30);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#panel-label'), options[options.indexOf(was) + 1]);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('panel').contains(document.activeElement));
  assert.equal(await labelAt(), was, 'Escape applies nothing');
});

test('a file picker reached by Tab shows its focus ring on the button that names it', async () => {
  const { page } = app;
  await page.focus('#doc-list button');
  await pressUntil(page, 'Tab', async () => (await active(page)).id === 'import-file');
  assert.equal((await active(page)).id, 'import-file');
  const outline = await page.$eval('label[for="import-file"]', (l) => getComputedStyle(l).outlineStyle);
  assert.equal(outline, 'solid');
});
