"""Which levels of a platform or recognition the documents pay for ("国家级科技企业孵化器、省级科技企业孵化器…分别…"),
and whether the level a question asks ("市级的孵化器有没有？", "那省级重点实验室呢") is among them.

A level is read as 政策匹配 reads it (``concepts.level_before``: a listed run "国家级、省级、市级" reaches its last level,
"以上" widens); a concept counts with those it implies (a 孵化器 is a 孵化平台), so a rule for 市级孵化平台 covers a
市级孵化器. Only the names after a clause's beneficiary word ("对", "认定", "获批" …) are read: "引导科技企业孵化器高质量
发展" pays nothing.
"""

from __future__ import annotations

import re

from policybot.answering.picking import candidates
from policybot.text.concepts import concept_of, concepts_in, eligibility_vocabulary, level_before
from policybot.types import Chunk

_ASKED = re.compile(r"(国家|省|市|区|县)级")
_PAYING_CLAUSE = re.compile(r"[^；;。]+")
SUM = re.compile(r"\d+(?:\.\d+)?\s*万元")  # a sum stated in 万元
_BENEFICIARY = re.compile(r"对|认定|获批|批准|评为|授牌|备案")
TOP = 3  # 国家级 in the level scale of data/eligibility.json (区级 0)


def names_level(question: str) -> bool:
    """Does the question name a level word (国家级 … 县级) at all?"""
    return bool(_ASKED.search(question))


def asked_level(question: str) -> tuple[int, str, str] | None:
    """(level, level word, concept id) when the question names one level of one concept ("市级的孵化器",
    "孵化器认定成市级"): the level word within a few characters of the concept, either side."""
    levels = list(_ASKED.finditer(question))
    named = concepts_in(question)
    if len({m.group(0) for m in levels}) != 1 or not named:
        return None
    at = levels[0]
    gap, cid = min((min(abs(s - at.end()), abs(at.start() - e)), cid) for cid, s, e in named)
    word = at.group(0)
    return (eligibility_vocabulary()["levels"][word], word, cid) if gap <= 8 else None


def with_implied(cid: str) -> set[str]:
    """The concept and those it implies (科技企业孵化器 → 孵化平台)."""
    return {cid, *concept_of(cid).get("implies", [])}


def stated_levels(texts: list[str], cids: set[str], sums: bool = True) -> set[int]:
    """The levels ``texts`` (sentences of rules that pay) pay for any of ``cids``, in clauses ("；") stating a sum;
    every level when such a name carries none (its rule holds at any level); empty when none names it.
    ``sums=False``: clauses that pay without a sum ("按照政策给予一次性资金扶持") count too."""
    levels: set[int] = set()
    for text in texts:
        for m in _PAYING_CLAUSE.finditer(text):
            clause, anchor = m.group(0), _BENEFICIARY.search(m.group(0))
            if sums and not SUM.search(clause) or not anchor:
                continue
            for cid, s, _ in concepts_in(clause):
                if cid not in cids or s < anchor.start():
                    continue
                level, above = level_before(clause, s)
                if level is None:
                    return set(range(TOP + 1))
                levels |= set(range(level, TOP + 1)) if above else {level}
    return levels


LEVEL_NAMES = {3: "国家级", 2: "省级", 1: "市级", 0: "区（县）级"}


def paying_sentences(chunks: list[Chunk], doc_ids: set[str], cids: set[str],
                     pays: re.Pattern) -> list[tuple[Chunk, int, int]]:
    """The sentences of the documents ``doc_ids`` that pay something (``pays``) and name one of the concepts ``cids``
    (a sentence, never a pair of them): what the documents say they give for a platform or recognition."""
    return [(c, a, b) for c in chunks if c.doc_id in doc_ids
            for a, b, pair in candidates(c.text, with_departments=False)
            if not pair and pays.search(c.text[a:b]) and any(found in cids for found, _, _ in concepts_in(c.text[a:b]))]
