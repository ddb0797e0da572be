"""newsmark's token exports, read by seqeval (strict mode) and checked.

For the seeds ($SEEDS) and the tricky corpus ($TRICKY, annotated first),
in each scheme seqeval knows strictly (IOB2, IOBES, BILOU):

- the CoNLL export's tags are rebuilt here, independently, from the
  newsmark JSONL spans (code point offsets) over the export's tokens found
  in the text: seqeval's strict classification report of the export against
  them gives F1 1.0, and the tags are equal token for token;
- seqeval's scheme accepts every sentence: each tag has a prefix of the
  scheme and every tag that is not O belongs to an entity seqeval reads
  (strict mode drops malformed chunks silently, so this is counted);
- the entities seqeval reads are as many as the spans that cover a token;
- the Hugging Face JSONL export (ner_tags through its ner_tag_names) and
  the CoNLL-U export (NER= in MISC, parsed by the conllu library) hold the
  same tokens and tags, and the CoNLL-U text rebuilt from SpaceAfter /
  SpacesAfter is the document's;
- the IOB1 export (which seqeval has no strict scheme for) gives, read by
  seqeval's default (conlleval) mode, the entities of the IOB2 export;
- newsmark reads each export back with as many spans as it wrote.

Exits non-zero on any failure.
"""

import json
import os
import sys
import unicodedata

import conllu
from seqeval.metrics import classification_report
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import BILOU, IOB2, IOBES, Tokens
from common import run_text as run

TMP = os.environ["CONSUMER_TMP"]
SCHEMES = {"iob2": IOB2, "iobes": IOBES, "bilou": BILOU}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


def read_conll(content):
    """Documents of sentences of (token, tag)."""
    docs, sentence = [], []
    for line in content.split("\n"):
        if not line.strip():
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            continue
        token, tag = line.split("\t")
        if token == "-DOCSTART-":
            docs.append([])
            continue
        sentence.append((token, tag))
    assert not sentence, "the file ends inside a sentence"
    return docs


def as_written(c):
    """A character as the CoNLL export writes it in a token."""
    return "_" if c.isspace() or unicodedata.category(c) == "Cc" else c


def token_offsets(text, tokens, doc_id):
    """The code point span of each token, found in order in the text."""
    spans, pos = [], 0
    for tok in tokens:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        got = "".join(as_written(c) for c in text[pos : pos + len(tok)])
        if got != tok:
            raise AssertionError(f"{doc_id}: token {tok!r} not found at {pos} (text has {text[pos:pos + 20]!r})")
        spans.append((pos, pos + len(tok)))
        pos += len(tok)
    return spans


def tags_from_spans(token_spans, spans, scheme):
    """Each token tagged with the first span it overlaps, in `scheme`."""
    owner = []
    for s, e in token_spans:
        hit = next((i for i, sp in enumerate(spans) if sp["start"] < e and s < sp["end"]), None)
        owner.append(hit)
    tags = []
    for k, o in enumerate(owner):
        if o is None:
            tags.append("O")
            continue
        first = k == 0 or owner[k - 1] != o
        last = k + 1 == len(owner) or owner[k + 1] != o
        label = spans[o]["label"]
        if scheme == "iob2":
            p = "B" if first else "I"
        else:
            single, end = ("S", "E") if scheme == "iobes" else ("U", "L")
            p = single if first and last else "B" if first else end if last else "I"
        tags.append(f"{p}-{label}")
    return tags, {o for o in owner if o is not None}


def unescape_spaces(v):
    """UDPipe's SpacesAfter / SpacesBefore escapes (and newsmark's \\uXXXX)."""
    plain = {"s": " ", "t": "\t", "r": "\r", "n": "\n", "\\": "\\", "|": "|"}
    out, i = "", 0
    while i < len(v):
        if v[i] != "\\":
            out += v[i]
            i += 1
        elif v[i + 1] == "u":
            out += chr(int(v[i + 2 : i + 6], 16))
            i += 6
        else:
            out += plain[v[i + 1]]
            i += 2
    return out


def conllu_documents(content):
    """Documents [id, text, sentences of (form, tag)] as the conllu library parses
    the file, the text rebuilt from FORM (or MISC Form) and the spacing in MISC."""
    docs, pending = [], None
    for sentence in conllu.parse(content):
        if "newdoc id" in sentence.metadata:
            if pending and pending[1]:
                docs[-1][1] += pending[0]
            docs.append([sentence.metadata["newdoc id"], "", []])
            pending = None
        words = []
        for token in sentence:
            misc = token["misc"] or {}
            form = unescape_spaces(misc["Form"]) if "Form" in misc else token["form"]
            if pending is not None:
                docs[-1][1] += pending[0]
            elif "SpacesBefore" in misc:
                docs[-1][1] += unescape_spaces(misc["SpacesBefore"])
            docs[-1][1] += form
            if "SpacesAfter" in misc:
                pending = (unescape_spaces(misc["SpacesAfter"]), True)
            elif misc.get("SpaceAfter") == "No":
                pending = ("", True)
            else:
                pending = (" ", False)
            words.append((token["form"], misc["NER"]))
        docs[-1][2].append(words)
    if pending and pending[1]:
        docs[-1][1] += pending[0]
    return docs


def check(corpus, jsonl_path):
    records = [json.loads(line) for line in open(jsonl_path, encoding="utf-8") if line.strip()]
    n_spans = sum(len(r["spans"]) for r in records)
    for scheme, seqeval_scheme in SCHEMES.items():
        what = f"{corpus} {scheme}"
        conll = read_conll(run("export", "--format", "conll", "--scheme", scheme, jsonl_path))
        if len(conll) != len(records):
            fail(f"{what}: {len(conll)} documents in the CoNLL export, {len(records)} in the JSONL")
            continue
        y_true, y_pred, covered = [], [], 0
        for rec, sentences in zip(records, conll):
            tokens = [t for s in sentences for t, _ in s]
            offsets = token_offsets(rec["text"], tokens, rec.get("id"))
            spans = sorted(rec["spans"], key=lambda s: (s["start"], s["end"]))
            k, owners = 0, set()
            for s in sentences:
                want, owned = tags_from_spans(offsets[k : k + len(s)], spans, scheme)
                owners |= owned
                k += len(s)
                y_true.append(want)
                y_pred.append([t for _, t in s])
            covered += len(owners)
        report = classification_report(y_true, y_pred, mode="strict", scheme=seqeval_scheme, output_dict=True, zero_division=0)
        f1 = report["micro avg"]["f1-score"]
        if f1 != 1.0:
            fail(f"{what}: seqeval strict F1 {f1} against tags rebuilt from the spans")
        unequal = sum(1 for a, b in zip(y_true, y_pred) if a != b)
        if unequal:
            fail(f"{what}: {unequal} sentences whose tags differ from the spans'")
        entities = 0
        for n, sent in enumerate(y_pred):
            try:
                found = Tokens(sent, scheme=seqeval_scheme).entities
            except ValueError as e:
                fail(f"{what}: sentence {n + 1}: seqeval's {scheme.upper()} refuses it: {e}")
                continue
            in_entities = sum(e.end - e.start for e in found)
            tagged = sum(1 for t in sent if t != "O")
            if in_entities != tagged:
                fail(f"{what}: sentence {n + 1}: {tagged} tags not O but {in_entities} tokens in entities: {sent}")
            entities += len(found)
        if entities != covered:
            fail(f"{what}: seqeval reads {entities} entities, {covered} spans cover a token")
        sentences = sum(len(d) for d in conll)
        print(
            f"{what}: {len(records)} documents, {sentences} sentences, {entities} entities "
            f"({n_spans - covered} of {n_spans} spans inside a token of another); strict F1 {f1}"
        )

        # Hugging Face JSONL: the same tokens and tags.
        hf = [json.loads(line) for line in run("export", "--format", "hf", "--scheme", scheme, jsonl_path).splitlines()]
        hf_rows = [([t for t in row["tokens"]], [row["ner_tag_names"][i] for i in row["ner_tags"]]) for row in hf]
        conll_rows = [([t for t, _ in s], [g for _, g in s]) for d in conll for s in d]
        hf_rows = [([("".join(as_written(c) for c in t)) for t in toks], tags) for toks, tags in hf_rows]
        if hf_rows != conll_rows:
            fail(f"{what}: the Hugging Face JSONL export's tokens and tags differ from CoNLL's")
        # CoNLL-U: the same tags, and the text back from the spacing.
        conllu_docs = conllu_documents(run("export", "--format", "conllu", "--scheme", scheme, jsonl_path))
        if [[g for _, g in s] for d in conllu_docs for s in d[2]] != [tags for _, tags in conll_rows]:
            fail(f"{what}: the CoNLL-U export's NER= tags differ from CoNLL's")
        texts_differ = [rec.get("id") for rec, d in zip(records, conllu_docs) if d[1] != rec["text"]]
        if [d[0] for d in conllu_docs] != [rec.get("id") for rec in records]:
            fail(f"{what}: the CoNLL-U export's newdoc ids differ from the documents' ids")
        if texts_differ:
            fail(f"{what}: the CoNLL-U text rebuilt from SpaceAfter differs for {texts_differ}")
        # newsmark reads each back.
        for fmt, ext in [("conll", "conll"), ("conllu", "conllu"), ("hf", "hf.jsonl")]:
            path = write(f"{corpus}.{scheme}.{ext}", run("export", "--format", fmt, "--scheme", scheme, jsonl_path))
            back = [json.loads(line) for line in run("export", "--format", "jsonl", path).splitlines()]
            if sum(len(b["spans"]) for b in back) != covered:
                fail(f"{what}: {fmt} read back with {sum(len(b['spans']) for b in back)} spans, {covered} written")
        print(f"{what}: Hugging Face JSONL and CoNLL-U agree; all three read back")
    iob1 = read_conll(run("export", "--format", "conll", "--scheme", "iob1", jsonl_path))
    iob2 = read_conll(run("export", "--format", "conll", "--scheme", "iob2", jsonl_path))
    flat = lambda docs: [[t for _, t in s] for d in docs for s in d]
    got, want = get_entities(flat(iob1)), get_entities(flat(iob2))
    if got != want:
        fail(f"{corpus} iob1: seqeval reads {len(got)} entities, the IOB2 export has {len(want)}")
    print(f"{corpus} iob1: {len(got)} entities, as IOB2's (seqeval default mode)")


seeds = write("seeds.jsonl", run("export", "--format", "jsonl", os.environ["SEEDS"]))
tricky = write("tricky.jsonl", run("annotate", "--jsonl", os.environ["TRICKY"]))
check("seeds", seeds)
check("tricky", tricky)
if failures:
    sys.exit(f"{len(failures)} failures")
print("seqeval: every export read as written")
