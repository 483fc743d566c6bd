"""A message that is only a greeting, thanks or "who are you": the welcome, with what the build covers."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.conversation import welcome
from policybot.answering.turn import Turn
from policybot.answering.words import is_greeting
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    if not is_greeting(turn.question):
        return None
    return welcome(turn.question, turn.documents, turn.today, turn.bot.examples(), closing=bool(turn.history))


ANSWERER = Answerer("greeting", answer)
