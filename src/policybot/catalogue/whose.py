"""Whose recognition a clause states: the company's own, or that of companies it houses, counts or cultivates."""

from __future__ import annotations

import re

from policybot.text.concepts import concept_of, concepts_in, eligibility_vocabulary

# ("楼里进驻了四十多家高企和科小": its tenants, not the company)
_MANY = re.compile(r"(?:\d+|(?!一家)[一二两三四五六七八九十百几]+)\s*(?:余|多)?家")  # "有2家在孵企业" (not "我们是一家…")
OTHERS = re.compile(rf"入驻|进驻|在孵|孵化的|培育了?\d|{_MANY.pattern}|服务的|客户|帮助|带动")
COUNTED = re.compile(r"\s*(?:\d+|[一二两三四五六七八九十几]+)\s*(?:余|多)?家")  # "新认定高企5家": other companies


def of_self(cid: str, clause: str, start: int, before: str = "") -> str:
    """An incubator's achievement word said by a company of itself ("公司拿到了高企证书", "去年刚认定了高企") is its own
    recognition; not where the clause counts companies ("园区新认定了5家高企") or cultivates them, nor where it names no
    one and the clause before it does ("有2家在孵企业是我们一路辅导的，通过了国家高新技术企业认定": ``before``)."""
    own = concept_of(cid).get("of_self")
    return own if own and not OTHERS.search(clause[:start]) and not re.search(r"培育|孵", clause) \
        and not COUNTED.search(clause) and not others_before(clause, before) else cid


def others_before(clause: str, before: str) -> bool:
    """Does the clause before ``clause`` speak of other companies or of cultivating them, and ``clause`` name no one
    ("有2家在孵企业是我们一路辅导的，通过了国家高新技术企业认定": the recognition is theirs)?"""
    for _, s, e in reversed(concepts_in(before)):  # ("被认定为昆明市高新技术培育企业": a name, no cultivating)
        before = before[:s] + "，" + before[e:]
    # (others counted, or cultivated: not "我们是入驻孵化器的企业，去年通过了高企认定", the company itself)
    return bool(_MANY.search(before) or _CULTIVATED.search(before)) and not _OWN_SUBJECT.match(clause)


def cultivated_as(cid: str, text: str) -> str | None:
    """The achievement a recognition of other companies is to the company that cultivated them ("辅导的在孵企业通过了
    高企认定" is 培育高新技术企业): the concept whose ``of_self`` is ``cid``; None when ``text`` cultivates nothing."""
    if not _CULTIVATED.search(text):
        return None
    return next((c["id"] for c in eligibility_vocabulary()["concepts"] if c.get("of_self") == cid), None)


_CULTIVATED = re.compile(r"培育|辅导|孵出|孵化出")
_OWN_SUBJECT = re.compile(r"\s*(?:[·•\-]\s*)?(?:我们|我司|我公司|本公司|公司|咱们|我单位|本单位)")

