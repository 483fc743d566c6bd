"""How a company's own words are read into a profile (the 政策匹配 free text and the chat's asker): rows pasted from
a sheet, two years' R&D figures with the first year before the R&D word, a renewal said as 再次通过评审."""

from __future__ import annotations

import pytest

from policybot.catalogue.profiles import parse_profile, rd_rank


@pytest.mark.unit
@pytest.mark.parametrize("text, grew", [
    ("2024年研发经费投入2,360万元，2023年为2,105万元。", True),
    ("2024年研发投入120万，2023年是95万。", True),
    ("研发支出：2023年860万元，2022年710万元", True),
    ("2023年研发投入500万元，2022年研发投入600万元", False),
    ("研发投入500万元", None),
])
def test_growth_is_read_from_two_years_figures_whichever_side_of_the_word_the_first_year_is(text, grew):
    assert parse_profile(text).figures.rd_growth is grew


@pytest.mark.unit
def test_a_sheet_row_is_its_label_and_its_value():
    text = ("企业名称\t贵州XX数联科技有限公司\n所在地\t贵阳市云岩区\n企业规模\t规下\n是否高新技术企业\t否\n"
            "科技成果转化项目\t2024年“XX智能巡检系统”获云岩区科技局立项支持")
    profile = parse_profile(text)
    assert profile.region == "云岩区" and profile.size == "规下"
    assert not any(c.name == "高新技术企业" for c in profile.certifications)  # "否" in its column denies it
    assert "科技成果转化项目" in " ".join(profile.achievements)


@pytest.mark.unit
def test_a_renewal_said_as_passing_the_review_again_is_a_renewal():
    profile = parse_profile("国家高新技术企业：2016年首次认定，2019年三年有效期满后再次通过评审")
    kinds = {(c.kind, c.year) for c in profile.certifications if c.name == "高新技术企业"}
    assert kinds == {("首次认定", 2016), ("重新认定", 2019)}


@pytest.mark.unit
def test_a_rank_said_in_a_report_sentence_is_read():
    profile = parse_profile("据区科技部门通报，2024年我公司研发经费投入在全区统计在库企业中排名第2位。")
    assert rd_rank(profile) == 2


@pytest.mark.unit
@pytest.mark.parametrize("text, concept", [
    ("研发团队里有不少高层次人才", "高层次人才"),  # having them: may be one the 人才政策 pays, to confirm
    ("研发团队里高层次人才不少", "高层次人才"),
    ("引进的2名博士已经按贵阳市人才政策认定为高层次人才", "各类人才"),  # recognised under a 人才政策: held
    ("贵阳市人才政策高层次人才（两位新引进博士）已认定", "各类人才"),
    ("首席科学家2019年评上了云岭高层次人才", "云岭高层次人才"),  # the provincial programme keeps its own name
])
def test_high_level_talent_is_held_once_recognised(text, concept):
    from policybot.text.concepts import concepts_in

    assert concept in [cid for cid, _, _ in concepts_in(text)]
