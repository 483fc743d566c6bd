"""A question about a place no document applies in (苏州吴江): refused, naming the nearest covered place."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import refusal
from policybot.answering.turn import Turn
from policybot.text.places import aliases, applies, covered_within, region_chain, short_label
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    plan, reading = turn.plan, turn.reading
    # "贵阳观山湖区": the city is named only as the uncovered district's own, not as a place asked about
    named = [p for p in plan.places if not any(applies(region_chain(p), u) for u in plan.uncovered_chains)]
    if not plan.uncovered or named or reading.region or reading.doc_id:
        return None
    if any(_counted_in(reading.core, p) for p in plan.uncovered):
        return None  # "滇中协同创新，玉溪也在里面吧": whether a covered plan takes the place in is asked of that plan
    lost = [c for c in plan.uncovered_chains  # the most specific: 苏州吴江 → 苏州市吴江区
            if not any(len(o) > len(c) and o[: len(c)] == c for o in plan.uncovered_chains)]
    return uncovered(turn.question, lost, turn.documents)


def _counted_in(question: str, place: str) -> bool:
    """Does the question ask whether ``place`` is counted in something a document sets up ("玉溪也在里面吧",
    "把曲靖也算进去了？", "包括曲靖不")?"""
    for a in (a for a in aliases(place) if len(a) >= 2):
        name = re.escape(a) + r"(?:市|区|县|州)?"
        if re.search(name + r"(?:也|都)?(?:在|算)(?:里面|里头|其中|进去|在内|内)|(?:包括|包含|含|算上|算进|纳入)[^，,。？?]{0,4}"
                     + name + r"|把" + name + r"[^，,。？?]{0,3}(?:算|纳|划|放)(?:进|入|在)", question):
            return True
    return False


def uncovered(question: str, lost: list, documents) -> Answer:
    """The refusal for places (chains) no document applies in, naming the nearest covered place."""
    names = "、".join(short_label(c) for c in lost)
    return refusal(question, f"：知识库未收录{names}的政策{covered_within(documents, lost[0])}", documents)


ANSWERER = Answerer("uncovered_place", answer)
