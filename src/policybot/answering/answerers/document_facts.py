""""这个方案还有效吗？", "文号是多少？": the documents' own facts (period, status, issuer, 文号), quoted from their headers."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.docfact_cues import DOC_REF, asked_facts
from policybot.answering.docfacts import answer_document_question
from policybot.answering.procedure import procedure_asked
from policybot.answering.words import MOVES
from policybot.answering.turn import Turn
from policybot.text.places import places_in
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    where = turn.region or (turn.asker.region if turn.asker else None)  # the asker's place, when it said one
    facts = asked_facts(turn.question)
    if not facts:
        return None  # no fact of a document asked: not read further (every message passes this gate)
    if facts == ["period"] and not DOC_REF.search(turn.question) and _LIMIT.search(_last_answer(turn.history)):
        return None  # "从哪天开始算" after "…之日起,6个月内完成…": when the stated time limit starts, not the document's
    if set(facts) <= {"period", "status"} and not DOC_REF.search(turn.question) and procedure_asked(turn.question):
        return None  # "需要交什么材料，啥时候截止？": when applying closes, which ``procedure`` answers
    if set(facts) <= {"period", "status"} and MOVES.search(turn.question) and places_in(turn.question):
        return None  # "我们明年可能搬到南明区，还能享受这个方案吗": where it applies (``coverage``), not how long

    mended = turn.bot.lexicon.correct(turn.question)[0]  # "官度那个计划文号是多少": the place read through its slip
    asked = mended if len(places_in(mended)) > len(places_in(turn.question)) else turn.question
    found = answer_document_question(asked, turn.history, where, turn.doc_id, turn.documents,
                                     turn.bot.index.chunks, turn.today, turn.bot.lexicon.known)
    if found is None:
        return None
    turn.shown, reply = found
    reply.question = turn.question
    return reply


# a time limit an answer stated ("自取得…之日起,6个月内完成", "3年内"): what a bare "从哪天开始算" asks about
_LIMIT = re.compile(r"之日起|\d+\s*个?(?:月|日|天|年|工作日)(?:以)?内")


def _last_answer(history: list[dict] | None) -> str:
    said = [t.get("content") for t in history or [] if t.get("role") == "assistant" and isinstance(t.get("content"), str)]
    return said[-1] if said else ""


ANSWERER = Answerer("document_facts", answer)
