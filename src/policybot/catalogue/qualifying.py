"""What a 政策清单 line must keep of the rule so it is not read wider than the text: the qualifying clauses between
the subject and what is given, the unit an amount is paid per, and the qualifier the rule's heading names.

公文 put a rule's conditions between its subject and its giving verb: "对甲县企业新设立研发机构，研发经费投入占营业
收入比重超过2%，经省级备案认定的给予10万元" pays only an enterprise that passed both; "经区科技部门推荐并获得省级、
国家级认定的，再分别给予…" pays only a recommended and recognised one, at the level of its tier. A figure paid "每培育
1家…" is per unit, not a total; "（二）鼓励企业参与乙证书再认定" names what the rule under it rewards.
"""

from __future__ import annotations

import re

from policybot.catalogue.naming import ENTITY, LEVEL_WORDS
from policybot.text.tier_clauses import MONEY

# a clause that qualifies who receives it: recognised, recommended, filed, or above a threshold
_QUALIFYING = re.compile(
    r"^经[^，,；;。]{0,24}?(?:推荐|认定|备案|审核|评审|批准|评估|验收|审定|核定|考核)|"
    r"(?:超过|达到|不低于|高于|不少于|突破)\s*\d"
)
# words between the conditions and the giving verb that belong to neither ("的，再分别给予")
_GIVE_LEAD = re.compile(r"[，,]?(?:再|均|并|则|即|分别|一次性|每人|每户|每家|每个团队|每个|每项|每名)*$")
_GIVES = re.compile(r"给予|补助|奖补|奖励|扶持|资助|兑现|补贴|配套|\d")
_LEVELS = re.compile(rf"(?:(?:{LEVEL_WORDS})[、和及与或]?){{2,}}")
_LEVEL = re.compile(rf"^(?:{LEVEL_WORDS})(?:以上)?")
# a bare recognition a level entity already says ("经认定" of a 市级…中心: being 市级 is being recognised)
_BARE = re.compile(r"^经(?:认定|审核|评审|审定)$")
_LEVEL_IN = re.compile(LEVEL_WORDS)
_HEAD = re.compile(r"(企业|单位|机构|团队|人才|个人|高校|院所)$")
# "每培育1家…", "每引进一名…": an amount per unit achieved (not "每人", "每家企业": per receiver)
_PER_UNIT = re.compile(
    r"每(?![年月季周日天半])[\u4e00-\u9fff]{1,3}?(?:一|1|１)(?:家|户|个|名|项|所|座|件|人|位|批)[^，,；;。]{1,16}?"
    r"(?=[，,]|一次性|分别|给予|奖励|补助|奖补|扶持|资助|\d)"
)
# what distinguishes the rule a heading is over: "高新技术企业再认定", "首次认定"
_HEADING_QUALIFIER = re.compile(r"再认定|重新认定|首次认定|新认定|复审|新设立|新引进")

NO_AMOUNT = "未载明金额"  # an item whose document states no figure


def conditions(sentence: str, text: str) -> list[str]:
    """The qualifying clauses right before what ``text`` gives, nearest last ("研发经费投入…超过1.5%", "经省级备案认定")."""
    at = sentence.find(text)
    if at < 0:
        return []
    gives = _GIVES.search(text)
    head = _GIVE_LEAD.sub("", sentence[: at + (gives.start() if gives else 0)].rstrip("，, "))
    found: list[str] = []
    for part in reversed([p.strip() for p in re.split(r"[，,；;。]", head) if p.strip()]):
        part = re.sub(r"(?:的|后|之后|以后)$", "", part)
        if not _QUALIFYING.search(part) or re.match(r"^(?:对|鼓励|支持|引导)", part) or ENTITY.search(part):
            break  # "经认定的甲县重点实验室": the subject itself, not a condition of it
        found.insert(0, part)
    return found


def _at_tier(cond: str, tier: str | None) -> str:
    """"经推荐并获得省级、国家级认定" at the tier "省级": "经推荐并获得省级认定"."""
    level = _LEVEL.match(tier or "")
    if not level:
        return cond
    m = _LEVELS.search(cond)
    return cond[: m.start()] + level.group(0) + cond[m.end() :] if m and level.group(0) in m.group(0) else cond


def qualified(who: str, conds: list[str], tier: str | None = None) -> str:
    """The beneficiary with the conditions it must meet: "经认定达标的科技楼宇运营方", "新设立研发机构、研发经费投入
    …超过1.5%且经省级备案认定的规模以上企业", "经推荐并获得省级认定的重点实验室" (the tier's level said once)."""
    head = _HEAD.search(who)
    conds = [_at_tier(c, tier) for c in conds]
    if head:  # "企业研发经费投入…": the subject is the beneficiary's own
        conds = [c.removeprefix(head.group(1)) if len(c) > len(head.group(1)) + 2 else c for c in conds]
    conds = [c for c in conds if c and c not in who and not (_BARE.match(c) and _LEVEL_IN.search(who))]
    if not conds:
        return who
    level = _LEVEL.match(tier or "")
    if level and who.startswith(level.group(0)) and any(level.group(0) in c for c in conds):
        who = who[level.end() :]
    # the standing (经…认定/备案) before the figures: "经省级备案认定且研发经费投入…超过1.5%的…企业"; the level
    # it names is the recogniser's, kept away from the entity it would otherwise seem to grade
    joined = "且".join(sorted(conds, key=lambda c: not c.startswith("经")))
    clause, sep, entity = who.rpartition("的")
    if sep and clause and "的" not in clause and "、" not in entity:
        return f"{clause}、{joined}的{entity}"
    return f"{joined}的{who}"


def per_unit(amount: str, head: str) -> str:
    """An amount paid per unit achieved, as written with its unit: "每培育一家高新技术企业3万元". ``head`` is the
    sentence before the amount; a "每…" before an earlier figure (not of the same list) is that figure's."""
    if amount.startswith("每"):
        return amount
    head = re.split(r"[；;。]", head)[-1]
    ends = [m.end() for m in MONEY.finditer(head) if not re.match(r"\s*[、和及与至到—\-~～]", head[m.end() :])]
    head = head[ends[-1] :] if ends else head
    found = list(_PER_UNIT.finditer(head))
    return f"{found[-1].group(0)}{amount}" if found else amount


def heading_named(name: str, labels: tuple[str, ...] | list[str]) -> str:
    """A name with the qualifier the rule's heading gives its subject: "高新技术企业扶持" under "鼓励企业参与高新
    技术企业再认定" → "高新技术企业再认定扶持". Unchanged when the name has a qualifier already."""
    if _HEADING_QUALIFIER.search(name):
        return name
    for label in reversed(labels):
        if len(set(_HEADING_QUALIFIER.findall(label))) > 1:  # "首次认定和再认定": which is this rule's, it does not say
            continue
        for m in _HEADING_QUALIFIER.finditer(label):
            before = label[: m.start()]
            for k in range(min(len(before), 14), 3, -1):
                subject = before[-k:]
                if subject in name:
                    return name.replace(subject, f"{subject}{m.group(0)}", 1)
    return name


# a limit a rule puts on itself, usually at its end: what is given is not collected twice ("此项不重复补助",
# "与乙市同类政策不重复享受", "按就高原则不重复支持", "同一企业同一年度只享受一次")
_LIMIT = re.compile(
    r"[^，,；;。]*(?:不(?:得|予|再)?重复(?:补助|享受|支持|奖励|扶持|申报|申领|计算|给予|资助|奖补)|就高不(?:就低|重复)|"
    r"(?:只|仅)(?:能|可)?(?:享受|申报|申领|获得|给予|支持|奖励|补助)(?:其中)?(?:一次|一项|1次|1项)|"
    r"择(?:优|高)(?:享受|支持|给予)|按就高原则)[^，,；;。]*"
)
# a numbered item: "3.", "（二）", "2、", "第五条": a "此项" of it is the whole item
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百]+条)")


def limit_after(quote: str, line: str) -> str:
    """The limit the sentence of ``line`` states after it ("…每人给予10万元，此项不重复补助"), as written; "" when none."""
    line = line.rstrip("…")
    at = quote.find(line)
    if at < 0:
        return ""
    rest = quote[at + len(line) :].split("。")[0]
    m = _LIMIT.search(rest)
    return m.group(0).strip("，,；; ") if m else ""


def _limit_scope(text: str, at: int, until: int) -> str:
    """The words a limit near the rule at ``at``…``until`` may govern: the numbered item (line) there, else the rule's
    sentences and the limits that stand as sentences of their own after it ("…给予5万元奖励。同一企业只享受一次。")."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    if _NUMBERED.match(line):
        return line
    pieces = re.findall(r"[^。]*(?:。|$)", line)
    out, pos = "", start
    for piece in (p for p in pieces if p):
        # a sentence of the rule, or a limit standing alone after it
        if (pos + len(piece) > at and pos < max(until, at + 1)) or (out and _LIMIT.fullmatch(piece.strip().rstrip("。"))):
            out += piece
        elif out:
            break
        pos += len(piece)
    return out or line


def limit_notes(items: list[tuple[str, int, int]], text: str) -> list[tuple[list[str], str]]:
    """For each (benefit name, start and end of its rule in ``text``) the limits its rule states, as written, with the other items
    the same limit covers: "此项不重复补助（不与“乙市领军人才补助”重复享受）"; and the words the limit governs
    (shared by the items not to be collected together, "" when no limit)."""
    scopes = [(_limit_scope(text, at, end) if at >= 0 else "") for _, at, end in items]
    out: list[tuple[list[str], str]] = []
    for (name, *_), scope in zip(items, scopes):
        notes = []
        for m in _LIMIT.finditer(scope):
            limit = m.group(0).strip()
            others = list(dict.fromkeys(n for (n, *_), s in zip(items, scopes) if s == scope and n != name))
            notes.append(f"{limit}（不与{'、'.join(f'“{n}”' for n in others)}重复享受）" if others else limit)
        out.append((notes, scope if notes else ""))
    return out


# a figure that only says how far a benefit announced before it goes for some of its subjects: "从…等多方面给予
# 经费支持，对于绩效…特别突出的新型研发机构，支持经费不设上限" (the figure has no giving verb of its own)
_OWN_VERB = re.compile(r"给予|奖励|奖补|补助|补贴|资助|贴息|兑现|配套")
_GENERAL = re.compile(r"(?:给予|提供)[^，,；;。\d]{0,16}(?:支持|扶持|补助|奖励|资助)")
_USES = re.compile(r"(?:从|在)([^，,；;。]{2,40}?)等(?:多个|多|各|几个)?方面")


# a subset of the subjects named by their weight, with how they are decided ("重大项目“一事一议”")
_MAJOR = re.compile(r"^(?:重大|重点|特别重大的?|特大)[\u4e00-\u9fff]{1,6}(?:“[^”]{1,8}”|[\u4e00-\u9fff]{0,6})$")


def special_case(sentence: str, text: str) -> tuple[str, str, str] | None:
    """(the general subject, the special case as written, what the benefit is for) when the figure ``text`` only
    governs part of the benefit the sentence announced before it; None when the figure is a benefit of its own."""
    at = sentence.find(text)
    if at < 0 or _OWN_VERB.search(text):
        return None
    parts = [p for p in re.split(r"[，,；;]", sentence[:at]) if p.strip()]
    if len(parts) < 2:
        return None
    who = re.match(r"^(?:对于|对)(.+)的([^的]{2,20})$", parts[-1].strip())
    general = next((p for p in parts[:-1] if _GENERAL.search(p) and not MONEY.search(p)), None)
    if general is not None and not who and _MAJOR.match(parts[-1].strip()):  # "按政策给予经费支持,重大项目“一事一议”,不设经费上限"
        return "", sentence[sentence.find(parts[-1].strip()) : at + len(text)], ""
    if not who or general is None or not ENTITY.search(who.group(2)):
        return None
    named = re.search(r"对(?:于)?(.{2,30}?)(?:的)?给予", general)  # "对甲县孵化器给予…": the general one names its own
    if named and not (who.group(2) in named.group(1) or named.group(1) in who.group(2)):
        return None
    uses = _USES.search(general)
    special = sentence[sentence.find(parts[-1].strip()) : at + len(text)]
    return who.group(2), special, uses.group(1) if uses else ""


def special_amount(special: str, subject: str) -> str:
    """The amount of a benefit whose only figure is a special case's: none for the subject at large, then the
    special case in the document's words without its subject ("未载明金额；绩效任务完成情况特别突出的,支持经费不设上限")."""
    case = re.sub(r"^(?:对于|对)", "", special.strip())
    case = case.replace(f"的{subject}", "的", 1) if subject else case
    return f"{NO_AMOUNT}；{case}"
