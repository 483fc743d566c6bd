"""The retrieval chain: resolve the question, retrieve evidence, compose (or generate) the answer.

``PolicyBot`` is what the CLI, the web page and the API share; models and the index load once.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import time
from dataclasses import dataclass, replace
from typing import Any, Iterator, Literal

from policybot.answering.asker import Asker, only_describes, read_asker
from policybot.answering.compose import Ask, compose, picks_per_document, redirect, refusal
from policybot.answering.conversation import (
    Clash,
    clash_notice,
    context_lost,
    dangles,
    example_questions,
    for_place,
    noted,
    welcome,
)
from policybot.answering.curated import CuratedAnswers, CuratedStore
from policybot.answering.docfacts import answer_document_question
from policybot.answering.focus import Lexicon, names_something, word_classes
from policybot.answering.llm import ChatModel, OpenAICompatibleChat, generate
from policybot.answering.picking import passage_features
from policybot.answering.questions import (
    aspects,
    condense,
    core_question,
    intents,
    is_injection,
    is_small_talk,
    own_question,
    validate_question,
    wants_figure,
    with_context,
    years_in,
)
from policybot.answering.scoring import Models, Terms, question_bigrams, shipped_models
from policybot.answering.words import ASKING_WORDS, is_greeting
from policybot.catalogue.listing import is_list_question, list_answer
from policybot.documents.chunking import count_tokens
from policybot.errors import InvalidQuestionError
from policybot.index.build import Index, open_index
from policybot.index.embeddings import Embedder, make_embedder
from policybot.index.retrieval import HybridRetriever, PolicyRetriever, expand, place_words
from policybot.settings import Settings
from policybot.text.concepts import concepts_in
from policybot.text.lexical import holds, merged_spans, normalise
from policybot.text.places import aliases, covered_within, short_label
from policybot.text.tiers import asking_part, said_not, tier_words, unnegated
from policybot.types import Answer, ScoredChunk

log = logging.getLogger(__name__)


@dataclass
class Event:
    """A streaming event: ``evidence`` (list of ScoredChunk), ``token`` (str), ``done`` (Answer)."""
    kind: Literal["evidence", "token", "done"]
    data: Any


@dataclass(frozen=True)
class Reading:
    """A question as read: the message, the question inside it, and what retrieval searches for."""
    asked: str  # the message, validated
    core: str  # the question inside a long message ("顺便问下，…")
    resolved: str  # the core with its context and the conversation it follows
    text: str  # resolved, with one-character slips mended: what is searched for and answered
    fixes: tuple = ()
    cut: tuple[str, ...] = ()  # what was cut to bound the work (said in the answer's warnings)
    region: str | None = None  # the filters the answer is given under (dropped when they contradict the question)
    doc_id: str | None = None
    clash: tuple[str, str, str | None] | None = None  # (the filters' choice, the place asked, the filters' place)


def _is_profile_word(term) -> bool:

    alts = term if isinstance(term, tuple) else (term,)
    return any(concepts_in(a) for a in alts) or any(a in ("规上", "规模以上", "规下", "规模以下", "小微") for a in alts)


def _phrases(words, question: str, most: int = 2) -> str:
    """``words`` as the question writes them: adjacent words read as one phrase, first word's phrase first;
    only phrases that occur verbatim in ``question``, joined with "、"."""
    q = normalise(question)
    same = len(q) == len(question)  # NFKC kept the length: a span of q is the same span of the question
    merged = merged_spans((q.find(w), q.find(w) + len(w)) for w in dict.fromkeys(words) if w and w in q)
    phrases = [question[a:b] if same else q[a:b] for a, b in merged]
    phrases = [p for p in dict.fromkeys(phrases) if p in question]
    first = next(iter(words), "")
    phrases.sort(key=lambda p: (normalise(first) not in normalise(p), -len(p)))
    return "、".join(phrases[:most])


def bound_query(text: str, max_chars: int, max_tokens: int) -> str:
    """The end of ``text`` within the bounds: the question is last (a follow-up is joined after its turn)."""
    if len(text) > max_chars:
        text = text[-max_chars:]
    while count_tokens(text) > max_tokens and len(text) > 20:
        text = text[len(text) // 10 :]
    return text


class PolicyBot:
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
        self.retriever.reranker = self._rerank
        if chat is None and settings.llm.enabled:
            chat = OpenAICompatibleChat(settings.llm)
        self.chat = chat
        self._lexicon: Lexicon | None = None
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

    def _curated_answer(self, reading: Reading) -> Answer | None:
        if self.curated is None or not self.curated.items:  # nothing to match: no filter work per question
            return None
        allowed = self.retriever.allowed_docs(self.retriever.plan(reading.text), reading.region, reading.doc_id)
        hit = self.curated.best(reading.text, allowed)
        return self.curated.answer(reading.core, hit[0], self.today()) if hit else None

    @property
    def lexicon(self) -> Lexicon:
        """The corpus's words (built on first use, about a second)."""
        if self._lexicon is None:
            self._lexicon = Lexicon([c.index_text() for c in self.index.chunks])
        return self._lexicon

    def _rerank(self, plan, pool: list[ScoredChunk]) -> list[ScoredChunk]:
        """The fused pool reordered by the fitted reranker."""
        asked = aspects(plan.text)
        terms = self.terms(plan.text, asked)
        top = pool[0].score
        topical = "department" in asked
        keyed = [(self.models.rerank.logit(passage_features(sc, r, top, terms, self.models.select, topical)), -r, sc)
                 for r, sc in enumerate(pool, 1)]
        return [sc for *_, sc in sorted(keyed, key=lambda t: (t[0], t[1]), reverse=True)]

    def read(self, question: str, history: list[dict] | None = None) -> Reading:
        q = validate_question(question, self.settings.answer.max_question_chars)
        cfg = self.settings.answer
        cut = []
        turns = []
        for turn in history or []:
            content = turn.get("content")
            if isinstance(content, str) and len(content) > cfg.max_history_chars:
                if turn.get("role") == "user":  # the asker's own words were cut (earlier answers are cut silently)
                    cut.append(f"较早的提问过长，只使用了每个提问的前{cfg.max_history_chars}字")
                turn = {**turn, "content": content[: cfg.max_history_chars]}
            turns.append(turn)
        core, context = core_question(q)
        resolved = condense(with_context(core, context), turns)
        bounded = bound_query(resolved, cfg.max_query_chars, cfg.max_query_tokens)
        if bounded != resolved:
            cut.append(f"问题较长，检索只使用了其中与提问最相关的{len(bounded)}字")
        text, fixes = self.lexicon.correct(bounded)
        return Reading(q, core, bounded, text, tuple(fixes), tuple(dict.fromkeys(cut)))

    def terms(self, text: str, asked: list[str], own_words: str | None = None, question: str | None = None) -> Terms:
        """The question's weighted terms, focus and tiers, as the scoring models read them (memoised).

        ``question``: this turn's question as typed, whose topic nouns alone may be missing from the corpus."""
        return self._terms(text, tuple(asked), own_words, question)

    @functools.lru_cache(maxsize=512)
    def _terms(self, text: str, asked: tuple[str, ...], own_words: str | None, question: str | None = None) -> Terms:
        asked = list(asked)
        plan = self.retriever.plan(text)
        weights = self.retriever.term_weights(plan)
        if own_words is not None:  # a follow-up: its own words say what is asked now
            own = normalise(own_words)
            for t in weights:
                if holds(own, t):
                    weights[t] *= 2.0
        focus = self.lexicon.focus(weights, text)
        if question:  # the company describing itself is not what it asks about ("运营一栋写字楼，…科技楼宇奖励？")
            said, own = normalise(question), normalise(own_question(question))
            described = {t for t in focus if not _is_profile_word(t)
                         and any(holds(said, a) for a in (t if isinstance(t, tuple) else (t,)))
                         and not any(holds(own, a) for a in (t if isinstance(t, tuple) else (t,)))}
            focus = {t: w for t, w in focus.items() if t not in described} or focus
        # a non-word one slip from a corpus string (研发投人) is unreadable, not a topic the evidence must cover
        slips = {t for t in focus
                 if isinstance(t, str) and not self.lexicon.known(t) and self.lexicon.slip_of_known(t, text)}
        focus = ({t: w for t, w in focus.items() if t not in slips}
                 or {t: w for t, w in weights.items() if t not in slips and not self.lexicon.is_generic(t)} or focus)
        # only what this turn asks about can be missing: not an earlier turn's words, a mend, a verb or filler,
        # a greeting or the company's description of itself; a slip of a corpus word is that word
        absent = self.lexicon.absent_topics(focus, own_question(question or text), _is_profile_word)
        total = sum(focus.values()) or 1.0
        missing = sum(w for t, w in focus.items()
                      if any(a in p for a in (t if isinstance(t, tuple) else (t,)) for p in absent)) / total
        unseen = 1.0 if absent else 0.0
        plain = unnegated(text)  # "专家工作站（不是院士站）": what is ruled out names no tier
        expanded = plain + " " + " ".join(expand(plain))
        topical = [a for a in asked if a != "department"] or [i for i in intents(text) if i != "department"] or ["fact"]
        return Terms(weights=weights, focus=focus, missing=missing, unseen=unseen,
                     bigrams=question_bigrams(place_words(plan).sub("", expanded)),
                     intents=tuple(dict.fromkeys(topical + intents(text))), tiers=frozenset(tier_words(expanded)),
                     places=tuple(a for p in plan.chains for a in aliases(p)), wants_department="department" in asked,
                     years=frozenset(re.findall(r"20\d\d(?=\s*年)", text)), absent=tuple(absent))

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
        """(resolved question, evidence, early refusal or None)."""
        reading, evidence, early = self._retrieve(question, history, region, doc_id)
        return reading.text, evidence, early

    def _retrieve(self, question, history, region, doc_id, asker: Asker | None = None
                  ) -> tuple[Reading, list[ScoredChunk], Answer | None]:
        q = validate_question(question, self.settings.answer.max_question_chars)
        docs = list(self.index.documents.values())
        if is_greeting(q):
            return Reading(q, q, q, q), [], welcome(q, docs, self.today(), self.examples())
        if is_injection(q):
            return Reading(q, q, q, q), [], refusal(q, "（该请求试图改变助手的回答规则，未予执行）", docs)
        if is_small_talk(q):
            return Reading(q, q, q, q), [], refusal(q, "（这不是政策问题）", docs)
        if asker and only_describes(q):  # "我们是官渡区的规上企业，还没评上高企": noted, nothing asked yet
            return Reading(q, q, q, q), [], noted(q, asker.label())
        where = region or (asker.region if asker else None)  # the asker's place, when it said one
        about_docs = answer_document_question(q, history, where, doc_id, docs, self.index.chunks, self.today())
        if about_docs is not None:  # "这个方案还有效吗？": the documents' own facts, quoted from their headers
            evidence, answer = about_docs
            return Reading(q, q, q, q, region=region, doc_id=doc_id), evidence, answer
        reading = self.read(q, history)
        if reading.resolved == reading.core and dangles(reading.core, history):
            return reading, [], context_lost(reading.core, docs, self.examples())
        plan = self.retriever.plan(reading.text)
        clash = self.retriever.clash(plan, region, doc_id)
        if clash:  # the question says where it asks about; the answer follows it and says so
            region = doc_id = None
        if asker and asker.region and not (plan.places or plan.uncovered or region or doc_id):
            region = asker.region  # the asker said where it is: the documents that apply there, first and only
        reading = replace(reading, region=region, doc_id=doc_id, clash=clash)
        if plan.uncovered and not plan.places and not region and not doc_id:
            lost = [c for c in plan.uncovered_chains  # the most specific: 苏州吴江 → 苏州市吴江区
                    if not any(len(o) > len(c) and o[: len(c)] == c for o in plan.uncovered_chains)]
            names = "、".join(short_label(c) for c in lost)
            return reading, [], refusal(q, f"：知识库未收录{names}的政策{covered_within(docs, lost[0])}", docs)
        evidence = self.retriever.search(reading.text, k=self.settings.retrieval.top_k, region=region, doc_id=doc_id, plan=plan)
        if not evidence:
            return reading, [], refusal(q, "（所选地区或文件中没有相关内容）", docs)
        asks_benefit = intents(reading.core)[0] in ("amount", "condition")
        for year in years_in(reading.core):
            docs_hit = [self.index.documents[sc.chunk.doc_id] for sc in evidence]
            in_period = any((d.period_start or 0) <= year <= (d.period_end or 0) for d in docs_hit)
            # a year outside the period may still be a stated baseline ("在2022年111家的基础上"), not a benefit
            mentioned = not asks_benefit and any(str(year) in sc.chunk.text for sc in evidence)
            if not (in_period or mentioned):
                return reading, evidence, refusal(q, "：所问年份不在收录政策的执行期内", docs)
        return reading, evidence, None

    def ask(
        self, question: str, history: list[dict] | None = None, region: str | None = None, doc_id: str | None = None,
        asker: Asker | None = None,
    ) -> Answer:
        *_, done = self.stream(question, history, region, doc_id, asker)
        return done.data

    def _compose(self, reading: Reading, evidence: list[ScoredChunk], region: str | None, doc_id: str | None,
                 asker: Asker | None = None) -> Answer:
        asked = aspects(reading.core)
        if asked == ["fact"] and reading.resolved != reading.core:
            asked = aspects(reading.resolved)
        docs, today = self.index.documents, self.today()
        terms = self.terms(reading.text, asked, reading.core if reading.resolved != reading.core else None, reading.core)
        if is_list_question(reading.core):  # "能申请哪些补贴？": the catalogue, one line per benefit
            # this turn's asking nouns: "还有别的补贴吗？" after a 研发 question lists more than 研发, and
            # "我们是…制造企业，能申请哪些补贴？" is not a question about 制造
            own = normalise(own_question(reading.core))
            tags = word_classes(own)
            topic = {t: w for t, w in self.lexicon.specific(terms.weights).items()
                     if not _is_profile_word(t)  # "规上高企" describes the company, "研发" names the topic
                     and any(a in own and a not in ASKING_WORDS and names_something(a, tags)
                             for a in (t if isinstance(t, tuple) else (t,)))}
            said = "。".join([*(asker.said if asker else ()), reading.core])  # who the asker said it is, then the ask
            listed = list_answer(reading.asked, said, self.index.catalogue, docs, today, topic, region, doc_id)
            if listed is not None:
                return listed
        plan = self.retriever.plan(reading.text)
        plain = asking_part(reading.text)  # after what the asker already knows, without what is ruled out
        # what the asker says it is not (now or earlier in the conversation) rules out that tier of a rule
        told = said_not(reading.text, asker.lacks if asker else ())
        topic, subject = self._topic(terms, reading.core)
        ask = Ask(reading.text + told, plain + " " + " ".join(expand(plain)) + told, tuple(asked), plan.places,
                  topic, wants_figure(reading.core), subject,
                  where=plan.chains[0] if plan.chains else region)  # what answer lines are labelled against
        topical = "department" in asked
        picks = picks_per_document(evidence, terms, self.models, topical)
        answer = compose(reading.asked, ask, picks, terms, self.models, docs, self.settings.answer, today, self._next_chunk)
        if not answer.found and answer.outcome == "not_found" and (plan.places or region) and not doc_id:
            answer = self._elsewhere(reading, ask, terms, evidence, region) or answer
        if self.chat is not None and answer.found:  # the model may only reword what the evidence answers
            generated, note = generate(self.chat, reading.text, evidence, docs, today, answer.direct_answer)
            if generated is not None:
                return generated
            answer.warnings.insert(0, note)
        return answer

    def _elsewhere(self, reading: Reading, ask: Ask, terms: Terms, evidence: list[ScoredChunk], region: str | None) -> Answer | None:
        """The same question over the documents that do not apply to the asked region."""
        plan = self.retriever.plan(reading.text)
        applicable = self.retriever.allowed_docs(plan, region, None) or set()
        others = set(self.index.documents) - applicable
        if not others:
            return None
        outside = self.retriever.search(reading.text, k=self.settings.retrieval.top_k, plan=plan, only=others)
        if not outside:
            return None
        picks = picks_per_document(outside, terms, self.models, "department" in ask.aspects)
        return redirect(reading.asked, ask, picks, terms, self.models, self.index.documents, self.settings.answer, self.today())

    def _next_chunk(self, chunk) -> ScoredChunk | None:
        """The passage after ``chunk`` in its document (where a task's 牵头/责任 lines may fall)."""
        if self._successor is None:
            self._successor = {(c.doc_id, c.ordinal): c for c in self.index.chunks}
        nxt = self._successor.get((chunk.doc_id, chunk.ordinal + 1))
        return ScoredChunk(chunk=nxt, score=0.0) if nxt else None

    def _topic(self, terms: Terms, question: str) -> tuple[str, str]:
        """(the absent topic, the subject) as the asker wrote them in ``question`` (this turn only), for
        "没有关于“…”的规定": the topic joins the nouns no document contains, the subject the focus words of
        the asking part; each is a substring of the question (neighbouring words read as one phrase:
        "加计" + "扣除" → "加计扣除"), or empty when there is none to name."""
        weight = {(t[0] if isinstance(t, tuple) else t): w for t, w in terms.focus.items()}
        asking = own_question(question)
        subject_words = sorted((a for t in terms.focus for a in (t if isinstance(t, tuple) else (t,))
                                if len(a) >= 2 and a in normalise(asking) and not _is_profile_word(a)
                                and self.lexicon.known(a)),  # the subject is a thing the documents name
                               key=lambda a: -weight.get(a, 0.0))
        return _phrases(terms.absent, asking), _phrases(subject_words, asking)

    def stream(
        self, question: str, history: list[dict] | None = None, region: str | None = None, doc_id: str | None = None,
        asker: Asker | None = None,
    ) -> Iterator[Event]:
        """Evidence first, then the answer text in pieces, then the finished answer. ``asker``: what the asker said of
        itself in the conversation (read from ``history`` when not given); its place applies when the question
        names none."""
        t0 = time.perf_counter()
        if asker is None:  # the asker's own words about itself, in this conversation
            asker = read_asker([str(t.get("content") or "") for t in history or [] if t.get("role") == "user"] + [question])
        reading, evidence, early = self._retrieve(question, history, region, doc_id, asker)
        yield Event("evidence", evidence)
        answer = early or self._curated_answer(reading) or self._compose(reading, evidence, reading.region, reading.doc_id,
                                                                          asker)
        if reading.clash:
            chosen, asked, place = reading.clash
            instead = for_place(reading.core, place, asked) if place else None
            answer.notice = clash_notice(Clash(chosen, asked, place), instead)
            answer.suggestions = [instead] if instead else []
        answer.question, answer.resolved_question, answer.evidence = question.strip(), reading.text, evidence
        answer.assumed = asker.label()
        answer.warnings.extend(w for w in reading.cut if w not in answer.warnings)
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
