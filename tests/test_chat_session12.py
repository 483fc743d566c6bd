"""What the 2026-12-03 (second) round of conversations showed a demanding asker expects: "还能用吗" of one rule gets
the rule and its document's period; two questions in one message get two answers, the later reading the earlier; a
growing company's broad question shows the nearest next recognition first and the measures for it, quoted; a 咨询
company saying who it is is no question."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.answerers.rule_status import names_rule
from policybot.answering.asks import questions_in
from policybot.answering.asker import only_describes
from policybot.answering.measures import _pieces_of


@pytest.mark.parametrize("question, expected", [
    ("五华那个高企再认定给4万的还能用吗", True),
    ("市里那个20万还算数吧", True),
    ("区里那个研发投入后补助现在还有效吗", True),
    ("这个方案还有效吗", False),  # a document, no rule named: the document's facts answer it
    ("这个计划文号是多少？", False),
])
def test_a_validity_question_names_a_rule_or_only_a_document(question, expected):
    assert names_rule(question) is expected


def test_whether_a_rule_still_holds_is_the_rule_and_its_period(real_bot):
    answer = chat(real_bot, "五华那个高企再认定给4万的还能用吗")[-1]
    assert answer.found and "4万元" in answer.direct_answer
    assert "2018-2020" in answer.direct_answer and "已到期" in answer.direct_answer
    assert "时间：" not in answer.direct_answer  # one rule, not the same line under two aspects


def test_that_figure_still_holding_is_the_rule_an_earlier_answer_stated(real_bot):
    answer = chat(real_bot, "我们是官渡区的企业，市级企业科技创新中心刚认定下来，市里给多少", "市里那个20万还算数吧")[-1]
    assert answer.found and "20万元" in answer.direct_answer and "2022年—2024年" in answer.direct_answer


@pytest.mark.parametrize("message, parts", [
    ("到2025年研发投入占GDP目标是多少？今年2024年呢", 2),
    ("专精特新到2025年总量要到几家？2024年那年培育几家？", 2),
    ("在吗？想问点科技政策的事", 0),  # a greeting, then one ask
    ("研发能补多少？我们是规上企业", 0),  # the words after the mark say, they do not ask
    ("你好？请问官渡区研发投入补多少？", 0),
    ("研发投入能补多少", 0),
])
def test_questions_typed_one_after_another_are_split_at_their_marks(message, parts):
    assert len(questions_in(message)) == parts


def test_two_questions_in_one_message_get_one_line_each_the_second_reading_the_first(real_bot):
    answer = chat(real_bot, "官渡区科技兴区三年行动计划的研发投入占GDP目标，到2025年是多少？2024年呢？")[-1]
    assert answer.found and "2.0%" in answer.direct_answer and "1.95%" in answer.direct_answer
    assert len(answer.direct_answer.splitlines()) == 2


def test_a_long_clause_gives_its_measure_as_a_run_of_whole_comma_clauses():
    text = ("构建创新型企业精细化梯度培育,挖掘、筛选具有创新能力科技企业组建高企培育库,建立以科技型中小企业高新技术企业"
            "规上高新技术企业领军企业为重点的梯次培育体系,加强对中小企业创新的指导培育,推动更多科技型中小企业成长为高新"
            "技术企业,聚焦规上高新技术企业,引导创新要素向重点产业、企业集聚,做强做大一批龙头骨干高新技术企业,实现高企量质双提升;")
    pieces = [text[a:b] for a, b in _pieces_of(text)]
    assert any("组建高企培育库" in p for p in pieces)
    assert all(p in text and len(p) <= 150 and not p.endswith(",") for p in pieces)


def test_a_growing_company_sees_the_nearest_recognition_first_and_the_measures_for_it(real_bot):
    answer = chat(real_bot, "我们在官渡区 做软件的小公司 规下 已经入了科技型中小企业库 能申请啥")[-1]
    lines = answer.direct_answer.splitlines()
    nurtured = next(i for i, x in enumerate(lines) if "高新技术培育企业" in x and "3万元—5万元" in x)
    unicorn = next((i for i, x in enumerate(lines) if "独角兽" in x and "500万" in x), len(lines))
    assert nurtured < unicorn
    assert "高企培育库" in answer.answer  # the district's measure for such a company, quoted


@pytest.mark.parametrize("message, expected", [
    ("我们是官渡一家科技咨询公司", True),
    ("我们是官渡一家科技咨询公司，帮客户做申报的", True),
    ("我们是官渡区的企业，想咨询一下研发补助", False),
])
def test_a_consulting_company_saying_who_it_is_asks_nothing(message, expected):
    assert only_describes(message) is expected


def test_a_figure_quoted_back_is_asked_of_the_rule_that_stated_it(real_bot):
    turns = ("我们是临沧高新区的糖厂，规上", "我们申请50万市级财政科技资金，自己至少要配多少", "上面说的那个1:1是硬性的吗")
    answer = chat(real_bot, *turns)[-1]
    assert answer.found and "原则上" in answer.direct_answer and "1:1" in answer.direct_answer
    assert "硬性" not in answer.answer  # no refusal over a word of the question


def test_the_figure_you_just_gave_is_that_rule_not_another_with_the_same_figure(real_bot):
    answer = chat(real_bot, "我们是官渡区的企业，市级企业科技创新中心刚认定下来，市里给多少", "你刚才说的20万是一次性的吗")[-1]
    assert answer.found and "企业科技创新中心" in answer.direct_answer and "孵化器" not in answer.direct_answer


def test_a_person_of_a_university_saying_where_it_is_is_noted_with_its_place(real_bot):
    answer = chat(real_bot, "您好，我是呈贡大学城一所高校科技处的。")[-1]
    assert answer.outcome == "welcome" and "呈贡区" in answer.direct_answer


def test_what_the_asker_leads_is_no_department_asked(real_bot):
    answer = chat(real_bot, "盘龙区的企业，我们想牵头搞新型研发机构，市里支持多少")[-1]
    assert answer.found and "不设上限" in answer.direct_answer and "负责部门" not in answer.direct_answer


def test_a_redirect_never_says_the_own_documents_lack_a_topic_they_name(real_bot):
    for answer in (chat(real_bot, q)[-1] for q in ("盘龙区的企业想建新型研发机构，市里给多少钱？", "西山区的企业建院士工作站能补多少？")):
        if answer.outcome == "elsewhere":
            assert "没有关于“新型研发机构”" not in answer.answer and "没有关于“院士工作站”" not in answer.answer
