""""怎么申请？", "要交什么材料？", "几月份申报？", "去哪儿申请？", "有什么管理办法？": what the documents say of applying
(the 办法 they name, the 牵头/责任 departments), quoted, and plainly what they do not state."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.procedure import (
    MAX_PASSAGES,
    asks_figure,
    compose_procedure,
    own_topic,
    procedure_asked,
    quoted_passages,
    topic_at,
    topic_words_of,
    what_is_said,
)
from policybot.answering.turn import Turn
from policybot.answering.words import CITY_ASKED
from policybot.text.places import LEVEL_DEPTH, applies, places_in
from policybot.types import Answer, ScoredChunk


def _searched(turn: Turn, query: str) -> list[tuple[ScoredChunk, int]]:
    """The passages a search for ``query`` finds where the question is answered, each with its topic's offset."""
    r, words = turn.reading, topic_words_of(query)
    longest = max(words, key=len, default="")
    found = turn.bot.retriever.search(query, k=MAX_PASSAGES, region=r.region, doc_id=r.doc_id,
                                      plan=turn.bot.retriever.plan(query))
    # a passage on the topic names its longest word (个人所得税 is in none: the refusal says so)
    return [(sc, topic_at(sc.chunk.text, query)) for sc in found[:MAX_PASSAGES] if longest in sc.chunk.text]


def _passages(turn: Turn, core: str) -> tuple[list[tuple[ScoredChunk, int]], str]:
    """The question's own topic's passages; for a bare follow-up, those the previous answer quoted and those of the
    conversation's last topic (its last question naming one the passages found name); with the topic's question."""
    if own_topic(core) and (found := _searched(turn, core)):
        return found, core
    # "这些奖补是找市科技局吗？材料交到哪里？": words of its own that no passage names point back at the last topic
    turns = [t for t in turn.history or [] if isinstance(t.get("content"), str)]
    asked = [t["content"] for t in reversed(turns)
             if t.get("role") == "user" and own_topic(t["content"]) and not asked_facts(t["content"])]
    # the passages quoted in answer to the conversation's last topic (not a later "还有效吗？" reply's 印发 notice)
    last = _answer_to(turns, asked[0]) if asked else next(
        (t["content"] for t in reversed(turns) if t.get("role") == "assistant"), "")
    quoted = [(ScoredChunk(chunk=c, score=1.0), at) for c, at in quoted_passages(last, turn.bot.index.chunks)]
    searched = next((found for q in asked[:MAX_PASSAGES] if (found := _searched(turn, q))), [])
    seen = {sc.chunk.chunk_id for sc, _ in quoted}
    return quoted + [p for p in searched if p[0].chunk.chunk_id not in seen], (asked[0] if asked else "")


def _answer_to(turns: list[dict], question: str) -> str:
    """The assistant's reply right after the latest user turn asking ``question`` ("" when there is none)."""
    for i in range(len(turns) - 1, -1, -1):
        if turns[i].get("role") == "user" and turns[i]["content"] == question:
            return next((t["content"] for t in turns[i + 1:] if t.get("role") == "assistant"), "")
    return ""


Passage = tuple[ScoredChunk, int]


def _narrowed(turn: Turn, passages: list[Passage]) -> list[Passage]:
    """The passages of the documents the message is about, when any is among them (else all):
    - where the asker is, or where the reading settled, when the message names no place (a bare "要准备哪些材料" from a
      西山区 company after an answer that set 昆明 beside 临沧);
    - a city's, when the message asks of the city level ("市里的科技成果转化基金叫啥，我们怎么申请": a district's 实施细则
      is not the city's)."""
    region_of = {p[0].chunk.doc_id: turn.bot.index.documents[p[0].chunk.doc_id].region for p in passages}
    where = turn.reading.region or (turn.asker.region if turn.asker else "")
    if where and not places_in(turn.reading.core):
        # none of them applies there ("这些奖补…材料交到哪里" from 盘龙 after another place's rule): none is quoted
        passages = [p for p in passages if applies(region_of[p[0].chunk.doc_id], where)]
    if CITY_ASKED.search(turn.reading.core):
        passages = [p for p in passages if len(region_of[p[0].chunk.doc_id]) <= LEVEL_DEPTH["市"]] or passages
    return passages


def answer(turn: Turn) -> Answer | None:
    core = turn.reading.core
    kinds = procedure_asked(core)
    if not kinds or asks_figure(core):  # an asked figure ("一张面额多少") is the ordinary answer's
        return None
    if turn.terms.absent:  # a topic no document names: the refusal says so
        return None
    passages, topic = _passages(turn, core)
    found = bool(passages)
    passages = _narrowed(turn, passages)
    if not found:
        return None
    said = what_is_said(passages, turn.bot.index.documents, turn.bot.next_chunk, topic)
    reply = compose_procedure(turn.question, kinds, said, turn.bot.index.documents, turn.today)
    if reply is not None:
        turn.shown = [sc for sc, _ in passages]
    return reply


ANSWERER = Answerer("procedure", answer)
