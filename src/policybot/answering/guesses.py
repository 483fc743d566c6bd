""""市里是不是给20万？", "那建院士工作站是不是给100万": a sum the asker guesses and asks to confirm. When the rules the
answer quotes state other sums and not the guessed one, the answer says first that the documents' figure differs —
without repeating the guess (every figure an answer states is one its quotes state) — so a wrong figure the asker
brought is never left standing as if confirmed."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.text.amounts import SUM, sums_in, yuan_of
from policybot.types import Answer

# the sum offered as what is paid ("是不是给20万", "10万？", "能奖100万吗"), not a figure of the company ("研发投了300万")
_GUESSED = (
    re.compile(rf"(?:是不是|是否)[^，,。？?]{{0,8}}?(?P<sum>{SUM})元?"),  # "是不是给100万"
    re.compile(rf"(?:给|补|奖|拿|发|补贴|奖励|支持|资助|配套)?(?:个|了)?\s*(?P<sum>{SUM})元?"
               r"\s*(?:吧|吗|嘛|对吧|对吗|是吧|没错吧)?\s*[？?]"),  # "10万？", "能奖100万吗？"
)
_CONFIRMS = re.compile(r"是不是|是否|对吧|对吗|是吧|没错吧|吧|吗|？|\?")
_OWN = re.compile(r"(?:投|投入|投了|花|花了|营收|收入|研发费用|研发经费|产值|销售额|利润|纳税)[^，,。？?]{0,4}$")
NOTE = "原文写的数额与您说的不同，以原文为准："


def guessed_sums(question: str) -> list[float]:
    """The sums (in yuan) the question offers as what a rule pays, asking to confirm them."""
    if not _CONFIRMS.search(question):
        return []
    out: list[float] = []
    for pattern in _GUESSED:
        for m in pattern.finditer(question):
            if _OWN.search(question[: m.start("sum")]):
                continue
            value = yuan_of(m.group("sum"))
            if value and value not in out:
                out.append(value)
    return out


def checked(reply: Answer, question: str) -> Answer:
    """``reply`` led by a note when the question guesses a sum that no quoted rule states while the quotes state others."""
    guesses = guessed_sums(question)
    if not guesses or not reply.found or not reply.citations:
        return reply
    stated = {v for c in reply.citations for v in sums_in(c.quote)}
    if not stated or any(g in stated for g in guesses):
        return reply
    return replace(reply, direct_answer=NOTE + reply.direct_answer, answer=NOTE + reply.answer)
