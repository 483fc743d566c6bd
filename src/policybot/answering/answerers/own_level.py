""""区里自己有没有研发补助？": the district's (or city's) own documents only, not those of the places containing it; a
place with no document of its own is told so, with the documents that do apply there."""

from __future__ import annotations

import re

from policybot.answering.answerers import extractive
from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import applying_line, none_of_its_own
from policybot.answering.turn import Turn
from policybot.text.places import LEVEL_DEPTH, applicable_docs, chains_in, region_chain, short_label
from policybot.types import Answer

# the level's own measures, said as such ("区里自己", "县里单独", "市里本身", "区里还有额外的")
# ("区里对工作站还有没有额外配套": the level's word, then within its clause what it adds of its own)
# (园区、社区、开发区 … and 上市、城市 are no level: "园区自己有钱拿吗" asks of the park)
_LEVEL_WORD = r"(?P<level>(?<![园辖社校片城景厂矿郊山发新])区|县|(?<![上城超门股])市)"
# ("呈贡区有没有区里配套": the level's own matching funds)
_OWN_LEVEL = re.compile(_LEVEL_WORD + r"(?:(?:(?:里|级|上|政府)[^，,。？?\s]{0,10}?)?(?:自己|自身|本身|单独|另外|额外)"
                                      r"|(?:里|级|上|政府)(?:的)?配套)")


def answer(turn: Turn) -> Answer | None:
    m = _OWN_LEVEL.search(turn.reading.core)
    if not m:
        return None
    level = m.group("level")
    named = [c for c in chains_in(turn.reading.core) if len(c) >= LEVEL_DEPTH[level]]
    chain = named[0] if named else (region_chain(turn.asker.region) if turn.asker and turn.asker.region else ())
    depth = LEVEL_DEPTH[level]
    if len(chain) < depth:
        return None  # no place of that level is known: the ordinary answer
    place = chain[depth - 1]
    docs = turn.bot.index.documents
    own = {d for d, doc in docs.items() if doc.region and doc.region[-1] == place}
    if not own:
        return _none_of_its_own(turn, place)
    sub = turn.with_text(turn.reading.text, region=place, only=own)
    reply = extractive.answer(sub)
    return reply if reply is not None else sub.draft[0]


def _none_of_its_own(turn: Turn, place: str) -> Answer:
    docs = turn.bot.index.documents
    applying = [docs[d].cited_title for d in sorted(applicable_docs(docs, place)) if d in docs]
    name = short_label(region_chain(place))
    line = none_of_its_own(name) + ("；" + applying_line(name, applying) if applying else "，也没有适用于该地的文件。")
    return Answer(question=turn.question, found=False, answer=line, citations=[], warnings=[], direct_answer=line,
                  outcome="not_found")


ANSWERER = Answerer("own_level", answer)
