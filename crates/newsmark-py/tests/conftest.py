"""Fixtures of the Python tests (scripts/python/run runs them).

They test the installed wheel (`import newsmark` must find the built package,
not a source tree) against the CLI named by $NEWSMARK."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("NEWSMARK_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("NEWSMARK")
    if not path or not Path(path).is_file():
        pytest.fail("set NEWSMARK to the CLI (scripts/python/run does)")

    def run(*args, input=None, check=True):
        return subprocess.run([path, *map(str, args)], input=input, capture_output=True, check=check)

    return run


@pytest.fixture(scope="session")
def shared():
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing (../shared beside the repository)")
    return SHARED


@pytest.fixture(scope="session")
def tricky():
    return ROOT / "tests/data/consumers/tricky.jsonl"


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
