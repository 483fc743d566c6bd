""""临沧那个院士工作站补助我们能申请吗？" from a company elsewhere: the rule is quoted as the named place's, and the
reply says plainly it does not apply where the asker is (never its figure as the asker's), and which documents do."""

from __future__ import annotations

import re

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.compose import quotes_part
from policybot.answering.turn import Turn
from policybot.text.citations import check_answer
from policybot.text.places import aliases, applicable_docs, applies, region_chain, short_label
from policybot.types import Answer

_US = r"(?:我们|我司|我公司|本公司|咱们|我单位|我厂|我们公司)"
# the asker asks whether it may use the rule, not what the rule is
_MAY_WE = re.compile(_US + r".{0,12}(?:能|可以|可不可以|能不能|是否|可否|有资格)(?:去)?(?:申请|申报|拿|领|享受|用|适用|参照|按|住|入住|报名|参加|申)"
                     r"|(?:适用于|适不适用|算不算|适合)" + _US
                     # "我们官渡也照这个给吗": the same rule for us too
                     + r"|" + _US + r".{0,8}(?:也|同样)(?:照|按|参照)?(?:这个|这样|这条|一样|此)"
                     # "昆明不是评上就给3到5万嘛，我们这没有？", "五华那边给2万，我们官渡有没有？"
                     + r"|" + _US + r"(?:这|这边|这里|当地)?[^，,。？?]{0,4}(?:有没有|没有|也有|有吗|有不有)"
                     # "我们呈贡区有类似的吗？"
                     + r"|" + _US + r"[^，,。？?]{0,6}有(?:类似|同样|一样|相同|这样)的")
# "…，晋宁也有吧？", "盘龙有没有？": the asker's own place asked after another's rule
_TOO = r"(?:也有|有没有|有类似|有同样|也一样|也能|也可以|有吗|有不有)"


def answer(turn: Turn) -> Answer | None:
    asker, plan = turn.asker, turn.plan
    if not asker or not asker.region or not plan.places:
        return None
    core = turn.reading.core
    own_too = any(re.search(re.escape(a) + r".{0,2}" + _TOO, core) for a in aliases(asker.region) if len(a) >= 2)
    if not (_MAY_WE.search(core) or own_too):
        return None
    # the places the question names other than the asker's own (its city named with it: "贵阳观山湖区")
    foreign = [p for p in plan.places if not applies(region_chain(p), asker.region)]
    if not foreign:
        return None  # the named place contains the asker's: its rules apply there
    named = "、".join(dict.fromkeys(short_label(region_chain(p)) for p in foreign))
    head = f"{named}的规定只适用于{named}，不适用于{asker.region}的贵单位，不能按这些规定申请"
    found = extractive.answer(turn)
    body = quotes_part(found.answer) if found is not None and found.citations else ""
    own = _applicable(turn, asker.region)
    direct = head + ("（原文仅供参考）" if body else "") + "。" + own
    reply = Answer(question=turn.question, found=False, answer=direct + ("\n" + body if body else ""),
                   citations=[], warnings=found.warnings if body else [], direct_answer=direct,
                   elsewhere=found.citations if body else [], outcome="elsewhere")
    # the quoted rule's figures are checked against its quotes (the titles named after the head are not figures)
    return None if body and check_answer(head + "\n" + body, reply.elsewhere) else reply


def _applicable(turn: Turn, place: str) -> str:
    """Which documents of the knowledge base do apply where the asker is (or that none does)."""
    docs = turn.bot.index.documents
    own = [docs[d] for d in sorted(applicable_docs(docs, place)) if d in docs]
    if not own:
        return f"知识库中没有适用于{place}的政策文件。"
    titles = "、".join(d.cited_title for d in own)
    return f"适用于{place}的是：{titles}。"


ANSWERER = Answerer("not_theirs", answer)
