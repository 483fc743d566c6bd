"""A question about a place no document applies in (苏州吴江): refused, naming the nearest covered place."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.compose import refusal
from policybot.answering.turn import Turn
from policybot.text.places import applies, covered_within, region_chain, short_label
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    plan, reading = turn.plan, turn.reading
    # "贵阳观山湖区": the city is named only as the uncovered district's own, not as a place asked about
    named = [p for p in plan.places if not any(applies(region_chain(p), u) for u in plan.uncovered_chains)]
    if not plan.uncovered or named or reading.region or reading.doc_id:
        return None
    lost = [c for c in plan.uncovered_chains  # the most specific: 苏州吴江 → 苏州市吴江区
            if not any(len(o) > len(c) and o[: len(c)] == c for o in plan.uncovered_chains)]
    return uncovered(turn.question, lost, turn.documents)


def uncovered(question: str, lost: list, documents) -> Answer:
    """The refusal for places (chains) no document applies in, naming the nearest covered place."""
    names = "、".join(short_label(c) for c in lost)
    return refusal(question, f"：知识库未收录{names}的政策{covered_within(documents, lost[0])}", documents)


ANSWERER = Answerer("uncovered_place", answer)
