"""Which sentence of a passage to quote, scored by the fitted ``select`` model.

Candidates are the passage's sentences and neighbouring sentence pairs on one line; heading-only
lines are not candidates. The chosen sentence then grows to the whole rule it belongs to: a
provision that continues after "；" (基础补助 …；增量奖励 …) is quoted whole, never cut mid-rule.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from policybot.answering.scoring import Model, Terms, bigram_share, figure, intent_hits, share, tier_signal, topical_text
from policybot.text.citations import sentences, squash
from policybot.text.lexical import YEAR, holds, normalise, overlap, vocabulary
from policybot.text.rules import GIVING, department_span, whole_rule
from policybot.text.structure import heading_level, is_heading_only
from policybot.text.tier_clauses import MONEY
from policybot.text.tiers import same_tiers
from policybot.types import ScoredChunk

# a line that only names who carries out a task (not a sentence that says so in passing)
_DEPT_ONLY = re.compile(r"^[（(]?\s*(牵头|责任|指导|配合)(部门|单位)\s*[:：]|^[（(][^（）()]*负责落实[)）]$")


@dataclass
class Pick:
    """A quote span inside an evidence passage, with its features and scores."""
    sc: ScoredChunk
    start: int
    end: int
    score: float  # the select model's logit
    rank: int  # the passage's rank in the evidence
    x: dict = field(default_factory=dict)
    prob: float = 0.0  # P(answerable), set by the answer stage

    @property
    def text(self) -> str:
        return self.sc.chunk.text[self.start : self.end]


def _is_heading(text: str, start: int, end: int) -> bool:
    """A heading names a topic but states nothing: a numbered line head ("8. 加快专精特新企业培育。")."""
    body = text[start:end]
    if heading_level(body) is None:
        return False
    if is_heading_only(body):
        return True
    line_head = start == 0 or text[start - 1] == "\n"
    rest = re.sub(r"^\s*(?:\d{1,2}\s*[.．、]|[（(]\s*[\d一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+、)", "", body)
    return line_head and len(body) <= 40 and not re.search(r"\d", rest) and body.rstrip().endswith(("。", "."))


def _spans(text: str) -> list[tuple[int, int]]:
    return [
        se for se in sentences(text)
        if len(squash(text[se[0] : se[1]])) >= 6 and not _is_heading(text, *se)
    ]


@functools.lru_cache(maxsize=4096)
def candidates(text: str, with_departments: bool = True) -> tuple[tuple[int, int, bool], ...]:
    """(start, end, is_pair) of the sentences and same-line sentence pairs of a passage (a passage's are read once)."""
    spans = [se for se in _spans(text) if with_departments or not _DEPT_ONLY.search(text[se[0] : se[1]].strip())]
    # a topic sentence and the sentence with its figure; two sentences with figures are two rules
    pairs = [
        (a[0], b[1], True) for a, b in zip(spans, spans[1:])
        if "\n" not in text[a[1] : b[0]] and b[1] - a[0] <= 160
        and not (MONEY.search(text[a[0] : a[1]]) and MONEY.search(text[b[0] : b[1]]))
    ]
    # "——有研发活动的企业数量和研发投入实现倍增。…数量在2022年27家的基础上,…55家以上。研发投入在…2025年达到5亿元以上。": a
    # topic sentence naming two subjects, with the sentence of each figure after it
    triples = [
        (a[0], c[1], True) for a, b, c in zip(spans, spans[1:], spans[2:])
        if "\n" not in text[a[1] : c[0]] and c[1] - a[0] <= 160 and not re.search(r"\d", text[a[0] : a[1]])
        and re.search(r"\d", text[b[0] : b[1]]) and re.search(r"\d", text[c[0] : c[1]])
        and not (GIVING.search(text[b[0] : b[1]]) and GIVING.search(text[c[0] : c[1]]))  # two rules, not two figures
    ]
    return tuple([(s, e, False) for s, e in spans] + pairs + triples)


def rivals_of(tiers: frozenset[str]) -> frozenset[str]:
    out, tiers = set(), same_tiers(tiers)
    for family in vocabulary().get("tiers", []):
        if tiers & set(family):
            out.update(w for w in family if w not in tiers and not any(w in t or t in w for t in tiers))
    return frozenset(out)


def features(body: str, sc: ScoredChunk, rank: int, top: float, terms: Terms, pair: bool, ctx: dict,
             dept: bool = False) -> dict:
    first, other = intent_hits(body, terms.intents)
    norm = normalise(body)  # share(body, …) for both term sets, normalising once
    return {
        "dept": 1.0 if dept and terms.wants_department else 0.0,
        "heading": share(ctx["heading_of"](body), terms.focus),
        "year": year_signal(body, terms.years),
        "place": 1.0 if any(p in body for p in terms.places) else 0.0,
        "cov": overlap(topical_text(norm, terms.weights), terms.weights),
        "focus": overlap(topical_text(norm, terms.focus), terms.focus),
        "focus_ctx": ctx["focus_ctx"],
        "bigram": bigram_share(body, terms.bigrams),
        "intent": first,
        "intent_other": other,
        "tier": tier_signal(body, terms.tiers, ctx["rivals"]),
        "rank": 1.0 / rank,
        "fused": sc.score / top if top else 0.0,
        "dense": sc.dense,
        "length": math.log1p(len(body)) ,
        "pair": 1.0 if pair else 0.0,
        "figure": figure(body),
    }




def year_signal(body: str, years: frozenset[str]) -> float:
    """+1 when the sentence names an asked year, −1 when it names only other years."""
    if not years:
        return 0.0
    found = set(YEAR.findall(body))
    return 1.0 if found & years else -1.0 if found else 0.0


@functools.lru_cache(maxsize=8192)
def _heads(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, heading) of each heading line of a passage's text (read once per passage)."""
    heads = []
    pos = 0
    for line in text.split("\n"):
        if heading_level(line) is not None:
            first = sentences(line)
            heads.append((pos, line[: first[0][1]] if first else line))
        pos += len(line) + 1
    return tuple(heads)


def _headings_in(sc: ScoredChunk):
    """A function giving the nearest heading above a sentence of the passage (its task's name)."""
    text = sc.chunk.text
    heads = _heads(text)
    default = sc.chunk.section[-1] if sc.chunk.section else ""

    def heading_of(body: str) -> str:
        at = text.find(body)
        above = [h for p, h in heads if p <= at]
        return above[-1] if above else default

    return heading_of


def context(sc: ScoredChunk, terms: Terms) -> dict:
    """Passage-level features shared by its candidates."""
    text = sc.chunk.index_text()
    plain = normalise(text)
    norm = topical_text(plain, terms.focus)
    top = max(terms.focus, key=terms.focus.get) if terms.focus else None
    return {
        "focus_top": 1.0 if top is not None and holds(norm, top) else 0.0,
        # the important focus terms (at least half the top weight) all held
        "focus_key": 1.0 if all(holds(norm, t) for t, w in terms.focus.items()
                                if w >= 0.5 * max(terms.focus.values())) else 0.0,
        "focus_ctx": overlap(norm, terms.focus),  # share(text, …) without normalising the passage again
        "cov_ctx": overlap(topical_text(plain, terms.weights), terms.weights),
        "bigram_ctx": bigram_share(text, terms.bigrams),
        "rivals": rivals_of(terms.tiers),
        "heading_of": _headings_in(sc),
    }


# a plan's yearly target line ("——到2025年,…"), its year captured
TARGET_LINE = re.compile(r"\s*(?:——)?\s*(?:到|至|力争到?|争取到?)\s*(20\d\d)\s*年")
TARGET_TIE = 0.05  # sentences scoring this close are alike; of a plan's yearly targets, the final year's is the target


def _later_target(sentence: str, best: Pick, score: float, terms: Terms) -> bool:
    """"临沧的研发强度目标呢" asks no year: of the yearly target lines ("——到2023年…", "——到2025年…") that score alike,
    the plan's final year, not the first listed."""
    if "target" not in terms.intents[:1] or terms.years or score < best.score - TARGET_TIE:
        return False
    new, old = TARGET_LINE.match(sentence), TARGET_LINE.match(best.text)
    return bool(new and old and new.group(1) > old.group(1))


TIER_TIE = 0.5  # logits this close: sentences alike but for the tier the question asks


def _tier_decides(x: dict, best: Pick, score: float, terms: Terms) -> bool | None:
    """"想评省级星创天地，市里给多少": of two sentences of a rule scoring alike, the one paying the asked tier (省级) over
    one that only names the thing (每培育一家…创新载体3万元), when the question asks one tier ("市级是给2万，那国家级呢"
    names two). True: the sentence of ``x`` holds the asked tier and ``best`` does not; None: the tier decides nothing."""
    asked = {t for t in terms.tiers if not any(t != o and o.startswith(t) for o in terms.tiers)}  # 省 of 省级: one
    if "amount" not in terms.intents[:1] or len(asked) != 1 or abs(score - best.score) > TIER_TIE \
            or x.get("figure", 0.0) != best.x.get("figure", 0.0) or x.get("tier", 0.0) == best.x.get("tier", 0.0):
        return None
    return x.get("tier", 0.0) > best.x.get("tier", 0.0) or None


def best_pick(sc: ScoredChunk, rank: int, top: float, terms: Terms, model: Model, topical: bool = False,
              ctx: dict | None = None) -> Pick | None:
    """The passage's best sentence; ``topical`` leaves out 牵头/责任 lines (they are found from the topic); ``ctx``:
    the passage's :func:`context` for these terms, when the caller has it already."""
    text = sc.chunk.text
    ctx = ctx if ctx is not None else context(sc, terms)
    best = None
    for s, e, pair in candidates(text, with_departments=not topical):
        if sc.chunk.is_instruction(s, e):  # a sentence speaking to the assistant is never an answer (documents are data)
            continue
        if not terms.wants_department and not pair and _DEPT_ONLY.search(text[s:e].strip()):
            continue  # "(市…领导小组成员单位负责落实)" answers who carries a task out, never "有几大行动"
        x = features(text[s:e], sc, rank, top, terms, pair, ctx, topical and department_span(text, (s, e)) is not None)
        score = model.logit(x)
        if best is None or _later_target(text[s:e], best, score, terms) or _tier_decides(x, best, score, terms) \
                or (score > best.score and _tier_decides(best.x, Pick(sc, s, e, score, rank, x), best.score, terms) is None):
            best = Pick(sc, s, e, score, rank, x)
    if best is not None:
        best.x.update({k: v for k, v in ctx.items() if k not in ("rivals", "heading_of")})
        grown = whole_rule(text, best.start, best.end, parallel=True)
        if not sc.chunk.is_instruction(*grown):
            best.start, best.end = grown
    return best


def passage_features(sc: ScoredChunk, rank: int, top: float, terms: Terms, select: Model, topical: bool) -> dict:
    """What the reranker reads of a fused passage: its signals' ranks, term shares and best sentence."""
    ctx = context(sc, terms)
    pick = best_pick(sc, rank, top, terms, select, topical, ctx)
    inv = {name: 1.0 / r for name, r in sc.ranks.items()}
    return {
        "fused": sc.score / top if top else 0.0,
        "r_words": inv.get("words", 0.0), "r_bigrams": inv.get("bigrams", 0.0), "r_dense": inv.get("dense", 0.0),
        "dense": sc.dense, "cov_ctx": ctx["cov_ctx"], "focus_ctx": ctx["focus_ctx"], "bigram_ctx": ctx["bigram_ctx"],
        "select": pick.score if pick else -10.0, "focus_top": ctx["focus_top"],
    }
