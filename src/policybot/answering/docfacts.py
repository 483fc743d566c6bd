"""Questions about the documents themselves: title, issuer, 文号, date, period, whether still in force, and
the upper-level documents they follow. Answered from the metadata, each fact quoted from the header or
clause of the cleaned text that states it; a fact the text does not state is said to be not stated.

A question is read as word classes: a fact asked (``FACT_CUES``) about a document (named by place,
title words or 文号, or pointed at: 这个方案, 它), with no other topic (高企认定的有效期 is a rule, not a
document fact). Which document: the one named; else the documents the previous answer cited (its 【地区】
labels and 《title》 names); else the filters' or the asker's place; else every document.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Callable
from dataclasses import replace

from policybot.answering.reply import NOT_FOUND, QUOTES_HEAD, make_citation, plain_name, region_name, validity_warnings
from policybot.answering.conversation import dangles
from policybot.answering.docfact_cues import DOC_REF, asked_facts, is_document_question
from policybot.answering.docfact_quotes import Fact, facts_of, later_documents
from policybot.answering.picking import Pick
from policybot.answering.questions import core_question, own_question
from policybot.text.citations import check_answer, numbers_outside, squash
from policybot.text.lexical import normalise
from policybot.text.places import LEVEL_DEPTH, places_in, region_chain
from policybot.types import (
    HEADER_SECTION,
    Answer,
    Chunk,
    Citation,
    PolicyDocument,
    ScoredChunk,
)

log = logging.getLogger(__name__)

MAX_LISTED = 6  # more documents than this: ask which one instead of listing them all


def _docs_of_place(place: str, documents: list[PolicyDocument]) -> list[PolicyDocument]:
    """The place's own documents; else those of the places inside it; else its nearest ancestor's own."""
    own = [d for d in documents if d.region and d.region[-1] == place]
    inside = [d for d in documents if place in d.region]
    if own or inside:
        return own or inside
    for parent in reversed(region_chain(place)[:-1]):
        if parent_own := [d for d in documents if d.region and d.region[-1] == parent]:
            return parent_own
    return []


def _longest_shared(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def named_documents(question: str, documents: list[PolicyDocument]) -> list[PolicyDocument]:
    """Documents the question names: by 文号, by place, by words of the title (the longest shared run, ≥4)."""
    q = squash(question)
    by_number = [d for d in documents if d.doc_number and squash(d.doc_number) in q]
    if by_number:
        return by_number
    by_place: list[PolicyDocument] = []
    for place in places_in(question):
        by_place += [d for d in _docs_of_place(place, documents) if d not in by_place]
    pool = by_place or documents
    # "那个2022到2024年的创新措施": the years a document runs for name it
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", question)]
    if len(years) >= 2:
        by_period = [d for d in pool if d.period_start == min(years) and d.period_end == max(years)]
        if len(by_period) == 1:
            return by_period
    shared = {d.doc_id: max(_longest_shared(q, squash(t)) for t in (d.title or "", d.display_title)) for d in pool}
    best = max(shared.values(), default=0)
    by_title = [d for d in pool if shared[d.doc_id] == best]
    if best >= 4 and len(by_title) < len(pool):
        return by_title
    return by_place


def cited_in(answer_text: str, documents: list[PolicyDocument]) -> list[PolicyDocument]:
    """The documents an earlier answer cited: its 【地区】 labels and 《title》 names, in order."""
    found: list[tuple[int, PolicyDocument]] = []
    for m in re.finditer(r"【([^】]+)】|《([^《》]+)》", answer_text):
        label, title = m.groups()
        where = _FOR_PLACE.search(label or "")  # 【临沧市（适用于临翔区）】: labelled for the place asked about
        place = where and (where.group(1) or where.group(2))
        for d in documents:
            if all(d is not f for _, f in found) and ((label and label in (region_name(d), place and region_name(d, place)))
                                                     or (title and title == d.display_title)):
                found.append((m.start(), d))
    # a document named by its drafted title without brackets ("昆明市推动…的措施（原文无标题，按内容拟定）：原文未载明文号")
    for d in documents:
        at = answer_text.find(d.display_title) if d.display_title else -1
        if at >= 0 and all(d is not f for _, f in found):
            found.append((at, d))
    return [d for _, d in sorted(found, key=lambda x: x[0])]


_FOR_PLACE = re.compile(r"（(?:适用于(.+)|(.+)下辖)）$")


def cited_answers(history: list[dict] | None, documents: list[PolicyDocument]) -> list[list[PolicyDocument]]:
    """The documents each earlier answer cited, latest answer first (answers citing none left out)."""
    return [cited for t in reversed(history or []) if t.get("role") == "assistant" and isinstance(t.get("content"), str)
            if (cited := cited_in(t["content"], documents))]


# "都" of "这些都还有效吗", not of a time ("现在都26年了", "都已经过期了吧")
_PLURAL = re.compile(r"这些|那些|它们|两个|几个|两份|几份|都(?![\d〇零一二两三四五六七八九十几]|已经|快|过)|各|分别|哪个先|哪份先")


def _applying(places: list[str], documents: list[PolicyDocument]) -> list[PolicyDocument]:
    """The documents that apply in the places: their own and those of the places containing them."""
    within = {a for p in places for a in region_chain(p)}
    return [d for d in documents if d.region and d.region[-1] in within] or \
        [d for d in documents if any(p in d.region for p in places)]


def documents_meant(question: str, history: list[dict] | None, region: str | None, doc_id: str | None,
                    documents: list[PolicyDocument]) -> tuple[list[PolicyDocument], str]:
    """(documents, how they were found: named | filter | history | place | all).

    In a conversation, "这个方案" is what the previous answer cited, kept to what applies where the asker is
    (an answer may cite other regions for reference); "这些政策" is everything the conversation cited there."""
    if doc_id:
        return [d for d in documents if d.doc_id == doc_id], "filter"
    turns = [t for t in history or [] if isinstance(t.get("content"), str)]
    asked_places = list(dict.fromkeys(p for t in turns if t.get("role") == "user" for p in places_in(t["content"])))
    places = asked_places or (places_in(region) or [region] if region else [])
    applying = _applying(places, documents) if places else list(documents)
    if named := named_documents(question, documents):
        # "2025年以后还会出新的三年方案吗" names its documents by a year alone: of those, the asker's, when it names no place
        mine = [d for d in named if d in applying] if places and not places_in(question) else []
        return mine or named, "named"
    answers = cited_answers(turns, documents)
    if answers:
        every = [d for cited in answers for d in cited]
        pool = every if _PLURAL.search(question) else answers[0]
        kept = [d for d in dict.fromkeys(pool) if d in applying]
        if not kept:  # the last answer cited only other regions: what the conversation cited for the asker's place
            kept = [d for d in dict.fromkeys(every) if d in applying]
        if not kept and places:  # nothing cited applies there (an answer quoting other regions only): its own plans
            kept = [d for p in places for d in _docs_of_place(p, documents)]
        if region and not places_in(question) and not _PLURAL.search(question):  # (another region's for reference,
            # or a branch's place asked about on the way: "这个市里的措施还能申请吗" of a 盘龙 company is 昆明's)
            kept = [d for d in kept if d in _applying(places_in(region) or [region], documents)] or kept
        return kept or answers[0], "history"
    if places:
        return [d for p in places for d in _docs_of_place(p, documents)], "place" if asked_places else "filter"
    return list(documents), "all"


# the level of government a document question names ("区里这个文件", "市里的措施还有效吗", "县上那个方案")
_LEVEL_SAID = re.compile(r"(?:^|(?<=[这那们个的，,\s]))(?P<level>区|县|市)(?:里|级|上|头|政府)|本(?P<own>区|县|市)")


def of_level_said(question: str, docs: list[PolicyDocument], applying: list[PolicyDocument]) -> list[PolicyDocument]:
    """Of the documents meant, those of the level the question names ("区里这个文件是哪年的" after an answer citing the
    city's measures: the district's own document); when none of them is, the applying documents of that level. The
    documents meant, unchanged, when the question names no level or none applies at it."""
    m = _LEVEL_SAID.search(question)
    if not m:
        return docs
    depth = LEVEL_DEPTH[m.group("level") or m.group("own")]
    return [d for d in docs if len(d.region) == depth] or [d for d in applying if len(d.region) == depth] or docs


# --- the answer ----------------------------------------------------------------------------------------


def _chunk_for(chunks: list[Chunk], doc_id: str, span: tuple[int, int]) -> tuple[Chunk, tuple[int, int]] | None:
    """The passage holding the span, and the span clipped to it (a quote never runs across passages)."""
    for c in chunks:
        if c.doc_id == doc_id and c.start <= span[0] < c.end:
            return c, (span[0], min(span[1], c.end))
    return None


def _subject(doc: PolicyDocument, quotes: list[str]) -> str:
    """The document as a line names it: its title, unless the title carries a year no quote of the line holds."""
    if not numbers_outside(doc.cited_title, quotes):
        return doc.cited_title
    return plain_name(doc)


def _as_warned(doc: PolicyDocument) -> PolicyDocument:
    """A period worked out from target years is not one the document states: warn as for no period."""
    return replace(doc, period_start=None, period_end=None) if doc.period_source == "targets" else doc


class _Quotes:
    """The citations of a document-facts answer, one per quoted span (a span quoted twice is cited once)."""

    def __init__(self, chunks: list[Chunk], today: dt.date):
        self.chunks, self.today = chunks, today
        self.citations: list[Citation] = []
        self.evidence: dict[str, ScoredChunk] = {}  # the body passages quoted (the page header is no passage shown)
        self.body: list[str] = []
        self._by_span: dict[tuple, int] = {}

    def _held(self, doc: PolicyDocument, fact: Fact) -> tuple[Chunk, tuple[int, int]] | None:
        if fact.span is None:
            return None
        if fact.in_header:
            chunk = doc.header_chunk()
            return (chunk, fact.span) if chunk is not None else None
        return _chunk_for(self.chunks, doc.doc_id, fact.span)

    def cite(self, doc: PolicyDocument, fact: Fact) -> Citation | None:
        """The citation quoting the fact's span (made on first use); None when no passage holds it."""
        held = self._held(doc, fact)
        if held is None:
            return None
        chunk, span = held
        key = (doc.doc_id, fact.in_header, *span)
        if key not in self._by_span:
            sc = ScoredChunk(chunk=chunk, score=1.0)
            if not chunk.is_header:
                sc = self.evidence.setdefault(chunk.chunk_id, sc)
            pick = Pick(sc, span[0] - chunk.start, span[1] - chunk.start, 0.0, 1)
            citation = make_citation(len(self.citations) + 1, pick, doc, self.today)
            if chunk.is_header:
                citation = replace(citation, section=HEADER_SECTION, section_ref="")
            self.citations.append(citation)
            self._by_span[key] = citation.n
            self.body.append(f"【{region_name(doc)}】{citation.quote}[{citation.n}]")
        return self.citations[self._by_span[key] - 1]


def _doc_lines(doc: PolicyDocument, asked: list[str], quoting: _Quotes, alone: bool,
               library: list[PolicyDocument] | None = None) -> list[str] | None:
    """The document's answer: one line with every asked fact, or (``alone``: the only document) one line per
    fact asked; None when a fact it states has no quote."""
    parts, quotes = [], []
    for facts in facts_of(doc, asked, quoting.today, library):
        said = []
        for fact in facts:
            citation = quoting.cite(doc, fact)
            if citation is None and fact.stated:  # a stated fact must have its quote; without one it is not said
                return None
            if citation is not None:
                quotes.append(citation.quote)
            said.append(fact.text + (f"[{citation.n}]" if citation else ""))
        parts.append("，".join(said))
    subject = _subject(doc, quotes)
    if alone and len(parts) > 1:
        return [f"{subject}：{parts[0]}", *parts[1:]]
    return [f"{subject}：{'；'.join(parts)}"]


def compose_facts(question: str, asked: list[str], docs: list[PolicyDocument], chunks: list[Chunk],
                  today: dt.date, library: list[PolicyDocument] | None = None) -> tuple[list[ScoredChunk], Answer] | None:
    """Each asked fact of each document, with the quotes that state them; None if the reply fails its checks.
    ``library``: the whole collection (a later document of the same place)."""
    quoting = _Quotes(chunks, today)
    lines = []
    for doc in docs:
        said = _doc_lines(doc, asked, quoting, len(docs) == 1, library or docs)
        if said is None:
            return None
        lines += said
    direct_line, citations = "\n".join(lines), quoting.citations
    if not citations:  # nothing asked is stated: say so, quote nothing
        text = f"{NOT_FOUND}：{direct_line}。没有依据的信息本助手不会给出。"
        return [], Answer(question=question, found=False, answer=text, citations=[], warnings=[],
                          direct_answer=direct_line, outcome="not_found")
    cited_docs = [_as_warned(d) for d in docs if any(c.doc_id == d.doc_id for c in citations)]
    reply = direct_line + QUOTES_HEAD + "\n".join(quoting.body)
    # "有没有出新的": none in the collection is a not-found, the period quoted beside it
    none_later = asked == ["successor"] and not any(later_documents(d, library or docs) for d in docs)
    answer = Answer(question=question, found=not none_later, answer=reply, citations=citations,
                    warnings=validity_warnings(cited_docs, today), direct_answer=direct_line,
                    outcome="not_found" if none_later else "answered")
    if problems := check_answer(answer.answer, answer.citations):
        log.warning("document facts not answered: %s", "; ".join(problems))
        return None
    return list(quoting.evidence.values()), answer


def which_one(question: str, docs: list[PolicyDocument]) -> Answer:
    """Too many documents to list a fact for each: ask which one (titles only, no figures)."""
    names = "、".join(d.cited_title for d in docs[:MAX_LISTED])
    text = f"知识库收录了{len(docs)}份文件，请说明问的是哪一份（地区或标题），例如：{names}。"
    return Answer(question=question, found=False, answer=text, citations=[], warnings=[],
                  direct_answer="请说明问的是哪一份文件。", outcome="not_found")


_ASKS = re.compile(r"[？?]|吗|呢|吧|多少|什么|啥|哪|几|是否|有没有|能否|可否|怎么|如何")


def answer_document_question(question: str, history: list[dict] | None, region: str | None, doc_id: str | None,
                             documents: list[PolicyDocument], chunks: list[Chunk], today: dt.date,
                             known: Callable[[str], bool] | None = None) -> tuple[list[ScoredChunk], Answer] | None:
    """(evidence, answer) for a question about the documents themselves; None when it is not one (or when a
    follow-up points at a document no earlier turn names: the chain says the context is gone). ``known``: the
    corpus's words (a leftover word no document uses is no topic of its own)."""

    core = own_question(core_question(question)[0])  # greetings and the asker's own description left out
    if not is_document_question(core, documents, known):
        # "我们是临翔区一家企业，这个方案还有效吗？": the last clause asks, pointing at a document
        last = re.split(r"[，,]", core.rstrip("，,"))[-1]
        if last == core or not DOC_REF.search(last) or not is_document_question(last, documents, known):
            return None
        before = core.rstrip("，,")[: -len(last)] if core.rstrip("，,").endswith(last) else core
        if normalise(own_question(core)).strip("？?。 ") != normalise(last).strip("？?。 ") and _ASKS.search(before):
            return None  # "区里也有研发补助吧？…依据啥文件？": the clauses before ask of a rule, not only of the document
            # ("我在官渡这边园区做招商，…文号是多少？": a clause that only says who asks is no ask)
    named = places_in(question)  # "我在云岩区做招商，…这个方案全称叫啥": the one place the message names is the one meant
    region = region or (named[0] if len(named) == 1 and not places_in(core) else None)
    docs, how = documents_meant(core, history, region, doc_id, documents)
    if how in ("history", "place", "filter"):
        docs = of_level_said(core, docs, _applying(places_in(region) or [region] if region else [], documents))
    if how == "all" and dangles(core, history):
        return None
    docs = list({d.doc_id: d for d in docs}.values())  # a document cited by two earlier answers is one document
    if not docs:
        return None
    if len(docs) > MAX_LISTED:
        return [], which_one(question, docs)
    asked = asked_facts(core)
    whole = asked_facts(own_question(question))  # "…是哪个单位发的？文号多少": a last ask typed without its mark
    asked = whole if set(asked) < set(whole) else asked
    return compose_facts(question, _with_identity(asked, docs), docs, chunks, today, documents)


_IDENTITY = ("issuer", "issued")  # who issued a document and when: what names it beside any fact of it
_OF_IDENTITY = {"number", "issuer", "issued", "period", "status"}


def _with_identity(asked: list[str], docs: list[PolicyDocument]) -> list[str]:
    """What one document's answer says beside the facts asked: its 文号 beside whether it holds ("那个计划现在还能用不":
    the 文号 to look it up by), and its issuer and issue date beside any fact of its identity ("这个方案谁发的？有文号吗？":
    who, and when) — the ones the document states, and only when it states every fact asked."""
    if len(docs) != 1:
        return asked
    doc = docs[0]
    if {"status", "period"} & set(asked) and "number" not in asked and doc.doc_number:
        asked = [*asked, "number"]
    if not set(asked) & _OF_IDENTITY:
        return asked
    period = doc.period_source not in (None, "targets")  # a period stated, not worked out from target years
    held = {"issuer": doc.issuer, "issued": doc.issued, "number": doc.doc_number, "period": period, "status": period}
    if not all(held.get(f, True) for f in asked):
        return asked  # "有效期到什么时候，文号是多少" of a plan stating neither: said plainly, nothing beside it
    return [*asked, *(f for f in _IDENTITY if f not in asked and held[f])]
