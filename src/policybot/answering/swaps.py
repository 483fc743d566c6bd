"""A follow-up's part swapped into the question it follows: "那省级的呢" puts 省级 where the tier was, "排第3的话" the
rank, "2024年的呢" the year, "那研发投入呢" the topic (the places and years asked of kept)."""

from __future__ import annotations

import re

from policybot.answering.asker import programme_place
from policybot.answering.words import INTENTS, is_profile_word, topic_words
from policybot.text.lexical import YEAR, vocabulary
from policybot.text.places import places_in
from policybot.text.tiers import bare_rank, tier_words

RANK = re.compile(r"(?:前\s*(?:\d+|[一二两三四五六七八九十几])|第\s*(?:\d+|[一二两三四五六七八九十几])(?:\s*至\s*第?\s*(?:\d+|[一二三四五六七八九十]))?)\s*[名位]")

# words that measure a subject without naming one
MEASURE = re.compile(r"年均|增速|增幅|增长率|增长|强度|比重|占比|总量|数量|总额|规模|目标|指标|要求|标准|幅度|一档|档次|哪档"
                      r"|重点|领域|方向"  # "重点支持领域有哪些？": the fields of the subject before
                      r"|基数|基础|基准|基期|起点")  # "现在的基数是多少": where the subject's target starts from


def other_year(previous: str, year: str) -> str | None:
    """The previous question asked for another year ("2024"): its first year replaced; None when it names none."""
    return YEAR.sub(year, previous, count=1) if YEAR.search(previous) else None


STATUS_WORDS = re.compile(r"明年|今年|后年|以后|将来|到时|到时候|评上|评为|认定|拿到|获得|成为|通过|升规|上规|了|的话|要是|如果"
                           r"|升|成|升成|升为|升到|晋升|变成|升级"  # "那以后要是升成省级的呢": the level changes
                           r"|到|后面|之后|今后|往后|日后|再")  # "要是后面升到省级呢": 升 / 到, said later


def swap(previous: str, new: str, supposed: bool = False) -> str | None:
    """"那X呢？": X replaces the previous question's tier, rank or topic; None when X is none of these."""
    new = re.sub(r"^(那么|那|换成|如果是|要是)", "", new).strip()
    tiers = tier_words(new)
    topic = [w for w in topic_words(new)
             if not any(w in t or t in w for t in tiers) and not w.isdigit() and w not in previous
             and not (tiers and STATUS_WORDS.fullmatch(w))]  # "以后要是升成省级": a tier, said as a change
    # "要是明年评上高企了呢": the company's own status changes, the subject asked stays
    status = [w for w in topic_words(new) if not STATUS_WORDS.fullmatch(w)]
    if status and all(is_profile_word(w) for w in status):
        return f"{previous} {new}"
    if topic_words(new) and not status and not tiers:  # "那要是评上了呢": the company's status alone changes
        return f"{previous} {new}"
    # "排第3的话是多少" after "研发投入排前几名有奖": the 3rd place's, of the same rule
    said = m.group(0) if (m := RANK.search(new)) else bare_rank(new)
    if said and RANK.search(previous):
        return RANK.sub(said, previous, count=1)
    year = re.fullmatch(r"(?:到|至|在)?\s*(20\d\d)\s*年(?:的|底)?", new)
    if year and (swapped := other_year(previous, year.group(1))):
        return swapped
    if topic:
        # the places asked of, not one that only begins a programme's name ("入选云南省技术创新人才培养对象")
        places = "".join(p for p in places_in(previous) if p not in places_in(new) and not programme_place(previous, p))
        # "到2025年…要达到多少？" then "投入强度呢？": the same year is meant
        years = "" if YEAR.search(new) else "".join(f"{y}年" for y in dict.fromkeys(YEAR.findall(previous)))
        # "区里高企数量的目标呢？": it says what it asks itself ("三年到期了再认定" says a tier, not a validity ask)
        if any(pattern.search(new) for kind, pattern in INTENTS if kind not in ("validity", "deadline")):
            return f"{places}{years}{new}"
        if all(MEASURE.fullmatch(w) for w in topic):  # "现在的基数是多少": a measure of the subject before
            return f"{previous} {new}"
        # "要是请院士来建个工作站呢" after a rule's 比重: what the company would get for what it supposes it sets up
        asks = "给多少" if supposed else " ".join(m.group(0) for _, pattern in INTENTS if (m := pattern.search(previous)))
        return f"{places}{years}{new} {asks or _other_tiers_out(previous, tiers)}"
    if tiers:

        for family in vocabulary().get("tiers", []):
            mine = [w for w in tiers if w in family]
            if not mine:
                continue
            olds = sorted((w for w in family if w in previous and w not in mine), key=len, reverse=True)
            if olds:  # the tier of the ask, which comes after what the asker says of itself: the last one
                head, _, tail = previous.rpartition(olds[0])
                return head + max(mine, key=len) + tail
        return f"{previous} {new}"
    return None


def _other_tiers_out(previous: str, tiers: set[str]) -> str:
    """The previous question without its words of the tier families the new part names ("头一回评上高企…" then
    "那三年到期了再认定呢": the first recognition is not asked any more), synonyms of tier words included."""
    synonyms = vocabulary()["synonyms"]
    for family in vocabulary().get("tiers", []):
        if tiers & set(family):
            words = set(family) | {k for k, v in synonyms.items() if set(v) & set(family)}
            for w in sorted(words - tiers, key=len, reverse=True):
                previous = previous.replace(w, "")
    return previous
