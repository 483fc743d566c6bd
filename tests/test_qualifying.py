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


def test_a_limit_at_the_end_of_a_numbered_item_is_carried_by_every_item_it_covers():
    text = ("（五）培养科技人才\n"
            "3.上述人才被评为甲县拔尖人才的，每人给予2万元补助。被评为乙市领军人才的，每人给予6万元，此项不重复补助。\n"
            "4.甲县企业团队入选乙市创新团队的，给予3万元扶持。\n")
    at = [text.find("每人给予2万元"), text.find("每人给予6万元"), text.find("给予3万元")]
    got = qualifying.limit_notes([(n, a, a + 20) for n, a in zip(["甲县拔尖人才补助", "乙市领军人才补助", "乙市创新团队扶持"], at)], text)
    assert got[0][0] == ["此项不重复补助（不与“乙市领军人才补助”重复享受）"]
    assert got[1][0] == ["此项不重复补助（不与“甲县拔尖人才补助”重复享受）"]
    assert got[0][1] == got[1][1] != "" and got[2] == ([], "")  # the next item is not limited


def test_a_limit_of_one_sentence_stays_with_it_and_a_limit_standing_alone_after_it_is_its_own():
    text = "对甲县新认定的专精特新企业给予5万元奖励，同一企业只享受一次。对乙市科技型企业给予3万元奖励。\n"
    got = qualifying.limit_notes([("专精特新企业奖励", 0, 20), ("科技型企业奖励", text.find("对乙市"), len(text) - 1)], text)
    assert [notes for notes, _ in got] == [["同一企业只享受一次"], []]
    text = "对获得乙市认定的甲县孵化器给予10万元补助。与乙市同类政策就高不重复。\n"
    assert qualifying.limit_notes([("孵化器补助", 0, 20)], text)[0][0] == ["与乙市同类政策就高不重复"]
    assert qualifying.limit_notes([("孵化器补助", 0, 20)], "对甲县孵化器给予10万元补助。\n") == [([], "")]


def test_a_condition_that_only_lifts_the_cap_does_not_narrow_who_receives_the_benefit():
    sentence = "从项目攻关、人才引进等多方面给予资金支持，对于年度考核特别优秀的乙市工程研究中心，支持资金不设上限。"
    got = extract_sentence(sentence)
    assert len(got) == 1 and got[0]["beneficiary"] == "乙市工程研究中心"
    # the amount is the special case's, not the whole benefit's: none stated for the centres at large
    assert got[0]["amount"] == "未载明金额；年度考核特别优秀的，支持资金不设上限" and got[0]["notes"] == []
    assert got[0]["uses"] == "项目攻关、人才引进" and got[0]["conditions"] == []
    assert qualifying.special_case(sentence, "支持资金不设上限")[0] == "乙市工程研究中心"


def test_a_special_case_with_its_own_giving_verb_is_a_benefit_of_its_own():
    sentence = "对甲县孵化器给予资金支持，对于考核优秀的孵化器，给予20万元奖励。"
    assert qualifying.special_case(sentence, "给予20万元奖励") is None
    assert qualifying.special_case("对于绩效突出的乙市研发机构，支持经费不设上限。", "支持经费不设上限") is None  # nothing general before


def test_a_limit_after_the_tier_that_tops_up_a_rule_covers_the_whole_rule():
    text = "对甲县新认定的孵化器给予5万元补助；经推荐获得省级认定的，再给予10万元补助，此项不重复补助。对乙类载体给予2万元补助。\n"
    end = text.find("对乙类")
    got = qualifying.limit_notes([("孵化器补助", 0, end), ("省级孵化器补助", 0, end), ("乙类载体补助", end, len(text) - 1)], text)
    assert got[0][0] == ["此项不重复补助（不与“省级孵化器补助”重复享受）"] and got[2] == ([], "")


def test_a_cap_lifted_for_subjects_the_general_benefit_does_not_name_is_not_its_special_case():
    sentence = "对甲县孵化器给予资金支持，对于绩效突出的乙市研发机构，支持经费不设上限。"
    assert qualifying.special_case(sentence, "支持经费不设上限") is None
    sentence = "对甲县新型研发机构给予资金支持，对于绩效突出的新型研发机构，支持经费不设上限。"
    assert qualifying.special_case(sentence, "支持经费不设上限")[0] == "新型研发机构"
