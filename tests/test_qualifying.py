"""What a 政策清单 line keeps so it is not read wider than the rule: the qualifying clauses between subject and
giving verb, the unit an amount is paid per, the qualifier the rule's heading names.

Synthetic 公文 snippets (甲县, 乙市 …), never the corpus's own sentences.
"""

from __future__ import annotations

import pytest

from policybot.catalogue import qualifying
from policybot.catalogue.extract import _reads, extract_sentence

pytestmark = pytest.mark.unit


def lines(sentence: str, quote: str | None = None) -> list[tuple[str, str, str, str | None]]:
    """(benefit, beneficiary, amount, tier) of each item of one sentence, as the catalogue writes them."""
    return [(name, who, g["amount"], tier) for g in extract_sentence(sentence)
            for who, name, tier in [_reads(g, quote or sentence, "")]]


def test_a_recommended_and_recognised_tier_keeps_its_condition_at_its_level():
    quote = "认定为县级技术创新中心、专家工作站的，给予1万元的支持；经县科技部门推荐并获得省级、国家级认定的，再分别给予4万元、8万元的支持。"
    got = lines("经县科技部门推荐并获得省级、国家级认定的，再分别给予4万元、8万元的支持。", quote)
    assert [who for _, who, _, _ in got] == ["经县科技部门推荐并获得省级认定的技术创新中心、专家工作站",
                                           "经县科技部门推荐并获得国家级认定的技术创新中心、专家工作站"]
    assert [name for name, *_ in got] == ["省级技术创新中心、专家工作站支持", "国家级技术创新中心、专家工作站支持"]
    assert [tier for *_, tier in got] == ["省级", "国家级"]


def test_thresholds_and_filing_between_subject_and_verb_belong_to_the_beneficiary():
    got = lines("对规模以上企业新设立技术中心,企业研发经费投入占营业收入比重超过2%,经省级备案认定的给予县级补助资金8万元。")
    assert got[0][1] == "新设立技术中心、经省级备案认定且研发经费投入占营业收入比重超过2%的规模以上企业"
    assert got[0][2] == "8万元"


def test_a_recognition_that_sets_a_standard_is_kept_a_bare_one_a_level_says_is_not():
    assert qualifying.qualified("甲区孵化楼宇运营方", ["经认定达标"]) == "经认定达标的甲区孵化楼宇运营方"
    assert qualifying.qualified("市级企业研发中心", ["经认定"]) == "市级企业研发中心"
    sentence = "打造甲县科技园区,经验收合格后,给予园区运营方30万元奖励。"
    assert qualifying.conditions(sentence, "给予园区运营方30万元奖励") == ["经验收合格"]


def test_a_subject_clause_or_a_purpose_is_not_a_condition():
    assert qualifying.conditions("鼓励乙市企业建设研发中心,对新建的给予5万元补助。", "对新建的给予5万元补助") == []
    assert qualifying.conditions("乙市企业研发投入超过500万元的,给予10万元奖励。", "给予10万元奖励") == ["乙市企业研发投入超过500万元"]


def test_an_amount_paid_per_unit_achieved_says_per_what():
    got = lines("支持甲县各类孵化载体培育科技型中小企业,每培育1家科技型中小企业一次性给予孵化载体2万元奖励。")
    assert got[0][2] == "每培育1家科技型中小企业2万元"
    assert qualifying.per_unit("5万元", "每引进一名博士给予") == "每引进一名博士5万元"


def test_a_per_unit_phrase_in_its_own_clause_and_a_list_of_figures_keep_it():
    got = [g["amount"] for g in extract_sentence("乙市对新认定的科技型中小企业给予1万元奖励，每培育1家高新技术企业，一次性给予孵化载体3万元奖励。")]
    assert got == ["1万元", "每培育1家高新技术企业3万元"]
    assert qualifying.per_unit("5万元", "每新增1家规上企业分别给予3万元、") == "每新增1家规上企业5万元"


def test_an_amount_per_receiver_is_left_as_written():
    assert qualifying.per_unit("3万元", "每家企业给予") == "3万元"
    assert qualifying.per_unit("3万元", "每人给予") == "3万元"
    assert qualifying.per_unit("每户2万元", "给予") == "每户2万元"
    assert qualifying.per_unit("1万元", "每年给予") == "1万元"
    assert qualifying.per_unit("2万元", "每培育1家给予1万元奖励，对新认定的给予") == "2万元"  # the 每 of another figure


def test_the_heading_names_what_a_generic_name_is_for():
    labels = ("三、扶持政策", "（二）鼓励企业参与专精特新企业再认定")
    assert qualifying.heading_named("专精特新企业扶持", labels) == "专精特新企业再认定扶持"
    assert qualifying.heading_named("专精特新企业首次认定扶持", labels) == "专精特新企业首次认定扶持"
    assert qualifying.heading_named("研发投入奖励", ("（一）鼓励企业加大研发投入",)) == "研发投入奖励"
    both = ("（三）专精特新企业首次认定和再认定奖励",)  # which one this rule is, the heading does not say
    assert qualifying.heading_named("专精特新企业奖励", both) == "专精特新企业奖励"


def test_a_subject_that_is_itself_recognised_is_not_its_own_condition():
    assert qualifying.conditions("经认定的甲县重点实验室，给予5万元补助。", "给予5万元补助") == []
