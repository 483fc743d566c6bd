"""Where the described company itself is, when a description names several places.

"我司原注册地为临沧市临翔区，…已整体迁至昆明市官渡区" is in 官渡区; "我司注册地为成都高新区，在昆明市呈贡区设有一个办事处"
is in 成都市; "集团总部在昆明市五华区，…这次咨询的是我们在临沧市云县…的全资子公司" asks for 云县. A description naming
one place, or several with none of these marks, is read as before: its most specific place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policybot.text.places import Chain, find

# the clause before a place says it is no longer the company's ("原注册地为", "以前在"), or the one after ("从临翔迁来")
_FORMER = re.compile(r"(?:原|原来|以前|之前|曾经?|早先|过去)的?(?:注册地址?|注册|地址|住所|办公地|公司|厂)?"
                     r"(?:为|是|在|位于|设在|于)[^，,。；;！!？?\n]{0,6}$")
_LEFT = re.compile(r"^[^，,。；;！!？?\n]{0,8}?(?:迁出|迁走|搬走|搬出|迁来|搬来|迁到|搬到|迁至|搬迁)")
# … or that the company is there now ("注册地为", "迁至", "搬到", "注册地址已变更为", "现注册在")
_NOW = re.compile(r"(?:注册地址?(?:为|是|在)|注册在|注册于|迁至|迁到|迁往|迁入|搬到|搬至|搬迁至|搬迁到|落户(?:到|在)?|变更为|改为|现注册(?:在|于|地为?)?|"
                  r"现位于|目前位于|现在位于)(?:了|到)?$")  # the place right after: not "现在在申报昆明市…"
# the clause before a place names the one the question is about ("这次咨询的是我们在…的全资子公司", "申报主体为")
_ASKED = re.compile(r"(?:咨询的是|问的是|想问的是|申报主体|申请主体|本次咨询|这次咨询)[^。；;！!？?\n]{0,16}$")
# what follows a place in its clause says it is only a branch ("设有一个办事处（非独立法人…）") or the group's seat
_BRANCH = re.compile(r"^[^，,。；;！!？?\n]{0,16}?(?:办事处|代表处|联络处|分支机构|非独立法人)")
_SEAT = re.compile(r"(?:集团总部|总部|母公司)(?:设?在|位于)?[^，,。；;！!？?\n]{0,4}$")


@dataclass
class _Site:
    chain: Chain
    start: int
    end: int


def _sites(text: str) -> list[_Site]:
    """The places named, a containing place and the one inside it just after ("昆明市呈贡区") as one site."""
    out: list[_Site] = []
    for f in find(text):
        chain = f.place.chain
        last = out[-1] if out else None
        if last is not None and f.start == last.end and chain[: len(last.chain)] == last.chain:
            last.chain, last.end = chain, f.end
        else:
            out.append(_Site(chain, f.start, f.end))
    return out


def own_place(text: str) -> str:
    """The company's own place: the one it moved to or the question is about, else one not marked as a former
    place, a branch's or the group seat's, most specific first; "" when none is named."""
    sites = _sites(text)
    if len({s.chain for s in sites}) < 2:
        return _most_specific(sites)
    before = [text[max(0, s.start - 24) : s.start] for s in sites]
    after = [text[s.end : s.end + 24] for s in sites]
    other = [bool(_FORMER.search(b) or _LEFT.search(a) or _BRANCH.search(a) or _SEAT.search(b)) for b, a in zip(before, after)]
    chosen = [s for s, b, o in zip(sites, before, other) if (_NOW.search(b) or _ASKED.search(b)) and not o]
    if not chosen:
        chosen = [s for s, o in zip(sites, other) if not o]
    return _most_specific(sites if not chosen or len(chosen) == len(sites) else chosen)


def _most_specific(sites: list[_Site]) -> str:
    """The most specific place of ``sites``, the first named of equals (as ``places_in`` orders them); "" for none."""
    return max(sites, key=lambda s: (len(s.chain), -s.start)).chain[-1] if sites else ""


# a holding said of the group's seat or parent ("总部有一个省级重点实验室", "母公司是高企")
_GROUPS = re.compile(r"(?:集团总部|总部|母公司|集团公司|控股股东)(?:也|还|已经?|本身)?(?:有|拥有|建有|设有|是|获|为|通过)[^，,。；;！!？?\n]*$")
_SUBSIDIARY = re.compile(r"子公司|分公司")


def of_group(before: str, text: str) -> bool:
    """Whether a holding named after ``before`` (its clause up to it) is the group's rather than the described
    subsidiary's: said of the seat or parent in a description about a 子公司/分公司."""
    return bool(_GROUPS.search(before)) and bool(_SUBSIDIARY.search(text))
