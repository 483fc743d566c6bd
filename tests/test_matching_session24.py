"""Matching (prof-aa's dev half): a team's grade is read at the level the rule asks, growth its achievements state
counts as a figure, and a recognition named in other words or recognised after it is named is the company's own."""

from __future__ import annotations

import pytest

from policybot.catalogue.extract import Item, yuan
from policybot.catalogue.holdings import holdings
from policybot.catalogue.matching import match
from policybot.catalogue.profiles import Profile

pytestmark = pytest.mark.unit

WUHUA = ("云南省", "昆明市", "五华区")


def item(beneficiary: str, quote: str, amount: str, tier: str | None = None) -> Item:
    return Item(item_id=f"{beneficiary}|{amount}", doc_id="d", region=list(WUHUA), benefit=f"{beneficiary}扶持",
                beneficiary=beneficiary, conditions=[], amount=amount, amount_max_yuan=yuan(amount), kind="grant",
                department=None, section="", period="2018-2020", expired=False, quote=quote, chunk_id="c", tier=tier,
                chunk_text=quote, basis=quote)


CITY_TEAM = "入选昆明市科技创新团队的企业团队，建设周期满综合评价结果为优秀的，每个团队给予团队2万元的扶持；合格的，每个团队给予团队1万元的扶持。"
CITY_EXCELLENT = item("入选昆明市科技创新团队、综合评价优秀的企业团队", CITY_TEAM, "2万元", "优秀")
CITY_PASSED = item("入选昆明市科技创新团队、综合评价合格的企业团队", CITY_TEAM, "1万元", "合格")
RENEWED = item("再认定的高新技术企业", "营业收入较上一年度有增长的高新技术企业再认定的，给予每户4万元的扶持。", "4万元")


def profile(**fields) -> Profile:
    return Profile.model_validate({"region": "云南省昆明市五华区", **fields})


def test_a_teams_grade_is_read_at_the_level_the_rule_asks():
    """团队A (市级) 合格, 团队B (省级) 优秀: the city's 优秀 rule is not met by the province's 优秀 team."""
    p = profile(teams=[{"program": "团队A入选昆明市科技创新团队，建设周期满综合评价合格"},
                       {"program": "团队B入选云南省创新团队，培养期满考核优秀"}])
    got = {m.item.tier: m.status for m in match(p, [CITY_EXCELLENT, CITY_PASSED], lambda _: False)}
    assert got == {"优秀": "not_eligible", "合格": "eligible"}


def test_growth_stated_among_achievements_counts_as_a_figure():
    held = [{"name": "高新技术企业", "kind": "", "year": 2020}]
    renewed = ["2017年首次认定为高新技术企业", "2020年三年有效期满后重新认定通过"]
    grew = profile(certifications=held, achievements=[*renewed, "2020年营业收入较上年增长18%"])
    unsaid = profile(certifications=held, achievements=renewed)
    assert match(grew, [RENEWED], lambda _: False)[0].status == "eligible"
    assert match(unsaid, [RENEWED], lambda _: False)[0].status == "possible"


@pytest.mark.parametrize("achievement, concept", [
    ("2023年获认定为昆明市“引进企业(知名高校院所)研发中心”", "引进研发中心"),
    ("2023年经区科技部门推荐获省级众创空间认定", "众创空间"),
])
def test_a_recognition_in_other_words_or_recognised_after_it_is_the_companys(achievement, concept):
    assert concept in {h.concept for h in holdings(profile(achievements=[achievement]))}


@pytest.mark.parametrize("achievement", ["孵化器内新认定高企5家", "帮助3家企业获批省级众创空间认定"])
def test_recognitions_of_others_are_not_the_companys(achievement):
    assert not {"高新技术企业", "众创空间"} & {h.concept for h in holdings(profile(achievements=[achievement]))}


def test_a_patent_pledged_for_a_loan_is_the_pledge_loan_achievement():
    from policybot.text.concepts import concepts_in

    for said in ("23年拿发明专利质押贷了两千万", "2023年以发明专利质押获得贷款2,000万元", "今年用专利质押贷了300万"):
        assert "知识产权质押贷款" in {cid for cid, _s, _e in concepts_in(said)}, said
