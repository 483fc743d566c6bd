"""Target questions answered from the sentence that states the asked year's, measure's and kind's target, wherever in
the document it stands (a plan's 发展目标 list or the year-by-year lines of its tasks); run-on years
("…达1.78%2024年,…") belong to the clause after them."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.direct import figure_clause
from policybot.answering.scoring import Terms
from policybot.answering.targets import _fit

_RUN_ON = ("2023年,全社会研发投入支出(R&D)占GDP比重力争达1.78%2024年,全社会研发投入支出(R&D)占GDP比重力争达1.95%"
           "2025年,全社会研发投入支出(R&D)占GDP比重力争达2.0%")


def _terms(focus: dict, years: frozenset = frozenset()) -> Terms:
    return Terms(weights=dict(focus), focus=dict(focus), missing=0.0, bigrams=frozenset(), intents=("target",), years=years)


@pytest.mark.parametrize("year, wanted, not_wanted", [
    ("2023", "1.78%", "1.95%"), ("2024", "1.95%", "2.0%"), ("2025", "2.0%", "1.95%"),
])
def test_a_year_run_on_after_a_figure_is_the_next_clauses_year(year, wanted, not_wanted):
    line = figure_clause(_RUN_ON, f"{year}年研发投入占GDP比重目标是多少？", _terms({"研发投入": 2.0}, frozenset({year})),
                         "target")
    assert wanted in line and not_wanted not in line


def test_the_fit_prefers_the_asked_year_the_asked_measure_and_the_level_over_what_is_added():
    years = frozenset({"2025"})
    # the asked year over other years
    assert _fit("2025年,达2.0%", "2025年目标", years) > _fit("2024年,达1.95%", "2025年目标", years)
    # 强度 is a share, not a growth rate (both are percentages)
    q = "2025年研发投入强度目标多少"
    assert _fit("到2025年,全社会研发经费投入达到6.09亿元以上,投入强度达0.46%以上", q, years) > \
        _fit("到2025年,实现全社会研发经费投入年均增长17%以上", q, years)
    # 总共 is a total (亿元), not a rate
    q = "到2025年研发经费总共要投到多少"
    assert _fit("到2025年,全社会研发经费投入达到6.09亿元以上", q, years) > _fit("到2025年,年均增长17%以上", q, years)
    # 要达到多少 is the level; 新增多少 is what is added
    assert _fit("到2025年,发明专利有效量达3600件以上", "2025年发明专利有效量要达到多少", years) > \
        _fit("2025年,全区发明专利有效量新增200件", "2025年发明专利有效量要达到多少", years)
    assert not _fit("到2025年,发明专利有效量达3600件以上", "2025年发明专利有效量新增多少", years) > \
        _fit("2025年,全区发明专利有效量新增200件", "2025年发明专利有效量新增多少", years)


def test_with_no_year_asked_a_target_of_its_own_beats_a_schedule_but_a_baseline_year_is_no_schedule():
    schedule = "2023年,培育2家以上专精特新中小企业;2024年,培育2家以上;2025年,培育1家以上"
    own = "到2025年,专精特新中小企业总量达8家"
    assert _fit(own, "专精特新的目标是多少家", frozenset()) > _fit(schedule, "专精特新的目标是多少家", frozenset())
    based = "研发投入在2022年2.41亿元的基础上,2025年达到5亿元以上"
    year, measure, figure, kind, final = _fit(based, "研发投入的目标", frozenset())
    assert (year, measure, figure, final) == (0, 0, 1, "2025") and kind >= 0  # no schedule; a level ("达到5亿元") counts


def test_of_sentences_alike_in_year_and_measure_one_stating_a_figure_fits_better():
    assert _fit("2025年,培育区级科技成果转化示范点5家", "2025年度拟培育数量为？", frozenset({"2025"})) > \
        _fit("2025年,持续强化官渡区科技成果转移转化示范点培育力度", "2025年度拟培育数量为？", frozenset({"2025"}))


@pytest.mark.parametrize("turns, wanted, not_wanted", [
    # a year swapped in a follow-up: the year-by-year line inside a task, not the 发展目标 line retrieved first
    (("我们在官渡区，想了解官渡区到2025年研发投入强度的目标。", "2023年的目标值是多少？"), "1.78%", "2.0%"),
    (("官渡区对全区研发投入强度，2024年那年定的目标是多少？", "最终到2025年呢？"), "2.0%", "1.95%"),
    (("临沧那个创新三年方案，到2025年全市研发经费总共要投到多少？",), "6.09亿元", "17%"),
    (("临沧全市2025年研发投入强度目标多少",), "0.46%", "17%"),
    (("官度那个科技兴区三年行动计划，到2025年发明专利有效量要达到多少",), "3600件", "200件"),
    (("官渡区2025年发明专利有效量新增多少件？",), "200件", "3600件"),
    (("这个官渡区的计划里专精特新的目标是多少家",), "8家", "2家"),
    (("云岩那个方案里高企到2025年要做到多少家？",), "220家", "120家"),
    (("云岩区研发投入到2025年的目标是多少？",), "5亿元", "50家"),
])
def test_a_target_question_is_answered_with_the_asked_target(real_bot, turns, wanted, not_wanted):
    line = chat(real_bot, *turns)[-1].direct_answer
    assert wanted in line and not_wanted not in line, line


@pytest.mark.parametrize("turns, wanted, not_wanted", [
    # the document's own long name for a fund: the sentence naming it, not the rule beside it
    (("我们是耿马的规上糖厂", "市里那个研发经费投入奖补资金，我们企业能直接去申请吗？"), "各县(区)", "10万元"),
    # a 研发中心 to be set up is a 研发机构 newly set up (10万元), not a recognised 技术创新中心 (100万元)
    (("我们是耿马的糖厂,规上企业", "我们还想建个研发中心,这个有没有补助?"), "10万元", "100万元"),
])
def test_a_question_naming_a_thing_by_the_documents_name_is_answered_by_that_sentence(real_bot, turns, wanted, not_wanted):
    answer = chat(real_bot, *turns)[-1]
    assert wanted in answer.answer and not_wanted not in answer.direct_answer, answer.direct_answer


def test_long_names_are_the_longest_corpus_strings_of_six_characters_or_more():
    from policybot.answering.named import long_names
    corpus = "设立市级研发经费投入奖补资金,实行总额控制"
    assert long_names("市里那个研发经费投入奖补资金，能直接申请吗", lambda s: s in corpus) == ["研发经费投入奖补资金"]
    assert long_names("研发补贴多少", lambda s: s in corpus) == []
