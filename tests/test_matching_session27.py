"""Matching (prof-ad's dev half): growth said as 没涨 / 持平 is no growth; a level said after the platform ("星创天地2024年刚被
新认定为省级") is its level; an R&D rank said in the clause after the spending ("…比上年增长，在五华区统计在库企业里排第2")
is the R&D rank, unless that clause ranks another figure."""

from __future__ import annotations

import pytest

from policybot.catalogue.holdings import holdings
from policybot.catalogue.profiles import parse_profile, rd_rank

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("said, grew", [
    ("公司研发投入40万，比上年没涨，有什么扶持？", False),
    ("研发投入40万，和去年持平", False),
    ("研发投入40万，比上年没有增加", False),
    ("研发投入40万，比上年涨了", True),
    ("研发投入20万比上年有增长", True),
])
def test_growth_denied_in_everyday_words_is_no_growth(said, grew):
    assert parse_profile(said).figures.rd_growth is grew


def test_revenue_unchanged_beside_rd_growth():
    f = parse_profile("营收没变，研发投入涨了").figures
    assert (f.rd_growth, f.revenue_growth) == (True, False)


def test_a_level_said_after_the_platform_is_its_level():
    said = "我们在晋宁区做康养科技，规下企业，运营的星创天地2024年刚被新认定为省级，能申请什么？"
    levels = {(h.concept, h.level) for h in holdings(parse_profile(said))}
    assert any(level == 2 for _, level in levels), levels
    said = "我们的孵化器去年已经升为国家级"
    assert any(h.level == 3 for h in holdings(parse_profile(said)))


def test_a_rank_in_the_clause_after_the_spending_is_the_rd_rank():
    said = "去年研发投入1500万、比上年增长，在五华区统计在库企业里排第2，营业收入也比上年涨了"
    assert rd_rank(parse_profile(said)) == 2
    assert rd_rank(parse_profile("研发投入3000万元，全区排第3")) == 3
    assert rd_rank(parse_profile("研发投入3000万，营收在全区排第2")) is None  # the rank is the revenue's
