""""我们是官渡区的规上企业，还没评上高企": the asker only says who it is — noted, and shown as what later answers assume."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.asker import only_describes
from policybot.answering.conversation import noted
from policybot.answering.turn import Turn
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    if turn.asker is None or not only_describes(turn.question):
        return None
    return noted(turn.question, turn.asker.label())


ANSWERER = Answerer("self_description", answer)
