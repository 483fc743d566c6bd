"""A message with several asks ("官渡区和临翔区分别能补多少？"): each part answered on its own, one bold line per part,
the citations numbered through."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.answerers.uncovered_place import uncovered
from policybot.answering.asks import BOTH_WORDS, Part, split_asks
from policybot.answering.details import STACKING
from policybot.answering.aspects import intents
from policybot.answering.reply import NOT_FOUND, QUOTES_HEAD, quotes_part
from policybot.answering.turn import Turn
from policybot.answering.words import topic_words
from policybot.text.citations import check_answer
from policybot.text.places import applicable_docs, region_chain
from policybot.types import Answer

MAX_PARTS = 5  # a message listing more asks is answered for this many (each part is a search of its own)


def answer(turn: Turn) -> Answer | None:
    reading, known = turn.reading, turn.bot.lexicon.known
    if STACKING.asked.search(reading.core):  # "A和B两个补助能叠加吗": one ask of both, not one of each
        return None
    # what the ask follows: an earlier question it was read with, never this message's own lead-in ("我是记者，在写对比稿。")
    before = reading.resolved[: -len(reading.core)] if reading.resolved.endswith(reading.core) else ""
    before = "" if turn.question.strip().endswith(reading.resolved.strip()) else before
    home = turn.asker.region if turn.asker else ""
    parts = split_asks(reading.core, known, home)
    alone = bool(parts) and _asks_alone(reading.core, parts)
    if parts and before and not alone:
        # "院士和专家工作站分别呢？": each part read with the question it follows
        parts = [replace(p, text=before + p.text) for p in parts]
        own = [p.text[len(before):] for p in parts]
    elif reading.resolved != reading.core and not alone:
        # "专家工作站两边呢？": the places are the earlier question's
        parts = split_asks(reading.resolved, known, home)
        own = [reading.core] * len(parts)
    else:
        own = [None] * len(parts)
    both = BOTH_WORDS.search(reading.core)
    if len(parts) < 2 and both and reading.text != reading.core:
        # "我们在官渡和贵阳云岩都有公司，两边…分别多少？": the places were named before the ask, in the same message
        ask = BOTH_WORDS.sub("", reading.core[max(reading.core.rfind(p, 0, both.start()) for p in "，,；;。") + 1:])
        parts = [replace(p, text=p.label + ask) for p in split_asks(reading.text, known, home)]  # the ask, per place
        own = [None] * len(parts)
    if len(parts) < 2:
        return None
    kept = _kept(list(zip(parts, own)), turn.documents)
    replies = [(part, _answer_part(turn, part, mine)) for part, mine in kept]
    if not any(r.found for _, r in replies):
        return None
    result = merged(turn.reading.asked, replies)
    if result is not None and len(parts) > MAX_PARTS:
        result.warnings.append(f"一条消息问了{len(parts)}项，只回答了其中{MAX_PARTS}项；其余各项请分开再问")
    return result


def _asks_alone(core: str, parts: list[Part]) -> bool:
    """"那到2025年全区高企和研发投入分别要到多少？": a message with its own asking words whose every part names its own
    topic follows nothing before it (the 培育库 asked just before is no part of either)."""
    return intents(core) != ["fact"] and all(any(len(w) >= 2 for w in topic_words(p.label)) for p in parts)


def _covered(part: Part, documents) -> bool:
    return not part.region or bool(applicable_docs(documents, part.region))


def _kept(parts: list[tuple[Part, str | None]], documents) -> list[tuple[Part, str | None]]:
    """The first ``MAX_PARTS`` parts, those about a place the documents cover before those about one they do not,
    in the message's order."""
    if len(parts) <= MAX_PARTS:
        return parts
    ranked = sorted(range(len(parts)), key=lambda i: not _covered(parts[i][0], documents))[:MAX_PARTS]
    return [parts[i] for i in sorted(ranked)]


def _answer_part(turn: Turn, part: Part, own: str | None) -> Answer:
    """The part asked on its own, under the part's place when it names one; ``own``: this turn's words, when the
    part is read with the question it follows."""
    if not _covered(part, turn.documents):  # 苏州 in "苏州和临沧分别…": no document
        refused = uncovered(turn.question, [region_chain(part.region)], turn.documents)  # (not another place's rule)
        return replace(refused, direct_answer=refused.answer.split("。")[0].removeprefix(NOT_FOUND + "："))
    only = None
    if part.own:  # 区里: the district's own documents, not its city's
        only = {d for d, doc in turn.bot.index.documents.items() if doc.region and doc.region[-1] == part.region}
    # a part naming no place is asked where the message is: the reading's place (the asker's when the message names
    # none), else the message's one place ("研发投入和有研发活动的企业数，分别要到多少？" from a 云岩区 company is not
    # answered with 昆明's rule beside 云岩's)
    where = part.region or turn.reading.region or (turn.plan.places[0] if len(turn.plan.places) == 1 else None)
    sub = turn.with_text(part.text, region=where, core=own, only=only)
    reply = extractive.answer(sub)
    reply = reply if reply is not None else sub.draft[0]
    if part.own and not reply.found:  # only the place's own documents were searched: the refusal names those alone
        searched = f"{part.region}本级的政策文件"  # (not "官渡区及昆明市的…", whose city's rule answers the other part)
        reply = replace(reply, answer=_OWN_LABEL.sub(searched, reply.answer, count=1),
                        direct_answer=_OWN_LABEL.sub(searched, reply.direct_answer or "", count=1))
    return reply


_OWN_LABEL = re.compile(r"[^：:。\n]*?的政策文件(?=中)")


def merged(question: str, replies: list[tuple[Part, Answer]]) -> Answer | None:
    """One answer: a bold line per part, then every part's quotes, citations renumbered in order."""
    lines, bodies, citations, elsewhere, warnings = [], [], [], [], []
    for part, reply in replies:
        shift = len(citations) + len(elsewhere)
        renumber = {c.n: c.n + shift for c in reply.all_citations}
        line = _marked(reply.direct_answer or reply.answer.split("\n")[0], renumber)
        lines.append(line if line.startswith(part.label) else f"{part.label}：{line}")
        if quotes_part(reply.answer):
            bodies.append(_marked(quotes_part(reply.answer), renumber))
        citations += [replace(c, n=renumber[c.n]) for c in reply.citations]
        elsewhere += [replace(c, n=renumber[c.n]) for c in reply.elsewhere]
        warnings += [w for w in reply.warnings if w not in warnings]
    direct = "\n".join(lines)
    text = direct + (QUOTES_HEAD + "\n".join(bodies) if bodies else "")
    result = Answer(question=question, found=True, answer=text, citations=citations, warnings=warnings,
                    direct_answer=direct, elsewhere=elsewhere, outcome="answered")
    return None if check_answer(result.answer, citations + elsewhere) else result


def _marked(text: str, renumber: dict[int, int]) -> str:
    """``text`` with its citation markers [n] renumbered."""
    return re.sub(r"\[(\d+)\]", lambda m: f"[{renumber.get(int(m.group(1)), int(m.group(1)))}]", text)


ANSWERER = Answerer("several", answer)
