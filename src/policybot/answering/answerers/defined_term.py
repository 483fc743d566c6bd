""""9810是啥", "9710和9810是啥意思", "孵化器是什么意思": a word a document defines in a sentence that begins with it
("9810,简称“跨境电商B2B出口海外仓”, 是指…"). That sentence is the answer, quoted; a word no sentence defines is left
to the other answerers (the sentences that only name it are not a definition)."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import region_name
from policybot.answering.picking import candidates
from policybot.answering.quoting import quoted_reply, span_citations
from policybot.answering.turn import Turn
from policybot.text.places import chains_in
from policybot.types import Answer, ScoredChunk

# the words asked about, then the ask ("那个9810是啥", "9710和9810是啥意思啊")
_ASKED = re.compile(r"(?P<what>[0-9A-Za-z\u4e00-\u9fff、和与及跟]{2,24}?)[”\"’'」』]?(?:到底|具体|分别|各自|都)?(?:是啥|是什么|是指什么|指的是什么|指什么|"
                    r"啥意思|什么意思|是个啥|是啥意思|是什么意思|有啥区别|有什么区别|啥区别|的区别|区别在哪)")
_LEAD = re.compile(r"^(?:那个|这个|那么|那|里面|里边|提到的|说的|的)+")
_SPLIT = re.compile(r"[、和与及跟]")
# a definition opens its sentence with the word: "9810,简称…", "X是指…", "X即…", "X(简称…)" (a field's label,
# "牵头部门:区科工信局", defines nothing)
_DEFINES = r"\s*(?:[,，:：]\s*)?(?:是指|即|简称|[(（](?:即|简称))"
MAX_TERMS = 3
_CODE = re.compile(r"(?<=[\u4e00-\u9fff])[0-9A-Za-z]{2,}$")


def answer(turn: Turn) -> Answer | None:
    m = _ASKED.search(turn.reading.core)
    what = m.group("what") if m else _next_word(turn)
    if not what:
        return None
    words = [w for w in (_LEAD.sub("", x).rstrip("的") for x in _SPLIT.split(_tail(what))) if len(w) >= 2]
    if not words or len(words) > MAX_TERMS:
        return None
    docs = turn.bot.index.documents
    own = chains_in(turn.reading.core)
    where = own[0] if own else turn.asked_where
    applying = turn.applying_docs(where)
    spans = []
    chunks = [c for c in turn.bot.index.chunks if c.doc_id in applying]
    for word in words:
        code = _CODE.search(word)  # "跨境电商9710": the code after the words naming its field
        span = _definition(word, chunks) or (_definition(code.group(0), chunks) if code else None)
        if span is None:
            return None  # every word asked is defined, or this is not the answer
        spans.append(span)
    citations = span_citations(spans, docs, turn.today)
    doc = docs[spans[0][0].doc_id]
    line = f"{region_name(doc, where)}的文件中的解释：" + "；".join(
        f"{c.quote.rstrip('。；;')}[{c.n}]" for c in citations)
    turn.shown = [ScoredChunk(chunk=c, score=1.0) for c, _, _ in spans]
    return quoted_reply(turn.question, line, spans, citations, docs, turn.today, where)


_ANOTHER = re.compile(r"^(?:那|那么)?(?P<what>[0-9A-Za-z\u4e00-\u9fff]{2,12}?)呢[？?]?$")


def _next_word(turn: Turn) -> str:
    """"9810呢" right after "9710是啥意思": the next word asked the same way ("" when the message is no such ask)."""
    m = _ANOTHER.match(turn.reading.core.strip())
    asked = turn.earlier_asks
    return m.group("what") if m and asked and _ASKED.search(asked[-1]) else ""


def _tail(what: str) -> str:
    """The words right before the ask, after the last clause break or 里/中 ("官渡的计划里提到的9710" → "9710")."""
    return re.split(r"里|中|提到的|说的|写的|讲的|所谓的?|，|,", what)[-1]


def _definition(word: str, chunks) -> tuple | None:
    """The sentence that opens with ``word`` and defines it, as a span (chunk, start, end), or None."""
    pattern = re.compile(re.escape(word) + _DEFINES)
    for chunk in chunks:
        for a, b, pair in candidates(chunk.text, with_departments=False):
            said = chunk.text[a:b]
            if not pair and pattern.match(said.lstrip("“\"")):
                return chunk, a, b
    return None


ANSWERER = Answerer("defined_term", answer)
