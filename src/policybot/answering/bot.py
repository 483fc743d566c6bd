"""The retrieval chain: resolve the question, retrieve evidence, compose (or generate) the answer.

``PolicyBot`` is what the CLI, the web page and the API share; models and the index load once.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Any, Iterator, Literal

from policybot.answering.answerers import ANSWERS, GATES, first_answer
from policybot.answering.answerers.base import Answerer
from policybot.answering.trades import trade_pointed
from policybot.answering.asker import Asker, conversation_asker, elsewhere_notice, placed
from policybot.answering.conversation import (
    Clash,
    clash_notice,
    example_questions,
    for_place,
)
from policybot.answering.curated import CuratedAnswers, CuratedStore
from policybot.answering.focus import Lexicon
from policybot.answering.llm import ChatModel, OpenAICompatibleChat, generate
from policybot.answering.picking import passage_features
from policybot.answering.followups import condense, joined
from policybot.answering.swaps import STATUS_WORDS
from policybot.answering.aspects import aspects
from policybot.answering.questions import (
    asking_tail,
    core_question,
    is_long_story,
    topic_nouns,
    usable_history,
    validate_question,
    with_context,
    without_lead_fillers,
    without_recall_particle,
    without_own_figures,
)
from policybot.answering.words import without_behalf_lead, without_one_of
from policybot.answering.question_terms import QuestionTerms
from policybot.answering.scoring import Models, Terms, shipped_models
from policybot.answering.turn import Reading, Turn, bound_query
from policybot.errors import InvalidQuestionError
from policybot.index.embeddings import Embedder, make_embedder
from policybot.index.reader import Index, open_index
from policybot.index.retrieval import HybridRetriever, PolicyRetriever
from policybot.settings import Settings
from policybot.text.amounts import digit_sums
from policybot.text.lexical import full_years
from policybot.text.places import places_in
from policybot.types import Answer, ScoredChunk

log = logging.getLogger(__name__)


@dataclass
class Event:
    """A streaming event: ``evidence`` (list of ScoredChunk), ``token`` (str), ``done`` (Answer)."""
    kind: Literal["evidence", "token", "done"]
    data: Any




class PolicyBot:
    """Questions in, answers with quoted sources out. The CLI, the web page and the API share one; the models and
    the index load once. Each outcome is an answerer (``answering/answerers``), tried in a declared order."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        index: Index | None = None,
        chat: ChatModel | None = None,
        models: Models | None = None,
    ):
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embedding)
        self.index = index or open_index(settings, self.embedder)
        self.retriever = HybridRetriever(self.index, self.embedder, settings.retrieval)
        self.models = models or shipped_models()
        self.retriever.reranker = self.rerank
        if chat is None and settings.llm.enabled:
            chat = OpenAICompatibleChat(settings.llm)
        self.chat = chat
        self._lexicon: Lexicon | None = None
        self._reader = QuestionTerms(self.retriever, lambda: self.lexicon)
        self._successor: dict | None = None
        self._examples: list[str] | None = None
        self.curated = self._open_curated()

    def _open_curated(self, store=None):
        """The curated answers kept in the data folder, re-validated against this build (none: no file)."""
        path = self.settings.data_dir / "curated.sqlite"
        if store is None and not path.exists():
            return None

        try:
            return CuratedAnswers(store or CuratedStore(path), self.index, self.retriever.embed, self.today())
        except Exception as exc:  # curated answers are an extra: a broken store or model never stops the bot
            log.warning("curated answers are off: %s: %s", type(exc).__name__, exc)
            return None

    def refresh_curated(self) -> None:
        """Re-read the curated answers after a clerk changed them (the build stays the same)."""
        self.curated = self._open_curated(self.curated.store if self.curated else None)  # the same connection

    @property
    def lexicon(self) -> Lexicon:
        """The corpus's words (built on first use, about a second)."""
        if self._lexicon is None:
            self._lexicon = Lexicon([c.index_text() for c in self.index.chunks])
        return self._lexicon

    def rerank(self, plan, pool: list[ScoredChunk]) -> list[ScoredChunk]:
        """The fused pool reordered by the fitted reranker."""
        asked = aspects(plan.text)
        terms = self.terms(plan.text, asked)
        top = pool[0].score
        topical = "department" in asked
        keyed = [(self.models.rerank.logit(passage_features(sc, r, top, terms, self.models.select, topical)), -r, sc)
                 for r, sc in enumerate(pool, 1)]
        return [sc for *_, sc in sorted(keyed, key=lambda t: (t[0], t[1]), reverse=True)]

    def read(self, question: str, history: list[dict] | None = None, follow_up: int = 0) -> Reading:
        """The question resolved against the conversation; ``follow_up`` (n > 0): read as a follow-up of the asker's
        question n questions ago even when it could stand alone."""
        q = digit_sums(full_years(validate_question(question, self.settings.answer.max_question_chars)))
        cfg = self.settings.answer
        cut = []
        turns = []
        for turn in history or []:
            content = turn.get("content")
            if isinstance(content, str) and len(content) > cfg.max_history_chars:
                if turn.get("role") == "user":  # the asker's own words were cut (earlier answers are cut silently)
                    cut.append(f"较早的提问过长，只使用了每个提问的前{cfg.max_history_chars}字")
                turn = {**turn, "content": content[: cfg.max_history_chars]}
            if turn.get("role") == "user" and isinstance(turn.get("content"), str):
                turn = {**turn, "content": digit_sums(full_years(turn["content"]))}
            turns.append(turn)
        core, context = core_question(q)
        core = without_lead_fillers(core)  # "明白了，区里管科技的是哪个局": the acknowledgement asks nothing
        core = without_one_of(without_behalf_lead(core))  # "帮几个客户问问。第一个在西山区，…": whom it asks for, no topic
        core = without_recall_particle(core)  # "叫什么…城来着？"
        core = self._story_ask(core) if is_long_story(core) else core  # a story told around one ask: the ask
        core = without_own_figures(core)  # "去年研发投入1200万，…能拿多少？": the company's numbers are not asked
        core = trade_pointed(core, q, self.lexicon.known)  # "这个行业": the trade the asker described
        asked = self._places_mended(with_context(core, context))
        resolved = joined(asked, turns, follow_up) if follow_up else condense(asked, turns)
        bounded = bound_query(resolved, cfg.max_query_chars, cfg.max_query_tokens)
        if bounded != resolved:
            cut.append(f"问题较长，检索只使用了其中与提问最相关的{len(bounded)}字")
        text, fixes = self.lexicon.correct(bounded)
        return Reading(q, core, bounded, text, tuple(fixes), tuple(dict.fromkeys(cut)))

    def _places_mended(self, text: str) -> str:
        """``text`` with the slips in place names mended ("五化那份呢" → 五华), before it is read as a follow-up: a
        place swapped in is found by its name."""
        for fix in self.lexicon.correct(text)[1]:
            if places_in(fix.right) and not places_in(fix.wrong):
                text = text.replace(fix.wrong, fix.right)
        return text

    def _story_ask(self, story: str) -> str:
        """A story told around one ask is read as its ask, when the ask names a topic the documents use ("…上周物业经理来
        串门说…，楼宇这个政府有钱吗？"); an ask naming none ("…研发费用花了800万…说是按另外一个比例，到底是多少？") is
        about what the story told, so the whole story is read."""
        tail = asking_tail(story)
        named = [w for w in topic_nouns(tail) if len(w) >= 2 and self.lexicon.known(w) and not self.lexicon.is_generic(w)
                 and not STATUS_WORDS.fullmatch(w)]  # "…建设技术创新中心…，请问如果认定下来…": 认定 of what the story built
        return tail if named else story

    def terms(self, text: str, asked: list[str], own_words: str | None = None, question: str | None = None,
              message: str | None = None) -> Terms:
        """The question's weighted terms, focus and tiers, as the scoring models read them (memoised).

        ``question``: this turn's question as typed, whose topic nouns alone may be missing from the corpus;
        ``message``: the whole message it was asked in, when the asker described itself around it."""
        return self._reader.read(text, tuple(asked), own_words, question, message)

    def today(self) -> dt.date:
        return self.settings.answer.today or dt.date.today()

    def warm(self) -> None:
        """Load the models and the corpus lexicon before the first user waits for them."""
        self.ask("高新技术企业认定奖励多少？")
        self.examples()

    def examples(self) -> list[str]:
        """Three questions about the catalogue's benefits that this build answers (worked out once)."""
        if self._examples is None:
            self._examples = example_questions(self.index.catalogue, self.ask)
        return self._examples

    def search(self, query: str, k: int = 5, region: str | None = None, doc_id: str | None = None) -> list[ScoredChunk]:
        query = validate_question(query, self.settings.answer.max_question_chars)
        if not 1 <= k <= 50:
            raise InvalidQuestionError(f"条数须在1到50之间（收到 {k}）。")
        cfg = self.settings.answer
        return self.retriever.search(bound_query(query, cfg.max_query_chars, cfg.max_query_tokens), k=k, region=region,
                                     doc_id=doc_id)

    def retrieve(
        self, question: str, history: list[dict] | None = None, region: str | None = None, doc_id: str | None = None
    ) -> tuple[str, list[ScoredChunk], Answer | None]:
        """(resolved question, evidence, the answer given before composing — a refusal, a greeting — or None)."""
        turn = self.turn(question, history, region, doc_id)
        early = self.gate(turn)
        return turn.recorded.text, (turn.shown if early else turn.evidence), early

    def turn(self, question: str, history: list[dict] | None = None, region: str | None = None,
             doc_id: str | None = None, asker: Asker | None = None) -> Turn:
        """A question ready for the answerers (validated; read and searched only when an answerer asks)."""
        return Turn.start(self, question, usable_history(history), region, doc_id, asker)

    def answer_turn(self, turn: Turn) -> Answer:
        """The answer the ladder gives a turn (gates, then the composing answerers); sets ``turn.shown``."""
        return self._ladder(turn)[0]

    @staticmethod
    def _ladder(turn: Turn) -> tuple[Answer, Answerer]:
        """(answer, the answerer that gave it): the gates, then — the evidence shown — the composing answerers."""
        answer, by = first_answer(turn, GATES)
        if answer is None:
            turn.shown = turn.evidence
            answer, by = first_answer(turn, ANSWERS)
            if answer is None:
                raise RuntimeError("no answerer answered")  # not_found always does
        return answer, by

    def gate(self, turn: Turn) -> Answer | None:
        """The answer decided before composing (greeting, injection, uncovered place …), or None."""
        return first_answer(turn, GATES)[0]

    def ask(
        self, question: str, history: list[dict] | None = None, region: str | None = None, doc_id: str | None = None,
        asker: Asker | None = None,
    ) -> Answer:
        *_, done = self.stream(question, history, region, doc_id, asker)
        return done.data

    def next_chunk(self, chunk) -> ScoredChunk | None:
        """The passage after ``chunk`` in its document (where a task's 牵头/责任 lines may fall)."""
        if self._successor is None:
            self._successor = {(c.doc_id, c.ordinal): c for c in self.index.chunks}
        nxt = self._successor.get((chunk.doc_id, chunk.ordinal + 1))
        return ScoredChunk(chunk=nxt, score=0.0) if nxt else None

    def stream(
        self, question: str, history: list[dict] | None = None, region: str | None = None, doc_id: str | None = None,
        asker: Asker | None = None,
    ) -> Iterator[Event]:
        """Evidence first, then the answer text in pieces, then the finished answer. ``asker``: what the asker said of
        itself in the conversation (read from ``history`` when not given); its place applies when the question
        names none."""
        t0 = time.perf_counter()
        history = usable_history(history)
        if asker is None:  # the asker's own words about itself, in this conversation
            earlier = [t["content"] for t in history if t["role"] == "user"]
            asker = conversation_asker(earlier, question)
        if not asker.region:  # "官度区的，我们是规下的…": the asker's place read through a one-character slip
            asker = placed(asker, [t["content"] for t in history if t["role"] == "user"], question, self.lexicon.correct)
        turn = self.turn(question, history, region, doc_id, asker)
        answer, by = self._ladder(turn)
        if by.reworded and self.chat is not None and answer.found:  # the model may only reword what the evidence answers
            answer = self._reworded(turn, answer)
        yield Event("evidence", turn.shown)
        reading = turn.recorded
        if reading.clash:
            chosen, asked, place = reading.clash
            instead = for_place(reading.core, place, asked) if place else None
            answer.notice = clash_notice(Clash(chosen, asked, place), instead)
            answer.suggestions = [instead] if instead else []
        elif (aside := elsewhere_notice(answer, asker, self.index.documents)):
            answer.notice = aside
        answer.question, answer.resolved_question, answer.evidence = question.strip(), reading.text, turn.shown
        answer.assumed = asker.label()
        answer.warnings.extend(w for w in reading.cut if w not in answer.warnings)
        for i in range(0, len(answer.answer), 12):
            yield Event("token", answer.answer[i : i + 12])
        answer.latency_ms = (time.perf_counter() - t0) * 1000
        yield Event("done", answer)

    def _reworded(self, turn: Turn, answer: Answer) -> Answer:
        generated, note = generate(self.chat, turn.reading.text, turn.evidence, self.index.documents, self.today(),
                                   answer.direct_answer)
        if generated is not None:
            return generated
        answer.warnings.insert(0, note)
        return answer

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
