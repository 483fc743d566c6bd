"""政策清单: every concrete benefit an applicant can receive, extracted from the policy text by rule.

A benefit is a clause that gives (给予/兑现/补助/奖励/配套 …) money or support with a stated amount,
cap, rate or formula — one item per tier, the enumerations aligned by ``tiers.py``. Benefits the
text announces without any amount ("给予一次性资金扶持") are items too, with amount ``未载明金额``.
Targets, tasks without money, budgets and the enterprise's own matching obligation are not.
Every item carries its verbatim quote, the passage it comes from and the document's period.
Built at ingest into the build folder (``catalogue.jsonl``) and swapped with the index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field

from policybot.catalogue import naming, qualifying, subjects
from policybot.documents.instructions import instruction_spans, overlaps
from policybot.text.citations import sentences
from policybot.text.places import short_label
from policybot.text.rules import condition as condition_text
from policybot.text.rules import department_span, group_department, section_ref, whole_rule
from policybot.text.structure import heading_level
from policybot.text.tier_clauses import MONEY, Clause, clauses, enumeration
from policybot.types import Chunk, PolicyDocument

# bumped when extraction or naming rules change: an index built with another version rebuilds its catalogue on ingest
CATALOGUE_VERSION = 15

NO_AMOUNT = qualifying.NO_AMOUNT
# gives something of value: the verbs of a benefit
_GIVES = re.compile(r"给予|补助|奖补|奖励|扶持|补贴|贴息|配套|资助|兑现|经费支持|建设资金")
# what is given, when the text names no amount ("给予一次性资金扶持", "兑现…扶持资金", "给予科普经费支持")
_ANNOUNCED = re.compile(
    r"(?:给予|提供|兑现|落实)[^，,；;。]{0,30}?(?:资金扶持|经费支持|资金支持|扶持资金|奖补|补助|奖励|科普经费|配套经费|一次性支持|"
    r"后补助|资金扶持政策|补助经费|人才补助经费)"
    r"|立项支持[^，,；;。]{0,16}?项目"  # "每年立项支持10个以上科技成果转化项目": projects it takes on are funded
)
# not a benefit to an applicant: budgets and funds of the government, the enterprise's own share, targets
_NOT_BENEFIT = re.compile(
    r"自筹|企业或单位自筹|设立[^，,。；;]{0,20}(?:资金|基金)|实行总额控制|财政科技投入|财政[^，,。；;]{0,6}投入|项目资金安排上|"
    r"争取[^，,。；;]{0,12}资金|产业基金|创业投资|天使投资|股权投资|现金奖励|纳入[^，,。；;]{0,10}考评|综合考评"
)
_TARGETISH = re.compile(r"达到?\d|突破\d|成交|增长\d|累计|总量|投入强度|年均")
# a second benefit joined to the one announced: "…补助经费和生活津贴"
_ALSO = re.compile(r"(?:和|及|以及|与)[\u4e00-\u9fff]{1,6}(?:津贴|补贴|补助|奖励|奖金)(?=[，,；;。、]|$)")
_AUTHORITY = re.compile(r"^(?:各牵头部门|各(?:县|区|级)|(?:区|市|县)(?:财政|科技|发改|科学技术|工业和信息化)[\u4e00-\u9fff]{0,6}局)")
_UNIT = {"万元": 10_000, "亿元": 100_000_000, "元": 1}
_NUM = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|亿元|元)")


@dataclass
class Item:
    """One benefit as the catalogue lists it."""
    item_id: str
    doc_id: str
    region: list[str]
    benefit: str
    beneficiary: str
    conditions: list[str]
    amount: str
    amount_max_yuan: int | None
    kind: str
    department: str | None
    section: str
    period: str | None
    expired: bool
    quote: str
    chunk_id: str
    tier: str | None = None
    title: str = ""
    issuer: str | None = None
    doc_number: str | None = None
    quote_start: int = 0  # offset of the quote in the passage
    basis: str = ""  # the sentence the item was read from (the quote may add the rule it tops up)
    notes: list[str] = field(default_factory=list)  # limits and special cases as written ("此项不重复补助")
    exclusive: str = ""  # shared by the items one limit says are not collected together ("此项不重复补助")
    chunk_text: str = field(default="", repr=False)

    def to_json(self) -> dict:
        d = asdict(self)
        d.pop("chunk_text")
        return d

    @property
    def region_label(self) -> str:
        return short_label(tuple(self.region))


def yuan(amount: str) -> int | None:
    """The largest figure of an amount in yuan ("最高1000万元" → 10000000, "3万元—5万元" → 50000); None for rates."""
    if "%" in amount or re.search(r"[:∶]", amount):
        return None
    values = [float(n) * _UNIT[u] for n, u in _NUM.findall(amount)]
    return int(round(max(values))) if values else None


def kind_of(text: str, amount: str) -> str:
    if "%" in amount:
        return "ratio"
    if "贴息" in text:
        return "interest_subsidy"
    if "配套" in text:
        return "matching"
    if re.search(r"奖励|奖补", text):
        return "reward"
    if re.search(r"补助|扶持|经费|资金|支持|补贴", text):
        return "grant"
    return "other"


def _amount_as_written(text: str, span: tuple[int, int]) -> str:
    """The figure with the words that make it an amount: "按研发经费投入的2%", "最高1000万元", "按照省级补贴标准1∶1进行配套"."""
    s, e = span
    figure = text[s:e]
    if "%" in figure or re.search(r"[:∶]", figure):
        start = max(text.rfind("按", 0, s), text.rfind("按照", 0, s))
        if start >= 0 and s - start <= 24:
            end = e
            m = re.match(r"[^，,；;。]{0,6}?(?:进行)?配套", text[e:])
            if m and re.search(r"[:∶]", figure):
                end = e + m.end()
            return text[start:end]
    return figure


_LEAD_VERBS = re.compile(r"^(?:着力|积极|大力)?(?:打造|支持|鼓励|引导|推动|培育|建设|开展|实施|落实|按照相关政策|按照政策|及时兑现|兑现)+")


def _beneficiary(c: Clause) -> str:
    """Who receives it: the object of 给予 ("给予楼宇运营方100万元"), the clause's own "对…(的)" object,
    else the nearest subject clause that names one (not "经认定后")."""
    m = re.search(r"为(.{2,30}?)提供", c.text)  # "为部署在昆明的云南实验室提供配套经费支持"
    if m:
        return m.group(1)
    m = re.search(r"给予(?!其)([\u4e00-\u9fff（）()“”]{2,20}?)(?:最高|一次性|不超过)?\d", c.text)
    if m and not re.search(r"市级|省级|财政|资金|经费|一次性|最高|不超过|^每", m.group(1)):
        return m.group(1)
    m = re.search(r"对(.{2,60}?)(?:的)?(?:给予|按|，|,|$)", c.text)
    if m:
        return _LEAD_VERBS.sub("", m.group(1).removeprefix("于").rstrip("的")) or m.group(1)
    for near in reversed(c.subject.split("，") if c.subject else []):
        # the nearest clause that names who: not a condition ("…超过1.5%", "经认定后"), not an introduction
        if re.match(r"^经.{0,8}(?:后|的)$|^(?:按照|根据)", near) or re.search(r"%|超过|达到|给予|政策", near):
            continue
        return _LEAD_VERBS.sub("", near.removeprefix("对").removeprefix("于").rstrip("的")) or near
    return _LEAD_VERBS.sub("", re.split(r"给予|按", c.text)[0]) or c.text[:30]


def _item_id(doc_id: str, quote: str, beneficiary: str, amount: str) -> str:
    return hashlib.sha256(f"{doc_id}|{quote}|{beneficiary}|{amount}".encode()).hexdigest()[:16]


def _gives_money(c: Clause, sentence: str) -> bool:
    """A clause that gives a figure to an applicant (not a target that happens to be in 亿元)."""
    if re.search(r"不设(?:经费)?上限", c.text):  # "支持经费不设上限": an amount without a ceiling
        return bool(_GIVES.search(sentence))
    return c.money and bool(_GIVES.search(c.text)) and not _TARGETISH.search(c.text) and not _NOT_BENEFIT.search(c.text)


def _money_items(sentence: str, clause: Clause) -> list[tuple[str, str, str | None, int]]:
    """(beneficiary, amount as written, tier, offset of the amount) for one clause that gives a figure."""
    enum = enumeration(clause)
    if enum is not None:
        out, pos = [], clause.start
        for item, amount in zip(enum.items, enum.amounts):
            at = sentence.find(amount, pos)
            pos = at + len(amount) if at >= 0 else pos
            out.append((item, amount, item, at))
        return out
    pieces = clause.text.split("、")
    if len(pieces) >= 2 and all(len(MONEY.findall(p)) == 1 for p in pieces):  # "院士工作站180万元、专家工作站90万元"
        out, offset = [], clause.start
        for p in pieces:
            m = MONEY.search(p)
            label = re.sub(r"^给予", "", p[: m.start()]).strip()
            out.append((label, p[m.start() : m.end()], label, offset + m.start()))
            offset += len(p) + 1
        return out
    m = MONEY.search(clause.text)
    if m is None:  # "不设上限" as the clause words it
        return [(_beneficiary(clause), clause.text.strip(), None, clause.start)]
    amount = _amount_as_written(sentence, (clause.start + m.start(), clause.start + m.end()))
    return [(_beneficiary(clause), amount, None, clause.start + m.start())]


def extract_sentence(sentence: str) -> list[dict]:
    """The benefits one sentence gives: one dict per tier or announced benefit (quote = the sentence)."""
    if _AUTHORITY.search(sentence):  # what departments must do, not what an applicant receives
        return []
    out = []
    parts = clauses(sentence)
    for c in parts:
        if _gives_money(c, sentence):
            for beneficiary, amount, tier, at in _money_items(sentence, c):
                head = sentence[: at if at >= 0 else c.end]  # "每培育1家…": what the figure is paid per
                part = qualifying.special_case(sentence, c.text)  # "对于…特别突出的X，支持经费不设上限": X is all of them
                out.append({"beneficiary": (part[0] if part else "") or beneficiary,  # the special case is the amount's
                            "amount": qualifying.special_amount(part[1], part[0]) if part
                            else qualifying.per_unit(amount, head), "tier": tier, "sentence": sentence, "notes": [],
                            "uses": part[2] if part else "", "text": c.text,  # the special case is no condition of the whole
                            "conditions": [x for x in _conditions(sentence, c) if not part or x not in part[1]]})
    for prev, cur in zip(out, out[1:]):  # "…重点研发投入企业按2%…，其他规上企业按1%": other than the tier before
        if re.match(r"(?:其他|其余)", naming.clean(cur["beneficiary"])) and prev["beneficiary"] != cur["beneficiary"]:
            cur["others_of"] = naming.clean(prev["beneficiary"])
    with_figures = bool(out)
    for m in _ANNOUNCED.finditer(sentence):
        clause = next((c for c in parts if c.start <= m.start() < c.end + 1), None)
        if clause is None or _NOT_BENEFIT.search(clause.text) or MONEY.search(clause.text):
            continue
        if sentence[clause.end : clause.end + 1] in (":", "："):
            continue  # "对企业给予基础补助和增量奖励两项叠加激励政策:" introduces the figures that follow
        if with_figures and not re.search(r"为.{2,30}提供", clause.text):
            continue  # beside figures, a general "给予经费支持" is the same benefit; "为X提供…" is another one
        clause.subject = "，".join(p.text for p in parts if p.end <= clause.start)
        named = re.sub(r"^(?:按照政策|按政策|按照相关政策|严格|及时)?(?:给予|提供|兑现|落实)", "", m.group(0))
        if named.startswith("立项支持"):  # "立项支持10个以上科技成果转化项目" → 科技成果转化项目立项支持 (no count)
            named = re.sub(r"^立项支持(?:\d+个(?:以上)?)?", "", named) + "立项支持"
        also = _ALSO.match(sentence, m.end())  # "兑现各类人才补助经费和生活津贴": both are given
        named += also.group(0) if also else ""
        beneficiary = _beneficiary(clause)
        if re.search(r"《|修订|制定", beneficiary) or named in beneficiary:  # a document's name is not who benefits
            beneficiary = named
        if named.endswith("项目立项支持"):  # who receives it: the project's undertaker, not the clause before
            beneficiary = named.removesuffix("立项支持") + "承担单位"
        out.append({"beneficiary": beneficiary, "amount": NO_AMOUNT, "tier": None, "sentence": sentence,
                    "conditions": _conditions(sentence, clause), "text": clause.text,
                    "named": named.replace("相关", "")})
        if not with_figures:
            break
    return out


# a clause that says why the policy exists ("引导科技企业孵化器高质量发展") or that the department carries it out
# ("按照相关要求落实…政策") is not a condition of the applicant
_PURPOSE = re.compile(r"^(?:引导|推动|营造|增强|提升|促进|加快|加大)[^，,]*(?:发展|能力|氛围|水平|投入)$|"
                      r"^(?:按照|按)[^，,]{0,8}(?:落实|执行)[^，,]*政策$")


def _conditions(sentence: str, c: Clause) -> list[str]:
    """The rule's conditions for this clause's benefit: not a purpose, not another benefit of the same sentence."""
    text = condition_text(sentence)
    if text.startswith("原文未单列"):
        return []
    parts = [p for p in re.split(r"[，,]", text) if p]
    # who another tier is for ("规上高新技术企业等重点研发投入企业" before "…2%") is not this tier's condition
    others = {x.subject.split("，")[-1] for x in clauses(sentence) if x.money and x.text != c.text and x.subject}
    kept = [p for p in parts if not _PURPOSE.search(p) and not (_ANNOUNCED.search(p) and p not in c.text)
            and not (p in others and p not in c.text and p not in (c.subject or ""))]
    # as a 清单 line writes it: no list number, no "上述" pointing into the document ("3.上述科技人才被评为…")
    return [naming.LIST_NO.sub("", p).removeprefix("上述") or p for p in kept]


def extract(doc: PolicyDocument, chunks: list[Chunk], today: dt.date) -> list[Item]:
    """Every benefit of one document, in text order."""
    items: list[Item] = []
    seen: set[str] = set()
    for chunk in chunks:
        text = chunk.text
        planted = instruction_spans(text)  # sentences speaking to the assistant are never an item
        for s, e in sentences(text):
            sentence = text[s:e]
            if heading_level(sentence) is not None and len(sentence) < 40 and not MONEY.search(sentence):
                continue
            if overlaps(planted, s, e):
                continue
            for found in extract_sentence(sentence):
                amount = found["amount"]
                rs, re_ = whole_rule(text, s, e)  # "…的，再分别给予3万元、5万元" keeps the rule it tops up
                if overlaps(planted, rs, re_):
                    continue
                quote = text[rs:re_]
                item_id = _item_id(doc.doc_id, quote, found["beneficiary"], amount)
                if item_id in seen:
                    continue
                seen.add(item_id)
                dept = department_span(text, (s, e))
                dept_text = text[dept[0] : dept[1]] if dept else (_paragraph_department(doc.text, chunk.start + e)
                                                                   or group_department(doc.text, chunk.start + e))
                labels = doc.section_at(chunk.start + s)
                who, name, tier = _reads(found, quote, text[:rs], doc.text[max(0, chunk.start + rs - 3000) : chunk.start + rs])
                name = qualifying.heading_named(name, labels)  # "（二）鼓励…再认定": what the rule under it is for
                name += f"（{found['uses']}）" if found.get("uses") and found["uses"] not in name else ""
                items.append(Item(
                    item_id=item_id, doc_id=doc.doc_id, region=list(doc.region),
                    benefit=naming.named_place(name, doc.region), beneficiary=naming.named_place(who, doc.region),
                    conditions=[naming.named_place(c, doc.region) for c in found["conditions"]], amount=amount,
                    amount_max_yuan=None if amount == NO_AMOUNT else yuan(amount),
                    kind=kind_of(found["text"], amount), department=naming.lead_department(dept_text) if dept_text else None,
                    section=section_ref(labels), period=doc.period, expired=doc.expired(today), quote=quote,
                    chunk_id=chunk.chunk_id, tier=tier, title=doc.display_title, issuer=doc.issuer,
                    doc_number=doc.doc_number, quote_start=rs, chunk_text=text, basis=sentence,
                    notes=list(found.get("notes", [])),
                ))
    for it, name in zip(items, subjects.distinct_names([(it.benefit, it.quote) for it in items])):
        it.benefit = name  # two rules of one document never share a name
    rules = [(it.benefit, at, at + len(it.quote)) for it in items for at in [doc.text.find(it.quote)]]
    for it, (limits, scope) in zip(items, qualifying.limit_notes(rules, doc.text)):
        it.notes += limits  # "此项不重复补助": not to be collected with the others it names
        it.exclusive = hashlib.sha256(f"{doc.doc_id}|{scope}".encode()).hexdigest()[:12] if scope else ""
    return items


def _paragraph_department(doc_text: str, at: int) -> str:
    """The closing "(…负责落实)" of the paragraph a passage ends inside (the passage was cut before it), else ""."""
    end = doc_text.find("\n", at)
    tail = doc_text[at : end if end >= 0 else len(doc_text)]
    span = department_span(tail, (0, 0))
    return tail[span[0] : span[1]] if span else ""


def _reads(found: dict, quote: str, before: str, earlier: str = "") -> tuple[str, str, str | None]:
    """(beneficiary, benefit name, tier) as a 政策清单 line reads them; a tier rule's subjects may be in the rule it
    tops up, a graded or ranked rule's in its lead clause ("上述…" in the rules ``earlier`` in the document)."""
    conds = qualifying.conditions(found.get("sentence", quote), found["text"])  # "经…推荐并获得省级认定的"
    inherited = _inherited(found, quote, before, earlier or before)
    if inherited:
        return qualifying.qualified(inherited[0], conds, found["tier"]), inherited[1], inherited[2]
    rule = quote if naming.subjects_of(quote) or not found["tier"] else _line_before(before)
    line = before[before.rfind("\n") + 1 :] + quote
    who = naming.in_full(naming.beneficiary(found["beneficiary"], found["tier"], rule), line)
    listed = subjects.enumerated(who, found.get("sentence", quote))
    if who == naming.ANYONE and found.get("named"):  # "兑现各类人才补助经费": the benefit names who receives it
        named = _ALSO.sub("", found["named"])
        holders = [named[: -len(n)] for n in naming.NOUN.pattern.split("|") if named.endswith(n)]
        holder = next((h for h in holders if naming.ENTITY.search(h)), "")
        who = f"符合条件的{holder}" if holder else who
    who_listed = qualifying.qualified(listed or _entity(who, found, quote), conds, found["tier"])
    return who_listed, _name(who, found, rule), found["tier"]


def _inherited(found: dict, quote: str, before: str, earlier: str) -> tuple[str, str, str | None] | None:
    """A beneficiary that is only a tier, rank, condition, verb phrase or dangling "工程…": the subject from the rule's
    lead clause, the rules before it or the programmes the sentence names."""
    raw, tier, text = found["beneficiary"], found["tier"], found["text"]
    verb = subjects.became(raw, quote, earlier)
    if verb:
        nouns = naming.NOUN.findall(text) or naming.NOUN.findall(quote) or ["支持"]
        return verb[0], f"{verb[1]}{nouns[-1]}", tier
    led = subjects.from_lead(raw, tier, quote, text, earlier)
    if led:
        return led[0], led[1], tier
    rank = subjects.ranked(raw, text, quote, _line_before(before))
    if rank:
        return rank
    line = before[before.rfind("\n") + 1 :] + quote
    prog = subjects.programme(naming.clean(raw), line)
    if prog:
        named = found.get("named") or text
        noun = re.search(rf"(?:{naming.NOUN.pattern})+$", named)
        return prog[0], f"{prog[1]}{noun.group(0) if noun else '支持'}", tier
    return None


def _entity(who: str, found: dict, quote: str) -> str:
    """The beneficiary as an entity, with the qualifier a tier rule puts before its list ("新认定的")."""
    if found["tier"]:
        head = quote[: quote.find(found["text"]) + len(found["text"])] if found["text"] in quote else quote
        qual = naming.qualifier(head)
        if qual and qual.removesuffix("的") not in who:
            who = f"{qual}{who}"
    if found.get("others_of") and "以外" not in who:
        who = f"{found['others_of']}以外的{who}"
    return naming.as_entity(who, quote)


def _name(who: str, found: dict, rule: str) -> str:
    named = (found.get("named") or "").removeprefix("其")
    if named and not re.match(rf"(?:一次性|{naming.NOUN.pattern})", named):  # "兑现高新技术企业扶持资金": named already
        return named
    own = naming.clean(found["beneficiary"])
    if naming.NOUN.fullmatch(own):  # "增量奖励按照…给予奖励": the rule names its benefit; of what figure, if it says
        figure = re.search(r"研发经费投入|营业收入", found["text"])
        return f"{figure.group(0) if figure else ''}{own}"
    if re.search(rf"(?:{naming.NOUN.pattern})$", own) and len(own) <= 24:  # "科技型企业知识产权质押贷款贴息补助"
        return own
    if found.get("others_of"):  # "其他规上企业按研发经费投入的1%": named by what it is, not "其他…"
        figure = re.search(r"按(?:照)?([\u4e00-\u9fff]{2,10}?)(?:的|较)", found["amount"])
        who = re.sub(r"^(?:.*以外的)?(?:其他|其余)", "", own) + (figure.group(1) if figure else "")
    return naming.benefit_name(who, named or found["text"], found["tier"], rule)


def _line_before(head: str) -> str:
    """The sentence before on the same line: "…的，再分别给予3万元、5万元" tops up the rule before it."""
    line = head[head.rfind("\n") + 1 :]
    parts = [p for p in re.split(r"[。；;]", line) if p.strip()]
    return parts[-1] if parts else ""


def build(documents: dict[str, PolicyDocument], chunks: list[Chunk], today: dt.date | None = None) -> list[Item]:
    today = today or dt.date.today()
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    items = []
    for doc_id, doc_chunks in by_doc.items():
        items.extend(extract(documents[doc_id], sorted(doc_chunks, key=lambda c: c.ordinal), today))
    return items
