"""What a question asks: its intents in the order their cues appear, one aspect per asking part, and whether it wants a
figure."""

from __future__ import annotations

import re

from policybot.answering.words import INTENTS, RULE_ASKED, WEAK_INTENTS, without_behalf
from policybot.text.rules import GIVING
from policybot.text.tiers import WHICH_RANKS

SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;\n]*")
_JOINED = re.compile(r"和|以及|及|与|还有|并且|另外|同时")


def cued(text: str, table: list[tuple[str, re.Pattern[str]]]) -> list[str]:
    """Intents whose cue occurs in ``text``, in the order the cues appear."""
    hits = [(m.start(), name) for name, pattern in table if (m := pattern.search(text))]
    return [name for _, name in sorted(hits)]


_OWN_FEW = re.compile(r"((?:我们|我司|我公司|咱们|公司|我)(?:手上|手里|这边|目前|现在|已经|也|还)?(?:有|拥有|申请了|拿了))几(?=[个项件家名位套])")


# who puts the money in ("是哪几家出钱的", "由谁出资"): the parties a sentence names, no amount or count
_FUNDERS = re.compile(r"(?:谁|哪几家|哪些单位|哪几个单位|哪家|哪些部门|哪几方|哪些方面)(?:来|一起|共同|联合)?(?:出钱|出资|投钱|掏钱)")


def _cued_text(question: str) -> str:
    """The question as its cues are read: a few the asker holds ("我们手上有几个专利，…有啥服务") asks no count, and who puts
    the money in asks no amount."""
    return _FUNDERS.sub("谁", _OWN_FEW.sub(r"\1多", question))


def intents(question: str) -> list[str]:
    """What the question may ask: strong cues first (in order), then weak ones; ["fact"] if none."""
    question = _cued_text(question)
    found = cued(question, INTENTS)
    found += [name for name in cued(question, WEAK_INTENTS) if name not in found]
    return found or ["fact"]


def aspects(question: str) -> list[str]:
    """What the question asks, in order: one aspect per asking part ("需要什么条件？找哪个部门？")."""
    out: list[str] = []
    question = _cued_text(without_behalf(question))  # "帮几个客户问问": no count asked
    for part in SENTENCE.findall(question):
        strong = cued(part, INTENTS)
        if len(strong) > 1 and (_JOINED.search(part) or _asked_apart(part)):
            picked = strong  # "条件和牵头部门分别是什么", "每年目标多少，哪个部门牵头"
        elif not strong and RULE_ASKED.search(part):
            picked = ["fact"]  # "现金奖励在绩效工资方面有什么规定": what the rule says, not an amount its 奖励 might suggest
        else:
            picked = strong[:1] or _weak(part)
        out.extend(a for a in picked if a not in out)
    return out or ["fact"]


_QUESTION_WORD = re.compile(r"多少|多久|多长|哪|谁|什么|啥|几|吗|呢|如何|怎么")


def _asked_apart(part: str) -> bool:
    """Two asks in comma clauses of one sentence, each clause asking its own ("招总部企业每年目标多少,哪个部门牵头"):
    two clauses hold different strong cues and a question word each."""
    asks = [cued(c, INTENTS)[:1] for c in re.split(r"[，,]", part) if _QUESTION_WORD.search(c)]
    return len({a[0] for a in asks if a}) > 1


def _weak(part: str) -> list[str]:
    """The weak cue of the last clause that has one: "…的企业，我们想牵头搞新型研发机构，市里支持多少" asks the amount
    (支持) of its last clause; the 牵头 before says what the asker does."""
    clauses = [c for c in re.split(r"[，,]", part) if len(re.findall(r"[\u4e00-\u9fff]", c)) > 3]
    bare = None  # "…有排名奖励，前两名和3到5名分别多少": a bare 多少 asks the amount an earlier clause names
    for clause in reversed(clauses):  # a bare ask ("多少？") names no aspect of its own: the clause before does
        if found := cued(clause, WEAK_INTENTS)[:1]:
            if found == ["target"] and bare is None and not _COUNTED.search(clause):
                bare = found
                continue
            return ["amount"] if bare and found == ["amount"] else bare or found
    return bare or cued(part, WEAK_INTENTS)[:1]


_COUNTED = re.compile(r"达到|增长|到20\d\d|计划")  # a target's own words, more than a bare 多少


_WANTS_FIGURE = re.compile(r"多少|多大|(?<![这那哪])几[个家项名年月场套件万%户]|比例|金额|额度|上限|封顶|哪一?年|什么时候|何时|多长时间|多久|几月|"
                           r"(?:资金|金额|钱|补助|奖励|补贴)数(?:额|目|字)?|具体数(?:额|字|目)")  # "有具体的资金数吗"


def wants_figure(question: str) -> bool:
    """Does the question ask for a number (an amount, a count, a date)?"""
    return bool(_WANTS_FIGURE.search(question))


_PAID = re.compile(r"\d\s*(?:万元|亿元|元)|\d\s*%\s*(?:的)?(?:给予|奖励|补助|奖补|配套)")  # "按研发经费投入的2%给予基础补助"
# what a target's count or share is asked with ("每年培育几家", "比重多少")
_COUNTED_ASK = re.compile(r"目标|达到|增长|新增|培育|引进|建成|几[家个项件人名所套次]|多少[家个项件人名所套次]|比重|强度|占比")


def of_the_rule(aspect: str, quote: str, question: str) -> str:
    """The aspect asked of ``quote``: a bare 多少 (a target by its cue) of a rule giving money asks the money ("排第3的话是
    多少" of "排名第3至第5名的，分别给予4万元的扶持"); any other aspect as it is."""
    if aspect == "target" and _PAID.search(quote) and GIVING.search(quote) and not _COUNTED_ASK.search(question):
        return "amount"
    # "排前几名才有奖励？", "是要排名的？前几名才有？" of a rule paying by rank: the ranks paid and what each gets
    if aspect == "target" and _PAID.search(quote) and _BY_RANK.search(quote) and _RANK_ASK.search(question):
        return "amount"
    return aspect


_BY_RANK = re.compile(r"排名\s*(?:前|第)")
_RANK_ASK = re.compile(rf"{WHICH_RANKS.pattern}|排\s*(?:前|第)?\s*几|排名")
