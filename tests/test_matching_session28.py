"""Matching (prof-ae's dev half and the earlier dev profiles): 去年新成立 / 新组建 says a platform is new; the
companies a building or incubator hosts ("楼里进驻了四十多家高企和科小") hold their titles, not the company — but "一家…科小"
is the company itself; a building being refitted "按科技楼宇的标准" is worked toward, not held."""

from __future__ import annotations

import pytest

from policybot.catalogue.holdings import holdings
from policybot.catalogue.profiles import parse_profile

pytestmark = pytest.mark.unit


def test_a_platform_set_up_last_year_is_new():
    have = holdings(parse_profile("规上。去年新成立了研发中心，已经省级备案认定，研发投入420万，营收2个亿。"))
    assert any(h.concept == "研发机构" and h.new for h in have)
    # one set up long ago and only named is not said to be new
    assert not any(h.new for h in holdings(parse_profile("我们有个研发中心，已经省级备案认定")) if h.concept == "研发机构")


def test_titles_of_the_companies_a_building_hosts_are_not_the_companys():
    p = parse_profile("我们在官渡管一栋商务楼 楼里进驻了四十多家高企和科小 楼已经认定达标成科技楼宇了")
    assert p.certifications == []
    assert [c.name for c in parse_profile("我们是高企，楼里有五家科小").certifications] == ["高新技术企业"]
    # "一家" is the company itself
    assert [c.name for c in parse_profile("盘龙区的一家科技型中小企业，不是高企。").certifications] == ["科技型中小企业"]


def test_a_building_refitted_to_a_standard_is_worked_toward():
    p = parse_profile("现在还在按科技楼宇的标准改造一栋孵化楼，准备申报认定。")
    assert p.platforms == [] and p.plans
    assert parse_profile("楼已经认定达标成科技楼宇了").platforms
