// The JavaScript side of the peer benchmark: compromise (+ compromise-dates),
// wink-nlp (+ wink-eng-lite-web-model) and newsmark's WASM build, all in this
// one Node process.
//
// usage: PEERS_JS_TOOLS=a,b node js_peers.mjs WORK_DIR OUT_NAME [NEWSMARK_PKG_DIR]
//
// For each tool it writes WORK_DIR/preds/<tool>.{conll,seeds,wikigold}.jsonl (spans in
// code points, end exclusive, with the tool's own label names; the scorer maps
// them) and one entry of WORK_DIR/js.json: versions, throughput on
// corpus.jsonl, median time for article5k.txt, or why the tool is missing.
// A tool that fails to load or crashes is reported, never silently dropped.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { measureThroughput, measureArticle } from './timing.mjs';

const require = createRequire(import.meta.url);
const [workDir, outName, newsmarkPkg] = process.argv.slice(2);
if (!workDir || !outName) {
  console.error('usage: PEERS_JS_TOOLS=a,b node js_peers.mjs WORK_DIR OUT_NAME [NEWSMARK_PKG_DIR]');
  process.exit(2);
}
const only = (process.env.PEERS_JS_TOOLS || 'compromise,wink-nlp,newsmark-wasm').split(',');

const NODE_MODULES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules');
/** Version from the installed package.json (some packages' exports hide it from require). */
const pkgVersion = (name) => JSON.parse(fs.readFileSync(path.join(NODE_MODULES, name, 'package.json'), 'utf8')).version;

const readJsonl = (p) => fs.readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const corpus = readJsonl(path.join(workDir, 'corpus.jsonl')).map((d) => d.text);
const article = fs.readFileSync(path.join(workDir, 'article5k.txt'), 'utf8');
const evalSets = {
  conll: readJsonl(path.join(workDir, 'conll_test.jsonl')),
  seeds: readJsonl(path.join(workDir, 'seeds.jsonl')),
};
// wikigold dev is absent when the data has no wikigold: its column is then n/a.
if (fs.existsSync(path.join(workDir, 'wikigold_dev.jsonl'))) {
  evalSets.wikigold = readJsonl(path.join(workDir, 'wikigold_dev.jsonl'));
}
fs.mkdirSync(path.join(workDir, 'preds'), { recursive: true });

// ---- offsets -------------------------------------------------------------

/** Maps UTF-16 indexes of `text` to code point indexes (identity when no surrogates). */
function utf16ToCodePoint(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { map[++i] = cp; }
    }
    cp++;
  }
  map[text.length] = cp;
  return (i) => map[i];
}

/** Converts [{start,end,label}] in UTF-16 units to code points. */
function toCodePoints(text, spans) {
  const cp = utf16ToCodePoint(text);
  return spans.map((s) => ({ start: cp(s.start), end: cp(s.end), label: s.label }));
}

/** Greedy: keeps spans in the order given, dropping any that overlaps one kept. */
function dropOverlaps(spans) {
  const kept = [];
  for (const s of spans) {
    if (s.end <= s.start) continue;
    if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Durations: a day or longer is DATE, shorter is TIME (guidelines). */
const SUBDAY = /\b(sec|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours)\b/i;
const durationLabel = (text) => (SUBDAY.test(text) ? 'DURATION<day' : 'DURATION>=day');

// ---- tools ---------------------------------------------------------------

// withDates=false is compromise alone: its plugins change the one shared
// `nlp`, so the run script loads that variant in a separate Node process.
async function loadCompromise(withDates = true) {
  const nlp = (await import('compromise')).default;
  if (withDates) nlp.plugin((await import('compromise-dates')).default);
  // Priority when views overlap: names, then money and percentages, then
  // dates/times/durations, then plain numbers.
  const views = [
    ['people', (d) => d.people()],
    ['organizations', (d) => d.organizations()],
    ['places', (d) => d.places()],
    ['money', (d) => d.money()],
    ['percentages', (d) => d.percentages()],
    ...(withDates ? [
      ['dates', (d) => d.dates()],
      ['times', (d) => d.times()],
      ['durations', (d) => d.durations()],
    ] : []),
    ['ordinals', (d) => d.numbers().isOrdinal()],
    ['cardinals', (d) => d.numbers().isCardinal()],
  ];
  const viewErrors = {};
  const extract = (text) => {
    const doc = nlp(text);
    const spans = [];
    for (const [name, view] of views) {
      let matches;
      try {
        matches = view(doc).json({ offset: true, terms: { offset: true } });
      } catch (e) {
        // compromise-dates (spacetime) throws on some inputs: count it, lose that view for this text.
        (viewErrors[name] ||= new Set()).add(text);
        continue;
      }
      for (const m of matches) {
        const terms = m.terms || [];
        if (!terms.length) continue;
        const first = terms[0];
        const last = terms[terms.length - 1];
        // Term offsets leave out the punctuation compromise keeps in pre/post.
        const start = first.offset.start;
        let end = last.offset.start + last.offset.length;
        if (last.tags && last.tags.includes('Abbreviation') && text[end] === '.') end += 1;
        const covered = text.slice(start, end);
        if (/['\u2019]s$/i.test(covered)) end -= 2; // possessive, as our guidelines
        const label = name === 'durations' ? durationLabel(covered) : name;
        spans.push({ start, end, label });
      }
    }
    return toCodePoints(text, dropOverlaps(spans));
  };
  const core = ['compromise', 'efrt', 'grad-school', 'suffix-thumb'];
  return withDates
    ? { extract, version: pkgVersion('compromise') + ' + compromise-dates ' + pkgVersion('compromise-dates'), errors: viewErrors, packages: [...core, 'compromise-dates', 'spacetime', 'spacetime-holiday'] }
    : { extract, version: pkgVersion('compromise') + ' (no plugins)', errors: viewErrors, packages: core };
}

async function loadWink() {
  const winkNLP = require('wink-nlp');
  const model = require('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  const its = nlp.its;
  const extract = (text) => {
    const doc = nlp.readDoc(text);
    // Token character offsets: find each token's text from a moving cursor
    // (wink keeps every token's surface form; this stays right even where
    // it splits contractions).
    const values = doc.tokens().out(its.value);
    const starts = new Array(values.length);
    const ends = new Array(values.length);
    let cursor = 0;
    for (let i = 0; i < values.length; i++) {
      let at = text.indexOf(values[i], cursor);
      if (at < 0) at = cursor; // should not happen; keep going
      starts[i] = at;
      ends[i] = at + values[i].length;
      cursor = ends[i];
    }
    const spans = [];
    const details = doc.entities().out(its.detail);
    const tokenSpans = doc.entities().out(its.span);
    for (let k = 0; k < details.length; k++) {
      const [a, b] = tokenSpans[k];
      const type = details[k].type;
      const start = starts[a];
      const end = ends[b];
      spans.push({ start, end, label: type === 'DURATION' ? durationLabel(text.slice(start, end)) : type });
    }
    return toCodePoints(text, dropOverlaps(spans));
  };
  return { extract, version: 'wink-nlp ' + pkgVersion('wink-nlp') + ' + wink-eng-lite-web-model ' + pkgVersion('wink-eng-lite-web-model'), packages: ['wink-nlp', 'wink-eng-lite-web-model'] };
}

async function loadNewsmarkWasm() {
  if (!newsmarkPkg) throw new Error('no WASM build (see the run log)');
  const mod = require(path.resolve(newsmarkPkg, 'newsmark.js'));
  if (typeof mod.annotate !== 'function') throw new Error('newsmark.js exports no annotate()');
  const call = (text) => {
    let out = mod.annotate(text, {});
    if (typeof out === 'string') out = JSON.parse(out);
    if (out instanceof Map) out = Object.fromEntries(out);
    return out;
  };
  // The bindings (crates/newsmark-wasm) return UTF-16 `start`/`end` plus code point `start_cp`/`end_cp`;
  // take the code points when given, else convert the UTF-16 indexes.
  const extract = (text) => {
    const out = call(text);
    const spans = out.spans || out.annotations || [];
    if (spans.length && spans[0].start_cp !== undefined) {
      return spans.map((s) => ({ start: s.start_cp, end: s.end_cp, label: s.label }));
    }
    return toCodePoints(text, spans.map((s) => ({ start: s.start, end: s.end, label: s.label })));
  };
  let version = '?';
  if (typeof mod.version === 'function') version = mod.version();
  const profile = process.env.PEERS_WASM_PROFILE || 'wasm';
  return { extract, version: `newsmark ${version} (WASM, profile ${profile})`, packages: [] };
}

const loaders = { compromise: () => loadCompromise(true), 'compromise-core': () => loadCompromise(false), 'wink-nlp': loadWink, 'newsmark-wasm': loadNewsmarkWasm };

// ---- run -----------------------------------------------------------------

const results = {};
for (const name of only) {
  const entry = { tool: name, runtime: 'node ' + process.version };
  if (!loaders[name]) { console.error(`js_peers: unknown tool ${name}`); process.exitCode = 2; continue; }
  results[name] = entry;
  let tool;
  try {
    tool = await loaders[name]();
    entry.version = tool.version;
  } catch (e) {
    entry.missing = `failed to load: ${e.message}`;
    console.error(`js_peers: ${name}: ${entry.missing}`);
    continue;
  }
  try {
    for (const [set, docs] of Object.entries(evalSets)) {
      const lines = docs.map((d) => JSON.stringify({ id: d.id, spans: tool.extract(d.text) }));
      fs.writeFileSync(path.join(workDir, 'preds', `${name}.${set}.jsonl`), lines.join('\n') + '\n');
    }
    entry.loadavg_1min = os.loadavg()[0];
    Object.assign(entry, measureThroughput(tool.extract, corpus, performance));
    Object.assign(entry, measureArticle(tool.extract, article, performance));
    entry.packages = tool.packages;
    if (tool.errors && Object.keys(tool.errors).length) {
      // Distinct texts a view threw on, over everything this tool annotated.
      entry.errors = Object.fromEntries(Object.entries(tool.errors).map(([k, v]) => [k, v.size]));
    }
    console.error(`js_peers: ${name}: ${Math.round(entry.chars_per_s)} chars/s, 5 KB article ${entry.article_ms.toFixed(2)} ms`);
  } catch (e) {
    entry.failed = `crashed: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`;
    console.error(`js_peers: ${name}: ${entry.failed}`);
  }
}
fs.writeFileSync(path.join(workDir, outName), JSON.stringify(results, null, 2));
