"""Who a graded, ranked or conditional rule is for: the subject from the rule's lead clause, the tier as a tier.

Synthetic 公文 snippets (甲县, 乙市 …), never the corpus's own sentences.
"""

from __future__ import annotations

import pytest

from policybot.catalogue import subjects
from policybot.catalogue.extract import _reads, extract_sentence

pytestmark = pytest.mark.unit


def lines(sentence: str, quote: str | None = None, earlier: str = "") -> list[tuple[str, str, str | None]]:
    """(benefit, beneficiary, tier) of each item of one sentence, as the catalogue writes them."""
    return [(name, who, tier) for g in extract_sentence(sentence)
            for who, name, tier in [_reads(g, quote or sentence, "", earlier)]]


def test_a_grade_list_keeps_the_lead_clauses_subject_and_standing():
    got = lines("3.甲县企业研发团队入选乙市重点创新团队，验收期满综合评价为优秀、合格的，每个团队分别给予6万元、3万元的补助。")
    assert got == [("乙市重点创新团队补助（评价优秀）", "入选乙市重点创新团队且验收期满综合评价为优秀的甲县企业研发团队", "优秀"),
                   ("乙市重点创新团队补助（评价合格）", "入选乙市重点创新团队且验收期满综合评价为合格的甲县企业研发团队", "合格")]


def test_a_standing_tier_is_completed_by_the_lead_clause():
    """"拔尖人才和后备人选": the 后备人选 is the 拔尖人才's reserve, both of the programme the lead names."""
    got = lines("1.甲县机关和企业专业技术人员入选乙市青年拔尖人才和后备人选，拔尖人才和后备人选培养期满考核结果为优秀的"
                "每人分别给予4万元、2万元的补助。")
    assert [(name, tier) for name, _, tier in got] == [("乙市青年拔尖人才补助（考核优秀）", "拔尖人才"),
                                                     ("乙市青年拔尖人才后备人选补助（考核优秀）", "后备人选")]
    assert got[1][1] == "入选乙市青年拔尖人才后备人选且培养期满考核结果为优秀的甲县机关和企业专业技术人员"


def test_a_condition_fragment_is_not_the_beneficiary():
    got = lines("2.甲县企业科技人员入选乙省产业创新人才培养对象，培养期满评价结果为“通过结业评价”的，每人给予3万元的补助。")
    assert got == [("乙省产业创新人才培养对象补助（通过结业评价）",
                    "入选乙省产业创新人才培养对象且培养期满评价结果为通过结业评价的甲县企业科技人员", None)]


def test_shangshu_and_a_bare_verb_phrase_take_the_subject_of_the_rules_before():
    earlier = "1.甲县企业科技人员入选乙省产业创新人才培养对象，培养期满的，每人给予3万元的补助。\n"
    quote = "2.上述科技人员被评为乙省首席技术专家的，每人给予6万元补助。被评为乙省青年技术能手的，每人给予2万元。"
    first, second = (s + "。" for s in quote.split("。")[:2])
    assert lines(first, quote, earlier) == [("乙省首席技术专家补助", "被评为乙省首席技术专家的甲县企业科技人员", None)]
    assert lines(second, quote, earlier) == [("乙省青年技术能手补助", "被评为乙省青年技术能手的甲县企业科技人员", None)]


def test_a_rank_is_a_tier_and_the_subject_comes_from_the_lead_clause():
    got = lines("营业收入较上年度增长的规上工业企业，研发经费投入排名前3名的，分别给予6万元的扶持。")
    assert got == [("研发经费投入扶持（排名前3名）", "营业收入较上年度增长的规上工业企业（研发经费投入排名前3名）", "排名前3名")]
    # the next rule on the line names only the rank: subject and measure from the rule before
    assert subjects.ranked("排名第4至第8名", "分别给予2万元的扶持", "排名第4至第8名的，分别给予2万元的扶持。",
                           "营业收入较上年度增长的规上工业企业，研发经费投入排名前3名的，分别给予6万元的扶持") == (
        "营业收入较上年度增长的规上工业企业（研发经费投入排名第4至第8名）", "研发经费投入扶持（排名第4至第8名）", "排名第4至第8名")


def test_a_category_word_reads_as_the_list_the_sentence_enumerates():
    got = lines("支持各类科技企业孵化器、众创空间和孵化基地自主培育科技型中小企业，每培育一家一次性给予创新载体1万元奖励。")
    assert [who for _, who, _ in got] == ["自主培育科技型中小企业的各类科技企业孵化器、众创空间和孵化基地"]
    assert subjects.enumerated("高新技术企业", "鼓励甲孵化器、乙众创空间培育企业，给予高新技术企业1万元") is None


def test_a_bare_programme_word_names_the_programmes_before_it():
    got = lines("深入推进甲县青年英才培养计划“甲县青年团队培养计划实施，及时兑现计划实施期内青年科技人才和青年创新团队扶持资金。")
    assert got == [("青年科技人才和青年创新团队扶持资金",
                    "处于甲县青年英才培养计划、甲县青年团队培养计划实施期内的青年科技人才和青年创新团队", None)]


def test_the_others_tier_is_named_by_what_it_is_given():
    got = lines("高新技术企业等重点企业按研发费用的3%给予基础补助，其余规上企业按研发费用的1%给予基础补助。")
    assert [name for name, _, _ in got] == ["重点企业基础补助", "规上企业研发费用基础补助"]


def test_a_benefit_that_names_its_receivers_says_who_not_anyone():
    got = lines("优化人才服务机制，及时兑现各类青年人才补助经费和安家补贴，建设人才公寓。")
    assert got == [("各类青年人才补助经费和安家补贴", "符合条件的各类青年人才", None)]


def test_two_rules_of_one_document_never_share_a_name():
    rules = [("团队扶持（优秀）", "4.甲县企业团队入选乙市创新团队，期满评价为优秀、合格的，分别给予2万元、1万元。"),
             ("团队扶持（优秀）", "5.甲县企业团队入选丙省创新团队，期满考核为优秀、合格的，分别给予9万元、4万元。"),
             ("孵化器奖补", "对新认定的孵化器给予5万元。")]
    assert subjects.distinct_names(rules) == ["乙市创新团队团队扶持（优秀）", "丙省创新团队团队扶持（优秀）", "孵化器奖补"]


def test_matching_reads_what_a_lead_clause_beneficiary_holds():
    assert subjects.standing("入选乙市青年拔尖人才后备人选且培养期满考核结果为优秀的甲县区级单位专业技术人员") == "乙市青年拔尖人才后备人选"
    assert subjects.standing("被评为乙省首席技术专家的甲县企业科技人员") == "乙省首席技术专家"
    assert subjects.standing("处于甲县青年团队培养计划实施期内的青年创新团队") == "青年创新团队"
    assert subjects.standing("新认定的省级科技企业孵化器") == "新认定的省级科技企业孵化器"
    # "甲带头人后备人选": the reserve is held, not the 带头人 title it modifies
    assert subjects.head_concepts([("带头人", 2, 5), ("后备人选", 5, 9), ("孵化器", 12, 15)]) == [
        ("后备人选", 5, 9), ("孵化器", 12, 15)]


def test_a_level_tier_and_a_named_entity_are_left_to_the_tier_rules():
    got = lines("甲县企业研发团队入选乙市重点创新团队，获得省级、国家级认定的，分别给予3万元、5万元的扶持。")
    assert all(not who.startswith("入选") for _, who, _ in got)
    assert subjects.became("获评专精特新小巨人的企业", "对获评专精特新小巨人的企业给予5万元。", "") is None
