"""Session of 2026-12-07 (sixteenth): what a company says it is not sure of ("不知道算不算规上企业", "是不是高企我也
不清楚") is neither held nor lacked: 政策匹配 names it as the one fact to confirm, and the conversation's asker neither
assumes it nor denies it."""

from __future__ import annotations

import pytest

from policybot.answering.asker import conversation_asker
from policybot.catalogue.holdings import holdings
from policybot.catalogue.matching import match
from policybot.catalogue.profiles import parse_profile
from tests.test_matching import FIRST, item

TECH = item("科技型企业", "对科技型企业给予10万元补助。")


def _status(text: str, it) -> tuple[str, list[str]]:
    m = match(parse_profile(text), [it], lambda _: False)[0]
    return m.status, m.reasons


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "我们在临沧，不知道算不算规上企业",
    "我们在临沧，规上企业吧，不太确定",
    "我们在临沧，是否属于规模以上企业拿不准",
])
def test_a_size_the_company_is_not_sure_of_is_no_size(text):
    assert parse_profile(text).size == ""
    assert conversation_asker([], text + "，研发投入能补多少").size == ""


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "我们在临沧，规上企业，不知道能拿多少",  # a doubt of something else
    "我们在临沧，是规上企业，研发能补多少",
])
def test_a_doubt_of_something_else_leaves_the_size_said(text):
    assert parse_profile(text).size == "规上"


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "我们在临沧，是不是高企我也不清楚",
    "我们在临沧，规上，不知道我们算不算高新技术企业",
    "我们在临沧，规上，高企，不太确定",
])
def test_a_recognition_the_company_is_not_sure_of_is_to_confirm(text):
    certs = [c for c in parse_profile(text).certifications if c.name == "高新技术企业"]
    assert certs and all(c.unsure for c in certs)  # kept, marked: neither held nor denied
    assert all(h.doubted for h in holdings(parse_profile(text)) if h.concept in ("高新技术企业", "科技型企业"))
    got, reasons = _status(text, FIRST)
    assert got == "possible" and reasons == ["需确认：是否为高新技术企业（贵单位表示不确定）"]
    got, reasons = _status(text, TECH)  # what a 高企 implies is as doubtful as the 高企
    assert got == "possible" and "不确定" in reasons[0]
    asker = conversation_asker([], text + "，研发投入能补多少")
    assert "高新技术企业" not in asker.holds and "高新技术企业" not in asker.lacks


@pytest.mark.unit
def test_said_without_doubt_it_stays_held_or_denied():
    assert _status("我们在临沧，规上，2024年首次认定高新技术企业", FIRST)[0] == "eligible"
    assert _status("我们在临沧，规上，不是高新技术企业", FIRST)[0] == "not_eligible"
    assert "高新技术企业" in conversation_asker([], "我们在临沧，规上高企，研发能补多少").holds


@pytest.mark.unit
def test_the_tier_before_is_to_confirm_when_the_company_doubts_it_belongs_there():
    other = item("其他规上企业", "规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助,其他规上企业按研发经费投入的1%给予基础补助",
                 "按研发经费投入的1%", tier="其他规上企业")
    sure = _status("我们在临沧，规上，是高新技术企业", other)
    unsure = _status("我们在临沧，规上，不知道算不算高新技术企业", other)
    assert sure[0] == "not_eligible"
    assert unsure[0] in ("possible", "eligible") and unsure != sure


# from prof-ao's dev half: a run-on voice description ("喂你好我是官渡区做康复辅具…")
@pytest.mark.unit
def test_a_denial_and_a_plan_word_before_one_concept_are_not_the_next_ones():
    p = parse_profile("高企我们去年报了没评上现在还不是高企科技型中小企业是2025年入库的")
    assert [c.name for c in p.certifications] == ["科技型中小企业"] and not p.plans
    both = parse_profile("我们不是高企、科技型中小企业")  # listed as one: both denied
    assert not both.certifications
    assert [c.name for c in parse_profile("我们准备申报高企、科技型中小企业").certifications] == []


@pytest.mark.unit
def test_an_application_turned_down_after_the_concept_is_not_held():
    assert not parse_profile("然后高企，我们去年报了没评上").certifications
    assert any("高企" in x for x in parse_profile("今年高企，我们又报了").plans)


@pytest.mark.unit
def test_a_figure_with_its_own_year_takes_no_year_from_before():
    from policybot.catalogue.figures_said import figures_in

    assert figures_in("科技型中小企业是2025年入库的研发投入去年二百六十万前年是两百万").rd_growth is True
    assert figures_in("2024年研发经费投入2360万元，2023年为2105万元").rd_growth is True


@pytest.mark.unit
def test_the_level_said_where_the_concept_is_named_again():
    from policybot.catalogue.profiles import Profile

    p = Profile(region="临沧市", platforms=["核桃精深加工重点实验室（公司为依托单位，2025年认定为云南省重点实验室）"])
    assert {h.level for h in holdings(p) if h.concept == "重点实验室"} == {2}


@pytest.mark.unit
def test_a_term_the_company_is_not_sure_of_is_to_confirm():
    team = item("工程培养期内的区级科技创新团队", "及时兑现工程培养期内科技创新人才和科技创新团队扶持资金", "未载明金额",
                region=("云南省", "昆明市", "官渡区"))
    text = "我们在官渡区，研发团队2023年入选了官渡区科技创新团队培养工程，培养期几年我搞不清楚，不知道现在还在不在期内"
    assert parse_profile(text).teams[0].status == "培养期情况不明"
    assert _status(text, team) == ("possible", ["需确认：是否仍在工程培养期内"])
    assert _status("我们在官渡区，研发团队2023年入选了官渡区科技创新团队培养工程，现在还在培养期内", team)[0] == "eligible"
    assert _status("我们在官渡区，研发团队2023年入选了官渡区科技创新团队培养工程，培养期已满", team)[0] == "not_eligible"


@pytest.mark.unit
def test_a_company_in_the_cultivation_pool_is_no_high_tech_enterprise():
    held = {h.concept for h in holdings(parse_profile("我们去年入了县里的高企培育库"))}
    assert "高新技术企业" not in held and "高企培育库" in held
    grown = item("经认定的昆明市高新技术培育企业", "对经认定的昆明市高新技术培育企业,按规定一次性给予3万元—5万元奖补",
                 "3万元—5万元", region=("云南省", "昆明市"))
    got, reasons = _status("我们在宜良县，去年入了县里的高企培育库", grown)
    assert got == "possible" and "高新技术培育企业" in reasons[0]
    # …and the doubt reaches past a place named in its question
    text = "我们在宜良县，不知道算不算昆明市的高新技术培育企业"
    assert all(c.unsure for c in parse_profile(text).certifications if c.name == "高新技术培育企业")
