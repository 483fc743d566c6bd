"""What a company holds and what it is working toward, read from its profile with the concept vocabulary.

A holding is a recognition, platform, achievement or programme, with its level, year and whether it is
new or renewed; what one holding implies is data (``implies``, ``follows`` in ``data/eligibility.json``).
A plan ("正在申报国家级科技企业孵化器") is not a holding: it is what the company would hold once it succeeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policybot.catalogue.lapses import lapsed
from policybot.catalogue.outcomes import entered_only
from policybot.catalogue.profiles import Profile, listed_plans, parse_profile
from policybot.catalogue.subjects import head_concepts
from policybot.text.concepts import (
    DENIED,
    DENIED_AFTER,
    FIRST,
    NEW,
    RENEWAL,
    UNFINISHED,
    concept_kind,
    concept_of,
    concepts_in,
    doubted_at,
    eligibility_vocabulary,
    level_before,
    planned_at,
)
from policybot.text.lexical import YEAR


@dataclass
class Holding:
    """Something the company has: a recognition, platform, achievement or programme."""

    concept: str
    level: int | None = None
    new: bool = False
    year: int | None = None
    kind: str = ""  # 首次认定 / 重新认定
    text: str = ""
    doubted: bool = False  # the company is not sure it holds it ("不知道算不算高企"): to confirm, not held


def _holding_from(text: str, extra_kind: str = "", year: int | None = None, planned: bool = False) -> list[Holding]:
    out = []
    found = head_concepts(concepts_in(text))  # "带头人后备人选": the 后备人选 is held, not the 带头人
    for (cid, s, e), worked_toward in zip(found, listed_plans(text, found)):
        if DENIED.search(text[:s]) or DENIED_AFTER.match(text[e:]) or (not planned and worked_toward) \
                or (planned and doubted_at(text, s, e)):  # "不知道算不算示范点，今年高企又报了": the 高企 is the plan
            continue
        level, _ = level_before(text, s)
        named = re.match(r"国家(?!级?(?:高新|科技型))|省级|市级|区级", text[s:e])  # "国家XX技术创新中心": its own level word
        level = level if level is not None else eligibility_vocabulary()["levels"][named.group(0)] if named \
            else concept_of(cid).get("level")
        # "孵化器是省级的", "重点实验室省级的在申报", "星创天地2024年刚被新认定为省级"
        stated = _LEVEL_AFTER.match(text[e:])
        level = eligibility_vocabulary()["levels"][stated.group(1)] if level is None and stated else level
        level = _named_again(text, cid, e) if level is None else level
        if level is None and concept_kind(cid) == "achievement":  # "成果转化项目获云岩区立项": who granted it
            granted = re.search(r"立项|获奖|获评", text[e : e + 24])  # "…项目是2024年贵阳市科技局立项的"
            # "…大赛优秀奖（省科技厅主办）": the organiser may follow in its clause
            level = level_before(text, e + granted.start())[0] if granted else (
                _organiser_level(text[:s]) or _organiser_level(re.split(r"[，,。；;]", text[e:])[0]))
        years = [int(y) for y in YEAR.findall(text)]
        kind = extra_kind or ("重新认定" if re.search(rf"{RENEWAL}|有效期满", text) else
                              "首次认定" if re.search(FIRST, text) else "")
        for lv in _listed(text, s) or [level]:  # "建有国家级、省级重点实验室各1个": one of each
            out.append(Holding(cid, lv, _new_of(text, e, cid, found), year or (years[-1] if years else None), kind, text,
                               doubted_at(text, s, e)))
    # "我们的孵化器2022年新认定为国家级科技企业孵化器": the bare word and the levelled one are one holding
    levelled = {h.concept for h in out if h.level is not None}
    return [h for h in out if h.level is not None or h.concept not in levelled]


def _named_again(text: str, cid: str, end: int) -> int | None:
    """The level the concept has where the text names it again ("核桃精深加工重点实验室（…2025年认定为云南省重点实验室）")."""
    for word in concept_of(cid).get("words", []):
        for m in re.finditer(re.escape(word), text[end:]):
            level, _ = level_before(text, end + m.start())
            if level is not None:
                return level
    return None


# the level said after the concept: "是省级的", "2024年刚被新认定为省级", "去年已经升为国家级"
_LEVEL_AFTER = re.compile(r"[（(]?(?:\s*20\d\d\s*年)?(?:刚刚|刚|已经|已|去年|今年)?(?:被|已|已经)?(?:新|正式|成功)?"
                          r"(?:认定|评|批|获批|升级|升)?(?:是|为|成|属于)?(国家级|省级|市级|区级)")


# who held a contest or programme, before it in its clause ("云南省科技厅主办的“…国际创新创业大赛”", "昆明市科技局办的…")
_ORGANISER = re.compile(r"(科学技术部|科技部|科学技术厅|科技厅|科学技术局|科技局)[^，,。；;]{0,2}?(?:组织|主办|举办|举行|开展|办)")
_BODY_LEVEL = {"部": 3, "厅": 2}


def _organiser_level(before: str) -> int | None:
    """The level of the body that held what a clause names after it: a 部 is national, a 厅 provincial, a 局 its
    place's (a 区/县 局 district, else municipal); None when the clause names no organiser."""
    found = list(_ORGANISER.finditer(re.split(r"[，,。；;]", before)[-1]))
    if not found:
        return None
    body = found[-1].group(1)
    if body[-1] in _BODY_LEVEL:
        return _BODY_LEVEL[body[-1]]
    place = before[max(0, found[-1].start() - 6) : found[-1].start()]
    return 0 if re.search(r"[区县]$", place) else 1


def _words_re(key: str) -> str:
    return "|".join(eligibility_vocabulary()[key])


_FIELD_CLASS = {"talent": "各类人才", "team": "创新团队"}  # what an entry of the talent or teams field is, at least


def _listed(text: str, start: int) -> list[int]:
    """The levels listed before a concept ("国家级、省级重点实验室"), each a holding of its own; empty for one level."""
    m = re.search(r"((?:(?:国家级|省级|市级|区级)[、和及与]){1,3}(?:国家级|省级|市级|区级))$", text[max(0, start - 20) : start])
    levels = eligibility_vocabulary()["levels"]
    return [levels[w] for w in re.findall(r"国家级|省级|市级|区级", m.group(1))] if m else []


def holdings(profile: Profile, read_text: bool = True) -> list[Holding]:
    """What the profile says the company has (structured fields first, then the free text). A field
    holds only its own kind: "在孵企业中培育3家高新技术企业" is an achievement, not a recognition."""
    out: list[Holding] = []
    for c in profile.certifications:  # ("首次认定（2021年底到期后未重新认定，已失效）": held once, not now)
        out += [] if c.name in lapsed(f"{c.name}{c.kind}") else [
            replace(h, doubted=h.doubted or c.unsure) for h in _holding_from(c.name, c.kind, c.year)]
    out += _renewals(profile.achievements, list(out))
    for texts, kinds in ((profile.platforms, ("platform", "building")), (profile.achievements, ("achievement",))):
        for text in texts:
            out += [h for h in _holding_from(text) if (concept_kind(h.concept) in kinds or _recognised_as(h.concept, text))
                    and not entered_only(h.concept, text, text)]  # "进入…大赛决赛，结果尚未公布": no prize yet
    for p, field in [*((p, "talent") for p in profile.talent), *((p, "team") for p in profile.teams)]:
        text = f"{p.level}{p.program}{p.status}"
        found = [h for h in _holding_from(text) if concept_kind(h.concept) in ("talent", "team")]
        if not found and not concepts_in(text) and not planned_at(text, len(text), len(text)) and not DENIED.search(text):
            # a programme the vocabulary does not name: a talent or team all the same
            level = eligibility_vocabulary()["levels"].get(p.level) if p.level else level_before(text, len(text))[0]
            found = [Holding(_FIELD_CLASS[field], level, bool(NEW.search(text)), None, "", text)]
        out += found
    if profile.free_text and read_text:  # what the description adds (read as a profile of its own)
        gone = lapsed(profile.free_text)  # "高企2025年到期后未续": a recognition listed above, no longer held
        out = [h for h in out if h.concept not in gone] + holdings(parse_profile(profile.free_text), read_text=False)
    doubted = {h.concept for h in out if h.doubted and concept_kind(h.concept) == "cert"}
    return implied([replace(h, doubted=True) if h.concept in doubted else h for h in out])  # doubted once: to confirm


def _new_of(text: str, end: int, concept: str, found: list[tuple[str, int, int]]) -> bool:
    """Is ``concept`` (ending at ``end``) said to be new? Not when the 新认定 after it is of companies counted there or
    of another thing named right after it ("孵化器里去年有2家企业新认定为高新技术企业", "孵化器里去年新认定高企5家": the
    incubator is not new)."""
    new = NEW.search(text)
    if not new or new.start() < end:
        return bool(new)
    after = next((cid for cid, a, _ in found if a >= new.start()), concept)
    return not _COUNTED.search(text, end, new.end()) and after == concept


def _renewals(achievements: list[str], certs: list[Holding]) -> list[Holding]:
    """"2021年、2024年两次期满重新认定通过" naming no recognition: the one recognition the company holds, renewed."""
    if len({h.concept for h in certs}) != 1:
        return []
    out = []
    for text in achievements:
        if re.search(rf"{RENEWAL}|期满", text) and not concepts_in(text) and not DENIED.search(text):
            years = [int(y) for y in YEAR.findall(text)]
            held = certs[0]
            out.append(Holding(held.concept, held.level, False, years[-1] if years else held.year, "重新认定", text))
    return out


def implied(have: list[Holding]) -> list[Holding]:
    """The holdings with what each implies (``implies`` in the vocabulary): a 高新技术企业 is a 科技型企业."""
    extra = [Holding(other, h.level, h.new, h.year, h.kind, h.text, h.doubted)
             for h in have for other in concept_of(h.concept).get("implies", [])
             + (concept_of(h.concept).get("implies_recognised", []) if recognised(h) else [])]
    levels = eligibility_vocabulary()["levels"]
    for h in have:  # a 国家级 incubator was a 省级 one first: that earlier recognition, not a new one
        for higher, lower in concept_of(h.concept).get("follows", {}).items():
            if h.level == levels[higher] and not any(x.concept == h.concept and x.level == levels[lower] for x in have):
                extra.append(Holding(h.concept, levels[lower], False, None, "", f"{h.text}（此前为{lower}）", h.doubted))
    return have + [h for h in extra if not any(x.concept == h.concept and x.level == h.level for x in have)]


_RECOGNISED = re.compile(r"获批|批准|认定|评为|评上|授牌|挂牌|入选")


def _recognised_as(concept: str, text: str) -> bool:
    """An achievement that is the company's own recognition as a platform or certificate ("2023年新批准设立专家工作站",
    "2019年认定为市级工程技术研究中心", "获认定为…“引进企业(知名高校院所)研发中心”", "经推荐获省级众创空间认定"), not
    one of others it counts ("孵化器内新认定高企5家")."""
    if concept_kind(concept) not in ("platform", "cert"):
        return False
    named = re.search(rf"(?:{_RECOGNISED.pattern})[^，,。；;]{{0,10}}?{re.escape(concept)}(?!\s*\d|[一二两三四五六七八九十几多]+[家个])", text)
    at = named.start() if named else None
    for cid, a, b in concepts_in(text) if named is None else ():  # named in other words, or recognised after
        if cid == concept and (re.search(rf"(?:{_RECOGNISED.pattern})[^，,。；;]{{0,12}}$", text[:a])
                               or re.search(r"获[^，,。；;]{0,4}$", text[:a])
                               and re.match(rf"[^，,。；;\d]{{0,2}}(?:{_RECOGNISED.pattern})", text[b:])):
            at = a
            break
    return at is not None and not _FOR_OTHERS.search(re.split(r"[，,。；;]", text[:at])[-1])


# a count of companies ("2家企业"): a recognition after it is theirs
_COUNTED = re.compile(r"[\d一二两三四五六七八九十几多]+\s*家")


# before a recognition, words that make it others' ("帮助3家企业获批…", "孵化器内培育的企业获评…")
_FOR_OTHERS = re.compile(r"帮|协助|指导|辅导|服务|培育|孵化|带动|推动|" + _COUNTED.pattern)


def recognised(h: Holding) -> bool:
    """Said to be recognised: a level ("省级企业技术中心") or a word of recognition ("2023年获批")."""
    return h.level is not None or bool(_RECOGNISED.search(h.text))


def plans(profile: Profile) -> list[str]:
    """What the company says it is working toward: the ``plans`` field and "准备/正在申报…" in its description."""
    out = list(profile.plans)
    if profile.free_text:
        out += parse_profile(profile.free_text).plans
    return list(dict.fromkeys(out))


def planned_holdings(profile: Profile) -> list[Holding]:
    """What the company would hold once its plans succeed: each one a new, first recognition."""
    out = []
    for text in plans(profile):
        for h in _holding_from(text, planned=True):
            cert = concept_kind(h.concept) == "cert"  # a renewal worked toward brings what a renewed one claims
            h.new, h.kind = True, ("重新认定" if re.search(RENEWAL, text) else "首次认定") if cert else ""
            out.append(h)
    for p in [*profile.talent, *profile.teams]:  # an entry of the talent or teams field applied for ("正在申报")
        text = f"{p.level}{p.program}{p.status}"
        if re.search(rf"{_words_re('plan_words')}|{_words_re('plan_after_words')}", p.status):
            for h in _holding_from(p.program, planned=True) or [Holding(_FIELD_CLASS["team" if p in profile.teams else "talent"])]:
                h.level = h.level if h.level is not None else eligibility_vocabulary()["levels"].get(p.level)
                h.new, h.text = True, text
                out.append(h)
    for h in holdings(profile):  # a talent or team still in its term: assessed when the term ends
        if concept_kind(h.concept) in ("talent", "team") and re.search(UNFINISHED, h.text):
            out.append(Holding(h.concept, h.level, h.new, h.year, h.kind, f"{re.sub(UNFINISHED, '', h.text)}（培养期满后）"))
    return out


LEVEL_NAME = {3: "国家级", 2: "省级", 1: "市级", 0: "区级"}


def holding_key(h: Holding) -> str:
    """When a plan brings the item, in the company's terms: "认定为国家级科技企业孵化器后"."""
    if concept_kind(h.concept) in ("talent", "team"):
        return f"{h.concept}培养期满考核后"
    if concept_of(h.concept).get("planned_as"):  # "科技成果转化项目获立项后"
        return f"{concept_of(h.concept)['planned_as']}后"
    verb = {"achievement": "取得", "platform": "获批/认定为", "building": "认定为"}.get(concept_kind(h.concept), "认定为")
    return f"{verb}{LEVEL_NAME.get(h.level, '') if h.level is not None else ''}{h.concept}后"


def size_of(profile: Profile, have: list[Holding]) -> str:
    """The stated size, else the size a holding states (a 规上高企 is a 规上企业)."""
    if profile.size:
        return profile.size
    for size, words in eligibility_vocabulary()["size_words"].items():
        if any(w in h.text for h in have if not h.doubted for w in words):
            return size
    return ""


def dated_before(period: str | None, held: list[Holding]) -> int | None:
    """The latest year of ``held`` when every one of them is dated before the period's first year (a recognition of
    2020 is no new one under a 2022—2024 plan); None when any is undated, within the period, or there is no period."""
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", period or "")]
    if not years or not held or any(h.year is None for h in held):
        return None
    latest = max(h.year for h in held)
    return latest if latest < min(years) else None


# the boards a listing may be on, as companies name them
_BOARDS = {"主板": r"主板", "科创板": r"科创板", "创业板": r"创业板", "北交所": r"北交所|北京证券交易所",
           "新三板": r"新三板|全国股转|股转系统", "港交所": r"港交所|港股|香港联交所|香港交易所"}


def listing_board(quote: str, held: list[Holding]) -> list[str]:
    """A rule listing the boards it pays for ("新上市的高新技术企业(主板、科创板、创业板)") and a listing said to be on
    another ("在北交所上市"): the failing condition; nothing when the rule lists none or the company names none."""
    listed = [b for b, p in _BOARDS.items() if re.search(p, quote)]
    if not listed:
        return []
    for h in held:
        named = [b for b, p in _BOARDS.items() if re.search(p, h.text)]
        if named and not set(named) & set(listed):
            return [f"上市板块不符：该条只适用于{'、'.join(listed)}上市（贵单位为{named[0]}）"]
    return []


def dated_new(have: list[Holding], period: str | None) -> list[Holding]:
    """A holding dated within the item's period is a new one for it ("2023年7月在科创板上市" under a 2022—2024 plan's
    "新上市"): its year says it, though no 新 is written."""
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", period or "")]
    if not years:
        return have
    return [replace(h, new=True) if h.year is not None and min(years) <= h.year <= max(years) else h for h in have]
