"""The one scorer of the peer benchmark, used for every tool, newsmark included.

usage: score.py GOLD.jsonl PRED.jsonl TOOL LABEL[,LABEL...]   (prints JSON)

Exact match over code point offsets: a predicted span counts when its start,
end and (mapped) label equal a gold span's. The tool's labels are mapped to
ours by lib/mapping.json (a tool whose entry is another tool's name uses that
tool's table: spaCy's medium model has the small one's labels); labels mapped to null or outside LABELS are dropped
(CoNLL-2003 scores only PERSON, ORG, LOC, MISC). A gold document with no
prediction counts all its spans as misses; a label the tool lacks is simply
never predicted, so its gold spans are misses too.
"""
import json
import sys
from collections import Counter
from pathlib import Path

MAPPING = json.loads((Path(__file__).parent / "mapping.json").read_text())


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def map_label(tool, label):
    table = MAPPING[tool]
    if table == "identity":
        return label
    if isinstance(table, str):  # another tool's table: "spacy-md": "spacy"
        table = MAPPING[table]
    return table.get(label)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def score(gold_path, pred_path, tool, labels):
    labels = set(labels)
    preds = {d["id"]: d["spans"] for d in read_jsonl(pred_path)}
    tp, fp, fn = Counter(), Counter(), Counter()
    for doc in read_jsonl(gold_path):
        gold = {(s["start"], s["end"], s["label"]) for s in doc["spans"] if s["label"] in labels}
        pred = set()
        for s in preds.get(doc["id"], []):
            label = map_label(tool, s["label"])
            if label in labels:
                pred.add((s["start"], s["end"], label))
        for key in gold & pred:
            tp[key[2]] += 1
        for key in pred - gold:
            fp[key[2]] += 1
        for key in gold - pred:
            fn[key[2]] += 1
    per_label = {l: prf(tp[l], fp[l], fn[l]) for l in sorted(labels)}
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {"micro": micro, "per_label": per_label}


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    print(json.dumps(score(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(","))))
