"""Session of 2026-12-07 (eleventh; from conv-ah's and prof-ah's dev halves): a tier word and its synonym ("规上",
"规模以上") are one tier, never each other's rival; an ask after the question mark ("安宁也算昆明吧？市里研发投入补助我们
这种按几个点") is the ask when it names the topic; words only the asker's self-description uses weigh little; "听说…
真的假的" asks; "文件里那个9710是啥意思" is a definition asked; "照着省里哪个文件搞的" asks the basis; "你这能查哪些
地方的" asks what is covered; "…是哪儿的政策" is answered wherever the rule is, its place named; a programme named
after a place ("云南（昆明）专家工作站") does not widen the search to the province; a count asked in its unit picks the
clause counting in it; a talent whose term is over gets nothing paid "培养期内"; "研发费260万" is R&D spending."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.asker import only_describes, programme_place
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.questions import core_question
from policybot.answering.scoring import tier_signal
from policybot.answering.targets import count_figure
from policybot.catalogue.profiles import Profile, parse_profile
from policybot.text.tiers import same_tiers
from test_matching import item, status


@pytest.mark.unit
def test_a_tier_and_its_synonym_are_one_tier():
    assert {"规上", "规模以上"} <= same_tiers(frozenset({"规模以上"}))
    rule = "规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助"
    assert tier_signal(rule, frozenset({"规模以上"}), frozenset({"规上", "规下"})) == 1.0
    # another tier of the family is still a rival
    assert tier_signal("其他规下企业给予补助", frozenset({"规模以上"}), frozenset({"规下"})) == -1.0


@pytest.mark.unit
def test_an_unmarked_last_ask_naming_the_topic_is_the_ask():
    core, _ = core_question("我们是安宁工业园区一家化工企业，规上。安宁也算昆明吧？市里研发投入补助我们这种按几个点")
    assert "研发投入补助" in core and "安宁也算昆明吧" in core
    # a fragment adding to the ask before it ("给多少") stays that ask's
    core, context = core_question("我们有个客户是高企。上市了有奖励吗？给多少")
    assert core == "上市了有奖励吗？"


@pytest.mark.unit
def test_heard_and_asked_whether_true_is_a_question():
    assert not only_describes("我们那栋楼想弄成科技楼宇，听说市里给运营方奖100万，真的假的")
    assert only_describes("我们是官渡区的规上企业，还没评上高企。")


@pytest.mark.unit
def test_the_basis_asked_as_what_it_copied():
    assert "basis" in asked_facts("市里这个措施是照着省里哪个文件搞的")
    assert "basis" not in asked_facts("省里有什么政策支持研发投入")


@pytest.mark.unit
def test_a_programme_named_after_a_bracketed_place_is_no_place_asked():
    assert programme_place("我们有个云南（昆明）专家工作站，市里给多少？", "云南省")
    assert not programme_place("云南省对专家工作站给多少？", "云南省")


@pytest.mark.unit
def test_a_count_asked_in_its_unit():
    assert count_figure("区里目标要到多少家").search("2025年达到55家以上")
    assert not count_figure("区里目标要到多少家").search("2025年达到5亿元以上")
    assert count_figure("研发投入目标多少") is None


@pytest.mark.unit
def test_a_talent_whose_term_is_over_gets_nothing_paid_within_the_term():
    p = parse_profile("官渡区规上企业。有位同事是官渡区学术和技术带头人，不过培养期去年已经满了。")
    assert p.talent and p.talent[0].status == "培养期已满"
    within = item("处于官渡区学术和技术带头人培养工程培养期内的科技创新人才",
                  "对处于官渡区学术和技术带头人培养工程培养期内的科技创新人才给予扶持。", "未载明金额",
                  region=("云南省", "昆明市", "官渡区"))
    got, reasons = status(p, within)
    assert got == "not_eligible" and "培养期已满" in reasons[0]
    still = Profile(region="官渡区", talent=[{"program": "官渡区学术和技术带头人培养工程", "status": "培养期内"}])
    assert status(still, within)[0] == "eligible"


@pytest.mark.unit
def test_rd_spending_said_as_研发费():
    assert parse_profile("嵩明县规上企业，研发费260万，比上年略有下降。").figures.rd_expense_yuan == 2_600_000


def test_the_last_ask_after_a_described_company_is_answered(real_bot):
    (a,) = chat(real_bot, "我们是安宁工业园区一家化工企业，规上，高企已经认定三轮了。安宁也算昆明吧？市里研发投入补助我们这种按几个点")
    assert a.found and "2%" in a.direct_answer


def test_a_definition_asked_by_a_pointer_word(real_bot):
    *_, a = chat(real_bot, "我们是官渡区的规上企业。", "顺便问下，文件里那个9710是啥意思来着")
    assert "跨境电商B2B直接出口" in a.direct_answer


def test_what_the_assistant_covers_and_whose_rule(real_bot):
    first, whose, covers = chat(real_bot, "我们是贵阳南明区的软件公司，想问问科技政策。", "那研发投入补2%那个是哪儿的政策",
                                "那你这能查哪些地方的")
    assert "昆明市" in whose.direct_answer and "2%" in whose.answer
    assert "不适用" in whose.answer or "只适用于" in whose.answer  # labelled as not the asker's
    assert covers.outcome == "welcome" and "五华" in covers.answer


def test_a_programme_named_after_the_city_is_answered_from_the_askers_city(real_bot):
    *_, a = chat(real_bot, "您好，我们是呈贡大学城边上一家新型研发机构，还没上规。",
                 "我们有个云南（昆明）专家工作站，市里给多少？院士站又是多少")
    assert "90万元" in a.direct_answer and "180万元" in a.direct_answer
    assert "临沧" not in a.direct_answer


@pytest.mark.unit
def test_a_place_before_自己_or_也_is_named():
    from policybot.text.places import places_in

    assert places_in("安宁自己有没有出科技政策文件") == ["安宁市"]
    assert "安宁市" in places_in("安宁也算昆明吧？")


@pytest.mark.unit
def test_what_the_asker_plans_somewhere_is_a_subject_of_its_own():
    from conftest import asked_before

    from policybot.answering.followups import condense

    h = asked_before("这钱是县区出还是市里出", "具体找哪个部门问？")
    assert condense("我们打算在厂里建个研发中心，市里补多少，有啥条件", h) == "我们打算在厂里建个研发中心，市里补多少，有啥条件"
    h = asked_before("我们三轮高企，市里那个奖是每轮都给吗")
    assert condense("我们想申国际科技合作示范企业，市里支持多少", h) == "我们想申国际科技合作示范企业，市里支持多少"


def test_which_documents_apply_asked_after_saying_none_is_the_districts_own(real_bot):
    (a,) = chat(real_bot, "早，我们公司在盘龙区，做生物制品，规上。盘龙好像没有单独的文件？那我们看哪个")
    assert a.found and "昆明市" in a.direct_answer and "盘龙区" in a.direct_answer


def test_this_document_is_the_askers_own_not_the_one_quoted_for_reference(real_bot):
    *_, a = chat(real_bot, "你好，我们是临沧临翔区的茶企，规上。", "昆明那边研发投入按2%补，我们临沧能享受吗", "这文件啥时候到期")
    assert "2023—2025" in a.direct_answer and "2022年—2024年" not in a.direct_answer


@pytest.mark.unit
def test_how_it_is_paid_asks_an_amount():
    from policybot.answering.aspects import aspects

    assert aspects("研发投入区里咋补？")[0] == "amount"
    assert aspects("芯片流片的费用区里能给补点不")[0] == "amount"


@pytest.mark.unit
def test_a_place_compared_with_is_not_the_conversations():
    from policybot.answering.asker import conversation_asker

    earlier = ["我们公司和高校共建的实验室要是被认定为省级重点实验室，临沧市里补多少？", "国家级的呢",
               "和昆明比哪个多？昆明对国家重点实验室给多少"]
    assert conversation_asker(earlier, "申请市里的科研资金，我们自己要配套多少").region != "昆明市"


def test_a_target_level_asked_as_要多少家(real_bot):
    (a,) = chat(real_bot, "官渡区专精特新2025年要多少家 我们想冲一下")
    assert "8家" in a.direct_answer


def test_the_districts_own_programme_asked_as_区级(real_bot):
    *_, a = chat(real_bot, "我们是官渡区的企业。", "区里每年组织多少个区级科技计划项目")
    assert "科技计划项目13项" in a.direct_answer or "科技计划项目14项" in a.direct_answer


def test_a_target_is_no_amount_asked_how_it_is_paid(real_bot):
    (a,) = chat(real_bot, "在吗？我们在云岩区做芯片封测的，规上，不是高企，研发一年800万左右。研发投入区里咋补？")
    assert a.direct_answer.startswith("原文未载明具体金额") and "5亿元" not in a.direct_answer


def test_housing_for_talent_is_the_talent_apartments(real_bot):
    (a,) = chat(real_bot, "请问云岩区对引进的人才在住房方面有没有支持？")
    assert a.found and "2640套" in a.answer


def test_a_conversation_about_one_city_stays_there_for_a_question_naming_none(real_bot):
    *_, a = chat(real_bot, "我们所有项成果转化了，给课题组的现金奖励算不算绩效工资总量？", "想和企业共建国家重点实验室，市里最多支持多少",
                 "院士工作站和专家工作站分别多少")
    assert "180万元" in a.direct_answer and "90万元" in a.direct_answer
    assert "临沧" not in a.direct_answer and "五华" not in a.direct_answer


@pytest.mark.unit
def test_how_much_a_thing_counts_names_no_topic():
    from policybot.answering.words import WEIGHING

    assert "分量" in WEIGHING


def test_an_obligation_asked_is_answered_with_the_clause_setting_it(real_bot):
    (a,) = chat(real_bot, "学校用财政经费买的大型仪器，必须对外开放吗")
    assert "须面向社会开放共享" in a.direct_answer and "除保密要求和特殊规定外" in a.direct_answer


def test_what_the_asker_heard_before_its_ask_names_what_is_asked(real_bot):
    """A sentence the asker closes before its ask without speaking of itself ("听说区里…有扶持。") names the subject:
    its words are not taken for the asker's self-description (which weighs little in the search)."""
    (a,) = chat(real_bot, "我们是五华区做医疗器械的，研发投入去年涨得挺多。听说区里对研发投入排名靠前的企业有扶持。这个扶持要求企业是什么类型？")
    assert a.found and "统计在库企业" in a.direct_answer
