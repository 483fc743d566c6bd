""""临沧那个院士工作站补助我们能申请吗？" from a company elsewhere: the rule is quoted as the named place's, and the
reply says plainly it does not apply where the asker is (never its figure as the asker's)."""

from __future__ import annotations

import re

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.compose import quotes_part
from policybot.answering.turn import Turn
from policybot.text.citations import check_answer
from policybot.text.places import applies, region_chain, short_label
from policybot.types import Answer

# the asker asks whether it may use the rule, not what the rule is
_MAY_WE = re.compile(r"(?:我们|我司|我公司|本公司|咱们|我单位|我厂|我们公司).{0,12}"
                     r"(?:能|可以|可不可以|能不能|是否|可否|有资格)(?:去)?(?:申请|申报|拿|领|享受|用|适用|参照|按)"
                     r"|(?:适用于|适不适用|算不算|适合)(?:我们|我司|我公司|本公司|咱们)")


def answer(turn: Turn) -> Answer | None:
    asker, plan = turn.asker, turn.plan
    if not asker or not asker.region or not plan.places or not _MAY_WE.search(turn.reading.core):
        return None
    if any(applies(region_chain(p), asker.region) for p in plan.places):
        return None  # the named place contains the asker's: its rules apply there
    found = extractive.answer(turn)
    if found is None or not found.citations:
        return None
    named = "、".join(dict.fromkeys(short_label(region_chain(p)) for p in plan.places))
    head = f"这项规定只适用于{named}，不适用于{asker.region}的贵单位，不能按这条申请（原文仅供参考）"
    body = quotes_part(found.answer)
    reply = Answer(question=found.question, found=False, answer=f"{head}：\n{body}" if body else head + "。",
                   citations=[], warnings=found.warnings, direct_answer=head + "。", elsewhere=found.citations,
                   outcome="elsewhere")
    return None if check_answer(reply.answer, reply.elsewhere) else reply


ANSWERER = Answerer("not_theirs", answer)
