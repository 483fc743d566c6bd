"""Hybrid retrieval: BM25 over jieba words + BM25 over character bigrams + dense vectors, fused.

The question is first read for places (a covered region restricts the search to its documents;
an uncovered one is reported) and expanded with the policy vocabulary for the lexical signals.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from policybot.index.embeddings import Embedder
from policybot.index.reader import Index
from policybot.settings import RetrievalSettings
from policybot.text.lexical import bigram_tokens, normalise, overlap, vocabulary, word_tokens
from policybot.text.places import aliases, applicable_docs, applies, asked_and_origins, chains_in, region_chain
from policybot.types import ScoredChunk

_GENERIC_WORDS = set(  # on top of lexical._STOP, which word_tokens already drops
    "目标 要求 规定 政策 文件 拿 补 奖 钱 做到 达到 分别 各 各地 一共 多长 时间 内 之前 每年 刚 区里 市里 县里 给钱 拿钱 能不能 得 啥 过 "
    "这件 件事 事 这件事 归 管 找 问 听说 里 说 指 是不是 里面 "
    "的话 要是 假如 搬 迁 搞 弄".split()  # "搬到官渡的话，官渡对跨境电商有啥": a supposed move, no topic
)


def _straddled(key: str, keys: list[str], text: str) -> bool:
    """Is every occurrence of ``key`` cut across by a longer vocabulary word ("想搞研发中心": 搞研发 straddles 研发中心,
    which is what is named)?"""
    spots = [m.start() for m in re.finditer(re.escape(key), text)]
    longer = [(m.start(), m.end()) for k in keys if len(k) > len(key) and key not in k
              for m in re.finditer(re.escape(k), text)]
    return bool(spots) and all(any(a < s + len(key) and s < b and not (a <= s and s + len(key) <= b)
                                   for a, b in longer) for s in spots)


@dataclass(frozen=True)
class QueryPlan:
    """What the question says beyond its words: places named, and the expanded lexical terms."""

    text: str
    places: tuple[str, ...]  # places named in the question that documents apply in, most specific first
    uncovered: tuple[str, ...]  # places named that no document applies in
    word_terms: dict[str, float] = field(default_factory=dict)  # token -> weight
    bigram_terms: dict[str, float] = field(default_factory=dict)
    chains: tuple[tuple[str, ...], ...] = ()  # ``places`` as chains, province first (朝阳区 may be two places)
    uncovered_chains: tuple[tuple[str, ...], ...] = ()
    origins: tuple[tuple[str, ...], ...] = ()  # places named only as where something comes from ("台湾母公司"): no terms


def place_words(plan: QueryPlan) -> re.Pattern[str]:
    """A pattern of the place names (and their short forms) the question uses."""
    names = sorted({a for p in (*plan.chains, *plan.uncovered) for a in aliases(p)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else re.compile(r"(?!x)x")


def expand(text: str, groups: bool = True) -> list[str]:
    """Vocabulary expansions of words in ``text`` (everyday word -> the documents' words); ``groups`` adds the words
    the documents use interchangeably (补助 for 补贴)."""
    low = normalise(text)
    extra: list[str] = []
    for key, targets in vocabulary()["synonyms"].items():
        if normalise(key) in low:
            extra.extend(t for t in targets if t not in extra)
    for group in vocabulary()["groups"] if groups else ():
        if any(w in low for w in group):
            extra.extend(w for w in group if w not in extra)
    return extra


@functools.lru_cache(maxsize=1024)  # retrieval and composition read the same question
def plan_query(text: str) -> QueryPlan:
    """The question's places (all named; ``HybridRetriever.plan`` splits off those the index does not cover) and terms."""
    norm = normalise(text)
    extra = " ".join(expand(norm))
    words = {t: 1.0 for t in word_tokens(norm)}
    for t in word_tokens(extra):
        words.setdefault(t, 0.5)
    bigrams = {t: 1.0 for t in bigram_tokens(norm)}
    for t in bigram_tokens(extra):
        bigrams.setdefault(t, 0.4)
    asked, origin = asked_and_origins(text)
    chains, origins = tuple(asked), tuple(origin)
    return QueryPlan(
        text=text,
        places=tuple(c[-1] for c in chains),
        uncovered=(),
        word_terms=words,
        bigram_terms=bigrams,
        chains=chains,
        origins=origins,
    )


DENSE_REACH = 3  # the dense list is read this many times as deep as the lexical candidates


class HybridRetriever:
    """Ranks an index's chunks for a question; signals fused by weighted reciprocal rank."""

    def __init__(self, index: Index, embedder: Embedder, cfg: RetrievalSettings):
        self.index = index
        self.embedder = embedder
        self.cfg = cfg
        self._chunk_docs = np.array([c.doc_id for c in index.chunks])
        self._texts = [normalise(c.index_text()) for c in index.chunks]
        df: dict[str, int] = {}
        for text in self._texts:
            for w in set(word_tokens(text)):
                df[w] = df.get(w, 0) + 1
        n = max(1, len(self._texts))
        self._idf = {w: math.log(n / d) + 0.1 for w, d in df.items()}
        # a word the corpus never uses counts, but less than its rarest word: colloquial filler is common
        self._idf_unseen = 0.6 * (math.log(n) + 0.1)
        # retrieval (coverage) and composition (sentence scores) weigh the same question
        self._weights_for = functools.lru_cache(maxsize=1024)(self._weights)
        self._plan_for = functools.lru_cache(maxsize=1024)(self._plan)
        # a question searched twice (its region, then elsewhere) or matched against curated answers is embedded once
        self.embed = functools.lru_cache(maxsize=256)(self.embedder.embed_query)
        # reorders the fused pool (PolicyBot injects its fitted reranker); None keeps the fused order
        self.reranker: Callable[[QueryPlan, list[ScoredChunk]], list[ScoredChunk]] | None = None

    def term_weights(self, plan: QueryPlan) -> dict:
        """The question's content words with their IDF; place names excluded.

        A word the policy vocabulary knows (高企, 复审 …) becomes one term with its synonyms
        (高企 | 高新技术企业): found when any of them occurs, counted once. Keys are words or tuples.
        Returns a fresh dict the caller may change.
        """
        return dict(self._weights_for(plan.text))

    def _weights(self, question: str) -> dict:
        plan = plan_query(question)
        text = normalise(plan.text)
        # the names the question uses (昆明高新区), not every form of the place (昆明高新技术产业开发区 holds 高新技术)
        places = {n for place in (*plan.chains, *plan.uncovered, *plan.origins) for a in aliases(place)
                  if (n := normalise(a)) in text}
        w: dict = {}
        grouped: set[str] = set()
        present = [(k, targets) for key, targets in vocabulary()["synonyms"].items() if (k := normalise(key)) in text]
        keys = [k for k, _ in present]
        for k, targets in present:
            if not any(k in p for p in places) and not _straddled(k, keys, text):
                alts = tuple(dict.fromkeys([k, *(normalise(t) for t in targets)]))
                seen = [self._idf[a] for a in alts if a in self._idf]
                w[alts] = max(seen) if seen else self._idf_unseen
                grouped.update(word_tokens(k))
        for t in word_tokens(plan.text):
            if t in places or any(t in p for p in places) or t in _GENERIC_WORDS or t in grouped:
                continue
            if any(t in alts[0] for alts in w if isinstance(alts, tuple)):
                continue
            if t not in self._idf and any(alts[0] in t for alts in w if isinstance(alts, tuple)):
                continue  # "得涨" when 涨 already stands for 增长
            w[t] = self._idf.get(t, self._idf_unseen)
        return w

    def weighted_coverage(self, weights: dict[str, float], i: int) -> float:
        return overlap(self._texts[i], weights)

    def plan(self, text: str) -> QueryPlan:
        """``plan_query`` with the places this index has no applicable document for moved to ``uncovered``."""
        return self._plan_for(text)

    def _plan(self, text: str) -> QueryPlan:
        plan = plan_query(text)
        covered = tuple(c for c in plan.chains if applicable_docs(self.index.documents, c))
        lost = tuple(c for c in plan.chains if c not in covered)
        return replace(plan, places=tuple(c[-1] for c in covered), chains=covered,
                       uncovered=tuple(c[-1] for c in lost), uncovered_chains=lost)

    def allowed_docs(self, plan: QueryPlan, region: str | None, doc_id: str | None) -> set[str] | None:
        """Documents the search may return: explicit filters first, then places the question names. A place's
        documents are its own and those of the places containing it (昆明市's measures apply in 五华区); a
        place with none of those: the documents inside it (places.applicable_docs)."""
        allowed: set[str] | None = None
        if doc_id:
            doc = self.index.document(doc_id)
            allowed = {doc.doc_id} if doc else set()
        if region:
            docs = applicable_docs(self.index.documents, region)
            allowed = docs if allowed is None else allowed & docs
        if plan.places:
            chains = plan.chains or tuple(chains_in(" ".join(plan.places)))
            named = set().union(*(applicable_docs(self.index.documents, c) for c in chains))
            if named and (allowed is None or named & allowed):
                allowed = named if allowed is None else named & allowed
        return allowed

    def clash(self, plan: QueryPlan, region: str | None, doc_id: str | None) -> tuple[str, str, str | None] | None:
        """(what the filters chose, the place the question names, the filters' place) when they share no
        document, or name places neither of which contains the other: filter 临沧市 or 五华区, question about
        昆明市官渡区 (昆明市's measures apply in both, but 官渡区's plan does not apply in 五华区). None when they
        agree or nothing is filtered."""
        if not (region or doc_id):
            return None
        chosen = self.allowed_docs(replace(plan, places=(), uncovered=(), chains=()), region, doc_id) or set()
        doc = self.index.document(doc_id) if doc_id else None
        label = region or (f"《{doc.display_title}》" if doc else "所选文件")
        place = region or (doc.region[-1] if doc and doc.region else None)
        if plan.places:
            named = self.allowed_docs(replace(plan, uncovered=()), None, None) or set()
            ours = region_chain(region) if region else ()
            apart = bool(region) and not any(applies(ours, c) or applies(c, ours) for c in plan.chains or ())
            if named and (apart or not named & chosen):
                return label, plan.places[0], place
        elif plan.uncovered:
            return label, plan.uncovered[0], place
        return None

    def search(
        self, query: str, k: int | None = None, region: str | None = None, doc_id: str | None = None,
        plan: QueryPlan | None = None, only: set[str] | None = None, rerank: bool = True,
    ) -> list[ScoredChunk]:
        """Ranked passages; ``only`` replaces the filters and the question's places with a set of documents.

        ``rerank=False`` returns the fused order (what the reranker is fitted on)."""
        reranker = self.reranker if rerank else None
        k = k or self.cfg.top_k
        plan = plan or self.plan(query)
        allowed = set(only) if only is not None else self.allowed_docs(plan, region, doc_id)
        if allowed is not None and not allowed:
            return []
        mask = np.ones(len(self.index.chunks), bool) if allowed is None else np.isin(self._chunk_docs, list(allowed))
        n = self.cfg.candidates
        ranks: dict[str, dict[int, int]] = {}
        for name, bm25, terms in (
            ("words", self.index.words, plan.word_terms),
            ("bigrams", self.index.bigrams, plan.bigram_terms),
        ):
            scores = np.where(mask, bm25.scores(list(terms), terms), -1.0)
            order = [i for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]
            ranks[name] = {int(i): r + 1 for r, i in enumerate(order)}
        qvec = self.embed(plan.text)
        # the dense list reaches further than the lexical ones: a long passage on many things (one sentence of it
        # answers) is far down a short question's dense order, yet first in both lexical ones
        dense = self.index.store.query(self.index.collection, qvec, n * DENSE_REACH,
                                       sorted(allowed) if allowed is not None else None)
        dense_sim = {self.index.by_id[cid]: sim for cid, sim in dense if cid in self.index.by_id}
        ranks["dense"] = {i: r + 1 for r, i in enumerate(dense_sim)}
        weights = {"words": self.cfg.weight_words, "bigrams": self.cfg.weight_bigrams, "dense": self.cfg.weight_dense}
        fused: dict[int, float] = {}
        for name, rk in ranks.items():
            for i, r in rk.items():
                fused[i] = fused.get(i, 0.0) + weights[name] / (self.cfg.rrf_k + r)
        pool = k if reranker is None else max(k, self.cfg.rerank_pool)
        top = sorted(fused, key=lambda i: -fused[i])[:pool]
        weights = self.term_weights(plan)
        out = []
        for i in top:
            sc = ScoredChunk(
                chunk=self.index.chunks[i],
                score=fused[i],
                ranks={name: rk[i] for name, rk in ranks.items() if i in rk},
                dense=dense_sim.get(i, 0.0),
                coverage=self.weighted_coverage(weights, i),
            )
            out.append(sc)
        if reranker is not None and out:
            out = reranker(plan, out)
        return out[:k]


class PolicyRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain ``BaseRetriever``, with optional region/document filters."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: HybridRetriever
    k: int = 5
    region: str | None = None
    doc_id: str | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        docs = []
        for sc in self.hybrid.search(query, k=self.k, region=self.region, doc_id=self.doc_id):
            c = sc.chunk
            docs.append(
                Document(
                    page_content=c.text,
                    id=c.chunk_id,
                    metadata={
                        "chunk_id": c.chunk_id, "doc_id": c.doc_id, "title": c.title, "issuer": c.issuer,
                        "doc_number": c.doc_number, "section": " › ".join(c.section), "region": " › ".join(c.region),
                        "start": c.start, "end": c.end, "score": sc.score, "ranks": sc.ranks,
                    },
                )
            )
        return docs
