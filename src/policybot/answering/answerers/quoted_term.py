""""“4个1”到底是哪4个", "“五个倍增”都是啥", "那里面提的“科技十条”具体是哪十条": a name a document coins in quotation marks,
asked what it stands for. Where the document defines it right after the name ("“4个1”(即:一个重点产业+…)"), the
definition is quoted; a name that counts its parts ("五个倍增") is answered with the list items of its document that
carry its word, when there are exactly as many as it counts; otherwise the reply says plainly that the document names
it without stating what it holds, and quotes where it names it. Never a guess at the parts."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import region_name
from policybot.answering.picking import candidates
from policybot.answering.aspects import aspects
from policybot.answering.quoting import quoted_reply, span_citations
from policybot.answering.turn import Turn
from policybot.text.places import chains_in
from policybot.text.amounts import chinese_int
from policybot.types import Answer, ScoredChunk

_ASKS_WHAT = re.compile(r"是啥|是什么|是哪|哪[几些]|指(?:的是)?(?:什么|啥|哪)|什么意思|啥意思|都有(?:啥|什么|哪)|包括|包含|"
                        r"具体(?:是|指|内容|有)|(?:都|分别)是|哪[\d一二三四五六七八九十两]+[个条项大种]?")
_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{1,12})[”\"」』]")
_OTHER_ASPECTS = {"department", "amount", "target", "condition", "deadline", "validity"}
_OTHER_ASK = re.compile(r"支持|扶持|补|奖|钱|政策|条件|部门|申请|申报|多少|定位|角色|地位|作用|位置")
_NUMERAL = re.compile(r"[\d一二三四五六七八九十两]")
_COUNTED = re.compile(r"^[^\d一二三四五六七八九十两]{0,4}([\d一二三四五六七八九十两]{1,2})(?:个|大|条|项|种|类)?([\u4e00-\u9fff]{2,6})$")
_ITEM = re.compile(r"^\s*(?:——|—|－|\d+[.．、]|[(（][一二三四五六七八九十\d]+[)）])")
_OPEN, _CLOSE = "(（", ")）"


def answer(turn: Turn) -> Answer | None:
    core = turn.reading.core
    if not _ASKS_WHAT.search(core) or set(aspects(core)) & _OTHER_ASPECTS:
        return None  # "“小巨人”培育由哪些单位负责": who leads it, not what it is
    chunks = turn.bot.index.chunks
    coined = _coined(turn.bot.index)
    terms = [t for t in _QUOTED.findall(core) if t in coined]
    terms += [t for t in coined if _NUMERAL.search(t) and t in core and t not in terms]
    if not terms:
        return None
    term = max(terms, key=len)
    tail = core[core.find(term) + len(term):][:12]  # "“4个1”到底是哪4个": the ask follows the name
    if not _ASKS_WHAT.search(tail) or _OTHER_ASK.search(tail):
        return None  # "“小巨人”企业有哪些支持": what it gets, not what it is
    docs = turn.bot.index.documents
    own = chains_in(core)  # "临沧的“4个1”是啥意思" after a question on 官渡: this turn's place
    where = own[0] if own else turn.asked_where
    applying = turn.applying_docs(where)
    mentions = [(c, m.start()) for c in chunks if c.doc_id in applying for m in re.finditer(re.escape(term), c.text)]
    if not mentions:
        return None
    chunk, at = mentions[0]
    doc = docs[chunk.doc_id]
    spans = _defined(chunk, at, term) or _listed(term, [c for c in chunks if c.doc_id == chunk.doc_id])
    stated = bool(spans)
    if not spans and _in_heading(chunk.text, at):
        return None  # "(七)形成“6+3”科技创新核心区": the section under the heading says what it is
    if not spans:
        spans = [(chunk, *_sentence_at(chunk.text, at))]
    citations = span_citations(spans, docs, turn.today)
    name = region_name(doc, where)
    if stated:
        marks = "".join(f"[{c.n}]" for c in citations)
        line = f"{name}的文件对“{term}”的表述：" + "；".join(c.quote.rstrip("。；;") for c in citations) + marks
    else:
        line = f"{name}的文件提到了“{term}”[1]，但没有写明其具体内容。"
    turn.shown = [ScoredChunk(chunk=c, score=1.0) for c, _, _ in spans]
    return quoted_reply(turn.question, line, spans, citations, docs, turn.today, where)


_CACHE: dict[tuple, frozenset[str]] = {}


def _coined(index) -> frozenset[str]:
    """The names the documents write in quotation marks (worked out once per build of the index)."""
    key = (getattr(index, "manifest", None) or {}).get("build_id"), len(index.chunks), id(index)
    if key not in _CACHE:
        _CACHE.clear()  # one build serves at a time
        _CACHE[key] = frozenset(t for c in index.chunks for t in _QUOTED.findall(c.text) if len(t) >= 2)
    return _CACHE[key]


def _defined(chunk, at: int, term: str) -> list[tuple]:
    """The name with the bracketed definition right after it ("“4个1”(即:…)"), as a span of the passage; [] if none."""
    text = chunk.text
    end = at + len(term)
    end += 1 if end < len(text) and text[end] in "”\"」』" else 0
    if end >= len(text) or text[end] not in _OPEN:
        return []
    depth = 0
    for i in range(end, min(len(text), end + 200)):
        depth += (text[i] in _OPEN) - (text[i] in _CLOSE)
        if depth == 0:
            start = at - 1 if at > 0 and text[at - 1] in "“\"「『" else at
            return [(chunk, start, i + 1)] if re.match(r"[(（]\s*即", text[end:]) or i - end > 6 else []
    return []


def _listed(term: str, chunks) -> list[tuple]:
    """The list items of the document carrying the name's word ("——科技人才数量实现倍增。" for "五个倍增"), when there
    are exactly as many as the name counts; [] otherwise."""
    m = _COUNTED.match(term)
    if not m:
        return []
    count = int(m.group(1)) if m.group(1).isdigit() else chinese_int(m.group(1)) or 0
    word = m.group(2)
    items = []
    for chunk in chunks:
        for a, b, pair in candidates(chunk.text, with_departments=False):
            said = chunk.text[a:b]
            if not pair and _ITEM.match(said) and word in said:
                items.append((chunk, a + _ITEM.match(said).end(), b))  # without its list mark
    return items if count and len(items) == count else []


def _in_heading(text: str, at: int) -> bool:
    """Is offset ``at`` on a short heading line ("(七)形成“6+3”科技创新核心区")?"""
    line = text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]
    return len(line) <= HEADING_CHARS and bool(_ITEM.match(line) or re.match(r"\s*[一二三四五六七八九十]+、", line))


HEADING_CHARS = 40


def _sentence_at(text: str, at: int) -> tuple[int, int]:
    """The sentence of the passage holding offset ``at``."""
    for a, b, pair in candidates(text, with_departments=False):
        if not pair and a <= at < b:
            return a, b
    return max(0, at - 40), min(len(text), at + 40)


ANSWERER = Answerer("quoted_term", answer)
