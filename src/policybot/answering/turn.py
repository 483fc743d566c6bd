"""One question being answered: what every answerer reads, each part worked out once and only when asked for.

A greeting never reads the conversation or searches; a refusal for an uncovered place never searches; the
extractive answer reads everything. ``Turn`` holds the question, the filters and the asker, and works out the
reading, the query plan and the evidence on first use.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Protocol

from policybot.answering.answered_place import place_answered, place_kept
from policybot.answering.asker import Asker, getting_said, programme_place, supposed_in_turn
from policybot.answering.curated import CuratedAnswers
from policybot.answering.elsewhere_asked import document_followed, moving_to, place_talked_about, targets_followed
from policybot.answering.focus import Lexicon
from policybot.answering.llm import ChatModel
from policybot.answering.aspects import aspects, cued
from policybot.answering.questions import own_question, validate_question
from policybot.answering.scoring import Models, Terms
from policybot.answering.searched import searched_ask
from policybot.answering.words import INTENTS, MAY_WE, US, unrelayed
from policybot.documents.chunking import count_tokens
from policybot.index.reader import Index
from policybot.index.retrieval import HybridRetriever
from policybot.settings import Settings
from policybot.text.concepts import concepts_in
from policybot.text.lexical import jieba_tokenizer
from policybot.text.places import (
    LEVEL_DEPTH,
    applicable_docs,
    applicable_regions,
    applies,
    places_in,
    region_chain,
    without_places,
)
from policybot.text.tiers import tier_words
from policybot.types import Answer, Chunk, PolicyDocument, ScoredChunk

# a bare "多少" with nothing else naming what is counted
_BARE_MAX = 10  # characters of a bare follow-up ("那临沧的是多少")
_BARE_HOW_MUCH = re.compile(r"(?<!目标)(?:是|有|要|给|能)?多少[？?。！!\s]*$")
# the city level asked as such ("市里怎么配套", "市级财政给多少"), not a district's own measures
_CITY_LEVEL = re.compile(r"市里|市上|市级财政|市政府|市一级")
# the district (county) level asked as such ("区里给高企多少钱"): the asker's district's own documents
class _DistrictWords:
    """区里/县里 … said as a level ("认定高企以后区里给多少"), not the 区 ending a word ("官渡区里面", "核心区里", "园区里"):
    the word must begin where the tokenizer begins one."""
    _WORDS = re.compile(r"区里|区上|区级财政|区政府|区一级|县里|县上|县级财政|县政府")

    def search(self, text: str) -> re.Match | None:
        if not self._WORDS.search(text):
            return None
        starts = {s for _, s, _ in jieba_tokenizer().tokenize(text)}
        return next((m for m in self._WORDS.finditer(text) if m.start() in starts), None)


_DISTRICT_LEVEL = _DistrictWords()
_LEVELS = ((LEVEL_DEPTH["市"], _CITY_LEVEL), (LEVEL_DEPTH["区"], _DISTRICT_LEVEL))  # the city's first, as before
# the asker's own place, said without its name
_OWN_PLACE = re.compile(r"我们(?:这边|这里|这儿|当地|本地|区里|市里|县里)|咱们?(?:这边|这里|这儿)|本地|本区|本市|本县"
                        # "临沧那边企业自筹资金要1比1配套，我们申请市里资金也要这样吗": there, then whether here too
                        # (not "听说官渡那边有研发后补助，我们能不能也搭上车": whether it may claim theirs)
                        r"|(?:那边|那里|那儿)[^。？?]{0,30}[，,][^。？?]{0,20}(?:我们|咱们)[^。？?]{0,12}也(?:要|是|有|一样|需要|得)")


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


def bound_query(text: str, max_chars: int, max_tokens: int) -> str:
    """The end of ``text`` within the bounds: the question is last (a follow-up is joined after its turn)."""
    if len(text) > max_chars:
        text = text[-max_chars:]
    while count_tokens(text) > max_tokens and len(text) > 20:
        text = text[len(text) // 10 :]
    return text



def with_more(shown: list[ScoredChunk], more: list[ScoredChunk]) -> list[ScoredChunk]:
    """The evidence ``shown``, then the passages of ``more`` it does not hold yet (an answer put together from
    several is shown with all their passages, each once)."""
    return [*shown, *(sc for sc in more if all(sc.chunk.chunk_id != s.chunk.chunk_id for s in shown))]

class Engine(Protocol):
    """What answerers use of the bot: its settings, build, retriever, models and corpus words."""
    settings: Settings
    index: Index
    retriever: HybridRetriever
    models: Models
    chat: ChatModel | None
    curated: CuratedAnswers | None

    @property
    def lexicon(self) -> Lexicon: ...

    def today(self) -> dt.date: ...

    def read(self, question: str, history: list[dict] | None = None, follow_up: int = 0) -> Reading: ...

    def examples(self) -> list[str]: ...

    def terms(self, text: str, asked: list[str], own_words: str | None = None, question: str | None = None) -> Terms: ...

    def next_chunk(self, chunk: Chunk) -> ScoredChunk | None: ...

    def turn(self, question: str, history: list[dict] | None = None, region: str | None = None,
             doc_id: str | None = None, asker: Asker | None = None) -> Turn: ...

    def answer_turn(self, turn: Turn) -> Answer: ...


@dataclass
class Turn:
    """A question with its filters and asker; ``read``, ``reading``, ``plan`` and ``evidence`` are worked out on
    first use. ``shown`` is the evidence the answer is shown with (an answerer that cites sets it)."""
    bot: Engine
    question: str  # validated
    history: list[dict] | None
    region: str | None
    doc_id: str | None
    asker: Asker | None
    shown: list[ScoredChunk] = field(default_factory=list)
    draft: object = None  # the extractive answer when it found nothing (the answerer after it may do better)
    only: set[str] | None = None  # search only these documents (a part of a message about one place's own measures)
    _read: Reading | None = None
    _reading: Reading | None = None
    _plan: object = None
    _evidence: list[ScoredChunk] | None = None
    _tried: dict = field(default_factory=dict)  # answerers already tried on this turn, with their replies

    @classmethod
    def start(cls, bot: Engine, question: str, history: list[dict] | None, region: str | None, doc_id: str | None,
              asker: Asker | None) -> Turn:
        q = unrelayed(validate_question(question, bot.settings.answer.max_question_chars))
        return cls(bot, q, history, region, doc_id, asker)

    @functools.cached_property
    def documents(self) -> list[PolicyDocument]:
        return list(self.bot.index.documents.values())

    @property
    def today(self) -> dt.date:
        return self.bot.today()

    @property
    def plain(self) -> Reading:
        """The message taken as it is (what an answer given before any reading is recorded with)."""
        return Reading(self.question, self.question, self.question, self.question)

    @property
    def read(self) -> Reading:
        """The question resolved against the conversation, before the filters are weighed."""
        if self._read is None:
            self._read = self._with_supposed(self._about_own_place(self.bot.read(self.question, self.history)))
        return self._read

    def _with_supposed(self, read: Reading) -> Reading:
        """"目前还不是高新技术企业，今年准备申报。如果认定成功，市里有什么奖励？": the recognition a question supposes the
        asker gets without naming it is the one it said it lacks, and what is searched for names it."""
        named = {cid for cid, _, _ in concepts_in(read.core)}  # "要是评上高企了": named, searched as it is said
        supposed = [c for c in supposed_in_turn(read.core, read.resolved, self.asker)
                    if c not in read.text and c not in named]
        if not supposed:
            return read
        text = read.text
        said = getting_said(read.core)
        if said and read.resolved != read.core and text.count(said) == 1 and not tier_words(read.core):
            # "那要是评上了呢" after "研发投入能补多少": the subject asked before, at the tier now supposed — the
            # getting is no topic of its own (it drew the recognition rules)
            text = text.replace(said, "")
        return replace(read, text=text + "，" + "，".join(supposed))

    def _about_own_place(self, read: Reading) -> Reading:
        """"临沧那边给100万，我们这边有固定数吗？": the asker asks about its own place, the place it names is only a
        comparison, so the search leaves that place out (and the asker's place applies)."""
        if not (self.asker and self.asker.region):
            return read
        named = places_in(read.text)
        # "…我们临沧有一样的吗" then "那这个钱分到县里是看什么算的": the comparison place of the question followed
        # does not carry over to a follow-up naming no place, when that question also named the asker's own
        # …and to one asking of the asker itself ("研发投入的政策对我们有用吗？" after 五华区's were asked about)
        compared = (read.text != read.core and not places_in(read.core)
                    and (any(applies(region_chain(p), self.asker.region) for p in named)
                         or bool(_OWN_PLACE.search(read.text.replace(read.core, "")))  # "…我们这边也有吗" before
                         or bool(US.search(read.core) and not MAY_WE.search(read.core))))  # "那我们能拿吗": not_theirs
        # "那临沧有没有按研发投入直接补企业的" from a 临翔 company after a question on 昆明's 2%: its own place, asked anew
        # (an asker whose place no document covers asks whether its city has one: not so)
        in_core = places_in(read.core)
        own_named = read.text != read.core and bool(in_core) and all(
            applies(region_chain(p), self.asker.region) for p in in_core) \
            and bool(applicable_docs(self.bot.index.documents, self.asker.region))
        if not (_OWN_PLACE.search(read.core) or compared or own_named):
            return read
        other = [p for p in named if not applies(region_chain(p), self.asker.region)]
        return replace(read, text=without_places(read.text, other)) if other else read

    @property
    def plan(self):
        if self._plan is None:
            self._plan = self._programmes_at_home(self.bot.retriever.plan(self.read.text))
        return self._plan

    def _programmes_at_home(self, plan):
        """"他后来又被评成昆明市科技创新领军人才了" from a 五华区 company: a place that only begins a programme's name and
        contains the asker's place says where the programme is, not where to look; the asker's own place is searched
        (its district's plan pays for that title too)."""
        mine = self.asker.region if self.asker else ""
        if not mine or not plan.chains:
            return plan
        home = region_chain(mine)
        chains = tuple(dict.fromkeys(
            home if c != home and applies(c, home) and programme_place(self.read.text, c[-1]) else c for c in plan.chains))
        if chains == plan.chains:
            return plan
        return replace(plan, places=tuple(c[-1] for c in chains), chains=chains)

    @property
    def reading(self) -> Reading:
        """The reading with the filters it is answered under: a question naming another place than the filter
        is answered for that place (and says so); the asker's own place applies when the question names none."""
        if self._reading is None:
            plan, region, doc_id = self.plan, self.region, self.doc_id
            clash = self.bot.retriever.clash(plan, region, doc_id)
            if clash:
                region = doc_id = None
            if self.asker and self.asker.region and not (plan.places or plan.uncovered or region or doc_id):
                region = self.asker.region
                if not applicable_docs(self.bot.index.documents, region):  # 大理: nothing of its own is collected
                    docs = list(self.bot.index.documents.values())
                    region = (place_talked_about(self.earlier_asks, self.bot.index.documents)
                              or targets_followed(self.read.core, self.history, docs)
                              or document_followed(self.read.core, self.history, docs) or region)
            elif not (plan.places or plan.uncovered or region or doc_id):
                # a follow-up from an asker of no stated place: the place the answer it follows was about; a question
                # of its own: the place two answers in a row were about
                answered = place_answered if self.read.resolved != self.read.core else place_kept
                region = answered(self.history, list(self.bot.index.documents.values()))
            self._reading = replace(self.read, region=region, doc_id=doc_id, clash=clash)
        return self._reading

    @property
    def asked_where(self):
        """The place this turn is answered for: the first its plan names, else the reading's (the asker's or the
        filter's); None when there is none."""
        return self.plan.chains[0] if self.plan.chains else self.reading.region

    def applying_docs(self, where=None) -> set[str]:
        """The ids of the documents applying at ``where`` (else where this turn asks); all of them when no place is
        known."""
        where = where or self.asked_where
        docs = self.bot.index.documents
        return set(applicable_docs(docs, where)) if where else set(docs)

    @functools.cached_property
    def earlier_asks(self) -> list[str]:
        """The asker's earlier messages, oldest first."""
        return [t["content"] for t in self.history or [] if t.get("role") == "user" and isinstance(t.get("content"), str)]

    @functools.cached_property
    def moving_to(self) -> str | None:
        """The covered place this message, or else the asker's latest earlier message naming one, says the asker may
        move to ("那隔壁云岩区呢？我们在考虑搬过去") or has a branch in ("我们在官渡也有个分公司"): whose rules it asks
        about as its own; None when none says so."""
        return moving_to(self.question, self.earlier_asks, self.bot.index.documents)

    @property
    def evidence(self) -> list[ScoredChunk]:
        if self._evidence is None:
            r = self.reading
            only = self.only if self.only is not None else self._level_asked()
            searched = self._searched(r)
            plan = self.plan if searched == r.text else replace(self.plan, text=searched)
            self._evidence = self.bot.retriever.search(searched, k=self.bot.settings.retrieval.top_k,
                                                       region=r.region, doc_id=r.doc_id, plan=plan, only=only)
        return self._evidence

    def _searched(self, r: Reading) -> str:
        """The text embedded: a question naming no place, answered for the asker's place, is embedded as if it named
        the place whose documents apply there ("全市人才培养有啥数量目标？" from a 凤庆县 asker: 临沧市), as a single
        question naming it would be."""
        text = searched_ask(r.text) if r.resolved == r.core else r.text  # (a follow-up read with the question before)
        if not (self.asker and self.asker.region and r.region == self.asker.region) or places_in(text):
            return text
        regions = (d.region for d in self.bot.index.documents.values())
        homes = [c for c in applicable_regions(regions, r.region) if applies(c, r.region)]  # its own and containing ones
        if _CITY_LEVEL.search(r.text):  # "研发投入市里能补多少？" from a 官渡区 company: the city's place, not the district's
            homes = [h for h in homes if len(h) <= LEVEL_DEPTH["市"]] or homes
        return f"{max(homes, key=len)[-1]}{text}" if homes else text

    def _level_asked(self) -> set[str] | None:
        """"市里怎么配套？" naming no place: the city's own measures (of the asker's city when it said where it is),
        not its districts'; "区里给多少？" from an asker whose district has documents of its own: those. None (no
        restriction) when the question names a place or no such document applies."""
        r = self.reading
        level, said = next(((depth, p) for depth, p in _LEVELS if p.search(r.core)), (None, None))
        if said is None or self.plan.uncovered or r.doc_id:
            return None
        # a place named only where the asker says who it is ("我们在官渡运营…，市里能给多少？") is the asker's own
        asked = own_question(r.core)
        # "官渡的高企区里给钱吗": the district named and asked of as such is answered from its own documents
        district_named = said is _DISTRICT_LEVEL and any(len(region_chain(p)) == level for p in places_in(asked))
        if self.plan.places and (places_in(asked) or not said.search(asked)) and not district_named:
            return None
        region = r.region or (self.plan.places[0] if self.plan.places else None)
        if said is _DISTRICT_LEVEL and not region:
            return None  # whose district is not known: every document stays
        docs = self.bot.index.documents
        own = {d for d, doc in docs.items() if len(doc.region) == level}
        if region:
            own &= {d for d in applicable_docs(docs, region) if applies(docs[d].region, region)}
        return own or None

    def district_docs(self) -> set[str]:
        """The district's own documents this turn is searched in alone, because it asks "区里…" ("那专家工作站区里有吗");
        empty when it is not so restricted."""
        if self.only is not None or not _DISTRICT_LEVEL.search(self.reading.core) or _CITY_LEVEL.search(self.reading.core):
            return set()
        return self._level_asked() or set()

    def beyond_district(self) -> Turn:
        """The same reading searched in every document applying where the asker is (its city's measures too)."""
        r, docs = self.reading, self.bot.index.documents
        where = r.region or (self.plan.places[0] if self.plan.places else None)
        return Turn(self.bot, self.question, self.history, self.region, self.doc_id, self.asker,
                    only=set(applicable_docs(docs, where) if where else docs), _read=self._read, _reading=self._reading,
                    _plan=self._plan)

    def as_follow_up(self, back: int = 1) -> Turn:
        """The same message read as a follow-up of the asker's question ``back`` questions ago (the same reading when
        there is none)."""
        return Turn(self.bot, self.question, self.history, self.region, self.doc_id, self.asker,
                    _read=self._about_own_place(self.bot.read(self.question, self.history, follow_up=back)))

    def with_text(self, text: str, region: str | None = None, core: str | None = None, only: set[str] | None = None) -> Turn:
        """A part of this message asked on its own (``text`` in place of the message's question), under ``region``
        when the part names one; the conversation it follows stays the same."""
        read = replace(self.reading, core=core or text, resolved=text, text=self.bot.lexicon.correct(text)[0], clash=None,
                       region=region or self.reading.region)
        return Turn(self.bot, self.question, self.history, read.region, self.doc_id, self.asker, only=only, _read=read)

    def once(self, name: str, work: Callable[[Turn], object]) -> object:
        """``work(self)``, worked out once for this turn: an answerer that another one has already tried (and kept
        or passed on) gives the same reply without searching again."""
        if name not in self._tried:
            self._tried[name] = work(self)
        return self._tried[name]

    def take(self, other: Turn) -> None:
        """Answer as ``other`` was read: its reading, plan and evidence become this turn's."""
        self._read, self._reading, self._plan, self._evidence = other._read, other._reading, other._plan, other._evidence
        self.shown = other.shown

    @property
    def recorded(self) -> Reading:
        """The reading an answer is recorded with: as far as the answering got."""
        return self._reading or self._read or self.plain

    @property
    def asked(self) -> list[str]:
        """The aspects asked (amount, department …); a bare follow-up asks what its turn asked."""
        r = self.reading
        # what the asking part asks ("…目标是争取省级认定，请问认定下来能给多少": an amount, not a target), when what is
        # left out only tells ("哪几年的？现在还能用吗？" asks twice)
        own = own_question(r.core)
        alone = len(re.findall(r"[？?]", r.core)) <= len(re.findall(r"[？?]", own))
        asked = ([a for a in aspects(own) if a != "fact"] if alone else []) or aspects(r.core)
        if asked == ["fact"] and r.fixes:  # "听说有科技楼宇奖厉？": the ask read through its slip (奖励)
            asked = aspects(self.bot.lexicon.correct(r.core)[0])
        if asked == ["fact"] and r.resolved != r.core:
            asked = aspects(r.resolved)
        elif (asked == ["target"] and r.resolved != r.core and len(re.sub(r"\W", "", r.core)) <= _BARE_MAX
              and _BARE_HOW_MUCH.search(r.core) and not cued(r.core, INTENTS) and aspects(r.resolved)[:1] == ["amount"]):
            # "那临沧的是多少？" after "…高企认定奖励多少": a bare 多少 asks the amount the question it follows asked
            asked = aspects(r.resolved)
        return asked

    @property
    def terms(self) -> Terms:
        r = self.reading
        own = self.bot.lexicon.correct(r.core)[0] if r.resolved != r.core else None  # its own words, slips mended
        message = r.asked if r.asked != r.core else None  # the asker described around its ask
        for supposed in (w for w in r.text.split("，") if message and w and w not in r.resolved):
            message = message.replace(supposed, "")  # "还不是高新技术企业…如果认定成功": supposed held, no description
        return self.bot.terms(r.text, self.asked, own, r.core, message)
