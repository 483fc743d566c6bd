"""政策匹配, fifth session of 2026-12-03 (from prof-w's dev profiles): whose place a description names when it names
several, a filing under way, an application turned down, a 立项 by another level, chat shorthand for 万, a special
case's amount."""

from __future__ import annotations

import pytest

from policybot.catalogue.extract import Item, extract_sentence, yuan
from policybot.catalogue.filing import filing
from policybot.catalogue.holdings import holdings
from policybot.catalogue.matching import match
from policybot.catalogue.profiles import parse_profile
from policybot.catalogue.whereabouts import own_place
from policybot.text.amounts import yuan_of
from policybot.text.concepts import level_before


def item(beneficiary: str, quote: str, amount: str = "10万元", region=("云南省", "临沧市")) -> Item:
    return Item(item_id=f"{beneficiary}|{amount}", doc_id="d", region=list(region), benefit=f"{beneficiary}补助",
                beneficiary=beneficiary, conditions=[], amount=amount, amount_max_yuan=yuan(amount), kind="grant",
                department=None, section="", period="2023-2025", expired=False, quote=quote, chunk_id="c", tier=None,
                chunk_text=quote, basis=quote)


def status(text: str, it: Item) -> tuple[str, list[str]]:
    m = match(parse_profile(text), [it], lambda _: False)[0]
    return m.status, m.reasons


@pytest.mark.unit
@pytest.mark.parametrize("text, place", [
    ("我司原注册地为甲沧市临翔区，2023年在临翔区期间首次认定高企。2024年起已整体迁至昆明市官渡区。", "官渡区"),
    ("去年从临翔区搬到了五华区，规上企业", "五华区"),
    ("我司注册地为成都高新区，在昆明市呈贡区设有一个办事处（非独立法人）。", "成都市"),
    ("集团总部在昆明市五华区。这次咨询的是我们在临沧市云县的全资子公司，规上企业。", "云县"),
    # one place, or marks that say nothing of where the company is, read as before
    ("昆明市官渡区规上企业，研发投入3%", "官渡区"),
    ("我们是从事医药研发的昆明市官渡区企业，原料来自临沧", "官渡区"),
    ("临翔区 做坚果加工 规上 现在在跟云南农大的院士团队谈", "临翔区"),
    ("官渡区规上企业，现在在申报昆明市市级企业科技创新中心", "官渡区"),
])
def test_the_company_s_own_place_among_several(text, place):
    text = text.replace("甲沧市", "临沧市")
    assert own_place(text) == place and parse_profile(text).region == place


@pytest.mark.unit
def test_what_the_group_s_seat_holds_is_not_the_subsidiary_s():
    text = "集团总部在昆明市五华区，总部有一个省级重点实验室。这次咨询的是我们在临沧市云县的全资子公司，规上企业，2024年首次认定高企。"
    profile = parse_profile(text)
    assert not profile.platforms and any(c.name == "高新技术企业" for c in profile.certifications)
    # without a subsidiary in the description, 总部 is the company itself
    assert parse_profile("我们总部有一个省级重点实验室，在临沧市云县").platforms


@pytest.mark.unit
@pytest.mark.parametrize("text, yuan_", [("360w", 3_600_000), ("R&D投入大概500w,", 5_000_000), ("50W吗", 500_000),
                                         ("2.9百万", 2_900_000), ("Wi-Fi模块", None)])
def test_w_after_digits_is_wan(text, yuan_):
    assert yuan_of(text) == yuan_


@pytest.mark.unit
@pytest.mark.parametrize("text, grew", [
    ("2024年营收8千万，上年0.72亿；研发费用360w，上年2.9百万", True),
    ("研发投入300万，去年400万", False),
    ("研发投入：今年500万，去年400万", True),
])
def test_an_unlabelled_figure_beside_last_year_s_is_this_year_s(text, grew):
    assert parse_profile(text).figures.rd_growth is grew


@pytest.mark.unit
@pytest.mark.parametrize("text", ["2024年申请市级众创空间，也被退回了。", "2023年申报省级重点实验室，未获批准。",
                                  "市级众创空间：2024年申请被退回", "专家工作站没有。"])
def test_an_application_turned_down_is_neither_held_nor_a_plan(text):
    profile = parse_profile(text)
    assert not profile.platforms and not profile.plans
    assert parse_profile("2024年获批市级众创空间，还在运营").platforms  # a clause after that does not refuse


@pytest.mark.unit
def test_fields_typed_after_slashes_are_clauses():
    profile = parse_profile("镇康县／规上／2023年首次认定高企／研发费用占营收1.8%")
    assert profile.region == "镇康县" and profile.size == "规上" and profile.figures.rd_ratio == pytest.approx(0.018)


NEW_RD = item("新设立研发机构的规模以上企业",
              "对规模以上企业新设立研发机构,企业研发经费投入占营业收入比重超过1.5%,经省级备案认定的给予市级补助经费10万元")


@pytest.mark.unit
def test_a_filing_under_way_is_a_plan_done_is_claimable_unsaid_is_to_confirm():
    assert filing(["研发中心正在走省级备案认定，还没批下来"]) == "under_way"
    assert filing(["研发中心已通过省科技厅备案认定"]) == "done" and filing(["规上企业"]) == ""
    base = "临沧市云县规上企业，研发投入占营收2.4%，2024年新设立研发中心"
    assert status(f"{base}，已通过省科技厅备案认定", NEW_RD)[0] == "eligible"
    assert status(f"{base}正在走省级备案认定", NEW_RD) == ("planned", ["计划中：经省级备案认定后可申请10万元"])
    got = status(f"{base}，正在走省级备案认定，还没批下来", NEW_RD)  # read as a plan of its own clause
    assert got[0] == "planned" and got[1][0].endswith("后可申请10万元")
    assert status(base, NEW_RD) == ("possible", ["需确认：是否经省级备案认定"])
    # a planned 研发机构 whose filing is part of the plan is planned too
    assert status("临沧市云县规上企业，研发投入占营收2.3%。研发机构还在筹建，准备报省级备案", NEW_RD)[0] == "planned"


TRANSFER = item("科技成果转化项目承担单位", "支持建设技术转移示范机构,每年立项支持10个以上科技成果转化项目。", "未载明金额",
                region=("贵州省", "贵阳市", "云岩区"))


@pytest.mark.unit
def test_a_district_plan_s_project_support_is_its_own_level_s():
    assert status("云岩区企业，成果转化项目是2024年贵阳市科技局立项的", TRANSFER)[0] == "not_eligible"
    assert status("云岩区企业，成果转化项目2024年获云岩区科技局立项", TRANSFER)[0] == "eligible"
    assert status("云岩区企业，公司的科技成果转化项目2024年已立项", TRANSFER)[0] == "eligible"  # unsaid: the plan's own


@pytest.mark.unit
def test_a_place_where_work_is_done_is_not_a_level_and_a_concept_s_own_level_word_is():
    assert level_before("在昆明市承担国家技术创新中心", 6) == (None, False)
    assert level_before("入选昆明市科技创新团队", 5)[0] == 1
    have = holdings(parse_profile("2023年起作为共建单位承担“国家XX技术创新中心”在昆明的建设任务"))
    assert [h.level for h in have if h.concept == "重大创新平台建设任务"][:1] == [3]


@pytest.mark.unit
def test_a_benefit_whose_only_figure_is_a_special_case_s_reads_no_amount_then_the_case():
    got = extract_sentence("从项目研发、场地建设等多方面给予经费支持,对于绩效任务完成情况特别突出的新型研发机构,支持经费不设上限。")
    assert got[0]["amount"] == "未载明金额；绩效任务完成情况特别突出的,支持经费不设上限" and got[0]["notes"] == []


@pytest.mark.unit
def test_companies_a_carrier_cultivated_are_read_with_words_between():
    have = holdings(parse_profile("2024年在孵企业中3家经自主培育通过高企认定"))
    assert any(h.concept == "培育高新技术企业" for h in have)


@pytest.mark.unit
def test_a_special_case_named_by_weight_is_the_amount_s_too():
    got = extract_sentence("组织重大科技攻关,按政策给予经费支持,重大项目“一事一议”,不设经费上限。")
    assert got[0]["amount"] == "未载明金额；重大项目“一事一议”,不设经费上限"
    assert got[0]["conditions"] == [] and got[0]["beneficiary"]  # the beneficiary is kept, the case is not a condition


@pytest.mark.unit
@pytest.mark.parametrize("text, planned", [
    ("云岩区这边，我们公司2023年申报了区里的科技成果转化项目，目前还在评审，没立项。", True),
    ("下一步打算把两个苗药品种的二次开发报区里的科技成果转化项目。", True),
    # granted in the next clause: not a plan (read as held it is not yet: the 立项 is said across the comma)
    ("今年我们公司自己牵头申报的两个科技成果转化项目，拿到了云岩区科技局的立项。", False),
])
def test_a_project_applied_for_is_a_plan_of_its_li_xiang_and_one_granted_is_not(text, planned):
    profile = parse_profile(f"贵阳市云岩区企业。{text}")
    assert bool(profile.plans) is planned
    got = match(profile, [TRANSFER], lambda _: False)[0]
    assert (got.status == "planned") is planned
    if planned:
        assert got.reasons == ["计划中：科技成果转化项目获立项后可申请（金额未载明）"]


@pytest.mark.unit
def test_a_filing_under_way_makes_the_item_planned_only_when_nothing_else_is_unsure():
    # the R&D share is unsaid: that is the fact to confirm, not a plan the filing brings
    got = status("临沧市云县规上企业，2024年新设立研发中心正在走省级备案认定", NEW_RD)
    assert got == ("possible", ["需确认：研发经费投入占营业收入比重是否超过1.5%"])
