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



# another organisation named as the one recognised ("和我们合作的一个农业合作社去年被认定为省级星创天地")
_PARTY = r"(?:合作社|合作方|合作伙伴|合作单位|分包单位|分包商|运营方|校方|学校|高校|母公司|集团公司|兄弟单位|股东单位|房东)"
# (not "和高校共建的实验室被认定为…": built with the company, its own)
_PARTY_RECOGNISED = re.compile(rf"(?<![和与跟同及])(?<!联合){_PARTY}(?:(?!共建|合建|联合|一起|共同)[^，,。；;]){{0,6}}?"
                               r"(?:被|已|刚|也)?(?:认定|评为|评上|获批|成为|建有|拿到|是)")
# said after the name: it belongs to someone else ("系校方平台，非我司所有", "（是运营方的牌子不是我们的哈）")
_NOT_OURS = re.compile(rf"(?:是|系|属于|归)(?:人家|对方|别人|{_PARTY})的?|(?:非|不是|不属于|不归)(?:我司|我们|本公司|我公司|本企业|"
                       r"我单位|公司|咱们)(?:的|所有|自己的)?(?![^，,。；;]{0,4}(?:认定|申报|申请|建设))")
# a company working inside another's platform ("我们现在在关上那边一个众创空间里办公"): where it works, not what it holds
_HOUSED = re.compile(r"在[^，,。；;]{0,14}?(?:里|内|里面)(?:办公|入驻|孵化|租了?)")


def others_own(clause: str, start: int, end: int, after: str = "") -> bool:
    """Is the recognition named at ``clause[start:end]`` another organisation's: named as theirs before it, said not to
    be the company's after it (in its clause or in ``after``, the next clause), or the platform the company works in?"""
    rest = clause[end:] + "，" + after
    return bool(_PARTY_RECOGNISED.search(clause[:start]) or _NOT_OURS.search(rest[:24])
                or _HOUSED.search(clause[max(0, start - 16) : end + 6]))
