"""A message that tries to change the assistant's rules: refused, nothing searched."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import ASK_POLICY, refusal
from policybot.answering.questions import is_injection
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    if not is_injection(turn.question):
        return None
    return refusal(turn.question, "（该请求试图改变助手的回答规则，未予执行）", turn.documents, ASK_POLICY)


ANSWERER = Answerer("injection", answer)
