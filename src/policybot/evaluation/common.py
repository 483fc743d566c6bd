"""What every evaluation shares: reading a set, matching a stated fact, percentiles, the commit evaluated."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from policybot.files import read_jsonl
from policybot.text.citations import squash


def load_dataset(path: Path) -> list[dict]:
    return read_jsonl(path)


def facts_in(text: str, facts: list[str]) -> list[str]:
    """The key facts ``text`` contains, compared squashed (NFKC, no whitespace): how a reply is scored."""
    return [f for f in facts if squash(f) in squash(text)]


def states(text: str, fact: str) -> bool:
    """Does ``text`` state ``fact``, a figure not being part of a longer one (5万元 is not in 15万元)?"""
    t, f = squash(text), squash(fact)
    if not f:
        return False
    lead = r"(?<![\d.])" if f[0].isdigit() else ""
    return re.search(lead + re.escape(f), t) is not None


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5).stdout.strip() or "unknown"
    except OSError:
        return "unknown"
