"""The catalogue as the CLI, the API, the page and the chat show it: filtered, matched, cited, exported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from policybot.catalogue.extract import Item
from policybot.catalogue.matching import STATUSES, Match, match
from policybot.catalogue.totals import max_total, total_note
from policybot.catalogue.profiles import Profile
from policybot.text.places import applicable_docs, applicable_regions, applies, region_label
from policybot.text.tabular import append_inert, csv_text
from policybot.types import Citation, PolicyDocument, citation_json

KINDS = {"grant": "补助/扶持", "reward": "奖励/奖补", "ratio": "按比例", "interest_subsidy": "贴息", "matching": "配套",
         "other": "其他"}
STATUS = {"eligible": "符合条件", "possible": "需确认（可能符合）", "planned": "计划中可申请", "not_eligible": "不符合"}
COLUMNS = ["地区", "扶持事项", "扶持对象", "金额", "备注", "最高金额(元)", "类型", "牵头部门", "文件", "文号", "章节", "执行期", "状态", "原文"]


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


def notes_text(item: Item) -> str:
    """The limits and special cases the rule states beside its amount ("此项不重复补助…"), one line."""
    return "；".join(item.notes)


def row(item: Item, status: str = "") -> list:
    return [item.region_label, item.benefit, item.beneficiary, item.amount, notes_text(item), item.amount_max_yuan or "",
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
    for col, width in zip("ABCDEFGHIJKLMN", (10, 28, 28, 16, 30, 12, 10, 14, 36, 18, 10, 11, 14, 60)):
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
    shared = [m.item.exclusive for m in eligible if m.item.exclusive]
    if total is not None and len(shared) > len(set(shared)):
        warnings.append("原文写明不重复享受的条目（见备注），合计只计其中金额最高的一项。")
    if not profile.region:
        warnings.append("未写明所在地区：各地政策都只适用于本地区的单位，请补充地区。")
    elif not applicable_docs(documents, profile.region):  # "成都": no document applies there, so nothing can match
        warnings.append(f"收录的文件中没有适用于{profile.region}的政策文件：下列条目都只适用于各自的地区，"
                        f"{profile.region}的单位不能按它们申请。")
    return {
        "profile": profile.model_dump(exclude_defaults=False),
        "items": [{
            "item_id": m.item.item_id, "status": m.status, "reasons": m.reasons, "benefit": m.item.benefit,
            "beneficiary": m.item.beneficiary, "amount": m.item.amount, "amount_max_yuan": m.item.amount_max_yuan,
            "notes": list(m.item.notes),
            "quote": m.item.quote, "doc_id": m.item.doc_id, "region": m.item.region, "expired": m.expired,
            "region_label": region_label(m.item.region, profile.region or None),
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


