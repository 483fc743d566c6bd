""""五华那个高企再认定给4万的还能用吗？", "市里那个20万还算数吧", "市里这个研发补助的政策到哪年为止？": whether one rule
still holds, or until when, is the rule, quoted as any answer quotes it, and then its document's period and status as
of today, quoted from the document — not the rule alone (the asker asked whether it holds) and not the period alone
(the asker named a rule, not a document)."""

from __future__ import annotations

import re

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.answerers.several import merged
from policybot.answering.asks import Part
from policybot.answering.docfact_cues import DOC_REF, asked_facts, without_cues
from policybot.answering.docfacts import compose_facts
from policybot.answering.answerers.quoted_back import earlier_rule
from policybot.answering.earlier import FIGURE
from policybot.answering.turn import Turn, with_more
from policybot.types import Answer

# a rule named in the question: a figure it pays, or what it pays for
_RULE = re.compile(FIGURE + r"|补助|补贴|奖励|奖补|扶持|资助|配套|贴息|经费|资金|支持")
# "今年才考核完 还能拿吗": claiming the money discussed names its rule
_CLAIMED = re.compile(r"还(?:能|可以)(?:再)?(?:拿|领|申请|申报|享受)|还能不能(?:再)?(?:拿|领|申请)")
MAX_DOCS = 2


def names_rule(question: str) -> bool:
    """Does a question about whether something still holds name a rule ("那个20万还算数吧"), not only a document?"""
    asked = asked_facts(question)
    # "到哪年为止" of "这个研发补助的政策", not the 有效期 of a recognition ("高企三年有效期满又通过评审…扶持多少")
    of_policy = "status" in asked or DOC_REF.search(question)
    return bool(asked) and set(asked) <= {"status", "period"} and bool(of_policy) and bool(
        _RULE.search(question) or _CLAIMED.search(question))


def answer(turn: Turn) -> Answer | None:
    if not names_rule(turn.question):
        return None
    rule = _rule(turn)
    if rule is None:
        return None
    by_doc = {d: turn.bot.index.documents[d] for d in dict.fromkeys(c.doc_id for c in rule.citations)}
    docs = list(by_doc.values())[:MAX_DOCS]
    found = compose_facts(turn.question, ["period"], docs, turn.bot.index.chunks, turn.today)
    if found is None or not found[1].found:
        return None
    evidence, period = found
    turn.shown = with_more(turn.shown, evidence)
    reply = merged(turn.question, [(Part("", ""), rule), (Part("", ""), period)])
    if reply is None:
        return None
    reply.warnings = [*rule.warnings, *(w for w in period.warnings if w not in rule.warnings)]
    return reply


def _rule(turn: Turn) -> Answer | None:
    """The rule asked about, answered as any question is; "那个20万" that this message alone does not find is the
    rule an earlier answer stated with that figure, answered again from the question that drew it."""
    turn.shown = turn.evidence
    rule = extractive.answer(turn)
    if (rule is None or not rule.found) and turn.reading.text != turn.reading.core:
        # read with the question before it, the rule is lost ("…科技创新中心给多少？" then "市里这个研发补助的政策到
        # 哪年为止？"): the message names its rule itself
        alone = turn.with_text(without_cues(turn.reading.core))
        rule = extractive.answer(alone)
        if rule is not None and rule.found:
            turn.shown = alone.evidence
    if rule is None or not rule.found:
        rule = earlier_rule(turn)
    if rule is None or not rule.citations:
        return None
    lines = rule.direct_answer.splitlines()
    bare = {re.sub(r"^[\u4e00-\u9fff]{1,6}：", "", x) for x in lines}
    if len(lines) > 1 and len(bare) == 1:  # "时间：…4万元…\n目标：…4万元…": one rule read under two aspects
        rule.direct_answer = bare.pop()
        rule.answer = rule.answer.replace("\n".join(lines), rule.direct_answer, 1)
    return rule


ANSWERER = Answerer("rule_status", answer)
