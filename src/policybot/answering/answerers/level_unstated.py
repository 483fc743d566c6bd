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
from policybot.text.concepts import concepts_in
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
    if not stated or level in stated or any(recognised.search(c.text[a : b + AFTER]) for c, a, b in paying):
        return None  # "…获得国家级认定的，再补助3万元": the level said after the name, as a recognition of its own
    name = next(core[s:e] for found, s, e in concepts_in(core) if found == cid)
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


_CITY_SAID = re.compile(r"市里|市上|市政府|市级财政")


def _city_asked(turn: Turn, core: str) -> tuple[str, ...] | None:
    """"市里对市级重点实验室给多少钱" from a 五华 company: the city's documents are asked, not the district's own."""
    if not _CITY_SAID.search(core) or turn.plan.chains:
        return None
    place = turn.reading.region or (turn.asker.region if turn.asker else "")
    chain = region_chain(place) if place else ()
    return chain[:-1] if len(chain) >= 3 else None


ANSWERER = Answerer("level_unstated", answer)
