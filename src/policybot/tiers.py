"""Tiered rules inside a quote: which clause gives which beneficiary which figure.

公文 states tiers in two shapes. Parallel enumerations — "对新认定的国家级A、省级B、省级C分别一次性给予
50万元、20万元、5万元奖补" — are aligned item by item, and only when the two lists have the same
length (that is the verification; otherwise the figures are given as written). Separate clauses —
"对首次认定企业给予…10万元补助,对到期后重新认定企业给予…5万元补助" — compete when they give the same
kind of benefit; the question's words choose between them. Every piece of text returned here is a
verbatim slice of the quote, except that an aligned line drops "分别" and the other tiers' figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexical import normalise

MONEY = re.compile(
    r"(?:最高|不超过|每[户家人个项]?)?\d+(?:\.\d+)?\s*(?:万元|亿元|元)(?:\s*[—\-~～至到]\s*\d+(?:\.\d+)?\s*(?:万元|亿元|元))?"
    r"|\d+(?:\.\d+)?\s*%|不设(?:经费)?上限|1\s*[:∶]\s*1"
)
_AMOUNT_LIST = re.compile(rf"(?:{MONEY.pattern})(?:\s*[、和及与]\s*(?:{MONEY.pattern}))+")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")
_LIST_SEP = re.compile(r"[、和及与或]")
_BENEFIT_NOUN = re.compile(r"(补助|奖补|奖励|扶持|支持|资金|经费|补贴|贴息|配套)")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass
class Clause:
    start: int
    end: int
    text: str
    subject: str = ""  # the clauses before it that name the beneficiary (verbatim, may be empty)
    amounts: list[tuple[int, int]] = field(default_factory=list)  # spans of figures in ``text``

    @property
    def money(self) -> bool:
        return bool(self.amounts)

    @property
    def benefit(self) -> str:
        """The kind of benefit the clause gives (its last benefit noun), for grouping rivals."""
        found = _BENEFIT_NOUN.findall(self.text)
        return found[-1] if found else ""


def clauses(text: str) -> list[Clause]:
    """Clauses of ``text`` cut at commas and sentence marks; money clauses carry their subject."""
    out: list[Clause] = []
    pos = 0
    for m in list(_CLAUSE_END.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            s, e = pos + lead, pos + len(piece.rstrip())
            out.append(Clause(s, e, text[s:e], amounts=[mm.span() for mm in MONEY.finditer(text[s:e])]))
        pos = m.end() if m else len(text)
    subject: list[str] = []
    for c in out:
        if c.money:
            c.subject = "，".join(subject)
            subject = []
        else:
            subject.append(c.text)
    return out


def _bigrams(text: str) -> set[str]:
    t = re.sub(r"[^\u4e00-\u9fff0-9a-z%]", "", normalise(text))
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _rank_numbers(question: str) -> list[int]:
    q = normalise(question)
    out = [int(n) for n in re.findall(r"第\s*(\d+)\s*[名位]", q)]
    out += [_CN_DIGITS[c] for c in re.findall(r"第([一二两三四五六七八九十])[名位]", q)]
    out += [int(n) for n in re.findall(r"前\s*(\d+)\s*[名位]", q)]
    return out


def _rank_match(piece: str, ranks: list[int]) -> bool | None:
    """Does a ranking tier (排名前2名 / 第3至第5名) include the rank the question asks about?"""
    if not ranks:
        return None
    p = normalise(piece)
    m = re.search(r"前\s*(\d+)\s*名", p)
    if m:
        return any(r <= int(m.group(1)) for r in ranks)
    m = re.search(r"第\s*(\d+)\s*(?:至|到|-|—)\s*第?\s*(\d+)\s*名", p)
    if m:
        return any(int(m.group(1)) <= r <= int(m.group(2)) for r in ranks)
    return None


def choose(pieces: list[str], question: str) -> int | None:
    """Index of the one piece the question asks about, judged on words the pieces do not share.

    None when the question names none of them, or two equally.
    """
    if len(pieces) < 2:
        return None
    ranks = _rank_numbers(question)
    by_rank = [_rank_match(p, ranks) for p in pieces]
    if any(x is not None for x in by_rank):
        hits = [i for i, x in enumerate(by_rank) if x]
        return hits[0] if len(hits) == 1 else None
    grams = [_bigrams(p) for p in pieces]
    shared = set.intersection(*grams)
    q = _bigrams(question)
    scores = [len((g - shared) & q) for g in grams]
    best = max(scores)
    if best == 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


@dataclass
class Enumeration:
    """Aligned "A、B、C … 分别 … X、Y、Z" inside one money clause."""

    items: list[str]  # verbatim pieces of the item list
    amounts: list[str]  # verbatim figures, same length
    before: str  # clause text before the amount list (without 分别)
    after: str  # clause text after it

    def line(self, i: int) -> str:
        return f"{label(self.items[i])}：{self.before}{self.amounts[i]}{self.after}"

    def lines(self) -> list[str]:
        return [self.line(i) for i in range(len(self.items))]


def label(piece: str) -> str:
    """An item as a label: without its leading 对/新认定的… and trailing 的."""
    s = piece.strip()
    if "的" in s[:-1]:
        s = s[s.rindex("的", 0, len(s) - 1) + 1 :]
    s = re.sub(r"^(对|给予|经|为|被|获得|入选)", "", s)
    return s.rstrip("的").strip() or piece.strip()


def enumeration(clause: Clause) -> Enumeration | None:
    """The clause's aligned enumeration, or None when there is none or the lists' lengths differ."""
    m = _AMOUNT_LIST.search(clause.text)
    if not m:
        return None
    amounts = [a.group(0) for a in MONEY.finditer(m.group(0))]
    head = clause.subject + "，" + clause.text[: m.start()] if clause.subject else clause.text[: m.start()]
    lists = [x for x in re.finditer(r"[^，,、和及与或；;：:]{1,24}(?:[、和及与或][^，,、和及与或；;：:]{1,24})+", head)]
    for lst in reversed(lists):  # the nearest list before the figures
        items = _LIST_SEP.split(lst.group(0))
        if len(items) == len(amounts):
            before = re.sub(r"分别", "", clause.text[: m.start()])
            before = before[len(before) - len(before.lstrip()) :]
            # what precedes the figures inside the clause, without the item list itself
            if lst.group(0) in before:
                before = before[before.index(lst.group(0)) + len(lst.group(0)) :]
            return Enumeration(items, amounts, before.lstrip("的，, "), clause.text[m.end() :])
    return None


def amount_lines(quote: str, question: str) -> tuple[list[str], bool]:
    """The figure lines a direct answer states for ``question``, and whether a tier was chosen.

    Rival clauses (same benefit, different beneficiaries) are narrowed to the asked one; clauses of
    other benefits in the same rule are kept. Lines are verbatim clauses or aligned tier lines.
    """
    money = [c for c in clauses(quote) if c.money]
    if not money:
        return [], False
    groups: dict[str, list[Clause]] = {}
    for c in money:
        groups.setdefault(c.benefit or str(id(c)), []).append(c)
    lines, chose = [], False
    for group in groups.values():
        picked = group
        if len(group) > 1:
            i = choose([c.subject + c.text for c in group], question)
            if i is not None:
                picked, chose = [group[i]], True
        for c in picked:
            enum = enumeration(c)
            if enum is None:
                lines.append(_with_subject(c))
                continue
            i = choose(enum.items, question)
            if i is None:
                lines.extend(enum.lines())
            else:
                lines.append(enum.line(i))
                chose = True
    return lines, chose


def _with_subject(c: Clause) -> str:
    """A money clause, led by its beneficiary when the clause itself does not name one."""
    if c.subject and not re.match(r"^(对|给予|为|凡|经)", c.text) and len(c.subject) <= 30:
        return f"{c.subject.split('，')[-1]}，{c.text}"
    return c.text
