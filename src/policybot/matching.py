"""政策匹配: which catalogue items a company may claim, from its profile.

Each item's requirements are read from its beneficiary, tier and quote with the concept vocabulary
(``data/eligibility.json``): what the benefit is for (a recognition, a platform and its level, a
talent programme …), the size it needs (规上), the recognition it needs (首次/重新/连续两次), the
figures it needs (研发投入占比, 增长). Each requirement is met, failed or unstated by the profile:
all met → eligible; one failed → not eligible (saying which); otherwise possible ("需确认：…").
An item of a region that does not contain the company's is never eligible. The "最高可申请" sum is
built only from the quoted figures of eligible, unexpired items and is an upper bound.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from .catalogue import Item
from .places import applies, region_chain, short_label


class Certification(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str = Field(description="e.g. 高新技术企业, 科技型中小企业, 专精特新中小企业, 昆明市高新技术培育企业")
    kind: str = Field("", description="首次认定 / 重新认定 (for 高新技术企业)")
    year: int | None = Field(None, description="year recognised")


class Person(BaseModel):
    model_config = ConfigDict(extra="allow")
    program: str = Field(description="the programme, e.g. 昆明市中青年学术技术带头人, 云南省创新团队")
    level: str = Field("", description="国家级 / 省级 / 市级 / 区级")
    status: str = Field("", description="e.g. 培养期满考核优秀")


class Figures(BaseModel):
    model_config = ConfigDict(extra="allow")
    rd_expense_yuan: float | None = Field(None, description="研发经费投入 last year, yuan")
    revenue_yuan: float | None = Field(None, description="营业收入 last year, yuan")
    rd_growth: bool | None = Field(None, description="研发经费投入 grew on the year before")
    revenue_growth: bool | None = Field(None, description="营业收入 grew on the year before")
    rd_ratio: float | None = Field(None, description="研发经费投入 / 营业收入, e.g. 0.03")


class Profile(BaseModel):
    """A company as it describes itself; every field optional."""

    model_config = ConfigDict(extra="allow")
    region: str = Field("", description="any level: 云南省昆明市五华区, or just 五华区")
    size: str = Field("", description="规上 / 规下 / 小微")
    certifications: list[Certification] = Field(default_factory=list)
    platforms: list[str] = Field(default_factory=list, description="e.g. 省级重点实验室(2023年新认定), 院士工作站")
    achievements: list[str] = Field(default_factory=list, description="e.g. 国际创新创业大赛获奖, 知识产权质押贷款")
    figures: Figures = Field(default_factory=Figures)
    talent: list[Person] = Field(default_factory=list)
    teams: list[Person] = Field(default_factory=list)
    free_text: str = Field("", description="anything else")


@functools.cache
def vocabulary() -> dict:
    return json.loads(resources.files("policybot").joinpath("data/eligibility.json").read_text(encoding="utf-8"))


def _bracketed(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[（(][^（）()]*[）)]", text)]


def _concepts_in(text: str) -> list[tuple[str, int, int]]:
    """(concept id, start, end) of the concept words in ``text``, longest words first, no overlaps;
    words in brackets ("国际技术转移中心(国际科技企业孵化器)") explain, they are not concepts of their own."""
    words = sorted(((w, c["id"]) for c in vocabulary()["concepts"] for w in c["words"]), key=lambda x: -len(x[0]))
    taken: list[tuple[int, int]] = []
    inside = _bracketed(text)
    out = []
    for w, cid in words:
        for m in re.finditer(re.escape(w), text):
            if any(m.start() < b and a < m.end() for a, b in taken) or any(a < m.start() < b for a, b in inside):
                continue
            taken.append((m.start(), m.end()))
            out.append((cid, m.start(), m.end()))
    return sorted(out, key=lambda x: x[1])


def _kind(cid: str) -> str:
    return next(c["kind"] for c in vocabulary()["concepts"] if c["id"] == cid)


def _level_before(text: str, start: int) -> tuple[int | None, bool]:
    """The level word just before a concept (国家级/省级/市级 …) and whether 以上 widens it."""
    window = text[max(0, start - 14) : start]
    listed = [lv for w, lv in vocabulary()["levels"].items() if w.endswith("级") and re.search(re.escape(w) + "[、和及与]", window)]
    if listed:  # "国家级、省级、市级企业孵化平台": any of them
        return min(listed + [lv for w, lv in vocabulary()["levels"].items() if w.endswith("级") and window.endswith(w)]), True
    found = None
    for word, level in sorted(vocabulary()["levels"].items(), key=lambda x: -len(x[0])):
        i = window.rfind(word)
        if i >= 0 and (found is None or i > found[0]):
            found = (i, level, word)
    if found is None:
        return None, False
    return found[1], "以上" in window[found[0] :]


_NEGATED = re.compile(r"(准备|计划|拟|正在|争取|打算|想|还没|未|暂未|尚未|不是|没有|申报中|筹建|筹备)[^，,。；;]{0,6}$")
_NEW = re.compile(r"新认定|新设立|新批准|新设|新获|获批|新建|首次认定")
# words of a renewed recognition (重新认定, 复审, "两次被认定"); profiles read the company's words with the same
RENEWAL = r"重新认定|再次认定|复审|再认定|(?:两|二|多)次(?:被)?(?:认定|通过)"
_YEAR = re.compile(r"(20\d\d)\s*年")


@dataclass
class Holding:
    """Something the company has: a recognition, platform, achievement or programme."""

    concept: str
    level: int | None = None
    new: bool = False
    year: int | None = None
    kind: str = ""  # 首次认定 / 重新认定
    text: str = ""


def _holding_from(text: str, extra_kind: str = "", year: int | None = None) -> list[Holding]:
    out = []
    for cid, s, e in _concepts_in(text):
        if _NEGATED.search(text[:s]):
            continue
        level, _ = _level_before(text, s)
        years = [int(y) for y in _YEAR.findall(text)]
        kind = extra_kind or ("重新认定" if re.search(rf"{RENEWAL}|有效期满", text) else
                              "首次认定" if "首次" in text else "")
        out.append(Holding(cid, level, bool(_NEW.search(text)), year or (years[-1] if years else None), kind, text))
    return out


def holdings(profile: Profile, read_text: bool = True) -> list[Holding]:
    """What the profile says the company has (structured fields first, then the free text). A field
    holds only its own kind: "在孵企业中培育3家高新技术企业" is an achievement, not a recognition."""
    out: list[Holding] = []
    for c in profile.certifications:
        out += _holding_from(c.name, c.kind, c.year)
    for texts, kinds in ((profile.platforms, ("platform", "building")), (profile.achievements, ("achievement",))):
        for text in texts:
            out += [h for h in _holding_from(text) if _kind(h.concept) in kinds]
    for p in [*profile.talent, *profile.teams]:
        out += [h for h in _holding_from(f"{p.level}{p.program}{p.status}") if _kind(h.concept) in ("talent", "team")]
    if profile.free_text and read_text:  # what the description adds (read as a profile of its own)
        from .profiles import parse_profile

        out += holdings(parse_profile(profile.free_text), read_text=False)
    return out


@dataclass
class Requirements:
    concepts: list[str] = field(default_factory=list)  # any of these is what the benefit is for
    level: int | None = None
    or_above: bool = False
    new: bool = False
    above_scale: bool = False
    not_concepts: list[str] = field(default_factory=list)  # "其他规上企业": not the ones named before
    recognition: str = ""  # 首次 / 重新 / 连续两次
    rd_ratio: float | None = None
    rd_growth: bool = False
    rd_expense: bool = False
    revenue_growth: bool = False
    rank: tuple[int, int] | None = None  # 排名前2名 → (1, 2)
    grade: str = ""  # 优秀 / 合格: the assessment a talent or team must have had
    to_confirm: list[str] = field(default_factory=list)


def requirements(item: Item) -> Requirements:
    req = Requirements()
    where = item.tier or item.beneficiary
    found = _concepts_in(item.beneficiary) or _concepts_in(item.quote)
    if not found and item.tier and item.tier in vocabulary()["levels"]:  # "省级：再给予3万元" tops up the rule before
        found = _concepts_in(_rule_before(item))
    skip = {"研发机构"} if any(c == "新型研发机构" for c, _, _ in found) else set()
    req.concepts = list(dict.fromkeys(c for c, _, _ in found if c not in skip))
    level, above = _level_before(where + (item.beneficiary if item.tier else ""), len(where))
    if item.tier:
        level = vocabulary()["levels"].get(re.sub(r"(以上|的)$", "", item.tier), level)
    if level is None and found:
        level, above = _level_before(item.beneficiary, found[0][1]) if _concepts_in(item.beneficiary) else (None, False)
    kinds = {_kind(c) for c, _, _ in found}
    if level is None and kinds & {"talent", "team"}:  # "入选昆明市科技创新团队" / "入选云南省创新团队"
        in_quote = _concepts_in(item.quote)
        if in_quote:  # the programme the person or team was selected into ("入选云南省创新团队")
            chosen = [c for c in in_quote if "入选" in item.quote[max(0, c[1] - 10) : c[1]]] or in_quote[-1:]
            level, above = _level_before(item.quote, chosen[-1][1])
    grades = [g for g in ("优秀", "合格", "良好") if g in (item.tier or "")]
    if not grades and kinds & {"talent", "team"}:
        grades = [g for g in ("优秀", "合格", "良好") if g in item.quote]
    req.grade = grades[0] if len(grades) == 1 else ""
    req.level, req.or_above = level, above
    text = f"{item.beneficiary} {' '.join(item.conditions)} {item.tier or ''}"
    quote = item.basis or item.quote  # the item's own sentence: a neighbouring clause's terms are not its terms
    req.new = bool(re.search(r"(?<!重)新认定|新批准|新设立|新上市", quote))
    req.above_scale = bool(re.search(r"规模以上|规上", text))
    if item.beneficiary.startswith(("其他", "其余")):
        req.not_concepts = ["高新技术企业"]
        req.concepts = [c for c in req.concepts if c != "高新技术企业"]
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
    req.rd_growth = bool(re.search(r"研发经费投入较上[一]?年度(?:有)?增|增量", quote))
    req.rd_expense = "研发经费投入" in text or ("研发经费投入" in quote and "%" in item.amount)
    req.revenue_growth = bool(re.search(r"营业收入较上一?年度有增长", quote))
    rank = re.search(r"前\s*(\d+)\s*名|第\s*(\d+)\s*至\s*第?\s*(\d+)\s*名", text)
    if rank:
        low, high = (1, int(rank.group(1))) if rank.group(1) else (int(rank.group(2)), int(rank.group(3)))
        req.rank = (low, high)
    if "备案" in quote:
        req.to_confirm.append("是否经省级备案认定")
    return req


_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _rank_of(profile: Profile) -> int | None:
    text = " ".join([*profile.achievements, profile.free_text])
    m = re.search(r"排名(?:第)?\s*(\d+|[一二两三四五六七八九十])", text)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else _CN[m.group(1)]


def _stated(profile: Profile, have: list["Holding"], word: str) -> bool:
    texts = [h.text for h in have] + [profile.free_text, *profile.platforms, *profile.achievements]
    return any(word in t for t in texts)


def _rule_before(item: Item) -> str:
    """The sentence before the quote on its line: "…的，再分别给予3万元、5万元" tops up the rule before it."""
    head = item.chunk_text[: item.quote_start]
    line = head[head.rfind("\n") + 1 :]
    parts = [p for p in re.split(r"[。；;]", line) if p.strip()]
    return parts[-1] if parts else ""


def _region_ok(item: Item, chain: tuple[str, ...]) -> bool:
    return applies(item.region, chain)


def assess(item: Item, profile: Profile, have: list[Holding], chain: tuple[str, ...]) -> tuple[str, list[str]]:
    """("eligible" | "possible" | "not_eligible", reasons)."""
    if not _region_ok(item, chain):
        where = short_label(tuple(item.region))
        return "not_eligible", [f"地区不符：该条只适用于{where}的单位"]
    req = requirements(item)
    fails, unsure = [], [u for u in req.to_confirm if not ("备案" in u and _stated(profile, have, "备案"))]
    if req.rank is not None:
        rank = _rank_of(profile)
        if rank is None:
            unsure.append("研发投入排名是否在所列名次内")
        elif not req.rank[0] <= rank <= req.rank[1]:
            fails.append(f"研发投入排名不在第{req.rank[0]}至第{req.rank[1]}名")
    if req.concepts:
        mine = [h for h in have if h.concept in req.concepts]
        groups: dict[str, list[str]] = {}
        for c in req.concepts:  # one of each kind: 科技型企业 (a recognition) and 质押贷款 (an achievement)
            groups.setdefault(_kind(c), []).append(c)
        lacking = [g for g in groups.values() if not any(h.concept in g for h in have)]
        if lacking:
            fails.append(f"未写明持有：{'、'.join(lacking[0])}")
            mine = []
        if req.grade and mine:
            stated = [h for h in mine if re.search("优秀|合格|良好", h.text)]
            if stated and not any(req.grade in h.text for h in stated):
                fails.append(f"考核结果需为{req.grade}")
            elif not stated:
                unsure.append(f"考核结果是否为{req.grade}")
        if mine and req.level is not None:
            def level_ok(h):
                return h.level is None or (h.level >= req.level if req.or_above else h.level == req.level)
            ok = [h for h in mine if level_ok(h)]
            if not ok:
                fails.append("级别不符")
            elif all(h.level is None for h in ok):
                unsure.append("所持平台/认定的级别")
            mine = ok or mine
        if mine and req.new and not any(h.new for h in mine):
            unsure.append("是否为新认定/新设立")
    if any(h.concept in req.not_concepts for h in have):
        fails.append("已属于前一档（高新技术企业等重点研发投入企业）")
    if req.above_scale:
        if profile.size in ("规下", "小微"):
            fails.append("需为规模以上企业")
        elif profile.size != "规上":
            unsure.append("是否为规模以上企业")
    fails, unsure = _recognition(req, have, fails, unsure)
    fails, unsure = _figures(req, profile, fails, unsure)
    if not req.concepts and not (req.rd_expense or req.rd_growth or req.above_scale or req.recognition):
        unsure.append(f"是否属于：{item.beneficiary[:30]}")
    if fails:
        return "not_eligible", fails
    return ("possible", [f"需确认：{u}" for u in unsure]) if unsure else ("eligible", [])


def _recognition(req: Requirements, have: list[Holding], fails: list[str], unsure: list[str]):
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
        if renewed and not any(h.kind == "首次认定" for h in certs):
            fails.append("需为首次认定")
        elif not any(h.kind for h in certs):
            unsure.append("是否为首次认定")
    else:
        if renewed:
            return fails, unsure
        if any(h.kind == "首次认定" for h in certs):
            fails.append("需为到期后重新认定（连续两次以上）")
        else:
            unsure.append("是否为重新认定")
    return fails, unsure


def _figures(req: Requirements, profile: Profile, fails: list[str], unsure: list[str]):
    f = profile.figures
    if req.rd_ratio is not None:
        if f.rd_ratio is None:
            unsure.append(f"研发经费投入占营业收入比重是否超过{req.rd_ratio:.1%}")
        elif f.rd_ratio <= req.rd_ratio:
            fails.append(f"研发经费投入占比未超过{req.rd_ratio:.1%}")
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
    if req.rd_expense and not req.rd_growth and f.rd_expense_yuan is None and f.rd_ratio is None:
        unsure.append("是否有研发经费投入")
    return fails, unsure


def profile_chain(profile: Profile) -> tuple[str, ...]:
    """The company's region, province to district; empty when it names none."""
    return region_chain(profile.region or profile.free_text)


@dataclass
class Match:
    item: Item
    status: str
    reasons: list[str]
    expired: bool


def match(profile: Profile, items: list[Item], expired_of) -> list[Match]:
    """Every item with its status for this profile; ``expired_of(item)`` says whether its policy has ended."""
    have = holdings(profile)
    chain = profile_chain(profile)
    return [Match(it, *assess(it, profile, have, chain), expired_of(it)) for it in items]


def max_total(matches: list[Match], include_expired: bool = False) -> int | None:
    """Sum of the quoted caps of eligible items (unexpired unless asked); None when none has a figure."""
    figures = [m.item.amount_max_yuan for m in matches if m.status == "eligible"
               and (include_expired or not m.expired) and m.item.amount_max_yuan is not None]
    return sum(figures) if figures else None
