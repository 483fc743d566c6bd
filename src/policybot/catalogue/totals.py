"""The "最高可申请" total of a 政策匹配 result: the sum of the quoted caps of eligible items (unexpired unless asked), an
upper bound; and, when there is none, why in the case at hand."""

from __future__ import annotations

from policybot.catalogue.matching import Match


def max_total(matches: list[Match], include_expired: bool = False) -> int | None:
    """Sum of the quoted caps of eligible items (unexpired unless asked); None when none has a figure. Of items a
    limit says are not collected together ("此项不重复补助") only the highest counts."""
    figures: dict[str, int] = {}
    for n, m in enumerate(matches):
        if m.status == "eligible" and (include_expired or not m.expired) and m.item.amount_max_yuan is not None:
            key = m.item.exclusive or f"#{n}"
            figures[key] = max(figures.get(key, 0), m.item.amount_max_yuan)
    return sum(figures.values()) if figures else None


def total_note(matches: list[Match], include_expired: bool = False) -> str:
    """Why there is no total, in the case at hand (empty when there is one)."""
    if max_total(matches, include_expired) is not None:
        return ""
    eligible = [m for m in matches if m.status == "eligible"]
    if not eligible:
        return "没有符合条件的条目，无可合计的金额。"
    if not include_expired and any(m.item.amount_max_yuan is not None for m in eligible):
        return "符合条件且写明金额的条目均已过期，未计入合计；选择“合计时计入已过期的政策”可计入。"
    return "符合条件的条目均未写明具体金额（或按比例计算），无可合计的金额。"
