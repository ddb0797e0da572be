// Figures, measured in the browser and written to tests/e2e/figures.json:
// transferred size (gzipped), paste-to-marks time for a 5 KB article,
// throughput on 1 MB while the page keeps answering input, load time; and
// the screenshot of the README.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { open, paste, marks, seed, recordFigures, repo, BASE, ready, closeChecked } from './helpers.mjs';

let app;
const responses = [];
before(async () => {
  app = await open();
  app.page.on('response', (r) => responses.push(r.url()));
});
after(() => closeChecked(app));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, digits = 1) => Number(x.toFixed(digits));

test('load: module and annotator ready', async () => {
  const { page } = app;
  const t0 = Date.now();
  await page.goto(BASE);
  await ready(page);
  const pageReadyMs = Date.now() - t0;
  const workerLoadMs = Number(await page.getAttribute('body', 'data-load-ms'));
  console.log(`load: annotator module ${workerLoadMs} ms in the worker, page ready ${pageReadyMs} ms after navigation`);
  recordFigures({ annotator_load_ms: workerLoadMs, page_ready_ms: pageReadyMs });
});

test('transferred size, gzipped: everything at most 1.5 MB, at most 500 KB besides the model data', async () => {
  const loaded = [...new Set(app.requests)].filter((u) => /\.(wasm|js|css)$/.test(new URL(u).pathname));
  assert.ok(loaded.some((u) => u.endsWith('.wasm')));
  const files = loaded.map((u) => {
    const rel = decodeURIComponent(new URL(u).pathname).replace(/^\//, '');
    const bytes = fs.readFileSync(path.join(repo, 'www', rel));
    return { file: rel, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (k, f = () => true) => files.filter(f).reduce((n, x) => n + x[k], 0);
  const isWasm = (x) => x.file.endsWith('.wasm');
  // The model data embedded in the module: the names model and the name
  // lists (model/names.bin, model/lexicon*.txt). Issue 13's bar is for
  // everything the page ships (<= 1.5 MB gzipped); issue 4's 500 KB bar is
  // for the rest, the code.
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(repo, 'model', file)), { level: 9 }).length;
  const modelFiles = fs.readdirSync(path.join(repo, 'model')).filter((f) => f === 'names.bin' || /^lexicon.*\.txt$/.test(f));
  const modelGzip = gz('names.bin');
  const dataGzip = modelFiles.reduce((n, f) => n + gz(f), 0);
  const figures = {
    transfer_gzip_kb: round(sum('gzip') / 1024),
    transfer_gzip_bytes: sum('gzip'),
    transfer_raw_kb: round(sum('raw') / 1024),
    wasm_gzip_kb: round(sum('gzip', isWasm) / 1024),
    js_css_gzip_kb: round(sum('gzip', (x) => !isWasm(x)) / 1024),
    names_model_gzip_kb: round(modelGzip / 1024),
    model_data_gzip_kb: round(dataGzip / 1024),
    transfer_without_model_gzip_kb: round((sum('gzip') - dataGzip) / 1024),
    files: files.map((x) => x.file),
  };
  console.log(`transfer: ${figures.transfer_gzip_kb} KB gzipped (${figures.transfer_gzip_bytes} bytes; wasm ${figures.wasm_gzip_kb} KB, JS+CSS ${figures.js_css_gzip_kb} KB; raw ${figures.transfer_raw_kb} KB) over ${files.length} files; of which model data ${figures.model_data_gzip_kb} KB (names model ${figures.names_model_gzip_kb} KB, name lists the rest), code ${figures.transfer_without_model_gzip_kb} KB`);
  recordFigures(figures);
  assert.ok(figures.transfer_gzip_bytes <= 1500000, `${figures.transfer_gzip_bytes} bytes gzipped in all > 1.5 MB`);
  const bar = Number(process.env.NEWSMARK_MAX_TRANSFER_KB || 500);
  assert.ok(figures.transfer_without_model_gzip_kb <= bar, `${figures.transfer_without_model_gzip_kb} KB gzipped without the model data > ${bar} KB`);
  assert.ok(figures.js_css_gzip_kb <= 50, `JS + CSS ${figures.js_css_gzip_kb} KB gzipped`);
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
