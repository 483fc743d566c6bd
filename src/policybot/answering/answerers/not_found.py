"""Nothing answers the question anywhere: the extractive answerer's refusal, naming the missing topic when the question
wrote one, else saying plainly that no matching rule was found."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    return turn.draft[0] if turn.draft is not None else None


ANSWERER = Answerer("not_found", answer)
