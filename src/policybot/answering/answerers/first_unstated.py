""""要是第一次就评上高企有钱拿吗" where the documents applying pay nothing stated for a first recognition: 昆明市's
measures pay 5万元 for 连续两次以上 and 3万元—5万元 for a 培育企业, 官渡区's plan names 扶持资金 without a sum. The bold line
says plainly that no amount is stated for a first recognition — no figure — and the rules that are written are quoted
below. Another tier's figure (the renewal's 5万元) is never given as the first recognition's; where a document does pay
a first recognition (临沧's 10万元) the ordinary answer gives it."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.levels import SUM, paying_sentences
from policybot.answering.aspects import aspects
from policybot.answering.quoting import quoted_reply, span_citations
from policybot.answering.reply import region_name
from policybot.answering.turn import Turn
from policybot.text.concepts import FIRST, RENEWAL, concepts_in
from policybot.text.places import applicable_docs
from policybot.types import Answer, ScoredChunk

_CONCEPT = "高新技术企业"
_PAYS = re.compile(r"\d+(?:\.\d+)?\s*万元|奖补|补助|奖励|扶持资金")
_RENEWED = re.compile(rf"{RENEWAL}|到期后|有效期满|连续两次")
MOST = 2


def answer(turn: Turn) -> Answer | None:
    core = turn.reading.core
    if not re.search(FIRST, core) or _RENEWED.search(core) or "amount" not in aspects(core):
        return None
    if not any(cid == _CONCEPT for cid, _, _ in concepts_in(core)):
        return None
    where = turn.reading.region or (turn.plan.chains[0] if turn.plan.chains else None)
    if not where:
        return None
    docs = turn.bot.index.documents
    applying = applicable_docs(docs, where)
    paying = paying_sentences(turn.bot.index.chunks, applying, {_CONCEPT}, _PAYS)
    texts = [c.text[a:b] for c, a, b in paying]
    if not paying or any(re.search(FIRST, t) for t in texts):
        return None  # a first recognition paid (临沧's 10万元): the ordinary answer gives it
    if not any(SUM.search(t) and _RENEWED.search(t) for t in texts):
        return None  # nothing paid for another tier: nothing to mistake for the first recognition's
    # the rules naming no tier (官渡's 扶持资金) first, then those paying a renewal
    paying.sort(key=lambda x: bool(_RENEWED.search(x[0].text[x[1] : x[2]])))
    spans = paying[:MOST]
    line = (f"{region_name(docs[spans[0][0].doc_id], where)}的文件未写明首次认定高新技术企业的奖补金额"
            "（写明了金额的是连续两次以上认定等其他情形，不适用于首次认定）")
    turn.shown = [ScoredChunk(chunk=c, score=1.0) for c, _, _ in spans]
    return quoted_reply(turn.question, line, spans, span_citations(spans, docs, turn.today), docs, turn.today, where,
                        head=line + "。")


ANSWERER = Answerer("first_unstated", answer)
