""""这个方案还有效吗？", "文号是多少？": the documents' own facts (period, status, issuer, 文号), quoted from their headers."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.docfacts import answer_document_question
from policybot.answering.turn import Turn
from policybot.text.places import places_in
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    where = turn.region or (turn.asker.region if turn.asker else None)  # the asker's place, when it said one
    if not asked_facts(turn.question):
        return None  # no fact of a document asked: not read further (every message passes this gate)
    mended = turn.bot.lexicon.correct(turn.question)[0]  # "官度那个计划文号是多少": the place read through its slip
    asked = mended if len(places_in(mended)) > len(places_in(turn.question)) else turn.question
    found = answer_document_question(asked, turn.history, where, turn.doc_id, turn.documents,
                                     turn.bot.index.chunks, turn.today, turn.bot.lexicon.known)
    if found is None:
        return None
    turn.shown, reply = found
    reply.question = turn.question
    return reply


ANSWERER = Answerer("document_facts", answer)
