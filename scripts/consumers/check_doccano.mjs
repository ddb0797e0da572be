// doccano's browser editor places spans at JavaScript string indexes
// (UTF-16 code units), or at grapheme clusters in a project that counts
// them: the doccano export of the tricky corpus and of the seeds, sliced as
// JavaScript slices, must give every span's text. Run by
// scripts/consumers/run (NEWSMARK, SEEDS, TRICKY, CONSUMER_TMP).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { NEWSMARK, SEEDS, TRICKY, CONSUMER_TMP } = process.env;
const run = (args, input) => execFileSync(NEWSMARK, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
const lines = (s) => s.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

// newsmark JSONL's spans count code points; their text is the truth here.
const truth = (jsonl) =>
  lines(jsonl).map((d) => {
    const cps = Array.from(d.text);
    return {
      id: d.id,
      text: d.text,
      spans: d.spans.map((s) => {
        const text = cps.slice(s.start, s.end).join('');
        if (text !== s.text) throw new Error(`${d.id}: newsmark JSONL span ${s.start}..${s.end} is ${JSON.stringify(text)}, says ${JSON.stringify(s.text)}`);
        return { label: s.label, text };
      }),
    };
  });

const graphemes = (text) => Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text), (s) => s.segment);

const slicers = {
  utf16: (text, s, e) => text.slice(s, e),
  grapheme: (text, s, e) => graphemes(text).slice(s, e).join(''),
};

let failures = 0;
let checked = 0;
const fail = (msg) => {
  failures += 1;
  console.error(`check_doccano: ${msg}`);
};

const annotated = run(['annotate', '--jsonl', TRICKY]);
const corpora = [['tricky', annotated], ['seeds', readFileSync(SEEDS, 'utf8')]];
for (const [name, jsonl] of corpora) {
  const input = join(CONSUMER_TMP, `${name}.jsonl`);
  writeFileSync(input, jsonl);
  const want = truth(jsonl);
  for (const [unit, slice] of Object.entries(slicers)) {
    const args = ['export', '--format', 'doccano', input];
    if (unit !== 'utf16') args.push('--offset-unit', unit);
    const got = lines(run(args));
    if (got.length !== want.length) fail(`${name} (${unit}): ${got.length} lines for ${want.length} documents`);
    for (const [i, line] of got.entries()) {
      const w = want[i];
      if (line.text !== w.text) fail(`${name} (${unit}) line ${i + 1}: the text differs`);
      const spans = line.label.map(([s, e, label]) => ({ label, text: slice(line.text, s, e) }));
      if (JSON.stringify(spans) !== JSON.stringify(w.spans)) {
        fail(`${name} (${unit}) ${w.id}: sliced ${JSON.stringify(spans)}, want ${JSON.stringify(w.spans)}`);
      }
      checked += spans.length;
    }
    // And back: the export read as the unit it was written in gives the same spans.
    const outFile = join(CONSUMER_TMP, `${name}.${unit}.doccano.jsonl`);
    writeFileSync(outFile, run(args));
    const back = truth(run(['export', '--format', 'jsonl', '--input-offset-unit', unit, outFile]));
    for (const [i, d] of back.entries()) {
      if (JSON.stringify(d.spans) !== JSON.stringify(want[i].spans)) fail(`${name} (${unit}) ${d.id}: read back ${JSON.stringify(d.spans)}`);
    }
  }
}
// Node's own count: a span after an emoji starts one UTF-16 unit later than in code points.
const emoji = lines(run(['export', '--format', 'doccano', join(CONSUMER_TMP, 'tricky.jsonl')])).find((l) => l.id === 'emoji');
const tokyo = emoji.label.find(([, , label]) => label === 'LOC');
if (emoji.text.slice(tokyo[0], tokyo[1]) !== 'Tokyo' || Array.from(emoji.text).indexOf('T') === tokyo[0]) {
  fail(`emoji: LOC at ${tokyo} is not Tokyo in UTF-16, or UTF-16 and code points agree after 😀`);
}
console.log(`check_doccano: ${checked} spans sliced by JavaScript (UTF-16 and Intl.Segmenter grapheme clusters) equal newsmark's span texts; ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
