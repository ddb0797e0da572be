"""Timing protocol shared by the Python-driven tools (twin of timing.mjs).

Throughput: one warm-up, then timed passes over the whole corpus; up to RUNS
passes, fewer when one pass takes longer than PASS_BUDGET_S; the median counts.
Article: WARMUP untimed calls, then ARTICLE_RUNS timed ones; the median counts.
"""
import os
import statistics
import time

# The scored sets: (name in preds/<tool>.<name>.jsonl, gold file in WORK_DIR).
# wikigold_dev.jsonl is absent when the data has no wikigold; tools skip it then.
EVAL_SETS = (("conll", "conll_test.jsonl"), ("seeds", "seeds.jsonl"), ("wikigold", "wikigold_dev.jsonl"))

RUNS = int(os.environ.get("PEERS_RUNS", "3"))
PASS_BUDGET_S = float(os.environ.get("PEERS_PASS_BUDGET_S", "30"))
WARMUP = 3
ARTICLE_RUNS = int(os.environ.get("PEERS_ARTICLE_RUNS", "15"))


def measure_throughput(run_corpus, chars, runs=RUNS):
    """run_corpus() processes the whole corpus once; chars = its code points."""
    passes, cpu = [], []
    for _ in range(runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        run_corpus()
        secs = time.perf_counter() - t0
        cpu.append(time.process_time() - c0)
        passes.append(secs)
        if secs > PASS_BUDGET_S:
            break
    return {
        "corpus_chars": chars,
        "passes_s": passes,
        "chars_per_s": chars / statistics.median(passes),
        "cpu_passes_s": cpu,
        "cpu_chars_per_s": chars / statistics.median(cpu),
    }


def measure_article(run_article, text):
    for _ in range(WARMUP):
        run_article()
    runs = []
    for _ in range(ARTICLE_RUNS):
        t0 = time.perf_counter()
        run_article()
        runs.append((time.perf_counter() - t0) * 1000.0)
    return {"article_chars": len(text), "article_ms": statistics.median(runs), "article_runs_ms": runs}
