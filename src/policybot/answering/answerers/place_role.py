""""晋宁区在市里的科技创新布局里是定位成啥的？": a city's document gives each of its districts a role in one list
("…;呈贡区建设…;晋宁区重点推广…,打造国际康养旅游示范区"). The place's own clause of that list is the answer; a search
cannot find it by the place's name, since place names are no search terms."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import QUOTES_HEAD, make_citation, region_name, validity_warnings
from policybot.answering.picking import Pick
from policybot.answering.questions import own_question
from policybot.answering.turn import Turn
from policybot.text.places import aliases, applicable_docs, chains_in, region_chain, without_places
from policybot.types import Answer, ScoredChunk

# asks what a place is to be or do in a plan, not what it gives
_ROLE = re.compile(r"定位|(?:什么|啥)定为|定为(?:什么|啥)|方向|布局|角色|功能|分工|重点(?:发展|打造|方向|是)|打造(?:什么|啥|成)|发展(?:什么|啥)"
                   r"|(?:干|做|搞)(?:什么|啥|嘛)")
_FILLER = re.compile(r"[\s，,。.？?！!]|在|市里|市上|全市|城市|的|是|啥|什么|里|中|科技创新|科技|创新|布局|规划|文件|措施|给|定|成|个|"
                     r"怎么|如何|样|被|呢|吗|请问|我们|咱们|区|这边|那边|主要|整体|空间|总体|对|来着|来|为|那|这个|"
                     # "回到我们这，呈贡在…", "在全市那个“6+3”里": a return to the asker, the plan's named scheme
                     r"回到|说回|回来|这|[“\"][^”\"]{1,8}[”\"]|"
                     # "对晋宁区的发展定位是如何表述的": how the plan words it
                     r"发展|表述|描述|说法|写|说|讲|提|"
                     # "市里对呈贡这块有啥定位没": the asking frame around it
                     r"块|方面|有|没有|没")
_HINT = re.compile(r"[，,\s]*(?:好像|听说|应该|大概|可能|据说|似乎)?(?:是)?(?:跟|和|与)(?P<hint>[\u4e00-\u9fff]{2,8}?)"
                   r"(?:有关系?|相关|沾边|挂钩)(?:吧|吗|的)?")
_PIECE = re.compile(r"[^;；。:：\n]+")
_ACTS = r"(?:重点|着力|加快|建设|打造|发展|形成|构建|推进|建成|培育|围绕|聚焦|以)"


def answer(turn: Turn) -> Answer | None:
    core = own_question(turn.reading.core)  # "我们在盘龙区，做生物医药的，昆明给盘龙的定位是啥": the ask, not who asks
    if not _ROLE.search(core):
        return None
    named = [c for c in chains_in(core) if len(c) >= 3]
    chain = named[0] if named else (region_chain(turn.asker.region) if turn.asker and turn.asker.region else ())
    if len(chain) < 3:
        return None  # a district's role in its city's plan
    # without the district and the city it is asked within ("晋宁区在昆明市的…"), and a hint of what the role is about
    # ("好像跟区块链有关": the place's clause must then name it)
    hints = [m.group("hint") for m in _HINT.finditer(core)]
    rest = without_places(_FILLER.sub("", _ROLE.sub("", _HINT.sub("", core))), [chain, *chains_in(core)])
    if len(rest) > 2:
        return None  # "官渡区高企培育的重点方向": a topic of its own, for the ordinary answer
    found = _clause(turn, chain)
    if found is None or not all(h in found[0].chunk.text[found[1]:found[2]] for h in hints):
        return None
    sc, a, b = found
    doc = turn.bot.index.documents[sc.chunk.doc_id]
    citation = make_citation(1, Pick(sc, a, b, 0.0, 1), doc, turn.today)
    line = f"{region_name(doc)}的文件为{chain[-1]}定的是：{citation.quote}[1]"
    turn.shown = [sc]
    return Answer(question=turn.question, found=True, answer=line + QUOTES_HEAD + f"【{region_name(doc)}】{citation.quote}[1]",
                  citations=[citation], warnings=validity_warnings([doc], turn.today), direct_answer=line,
                  outcome="answered")


def with_role(reply: Answer, turn: Turn, region: str) -> Answer:
    """A list of what applies in a district with no document of its own ("西山区有什么科技政策？"), with the role its
    city's document gives it ("…西山区…打造…加速带"), quoted as the next [n]: what the city plans there."""
    chain = region_chain(region)
    docs = turn.bot.index.documents
    if len(chain) < 3 or any(d.region == chain for d in docs.values()) or not reply.found:
        return reply
    found = _clause(turn, chain)
    if found is None or any(c.chunk_id == found[0].chunk.chunk_id and c.quote in found[0].chunk.text[found[1]:found[2]]
                            for c in reply.citations):
        return reply
    sc, a, b = found
    doc = docs[sc.chunk.doc_id]
    n = len(reply.citations) + 1
    citation = make_citation(n, Pick(sc, a, b, 0.0, n), doc, turn.today)
    line = f"\n{region_name(doc)}的文件为{chain[-1]}定的是：{citation.quote}[{n}]"
    return replace(reply, answer=reply.answer + line, direct_answer=reply.direct_answer + line,
                   citations=[*reply.citations, citation])


def _clause(turn: Turn, chain) -> tuple[ScoredChunk, int, int] | None:
    """The clause of a document applying there that begins with the place's name and says what it is to do."""
    docs = turn.bot.index.documents
    applying = applicable_docs(docs, chain[-1])
    names = [a for a in aliases(chain) if len(a) >= 2]
    starts = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, names))}){_ACTS}") if names else None
    for chunk in turn.bot.index.chunks:
        if chunk.doc_id not in applying or docs[chunk.doc_id].region == chain or starts is None:
            continue
        for m in _PIECE.finditer(chunk.text):
            if starts.match(m.group(0)):
                a = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                return ScoredChunk(chunk=chunk, score=1.0), a, m.end()
    return None


ANSWERER = Answerer("place_role", answer)
