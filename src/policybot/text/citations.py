"""Citations: sentences of a passage, verbatim quotes, and the checks every answer must pass."""

from __future__ import annotations

import re
import unicodedata

from policybot.text.structure import split_spans, trim_span
from policybot.types import Citation

_SENT_END = re.compile(r"[。；！？;!?]+[”’」』）)]*|\n")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MARKER = re.compile(r"\[(\d+)\]")


def squash(text: str) -> str:
    """NFKC and no whitespace: how quotes and facts are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (and lines) of a passage, trimmed of whitespace."""
    trimmed = (trim_span(text, s, e) for s, e in split_spans(text, _SENT_END))
    return [(s, e) for s, e in trimmed if e > s]


def without_markers(text: str) -> str:
    """``text`` without its citation markers ("…10万元[1]" → "…10万元")."""
    return _MARKER.sub("", text).strip()


def markers(answer: str) -> list[int]:
    return [int(m) for m in _MARKER.findall(answer)]


def numbers_in(text: str) -> list[str]:
    """Numbers, percentages and years in prose, citation markers excluded."""
    return NUMBER.findall(unicodedata.normalize("NFKC", _MARKER.sub("", text)))


def unsupported_numbers(answer: str, citations: list[Citation]) -> list[str]:
    """Numbers in the answer that occur in none of the cited quotes."""
    return numbers_outside(answer, [c.quote for c in citations])


def numbers_outside(answer: str, texts: list[str]) -> list[str]:
    """Numbers in the answer that occur in none of ``texts``."""
    quotes = [unicodedata.normalize("NFKC", t) for t in texts]
    missing = []
    for num in numbers_in(answer):
        pattern = re.compile(rf"(?<![\d.]){re.escape(num)}(?![\d]|\.\d)")
        if not any(pattern.search(q) for q in quotes):
            missing.append(num)
    return missing


def check_answer(answer: str, citations: list[Citation]) -> list[str]:
    """Every problem with a composed answer: bad markers, non-verbatim quotes, unsupported numbers."""
    problems = []
    ns = {c.n for c in citations}
    for n in markers(answer):
        if n not in ns:
            problems.append(f"marker [{n}] points at no citation")
    for c in citations:
        if c.quote not in c.chunk_text:
            problems.append(f"quote [{c.n}] is not a verbatim slice of its passage")
    missing = unsupported_numbers(answer, citations)
    if missing:
        problems.append(f"numbers not found in any cited quote: {', '.join(missing)}")
    return problems
