"""A company's plan to grow into a 规模以上企业 ("争取2025年升规纳统", "明年准备上规"): the items of 规上 companies are what
it could claim once the plan succeeds (计划中可申请), as a recognition worked toward brings the items of that
recognition."""

from __future__ import annotations

import re

from policybot.catalogue.profiles import Profile
from policybot.text.concepts import planned_at
from policybot.text.lexical import typed_pauses

# becoming a 规上 company, as companies say it
_GROWING = re.compile(r"升规|上规(?!模以上)|纳统|入统|进规|升为规上|成为规上|转为规上|达到规模以上|成为规模以上")
_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+")

SIZE_PLAN = "升规（成为规模以上企业）"


def grown(profile: Profile) -> Profile | None:
    """The profile as it would be once its plan to become 规上 succeeds; None when it is 规上 already or plans no such
    thing (a growth said as done, "去年刚升规", is the size it has, read by the profile)."""
    if profile.size == "规上":
        return None
    for clause in _CLAUSE.findall(typed_pauses(" ".join([profile.free_text, *profile.plans]))):
        m = _GROWING.search(clause)
        if m and planned_at(clause, m.start(), m.end()):
            return profile.model_copy(update={"size": "规上"})
    return None
