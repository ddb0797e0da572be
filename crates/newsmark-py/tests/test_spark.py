"""The Spark example (examples/spark/annotate.py) in local mode: its output is the CLI's."""

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, read_jsonl

SCRIPT = ROOT / "examples/spark/annotate.py"


@pytest.fixture(scope="module")
def corpus(shared, tricky, tmp_path_factory):
    # A small corpus: the seeds, the tricky texts (emoji, CJK, CRLF), a blank line, CoNLL dev's first 40 articles.
    lines = (shared / "seeds/gold.jsonl").read_text(encoding="utf-8").splitlines()
    lines += tricky.read_text(encoding="utf-8").splitlines() + [""]
    lines += (shared / "data/conll2003/dev.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def spark(*args):
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    run = subprocess.run([sys.executable, str(SCRIPT), *map(str, args), "--master", "local[2]"], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-4000:]


def by_id(lines):
    return sorted(lines, key=lambda l: json.loads(l)["id"])


def test_jsonl_out_is_the_clis(cli, corpus, tmp_path):
    out = tmp_path / "out"
    spark(corpus, out)
    got = [l for part in sorted(out.glob("part-*")) for l in part.read_text(encoding="utf-8").splitlines()]
    expected = cli("annotate", "--jsonl", corpus).stdout.decode("utf-8").splitlines()
    assert len(expected) > 40
    assert by_id(got) == by_id(expected)


def test_parquet_out_has_the_clis_columns(cli, corpus, tmp_path):
    import pandas as pd

    out = tmp_path / "out.parquet"
    spark(corpus, out, "--output-format", "parquet")
    frame = pd.read_parquet(out)
    got = sorted((r._asdict() for r in frame.itertuples(index=False)), key=lambda r: r["id"])
    expected = sorted((json.loads(l) for l in cli("annotate", "--jsonl", corpus).stdout.decode().splitlines()), key=lambda d: d["id"])
    assert [dict(r, spans=json.loads(r["spans"])) for r in got] == expected
