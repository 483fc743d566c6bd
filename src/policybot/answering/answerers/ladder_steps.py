""""瞪羚和独角兽中间还有一档叫啥？", "独角兽之前要经过哪几个阶段", "瞪羚之后是什么": a step of a ladder a document
writes as a chain ("“优秀雏鹰企业—瞪羚企业—准独角兽企业—独角兽企业”阶梯式培养成长机制"). The steps between, before or
after the named ones are read off the chain and said in its words, the sentence quoted; a question naming no step of
any chain is left to the other answerers."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.picking import candidates
from policybot.answering.quoting import quoted_reply, span_citations
from policybot.answering.turn import Turn
from policybot.text.lexical import normalise
from policybot.text.places import applicable_docs
from policybot.types import Answer

_CHAIN = re.compile(r"[\u4e00-\u9fff]{2,14}(?:\s*[—→]\s*[\u4e00-\u9fff]{2,14}){2,}")
_ASKS = re.compile(r"叫啥|叫什么|是啥|是什么|哪几[个档级步]|哪些(?:阶段|档|级|步)|几个阶段|几档|经过|中间|之间|之前|之后|前面|后面|下一[档级步]|上一[档级步]")
_BETWEEN = re.compile(r"中间|之间")
_BEFORE = re.compile(r"之前|前面|上一[档级步]|经过")
_AFTER = re.compile(r"之后|后面|下一[档级步]|再往上|升级")


def answer(turn: Turn) -> Answer | None:
    q = normalise(turn.reading.core)
    if not _ASKS.search(q):
        return None
    where = turn.reading.region or (turn.asker.region if turn.asker else None)
    docs = applicable_docs(turn.bot.index.documents, where) if where else set(turn.bot.index.documents)
    spans, found = [], []
    for chunk in turn.bot.index.chunks:
        if chunk.doc_id not in docs:
            continue
        for m in _CHAIN.finditer(chunk.text):
            steps = [s.strip() for s in re.split(r"[—→]", m.group(0))]
            asked = _steps_asked(steps, [i for i, s in enumerate(steps) if _named(s, q)], q)
            if asked and len(found) < MOST:
                a, b = next((x, y) for x, y, _ in candidates(chunk.text, with_departments=False) if x <= m.start() < y)
                spans.append((chunk, a, b))
                found.append((m.group(0), asked))
    if not found:
        return None
    citations = span_citations(spans, turn.bot.index.documents, turn.today)
    # every chain the documents write with the named steps ("瞪羚—上市高新技术企业—独角兽" and "瞪羚—准独角兽—独角兽")
    line = "\n".join(f"原文的梯次“{chain}”中：{'、'.join(asked)}[{c.n}]" for (chain, asked), c in zip(found, citations))
    return quoted_reply(turn.question, line, spans, citations, turn.bot.index.documents, turn.today)


MOST = 3


def _named(step: str, question: str) -> bool:
    """Does the question name this step ("独角兽" for 独角兽企业, never as part of 准独角兽企业 it does not write)?"""
    core = re.sub(r"(?:企业|公司)$", "", step)
    at = question.find(core)
    return len(core) >= 2 and at >= 0 and not (at > 0 and question[at - 1] in "准")


def _steps_asked(steps: list[str], named: list[int], question: str) -> list[str]:
    if len(named) >= 2 and _BETWEEN.search(question):
        return steps[named[0] + 1:named[-1]]
    if len(named) == 1 and _BEFORE.search(question):
        return steps[:named[0]]
    if len(named) == 1 and _AFTER.search(question):
        return steps[named[0] + 1:named[0] + 2]
    return []


ANSWERER = Answerer("ladder_steps", answer)
