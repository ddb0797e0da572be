"""The Python API against the CLI: the same documents, byte for byte."""

import json
import sys
import threading
import time
from pathlib import Path

import pytest

import newsmark
from conftest import read_jsonl


def test_the_wheel_is_what_is_tested():
    # The installed package, with its compiled module, not a source folder on the path.
    assert "site-packages" in Path(newsmark.__file__).parts
    assert Path(newsmark._newsmark.__file__).suffix == ".so"


def test_version_is_the_clis(cli):
    assert cli("--version").stdout.decode().split() == ["newsmark", newsmark.__version__]


def cli_lines(cli, path, *args):
    return cli("annotate", "--jsonl", *args, path).stdout.decode("utf-8").splitlines()


@pytest.mark.parametrize("corpus", ["seeds/gold.jsonl", "data/conll2003/dev.jsonl"])
def test_annotate_many_writes_the_clis_lines(cli, shared, corpus):
    path = shared / corpus
    inputs = read_jsonl(path)
    expected = cli_lines(cli, path)
    got = newsmark.annotate_many_json(
        [i["text"] for i in inputs], ids=[i.get("id") for i in inputs], dates=[i.get("date") for i in inputs]
    )
    assert len(got) == len(expected) == len(inputs)
    assert got == expected
    # And as dicts: the CLI's documents parsed.
    docs = newsmark.annotate_many([i["text"] for i in inputs], ids=[i.get("id") for i in inputs], dates=[i.get("date") for i in inputs], threads=2)
    assert docs == [json.loads(line) for line in expected]


def test_annotate_gives_the_clis_document(cli, shared, tricky):
    for path in [shared / "seeds/gold.jsonl", tricky]:
        for item, line in zip(read_jsonl(path), cli_lines(cli, path)):
            assert newsmark.annotate(item["text"], date=item.get("date"), id=item.get("id")) == json.loads(line)


def test_a_common_date_and_labels_as_the_cli(cli, shared):
    path = shared / "seeds/gold.jsonl"
    texts = [i["text"] for i in read_jsonl(path)]
    expected = [json.loads(l) for l in cli("annotate", "--jsonl", "--date", "2022-08-01", "--labels", "MONEY,DATE", path).stdout.decode().splitlines()]
    for doc in expected:
        doc.pop("id", None)
    # The lines' own dates win over --date, as dates= wins over date=.
    dates = [i.get("date") for i in read_jsonl(path)]
    assert newsmark.annotate_many(texts, date="2022-08-01", labels=["MONEY", "DATE"], dates=dates) == expected
    assert {s["label"] for d in expected for s in d["spans"]} <= {"MONEY", "DATE"}


def test_a_text_file_as_the_cli(cli, shared):
    for path in sorted((shared / "seeds").glob("*.txt")):
        expected = json.loads(cli("annotate", path).stdout)
        text = path.read_text(encoding="utf-8").lstrip("\ufeff")
        assert newsmark.annotate(text, id=str(path)) == expected


def test_offsets_are_code_points(tricky):
    for item in read_jsonl(tricky):
        doc = newsmark.annotate(item["text"], date=item["date"])
        assert doc["offset_unit"] == "codepoint"
        for s in doc["spans"]:
            assert item["text"][s["start"]:s["end"]] == s["text"]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: newsmark.annotate("x", date="2022-13-01"), 'date "2022-13-01" is not YYYY-MM-DD'),
        (lambda: newsmark.annotate("x", date="22-08-01"), "the year must have four digits"),
        (lambda: newsmark.annotate("x", labels=["PERSON", "NOPE"]), "NOPE"),
        (lambda: newsmark.annotate("x", labels=[]), "the label list is empty"),
        (lambda: newsmark.annotate_many(["a", "b"], ids=["1"]), "ids has 1 items for 2 texts"),
        (lambda: newsmark.annotate_many(["a", "b"], dates=["2022-08-01", "bad"]), "text 1: date \"bad\""),
        (lambda: newsmark.annotate_many(["a"], threads=0), "threads must be 1 or more"),
        (lambda: newsmark.export([newsmark.annotate("x")], "nope"), "nope"),
        (lambda: newsmark.export([{"text": "abc", "spans": [{"start": 2, "end": 9, "label": "ORG"}]}], "conll"), "9"),
        (lambda: newsmark.load("/nonexistent/file.jsonl"), "/nonexistent/file.jsonl"),
    ],
)
def test_bad_input_raises_the_cores_message(call, message):
    with pytest.raises(newsmark.NewsmarkError) as e:
        call()
    assert message in str(e.value)
    assert isinstance(e.value, ValueError)
    assert e.value.kind


def test_the_message_is_the_clis(cli):
    # A JSONL line's bad date: the CLI reports the core's message for the line and goes on.
    run = cli("annotate", "--jsonl", "-", input=b'{"text": "x", "date": "2022-02-30"}\n', check=False)
    assert run.returncode != 0
    with pytest.raises(newsmark.NewsmarkError) as e:
        newsmark.annotate("x", date="2022-02-30")
    assert run.stderr.decode().strip() == f"newsmark: stdin line 1: {e.value}; skipped"


def test_a_str_is_not_many_texts():
    with pytest.raises(TypeError):
        newsmark.annotate_many("one text")


def test_any_text_annotates():
    for text in ["", "\x00\x01", "\ud7ff" * 3, "🇯🇵" * 100, "a\u0301" * 50, "$" * 1000]:
        assert newsmark.annotate(text)["text"] == text


def test_own_labels_read_as_the_projects_when_asked(cli, tmp_path):
    # Labels no test defines before: the registry of labels is the process's.
    path = tmp_path / "own.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "The Kornet hit Kyiv.", "spans": [{"start": 4, "end": 10, "label": "PY_ARMS"}]}) + "\n")
    with pytest.raises(newsmark.NewsmarkError, match='unknown label "PY_ARMS"'):
        newsmark.load(path)
    docs = newsmark.load(path, own_labels=True)
    assert [s["label"] for s in docs[0]["spans"]] == ["PY_ARMS"]
    ship = [{"text": "HMS Kent sailed.", "spans": [{"start": 0, "end": 8, "label": "PY_SHIP"}]}]
    with pytest.raises(newsmark.NewsmarkError, match='unknown label "PY_SHIP"'):
        newsmark.export(ship, "conll")
    conll = newsmark.export(ship, "conll", own_labels=True)
    assert "HMS\tB-PY_SHIP" in conll.replace(" ", "\t") and "Kent\tI-PY_SHIP" in conll.replace(" ", "\t")
    assert conll == cli("export", "--format", "conll", "--own-labels", input=newsmark._jsonl(ship).encode()).stdout.decode()


@pytest.mark.parametrize("fmt", ["docbin", "conll", "conllu", "spacy-json", "prodigy", "doccano", "labelstudio", "hf", "csv", "jsonl"])
def test_export_as_the_cli(cli, shared, tmp_path, fmt):
    inputs = read_jsonl(shared / "seeds/gold.jsonl")
    docs = newsmark.annotate_many([i["text"] for i in inputs], ids=[i["id"] for i in inputs])
    jsonl = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    expected = cli("export", "--format", fmt, input=jsonl.encode()).stdout
    got = newsmark.export(docs, fmt)
    if fmt == "docbin":
        assert isinstance(got, bytes) and got == expected
    else:
        assert isinstance(got, str) and got == expected.decode("utf-8")


def test_export_options_as_the_cli(cli, tricky):
    docs = [newsmark.annotate(i["text"], date=i["date"], id=i["id"]) for i in read_jsonl(tricky)]
    jsonl = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()
    assert newsmark.export(docs, "doccano", offset_unit="utf16") == cli("export", "--format", "doccano", "--offset-unit", "utf16", input=jsonl).stdout.decode()
    assert newsmark.export(docs, "conll", scheme="bilou") == cli("export", "--format", "conll", "--scheme", "bilou", input=jsonl).stdout.decode()


def test_export_of_many_files_is_a_dict(tricky):
    docs = [newsmark.annotate(i["text"], id=i["id"]) for i in read_jsonl(tricky)]
    files = newsmark.export(docs, "brat")
    assert isinstance(files, dict)
    assert {n for n in files if n.endswith(".txt")} == {f"{d['id']}.txt" for d in docs}
    assert files["emoji.txt"] == docs[0]["text"]


def test_load_as_the_cli(cli, shared, tmp_path):
    docs = newsmark.annotate_many([i["text"] for i in read_jsonl(shared / "seeds/gold.jsonl")])
    for fmt, name in [("conll", "x.conll"), ("docbin", "x.spacy"), ("doccano", "x.jsonl")]:
        path = tmp_path / name
        content = newsmark.export(docs, fmt)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        # The format found from the file's name and content, as the CLI finds it.
        expected = [json.loads(l) for l in cli("export", "--format", "jsonl", path).stdout.decode().splitlines()]
        assert newsmark.load(path) == expected
        assert len(expected) == len(docs)


def test_load_reports_as_the_cli(cli, tmp_path, caplog):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": "Sony rose.", "spans": [{"start": 0, "end": 4, "label": "ORG"}]}) + "\n")
    with caplog.at_level("INFO", logger="newsmark"):
        docs = newsmark.load(path)
    assert [s["text"] for s in docs[0]["spans"]] == ["Sony"]
    cli_said = [l for l in cli("export", "--format", "jsonl", path).stderr.decode().splitlines() if l.startswith("newsmark: read ")]
    assert [f"newsmark: {r.getMessage()}" for r in caplog.records] == cli_said
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "Sony rose.", "spans": [{"start": 3, "end": 99, "label": "ORG"}]}) + "\n")
    with pytest.raises(newsmark.NewsmarkError, match="end 99 is past the end of the text"):
        newsmark.load(bad)


def test_annotate_many_releases_the_gil(shared):
    texts = [i["text"] for i in read_jsonl(shared / "data/conll2003/dev.jsonl")] * 2
    ticks = 0
    done = threading.Event()

    def work():
        newsmark.annotate_many_json(texts, threads=1)
        done.set()

    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    # With the GIL held for the whole call this loop would not run until it returned.
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    assert time.perf_counter() - start > 0.05
    assert ticks > 10


CORRECTED = [
    {"text": "Rebels fired a Kornet at the convoy near Aleppo.", "word": "Kornet"},
    {"text": "Army units said a Kornet hit the bridge outside Homs.", "word": "Kornet"},
    {"text": "A Kornet was found in the truck, police in Idlib said.", "word": "Kornet"},
]


def test_adapt_names_as_the_clis_annotate_adapt(cli, shared, tmp_path):
    # What three corrected documents taught, by `newsmark learn`, used from Python as the CLI uses it.
    corrected = tmp_path / "corrected.jsonl"
    with corrected.open("w", encoding="utf-8") as f:
        for d in CORRECTED:
            start = d["text"].index(d["word"])
            span = {"start": start, "end": start + len(d["word"]), "label": "WEAPON"}
            f.write(json.dumps({"id": d["word"], "text": d["text"], "spans": [span]}) + "\n")
    learned = tmp_path / "project.nml"
    cli("learn", "--labels", "PERSON,ORG,LOC,MISC,WEAPON", "--out", learned, corrected)
    path = shared / "seeds" / "gold.jsonl"
    expected = cli_lines(cli, path, "--adapt", learned)
    lines = [json.loads(l) for l in open(path, encoding="utf-8")]
    texts, ids, dates = [l["text"] for l in lines], [l.get("id") for l in lines], [l.get("date") for l in lines]
    assert newsmark.annotate_many_json(texts, ids=ids, dates=dates, adapt=learned) == expected
    adapter = newsmark.load_adapter(learned)
    assert adapter.documents == 3
    new = "Witnesses said a Kornet struck the depot near Hama."
    doc = newsmark.annotate(new, adapt=adapter)
    assert doc == json.loads(cli("annotate", "--jsonl", "--adapt", learned, "-", input=json.dumps({"text": new}).encode()).stdout)
    assert newsmark.annotate(new, adapt=learned.read_bytes()) == doc
    # Nothing learned is the model's own output.
    assert newsmark.annotate(new) == newsmark.annotate(new, adapt=None)


def test_learn_gives_the_clis_learning_file(cli, tmp_path):
    # The same corrections, as a file and as dicts, teach what `newsmark learn` teaches, byte for byte.
    docs = []
    for d in CORRECTED:
        start = d["text"].index(d["word"])
        docs.append({"id": d["word"], "text": d["text"], "spans": [{"start": start, "end": start + len(d["word"]), "label": "WEAPON"}]})
    corrected = tmp_path / "corrected.jsonl"
    corrected.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    learned = tmp_path / "project.nml"
    cli("learn", "--labels", "PERSON,ORG,LOC,MISC,WEAPON", "--out", learned, corrected)
    from_file = newsmark.learn(corrected, labels="PERSON,ORG,LOC,MISC,WEAPON", out=tmp_path / "py.nml")
    assert from_file.to_bytes() == learned.read_bytes() == (tmp_path / "py.nml").read_bytes()
    from_dicts = newsmark.learn(docs, labels=["PERSON", "ORG", "LOC", "MISC", "WEAPON"])
    assert from_dicts.to_bytes() == learned.read_bytes()
    assert from_dicts.documents == 3 and from_dicts.suggests == ["WEAPON"]
    # Going on from what was learned, as `learn --adapt`.
    cli("learn", "--adapt", learned, "--out", tmp_path / "more.nml", corrected)
    assert newsmark.learn(corrected, adapt=learned).to_bytes() == (tmp_path / "more.nml").read_bytes()
    new = "Witnesses said a Kornet struck the depot near Hama."
    assert "WEAPON" in [s["label"] for s in newsmark.annotate(new, adapt=from_dicts)["spans"]]
    # A label of the files that labels= did not name is learned as the project's own, and said.
    with pytest.warns(newsmark.NewsmarkWarning, match=r"as the project's own \(not in labels\): WEAPON"):
        assert newsmark.learn(docs, labels="PERSON").suggests == ["WEAPON"]
    # Plain text holds no corrections: refused, nothing learned.
    plain = tmp_path / "plain.txt"
    plain.write_text(new, encoding="utf-8")
    with pytest.raises(newsmark.NewsmarkError, match="plain text holds no corrections"):
        newsmark.learn([corrected, plain])


def test_a_file_that_is_not_a_learning_file_raises(tmp_path):
    bad = tmp_path / "bad.nml"
    bad.write_bytes(b"not a learning file")
    with pytest.raises(newsmark.NewsmarkError):
        newsmark.load_adapter(bad)
    with pytest.raises(newsmark.NewsmarkError):
        newsmark.annotate("x", adapt=bad)
