""""文件里有这么一句：“设立市级研发经费投入奖补资金,实行总额控制,…”，这是什么意思？企业能直接申请吗？": a passage pasted
from a document, asked about. The sentences of the document holding it are the answer, quoted whole with where
they stand (document, section), so the asker reads the passage in its own words and context — not another rule
that shares a word with the question ("直接")."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import region_name
from policybot.answering.picking import candidates
from policybot.answering.quoting import quoted_reply, span_citations
from policybot.answering.turn import Turn
from policybot.types import Answer, ScoredChunk

_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』]{12,400})[”\"」』]")
_SQUASH = re.compile(r"[\s,，、;；:：。.!！?？()（）“”\"'‘’]")
MIN_CHARS = 12  # a shorter quotation is a name ("4个1"), answered by quoted_term


def answer(turn: Turn) -> Answer | None:
    quoted = [q for q in _QUOTED.findall(turn.question) if len(_squash(q)) >= MIN_CHARS]
    if not quoted:
        return None
    docs = turn.bot.index.documents
    titles = [_squash(d.display_title) for d in docs.values()]
    # a document's name in quotation marks ("昆明那份“推动创新链与产业链深度融合”的措施") names it, it is no passage
    pasted = [q for q in quoted if not any(_squash(q) in t for t in titles)]
    for text in pasted:
        spans = _holding(_squash(text), turn.bot.index.chunks)
        if spans:
            citations = span_citations(spans, docs, turn.today)
            doc = docs[spans[0][0].doc_id]
            where = f"{region_name(doc)}《{doc.display_title.strip('《》')}》" + (
                f"（{citations[0].section}）" if citations[0].section else "")
            line = f"这句话出自{where}，原文为：" + "".join(c.quote for c in citations) + "".join(
                f"[{c.n}]" for c in citations)
            turn.shown = [ScoredChunk(chunk=c, score=1.0) for c, _, _ in spans]
            return quoted_reply(turn.question, line, spans, citations, docs, turn.today)
    return None


def _squash(text: str) -> str:
    return _SQUASH.sub("", text)


def _holding(squashed: str, chunks) -> list[tuple]:
    """The sentence spans of the one passage holding the pasted text (squashed alike), or []."""
    for chunk in chunks:
        body = chunk.text
        if squashed not in _squash(body):
            continue
        spans = [(chunk, a, b) for a, b, pair in candidates(body, with_departments=False) if not pair]
        # the sentences sharing any stretch of the pasted text, in order
        held = [(c, a, b) for c, a, b in spans if _shares(_squash(body[a:b]), squashed)]
        return held[:3]
    return []


def _shares(sentence: str, pasted: str) -> bool:
    """Does a sentence hold a stretch of the pasted text (or the pasted text a stretch of it)?"""
    probe = sentence[:MIN_CHARS]
    return bool(sentence) and (sentence in pasted or pasted in sentence or probe in pasted)


ANSWERER = Answerer("pasted", answer)
