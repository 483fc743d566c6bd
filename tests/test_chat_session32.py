"""Session of 2026-12-07 (twelfth; from conv-ai's and prof-ai's dev halves): asking whether the company may go and
claim another place's rule ("能不能去那边申请", "客户能去报吗", "能先按昆明的算吗", "我们以后也有这个吗") is answered as
not theirs; a description with an opener naming a place ("想了解一下云南这边的政策") only describes; a request to look
up the company's own case is told it cannot be; whether a topic concerns the asker ("跟我们有关系吗") names no topic;
"还能再拿吗" asks whether two benefits stack; a cap asked and not stated is said so; a place's policies asked for as a
whole are listed; matching reads "非高新技术企业" as not one and "2022年和2025年两次重新认定" as two renewals."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.words import MAY_WE, is_greeting
from policybot.answering.answerers.catalogue_list import is_list_question
from policybot.catalogue.profiles import parse_profile


@pytest.mark.unit
@pytest.mark.parametrize("question", ["五华有个人才补贴，我们呈贡的能不能去那边申请？", "临沧有首次认定补助，客户能去报吗？",
                                      "我们还在重庆，高企奖励能先按昆明的标准算吗？", "五华那边排名前两名奖8万，我们官渡评上了也有这个吗？",
                                      # thirteenth session: directly, or a clerk's client wanting it
                                      "临翔这家也想申请昆明那个科技楼宇100万的奖励，行不行",
                                      "那我们大理的公司不搬过去能不能直接申请临沧的那个10万"])
def test_asking_to_claim_another_places_rule_is_may_we(question):
    assert MAY_WE.search(question)


@pytest.mark.unit
@pytest.mark.parametrize("question", ["五华区研发投入排名奖励给多少？",
                                      "临翔那家刚首次评上高企，官渡那家是第二次认定，各自能拿多少？"])  # two clients, each asked
def test_a_rule_asked_of_is_no_may_we(question):
    assert not MAY_WE.search(question)


def test_going_to_claim_another_districts_rule_is_not_theirs(real_bot):
    answer = chat(real_bot, "我们是西山区的规上企业", "五华区有研发投入排名奖励，我们能不能去那边申请？")[-1]
    assert answer.outcome == "elsewhere" and "不适用于西山区" in answer.direct_answer
    assert not answer.citations


def test_a_description_with_an_opener_naming_a_province_only_describes(real_bot):
    answer = chat(real_bot, "你好，我们是重庆的一家软件公司，想咨询一下云南这边的政策。")[-1]
    assert answer.outcome == "welcome" and "重庆" in answer.direct_answer


@pytest.mark.unit
def test_an_opener_alone_naming_a_place_is_no_greeting():
    assert not is_greeting("想了解一下官渡区的科技政策")


def test_looking_up_the_companys_own_case_is_told_it_cannot(real_bot):
    answer = chat(real_bot, "您能帮我们查一下高企的审批结果吗")[-1]
    assert answer.outcome == "welcome" and "查不到" in answer.direct_answer and not answer.citations


def test_whether_it_concerns_us_names_no_topic(real_bot):
    answer = chat(real_bot, "我们是官渡区的规上工业企业", "区里研发投入这块跟我们有关系吗？")[-1]
    assert answer.found and "研发投入" in answer.direct_answer


def test_can_we_get_it_again_asks_whether_benefits_stack(real_bot):
    answer = chat(real_bot, "我们在五华区，有员工入选了昆明市科技创新领军人才，区里给多少？", "后来他又被评为云南省科技领军人才，还能再拿吗？")[-1]
    assert "10万元" in answer.direct_answer and "不重复补助" in answer.direct_answer


def test_a_cap_the_rule_does_not_state_is_said_so(real_bot):
    answer = chat(real_bot, "我们是盘龙区的科技型企业", "市里知识产权质押贷款贴息，有没有上限？")[-1]
    assert "未写明上限" in answer.direct_answer


@pytest.mark.unit
@pytest.mark.parametrize("question", ["介绍一下官渡区的科技政策", "想了解一下临沧市的科技创新政策"])
def test_a_places_policies_asked_as_a_whole_are_a_list(question):
    assert is_list_question(question)


@pytest.mark.unit
def test_not_a_high_tech_enterprise_said_with_非():
    assert not parse_profile("做新材料的，非高新技术企业").certifications


@pytest.mark.unit
def test_two_renewals_listed_by_year():
    certs = parse_profile("2018年首次认定高新技术企业，2021年和2024年两次重新认定").certifications
    assert [(c.kind, c.year) for c in certs] == [("首次认定", 2018), ("重新认定", 2021), ("重新认定", 2024)]


@pytest.mark.unit
def test_a_word_every_tier_says_in_its_own_words_chooses_no_tier():
    """"研发投入" (the 2% piece's word) and "研发经费投入" (the 1% piece's) are one word: a question naming no tier
    is told both tiers, not the one that happens to share its wording."""
    from policybot.text.tiers import amount_lines

    rule = "规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助,其他规上企业按研发经费投入的1%给予基础补助;"
    lines, chose = amount_lines(rule, "市里研发投入基础补助按多少？")
    assert any("2%" in x for x in lines) and any("1%" in x for x in lines) and not chose
    lines, _ = amount_lines(rule, "我们是规上高企，研发投入补助按多少？")
    assert any("2%" in x for x in lines) and not any("1%" in x for x in lines)


def test_a_question_naming_no_tier_is_told_both(real_bot):
    answer = chat(real_bot, "我们是西山区的规上企业", "市里研发投入的基础补助按多少算？")[-1]
    assert "2%" in answer.direct_answer and "1%" in answer.direct_answer


def test_what_the_asker_holds_picks_its_tier_when_the_ask_names_none(real_bot):
    held = chat(real_bot, "我们是盘龙区的规上企业，前年评上了高新技术企业", "研发投入那块市里按几个点给？")[-1]
    assert "2%" in held.direct_answer and "1%" not in held.direct_answer
    lacking = chat(real_bot, "我们是盘龙区的规上企业，还没评上高企", "研发投入那块市里按几个点给？")[-1]
    assert "1%" in lacking.direct_answer and "2%" not in lacking.direct_answer


@pytest.mark.unit
@pytest.mark.parametrize("text, place", [("我们是西山的规上企业", "西山区"), ("我司是安宁的", "安宁市")])
def test_a_place_that_is_also_a_word_said_as_what_we_are(text, place):
    from policybot.text.places import places_in

    assert places_in(text) == [place]


def test_a_year_alone_leads_the_figure_after_it(real_bot):
    answer = chat(real_bot, "官渡区数字经济领域每年新增多少创新类企业或者高企？")[-1]
    assert "家以上" in answer.direct_answer  # each line a figure, not the year alone ("2024年[1]")


def test_a_topic_line_is_answered_with_the_figures_after_it(real_bot):
    """"——…实现倍增。" alone states no figure; "要做多大" asks the target the sentence after it states."""
    answer = chat(real_bot, "云岩区方案对科学研究和技术服务业，打算做多大？")[-1]
    assert "50家" in answer.direct_answer and "26亿元" in answer.direct_answer
