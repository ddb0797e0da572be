// The annotator's thread: loads the WASM module and answers the page's
// requests, so that annotating a long text never blocks the page.
//
// Requests: {id, op, ...args}; replies: {id, ok: true, result} or
// {id, ok: false, error: {name, message}}; long annotations also post
// {id, progress} (0..1) between parts.
import init, * as nm from './pkg/newsmark.js';

// The formats' exports and imports are a module of their own
// (scripts/build-wasm), fetched at the first export or import: a cold page
// does not load a third of the code it may never run. It has its own core,
// so it is told the project's labels as the first module knows them
// before each use (a label made or renamed since is there too).
let formatsModule = null;
async function formats() {
  formatsModule ??= import('./pkg/newsmark_formats.js').then(async (fm) => {
    await fm.default();
    return fm;
  }).catch((e) => {
    // The next export or import tries again.
    formatsModule = null;
    throw new Error(`the formats module could not be loaded: ${e.message}`);
  });
  const fm = await formatsModule;
  fm.defineLabels(nm.definedLabels());
  return fm;
}

let latestAnnotate = 0;

// The project's adaptive tagger (issue 17, www/learn.js): made by
// 'learnLoad', fed by 'learn' (a document marked done) and 'learnPassage'
// (a hand edit's paragraph), used by 'annotate' once it learned something
// (`adapterLearned`, kept from its summaries: asking it every keystroke
// would count its weights every keystroke).
let adapter = null;
let adapterLearned = false;
const learnedSomething = (summary) => summary.documents > 0 || summary.weights > 0;

// A first annotation pays one-time costs: parsing the names model and the
// name lists (the core does it on first use), filling the tables the core
// keeps, and the engine's compiling of the hot code. Paid here, on one
// sentence with every kind of mark, before the worker answers its first
// request, so that a paste at once after the page is ready is fast
// (README, "The page"): otherwise the first paste paid them, 110-200 ms of
// the core's time on a 3.4 KB article on a cold page, against 2 ms warm.
const WARM_UP = 'On Monday, 3 March 2025 at 10:30 a.m., Jane Okello of the Acme Trading Company in Kampala, Uganda, '
  + 'paid US$4.5 million, 12% more than the second offer, for 300 tonnes of coffee from 15 farms.';

const t0 = performance.now();
const ready = init().then(() => {
  const loaded = performance.now();
  // The page's own path (annotate below), so that its code is warm too.
  const job = new nm.AnnotationJob(WARM_UP, {});
  try {
    while (!job.done) job.step();
    job.finish();
  } finally {
    job.free();
  }
  return { loadMs: loaded - t0, warmUpMs: performance.now() - loaded };
});

self.onmessage = async (event) => {
  const req = event.data;
  // Before any wait: a job under way looks at this between its parts.
  if (req.op === 'annotate' || req.op === 'cancel') latestAnnotate = Math.max(latestAnnotate, req.id);
  try {
    const { loadMs, warmUpMs } = await ready;
    let result;
    switch (req.op) {
      case 'init':
        result = { formats: nm.formats(), version: nm.version(), loadMs, warmUpMs };
        break;
      case 'annotate':
        result = await annotate(req.id, req.text, req.options);
        break;
      case 'cancel':
        result = null;
        break;
      case 'export':
        result = (await formats()).exportDocuments(req.docs, req.format, req.options);
        break;
      case 'defineLabels':
        result = nm.defineLabels(req.labels);
        break;
      case 'readLabelSet':
        result = nm.readLabelSet(req.text);
        break;
      case 'readToolLabels':
        result = (await formats()).readToolLabels(req.files);
        break;
      case 'validateEdit':
        result = nm.validateEdit(req.text, req.span);
        break;
      case 'tokens':
        result = nm.tokens(req.text);
        break;
      case 'checkValue':
        result = nm.checkValue(req.label, req.value);
        break;
      case 'valueVocabulary':
        result = nm.valueVocabulary();
        break;
      case 'importFiles':
        result = (await formats()).importFiles(req.files);
        break;
      case 'learnLoad':
        // bytes: a saved or imported .nml (Uint8Array), or null for a new
        // one over req.labels (names defined before with defineLabels).
        // A file that cannot be read throws before the tagger in use is
        // let go, so a bad import keeps what was learned.
        {
          const next = req.bytes ? nm.Adapter.fromBytes(req.bytes) : new nm.Adapter(req.labels ?? []);
          if (req.labels) next.addLabels(req.labels);
          adapter?.free();
          adapter = next;
        }
        result = adapter.summary();
        adapterLearned = learnedSomething(result);
        break;
      case 'learn':
      case 'learnPassage':
        if (!adapter) throw new Error('no adaptive tagger: send learnLoad first');
        {
          const step = req.op === 'learn' ? adapter.learn(req.text, req.spans) : adapter.learnPassage(req.text, req.spans);
          result = { step, summary: adapter.summary(), bytes: adapter.toBytes() };
        }
        adapterLearned = learnedSomething(result.summary);
        break;
      case 'learnRename':
        // The project renamed a label (or an undo took the rename back).
        if (!adapter) throw new Error('no adaptive tagger: send learnLoad first');
        adapter.renameLabel(req.from, req.to);
        result = { summary: adapter.summary(), bytes: adapter.toBytes() };
        break;
      case 'learnSummary':
        result = adapter ? adapter.summary() : null;
        break;
      case 'learnBytes':
        result = adapter ? adapter.toBytes() : null;
        break;
      case 'learnReset':
        adapter?.reset();
        result = adapter ? { summary: adapter.summary(), bytes: adapter.toBytes() } : null;
        adapterLearned = result ? learnedSomething(result.summary) : false;
        break;
      default:
        throw new Error(`unknown request ${req.op}`);
    }
    self.postMessage({ id: req.id, ok: true, result });
  } catch (e) {
    const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
    self.postMessage({ id: req.id, ok: false, error });
  }
};

/**
 * Annotates `text` with the core's AnnotationJob: a long text a part at a
 * time (the job cuts it and shifts the offsets), with a progress report and
 * a chance for a newer request between parts; this one gives up when a
 * newer annotation came in meanwhile. The job settles the names over the
 * whole text at the end.
 */
async function annotate(id, text, options = {}) {
  const job = new nm.AnnotationJob(text, options);
  try {
    while (!job.done) {
      // What the project taught, once it taught something, tags the names
      // (read at each part: an import may have replaced the tagger).
      const progress = adapter && adapterLearned ? job.stepWith(adapter) : job.step();
      // A text of one part is annotated at once, as before: no report, no wait.
      if (!job.inParts) continue;
      self.postMessage({ id, progress });
      await new Promise((r) => setTimeout(r, 0));
      if (latestAnnotate > id) return { cancelled: true };
    }
    return job.finish();
  } finally {
    job.free();
  }
}
