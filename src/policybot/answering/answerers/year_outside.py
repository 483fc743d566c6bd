"""A year asked about that no cited document's period covers: refused rather than answered from another period."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import plain_name, refusal
from policybot.answering.aspects import intents
from policybot.answering.questions import years_in
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    core, evidence, documents = turn.reading.core, turn.evidence, turn.bot.index.documents
    asks_benefit = intents(core)[0] in ("amount", "condition")
    for year in years_in(core):
        hit = [documents[sc.chunk.doc_id] for sc in evidence]
        in_period = any((d.period_start or 0) <= year <= (d.period_end or 0) for d in hit)
        # a year outside the period may still be a stated baseline ("在2022年111家的基础上"), not a benefit
        mentioned = not asks_benefit and any(str(year) in sc.chunk.text for sc in evidence)
        if not (in_period or mentioned):
            turn.shown = evidence
            # named without their years: a refusal cites nothing, so it states no figure
            names = "、".join(dict.fromkeys(plain_name(d) for d in hit))
            said = f"，找到的相关文件（{names}）的执行期不含所问年份" if names else ""
            return refusal(turn.question, f"：所问年份不在收录政策的执行期内{said}", turn.documents)
    return None


ANSWERER = Answerer("year_outside", answer)
