"""The catalogue as the CLI, the API, the page and the chat show it: filtered, matched, cited, exported."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from policybot.answering.asker import self_description
from policybot.answering.compose import validity_warnings
from policybot.catalogue.extract import Item
from policybot.catalogue.matching import STATUSES, Match, match, max_total, total_note
from policybot.catalogue.profiles import Profile, parse_profile
from policybot.text.citations import check_answer
from policybot.text.lexical import holds, normalise
from policybot.text.places import applicable_regions, applies, chains_in, region_label
from policybot.text.tabular import append_inert, csv_text
from policybot.types import Answer, Citation, PolicyDocument, citation_json

KINDS = {"grant": "补助/扶持", "reward": "奖励/奖补", "ratio": "按比例", "interest_subsidy": "贴息", "matching": "配套",
         "other": "其他"}
STATUS = {"eligible": "符合条件", "possible": "需确认（可能符合）", "planned": "计划中可申请", "not_eligible": "不符合"}
COLUMNS = ["地区", "扶持事项", "扶持对象", "金额", "最高金额(元)", "类型", "牵头部门", "文件", "文号", "章节", "执行期", "状态", "原文"]


def fresh(items: list[Item], documents: dict[str, PolicyDocument], today: dt.date) -> list[Item]:
    """The items with ``expired`` as of today (the build may be older than today)."""
    for it in items:
        doc = documents.get(it.doc_id)
        if doc is not None:
            it.expired = doc.expired(today)
    return items


def applies_in(item: Item, region: str) -> bool:
    """Does the item's region contain ``region`` (an item of 昆明市 applies in 五华区)?"""
    return applies(item.region, region)


def filtered(items: list[Item], region: str | None = None, kind: str | None = None, query: str | None = None,
             include_expired: bool = True, sort: str = "region") -> list[Item]:
    # the items of the place and of the places containing it; a place with none: those of the places inside it
    regions = applicable_regions({tuple(it.region) for it in items}, region) if region else set()
    out = [it for it in items
           if (not region or tuple(it.region) in regions)
           and (not kind or it.kind == kind)
           and (not query or query in f"{it.benefit}{it.beneficiary}{it.quote}")
           and (include_expired or not it.expired)]
    keys = {
        "region": lambda it: (it.region_label, it.doc_id, it.quote_start),
        "amount": lambda it: (-(it.amount_max_yuan or -1), it.region_label),
        "kind": lambda it: (it.kind, it.region_label),
        "beneficiary": lambda it: (it.beneficiary, it.region_label),
    }
    return sorted(out, key=keys.get(sort, keys["region"]))


def citation(item: Item, documents: dict[str, PolicyDocument], n: int = 1) -> Citation:
    doc = documents[item.doc_id]
    labels = doc.section_at(_offset(item, documents))
    return Citation(n=n, doc_id=doc.doc_id, title=doc.display_title, issuer=doc.issuer, doc_number=doc.doc_number,
                    section=" › ".join(labels), quote=item.quote, chunk_id=item.chunk_id, period=doc.period,
                    expired=item.expired, official_title=doc.title_kind == "official", section_ref=item.section,
                    chunk_text=item.chunk_text, quote_start=item.quote_start, source_url=doc.source_url)


def _offset(item: Item, documents: dict[str, PolicyDocument]) -> int:
    doc = documents[item.doc_id]
    at = doc.text.find(item.quote)
    return at if at >= 0 else 0


def row(item: Item, status: str = "") -> list:
    return [item.region_label, item.benefit, item.beneficiary, item.amount, item.amount_max_yuan or "",
            KINDS.get(item.kind, item.kind), item.department or "", item.title, item.doc_number or "", item.section,
            item.period or "", ("已过期" if item.expired else "执行期内") + (f"；{STATUS[status]}" if status else ""), item.quote]


def to_csv(items: list[Item], statuses: dict[str, str] | None = None) -> str:
    """The items as CSV (inert cells, a BOM for Excel)."""
    return csv_text(COLUMNS, (row(it, (statuses or {}).get(it.item_id, "")) for it in items))


def to_xlsx(items: list[Item], path: Path, statuses: dict[str, str] | None = None, title: str = "政策清单") -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for it in items:
        append_inert(ws, row(it, (statuses or {}).get(it.item_id, "")))
    for col, width in zip("ABCDEFGHIJKLM", (10, 28, 28, 16, 12, 10, 14, 36, 18, 10, 11, 14, 60)):
        ws.column_dimensions[col].width = width
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def match_json(profile: Profile, matches: list[Match], documents: dict[str, PolicyDocument],
               include_expired: bool = False) -> dict:
    """The ``match --json`` and ``/api/match`` shape."""
    order = {s: n for n, s in enumerate(STATUSES)}
    ranked = sorted(matches, key=lambda m: (order[m.status], m.item.region_label, m.item.quote_start))
    total = max_total(matches, include_expired)
    warnings = []
    eligible = [m for m in matches if m.status == "eligible"]
    if eligible and all(m.expired for m in eligible) and not include_expired:
        warnings.append("符合条件的政策均已过执行期，合计金额未计入；请向发文机关确认是否有后续政策。")
    if total is not None:
        warnings.append("“最高可申请”是所引条文中金额上限的合计，只是上限，不代表实际可得金额。")
    if not profile.region:
        warnings.append("未写明所在地区：各地政策都只适用于本地区的单位，请补充地区。")
    return {
        "profile": profile.model_dump(exclude_defaults=False),
        "items": [{
            "item_id": m.item.item_id, "status": m.status, "reasons": m.reasons, "benefit": m.item.benefit,
            "beneficiary": m.item.beneficiary, "amount": m.item.amount, "amount_max_yuan": m.item.amount_max_yuan,
            "quote": m.item.quote, "doc_id": m.item.doc_id, "region": m.item.region, "expired": m.expired,
            "citation": citation_json(citation(m.item, documents)),
        } for m in ranked],
        "max_total_yuan": total,
        "total_note": total_note(matches, include_expired),
        "warnings": warnings,
    }


def run_match(profile: Profile, items: list[Item], documents: dict[str, PolicyDocument], today: dt.date,
              include_expired: bool = False) -> dict:
    items = fresh(items, documents, today)
    return match_json(profile, match(profile, items, lambda it: it.expired), documents, include_expired)


_BENEFIT = r"(?:政策|补贴|补助|奖励|奖补|扶持|支持|优惠|资金)"
_LIST_QUESTION = re.compile(
    rf"(?:哪些|什么|啥|哪几项|几项)(?:[\u4e00-\u9fff]{{0,6}})?{_BENEFIT}|能申请|可以申请|可申请|都有啥|有没有什么"
    rf"|(?:别的|其他|其它|另外的|其余的?)[\u4e00-\u9fff]{{0,4}}?{_BENEFIT}"  # "还有别的补贴吗？"
    rf"|(?:能|可以|可)(?:享受|拿|领|申报)(?:到|的)?(?:哪些|什么|啥)"  # "可以享受哪些？"
)


def is_list_question(question: str) -> bool:
    """"能申请哪些补贴？", "昆明有哪些研发补贴？", "我们是临沧的规上高企，有什么政策？": a list, not one fact."""
    return bool(_LIST_QUESTION.search(question)) and not re.search(r"多少|条件|部门|谁|何时|什么时候|几月|分别", question)


MAX_LINES = 10


def list_answer(question: str, text: str, items: list[Item], documents: dict[str, PolicyDocument], today: dt.date,
                topic: dict, region: str | None = None, doc_id: str | None = None):
    """A broad question answered from the catalogue: one line per item (benefit — amount [n]), or None
    when no item fits (the ordinary answer is given then)."""


    named = chains_in(text)
    if not region and any(not applies(a, b) and not applies(b, a) for a in named for b in named):
        return None  # "临沧和昆明分别…": one answer line per place, not one place's list
    # only what the asker says of itself describes it: "对新型研发机构各有什么支持" asks about a topic, it holds none
    own = "。".join(self_description(text))
    profile = parse_profile(own) if own else Profile()
    profile.region = region or profile.region or parse_profile(text).region
    pool = [it for it in fresh(items, documents, today) if not doc_id or it.doc_id == doc_id]
    # words of what the company says it has or plans ("正在申报省级重点实验室") describe it, they are not the topic
    described_as = " ".join([*profile.plans, *profile.platforms, *profile.achievements,
                             *(c.name for c in profile.certifications)])
    topic = {t: w for t, w in topic.items()
             if not any(a in described_as for a in (t if isinstance(t, tuple) else (t,)))}
    if topic:  # "研发补贴": items about the question's focus only
        pool = [it for it in pool if any(holds(normalise(f"{it.benefit}{it.beneficiary}{it.quote}"), t) for t in topic)]
    # the same matcher as 政策匹配, on the same items as 政策清单: the chat never gives an item another status
    matches = match(profile, pool, lambda it: it.expired)
    order = {"eligible": 0, "possible": 1, "planned": 2}
    described = profile.model_dump(exclude={"region", "free_text"}) != Profile().model_dump(exclude={"region", "free_text"})
    if described:  # the company said what it is: what it may claim (now, once confirmed, once its plans succeed)
        kept = [m for m in matches if m.status in order]
    elif profile.region:  # only where it is: everything that applies there
        kept = [m for m in matches if m.applies_here]
    else:
        kept = matches
    if not kept:
        return None
    kept.sort(key=lambda m: (order.get(m.status, 2) if described else 0, -(m.item.amount_max_yuan or 0)))
    shown = kept[:MAX_LINES]
    citations, lines = [], []
    for n, m in enumerate(shown, 1):
        citations.append(citation(m.item, documents, n))
        note = "（" + m.reasons[0] + "）" if described and m.status in ("possible", "planned") and m.reasons else ""
        lines.append(f"· 【{region_label(m.item.region, profile.region)}】{m.item.benefit}：{m.item.amount}{note}[{n}]")
    # no counts in the text: every number an answer states must be a quoted one
    head = ("可能适用于贵单位的扶持" if described else "相关扶持") + ("（只列出前十项；完整清单见“政策清单”，逐项核对条件见“政策匹配”）"
                                                                if len(kept) > MAX_LINES else "")
    body = "\n".join(lines)
    answer = Answer(question=question, found=True, answer=f"{head}：\n{body}", citations=citations,
                    warnings=validity_warnings([documents[d] for d in dict.fromkeys(c.doc_id for c in citations)], today),
                    direct_answer=f"{head}：\n{body}", outcome="answered")
    return None if check_answer(answer.answer, citations) else answer
