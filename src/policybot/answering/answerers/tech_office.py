""""区里管科技的是哪个局", "科技这块归哪个部门管": the office a place's plan makes its lead as a whole (its 保障措施:
"领导小组下设办公室在区科工信局", "区科学技术局为召集单位"), quoted from the most specific document applying where the
asker is. No task is asked about, so no task's 牵头 line is the answer; a place whose documents name no such office is
left to the answerers after this one."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers.base import Answerer
from policybot.answering.quoting import quoted_reply, span_citations
from policybot.answering.reply import region_name
from policybot.answering.turn import Turn
from policybot.answering.words import CITY_ASKED, topic_words
from policybot.text.places import LEVEL_DEPTH, aliases, applicable_docs, places_in, region_chain, short_label
from policybot.text.rules import overall_lead_clause, overall_lead_span
from policybot.types import Answer, ScoredChunk

_FIELD = r"(?:科技|科创|科技创新|科技工作)"
_WHICH = r"(?:哪个|哪一个|什么|啥|哪些)(?:局|部门|单位|机构)"
_ASKED = re.compile(rf"(?:管|负责|主管|分管){_FIELD}(?:工作)?的?(?:是|归)?{_WHICH}|{_FIELD}(?:这块|这一块|方面|工作)?(?:归|由|是)?{_WHICH}"
                    rf"(?:管|负责|主管)?|{_WHICH}(?:管|负责|主管){_FIELD}|{_FIELD}(?:主管)?部门是(?:哪个|谁|什么|啥)|"
                    # "具体抓落实的牵头单位是哪个": the plan's lead as a whole, no task named
                    r"(?:抓落实|统筹落实|统筹|总体落实)的?(?:牵头)?(?:单位|部门)(?:是|为)?(?:哪个|哪一个|什么|啥|谁)"
                    # "企业问的话归区里哪个局管？": the plan's lead, asked with no task named or pointed at
                    rf"|^(?:(?:企业|公司|我们|咱们|单位)?(?:来)?(?:问|咨询|办事|申请|申报)的话[，,]?)?归(?:区里|市里|县里|区上|市上)?{_WHICH}管"
                    # "这些事区里该找哪个部门": everything asked so far, no one task: the plan's lead as a whole
                    # (not "这些找哪个部门对接": the items just asked, whose tasks have their own leads)
                    rf"|^(?:那)?(?:这些|以上|上面这些|上述)(?:事|事情|事项)(?:都)?(?:在)?(?:区里|市里|县里)"
                    rf"(?:该|应该|要|得)?(?:找|问|归|去找)?{_WHICH}(?:管|负责|办|对接)?")


def answer(turn: Turn) -> Answer | None:
    core = turn.bot.lexicon.correct(turn.reading.core)[0]
    asked = _ASKED.search(core)
    if not asked or _topic_besides(core, asked, turn.bot.lexicon):
        return None  # "民生领域科技创新由哪些部门牵头": a task's own lead, the ordinary answer's
    return _overall_lead(turn, core)


def instead(turn: Turn) -> Answer | None:
    """"那区里这块具体找哪个部门对接比较好" when no rule of the asker's place answers it (the turn it follows asked of
    another place's rule): no department of that rule is named, and the office the place's plan makes its lead is
    who to ask, said as such. Only a department asked alone; never for another place than the asker's own."""
    if turn.asked != ["department"] or not turn.asker or not turn.asker.region or places_in(turn.reading.core) \
            or turn.terms.absent or _CONTACT.search(turn.reading.core) or CITY_ASKED.search(_asked_before(turn)):
        return None  # "农机购置补贴找谁": a topic no document has; "联系电话多少": a detail not given; "市里有吗…谁管"
    reply = _overall_lead(turn, turn.bot.lexicon.correct(turn.reading.core)[0], turn.asker.region)
    if reply is None:
        return None
    head = f"{short_label(region_chain(turn.asker.region))}的文件中没有找到这一事项的负责部门；"
    return replace(reply, direct_answer=head + reply.direct_answer, answer=head + reply.answer)


def _asked_before(turn: Turn) -> str:
    """This turn as resolved, and the asker's message before it (what "谁管" follows)."""
    return turn.reading.resolved + "。" + (turn.earlier_asks[-1] if turn.earlier_asks else "")


def _overall_lead(turn: Turn, core: str, where=None) -> Answer | None:
    """The reply quoting the overall lead of the most specific document applying ``where`` (else where asked)."""
    where = where or turn.asked_where
    if not where:
        return None
    docs = turn.bot.index.documents
    applying = sorted((docs[d] for d in applicable_docs(docs, where)), key=lambda d: -len(d.region))
    if CITY_ASKED.search(core):  # "市里管科技的是哪个局": the city's document, not the district's
        applying = [d for d in applying if len(d.region) <= LEVEL_DEPTH["市"]]
    for doc in applying:
        lead = next(((c, span) for c in turn.bot.index.chunks if c.doc_id == doc.doc_id
                     and (span := overall_lead_span(c.text))), None)
        if lead is None:
            continue
        chunk, (a, b) = lead
        spans = [(chunk, a, b)]
        citations = span_citations(spans, docs, turn.today)
        line = f"{region_name(doc, where)}的文件中统筹落实的是：{overall_lead_clause(chunk.text[a:b])}[1]"
        turn.shown = [ScoredChunk(chunk=chunk, score=1.0)]
        return quoted_reply(turn.question, line, spans, citations, docs, turn.today, where)
    return None


def _topic_besides(core: str, asked: re.Match, lexicon) -> bool:
    """Does the message name a topic besides the office asked for and its place (民生领域, 研发投入)?"""
    rest = core[: asked.start()] + "，" + core[asked.end():]
    for place in places_in(rest):
        for name in aliases(place):
            rest = rest.replace(name, "")
    return any(len(w) >= 2 and lexicon.known(w) and not lexicon.is_generic(w) and not _LEAD_WORD.search(w)
               for w in topic_words(rest))


_CONTACT = re.compile(r"电话|联系方式|联系人|手机|地址|邮箱|网址|窗口|热线")
_LEAD_WORD = re.compile(r"牵头|负责|主管|分管|部门|单位|科技|区里|市里|县里|对接|联系")


ANSWERER = Answerer("tech_office", answer)
INSTEAD = Answerer("tech_office_instead", instead)
