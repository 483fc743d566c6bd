"""Several asks in one message: "官渡区和临翔区分别能补多少？", "院士工作站和专家工作站分别补多少？", "临翔那家首次认定，官渡那家第二次认定，各自能拿多少？".

A message is cut into parts only when it says it asks about each (分别, 各, 两边 …), and each part is the message with
the other items taken out: the same wording, one place or topic at a time. Tiers asked together ("省级和国家级") are
not cut: the direct line already gives each asked tier its figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from policybot.answering.questions import own_question
from policybot.text.lexical import normalise
from policybot.text.places import aliases, applies, chains_in, places_in, region_chain
from policybot.text.tiers import tier_words

# the asker says it wants each item answered
EACH = re.compile(r"分别|各自|各[能可补给奖拿有是要算多定设订]|比一下|比一比|对比一下|对比|两边|两家|两个|两者|二者|两地|两项|两种|每个|哪个先|哪个后|都[能可]?(?:补|给|拿|奖)多少")
_AND = re.compile(r"和|与|及|以及|跟|同|、|还有|或者|或")
# tiers of one rule: two levels (省级和国家级) or two rounds (首次认定和重新认定)
_TIERS = (re.compile(r"(?:国家|省|市|区|县|州)级"), re.compile(r"首次|重新|再次|第二次|复审"), re.compile(r"[一二三]等奖?"))
MAX_ITEM = 14
_NOT_FIRST = "的之对在和与及或给按级"
_NOT_LAST = "的之和与及或对在"


@dataclass(frozen=True)
class Part:
    """One ask of the message: what it is about (as the message writes it), its own wording, and its place; ``own``:
    only the documents of that place itself (区里 is the district's own measures, not its city's)."""
    label: str
    text: str
    region: str | None = None
    own: bool = False


def split_asks(question: str, known: Callable[[str], bool], home: str = "") -> list[Part]:
    """The asks of ``question`` (two or more), or [] when it asks one thing. ``known``: is a phrase a corpus phrase;
    ``home``: the asker's place, which 区里 and 市里 refer to."""
    return _by_place(question) or _by_level(question, home) or _by_year(question) or _by_item(question, known)


# years listed in the ask ("2023年和2024年的分年目标", "2023、2024年各培育几家"): one ask per year
JOINED_YEARS = re.compile(r"(?:20\d\d\s*年?\s*(?:和|与|及|、|跟|以及|还有)\s*)+20\d\d\s*(?=年)")


# a span of years asked year by year ("2023至2025年各年度的目标", "2023到2025年每年分别多少")
_YEAR_SPAN = re.compile(r"(20\d\d)\s*年?\s*(?:至|到|—|－|-|~|～)\s*(20\d\d)\s*(?=年)")
_EACH_YEAR = re.compile(r"各年|每年|每一年|分年|逐年|各个年|分别")


def _by_year(question: str) -> list[Part]:
    """Two or more years listed in the asking part, or a span of at most five asked year by year, each asked on its
    own (the same words, one year)."""
    m = JOINED_YEARS.search(question)
    years = list(dict.fromkeys(re.findall(r"20\d\d", m.group(0)))) if m else []
    if not m and (m := _YEAR_SPAN.search(question)) and _EACH_YEAR.search(question[m.end():]):
        first, last = int(m.group(1)), int(m.group(2))
        years = [str(y) for y in range(first, last + 1)] if 0 < last - first <= 4 else []
    if len(years) < 2 or m.group(0) not in own_question(question):
        return []
    return [Part(f"{y}年", question[: m.start()] + y + question[m.end():]) for y in years]


_DISTRICT_WORD = re.compile(r"区里|区级|区上|区政府|县里|县级|县上")
_CITY_WORD = re.compile(r"市里|市级|市上|市政府")
_CITY_SAID = re.compile(r"市里|市上|市政府")  # the city as a place, never a tier
_DISTRICT_SAID = re.compile(r"区里|区上|区政府|县里|县上")


# "市里给多少？区里呢？": the other level asked after the first ask, of the same thing
_OTHER_LEVEL_AFTER = re.compile(r"(?<=[？?。，,！!\s])\s*(?:那|那么)?(区里|区上|县里|县上|市里|市上)(?:的话|这边|那边)?呢[？?。！!\s]*$")


def _by_level(question: str, home: str) -> list[Part]:
    """"区里和市里各补多少？": the asker's district and the city containing it, each with its own documents."""
    district = next((c for c in chains_in(question) if len(c) >= 3), None) or (region_chain(home) if home else ())
    if len(district) >= 3 and not EACH.search(question) and (then := _OTHER_LEVEL_AFTER.search(question)):
        return _level_then_other(question[: then.start()].strip(), then.group(1), district)
    if len(district) < 3 or not EACH.search(question):
        return []
    # the words as places ("区里和市里") before the same words as tiers ("市级企业科技创新中心")
    d = _DISTRICT_SAID.search(question) or _DISTRICT_WORD.search(question)
    c = _CITY_SAID.search(question) or _CITY_WORD.search(question)
    if d is None:  # "五华区和市里各有奖励吗": the district by its name, joined to the city said as a place
        c = _CITY_SAID.search(question)  # ("五华区…入选市级科技创新团队…分别多少": 市级 beside a name is a tier)
        d = _joined_name(question, district, c.group(0)) if c else None
    if not d or not c:
        return []
    return [Part(district[-1], _one(_without(question, c.group(0))), region=district[-1], own=True),
            Part(district[-2], _one(_without(question, d.group(0))), region=district[-2], own=True)]


def _level_then_other(first: str, other: str, district: tuple[str, ...]) -> list[Part]:
    """"…市里给多少？" then "区里呢？": the first ask at its level, and the same ask at the other level said after it."""
    city_said = _CITY_SAID.search(other) is not None
    said = (_DISTRICT_SAID if city_said else _CITY_SAID).search(first)
    if said is None:
        return []
    swapped = first[: said.start()] + other + first[said.end():]
    first_region, other_region = (district[-1], district[-2]) if city_said else (district[-2], district[-1])
    return [Part(first_region, first, region=first_region, own=True),
            Part(other_region, swapped, region=other_region, own=True)]


def _one(part: str) -> str:
    """A part asked of one place: "市里各给多少" is "市里给多少" ("各给" read as a word weighs nothing asked)."""
    return re.sub(r"各(?=[能可补给奖拿有是要算多])|分别|各自", "", part)


def _joined_name(question: str, district: tuple[str, ...], city: str) -> re.Match | None:
    """The district's name written joined to the city word ("五华区和市里", "市里和五华区"), if it is."""
    for a in (a for a in aliases(district) if len(a) >= 2):
        name, c = re.escape(a), re.escape(city)
        if m := re.search(rf"{name}(?=(?:和|与|及|、|跟|还有){c})|(?<={c}(?:和|与|及|、|跟)){name}", question):
            return m
    return None


def _without(question: str, word: str) -> str:
    """The question with ``word`` and a conjunction next to it taken out (the other part's word)."""
    return re.sub(rf"(?:和|与|及|、|跟)?{re.escape(word)}(?:和|与|及|、|跟)?", "", question, count=1)


def _by_place(question: str) -> list[Part]:
    """Two places neither of which contains the other, each with the clauses that speak of it."""
    # "贵阳云岩": the city written before its district names one place, the district
    chains = [c for c in chains_in(question) if not any(len(o) > len(c) and o[:len(c)] == c for o in chains_in(question))]
    apart = [c for c in chains if not any(o != c and (applies(c, o) or applies(o, c)) for o in chains)]
    # "…两家都是第一次评上高企。先问临沧那边子公司能拿多少": a 两家 of the description asks nothing of each
    if len(apart) < 2 or not EACH.search(own_question(question)):
        return []
    written = {c: [a for a in aliases(c) if a and a in question] for c in apart}
    if not all(written.values()):
        return []
    parts = []
    for c in apart:
        others = [a for o in apart if o != c for a in written[o]]
        text = "".join(_clause_for(clause, written[c], others) for clause in re.findall(r"[^，,；;。]+[，,；;。]?", question))
        text = re.sub(r"分别|各自", "", BOTH_WORDS.sub("", text))  # one place's part asks of it alone ("分别" drew other rules)
        parts.append(Part(max(written[c], key=len), text.strip("，,；; ") or question, region=c[-1]))
    return parts


# the places already named taken together ("两边…分别多少"): each part asks of its own place
BOTH_WORDS = re.compile(r"两边|两地|两个地方|两处|二者|这两个?地")


def _clause_for(clause: str, mine: list[str], others: list[str]) -> str:
    """A clause as one place's part reads it: dropped when it names only other places, else without their names."""
    names_other = any(a in clause for a in others)
    if names_other and not any(a in clause for a in mine):
        return ""
    for a in sorted(others, key=len, reverse=True):
        clause = re.sub(rf"(?:和|与|及|、|跟)?{re.escape(a)}(?:和|与|及|、|跟)?", "", clause)
    return clause


def _by_item(question: str, known: Callable[[str], bool]) -> list[Part]:
    """Corpus phrases joined by 和/、/与 in the asking part and asked about each (not two tiers of one rule): the
    whole list ("A、B和C分别…"), each part with the list replaced by its item."""
    asking = own_question(question)
    if not EACH.search(asking):
        return []
    for m in _AND.finditer(asking):
        left = _longest(asking[: m.start()], known, suffix=True)
        after = m.end() + len(q.group(0)) if (q := _MEASURE.match(asking, m.end())) else m.end()  # "和一个专家工作站"
        right = _longest(asking[after:], known, suffix=False)
        if not _pair(left, right):
            continue
        left = _own_modifier(asking[: m.start() - len(left)], left, right, known)
        right = _own_tail(asking[after + len(right):], left, right)
        items = [left, right]
        start, end = m.start() - len(left), _list_end(asking, after + len(right), items, known)
        return [Part(item, question.replace(asking, asking[:start] + item + asking[end:], 1)) for item in items]
    return []


def _own_modifier(before: str, left: str, right: str, known: Callable[[str], bool]) -> str:
    """The left item with the word written just before it when that word belongs to it alone: "高企数量和研发投入"
    is 高企数量 and 研发投入 (there is no 高企研发投入), while a tier ("省级重点实验室和工程中心") or a word the right item
    also takes is shared by both."""
    pre = _longest(before, known, suffix=True)
    if not pre or places_in(pre) or any(t.search(pre) for t in _TIERS) or known(pre + right):
        return left
    return pre + left


def _own_tail(after: str, left: str, right: str) -> str:
    """The right item with the "的…" written after it when that names its own thing of the left item's kind:
    "国际科技研发中心和引进的知名高校研发中心" is 引进的知名高校研发中心 (the left has its 中心), while "省级和国家级的重点
    实验室" shares its tail."""
    tail = re.match(r"的([\u4e00-\u9fff]{2,12})", after)
    if not tail:
        return right
    named = EACH.split(tail.group(1))[0]
    return right + "的" + named if len(named) >= 2 and left[-2:] == named[-2:] else right


_MEASURE = re.compile(r"(?:一|两|几|每|这|那|各)(?:个|家|项|种|所|批|座)")


def _pair(left: str, right: str) -> bool:
    """Two items of a list: two different corpus phrases, neither a place, not two tiers of one rule."""
    if not left or not right or normalise(left) == normalise(right) or places_in(left) or places_in(right):
        return False
    return not any(tier.search(left) and tier.search(right) for tier in _TIERS)


def _list_end(asking: str, end: int, items: list[str], known: Callable[[str], bool]) -> int:
    """Where the list that ``items`` begin ends ("A、B和C": C's end), the items after them added (once each)."""
    while (m := _AND.match(asking, end)) and _pair(items[-1], nxt := _longest(asking[m.end():], known, suffix=False)):
        if normalise(nxt) not in {normalise(i) for i in items}:
            items.append(nxt)
        end = m.end() + len(nxt)
    return end


def _longest(text: str, known: Callable[[str], bool], suffix: bool) -> str:
    """The longest corpus phrase (2–14 CJK characters) ending (or starting) ``text`` at the conjunction."""
    run = re.search(r"[\u4e00-\u9fff]+$" if suffix else r"^[\u4e00-\u9fff]+", text)
    if not run:
        return ""
    run = EACH.split(run.group(0))[-1 if suffix else 0]  # "专家工作站分别补多少": the item ends before 分别
    for n in range(min(MAX_ITEM, len(run)), 1, -1):
        piece = run[-n:] if suffix else run[:n]
        if piece[0] in _NOT_FIRST or piece[-1] in _NOT_LAST:
            continue  # "的高新技术企业" is a phrase of the corpus, not a name
        if known(piece):
            return piece
    return ""


# a last part typed without its mark still asks ("…多少？今年2024年呢")
_ASKS = re.compile(r"[呢吗吧么]\s*[。！!]?$|多少|几|哪|什么|啥|谁|怎么|如何|是否|能不能|有没有")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a first part that only greets or checks someone is there ("在吗？", "你好？") asks nothing of its own
_HAIL = re.compile(r"^(?:您好|你好|在吗|在不在|有人吗|请问|hello|hi)[呀啊吗么！!，,。？?\s]*$", re.IGNORECASE)


# "那研发投入的目标呢还有有研发活动的企业数要到多少": an ask closed by 呢 and another joined on by 还有/另外, typed without
# a question mark; not "…呢？还有没有别的" (还有 asking whether there is more) nor "还有吗"
_THEN = re.compile(r"(?<=呢)[，,\s]*(?:还有|另外|再有|再就是)(?!没有|吗|啥|什么|哪|别的|其他|其它|的)")


# "有研发活动的企业数2025年目标多少，研发投入呢": an ask, then the same ask of another thing closing the message
_SAME_OF = re.compile(r"(?:(?<=多少)|(?<=几[个家项件])|(?<=哪些)|(?<=什么)|(?<=[啥吗么]))[，,]\s*"
                      r"(?=(?:那|那么)?(?![^，,。？?!！]*(?:规上|规下|规模以))[^，,。？?!！]{2,14}呢[？?]?\s*$)"
                      # "技术合同成交额2025年目标多少2024年呢": another year, typed with no pause
                      r"|(?<=多少)(?=20\d\d\s*年[^，,。？?!！]{0,6}呢[？?]?\s*$)")
# (not a size, "…能补多少，规下的呢": the asker's size is read from the whole message, and a size asked of is not its)


def _other_thing(m: re.Match) -> str:
    """A comma before "…呢" closing the message ends the first question, unless what the "…呢" names is a tier of the
    same rule ("首次认定高企给多少，重新认定呢": one ask of two tiers, answered on one line)."""
    return m.group(0) if tier_words(m.string[m.end():]) else "？"


def questions_in(message: str) -> list[str]:
    """The questions of a message that asks two or more, each ended by its question mark (words after the last mark
    go with it), by 呢 before 还有/另外, or by a comma before "…呢" closing the message; [] for a message that asks one
    thing, or whose parts are too short to stand alone."""
    marked = _SAME_OF.sub(_other_thing, _THEN.sub("？", message.strip()))
    pieces = [p.strip() for p in re.split(r"(?<=[？?])", marked) if p.strip()]
    if len(pieces) > 1 and not re.search(r"[？?]$", pieces[-1]) and not _ASKS.search(pieces[-1]):
        pieces[-2:] = [pieces[-2] + pieces[-1]]  # "…多少？我们是规上企业": words after the last mark say, not ask
    if len(pieces) < 2 or _HAIL.match(pieces[0]):
        return []
    if len(_CJK.findall(pieces[0])) < 4 or any(len(_CJK.findall(p)) < 2 for p in pieces[1:]):
        return []
    return pieces
