""""贴息具体是几个点？", "区里和市里的能叠加吗？", "啥情况给3万啥情况给5万？": a detail of a rule the rule's text does
not state. The bold line says so plainly, with no figure in it; the rule's own passage is still quoted below, as
what the documents do say."""

from __future__ import annotations

from dataclasses import replace

from policybot.answering.answerers import extractive, follow_up
from policybot.answering.answerers.base import Answerer
from policybot.answering.details import asked_details, unstated
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    details = asked_details(turn.reading.core)
    if not details:
        return None
    # "贴息具体几个点" after the 贴息 answer; tried once per turn, so the ladder's own calls after this one repeat nothing
    reply = extractive.ANSWERER.answer(turn) or follow_up.ANSWERER.answer(turn)
    if reply is None or not reply.found:
        return reply
    evidence = reply.direct_answer + "\n" + "\n".join(c.quote for c in reply.citations)
    missing = [d for d in details if unstated(d, turn.reading.core, evidence)]
    if not missing:
        return reply
    line = f"所引文件未写明{'、'.join(d.said for d in missing)}"
    ask_whom = "请以主管部门的解释或申报通知为准。"
    body = f"{line}。{ask_whom}\n文件中与此相关的原文如下（只写明这些内容）：\n{reply.answer}"
    return replace(reply, direct_answer=line, answer=body)


ANSWERER = Answerer("unstated_detail", answer)
