""""我们还不是规上" right after "先说临沧对高企怎么奖": the asker corrects or adds who it is after a question was
answered. The new situation is noted, and the question before is answered again for it when that changes the
answer (a rule only for 规上 companies now says it does not apply; the tier that fits is stated), so the asker is
not left with an answer for a company it is not."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.asker import conversation_asker, only_describes
from policybot.answering.turn import Turn
from policybot.answering.words import is_greeting
from policybot.types import Answer


def answer(turn: Turn) -> Answer | None:
    if turn.asker is None or not only_describes(turn.question):
        return None
    history = turn.history or []
    asked = [i for i, t in enumerate(history) if t.get("role") == "user" and isinstance(t.get("content"), str)
             and not only_describes(t["content"]) and not is_greeting(t["content"])]
    if not asked:
        return None
    at = asked[-1]
    before = conversation_asker([t["content"] for t in history if t.get("role") == "user"])
    if (before.size, set(before.holds), set(before.lacks)) == (turn.asker.size, set(turn.asker.holds),
                                                               set(turn.asker.lacks)):
        return None  # nothing said that an answer depends on
    earlier = history[at + 1]["content"] if at + 1 < len(history) else ""
    again = turn.bot.answer_turn(turn.bot.turn(history[at]["content"], history[:at], turn.region, turn.doc_id,
                                               turn.asker))
    if not again.found or again.answer == earlier or again.direct_answer in earlier:
        return None  # the answer stands as it was given
    head = f"好的，已记下贵单位的情况：{turn.asker.label()}。按这个情况，上一个问题的回答应为：\n"
    again.answer = head + again.answer
    again.direct_answer = head + again.direct_answer
    again.question = turn.question
    return again


ANSWERER = Answerer("recheck", answer)
