"""What came of a contest entered or a talent's term: a prize won or only competed for, an assessment said."""

from __future__ import annotations

import re

from policybot.text.concepts import DOUBT, ENDED, GRADE_UNKNOWN, TERM_UNKNOWN, concept_kind, concept_of, concepts_in
from policybot.catalogue.clauses import CLAUSE, sentence_of

# a contest entered, its result not (yet) a prize: "参加了…国际创新创业大赛，已经进了决赛，结果还没公布"
_ENTERED = re.compile(r"参加|参赛|报名|进(?:了|入)?[^，,。；;]{0,20}?决赛|入围")
_WON = re.compile(r"获奖|获得|荣获|拿了|拿到|得了|[一二三]等奖|优秀奖|金奖|银奖|铜奖|第[一二三1-3]名|名次")


def _award(cid: str) -> bool:
    return "获奖" in concept_of(cid).get("label", "")


def entered_only(cid: str, clause: str, text: str) -> bool:
    """An award the company says it competes for but does not say it won: worked toward, not held."""
    if not _award(cid):
        return False
    sentence = sentence_of(clause, text)
    return bool(_ENTERED.search(sentence)) and not _WON.search(sentence)


def with_prize(cid: str, clause: str, text: str) -> str:
    """An award's clause and the rest of its sentence when the prize is said there; "" otherwise."""
    if not _award(cid) or _WON.search(clause):
        return ""
    sentence = sentence_of(clause, text)
    rest = sentence[sentence.find(clause):]
    return rest.strip() if _WON.search(rest) else ""


def assessment(clause: str, text: str) -> str:
    """How a talent or team was assessed: said in its clause or the clauses after it, up to the next person or
    team its sentence names ("骨干是…带头人，期满考核优秀，团队进了云南省创新团队，期满考核合格")."""
    sentence = sentence_of(clause, text)
    scope = [clause]
    for nxt in CLAUSE.findall(sentence[sentence.find(clause) + len(clause):]):
        if any(concept_kind(c) in ("talent", "team") for c, *_ in concepts_in(nxt)):
            break
        scope.append(nxt)
    said = "，".join(scope)
    if re.search(rf"(?:{DOUBT})[^，,。；;]{{0,8}}?(?:期|满)|(?:期|满)[^，,。；;]{{0,8}}?(?:{DOUBT})", said):
        return TERM_UNKNOWN  # "培养期几年我搞不清楚，不知道现在还在不在期内"
    # ("现在培养期满了": 在培 there is 现在 + 培养, no term still running)
    if re.search(r"还没满|未满|尚未期满|培养期内|(?<!现)在培|还在培养", said) and not re.search(ENDED, said):
        return "培养期未满"
    if re.search(ENDED, said) and not re.search(r"优秀|合格|良好", said):
        return "培养期已满"
    grade = "优秀" if "优秀" in said else "合格" if "合格" in said else ""
    return f"{grade}（{GRADE_UNKNOWN}）" if grade and _GRADE_HEARD.search(said) else grade


# a grade heard of, not yet confirmed ("考核结果听说是合格", "应该是优秀，正式文件还没下来")
_GRADE_HEARD = re.compile(rf"(?:听说|好像|据说|应该是|估计|可能|大概|{DOUBT})[^，,。；;]{{0,6}}?(?:优秀|合格|良好)|"
                          rf"(?:优秀|合格|良好)[^。；;]{{0,12}}?(?:还没下来|还没出来|还没公布|未公布|没公布|待确认|{DOUBT})")

