"""Features of candidate quotes and passages, and the linear models fitted on the dev split.

Three decisions are made by weights rather than hand-set constants, each a logistic model over a
few features (see ``policybot fit`` and ``fitting.py``):

- ``rerank``: the order of the retrieved passages (is this passage the one holding the answer?);
- ``select``: the sentence quoted from a passage (does this sentence hold the answer?);
- ``answerable``: whether the best quote answers the question at all (found / not found).

The weights live in ``data/weights.json`` with the split they were fitted on.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from policybot.text.lexical import alts, bigram_tokens, holds, normalise, overlap, vocabulary
from policybot.text.rules import AGENCY_END, without_agencies
from policybot.text.tier_clauses import MONEY
from policybot.text.tiers import same_tiers, tier_words

INTENT_PATTERNS = {
    "amount": MONEY,
    "department": re.compile(
        r"^[（(]?\s*(牵头|责任|指导|配合)(部门|单位)\s*[:：]|负责落实[)）]?$|为召集单位|[（(]责任(部门|单位)\s*[:：]"
    ),
    "condition": re.compile(
        r"对[^。；]{2,40}的|经[^。；]{0,20}认定|超过|达到|符合|须|应当|以上|满足|连续|首次|重新认定|有效期满|新认定|新设立|较上"
    ),
    "target": re.compile(
        r"(达到?|突破|以上|新增|培育|增长|不少于|超过)[^。；]{0,12}\d|\d[^。；]{0,12}(以上|家|个|件|人|项|亿元|万元|%)"
    ),
    "validity": re.compile(r"有效期|施行|自印发之日|执行期"),
    "deadline": re.compile(r"\d+\s*个?月内|每年|每季度|每半年|之日起|日前|前完成|年底|20\d\d年|\d+月\d+日"),
}

SELECT_FEATURES = ("cov", "focus", "focus_ctx", "bigram", "intent", "intent_other", "tier", "rank", "fused",
                   "dense", "length", "pair", "figure", "dept", "place", "heading", "year")
ANSWER_FEATURES = ("select", "focus_ctx", "focus", "focus_top", "focus_key", "cov_ctx", "missing", "unseen", "dense")
RERANK_FEATURES = ("fused", "r_words", "r_bigrams", "r_dense", "dense", "cov_ctx", "focus_ctx", "focus_top", "bigram_ctx",
                   "select")


@dataclass(frozen=True)
class Terms:
    """A question's terms as the features need them."""

    weights: dict  # content term (word or synonym tuple) -> IDF
    focus: dict  # the subset that names what is asked about
    missing: float  # share of the focus weight that no document uses
    bigrams: frozenset[str]  # the question's content bigrams (vocabulary expansions included)
    intents: tuple[str, ...]
    unseen: float = 0.0  # 1 when a focus noun is used by no document (技改, 电费): an absent topic's name
    tiers: frozenset[str] = field(default_factory=frozenset)
    places: tuple[str, ...] = ()  # the named places' names and aliases, as a passage may mention them
    wants_department: bool = False
    years: frozenset[str] = field(default_factory=frozenset)  # years the question names ("2023")
    absent: tuple[str, ...] = ()  # the asker's own topic nouns that no document contains (as written)
    absent_asked: bool = False  # an absent topic is what "有没有…" asks for ("对引进的高端人才有没有安家费")


def share(text: str, terms: dict) -> float:
    """Share of the weighted ``terms`` in ``text``; a word found only inside an agency's name ("住房" of
    区住房和城乡建设局) is not found, unless a term names an agency itself ("税务局")."""
    return overlap(topical_text(normalise(text), terms), terms)


def topical_text(norm: str, terms) -> str:
    """Normalised ``norm`` as the topic is matched in it: the agencies it lists blanked, unless ``terms`` name one."""
    if any(map(_names_agency, terms)):
        return norm
    return without_agencies(norm)


@functools.lru_cache(maxsize=4096)
def _names_agency(term) -> bool:
    return any(a.endswith(AGENCY_END) for a in alts(term))


def bigram_share(text: str, grams: frozenset[str]) -> float:
    if not grams:
        return 0.0
    t = normalise(text)
    return sum(1 for g in grams if g in t) / len(grams)


def tier_signal(text: str, tiers: frozenset[str], rivals: frozenset[str]) -> float:
    """+1 when the text holds an asked tier word, −1 when it holds only other tiers' words, or a family asked about
    ("市级" of 国家级/省级/市级) only by another word ("优秀、合格" of 云南省创新团队 when 市级 was asked)."""
    if not tiers:
        return 0.0
    tiers = same_tiers(tiers)
    held = tier_words(text)  # the words, and the level of a programme named after its place ("入选昆明市…" is 市级)
    mine, others = held & tiers, held & rivals
    if any(tiers & fam and others & fam and not mine & fam for fam in _tier_families()):
        return -1.0
    if mine:
        return 1.0
    return -1.0 if others else 0.0


@functools.cache
def _tier_families() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(f) for f in vocabulary().get("tiers", []))


def intent_hits(text: str, intents: tuple[str, ...]) -> tuple[float, float]:
    first, other = 0.0, 0.0
    for i, name in enumerate(intents):
        pattern = INTENT_PATTERNS.get(name)
        if pattern is not None and pattern.search(text.strip()):
            if i == 0:
                first = 1.0
            else:
                other = 1.0
    return first, other


@dataclass
class Model:
    """A fitted logistic model: standardised features, coefficients, intercept (and a threshold)."""

    features: tuple[str, ...]
    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float = 0.5

    def logit(self, x: dict[str, float]) -> float:
        # plain floats: a handful of features scored thousands of times per answer (numpy's per-call cost dominated)
        return sum((x[f] - m) / s * c for f, m, s, c in self._rows) + self.intercept

    @functools.cached_property
    def _rows(self) -> tuple[tuple[str, float, float, float], ...]:
        return tuple(zip(self.features, map(float, self.mean), map(float, self.scale), map(float, self.coef)))

    def prob(self, x: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.logit(x)))))

    @classmethod
    def from_json(cls, d: dict) -> "Model":
        n = len(d["features"])
        return cls(
            features=tuple(d["features"]), coef=np.array(d["coef"], dtype=float), intercept=float(d["intercept"]),
            mean=np.array(d.get("mean", [0.0] * n), dtype=float), scale=np.array(d.get("scale", [1.0] * n), dtype=float),
            threshold=float(d.get("threshold", 0.5)),
        )

    def to_json(self) -> dict:
        return {"features": list(self.features), "coef": [round(float(c), 6) for c in self.coef],
                "intercept": round(self.intercept, 6), "mean": [round(float(m), 6) for m in self.mean],
                "scale": [round(float(s), 6) for s in self.scale], "threshold": round(self.threshold, 6)}


@dataclass
class Models:
    select: Model
    answerable: Model
    rerank: Model
    meta: dict = field(default_factory=dict)


@functools.cache
def shipped_models() -> Models:
    """The weights in the package (fitted by ``policybot fit`` on the dev split)."""
    d = json.loads(resources.files("policybot").joinpath("data/weights.json").read_text(encoding="utf-8"))
    return models_from_json(d)


def models_from_json(d: dict) -> Models:
    return Models(Model.from_json(d["select"]), Model.from_json(d["answerable"]), Model.from_json(d["rerank"]),
                  {k: v for k, v in d.items() if k not in ("select", "answerable", "rerank")})


def question_bigrams(text: str) -> frozenset[str]:
    return frozenset(g for g in bigram_tokens(text) if len(g) == 2)


def figure(text: str) -> float:
    return 1.0 if re.search(r"\d", text) else 0.0


def holds_any(text: str, terms: dict) -> int:
    t = normalise(text)
    return sum(1 for k in terms if holds(t, k))
