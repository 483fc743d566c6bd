"""Conversation answers: several asks in one message, another place's rule asked about from elsewhere, a turn that
only makes sense as a follow-up, and the conversation's place carried to later turns."""

from __future__ import annotations

import pytest

from policybot.answering.bot import PolicyBot
from policybot.answering.direct import amount
from policybot.text.citations import check_answer

LINCANG = "lincang-2023-2025-innovation-action-plan"


@pytest.fixture(scope="module")
def bot(real_index):
    settings, embedder, index = real_index
    return PolicyBot(settings, embedder=embedder, index=index)


def _turns(*pairs: str) -> list[dict]:
    history = []
    for q in pairs:
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": "好的。"}]
    return history


@pytest.mark.integration
def test_two_topics_asked_about_each_get_one_bold_line_each(bot):
    a = bot.ask("院士工作站和专家工作站在临沧分别补多少？")
    lines = a.direct_answer.split("\n")
    assert len(lines) == 2 and lines[0].startswith("院士工作站") and lines[1].startswith("专家工作站")
    assert "20万元" in lines[0] and "10万元" in lines[1]
    assert [c.n for c in a.citations] == [1, 2] and "[1]" in lines[0] and "[2]" in lines[1]
    assert not check_answer(a.answer, a.citations)


@pytest.mark.integration
def test_district_and_city_each_answer_from_their_own_documents(bot):
    a = bot.ask("我们是五华区的企业，建了院士工作站，区里和市里各补多少？")
    lines = a.direct_answer.split("\n")
    assert [line.split("：")[0] for line in lines] == ["五华区", "昆明市"]
    assert "2万元" in lines[0] and "180万元" in lines[1]
    assert "五华" in a.citations[0].title and "昆明市" in a.citations[1].title


@pytest.mark.integration
def test_another_places_rule_asked_about_from_elsewhere_is_said_not_to_apply(bot):
    a = bot.ask("临沧那个院士工作站补助我们能申请吗？", history=_turns("我们是官渡区的规上企业，还没评上高企"))
    assert not a.found and a.outcome == "elsewhere"
    assert "不适用于官渡区" in a.direct_answer and "20万元" not in a.direct_answer
    assert not a.citations and a.elsewhere and all(c.doc_id.startswith("lincang") or "临沧" in c.title for c in a.elsewhere)


@pytest.mark.integration
def test_a_question_naming_the_askers_place_is_not_a_foreign_rule(bot):
    a = bot.ask("官渡区研发投入后补助我们能申请吗？", history=_turns("我们是官渡区的规上企业"))
    assert a.outcome != "elsewhere" and "只适用于" not in a.direct_answer


@pytest.mark.integration
@pytest.mark.parametrize("earlier, question, foreign, own", [
    ("我们是盘龙区的科技型中小企业", "隔壁官渡区的政策我们也能用吗？", "官渡区", "昆明市"),  # nothing quoted: still said
    ("我们是官渡区的高企", "听说五华区高企再认定每户给4万，我们官渡也照这个给吗？", "五华区", "官渡区"),
])
def test_asking_whether_another_places_rule_applies_is_told_no_and_what_does(bot, earlier, question, foreign, own):
    a = bot.ask(question, history=_turns(earlier))
    assert a.outcome == "elsewhere" and not a.citations
    assert f"只适用于昆明市{foreign}" in a.direct_answer and "不适用于" in a.direct_answer
    assert "适用于" + earlier[3:6] + "的是" in a.direct_answer and own in a.direct_answer.split("的是")[1]
    assert "4万元" not in a.direct_answer and not check_answer(a.answer.split("。", 1)[0], a.elsewhere)


@pytest.mark.integration
def test_a_city_named_with_the_askers_own_district_is_not_the_place_asked_about(bot):
    a = bot.ask("我们公司在贵阳观山湖区，云岩区的科技扶持我们能享受吗？")
    assert a.outcome == "elsewhere" and "只适用于贵阳市云岩区" in a.direct_answer
    assert "没有适用于观山湖区的政策文件" in a.direct_answer


@pytest.mark.integration
def test_a_year_follow_up_answers_for_its_own_year(bot):
    first = "官渡区的，想问一下区里2024年科技计化项目打算搞几项？"
    a = bot.ask(first)
    assert "13项" in a.direct_answer
    b = bot.ask("2025年呢？", history=[{"role": "user", "content": first}, {"role": "assistant", "content": a.answer}])
    assert "14项" in b.direct_answer and "2025" in b.direct_answer


@pytest.mark.integration
def test_a_turn_that_finds_nothing_alone_is_read_as_a_follow_up(bot):
    b = bot.ask("区里这事是哪个部门牵头？", history=_turns("官渡区研发经费投入后补助怎么补？"))
    assert b.found and "区科工信局" in b.direct_answer and "后补助" in b.resolved_question


@pytest.mark.integration
def test_the_conversations_place_carries_to_a_turn_that_names_none(bot):
    a = bot.ask("研发补助我们还能拿吗？我们不是高企", history=_turns("五华区的规上工业企业，研发投入排名奖励多少？"))
    assert a.assumed.startswith("五华区")
    assert all("临沧" not in c.title and "官渡" not in c.title for c in a.citations)


@pytest.mark.unit
def test_a_benefit_named_without_a_figure_says_its_amount_is_not_stated():
    line = amount("对科技型企业知识产权质押贷款贴息补助。", "贴息标准是多少？")
    assert line.startswith("原文未载明具体金额")
    assert amount("对首次认定企业给予市级财政资金10万元补助。", "首次认定补多少？") == "对首次认定企业给予市级财政资金10万元补助"
