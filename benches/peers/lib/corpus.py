"""Builds the inputs of the peer benchmark from ../shared (never copied into the repo).

Writes into OUT_DIR (an ignored folder):
  corpus.jsonl     ~1 MB of news text, one document a line: {"id", "text"}.
                   CoNLL-2003 train+dev documents, lightly detokenized, plus the
                   two seed articles, until TARGET_CHARS code points are reached.
  article5k.txt    one ~5 KB article: both seed articles joined, cut at a line
                   break at or before 5,120 characters.
  conll_test.jsonl CoNLL-2003 test as is (tokenized text), gold labels renamed to
                   ours (PER -> PERSON).
  seeds.jsonl      the seed gold as is (all 11 labels).
  wikigold_dev.jsonl wikigold dev (45 Wikipedia articles, tokenized like CoNLL)
                   as is, gold labels renamed to ours (PER -> PERSON); absent
                   when DATA_DIR has no wikigold/dev.jsonl.
Every file keeps offsets in Unicode code points, end exclusive.
"""
import json
import re
import sys
from pathlib import Path

TARGET_CHARS = 1_000_000
ARTICLE_CHARS = 5_120

# Punctuation that CoNLL separates with spaces and running text glues to a word.
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(line: str) -> str:
    """Joins CoNLL tokens the way running text would (light: no quote pairing)."""
    line = _NO_SPACE_BEFORE.sub(r"\1", line)
    line = _NO_SPACE_AFTER.sub(r"\1", line)
    return line


def read_jsonl(path: Path):
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def write_conll_labelled(src: Path, dst: Path) -> int:
    """Copies a CoNLL-labelled JSONL set (PER/ORG/LOC/MISC) with our label names."""
    rename = {"PER": "PERSON"}
    n = 0
    with dst.open("w", encoding="utf-8") as f:
        for doc in read_jsonl(src):
            spans = [
                {"start": s["start"], "end": s["end"], "label": rename.get(s["label"], s["label"])}
                for s in doc["spans"]
            ]
            f.write(json.dumps({"id": doc["id"], "text": doc["text"], "spans": spans}, ensure_ascii=False) + "\n")
            n += 1
    return n


def main(data_dir: str, seeds_dir: str, out_dir: str) -> int:
    data = Path(data_dir)
    seeds = Path(seeds_dir)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    seed_docs = list(read_jsonl(seeds / "gold.jsonl"))
    if len(seed_docs) < 2:
        print(f"corpus: expected 2 seed articles in {seeds / 'gold.jsonl'}", file=sys.stderr)
        return 1

    # ~1 MB of news text.
    total = 0
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for doc in seed_docs:
            f.write(json.dumps({"id": "seed-" + doc["id"], "text": doc["text"]}, ensure_ascii=False) + "\n")
            total += len(doc["text"])
        for split in ("train", "dev"):
            for doc in read_jsonl(data / "conll2003" / f"{split}.jsonl"):
                if total >= TARGET_CHARS:
                    break
                text = "\n".join(detokenize(l) for l in doc["text"].split("\n"))
                f.write(json.dumps({"id": doc["id"], "text": text}, ensure_ascii=False) + "\n")
                total += len(text)

    # One 5 KB article: a realistic paste (both seeds, cut on a line break).
    joined = seed_docs[0]["text"].rstrip("\n") + "\n\n" + seed_docs[1]["text"]
    cut = joined.rfind("\n", 0, ARTICLE_CHARS)
    article = joined[: cut if cut > 0 else ARTICLE_CHARS]
    (out / "article5k.txt").write_text(article, encoding="utf-8")

    # Evaluation sets with our label names.
    write_conll_labelled(data / "conll2003" / "test.jsonl", out / "conll_test.jsonl")
    wikigold = data / "wikigold" / "dev.jsonl"
    if wikigold.exists():
        n = write_conll_labelled(wikigold, out / "wikigold_dev.jsonl")
        print(f"corpus: {n} wikigold dev articles in wikigold_dev.jsonl")
    else:
        print(f"corpus: no {wikigold}: the wikigold column stays n/a", file=sys.stderr)
    with (out / "seeds.jsonl").open("w", encoding="utf-8") as f:
        for doc in seed_docs:
            spans = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in doc["spans"]]
            f.write(json.dumps({"id": doc["id"], "text": doc["text"], "spans": spans}, ensure_ascii=False) + "\n")

    print(f"corpus: {total} chars in corpus.jsonl, {len(article)} chars in article5k.txt")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: corpus.py DATA_DIR SEEDS_DIR OUT_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
