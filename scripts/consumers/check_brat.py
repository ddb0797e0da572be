"""brat standoff as brat reads it: the brat export of the tricky corpus and
of the seeds, read by a strict standoff reader written here after brat's
format documentation (a `T` line is `ID<TAB>TYPE START END[;START END]*<TAB>TEXT`,
offsets in characters of the `.txt` as Python reads it, the text the
fragments joined by a space; an `AnnotatorNotes` line names a defined `T`).
The `.txt` is read as brat 1.3 and most tools do, with Python's `open`
(universal newlines: CRLF becomes one character), and must hold no CRLF, so
that byte-exact readers count the same. Then a `.txt` with CRLF beside the
exported `.ann` (which counts CRLF as one) must import back into newsmark
with every span where it was.

Run by scripts/consumers/run (NEWSMARK, SEEDS, TRICKY, CONSUMER_TMP).
"""

import json
import os
import re
import sys
from pathlib import Path
from common import TMP, run_text as run

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
NOTE_LINE = re.compile(r"^(#\d+)\tAnnotatorNotes (T\d+)\t(.*)$")
failures = []


def read_standoff(txt_path, ann_path):
    """(text, {id: (type, fragments, text)}, {target: note}) of a pair, strictly."""
    with open(txt_path, encoding="utf-8") as f:  # as brat 1.3 reads it
        text = f.read()
    with open(txt_path, encoding="utf-8", newline="") as f:  # byte-exact readers
        if f.read() != text:
            failures.append(f"{txt_path.name}: CRLF or CR line ends: character offsets differ between readers")
    spans, notes = {}, {}
    with open(ann_path, encoding="utf-8", newline="") as f:
        ann = f.read()
    if "\r" in ann:
        failures.append(f"{ann_path.name}: a CR in the .ann")
    for n, line in enumerate(ann.split("\n"), 1):
        if not line:
            continue
        if m := T_LINE.match(line):
            tid, ty, offsets, claimed = m.groups()
            fragments = [tuple(map(int, f.split(" "))) for f in offsets.split(";")]
            for s, e in fragments:
                if not 0 <= s <= e <= len(text):
                    failures.append(f"{ann_path.name}:{n}: {tid} fragment {s} {e} outside the text ({len(text)} characters)")
            got = " ".join(text[s:e] for s, e in fragments)
            if got != claimed:
                failures.append(f"{ann_path.name}:{n}: {tid} says {claimed!r}, the .txt has {got!r} there")
            if tid in spans:
                failures.append(f"{ann_path.name}:{n}: {tid} defined twice")
            spans[tid] = (ty, fragments, claimed)
        elif m := NOTE_LINE.match(line):
            _, target, note = m.groups()
            if target not in spans:
                failures.append(f"{ann_path.name}:{n}: a note for {target}, not defined before it")
            notes[target] = note
        else:
            failures.append(f"{ann_path.name}:{n}: not a standoff line: {line!r}")
    return text, spans, notes


def sliced(text, start, end):
    return text[start:end]


checked = 0
tricky = run("annotate", "--jsonl", os.environ["TRICKY"])
seeds = Path(os.environ["SEEDS"]).read_text(encoding="utf-8")
for name, jsonl in [("tricky", tricky), ("seeds", seeds)]:
    src = TMP / f"{name}.jsonl"
    src.write_text(jsonl, encoding="utf-8")
    # newsmark's own JSONL of the corpus: every span with its text and source.
    docs = [json.loads(line) for line in run("export", "--format", "jsonl", str(src)).splitlines() if line.strip()]
    out = TMP / name
    run("export", "--format", "brat", "--out", str(out), str(src))
    anns = sorted(out.glob("*.ann"))
    if len(anns) != len(docs):
        failures.append(f"{name}: {len(anns)} .ann files for {len(docs)} documents")
    for doc in docs:
        # The corpora's ids are file names already; newsmark drops a `.txt`.
        ann_path = out / (doc["id"].removesuffix(".txt") + ".ann")
        text, spans, notes = read_standoff(ann_path.with_suffix(".txt"), ann_path)
        if text != doc["text"].replace("\r\n", "\n").replace("\r", "\n"):
            failures.append(f"{ann_path.name}: the .txt is not the text with LF line ends")
        want = [s for s in doc["spans"] if s["end"] > s["start"]]
        if len(spans) != len(want):
            failures.append(f"{ann_path.name}: {len(spans)} T lines for {len(want)} spans")
        for (tid, (ty, fragments, claimed)), w in zip(spans.items(), want):
            # The span's text with LF line ends, as the fragments cover it.
            whole = sliced(text, fragments[0][0], fragments[-1][1])
            if ty != w["label"] or whole.strip() != w["text"].replace("\r\n", "\n").strip():
                failures.append(f"{ann_path.name}: {tid} {ty} {whole!r}, newsmark has {w['label']} {w['text']!r}")
            if not notes.get(tid, "").endswith(f"source: {w['source']}"):
                failures.append(f"{ann_path.name}: {tid}'s note {notes.get(tid)!r} does not end with its source {w['source']}")
            checked += 1
        # The .txt with CRLF, as the document had it, beside the .ann brat
        # made for the LF text: newsmark reads the spans where they were.
        if "\r\n" in doc["text"]:
            pair = TMP / f"{name}-crlf"
            pair.mkdir(exist_ok=True)
            (pair / ann_path.name).write_text(ann_path.read_text(encoding="utf-8"), encoding="utf-8")
            (pair / ann_path.with_suffix(".txt").name).write_bytes(doc["text"].encode("utf-8"))
            back = json.loads(run("export", "--format", "jsonl", str(pair / ann_path.with_suffix(".txt").name), str(pair / ann_path.name)))
            if back["text"] != doc["text"]:
                failures.append(f"{ann_path.name} with a CRLF .txt: the text came back changed")
            key = lambda s: (s["start"], s["end"], s["label"], s["text"], s["source"])
            if [key(s) for s in back["spans"]] != [key(s) for s in want]:
                failures.append(f"{ann_path.name} with a CRLF .txt: spans {[key(s) for s in back['spans']]}, want {[key(s) for s in want]}")
            checked += len(want)

for f in failures:
    print(f"check_brat: {f}", file=sys.stderr)
print(f"check_brat: {checked} spans checked against a strict standoff reader (.txt read as brat reads it); {len(failures)} failures")
sys.exit(1 if failures else 0)
