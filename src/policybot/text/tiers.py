"""Tiered rules inside a quote: which clause gives which beneficiary which figure.

公文 states tiers in two shapes. Parallel enumerations — "对新认定的国家级A、省级B、省级C分别一次性给予
50万元、20万元、5万元奖补" — are aligned item by item, and only when the two lists have the same
length (that is the verification; otherwise the figures are given as written). Separate clauses —
"对首次认定企业给予…10万元补助,对到期后重新认定企业给予…5万元补助" — compete when they give the same
kind of benefit; the question's words choose between them. Every piece of text returned here is a
verbatim slice of the quote, except that an aligned line drops "分别" and the other tiers' figures.
"""

from __future__ import annotations

import re

from policybot.text.concepts import concept_kind, concepts_in
from policybot.text.lexical import normalise, vocabulary, word_tokens
from policybot.text.tier_clauses import Clause, clauses, each_with_figure, enumeration

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _words(text: str) -> set[str]:
    return set(word_tokens(text)) | tier_words(text)


def _numeral(token: str) -> int:
    return int(token) if token.isdigit() else _CN_DIGITS.get(token, 0)


# "第4名", "前3位", and "排第4" / "排名第4" without the measure word
_RANKED = r"(?:第|前)\s*(\d+|[一二两三四五六七八九十])\s*[名位]"
_BARE_RANK = r"排(?:名|在)?第?\s*(\d+|[一二两三四五六七八九十])(?![\d万元%])"
_RANK_SAID = re.compile(f"{_RANKED}|{_BARE_RANK}")


def _rank_numbers(question: str) -> list[int]:
    q = normalise(question)
    found = _RANK_SAID.findall(q)
    # "3到5名", "第三至五名": a range of ranks asked as one tier, read as its first rank
    spans = re.findall(r"(?<![\d前])(\d+|[一二两三四五六七八九十])\s*(?:到|至|-|—|~)\s*第?(?:\d+|[一二两三四五六七八九十])\s*[名位]", q)
    return [_numeral(ranked or bare) for ranked, bare in found] + [_numeral(x) for x in spans]


def rank_said(text: str) -> str:
    """The rank a message says ("我们大概排第三" → 排第三), as written; "" when none."""
    m = _RANK_SAID.search(normalise(text))
    return m.group(0) if m else ""


def bare_rank(text: str) -> str:
    """A rank said without its measure word ("排第3的话是多少"), as a rank with it ("第3名"); "" when none is."""
    m = re.search(_BARE_RANK, normalise(text))
    return f"第{m.group(1)}名" if m else ""


def _rank_match(piece: str, ranks: list[int]) -> bool | None:
    """Does a ranking tier (排名前2名 / 第3至第5名) include the rank the question asks about?"""
    if not ranks:
        return None
    p = normalise(piece)
    m = re.search(r"前\s*(\d+)\s*名", p)
    if m:
        return any(r <= int(m.group(1)) for r in ranks)
    m = re.search(r"第\s*(\d+)\s*(?:至|到|-|—)\s*第?\s*(\d+)\s*名", p)
    if m:
        return any(int(m.group(1)) <= r <= int(m.group(2)) for r in ranks)
    return None


# "入选昆明市科技创新团队", "被评为云南省科技领军人才": a programme named after its place is of that place's level
_LEVEL_OF_PLACE = re.compile(r"(?:入选|评为|认定为|获评|列入|纳入)[\u4e00-\u9fff]{2,3}?([省市区县])(?![级长委])")
_LEVELS = {"省": "省级", "市": "市级", "区": "区级", "县": "县级"}


def same_tiers(words: frozenset[str]) -> frozenset[str]:
    """``words`` with the words of the same tier ("规上" is "规模以上"; "再认定" is "重新认定"): never each other's rival."""
    out = set(words)
    for group in vocabulary().get("tier_same", []):
        if out & set(group):
            out.update(group)
    return frozenset(out)


def tier_words(text: str) -> set[str]:
    """The tier words ``text`` holds; one found only as the tail of a longer word of its family is not ("新认定" in
    "重新认定" is a renewal, not a new recognition)."""
    t = normalise(text)
    found = set()
    for family in vocabulary().get("tiers", []):
        spans = {w: [(m.start(), m.end()) for m in re.finditer(re.escape(w), t)] for w in family if w in t}
        longer = [span for found_at in spans.values() for span in found_at]
        for w, at in spans.items():
            if any(not any(a < s and e <= b for a, b in longer) for s, e in at):  # (国家 of 国家级 counts)
                found.add(w)
    return found | {_LEVELS[m.group(1)] for m in _LEVEL_OF_PLACE.finditer(t)}


# a question asking each of several tiers ("优秀和合格分别多少", "前两名和3到5名各给多少")
_EACH = re.compile(r"分别|各自|各(?:是|给|补|奖|能|有)|都是多少")
_ORDINARY = re.compile(r"一般|普通")  # "一般规上企业": the rule's 其他规上企业


def _unique(hits: list[int]) -> int | None:
    return hits[0] if len(hits) == 1 else None


_NEGATED = re.compile(
    r"(?:不是|并非|而非|不含|不包括|除了?|非(?!常))([^，,。；;？?！!）)、\s]{1,10}?)(?:以外|之外|外)?"
    r"(?=[，,。；;？?！!）)的\s]|$|那(?![个些边里样]))"  # "还不是高企那研发补贴按几个点": typed without a pause
    r"|[^，,。；;？?！!（(]{1,10}?(?:的)?(?:不用说|不算|除外|就不问了|先不说|不用管)"
)
_KNOWN = re.compile(r"(?:我知道了?|知道了|清楚了|不用说了?|不用管|就不问了|先不说|查到了?)[^，,。；;]*[，,。；;]")
_THEN = re.compile(r"[，,。；;]\s*(?=那么?|那要是|要是|如果是?|换成|只问|只看|仅问|单问)")


# the asker says what it is not: "还没评上高企", "没有认定为专精特新", "尚未入库科技型中小企业"
# ("还没坪上高企": a slip in the verb before 上 changes nothing)
_LACKS = re.compile(r"(?:还没有?|没有|尚未|还未|暂未)(?:被)?(?:评上|评为|认定为?|获评|成为|入库|通过|[^有\s，,。；;？?！!）)、]上)"
                    r"([^，,。；;？?！!）)、]{1,10})")


# what the asker says it loses ("如果今年我们高企资格没续上", "高企没通过复审"): it is not one any more
_LOST = re.compile(r"([^\s，,。；;？?！!）)、]{1,8}?)(?:的)?(?:资格|认定|证书|称号|身份)?(?:没有?|未|没能)"
                   r"(?:续上|续期|续下来|保住|通过复审|复审通过|过审|通过重新认定)")


def unnegated(question: str) -> str:
    """The question without what it rules out ("专家工作站（不是院士站）" asks about 专家工作站 only; "还没评上高企"
    says the asker is not one; "高企资格没续上" that it is not one any more)."""
    return _LOST.sub("", _LACKS.sub("", _NEGATED.sub("", question)))


def ruled_out(question: str) -> set[str]:
    """What the question rules out — what the asker says it is not, or asks to leave aside — as the words a
    piece of a rule would use: tier words, and each policy word with its synonyms (高企 → 高新技术企业)."""
    phrases = [m.group(1) or "" for m in _NEGATED.finditer(question)] + [m.group(1) for m in _LACKS.finditer(question)] \
        + [m.group(1) for m in _LOST.finditer(question)]
    gone = " ".join(phrases)
    if not gone.strip():
        return set()
    words = tier_words(gone) | {p.strip() for p in phrases if len(p.strip()) >= 4}
    for key, targets in vocabulary()["synonyms"].items():
        if key in gone:
            words |= {key, *targets}
    return words


def said_not(question: str, lacks: tuple[str, ...] = (), held: frozenset[str] = frozenset()) -> str:
    """What the question (and the asker, earlier) rules out, as clauses tier choice reads after the question is
    stripped of them ("，不是高企"): asking_part drops negations, so they travel separately. ``held``: concept ids
    the message now names as the company's ("要是明年评上高企了呢"), whatever it said it lacked before."""
    phrases = [m.group(1) for m in _LACKS.finditer(question)] + [x for x in lacks if x not in question]
    # "如果今年我们高企资格没续上": the recognition it would lose, as a word the rule uses
    phrases += [a for m in _LOST.finditer(question) for cid, a0, b0 in concepts_in(m.group(1))
                if concept_kind(cid) == "cert" for a in [m.group(1)[a0:b0]]]
    # "他们不是高企": a recognition the company is said not to hold (not "除了…", which leaves a topic aside)
    phrases += [m.group(1) for m in _NEGATED.finditer(question)
                if m.group(1) and m.group(0).startswith(("不是", "并非", "而非"))
                and any(concept_kind(cid) == "cert" for cid, _, _ in concepts_in(m.group(1)))]
    return "".join(f"，不是{p.strip()}" for p in dict.fromkeys(phrases)
                   if p and p.strip() and not held & {cid for cid, _, _ in concepts_in(p)})


def _holds_any(piece: str, words: set[str]) -> bool:
    p = normalise(piece)
    return any(normalise(w) in p for w in words)


def asking_part(question: str) -> str:
    """Where a tier is asked for: after what the asker already knows ("国家级的我知道，省级的呢").

    "刚查到国家级的50万元，那省级星创天地呢？" → "那省级星创天地呢？"."""
    q = unnegated(question)
    for pattern in (_KNOWN, _THEN):
        last = None
        for last in pattern.finditer(q):
            pass
        if last is not None and q[last.end() :].strip():
            q = q[last.end() :]
    return q


def asked_tiers(text: str) -> set[str]:
    """Tier words the text asks about; in a compound of two (带头人后备人选) the head, the latter, counts."""
    t = normalise(text)
    hits = []
    for family in vocabulary().get("tiers", []):
        for w in family:
            hits += [(m.start(), m.end(), w, id(family)) for m in re.finditer(re.escape(w), t)]
    keep = set()
    for a in hits:
        if any(b[0] == a[1] and b[3] == a[3] and len(b[2]) >= 4 for b in hits):
            continue  # "带头人" in "带头人后备人选" (not "优秀合格分别多少": two grades, each asked)
        keep.add(a[2])
    return keep


def choose(pieces: list[str], question: str, outside: str = "") -> int | None:
    """Index of the one piece the question asks about, or None when it names none of them, or two.

    A rank in the question decides first (第4名 → 第3至第5名), then a tier word (省级, 重新认定 …) that
    only one piece holds, then the question's bigrams that the pieces do not all share and that do
    not occur in ``outside`` (the rest of the quote: the rule's common topic).
    """
    if len(pieces) < 2:
        return None
    excluded = ruled_out(question)
    if excluded:  # "我们还没评上高企": the piece for 高企 is not the asker's, when another piece is left
        left = [i for i, p in enumerate(pieces) if not _holds_any(p, excluded)]
        if len(left) == 1:
            return left[0]
    question = unnegated(question)
    by_rank = [_rank_match(p, _rank_numbers(question)) for p in pieces]
    if any(x is not None for x in by_rank):
        return _unique([i for i, x in enumerate(by_rank) if x])
    asked = asked_tiers(question)
    candidates = list(range(len(pieces)))
    if _EACH.search(question):  # "规上高企和一般规上企业分别按多少": each tier asked is stated
        each = asked_tiers(_ORDINARY.sub("其他", question))
        if len({frozenset(each & tier_words(p)) for p in pieces if each & tier_words(p)}) >= 2:
            return None
    for family in vocabulary().get("tiers", []):
        mine = asked & set(family)
        if not mine:
            continue
        holding = [i for i in candidates if mine & tier_words(pieces[i])]
        if _joined(mine, question) and len({frozenset(mine & tier_words(pieces[i])) for i in holding}) >= 2:
            return None  # "优秀合格分别多少", "优秀和合格都是多少": two tiers of a family asked together, each is stated
        if len(holding) == 1:
            return holding[0]
        candidates = holding or candidates
    named = {cid for cid, _, _ in concepts_in(question)}
    held = [{cid for cid, _, _ in concepts_in(p)} for p in pieces]
    told = [i for i, h in enumerate(held) if named & h - set.intersection(*held)]  # what sets one piece apart
    if asked and all(asked & tier_words(p) for p in pieces):
        if len(told) != 1:
            return None  # "规上企业…多少比例" of 规上高企 2% and 其他规上企业 1%: the tier asked covers every piece
        if len({frozenset(asked & tier_words(p)) for p in pieces}) == 1 and told[0] in candidates:
            return told[0]  # "我们是规上高企": the tier covers both; the one piece naming the recognition named
    grams = [_words(p) for p in pieces]
    shared = set.intersection(*grams) | _words(outside)
    # a word every piece says in its own words ("研发投入" and "研发经费投入") chooses none of them
    syn = vocabulary()["synonyms"]
    q = {w for w in _words(question) if not all(any(a in p for a in (w, *syn.get(w, ()))) for p in pieces)}
    scores = {i: len((grams[i] - shared) & q) for i in candidates}
    best = max(scores.values())
    if best == 0:
        return None
    return _unique([i for i, v in scores.items() if v == best])


def _joined(words: set[str], question: str) -> bool:
    """Are two of ``words`` written side by side or joined ("优秀合格", "优秀和合格"), not one said as background
    ("市级认定后…省级这一档再给多少")?"""
    return any(re.search(re.escape(a) + r"\s*[和、与及跟或/]?\s*" + re.escape(b), question)
               for a in words for b in words if a != b)


WHICH_RANKS = re.compile(r"[前第]\s*几\s*[名位]")


def amount_lines(quote: str, question: str) -> tuple[list[str], bool]:
    """The figure lines a direct answer states for ``question``, and whether a tier was chosen.

    Rival clauses (same benefit, different beneficiaries) are narrowed to the asked one; clauses of
    other benefits in the same rule are kept. Lines are verbatim clauses or aligned tier lines.
    """
    money = [c for c in clauses(quote) if c.money]
    if not money:
        return [], False
    question = WHICH_RANKS.sub("", question)  # "前几名才有？" asks which ranks: every tier, none chosen
    groups: dict[str, list[Clause]] = {}
    for c in money:
        groups.setdefault(c.benefit or str(id(c)), []).append(c)
    lines, chose = [], False
    for group in groups.values():
        picked = group
        if len(group) > 1:
            spans = [(c.start if c.lead < 0 or c.text.startswith("对") else c.lead, c.end) for c in group]
            pieces = [quote[a:b] for a, b in spans]
            i = choose(pieces, question, _without(quote, spans))
            if i is not None:
                picked, chose = [group[i]], True
        for c in picked:
            got, narrowed = _lines_of(c, question)
            lines.extend(got)
            chose = chose or narrowed
    return lines, chose


def _lines_of(c: Clause, question: str) -> tuple[list[str], bool]:
    enum = enumeration(c)
    if enum is not None:
        i = choose(enum.items, question)
        return (enum.lines(), False) if i is None else ([enum.line(i)], True)
    pairs = each_with_figure(c)
    if pairs is not None:
        i = choose(pairs, question)
        if i is not None:
            return [pairs[i].strip()], True
    return [_with_subject(c)], False


def _without(quote: str, spans: list[tuple[int, int]]) -> str:
    """The quote with the rivals' own text blanked: what they have in common."""
    chars = list(quote)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _with_subject(c: Clause) -> str:
    """A money clause, led by its beneficiary when the clause itself does not name one."""
    if c.subject and not c.text.startswith("对"):
        pieces = c.subject.split("，")
        # from the 对-phrase that names who receives it ("对规模以上企业新设立研发机构，…超过1.5%"), when short
        lead = max((i for i, p in enumerate(pieces) if p.startswith("对") and not re.search(r"给予|补助|奖励|政策", p)),
                   default=len(pieces) - 1)
        near = "，".join(pieces[lead:])
        if lead < len(pieces) - 1 and len(near) <= 45:
            return f"{near}，{c.text}"
        near = pieces[-1]
        if len(near) <= 30:
            return f"{near}，{c.text}"
    return c.text
