"""The 公文 hierarchy: which lines are headings (第X章 / 一、 / （一） / 1. / （1）) and at what level."""

from __future__ import annotations

import re

from policybot.types import Heading

_CN_NUM = "一二三四五六七八九十百零〇"

# (level, pattern). 第X章 sits above 一、 only when a document uses chapters; levels are relative anyway.
_HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"^第[{_CN_NUM}\d]+[章编]")),
    (1, re.compile(rf"^[{_CN_NUM}]+\s*、")),
    (1, re.compile(rf"^第[{_CN_NUM}\d]+条")),
    (2, re.compile(rf"^[（(]\s*[{_CN_NUM}]+\s*[）)]")),
    (3, re.compile(r"^\d{1,2}\s*[.．、](?!\d)")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
]

# Lines that name who carries out a task; they belong to the task above them.
RESPONSIBILITY_LINE = re.compile(
    r"^[（(]?\s*(牵头(部门|单位)|责任(部门|单位)|指导(部门|单位)|配合(部门|单位)|主管部门)\s*[:：]"
)

_LABEL_END = re.compile(r"[。；;：:！？!?]")
MAX_LABEL_CHARS = 40


def heading_level(line: str) -> int | None:
    """The level of a heading line, or None for body text."""
    s = line.strip()
    if not s or RESPONSIBILITY_LINE.match(s):
        return None
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(s):
            return level
    return None


def heading_label(line: str) -> str:
    """The heading's own words: up to the first sentence mark, bounded in length."""
    s = line.strip()
    m = _LABEL_END.search(s)
    label = s[: m.start()] if m else s
    if len(label) > MAX_LABEL_CHARS:
        label = label[:MAX_LABEL_CHARS] + "…"
    return label


def is_heading_only(line: str) -> bool:
    """True when a heading line carries no body text of its own (e.g. ``一、总体要求``)."""
    s = line.strip().rstrip("：:")
    return _LABEL_END.search(s) is None and len(s) <= MAX_LABEL_CHARS


def outline(text: str) -> tuple[Heading, ...]:
    """All headings of a cleaned text, with their offsets."""
    headings = []
    pos = 0
    for line in text.split("\n"):
        level = heading_level(line)
        if level is not None:
            headings.append(Heading(level=level, label=heading_label(line), start=pos))
        pos += len(line) + 1
    return tuple(headings)


def split_spans(text: str, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` cut after each match of ``pattern`` (the last piece may have none)."""
    end = len(text) if end is None else end
    spans, pos = [], start
    for m in pattern.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
