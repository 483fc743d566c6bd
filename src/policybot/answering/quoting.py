"""An answer made of sentences quoted whole (what a document says of a topic, a coined name, the levels a rule pays
for): the spans cited in order, each quoted under its document's place, the documents' validity warnings attached."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from policybot.answering.reply import QUOTES_HEAD, make_citation, region_name, validity_warnings
from policybot.answering.picking import Pick
from policybot.text.citations import check_answer
from policybot.types import Answer, Chunk, Citation, PolicyDocument, ScoredChunk

Span = tuple[Chunk, int, int]  # a passage and the offsets of the sentence quoted from it


def span_citations(spans: list[Span], documents: dict[str, PolicyDocument], today: dt.date) -> list[Citation]:
    """Citations [1]…[n] of ``spans``, in order."""
    return [make_citation(n, Pick(ScoredChunk(chunk=c, score=1.0), a, b, 0.0, 1), documents[c.doc_id], today)
            for n, (c, a, b) in enumerate(spans, 1)]


def quoted_reply(question: str, line: str, spans: list[Span], citations: list[Citation],
                 documents: dict[str, PolicyDocument], today: dt.date, where: tuple[str, ...] | str | None = None,
                 head: str | None = None) -> Answer:
    """``line`` as the bold line (``head``, when given, opens the reply instead), then each citation's quote under its
    document's place (relative to ``where``)."""
    body = "\n".join(f"【{region_name(documents[c.doc_id], where)}】{x.quote}[{x.n}]" for (c, _, _), x in zip(spans, citations))
    cited = [documents[d] for d in dict.fromkeys(c.doc_id for c, _, _ in spans[: len(citations)])]
    return Answer(question=question, found=True, answer=(line if head is None else head) + QUOTES_HEAD + body, citations=citations,
                  warnings=validity_warnings(cited, today), direct_answer=line, outcome="answered")


def with_quoted_lines(reply: Answer, head: str, citations: list[Citation], lines: list[str],
                      documents: dict[str, PolicyDocument], today: dt.date) -> Answer:
    """``reply`` going on under ``head`` with ``lines`` (quotes, each marked with its number in ``citations``, which
    hold the reply's own first), the warnings of every cited document; the reply unchanged when the whole fails its
    citation check."""
    extra = f"\n{head}\n" + "\n".join(lines)
    cited = [documents[d] for d in dict.fromkeys(c.doc_id for c in citations)]
    answer = replace(reply, answer=reply.answer + extra, direct_answer=reply.direct_answer + extra, citations=citations,
                     warnings=validity_warnings(cited, today))
    return reply if check_answer(answer.answer, citations) else answer
