"""What every scripts/consumers/check_*.py shares: the environment
scripts/consumers/run gives it, and running the CLI.

A check fails the run by exiting non-zero; `fail` says why, named after the
check. (The script's folder is on sys.path, so `import common` finds this.)
"""

import os
import subprocess
import sys
from pathlib import Path

NEWSMARK = os.environ["NEWSMARK"]
TMP = Path(os.environ["CONSUMER_TMP"])
SEEDS = Path(os.environ["SEEDS"])
TRICKY = Path(os.environ["TRICKY"])
CHECK = Path(sys.argv[0]).stem


def fail(msg):
    print(f"{CHECK}: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def run(*args, stdin=None):
    """newsmark's standard output (bytes) for `args`; fails the check when it exits non-zero."""
    args = [str(a) for a in args]
    r = subprocess.run([NEWSMARK, *args], input=stdin, capture_output=True)
    if r.returncode != 0:
        fail(f"newsmark {' '.join(args)} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
    return r.stdout


def run_text(*args, stdin=None):
    """`run`'s output decoded as UTF-8, line ends as written."""
    return run(*args, stdin=stdin).decode("utf-8")
