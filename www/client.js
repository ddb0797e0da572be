// The page's side of the annotator worker: promise-based requests.

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;

worker.onmessage = (event) => {
  const msg = event.data;
  const p = pending.get(msg.id);
  if (!p) return;
  if ('progress' in msg) {
    if (p.onProgress) p.onProgress(msg.progress);
    return;
  }
  pending.delete(msg.id);
  if (msg.ok) p.resolve(msg.result);
  else {
    const e = new Error(msg.error.message);
    e.name = msg.error.name;
    p.reject(e);
  }
};

worker.onerror = (event) => {
  for (const p of pending.values()) p.reject(new Error(`annotator failed: ${event.message || 'could not load'}`));
  pending.clear();
};

function request(op, args = {}, onProgress) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, op, ...args });
  });
}

/**
 * `{formats, version, loadMs, warmUpMs}` once the module is loaded (loadMs)
 * and has annotated its warm-up sentence (warmUpMs after that).
 */
export const init = () => request('init');
/** Annotates `text`; resolves to `{cancelled: true}` when a newer call overtook it. */
export const annotate = (text, options, onProgress) => request('annotate', { text, options }, onProgress);
/**
 * Stops the annotation under way: it resolves to `{cancelled: true}` at the
 * worker's next pause between parts (the worker takes requests in order,
 * so this one counts as newer than every annotation sent before it).
 */
export const cancel = () => request('cancel');
/**
 * Resolves when the core would take `span` ({start, end, label, value?},
 * UTF-16 offsets of `text`) as a hand edit; rejects with the core's Error
 * (its message says what is wrong) otherwise.
 */
export const validateEdit = (text, span) => request('validateEdit', { text, span });
/**
 * The core's token boundaries in `text`: a `Uint32Array` of UTF-16 offsets
 * `[start0, end0, start1, end1, ...]`, sorted, never overlapping (the
 * bindings convert them from the core's byte spans).
 */
export const tokens = (text) => request('tokens', { text });
/**
 * Checks a value typed for a span labeled `label` (the value editors'
 * fields: amounts may be strings); resolves to `{value, display, words}`,
 * the value as the core keeps it (save that one) and how it reads, or
 * rejects with an `InvalidValueError` whose message says in words what is
 * wrong.
 */
export const checkValue = (label, value) => request('checkValue', { label, value });
/** `{currencies: [[code, name]], qualifiers, units}`: what the value editors offer. */
export const valueVocabulary = () => request('valueVocabulary');
/** Exports documents `{id, text, article_date, article_date_source, spans}` (spans as annotate returns them). */
export const exportDocuments = (docs, format, options) => request('export', { docs, format, options });
/**
 * Tells the core the project's own labels `[{name, kind}]` before marks,
 * edits or files that hold them; resolves to their names as the core
 * spells them, or rejects with an `InvalidLabelError` naming the first bad one.
 */
export const defineLabels = (labels) => request('defineLabels', { labels });
/** Checks a `newsmark-labels/1` file's text; resolves to the set as the core writes it, or rejects saying why. */
export const readLabelSet = (text) => request('readLabelSet', { text });
/**
 * Finds other tools' label configurations among picked files `[{name,
 * text}]` and reads their labels: `{configs: [{index, tool}], labels:
 * [{name, color, key}], built_in}`.
 */
export const readToolLabels = (files) => request('readToolLabels', { files });
/** Reads `[{name, content}]` together: a brat `.txt` and `.ann` pair is one document. */
export const importFiles = (files) => request('importFiles', { files });

// The adaptive tagger (issue 17, www/learn.js).
export const learnLoad = (bytes, labels) => request('learnLoad', { bytes, labels });
export const learn = (text, spans) => request('learn', { text, spans });
export const learnPassage = (text, spans) => request('learnPassage', { text, spans });
export const learnRename = (from, to) => request('learnRename', { from, to });
export const learnSummary = () => request('learnSummary');
export const learnBytes = () => request('learnBytes');
export const learnReset = () => request('learnReset');
