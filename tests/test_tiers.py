"""Tiered rules: enumerations aligned item by item, rival clauses chosen by the question's words."""

from __future__ import annotations

import pytest

from policybot.text.tier_clauses import clauses, enumeration

from policybot.text.tiers import amount_lines, asked_tiers, asking_part, choose, unnegated

pytestmark = pytest.mark.unit

INCUBATORS = ("引导科技企业孵化器高质量发展,对新认定的国家级科技企业孵化器、省级科技企业孵化器、省级星创天地分别"
              "一次性给予50万元、20万元、5万元奖补;")
RECOGNITION = ("对规模以上企业认定为高新技术企业的给予资金奖补,对首次认定企业给予市级财政资金10万元补助,"
               "对到期后重新认定企业给予市级财政资金5万元补助。")
RD = ("对企业给予基础补助和增量奖励两项叠加激励政策:规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助,"
      "其他规上企业按研发经费投入的1%给予基础补助;增量奖励按照全市企业研发经费投入较上年度增量的10%给予奖励。")
RANKS = ("研发经费投入较上一年度有增长的工业、大中型服务业和特级一级建筑业统计在库企业，研发经费投入排名前2名的，"
         "分别给予8万元的扶持；排名第3至第5名的，分别给予4万元的扶持。")
TOP_UP = "认定为市级重点实验室、工程技术研究中心、院士工作站的，给予2万元的扶持；经科技部门推荐并获得省级、国家级认定的，再分别给予3万元、5万元的扶持。"
ROLES = "带头人和后备人选培养期满综合考核结果为优秀的每人给予3万元、1万元的补助。"


def lines(quote, question):
    return amount_lines(quote, question)[0]


@pytest.mark.parametrize("question, expect", [
    ("昆明新认定的省级科技企业孵化器奖补多少？", "省级科技企业孵化器：一次性给予20万元奖补"),
    ("星创天地奖多少", "省级星创天地：一次性给予5万元奖补"),
    ("国家级的不用说，只问省级的孵化器", "省级科技企业孵化器：一次性给予20万元奖补"),
])
def test_an_enumeration_is_aligned_to_the_asked_item(question, expect):
    assert lines(INCUBATORS, asking_part(question)) == [expect]


def test_without_a_tier_every_item_is_listed_with_its_own_figure():
    assert lines(INCUBATORS, "孵化器奖补多少？") == [
        "国家级科技企业孵化器：一次性给予50万元奖补", "省级科技企业孵化器：一次性给予20万元奖补",
        "省级星创天地：一次性给予5万元奖补"]


def test_lists_of_different_lengths_are_not_aligned():
    broken = [c for c in clauses("对国家级、省级孵化器分别给予50万元、20万元、5万元奖补") if c.money][0]
    assert enumeration(broken) is None
    assert lines("对国家级、省级孵化器分别给予50万元、20万元、5万元奖补", "省级的") == ["对国家级、省级孵化器分别给予50万元、20万元、5万元奖补"]


@pytest.mark.parametrize("question, expect", [
    ("临沧高企复审重新认定补多少", ["对到期后重新认定企业给予市级财政资金5万元补助"]),
    ("临沧首次认定高企补助多少", ["对首次认定企业给予市级财政资金10万元补助"]),
    ("临沧规上企业高新技术企业到期后重新认定的，市级财政补多少？不是首次认定那种。",
     ["对到期后重新认定企业给予市级财政资金5万元补助"]),
])
def test_rival_clauses_are_narrowed_to_the_asked_one(question, expect):
    assert lines(RECOGNITION, question) == expect


def test_rival_clauses_stay_when_the_question_names_no_tier():
    assert len(lines(RECOGNITION, "临沧高企补助多少")) == 2


def test_a_rule_that_stacks_two_benefits_keeps_both():
    got = lines(RD, "我们是规上高企，研发投入能补多少？ 高新技术企业")
    assert got == ["规上高新技术企业等重点研发投入企业，按研发经费投入的2%给予基础补助",
                   "增量奖励按照全市企业研发经费投入较上年度增量的10%给予奖励"]
    assert any("1%" in x for x in lines(RD, "非高新技术企业的其他规上企业基础补助比例"))


@pytest.mark.parametrize("question, figure", [("排名第4名的企业扶持多少", "4万元"), ("前两名呢", "8万元"),
                                              ("我们大概排第4，能拿多少？", "4万元"), ("排名第二能拿多少", "8万元")])
def test_ranks_choose_their_tier(question, figure):
    assert [figure in x for x in lines(RANKS, question)] == [True]


def test_top_ups_align_to_their_level():
    assert lines(TOP_UP, "五华国家级重点实验室再给多少") == ["国家级：再给予5万元的扶持"]
    assert lines(TOP_UP, "市级院士工作站扶持") == ["认定为市级重点实验室、工程技术研究中心、院士工作站的，给予2万元的扶持"]


def test_the_head_of_a_compound_is_the_tier():
    assert asked_tiers("入选学术技术带头人后备人选（不是带头人）") >= {"后备人选"}
    assert lines(ROLES, unnegated("昆明市中青年学术技术带头人后备人选（不是带头人），考核优秀补助多少？")) == [
        "后备人选：培养期满综合考核结果为优秀的每人给予1万元的补助"]


def test_the_asking_part_follows_what_is_known():
    assert asking_part("刚查到国家级的奖补50万元，那省级星创天地的呢？").startswith("那省级星创天地")
    assert asking_part("医疗康养方向我知道，农业方向每年推荐几人？") == "农业方向每年推荐几人？"


def test_choose_declines_ties():
    assert choose(["国家级科技企业孵化器", "省级科技企业孵化器"], "孵化器") is None
    assert choose(["a"], "a") is None


def test_clauses_keep_brackets_ratios_and_glued_years_apart():
    texts = [c.text for c in clauses("构建“4个1”(即:一个重点产业+一个龙头企业)产业体系,按照1:1配套")]
    assert texts == ["构建“4个1”(即:一个重点产业+一个龙头企业)产业体系", "按照1:1配套"]
    assert [c.text for c in clauses("占GDP比重力争达1.78%2024年,力争达1.95%")] == ["占GDP比重力争达1.78%", "2024年", "力争达1.95%"]


@pytest.mark.unit
def test_what_the_asker_says_it_is_not_rules_out_that_tier():
    from policybot.text.tiers import choose, ruled_out

    pieces = ["规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助", "其他规上企业按研发经费投入的1%给予基础补助"]
    assert choose(pieces, "我们是官渡区的规上企业，还没评上高企，研发投入能补多少？") == 1
    assert choose(pieces, "研发投入能补多少？，我们不是高新技术企业") == 1  # said earlier in the conversation
    assert choose(pieces, "我们是规上高企，研发投入能补多少？") == 0
    assert "高新技术企业" in ruled_out("我们尚未认定为高企") and ruled_out("高企能补多少") == set()


def test_an_answer_quotes_every_sibling_tier_but_a_catalogue_rule_stays_one():
    from policybot.text.rules import whole_rule

    first = RANKS.index("；") + 1
    assert whole_rule(RANKS, 0, first, parallel=True)[1] > first  # the 第3至第5名 tier comes with it
    assert whole_rule(RANKS, 0, first) == (0, first)


@pytest.mark.parametrize("quote, bare", [
    ("经认定达标后,给予楼宇运营方100万元奖励。", True),  # recognised, on criteria stated nowhere here
    ("经省级备案认定的给予市级补助经费10万元", False),
    ("研发经费投入占营业收入比重超过1.5%的，给予10万元", False),
])
def test_a_condition_that_only_refers_to_a_recognition_says_its_criteria_are_not_stated(quote, bare):
    from policybot.answering.direct import fragment
    from policybot.answering.scoring import Terms

    line = fragment("condition", quote, "认定标准是啥？", Terms(weights={}, focus={}, missing=0.0,
                                                              bigrams=frozenset(), intents=("condition",)))
    assert ("未写明具体认定标准" in line) is bare
