"""Curated answers (人工审核答案): only verbatim quotes and figures they state are accepted; served for the
question and close paraphrases, not for another benefit or place; stale once their quote is gone."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from policybot.answering.bot import PolicyBot
from policybot.answering.curated import Curated, CuratedAnswers, CuratedStore, staleness
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
    assert a.notice.startswith("人工审核答案（") and "desk" not in a.notice and "已与科技局确认" not in a.notice  # staff labels and notes stay internal
    assert a.citations[0].quote in a.citations[0].chunk_text
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


# The matcher itself: clashes, wording, fitting and the evaluation figures (no model needed).

def _clashes(query: str, curated: str) -> set[str]:
    from policybot.answering.curated_match import CLASHES, features

    f = features(query, curated, 0.95)
    return {c.removesuffix("_clash") for c in CLASHES if f[c]}


@pytest.mark.unit
@pytest.mark.parametrize("query, curated, clash", [
    ("五华区对国家重点实验室给多少扶持？", "昆明市对国家重点实验室给予多少建设引导经费？", "place"),
    ("昆明市对省级重点实验室给予多少建设引导经费？", QUESTION, "tier"),
    ("临沧市高新技术企业到期后重新认定补助多少？", "临沧市规模以上企业首次认定为高新技术企业补助多少？", "tier"),
    ("五华区入选昆明市中青年学术技术带头人后备人选的，考核优秀补助多少？", "五华区科技人才入选昆明市中青年学术技术带头人，培养期满考核优秀补助多少？", "tier"),
    ("五华区科技人才被评为昆明市科技创新领军人才补助多少？", "五华区科技人才被评为云南省科技领军人才补助多少？", "tier"),
    ("官渡区每年培育几家专精特新中小企业？", "官渡区到2025年专精特新中小企业总量目标是多少家？", "tier"),
    ("五华区研发经费投入排名前2名的企业给予多少扶持？", "五华区研发经费投入排名第3至第5名的企业给予多少扶持？", "number"),
    ("国家重点实验室的建设引导经费申请需要什么条件？", QUESTION, "aspect"),
    ("昆明市对科技型企业知识产权质押贷款给多少额度？", "昆明市科技型企业知识产权质押贷款贴息补助，市级财政怎么配套？", "aspect"),
    ("昆明市研发投入增量奖励按多少比例给？", "昆明市企业研发投入奖补的基础补助按研发经费投入的多少比例给？", "benefit"),
])
def test_a_different_place_tier_figure_aspect_or_benefit_vetoes(query, curated, clash):
    assert clash in _clashes(query, curated)


@pytest.mark.unit
@pytest.mark.parametrize("query, curated", [
    ("临沧规上企业第一次评上高企，市里补多少？", "临沧市规模以上企业首次认定为高新技术企业补助多少？"),
    ("您好，我们企业去年研发经费投入在五华区排第4名，请问能拿多少扶持？", "五华区研发经费投入排名第3至第5名的企业给予多少扶持？"),
    ("在昆明做知识产权质押贷款，市里的贴息补助按什么比例配套省级标准？", "昆明市科技型企业知识产权质押贷款贴息补助，市级财政怎么配套？"),
    ("五华的企业团队入选省创新团队，期满考核优秀能给多少？", "五华区企业科技创新团队入选云南省创新团队，考核优秀扶持多少？"),
    ("官渡25年研发强度目标多少", "官渡区到2025年全社会研发投入占GDP比重目标是多少？"),
])
def test_colloquial_wording_a_figure_in_range_or_a_payer_level_is_no_clash(query, curated):
    assert _clashes(query, curated) == set()


@pytest.mark.unit
def test_wording_is_read_as_the_documents_write_it_and_common_words_weigh_less():
    from policybot.answering.curated_match import canonical, common_words, features

    assert canonical("临沧25年国高企目标几家，规上企业排前两名") == "临沧2025年国家高新技术企业目标几家,规模以上企业排前2名"
    common = common_words([f"推动科技创新平台建设的第{i}项重点任务。" for i in range(40)] + ["对新认定的院士工作站给予20万元补助。"])
    assert common["科技"] < 0.5 and "院士工作站" not in common
    f = features("昆明市对国家重点实验室给予多少建设引到经费？", QUESTION, 0.98)  # a typo keeps part of its word
    assert 0.7 < f["cover"] < 1 and f["back"] > 0.7


@pytest.mark.unit
def test_the_fitted_matcher_serves_the_curated_question_itself_and_keeps_its_margin():
    from policybot.answering.curated_fitting import choose
    from policybot.answering.curated_match import Matcher, features, load_model

    model = load_model()
    assert model.same(features(QUESTION, QUESTION, 1.0))
    rows = [{"dense": d, "agree": a, **dict.fromkeys(("place_clash", "tier_clash", "aspect_clash", "number_clash",
                                                      "concept_clash", "benefit_clash"), 0.0)}
            for d, a in [(0.99, 0.9), (0.98, 0.8), (0.97, 0.85), (0.96, 0.4), (0.95, 0.3), (0.99, 0.95), (0.97, 0.2)] * 3]
    same = [True, True, True, False, False, True, False] * 3
    matcher, margin = choose(rows, same, groups=[f"q{i % 5}" for i in range(len(rows))])
    assert isinstance(matcher, Matcher) and margin >= 0
    assert not any(matcher.same(f) for f, y in zip(rows, same) if not y) and all(matcher.same(f) for f, y in zip(rows, same) if y)


@pytest.mark.unit
def test_a_pair_that_names_its_split_keeps_it(tmp_path):
    from policybot.answering.curated_match import load_pairs, split_of

    path = tmp_path / "pairs.jsonl"
    rows = [{"id": "cp-001", "curated": QUESTION, "query": QUESTION, "same": True},
            {"id": "cp-003", "curated": QUESTION, "query": "昆明市对省级重点实验室给予多少建设引导经费？", "same": False, "split": "dev"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert [p["split"] for p in load_pairs(path)] == [split_of("cp-001"), "dev"]


@pytest.mark.unit
def test_evaluation_reports_the_matchers_figures_per_split(tmp_path):
    from policybot.answering.curated_match import Matcher
    from policybot.evaluation.qa import curated_metrics
    from policybot.evaluation.report import curated_table, split_table
    from policybot.index.embeddings import HashEmbedder

    path = tmp_path / "curated_pairs.jsonl"
    rows = [{"id": "a", "curated": QUESTION, "query": QUESTION, "same": True, "split": "dev"},
            {"id": "b", "curated": QUESTION, "query": "昆明市对省级重点实验室给予多少建设引导经费？", "same": False, "split": "dev"},
            {"id": "c", "curated": QUESTION, "query": "昆明的国家重点实验室建设引导经费最多给多少钱？", "same": True, "split": "test"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    cur = curated_metrics(path, HashEmbedder(), tmp_path / "cache.sqlite", model=Matcher({"agree": 0.2}, 0.5))
    assert set(cur["splits"]) == {"dev", "test"} and cur["splits"]["dev"]["pairs"] == 2
    assert cur["splits"]["dev"] == {"pairs": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0, "false_matches": 0}
    again = curated_metrics(path, HashEmbedder(), tmp_path / "cache.sqlite", model=Matcher({"agree": 0.2}, 0.5))
    assert again["precision"] == cur["precision"]  # vectors read back from the cache
    assert "| test | 1 |" in curated_table(cur)
    result = {"n": 1, "refusal": {}, "answer": {}, "curated": cur,
              "splits": {"dev": {"n": 1, "refusal": {}, "answer": {}, "curated": cur["splits"]["dev"]}}}
    assert "| curated.precision | " in split_table(result)
