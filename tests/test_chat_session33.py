"""Session of 2026-12-07 (thirteenth; from conv-aj's and prof-aj's dev halves and dev failures of earlier batches): a
sum asked as "几个亿" is no count; a short year after 里/中 is a year; whom a clerk asks for and which of its clients
("帮几个客户问问。第一个在西山区") name no topic; "是哪年安排的" quotes the clause its year leads; a not-stated amount
says what the rule does give; "对…分别给予" rules are told apart by whom they give to; a supposition or a plan with a
partner in front of the ask is what is asked about; a partner names no missing topic; 利息 is 贴息; "有没有安家费" with
no document naming 安家费 is refused as such; a rough count and "还有个事" dilute nothing; a preposition jieba glues to
an unknown word (对文旅) is cut off; matching reads a lapsed recognition, R&D spending said loosely, "重大科技专项（揭榜制）"
and an organiser named after a contest."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.direct import _dated
from policybot.answering.question_terms import _asked_for
from policybot.answering.questions import own_question
from policybot.answering.targets import count_figure
from policybot.answering.unfound import _offered
from policybot.answering.wordclass import quantity_words
from policybot.answering.words import PLANNED, partners, without_behalf_lead, without_one_of
from policybot.catalogue.holdings import holdings
from policybot.catalogue.lapses import lapsed
from policybot.catalogue.profiles import Certification, Profile, parse_profile
from policybot.text.lexical import YEAR, full_years, word_tokens
from policybot.text.rules import asked_rule, condition
from policybot.text.tier_clauses import clauses

_STATIONS = ("对认定为省级以上重点实验室、技术创新中心、新型研发机构的给予市级补助经费100万元,"
             "对规模以上企业新批准设立的院士、专家工作站分别给予市级补助经费20万元、10万元。")


@pytest.mark.unit
@pytest.mark.parametrize("question", ["研发投入要到几个亿？", "贴息几个点？", "几个月内拨付？"])
def test_a_sum_a_rate_or_a_time_after_ge_is_no_count(question):
    assert count_figure(question) is None


@pytest.mark.unit
def test_a_count_is_still_a_count():
    assert count_figure("要培育几个平台？").search("13个以上")


@pytest.mark.unit
def test_a_short_year_after_li_is_a_year():
    assert "2025" in YEAR.findall(full_years("临沧方案里25年研发投入要到多少"))
    assert "2012" not in "".join(YEAR.findall(full_years("公司成立12年了")))


@pytest.mark.unit
def test_whom_a_clerk_asks_for_and_which_client_name_no_topic():
    core = without_one_of(without_behalf_lead("我是做申报咨询的，帮几个客户问问。第一个在西山区，去年第二次认定高企了，市里有没有奖"))
    assert "客户" not in core and "第一个" not in core and "第二次认定" in core


@pytest.mark.unit
def test_a_behalf_said_late_closes_a_story_and_stays():
    q = "物业经理来串门说想申请科技楼宇的认定，让我帮忙问问，楼宇这个政府有钱吗？"
    assert without_behalf_lead(q) == q


@pytest.mark.unit
def test_the_year_asked_picks_the_clause_the_year_leads():
    quote = "2023年,引导交科院扩建交通检测与环境监测实验室,进一步完善服务功能,力争产值达到2亿元。"
    cs = clauses(quote)
    figured = [c for c in cs if "2亿元" in c.text]
    chosen = _dated(figured, cs, "交科院扩建实验室是哪年安排的？", "deadline")
    assert any("交科院" in c.text for c in chosen) and not any("2亿元" in c.text for c in chosen)
    assert _dated(figured, cs, "产值目标多少？", "target") == figured


@pytest.mark.unit
def test_a_not_stated_amount_says_what_is_given():
    quote = "支持高新技术企业上市直接融资,对新上市高新技术企业(主板、科创板、创业板)按政策给予一次性支持。"
    assert _offered(quote) == "对新上市高新技术企业(主板、科创板、创业板)按政策给予一次性支持"
    assert _offered("对规模以上企业新设立研发机构,经省级备案认定的给予市级补助经费10万元。") == ""  # a figure is stated


@pytest.mark.unit
def test_rules_opening_with_whom_they_give_to_are_told_apart():
    rule = asked_rule(_STATIONS, "想建院士工作站，是不是只有规上企业才能拿？")
    assert rule.startswith("对规模以上企业新批准设立")
    assert "规模以上企业新批准设立的院士、专家工作站" in condition(rule)
    assert asked_rule(_STATIONS, "省级重点实验室给多少") == _STATIONS


@pytest.mark.unit
def test_a_supposition_before_the_ask_is_asked_about():
    assert "国家重点实验室" in own_question("我们打算跟研究所合建实验室，如果以后能拿到国家重点实验室，市里支持多少？")


@pytest.mark.unit
@pytest.mark.parametrize("plan", ["我们打算跟研究所合建实验室", "我们还考虑把一家知名高校的研发中心引进过来落地"])
def test_a_plan_with_a_partner_or_an_object_first_is_a_plan(plan):
    assert PLANNED.search(plan)


@pytest.mark.unit
def test_a_partner_built_with_is_a_partner():
    assert partners("我们打算跟研究所合建实验室") == ["研究所"]


@pytest.mark.unit
def test_what_has_there_been_asks_for_an_absent_thing():
    assert _asked_for("市里对引进的高端人才有没有安家费？", ["安家费"])
    assert _asked_for("有安家费吗", ["安家费"])
    assert not _asked_for("那规下高企市里有什么扶持路子？", ["路子"])
    assert not _asked_for("市里对引进的高端人才有没有补贴？", ["安家费"])


@pytest.mark.unit
def test_a_rough_count_is_a_quantity():
    assert {"三四", "四家", "三四家"} <= quantity_words("我们在孵的企业里有三四家今年在冲高新技术企业")


@pytest.mark.unit
def test_a_preposition_glued_to_an_unknown_word_is_cut_off():
    assert "文旅" in word_tokens("官渡对文旅科技有什么说法？")
    assert "对外" in word_tokens("对外开放")  # a word of the dictionary stays whole
    assert "个税" in word_tokens("研发人员的个税能不能返还？")


@pytest.mark.unit
def test_a_lapsed_recognition_is_not_held():
    assert lapsed("22年拿过高企，25年到期后没续上，打算明年再报一次。") == {"高新技术企业"}
    assert lapsed("高企是2017年认定的 2020年到期没续上 去年又重新申请通过了") == set()
    assert lapsed("2020年首次认定高企，2023年到期后重新认定") == set()
    assert not parse_profile("官渡区规上企业，22年拿过高企，25年到期后没续上。").certifications


@pytest.mark.unit
def test_a_structured_recognition_its_description_says_lapsed_is_not_held():
    profile = Profile(region="云南省昆明市官渡区", certifications=[Certification(name="高新技术企业", kind="首次认定", year=2022)],
                      free_text="高企2022年认定、2025年到期后未续，目前不是有效期内高企")
    assert not [h for h in holdings(profile) if h.concept == "高新技术企业"]


@pytest.mark.unit
@pytest.mark.parametrize("text,yuan", [("研发一年大概2600万左右。", 26_000_000), ("自己也做点研发，一年60万左右，比去年多一些。", 600_000),
                                       ("研发一年八百多万", 8_000_000)])
def test_rd_spending_said_loosely_is_read(text, yuan):
    assert parse_profile(text).figures.rd_expense_yuan == yuan


@pytest.mark.unit
def test_a_major_special_project_by_open_call_and_a_contest_organiser_after_it_are_read():
    p = Profile(region="云南省昆明市西山区", achievements=["2026年承担昆明市重大科技专项（揭榜制）",
                                                         "2026年中国—南亚东南亚国际创新创业大赛优秀奖（省科技厅主办）"])
    held = {h.concept: h.level for h in holdings(p)}
    assert "重大科技攻关项目" in held and held["双创大赛获奖"] == 2


def test_a_target_in_hundreds_of_millions_is_answered(real_bot):
    answer = chat(real_bot, "沧源这边的,临沧方案里25年研发投入要到几个亿?强度多少?")[-1]
    assert "6.09亿元" in answer.direct_answer and "0.46%" in answer.direct_answer


def test_a_clerks_first_client_is_answered_for_its_place(real_bot):
    answer = chat(real_bot, "我是做科技项目申报咨询的，帮几个客户问问。第一个在西山区，去年第二次认定高企了，市里有没有奖")[-1]
    assert answer.outcome == "answered" and "5万元" in answer.direct_answer


def test_a_listing_support_without_an_amount_says_what_is_given(real_bot):
    answer = chat(real_bot, "我们是西山区的企业", "以后要是在科创板上市，有没有支持？给多少？")[-1]
    assert "一次性支持" in answer.direct_answer and "但没有写明具体金额" in answer.direct_answer


def test_the_station_rule_is_the_condition_asked_after_the_stations(real_bot):
    answer = chat(real_bot, "我们临翔区做坚果深加工，规上高企，想建院士工作站和专家工作站，市里分别补多少？", "是不是只有规上企业才能拿？")[-1]
    assert "规模以上企业新批准设立" in answer.direct_answer and "100万元" not in answer.direct_answer


def test_a_supposed_national_lab_after_a_partner_is_answered(real_bot):
    answer = chat(real_bot, "我们公司在西山区", "我们打算跟研究所合建实验室，如果以后能拿到国家重点实验室，市里支持多少？")[-1]
    assert "500万元" in answer.direct_answer and "研究所" not in answer.direct_answer


def test_interest_is_the_interest_subsidy(real_bot):
    answer = chat(real_bot, "我们在盘龙区", "我们有几件发明专利，想做知识产权质压贷款，利息能补吗？")[-1]
    assert answer.found and "贴息" in answer.direct_answer and "1∶1" in answer.direct_answer


@pytest.mark.parametrize("question,topic", [("市里对引进的高端人才有没有安家费？", "安家费"), ("研发人员的个税能不能返还？", "个税")])
def test_a_thing_no_document_has_is_refused_as_such(real_bot, question, topic):
    answer = chat(real_bot, "我们在五华区", question)[-1]
    assert not answer.found and f"“{topic}”" in answer.direct_answer and not answer.citations


def test_a_new_ask_after_a_filler_and_a_rough_count_is_answered(real_bot):
    answer = chat(real_bot, "您好，我们公司在五华区运营一个科技企业孵化器，现在有三十多家在孵企业。",
                  "还有个事，我们在孵的企业里有三四家今年在冲高新技术企业，要是评上了，对我们孵化器有啥好处没？")[-1]
    assert "3万元" in answer.direct_answer


@pytest.mark.unit
@pytest.mark.parametrize("text", ["我们跟云南农大一直有合作", "和昆明理工大学共建实验室", "会同贵州大学、贵州师范大学"])
def test_a_place_opening_an_institutions_name_is_no_place_asked(text):
    from policybot.text.places import places_in

    assert places_in(text) == []


@pytest.mark.unit
def test_a_place_before_a_level_or_a_body_is_still_a_place():
    from policybot.text.places import places_in

    assert places_in("云南省重点实验室") == ["云南省"] and places_in("昆明市科学技术局") == ["昆明市"]


def test_a_partner_university_does_not_widen_the_askers_place(real_bot):
    answer = chat(real_bot, "你好，我们是临翔区做澳洲坚果加工的企业，已经是规上了",
                  "我们跟云南农大一直有合作，想建个专家工作站，能补多少？要是院士工作站呢？")[-1]
    assert "10万元" in answer.direct_answer and "20万元" in answer.direct_answer and "90万元" not in answer.answer


def test_what_is_covered_asked_is_answered_first(real_bot):
    answer = chat(real_bot, "那个你这边都能查哪些地方的政策啊")[-1]
    assert answer.direct_answer.startswith("目前收录的是") and "临沧" in answer.direct_answer


def test_a_thing_not_in_a_rules_list_is_answered_with_the_list(real_bot):
    answer = chat(real_bot, "您好，我们公司在盘龙区，是国家高企，正在准备科创板IPO，上市以后市里有奖励吗？", "具体给多少钱？",
                  "北交所上市算不算？")[-1]
    assert "主板、科创板、创业板" in answer.direct_answer and "“北交所”" in answer.direct_answer
    assert "没有写到" in answer.direct_answer and answer.citations


@pytest.mark.unit
def test_a_benefit_kind_written_with_a_slip_names_the_benefit():
    from policybot.answering.focus import _benefit_kind

    assert _benefit_kind("算力", "那贵阳有没有给大数据企业的算力补帖") == "算力补帖"


@pytest.mark.unit
def test_a_long_recognition_name_with_one_wrong_character_is_read():
    from policybot.catalogue.mending import mended

    assert parse_profile("规上，2023年第一次认定高新技术企叶。").certifications[0].name == "高新技术企业"
    assert mended("市级重点实验室") == "市级重点实验室"  # a level character tells names apart: no slip


@pytest.mark.unit
@pytest.mark.parametrize("text", ["以后评上高企又能多拿什么？", "等评上高企了能拿多少", "将来认定了高新技术企业有什么"])
def test_a_recognition_supposed_later_is_a_plan(text):
    p = parse_profile(text)
    assert not p.certifications and p.plans


@pytest.mark.unit
def test_a_newer_platform_above_the_level_counts_as_new():
    from policybot.catalogue.holdings import dated_before

    p = Profile(region="云南省昆明市官渡区", platforms=["省级科技企业孵化器（2024年新认定）", "市级众创空间（2019年认定）"])
    held = [h for h in holdings(p) if h.concept == "孵化平台"]
    assert dated_before("2023—2025", held) is None


@pytest.mark.unit
def test_incubated_companies_recognised_over_years_are_an_achievement():
    p = Profile(region="云南省昆明市官渡区", achievements=["在孵企业3家于2024—2025年首次认定为高新技术企业（自主孵化）"])
    assert any(h.concept == "培育高新技术企业" for h in holdings(p))


@pytest.mark.unit
def test_two_places_asked_what_each_set_are_asked_apart():
    from policybot.answering.asks import split_asks

    parts = split_asks("技术合同成交额这块，官渡和临沧各定了多少", lambda w: True)
    assert [p.region for p in parts] == ["官渡区", "临沧市"]


@pytest.mark.unit
def test_a_voice_message_is_parted_and_its_correction_and_negation_read():
    from policybot.answering.questions import without_lead_fillers
    from policybot.text.lexical import typed_pauses
    from policybot.text.tiers import unnegated

    assert typed_pauses("你好我在嵩明县开了个小厂子想问下我们这种能申请啥补贴") == "你好，我在嵩明县开了个小厂子，想问下我们这种能申请啥补贴"
    assert without_lead_fillers("哦对了刚才说错了我们去年已经升规了").startswith("我们去年")
    assert without_lead_fillers("行业有哪些补贴") == "行业有哪些补贴"
    assert "高企" not in unnegated("是规上了但还不是高企那研发补贴按几个点")


@pytest.mark.unit
@pytest.mark.parametrize("message,ask", [("盘龙那家做生物医药的初创，刚被认定为昆明市高新技术培育企业，能拿多少", "刚被认定"),
                                         ("你好我在嵩明县开了个做生物肥料的小厂子规下的还没有什么认证想问下我们这种能申请啥补贴", "想问下")])
def test_a_company_described_before_the_ask_is_no_topic(message, ask):
    assert own_question(message).startswith(ask)


@pytest.mark.unit
def test_pieces_asked_for_as_a_whole_are_a_list():
    from policybot.answering.answerers.catalogue_list import is_list_question

    assert is_list_question("先问个总的：昆明市对企业的科技奖补主要有哪几块？")


def test_a_first_application_named_with_a_verb_is_a_first_recognition(real_bot):
    answer = chat(real_bot, "老师好，我们是凤庆的茶叶加工厂，规上企业，今年准备第一次报高新技术企业，听说市里有奖励？能给多少")[-1]
    assert "10万元" in answer.direct_answer and "首次认定" in answer.direct_answer


def test_a_voice_correction_keeps_the_tier_it_says(real_bot):
    answer = chat(real_bot, "你好我在嵩明县开了个做生物肥料的小厂子规下的还没有什么认证想问下我们这种能申请啥补贴",
                  "哦对了刚才说错了我们去年已经升规了是规上了但还不是高企那研发补贴按几个点")
    assert "列出" in answer[0].direct_answer or "扶持" in answer[0].direct_answer
    assert "1%" in answer[1].direct_answer and "2%" not in answer[1].direct_answer


def test_a_name_the_place_writes_beside_a_compound_it_lacks_is_answered(real_bot):
    answer = chat(real_bot, "我们是临翔区的高校", "听说要推行科研经费包干制，临沧这个方案里有吗")[-1]
    assert answer.found and "包干制" in answer.direct_answer


def test_a_compound_only_another_place_has_is_still_said_missing(real_bot):
    answer = chat(real_bot, "我们是官渡区的企业", "官渡有没有人才公寓")[-1]
    assert "人才公寓" in answer.direct_answer and "没有" in answer.direct_answer


@pytest.mark.unit
def test_how_often_a_benefit_is_paid_is_a_detail_a_rule_may_not_state():
    from policybot.answering.details import DETAILS, asked_details, unstated

    frequency = next(d for d in DETAILS if d.name == "frequency")
    assert frequency in asked_details("这个补贴每年都有吗还是就给一次")
    assert unstated(frequency, "这个补贴每年都有吗", "其他规上企业按研发经费投入的1%给予基础补助;增量奖励按照较上年度增量的10%给予奖励")
    assert not unstated(frequency, "是一次性的吗", "按规定一次性给予3万元—5万元奖补")


def test_how_often_asked_of_a_rule_silent_on_it_is_said_unstated(real_bot):
    answer = chat(real_bot, "我们是嵩明县的规上企业，还不是高企，研发补贴按几个点", "这个补贴每年都有吗还是就给一次")[-1]
    assert "未写明是每年给予还是一次性给予" in answer.direct_answer


def test_a_client_elsewhere_asking_for_a_citys_rule_is_told_it_is_not_theirs(real_bot):
    answer = chat(real_bot, "我是做申报咨询的，有家客户在临翔区", "临翔这家也想申请昆明那个科技楼宇100万的奖励，行不行")[-1]
    assert answer.outcome == "elsewhere" and "不适用于临翔区" in answer.direct_answer
