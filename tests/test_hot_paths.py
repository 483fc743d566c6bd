"""The per-answer hot paths made cheaper (plain-float model scores, memoised lookups) still say what they said."""

from __future__ import annotations

import random

import jieba.posseg as pseg
import numpy as np
import pytest

from policybot.answering.focus import Lexicon
from policybot.answering.picking import candidates
from policybot.answering.scoring import shipped_models, topical_text
from policybot.text.lexical import holds, overlap, pos_words


@pytest.mark.parametrize("name", ["rerank", "select", "answerable"])
def test_a_models_score_is_the_standardised_dot_product(name):
    model = getattr(shipped_models(), name)
    rng = random.Random(7)
    for _ in range(50):
        x = {f: rng.uniform(-3, 3) for f in model.features}
        v = np.array([x[f] for f in model.features])
        expected = float(((v - model.mean) / model.scale) @ model.coef + model.intercept)
        assert model.logit(x) == pytest.approx(expected, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("text, term, held", [
    ("对新认定的高新技术企业给予奖励", "高新技术企业", True),
    ("对新认定的高新技术企业给予奖励", ("高企", "高新技术企业"), True),
    ("对新认定的高新技术企业给予奖励", ("高企", "专精特新"), False),
    ("各县(区)科技部门", "县区", True),  # a bracketed option written run together
    ("对院士、专家工作站分别给予补助", "院士工作站", True),  # two items sharing a head
    ("对院士、专家工作站分别给予补助", "专家工作站", True),
    ("院士来滇开展工作，建设工作站", "院士工作站", False),  # both halves, but not a list sharing the head
    ("研发投入", "研发", True),
    ("研发投入", "投", True),
    ("研发投入", "补助", False),
])
def test_a_term_is_held_whole_as_an_option_or_under_a_shared_head(text, term, held):
    assert holds(text, term) is held
    assert holds(text, term) is held  # the memoised second answer is the same


def test_overlap_weighs_the_held_terms_and_agencies_are_blanked_unless_asked():
    weights = {"住房": 2.0, "补贴": 1.0, "人才": 1.0}
    text = "给予人才补贴(责任单位:区住房和城乡建设局)"
    assert overlap(text, weights) == pytest.approx(1.0)
    assert overlap(topical_text(text, weights), weights) == pytest.approx(0.5)  # 住房 only inside an agency's name
    assert "住房" not in topical_text(text, weights)
    assert "住房" in topical_text(text, {"住房和城乡建设局": 1.0})  # a question naming the agency keeps it


def test_the_corpus_lookups_answer_as_the_text_does():
    lex = Lexicon(["对各县(区)院士工作站给予补助", "责任单位:区住房和城乡建设局"])
    for word, known, topic in [("院士工作站", True, True), ("县区", True, True), ("住房", True, False),
                               ("住房和城乡建设局", True, True), ("科技金融", False, False)]:
        for _ in range(2):
            assert lex.known(word) is known, word
            assert lex.known_topic(word) is topic, word


def test_the_tagger_and_the_sentence_candidates_are_read_once_and_cannot_be_changed():
    text = "我们是官渡区的规上企业，研发投入能补多少"
    assert pos_words(text) == tuple((p.word, p.flag) for p in pseg.cut(text))
    assert pos_words(text) is pos_words(text)
    passage = "1.加快专精特新企业培育。\n对新认定的国家级专精特新“小巨人”企业给予50万元奖励。对省级给予10万元奖励。"
    first = candidates(passage)
    assert isinstance(first, tuple) and first is candidates(passage)
    assert [passage[s:e] for s, e, pair in first if not pair][0].startswith("对新认定的国家级")



def test_a_morning_of_questions_leaves_the_memoised_answers_as_they_were(real_bot):
    # the caches are shared by every question a process answers: an answer must not depend on what came before
    import json

    from conftest import ROOT, chat

    rows = [json.loads(line) for line in (ROOT / "evals" / "policy_qa.jsonl").open(encoding="utf-8")]
    morning = [r["question"] for r in rows if not r.get("history")][::17][:30]
    first = chat(real_bot, "我们是官渡区的规上企业，还没评上高企，研发投入能补多少？", "那要找哪个部门？")
    chat(real_bot, *morning)
    again = chat(real_bot, "我们是官渡区的规上企业，还没评上高企，研发投入能补多少？", "那要找哪个部门？")
    assert [a.answer for a in again] == [a.answer for a in first]
    assert "1%" in first[0].direct_answer
