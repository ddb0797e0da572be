"""Gathers every tool's measurements, scores them with score.py, prints the
table and writes results.md and results.json.

usage: report.py WORK_DIR PEERS_DIR NEWSMARK_WASM_PKG_OR_EMPTY SITE_PACKAGES_OR_EMPTY [SITE_PACKAGES_MD]

SITE_PACKAGES is the small spaCy model's venv (.env), SITE_PACKAGES_MD the
medium model's (.env-md); either may be empty.

Exit status: 1 when newsmark itself (CLI or WASM) has no figures, else 0;
missing peers are rows that say why, never a failure.
"""
import datetime
import gzip
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from score import score

NAME_LABELS = ["PERSON", "ORG", "LOC", "MISC"]
ALL_LABELS = NAME_LABELS + ["DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"]
# The bars of issue 6.
BAR_COMPROMISE = 20.0
BAR_SPACY = 50.0

ROWS = [
    # (key in the measurement files, shown name)
    ("newsmark-cli", "newsmark native CLI (1 thread)"),
    ("newsmark-wasm", "newsmark WASM (Node)"),
    ("compromise", "compromise + compromise-dates"),
    ("compromise-core", "compromise (no plugins)"),
    ("wink-nlp", "wink-nlp + eng-lite-web-model"),
    ("spacy", "spaCy small (NER only)"),
    ("spacy-md", "spaCy medium (NER only)"),
]

# The scored sets: (name in preds/<tool>.<name>.jsonl, gold file, labels scored).
# wikigold dev (Wikipedia, CoNLL labels) scores names only, like CoNLL-2003 test.
SCORED_SETS = (
    ("conll", "conll_test.jsonl", NAME_LABELS),
    ("wikigold", "wikigold_dev.jsonl", NAME_LABELS),
    ("seeds", "seeds.jsonl", ALL_LABELS),
)
SPACY_KEYS = ("spacy", "spacy-md")


def load(work, name):
    p = work / name
    return json.loads(p.read_text()) if p.exists() else {}


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            fp = os.path.join(root, f)
            if not os.path.islink(fp):
                total += os.path.getsize(fp)
    return total


def gz_bytes(paths):
    return sum(len(gzip.compress(Path(p).read_bytes(), 9)) for p in paths)


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram, "os": f"{platform.system()} {platform.release()}"}


def fmt_bytes(n):
    if n is None:
        return "?"
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def fmt_rate(x):
    return "n/a" if x is None else (f"{x / 1e6:.2f} M" if x >= 1e6 else f"{x / 1e3:.1f} K")


README_BEGIN = "<!-- peers results: written by benches/peers/lib/report.py -->"
README_END = "<!-- end of peers results -->"


def update_readme(readme, block):
    """Replaces the README's latest peers table (between the two markers)."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError as e:
        print(f"report: README not updated: {e}", file=sys.stderr)
        return
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        print(f"report: README not updated: no markers {README_BEGIN!r} ... {README_END!r}", file=sys.stderr)
        return
    text = text[:start + len(README_BEGIN)] + "\n" + block + "\n" + text[end:]
    readme.write_text(text, encoding="utf-8")


def main(work_dir, peers_dir, wasm_pkg, site_packages, site_packages_md=""):
    work, peers = Path(work_dir), Path(peers_dir)
    tools = {}
    for f in ("cli.json", "js.json", "js-core.json", "spacy.json", "spacy-md.json"):
        tools.update(load(work, f))
    install = load(work, "install.json")
    nm = peers / "node_modules"

    # Sizes.
    sizes = {}
    if nm.exists():
        for key, entry in tools.items():
            if entry.get("packages"):
                sizes[key] = {"install_bytes": sum(dir_bytes(nm / p) for p in entry["packages"] if (nm / p).exists())}
        bundle = [nm / "compromise/builds/compromise.js"]
        if (bundle[0]).exists():
            sizes.setdefault("compromise-core", {})["bundle_gz_bytes"] = gz_bytes(bundle)
            dates = nm / "compromise-dates/builds/compromise-dates.min.js"
            if dates.exists():
                sizes.setdefault("compromise", {})["bundle_gz_bytes"] = gz_bytes(bundle + [dates])
    for key, site, install_key in (("spacy", site_packages, "spacy_model"), ("spacy-md", site_packages_md, "spacy-md")):
        if site and Path(site).exists() and key in tools and "version" in tools[key]:
            sp = Path(site)
            model = install.get(install_key, {}).get("module")
            sizes[key] = {
                "model_bytes": dir_bytes(sp / model) if model and (sp / model).exists() else None,
                "install_bytes": dir_bytes(sp),
            }
    if wasm_pkg and (Path(wasm_pkg) / "newsmark_bg.wasm").exists():
        pkg = Path(wasm_pkg)
        sizes["newsmark-wasm"] = {
            # The module and its JS: the glue and the snippets it loads.
            "bundle_gz_bytes": gz_bytes([pkg / "newsmark_bg.wasm", *sorted(pkg.rglob("*.js"))]),
            "wasm_bytes": (pkg / "newsmark_bg.wasm").stat().st_size,
        }
    if tools.get("newsmark-cli", {}).get("size_bytes"):
        sizes["newsmark-cli"] = {"binary_bytes": tools["newsmark-cli"]["size_bytes"]}

    # Scores: one scorer for all.
    for key, entry in tools.items():
        for set_name, gold, labels in SCORED_SETS:
            pred = work / "preds" / f"{key}.{set_name}.jsonl"
            if (work / gold).exists() and pred.exists() and not entry.get("missing") and not entry.get("failed"):
                entry[f"score_{set_name}"] = score(work / gold, pred, key, labels)

    def f1(key, set_name):
        s = tools.get(key, {}).get(f"score_{set_name}")
        return None if s is None else s["micro"]["f1"]

    def rate(key, field="chars_per_s"):
        e = tools.get(key, {})
        return None if e.get("missing") or e.get("failed") else e.get(field)

    native, wasm = rate("newsmark-cli"), rate("newsmark-wasm")
    native_cpu, wasm_cpu = rate("newsmark-cli", "cpu_chars_per_s"), rate("newsmark-wasm", "cpu_chars_per_s")

    def ratio(a, b):
        return f"{a / b:.1f}x" if a and b else "n/a"

    # Bars.
    bars = []
    for peer, need in (("compromise", BAR_COMPROMISE), ("compromise-core", BAR_COMPROMISE), ("spacy", BAR_SPACY)):
        for nm_key, nm_rate in (("newsmark-cli", native), ("newsmark-wasm", wasm)):
            pr = rate(peer)
            if pr is None or nm_rate is None:
                bars.append({"bar": f"{nm_key} >= {need:g}x {peer} chars/s", "status": "not measured"})
                continue
            r = nm_rate / pr
            nm_cpu, pr_cpu = rate(nm_key, "cpu_chars_per_s"), rate(peer, "cpu_chars_per_s")
            r_cpu = nm_cpu / pr_cpu if nm_cpu and pr_cpu else None
            verdict = lambda x: "met" if x >= need else "SHORT"
            value = f"{r:.1f}x by wall time ({verdict(r)})"
            if r_cpu:
                value += f", {r_cpu:.1f}x by CPU time ({verdict(r_cpu)})"
            short = r < need or (r_cpu is not None and r_cpu < need)
            if short:
                value += f"; needs {fmt_rate(need * pr)} chars/s by wall time"
                if pr_cpu:
                    value += f", {fmt_rate(need * pr_cpu)} by CPU time"
            bars.append({"bar": f"{nm_key} >= {need:g}x {peer} chars/s", "value": value, "ratio": r,
                         "ratio_cpu": r_cpu, "status": "SHORT" if short else "met"})
    for set_name in ("conll", "seeds"):
        for nm_key in ("newsmark-cli", "newsmark-wasm"):
            a, b = f1(nm_key, set_name), f1("spacy", set_name)
            if a is None or b is None:
                bars.append({"bar": f"{nm_key} F1 {set_name} >= spaCy small", "status": "not measured"})
            else:
                bars.append({"bar": f"{nm_key} F1 {set_name} >= spaCy small", "value": f"{a:.3f} vs {b:.3f}",
                             "status": "met" if a >= b else "SHORT"})

    # Table.
    header = ["tool", "version", "chars/s (1 MB, wall)", "chars/s (CPU time)", "native ÷ tool (wall, CPU)",
              "WASM ÷ tool (wall, CPU)", "5 KB article (ms)", "size", "F1 CoNLL test", "F1 wikigold dev", "F1 seeds", "notes"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, shown in ROWS:
        e = tools.get(key)
        if e is None:
            e = {"missing": install.get(key, {}).get("why") or "not run (see the run log: benches/peers/.env/run.log)"}
        if e.get("missing") or e.get("failed"):
            why = e.get("missing") or e.get("failed")
            lines.append(f"| {shown} | {e.get('version', '-')} | MISSING | | | | | | | | | {why} |")
            continue
        r, rc = e.get("chars_per_s"), e.get("cpu_chars_per_s")
        ratio_n = f"{ratio(native, r)}, {ratio(native_cpu, rc)}"
        ratio_w = f"{ratio(wasm, r)}, {ratio(wasm_cpu, rc)}"
        sz = sizes.get(key, {})
        size_parts = []
        if "binary_bytes" in sz:
            size_parts.append(f"binary {fmt_bytes(sz['binary_bytes'])}")
        if "bundle_gz_bytes" in sz:
            size_parts.append(f"bundle {fmt_bytes(sz['bundle_gz_bytes'])} gz")
        if "model_bytes" in sz and sz["model_bytes"]:
            size_parts.append(f"model {fmt_bytes(sz['model_bytes'])}")
        if "install_bytes" in sz:
            size_parts.append(f"install {fmt_bytes(sz['install_bytes'])}")
        notes = []
        if key == "newsmark-cli":
            notes.append(f"all cores: {fmt_rate(e.get('all_cores_chars_per_s'))} chars/s; article time is a whole process")
        if key == "newsmark-wasm" and e.get("passes_s"):
            first = e["corpus_chars"] / e["passes_s"][0]
            notes.append(f"first pass {fmt_rate(first)} chars/s (cold word table, module still being optimized by Node)")
        if key in SPACY_KEYS and e.get("full_pipeline_chars_per_s"):
            notes.append(f"full pipeline: {fmt_rate(e['full_pipeline_chars_per_s'])} chars/s "
                         f"({fmt_rate(e.get('full_pipeline_cpu_chars_per_s'))} by CPU), "
                         f"{e['full_pipeline_article_ms']:.1f} ms/article")
        if e.get("errors"):
            notes.append("threw on " + ", ".join(f"{n} texts in {v}()" for v, n in e["errors"].items()))
        if key in ("wink-nlp",):
            notes.append("no PERSON/ORG/LOC/MISC in the lite model")
        if key == "compromise-core":
            notes.append("no DATE/TIME without the plugin")
        if e.get("loadavg_1min") is not None:
            notes.append(f"load avg {e['loadavg_1min']:.1f} when timed")
        f1s = " | ".join("n/a" if f is None else f"{f:.3f}" for f in (f1(key, "conll"), f1(key, "wikigold"), f1(key, "seeds")))
        lines.append(
            f"| {shown} | {e.get('version', '?')} | {fmt_rate(r)} | {fmt_rate(rc)} | {ratio_n} | {ratio_w} | "
            f"{e.get('article_ms', float('nan')):.2f} | {'; '.join(size_parts) or '?'} | {f1s} | {'; '.join(notes)} |"
        )
    table = "\n".join(lines)
    bar_lines = "\n".join(f"- {b['bar']}: " + ("**SHORT**" if b["status"] == "SHORT" else b["status"])
                          + (f": {b['value']}" if b.get("value") else "") for b in bars)

    # Per-label F1 on the seeds (only labels with gold or predictions).
    per_label = ["| tool | " + " | ".join(ALL_LABELS) + " |", "|" + "---|" * (len(ALL_LABELS) + 1)]
    for key, shown in ROWS:
        s = tools.get(key, {}).get("score_seeds")
        if s:
            cells = []
            for l in ALL_LABELS:
                d = s["per_label"][l]
                cells.append("-" if d["tp"] + d["fp"] + d["fn"] == 0 else f"{d['f1']:.2f}")
            per_label.append(f"| {shown} | " + " | ".join(cells) + " |")

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    mach = machine()
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=peers).stdout.strip()
    md = f"""# newsmark against its peers

Measured {now} on {mach['nproc']} cores ({mach['cpu']}), {mach['ram']} RAM, {mach['os']}; newsmark at commit `{rev}`.
Command: `benches/peers/run`. Corpus: {tools.get('newsmark-cli', {}).get('corpus_chars') or tools.get('spacy', {}).get('corpus_chars', '?')} characters
of news (CoNLL-2003 train+dev, lightly detokenized, and the two seed articles), each document annotated
separately; medians of several passes (spaCy: one pass), by wall time and by the process's CPU time
(the machine is shared with other work; CPU time moves less under load). Ratios divide newsmark's
characters per second by the tool's; a speed bar is met when it is met by both. F1: exact match of start, end and label in code points, one scorer for all tools
(`lib/score.py`), labels mapped as in `MAPPING.md`; CoNLL-2003 test and wikigold dev (45 Wikipedia
articles, CoNLL labels) score PERSON/ORG/LOC/MISC, the seeds all 11 labels.

{table}

## Bars (issue 6)

{bar_lines}

## Caveats

- The machine is shared with other work (see each row's load average); wall-time figures move by
  a factor of two between runs, CPU-time figures much less. Both are medians.
- newsmark's names model is trained on CoNLL-2003 train (issue 4), the same source as the test set;
  spaCy's small model is trained on OntoNotes, whose boundaries and label set differ. CoNLL-2003 text
  is tokenized (`U.S. 's`, `( Reuters )`), which suits a model trained on it.
- The CLI row's article time is a whole process (start-up included); the other rows call a loaded tool.
- newsmark keeps a table of the words it has met, per thread (as spaCy keeps its vocabulary): a
  word's forms and summed feature weights are computed once, not once per document. The CLI's
  passes are separate processes, so each starts with an empty table; the WASM build's timed passes
  follow its first pass over the corpus, whose rate the notes give.
- spaCy's small model here is `{install.get('spacy_model', {}).get('module') or 'none'}`, the medium one
  `{install.get('spacy-md', {}).get('module') or 'none'}` (en_core_web_md 3.7.1, on spaCy 3.7 in its own venv;
  see MAPPING.md for where both come from). Both are trained on OntoNotes; the medium model's word
  vectors are the ones newsmark's issue 13 derives its word clusters from.
- wikigold dev is tokenized like CoNLL-2003 (`Windsor , Vermont .`) and is Wikipedia, not news; newsmark
  may train on wikigold train and choose between models on wikigold dev (issue 13), the peers never saw it.

## Per-label F1 on the seeds

{chr(10).join(per_label)}

## Installs

{chr(10).join(f"- {k}: {v.get('status', '?')}{(': ' + v['why']) if v.get('why') else ''}" for k, v in install.items() if isinstance(v, dict))}
"""
    (peers / "results.md").write_text(md, encoding="utf-8")
    short = [b["bar"] for b in bars if b["status"] == "SHORT"]
    summary = ("Every bar is met in this run." if not short
               else "Short in this run: " + "; ".join(short) + " (see the bars above).")
    update_readme(peers.resolve().parent.parent / "README.md", f"""Measured {now} on {mach['nproc']} cores ({mach['cpu']}), {mach['ram']} RAM, {mach['os']}; newsmark at commit `{rev}`.

{table}

Per-label F1 on the seeds:

{chr(10).join(per_label)}

Bars (issue 6):

{bar_lines}

{summary}""")
    out = {"date": now, "machine": mach, "commit": rev, "tools": tools, "sizes": sizes, "bars": bars, "install": install}
    (peers / "results.json").write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")
    print(md)
    failed = [k for k in ("newsmark-cli", "newsmark-wasm") if rate(k) is None]
    if failed:
        print(f"report: newsmark failed or was not measured: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
