"""The nouns a question and a document pass through."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

HEADER_ORDINAL = -1  # a document's page header as a passage (``PolicyDocument.header_chunk``)
HEADER_SECTION = "发布页页头"
HEADER_SUFFIX = "-header"  # a header passage's chunk_id is the doc_id with this suffix


@dataclass(frozen=True)
class Heading:
    """One 公文 heading: its level (1 = 一、), label as written, and offset in the cleaned text."""

    level: int
    label: str
    start: int


@dataclass(frozen=True)
class PolicyDocument:
    """A cleaned policy document with the metadata read from its text (or a sidecar)."""

    doc_id: str
    slug: str
    source: str
    text: str
    title: str | None
    display_title: str
    title_kind: str  # "official" (from the text or sidecar), "descriptive" or "absent"
    issuer: str | None
    doc_number: str | None
    issued: str | None  # ISO date the document was signed
    published: str | None  # ISO date it was published online
    region: tuple[str, ...]
    period_start: int | None
    period_end: int | None
    period_source: str | None  # where the period was read: "title", "validity clause", "targets", "sidecar"
    headings: tuple[Heading, ...] = ()
    source_url: str = ""  # the page it was published on, when known (upload form or sidecar)
    # the published page's header lines stating its facts (文号: …, 发布日期: …), verbatim; never part of ``text``
    header: str = ""

    @property
    def period(self) -> str | None:
        if self.period_start and self.period_end:
            return f"{self.period_start}—{self.period_end}"
        return None

    @property
    def cited_title(self) -> str:
        """The title as a citation shows it: 《…》 for an official title, a descriptive one as it is."""
        return f"《{self.display_title}》" if self.title_kind == "official" else self.display_title

    @property
    def region_label(self) -> str:
        return " › ".join(self.region)

    def expired(self, today: dt.date) -> bool:
        return self.period_end is not None and today > dt.date(self.period_end, 12, 31)

    def section_at(self, offset: int) -> tuple[str, ...]:
        """Heading path (一、… › （二）… › 3.…) in force at a character offset."""
        path: list[Heading] = []
        for h in self.headings:
            if h.start > offset:
                break
            while path and path[-1].level >= h.level:
                path.pop()
            path.append(h)
        return tuple(h.label for h in path)

    def header_chunk(self) -> "Chunk | None":
        """The page header as a passage answers about the document can quote (never indexed nor searched):
        its text is ``header``, not a slice of ``text`` (start = end = 0, ordinal -1)."""
        if not self.header:
            return None
        return Chunk(chunk_id=self.doc_id + HEADER_SUFFIX, doc_id=self.doc_id, ordinal=HEADER_ORDINAL, start=0, end=0,
                     text=self.header, section=(HEADER_SECTION,), title=self.display_title, issuer=self.issuer,
                     doc_number=self.doc_number, region=self.region, date=self.issued or self.published)

    def meta(self) -> dict:
        d = asdict(self)
        d.pop("text")
        d.pop("headings")
        d["region"] = list(self.region)
        d["period"] = self.period
        return d


@dataclass(frozen=True)
class Chunk:
    """A verbatim slice ``doc.text[start:end]`` with its provenance."""

    chunk_id: str
    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str
    section: tuple[str, ...]
    title: str
    issuer: str | None
    doc_number: str | None
    region: tuple[str, ...]
    date: str | None
    # spans of ``text`` that speak to the assistant (see policybot.documents.instructions): never an answer or a quote
    instructions: tuple[tuple[int, int], ...] = ()

    @property
    def is_header(self) -> bool:
        """The document's published-page header (quoted for its facts), not a slice of its body text."""
        return self.ordinal == HEADER_ORDINAL

    def is_instruction(self, start: int, end: int) -> bool:
        """Does ``text[start:end]`` touch a sentence flagged as an instruction to the assistant?"""
        return any(s < end and start < e for s, e in self.instructions)

    @property
    def breadcrumb(self) -> str:
        return " › ".join((self.title, *self.section))

    def index_text(self) -> str:
        """What the retrievers see: the breadcrumb prefixed to the passage."""
        return f"{self.breadcrumb}\n{self.text}"


_WEB_URL = re.compile(r"https?://[^\s\"'<>]+")


def is_web_url(url: str) -> bool:
    """An http(s) address safe to link to (never a script or file URL, no quotes or brackets)."""
    return bool(url) and _WEB_URL.fullmatch(url) is not None


def format_citation(cited_title: str, doc_number: str | None, section_ref: str, quote: str) -> str:
    number = f"（{doc_number}）" if doc_number else ""
    return f"{cited_title}{number}{section_ref}：“{quote}”"


@dataclass
class ScoredChunk:
    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)  # signal name -> 1-based rank
    dense: float = 0.0  # cosine similarity to the question
    coverage: float = 0.0  # share of the question's IDF-weighted words found in the passage

    def to_json(self, rank: int) -> dict:
        """A ranked passage as the CLI (`search --json`) and the API (`/api/search`) return it."""
        c = self.chunk
        return {"rank": rank, "score": round(self.score, 5), "chunk_id": c.chunk_id, "doc_id": c.doc_id,
                "title": c.title, "doc_number": c.doc_number, "section": " › ".join(c.section),
                "region": list(c.region), "text": c.text, "start": c.start, "end": c.end}


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    title: str
    issuer: str | None
    doc_number: str | None
    section: str
    quote: str
    chunk_id: str
    period: str | None
    expired: bool
    official_title: bool = True
    section_ref: str = ""  # compact numbering such as 二、（一）1.
    chunk_text: str = ""
    quote_start: int = 0  # offset of the quote inside chunk_text
    source_url: str = ""  # the document's original page, when known

    @property
    def cited_title(self) -> str:
        return f"《{self.title}》" if self.official_title else self.title

    def formatted(self) -> str:
        """The form a help-desk clerk pastes: 《标题》（文号）章节：“引文”."""
        return format_citation(self.cited_title, self.doc_number, self.section_ref or self.section, self.quote)


def citation_json(c: Citation) -> dict:
    return {k: v for k, v in asdict(c).items() if k not in ("chunk_text", "quote_start", "official_title")}


@dataclass
class Answer:
    """A reply. ``outcome``: answered | not_found (the corpus has no basis) | elsewhere (not in the asked
    region, but other regions have the rule: ``elsewhere`` cites them) | welcome (a greeting's reply) |
    context_lost (a follow-up with no conversation before it) | curated (a clerk's approved answer)."""

    question: str
    found: bool
    answer: str
    citations: list[Citation]
    warnings: list[str]
    latency_ms: float = 0.0
    resolved_question: str = ""
    evidence: list[ScoredChunk] = field(default_factory=list)
    direct_answer: str = ""
    elsewhere: list[Citation] = field(default_factory=list)
    outcome: str = "answered"
    suggestions: list[str] = field(default_factory=list)  # questions the asker can send next (the page offers them)
    notice: str = ""  # said before the answer: the filters contradict the question, and what was done
    assumed: str = ""  # what the answer assumes of the asker from its own words ("官渡区 · 规上 · 非高企")

    @property
    def all_citations(self) -> list[Citation]:
        return [*self.citations, *self.elsewhere]

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "resolved_question": self.resolved_question or self.question,
            "found": self.found,
            "outcome": self.outcome,
            "direct_answer": self.direct_answer,
            "answer": self.answer,
            "citations": [citation_json(c) for c in self.citations],
            "elsewhere": [citation_json(c) for c in self.elsewhere],
            "warnings": list(self.warnings),
            "notice": self.notice,
            "assumed": self.assumed,
            "suggestions": list(self.suggestions),
            "latency_ms": round(self.latency_ms, 1),
        }
