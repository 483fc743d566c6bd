"""A message that could stand alone but finds nothing ("区里这事是哪个部门牵头？", "是固定给20万还是最多20万？"): read
again as a follow-up of the asker's previous question, and answered so when that finds the rule."""

from __future__ import annotations

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.followups import back_to_document_only
from policybot.answering.turn import Turn
from policybot.answering.words import WHOSE_RULE
from policybot.text.lexical import normalise
from policybot.text.places import applies, region_chain
from policybot.types import Answer

MAX_BACK = 2


def answer(turn: Turn) -> Answer | None:
    # only a refusal that names no missing topic: "有没有加计扣除？" stays a refusal about 加计扣除
    if turn.draft is None or not turn.history or turn.terms.absent or WHOSE_RULE.search(turn.reading.core):
        return None  # "那个是哪儿的政策": the rule is named, wherever it is (``elsewhere``)
    seen = {turn.read.resolved}
    own_document_ask = bool(asked_facts(turn.reading.core))
    for back in range(1, MAX_BACK + 1):  # the question just before, then the one before it (the conversation's subject)
        if not own_document_ask and back_to_document_only(turn.history, back):
            continue  # "那市里有没有类似的？" after "这个文件还有效吗？": like the rule asked before, not like the document
        again = turn.as_follow_up(back)
        if again.read.resolved in seen:  # already read so, or nothing to follow
            continue
        seen.add(again.read.resolved)
        reply = extractive.answer(again)
        if reply is not None and reply.found and _keeps_subject(reply, turn.draft[1].subject) and _keeps_place(reply, turn):
            turn.take(again)
            return reply
    return None


def _keeps_subject(reply: Answer, subject: str) -> bool:
    """"那专家工作站区里有吗？" names its own subject: an answer about the earlier one (院士工作站) is not its answer."""
    quoted = normalise("".join(c.quote for c in reply.citations))
    return all(normalise(part) in quoted for part in subject.split("、") if part)


def _keeps_place(reply: Answer, turn: Turn) -> bool:
    """"昆明市那份措施呢，有没有类似指标": a message naming its place is answered from that place's documents, never from
    the place of a question read with it."""
    place = region_chain(turn.reading.core)
    if not place:
        return True
    documents = turn.bot.index.documents
    return all(c.doc_id in documents and applies(documents[c.doc_id].region, place) for c in reply.citations)


def _once(turn: Turn) -> Answer | None:
    return turn.once("follow_up", answer)  # tried already by unstated_detail: the same reply, no second search


ANSWERER = Answerer("follow_up", _once, reworded=True)
