// The adaptive tagger in the page (issue 17): a document marked done is
// learned in the worker, the page says so, and what was learned is kept
// through a reload. (Defining a label in the page, a suggestion in a new
// document, export, import and forgetting are not covered yet.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, closeChecked } from './helpers.mjs';

const LIMIT = { timeout: 120000 };
let app;
before(async () => { app = await open(); });
after(async () => { await closeChecked(app); });

const learnedLine = (page) => page.evaluate(() => document.getElementById('learned')?.textContent ?? '');

test('a document marked done is learned, and stays learned through a reload', LIMIT, async () => {
  const { page } = app;
  await page.waitForFunction(() => document.getElementById('learned')?.textContent === 'nothing learned yet');
  await paste(page, 'Rebels fired a Kornet missile at the convoy near Aleppo on Monday, officials in Damascus said.');
  await page.selectOption('#doc-status', 'done');
  await page.waitForFunction(() => document.getElementById('learned')?.textContent.startsWith('learned from 1 document'));
  await page.reload();
  await page.waitForFunction(() => (document.getElementById('learned')?.textContent ?? '').startsWith('learned from 1 document'));
  assert.match(await learnedLine(page), /^learned from 1 document/);
});
