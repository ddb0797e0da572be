// Figures, measured in the browser and written to tests/e2e/figures.json:
// on a cold page (new profile, empty cache) the bytes the browser received
// (served gzipped by scripts/serve_www.py, as scripts/e2e does), load to
// ready, and the first paste of a 3.4 KB article to marks; on a warm page
// paste-to-marks for a 5 KB article and throughput on 1 MB while the page
// keeps answering input; and the screenshot of the README.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { open, paste, marks, seed, recordFigures, repo, BASE, ORIGIN, ready, closeChecked } from './helpers.mjs';

// The warm page, opened first: it also has the server compress every file
// once (scripts/serve_www.py keeps the gzipped bytes), as a host serving
// precompressed files would, before the cold page is measured.
let app;
before(async () => {
  app = await open();
});
after(() => closeChecked(app));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, digits = 1) => Number(x.toFixed(digits));

/**
 * Opens the page in a new browser with a new profile (an empty cache) and
 * records, for every response, what the browser received: its encoded body
 * (the bytes on the wire after Content-Encoding, from Chromium's
 * `Network.loadingFinished` encodedDataLength less the headers, as
 * Playwright's `request.sizes()` reports it, worker requests included),
 * its headers, and its Content-Encoding. `readyAt` is the page's clock
 * (ms since navigation start) when the app said it was ready.
 */
async function openCold() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsmark-cold-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const received = [];
  context.on('requestfinished', (req) => received.push((async () => {
    const res = await req.response();
    const sizes = await req.sizes();
    const headers = res ? await res.allHeaders() : {};
    return {
      url: req.url(),
      status: res ? res.status() : 0,
      encoding: headers['content-encoding'] || null,
      type: headers['content-type'] || null,
      body: sizes.responseBodySize,
      headers: sizes.responseHeadersSize,
    };
  })()));
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Before any script of the page: note the moment body[data-ready] is set.
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body && document.body.dataset.ready === 'true') {
        window.__nmReadyAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  await page.goto(BASE);
  await ready(page);
  const { readyAt, domContentLoaded } = await page.evaluate(() => ({
    readyAt: window.__nmReadyAt,
    domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  }));
  return { context, page, errors, profile, readyAt, domContentLoaded, received: () => Promise.all(received) };
}

// The cold page: a new browser profile (empty cache), as a first visit.
let cold;
test('cold load: transferred as received, load to ready, first paste of 3.4 KB to marks under 100 ms', async () => {
  cold = await openCold();
  const { page } = cold;
  const workerLoadMs = Number(await page.getAttribute('body', 'data-load-ms'));
  // The page's own client module (the same instance): the worker's figures.
  const { warmUpMs } = await page.evaluate(async () => (await import('./client.js')).init());
  // The first paste on this page, at once: nothing ran in it before.
  const article = seed('000_');
  const first = await paste(page, article);
  const second = await paste(page, `${article.slice(0, -1)} More.\n`);
  const received = (await cold.received()).filter((r) => r.url.startsWith(ORIGIN));
  for (const r of received) {
    assert.equal(r.status, 200, `${r.url}: a fresh profile has nothing cached`);
    // What scripts/serve_www.py compresses (not images, already compressed).
    if (/\.(wasm|m?js|css|html|json|svg|txt)$|\/$/.test(new URL(r.url).pathname)) {
      assert.equal(r.encoding, 'gzip', `${r.url} came gzipped (served by scripts/serve_www.py)`);
    }
  }
  const wasm = received.filter((r) => r.url.endsWith('.wasm'));
  assert.equal(wasm.length, 1, 'the module is downloaded once');
  // The formats' module waits for the first export or import.
  assert.ok(!received.some((r) => r.url.includes('newsmark_formats')), 'a cold page fetches no formats module');
  assert.equal(wasm[0].type, 'application/wasm', 'served as application/wasm: compiled while it downloads');
  const sum = (f = () => true, k = 'body') => received.filter(f).reduce((n, r) => n + r[k], 0);
  const isWasm = (r) => r.url.endsWith('.wasm');
  const bodyBytes = sum();
  const headerBytes = sum(() => true, 'headers');
  // The model data embedded in the module (model/names.bin and the name
  // lists) cannot be told apart on the wire: its share is computed, gzip -9
  // of the files. Issue 13's bar is for everything the page ships (<= 1.5
  // MB); issue 4's 500 KB bar is for the rest, the code.
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(repo, 'model', file)), { level: 9 }).length;
  const modelFiles = fs.readdirSync(path.join(repo, 'model')).filter((f) => f === 'names.bin' || /^lexicon.*\.txt$/.test(f));
  const dataGzip = modelFiles.reduce((n, f) => n + gz(f), 0);
  const rawBytes = received.reduce((n, r) => {
    const rel = decodeURIComponent(new URL(r.url).pathname).replace(/^\//, '') || 'index.html';
    return n + fs.statSync(path.join(repo, 'www', rel.endsWith('/') ? `${rel}index.html` : rel)).size;
  }, 0);
  const figures = {
    transfer_bytes: bodyBytes,
    transfer_kb: round(bodyBytes / 1024),
    transfer_with_headers_bytes: bodyBytes + headerBytes,
    transfer_raw_kb: round(rawBytes / 1024),
    wasm_transfer_kb: round(sum(isWasm) / 1024),
    js_css_transfer_kb: round(sum((r) => /\.(m?js|css)$/.test(new URL(r.url).pathname)) / 1024),
    other_transfer_kb: round(sum((r) => !isWasm(r) && !/\.(m?js|css)$/.test(new URL(r.url).pathname)) / 1024),
    model_data_gzip_kb: round(dataGzip / 1024),
    names_model_gzip_kb: round(gz('names.bin') / 1024),
    transfer_without_model_kb: round((bodyBytes - dataGzip) / 1024),
    transfer_files: received.length,
    cold_page_ready_ms: Math.round(cold.readyAt),
    cold_dom_content_loaded_ms: Math.round(cold.domContentLoaded),
    cold_annotator_load_ms: workerLoadMs,
    cold_annotator_warm_up_ms: round(warmUpMs),
    cold_first_paste_3kb_ms: round(first.ms),
    cold_first_paste_3kb_core_ms: round(first.coreMs),
    cold_first_paste_3kb_pipeline_ms: round(first.pipelineMs),
    cold_first_paste_3kb_render_ms: round(first.renderMs),
    cold_second_paste_3kb_ms: round(second.ms),
    article_3kb_chars: article.length,
    article_3kb_bytes: Buffer.byteLength(article, 'utf8'),
  };
  console.log(`cold load: ${received.length} files, ${bodyBytes} bytes received gzipped (${figures.transfer_kb} KB; wasm ${figures.wasm_transfer_kb} KB, JS+CSS ${figures.js_css_transfer_kb} KB, HTML and the rest ${figures.other_transfer_kb} KB; ${bodyBytes + headerBytes} bytes with headers; raw ${figures.transfer_raw_kb} KB), of which model data ${figures.model_data_gzip_kb} KB (computed), code ${figures.transfer_without_model_kb} KB`);
  console.log(`cold load: ready ${figures.cold_page_ready_ms} ms after navigation (DOMContentLoaded ${figures.cold_dom_content_loaded_ms} ms; annotator module loaded in ${workerLoadMs} ms in the worker, then warmed up in ${figures.cold_annotator_warm_up_ms} ms); first paste of ${figures.article_3kb_bytes} bytes to marks ${figures.cold_first_paste_3kb_ms} ms (core ${figures.cold_first_paste_3kb_core_ms} ms, of which pipeline ${figures.cold_first_paste_3kb_pipeline_ms} ms; render ${figures.cold_first_paste_3kb_render_ms} ms; ${first.marks} marks), second ${figures.cold_second_paste_3kb_ms} ms`);
  recordFigures(figures);
  // Issue 13's bar (<= 1.5 MB in all) and issue 4's (<= 500 KB of code)
  // held until issue 16's formats (DocBin, Prodigy, CoNLL-U, Hugging Face,
  // doccano's units, Label Studio's predictions) added about 130 KB of
  // gzipped code: both are reported, not met, in the README. These guards
  // catch any further growth; lower them back when the code shrinks.
  // The names model's format version 4 (same numbers, laid out for gzip)
  // and chrono's format machinery left out took 90 KB off (1,530,207
  // bytes, code 586.6 KB on 2026-12-02): the guards follow, 1.56 MB and
  // 610 KB, until the bars themselves are met. Issue 17's label sets and
  // adaptive tagger (the Adapter in the module, labelset.js, labels-editor.js,
  // learn.js) added 48.5 KB (1,578,815 bytes, code 634.1 KB, measured
  // 2026-12-02 after the merge): the guards follow, 1.60 MB and 650 KB.
  // The names model's format version 5 (the keys as 26 and 24 of their
  // hashes' bits) took 105 KB off (1,487,493 bytes on 2026-12-03): issue
  // 13's bar is met again, and the test holds it. The code guard follows
  // that day's rules and the narrowed keys' reader (651.2 KB): 660 KB.
  // The formats' exports and imports in a module of their own, fetched at
  // the first export or import (2026-12-03), took 185 KB of code off the
  // cold page: issue 4's bar is met again, and the test holds it.
  console.log(`cold load: issue 13's 1.5 MB bar ${bodyBytes <= 1500000 ? 'met' : 'NOT met'}, issue 4's 500 KB code bar ${figures.transfer_without_model_kb <= 500 ? 'met' : 'NOT met'}`);
  assert.ok(bodyBytes <= 1500000, `${bodyBytes} bytes received in all > 1.5 MB (issue 13)`);
  const bar = Number(process.env.NEWSMARK_MAX_TRANSFER_KB || 500);
  assert.ok(figures.transfer_without_model_kb <= bar, `${figures.transfer_without_model_kb} KB received without the model data > ${bar} KB`);
  // The page's own code, a guard against bloat: 62 KB with issue 14's editors, list, search and keyboard.
  assert.ok(figures.js_css_transfer_kb <= 100, `JS + CSS ${figures.js_css_transfer_kb} KB received`);
  assert.ok(first.marks > 20, `${first.marks} marks`);
  assert.ok(first.ms < 100, `the first paste on a cold page took ${first.ms} ms to marks`);
  assert.deepEqual(cold.errors, [], 'uncaught errors in the cold page');
});
test('the first export fetches the formats module, once, and is answered in under 1 s', async () => {
  const { page } = cold;
  const times = await page.evaluate(async () => {
    const client = await import('./client.js');
    const text = 'Acme Corp paid $5 million to Jane Okello in Kampala on Monday.';
    const docs = [{ ...(await client.annotate(text, {})), id: 'one', text }];
    const t0 = performance.now();
    const first = await client.exportDocuments(docs, 'jsonl');
    const t1 = performance.now();
    const next = await client.exportDocuments(docs, 'conll');
    return { firstMs: t1 - t0, nextMs: performance.now() - t1, first: first[0].content, next: next.length };
  });
  const fetched = (await cold.received()).filter((r) => r.url.includes('newsmark_formats'));
  const formatsWasm = fetched.filter((r) => r.url.endsWith('.wasm'));
  assert.equal(formatsWasm.length, 1, 'the formats module is fetched once');
  const kb = round(fetched.reduce((n, r) => n + r.body, 0) / 1024);
  console.log(`first export: ${round(times.firstMs)} ms with the formats module fetched (${kb} KB gzipped), the next ${round(times.nextMs)} ms`);
  recordFigures({ first_export_ms: round(times.firstMs), next_export_ms: round(times.nextMs), formats_module_transfer_kb: kb });
  assert.match(times.first, /"label":"ORG"/, 'the export holds the marks');
  assert.equal(times.next, 1);
  assert.ok(times.firstMs < 1000, `the first export took ${times.firstMs} ms`);
  assert.deepEqual(cold.errors, [], 'uncaught errors in the cold page');
});

after(async () => {
  if (!cold) return;
  await cold.context.close();
  fs.rmSync(cold.profile, { recursive: true, force: true });
});

/** At least `size` characters of news text, cut at the next line end. */
function newsText(size) {
  const base = `${seed('000_')}\n${seed('002_')}\n`;
  let text = base;
  while (text.length < size + base.length) text += base;
  return text.slice(0, text.indexOf('\n', size) + 1);
}

test('a 5 KB article goes from paste to marks in under 100 ms', async () => {
  const { page } = app;
  const a = newsText(5 * 1024);
  const b = `${a.slice(0, -1)} More.\n`;
  const runs = [];
  for (let i = 0; i < 7; i++) runs.push(await paste(page, i % 2 ? b : a));
  const ms = median(runs.map((r) => r.ms));
  const core = median(runs.map((r) => r.coreMs));
  console.log(`5 KB paste to marks: median ${round(ms)} ms (core ${round(core)} ms, render ${round(median(runs.map((r) => r.renderMs)))} ms; ${runs[0].marks} marks; runs ${runs.map((r) => Math.round(r.ms)).join(', ')})`);
  recordFigures({ paste_to_marks_5kb_ms: round(ms), annotate_5kb_core_ms: round(core), article_5kb_chars: a.length });
  assert.ok(ms < 100, `${ms} ms`);
});

test('a 1 MB paste finishes, with progress, while the page answers input', async () => {
  const { page } = app;
  const text = newsText(1024 * 1024);
  const bytes = Buffer.byteLength(text, 'utf8');
  // Watch the main thread: its long tasks (> 50 ms) from now on.
  await page.evaluate(() => {
    window.__nmLong = [];
    window.__nmObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__nmLong.push(e.duration);
    });
    window.__nmObserver.observe({ type: 'longtask' });
  });
  // Paste without waiting, then use the page while the worker annotates.
  await page.evaluate((text) => {
    const t0 = performance.now();
    window.__nmBig = new Promise((resolve) => {
      const on = (e) => {
        if (e.detail.chars !== text.length) return;
        document.removeEventListener('newsmark:rendered', on);
        resolve({ ...e.detail, ms: performance.now() - t0 });
      };
      document.addEventListener('newsmark:rendered', on);
    });
    const ta = document.getElementById('text');
    ta.value = text;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  // The busy indicator shows; the page answers a key press meanwhile.
  await page.waitForSelector('#busy:not([hidden])', { timeout: 5000 });
  await page.focus('#export-scope');
  const t = Date.now();
  await page.keyboard.press('ArrowDown');
  const answered = await page.$eval('#export-scope', (s) => s.value);
  const answerMs = Date.now() - t;
  const stillBusy = await page.isVisible('#busy');
  const progressSeen = await page.$eval('#progress', (p) => p.value);
  const big = await page.evaluate(() => window.__nmBig);
  await page.waitForTimeout(200);
  const longTasks = await page.evaluate(() => { window.__nmObserver.disconnect(); return window.__nmLong; });
  const longest = Math.max(0, ...longTasks);
  assert.equal(answered, 'all', 'the select answered the key press');
  const mbps = bytes / 1e6 / (big.coreMs / 1000);
  const pipelineMbps = bytes / 1e6 / (big.pipelineMs / 1000);
  console.log(`1 MB: ${big.marks} marks; annotated in ${Math.round(big.coreMs)} ms in the worker (${round(mbps, 2)} MB/s; the core pipeline alone ${Math.round(big.pipelineMs)} ms, ${round(pipelineMbps, 2)} MB/s), on screen after ${Math.round(big.ms)} ms (render ${Math.round(big.renderMs)} ms); a key press answered in ${answerMs} ms while busy=${stillBusy} (progress ${round(progressSeen, 2)}); main-thread long tasks: ${longTasks.length}, longest ${Math.round(longest)} ms`);
  recordFigures({
    throughput_1mb_worker_mb_s: round(mbps, 2),
    throughput_1mb_wasm_pipeline_mb_s: round(pipelineMbps, 2),
    annotate_1mb_worker_ms: Math.round(big.coreMs),
    paste_to_marks_1mb_ms: Math.round(big.ms),
    render_1mb_ms: Math.round(big.renderMs),
    marks_1mb: big.marks,
    input_answer_during_1mb_ms: answerMs,
    main_thread_long_tasks_1mb: longTasks.length,
    main_thread_longest_task_1mb_ms: Math.round(longest),
  });
  assert.ok(big.marks > 1000);
  assert.ok(answerMs < 500, `key press answered after ${answerMs} ms`);
  assert.ok(longest < 500, `the main thread froze for ${Math.round(longest)} ms`);
  await page.selectOption('#export-scope', 'one');
});

test('screenshot of the seed article annotated (docs/screenshot.png)', async () => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await paste(page, seed('000_'));
  const money = (await marks(page)).find((m) => m.text === 'US$455 million');
  if (money) await page.click(`#view mark[data-start="${money.start}"]`);
  await page.evaluate(() => { document.getElementById('text').scrollTop = 0; window.scrollTo(0, 0); });
  fs.mkdirSync(path.join(repo, 'docs'), { recursive: true });
  await page.screenshot({ path: path.join(repo, 'docs', 'screenshot.png') });
  assert.ok(fs.statSync(path.join(repo, 'docs', 'screenshot.png')).size > 10000);
});
