"""Who a rule is for when the clause that gives the money names only a tier, a rank or a condition.

公文 rules put their subject in a lead clause and grade it after: "甲单位科技人才入选乙人才计划，培养期满考核结果为
优秀、合格的，分别给予3万元、1万元" is for 入选乙人才计划 scientists, graded 优秀 / 合格. The giving clause alone
("优秀", "排名第3至第5名", "培养期满评价结果为通过出站评价", "上述科技人才被评为…") is not an entity: the subject
comes from the rule's lead clause, the tier stays a tier. The same rule reads a category word ("创新载体") as the
list the sentence enumerates, and a bare "工程…" as the named programmes before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policybot.catalogue.naming import ENTITY, LEVEL_WORDS, NOUN, clean

_LIST_NO = re.compile(r"^\s*(?:\d{1,2}[.．、]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])\s*")
# the verbs by which a subject gains the standing the rule pays for
_BECOMES = r"入选|被评为|评为|获评|列入"
# words that end who a lead clause is about
_WHO_END = r"人才|团队|企业|单位|机构|人员|个人|专家|学者|对象"
_LEAD = re.compile(rf"^(?P<who>[^，,；;。]{{2,30}}?(?:{_WHO_END}))(?P<verb>{_BECOMES})(?P<what>[^，,；;。]{{2,40}}?)(?:的)?$")
_VERB_PHRASE = re.compile(rf"^(?P<who>[^，,；;。]{{0,30}}?)(?P<verb>{_BECOMES})(?P<what>[^，,；;。]{{2,40}}?)$")
# a graded or ranked condition, not an entity: "培养期满综合考核结果为优秀", "排名第3至第5名"
_CONDITION = re.compile(r"期满|结果为|考核|评价|验收|排名|名次")
_GRADE = re.compile(r"优秀|良好|合格|通过[\u4e00-\u9fff]{0,6}评价|通过验收")
RANK = re.compile(r"排名(?:前\d+名|第\d+(?:名)?(?:至|到|[-—～~])第?\d+名|第\d+名)")
_LEVEL_TIER = re.compile(rf"(?:{LEVEL_WORDS}|国家|省|市|区|县)(?:以上)?的?")
_ANTECEDENT = re.compile(r"^(?:上述|前述|以上|前款所列|上款)")
_CATEGORY = re.compile(r"^(?:创新载体|载体|创新平台|平台|创新主体|主体|机构|单位)$")
_URGE = re.compile(r"^(?:鼓励|支持|引导|推动|推进|促进|支持引导)")
_PROGRAMME_REF = re.compile(r"^(工程|计划|专项|项目)((?:培养|建设|实施|执行|资助)?期(?:内|间)|期满)(.+)$")
_PROGRAMME_LEAD = re.compile(r"^(?:持续|深入|全面|积极|大力|继续)?(?:推进|实施|开展|推动|落实|组织)?")


@dataclass
class Lead:
    """A rule's lead clause: who, how they gained a standing, and the standing ("科技人才", "入选", "乙人才计划")."""
    who: str
    verb: str
    what: str


def lead(rule: str) -> Lead | None:
    """The subject of a rule from its first clause: "1.甲区企业科技人才入选乙人才计划，…" → (甲区企业科技人才, 入选, …)."""
    first = re.split(r"[，,；;。]", _LIST_NO.sub("", rule.strip()), maxsplit=1)[0]
    m = _LEAD.match(first)
    return Lead(m.group("who"), m.group("verb"), m.group("what")) if m else None


def members(what: str) -> list[str]:
    """The standings a lead names, a short later one completed by the first: "甲市带头人和后备人选" →
    ["甲市带头人", "甲市带头人后备人选"] (a 后备人选 is the 带头人's reserve)."""
    parts = [p for p in re.split(r"[、和及与]", what) if p]
    if len(parts) < 2:
        return parts
    head = parts[0]
    return [head] + [p if len(p) > 4 or p in head else f"{head}{p}" for p in parts[1:]]


def antecedent(who: str, before: str) -> str:
    """"上述科技人才" as the subject the rules before name in full ("甲区企业和区级事业单位科技人才"), else without 上述."""
    bare = _ANTECEDENT.sub("", who)
    if bare == who:
        return who
    found = re.findall(rf"(?:^|[\n，,；;。])\s*(?:\d{{1,2}}[.．、])?([^，,；;。\n]{{0,30}}{re.escape(bare)})(?={_BECOMES}|[，,])", before)
    return found[-1] if found else bare


def _graded(cond: str, tier: str | None, lead_what: str) -> str:
    """The condition of this tier: the tier list replaced by the tier ("评价为优秀、合格" → "评价为优秀"), without the
    standings it repeats ("带头人和后备人选培养期满…" → "培养期满…")."""
    cond = re.sub(r"[“”\"]", "", _LIST_NO.sub("", cond.strip()).strip("，, ").removesuffix("的"))
    ends = members(lead_what)
    while True:  # "带头人和后备人选…": each a standing of the lead (the end of one of its members)
        m = re.match(r"^([\u4e00-\u9fff]{2,8}?)(?:[、和及与]|(?=培养|建设|考核|评价|期满))", cond)
        if not m or not any(e.endswith(m.group(1)) for e in ends):
            break
        cond = cond[m.end() :]
    if tier and _GRADE.fullmatch(tier):
        cond = re.sub(r"(?:优秀|良好|合格)(?:[、和或及](?:优秀|良好|合格))+", tier, cond)
    return cond


def _short_grade(cond: str, tier: str | None) -> str:
    """What a name says of the grade: "培养期满综合考核结果为优秀" → "考核优秀", "…为通过出站评价" → "通过出站评价"."""
    m = re.search(r"(考核|评价|验收)(?:结果)?为?(优秀|良好|合格)", cond)
    if m:
        return f"{m.group(1)}{m.group(2)}"
    m = _GRADE.search(cond)
    return m.group(0) if m else (tier or "")


def _noun(text: str) -> str:
    nouns = NOUN.findall(text)
    return nouns[-1] if nouns else "支持"


def from_lead(raw: str, tier: str | None, quote: str, text: str, before: str) -> tuple[str, str] | None:
    """(beneficiary, name) when the giving clause names only a tier, a grade or a condition and the rule's lead clause
    says who: "入选乙人才计划且培养期满考核结果为优秀的甲区科技人才", "乙人才计划补助（考核优秀）"."""
    who = clean(raw)
    if ENTITY.search(who) and not (tier and who == tier) and not _CONDITION.search(who):
        return None
    if tier and _LEVEL_TIER.fullmatch(tier):  # "省级、国家级": the rule's subjects at that level (naming.subjects_of)
        return None
    found = lead(quote)
    if found is None:
        return None
    subject = antecedent(found.who, before)
    standings = members(found.what)
    standing = next((s for s in standings if tier and s.endswith(tier)), None) if tier and not _GRADE.fullmatch(tier) else None
    standing = standing or found.what
    conds = [p for p in re.split(r"[，,]", _clause_before(quote, text)) if _CONDITION.search(p) and not lead(p)]
    cond = _graded(conds[-1], tier, found.what) if conds else ""
    joined = f"{found.verb}{standing}且{cond}" if cond else f"{found.verb}{standing}"
    grade = _short_grade(cond, tier) if cond else (tier if tier and _GRADE.fullmatch(tier) else "")
    name = f"{standing}{_noun(text) if NOUN.search(text) else _noun(quote)}" + (f"（{grade}）" if grade else "")
    return f"{joined}的{subject}", name


def _clause_before(quote: str, text: str) -> str:
    """The words of the rule before what it gives: "…，培养期满考核结果为优秀的，每人给予…" → "…培养期满考核结果为优秀的"."""
    at = quote.find(text)
    head = quote[:at] if at >= 0 else ""
    gives = re.search(r"(?:给予|补助|奖励|\d)", text)
    head += text[: gives.start()] if gives else ""
    return re.sub(r"的?(?:每人|每个团队|每个|每家|每户|每项)?(?:分别|一次性)?$", "", head.rstrip("，, "))


def became(raw: str, quote: str, before: str) -> tuple[str, str] | None:
    """(beneficiary, name) of a verb-phrase beneficiary "上述科技人才被评为甲市领军人才" / "被评为乙省领军人才":
    "被评为甲市领军人才的<the subject in full>", "甲市领军人才补助"."""
    who = _LIST_NO.sub("", clean(raw))
    m = _VERB_PHRASE.match(who)
    if m is None or "的" in m.group("what") or (m.group("who") and not re.search(rf"(?:{_WHO_END})$", m.group("who"))):
        return None  # "获评…的企业" names its entity already
    subject = m.group("who")
    if not subject:  # "被评为…的，每人给予10万元": the subject of the rule's first sentence
        first = re.match(rf"^\s*(?:\d{{1,2}}[.．、])?([^，,；;。]{{2,30}}?(?:{_WHO_END}))(?:{_BECOMES})", quote)
        subject = first.group(1) if first else ""
    if not subject:
        return None
    subject = antecedent(subject, before)
    what = m.group("what").removesuffix("的")
    return f"{m.group('verb')}{what}的{subject}", what


def ranked(raw: str, found_text: str, quote: str, line_before: str) -> tuple[str, str, str] | None:
    """(beneficiary, name, tier) of a rank ("研发经费投入排名前2名", "排名第3至第5名"): the rank is a tier; the subject
    is the entity the rule's lead clause names, the name what is ranked."""
    who = clean(raw)
    rank = RANK.search(who)
    if rank is None:
        return None
    rule = f"{line_before}，{quote}" if line_before else quote
    measure = re.sub(r"^(?:有|其)", "", who[: rank.start()])
    if not measure:
        m = re.search(r"([\u4e00-\u9fff]{2,10}?)排名", rule)
        measure = m.group(1) if m else ""
    subject = next((p for p in re.split(r"[，,；;。]", rule) if ENTITY.search(p.strip()) and not RANK.search(p)), "")
    if not subject:
        return None
    beneficiary = f"{subject.strip()}（{measure}{rank.group(0)}）"
    return beneficiary, f"{measure}{_noun(found_text)}（{rank.group(0)}）", rank.group(0)


def enumerated(who: str, sentence: str) -> str | None:
    """A category word ("创新载体") as the list an earlier clause of the sentence enumerates: "鼓励甲孵化器、乙空间和
    丙天地自主培育高新技术企业，每培育一家…给予创新载体3万元" → "自主培育高新技术企业的甲孵化器、乙空间和丙天地"."""
    if not _CATEGORY.match(clean(who)):
        return None
    entity = ENTITY.pattern.removesuffix("(?:[(（][^()（）]*[)）])?$")
    piece = rf"[\u4e00-\u9fff]{{2,12}}?{entity}"
    for clause in re.split(r"[，,；;。]", sentence):
        body = _URGE.sub("", clause.strip())
        m = re.match(rf"^(?P<list>(?:{piece}[、和及与])+{piece})(?P<act>[\u4e00-\u9fff]{{2,20}})?$", body)
        if m and who not in m.group("list"):
            return f"{m.group('act')}的{m.group('list')}" if m.group("act") else m.group("list")
    return None


def programme(who: str, line: str) -> tuple[str, str] | None:
    """(beneficiary, name subject) of a bare "工程培养期内…" whose 工程 the sentence names before: "处于甲带头人培养工程、
    乙团队培养工程培养期内的…"; the name says who it is for ("…科技创新人才和科技创新团队")."""
    m = _PROGRAMME_REF.match(clean(who))
    if m is None:
        return None
    head, period, rest = m.groups()
    at = line.find(who)
    named = []
    for piece in re.split(r"[，,；;。“”\"、]", line[: at if at >= 0 else len(line)]):
        body = _PROGRAMME_LEAD.sub("", piece.strip())
        found = re.match(rf"^([\u4e00-\u9fff]{{2,24}}?{head})", body)
        if found and found.group(1) != head:
            named.append(found.group(1))
    if not named:
        return None
    rest = re.sub(rf"(?:{NOUN.pattern})+$", "", rest)
    return f"处于{'、'.join(dict.fromkeys(named))}{period}的{rest}", rest


def standing(beneficiary: str) -> str:
    """What a beneficiary read from a lead clause must hold, for matching: "入选乙人才计划且…的甲区科技人才" → "乙人才
    计划"; "处于甲培养工程培养期内的科技创新团队" → "科技创新团队" (the 工程 is where, the team is who). The
    beneficiary itself when it has neither form."""
    m = re.match(rf"^(?:{_BECOMES})(.+?)(?:且[^的]*)?的[^的]+$", beneficiary)
    if m:
        return m.group(1)
    m = re.match(r"^处于.+?期(?:内|间|满)的(.+)$", beneficiary)
    return m.group(1) if m else beneficiary


def head_concepts(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Concepts of a compound without those that only modify the next: in "甲带头人后备人选" the 后备人选 is held, not
    the 带头人 (a concept directly followed by another names whose reserve, programme or team it is)."""
    return [c for c in found if not any(o[1] == c[2] for o in found if o is not c)]


def distinct_names(lines: list[tuple[str, str]]) -> list[str]:
    """Names that tell apart items of different rules of one document: two rules both read as "科技创新团队扶持" are
    named by the standing each rule's lead clause names ("甲市科技创新团队…", "乙省创新团队…"), else by the rule's
    own short first clause. (name, quote) pairs in; names out, in order."""
    quotes: dict[str, set[str]] = {}
    for name, quote in lines:
        quotes.setdefault(name, set()).add(quote)
    out = []
    for name, quote in lines:
        if len(quotes[name]) < 2:
            out.append(name)
            continue
        found = lead(quote)
        first = re.split(r"[，,；;。]", _LIST_NO.sub("", quote.strip()), maxsplit=1)[0].removesuffix("的")
        prefix = found.what if found else (first if 2 <= len(first) <= 14 and not _CONDITION.search(first) else "")
        out.append(name if not prefix or prefix in name else f"{prefix}{name}")
    return out
