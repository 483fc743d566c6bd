"""Recognitions a company says it held and let lapse ("22年拿过高企，25年到期后没续上", "高企证书过期了，没重新认定"):
held once, not now. A lapse renewed later ("2020年到期没续上，去年又重新申请通过了") is held again."""

from __future__ import annotations

import re

from policybot.text.concepts import concept_kind, concepts_in

# "到期后没续上", "期满未续", "过期了没有重新认定", "已失效", "现在不是有效期内高企"
_LAPSED = re.compile(r"(?:到期|期满|过期)(?:后|了|以后)?[，,]?(?:就|也)?(?:没|未|没有)(?:能|再)?(?:续上|续期|续|再认定|重新认定|通过复审|复审)"
                     r"|没续上|未续期|已(?:经)?失效|失效了|(?:现在|目前|已经?)不(?:再)?是(?:有效期内的?)?")
# "去年又重新申请通过了": renewed after the lapse (a plan to apply again, "打算明年再报", is no renewal)
_RENEWED = re.compile(r"(?:又|再次|重新)[^，,。；;]{0,8}?(?:通过|拿到|评上|认定上|认定了)")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_BEFORE = 40  # how far before the lapse the recognition it speaks of is named


def lapsed(text: str) -> set[str]:
    """The recognitions (concept ids) ``text`` says lapsed and were not renewed after."""
    out: set[str] = set()
    for sentence in _SENTENCE.finditer(text or ""):
        s = sentence.group(0)
        for m in _LAPSED.finditer(s):
            named = [cid for cid, a, _ in concepts_in(s[max(0, m.start() - _BEFORE) : m.end() + 12])
                     if concept_kind(cid) == "cert"]
            if named and not _RENEWED.search(s[m.end():]):
                out.add(named[0])
    return out
