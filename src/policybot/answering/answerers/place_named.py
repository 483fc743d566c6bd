""""昆明那个文件里有没有提到曲靖？", "滇中协同创新共同体，曲靖算不算在里面？": whether the documents name a place
none of them applies in. The sentences naming it are quoted (in its own name, or inside a name joined from places'
first characters: "昆曲玉楚红" names 曲靖), each labelled as another place's document that does not apply there —
a mention is no rule the asker may claim. A place no document names is left to the answerers after this one."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.place_mentions import Naming, naming
from policybot.answering.quoting import span_citations
from policybot.answering.reply import QUOTES_HEAD, region_name
from policybot.answering.turn import Turn
from policybot.text.citations import check_answer
from policybot.text.places import short_label
from policybot.types import Answer

# asks whether a document names or takes in a place, not whether its rules may be claimed there
_MENTION = re.compile(r"提到|提及|涉及|说到|写到|讲到|点名|包括|包含|在里面|在里头|在其中|在内|算不算|算进|算在|纳入|也在|"
                      r"有没有[^，,。？?]{0,4}(?:说|讲|写)")
MOST = 2


def answer(turn: Turn) -> Answer | None:
    core = turn.reading.core
    lost = turn.plan.uncovered_chains
    if not lost or not _MENTION.search(core) or turn.reading.doc_id:
        return None
    place = max(lost, key=len)  # the most specific: 曲靖市麒麟区
    found = naming(turn.bot.index.chunks, place)[:MOST]
    if not found:
        return None
    return _reply(turn, place, found)


def _reply(turn: Turn, place: tuple[str, ...], found: list[Naming]) -> Answer | None:
    docs = turn.bot.index.documents
    spans = [(n.chunk, n.start, n.end) for n in found]
    citations = span_citations(spans, docs, turn.today)
    where = short_label(place)
    lines = []
    for n, c in zip(found, citations):
        doc = docs[n.chunk.doc_id]
        said = f"中的{n.spelt}包括{where}" if n.joint else f"提到了{where}"
        lines.append(f"{region_name(doc)}的文件{said}（仅供参考，不表示其扶持适用于{where}的企业）：{c.quote}[{c.n}]")
    line = "\n".join(lines)
    body = "\n".join(f"【{region_name(docs[s[0].doc_id])}】{c.quote}[{c.n}]" for s, c in zip(spans, citations))
    # the documents quoted are other places': cited as such, never as rules that apply to the asker
    reply = Answer(question=turn.question, found=True, answer=line + QUOTES_HEAD + body, citations=[], warnings=[],
                   direct_answer=line, elsewhere=citations, outcome="answered")
    return None if check_answer(reply.answer, reply.elsewhere) else reply


ANSWERER = Answerer("place_named", answer)
