"""Curated answers (人工审核答案): only verbatim quotes and figures they state are accepted; served for the
question and close paraphrases, not for another benefit or place; stale once their quote is gone."""

from __future__ import annotations

import datetime as dt

import pytest

from policybot.chain import PolicyBot
from policybot.curated import Curated, CuratedAnswers, CuratedStore, staleness
from policybot.errors import PolicybotError

pytestmark = pytest.mark.integration

QUESTION = "昆明市对国家重点实验室给予多少建设引导经费？"


@pytest.fixture(scope="module")
def saved(real_index, tmp_path_factory):
    settings, embedder, index = real_index
    bot = PolicyBot(settings, embedder, index)
    answer = bot.ask(QUESTION)
    quote = answer.citations[0]
    item = Curated(question=QUESTION, direct="对国家重点实验室给予最高500万元建设引导经费", note="已与科技局确认", author="desk",
                   quotes=[{"doc_id": quote.doc_id, "chunk_id": quote.chunk_id, "quote": quote.quote}])
    store = CuratedStore(tmp_path_factory.mktemp("cur") / "curated.sqlite")
    store.add(item, index)
    return bot, store, item


def test_only_verbatim_quotes_and_their_own_figures_are_accepted(saved):
    bot, store, item = saved
    q = item.quotes[0]
    with pytest.raises(PolicybotError, match="原文"):
        store.add(Curated(question="x？", direct="500万元", quotes=[{**q, "quote": q["quote"] + "另加100万元"}]), bot.index)
    with pytest.raises(PolicybotError, match="800"):
        store.add(Curated(question="x？", direct="最高800万元", quotes=[q]), bot.index)
    with pytest.raises(PolicybotError, match="引文"):
        store.add(Curated(question="x？", direct="见原文", quotes=[]), bot.index)
    assert [c.id for c in store.all()] == [item.id]


def test_served_for_its_question_within_the_filters_not_for_another_benefit(saved):
    bot, store, _ = saved
    bot.curated = CuratedAnswers(store, bot.index, bot.retriever.embed, bot.today())
    a = bot.ask(QUESTION)
    assert a.outcome == "curated" and a.found and a.direct_answer.startswith("对国家重点实验室给予最高500万元")
    assert "人工审核答案（desk" in a.notice and a.citations[0].quote in a.citations[0].chunk_text
    assert bot.ask("昆明市对国家技术创新中心给予多少建设引导经费？").outcome != "curated"
    assert bot.curated.best(QUESTION, {"another-document"}) is None  # filters that exclude its document
    assert bot.curated.best(QUESTION, None)[0].question == QUESTION
    bot.curated = None


def test_a_quote_that_is_gone_makes_it_stale_and_unserved(saved, tmp_path):
    bot, _, item = saved
    store = CuratedStore(tmp_path / "curated.sqlite")
    store.add(item, bot.index)
    gone = Curated(question="旧问题？", direct="旧规定", created="2026-01-01T00:00:00",
                   quotes=[{"doc_id": "old", "chunk_id": "nope", "quote": "一段已被删除的原文"}])
    store._put(gone)  # as it was saved against an earlier build
    assert "不在知识库" in staleness(gone, bot.index, bot.today())
    served = CuratedAnswers(store, bot.index, bot.retriever.embed, bot.today())
    assert [c.id for c in served.stale] == [gone.id] and [c.id for c in served.items] == [item.id]
    expired_since = Curated(question=item.question, direct=item.direct, quotes=item.quotes, created="2024-01-01T00:00:00")
    assert "执行期" in staleness(expired_since, bot.index, dt.date(2026, 11, 22))
    out = tmp_path / "curated.jsonl"
    assert store.export_jsonl(out) == 2
    again = CuratedStore(tmp_path / "again.sqlite")
    added, problems = again.import_jsonl(out, bot.index)
    assert added == 1 and len(problems) == 1 and "第" in problems[0]
