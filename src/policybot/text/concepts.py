"""The concept eligibility_vocabulary (``data/eligibility.json``) and how text names concepts, levels and plans.

Policy text and company descriptions are read with the same words: what a benefit is for (a recognition,
a platform, a programme …), the level before it (国家级/省级/市级), whether it is new, renewed, planned
("正在申报…") or denied ("还不是…"). Loaded once; concept lookups are cached per text.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources


@functools.cache
def eligibility_vocabulary() -> dict:
    return json.loads(resources.files("policybot").joinpath("data/eligibility.json").read_text(encoding="utf-8"))


def _bracketed(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[（(][^（）()]*[）)]", text)]


@functools.cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    """The eligibility_vocabulary's patterns, then its words longest first, compiled once."""
    words = sorted(((w, c["id"]) for c in eligibility_vocabulary()["concepts"] for w in c["words"]), key=lambda x: -len(x[0]))
    patterns = [(p, c["id"]) for c in eligibility_vocabulary()["concepts"] for p in c.get("patterns", [])]
    return [(re.compile(p), cid) for p, cid in [*patterns, *((_either_width(w), c) for w, c in words)]]


def _either_width(word: str) -> str:
    """A word's pattern whose brackets match full or half width: people type "（" where the rule has "("."""
    return re.escape(word).replace(r"\(", "[（(]").replace(r"\)", "[）)]")


def concepts_in(text: str) -> list[tuple[str, int, int]]:
    """(concept id, start, end) of the concept words in ``text``, longest words first, no overlaps;
    words in brackets ("国际技术转移中心(国际科技企业孵化器)") explain, they are not concepts of their own."""
    return list(_concepts_cached(text))


@functools.lru_cache(maxsize=4096)
def _concepts_cached(text: str) -> tuple[tuple[str, int, int], ...]:
    taken: list[tuple[int, int]] = []
    inside = _bracketed(text)
    out = []
    for pattern, cid in _patterns():
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken) or any(a < m.start() < b for a, b in inside):
                continue
            taken.append((m.start(), m.end()))
            out.append((cid, m.start(), m.end()))
    return tuple(sorted(out, key=lambda x: x[1]))


def concept_of(cid: str) -> dict:
    return next(c for c in eligibility_vocabulary()["concepts"] if c["id"] == cid)


def concept_kind(cid: str) -> str:
    return concept_of(cid)["kind"]


_NOT_A_LEVEL = re.compile(r"上市|市场|城市|园区|社区|景区|片区|街区|省份")


def level_before(text: str, start: int) -> tuple[int | None, bool]:
    """The level word just before a concept (国家级/省级/市级 …) and whether 以上 widens it."""
    window = text[max(0, start - 14) : start]
    listed = [lv for w, lv in eligibility_vocabulary()["levels"].items() if w.endswith("级") and re.search(re.escape(w) + "[、和及与]", window)]
    if listed:  # "国家级、省级、市级企业孵化平台": any of them, the last one too (before a word of its own: 企业)
        last = window[window.rfind("、") + 1:] if "、" in window else ""
        return min(listed + [lv for w, lv in eligibility_vocabulary()["levels"].items()
                             if w.endswith("级") and (window.endswith(w) or last.startswith(w))]), True
    found, where = None, []
    for word, level in sorted(eligibility_vocabulary()["levels"].items(), key=lambda x: -len(x[0])):
        i = window.rfind(word)
        if i >= 0 and len(word) == 1 and _NOT_A_LEVEL.search(window[max(0, i - 1) : i + 2]):
            continue  # "新上市", "市场", "园区": a word holding the character, not a level
        if i >= 0 and any(a <= i < b for a, b in where):
            continue  # the 市 of a place skipped below
        if i >= 1 and not word.endswith("级") and window[i - 1] in "在于" and word not in ("科技部", "科技厅"):
            where.append((i, i + len(word)))
            continue  # "在昆明市承担…": where the work is done, not a level
        if i >= 0 and (found is None or i > found[0]):
            found = (i, level, word)
    if found is None:
        return None, False
    # "省级以上科技部门(含省级)": 以上 after any level word of the window widens it
    return found[1], "以上" in window[found[0] :] or bool(re.search(r"(?:国家级|省级|市级|区级|省|市)以上", text[max(0, start - 24) : start]))


def _words(key: str) -> str:
    return "|".join(eligibility_vocabulary()[key])


# a concept after these words is worked toward ("正在申报…", "准备建设…") or denied ("还不是高企"), not held
_PLANNED = re.compile(rf"(?:{_words('plan_words')})[^，,。；;]{{0,20}}$")
_PLANNED_AFTER = re.compile(rf"^[^，,。；;]{{0,8}}?(?:{_words('plan_after_words')})")
DENIED = re.compile(rf"(?:{_words('negation_words')})[^，,。；;]{{0,6}}$")
# a concept followed by these words is not held ("高企认定没通过", "院士工作站已撤销")
DENIED_AFTER = re.compile(rf"^[^，,。；;]{{0,8}}?(?:{_words('negation_after_words')})")


# a concept the company is not sure it holds: a doubt word, then the question of it ("不知道算不算规上企业", "不清楚
# 是不是科技型中小企业"), or the doubt ending its clause after it ("是不是高企我也不清楚", "规上企业吧，不太确定");
# not a doubt of something else ("规上企业不知道能拿多少")
DOUBT = _words("doubt_words")
TERM_UNKNOWN = "培养期情况不明"  # a talent's or team's term the company is not sure of
GRADE_UNKNOWN = "考核结果待确认"  # a grade the company only heard of ("考核结果听说是合格，正式文件还没下来")
_DOUBTED = re.compile(rf"(?:{DOUBT})[^，,。；;]{{0,4}}?(?:算不算|是不是|是否(?:属于|为|算)?|属不属于|够不够|能不能算|有没有)"
                      rf"[^，,。；;]{{0,8}}$")  # "不知道算不算昆明市的高新技术培育企业"
_DOUBTED_AFTER = re.compile(rf"^[^，,。；;？?]{{0,8}}?(?:吧|呢)?[，,]?\s*(?:我们?|自己|公司)?也?(?:{DOUBT})"
                            rf"(?:[，,。；;！!？?\n]|$)")


def doubted_at(text: str, start: int, end: int) -> bool:
    """Does the company say it is not sure it holds the concept at text[start:end]?"""
    return bool(_DOUBTED.search(text[:start]) or _DOUBTED_AFTER.match(text[end:]))


def plan_word_before(text: str, start: int) -> int | None:
    """Where the plan word before the concept at ``start`` begins ("准备申报…"); None when there is none."""
    m = _PLANNED.search(text[:start])
    return m.start() if m else None


def planned_after(text: str, end: int) -> bool:
    """A plan word right after the concept ending at ``end`` ("国家级孵化器正在申报中")."""
    return bool(_PLANNED_AFTER.match(text[end:]))


def planned_at(text: str, start: int, end: int) -> bool:
    """Is the concept at text[start:end] worked toward ("正在申报国家级…", "国家级孵化器正在申报中")?"""
    return bool(_PLANNED.search(text[:start]) or _PLANNED_AFTER.match(text[end:]))


# a recognition the company says it got in a given year is a new one ("2023年被认定为省级星创天地")
NEW = re.compile(r"新认定|新设立|新批准|新批|新设|新获|获批|新建|新成立|新组建|首次认定|(?:20\d\d\s*年|今年|去年|上个?月|本月|这个月|刚刚?)[^，,。；;]{0,20}?"
                 r"(?:被认定|认定为|认定了|获评|评上|获批|批准|批了|批下来|设立|成立|组建|建成|推荐上|升成|升为|升级为|晋升|认的|拿到|挂牌|授牌)")
# words of a renewed recognition (重新认定, 复审, "两次被认定"); profiles read the company's words with the same
FIRST = r"首次|第一次|头一次|头一回|头回|初次|首度"  # a first recognition, as people say it
RENEWAL = (r"重新认定|再次认定|复审|再认定|(?:连续)?(?:两|二|三|四|多)次(?:被)?(?:认定|通过)|"
           r"(?:连续)?认定(?:了)?(?:两|二|三|四|多)次|第(?:二|三|四)次(?:被)?(?:认定|通过)|连续认定")
UNFINISHED = r"培养期未满|培养期内|期未满|还没满|尚未期满|在培"
# a talent's or team's term said to be over ("培养期去年已经满了", "已期满", "培养期结束了")
ENDED = r"培养期已满|已(?:经)?期满|培养期[^，,。；;]{0,6}?(?:已经?|都)(?:满|到期|结束)|培养期[^，,。；;]{0,10}?(?:满了|结束了|到期了)"


def denied_near(clause: str, start: int, concepts: list) -> bool:
    """Is the concept at ``start`` denied ("还不是高企")? Not by a denial of another concept named between
    ("还不是高企科技型中小企业是2025年入库的": the 高企 is denied, the 科小 held), unless the two are listed as one."""
    m = DENIED.search(clause[:start])
    if not m:  # "未设立院士工作站或专家工作站": a concept listed after a denied one is denied with it
        before = [c for c in concepts if c[2] <= start]
        return bool(before) and _JOINED_LIST.fullmatch(clause[before[-1][2] : start]) is not None \
            and denied_near(clause, before[-1][1], concepts)
    between = [c for c in concepts if m.start() < c[1] and c[2] <= start]
    return not between or _JOINED_LIST.fullmatch(clause[between[-1][2] : start]) is not None


_JOINED_LIST = re.compile(r"\s*(?:[、和及与或跟]|也不是|也没有)\s*")


def plan_ended(text: str, before: list[tuple[str, int, int]], start: int, end: int) -> bool:
    """The plan word before the concept at ``start`` belongs to a concept named between, denied there ("高企我们去年报了
    没评上现在还不是高企科技型中小企业是2025年入库的": the 高企 was applied for; the 科小 is held)."""
    at = plan_word_before(text, start)
    if at is None or planned_after(text, end):
        return False
    between = [c for c in before if c[1] > at]
    return bool(between) and bool(DENIED.search(text[at : between[-1][1]]) or DENIED_AFTER.match(text[between[-1][2] : start]))
