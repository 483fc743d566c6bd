""""上面说的那个1:1是硬性的吗？", "你刚才说的10万是一次性的吗": a figure quoted back from an earlier answer, that nothing
found on its own, is asked of the rule that answer stated — quoted again, so the asker reads its exact wording
("原则上…1:1配套") rather than a refusal over a word of the question ("硬性")."""

from __future__ import annotations

import re

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.earlier import earlier_asking, figures_in
from policybot.answering.turn import Turn
from policybot.types import Answer


# "你刚才说的", "上面提到的": the asker points at an earlier answer itself
_POINTED = re.compile(r"(?:刚才|刚刚|上面|前面|之前|上述|你|您)(?:说|讲|提|回答|答复|写)(?:的|到的|过的)")


def pointed(turn: Turn) -> Answer | None:
    """Before any search of its own: the asker says the figure is one an earlier answer gave."""
    return answer(turn) if _POINTED.search(turn.question) else None


def earlier_rule(turn: Turn) -> Answer | None:
    """The rule an earlier answer stated with every figure this message names, answered again from the question
    that drew it (the turn then reads as that question); None when there is none or it finds nothing now."""
    earlier = earlier_asking(turn)
    reply = extractive.answer(earlier) if earlier is not None else None
    if reply is None or not reply.found or not reply.citations:
        return None
    turn.take(earlier)
    return reply


def answer(turn: Turn) -> Answer | None:
    if not figures_in(turn.question) or (reply := earlier_rule(turn)) is None:
        return None
    reply.direct_answer = "所问的是此前答复中的这条规定，原文如下：" + reply.direct_answer
    reply.answer = "所问的是此前答复中的这条规定，原文如下：" + reply.answer
    return reply


ANSWERER = Answerer("quoted_back", answer)
POINTED = Answerer("quoted_back_pointed", pointed)
