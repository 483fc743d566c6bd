"""A message that is not a policy question (weather, jokes): said so, nothing searched."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import ASK_POLICY, refusal
from policybot.answering.questions import is_small_talk
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    if not is_small_talk(turn.question):
        return None
    return refusal(turn.question, "（这不是政策问题）", turn.documents, ASK_POLICY)


ANSWERER = Answerer("small_talk", answer)
