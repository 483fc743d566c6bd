"""Condition questions a rule's own condition clause does not answer as such: the things of a kind the rule names
("有哪些基金"), a condition that only says the thing must be recognised (its criteria asked), and a condition that only
refers to rules stated elsewhere ("经认定达标后", "按相关规定")."""

from __future__ import annotations

import re

from policybot.text.rules import short_line
from policybot.text.tier_clauses import clauses

# "有哪些基金", "哪几个平台": the things of a kind the rule names, not who qualifies
_WHICH_THINGS = re.compile(r"(?:哪些|哪几个|哪几家|哪几项|哪几类)([\u4e00-\u9fff]{2,4}?)(?=可以|能|可|是|呢|吗|[？?，,。]|$)")
_REFERENCE_WORDS = re.compile(r"经|通过|认定|评审|审核|考核|达标|合格|符合|条件|相关|有关|规定|按照|按|政策|后|的|对")
_RECOGNISED_AS = re.compile(r"^对?(?:经|被)?(?:认定|评定|评为)(?:为)?的?[\u4e00-\u9fff]{2,24}$")
_CRITERIA_ASKED = re.compile(r"认定|才算|算不算|怎么评|评定|什么标准|啥标准|条件")


def things_named(quote: str, question: str) -> str | None:
    """The clauses of the rule naming the asked kind of thing ("昆明市有哪些基金" → "…“昆明市创新创业发展基金”和…基金"
    作用，组建“昆明市科技成果转化基金”"); None when the question asks no such list or the rule names none."""
    m = _WHICH_THINGS.search(question)
    if not m or m.group(1) in ("企业", "单位", "条件", "要求", "材料", "人", "部门", "政策", "补贴", "扶持", "支持"):
        return None
    kind = m.group(1)[-2:]
    named = [c.text for c in clauses(quote) if kind in c.text]
    return short_line("，".join(named)) if named else None


def recognition_only(condition_text: str, question: str) -> bool:
    """The condition found only says the thing must be recognised as such ("对经认定的昆明市高新技术培育企业"), and the
    question asks what recognition takes: the criteria are not in the document."""
    return bool(_RECOGNISED_AS.match(condition_text)) and bool(_CRITERIA_ASKED.search(question))


def bare_condition(condition_text: str) -> bool:
    """A condition that only refers to a recognition or to rules stated elsewhere (经认定达标后, 按相关规定): nothing
    of it is left once those words are taken out, and it holds no figure ("原文未单列…" is no condition at all)."""
    if condition_text.startswith("原文") or re.search(r"\d", condition_text):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", _REFERENCE_WORDS.sub("", condition_text))) < 2
