"""A named thing the documents of the asked place never mention, though another place's do.

"人才公寓有吗" from a 官渡区 company: 官渡区's and 昆明市's documents speak of 人才 in many clauses, never of 人才公寓; 云岩区's
plan builds 2640套 of them. Answering with a 人才 clause of 官渡 presents something else as the asked thing; the honest
reply is that the asker's documents have no rule on 人才公寓 and that another region has one (``elsewhere``).
"""

from __future__ import annotations

import re

from policybot.answering.turn import Turn
from policybot.answering.words import partners
from policybot.text.lexical import alts, normalise
from policybot.text.tiers import tier_words

MIN_CHARS = 4  # "人才公寓", "孵化基金": a compound of a word the question also asks with, and something more


def missing_here(turn: Turn) -> str | None:
    """The question's most specific focus noun — a known compound holding another focus word, not one that
    only qualifies another ("给科技人才的人才公寓": the 人才公寓) — when no document that applies to the asked place holds it and some other
    document does; else None."""
    bot, reading = turn.bot, turn.reading
    if reading.doc_id or not (turn.plan.places or reading.region):
        return None
    allowed = bot.retriever.allowed_docs(turn.plan, reading.region, None)
    if not allowed or len(allowed) == len(bot.index.documents):
        return None
    terms = [[a for a in alts(t) if len(a) >= 2] for t in turn.terms.focus]
    core = normalise(reading.core)  # only a word the asker wrote ("人才公寓"), never a synonym the search added
    partnered = partners(reading.core)  # "想和医科大学共建重点实验室": whom it works with names no missing thing
    # (word, its term's other names): a compound holding a word of ANOTHER focus term (技术合同成交 holds 技术合同 of
    # its own term: the documents' 技术合同交易 is the same thing, named otherwise)
    compounds = sorted(((w, names) for i, names in enumerate(terms) for w in names
                        if len(w) >= MIN_CHARS and w in core and bot.lexicon.known(w)
                        and w not in tier_words(w)  # "首次认定" qualifies a rule the documents word otherwise
                        and not any(p in w for p in partnered)
                        and any(o in w for j, other in enumerate(terms) if j != i for o in other)),
                       key=lambda x: len(x[0]), reverse=True)
    # "给科技人才的人才公寓": a compound that only qualifies another (before 的) is not the thing asked
    compounds = [c for c in compounds if not any(re.search(re.escape(c[0]) + r"的.{0,4}?" + re.escape(o[0]), core)
                                                 for o in compounds if o[0] != c[0])] or compounds
    if not compounds:
        return None
    word, names = compounds[0]
    texts = bot.index.normalised_texts
    if any(named_in(n, texts[d]) for d in allowed for n in names) or not any(
            word in texts[d] for d in texts if d not in allowed):
        return None
    bare = _LEVEL_LEAD.sub("", word)  # "市级研发经费投入": the asked place's own 研发经费投入 rule is the city's
    if bare != word and any(named_in(bare, texts[d]) for d in allowed):
        return None
    # "科研经费包干制，临沧这个方案里有吗": a name as weighty as the compound, apart from it, is the asked place's own
    # (临沧 writes 财政经费“包干制”): the compound is how the asker put it, not a thing the place lacks
    weight = max((w for t, w in turn.terms.focus.items() if word in alts(t)), default=0.0)
    apart = [(t, w) for t, w in turn.terms.focus.items() if not any(a in word or word in a for a in alts(t))]
    if any(w >= weight and len(a) >= 3 and any(a in texts[d] for d in allowed) for t, w in apart for a in alts(t)):
        return None
    return word


_LEVEL_LEAD = re.compile(r"^(?:国家级|省级|市级|区级|县级)")


def named_in(word: str, text: str) -> bool:
    """Does ``text`` name ``word``, also as 公文 writes a shared head ("院士、专家工作站" names 院士工作站) or a
    bracketed part ("院士(专家)工作站")?"""
    if word in text:
        return True
    for i in range(2, len(word) - 1):
        head, tail = re.escape(word[:i]), re.escape(word[i:])
        if re.search(head + r"(?:[、和及与][\u4e00-\u9fff]{1,8}){1,4}" + tail, text) or \
                re.search(head + r"[(（][^)）]{1,8}[)）]" + tail, text):
            return True
    return False
