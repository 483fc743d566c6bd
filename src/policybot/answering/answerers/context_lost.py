""""那这个呢？" with no earlier turn to follow: say the context is gone and offer questions, never guess."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.conversation import context_lost, dangles
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    read = turn.read
    if read.resolved != read.core or not dangles(read.core, turn.history):
        return None
    return context_lost(read.core, turn.documents, turn.bot.examples())


ANSWERER = Answerer("context_lost", answer)
