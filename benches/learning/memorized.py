#!/usr/bin/env python3
"""How far memorizing re3d train's phrases goes on re3d test (issue 17's bars).

For Weapon and MilitaryPlatform: every phrase marked with the label in
train.jsonl (lower-cased, a final plural `s` folded) is looked for in
test.jsonl (case-insensitively, an `s` allowed at its end, longest phrase
first, no overlaps) and marked; exact-span F1 against test's gold. With
`--min-share X`, only the phrases marked in at least X of their occurrences
in train (the rest of the time the annotators left them unmarked) are kept.

This is what a tagger that knew nothing beyond the phrases it was taught,
and knew them as well as can be, would score: an estimate of what the
learning curve can reach by memory on this test set, not a tagger. Only the
standard library; reads the data from the folder given (default
../shared/data), writes nothing.

    benches/learning/memorized.py [DATA] [--min-share X]
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

LABELS = ["Weapon", "MilitaryPlatform"]


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def folded(phrase):
    return re.sub(r"s\b", "", phrase.lower())


def pattern(phrase):
    words = phrase.split()
    last = len(words) - 1
    return re.compile(r"\b" + r"\s+".join(re.escape(w) + ("s?" if i == last else "") for i, w in enumerate(words)) + r"\b")


def marks(phrases, text):
    """The spans of `text` the phrases match: longest phrase first, none overlapping."""
    low, found = text.lower(), []
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        for m in pattern(phrase).finditer(low):
            if not any(m.start() < e and s < m.end() for s, e in found):
                found.append((m.start(), m.end()))
    return set(found)


def main(argv):
    min_share = 0.0
    if "--min-share" in argv:
        i = argv.index("--min-share")
        min_share = float(argv[i + 1])
        del argv[i : i + 2]
    data = Path(argv[0] if argv else "../shared/data") / "re3d"
    train, test = read(data / "train.jsonl"), read(data / "test.jsonl")
    for label in LABELS:
        taught = Counter(folded(d["text"][s["start"] : s["end"]]) for d in train for s in d["spans"] if s["label"] == label)
        occurrences = Counter({p: sum(len(pattern(p).findall(d["text"].lower())) for d in train) for p in taught})
        kept = [p for p in taught if taught[p] / max(1, occurrences[p]) >= min_share]
        tp = fp = fn = 0
        for d in test:
            gold = {(s["start"], s["end"]) for s in d["spans"] if s["label"] == label}
            pred = marks(kept, d["text"])
            tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label}: {len(kept)} phrases of train, test gold {tp + fn}: tp {tp} fp {fp} fn {fn}, P {p:.3f} R {r:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
