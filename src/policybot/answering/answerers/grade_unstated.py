""""要是考核只是合格不是优秀呢", "期满考核是合格呢": an assessment grade the rule being asked about does not pay for,
while it pays for another grade of the same family (优秀). The bold line says so plainly — which grade the rule does
state, no figure — and the rule is quoted below as what the document says. Another grade's figure is never given as
the asked grade's (the ordinary answer would state the 优秀 amount)."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.aspects import aspects
from policybot.answering.reply import region_name
from policybot.answering.turn import Turn
from policybot.text.lexical import normalise
from policybot.text.tiers import asked_tiers, ruled_out
from policybot.types import Answer

# the grades an assessment gives: a family of the vocabulary's tiers, here as the rule words them
GRADES = ("优秀", "良好", "合格")
_OTHER_ASPECTS = {"department", "condition", "target", "deadline", "validity"}


def answer(turn: Turn) -> Answer | None:
    core = normalise(turn.reading.core)
    asked = [g for g in GRADES if g in asked_tiers(core) and g not in ruled_out(core)]
    if len(asked) != 1 or set(aspects(core)) & _OTHER_ASPECTS:
        return None  # "优秀合格分别多少": each grade asked, the ordinary answer states both
    reply = turn.once("extractive", extractive.answer)
    if reply is None or not reply.found or not reply.citations:
        return None
    quoted = "".join(c.quote for c in reply.citations)
    said = "".join(_paragraph(turn.bot.index.passage(c.chunk_id), c.quote) for c in reply.citations)
    stated = [g for g in GRADES if g in quoted]
    if not stated or asked[0] in said or re.search(r"通过|达标", quoted):
        return None  # the rule (its whole paragraph, not only the quoted tier) names the asked grade, or pays on none
    doc = turn.bot.index.documents[reply.citations[0].doc_id]
    # the rule's own words for the grade it pays ("培养期满综合考核结果为优秀的"), quoted as it writes them
    said_as = re.search(rf"(?:综合)?(?:考核|评价|考评)(?:结果)?(?:为|是)?(?:{'|'.join(stated)})的?", quoted)
    paid = f"“{said_as.group(0)}”" if said_as else f"考核结果为{'、'.join(stated)}的"
    line = f"{region_name(doc, turn.reading.region)}的这条规定只对{paid}给予补助，未写明{asked[0]}的情形[1]"
    body = reply.answer[len(reply.direct_answer):] if reply.answer.startswith(reply.direct_answer) else "\n" + reply.answer
    return replace(reply, direct_answer=line, answer=line + body, outcome="answered")


def _paragraph(text: str, quote: str) -> str:
    """The line of ``text`` holding the start of ``quote`` (the quote itself when none does)."""
    head = normalise(quote)[:12]
    return next((line for line in text.splitlines() if head in normalise(line)), quote)


ANSWERER = Answerer("grade_unstated", answer)
