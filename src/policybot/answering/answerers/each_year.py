""""区里计划每年培育几家": a target asked for every year, where the passage states one per year ("2023年,培育2家以上…;
2024年,培育2家以上…;2025年,培育1家以上…"). Each year stated is answered on its own line, as several asks are — not
only the plan's last year."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.answerers.several import merged
from policybot.answering.asks import Part
from policybot.answering.turn import Turn
from policybot.text.lexical import YEAR
from policybot.types import Answer

_EVERY_YEAR = re.compile(r"每年|每一年|各年|逐年|分年|每个年度|各年度|年度目标")
# a sentence of the passage opening with its year ("2023年,培育2家以上…")
# (or a clause: "…等创新载体,2023年,市级以上认定的…新增4家以上;2024年,…")
_YEAR_OPENS = re.compile(r"(?:^|[。；;\n,，])\s*(20\d\d)年\s*[,，]")
MAX_YEARS = 5
_SUM_NAMED = re.compile(r"\d\s*(?:万|元)")


def answer(turn: Turn) -> Answer | None:
    reading = turn.reading
    if not _EVERY_YEAR.search(reading.core) or YEAR.search(reading.text) or "target" not in turn.terms.intents \
            or _SUM_NAMED.search(reading.core):
        return None  # ("那个3到5万是每年都给吗": how often a sum is paid, not a target year by year)
    first = turn.once("extractive", extractive.answer)  # the ladder's own extractive reuses it
    if first is None or not first.found or not first.citations:
        return None
    chunk = next((sc.chunk for sc in turn.shown if sc.chunk.doc_id == first.citations[0].doc_id
                  and first.citations[0].quote[:12] in sc.chunk.text), None)
    years = list(dict.fromkeys(_YEAR_OPENS.findall(chunk.text))) if chunk else []
    if not 2 <= len(years) <= MAX_YEARS:
        return None  # the passage does not state the target year by year
    replies = []
    for year in years:
        part = turn.with_text(f"{reading.text} {year}年")
        reply = extractive.answer(part)
        if reply is None or not reply.found or year not in reply.direct_answer:
            return None  # every year's line is the year's own, or the plain answer stands
        replies.append((Part(f"{year}年", part.reading.text), reply))
    if len({r.direct_answer for _, r in replies}) < len(replies) or any(
            _pattern(r.direct_answer) != _pattern(first.direct_answer) for _, r in replies):
        return None  # each year's line states the first answer's target, only its year and figure differ
    result = merged(reading.asked, replies)
    return replace(result, question=turn.question) if result is not None else None


def _pattern(line: str) -> str:
    """A line without its year, figures and citation marks: what each year's target must share."""
    return re.sub(r"\[\d+\]|^(?:到|至)?\s*20\d\d年[,，]?|[\d.%]+", "", line.strip())


ANSWERER = Answerer("each_year", answer)
