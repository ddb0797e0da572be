"""newsmark's native CLI, driven like the other tools.

usage: cli_peer.py WORK_DIR NEWSMARK_BINARY OUT_NAME

Runs `newsmark annotate --jsonl` (stdin: {"id","text"} lines; stdout: one
newsmark/1 document a line, code point offsets). Writes
WORK_DIR/preds/newsmark-cli.{conll,seeds,wikigold}.jsonl and WORK_DIR/OUT_NAME.

Timing: wall time of whole processes, so start-up is included.
  - throughput on corpus.jsonl with `--threads 1`, pinned to one core
    (`taskset -c 0`) where taskset exists: the figure compared with the
    single-threaded peers; and with the defaults (every core);
  - the 5 KB article: one process per call, median of several.
Exit status 1 when the CLI fails: newsmark itself failing fails the benchmark.
"""
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from timing import ARTICLE_RUNS, EVAL_SETS, WARMUP

TIMEOUT_S = float(os.environ.get("PEERS_CLI_TIMEOUT_S", "300"))
RUNS = max(int(os.environ.get("PEERS_RUNS", "3")), 5)


def children_cpu_s():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(cmd, stdin_path, stdout=subprocess.DEVNULL):
    """Runs one process; returns (wall seconds, CPU seconds of the process, CompletedProcess)."""
    with open(stdin_path, "rb") as f:
        c0 = children_cpu_s()
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, stdin=f, stdout=stdout, stderr=subprocess.PIPE, timeout=TIMEOUT_S)
        secs = time.perf_counter() - t0
        cpu = children_cpu_s() - c0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[:500]}")
    return secs, cpu, proc


def main(work_dir, binary, out_name):
    work = Path(work_dir)
    entry = {"tool": "newsmark-cli", "binary": binary}
    out = work / out_name
    try:
        entry["version"] = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip() or "?"
        cmd = [binary, "annotate", "--jsonl"]
        preds = work / "preds"
        preds.mkdir(exist_ok=True)
        for name, src in EVAL_SETS:
            if not (work / src).exists():
                continue  # wikigold dev is optional
            # Feed only id and text: the gold must not reach the tool.
            inp = work / f"{name}.input.jsonl"
            with open(work / src, encoding="utf-8") as f, open(inp, "w", encoding="utf-8") as g:
                for line in f:
                    if line.strip():
                        d = json.loads(line)
                        g.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
            _, _, proc = run_cli(cmd, inp, stdout=subprocess.PIPE)
            with open(preds / f"newsmark-cli.{name}.jsonl", "w", encoding="utf-8") as g:
                for line in proc.stdout.decode("utf-8").splitlines():
                    if not line.strip():
                        continue
                    d = json.loads(line)
                    if d.get("offset_unit", "codepoint") != "codepoint":
                        raise RuntimeError(f"unexpected offset_unit {d.get('offset_unit')!r}")
                    spans = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in d["spans"]]
                    g.write(json.dumps({"id": d["id"], "spans": spans}) + "\n")

        corpus = work / "corpus.jsonl"
        with open(corpus, encoding="utf-8") as f:
            chars = sum(len(json.loads(l)["text"]) for l in f if l.strip())
        entry["corpus_chars"] = chars
        pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        entry["one_core"] = "--threads 1" + (" + taskset -c 0" if pin else "")
        run_cli(cmd, corpus)  # warm-up (page cache)
        entry["loadavg_1min"] = os.getloadavg()[0]
        one = [run_cli(pin + cmd + ["--threads", "1"], corpus) for _ in range(RUNS)]
        allc = [run_cli(cmd, corpus)[0] for _ in range(RUNS)]
        entry["passes_s"] = [r[0] for r in one]
        entry["chars_per_s"] = chars / statistics.median(entry["passes_s"])
        entry["cpu_passes_s"] = [r[1] for r in one]
        entry["cpu_chars_per_s"] = chars / statistics.median(entry["cpu_passes_s"])
        entry["all_cores_passes_s"] = allc
        entry["all_cores_chars_per_s"] = chars / statistics.median(allc)

        article = (work / "article5k.txt").read_text(encoding="utf-8")
        art_in = work / "article5k.jsonl"
        art_in.write_text(json.dumps({"id": "article5k", "text": article}, ensure_ascii=False) + "\n", encoding="utf-8")
        for _ in range(WARMUP):
            run_cli(cmd, art_in)
        runs = [run_cli(cmd, art_in)[0] * 1000.0 for _ in range(ARTICLE_RUNS)]
        entry["article_chars"] = len(article)
        entry["article_ms"] = statistics.median(runs)
        entry["article_runs_ms"] = runs
        entry["size_bytes"] = os.path.getsize(binary)
        print(
            f"cli_peer: {entry['chars_per_s']:.0f} chars/s on one core, {entry['all_cores_chars_per_s']:.0f} on all, "
            f"5 KB article {entry['article_ms']:.2f} ms (process included)",
            file=sys.stderr,
        )
        status = 0
    except (OSError, RuntimeError, subprocess.TimeoutExpired, ValueError, KeyError) as e:
        entry["failed"] = f"{type(e).__name__}: {e}"
        print(f"cli_peer: newsmark CLI failed: {entry['failed']}", file=sys.stderr)
        status = 1
    out.write_text(json.dumps({"newsmark-cli": entry}, indent=2))
    return status


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
