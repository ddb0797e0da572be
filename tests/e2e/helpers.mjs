// Shared by the end-to-end tests: a fresh headless Chromium per test file,
// request recording, and small helpers that drive the page like a person.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const seedsDir = path.resolve(repo, '../shared/seeds');
export const BASE = process.env.NEWSMARK_URL || 'http://127.0.0.1:8080/';
export const ORIGIN = new URL(BASE).origin;

export function seed(name) {
  const file = fs.readdirSync(seedsDir).find((f) => f.startsWith(name) && f.endsWith('.txt'));
  if (!file) throw new Error(`seed ${name} not found in ${seedsDir}`);
  return fs.readFileSync(path.join(seedsDir, file), 'utf8');
}

/**
 * Launches Chromium with a fresh profile and opens the app. Every request
 * the browser makes is recorded in `requests`; every dialog in `dialogs`
 * (and dismissed unless `onDialog` handles it).
 */
export async function open({ viewport = { width: 1280, height: 900 } } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsmark-e2e-'));
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'newsmark-dl-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    acceptDownloads: true,
    downloadsPath: downloads,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const requests = [];
  const dialogs = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] || (await context.newPage());
  const app = { context, page, requests, dialogs, errors, profile, downloads, onDialog: null };
  page.on('dialog', async (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    if (app.onDialog) await app.onDialog(d);
    else await d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BASE);
  await ready(page);
  return app;
}

export async function close(app) {
  await app.context.close();
  fs.rmSync(app.profile, { recursive: true, force: true });
}

/**
 * Closes `app` (when it opened) after what every test file checks last: no
 * request outside the page's origin and no uncaught error in the page.
 */
export async function closeChecked(app) {
  if (!app) return;
  assert.deepEqual(foreignRequests(app), [], 'the page requested another origin');
  assert.deepEqual(app.errors, [], 'uncaught errors in the page');
  await close(app);
}

/** Waits until the app has loaded its module and its saved documents. */
export async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
}

/** URLs the browser requested outside the app's origin. */
export function foreignRequests(app) {
  return app.requests.filter((u) => !u.startsWith(`${ORIGIN}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

/**
 * Runs `action` and resolves to the detail of the next `newsmark:rendered`
 * event whose text has `chars` characters (any, when not given).
 */
export async function rendered(page, action, chars = null) {
  await page.evaluate((chars) => {
    window.__nmRendered = new Promise((resolve) => {
      const on = (e) => {
        if (chars !== null && e.detail.chars !== chars) return;
        document.removeEventListener('newsmark:rendered', on);
        resolve(e.detail);
      };
      document.addEventListener('newsmark:rendered', on);
    });
  }, chars);
  await action();
  return page.evaluate(() => window.__nmRendered);
}

/**
 * Pastes `text` into the text box over all it holds, as a user pastes a
 * new article (select all, paste): `beforeinput`, then one `input` event
 * of type `insertFromPaste`. Resolves when the marks are on screen, with
 * `ms` from the paste to the rendered marks.
 */
export async function paste(page, text) {
  return page.evaluate(async (text) => {
    const ta = document.getElementById('text');
    const done = new Promise((resolve) => {
      const on = (e) => {
        if (e.detail.chars !== text.length) return;
        document.removeEventListener('newsmark:rendered', on);
        resolve(e.detail);
      };
      document.addEventListener('newsmark:rendered', on);
    });
    ta.focus();
    const t0 = performance.now();
    // As a user pastes a new article over the whole text: select all, paste.
    ta.setSelectionRange(0, ta.value.length);
    ta.dispatchEvent(new InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertFromPaste' }));
    ta.value = text;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    const detail = await done;
    return { ...detail, ms: performance.now() - t0 };
  }, text);
}

/**
 * Puts the focus in the article's text box, as a user does: the Edit text
 * button when the marked view shows (an empty document shows the box).
 */
export async function editText(page) {
  if (await page.isHidden('#text')) await page.click('#edit-text');
  await page.focus('#text');
}

/** The marks on screen: `{start, end, label, text, value, user}`. */
export function marks(page) {
  return page.$$eval('#view mark', (ms) => ms.map((m) => ({
    start: Number(m.dataset.start),
    end: Number(m.dataset.end),
    label: m.dataset.label,
    text: m.textContent,
    value: m.dataset.value ?? null,
    user: m.classList.contains('user'),
  })));
}

/** Selects `start..end` (UTF-16) of the annotated view, as a mouse drag would. */
export async function selectInView(page, start, end) {
  await page.evaluate(([start, end]) => {
    const view = document.getElementById('view');
    const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let at = 0;
    let startSet = false;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const next = at + t.data.length;
      if (!startSet && start <= next && start >= at) { range.setStart(t, start - at); startSet = true; }
      if (startSet && end <= next) { range.setEnd(t, end - at); break; }
      at = next;
    }
    view.focus();
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }, [start, end]);
  // Let the page see the selection change.
  await page.waitForTimeout(50);
}

/** Waits for the autosave to reach the browser's storage (store.js). */
export async function saved(page) {
  await page.waitForSelector('body[data-saved="true"]', { timeout: 10000 });
}

/** Merges `figures` into tests/e2e/figures.json. */
export function recordFigures(figures) {
  const file = path.join(here, 'figures.json');
  let all = {};
  try {
    all = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // first figures of the run
  }
  Object.assign(all, figures, { measured_at: new Date().toISOString() });
  fs.writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}

/** Sets files on the import picker; resolves to the `newsmark:imported` detail. */
export async function importFiles(page, files) {
  await page.evaluate(() => {
    window.__nmImported = new Promise((resolve) => document.addEventListener('newsmark:imported', (e) => resolve(e.detail), { once: true }));
  });
  await page.setInputFiles('#import-file', files);
  return page.evaluate(() => window.__nmImported);
}

/**
 * The documents in the list (those its filter shows): `[{id, name,
 * selected}]`, `selected` the open one.
 */
export function docList(page) {
  return page.$$eval('#doc-list button[data-id]', (bs) => bs.map((b) => ({
    id: b.dataset.id, name: b.querySelector('.name').textContent, selected: b.getAttribute('aria-current') === 'true',
  })));
}

/** Opens a document by clicking its row in the list, and waits for its marks. */
export async function switchTo(page, id) {
  return rendered(page, () => page.click(`#doc-list button[data-id="${id}"]`));
}
