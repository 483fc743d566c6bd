"""Conversations, second session of 2026-12-04 (dev turns of conv-h, written fresh): what a rule says asked as such, a
yes/no question whether something is named, words that point back at "the matter", asking how two things differ, a
ratio said in words, an opener that only greets, and topics no document has whose lesser words match many clauses."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.aspects import aspects
from policybot.answering.words import is_greeting
from policybot.text.citations import check_answer


@pytest.mark.unit
@pytest.mark.parametrize("question", ["职务科技成果转化后给科研人员的现金奖励有什么规定？",
                                      "个人现金奖励在绩效工资方面是怎么规定的", "这个奖励有啥说法"])
def test_what_a_rule_says_asked_as_such_is_no_amount_question(question):
    assert aspects(question) == ["fact"]


@pytest.mark.unit
def test_an_amount_asked_beside_a_rule_question_is_still_an_amount():
    assert aspects("现金奖励给多少？") == ["amount"]


@pytest.mark.unit
@pytest.mark.parametrize("message", ["在么 想问点政策", "在嘛", "有人在吗"])
def test_an_opener_asking_whether_someone_is_there_is_a_greeting(message):
    assert is_greeting(message)


@pytest.mark.integration
def test_a_rule_asked_as_such_is_stated_whole(real_bot):
    a = real_bot.ask("高校老师的职务科技成果转化后，个人现金奖励在绩效工资方面有什么规定？")
    assert "不受核定的绩效工资总量限制" in a.direct_answer and "6个月内" in a.direct_answer
    assert not check_answer(a.answer, a.citations)


@pytest.mark.integration
def test_whether_something_is_named_quotes_the_clause_naming_it(real_bot):
    a = real_bot.ask("咖啡算临沧市里的重点产业吗？")
    assert "咖啡" in a.direct_answer and "4个1" not in a.direct_answer


@pytest.mark.integration
def test_the_matter_pointed_back_at_is_no_missing_topic(real_bot):
    *_, a = chat(real_bot, "我们是贵阳市云岩区的软件企业，区里到2025年高企要到多少家？", "这事儿牵头的是哪个局？")
    assert "事儿" not in a.direct_answer and "区科学技术局" in a.direct_answer


@pytest.mark.integration
def test_a_ratio_said_in_words_names_no_topic(real_bot):
    *_, a = chat(real_bot, "我们是临沧高新区的规上企业，申请市级科技项目企业要自筹配套吗？", "自筹配套是啥意思 要一比一吗")
    assert a.found and "1:1" in a.direct_answer and "一比" not in a.direct_answer


@pytest.mark.integration
@pytest.mark.parametrize("question, topic", [("有没有人才住房补贴？", "住房补贴")])
def test_a_topic_no_document_has_is_refused_though_its_lesser_word_matches(real_bot, question, topic):
    a = real_bot.ask(question)
    assert not a.found and topic in a.direct_answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["昆明重大科技攻关项目的经费有上限吗？", "我们是西山区的科技型企业，拿专利做质押贷款，利息有补贴吗？",
                                      "官渡区到2025年的大方向：有效期内的国家高新技术企业数量目标是多少家？"])
def test_a_phrase_of_corpus_words_or_another_word_for_one_is_no_absent_topic(real_bot, question):
    assert real_bot.ask(question).found


@pytest.mark.unit
@pytest.mark.parametrize("question", ["市里研发投入奖补按几个点算", "能补百分之几", "补几个百分点"])
def test_a_rate_asked_in_points_is_an_amount(question):
    assert aspects(question)[0] == "amount"


@pytest.mark.integration
def test_a_recognition_supposed_after_saying_it_is_lacked_takes_its_tier(real_bot):
    first, then = chat(real_bot, "安宁的 规上企业 不是高企 市里研发投入奖补按几个点算", "那要是明年评上高企了呢？")
    assert "1%" in first.direct_answer and "2%" not in first.direct_answer
    assert "2%" in then.direct_answer and "1%" not in then.direct_answer
