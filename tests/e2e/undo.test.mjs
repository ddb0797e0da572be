// One history for the article (issue 14): text and marks undo together,
// the history survives a reload, marks on deleted text go with it in an
// undoable step and the page says so, and the article shows once: the
// marked view, with the raw text a mode of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, marks, rendered, selectInView, saved, ready, closeChecked, editText } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

const TEXT = 'Orvelle Tamsin met Brannoc Vey in Quillport on Tuesday.';
const markAt = async (page, s, e) => (await marks(page)).find((m) => m.start === s && m.end === e);

/** Marks the first `word` of TEXT by hand (select it in the view, press `key`); returns its range. */
async function markByHand(page, word, key) {
  const s = TEXT.indexOf(word);
  const e = s + word.length;
  await selectInView(page, s, e);
  await rendered(page, () => page.keyboard.press(key));
  return { s, e };
}

test('a new document shows its text box; a paste there shows the marked article at once', async () => {
  const { page } = app;
  await rendered(page, () => page.click('#doc-add'));
  assert.ok(await page.isVisible('#text'), 'an empty document shows the text box');
  assert.ok(await page.isHidden('#view'));
  assert.ok(await page.isHidden('#edit-text'));
  // A real paste, from the clipboard, into the focused box.
  await page.focus('#text');
  await page.evaluate((t) => navigator.clipboard.writeText(t), TEXT);
  await rendered(page, () => page.keyboard.press('Control+v'), TEXT.length);
  assert.ok(await page.isHidden('#text'), 'the article shows once: the text box goes');
  assert.ok(await page.isVisible('#view'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'view', 'the focus goes with it');
  assert.ok((await marks(page)).length > 0);
  // Typing into an empty document keeps the box until the user is done.
  await rendered(page, () => page.click('#doc-add'));
  await page.focus('#text');
  await rendered(page, () => page.keyboard.type('Lee'), 3);
  assert.ok(await page.isVisible('#text'), 'typing keeps the box');
  await page.keyboard.press('Escape');
  assert.ok(await page.isVisible('#view'));
  assert.ok(await page.isHidden('#text'));
  // E in the view edits the text again, with the caret at the selection.
  await selectInView(page, 0, 3);
  await page.keyboard.press('e');
  assert.ok(await page.isVisible('#text'));
  assert.deepEqual(await page.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart, document.activeElement.selectionEnd]), ['text', 0, 3]);
  await page.keyboard.press('Escape');
});

test('deleting text takes its hand marks in the same step, says so, and undo brings both back', async () => {
  const { page } = app;
  await paste(page, TEXT);
  const { s, e } = await markByHand(page, 'Quillport', 'l');
  assert.equal((await markAt(page, s, e))?.user, true);
  // Select "in Quillport " in the text box and delete it.
  await editText(page);
  await page.evaluate(([a, b]) => document.getElementById('text').setSelectionRange(a, b), [s - 3, e]);
  const shorter = TEXT.length - (e - s + 3);
  await rendered(page, () => page.keyboard.press('Delete'), shorter);
  assert.match(await page.textContent('#message'), /1 mark of yours \(“Quillport”\).*Undo/s);
  assert.equal((await marks(page)).filter((m) => m.user).length, 0);
  // One undo: the text and the hand mark, together.
  await rendered(page, () => page.keyboard.press('Control+z'), TEXT.length);
  assert.equal(await page.inputValue('#text'), TEXT);
  assert.equal((await markAt(page, s, e))?.user, true);
  await page.keyboard.press('Escape');
});

test('the undo history survives a reload: undo after it restores text and marks, redo goes forward again', async () => {
  const { page } = app;
  await paste(page, TEXT);
  const { s, e } = await markByHand(page, 'Brannoc Vey', 'p');
  await editText(page);
  await page.keyboard.press('Control+End');
  await rendered(page, () => page.keyboard.type(' Rain fell.'), TEXT.length + 11);
  await page.keyboard.press('Escape');
  await saved(page);
  // Saved as diffs: the typing is the text typed, not a copy of the article.
  const steps = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('newsmark:history:')).map(([, v]) => JSON.parse(v).undo).find((u) => u.at(-1)?.text?.ins === ' Rain fell.'));
  assert.ok(steps, 'the history of the open document is saved');
  assert.deepEqual(steps.at(-1).text, { at: TEXT.length, del: '', ins: ' Rain fell.' });
  assert.equal(steps.at(-2).kind, 'label');
  assert.equal(steps.at(-2).text, undefined, 'a label step holds no text');

  await page.reload();
  await ready(page);
  await page.waitForSelector('#view mark');
  assert.equal(await page.inputValue('#text'), `${TEXT} Rain fell.`);
  assert.equal(await page.isDisabled('#undo'), false, 'there is something to undo after the reload');
  await page.focus('#view');
  await rendered(page, () => page.keyboard.press('Control+z'), TEXT.length);
  assert.equal(await page.inputValue('#text'), TEXT);
  assert.equal((await markAt(page, s, e))?.label, 'PERSON');
  await rendered(page, () => page.keyboard.press('Control+z'), TEXT.length);
  assert.ok(!(await markAt(page, s, e))?.user, 'the hand mark is undone');
  await rendered(page, () => page.keyboard.press('Control+Shift+Z'), TEXT.length);
  assert.equal((await markAt(page, s, e))?.label, 'PERSON');
  await rendered(page, () => page.keyboard.press('Control+Shift+Z'), TEXT.length + 11);
  assert.equal(await page.inputValue('#text'), `${TEXT} Rain fell.`);
});

test('Ctrl+Z in every focusable place of the page, with hand marks present, loses nothing', async () => {
  const { page } = app;
  await rendered(page, () => page.click('#doc-add'));
  await paste(page, TEXT);
  await markByHand(page, 'Orvelle Tamsin', 'p');
  await markByHand(page, 'Quillport', 'l');
  const state = async () => ({
    text: await page.inputValue('#text'),
    mine: (await marks(page)).filter((m) => m.user).map((m) => `${m.start}-${m.end} ${m.label}`).join(', '),
  });
  const full = await state();
  assert.equal(full.mine.split(', ').length, 2);
  const oneBack = { text: TEXT, mine: full.mine.split(', ').filter((m) => !m.endsWith('LOC')).join(', ') };
  // Every place the focus can go, as Tab and a click reach them.
  // (Looked up afresh each time: the view's marks are rebuilt by an undo.)
  const focusPlace = (i) => page.evaluate((i) => {
    const el = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
      .filter((e) => !e.disabled && e.getClientRects().length > 0 && !e.closest('[hidden], dialog:not([open])'))[i];
    if (!el) return null;
    el.focus();
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.dataset.start ? `[${el.dataset.start}]` : ''}`;
  }, i);
  let tried = 0;
  for (let i = 0; ; i++) {
    const what = await focusPlace(i);
    if (what === null) break;
    tried++;
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(120);
    await page.waitForSelector('body[data-saved="true"], body:not([data-saved])', { timeout: 5000 }).catch(() => {});
    const now = await state();
    assert.ok(now.text.length > 0, `Ctrl+Z in ${what} emptied the article`);
    if (now.text === full.text && now.mine === full.mine) continue; // a field kept its own undo
    // The page's undo ran: one step back, the last hand mark; redo brings it back.
    assert.deepEqual(now, oneBack, `Ctrl+Z in ${what} went one step back, no more`);
    await page.focus('#view');
    await rendered(page, () => page.keyboard.press('Control+Shift+Z'), TEXT.length);
    assert.deepEqual(await state(), full, `redo after Ctrl+Z in ${what} brought everything back`);
  }
  assert.ok(tried > 15, `the page's controls were all tried: ${tried}`);
});
