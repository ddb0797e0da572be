"""spaCy with a small English model, driven like the other tools.

usage: spacy_peer.py WORK_DIR MODEL_NAME OUT_NAME

Writes WORK_DIR/preds/spacy.{conll,seeds}.jsonl (code point spans, spaCy's own
labels) and WORK_DIR/OUT_NAME. Two configurations are timed:
  - "ner": only the components NER needs (in the small English model the ner
    component has its own tok2vec), the fastest way to get entities, so the
    stricter bar for newsmark; its entities are the ones scored;
  - "full": the whole pipeline as `spacy.load` gives it, one timed pass.
Both use nlp.pipe over the corpus, one text per document.
"""
import json
import os
import sys
import time
from pathlib import Path

from timing import measure_article, measure_throughput


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def main(work_dir, model_name, out_name):
    work = Path(work_dir)
    entry = {"tool": "spacy"}
    try:
        import spacy

        t0 = time.perf_counter()
        nlp_full = spacy.load(model_name)
        entry["load_s"] = time.perf_counter() - t0
        meta = nlp_full.meta
        entry["version"] = f"spaCy {spacy.__version__} + {model_name} {meta.get('version', '?')}"
        entry["runtime"] = "python " + sys.version.split()[0]
        keep = {"ner"}
        nlp_ner = spacy.load(model_name, exclude=[p for p in nlp_full.pipe_names if p not in keep])
        entry["pipes_full"] = nlp_full.pipe_names
        entry["pipes_ner"] = nlp_ner.pipe_names
    except Exception as e:  # reported as missing, the run goes on
        entry["missing"] = f"failed to load {model_name}: {e}"
        (work / out_name).write_text(json.dumps({"spacy": entry}, indent=2))
        print(f"spacy_peer: {entry['missing']}", file=sys.stderr)
        return 0

    def ents(doc):
        return [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents]

    preds = work / "preds"
    preds.mkdir(exist_ok=True)
    for name in ("conll", "seeds"):
        docs = read_jsonl(work / ("conll_test.jsonl" if name == "conll" else "seeds.jsonl"))
        with open(preds / f"spacy.{name}.jsonl", "w", encoding="utf-8") as f:
            for d, doc in zip(docs, nlp_ner.pipe(d["text"] for d in docs)):
                f.write(json.dumps({"id": d["id"], "spans": ents(doc)}) + "\n")

    texts = [d["text"] for d in read_jsonl(work / "corpus.jsonl")]
    chars = sum(len(t) for t in texts)
    article = (work / "article5k.txt").read_text(encoding="utf-8")

    def corpus_pass(nlp):
        def run():
            for doc in nlp.pipe(texts):
                ents(doc)
        return run

    list(nlp_ner.pipe(texts[:20]))  # warm-up
    entry["loadavg_1min"] = os.getloadavg()[0]
    # One timed pass is enough for spaCy (slow); PEERS_RUNS may ask for more.
    entry.update(measure_throughput(corpus_pass(nlp_ner), chars, runs=1))
    entry.update(measure_article(lambda: ents(nlp_ner(article)), article))
    full = measure_throughput(corpus_pass(nlp_full), chars, runs=1)
    entry["full_pipeline_chars_per_s"] = full["chars_per_s"]
    entry["full_pipeline_cpu_chars_per_s"] = full["cpu_chars_per_s"]
    entry["full_pipeline_article_ms"] = measure_article(lambda: ents(nlp_full(article)), article)["article_ms"]
    print(
        f"spacy_peer: ner-only {entry['chars_per_s']:.0f} chars/s, full {full['chars_per_s']:.0f} chars/s, "
        f"5 KB article {entry['article_ms']:.2f} ms",
        file=sys.stderr,
    )
    (work / out_name).write_text(json.dumps({"spacy": entry}, indent=2))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
