"""Who answers for a task: the 牵头/责任 lines of the task a quote belongs to (in its passage, after the quote or
just before a note that follows them, or at the head of the next one), else the plan's overall lead in its closing 保障措施 ("区科学技术局牵头分解各项工作任务") when its tasks name
no department of their own."""

from __future__ import annotations

from typing import Callable

from policybot.answering.picking import Pick
from policybot.text.rules import (
    TASK_DEPT_LINE,
    department_span,
    group_bracket_in,
    overall_lead_span,
    preceding_department_span,
)
from policybot.text.structure import heading_level
from policybot.types import Chunk, ScoredChunk

NextChunk = Callable[[Chunk], "ScoredChunk | None"]
# whose lines answer: the task's own, its task group's closing bracket, or the plan's overall lead
OWN, GROUP, WHOLE = "own", "group", "whole"


def department_of(pick: Pick, next_chunk: NextChunk | None) -> tuple[Pick, tuple[int, int], str] | None:
    """(passage, span, whose: ``OWN`` | ``GROUP`` | ``WHOLE``) of the 牵头/责任 lines of the pick's task: in its passage, or
    at the head of the next one; else the plan's overall lead in its closing 保障措施, when it names one."""
    span = department_span(pick.sc.chunk.text, (pick.start, pick.end))
    if span is None:  # a note printed after its task's department lines
        span = preceding_department_span(pick.sc.chunk.text, (pick.start, pick.end))
    if span is not None:
        return pick, span, OWN
    nxt = next_chunk(pick.sc.chunk) if next_chunk else None
    if nxt is None:
        return None
    span = department_span(nxt.chunk.text, (0, 0))
    before = nxt.chunk.text[: span[0]] if span else ""
    if span is None:
        return _group_bracket(pick, next_chunk) or _overall_lead(pick, nxt, next_chunk)
    if any(heading_level(line) is not None for line in before.split("\n")):
        return _group_bracket(pick, next_chunk)  # a new task starts first: those lines are not this task's alone
    return Pick(nxt, span[0], span[1], 0.0, pick.rank), span, OWN


def _group_bracket(pick: Pick, next_chunk: NextChunk) -> tuple[Pick, tuple[int, int], str] | None:
    """The bracket closing the pick's task group ("(责任单位:…)" after the group's last item, 云岩's items 9–13), when
    the group's tasks share one: the first bracket after the pick before the next group heading."""
    sc, at = pick.sc, pick.end
    for _ in range(50):  # bounded walk through the group
        found = group_bracket_in(sc.chunk.text, at)
        if found:
            return Pick(sc, found[0], found[1], 0.0, pick.rank), found, GROUP
        if found is False or (sc := next_chunk(sc.chunk)) is None:
            return None
        at = 0
    return None


def _overall_lead(pick: Pick, nxt: ScoredChunk | None, next_chunk: NextChunk) -> tuple[Pick, tuple[int, int], str] | None:
    """The plan's overall lead ("区科学技术局牵头分解各项工作任务"), in a passage after the pick's, for a task that
    names no department of its own (a plan whose tasks each name theirs is never answered from it)."""
    for _ in range(200):  # bounded walk to the document's end
        if nxt is None:
            return None
        if TASK_DEPT_LINE.search(nxt.chunk.text):
            return None  # tasks name their own departments: this one's silence is not the plan's lead
        span = overall_lead_span(nxt.chunk.text)
        if span is not None:
            return Pick(nxt, span[0], span[1], 0.0, pick.rank), span, WHOLE
        nxt = next_chunk(nxt.chunk)
    return None


