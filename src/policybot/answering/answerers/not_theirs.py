""""临沧那个院士工作站补助我们能申请吗？" from a company elsewhere: the rule is quoted as the named place's, and the
reply says plainly it does not apply where the asker is (never its figure as the asker's), and which documents do."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.asker import Asker
from policybot.answering.reply import quotes_part
from policybot.answering.turn import Turn
from policybot.answering.words import MAY_WE
from policybot.text.citations import check_answer
from policybot.text.lexical import alts, normalise
from policybot.text.places import (
    aliases,
    applicable_docs,
    applies,
    places_in,
    region_chain,
    short_label,
    without_places,
)
from policybot.types import Answer

# "…，晋宁也有吧？", "盘龙有没有？": the asker's own place asked after another's rule
_TOO = r"(?:也有|有没有|有类似|有同样|也一样|也能|也可以|有吗|有不有|有这种|有这样|有这类|有这个)"


# a company asking through a clerk ("又有个成都的公司问，能不能享受昆明的研发投入补助？"): where it is, and what it asks
_RELAYED = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:那边|这边)?的?(?:一家|一个|有家|个)?(?:公司|企业|单位|厂家|工厂)")
_MAY_IT = re.compile(r"(?:能不能|能否|可不可以|可以|是否|能)(?:享受|申请|申报|参照|适用|用|拿|报|照)")


def answer(turn: Turn) -> Answer | None:
    asker, plan = turn.asker, turn.plan
    core = turn.reading.core
    relayed = _relayed_place(core) if _MAY_IT.search(core) else ""
    if relayed and plan.places:  # the company spoken of is the one asking, wherever the clerk is
        return _not_theirs(turn, replace(asker, region=relayed) if asker else Asker(region=relayed), plan, "该企业")
    if not asker or not asker.region or not plan.places:
        return None
    if turn.moving_to in plan.places:
        return None  # "要是我们把研发中心搬到安宁，能享受…吗": the rules of where it would be are asked
    # the asker's place or a place containing it ("临沧那边直接给100万，昆明有这种吗？" from 呈贡区)
    mine = [a for chain in _up(asker.region) for a in aliases(chain) if len(a) >= 2]
    own_too = any(re.search(re.escape(a) + r".{0,2}" + _TOO, core) for a in mine)
    # "能不能申请昆明的院士工作站支持" from a company that said where it is: asked for itself, 我们 unsaid
    # ("五华那边不是给2万吗？我们也按那个来呗": the clause after the question asks it for the company)
    if not (MAY_WE.search(core) or own_too or (asker.said and _MAY_IT.match(core))
            or MAY_WE.search(turn.question[turn.question.find(core) + len(core):] if core in turn.question else "")):
        return None
    return _not_theirs(turn, asker, plan, similar=own_too)


def _relayed_place(core: str) -> str:
    """The place of a company the message speaks of in the third person ("成都的公司"), else ""."""
    for m in _RELAYED.finditer(core):
        named = places_in(m.group(1))
        if named and m.group(1).endswith(tuple(a for a in aliases(named[-1]) if len(a) >= 2)):
            return named[-1]
    return ""


def _not_theirs(turn: Turn, asker: Asker, plan, whom: str = "贵单位", similar: bool = False) -> Answer | None:
    # the places the question names other than the asker's own (its city named with it: "贵阳观山湖区")
    foreign = [p for p in plan.places if not applies(region_chain(p), asker.region)]
    if not foreign:
        return None  # the named place contains the asker's: its rules apply there
    named = "、".join(dict.fromkeys(short_label(region_chain(p)) for p in foreign))
    head = f"{named}的规定只适用于{named}，不适用于{asker.region}的{whom}，不能按这些规定申请"
    own_rule = _own_similar(turn, asker, foreign) if similar else None
    if own_rule is not None:  # "五华区高企再认定有4万 官渡有没有类似的": the rule that applies where the asker is, first
        note, line, text = f"\n（{head}。）", own_rule.direct_answer, own_rule.answer
        text = line + note + text[len(line):] if text.startswith(line) else note.strip() + "\n" + text
        return replace(own_rule, direct_answer=line + note, answer=text)
    found = extractive.answer(turn)
    body = quotes_part(found.answer) if found is not None and found.citations else ""
    own = _applicable(turn, asker.region)
    direct = head + ("（原文仅供参考）" if body else "") + "。" + own
    reply = Answer(question=turn.question, found=False, answer=direct + ("\n" + body if body else ""),
                   citations=[], warnings=found.warnings if body else [], direct_answer=direct,
                   elsewhere=found.citations if body else [], outcome="elsewhere")
    # the quoted rule's figures are checked against its quotes (the titles named after the head are not figures)
    return None if body and check_answer(head + "\n" + body, reply.elsewhere) else reply


def _own_similar(turn: Turn, asker: Asker, foreign: list[str]) -> Answer | None:
    """The same ask, without the other places named, answered where the asker is (None when nothing is found there)."""
    reply = extractive.answer(turn.with_text(without_places(turn.reading.core, foreign), region=asker.region))
    docs = turn.bot.index.documents
    if reply is None or not reply.found or not reply.citations or not all(
            c.doc_id in docs and applies(docs[c.doc_id].region, region_chain(asker.region)) for c in reply.citations):
        return None  # nothing found, or only a rule of a place that does not contain the asker's either
    # like it: the rule found names every word the ask is about (高企 and 认定, not only 认定)
    quoted = normalise("".join(c.quote for c in reply.citations))
    focus = [t for t in turn.terms.focus if not any(places_in(a) for a in alts(t))]
    return reply if focus and all(any(normalise(a) in quoted for a in alts(t)) for t in focus) else None


def _up(place: str) -> list[tuple[str, ...]]:
    """The place and every place containing it (呈贡区 → 昆明市呈贡区, 昆明市, 云南省 …), as chains."""
    chain = region_chain(place)
    return [chain[:n] for n in range(len(chain), 1, -1)]


def _applicable(turn: Turn, place: str) -> str:
    """Which documents of the knowledge base do apply where the asker is (or that none does)."""
    docs = turn.bot.index.documents
    own = [docs[d] for d in sorted(applicable_docs(docs, place)) if d in docs]
    if not own:
        return f"知识库中没有适用于{place}的政策文件。"
    titles = "、".join(d.cited_title for d in own)
    return f"适用于{place}的是：{titles}。"


ANSWERER = Answerer("not_theirs", answer)
