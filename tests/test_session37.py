"""Session of 2026-12-07 (seventeenth; from the dev halves of conv-ap and prof-ap): recognitions of the companies an
incubator cultivated are its achievement, not its own; a doubt said of a recognition anywhere qualifies it; a grade
only heard of is to confirm; a clause that only dates the next one dates it; a denial said as a clause of its own
denies the concept before it; "24年" after a place is a year; a deadline asked with 截止时间 is a procedure ask; the
meeting that passed a document is a document fact; a short unpaused message turns to its ask at 区里/市里; what the
asker says it just obtained is the topic when the ask names none."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.catalogue.holdings import holdings
from policybot.catalogue.matching import match
from policybot.catalogue.profiles import parse_profile
from policybot.text.lexical import full_years, typed_pauses
from tests.test_matching import item


def _held(text: str) -> dict[str, bool]:
    """concept -> doubted, of what the text says the company holds."""
    out: dict[str, bool] = {}
    for h in holdings(parse_profile(text)):
        out[h.concept] = out.get(h.concept, False) or h.doubted
    return out


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "我们运营一家众创空间，今年有3家入驻企业是我们一路辅导的，通过了高新技术企业认定",
    "我们是孵化器运营方，去年孵出来两家高企",
])
def test_recognitions_of_cultivated_companies_are_an_achievement(text):
    held = _held(text)
    assert "培育高新技术企业" in held and "高新技术企业" not in held


@pytest.mark.unit
def test_the_company_s_own_recognition_after_a_clause_about_others_is_its_own():
    held = _held("园区里入驻了20家企业，我们公司去年通过了高新技术企业认定")
    assert "高新技术企业" in held


@pytest.mark.unit
def test_a_name_with_a_cultivating_word_cultivates_nothing():
    held = _held("2023年我们被认定为昆明市高新技术培育企业，2024年入库了科技型中小企业")
    assert "科技型中小企业" in held and "高新技术培育企业" in held


@pytest.mark.unit
def test_a_city_level_recognition_is_no_listing():
    assert "上市" not in _held("我们运营的众创空间2024年评上市级")
    assert "上市" in _held("公司去年在创业板成功上市")


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "我们在官渡区，昆明市高新技术培育企业我们没报过，想问能拿哪些钱",
    "我们在官渡区，昆明市高新技术培育企业，从来没申报过",
])
def test_a_denial_said_after_the_concept_denies_it(text):
    assert "高新技术培育企业" not in _held(text)


@pytest.mark.unit
@pytest.mark.parametrize("text, held_concept, not_held", [
    ("我们入库了科技型中小企业，还不是高企", "科技型中小企业", "高新技术企业"),  # a denial of another concept after it
    ("我们是入驻孵化器的企业，去年通过了高新技术企业认定", "高新技术企业", "培育高新技术企业"),  # a company once incubated
    ("我们是一家做软件的规上企业，2023年通过了高新技术企业认定", "高新技术企业", "培育高新技术企业"),  # "一家" counts no others
])
def test_what_the_company_says_of_itself_stays_its_own(text, held_concept, not_held):
    held = _held(text)
    assert held_concept in held and not_held not in held


@pytest.mark.unit
def test_a_doubt_said_of_a_recognition_qualifies_it_wherever_it_is_named():
    held = _held("我们科小是前年入库的，今年评价没弄，不知道现在还算不算科小")
    assert held.get("科技型中小企业") is True


@pytest.mark.unit
def test_a_grade_only_heard_of_is_to_confirm():
    team = item("入选云南省创新团队且培养期满考核合格的团队", "入选云南省创新团队，培养期满考核合格的，每个团队给予5万元的扶持。",
                amount="5万元", region=("云南省", "昆明市", "五华区"), tier="合格")
    heard = parse_profile("我们在五华区，研发团队是云南省创新团队，培养期已满，考核结果听说是合格，正式文件还没下来")
    said = parse_profile("我们在五华区，研发团队是云南省创新团队，培养期已满，考核结果为合格")
    assert match(heard, [team], lambda _: False)[0].status == "possible"
    assert match(said, [team], lambda _: False)[0].status == "eligible"


@pytest.mark.unit
def test_a_clause_that_only_dates_the_next_dates_it():
    p = parse_profile("2025年，我公司与农科院共建的新型研发机构被认定为省级新型研发机构")
    assert any(h.concept == "新型研发机构" and h.year == 2025 for h in holdings(p))
    assert all(h.year is None for h in holdings(parse_profile("我公司与农科院共建的新型研发机构被认定为省级新型研发机构")))


@pytest.mark.unit
def test_a_term_said_to_have_ended_by_a_year_has_ended():
    from policybot.text.concepts import ENDED
    import re
    assert re.search(ENDED, "总工2022年入选，培养期到2024年就结束了")


@pytest.mark.unit
def test_a_two_digit_year_after_a_place_is_a_year_and_an_age_is_not():
    assert full_years("五华区24年的目标") == "五华区2024年的目标"
    assert full_years("公司成立了24年") == "公司成立了24年"


@pytest.mark.unit
def test_a_short_unpaused_message_turns_to_its_ask_at_a_level_word():
    assert typed_pauses("我们今年招了几个博士区里有没有人才公寓") == "我们今年招了几个博士，区里有没有人才公寓"
    assert typed_pauses("我们在区里有没有份") == "我们在区里有没有份"


def test_a_deadline_ask_is_answered_as_not_stated_never_with_an_amount(real_bot):
    reply = chat(real_bot, "我们是临翔区的规上企业，评上高企市里给多少", "申报截止时间是什么时候")[-1]
    assert "未写明申报时间" in reply.answer and "万元" not in reply.direct_answer


def test_the_meeting_that_passed_a_document_is_a_document_fact(real_bot):
    passed = real_bot.ask("五华区那个三年行动计划是经哪个会议审议通过的")
    assert "第九次会议" in passed.direct_answer
    unsaid = real_bot.ask("官渡区的科技兴区三年行动计划是哪个会议审议通过的")
    assert "未写明" in unsaid.direct_answer and "第九次会议" not in unsaid.answer


def test_what_the_asker_just_obtained_is_the_topic_when_the_ask_names_none(real_bot):
    reply = real_bot.ask("我们是五华区一家做科普研学的公司，刚认定了市级青少年科技创新实验室，区里有没有补")
    assert reply.found and "2万元" in reply.direct_answer


def test_a_compound_that_only_qualifies_another_is_not_the_missing_thing(real_bot):
    reply = real_bot.ask("官渡区有没有给科技人才的人才公寓")
    assert not reply.found and "人才公寓" in reply.direct_answer


def test_a_count_the_asker_tells_of_itself_asks_no_figure(real_bot):
    reply = chat(real_bot, "我们是云岩区的企业", "我们今年招了几个博士区里有没有人才公寓可以住")[-1]
    assert "2640套" in reply.direct_answer


def test_a_story_whose_ask_names_only_an_act_is_read_whole_and_asks_what_its_ask_asks(real_bot):
    reply = real_bot.ask("我们是耿马的企业，和农科院有个合作项目，计划一起建个技术创新中心，目标是争取省级认定，"
                         "请问如果认定下来，临沧市里能给多少补助？")
    assert "100万元" in reply.direct_answer and not reply.direct_answer.startswith("目标")


@pytest.mark.unit
def test_a_supposed_recognition_said_with_its_time_first_asks_the_rule_before():
    from policybot.answering.supposed import supposed_status_ask

    assert supposed_status_ask("如果今年我们认定成高企了，比例会变吗")
    assert supposed_status_ask("要是明年评上高企了，标准会不会变")
    assert not supposed_status_ask("要是评上高企了，市里有什么奖励")


def test_a_size_said_of_itself_never_outweighs_the_asked_topic(real_bot):
    reply = real_bot.ask("我们在石林 规下 研发投入市里能补吗")
    assert reply.found and "规模以上" in reply.direct_answer


@pytest.mark.unit
def test_which_ranks_are_paid_is_every_rank_tier():
    from policybot.text.tiers import amount_lines

    quote = "研发经费投入排名前2名的，分别给予8万元的扶持；排名第3至第5名的，分别给予4万元的扶持。"
    assert len(amount_lines(quote, "是要排名的？前几名才有？")[0]) == 2
    assert amount_lines(quote, "排第3的话给多少")[0] == ["排名第3至第5名的，分别给予4万元的扶持"]


def test_a_rank_ask_of_a_rule_paying_by_rank_gets_the_ranks_and_amounts(real_bot):
    reply = real_bot.ask("五华区研发投入排前几名才有奖励？")
    assert "前2名" in reply.direct_answer and "第3至第5名" in reply.direct_answer


@pytest.mark.unit
def test_what_the_asker_says_it_got_is_the_subject_of_a_bare_ask():
    from conftest import asked_before
    from policybot.answering.followups import condense

    q = "东川区的企业，认定为国际对外科技合作示范企业，给多少"
    assert condense(q, asked_before("官渡区每年争取省市两级资金的目标是多少")) == q
    assert condense("我们在东川区，能拿多少？", asked_before("研发投入补助多少")).startswith("研发投入补助多少")


def test_a_hint_of_what_a_district_s_role_is_about_is_checked_against_it(real_bot):
    reply = real_bot.ask("市里对五华区有啥定位吗 好像跟区块链有关")
    assert "区块链和人工智能" in reply.direct_answer
