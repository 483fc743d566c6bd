"""The direct answer: one short line stating exactly what was asked, built only from the quote.

Per aspect of the question: the figure for the asked tier (``tiers.amount_lines``), the 牵头/责任
departments, the conditions, or the clause holding a target or a date. Every piece is a verbatim
clause of a cited quote (an aligned tier line drops only "分别" and the other tiers' figures), so the
numbers it states are the quote's numbers, and a figure is never moved to another tier.
"""

from __future__ import annotations

import re

from .scoring import INTENT_PATTERNS, share
from .tiers import MONEY, amount_lines, clauses

ASPECT_NAMES = {"amount": "金额", "department": "负责部门", "condition": "条件", "target": "目标",
                "deadline": "时间", "validity": "有效期", "fact": ""}
_COND = re.compile(r"对.{2,40}的$|^经.{0,24}认定|超过|达到|符合|须|应当|满足|连续|首次|重新|有效期满|新认定|新设立|较上|有增长|以上|认定为|入选|获得")
_LEADING = re.compile(r"^(其中|同时|此外|另外|并且|并|且|，|,)")
MAX_LINE = 90


def _short(text: str) -> str:
    text = _LEADING.sub("", text.strip()).strip("，,；;：: ")
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"


def amount(quote: str, question: str) -> str:
    lines, _ = amount_lines(quote, question)
    if lines:
        return "；".join(_short(x) for x in lines)
    offer = next((c.text for c in clauses(quote) if re.search(r"给予|支持|补助|奖励|扶持", c.text)), quote)
    return f"原文未载明具体金额：{_short(offer)}"


def department(dept_quote: str) -> str:
    parts = [p.strip().strip("()（）") for p in re.split(r"[\n；;]", dept_quote) if p.strip()]
    return "；".join(_short(p) for p in parts)


def condition(quote: str) -> str:
    """The clauses that say who qualifies and on what terms (before the figure they earn)."""
    out = []
    for c in clauses(quote):
        if c.money:
            if out:
                break
            continue
        if _COND.search(c.text):
            out.append(c.text)
    if not out:
        money = [c for c in clauses(quote) if c.money]
        out = [money[0].subject.split("，")[-1]] if money and money[0].subject else []
    return "，".join(_short(x) for x in out) if out else "原文未单列申请条件，见下方引文"


def figure_clause(quote: str, question_terms: dict, intent: str) -> str:
    """The clause holding the asked target, date or fact (best term overlap among those that fit)."""
    cs = clauses(quote)
    pattern = INTENT_PATTERNS.get(intent)
    fitting = [c for c in cs if (pattern.search(c.text) if pattern else re.search(r"\d", c.text))] or cs
    if not fitting:
        return _short(quote)
    best = max(fitting, key=lambda c: (share(c.subject.split("，")[-1] + c.text, question_terms), -len(c.text)))
    lead = ""
    if not re.search(r"[\u4e00-\u9fff]{4}", re.sub(r"[\d.%万亿元家个件人项以上达到突破]", "", best.text)):
        prev = [c for c in cs if c.end <= best.start]
        lead = prev[-1].text + "，" if prev else ""
    return _short(lead + best.text)


def fragment(aspect: str, quote: str, question: str, terms: dict, dept_quote: str | None = None) -> str:
    """The direct answer for one aspect of one document."""
    if aspect == "department":
        return department(dept_quote) if dept_quote else "原文未写明负责部门"
    if aspect == "amount":
        return amount(quote, question)
    if aspect == "condition":
        return condition(quote)
    if aspect in ("target", "deadline", "validity"):
        return figure_clause(quote, terms, aspect)
    if MONEY.search(quote):
        return amount(quote, question)
    return figure_clause(quote, terms, "fact")
