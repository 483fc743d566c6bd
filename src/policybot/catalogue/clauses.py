"""Clauses of a company's description and what the clauses next to one say of it.

"院士工作站，还在筹建": the next clause works toward what this one names; "2025年，我公司…被认定为…": the clause before
only dates it; "申请市级众创空间，也被退回了": the next clause refuses it.
"""

from __future__ import annotations

import re

from policybot.text.concepts import DENIED_AFTER, concepts_in
from policybot.text.lexical import YEAR

CLAUSE = re.compile(r"[^，,。；;！!？?／\n]+")  # "镇康县／规上／…": a field typed after a slash
SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def sentence_of(clause: str, text: str, default: str | None = None) -> str:
    """The sentence of ``text`` holding ``clause`` (``default``, else the clause itself, when none does)."""
    return next((x for x in SENTENCE.findall(text) if clause in x), clause if default is None else default)


def clause_after(clause: str, text: str, end: int) -> str:
    """The next clause of the sentence when nothing after the concept in its own clause says otherwise
    ("院士工作站，还在筹建", "市级重点实验室已通过专家评审，等待认定"): what it says of the concept."""
    rest = clause[end:]
    if concepts_in(rest) or re.search(r"获批|批准|挂牌|授牌|已认定|认定为|评为|评上", rest):  # something else, or held
        return ""
    nxt = next_clause(clause, text)
    # a short clause naming nothing else ("还在筹建", "等结果"), not one about something else ("正在建设中试基地")
    return nxt if nxt and len(nxt.strip()) <= 6 and not concepts_in(nxt) else ""


def previous_clause(clause: str, text: str) -> str:
    """The clause before ``clause`` in its sentence (before a comma); "" when there is none."""
    at = text.find(clause)
    if at <= 0 or text[at - 1] not in "，,":
        return ""
    before = CLAUSE.findall(text[: at - 1])
    return before[-1] if before else ""


def next_clause(clause: str, text: str) -> str:
    """The clause after ``clause`` in its sentence (after a comma); "" when there is none."""
    at = text.find(clause)
    nxt = CLAUSE.match(text, at + len(clause) + 1) if at >= 0 and text[at + len(clause) : at + len(clause) + 1] in "，," else None
    return nxt.group(0) if nxt else ""


# a clause saying an application for what the clause before it names was granted
GRANTED = re.compile(r"\s*(?:已经?|也|都|均)?(?:拿到了?|获得了?|取得了?|获)[^，,。；;]{0,12}?(?:立项|批复|批准|认定)|"
                      r"\s*(?:已经?|都|均)?(?:获批|批下来了?|立项了|已立项)")
# a clause saying an application for what the clause before it names was turned down
REFUSED = re.compile(r"\s*(?:我们|公司|我司)?(?:去年|今年|前年|20\d\d\s*年)?(?:也|又)?(?:报了|申报了|申请了|报过|申报过|申请过|参评了)?"
                      r"(?:也|但|但是|结果|最后|可惜|不过|却)?(?:已经?|都|还是)?(?:被退回|被驳回|被否决|退回了|驳回了|没批|未获批|"
                      r"没有?通过|未通过|落选|没评上|未评上|没入选|未入选|没成功|未成功)")
# a clause dating what the clause before it names ("搞了个专家工作站，2024年刚批下来")
_GRANTED_WHEN = re.compile(r"\s*(?:是|于|在)?(20\d\d)\s*年[^，,。；;]{0,8}?(?:批|认定|评上|评为|授牌|挂牌|成立|建成|设立)")


def dated_next(clause: str, text: str) -> str:
    """The next clause, bracketed, when it only dates the platform of an undated clause; else ""."""
    said = "" if YEAR.search(clause) else next_clause(clause, text).strip()
    return f"（{said}）" if said and not concepts_in(said) and _GRANTED_WHEN.match(said) else ""


# a clause that only dates what the next one says ("2025年，我公司…被认定为省级新型研发机构")
_DATE_ONLY = re.compile(r"\s*(?:(?:20)?\d\d\s*年(?:底|初|末|上半年|下半年)?(?:\d{1,2}\s*月份?)?|去年|今年|前年|上年|上个?月|本月)(?:底|初)?\s*")


def denies_all(clause: str) -> bool:
    """Is ``clause`` a denial and nothing more ("…高新技术培育企业，我们没报过"): it denies the concept before it."""
    m = DENIED_AFTER.match(clause.strip())
    rest = clause.strip()[m.end():] if m else ""
    # ("还不是高企": it denies 高企; "高企今年还没评上": it denies its own concept, not the one before)
    return m is not None and len(rest) <= 2 and not concepts_in(clause.strip())


def dated_before(before: str) -> str:
    """The clause before, with its comma, when it only dates the clause after it; else ""."""
    return f"{before.strip()}，" if before and _DATE_ONLY.fullmatch(before) else ""



# a concept spoken of as what a rule pays for ("听说官渡区、五华区对院士工作站、高企也有补助"): no holding of the company's
_FOR_WHOM = re.compile(r"(?:对|给)[^，,。；;]{0,14}$")
_RULE_PAYS = re.compile(r"[^，,。；;]{0,12}?(?:也|都|还)?(?:有|给|发)(?:补助|奖励|扶持|补贴|奖补|支持|政策|钱)")


def rule_talk(clause: str, start: int, end: int) -> bool:
    """Does the clause speak of what a rule gives the concept at ``clause[start:end]`` ("对院士工作站也有补助")?"""
    return _FOR_WHOM.search(clause[:start]) is not None and _RULE_PAYS.match(clause, end) is not None
