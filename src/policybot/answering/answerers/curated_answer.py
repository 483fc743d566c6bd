"""A question a clerk has answered before (人工审核答案): the approved answer, re-checked against this build."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    bot = turn.bot
    if bot.curated is None or not bot.curated.items:  # nothing to match: no filter work per question
        return None
    reading = turn.reading
    allowed = bot.retriever.allowed_docs(bot.retriever.plan(reading.text), reading.region, reading.doc_id)
    hit = bot.curated.best(reading.text, allowed)
    return bot.curated.answer(reading.core, hit[0], turn.today) if hit else None


ANSWERER = Answerer("curated", answer)
