"""Nothing for the asked place, but the rule exists in a place that does not apply: said so, the other rule shown
as another region's (never as the asker's)."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.compose import picks_per_document, redirect
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    reading = turn.reading
    if turn.draft is None or not (turn.plan.places or reading.region) or reading.doc_id:
        return None
    if turn.terms.absent:  # a topic no document of any place contains ("算力券"): no other place has it either
        return None
    return _other_places(turn, turn.draft[1])


def _other_places(turn: Turn, ask) -> Answer | None:
    """The same question over the documents that do not apply to the asked region."""
    bot, reading = turn.bot, turn.reading
    plan = bot.retriever.plan(reading.text)
    applicable = bot.retriever.allowed_docs(plan, reading.region, None) or set()
    others = set(bot.index.documents) - applicable
    if not others:
        return None
    outside = bot.retriever.search(reading.text, k=bot.settings.retrieval.top_k, plan=plan, only=others)
    if not outside:
        return None
    picks = picks_per_document(outside, turn.terms, bot.models, "department" in ask.aspects)
    return redirect(reading.asked, ask, picks, turn.terms, bot.models, bot.index.documents, bot.settings.answer,
                    turn.today)


ANSWERER = Answerer("elsewhere", answer, reworded=True)
