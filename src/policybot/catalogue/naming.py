"""How a 政策清单 line reads: the benefit's name, who receives it and the lead department, from the rule's words.

A name is what a person would write in a published list: the subject in complete words ("国际科技合作平台",
"省级重点实验室、工程技术研究中心") and what is given ("经费支持") — no list numbers, no verbs of the department
("按照相关政策及时兑现…"), no cut-off fragments. The beneficiary is an entity (a tier word, a grade or a list
number is not one: the tier has its own field) and never repeats the benefit. Concept words come from
``data/eligibility.json``; a concept's ``label`` names it in a list and its ``holder`` says who holds it.
"""

from __future__ import annotations

import re

from policybot.text.concepts import concepts_in, eligibility_vocabulary

# what is given, longest first: "建设引导经费" before "经费"
NOUN = re.compile(r"建设引导经费|建设资金|基础补助|增量奖励|经费支持|支持经费|科普经费|培养经费|配套经费|人才补助经费|补助经费|"
                  r"资金扶持|扶持资金|贴息补助|一次性支持|后补助|奖补|奖励|补助|扶持|配套|贴息|补贴|支持")
LIST_NO = re.compile(r"^\s*(?:[(（]?\d{1,2}[)）.．、]|[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])\s*")
_LEAD = re.compile(r"^(?:对于|对|于|为)?(?:着力|积极|大力|严格|及时|按照相关政策|按照政策|按政策|按规定|按照相关要求)*"
                   r"(?:打造|支持|鼓励|引导|推动|培育|建设|开展|实施|落实|兑现|给予)*(?:及时)?(?:兑现|落实)?")
_EACH = re.compile(r"^(?:每家|每户|每个|每名|每人|每项|每一家)")
_RECOGNISED = re.compile(r"^(?:经认定(?:达标)?的|获得认定的|成功获批的|获批的|经认定后)")
# words that end an entity: who can receive money
ENTITY = re.compile(r"(?:企业|单位|机构|中心|工作站|站|实验室|基地|孵化器|空间|天地|人才|团队|个人|运营方|载体|平台|高校|院所|"
                    r"人员|带头人|对象|人选|专家|院士|楼宇|示范点|主体|项目)(?:[(（][^()（）]*[)）])?$")
_QUALIFIER = re.compile(r"首次认定|重新认定|连续两次(?:以上)?(?:\(含两次\)|（含两次）)?认定|新认定|新设立|新批准设立")
# a task of the government ("优化…机制", "完善…体系") is not who receives a benefit
_TASK = re.compile(r"^(?:优化|完善|健全|加强|建立|推进|深化|强化|提升|构建|实施|推动|营造|加快)")
ANYONE = "符合条件的单位或个人"
# the levels a recognition or a rule is given at (one definition for the catalogue)
LEVEL_WORDS = "国家级|省级|市级|区级|县级"
_TIER_ONLY = re.compile(rf"^(?:{LEVEL_WORDS}|国家|省|市|区|优秀|良好|合格|一等奖?|二等奖?|三等奖?|[一二三四五六七八九十]等)(?:以上)?(?:的)?$")
_GRADE = re.compile(r"优秀|良好|合格|等奖")
_LEVEL = re.compile(rf"({LEVEL_WORDS})(?:以上)?")
_LEVELS = re.compile(rf"(?:(?:{LEVEL_WORDS})[、和及与]?)+(?:以上)?")
MAX_SUBJECT = 14


def _vocab() -> dict:
    return {c["id"]: c for c in eligibility_vocabulary()["concepts"]}


def _found(text: str) -> list[tuple[str, str]]:
    """(concept id, the word as written) of the concepts in ``text``, in order, each once."""
    out: dict[str, str] = {}
    for cid, s, e in concepts_in(text):
        out.setdefault(cid, text[s:e])
    return list(out.items())


def clean(who: str) -> str:
    """A beneficiary without list numbers, lead verbs, "每家" and quotes."""
    who = LIST_NO.sub("", who.strip())
    who = _LEAD.sub("", who) or who
    who = _EACH.sub("", who)
    who = re.sub(r"(?:每家|每户|每个|每名|每人|每项)$", "", who)
    who = who[1:] if re.match(r"其(?!他|余|中)", who) else who
    who = re.sub(r"[“”\"]", "", who)
    return who.strip("，,、 ").removesuffix("的") or who


_OWN_PLACE = re.compile(r"(?:我|本)(市|区|县|州|省)(?![级委政长])")


def named_place(text: str, region: list[str]) -> str:
    """"在我市承担…" as a line read outside its document writes it: "在昆明市承担…" (the document's own place of that kind)."""
    def name(m: re.Match) -> str:
        own = next((r for r in reversed(region) if r.endswith(m.group(1))), None)
        return own or m.group(0)
    return _OWN_PLACE.sub(name, text)


def strip_benefit(who: str) -> str:
    """"高新技术企业扶持资金" → "高新技术企业": the announced benefit named where its receiver should be."""
    m = re.search(rf"(?:相关)?(?:{NOUN.pattern})+(?:政策)?$", who)
    return who[: m.start()] if m else who


def _holder(text: str) -> str | None:
    """Who holds the first achievement a phrase names ("知识产权质押贷款" → "办理知识产权质押贷款的企业")."""
    vocab = _vocab()
    found = _found(text)
    who = next((w for c, w in found if vocab[c]["kind"] in ("cert", "platform", "building")), "企业")
    for cid, word in found:
        if vocab[cid].get("holder"):
            return vocab[cid]["holder"].format(who=who)
    return None


def subjects_of(rule: str, tier: str | None = None) -> str:
    """Every subject a tier rule names, at the tier's level: "省级重点实验室、工程技术研究中心、院士工作站"."""
    vocab = _vocab()
    words = [w for cid, w in _found(rule) if vocab[cid]["kind"] not in ("achievement",)]
    if not words:
        return ""
    joined = "、".join(dict.fromkeys(words))
    if tier and _LEVEL.fullmatch(tier.removesuffix("的")):
        return f"{tier.removesuffix('的')}{joined}"
    if tier and _GRADE.search(tier):
        return f"{joined}（{tier.removesuffix('的')}）"
    return joined


def in_full(who: str, rule: str) -> str:
    """A role named by the short form of what its paragraph is about ("打造科技楼宇…给予楼宇运营方") in full: "科技楼宇运营方"."""
    for cid, word in _found(rule):
        if _vocab()[cid]["kind"] not in ("building", "platform") or word in who:
            continue
        short = next((word[i:] for i in range(1, len(word) - 1) if who.startswith(word[i:])), "")
        if len(short) >= 2:
            return f"{word[: len(word) - len(short)]}{who}"
    return who


def beneficiary(raw: str, tier: str | None, rule: str) -> str:
    """Who receives it, as an entity: not a tier word, a list number or the benefit itself."""
    who = clean(raw)
    if _TIER_ONLY.match(who) or not who:  # "省级", "优秀": the rule's subjects at that tier
        return subjects_of(rule, tier or who) or who
    if tier and not ENTITY.search(who) and not _found(who):  # "培养期满考核优秀": the subjects, graded
        return subjects_of(rule, tier) or who
    stripped = strip_benefit(who).removesuffix("相关").strip("的 ")
    if stripped != who:  # "研发投入后补助", "高新技术企业扶持资金": the benefit in the receiver's place
        if not stripped:
            return _figure_holder(rule) or _holder(rule) or who
        who = stripped
    if _TASK.match(who) and not ENTITY.search(who):
        return _holder(rule) or _figure_holder(rule) or ANYONE
    if not ENTITY.search(who):
        holder = _holder(who)
        if holder:
            return holder
        found = _found(who)
        if found and ENTITY.search(found[-1][1]):
            return who
        if found and _vocab()[found[-1][0]]["kind"] == "cert":  # "专精特新" → "专精特新企业"
            return f"{who}企业"
        return f"有{who}的企业" if re.search(r"投入|贷款|成果|项目", who) else who
    return who


_RULE_QUALIFIER = re.compile(r"对([^，,；;。、对]{2,20}?的)")


def qualifier(rule: str) -> str:
    """The words a tier rule puts before its list ("对新认定的国家级…、省级…" → "新认定的", "对规模以上企业新批准设立的
    院士、专家工作站" → "规模以上企业新批准设立的"): every tier keeps them. Empty when the rule has none."""
    found = [m.group(1) for m in _RULE_QUALIFIER.finditer(rule)]
    found = [q for q in found if re.search(rf"{_QUALIFIER.pattern}|规模以上|规上", q) and not _found(q)]
    return found[-1] if found else ""


def as_entity(who: str, rule: str = "") -> str:
    """A beneficiary written as a clause, as the entity it describes: "认定为省级以上重点实验室…" → "新认定的省级以上
    重点实验室…"; "连续两次以上认定为高新技术企业" → "…认定为高新技术企业的企业"; "首次认定企业" → "首次认定为
    高新技术企业的规模以上企业" (recognised as what, and who, from the rule)."""
    vocab = _vocab()
    found = _found(who)
    last_kind = vocab[found[-1][0]]["kind"] if found else ""
    m = re.fullmatch(r"(新)?认定为(.+)", who)
    if m and found and last_kind != "cert":  # a platform recognised: the platform itself receives it
        return f"新认定的{m.group(2)}"
    if "认定为" in who and found and last_kind == "cert" and who.endswith(found[-1][1]):
        return f"{who}的企业"  # a recognition the enterprise holds: the enterprise receives it
    m = re.fullmatch(r"([^，,的]{2,10}?企业)((?:新批准|新)?设立|新建)(?!的)([^，,的]{2,14})", who)
    if m and ENTITY.search(m.group(3)):  # "规模以上企业新设立研发机构": the enterprise that set it up receives it
        return f"{m.group(2)}{m.group(3)}的{m.group(1)}"
    m = re.fullmatch(r"(.{0,8}认定)企业", who)
    if m and not found:
        cert = next((w for c, w in _found(rule) if vocab[c]["kind"] == "cert"), None)
        holder = re.search(r"对([^，,；;。对]{2,12}?企业)认定为", rule)
        if cert:
            return f"{m.group(1)}为{cert}的{holder.group(1) if holder else '企业'}"
    return who


def _figure_holder(rule: str) -> str | None:
    """Who a rule about a figure is for ("增量奖励按照全市企业研发经费投入较上年度增量的10%…")."""
    m = re.search(r"(研发经费投入|研发投入|营业收入)较上一?年度?(?:的)?(?:增量|增长|增加)", rule)
    if m:
        return f"{m.group(1)}较上年度增长的企业"
    m = re.search(r"研发经费投入|研发投入", rule)
    return f"有{m.group(0)}的企业" if m else None


def _subject_for_name(who: str, tier: str | None, rule: str) -> str:
    """The subject of a name: short as written, else the class after "等", else the concepts it names."""
    who = _RECOGNISED.sub("", who)
    if len(who) > MAX_SUBJECT + 4:  # brackets explain; a long subject goes without them
        who = re.sub(r"[(（][^()（）]*[)）]", "", who)
    vocab = _vocab()
    found = _found(who)
    if "等" in who:  # "规上高新技术企业等重点研发投入企业": the class after 等
        tail = re.sub(r"的(?:单位|企业)$", "", who.rsplit("等", 1)[1])
        named = _found(tail)
        if len(named) == 1 and named[0][1] == tail:  # the class is a concept: its list name ("重大创新平台")
            return vocab[named[0][0]].get("label", tail)
        if 2 <= len(tail) <= MAX_SUBJECT:
            return tail
    if len(who) <= MAX_SUBJECT + 4 and not re.search(r"被评为|认定为|承担|获得|^在|中获|、", who):
        return who
    achievements = [(c, w) for c, w in found if vocab[c]["kind"] == "achievement"]
    if achievements:
        cid, word = achievements[0]
        return vocab[cid].get("label", word)
    hits = concepts_in(who)
    if len(found) == 1 and len(hits) > 1:  # members of one class listed: the class ("国际科技合作平台")
        return vocab[found[0][0]].get("label", found[0][0])
    if found:  # from the first level or qualifier to the last concept named: "国家级、省级、市级企业孵化平台"
        starts = [m.start() for m in (_LEVELS.search(who), _QUALIFIER.search(who)) if m] + [hits[0][1]]
        end = hits[min(len(hits), 3) - 1][2]
        span = who[min(starts) : end]
        return re.sub(r"[(（][^()（）]*[)）]", "", span).replace("认定为", "认定")
    head = who.rsplit("的", 1)[-1]
    return head if len(head) >= 2 else who[:MAX_SUBJECT]


def benefit_name(who: str, text: str, tier: str | None = None, rule: str = "") -> str:
    """A short name: who gets what ("国家级科技企业孵化器奖补", "国际科技合作平台经费支持"); what the subject must
    have done to receive it when the rule pays per unit ("创新载体培育高新技术企业奖励")."""
    nouns = NOUN.findall(text) or NOUN.findall(rule)
    text = text if NOUN.search(text) else rule
    tail = re.search(rf"(?:{NOUN.pattern})+$", text)  # "科普经费支持": the whole run that ends the phrase
    noun = tail.group(0) if tail else {"支持经费": "经费支持"}.get(nouns[-1], nouns[-1]) if nouns else "支持"
    subject = _subject_for_name(clean(who), tier, rule)
    vocab = _vocab()
    if _QUALIFIER.search(subject) and not _found(subject):  # "首次认定企业": recognised as what, from the rule
        cert = next((w for c, w in _found(rule) if vocab[c]["kind"] == "cert"), None)
        subject = re.sub(r"企业$", cert, subject) if cert else subject
    per_unit = [w for c, w in _found(rule) if vocab[c].get("ask") and c not in dict(_found(subject))]
    if per_unit and re.search(r"每(?:培育|引进|新增)", rule) and len(subject) <= 8:
        subject = f"{subject}{per_unit[0]}"
    if re.search(rf"(?:{NOUN.pattern})$", subject):  # "增量奖励", "…扶持资金": named already
        return subject
    graded = re.search(r"（[^（）]*）$", subject) if tier and _GRADE.search(tier) else None
    if graded:  # "创新团队补助（合格）": the grade after the name
        return f"{subject[: graded.start()]}{noun}{graded.group(0)}"
    return f"{subject}{noun}"


def lead_department(lines: str) -> str:
    """The lead department of a task's 牵头/责任 lines, without its label ("责任单位:区委人才办" → "区委人才办")."""
    for label in ("牵头", "责任", "主管", "实施", "指导"):
        m = re.search(rf"{label}(?:部门|单位)\s*[:：]\s*([^；;\n，,、。)）]+)", lines)
        if m:
            return m.group(1).strip()
    m = re.search(r"[（(]([^（）()、，,：:]+)", lines)  # "(市科技局、市工业和信息化局…负责落实)": the first unit
    if m:
        return re.sub(r"(?:负责落实|负责)?[)）]?$", "", m.group(1).strip())
    return re.sub(r"^[（(]?\s*[\u4e00-\u9fff]{2}(?:部门|单位)\s*[:：]", "", lines.strip())[:30].strip("（()） ")
