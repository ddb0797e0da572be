"""Label Studio tasks as label-studio-sdk reads them: the labelstudio export
of the tricky corpus and of the seeds, validated against the labeling config
newsmark exports (`--format labelstudio-config`) with the SDK's
LabelInterface (the config itself, every annotation and prediction), each
region's text equal to Python's slice of the task text, newsmark's own
spans as predictions with a model_version, a person's as annotations; then
the SDK's converter (which needs task ids) turns the tasks, and the same
tasks with their predictions accepted as an annotator accepts them, into
JSON-MIN and CoNLL 2003, and newsmark reads the JSON-MIN back with the same
spans, and the accepted tasks with the same sources and article dates.

Run by scripts/consumers/run (NEWSMARK, SEEDS, TRICKY, CONSUMER_TMP).
"""

import copy
import json
import logging
import os
import sys
from pathlib import Path

from label_studio_sdk.converter import Converter
from label_studio_sdk.label_interface import LabelInterface
from common import TMP, run_text as run

failures = []
# The converter warns of every task without an annotation (newsmark's pre-annotated ones).
logging.getLogger("label_studio_sdk").setLevel(logging.ERROR)


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def key(span):
    return (span["start"], span["end"], span["label"], span["text"])


# The config fits any documents: read from the seeds (newsmark JSONL; the
# tricky corpus is annotate input, with fields an import refuses).
config = run("export", "--format", "labelstudio-config", os.environ["SEEDS"])
(TMP / "config.xml").write_text(config, encoding="utf-8")
interface = LabelInterface(config)
interface.validate()  # raises on a config Label Studio refuses
regions = 0
corpora = [("tricky", run("annotate", "--jsonl", os.environ["TRICKY"])), ("seeds", Path(os.environ["SEEDS"]).read_text(encoding="utf-8"))]
for name, corpus in corpora:
    src = TMP / f"{name}.jsonl"
    src.write_text(corpus, encoding="utf-8")
    docs = jsonl(run("export", "--format", "jsonl", str(src)))  # newsmark's own record of every span
    tasks = json.loads(run("export", "--format", "labelstudio", str(src)))
    ids = [t.get("id") for t in tasks]
    if len(set(ids)) != len(tasks) or not all(isinstance(i, int) for i in ids):
        failures.append(f"{name}: task ids {ids} are not distinct integers")
    for task, doc in zip(tasks, docs):
        text = task["data"]["text"]
        if text != doc["text"] or task["data"].get("doc_id") != doc["id"]:
            failures.append(f"{name} task {task.get('id')}: data.text or data.doc_id is not the document's")
        if task["data"].get("article_date") != doc.get("article_date"):
            failures.append(f"{name} task {task.get('id')}: article date {task['data'].get('article_date')} for {doc.get('article_date')}")
        got = []
        for kind in ("annotations", "predictions"):
            for item in task.get(kind, []):
                errors = interface.validate_prediction(item, return_errors=True)
                if errors:
                    failures.append(f"{name} task {task['id']} {kind}: {errors}")
                if kind == "predictions" and not item.get("model_version", "").startswith("newsmark "):
                    failures.append(f"{name} task {task['id']}: prediction without newsmark's model_version")
                for r in item["result"]:
                    v = r["value"]
                    if text[v["start"] : v["end"]] != v["text"]:
                        failures.append(f"{name} task {task['id']} {r['id']}: text[{v['start']}:{v['end']}] is {text[v['start']:v['end']]!r}, says {v['text']!r}")
                    source = r["meta"]["source"]
                    if (kind == "annotations") != (source == "user"):
                        failures.append(f"{name} task {task['id']} {r['id']}: a {source} span under {kind}")
                    got.append((v["start"], v["end"], v["labels"][0], v["text"], source))
                    regions += 1
        want = sorted(key(s) + (s["source"],) for s in doc["spans"])
        if sorted(got) != want:
            failures.append(f"{name} task {task.get('id')}: regions {sorted(got)}, want {want}")

    # As an annotator accepts the predictions: one annotation made from the
    # prediction (Label Studio marks it with parent_prediction), holding its
    # regions and the person's.
    accepted = copy.deepcopy(tasks)
    for t in accepted:
        results = [r for a in t.get("annotations", []) for r in a["result"]] + [r for p in t.get("predictions", []) for r in p["result"]]
        t["annotations"] = [{"id": t["id"], "result": results, "parent_prediction": 1 if t.get("predictions") else None}]
    for label, data in [("exported", tasks), ("accepted", accepted)]:
        path = TMP / f"{name}.{label}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        converter = Converter(config=config, project_dir=str(TMP), download_resources=False)
        for fmt in ("JSON_MIN", "CONLL2003"):
            out = TMP / f"{name}.{label}.{fmt}"
            converter.convert(str(path), str(out), fmt, is_dir=False)
            if not any(out.iterdir()):
                failures.append(f"{name} {label}: the converter wrote no {fmt}")
        # JSON-MIN back into newsmark: the annotation's spans, as the user's.
        minimal = json.loads((TMP / f"{name}.{label}.JSON_MIN" / "result.json").read_text(encoding="utf-8"))
        annotated = [t for t in data if t.get("annotations")]
        if len(minimal) != len(annotated):
            failures.append(f"{name} {label}: {len(minimal)} JSON-MIN items for {len(annotated)} annotated tasks")
        if minimal:
            back = jsonl(run("export", "--format", "jsonl", str(TMP / f"{name}.{label}.JSON_MIN" / "result.json")))
            for b, t in zip(back, annotated):
                want = sorted((r["value"]["start"], r["value"]["end"], r["value"]["labels"][0], r["value"]["text"]) for a in t["annotations"] for r in a["result"])
                if b["id"] != t["data"]["doc_id"] or sorted(key(s) for s in b["spans"]) != want:
                    failures.append(f"{name} {label}: JSON-MIN of {t['data']['doc_id']} read back as {b['id']} {sorted(key(s) for s in b['spans'])}, want {want}")
    # The accepted tasks themselves: every span, source and date as newsmark wrote them.
    back = jsonl(run("export", "--format", "jsonl", str(TMP / f"{name}.accepted.json")))
    for b, d in zip(back, docs):
        fields = lambda x: (x["id"], x.get("article_date"), x.get("article_date_source"), sorted(key(s) + (s["source"], json.dumps(s.get("value"))) for s in x["spans"]))
        if fields(b) != fields(d):
            failures.append(f"{name}: the accepted task of {d['id']} came back as {fields(b)}, want {fields(d)}")

for f in failures:
    print(f"check_labelstudio: {f}", file=sys.stderr)
print(f"check_labelstudio: {regions} regions validated by label-studio-sdk's LabelInterface against the exported config, converted to JSON-MIN and CoNLL 2003 and read back; {len(failures)} failures")
sys.exit(1 if failures else 0)
