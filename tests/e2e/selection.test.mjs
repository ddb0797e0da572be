// Selecting in the marked view as a person does, with the real mouse:
// drags that start on a mark's first letter, drags that end inside a
// token, double-clicks on a token the browser would cut (`name.io`), the
// snap setting, Shift+Arrow growing and shrinking a selection, and presses
// at once after the view is rebuilt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, marks, rendered, closeChecked } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

// Made-up names: nothing here is in a rule or the model's lists by name.
const TEXT = 'On Tuesday the startup Korvath.io hired Lendra Opsk, who paid $40 million for Wenlo Ferrands.';

/** The viewport point of UTF-16 offset `at` of the view's text (`frac` of the way across that character). */
async function pointAt(page, at, frac = 0.5) {
  return page.evaluate(([at, frac]) => {
    const view = document.getElementById('view');
    const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
    let pos = 0;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (at < pos + t.data.length) {
        const r = document.createRange();
        r.setStart(t, at - pos);
        r.setEnd(t, at - pos + 1);
        const box = r.getBoundingClientRect();
        return { x: box.left + box.width * frac, y: box.top + box.height / 2 };
      }
      pos += t.data.length;
    }
    throw new Error(`no text at ${at}`);
  }, [at, frac]);
}

/** Presses the mouse at offset `from` and releases it at `to`, moving in steps, as a hand drags. */
async function drag(page, from, to, { fromFrac = 0.2, toFrac = 0.5 } = {}) {
  const a = await pointAt(page, from, fromFrac);
  const b = await pointAt(page, to, toFrac);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 10 });
  await page.mouse.up();
  // Snapping waits for the tokens (a worker round trip).
  await page.waitForTimeout(80);
}

const selected = (page) => page.evaluate(() => String(getSelection()));
const selectedIs = (page, want) => page.waitForFunction((w) => String(getSelection()) === w, want, { timeout: 2000 })
  .catch(async () => assert.equal(await selected(page), want));

test('a drag that starts on a mark\'s first letter selects, is no click, and the label key labels the selection', async () => {
  const { page } = app;
  await paste(page, TEXT);
  const before = await marks(page);
  const date = before.find((m) => m.text === 'Tuesday');
  assert.ok(date, `Tuesday is marked: ${JSON.stringify(before)}`);
  // From the T of Tuesday to the middle of "startup".
  const to = TEXT.indexOf('startup') + 3;
  await drag(page, date.start, to, { fromFrac: 0.1 });
  await selectedIs(page, 'Tuesday the startup');
  // The release was no click on the mark: no mark is picked.
  assert.equal(await page.$$eval('#view mark.current', (ms) => ms.length), 0);
  assert.ok(await page.isHidden('#panel'), 'no mark shows in the panel');
  await rendered(page, () => page.keyboard.press('m'));
  const after = await marks(page);
  const misc = after.find((m) => m.label === 'MISC' && m.user);
  assert.deepEqual(misc && [misc.start, misc.end], [date.start, TEXT.indexOf('startup') + 'startup'.length]);
  // The mark the drag started on was not relabeled on its own.
  assert.equal(after.find((m) => m.start === date.start && m.end === date.end && m.label === 'MISC'), undefined);
  await rendered(page, () => page.keyboard.press('Control+z'));
});

test('a drag from inside one word to inside another snaps to the core\'s tokens; a click on a mark still picks it', async () => {
  const { page } = app;
  await paste(page, TEXT);
  const s = TEXT.indexOf('startup') + 2; // "ar"
  const e = TEXT.indexOf('Korvath.io') + 3; // inside the token, before its period
  await drag(page, s, e);
  await selectedIs(page, 'startup Korvath.io');
  // A second drag that starts inside that selection selects anew (it does not drag the text away).
  await drag(page, TEXT.indexOf('Korvath.io') + 2, TEXT.indexOf('hired') + 2);
  await selectedIs(page, 'Korvath.io hired');
  assert.equal(await page.inputValue('#text'), TEXT);
  // Backwards, ending inside "Lendra" and starting inside "Opsk".
  await drag(page, TEXT.indexOf('Opsk') + 2, TEXT.indexOf('Lendra') + 2);
  await selectedIs(page, 'Lendra Opsk');
  // A press and release without moving is a click: the mark shows in the panel.
  const money = (await marks(page)).find((m) => m.label === 'MONEY');
  assert.ok(money, 'the amount is marked');
  const p = await pointAt(page, money.start + 2);
  await page.mouse.click(p.x, p.y);
  assert.equal(await page.textContent('#panel-text'), money.text);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.start), String(money.start));
});

test('double-click selects the whole token as the core cuts it (a name.io), and the label key labels it', async () => {
  const { page } = app;
  await paste(page, TEXT);
  const k = TEXT.indexOf('Korvath.io');
  // Anywhere on it: its first letter's left edge, its period, its last letter's right edge.
  for (const [at, frac] of [[k, 0.1], [k + 7, 0.5], [k + 9, 0.9], [k + 2, 0.5]]) {
    await page.evaluate(() => getSelection().removeAllRanges());
    const p = await pointAt(page, at, frac);
    await page.mouse.dblclick(p.x, p.y);
    await selectedIs(page, 'Korvath.io');
  }
  await rendered(page, () => page.keyboard.press('o'));
  const org = (await marks(page)).find((m) => m.start === k);
  assert.deepEqual(org && [org.end, org.label, org.user], [k + 'Korvath.io'.length, 'ORG', true]);
  await rendered(page, () => page.keyboard.press('Control+z'));
});

test('Shift+Arrow grows and shrinks a selection in the marked view a token at a time', async () => {
  const { page } = app;
  await paste(page, TEXT);
  const k = TEXT.indexOf('Korvath.io');
  const p = await pointAt(page, k + 2);
  await page.mouse.dblclick(p.x, p.y);
  await selectedIs(page, 'Korvath.io');
  const steps = [
    ['Shift+ArrowRight', 'Korvath.io hired'],
    ['Shift+ArrowRight', 'Korvath.io hired Lendra'],
    ['Shift+ArrowLeft', 'Korvath.io hired'],
    ['Shift+ArrowLeft', 'Korvath.io'],
    // Past the anchor: the selection turns and grows leftwards.
    ['Shift+ArrowLeft', ''],
    ['Shift+ArrowLeft', 'startup '],
    ['Shift+ArrowLeft', 'the startup '],
  ];
  for (const [key, want] of steps) {
    await page.keyboard.press(key);
    await selectedIs(page, want);
  }
  await rendered(page, () => page.keyboard.press('m'));
  const m = (await marks(page)).find((x) => x.user);
  assert.equal(m?.text, 'the startup');
  await rendered(page, () => page.keyboard.press('Control+z'));
});

test('a click or double-click at once after the marks are rebuilt, a mark focused, selects and never crashes the page', async () => {
  // Chromium 156's renderer crashed here ("Target crashed") in 4 runs of 6
  // of this test before selection.js held the blocks a press leaves: the
  // block just built, laid out only for the focused mark in it, was asked
  // for the press's position after the press had moved the focus out.
  const { page } = app;
  await paste(page, TEXT);
  const org = (await marks(page)).find((m) => m.text === 'Korvath.io');
  assert.ok(org, 'Korvath.io is marked');
  const h = TEXT.indexOf('hired');
  for (let i = 0; i < 60; i++) {
    const m = await pointAt(page, org.start + 2);
    await page.mouse.click(m.x, m.y);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Korvath.io');
    // The same text again: the view is rebuilt, and the focus goes back to the mark.
    await paste(page, TEXT);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Korvath.io');
    const p = await pointAt(page, h + (i % 4));
    if (i % 2) {
      await page.mouse.dblclick(p.x, p.y);
      await selectedIs(page, 'hired');
    } else {
      await page.mouse.click(p.x, p.y);
      assert.equal(await page.evaluate(() => getSelection().isCollapsed && document.activeElement.id), 'view');
    }
  }
});

test('with "Snap selections to words" off a drag selects exactly what it covers, and the setting survives a reload', async () => {
  const { page } = app;
  await paste(page, TEXT);
  await page.click('#snap-words');
  assert.equal(await page.isChecked('#snap-words'), false);
  const s = TEXT.indexOf('startup') + 2;
  const e = TEXT.indexOf('Korvath.io') + 3;
  await drag(page, s, e, { fromFrac: 0.1, toFrac: 0.1 });
  assert.equal(await selected(page), TEXT.slice(s, e));
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.isChecked('#snap-words'), false);
  await page.click('#snap-words');
  assert.equal(await page.isChecked('#snap-words'), true);
});
