"""The chosen region or document holds nothing on the question: refused before composing."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.compose import refusal
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    if turn.evidence:
        return None
    return refusal(turn.question, "（所选地区或文件中没有相关内容）", turn.documents)


ANSWERER = Answerer("no_evidence", answer)
