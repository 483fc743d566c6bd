""""我们是官渡区的规上企业，还没评上高企": the asker only says who it is — noted, and shown as what later answers assume."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.asker import only_describes
from policybot.answering.conversation import noted
from policybot.answering.turn import Turn
from policybot.text.concepts import concept_kind, concepts_in
from policybot.types import Answer


# what a rule pays for: said in the middle of a conversation, it asks what it brings ("我们公司团队入选了省创新团队，考核合格")
_REWARDED = ("talent", "team", "platform", "achievement")


def answer(turn: Turn) -> Answer | None:
    if turn.asker is None or not only_describes(turn.question):
        return None
    asked_before = any(t.get("role") == "user" for t in turn.history or [])
    if asked_before and any(concept_kind(cid) in _REWARDED for cid, _, _ in concepts_in(turn.question)):
        return None
    return noted(turn.question, turn.asker.label())


ANSWERER = Answerer("self_description", answer)
