"""Matching from free text (prof-z's dev half): years listed before one 年, the earlier figure said in brackets after
this year's, and a rank said in the clause after the R&D figure."""

from __future__ import annotations

import pytest

from policybot.catalogue.profiles import parse_profile, rd_rank

pytestmark = pytest.mark.unit


def test_years_listed_before_one_nian_are_each_a_recognition():
    certs = parse_profile("安宁市的规上磷化工企业，2018、2021、2024年连续三次认定高企").certifications
    assert [(c.year, c.kind) for c in certs] == [(2018, ""), (2021, "重新认定"), (2024, "重新认定")]
    assert [c.kind for c in parse_profile("2023年首次认定高企").certifications] == ["首次认定"]


@pytest.mark.parametrize("text, revenue, grew", [
    ("去年营收2.1亿（前年1.8亿）", 210_000_000, True),
    ("营业收入9000万元(上年1.1亿)", 90_000_000, False),
])
def test_the_earlier_figure_in_brackets_says_whether_it_grew(text, revenue, grew):
    f = parse_profile(text).figures
    assert f.revenue_yuan == revenue and f.revenue_growth is grew


@pytest.mark.parametrize("text, rank", [
    ("研发投入3000万元（前年2600万），全区排第3。", 3),
    ("去年研发投入5200万元，比前年4600万增加了，全区排第2。", 2),
    ("员工200人，全区排第2的物流企业", None),  # no R&D word near it: not the R&D rank
])
def test_a_rank_said_after_the_r_and_d_figure_is_its_rank(text, rank):
    assert rd_rank(parse_profile(text)) == rank
