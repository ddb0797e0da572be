"""annotate_many's throughput beside the CLI's, on the peer benchmark's corpus.

    python benches/python/throughput.py CLI [THREADS...]

Builds the corpus as benches/peers does (benches/peers/lib/corpus.py, ~1 MB of
CoNLL-2003 train+dev documents and the seeds, from ../shared) into
target/python-bench, then for each thread count (default: 1 and every core)
times, alternately, REPEATS times each: the CLI's `annotate --jsonl --threads N`
on the corpus (a process, its output discarded), and `newsmark.annotate_many(
texts, threads=N)` (dicts, as a user gets them) and `annotate_many_json` (the
lines). Prints the best of each in code points per second, and the ratio to
the CLI's. Run it with the venv's Python, where the wheel is installed.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import newsmark

ROOT = Path(__file__).resolve().parents[2]
REPEATS = 5


def main() -> None:
    cli = sys.argv[1]
    threads = [int(t) for t in sys.argv[2:]] or [1, os.cpu_count() or 1]
    work = ROOT / "target/python-bench"
    work.mkdir(parents=True, exist_ok=True)
    shared = ROOT.parent / "shared"
    subprocess.run([sys.executable, str(ROOT / "benches/peers/lib/corpus.py"), str(shared / "data"), str(shared / "seeds"), str(work)],
                   check=True, capture_output=True)
    corpus = work / "corpus.jsonl"
    items = [json.loads(l) for l in corpus.read_text(encoding="utf-8").splitlines() if l.strip()]
    texts = [i["text"] for i in items]
    chars = sum(len(t) for t in texts)
    ids = [i.get("id") for i in items]
    # The same documents, or the figures compare different work.
    assert newsmark.annotate_many_json(texts, ids=ids) == subprocess.run([cli, "annotate", "--jsonl", str(corpus)], capture_output=True, check=True).stdout.decode().splitlines()
    print(f"corpus: {len(texts)} documents, {chars} code points; load average {os.getloadavg()[0]:.1f}")
    for n in threads:
        best = {"cli": float("inf"), "annotate_many": float("inf"), "annotate_many_json": float("inf")}
        for _ in range(REPEATS):
            t = time.perf_counter()
            subprocess.run([cli, "annotate", "--jsonl", "--threads", str(n), str(corpus)], stdout=subprocess.DEVNULL, check=True)
            best["cli"] = min(best["cli"], time.perf_counter() - t)
            t = time.perf_counter()
            newsmark.annotate_many(texts, threads=n, ids=ids)
            best["annotate_many"] = min(best["annotate_many"], time.perf_counter() - t)
            t = time.perf_counter()
            newsmark.annotate_many_json(texts, threads=n, ids=ids)
            best["annotate_many_json"] = min(best["annotate_many_json"], time.perf_counter() - t)
        cli_rate = chars / best["cli"]
        for name, secs in best.items():
            rate = chars / secs
            print(f"threads {n}: {name:20} {rate / 1e6:5.2f} M chars/s ({rate / n / 1e6:4.2f} M per core), {rate / cli_rate:4.2f}x the CLI")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
