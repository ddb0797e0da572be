// The WASM part of scripts/snapshot: the objects the bindings give for the
// seeds, some CoNLL and wikigold documents and a few texts with emoji, CJK
// and combining marks, written as JSON (timings left out) to compare runs.
//   node scripts/snapshot-wasm.cjs PKG/newsmark.js SHARED OUTDIR
'use strict';
const fs = require('fs');
const path = require('path');
const [pkg, shared, outDir] = process.argv.slice(2);
const url = require('url');
const nm = require(path.resolve(pkg));

const readJsonl = (file, n) =>
  fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).slice(0, n).map((l) => JSON.parse(l));

const texts = [
  ...readJsonl(path.join(shared, 'seeds/gold.jsonl')).map((d) => ({ id: d.id, text: d.text })),
  ...readJsonl(path.join(shared, 'data/conll2003/test.jsonl'), 40).map((d) => ({ id: d.id, text: d.text })),
  ...readJsonl(path.join(shared, 'data/wikigold/dev.jsonl'), 10).map((d) => ({ id: d.id, text: d.text })),
  { id: 'emoji', text: 'Alice 👩‍👩‍👧 Smith paid $5 million 🎉 to Acme Corp on Monday, Sept. 14, 2021.' },
  { id: 'cjk', text: '東京 Tokyo: Sony Corp. said on Tuesday its profit rose 12% to 300 billion yen.' },
  { id: 'combining', text: 'Jose\u0301 Marti\u0301 of Peru\u0301 won 3 medals in Lima on 5 May 2020.' },
  { id: 'empty', text: '' },
];

function strip(r) {
  const { core_ms, elapsed_ms, ...rest } = r;
  return rest;
}

function attempt(f) {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: { name: e.name, message: e.message } };
  }
}

// A long text annotated in two parts and settled, as the page's worker
// does: cut after the first line break from the middle on.
function inParts(text, options) {
  const half = Math.floor(text.length / 2);
  if (text.indexOf('\n', half) < 0) return null;
  // Parts of half the text: cut after the first line break from the middle
  // on, the rest in one part.
  const job = new nm.AnnotationJob(text, options, half);
  try {
    // reconcile, which settled the parts by hand before, gave the options'
    // article date (none here), where the job gives the first part's.
    return { ...strip(job.finish()), article_date: null, article_date_source: null };
  } finally {
    job.free();
  }
}

// How the labels look on the page (names, colors, shortcuts): the page's
// own table since it left the core, the same objects as labels() gave.
async function labels() {
  if (nm.labels) return nm.labels();
  const file = path.join(__dirname, '..', 'www', 'labels.js');
  return (await import(url.pathToFileURL(file).href)).LABELS;
}

async function main() {
  const out = { version: nm.version(), labels: await labels(), formats: nm.formats(), documents: [], errors: {} };
  const records = [];
  for (const { id, text } of texts) {
    const plain = strip(nm.annotate(text, {}));
    const spans = plain.spans;
    const edits = spans.length >= 2
      ? { added: [{ start: spans[0].start, end: spans[0].end, label: 'MISC' }], removed: [{ start: spans[1].start, end: spans[1].end }] }
      : undefined;
    out.documents.push({
      id,
      plain,
      with_text: strip(nm.annotate(text, { include_text: true, article_date: '2021-09-14' })),
      labels: strip(nm.annotate(text, { labels: ['PERSON', 'MONEY', 'DATE'] })),
      edits: edits ? strip(nm.annotate(text, { edits })) : null,
      in_parts: inParts(text, {}),
    });
    // The page's documents as the exporters take them: annotate's own
    // shape, with an id and the text.
    records.push({ id, text, article_date: plain.article_date, article_date_source: plain.article_date_source, spans });
  }

  out.errors.bad_date = attempt(() => nm.annotate('x', { article_date: 'soon' }));
  out.errors.bad_label = attempt(() => nm.annotate('x', { labels: ['NOPE'] }));
  out.errors.bad_edit = attempt(() => nm.annotate('x', { edits: { added: [{ start: 0, end: 9, label: 'ORG' }] } }));
  out.errors.bad_option = attempt(() => nm.annotate('x', { nope: 1 }));
  // reconcile is gone: the job settles the parts itself.
  if (nm.reconcile) out.errors.bad_reconcile = attempt(() => nm.reconcile('x', '[{', {}));
  out.errors.bad_import = attempt(() => nm.importFile('{"text": 1}', 'a.json'));
  out.errors.empty_import = attempt(() => nm.importFile('', 'a.jsonl'));
  out.errors.bad_format = attempt(() => nm.exportDocuments(records, 'nope'));

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'objects.json'), JSON.stringify(out, null, 1));

  for (const f of nm.formats()) {
    const exported = attempt(() => nm.exportDocuments(records, f.id));
    const imported = [];
    if (exported.ok && f.can_import) {
      const files = exported.ok;
      if (f.id === 'brat') {
        imported.push(attempt(() => nm.importFiles(files.map((x) => ({ name: x.name, content: x.content })))));
      } else {
        for (const x of files) imported.push(attempt(() => nm.importFile(x.content, x.name)));
      }
    }
    fs.writeFileSync(path.join(outDir, `export.${f.id}.json`), JSON.stringify({ exported, imported }, null, 1));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
