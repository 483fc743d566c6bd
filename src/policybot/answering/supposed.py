"""A supposition of what the company becomes, asked with a bare "how much" ("要是评上高企了 能到多少", "如果我们认定为
高新技术企业了，能补多少"): the rule asked before, at the tier the company would then have — not the rules of becoming
it ("要是评上高企了，市里有什么奖励" asks those), nor a platform's (a platform is a subject of its own)."""

from __future__ import annotations

import re

from policybot.answering.words import SIZE_WORDS
from policybot.text.concepts import concept_kind, concepts_in

# supposing the company gets a recognition or size it names ("要是评上高企了", "如果我们认定为高新技术企业")
_SUPPOSED_GET = re.compile(r"^(?:那|那么)?[，,\s]*(?:要是|如果|假如|假设|万一|等)(?:我们|公司|我司|明年|今年|以后|后面){0,2}"
                           r"(?:评上|评为|认定[为成]?|成为|拿到|通过|升到|升为?|进)")
# …and asking only how much, of no benefit of its own ("能到多少", "能补多少", "呢")
_BARE_AMOUNT = re.compile(r"(?:了|的话|之后|以后)*[，,\s]*(?:那|那么)?(?:(?:能|可以|会|就)?(?:到|拿|补|给|领|提高到|涨到|变成|按)?"
                          r"(?:多少|几个点|百分之几|多少钱|几|多少比例)?"
                          # "比例会变吗", "标准会不会提高": the same rule's figure, changed by the tier
                          r"|(?:比例|标准|补助|金额|档次|比率)(?:会|能|就)?(?:变|变化|不一样|提高|调整|会不会变|变不变)(?:吗|不|么)?)"
                          r"(?:呢|了)?[？?吗呢]*")


def supposed_status_ask(ask: str) -> bool:
    """"要是评上高企了 能到多少": a supposition of what the company becomes and a bare ask of how much — the rule
    asked before, at the tier the company would then have (not the rules of becoming it: "市里有什么奖励" asks those)."""
    m = _SUPPOSED_GET.match(ask.strip())
    rest = ask.strip()[m.end():] if m else ""
    return any(_status_named(rest[:k]) and _BARE_AMOUNT.fullmatch(rest[k:]) for k in range(2, min(len(rest), 12) + 1))


def _status_named(words: str) -> bool:
    """Do ``words`` name a recognition or a size of company and nothing else ("高企", "规上企业")?"""
    if words in SIZE_WORDS or (words.endswith("企业") and words[:-2] in SIZE_WORDS):
        return True
    found = concepts_in(words)
    return len(found) == 1 and found[0][1] == 0 and found[0][2] == len(words) and concept_kind(found[0][0]) == "cert"
