"""The chosen region or document holds nothing on the question: refused before composing."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import refusal
from policybot.answering.words import WHOSE_RULE
from policybot.answering.turn import Turn
from policybot.text.places import applicable_docs
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    if turn.evidence:
        return None
    r = turn.reading
    if not (turn.region or turn.doc_id) and WHOSE_RULE.search(r.core):
        return None  # "补2%那个是哪儿的政策" from a place no document applies in: whose it is, answered as elsewhere's
    if not (turn.region or turn.doc_id) and r.region and not applicable_docs(turn.bot.index.documents, r.region):
        # the asker's own place (曲靖), not a filter: no collected document applies there
        return refusal(turn.question, f"：知识库中没有适用于{r.region}的政策文件，其他地区的规定不适用于贵单位", turn.documents)
    return refusal(turn.question, "（所选地区或文件中没有相关内容）", turn.documents)


ANSWERER = Answerer("no_evidence", answer)
