""""市级的孵化器有没有？", "那省级重点实验室呢": a level of a platform or recognition the documents applying where the asker
is pay nothing for, while they pay for other levels of it (国家级、省级科技企业孵化器). The bold line says so plainly —
which levels they do state, no figure — and the rules for those levels are quoted below, as what the documents say.
Another level's figure is never given as the asked level's."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import region_name
from policybot.answering.levels import (
    LEVEL_NAMES,
    asked_level,
    names_level,
    paying_sentences,
    stated_levels,
    with_implied,
)
from policybot.answering.quoting import quoted_reply, span_citations
from policybot.answering.aspects import aspects
from policybot.answering.turn import Turn
from policybot.text.concepts import concept_kind, concepts_in
from policybot.text.places import applicable_docs, region_chain
from policybot.types import Answer, ScoredChunk

_PAYS = re.compile(r"\d+(?:\.\d+)?\s*万元|奖补|补助|奖励|经费支持|扶持")
_OTHER_ASPECTS = {"department", "condition", "target", "deadline", "validity"}
MOST = 2  # rules quoted below the line
AFTER = 120  # characters after a rule naming the concept where a level of it may still be paid for


def answer(turn: Turn) -> Answer | None:
    if not names_level(turn.reading.core):
        return None  # most messages name no level: no typo repair for them
    core = turn.bot.lexicon.correct(turn.reading.core)[0]  # "孵化期认定成市级": the concept read through its slip
    asked = asked_level(core)
    if asked is None or set(aspects(core)) & _OTHER_ASPECTS:
        return None
    level, word, cid = asked
    cids = with_implied(cid)
    where = _city_asked(turn, core) or turn.reading.region or (turn.plan.chains[0] if turn.plan.chains else None)
    if not where:
        return None  # whose documents is not known: the ordinary answer labels each place's rule
    docs = turn.bot.index.documents
    applying = applicable_docs(docs, where)
    paying = paying_sentences(turn.bot.index.chunks, applying, cids, _PAYS)
    texts = [c.text[a:b] for c, a, b in paying]
    stated = stated_levels(texts, cids)
    recognised = re.compile(re.escape(word) + r"(?:认定|评定|称号|认可)")
    name = next(core[s:e] for found, s, e in concepts_in(core) if found == cid)
    if not stated:  # "市里对省级众创空间有奖吗": named only in another rule, beside kinds paid at levels
        return _beside_kinds(turn, (level, word, cid, name), paying, applying, where)
    if level in stated or any(recognised.search(c.text[a : b + AFTER]) for c, a, b in paying):
        return None  # "…获得国家级认定的，再补助3万元": the level said after the name, as a recognition of its own
    unpriced = [x for x, t in zip(paying, texts) if level in stated_levels([t], cids, sums=False)]
    if unpriced:  # "对于新认定为国家级、省级、市级企业孵化平台的,按照政策给予一次性资金扶持": named, no sum
        paying = unpriced + [x for x in paying if x not in unpriced]
        line = f"{region_name(docs[paying[0][0].doc_id], where)}的文件提到{word}{name}的扶持，但未写明金额"
    else:
        lowest = LEVEL_NAMES[min(stated)]
        above = any(f"{lowest}以上" in t for t in texts)  # "省级以上重点实验室": as the rule words it
        others = f"{lowest}以上" if above else "、".join(LEVEL_NAMES[x] for x in sorted(stated, reverse=True))
        line = f"{region_name(docs[paying[0][0].doc_id], where)}的文件未写明{word}{name}的扶持（只写明了{others}{name}的）"
    spans = paying[:MOST]
    turn.shown = [ScoredChunk(chunk=c, score=1.0) for c, _, _ in spans]
    return quoted_reply(turn.question, line, spans, span_citations(spans, docs, turn.today), docs, turn.today, where,
                        head=line + "。")


def _beside_kinds(turn: Turn, asked: tuple, paying: list, applying: set[str], where) -> Answer | None:
    """"市里对省级众创空间有奖吗", where the only rule naming 众创空间 pays for something else it does (每培育一家高新技术
    企业…) and the kinds it is named beside are paid at levels (国家级、省级科技企业孵化器、省级星创天地): the asked kind at
    that level is not written — said so, the kinds' rule and the rule naming it quoted."""
    level, word, cid, name = asked
    if stated_levels([c.text[a:b] for c, a, b in paying], with_implied(cid), sums=False):
        return None  # "对于新认定为国家级、省级、市级企业孵化平台的,按照政策给予一次性资金扶持": paid at levels, no sum
    kind = concept_kind(cid)
    beside = {found for c, a, b in paying for found, _, _ in concepts_in(c.text[a:b])
              if found != cid and concept_kind(found) == kind and found not in with_implied(cid)}
    if not beside:
        return None
    docs = turn.bot.index.documents
    theirs = [x for x in paying_sentences(turn.bot.index.chunks, applying, beside, _PAYS)
              if stated_levels([x[0].text[x[1] : x[2]]], beside)]
    if not theirs or level not in stated_levels([c.text[a:b] for c, a, b in theirs], beside):
        return None
    kinds = "、".join(sorted(beside))
    line = (f"{region_name(docs[theirs[0][0].doc_id], where)}的文件未写明{word}{name}的奖补（写明了{kinds}等其他载体按级别"
            f"的奖补；写到{name}的条文规定的是另一件事，见下）")
    spans = [theirs[0], paying[0]]
    turn.shown = [ScoredChunk(chunk=c, score=1.0) for c, _, _ in spans]
    return quoted_reply(turn.question, line, spans, span_citations(spans, docs, turn.today), docs, turn.today, where,
                        head=line + "。")


_CITY_SAID = re.compile(r"市里|市上|市政府|市级财政")


def _city_asked(turn: Turn, core: str) -> tuple[str, ...] | None:
    """"市里对市级重点实验室给多少钱" from a 五华 company: the city's documents are asked, not the district's own."""
    if not _CITY_SAID.search(core) or turn.plan.chains:
        return None
    place = turn.reading.region or (turn.asker.region if turn.asker else "")
    chain = region_chain(place) if place else ()
    return chain[:-1] if len(chain) >= 3 else None


ANSWERER = Answerer("level_unstated", answer)
