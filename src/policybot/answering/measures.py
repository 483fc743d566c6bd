"""Measures without an amount, for a broad question whose list of benefits is short.

"我们在云岩区，做芯片设计的小公司，还不是高企，区里有什么支持？": the catalogue holds what a document pays, and 云岩区
pays little a small company can claim; what the plan does for it is said in measures without an amount ("建立高新
技术企业培育库和梯次培育体系", "实施精准服务"). Those sentences, quoted from the documents that apply where the asker
is and closest to what it asked and said of itself, go under the list as measures, never as money.
"""

from __future__ import annotations

import re

from policybot.text.citations import sentences
from policybot.text.lexical import normalise
from policybot.text.places import aliases, applies, chains_in, places_in, region_chain
from policybot.types import ScoredChunk

# a sentence that does something for companies (not a target, not a list of named companies)
_SUPPORT = re.compile(r"培育库|后备库|纳入|支持|扶持|鼓励|引导|帮扶|指导|服务|孵化|培育")
_TARGET = re.compile(r"^\s*(?:到)?20\d\d年|力争")
# the plan's general line, no measure ("抢抓《国务院…》重大机遇,围绕“四新”主攻“四化”…", "以习近平…为指导")
_GENERAL = re.compile(r"抢抓|习近平|指导思想|为指导|深入贯彻|全面贯彻|认真贯彻|主攻")
# "信通达、…、…等企业": companies named one by one (not "与国家部委、省级部门、省外高校、科研机构加强合作")
_NAMES = re.compile(r"(?:[\u4e00-\u9fff]{2,6}、){3,}[\u4e00-\u9fff]{2,8}等[\u4e00-\u9fff]{0,4}(?:企业|公司)")
_HEADING = re.compile(r"^(?:\d+[.．、]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")  # a task's heading
_COMMON = {"企业", "支持", "政策", "什么", "哪些", "有什么", "扶持", "我们", "公司", "区里", "市里", "这种", "能申请",
           "举措", "措施", "科技创新"}  # ("支持科技创新的举措": what every plan is about, asked for, no topic)
MIN_CHARS, MAX_CHARS, MIN_SHARED = 12, 150, 3


def _pieces(text: str) -> set[str]:
    """The two-character pieces of the words a question and a self-description use (common words left out)."""
    text = normalise(text)
    for word in _COMMON:
        text = text.replace(word, " ")
    return {text[i:i + 2] for i in range(len(text) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", text[i:i + 2])}


# what the documents do for a company still growing (not yet a 高企, small or 规下): words of the measures for it
GROWING = ("高新技术企业培育", "培育库", "梯次培育", "科技型中小企业", "中小企业", "小微", "初创", "精准服务", "一对一", "升规")


def _pieces_of(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text``, a long one in its semicolon-parted clauses ("…组建高企培育库,…;按照相关政策…")."""
    out = []
    for a, b in sentences(text):
        if b - a <= MAX_CHARS:
            out.append((a, b))
            continue
        start = a
        for m in re.finditer(r"[;；]", text[a:b]):
            out.extend(_clauses(text, start, a + m.end()))
            start = a + m.end()
        out.extend(_clauses(text, start, b))
    return out


GROUP_CHARS = 100


def _clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A piece; one still too long ("构建创新型企业精细化梯度培育,挖掘、筛选…组建高企培育库,建立…梯次培育体系,…") in runs
    of its comma clauses of up to ``GROUP_CHARS`` characters, each a verbatim slice."""
    if b - a <= MAX_CHARS:
        return [(a, b)]
    out, start = [], a
    ends = [a + m.end() for m in re.finditer(r"[,，]", text[a:b])] + [b]
    for prev, end in zip([a, *ends], ends):
        if end - start > GROUP_CHARS and prev > start:
            out.append((start, prev - 1))  # without the comma that closes the run
            start = prev
    out.append((start, b))
    return [(x, y) for x, y in out if 0 < y - x <= MAX_CHARS]


def _elsewhere(said: str, here: tuple[str, ...]) -> bool:
    """Does a sentence of a document that applies at ``here`` name only places that neither contain it nor lie in
    it ("官渡区构建以数字产业…为引领的…示范集聚区" of the city's plan, read for a 盘龙区 company)?"""
    named = chains_in(said)
    return bool(here) and bool(named) and not any(applies(c, here) or applies(here, c) for c in named)


def further_measures(found: list[ScoredChunk], query: str, listed: list[str], kinds: tuple[str, ...] = (),
                     limit: int = 2, where: str = "") -> list[tuple[ScoredChunk, tuple[int, int]]]:
    """Up to ``limit`` sentences of ``found`` (passages from the documents that apply, best first) that do
    something for companies, share most with ``query`` (the words of ``kinds``, what the company is, weigh
    most) and say nothing already ``listed`` (the list's quotes); none about one named institution (依托…), none
    about another place than ``where`` (the asker's)."""
    pieces = _pieces(query)
    here = region_chain(where) if where else ()
    # "数字经济", not "科技型中小企业" that every growing company is, nor where it is
    mine = pieces - _pieces(" ".join([*kinds, *(a for p in places_in(query) for a in aliases(p))]))
    scored = []
    for rank, sc in enumerate(found):
        text = sc.chunk.text
        for a, b in _pieces_of(text):
            said = text[a:b].strip()
            if not MIN_CHARS <= len(said) <= MAX_CHARS or not _a_measure(said, listed) or said.startswith("依托") \
                    or _elsewhere(said, here):
                continue
            heading = _HEADING.match(said)
            if heading:  # a task's heading, only when it names what the company does ("4. 打造集成电路专业孵化器。")
                if sum(1 for p in mine if p in said) < MIN_SHARED:
                    continue
                lead = len(text[a:b]) - len(text[a:b].lstrip()) + heading.end()
                a += lead + len(text[a + lead:b]) - len(text[a + lead:b].lstrip())  # quoted without its number
            shared = sum(1 for p in pieces if p in said) + 3 * sum(1 for k in kinds if k in said)
            if shared >= MIN_SHARED:  # a kind's word, or three pieces of what was asked
                scored.append((shared, -rank, len(scored), sc, (a, b)))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    if kinds and pieces:  # what the company's own words name ("做数字经济的") leads over what any growing company gets
        own = lambda x: sum(1 for p in mine if p in x[3].chunk.text[x[4][0]:x[4][1]])  # noqa: E731
        best = max(scored, key=own, default=None)
        if best is not None and own(best) >= MIN_SHARED:
            scored = [best, *(x for x in scored if x is not best)]
    out: list[tuple[ScoredChunk, tuple[int, int]]] = []
    for *_, sc, span in scored:
        if all(sc.chunk.chunk_id != o.chunk.chunk_id for o, _ in out):  # one sentence a passage
            out.append((sc, _with_next(sc.chunk.text, span, listed)))
        if len(out) == limit:
            break
    return out


def _with_next(text: str, span: tuple[int, int], listed: list[str]) -> tuple[int, int]:
    """``span`` with the sentence after it when that one does something for companies too and both fit in
    ``MAX_CHARS`` ("建立高新技术企业培育库…120家以上。通过“千企面对面”等方式实施精准服务…": one measure in two sentences)."""
    a, b = span
    nxt = next(((x, y) for x, y in _pieces_of(text) if x >= b and not text[b:x].strip()), None)
    if nxt is None or nxt[1] - a > MAX_CHARS:
        return span
    said = text[nxt[0] : nxt[1]].strip()
    return (a, nxt[1]) if _a_measure(said, listed) and not _HEADING.match(said) else span


def _a_measure(said: str, listed: list[str]) -> bool:
    """Does the sentence do something for companies — not a target, the plan's general line or a list of named
    companies — and say nothing already ``listed``?"""
    return bool(_SUPPORT.search(said)) and not (_TARGET.search(said) or _GENERAL.search(said) or _NAMES.search(said)
                                                or any(q and (q in said or said in q) for q in listed))
