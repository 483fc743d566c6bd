""""这个方案还有效吗？", "文号是多少？": the documents' own facts (period, status, issuer, 文号), quoted from their headers."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.docfacts import answer_document_question
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    where = turn.region or (turn.asker.region if turn.asker else None)  # the asker's place, when it said one
    found = answer_document_question(turn.question, turn.history, where, turn.doc_id, turn.documents,
                                     turn.bot.index.chunks, turn.today)
    if found is None:
        return None
    turn.shown, reply = found
    return reply


ANSWERER = Answerer("document_facts", answer)
