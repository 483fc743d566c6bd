""""北交所上市算不算？" after an answer quoting a rule that lists what it covers ("对新上市高新技术企业(主板、科创板、
创业板)…"): a thing no document names, asked whether it counts, is answered with the list the rule writes — the list is
quoted, and that the asked thing is not written there is said; never that it counts, nor that it does not."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import QUOTES_HEAD, flat, region_name
from policybot.answering.turn import Turn
from policybot.text.citations import check_answer
from policybot.types import Answer

# whether a thing counts among those a rule covers
_COUNTS = re.compile(r"算不算|算吗|也算|能算|算在内|包括吗|包不包括|包括不|包含吗|包不包含|在不在(?:里面|其中|范围)|属于吗|属不属于"
                     r"|在(?:里面|其中|范围内)吗")
# what a rule lists: "(主板、科创板、创业板)", "揭榜制、赛马制、定向择优等"
_LISTED = re.compile(r"[（(]([^（）()，,。；;]{1,20}(?:、[^（）()，,。；;]{1,20}){1,8})[）)]"
                     r"|((?:[\u4e00-\u9fff“”\"]{2,12}、){1,8}[\u4e00-\u9fff“”\"]{2,12})等")


def answer(turn: Turn) -> Answer | None:
    if not turn.history or not turn.terms.absent or not _COUNTS.search(turn.question):
        return None
    for previous in turn.earlier_asks[::-1][:_BACK]:  # "具体给多少钱？" asked in between names no rule: the question before it does
        reply = _from_list(turn, extractive.answer(turn.with_text(previous)))
        if reply is not None:
            return reply
    return None


_BACK = 2


def _from_list(turn: Turn, rule: Answer | None) -> Answer | None:
    """The reply quoting the list ``rule``'s first listing citation writes; None when it quotes none."""
    if rule is None or not rule.found:
        return None
    asked = turn.terms.absent[0]
    for citation in rule.citations:
        listed = _LISTED.search(citation.quote)
        if listed is None:
            continue
        items = listed.group(1) or listed.group(2)
        line = f"所引条文列明的是“{items}”[1]，没有写到“{asked}”；“{asked}”是否在内，原文没有说明，请向发文机关确认。"
        cited = replace(citation, n=1)
        doc = turn.bot.index.documents[citation.doc_id]
        text = line + QUOTES_HEAD + f"【{region_name(doc, turn.reading.region)}】{flat(cited.quote)}[1]"
        reply = Answer(question=turn.question, found=True, answer=text, citations=[cited], warnings=rule.warnings,
                       direct_answer=line, outcome="answered")
        return reply if not check_answer(reply.answer, reply.citations) else None
    return None


ANSWERER = Answerer("not_listed", answer)
