"""政策匹配: which catalogue items a company may claim, from its profile.

Each item's requirements are read from its beneficiary, tier and quote with the concept eligibility_vocabulary
(``data/eligibility.json``): what the benefit is for (a recognition, a platform and its level, a
talent programme …), the size it needs (规上), the recognition it needs (首次/重新/连续两次), the
figures it needs (研发投入占比, 增长). Each requirement is met, failed or unstated by the profile:
all met → eligible; one failed → not eligible (saying which); otherwise possible (the one fact to confirm,
"需确认：是否为规模以上企业"); not claimable now but claimable once a plan succeeds ("正在申报国家级…") → planned.
An item of a region that does not contain the company's is never eligible. The "最高可申请" sum is
built only from the quoted figures of eligible, unexpired items and is an upper bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policybot.catalogue.checks import Requirements, check_figures, check_held, check_recognition
from policybot.catalogue.extract import Item
from policybot.catalogue.filing import filing
from policybot.catalogue.growth import SIZE_PLAN, grown
from policybot.catalogue.holdings import (Holding, dated_before, dated_new, holding_key,
                                          holdings, implied, listing_board, planned_holdings, size_of)
from policybot.catalogue.naming import ANYONE
from policybot.catalogue.subjects import head_concepts, standing
from policybot.catalogue.profiles import Profile, rd_rank
from policybot.text.concepts import (
    concept_kind,
    concept_of,
    concepts_in,
    eligibility_vocabulary,
    level_before,
)
from policybot.text.places import applies, region_chain, short_label


def own_part(item: Item) -> str:
    """The part of the item's sentence that states its rule: "…两项叠加激励政策:规上高新技术企业…2%…" → after the colon;
    a neighbouring rule's terms ("增量奖励") are not this item's terms."""
    quote = item.basis or item.quote
    parts = [p for p in re.split(r"[:：；;]", quote) if p.strip()]
    key = item.amount if item.amount in quote else item.beneficiary
    return next((p for p in parts if key and key in p), quote)


_REQUIRED: dict[tuple, "Requirements"] = {}


def requirements(item: Item) -> Requirements:
    """What an item asks of a company, read from its words (kept per item: the words do not change)."""
    key = (item.item_id, item.beneficiary, item.tier, item.basis, item.amount)
    if key not in _REQUIRED:
        if len(_REQUIRED) > 20_000:
            _REQUIRED.clear()
        _REQUIRED[key] = _requirements(item)
    return _REQUIRED[key]


_DOCUMENT_LEVEL = {1: 2, 2: 1, 3: 0}  # a document's place (province, city, district) as a level


def _level(item: Item, who: str, where: str, found: list, kinds: set[str]) -> tuple[int | None, bool]:
    """The level an item asks of what it names, and whether higher levels count too."""
    level, above = level_before(where + (who if item.tier else ""), len(where))
    if item.tier:
        level = eligibility_vocabulary()["levels"].get(re.sub(r"(以上|的)$", "", item.tier), level)
    if level is None and found:
        level, above = level_before(who, found[0][1]) if concepts_in(who) else (None, False)
    if level is None and kinds & {"talent", "team"}:  # "入选昆明市科技创新团队" / "入选云南省创新团队"
        in_quote = concepts_in(item.quote)
        if in_quote:  # the programme the person or team was selected into ("入选云南省创新团队")
            chosen = [c for c in in_quote if "入选" in item.quote[max(0, c[1] - 10) : c[1]]] or in_quote[-1:]
            level, above = level_before(item.quote, chosen[-1][1])
    if level is None and any(concept_of(c).get("document_level") for c, _, _ in found):
        level = _DOCUMENT_LEVEL.get(len(item.region))  # "每年立项支持10个以上科技成果转化项目": the plan's own 立项
    return level, above


def _requirements(item: Item) -> Requirements:
    req = Requirements()
    who = standing(item.beneficiary)  # "入选乙计划且…的甲区科技人才": 乙计划 is what is held, 甲区 is not its level
    where = item.tier or who
    # who it is for: the beneficiary, else the item's own rule, else its sentence (a neighbouring rule's subjects
    # are not its own: "增量奖励按照…" is for any enterprise whose 研发投入 grew, not the 高企 of the rule before)
    own = own_part(item)
    found = _subject_concepts(item, who) or concepts_in(own) or (concepts_in(item.quote) if own == item.quote else [])
    if not found and item.tier and item.tier in eligibility_vocabulary()["levels"]:  # "省级：再给予3万元" tops up the rule before
        found = concepts_in(_rule_before(item))
    skip = {"研发机构"} if any(c == "新型研发机构" for c, _, _ in found) else set()
    req.concepts = list(dict.fromkeys(c for c, _, _ in found if c not in skip))
    kinds = {concept_kind(c) for c, _, _ in found}
    level, above = _level(item, who, where, found, kinds)
    grades = [g for g in ("优秀", "合格", "良好") if g in (item.tier or "")]
    if not grades and kinds & {"talent", "team"}:
        grades = [g for g in ("优秀", "合格", "良好") if g in item.quote]
    req.grade = grades[0] if len(grades) == 1 else ""
    req.level, req.or_above = level, above
    text = f"{item.beneficiary} {' '.join(item.conditions)} {item.tier or ''}"
    quote = own_part(item)  # the item's own rule: a neighbouring rule's terms are not its terms
    req.also = [c for c, _, _ in concepts_in(quote) if concept_kind(c) == "achievement" and "ask" in concept_of(c)
                and c not in req.concepts]
    req.completed = bool(kinds & {"talent", "team"}) and bool(re.search(r"期满|出站", quote))
    req.ongoing = bool(kinds & {"talent", "team"}) and "培养期内" in quote and not req.completed
    req.new = bool(re.search(r"(?<!重)新认定|新批准|新设立|新上市", quote))
    req.above_scale = bool(re.search(r"规模以上|规上", text))
    _others(req, item.beneficiary)
    for where_ in (f"{item.beneficiary} {item.tier or ''}", text):  # the item's own words before the rule's conditions
        if re.search(r"重新认定|到期后|继续通过评审|再认定", where_):
            req.recognition = "重新"
        elif re.search(r"连续两次", where_):
            req.recognition = "连续两次"
        elif "首次认定" in where_:
            req.recognition = "首次"
        if req.recognition:
            break
    m = re.search(r"占营业收入比重超过\s*(\d+(?:\.\d+)?)%", quote)
    if m:
        req.rd_ratio = float(m.group(1)) / 100
    # the rule's own words, and its beneficiary: a lower tier ("排名第3至第5名的") keeps the terms of the subject it shares
    req.rd_growth = bool(re.search(r"研发经费投入较上[一]?年度(?:有)?增|增量", f"{quote} {item.beneficiary}"))
    req.rd_expense = bool(re.search(r"研发(?:经费)?投入", text)) or ("研发经费投入" in quote and "%" in item.amount)
    req.revenue_growth = bool(re.search(r"营业收入较上一?年度有增长", f"{quote} {item.beneficiary}"))
    rank = re.search(r"前\s*(\d+)\s*名|第\s*(\d+)\s*至\s*第?\s*(\d+)\s*名", text)
    if rank:
        low, high = (1, int(rank.group(1))) if rank.group(1) else (int(rank.group(2)), int(rank.group(3)))
        req.rank = (low, high)
    if "备案" in quote:
        req.to_confirm.append("是否经省级备案认定")
    upper = _MATCHING_GRANT.search(quote)
    if upper:  # "市级财政按照省级补贴标准1∶1进行配套": the upper level's grant comes first
        req.to_confirm.append(f"是否已获得{upper.group(1)}补贴（该条按{upper.group(1)}补贴配套）")
    return req


# a grant that tops up an upper level's ("按照省级补贴标准1∶1进行配套"), and a company saying it got that one
_MATCHING_GRANT = re.compile(r"按照?(省级|国家|中央)[^，,。；;]{0,8}?(?:标准|资金|补贴|补助)[^，,。；;]{0,8}?配套")
_UPPER_GRANT_GOT = re.compile(r"(?:获得|已获|获批|拿到|享受|领到|取得)(?:了|过)?[^，,。；;]{0,8}?(?:省|国家|中央)[^，,。；;]{0,8}?(?:贴息|补贴|补助|资金)"
                              r"|(?:省|国家|中央)[^，,。；;\s]{0,6}?(?:贴息|补贴|补助)[^，,。；;]{0,6}?(?:批下来|下来了|到账|到位|拿到|批了|已获批)")


def _subject_concepts(item: Item, who: str) -> list[tuple[str, int, int]]:
    """The concepts the beneficiary holds: of a compound standing its head ("带头人后备人选" → 后备人选); an achievement
    beside a holder ("培育高新技术企业的孵化器") is asked as well (``also``), not held instead."""
    held = concepts_in(who)
    held = head_concepts(held) if who != item.beneficiary else held
    if any(concept_kind(c) != "achievement" for c, _, _ in held):
        held = [h for h in held if concept_kind(h[0]) != "achievement" or "ask" not in concept_of(h[0])]
    for c in {c for c, _, _ in held if concept_of(c).get("class")}:  # "…培养工程培养期内的科技创新人才": those programmes
        named = [h for h in concepts_in(item.beneficiary) if concept_kind(h[0]) == concept_kind(c) and h[0] != c]
        held = [h for h in held if h[0] != c] + named if named else held
    return held


def _others(req: Requirements, beneficiary: str) -> None:
    """"…重点研发投入企业以外的其他规上企业": not the ones the rule named before."""
    others = re.match(r"(?:(.*)以外的)?(?:其他|其余)", beneficiary)
    if others:
        before = others.group(1) or ""
        req.not_concepts = [c for c, _, _ in concepts_in(before)] or ["高新技术企业"]
        req.concepts = [c for c in req.concepts if c not in req.not_concepts]
        req.before = before or "高新技术企业等重点研发投入企业"


def _filed(profile: Profile, have: list["Holding"]) -> str:
    """Whether the company says its 备案 is done, under way, or nothing of it ("done" / "under_way" / "")."""
    return filing([h.text for h in have] + [profile.free_text, *profile.platforms, *profile.achievements, *profile.plans])


def _confirmed(question: str, filed: str, profile: Profile, have: list["Holding"]) -> bool:
    """Does the company already say what ``question`` (one of an item's ``to_confirm``) asks: its 备案 done, the upper
    level's grant a matching grant tops up got ("省里的贴息已经批下来了")."""
    if "备案" in question:
        return filed == "done"
    if "配套" in question:
        return bool(_UPPER_GRANT_GOT.search(" ".join([h.text for h in have] + [profile.free_text, *profile.achievements])))
    return False


def _rule_before(item: Item) -> str:
    """The sentence before the quote on its line: "…的，再分别给予3万元、5万元" tops up the rule before it."""
    head = item.chunk_text[: item.quote_start]
    line = head[head.rfind("\n") + 1 :]
    parts = [p for p in re.split(r"[。；;]", line) if p.strip()]
    return parts[-1] if parts else ""


def _region_ok(item: Item, chain: tuple[str, ...]) -> bool:
    return applies(item.region, chain)


def _within(item: Item, chain: tuple[str, ...]) -> bool:
    """The company names only a place containing the item's ("昆明市" for a 五华区 item): it may be there."""
    return bool(chain) and len(chain) >= 2 and len(chain) < len(item.region) and tuple(item.region[: len(chain)]) == chain


def assess(item: Item, profile: Profile, have: list[Holding], chain: tuple[str, ...]) -> tuple[str, list[str]]:
    """("eligible" | "possible" | "not_eligible", reasons): a possible item names the facts to confirm, a failed one
    the condition it fails."""
    within = _within(item, chain)
    if not _region_ok(item, chain) and not within:
        where = short_label(tuple(item.region))
        return "not_eligible", [f"{OUTSIDE}：该条只适用于{where}的单位"]
    req = requirements(item)
    filed = _filed(profile, have) if any("备案" in u for u in req.to_confirm) else ""
    fails, unsure = [], [u for u in req.to_confirm if not _confirmed(u, filed, profile, have)]
    if within:  # "昆明的企业" and a 五华区 item: where in the city it is, the first thing to confirm
        unsure.insert(0, f"贵单位是否位于{item.region[-1]}")
    if req.rank is not None:
        rank = rd_rank(profile)
        if rank is None:
            unsure.append(f"研发投入排名是否在第{req.rank[0]}至第{req.rank[1]}名")
        elif not req.rank[0] <= rank <= req.rank[1]:
            fails.append(f"研发投入排名不在第{req.rank[0]}至第{req.rank[1]}名")
    if req.concepts:
        fails, unsure = check_held(req, dated_new(have, item.period) if req.new else have, fails, unsure)
    fails += listing_board(item.quote, [h for h in have if h.concept in req.concepts])
    for c in req.also:  # "每培育一家高新技术企业…给予创新载体3万元": the subject held, the achievement unstated
        if not any(h.concept == c for h in have) and concept_of(c)["ask"] not in unsure:
            unsure.append(concept_of(c)["ask"])
    before = [h for h in have if h.concept in req.not_concepts]
    if before and not all(h.doubted for h in before):
        fails.append(f"已属于前一档（{req.before}）")
    elif before:  # "不知道算不算高企" and the rule for 其他规上企业: which of the two it is, to confirm
        unsure.append(f"是否属于前一档（{req.before}）")
    if req.above_scale:
        size = size_of(profile, have)
        if size in ("规下", "小微"):
            fails.append("需为规模以上企业")
        elif size != "规上":
            unsure.append("是否为规模以上企业")
    fails, unsure = check_recognition(req, have, fails, unsure)
    fails, unsure = check_figures(req, profile, fails, unsure)
    first = [h for h in have if h.concept == "高新技术企业" and h.kind == "首次认定"] if req.recognition == "首次" else []
    at_level = [h for h in have if req.new and h.concept in req.concepts and (  # "市级以上": a 省级 one new in 2024 too
        req.level is None or h.level == req.level or (req.or_above and h.level is not None and h.level >= req.level))]
    if (year := dated_before(item.period, first or at_level)):
        # "新认定" with no date of its own: whether an earlier recognition counts is the first fact to confirm
        unsure.insert(0, f"{year}年的认定或设立是否计入（早于该政策执行期{item.period}年）")
    if not req.concepts and not (req.rd_expense or req.rd_growth or req.above_scale or req.recognition or req.rank
                                 or req.rd_ratio is not None or req.revenue_growth or unsure):
        unsure.append("是否符合原文所列条件" if item.beneficiary == ANYONE else f"贵单位是否为{item.beneficiary[:30]}")
    if fails:
        return "not_eligible", fails
    if filed == "under_way":  # a filing under way is named last: first (and so 计划中) only when nothing else is unsure
        unsure.sort(key=lambda u: "备案" in u)
    # possible: the ONE fact to confirm first (confirming it and matching again names the next, if any)
    return ("possible", [f"需确认：{unsure[0]}"]) if unsure else ("eligible", [])


def profile_chain(profile: Profile) -> tuple[str, ...]:
    """The company's region, province to district; empty when it names none."""
    return region_chain(profile.region or profile.free_text)


STATUSES = ("eligible", "possible", "planned", "not_eligible")
OUTSIDE = "地区不符"  # the first reason of an item whose region does not contain the company's


@dataclass
class Match:
    item: Item
    status: str  # one of STATUSES
    reasons: list[str]
    expired: bool

    @property
    def applies_here(self) -> bool:
        """The item's region contains the company's (whatever its other conditions)."""
        return not (self.status == "not_eligible" and self.reasons and self.reasons[0].startswith(OUTSIDE))


def match(profile: Profile, items: list[Item], expired_of) -> list[Match]:
    """Every item with its status for this profile; ``expired_of(item)`` says whether its policy has ended.
    An item the company cannot claim now but could once a plan succeeds ("正在申报国家级科技企业孵化器") is planned."""
    have = holdings(profile)
    chain = profile_chain(profile)
    hoped = planned_holdings(profile)
    big = grown(profile)  # "争取2025年升规纳统": the 规上 items once it has
    out = []
    for it in items:
        status, reasons = assess(it, profile, have, chain)
        if status != "eligible" and hoped:
            then, why = assess(it, profile, implied(have + hoped), chain)
            then = "eligible" if _filing_left(then, why, profile, have) else then  # the plan's filing is its success
            used = _plan_used(it, profile, have, hoped, chain) if then == "eligible" else None
            if used is not None:
                what = _what(it)
                reasons = [f"计划中：{holding_key(used)}可申请{what}"]
                status = "planned"
        if status != "eligible" and status != "planned" and big is not None \
                and assess(it, big, implied(have + hoped), chain)[0] == "eligible":
            status, reasons = "planned", [f"计划中：{SIZE_PLAN}后可申请{_what(it)}"]
        if _filing_left(status, reasons, profile, have):
            status, reasons = "planned", [f"计划中：{reasons[0].removeprefix('需确认：是否')}后可申请{_what(it)}"]
        out.append(Match(it, status, reasons, expired_of(it)))
    return out


def _filing_left(status: str, reasons: list[str], profile: Profile, have: list[Holding]) -> bool:
    """Only the 备案 the company says is under way stands between it and the item."""
    return status == "possible" and "备案" in reasons[0] and _filed(profile, have) == "under_way"


def _what(it: Item) -> str:
    return "（金额未载明）" if it.amount_max_yuan is None and not re.search(r"\d", it.amount) else it.amount


def _plan_used(it: Item, profile: Profile, have: list[Holding], hoped: list[Holding], chain) -> Holding | None:
    """The plan that brings the item: the first that makes it claimable by itself (a plan for a 市级 lab does not
    bring a 省级以上 item), else the first the item asks for (院士工作站 counts as 科技创新平台)."""
    wanted = requirements(it).concepts
    used = [h for h in hoped if any(x.concept in wanted for x in implied([h]))]
    alone = [h for h in used if assess(it, profile, implied(have + [h]), chain)[0] == "eligible"]
    return (alone or used or [None])[0]
