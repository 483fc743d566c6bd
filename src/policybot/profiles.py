"""A company described in its own words, read into a ``matching.Profile`` by rule and vocabulary.

"官渡区一家规上制造企业，专精特新中小企业，研发投入占营收3%，准备建设市级工程技术研究中心"
→ region 官渡区, size 规上, certification 专精特新, rd_ratio 0.03, and no 工程技术研究中心 (it is planned,
not held). The parsed profile is shown to the user to correct.
"""

from __future__ import annotations

import re

from .places import places_in
from .matching import RENEWAL, Certification, Figures, Person, Profile, _concepts_in, _kind, _NEGATED

_UNIT = {"亿": 1e8, "万": 1e4, "千万": 1e7}
_OTHERS = re.compile(r"入驻|在孵|孵化的|培育了?\d|\d+余?家|服务的|客户|帮助|带动")
_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+")


def _amount(text: str) -> float | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*(千万|亿|万)?\s*元?", text)
    if not m:
        return None
    return float(m.group(1)) * _UNIT.get(m.group(2) or "", 1)


def _region(text: str) -> str:
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
    for sentence in re.findall(r"[^。；;！!？?\n]+", text):  # "研发经费投入800万元，比上年有增长"
        for clause in _CLAUSE.findall(sentence):
            amount = re.search(r"研发(?:经费)?投入[^，,。；;%]{0,6}?(\d+(?:\.\d+)?\s*(?:千万|亿|万)元?)", clause)
            if amount:
                f.rd_expense_yuan = _amount(amount.group(1))
            amount = re.search(r"(?:营收|营业收入)[^，,。；;%]{0,6}?(\d+(?:\.\d+)?\s*(?:千万|亿|万)元?)", clause)
            if amount:
                f.revenue_yuan = _amount(amount.group(1))
        grew = re.search(r"增长|增加|提高|上升|涨", sentence)
        fell = re.search(r"没有增长|未增长|下降|减少", sentence)
        if grew or fell:
            if re.search(r"研发(?:经费)?投入", sentence):
                f.rd_growth = not fell
            elif re.search(r"营收|营业收入", sentence):
                f.revenue_growth = not fell
    if f.rd_ratio is None and f.rd_expense_yuan and f.revenue_yuan:
        f.rd_ratio = round(f.rd_expense_yuan / f.revenue_yuan, 4)
    return f


def parse_profile(text: str) -> Profile:
    """The profile a free-text description states (rules + the eligibility vocabulary)."""
    profile = Profile(region=_region(text), size=_size(text), figures=_figures(text), free_text=text)
    for clause in _CLAUSE.findall(text):
        if not _concepts_in(clause) and re.search(r"再次认定|重新认定|复审|期满.{0,8}认定|再认定", clause):
            # "2019年三年有效期满后通过评审再次认定": the recognition named before, renewed
            last = next((c for c in reversed(profile.certifications) if c.name == "高新技术企业"), None)
            if last is not None:
                years = re.findall(r"(20\d\d)\s*年", clause)
                profile.certifications.append(Certification(name=last.name, kind="重新认定",
                                                            year=int(years[-1]) if years else None))
            continue
        for cid, s, e in _concepts_in(clause):
            if _NEGATED.search(clause[:s]):
                continue
            kind = _kind(cid)
            piece = clause.strip()
            if kind == "cert" and _OTHERS.search(clause[:s]):
                continue  # "入驻了40余家高新技术企业", "在孵企业中有3家通过高新技术企业认定": not the company itself
            if kind == "cert":
                years = re.findall(r"(20\d\d)\s*年", clause[:e])
                renewed = re.search(rf"{RENEWAL}|期满", clause)
                profile.certifications.append(Certification(
                    name=cid, kind="重新认定" if renewed else "首次认定" if "首次" in clause else "",
                    year=int(years[-1]) if years else None))
            elif kind in ("platform", "building"):
                profile.platforms.append(piece)
            elif kind == "achievement":
                profile.achievements.append(piece)
            elif kind in ("talent", "team"):  # the assessment often follows in the next clause of its sentence
                sentence = next((x for x in re.findall(r"[^。；;！!？?\n]+", text) if clause in x), clause)
                status = "优秀" if "优秀" in sentence else "合格" if "合格" in sentence else ""
                person = Person(program=piece, status=status)
                (profile.teams if kind == "team" else profile.talent).append(person)
    profile.platforms = list(dict.fromkeys(profile.platforms))
    profile.achievements = list(dict.fromkeys(profile.achievements))
    return profile
