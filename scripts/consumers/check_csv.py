"""pandas reads newsmark's CSV as it is (issue 16): every row's `text` cell
equals the document's text[start:end] (code points), on the seeds and the
tricky corpus (emoji, CJK, combining marks, tabs, CRLF), and with `--bom`
(Excel's byte-order mark) the columns are the same once pandas reads it as
utf-8-sig.

Prints what it checked; exits 1 on the first failure.
"""

import json

import pandas as pd
from common import SEEDS, TMP, TRICKY, fail, run



def check(name, path, bom):
    out = TMP / f"{name}{'-bom' if bom else ''}.csv"
    out.write_bytes(run("export", "--format", "csv", *(["--bom"] if bom else []), str(path)))
    if bom != out.read_bytes().startswith(b"\xef\xbb\xbf"):
        fail(f"{out.name}: byte-order mark {'missing' if bom else 'present'}")
    frame = pd.read_csv(out, encoding="utf-8-sig" if bom else "utf-8", dtype=str, keep_default_na=False)
    if list(frame.columns) != ["doc_id", "start", "end", "label", "text", "value", "source"]:
        fail(f"{out.name}: columns {list(frame.columns)}")
    docs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            docs[rec.get("id")] = rec
    want = sum(len(d.get("spans", [])) for d in docs.values())
    if len(frame) != want:
        fail(f"{out.name}: {len(frame)} rows for {want} spans")
    for row in frame.itertuples():
        text = docs[row.doc_id]["text"]
        piece = text[int(row.start):int(row.end)]
        if row.text != piece:
            fail(f"{out.name}: row {row.Index + 1}: text cell {row.text!r} != text[{row.start}:{row.end}] {piece!r}")
    print(f"check_csv: {out.name}: pandas read {len(frame)} rows; every text cell == text[start:end]")


def main():
    tricky = TMP / "tricky.jsonl"
    tricky.write_bytes(run("annotate", "--jsonl", str(TRICKY)))
    corpora = [("tricky", tricky)] + ([("seeds", SEEDS)] if SEEDS.exists() else [])
    for name, path in corpora:
        for bom in (False, True):
            check(name, path, bom)
    print(f"check_csv: passed (pandas {pd.__version__})")


if __name__ == "__main__":
    main()
