"""A figure for an asked year in the paragraph of the rule chosen: "25年计划立几个项目" after a question about 官渡区's
科技计划项目 — the chosen sentence ("修订…科技计划项目管理办法,…广泛征集项目") states no count, the same paragraph does
("…2025年,组织实施官渡区科技计划项目14项,…"). Only a sentence naming an asked year is taken: without a year the
paragraph's other figures may be other things' figures."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.departments import NextChunk
from policybot.answering.picking import Pick
from policybot.text.citations import sentences
from policybot.text.concepts import concept_kind, concepts_in
from policybot.text.lexical import alts
from policybot.text.structure import heading_level


def figure_in_paragraph(pick: Pick, figure: re.Pattern[str], years: frozenset[str],
                        next_chunk: NextChunk | None = None, words: tuple[str, ...] = ()) -> Pick | None:
    """The sentence of ``pick``'s paragraph (its line of the passage, and the head of the next passage when the line
    runs on into it) that names an asked year and states ``figure``; with no year asked, one naming an asked word
    (``words``: "孵化示范基地要孵化多少企业" → "…孵化培育科技型企业不少于30家" after the sentence naming the base)."""
    if not years and not words:
        return None
    text = pick.sc.chunk.text
    line_start = text.rfind("\n", 0, pick.start) + 1
    line_end = text.find("\n", pick.end)
    found = _in_line(pick, line_start, len(text) if line_end < 0 else line_end, figure, years, words)
    nxt = next_chunk(pick.sc.chunk) if found is None and line_end < 0 and next_chunk is not None else None
    head_end = nxt.chunk.text.find("\n") if nxt is not None else -1
    if nxt is not None and heading_level(nxt.chunk.text[: head_end if head_end >= 0 else None]) is None:
        # the paragraph goes on in the next passage (a long task chunked mid-paragraph), not a task of its own
        found = _in_line(Pick(nxt, 0, 0, pick.score, pick.rank, dict(pick.x), pick.prob), 0,
                         len(nxt.chunk.text) if head_end < 0 else head_end, figure, years, words)
    return found


def _in_line(pick: Pick, start: int, end: int, figure: re.Pattern[str], years: frozenset[str],
             words: tuple[str, ...] = ()) -> Pick | None:
    text = pick.sc.chunk.text
    for a, b in sentences(text[start:end]):
        said = text[start + a : start + b]
        # without a year, only a sentence after the chosen one (its item's heading states no figure of it)
        named = any(f"{y}年" in said for y in years) if years else (start + a >= pick.end and any(w in said for w in words))
        if named and figure.search(said):
            return replace(pick, start=start + a, end=start + b)
    return None


# a benefit offered without an amount ("按照相关政策对成功获批的各类科技创新平台给予一次性资金扶持")
_OFFERED = re.compile(r"给予[^。；;，,]{0,12}(?:资金|经费)?(?:扶持|补助|奖励|奖补|补贴|资助)|兑现[^。；;]{0,24}(?:资金|补助|奖励|经费)")


def benefit_in_paragraph(pick: Pick) -> Pick | None:
    """The sentence of ``pick``'s paragraph that offers a benefit without stating its amount, when the chosen sentence
    offers none ("…共建重点实验室、…企业科技创新中心…等各级各类创新平台" asked how much: the same task goes on "按照相关
    政策对成功获批的各类科技创新平台给予一次性资金扶持") — what the documents do say of the money, quoted."""
    text = pick.sc.chunk.text
    if _OFFERED.search(pick.text):
        return None
    start = text.rfind("\n", 0, pick.start) + 1
    end = text.find("\n", pick.end)
    end = len(text) if end < 0 else end
    for a, b in sentences(text[start:end]):
        said = text[start + a : start + b]
        if _OFFERED.search(said) and not re.search(r"\d\s*(?:万|亿|元|%)", said):
            return replace(pick, start=start + a, end=start + b)
    return None


# "有什么平台在建", "哪些平台", "平台叫啥": the platforms asked for by name
PLATFORMS_ASKED = re.compile(r"(?:什么|哪些|啥|哪几个|哪个|专门的)[^，,。？?]{0,4}平台|平台[^，,。？?]{0,4}(?:有哪些|是什么|叫啥|叫什么|有啥)")
_NEAR = 200  # the platforms' sentence is read with the chosen one up to this far


def names_platform(text: str) -> bool:
    """Does ``text`` name a platform (技术创新中心, 重点实验室, …)?"""
    return any(concept_kind(cid) == "platform" for cid, _, _ in concepts_in(text))


def platforms_in_paragraph(pick: Pick, question: str, focus: dict) -> Pick | None:
    """"坚果方面市里有什么平台在建": the chosen sentence says 平台 ("…推进一批高端研发创新平台建设") and names none; the next
    sentence of its paragraph naming a platform of the asked subject ("统筹推进临沧坚果技术创新中心…") is read with it."""
    if not PLATFORMS_ASKED.search(question) or names_platform(pick.text):
        return None
    words = [a for t in focus for a in alts(t)]  # the asked subject's words ("坚果")
    text = pick.sc.chunk.text
    end = text.find("\n", pick.end)
    end = len(text) if end < 0 else end
    for a, b in sentences(text[pick.end:end]):
        said = text[pick.end + a : pick.end + b]
        if pick.end + b - pick.start > _NEAR:
            break
        if names_platform(said) and any(w in said for w in words):
            return replace(pick, end=pick.end + b)
    return None
