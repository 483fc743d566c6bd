"""Matching: a recognition written among a company's achievements is its own platform or certificate."""

from __future__ import annotations

import pytest

from policybot.catalogue.holdings import holdings
from policybot.catalogue.profiles import Profile

pytestmark = pytest.mark.unit


def _held(achievement: str) -> list[tuple[str, int | None, bool, int | None]]:
    profile = Profile(region="云南省临沧市双江县", achievements=[achievement])
    return [(h.concept, h.level, h.new, h.year) for h in holdings(profile)]


@pytest.mark.parametrize("text, concept, level, year", [
    ("2023年新批准设立专家工作站", "专家工作站", None, 2023),
    ("2019年认定为市级工程技术研究中心", "工程技术研究中心", 1, 2019),
    ("2022年获批省级企业技术中心", "企业技术中心", 2, 2022),
])
def test_a_recognition_among_achievements_is_held(text, concept, level, year):
    assert any(c == concept and lv == level and y == year for c, lv, _, y in _held(text)), _held(text)


@pytest.mark.parametrize("text, concept", [
    ("孵化器内去年新认定高新技术企业5家", "高新技术企业"),  # companies it counts, not its own recognition
    ("帮助3家企业获批省级企业技术中心", "企业技术中心"),
    ("参与了省级企业技术中心的建设", "企业技术中心"),  # no recognition word
])
def test_what_an_achievement_counts_of_others_is_not_held(text, concept):
    assert all(c != concept for c, *_ in _held(text)), _held(text)


@pytest.mark.parametrize("text, spent, grew", [
    ("研发投入从700万增到900万", 9_000_000, True),  # the figure held is the later one
    ("研发投入从900万降到700万", 7_000_000, False),
    ("一年研发大概投150万", 1_500_000, None),
    ("研发差不多花了80万，比上年多", 800_000, True),
])
def test_r_and_d_said_as_a_change_or_a_verb(text, spent, grew):
    from policybot.catalogue.profiles import parse_profile

    figures = parse_profile(text).figures
    assert (figures.rd_expense_yuan, figures.rd_growth) == (spent, grew)


def test_a_project_under_way_is_held_an_application_is_a_plan():
    from policybot.catalogue.profiles import parse_profile

    doing = parse_profile("西山区的规上企业，正在做市科技局揭榜挂帅的重大攻关项目")
    assert not doing.plans and any("攻关" in a for a in doing.achievements + doing.platforms), doing
    applying = parse_profile("双江县的规上茶企，今年第一次报高企")
    assert not applying.certifications and applying.plans, applying


@pytest.mark.parametrize("text, concept, level", [
    ("在孵企业中培育出2家高新技术企业", "培育高新技术企业", None),
    ("青少年科技创新实验室2021年被认定为市级", "青少年科技创新实验室", 1),
])
def test_an_achievement_or_level_said_after_the_thing(text, concept, level):
    from policybot.catalogue.profiles import parse_profile

    held = [(h.concept, h.level) for h in holdings(parse_profile(f"五华区的企业，{text}"))]
    assert (concept, level) in held, held


def test_a_matching_grant_asks_first_for_the_upper_level_s():
    from policybot.catalogue.extract import Item
    from policybot.catalogue.matching import assess, profile_chain
    from policybot.catalogue.profiles import parse_profile

    quote = "对科技型企业知识产权质押贷款贴息补助,市级财政按照省级补贴标准1∶1进行配套"
    item = Item(item_id="x", doc_id="d", region=["云南省", "昆明市"], benefit="知识产权质押贷款贴息补助市级配套",
                beneficiary="办理知识产权质押贷款的科技型企业", conditions=[], amount="按照省级补贴标准1∶1进行配套",
                amount_max_yuan=None, kind="interest_subsidy", department=None, section="五、(十二)",
                period="2022—2024", expired=False, quote=quote, chunk_id="c")
    for said, status in (("", "possible"), ("省里的贴息已经批下来了", "eligible"), ("已获得省级贴息", "eligible")):
        profile = parse_profile(f"昆明市盘龙区的科技型中小企业，做了500万的知识产权质押贷款，{said}")
        got, reasons = assess(item, profile, holdings(profile), profile_chain(profile))
        assert got == status, (said, got, reasons)
        assert status == "eligible" or "省级补贴" in reasons[0]
