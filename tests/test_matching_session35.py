"""Session of 2026-12-07 (fifteenth; from prof-am's dev half): a contest entered is no prize won; a renewal planned for
a later year is no second recognition; a plan's verb carries to the clause naming what it works toward; a term that
"现在培养期满了" is over."""

from __future__ import annotations

import pytest

from policybot.catalogue.holdings import holdings
from policybot.catalogue.profiles import parse_profile


def _held(text: str) -> set[str]:
    return {h.concept for h in holdings(parse_profile(text))}


@pytest.mark.unit
def test_a_contest_entered_is_worked_toward_a_prize_said_is_held():
    entered = "我们是呈贡区的科技型中小企业。今年我们参加了云南省科技厅组织的国际创新创业大赛，已经进了决赛，结果还没公布。"
    assert "双创大赛获奖" not in _held(entered)
    assert any("创新创业大赛" in p for p in parse_profile(entered).plans)
    assert "双创大赛获奖" in _held("我们2023年参加国际创新创业大赛获得三等奖")
    assert "双创大赛获奖" in _held("去年参加了省科技厅组织的国际双创大赛，拿了二等奖")


@pytest.mark.unit
def test_a_renewal_planned_for_a_later_year_is_no_second_recognition():
    p = parse_profile("五华区规上企业，2023年首次认定国家高新技术企业。2026年高企到期后计划申请重新认定。")
    years = {c.year for c in p.certifications if c.name == "高新技术企业"}
    assert years == {2023, None} and not any(c.kind == "重新认定" for c in p.certifications)
    assert any("重新认定" in plan for plan in p.plans)


@pytest.mark.unit
def test_a_plan_goes_on_into_the_clause_naming_the_recognition():
    p = parse_profile("2021年公司获认定为昆明市工程技术研究中心。下一步我们想争取由科技部门推荐，认定为省级工程技术研究中心。")
    assert p.platforms == ["2021年公司获认定为昆明市工程技术研究中心"]
    assert p.plans == ["认定为省级工程技术研究中心"]


@pytest.mark.unit
def test_a_term_said_over_now_is_not_still_running():
    p = parse_profile("公司一位技术骨干入选过昆明市中青年学术技术带头人后备人选，现在培养期满了，综合考核是优秀；团队还在培养期内。")
    assert p.talent[0].status == "优秀"
    assert parse_profile("骨干入选了昆明市中青年学术技术带头人，培养期还没满").talent[0].status == "培养期未满"


@pytest.mark.unit
def test_a_final_reached_in_a_profile_field_is_no_prize():
    from policybot.catalogue.profiles import Profile

    assert "双创大赛获奖" not in {h.concept for h in holdings(Profile(
        achievements=["进入云南省科技厅组织的国际创新创业大赛决赛，结果尚未公布"]))}
    assert "双创大赛获奖" in {h.concept for h in holdings(Profile(
        achievements=["2024年在云南省科学技术厅主办的国际创新创业大赛中获三等奖"]))}


@pytest.mark.unit
def test_a_recognition_typed_with_a_sound_alike_slip_is_read():
    from policybot.catalogue.mending import mended

    assert mended("23年第一次评上高薪技术企业") == "23年第一次评上高新技术企业"
    assert mended("研发团队入选了云南省创新团对") == "研发团队入选了云南省创新团队"
    assert mended("我们有个市级重点实验室") == "我们有个市级重点实验室"  # 市 for 省 is a level, no slip
    assert mended("团队入选了市级创新团体") == "团队入选了市级创新团体"  # 体 does not sound like 队


@pytest.mark.unit
def test_a_voice_run_on_is_parted_into_clauses():
    text = ("喂你好我这边是官渡区的一家规上企业做铁路配件的我们不是高新技术企业哈研发投入去年是六百万比前年的七百万还少了一点"
            "然后我们有个省级企业技术中心是2022年省工信厅认定的另外我们的研发团队2023年入选了官渡区科技创新团队培养工程"
            "现在还在培养期内我们今年打算申报高新技术企业想问一下现在能享受哪些政策？")
    p = parse_profile(text)
    assert p.size == "规上" and p.figures.rd_expense_yuan == 6_000_000 and p.figures.rd_growth is False
    assert not p.certifications and any("高新技术企业" in plan for plan in p.plans)
    assert {"企业技术中心", "创新团队"} <= _held(text)


@pytest.mark.unit
def test_a_recognition_whose_field_says_it_lapsed_is_not_held():
    from policybot.catalogue.profiles import Certification, Profile

    lapsed = Profile(certifications=[Certification(name="高新技术企业", kind="首次认定（2021年底到期后未重新认定，已失效）", year=2019)])
    assert "高新技术企业" not in {h.concept for h in holdings(lapsed)}
    held = Profile(certifications=[Certification(name="高新技术企业", kind="首次认定", year=2019)])
    assert "高新技术企业" in {h.concept for h in holdings(held)}


@pytest.mark.unit
def test_a_recognition_counted_of_other_companies_is_not_the_askers_own_in_either_reader():
    from policybot.answering.asker import read_asker

    counted = "我们是众创空间，去年毕业的企业里有1家通过了高企认定"
    assert "高新技术企业" not in _held(counted)
    assert read_asker([counted]).holds == ()
    own = "我们公司去年刚认定了高企"
    assert "高新技术企业" in _held(own) and read_asker([own]).holds == ("高新技术企业",)
