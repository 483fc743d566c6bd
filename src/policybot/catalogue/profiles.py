"""A company described in its own words, read into a ``Profile`` by rule and eligibility_vocabulary.

"官渡区一家规上制造企业，专精特新中小企业，研发投入占营收3%，准备建设市级工程技术研究中心"
→ region 官渡区, size 规上, certification 专精特新, rd_ratio 0.03, and no 工程技术研究中心 (it is planned,
not held). The parsed profile is shown to the user to correct.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from policybot.text.concepts import (
    DENIED_AFTER,
    FIRST,
    RENEWAL,
    concept_kind,
    concepts_in,
    denied_near,
    doubted_at,
    eligibility_vocabulary,
    plan_ended,
    planned_at,
)
from policybot.text.amounts import chinese_int, written_numbers
from policybot.text.lexical import full_years, typed_pauses
from policybot.catalogue.clauses import (
    CLAUSE,
    GRANTED,
    REFUSED,
    clause_after,
    dated_before,
    dated_next,
    denies_all,
    next_clause,
    previous_clause,
    rule_talk,
    sentence_of,
)
from policybot.catalogue.figures_said import Figures, figures_in
from policybot.catalogue.outcomes import assessment, entered_only, with_prize
from policybot.catalogue.whose import COUNTED, OTHERS, cultivated_as, of_self, others_before, others_own
from policybot.catalogue.lapses import lapsed
from policybot.catalogue.mending import mended
from policybot.catalogue.whereabouts import of_group, own_place


class Certification(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str = Field(description="e.g. 高新技术企业, 科技型中小企业, 专精特新中小企业, 昆明市高新技术培育企业")
    kind: str = Field("", description="首次认定 / 重新认定 (for 高新技术企业)")
    year: int | None = Field(None, description="year recognised")
    unsure: bool = Field(False, description="the company is not sure it holds it (不知道算不算高企): to confirm")


class Person(BaseModel):
    model_config = ConfigDict(extra="allow")
    program: str = Field(description="the programme, e.g. 昆明市中青年学术技术带头人, 云南省创新团队")
    level: str = Field("", description="国家级 / 省级 / 市级 / 区级")
    status: str = Field("", description="e.g. 培养期满考核优秀")


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
    plans: list[str] = Field(default_factory=list, description="what it is working toward, e.g. 正在申报国家级科技企业孵化器")
    free_text: str = Field("", description="anything else")


# a clause that names only a level ("2022年经区科技局推荐评上省级", "正在争取升省级") speaks of its sentence's concept
_LEVEL_ONLY = re.compile(r"(国家级|省级|市级|区级)(?![\u4e00-\u9fff]{0,2}(?:财政|部门|科技局|政府))")


def _without_certs(text: str) -> str:
    """The text without the names of recognitions: 科技型中小微企业 and 专精特新中小企业 say nothing of the size."""
    for cid, s, e in reversed(concepts_in(text)):
        if concept_kind(cid) == "cert":
            text = text[:s] + "，" + text[e:]
    return re.sub(r"中小(?:微)?企业", "企业", text)


_SIZE_SAID = re.compile(r"规模以[上下]|规[上下]|纳统|入统|纳入统计")


def _unsure_sizes(text: str) -> str:
    """The text without the sizes the company is not sure of ("不知道算不算规上企业"): neither said nor denied."""
    for m in reversed(list(_SIZE_SAID.finditer(text))):
        if doubted_at(text, m.start(), m.end()):
            text = text[: m.start()] + "，" + text[m.end() :]
    return text


def _size(text: str) -> str:
    text = _unsure_sizes(text)
    if re.search(r"规模以下|规下|(?:没|未|没有|还没|尚未)(?:上规|纳统|入统)|(?:没|未|还没|尚未|不到|没到|未达到?|没达到)规(?:上|模以上)|不够规模|(?:不是|并非|非|不属于)(?:规上|规模以上)", text):
        return "规下"
    if re.search(r"规模以上|规上|纳统|纳入统计|统计在库|在库企业|入统", text):  # 纳统: counted by the statistics bureau
        return "规上"
    if re.search(r"(?:已经?|刚刚?)(?:上规|进规|升规|入规)|(?:上规|进规|升规|入规)了", text):  # "我们去年已经上规了"
        return "规上"
    if re.search(r"小微|小型|微型|小公司|(?<!中)小企业|规模(?:小|不大|较小)|体量(?:小|不大)", text):
        return "小微"
    return ""


def _elliptical(clause: str, text: str) -> list[tuple[str, int, int, str]]:
    """A clause naming only a level speaks of the concept its sentence names (the nearest after it, else before):
    (concept, start, end, the clause with the concept spelled out)."""
    m = _LEVEL_ONLY.search(clause)
    if not m:
        return []
    sentence = sentence_of(clause, text, "")
    at = sentence.find(clause)
    after = [c for c in concepts_in(sentence[at + len(clause):]) if concept_kind(c[0]) not in ("cert", "achievement")]
    before = [c for c in concepts_in(sentence[:at]) if concept_kind(c[0]) not in ("cert", "achievement")]
    chosen = after[:1] or before[-1:]
    if not chosen:
        return []
    word = next(w for c in eligibility_vocabulary()["concepts"] if c["id"] == chosen[0][0] for w in c["words"])
    spelled = clause[: m.end()] + word + clause[m.end():]
    return [(chosen[0][0], m.end(), m.end() + len(word), spelled)]


_JOINED = re.compile(r"[、，,和及与以及]*\s*(?:国家级|省级|市级|区级)?")


_GOES_ON = re.compile(r"^\s*(?:再|并|同时|然后|还要)?(?:建|建设|申请|申报|争创|创建|引进|组建|设立|筹建|冲"
                      r"|(?:被)?认定为|评为|获批)")  # "想争取由科技部门推荐，认定为省级工程技术研究中心"


def listed_plans(text: str, found: list[tuple[str, int, int]]) -> list[bool]:
    """Whether each concept is worked toward: a plan word before or after it, or a list joined to one that is
    ("正在申报国家级科技企业孵化器、省级众创空间": both)."""
    out: list[bool] = []
    for n, (_, s, e) in enumerate(found):
        joined = n > 0 and out[-1] and _JOINED.fullmatch(text[found[n - 1][2] : s]) is not None
        out.append(not plan_ended(text, found[:n], s, e) and (joined or planned_at(text, s, e)))
    return out



# a year, or one of a list before one 年 ("2018、2021、2024年", "2022年和2025年")
_LISTED_YEAR = re.compile(r"(20\d\d)\s*(?:年|(?=[、和及与]\s*20\d\d))")
_DATED = re.compile(rf"(20\d\d)\s*年[^，,。；;、]{{0,8}}?({FIRST}|{RENEWAL})")


def _certifications(cid: str, clause: str, end: int) -> list[Certification]:
    """The recognitions a clause states: "2020年首次认定高企、2023年重新认定" is two, each with its year."""
    dated = _DATED.findall(clause)
    first = [re.fullmatch(FIRST, k) is not None for _, k in dated]
    if len(set(first)) == 2:
        return [Certification(name=cid, kind="首次认定" if f else "重新认定", year=int(y)) for (y, _), f in zip(dated, first)]
    # "2018、2021、2024年连续三次认定高企": the years listed before one 年
    years = _LISTED_YEAR.findall(clause[:end]) or [
        y for y, _ in _DATED.findall(clause[end:])]  # 高企2023年重新认定
    if len(set(years)) >= 2 and re.search(r"[两二三四多]次|认定", clause) and not _renewing(clause):
        # "2016年、2019年、2022年三次认定为高新技术企业": one recognition a year, the later ones renewals
        return [Certification(name=cid, kind="" if n == 0 else "重新认定", year=int(y))
                for n, y in enumerate(sorted(set(years)))]
    renewed = re.search(rf"{RENEWAL}|期满", clause) and not _renewing(clause)
    return [Certification(name=cid, kind="重新认定" if renewed else "首次认定" if re.search(FIRST, clause) else "",
                          year=int(years[-1]) if years else None)]




def _renewing(clause: str) -> bool:
    """A renewal under way, not done: "高企复审正在进行中", "准备重新认定"."""
    m = re.search(RENEWAL, clause)
    return bool(m) and planned_at(clause, m.start(), m.end())


def _renewed(profile: Profile, clause: str) -> None:
    """"2019年三年有效期满后通过评审再次认定": the recognition named before, renewed; "准备重新认定": to be renewed."""
    last = next((c for c in reversed(profile.certifications) if c.name == "高新技术企业"), None)
    if last is None:
        return
    if _renewing(clause):
        profile.plans.append(f"{last.name}{clause.strip()}")
        return
    # "2022年和2025年两次重新认定": a renewal for each year listed
    years = sorted({int(y) for y in _LISTED_YEAR.findall(clause)}) or [None]
    profile.certifications += [Certification(name=last.name, kind="重新认定", year=y) for y in years]



def _first(profile: Profile) -> None:
    """A clause saying only "第一次" tells how the recognition named just before was obtained."""
    last = profile.certifications[-1] if profile.certifications else None
    if last is not None and not last.kind:
        last.kind = "首次认定"



_ASKED_LABEL = re.compile(r"(^|[\n。；;/])\s*(?:问[：:])?([^？?\n。；;：:，,]{1,12}?)(?:吗|呢)?[？?]\s*(?:答[：:])?")
_RECOMMENDED = re.compile(r"(经[^，,。；;]{1,12}?推荐)[，,]")
_EVENT_YEAR = re.compile(r"(?<![\d.])([12]\d)(?=\s*年(?!以上|以内|内|来|左右|期间|时间|多|之内|后|间|了|历史|经验|以来))")


def _as_digits(text: str) -> str:
    """A description with its years and numbers as digits ("高企20年首次" → "高企2020年首次", "两个点" → "2%")."""
    text = written_numbers(full_years(_EVENT_YEAR.sub(lambda m: "20" + m.group(1), text)))
    text = _ASKED_LABEL.sub(r"\1\2：", text)  # "高企？今年头一回过", "问：有研发投入吗？答：有": label and answer
    text = _RECOMMENDED.sub(r"\1", text)  # "2022年经区科技局推荐，认定为省级…": one clause, the year with its recognition
    # a row pasted from a sheet ("是否高新技术企业\t否", "科技成果转化项目\t2024年…立项"): its label and value, as "label：value"
    text = re.sub(r"^([^\t\n]{1,20})\t+", r"\1：", text, flags=re.MULTILINE)
    return typed_pauses(text)  # "规上 高企20年首次 23年重新认定": a typed pause parts clauses


def parse_profile(text: str) -> Profile:
    """The profile a free-text description states (rules + the eligibility eligibility_vocabulary)."""
    said, text = text, _as_digits(mended(text))  # "高新技术企叶": the name it slipped from
    profile = Profile(region=own_place(text), size=_size(_without_certs(text)), figures=figures_in(text), free_text=said)
    before = ""
    for clause in CLAUSE.findall(text):
        # "下一步打算引进院士团队，建院士工作站": a clause going on with a plan's verb is that plan
        continues = planned_at(before, len(before), len(before)) and _GOES_ON.match(clause) is not None
        before = clause
        if not concepts_in(clause) and re.search(r"再次认定|重新认定|复审|期满.{0,8}(?:认定|通过评审|通过)|再认定|再次通过评审", clause):
            _renewed(profile, clause)
            continue
        if not concepts_in(clause) and re.fullmatch(rf"\s*(?:是|属于|算|还是)?(?:{FIRST})(?:认定|评上|拿到|申报)?的?\s*", clause):
            _first(profile)  # "2024年刚认定高企，第一次"
            continue
        concepts = concepts_in(clause)
        if not concepts:
            concepts = _elliptical(clause, text)
            clause = concepts[0][3] if concepts else clause
        planned = listed_plans(clause + clause_after(clause, text, concepts[-1][2]) if concepts else clause, [c[:3] for c in concepts])
        planned = [p or continues for p in planned]
        nxt, prior = next_clause(clause, text), previous_clause(clause, text)  # read once for the clause's every concept
        if any(planned) and GRANTED.match(nxt):  # "牵头申报的两个…项目，拿到了云岩区科技局的立项"
            planned = [False] * len(planned)
        for (cid, s, e, *_), worked_toward in zip(concepts, planned):
            # "是不是高企我也不清楚", "科技创新中心，不太确定": not sure it holds it (the doubt kept with the piece)
            unsure = doubted_at(f"{clause}，{nxt}", s, e)
            if (denied_near(clause, s, concepts) and not unsure) or DENIED_AFTER.match(clause[e:]) or of_group(clause[:s], text) \
                    or (not clause[e:].strip() and (REFUSED.match(nxt) or denies_all(nxt))) or others_own(clause, s, e, nxt) \
                    or rule_talk(clause, s, e):
                continue  # "2024年申请市级众创空间，也被退回了": neither held nor worked toward
            cid = of_self(cid, clause, s, prior)
            if concept_kind(cid) == "cert" and _renewing(clause):  # held, and its renewal worked toward
                profile.plans.append(clause.strip())
            elif (worked_toward and not unsure) or entered_only(cid, clause, text):  # "正在申报国家级…", "院士工作站，还在筹建"
                profile.plans.append(clause.strip())
                continue
            kind = concept_kind(cid)
            piece = dated_before(prior) + clause.strip() + ("，不确定" if unsure and not doubted_at(clause, s, e) else "")
            if kind == "cert" and (OTHERS.search(clause[:s]) or COUNTED.match(clause[e:]) or others_before(clause, prior)):
                if (done := cultivated_as(cid, prior + clause)) is not None:
                    profile.achievements.append(f"{done}：{prior}，{clause.strip()}")  # "有2家在孵企业是我们辅导的，通过了高企认定"
                continue  # "入驻了40余家高新技术企业", "在孵企业中有3家通过高新技术企业认定": not the company itself
            if kind == "cert":  # ("2026年高企到期后计划申请重新认定": the year is the renewal's, which is only planned)
                certs = [Certification(name=cid)] if _renewing(clause) else _certifications(cid, clause, e)
                profile.certifications += [c.model_copy(update={"unsure": unsure}) for c in certs]
            elif kind in ("platform", "building"):
                profile.platforms.append(piece + dated_next(clause, text))
            elif kind == "achievement":  # ("参加了…双创大赛，拿了二等奖": the prize, said after the contest, kept with it)
                profile.achievements.append(with_prize(cid, clause, text) or piece)
            elif kind in ("talent", "team"):  # the assessment often follows in the next clause of its sentence
                status = assessment(clause, text)
                people = profile.teams if kind == "team" else profile.talent
                if not any(p.program == piece for p in people):  # one person however many words name them
                    people.append(Person(program=piece, status=status))
    return _settled(profile, text)


def _settled(profile: Profile, text: str) -> Profile:
    """The profile read clause by clause, settled over the whole text: a recognition held once and lapsed since
    ("22年拿过高企，25年到期后没续上") dropped; a doubt said of a recognition ("科小是前年入的库…不知道现在还算不算科小")
    qualifying it wherever it is named; each piece once."""
    gone = lapsed(text)
    doubted = {c.name for c in profile.certifications if c.unsure}
    profile.certifications = [c.model_copy(update={"unsure": c.unsure or c.name in doubted})
                              for c in profile.certifications if c.name not in gone]
    profile.plans = list(dict.fromkeys(profile.plans))
    profile.platforms = list(dict.fromkeys(profile.platforms))
    profile.achievements = list(dict.fromkeys(profile.achievements))
    return profile


def rd_rank(profile: Profile) -> int | None:
    """Where the company's R&D spending ranks, as it says ("研发投入全区排名第4"); None when unsaid."""
    stated = getattr(profile.figures, "rd_rank", None)  # a structured profile may carry it
    if isinstance(stated, int):
        return stated
    text = " ".join([*profile.achievements, profile.free_text])
    # "排名第4", "全区排名第四", "排名全区第3", "研发投入全区第3名"
    digit = r"(\d+|[一二两三四五六七八九十])"
    clauses = re.split(r"[，,。；;]", text)
    # "第3名" of the R&D spending, said in its clause or the one right after it ("研发投入3000万元，全区排第3",
    # "…比上年增长，在五华区统计在库企业里排第2"), unless that clause ranks another figure (营收、产值、纳税)
    ranked = [c for n, c in enumerate(clauses)
              if re.search(r"研发|R&D", c) or (re.search(r"研发|R&D", "".join(clauses[max(0, n - 2):n]))
                                                 and re.search(r"(?:排|列|位居|位列|居)[^，,。；;]{0,4}?第", c)
                                                 and not re.search(r"营收|营业收入|收入|产值|销售|纳税|税收", c))]
    m = next((m for c in ranked if (m := re.search(rf"第\s*{digit}\s*名|(?:排|列|位居|位列|居)[^，,。；;\d一二两三四五六七八九十]{{0,4}}?(?:第|老)\s*{digit}", c))), None)
    m = m or re.search(rf"排名[^，,。；;\d一二两三四五六七八九十]{{0,4}}?(?:第)?\s*{digit}", text)
    if not m:
        return None
    n = next(g for g in m.groups() if g)
    return int(n) if n.isdigit() else chinese_int(n)
