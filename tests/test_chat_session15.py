"""Broad questions, fifth session of 2026-12-03 (dev turns): what the company says it works toward leads its list and
does not stop the measures without an amount; a company that may claim nothing where it is is told so, with what the
documents do there for companies like it."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.answerers.catalogue_list import is_list_question
from policybot.text.citations import check_answer


@pytest.mark.parametrize("question", ["那我们这种规下的还有别的能沾上的吗", "其他能享受的呢", "还有别的可以申请的吗"])
def test_more_said_as_what_else_the_company_can_get_is_a_list_question(question):
    assert is_list_question(question)


@pytest.mark.integration
def test_a_direction_the_company_works_toward_leads_the_list_and_the_measures_follow(real_bot):
    answer = chat(real_bot, "我们是官渡区一家做工业软件的小微企业，还没入规，想往专精特新方向走，区里有没有啥支持？")[-1]
    lines = [x for x in answer.direct_answer.splitlines() if x.startswith("· ")]
    assert "专精特新" in lines[0] and "计划中" in lines[0]
    assert "其他相关措施（原文未载明金额）" in answer.answer and "培育" in answer.answer.split("其他相关措施")[1]
    assert not check_answer(answer.answer, answer.citations)


@pytest.mark.integration
def test_a_company_that_may_claim_nothing_where_it_is_is_told_so_and_given_the_measures_for_it(real_bot):
    answer = chat(real_bot, "临沧临翔区的坚果厂，规下的，高新技术企业认定了市里给钱吗", "那我们这种规下的还有别的能沾上的吗")[-1]
    assert answer.found and "没有找到贵单位现在可以申请的资金扶持条目" in answer.answer
    assert "培育库" in answer.answer and all("临沧" in c.title for c in answer.citations)
    assert not check_answer(answer.answer, answer.citations)


@pytest.mark.integration
def test_two_places_asked_for_are_not_told_there_is_nothing(real_bot):
    answer = chat(real_bot, "我们是规下企业", "临沧和贵阳分别有什么政策能申请")[-1]
    assert "没有找到贵单位现在可以申请的资金扶持条目" not in answer.answer


@pytest.mark.integration
def test_the_year_a_target_is_set_for_is_asked_as_a_time(real_bot):
    answer = chat(real_bot, "我们在临沧高新区", "临沧高新区是不是要创国家级 目标是哪年")[-1]
    assert answer.found and "2025年" in answer.direct_answer and "没有写明" not in answer.direct_answer


@pytest.mark.integration
def test_an_asked_year_s_figure_is_taken_from_the_rest_of_the_chosen_rule_s_paragraph(real_bot):
    # the chosen sentence names the 科技计划项目 without a count; the paragraph, chunked on into the next passage, says
    # "2025年,组织实施官渡区科技计划项目14项"
    answer = chat(real_bot, "官渡区做数字会展的小公司，规下的。区里的科技计划项目重点支持哪些方向", "25年计划立几个项目")[-1]
    assert "14项" in answer.direct_answer and "2025年" in answer.direct_answer
    assert not check_answer(answer.answer, answer.citations)


@pytest.mark.parametrize("question, basis", [("昆明那个措施是根据省里哪个文件出的", True), ("依据上级哪份文件制定的", True),
                                             ("根据研发投入排名给多少", False)])
def test_the_upper_level_document_asked_with_a_level_between(question, basis):
    from policybot.answering.docfact_cues import FACT_CUES as CUES

    assert bool(CUES["basis"].search(question)) is basis
