"""A message that could stand alone but finds nothing ("区里这事是哪个部门牵头？", "是固定给20万还是最多20万？"): read
again as a follow-up of the asker's previous question, and answered so when that finds the rule."""

from __future__ import annotations

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    # only a refusal that names no missing topic: "有没有加计扣除？" stays a refusal about 加计扣除
    if turn.draft is None or not turn.history or turn.terms.absent:
        return None
    again = turn.as_follow_up()
    if again.read.resolved == turn.read.resolved:  # already read as a follow-up, or nothing to follow
        return None
    reply = extractive.answer(again)
    if reply is None or not reply.found:
        return None
    turn.take(again)
    return reply


ANSWERER = Answerer("follow_up", answer, reworded=True)
