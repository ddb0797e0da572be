"""The spaCy component: entities on spaCy's tokens, every span aligned or counted."""

import subprocess
import sys

import pytest
import spacy

import newsmark
from conftest import read_jsonl

# Texts where newsmark's boundaries and spaCy's tokens disagree, beside emoji and CJK.
EXTRA = [
    "It rose 5%-6% on US$3bn deals with Sony-Ericsson.",
    "東京で山田太郎がトヨタに¥3,000を払った。2022年8月9日",
    "👩‍👩‍👧 The Smiths paid £5m for 🏠 in London on 2022-08-09.",
]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsmark", config={"date": "2022-08-09"})
    return nlp


def test_the_factory_loads_through_its_entry_point():
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('newsmark')\n"
        "doc = nlp('Sony paid $5 million.')\n"
        "print([(e.text, e.label_) for e in doc.ents])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "('$5 million', 'MONEY')" in run.stdout


def texts(tricky):
    return [i["text"] for i in read_jsonl(tricky)] + EXTRA


def check(doc, result):
    counts = doc.user_data["newsmark"]
    assert counts["spans"] == len(result["spans"])
    assert counts["aligned"] + counts["expanded"] + counts["dropped"] == counts["spans"]
    ents = list(doc.ents)
    assert len(ents) == counts["aligned"] + counts["expanded"]
    spans = result["spans"]
    for ent in ents:
        # Each entity covers a newsmark span of its label; exactly, unless it was counted as expanded.
        covering = [s for s in spans if ent.start_char <= s["start"] and s["end"] <= ent.end_char and s["label"] == ent.label_]
        assert covering, (ent.text, ent.label_)
        s = covering[0]
        assert ent._.value == s.get("value")
        assert ent.text == doc.text[ent.start_char:ent.end_char]
    exact = sum(1 for e in ents if any(e.start_char == s["start"] and e.end_char == s["end"] for s in spans))
    assert exact == counts["aligned"]
    return counts


def test_every_span_is_aligned_or_counted(nlp, tricky):
    total = {"spans": 0, "expanded": 0, "dropped": 0}
    for text in texts(tricky):
        doc = nlp(text)
        counts = check(doc, newsmark.annotate(text, date="2022-08-09"))
        for k in total:
            total[k] += counts[k]
    assert total["spans"] > 20
    # The extra texts have boundaries inside tokens ("5%-6%"): the counting is exercised, not assumed.
    assert total["expanded"] + total["dropped"] > 0
    stats = nlp.get_pipe("newsmark").stats
    assert stats["spans"] >= total["spans"]


def test_pipe_gives_what_call_gives(nlp, tricky):
    one = [[(e.start, e.end, e.label_, e._.value) for e in nlp(t).ents] for t in texts(tricky)]
    batched = [[(e.start, e.end, e.label_, e._.value) for e in d.ents] for d in nlp.pipe(texts(tricky), batch_size=3)]
    assert one == batched


def test_a_bad_configuration_fails_when_added():
    nlp = spacy.blank("en")
    with pytest.raises(newsmark.NewsmarkError):
        nlp.add_pipe("newsmark", config={"labels": ["NOPE"]})


def test_values_survive_docbin(nlp):
    from spacy.tokens import DocBin

    doc = nlp("Toyota paid ¥3 billion on Tuesday.")
    docs = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))
    assert [(e.text, e._.value) for e in docs[0].ents] == [(e.text, e._.value) for e in doc.ents]
