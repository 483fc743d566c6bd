"""A message that is only a greeting, thanks or "who are you": the welcome, with what the build covers."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.conversation import welcome
from policybot.answering.turn import Turn
from policybot.answering.words import is_greeting
from policybot.types import Answer


# "我刚开公司不久，这些政策词儿我都不太懂，能问问吗？": asks whether it may ask, and asks nothing yet
_MAY_ASK = re.compile(r"(?:能|可以|可不可以|方便)(?:问问|问一下|问个问题|问几个问题|请教一下|请教|咨询一下|咨询)(?:吗|嘛|么|不)?[？?。！!～~\s]*$")
_ASKS_SOMETHING = re.compile(r"多少|哪|怎么|如何|补|奖|扶持|条件|部门|认定|申请|申报|文号|有效|\d")


def answer(turn: Turn) -> Answer | None:
    q = turn.question.strip()
    opener = (m := _MAY_ASK.search(q)) is not None and len(q) <= 60 and not _ASKS_SOMETHING.search(q[: m.start()])
    if not (is_greeting(turn.question) or opener):
        return None
    return welcome(turn.question, turn.documents, turn.today, turn.bot.examples(), closing=bool(turn.history))


ANSWERER = Answerer("greeting", answer)
