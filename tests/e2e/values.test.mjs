// The value editors of the mark's panel, as an annotator uses them: click
// a mark, type in its editor, press Enter. In every editor a wrong value
// is refused with a message in words and changes nothing; a right one is
// saved, shown in words beside its machine form, and exported as the core
// keeps it (issue 14).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { open, paste, marks, rendered, importFiles, closeChecked } from './helpers.mjs';

let app;
before(async () => { app = await open(); });
after(() => closeChecked(app));

// No article date: the dateline has no year, so relative dates stay unresolved.
const TEXT = 'WASHINGTON, Aug. 9 (Yonhap) -- Regulators fined the firm more than US$455 million on Tuesday, '
  + 'about 12.5 percent of its revenue. It was the second fine this year. Three officials said the 10 km '
  + 'pipeline closed at 3 p.m. for two hours.';

const markOf = async (page, text) => (await marks(page)).find((m) => m.text === text);

/** Clicks the mark of `text` (a real mouse click) and waits for its panel. */
async function openMark(page, text) {
  const m = await markOf(page, text);
  assert.ok(m, `a mark on “${text}”`);
  await page.click(`#view mark[data-start="${m.start}"]`);
  await page.waitForFunction((t) => document.getElementById('panel-text').textContent === t, text);
}

/** Replaces what a field holds by typing, as a person does: click, select all, type. */
async function typeInto(page, selector, text) {
  await page.click(selector);
  await page.keyboard.press('Control+A');
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press('Backspace');
}

const panelValue = async (page) => ({
  words: await page.textContent('#panel-value'),
  machine: (await page.isVisible('#panel-value-machine')) ? await page.textContent('#panel-value-machine') : null,
});

/**
 * Types `typed` into `field` of the open mark and presses Enter: the
 * editor says what is wrong as it is typed, the page refuses it with the
 * core's words, and neither the marks nor the undo history change.
 */
async function refused(page, field, typed, words) {
  const before = await marks(page);
  const undoBefore = await page.isDisabled('#undo');
  await typeInto(page, field, typed);
  await page.waitForFunction((w) => {
    const s = document.getElementById('value-check');
    return s.classList.contains('error') && s.textContent.includes(w);
  }, words);
  await page.keyboard.press('Enter');
  await page.waitForFunction((w) => {
    const m = document.getElementById('message');
    return !m.hidden && m.classList.contains('error') && m.textContent.includes(w);
  }, words);
  assert.match(await page.textContent('#message'), /^That value was not saved: /);
  assert.doesNotMatch(await page.textContent('#message'), /variant|untagged|serde|JSON/);
  // Give a wrongly applied edit time to show.
  await page.waitForTimeout(300);
  assert.deepEqual(await marks(page), before, `“${typed}” in ${field} changed the marks`);
  assert.equal(await page.isDisabled('#undo'), undoBefore, `“${typed}” in ${field} made an undo step`);
}

/** Presses Enter in `field` and waits for the marks that follow. */
const save = (page, field) => rendered(page, async () => {
  await page.focus(field);
  await page.keyboard.press('Enter');
});

test('MONEY: amount, currency and qualifier are checked, then saved and shown as the core keeps them', async () => {
  const { page } = app;
  await paste(page, TEXT);
  await openMark(page, 'US$455 million');
  assert.deepEqual(await panelValue(page), { words: '455,000,000 USD (more than)', machine: null });
  assert.equal(await page.inputValue('#value-money-amount'), '455000000');
  assert.equal(await page.inputValue('#value-money-currency'), 'USD');
  assert.equal(await page.inputValue('#value-money-qualifier'), 'more than');
  // The currency list is ISO 4217's.
  assert.ok(await page.$('#value-currencies option[value="KRW"]'), 'KRW is offered');

  await refused(page, '#value-money-amount', 'banana', 'an amount must be a number: “banana”');
  await typeInto(page, '#value-money-amount', '455000000');
  await refused(page, '#value-money-currency', 'XYZ', 'unknown currency code “XYZ”');
  await typeInto(page, '#value-money-currency', 'USD');
  await refused(page, '#value-money-qualifier', 'lots', 'unknown qualifier “lots”');

  // Typed the way people write: grouped digits, a lower-case code.
  await typeInto(page, '#value-money-amount', '460,000,000');
  await typeInto(page, '#value-money-currency', 'eur');
  await typeInto(page, '#value-money-qualifier', 'about');
  await page.waitForSelector('#value-check:has-text("Reads: 460,000,000 EUR (about)")');
  await save(page, '#value-money-qualifier');
  const m = await markOf(page, 'US$455 million');
  assert.deepEqual([m.value, m.user], ['460,000,000 EUR (about)', true]);
  assert.deepEqual(await panelValue(page), { words: '460,000,000 EUR (about)', machine: null });
  assert.equal(await page.inputValue('#value-money-currency'), 'EUR');
});

test('PERCENT, ORDINAL and CARDINAL take a number', async () => {
  const { page } = app;
  await openMark(page, '12.5 percent');
  assert.deepEqual(await panelValue(page), { words: '12.5%', machine: '12.5' });
  await refused(page, '#value-number', 'lots', 'a percentage must be a number: “lots”');
  // Numbers as the recognizers read them, in words too.
  await typeInto(page, '#value-number', 'thirteen');
  await save(page, '#value-number');
  assert.equal((await markOf(page, '12.5 percent')).value, '13');
  assert.deepEqual(await panelValue(page), { words: '13%', machine: '13' });

  await openMark(page, 'second');
  assert.deepEqual(await panelValue(page), { words: '2nd', machine: '2' });
  await refused(page, '#value-number', '2.5', 'a rank must be a whole number');
  await typeInto(page, '#value-number', '3');
  await save(page, '#value-number');
  assert.deepEqual(await panelValue(page), { words: '3rd', machine: '3' });

  await openMark(page, 'Three');
  await refused(page, '#value-number', 'banana', 'a count must be a number: “banana”');
  await refused(page, '#value-number', '', 'a count is missing');
  await typeInto(page, '#value-number', '1,200');
  await save(page, '#value-number');
  assert.equal((await markOf(page, 'Three')).value, '1,200');
  assert.deepEqual(await panelValue(page), { words: '1,200', machine: null });
});

test('QUANTITY: an amount and a unit newsmark knows', async () => {
  const { page } = app;
  await openMark(page, '10 km');
  assert.equal(await page.inputValue('#value-quantity-unit'), 'km');
  await refused(page, '#value-quantity-unit', 'furlongs', 'unknown unit “furlongs”');
  await typeInto(page, '#value-quantity-unit', 'km');
  await refused(page, '#value-quantity-amount', 'a few', 'an amount must be a number: “a few”');
  await typeInto(page, '#value-quantity-amount', '12');
  await typeInto(page, '#value-quantity-unit', 'miles');
  await save(page, '#value-quantity-unit');
  assert.equal((await markOf(page, '10 km')).value, '12 mi');
  assert.equal(await page.inputValue('#value-quantity-unit'), 'mi');
});

test('DATE: a day picked, or a TIMEX typed for what a picker cannot say; shown in words', async () => {
  const { page } = app;
  await openMark(page, 'Tuesday');
  assert.deepEqual(await panelValue(page), { words: 'a Tuesday (no article date)', machine: 'XXXX-WXX-2' });
  const tuesday = await markOf(page, 'Tuesday');
  assert.equal(await page.getAttribute(`#view mark[data-start="${tuesday.start}"]`, 'title'), 'Date: a Tuesday (no article date) (XXXX-WXX-2)');

  await refused(page, '#value-date-timex', 'next week', 'has no spaces: “next week”');
  await refused(page, '#value-date-timex', '2022-02-30', 'there is no day 30 in month 2 of 2022');
  // The picker writes the TIMEX field.
  await page.fill('#value-date-day', '2022-08-09');
  assert.equal(await page.inputValue('#value-date-timex'), '2022-08-09');
  await save(page, '#value-date-timex');
  assert.equal((await markOf(page, 'Tuesday')).value, '2022-08-09');
  assert.deepEqual(await panelValue(page), { words: 'Tuesday 9 August 2022', machine: '2022-08-09' });
  assert.equal(await page.getAttribute(`#view mark[data-start="${tuesday.start}"]`, 'title'), 'Date: Tuesday 9 August 2022 (2022-08-09) (yours)');

  // A partial value: a Friday of no known week, typed in lower case.
  await openMark(page, 'this year');
  await typeInto(page, '#value-date-timex', 'xxxx-wxx-5');
  assert.equal(await page.inputValue('#value-date-day'), '', 'the picker cannot show a partial date');
  await save(page, '#value-date-timex');
  assert.deepEqual(await panelValue(page), { words: 'a Friday (no article date)', machine: 'XXXX-WXX-5' });
});

test('TIME: a time picked on a day, or a duration typed; shown in words', async () => {
  const { page } = app;
  await openMark(page, 'two hours');
  assert.deepEqual(await panelValue(page), { words: '2 h', machine: 'PT2H' });
  await refused(page, '#value-time-timex', 'T25:00', 'there is no hour 25');
  await refused(page, '#value-time-timex', 'PT2X', '“X” is not a unit of a duration');
  await typeInto(page, '#value-time-timex', 'PT2H39M16S');
  await save(page, '#value-time-timex');
  assert.deepEqual(await panelValue(page), { words: '2 h 39 min 16 s', machine: 'PT2H39M16S' });

  await openMark(page, '3 p.m.');
  assert.deepEqual(await panelValue(page), { words: '15:00', machine: 'T15:00' });
  assert.equal(await page.inputValue('#value-time-clock'), '15:00');
  await page.fill('#value-time-day', '2022-08-09');
  await page.fill('#value-time-clock', '15:30');
  assert.equal(await page.inputValue('#value-time-timex'), '2022-08-09T15:30');
  await save(page, '#value-time-clock');
  assert.deepEqual(await panelValue(page), { words: 'Tuesday 9 August 2022, 15:30', machine: '2022-08-09T15:30' });
});

test('names take no value: no editor; a value can be removed', async () => {
  const { page } = app;
  await openMark(page, 'Yonhap');
  assert.equal(await page.isVisible('#value-editor'), false);
  assert.equal(await page.textContent('#panel-value'), '—');
  await openMark(page, 'Aug. 9');
  await rendered(page, () => page.click('#panel-value-clear'));
  assert.equal((await markOf(page, 'Aug. 9')).value, null);
  assert.equal(await page.textContent('#panel-value'), '—');
});

test('the saved values are exported as the core keeps them, and survive a reload', async () => {
  const { page } = app;
  await page.selectOption('#export-format', 'json');
  await page.selectOption('#export-scope', 'one');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-download')]);
  const file = path.join(app.downloads, `values-${download.suggestedFilename()}`);
  await download.saveAs(file);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const value = (text) => (Array.isArray(doc) ? doc[0] : doc).spans.find((s) => s.text === text)?.value;
  assert.deepEqual(value('US$455 million'), { amount: 460000000, currency: 'EUR', qualifier: 'about' });
  assert.equal(value('12.5 percent'), 13);
  assert.equal(value('second'), 3);
  assert.equal(value('Three'), 1200);
  assert.deepEqual(value('10 km'), { amount: 12, unit: 'mi' });
  assert.equal(value('Tuesday'), '2022-08-09');
  assert.equal(value('this year'), 'XXXX-WXX-5');
  assert.equal(value('two hours'), 'PT2H39M16S');
  assert.equal(value('3 p.m.'), '2022-08-09T15:30');
  assert.equal(value('Aug. 9'), undefined);

  const before = await marks(page);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction((n) => document.querySelectorAll('#view mark').length === n, before.length);
  assert.deepEqual(await marks(page), before);
});

test('a value that does not fit its label, from an imported file, is flagged when its mark is opened', async () => {
  const { page } = app;
  const file = path.join(app.downloads, 'legacy.jsonl');
  const text = 'They paid US$5 million.';
  fs.writeFileSync(file, `${JSON.stringify({ text, spans: [{ start: 10, end: 22, label: 'MONEY', value: 'banana' }] })}\n`);
  await rendered(page, () => importFiles(page, [file]), text.length);
  await openMark(page, 'US$5 million');
  await page.waitForSelector('#value-check.error:has-text("This value does not fit a MONEY mark: a money value needs an amount and a currency")');
  // Put right in the editor, it is saved.
  await typeInto(page, '#value-money-amount', '5000000');
  await typeInto(page, '#value-money-currency', 'USD');
  await save(page, '#value-money-currency');
  assert.equal((await markOf(page, 'US$5 million')).value, '5,000,000 USD');
  assert.equal(await page.textContent('#value-check'), '');
});
