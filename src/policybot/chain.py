"""The retrieval chain: resolve the question, retrieve evidence, compose (or generate) the answer.

``PolicyBot`` is what the CLI, the web page and the API share; models and the index load once.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any, Iterator, Literal

from .answer import compose, refusal
from .embeddings import Embedder, make_embedder
from .indexing import Index, open_index
from .llm import ChatModel, OpenAICompatibleChat, generate
from .questions import condense, intents, is_injection, is_small_talk, validate_question, years_in
from .lexical import normalise
from .retrieval import HybridRetriever, PolicyRetriever, holds, plan_query
from .settings import Settings
from .types import Answer, ScoredChunk


@dataclass
class Event:
    """A streaming event: ``evidence`` (list of ScoredChunk), ``token`` (str), ``done`` (Answer)."""

    kind: Literal["evidence", "token", "done"]
    data: Any


class PolicyBot:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        index: Index | None = None,
        chat: ChatModel | None = None,
    ):
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embedding)
        self.index = index or open_index(settings, self.embedder)
        self.retriever = HybridRetriever(self.index, self.embedder, settings.retrieval)
        if chat is None and settings.llm.enabled:
            chat = OpenAICompatibleChat(settings.llm)
        self.chat = chat

    def today(self) -> dt.date:
        return self.settings.answer.today or dt.date.today()

    def warm(self) -> None:
        """Load the models before the first user waits for them."""
        self.retriever.search("高新技术企业认定奖励", k=1)

    def search(self, query: str, k: int = 5, region: str | None = None, doc_id: str | None = None) -> list[ScoredChunk]:
        query = validate_question(query, self.settings.answer.max_question_chars)
        return self.retriever.search(query, k=k, region=region, doc_id=doc_id)

    def retrieve(
        self, question: str, history: list[dict] | None = None, region: str | None = None, doc_id: str | None = None
    ) -> tuple[str, list[ScoredChunk], Answer | None]:
        """(resolved question, evidence, early refusal or None)."""
        q = validate_question(question, self.settings.answer.max_question_chars)
        docs = list(self.index.documents.values())
        if is_injection(q):
            return q, [], refusal(q, "（该请求试图改变助手的回答规则，未予执行）", docs)
        if is_small_talk(q):
            return q, [], refusal(q, "（这不是政策问题）", docs)
        resolved = condense(q, history)
        plan = plan_query(resolved)
        if plan.uncovered and not plan.places and not region and not doc_id:
            return resolved, [], refusal(q, f"：知识库未收录{'、'.join(plan.uncovered)}的政策", docs)
        evidence = self.retriever.search(resolved, k=self.settings.retrieval.top_k, region=region, doc_id=doc_id, plan=plan)
        if not evidence:
            return resolved, [], refusal(q, "（所选地区或文件中没有相关内容）", docs)
        asks_benefit = intents(q)[0] in ("amount", "condition")
        for year in years_in(q):
            docs_hit = [self.index.documents[sc.chunk.doc_id] for sc in evidence]
            in_period = any((d.period_start or 0) <= year <= (d.period_end or 0) for d in docs_hit)
            # a year outside the period may still be a stated baseline ("在2022年111家的基础上"), not a benefit
            mentioned = not asks_benefit and any(str(year) in sc.chunk.text for sc in evidence)
            if not (in_period or mentioned):
                return resolved, evidence, refusal(q, "：所问年份不在收录政策的执行期内", docs)
        return resolved, evidence, None

    def ask(
        self, question: str, history: list[dict] | None = None, region: str | None = None, doc_id: str | None = None
    ) -> Answer:
        *_, done = self.stream(question, history, region, doc_id)
        return done.data

    def _compose(self, question: str, resolved: str, evidence: list[ScoredChunk]) -> Answer:
        ints = intents(question)
        if ints == ["fact"] and resolved != question:
            ints = intents(resolved)
        docs, today = self.index.documents, self.today()
        fallback_note = None
        if self.chat is not None:
            generated, fallback_note = generate(self.chat, resolved, evidence, docs, today)
            if generated is not None:
                return generated
        plan = plan_query(resolved)
        weights = self.retriever.term_weights(plan)
        if resolved != question:  # a follow-up: its own words say what is asked now
            own = normalise(question)
            for t in weights:
                if holds(own, t):
                    weights[t] *= 2.0
        answer = compose(resolved, plan, ints, evidence, docs, self.settings.answer, today, weights)
        if fallback_note:
            answer.warnings.insert(0, fallback_note)
        return answer

    def stream(
        self, question: str, history: list[dict] | None = None, region: str | None = None, doc_id: str | None = None
    ) -> Iterator[Event]:
        """Evidence first, then the answer text in pieces, then the finished answer."""
        t0 = time.perf_counter()
        resolved, evidence, early = self.retrieve(question, history, region, doc_id)
        yield Event("evidence", evidence)
        answer = early or self._compose(question, resolved, evidence)
        answer.question, answer.resolved_question, answer.evidence = question.strip(), resolved, evidence
        for i in range(0, len(answer.answer), 12):
            yield Event("token", answer.answer[i : i + 12])
        answer.latency_ms = (time.perf_counter() - t0) * 1000
        yield Event("done", answer)

    def as_runnable(self):
        """The chain as a LangChain Runnable: {"question", "history"?, "region"?, "document"?} -> ask JSON."""
        from langchain_core.runnables import RunnableLambda

        def run(inputs: dict | str) -> dict:
            if isinstance(inputs, str):
                inputs = {"question": inputs}
            return self.ask(
                inputs["question"], inputs.get("history"), inputs.get("region"), inputs.get("document")
            ).to_json()

        return RunnableLambda(run, name="policybot")

    def as_retriever(self, k: int = 5, region: str | None = None, doc_id: str | None = None) -> PolicyRetriever:
        return PolicyRetriever(hybrid=self.retriever, k=k, region=region, doc_id=doc_id)
