"""政策匹配 without an index: four groups, the ONE fact to confirm, plans, implied concepts and totals."""

from __future__ import annotations

import pytest

from policybot.catalogue.extract import Item, yuan
from policybot.catalogue.listing import STATUS
from policybot.catalogue.matching import STATUSES, Match, match
from policybot.catalogue.totals import max_total, total_note
from policybot.catalogue.profiles import Profile, parse_profile


def item(beneficiary: str, quote: str, amount: str = "10万元", region=("云南省", "临沧市"), tier=None, expired=False) -> Item:
    return Item(item_id=f"{beneficiary}|{amount}", doc_id="d", region=list(region), benefit=f"{beneficiary}补助",
                beneficiary=beneficiary, conditions=[], amount=amount, amount_max_yuan=yuan(amount), kind="grant",
                department=None, section="", period="2023-2025", expired=expired, quote=quote, chunk_id="c", tier=tier,
                chunk_text=quote, basis=quote)


LAB = item("认定为省级以上重点实验室、技术创新中心的单位", "对认定为省级以上重点实验室、技术创新中心的给予市级补助经费100万元。", "100万元")
FIRST = item("首次认定为高新技术企业的规模以上企业", "对规模以上企业首次认定为高新技术企业的给予10万元补助。", tier="首次认定")
LOAN = item("办理知识产权质押贷款的科技型企业", "对科技型企业知识产权质押贷款贴息补助,市级财政按照省级补贴标准1∶1进行配套;",
            "按照省级补贴标准1∶1进行配套")
STATION = item("新批准设立院士工作站的规模以上企业", "对规模以上企业新批准设立的院士工作站给予市级补助经费20万元。", "20万元")


def status(profile: Profile, it: Item) -> tuple[str, list[str]]:
    m = match(profile, [it], lambda _: False)[0]
    return m.status, m.reasons


@pytest.mark.unit
def test_four_groups_in_order_with_their_labels():
    assert STATUSES == ("eligible", "possible", "planned", "not_eligible") and list(STATUS) == list(STATUSES)
    assert STATUS["planned"] == "计划中可申请" and "需确认" in STATUS["possible"]


@pytest.mark.unit
@pytest.mark.parametrize("text", ["临沧市规上企业，正在申报省级重点实验室", "临沧市规上企业，准备建设省级重点实验室",
                                  "临沧市规上企业，计划申报省级技术创新中心", "临沧市一家企业，有市级重点实验室，正在争取升省级"])
def test_a_plan_is_not_a_holding_but_a_planned_item(text):
    profile = parse_profile(text)
    assert profile.plans and status(profile, LAB)[0] == "planned"
    reason = status(profile, LAB)[1][0]
    assert reason.startswith("计划中：") and "省级" in reason


@pytest.mark.unit
def test_plans_from_the_profile_field_and_what_they_bring():
    profile = Profile(region="临沧市", size="规上", plans=["准备申报高新技术企业"])
    assert status(profile, FIRST) == ("planned", ["计划中：认定为高新技术企业后可申请10万元"])
    assert status(Profile(region="临沧市", size="规下", plans=["准备申报高新技术企业"]), FIRST)[0] == "not_eligible"
    assert status(Profile(region="昆明市", size="规上", plans=["准备申报高新技术企业"]), FIRST)[0] == "not_eligible"


@pytest.mark.unit
def test_implied_concepts_come_from_the_vocabulary():
    for cert in ("高新技术企业", "科技型中小企业"):  # a rule naming 科技型企业 generally
        # (a grant matching the province's: the province's said to be got)
        profile = Profile(region="临沧市", certifications=[{"name": cert}], achievements=["办理知识产权质押贷款，已获省级贴息"])
        assert status(profile, LOAN)[0] == "eligible", cert
    size_from_cert = Profile(region="临沧市", certifications=[{"name": "规上高新技术企业", "kind": "首次认定"}])
    assert status(size_from_cert, FIRST)[0] == "eligible"  # a 规上高企 is a 规上企业


@pytest.mark.unit
def test_renewed_recognition_is_not_a_first_one():
    profile = Profile(region="临沧市", size="规上", certifications=[{"name": "高新技术企业", "kind": "首次认定", "year": 2020},
                                                                  {"name": "高新技术企业", "kind": "重新认定", "year": 2023}])
    got, reasons = status(profile, FIRST)
    assert got == "not_eligible" and "首次认定" in reasons[0]


@pytest.mark.unit
def test_possible_names_the_fact_to_confirm_not_the_item():
    got, reasons = status(Profile(region="临沧市", platforms=["新批准设立院士工作站(2024)"]), STATION)
    assert got == "possible" and reasons == ["需确认：是否为规模以上企业"]
    vague = item("有研发经费投入的企业", "严格落实研发投入后补助政策。", "未载明金额")
    got, reasons = status(Profile(region="临沧市", size="规上"), vague)
    assert got == "possible" and all(vague.benefit not in r for r in reasons)


@pytest.mark.unit
def test_not_eligible_names_the_failing_condition():
    got, reasons = status(Profile(region="临沧市", size="小微", platforms=["新批准设立院士工作站(2024)"]), STATION)
    assert got == "not_eligible" and reasons == ["需为规模以上企业"]


@pytest.mark.unit
def test_levels_named_alone_take_their_sentence_s_concept():
    p = parse_profile("五华区的一家孵化器，2019年认定市级，2022年经区科技局推荐评上省级，2024年又推荐评上了国家级科技企业孵化器")
    levels = [x for x in p.platforms if "级科技企业孵化器" in x]
    assert [x[x.index("级") - 1 :][:2] for x in levels] == ["市级", "省级", "家级"]


def _matches(*rows) -> list[Match]:
    return [Match(item(f"对象{n}", "q", amount, expired=expired), st, [], expired) for n, (st, amount, expired) in enumerate(rows)]


# (matches, total without expired, total with expired, what the note says without, with)
CASES = {
    "unexpired figures": (_matches(("eligible", "10万元", False), ("eligible", "20万元", False)), 300_000, 300_000, "", ""),
    "expired figures": (_matches(("eligible", "10万元", True)), None, 100_000, "均已过期", ""),
    "mixed": (_matches(("eligible", "10万元", True), ("eligible", "5万元", False)), 50_000, 150_000, "", ""),
    "no figures": (_matches(("eligible", "未载明金额", True), ("eligible", "按研发经费投入的2%", False)), None, None,
                   "未写明具体金额", "未写明具体金额"),
    "expired and no figures": (_matches(("eligible", "10万元", True), ("eligible", "未载明金额", False)), None, 100_000,
                               "均已过期", ""),
    "nothing eligible": (_matches(("possible", "10万元", False), ("planned", "50万元", False), ("not_eligible", "5万元", True)),
                         None, None, "没有符合条件", "没有符合条件"),
}


@pytest.mark.unit
@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("include_expired", [False, True])
def test_totals_in_every_combination(case, include_expired):
    matches, without, with_expired, note_without, note_with = CASES[case]
    total, note = max_total(matches, include_expired), total_note(matches, include_expired)
    assert total == (with_expired if include_expired else without)
    expected_note = note_with if include_expired else note_without
    assert (note == "") if not expected_note else expected_note in note
    if include_expired:  # ticked: never told that the items were left out as expired
        assert "已过期" not in note


@pytest.mark.unit
@pytest.mark.parametrize("text, planned", [
    ("西山区孵化器，2023年认定为省级科技企业孵化器，国家级孵化器正在申报中", True),
    ("临沧规上企业，省级重点实验室还在评审", True),
    ("临沧规上企业，打算明年申报省级重点实验室", True),
    ("临沧规上企业，2024年认定为省级重点实验室", False),
    ("公司没上市，还不是高企", False),
])
def test_plans_before_or_after_the_concept_and_denials(text, planned):
    p = parse_profile(text)
    assert bool(p.plans) == planned
    if "没上市" in text:
        assert not p.achievements and not p.certifications


@pytest.mark.unit
def test_a_national_incubator_was_a_provincial_one_first():
    from policybot.catalogue.holdings import holdings

    have = holdings(Profile(platforms=["国家级科技企业孵化器(2023年新认定)"]))
    levels = sorted(h.level for h in have if h.concept == "科技企业孵化器")
    assert levels == [2, 3] and not [h for h in have if h.level == 2][0].new  # the earlier one is not new


@pytest.mark.unit
def test_a_failed_level_says_the_level_required():
    got, reasons = status(Profile(region="临沧市", platforms=["市级重点实验室"]), LAB)
    assert got == "not_eligible" and reasons == ["级别不符：该条要求省级及以上"]


PLATFORMS = item("成功获批的各类科技创新平台", "按照相关政策对成功获批的各类科技创新平台给予一次性资金扶持。", "未载明金额")


@pytest.mark.unit
@pytest.mark.parametrize("platform, expected", [
    ("市级重点实验室", "eligible"), ("省级院士专家工作站", "eligible"), ("市级企业科技创新中心", "eligible"),
    ("省级科技企业孵化器", "possible"), ("企业研发中心", "possible"),  # a member of the class? to confirm
])
def test_a_rule_for_every_kind_of_platform_takes_its_members_from_the_vocabulary(platform, expected):
    got, reasons = status(Profile(region="临沧市", platforms=[platform]), PLATFORMS)
    assert got == expected, reasons
    assert status(Profile(region="临沧市", size="规上"), PLATFORMS)[0] == "not_eligible"


@pytest.mark.unit
def test_a_plan_brings_what_its_platform_implies():
    got, reasons = status(Profile(region="临沧市", plans=["正在申报省级重点实验室"]), PLATFORMS)
    assert got == "planned" and "重点实验室" in reasons[0]


@pytest.mark.unit
@pytest.mark.parametrize("text, concept", [
    ("临沧市规上企业，院士工作站正在筹建", "院士工作站"),
    ("临沧市规上企业，院士工作站，还在筹建", "院士工作站"),  # the plan in the next short clause
    ("临沧市规上企业，高企认定材料已提交，等结果", "高新技术企业"),
    ("临沧市规上企业，高新技术企业还没认定下来，正在走流程", "高新技术企业"),
])
def test_a_plan_said_after_its_concept_is_not_a_holding(text, concept):
    from policybot.catalogue.holdings import holdings, planned_holdings

    profile = parse_profile(text)
    assert concept in [h.concept for h in planned_holdings(profile)]
    assert concept not in [h.concept for h in holdings(profile)]


@pytest.mark.unit
def test_a_held_platform_followed_by_another_clause_stays_held():
    from policybot.catalogue.holdings import holdings

    profile = parse_profile("临沧市规上企业，有省级重点实验室，正在建设中试基地")
    assert "重点实验室" in [h.concept for h in holdings(profile)] and not profile.plans


@pytest.mark.unit
def test_a_planned_reason_names_the_plan_that_brings_the_item_and_what_it_brings():
    plans = ["正在申报市级重点实验室", "准备申报省级重点实验室"]
    got, reasons = status(Profile(region="临沧市", plans=plans), LAB)
    assert got == "planned" and reasons == ["计划中：获批/认定为省级重点实验室后可申请100万元"]
    got, reasons = status(Profile(region="临沧市", plans=["准备建设院士工作站"]), PLATFORMS)
    assert got == "planned" and reasons == ["计划中：获批/认定为院士工作站后可申请（金额未载明）"]


@pytest.mark.unit
def test_a_platform_that_may_belong_to_a_class_is_asked_in_the_company_s_words():
    got, reasons = status(Profile(region="临沧市", platforms=["省级科技企业孵化器"]), PLATFORMS)
    assert got == "possible" and reasons == ["需确认：贵单位的科技企业孵化器是否属于该条所说的科技创新平台"]


@pytest.mark.unit
def test_the_other_tier_excludes_what_the_rule_named_before():
    other = item("规上科技型中小企业等重点企业以外的其他规上企业", "其他规上企业按研发经费投入的1%给予基础补助;", "按研发经费投入的1%")
    got, reasons = status(Profile(region="临沧市", size="规上", certifications=[{"name": "科技型中小企业"}]), other)
    assert got == "not_eligible" and reasons == ["已属于前一档（规上科技型中小企业等重点企业）"]
    got, _ = status(Profile(region="临沧市", size="规上", figures={"rd_expense_yuan": 1000000}), other)
    assert got == "eligible"


@pytest.mark.unit
@pytest.mark.parametrize("text, figures", [
    ("去年研发费用500万元，营业收入1亿元", {"rd_expense_yuan": 5e6, "revenue_yuan": 1e8, "rd_ratio": 0.05}),
    ("研发支出300万元，比上年增长20%", {"rd_expense_yuan": 3e6, "rd_growth": True}),
    ("研发投入强度4.5%", {"rd_ratio": 0.045}),
    ("主营业务收入8000万元，同比增长10%", {"revenue_yuan": 8e7, "revenue_growth": True}),
    ("研发投入1200万，营收同比下降", {"rd_expense_yuan": 1.2e7, "revenue_growth": False}),  # the fall is the revenue's
    ("研发投入和营收都比上年增长", {"rd_growth": True, "revenue_growth": True}),
    # amounts as they are spoken, the R&D word apart from its verb, a hypothetical figure ignored
    ("去年研发经费900来万，比前年多了200万左右", {"rd_expense_yuan": 9e6, "rd_growth": True}),
    ("研发去年投了380万，营收一千二百来万", {"rd_expense_yuan": 3.8e6, "revenue_yuan": 1.2e7, "rd_ratio": 0.3167}),
    ("研发经费一年一个多亿，营收十几个亿", {"rd_expense_yuan": 1e8, "revenue_yuan": 1e9, "rd_ratio": 0.1}),
    ("营收3000万，营收要是能过五千万就申请升规", {"revenue_yuan": 3e7}),
    # typed pauses part clauses; two-digit years, 三亿二, 两个点, thousands separators
    ("规上 去年营收三亿二 研发八百万 比前年少了一百来万", {"rd_expense_yuan": 8e6, "revenue_yuan": 3.2e8, "rd_growth": False, "rd_ratio": 0.025}),
    ("研发投入占营收两个点", {"rd_ratio": 0.02}), ("研发占比百分之二点一左右", {"rd_ratio": 0.021}),
    ("上年度营业收入25,000万元，研发经费投入2,000万元", {"revenue_yuan": 2.5e8, "rd_expense_yuan": 2e7, "rd_ratio": 0.08}),
])
def test_figures_in_the_words_companies_use(text, figures):
    assert parse_profile(f"临沧市企业，{text}").figures.model_dump(exclude_none=True) == figures


@pytest.mark.unit
@pytest.mark.parametrize("platform, expected", [
    ("省级企业技术中心(2023年获批)", "eligible"), ("2023年获批国家企业技术中心", "eligible"),
    ("企业技术中心", "possible"),  # not said to be recognised: to confirm
])
def test_a_recognised_enterprise_technology_centre_is_one_of_the_listed_platforms(platform, expected):
    got, reasons = status(Profile(region="临沧市", platforms=[platform]), PLATFORMS)
    assert got == expected, reasons
    if expected == "possible":
        assert reasons == ["需确认：贵单位的企业技术中心是否属于该条所说的科技创新平台"]


TALENT = item("符合条件的各类人才", "持续优化人才服务保障机制,及时兑现各类人才补助经费和生活津贴。", "未载明金额",
              region=("贵州省", "贵阳市", "云岩区"))


@pytest.mark.unit
@pytest.mark.parametrize("profile, expected", [
    (Profile(region="云岩区", talent=[{"program": "贵阳市高层次人才", "level": "市级", "status": "已认定"}]), "eligible"),
    (Profile(region="云岩区", talent=[{"program": "云岩区人才政策(引进博士)", "status": "已纳入人才补助名单"}]), "eligible"),
    (parse_profile("云岩区企业，引进的博士已经纳入区里的人才补助和生活津贴名单"), "eligible"),
    (parse_profile("云岩区企业，引进的2名博士已按贵阳市人才政策认定为高层次人才"), "eligible"),
    (Profile(region="云岩区", talent=[{"program": "入选昆明市中青年学术技术带头人"}]), "eligible"),  # any programme
    (parse_profile("云岩区企业，去年引进人才5名"), "possible"),  # brought in, not said to be recognised
    (parse_profile("云岩区企业，两名博士正在申请贵阳市高层次人才认定"), "planned"),
    (Profile(region="云岩区", size="规上"), "not_eligible"),
    (Profile(region="五华区", talent=[{"program": "高层次人才"}]), "not_eligible"),
])
def test_a_rule_for_every_kind_of_talent_holds_for_talent_under_a_talent_policy(profile, expected):
    got, reasons = status(profile, TALENT)
    assert got == expected, reasons
    if expected == "possible":
        assert reasons == ["需确认：引进的人才是否已按人才政策认定（如纳入人才补助名单）"]
    if got == "not_eligible" and profile.region == "云岩区":
        assert reasons == ["未具备（描述中未写明）：各类人才"]


PROJECT = item("科技成果转化项目承担单位", "支持建设技术转移示范机构,每年立项支持10个以上科技成果转化项目。", "未载明金额",
               region=("贵州省", "贵阳市", "云岩区"))


@pytest.mark.unit
@pytest.mark.parametrize("text, expected", [
    ("云岩区企业，2023年科技成果转化项目获云岩区立项支持", "eligible"),
    ("云岩区企业，去年有个科技成果转化项目拿到了区里立项", "eligible"),
    ("云岩区企业，准备申报云岩区科技成果转化项目立项", "planned"),
    ("云岩区企业，科技成果转化项目准备申报区级立项", "planned"),
    ("云岩区企业，我们承担了科技成果转化项目", "not_eligible"),  # carried out is not 立项
])
def test_a_project_is_held_once_granted_and_planned_while_applied_for(text, expected):
    got, reasons = status(parse_profile(text), PROJECT)
    assert got == expected, reasons


@pytest.mark.unit
@pytest.mark.parametrize("text, recognitions", [
    ("临沧企业，2020年首次认定高企、2023年重新认定", [("首次认定", 2020), ("重新认定", 2023)]),
    ("临沧企业，高企2023年重新认定", [("重新认定", 2023)]),
    ("临沧企业，2021年首次认定为高新技术企业", [("首次认定", 2021)]),
    ("临沧企业，2023年第一次认定高企", [("首次认定", 2023)]),
    ("临沧企业，2024年刚认定高企，第一次", [("首次认定", 2024)]),  # the way it was got, said after it
    ("临沧孵化器，孵化器里去年新认定高企5家", []),  # other companies' recognitions, counted
    ("临沧的 规上 高企20年首次 23年重新认定", [("首次认定", 2020), ("重新认定", 2023)]),
    ("临沧的，高企22年头回认定", [("首次认定", 2022)]),
])
def test_each_recognition_a_clause_states_with_its_year(text, recognitions):
    assert [(c.kind, c.year) for c in parse_profile(text).certifications] == recognitions


@pytest.mark.unit
@pytest.mark.parametrize("text, concept", [
    ("临沧市企业，已向市科技局提交了市级企业科技创新中心的申请", "企业科技创新中心"),
    ("临沧市企业，市级重点实验室已通过专家评审，等待认定", "重点实验室"),
    ("临沧市企业，省级众创空间已进入公示", "众创空间"), ("临沧市企业，高企申报已受理", "高新技术企业"),
    ("临沧市企业，今年报了市级重点实验室", "重点实验室"), ("临沧市企业，想把研发中心升格为省级企业技术中心", "企业技术中心"),
])
def test_an_application_submitted_or_under_review_is_a_plan(text, concept):
    from policybot.catalogue.holdings import holdings, planned_holdings

    profile = parse_profile(text)
    assert concept in [h.concept for h in planned_holdings(profile)]
    assert concept not in [h.concept for h in holdings(profile)]
    held = parse_profile("临沧市企业，省级重点实验室已获批，在建")  # recognised: what follows does not undo it
    assert "重点实验室" in [h.concept for h in holdings(held)] and not held.plans


@pytest.mark.unit
def test_a_company_naming_only_its_city_is_asked_for_its_district():
    district = item("规模以上企业", "对规模以上企业给予10万元补助。", region=("云南省", "昆明市", "五华区"))
    assert status(Profile(region="昆明市", size="规上"), district) == ("possible", ["需确认：贵单位是否位于五华区"])
    assert status(Profile(region="昆明市", size="规下"), district) == ("not_eligible", ["需为规模以上企业"])
    assert status(Profile(region="盘龙区", size="规上"), district)[1][0].startswith("地区不符")  # another district
    city = item("规模以上企业", "对规模以上企业给予10万元补助。", region=("云南省", "昆明市"))
    assert status(Profile(region="盘龙区", size="规上"), city)[0] == "eligible"  # a district without its own document


@pytest.mark.unit
@pytest.mark.parametrize("text, size, certs", [
    ("临沧市科技型中小企业，研发投入300万元", "", ["科技型中小企业"]),  # a recognition's name says nothing of the size
    ("临沧市省级专精特新中小企业", "", ["专精特新"]),
    ("临沧市规上科技型中小微企业", "规上", ["科技型中小企业"]),
    ("临沧市一家小微企业", "小微", []),
    ("临沧市企业，公司拿到了高企证书", "", ["高新技术企业"]),  # of itself: its own recognition
])
def test_a_recognition_s_name_is_not_a_size_and_an_achievement_said_of_itself_is_a_recognition(text, size, certs):
    p = parse_profile(text)
    assert p.size == size and [c.name for c in p.certifications] == certs
    incubator = parse_profile("临沧市孵化器，在孵企业中有3家通过了高企认定")
    assert not incubator.certifications and incubator.achievements


@pytest.mark.unit
@pytest.mark.parametrize("text, figures", [
    ("R&D投入600万元，同比增长15%", {"rd_expense_yuan": 6e6, "rd_growth": True}),
    ("R&D经费占营收5%", {"rd_ratio": 0.05}),
])
def test_r_and_d_in_its_english_abbreviation(text, figures):
    assert parse_profile(f"临沧市企业，{text}").figures.model_dump(exclude_none=True) == figures


RENEWED = item("连续两次以上(含两次)认定为高新技术企业的企业", "对连续两次以上(含两次)认定为高新技术企业的企业给予5万元奖励。",
               "5万元", tier="连续两次")


@pytest.mark.unit
@pytest.mark.parametrize("text, expected", [
    ("临沧市企业，高企复审正在进行中", "planned"),  # held once, its renewal under way
    ("临沧市企业，高企今年到期，准备重新认定", "planned"),
    ("临沧市企业，2019年认定高企，2022年通过复审", "eligible"),
])
def test_a_renewal_under_way_is_planned_not_held(text, expected):
    from policybot.catalogue.holdings import holdings

    profile = parse_profile(text)
    assert "高新技术企业" in [h.concept for h in holdings(profile)]
    got, reasons = status(profile, RENEWED)
    assert got == expected, reasons


@pytest.mark.unit
@pytest.mark.parametrize("text, level", [("孵化器是省级的", 2), ("重点实验室（国家级）", 3), ("市级重点实验室", 1)])
def test_a_level_said_after_the_platform(text, level):
    from policybot.catalogue.holdings import holdings

    assert {h.level for h in holdings(parse_profile(f"临沧市企业，{text}")) if h.concept != "科技创新平台"} == {level}


@pytest.mark.unit
def test_a_rule_s_own_words_not_its_neighbour_s_say_whom_it_is_for():
    quote = ("对企业给予基础补助和增量奖励两项叠加激励政策:规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助;"
             "增量奖励按照全市企业研发经费投入较上年度增量的10%给予奖励。")
    grown = Item(item_id="g", doc_id="d", region=["云南省", "昆明市"], benefit="研发经费投入增量奖励",
                 beneficiary="研发经费投入较上年度增长的企业", conditions=[], amount="按照全市企业研发经费投入较上年度增量的10%",
                 amount_max_yuan=None, kind="ratio", department=None, section="", period="2022-2024", expired=False,
                 quote=quote, chunk_id="c", chunk_text=quote, basis="增量奖励按照全市企业研发经费投入较上年度增量的10%给予奖励。")
    assert status(Profile(region="五华区", size="规上", figures={"rd_growth": True}), grown) == ("eligible", [])  # not a 高企
    assert status(Profile(region="五华区", figures={"rd_growth": False}), grown)[0] == "not_eligible"


@pytest.mark.unit
def test_talent_or_team_either_holds_and_a_general_class_is_narrowed_to_the_programmes_named():
    both = item("处于官渡区学术和技术带头人培养工程、官渡区科技创新团队培养工程培养期内的科技创新人才和科技创新团队",
                "对处于官渡区学术和技术带头人培养工程、官渡区科技创新团队培养工程培养期内的科技创新人才和科技创新团队给予扶持。",
                "未载明金额", region=("云南省", "昆明市", "官渡区"))
    talent = Profile(region="官渡区", talent=[{"program": "官渡区学术和技术带头人培养工程", "status": "培养期内"}])
    team = Profile(region="官渡区", teams=[{"program": "官渡区科技创新团队培养工程", "status": "培养期内"}])
    assert status(talent, both)[0] == status(team, both)[0] == "eligible"  # a person or a team: either
    got, reasons = status(Profile(region="官渡区", talent=[{"program": "高层次人才"}]), both)  # not in those programmes
    assert got == "not_eligible" and "学术技术带头人" in reasons[0]


@pytest.mark.unit
def test_a_lower_tier_keeps_the_terms_of_the_subject_it_shares():
    lower = item("研发经费投入较上一年度有增长的统计在库企业（研发经费投入排名第3至第5名）", "排名第3至第5名的，分别给予4万元的扶持。",
                 "4万元", region=("云南省", "昆明市", "五华区"), tier="排名第3至第5名")
    fell = Profile(region="五华区", figures={"rd_growth": False}, free_text="研发投入在全区排名第4")
    assert status(fell, lower) == ("not_eligible", ["研发经费投入未较上年度增长"])
    grew = Profile(region="五华区", figures={"rd_growth": True}, free_text="研发投入在全区排名第4")
    assert status(grew, lower) == ("eligible", [])
    assert status(Profile(region="五华区", figures={"rd_growth": True}), lower) == (
        "possible", ["需确认：研发投入排名是否在第3至第5名"])


@pytest.mark.unit
@pytest.mark.parametrize("text, rank", [("研发投入在全区排名第4", 4), ("研发投入全区第3名", 3), ("全区排名第四", 4),
                                        ("研发投入1200万元，全区排名第2", 2), ("营收全市第3名", None),
                                        ("区里说我们研发投入全区排第二", 2), ("研发经费投入位列全区第5", 5)])
def test_the_r_and_d_rank_in_the_words_companies_use(text, rank):
    from policybot.catalogue.profiles import rd_rank

    assert rd_rank(Profile(free_text=text)) == rank


@pytest.mark.unit
@pytest.mark.parametrize("talent, expected", [
    ({"program": "云岭学者", "level": "省级"}, "eligible"),  # a programme the vocabulary does not name: talent all the same
    ({"program": "春城计划高层次人才", "level": "市级"}, "eligible"),  # 计划 in a programme's name is not a plan
    ({"program": "贵阳市高层次人才", "status": "正在申报"}, "planned"),
    ({"program": "筑城英才", "status": "正在申报"}, "planned"),
])
def test_an_entry_of_the_talent_field_is_a_talent(talent, expected):
    got, reasons = status(Profile(region="云岩区", talent=[talent]), TALENT)
    assert got == expected, reasons


@pytest.mark.unit
@pytest.mark.parametrize("text", ["临沧市规上企业，高企认定没通过", "临沧市规上企业，高企证书已经到期了",
                                  "临沧市规上企业，曾经是高企，2021年到期没有复审", "临沧市规上企业，去年申报高企未通过"])
def test_a_recognition_denied_after_its_name_is_not_held(text):
    from policybot.catalogue.holdings import holdings

    assert "高新技术企业" not in [h.concept for h in holdings(parse_profile(text))]
    assert parse_profile("临沧市企业，不是规上企业").size == "规下"
    assert "高新技术企业" in [h.concept for h in holdings(parse_profile("临沧市企业，高企2023年到期后重新认定"))]


@pytest.mark.unit
def test_an_upgrade_in_a_past_year_is_held():
    from policybot.catalogue.holdings import holdings

    p = parse_profile("五华区企业，2018年建成市级重点实验室，2019年经区科技部门推荐升级为省级重点实验室")
    assert {h.level for h in holdings(p) if h.concept == "重点实验室"} == {1, 2} and not p.plans


@pytest.mark.unit
def test_listed_levels_dated_recognitions_and_a_share_said_apart():
    from policybot.catalogue.holdings import holdings

    labs = holdings(parse_profile("临沧市企业，建有国家级、省级重点实验室各1个"))
    assert {h.level for h in labs if h.concept == "重点实验室"} == {2, 3}  # one of each
    thrice = parse_profile("临沧市企业，2016年、2019年、2022年三次认定为高新技术企业").certifications
    assert [(c.kind, c.year) for c in thrice] == [("", 2016), ("重新认定", 2019), ("重新认定", 2022)]
    assert parse_profile("临沧市企业，研发经费2000万元，占销售收入的6%").figures.rd_ratio == 0.06
    assert parse_profile("临沧市企业，研发费用率6%").figures.rd_ratio == 0.06


@pytest.mark.unit
@pytest.mark.parametrize("text, concepts", [
    ("临沧市企业，正在申报国家级科技企业孵化器、省级众创空间", {"科技企业孵化器", "众创空间"}),
    ("临沧市企业，计划明年申报高新技术企业、科技型中小企业及专精特新", {"高新技术企业", "科技型中小企业", "专精特新"}),
    ("临沧市企业，接下来准备申报省级重点实验室和市级企业科技创新中心", {"重点实验室", "企业科技创新中心"}),
])
def test_a_list_after_a_plan_word_is_planned_whole(text, concepts):
    from policybot.catalogue.holdings import holdings, planned_holdings

    profile = parse_profile(text)
    assert concepts <= {h.concept for h in planned_holdings(profile)}
    assert not concepts & {h.concept for h in holdings(profile)}


def test_plans_written_loosely_are_plans_and_a_dated_recognition_is_new():
    from policybot.catalogue.profiles import parse_profile

    p = parse_profile("临翔区的规上坚果加工企业，2024年首次认定为高新技术企业。下一步打算引进院士团队，建院士工作站。")
    assert any("院士工作站" in x for x in p.plans) and not any("院士工作站" in x for x in p.platforms)
    q = parse_profile("官渡区的规下企业，准备跟昆明医科大学的专家团队合作建专家工作站，正在走申报程序。")
    assert any("专家工作站" in x for x in q.plans) and not any("专家工作站" in x for x in q.platforms)
    from policybot.text.concepts import NEW

    assert NEW.search("2024年我们牵头的滇红茶技术创新中心认定为省级技术创新中心")


@pytest.mark.unit
def test_a_concept_named_with_full_width_brackets_and_a_bare_word_for_its_levelled_holding():
    from policybot.catalogue.holdings import holdings

    have = holdings(parse_profile("安宁市企业，去年被市里认定为'引进企业（知名高校院所）研发中心'"))
    assert [h.concept for h in have if h.concept == "引进研发中心"]
    have = holdings(parse_profile("呈贡区企业，我们的孵化器2022年新认定为国家级科技企业孵化器"))
    incubators = sorted({(h.level, h.new) for h in have if h.concept == "科技企业孵化器"})
    assert incubators == [(2, False), (3, True)]  # the 国家级 one, and the 省级 one it was before; no unlevelled one


@pytest.mark.unit
@pytest.mark.parametrize("text, region", [("西山的医药制造企业，规上", "西山区"), ("安宁的 磷化工新材料 规上", "安宁市")])
def test_a_description_opening_with_a_place_that_is_also_a_word(text, region):
    assert parse_profile(text).region == region


@pytest.mark.unit
def test_each_talent_and_team_keeps_its_own_assessment_and_a_recommended_recognition_its_year():
    profile = parse_profile("五华区企业 一个技术骨干是昆明市中青年学术技术带头人 培养期满了综合考核优秀，然后研发团队进了云南省创新团队 期满考核合格")
    assert [p.status for p in profile.talent] == ["优秀"] and [p.status for p in profile.teams] == ["合格"]
    from policybot.catalogue.holdings import holdings

    have = holdings(parse_profile("五华区孵化器。2022年经区科技局推荐，认定为省级科技企业孵化器"))
    assert any(h.level == 2 and h.new and h.year == 2022 for h in have)


@pytest.mark.unit
def test_a_description_in_questions_and_answers_and_in_yearly_figures():
    profile = parse_profile("规模？规上，去年纳统的。\n在哪？临沧凤庆县。\n高企？今年头一回过，证书刚下来。\n"
                            "问：有研发投入吗？答：有，去年80万，比前年多了30万。")
    assert profile.size == "规上" and profile.region == "凤庆县"
    assert [c.kind for c in profile.certifications if c.name == "高新技术企业"] == ["首次认定"]
    assert profile.figures.rd_expense_yuan == 8e5 and profile.figures.rd_growth is True
    assert parse_profile("五华区企业 / 研发支出：2023年860万元，2022年710万元").figures.rd_growth is True
    assert parse_profile("五华区企业，R&D：去年480万，前年650万").figures.rd_growth is False
    assert parse_profile("临翔区建材企业，还没到规上标准，没纳统").size == "规下"


@pytest.mark.unit
@pytest.mark.parametrize("text", ["官渡区企业，高新资质：暂未取得，今年在走流程", "官渡区企业，高新还没报",
                                  "云县企业，高企去年复审没过"])
def test_a_recognition_denied_in_the_ways_people_say_it_is_not_held(text):
    assert not [c for c in parse_profile(text).certifications if c.name == "高新技术企业"]


@pytest.mark.unit
def test_a_recognition_dated_last_month_or_just_now_is_new():
    from policybot.catalogue.holdings import holdings

    have = holdings(parse_profile("凤庆县企业，上个月省里批了个专家工作站"))
    assert any(h.concept == "专家工作站" and h.new for h in have)
    have = holdings(parse_profile("寻甸县公司，今年5月刚被云南省科技厅认定为省级星创天地"))
    assert any(h.concept == "星创天地" and h.new and h.level == 2 for h in have)


@pytest.mark.unit
def test_a_platform_dated_in_the_clause_after_it_is_new():
    p = parse_profile("凤庆县规上企业 我们跟省农科院搞了个专家工作站 二零二四年刚批下来")
    expert = item("新批准设立专家工作站的规模以上企业", "对规模以上企业新批准设立的专家工作站给予市级补助经费10万元。")
    assert status(p, expert)[0] == "eligible"
    # a dating clause is not borrowed by a clause with a year of its own
    assert status(parse_profile("凤庆县规上企业，2019年建了专家工作站，2024年刚批下来一个项目"), expert)[0] == "possible"


@pytest.mark.unit
def test_two_years_of_rd_in_a_field_line_and_another_figure_apart():
    assert parse_profile("研发经费：2023年2600万元；2022年1900万元").figures.rd_growth is True
    assert parse_profile("研发经费：2023年1600万元；2022年1900万元").figures.rd_growth is False
    # the second year is revenue's, not R&D's: no growth read
    assert parse_profile("研发投入2023年500万；2022年营收2.6亿").figures.rd_growth is None


@pytest.mark.unit
def test_a_research_institute_of_its_own_is_a_research_body():
    new_body = item("新设立研发机构的规模以上企业", "对规模以上企业新设立研发机构，经省级备案认定的给予市级补助经费10万元。")
    p = parse_profile("永德县规上企业，2023年我们新设立了坚果研究院，已经通过省级备案认定")
    assert status(p, new_body)[0] == "eligible"


@pytest.mark.unit
def test_a_recognition_dated_before_the_plan_began_is_to_confirm():
    # the item's plan runs 2023—2025: a first recognition of 2021 may not count, and that is the fact to confirm
    got, why = status(parse_profile("临翔区规上企业，2021年首次认定高新技术企业"), FIRST)
    assert got == "possible" and "2021年" in why[0] and "早于该政策执行期" in why[0]
    assert status(parse_profile("临翔区规上企业，2024年首次认定高新技术企业"), FIRST)[0] == "eligible"
    assert status(parse_profile("临翔区规上企业，首次认定高新技术企业"), FIRST)[0] == "eligible"  # undated: as before


@pytest.mark.unit
def test_no_rd_said_fails_rd_items_and_a_level_list_reaches_its_last_level():
    rd = item("有研发经费投入的企业", "对有研发经费投入的企业给予研发投入后补助。", "未载明金额")
    assert status(parse_profile("临沧的小微企业，我司没有研发投入"), rd) == ("not_eligible", ["无研发经费投入"])
    assert parse_profile("研发费用：无").figures.rd_expense_yuan == 0
    assert parse_profile("研发投入没有增长").figures.rd_expense_yuan is None  # no growth is not no spending
    hub = item("新认定的国家级、省级、市级企业孵化平台", "对于新认定为国家级、省级、市级企业孵化平台的,按照政策给予一次性资金扶持",
               "未载明金额")
    # a 市级众创空间 newly recognised is such a platform: 众创空间 implies 孵化平台, and 市级 is one of the levels listed
    assert status(parse_profile("临沧的众创空间运营方，2024年新认定为市级众创空间"), hub)[0] == "eligible"
    incubator = item("新认定的省级科技企业孵化器", "对新认定的省级科技企业孵化器一次性给予20万元奖补", "20万元")
    assert status(parse_profile("临沧的众创空间运营方，2024年新认定为省级众创空间"), incubator)[0] == "not_eligible"


CONTEST = item("在省级以上科技部门(含省级)组织开展的国际双创大赛中获奖的科技型中小企业",
               "对在省级以上科技部门(含省级)组织开展的国际双创大赛中获奖的科技型中小企业给予一次性最高20万元奖补。",
               "20万元", region=("云南省", "昆明市"))


@pytest.mark.unit
@pytest.mark.parametrize("achievement, expected", [
    ("昆明市科技局办的创新创业大赛三等奖", "not_eligible"),  # the contest's level fails, whatever the recognition's
    ("云南省科技厅组织的国际创新创业大赛二等奖", "eligible"),
])
def test_a_level_a_rule_names_beside_a_recognition_is_the_awards_not_the_recognitions(achievement, expected):
    profile = Profile(region="云南省昆明市盘龙区", certifications=[{"name": "科技型中小企业"}], achievements=[achievement])
    got, reasons = status(profile, CONTEST)
    assert got == expected, reasons


LEADER = item("入选昆明市中青年学术技术带头人的五华区企业科技人才",
              "入选昆明市中青年学术技术带头人的,培养期满考核优秀的给予2万元扶持。", "2万元", region=("云南省", "昆明市", "五华区"))
RESERVE = item("入选昆明市中青年学术技术带头人后备人选的五华区企业科技人才",
               "入选昆明市中青年学术技术带头人后备人选的,培养期满考核优秀的给予1万元扶持。", "1万元",
               region=("云南省", "昆明市", "五华区"))


@pytest.mark.unit
def test_a_reserve_of_a_programme_holds_the_reserve_not_the_programme():
    profile = Profile(region="云南省昆明市五华区", talent=[{"program": "昆明市中青年学术技术带头人后备人选", "level": "市级",
                                                          "status": "2021年培养期满考核优秀"}])
    assert status(profile, RESERVE)[0] == "eligible"
    assert status(profile, LEADER)[0] != "eligible"


LISTED = item("新上市的高新技术企业", "对新上市的高新技术企业(主板、科创板、创业板)给予一次性支持500万元。", "500万元",
              region=("云南省", "昆明市"))


@pytest.mark.unit
@pytest.mark.parametrize("text, expected", [
    ("西山区的国家高新技术企业，规上，2023年7月在科创板上市", "eligible"),  # dated within 2023-2025: a new listing
    ("西山区的国家高新技术企业，规上，2023年在北交所上市了", "not_eligible"),  # a board the rule does not list
    ("西山区的国家高新技术企业，规上，已经上市多年", "possible"),  # undated: whether it is new is to confirm
])
def test_a_listing_is_new_when_dated_within_the_period_and_on_a_board_the_rule_lists(text, expected):
    got, reasons = status(parse_profile(text), LISTED)
    assert got == expected, reasons
    if expected == "not_eligible":
        assert reasons[0].startswith("上市板块不符")


@pytest.mark.unit
@pytest.mark.parametrize("text, level", [
    ("2023年我们在云南省科技厅主办的“中国—南亚东南亚国际创新创业大赛”里拿了二等奖", 2),
    ("去年参加昆明市科技局办的创新创业大赛拿了三等奖", 1),
    ("参加官渡区科技局举办的创新创业大赛获得优胜", 0),
    ("参加了创新创业大赛拿了三等奖", None),  # no organiser said: its level is to confirm
])
def test_a_contests_level_is_its_organisers(text, level):
    from policybot.catalogue.holdings import holdings
    found = [h for h in holdings(Profile(region="云南省昆明市", achievements=[text])) if h.concept == "双创大赛获奖"]
    assert found and found[0].level == level


@pytest.mark.unit
@pytest.mark.parametrize("text, concept", [
    ("官渡 软件公司 规上 专精特新正在报", "专精特新"),
    ("高企21年首次认定的 明年到期 重新认定的材料正在准备", "高新技术企业"),
    ("现在在联系院士团队 想引进过来建个院士工作站", "院士工作站"),
])
def test_work_said_to_be_under_way_is_a_plan_not_a_holding(text, concept):
    from policybot.catalogue.holdings import holdings, planned_holdings
    profile = parse_profile(text)
    held = [h for h in holdings(profile) if h.concept == concept and (concept != "高新技术企业" or h.kind == "重新认定")]
    assert not held, held
    if concept != "高新技术企业":
        assert any(h.concept == concept for h in planned_holdings(profile))
