// The annotator's thread: loads the WASM module and answers the page's
// requests, so that annotating a long text never blocks the page.
//
// Requests: {id, op, ...args}; replies: {id, ok: true, result} or
// {id, ok: false, error: {name, message}}; long annotations also post
// {id, progress} (0..1) between parts.
import init, * as nm from './pkg/newsmark.js';

let latestAnnotate = 0;
const t0 = performance.now();
const ready = init().then(() => performance.now() - t0);

self.onmessage = async (event) => {
  const req = event.data;
  // Before any wait: a job under way looks at this between its parts.
  if (req.op === 'annotate' || req.op === 'cancel') latestAnnotate = Math.max(latestAnnotate, req.id);
  try {
    const loadMs = await ready;
    let result;
    switch (req.op) {
      case 'init':
        result = { formats: nm.formats(), version: nm.version(), loadMs };
        break;
      case 'annotate':
        result = await annotate(req.id, req.text, req.options);
        break;
      case 'cancel':
        result = null;
        break;
      case 'export':
        result = nm.exportDocuments(req.docs, req.format);
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
        result = nm.importFiles(req.files);
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
      const progress = job.step();
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
