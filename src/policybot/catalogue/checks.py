"""What a catalogue item requires (``Requirements``), and each requirement checked against what a company holds and
states: the recognitions, platforms, talents or achievements at their level, grade and newness; a first or repeated
高新技术企业 recognition; the R&D and revenue figures. Each check adds to the failed and the unsure conditions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policybot.catalogue.figures_said import stated_figures
from policybot.catalogue.holdings import LEVEL_NAME, Holding
from policybot.catalogue.profiles import Profile
from policybot.text.concepts import ENDED, GRADE_UNKNOWN, TERM_UNKNOWN, UNFINISHED, concept_kind, concept_of


@dataclass
class Requirements:
    concepts: list[str] = field(default_factory=list)  # any of these is what the benefit is for
    level: int | None = None
    or_above: bool = False
    new: bool = False
    above_scale: bool = False
    not_concepts: list[str] = field(default_factory=list)  # "其他规上企业": not the ones named before
    before: str = ""  # the ones named before, as the rule words them
    recognition: str = ""  # 首次 / 重新 / 连续两次
    rd_ratio: float | None = None
    rd_growth: bool = False
    rd_expense: bool = False
    revenue_growth: bool = False
    rank: tuple[int, int] | None = None  # 排名前2名 → (1, 2)
    grade: str = ""  # 优秀 / 合格: the assessment a talent or team must have had
    completed: bool = False  # a talent or team whose term must have ended (培养期满, 出站评价)
    ongoing: bool = False  # a talent or team still in its term ("工程培养期内的科技创新人才")
    also: list[str] = field(default_factory=list)  # achievements the rule names beside its subject ("每培育一家高新技术企业")
    to_confirm: list[str] = field(default_factory=list)


def check_held(req: Requirements, have: list[Holding], fails: list[str], unsure: list[str]):
    """The recognitions, platforms or achievements an item requires, against what the company holds: one of each
    kind, at the level, grade, completion and newness the item asks."""
    doubted, have = [h for h in have if h.doubted], [h for h in have if not h.doubted]
    mine = [h for h in have if h.concept in req.concepts]
    groups: dict[str, list[str]] = {}
    for c in req.concepts:  # one of each kind: 科技型企业 (a recognition) and 质押贷款 (an achievement); a person or a team
        groups.setdefault({"team": "talent"}.get(concept_kind(c), concept_kind(c)), []).append(c)
    lacking = [g for g in groups.values() if not any(h.concept in g for h in have)]
    maybe = [g for g in lacking if any(c in concept_of(h.concept).get("may_be", []) for h in have for c in g)]
    for g in maybe:  # "科技型企业" said, "科技型中小企业" needed: to confirm, not failed
        held = next(h.concept for h in have if any(c in concept_of(h.concept).get("may_be", []) for c in g))
        asked = concept_of(g[0]).get("confirm")  # in the company's words ("引进的人才是否已按人才政策认定")
        unsure.append(asked if asked and len(g) == 1 else f"贵单位的{held}是否属于该条所说的{'、'.join(g)}"
                      if concept_kind(held) == "platform" else f"是否为{'、'.join(g)}")
        mine += [h for h in have if any(c in concept_of(h.concept).get("may_be", []) for c in g)]
    lacking = [g for g in lacking if g not in maybe]
    for g in [g for g in lacking if any(h.concept in g for h in doubted)]:  # "是不是高企我也不清楚": to confirm
        unsure.append(f"是否{'已认定为' if concept_kind(g[0]) != 'cert' else '为'}{'、'.join(g)}（贵单位表示不确定）")
        mine += [h for h in doubted if h.concept in g]
        lacking.remove(g)
    if lacking:
        fails.append(f"未具备（描述中未写明）：{'、'.join(lacking[0])}")
        mine = []
    if (req.completed or req.ongoing) and mine and all(TERM_UNKNOWN in h.text for h in mine):
        unsure.append("培养期是否已满（期满考核后）" if req.completed else "是否仍在工程培养期内")
    if req.completed and mine and all(re.search(UNFINISHED, h.text) for h in mine):
        fails.append("培养期尚未期满（需期满考核/出站评价后）")
    if req.ongoing and mine and all(re.search(ENDED, h.text) for h in mine):
        fails.append("培养期已满（该条只扶持培养期内的人才、团队）")
    if mine and req.level is not None:
        def level_ok(h):
            return h.level is None or (h.level >= req.level if req.or_above else h.level == req.level)
        # the level is the platform's, award's or programme's a rule names beside a recognition ("省级以上科技部门组织的
        # 国际双创大赛中获奖的科技型中小企业": the contest's), else the recognition's
        levelled = [h for h in mine if concept_kind(h.concept) != "cert"] or mine
        ok = [h for h in levelled if level_ok(h)]
        if not ok:
            wanted = LEVEL_NAME.get(req.level, "")
            fails.append(f"级别不符：该条要求{wanted}{'及以上' if req.or_above else ''}")
        elif all(h.level is None for h in ok) and not all(concept_kind(h.concept) == "cert" for h in ok) \
                and not any(concept_of(h.concept).get("document_level") for h in ok):  # unsaid: the plan's own
            # a recognition's level is part of its name ("国家高新技术企业"); a platform's must be stated
            unsure.append("所持平台/认定的级别（国家级、省级或市级）")
        mine = [h for h in mine if h not in levelled or h in ok] if ok else mine
    # the grade of the team or person at the level asked ("团队A入选昆明市…合格，团队B入选云南省…优秀")
    if req.grade and mine:
        stated = [h for h in mine if re.search("优秀|合格|良好", h.text)]
        if stated and not any(req.grade in h.text for h in stated):
            fails.append(f"考核结果需为{req.grade}")
        elif stated and all(GRADE_UNKNOWN in h.text for h in stated if req.grade in h.text):
            unsure.append(f"考核结果是否确为{req.grade}（正式结果以文件为准）")
        elif not stated:
            unsure.append(f"考核结果是否为{req.grade}")
    if mine and req.new and not any(h.new for h in mine):
        unsure.append("是否为新认定/新设立（写明认定或设立年份）")
    return fails, unsure


def check_recognition(req: Requirements, have: list[Holding], fails: list[str], unsure: list[str]):
    if not req.recognition:
        return fails, unsure
    certs = [h for h in have if h.concept == "高新技术企业"]
    # recognised twice = two recognitions in different years (the same one read from a field and from the
    # description is still one)
    renewed = any(h.kind == "重新认定" for h in certs) or len({h.year for h in certs if h.year}) >= 2
    if not certs:
        return fails, unsure
    if req.recognition == "首次":
        if any(h.kind == "首次认定" for h in certs) and not renewed:
            return fails, unsure
        if renewed:  # recognised again since: the latest recognition is not a first one
            fails.append("需为首次认定（贵单位最近一次为重新认定）")
        elif not any(h.kind for h in certs):
            unsure.append("高新技术企业是否为首次认定（此前未认定过）")
    else:
        if renewed:
            return fails, unsure
        if any(h.kind == "首次认定" for h in certs):
            fails.append("需为到期后重新认定（连续两次以上）")
        else:
            unsure.append("高新技术企业是否为到期后重新认定（已连续认定两次以上）" if req.recognition == "连续两次"
                          else "高新技术企业是否为到期后重新认定")
    return fails, unsure


def check_figures(req: Requirements, profile: Profile, fails: list[str], unsure: list[str]):
    f = _with_achievements(profile)
    if req.rd_ratio is not None:
        if f.rd_ratio is None:
            unsure.append(f"研发经费投入占营业收入比重是否超过{req.rd_ratio:.1%}")
        elif f.rd_ratio <= req.rd_ratio:
            fails.append(f"研发经费投入占比未超过{req.rd_ratio:.1%}")
    if (req.rd_expense or req.rd_growth) and f.rd_expense_yuan == 0 and not f.rd_growth:
        fails.append("无研发经费投入")  # "我司没有研发投入": nothing to subsidise, no increase either
        return fails, unsure
    if req.rd_growth:
        if f.rd_growth is None:
            unsure.append("研发经费投入是否较上年度增长")
        elif not f.rd_growth:
            fails.append("研发经费投入未较上年度增长")
    if req.revenue_growth:
        if f.revenue_growth is None:
            unsure.append("营业收入是否较上年度增长")
        elif not f.revenue_growth:
            fails.append("营业收入未较上年度增长")
    # "研发投入比上年增长": spending that grew is spending
    if req.rd_expense and not req.rd_growth and f.rd_expense_yuan is None and f.rd_ratio is None and not f.rd_growth:
        unsure.append("是否有研发经费投入")
    return fails, unsure


def _with_achievements(profile: Profile):
    """The profile's figures, with the growth its achievements state where the figures leave it unsaid
    ("2023年营业收入较上年增长18%" in achievements, no revenue_growth)."""
    f = profile.figures
    if f.rd_growth is not None and f.revenue_growth is not None or not profile.achievements:
        return f
    said = stated_figures(profile.achievements)
    return f.model_copy(update={k: getattr(said, k) for k in ("rd_growth", "revenue_growth")
                                if getattr(f, k) is None and getattr(said, k) is not None})
