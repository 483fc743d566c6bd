""""市里有哪些基金可以对接？", "市里有没有人才方面的计划可以报": the names of a kind of thing (基金, 计划, 品牌 …) that the
documents applying where asked write in quotation marks ("“昆明市创新创业发展基金”和“昆明市知识产权运营基金”",
"“春城计划”"), listed as written, each with the sentence naming it quoted. A kind of thing no applying document names
in quotation marks is left to the answerers after this one; a field asked ("人才方面的计划") keeps the names whose
sentence speaks of it."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.picking import candidates
from policybot.answering.quoting import quoted_reply, span_citations
from policybot.answering.reply import region_name
from policybot.answering.turn import Turn
from policybot.text.lexical import normalise
from policybot.types import Answer

_KINDS = r"基金|计划|品牌|工程|行动"
# "有哪些基金", "有没有…计划可以报", "基金有哪些", "那个基金叫啥" (not "那个计划里对外贸有啥说法": what a plan says)
_KIND_ASKED = re.compile(rf"(?:哪些|哪几个|哪几只|什么|啥|有没有)[^，,。？?]{{0,8}}?({_KINDS})(?!项目|管理|书|表|单列)"
                         rf"|({_KINDS})(?!项目|管理|书|表|单列|里|中)[^，,。？?]{{0,4}}?(?:有哪些|有哪几|有啥|有什么|叫啥|叫什么)")
_FIELD = re.compile(r"([\u4e00-\u9fff]{2,8})(?:方面|这块|这一块|类|领域)的?")
_LEAD = re.compile(r"^.*(?:有没有|有|的|里|上|对)")  # "里有没有人才方面": the field is what follows the asking words
_NEAR = 60  # a field is spoken of when named this near the name
_NAME = re.compile(r"“([^“”]{2,30})”")
MOST = 6


def answer(turn: Turn) -> Answer | None:
    core = normalise(turn.reading.core)
    asked = _KIND_ASKED.search(core)
    if asked is None:
        return None
    kind = asked.group(1) or asked.group(2)
    field = _FIELD.search(core[: asked.end()])
    found = _named(turn, kind, _LEAD.sub("", field.group(1)) if field else "")
    if not found:
        return None
    docs = turn.bot.index.documents
    spans = list(dict.fromkeys((chunk, a, b) for chunk, a, b, _ in found))  # a sentence naming three is cited once
    citations = span_citations(spans, docs, turn.today)
    n = {span: c.n for span, c in zip(spans, citations)}
    names = "、".join(f"“{name}”[{n[(chunk, a, b)]}]" for chunk, a, b, name in found)
    place = region_name(docs[found[0][0].doc_id], turn.reading.region)
    line = f"{place}的文件中提到的{kind}：{names}"
    return quoted_reply(turn.question, line, spans, citations, docs, turn.today, turn.reading.region)


def _named(turn: Turn, kind: str, field: str) -> list:
    """(chunk, start, end, name) of each sentence of the applying documents naming a ``kind`` in quotation marks (its
    first sentence per name), in the documents' order; with a ``field``, only sentences that also name it."""
    applying = turn.applying_docs()
    out, seen = [], set()
    for chunk in turn.bot.index.chunks:
        if chunk.doc_id not in applying:
            continue
        for a, b, pair in candidates(chunk.text, with_departments=False):
            sentence = chunk.text[a:b]
            if pair:
                continue
            for m in _NAME.finditer(sentence):
                name = m.group(1)
                near = normalise(chunk.text[max(0, a + m.start() - _NEAR) : a + m.end() + _NEAR])
                if name.endswith(kind) and len(name) > len(kind) and name not in seen and (not field or field in near):
                    seen.add(name)
                    out.append((chunk, a, b, name))
    return out[:MOST]


ANSWERER = Answerer("named_kinds", answer)
