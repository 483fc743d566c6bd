"""A company described in its own words, read into a ``matching.Profile`` by rule and vocabulary.

"官渡区一家规上制造企业，专精特新中小企业，研发投入占营收3%，准备建设市级工程技术研究中心"
→ region 官渡区, size 规上, certification 专精特新, rd_ratio 0.03, and no 工程技术研究中心 (it is planned,
not held). The parsed profile is shown to the user to correct.
"""

from __future__ import annotations

import re

from .corpus import gazetteer, places_in
from .matching import Certification, Figures, Person, Profile, _concepts_in, _kind, _NEGATED

_UNIT = {"亿": 1e8, "万": 1e4, "千万": 1e7}
_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+")


def _amount(text: str) -> float | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*(千万|亿|万)?\s*元?", text)
    if not m:
        return None
    return float(m.group(1)) * _UNIT.get(m.group(2) or "", 1)


def _region(text: str) -> str:
    for place in gazetteer()["elsewhere"]:
        if place in text:
            return place
    found = places_in(text)
    return found[0] if found else ""


def _size(text: str) -> str:
    if re.search(r"规模以下|规下", text):
        return "规下"
    if re.search(r"规模以上|规上", text):
        return "规上"
    if re.search(r"小微|小型|微型", text):
        return "小微"
    return ""


def _figures(text: str) -> Figures:
    f = Figures()
    m = re.search(r"研发(?:经费)?投入[^，,。；;]{0,12}?占[^，,。；;]{0,8}?(?:营收|营业收入|收入)[^，,。；;\d]{0,6}(\d+(?:\.\d+)?)\s*%", text)
    if m:
        f.rd_ratio = float(m.group(1)) / 100
    for clause in _CLAUSE.findall(text):
        if re.search(r"研发(?:经费)?投入", clause):
            amount = re.search(r"研发(?:经费)?投入[^，,。；;%]{0,6}?(\d+(?:\.\d+)?\s*(?:千万|亿|万)元?)", clause)
            if amount:
                f.rd_expense_yuan = _amount(amount.group(1))
            if re.search(r"增长|增加|提高|上升|涨", clause):
                f.rd_growth = not re.search(r"没有增长|未增长|下降|减少", clause)
        if re.search(r"营收|营业收入", clause):
            amount = re.search(r"(?:营收|营业收入)[^，,。；;%]{0,6}?(\d+(?:\.\d+)?\s*(?:千万|亿|万)元?)", clause)
            if amount:
                f.revenue_yuan = _amount(amount.group(1))
            if re.search(r"增长|增加|上升", clause) and not re.search(r"研发", clause):
                f.revenue_growth = not re.search(r"没有增长|未增长|下降|减少", clause)
    if f.rd_ratio is None and f.rd_expense_yuan and f.revenue_yuan:
        f.rd_ratio = round(f.rd_expense_yuan / f.revenue_yuan, 4)
    return f


def parse_profile(text: str) -> Profile:
    """The profile a free-text description states (rules + the eligibility vocabulary)."""
    profile = Profile(region=_region(text), size=_size(text), figures=_figures(text), free_text=text)
    for clause in _CLAUSE.findall(text):
        for cid, s, e in _concepts_in(clause):
            if _NEGATED.search(clause[:s]):
                continue
            kind = _kind(cid)
            piece = clause.strip()
            if kind == "cert":
                years = re.findall(r"(20\d\d)\s*年", clause[:e])
                renewed = re.search(r"重新认定|再次认定|复审|再认定|期满", clause)
                profile.certifications.append(Certification(
                    name=cid, kind="重新认定" if renewed else "首次认定" if "首次" in clause else "",
                    year=int(years[-1]) if years else None))
            elif kind in ("platform", "building"):
                profile.platforms.append(piece)
            elif kind == "achievement":
                profile.achievements.append(piece)
            elif kind in ("talent", "team"):
                status = "优秀" if "优秀" in clause else "合格" if "合格" in clause else ""
                person = Person(program=piece, status=status)
                (profile.teams if kind == "team" else profile.talent).append(person)
    profile.platforms = list(dict.fromkeys(profile.platforms))
    profile.achievements = list(dict.fromkeys(profile.achievements))
    return profile
