"""spaCy reads newsmark's spaCy exports as they are (issue 16).

- `--format docbin`: `DocBin().from_bytes` loads the file; every Doc's text
  is the document's text, and its entities are exactly
  `Doc.char_span(start, end, label)` of the newsmark spans (code points), on
  the seeds and the tricky corpus (emoji, CJK, combining marks, tabs, CRLF).
  Values, sources, ids and dates ride along in `doc.user_data["newsmark"]`.
- `spacy train` runs a few steps on the seeds' DocBin and exits 0.
- `--format spacy-json`: the tuples' offsets slice the texts to the spans.
- newsmark imports what spaCy writes: a DocBin spaCy made itself (every
  token attribute, a spaCy tokenizer) and `Doc.to_json()` come back with the
  same text and entities.

Prints what it checked; exits 1 on the first failure.
"""

import json
import subprocess
import sys

import spacy
from spacy.tokens import Doc, DocBin
from common import SEEDS, TMP, TRICKY, fail, run



def corpora():
    """(name, newsmark JSONL path) for the seeds and the annotated tricky corpus."""
    tricky = TMP / "tricky.jsonl"
    tricky.write_bytes(run("annotate", "--jsonl", str(TRICKY)))
    out = [("tricky", tricky)]
    if SEEDS.exists():
        out.append(("seeds", SEEDS))
    else:
        print(f"check_spacy: no seeds at {SEEDS}; the tricky corpus only")
    return out


def records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_docbin(name, path, nlp):
    data = run("export", "--format", "docbin", str(path))
    if data[:1] != b"\x78":
        fail(f"{name}: the DocBin does not start with zlib's header: {data[:4]!r}")
    out = TMP / f"{name}.spacy"
    out.write_bytes(data)
    docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    recs = records(path)
    if len(docs) != len(recs):
        fail(f"{name}: {len(docs)} docs in the DocBin for {len(recs)} documents")
    n_ents = 0
    for i, (doc, rec) in enumerate(zip(docs, recs)):
        if doc.text != rec["text"]:
            fail(f"{name} doc {i + 1}: Doc.text differs from the text: {doc.text[:60]!r} vs {rec['text'][:60]!r}")
        want = []
        for s in rec.get("spans", []):
            span = doc.char_span(s["start"], s["end"], label=s["label"])
            if span is None:
                fail(f"{name} doc {i + 1}: char_span({s['start']}, {s['end']}) of {s['label']} is not on token boundaries")
            want.append((span.start, span.end, span.label_))
        got = [(e.start, e.end, e.label_) for e in doc.ents]
        if got != want:
            fail(f"{name} doc {i + 1}: doc.ents {got} != the spans' char_span {want}")
        facts = json.loads(doc.user_data["newsmark"])
        if facts.get("id") != rec.get("id"):
            fail(f"{name} doc {i + 1}: user_data id {facts.get('id')!r} != {rec.get('id')!r}")
        n_ents += len(got)
    print(f"check_spacy: {name}: DocBin.from_bytes read {len(docs)} docs; texts equal, {n_ents} entities equal Doc.char_span of the spans")
    return out


def check_tuples(name, path):
    tuples = json.loads(run("export", "--format", "spacy-json", str(path)))
    recs = records(path)
    for (text, ann), rec in zip(tuples, recs):
        if text != rec["text"]:
            fail(f"{name}: tuple text differs")
        want = [(s["start"], s["end"], s["label"]) for s in rec.get("spans", [])]
        got = [tuple(e) for e in ann["entities"]]
        if got != want:
            fail(f"{name}: tuple entities {got[:3]} != spans {want[:3]}")
        for s, e, _ in got:
            if text[s:e] != rec["text"][s:e]:
                fail(f"{name}: slice")
    print(f"check_spacy: {name}: spacy-json tuples give the spans by Python slicing")


def check_doc_json(name, path, nlp):
    items = json.loads(run("export", "--format", "spacy-doc", str(path)))
    recs = records(path)
    for i, (item, rec) in enumerate(zip(items, recs)):
        doc = Doc(nlp.vocab).from_json(item, validate=True)
        if doc.text != rec["text"]:
            fail(f"{name} doc {i + 1}: Doc.from_json text differs")
        want = [(s["start"], s["end"], s["label"]) for s in rec.get("spans", [])]
        got = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        if got != want:
            fail(f"{name} doc {i + 1}: Doc.from_json ents {got[:3]} != spans {want[:3]}")
    print(f"check_spacy: {name}: Doc.from_json(validate=True) reads the spacy-doc export; texts and ents equal")


def check_train(seeds_spacy):
    cfg = TMP / "config.cfg"
    py = sys.executable
    r = subprocess.run([py, "-m", "spacy", "init", "config", "-l", "en", "-p", "ner", "-F", str(cfg)], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"spacy init config exited {r.returncode}: {r.stderr[-2000:]}")
    args = [py, "-m", "spacy", "train", str(cfg), "--output", str(TMP / "model"),
            "--paths.train", str(seeds_spacy), "--paths.dev", str(seeds_spacy),
            "--training.max_steps", "20", "--training.eval_frequency", "10"]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"spacy train exited {r.returncode}: {(r.stdout + r.stderr)[-3000:]}")
    print("check_spacy: spacy train ran 20 steps on the exported DocBin and exited 0")


def check_import_of_spacys_own(nlp, path):
    """A DocBin and Doc.to_json() written by spaCy itself read back by newsmark."""
    recs = records(path)
    docs = []
    for rec in recs:
        doc = nlp.make_doc(rec["text"])
        spans = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand") for s in rec.get("spans", [])]
        doc.ents = [s for s in spans if s is not None]
        docs.append(doc)
    own = TMP / "own.spacy"
    DocBin(docs=docs).to_disk(own)
    to_json = TMP / "own.json"
    to_json.write_text(json.dumps([d.to_json() for d in docs]), encoding="utf-8")
    for file in (own, to_json):
        back = [json.loads(line) for line in run("export", "--format", "jsonl", str(file)).decode().splitlines()]
        if len(back) != len(docs):
            fail(f"{file.name}: newsmark read {len(back)} documents of {len(docs)}")
        for i, (b, d) in enumerate(zip(back, docs)):
            if b["text"] != d.text:
                fail(f"{file.name} doc {i + 1}: text differs")
            want = [(e.start_char, e.end_char, e.label_) for e in d.ents]
            got = [(s["start"], s["end"], s["label"]) for s in b["spans"]]
            if got != want:
                fail(f"{file.name} doc {i + 1}: newsmark read {got[:3]}... for spaCy's {want[:3]}...")
        print(f"check_spacy: newsmark imports spaCy's own {file.name}: {len(docs)} docs, texts and entities equal")


def main():
    nlp = spacy.blank("en")
    seeds_spacy = None
    for name, path in corpora():
        out = check_docbin(name, path, nlp)
        check_tuples(name, path)
        check_doc_json(name, path, nlp)
        if name == "seeds":
            seeds_spacy = out
            check_import_of_spacys_own(nlp, path)
    check_train(seeds_spacy or TMP / "tricky.spacy")
    print(f"check_spacy: passed (spaCy {spacy.__version__})")


if __name__ == "__main__":
    main()
