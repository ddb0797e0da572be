"""Tests of the peer benchmark's own logic, on small made-up measurements:
the one scorer (exact match, label mapping, misses) and the report (ratios,
bars, a missing peer shown as missing, the README's table between its
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

    def test_labels_outside_the_set_and_unmapped_labels_are_dropped(self):
        preds = [{"id": "a", "spans": [{"start": 21, "end": 28, "label": "dates"}, {"start": 0, "end": 3, "label": "hashtags"}]}]
        s = self.score("compromise", preds, report.NAME_LABELS)
        # Names only: the date is out of the set, the hashtag maps to nothing,
        # so the three gold names (b has no prediction at all) are misses.
        self.assertEqual((s["micro"]["tp"], s["micro"]["fp"], s["micro"]["fn"]), (0, 0, 3))


def measurement(chars_per_s, cpu=None):
    return {"version": "1", "corpus_chars": 1_000_000, "chars_per_s": chars_per_s, "cpu_chars_per_s": cpu or chars_per_s,
            "passes_s": [1_000_000 / chars_per_s], "article_ms": 1.0}


class ReportTest(unittest.TestCase):
    def run_report(self, tools, install):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        root = Path(tmp.name)
        work, peers = root / "work", root / "benches" / "peers"
        (work / "preds").mkdir(parents=True)
        peers.mkdir(parents=True)
        (root / "README.md").write_text(f"intro\n{report.README_BEGIN}\nold table\n{report.README_END}\nafter\n")
        write_jsonl(work / "conll_test.jsonl", GOLD)
        write_jsonl(work / "seeds.jsonl", GOLD)
        for key, entry in tools.items():
            for set_name in ("conll", "seeds"):
                write_jsonl(work / "preds" / f"{key}.{set_name}.jsonl", [{"id": d["id"], "spans": d["spans"]} for d in GOLD])
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

    def test_newsmark_without_figures_fails_the_run(self):
        tools = {"newsmark-cli": measurement(5_000_000), "newsmark-wasm": {"failed": "crashed: boom"}}
        status, md, _, _ = self.run_report(tools, {})
        self.assertEqual(status, 1)
        self.assertIn("crashed: boom", md)


if __name__ == "__main__":
    unittest.main()
