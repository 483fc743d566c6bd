"""Where the documents name a place, in its own name or inside a name joined from places' first characters
("昆曲玉楚红" names 曲靖; "临云凤" names 凤庆): the sentences, each with the sentence after it on the same line (what
the document does with what it set up: "…“昆曲玉楚红”滇中协同创新共同体…。将在昆企事业单位牵头…纳入重大项目库")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policybot.answering.picking import candidates
from policybot.text.places import aliases, joint_places, short_label
from policybot.types import Chunk

_QUOTED = re.compile(r"“([\u4e00-\u9fff]{3,6})”")
Chain = tuple[str, ...]


@dataclass(frozen=True)
class Naming:
    chunk: Chunk
    start: int
    end: int
    name: str  # the form the place is named by: its own name, or the joined name
    joint: tuple[Chain, ...]  # the places a joined name stands for; () for the place's own name

    @property
    def spelt(self) -> str:
        """A joined name with the places it stands for: “昆曲玉楚红”（昆明市、曲靖市、…）."""
        return f"“{self.name}”（{'、'.join(short_label(c) for c in self.joint)}）"


def _within(place: Chain, named: Chain) -> bool:
    return place[: len(named)] == named


def naming(chunks: tuple[Chunk, ...] | list[Chunk], place: Chain, doc_ids: set[str] | None = None,
           inside: bool = True) -> list[Naming]:
    """The sentences of ``chunks`` (of ``doc_ids`` when given) naming ``place`` (or, ``inside``, a place containing it
    below the province: 曲靖 for 麒麟区), in document order; a sentence naming it in its own name before one naming it
    inside a joined name."""
    own = [a for a in aliases(place) if len(a) >= 2]
    found = [(1, n) for n in jointly_naming(chunks, place, doc_ids, inside)]
    for chunk in chunks:
        if doc_ids is not None and chunk.doc_id not in doc_ids:
            continue
        for a, b, pair in candidates(chunk.text, with_departments=False):
            name = next((f for f in own if f in chunk.text[a:b]), None)
            if not pair and name and not any(m.chunk is chunk and m.start <= a < m.end for _, m in found):
                found.append((0, Naming(chunk, a, _with_next(chunk.text, a, b), name, ())))
    return [n for _, n in sorted(found, key=lambda x: x[0])]


def jointly_naming(chunks: tuple[Chunk, ...] | list[Chunk], place: Chain, doc_ids: set[str] | None = None,
                   inside: bool = True) -> list[Naming]:
    """The sentences of ``chunks`` naming ``place`` inside a joined name only (see ``naming``)."""
    return [n for n in _namings(chunks) if (doc_ids is None or n.chunk.doc_id in doc_ids)
            and any(len(c) >= 2 and (_within(place, c) if inside else place == c) for c in n.joint)]


_SEEN: list = [None, []]  # the chunks last read and their joined namings: read once per index, not per question


def _namings(chunks) -> list[Naming]:
    """Every sentence naming places through a joined name (worked out once for the chunks of an index)."""
    if _SEEN[0] is chunks:
        return _SEEN[1]
    out = []
    for chunk in chunks:
        for a, b, pair in candidates(chunk.text, with_departments=False):
            if pair:
                continue
            for m in _QUOTED.finditer(chunk.text[a:b]):
                if (joint := joint_places(m.group(1))):
                    out.append(Naming(chunk, a, _with_next(chunk.text, a, b), m.group(1), joint))
                    break
    _SEEN[:] = [chunks, out]
    return out


def _with_next(text: str, a: int, b: int) -> int:
    """The end of the sentence after ``text[a:b]`` when it is on the same line, else ``b``."""
    pairs = [e for s, e, pair in candidates(text, with_departments=False) if pair and s == a]
    return max(pairs, default=b)
