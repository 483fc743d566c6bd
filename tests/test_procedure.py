"""Procedure questions (怎么申请 / 要交什么材料 / 几月份申报 / 去哪儿申请 / 有什么管理办法): what the documents say of
applying is quoted, what they do not state is said plainly, and no figure stands in for it."""

from __future__ import annotations

import re

import pytest

from policybot.answering.bot import PolicyBot
from policybot.answering.procedure import asks_figure, own_topic, procedure_asked
from policybot.text.citations import check_answer

GUANDU = "kunming-guandu-2023-2025-tech-action-plan"


@pytest.fixture(scope="module")
def bot(real_index):
    settings, embedder, index = real_index
    return PolicyBot(settings, embedder=embedder, index=index)


@pytest.mark.unit
@pytest.mark.parametrize("q, kinds", [
    ("申报要交哪些材料，一般几月份报？", ["materials", "when"]),
    ("这些钱找谁申请？", ["where"]),
    ("材料交到哪里？", ["materials", "where"]),
    ("研发补助怎么申请？", ["how"]),
    ("孵化器有什么管理办法？", ["rules"]),
    ("申请流程是什么", ["how"]),
    ("去哪儿申报", ["where"]),
    ("什么时候可以申报", ["when"]),
    ("临沧高企奖励什么时候发放？", ["payment"]),  # when the money is paid: a detail the documents do not state
])
def test_the_procedure_asked_is_read_from_its_cues(q, kinds):
    assert procedure_asked(q) == kinds


@pytest.mark.unit
@pytest.mark.parametrize("q", [
    "云岩区科技创新孵化示范基地力争在哪一年申报成为市级科技企业孵化器？",  # a target year
    "临沧企业申请财政科技资金，自己要配套多少？",
    "这个奖补是找哪个部门？",  # the department of a rule: the ordinary answer
])
def test_rule_questions_are_not_procedure_questions(q):
    assert procedure_asked(q) == []


@pytest.mark.unit
def test_a_figure_asked_beside_the_procedure_and_a_bare_follow_up_are_told_apart():
    assert asks_figure("科技创新券怎么申领，一张面额多少？") and not asks_figure("申报要交哪些材料，一般几月份报？")
    assert not own_topic("材料交到哪里？") and not own_topic("这些钱找谁申请？")
    assert own_topic("官渡区研发投入后补助怎么申请？")


def _plain(a):
    """Answered with quotes that pass the checks, saying what is not stated, and no figure in the direct line."""
    assert a.outcome == "answered" and not check_answer(a.answer, a.citations), a.answer
    assert not re.search(r"\d", re.sub(r"《[^》]*》|\[\d+\]", "", a.direct_answer)), a.direct_answer
    return a


@pytest.mark.integration
def test_how_to_apply_quotes_the_named_rules_and_departments_then_says_what_is_missing(bot):
    a = _plain(bot.ask("官渡区研发投入后补助怎么申请？"))
    assert "研发经费投入后补助实施办法》" in a.direct_answer and "区科工信局" in a.direct_answer
    assert "未写明具体的申请流程" in a.direct_answer
    assert {c.doc_id for c in a.citations} == {bot.index.document(GUANDU).doc_id}


@pytest.mark.integration
def test_asked_rules_that_the_documents_name_are_an_answer_with_nothing_missing(bot):
    a = _plain(bot.ask("官渡区科技企业孵化器有什么管理办法？"))
    assert "科技企业孵化器管理办法》" in a.direct_answer and "未写明" not in a.direct_answer


@pytest.mark.integration
def test_a_follow_up_reads_the_conversations_topic_and_says_materials_and_time_are_not_stated(bot):
    q = "官渡区的研发投入补助是哪个部门牵头？"
    history = [{"role": "user", "content": q}, {"role": "assistant", "content": bot.ask(q).answer}]
    a = _plain(bot.ask("申报要交哪些材料，一般几月份报？", history=history))
    assert "研发经费投入后补助实施办法》" in a.answer
    assert "未写明需要提交的申报材料、申报时间" in a.direct_answer


@pytest.mark.integration
def test_a_topic_no_document_names_and_an_asked_figure_are_left_to_the_refusal(bot):
    assert not bot.ask("个人所得税专项附加扣除怎么申报？").found
    assert not bot.ask("昆明市的科技创新券怎么申领，一张面额多少？").found


@pytest.mark.integration
def test_with_no_rules_or_departments_the_clause_itself_is_quoted_and_the_place_said_not_stated(bot):
    q = "被认定为昆明市的高新技术培育企业能拿多少？"
    history = [{"role": "user", "content": q}, {"role": "assistant", "content": bot.ask(q).answer}]
    a = _plain(bot.ask("这些钱找谁申请？", history=history))
    assert "只写明了相关条款本身" in a.direct_answer and "未写明受理部门或申请地点、渠道" in a.direct_answer
    assert "高新技术培育企业" in a.citations[0].quote
