"""Conversations, first session of 2026-12-04 (dev turns of conv-j): words passed on from someone else, a person of a
unit, a place named only as an origin, "对X的给予…" conditions, two document facts with one verb, a word written
before one item of two, a bare "多少" after an amount question, a company that supposes a change, a broad question
after a move, and whom a procedure question asks for."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.asker import read_asker
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.words import topic_words, unrelayed
from policybot.text.citations import check_answer
from policybot.text.places import asked_chains, chains_in
from policybot.text.rules import condition


@pytest.mark.parametrize("message, rest", [
    ("老板说那现在市里研发投入奖补是多少", "那现在市里研发投入奖补是多少"),
    ("他说我们是规上,但不是高企,按哪个", "我们是规上,但不是高企,按哪个"),
    ("客户问：临沧新设研发机构补多少", "临沧新设研发机构补多少"),
    ("老板说谢谢", "谢谢"),
    ("老板说", "老板说"),  # nothing would remain: unchanged
    ("他们说的那个后补助还有吗", "他们说的那个后补助还有吗"),  # 他们说的 is no lead-in
])
def test_words_passed_on_from_someone_else_are_read_without_the_lead_in(message, rest):
    assert unrelayed(message) == rest


@pytest.mark.parametrize("message", ["你好,我是呈贡一家新型研发机构的负责人,市里有什么支持?", "我是盘龙区一家银行支行的信贷经理"])
def test_a_person_of_a_unit_in_a_place_says_where_the_asker_is(message):
    assert read_asker([message]).region in ("呈贡区", "盘龙区")


def test_a_place_named_as_an_origin_is_not_the_place_asked_about():
    question = "那要是把台湾母公司的研发中心引进过来呢?跟刚才那个分别多少"
    assert chains_in(question) and not asked_chains(question)
    assert asked_chains("我们从西山区迁到官渡区后能拿什么")  # a move's destination stays
    assert [c[-1] for c in asked_chains("从深圳总部搬来官渡区的企业有补助吗")] == ["官渡区"]


def test_the_condition_of_a_rule_given_to_whom_it_names_is_that_clause():
    quote = "对认定为省级以上重点实验室、技术创新中心、新型研发机构的给予市级补助经费100万元,对规模以上企业新批准设立的院士工作站给予20万元。"
    assert condition(quote).startswith("认定为省级以上重点实验室") and "100万元" in condition(quote)


@pytest.mark.parametrize("question, facts", [
    ("这个行动方案是哪个单位、什么时候印发的", ["issuer", "issued"]),
    ("谁、哪年发的", ["issuer", "issued"]),
    ("哪个部门牵头", []),
])
def test_two_document_facts_asked_with_one_verb(question, facts):
    assert asked_facts(question) == facts


@pytest.mark.parametrize("question, facts", [("要是我们今年掉到规下了,还能拿吗", []), ("这个政策今年还能拿吗", ["status"])])
def test_a_change_the_company_supposes_is_not_a_question_of_the_policy_s_status(question, facts):
    assert asked_facts(question) == facts


def test_a_size_the_company_supposes_is_not_its_size():
    assert read_asker(["要是我们今年掉到规下了,还能拿吗"]).size == ""
    assert read_asker(["我们是官渡区规上企业，以后想建研发中心，有什么支持"]).size == "规上"


def test_whom_a_question_asks_for_is_no_topic():
    words = topic_words("我们有个客户在官渡,区里的研发后补助是按哪个办法?")
    assert "研发" in words and "客户" not in words and "有个" not in words


@pytest.mark.integration
def test_a_word_before_one_item_of_two_belongs_to_that_item(real_bot):
    from policybot.answering.asks import split_asks

    parts = split_asks("云岩的五个倍增里,高企数量和研发投入到2025年分别要到多少", real_bot.lexicon.known)
    assert [p.label for p in parts] == ["高企数量", "研发投入"] and "高企研发投入" not in parts[1].text
    shared = split_asks("省级重点实验室和工程技术研究中心分别给多少", real_bot.lexicon.known)
    assert all("省级" in p.text for p in shared)  # a tier is both items'


@pytest.mark.integration
def test_the_city_of_a_district_the_conversation_is_about_answers_a_relayed_question(real_bot):
    answers = chat(real_bot, "你好,我帮我们老板问一下,他说以前五华区研发投入排名前两名给8万,现在还有没有?",
                   "老板说那现在市里研发投入奖补是多少", "他说我们是规上,但不是高企,按哪个")
    assert "临沧" not in answers[1].direct_answer and "2%" in answers[1].direct_answer
    assert "1%" in answers[2].direct_answer and "2%" not in answers[2].direct_answer
    assert answers[2].assumed.endswith("规上 · 非高企")


@pytest.mark.integration
def test_the_city_of_a_unit_s_district_is_what_shi_li_means_after_a_question_about_elsewhere(real_bot):
    answers = chat(real_bot, "你好,我是呈贡一家新型研发机构的负责人,市里对新型研发机构有什么支持?", "我看临沧那边是给100万,那是啥条件?",
                   "院士工作站和专家工作站市里分别支持多少")
    assert "省级以上" in answers[1].direct_answer and "100万元" in answers[1].direct_answer
    assert "180万元" in answers[2].direct_answer and "90万元" in answers[2].direct_answer
    assert not any("临沧" in c.title for c in answers[2].citations)


@pytest.mark.integration
def test_a_bare_how_much_after_an_amount_question_gets_every_tier(real_bot):
    answer = chat(real_bot, "你好,我们是大理的企业,大理州高企认定奖励多少?", "那临沧的是多少?")[-1]
    assert "10万元" in answer.direct_answer and "5万元" in answer.direct_answer


@pytest.mark.integration
def test_a_company_that_moved_is_listed_what_it_gets_where_it_is_now(real_bot):
    answer = chat(real_bot, "你好,我们公司在西山区,做生物医药的,西山区有什么科技政策?",
                  "我们下周就把注册地迁到官渡区了,迁过去之后区里多出来哪些支持?")[-1]
    lines = [x for x in answer.direct_answer.splitlines() if x.startswith("· ")]
    assert lines and any("官渡区】" in x for x in lines) and "研发投入后补助" in answer.direct_answer
    assert not check_answer(answer.answer, answer.citations)


@pytest.mark.integration
def test_an_implementing_rule_asked_for_a_client_elsewhere_is_named(real_bot):
    answer = chat(real_bot, "您好,我们是五华区做科技项目申报代理的", "我们有个客户在官渡,区里的研发后补助是按哪个办法?")[-1]
    assert "研发经费投入后补助实施办法" in answer.direct_answer


@pytest.mark.integration
def test_issuer_and_date_asked_together_are_both_answered(real_bot):
    answer = chat(real_bot, "云岩区提升科技创新动能行动方案是哪个单位、什么时候印发的")[-1]
    assert "云岩区人民政府办公室" in answer.direct_answer and "2023年4月18日" in answer.direct_answer


@pytest.mark.parametrize("question, facts", [("他说以前五华区研发投入排名前两名给8万,现在还有没有?", ["status"]),
                                             ("现在还有没有别的补贴", [])])
def test_whether_a_rule_is_still_there_asked_at_the_end_is_its_status(question, facts):
    assert asked_facts(question) == facts


@pytest.mark.integration
def test_a_rule_asked_whether_it_is_still_there_is_given_with_its_document_s_period(real_bot):
    answer = chat(real_bot, "你好,我帮我们老板问一下,他说以前五华区研发投入排名前两名给8万,现在还有没有?")[-1]
    assert "8万元" in answer.direct_answer and "2018-2020年" in answer.direct_answer


@pytest.mark.integration
def test_a_district_without_a_document_of_its_own_is_told_its_role_in_its_city_s_plan(real_bot):
    answer = chat(real_bot, "你好,我们公司在西山区,做生物医药的,西山区有什么科技政策?")[-1]
    assert "昆明市的文件为西山区定的是" in answer.direct_answer and "加速带" in answer.direct_answer
    assert not check_answer(answer.answer, answer.citations)
    own = chat(real_bot, "官渡区有什么科技政策?")[-1]  # a district with its own plan: its list only
    assert "定的是" not in own.direct_answer


@pytest.mark.integration
def test_a_yes_no_question_about_a_rule_without_an_amount_gets_the_clause_it_asks_about(real_bot):
    answer = chat(real_bot, "昆明市对科技成果转化给作出重要贡献人员的现金奖励有什么规定", "这个奖励算不算在单位的绩效工资总量里")[-1]
    assert "不受核定的绩效工资总量限制" in answer.direct_answer and "未载明具体金额" not in answer.direct_answer
    assert not check_answer(answer.answer, answer.citations)
    priced = chat(real_bot, "昆明对科技型企业知识产权质押贷款贴息补助多少")[-1]  # an amount asked as such: unchanged
    assert "1∶1" in priced.direct_answer


@pytest.mark.parametrize("question, facts", [("那盘龙的企业一般能参照哪些政策?", []), ("这个措施是参照哪个文件制定的", ["basis"])])
def test_which_policies_a_company_can_refer_to_is_no_question_of_a_document_s_basis(question, facts):
    assert asked_facts(question) == facts


@pytest.mark.integration
def test_policies_a_district_without_a_document_can_refer_to_are_listed_from_its_city_s(real_bot):
    answer = chat(real_bot, "您好,我是盘龙区政务服务中心窗口的,经常有企业来咨询科技方面的扶持。盘龙区好像没有单独的科技文件,"
                            "那盘龙的企业一般能参照哪些政策?")[-1]
    lines = [x for x in answer.direct_answer.splitlines() if x.startswith("· ")]
    assert len(lines) >= 5 and all("适用于盘龙区" in x for x in lines)
    assert "3万元—5万元" in answer.direct_answer and "2%" in answer.direct_answer


def test_which_things_of_a_kind_a_rule_names_are_its_clauses_naming_them():
    from policybot.answering.asked_conditions import things_named as _things_named

    quote = ("推动科技金融深度融合,通过更好发挥“昆明市创新创业发展基金”和“昆明市知识产权运营基金”作用,组建“昆明市科技成果转化基金”,"
             "吸引社会资本加大对科技成果转移转化项目的支持力度;加大对科技企业的信贷投入")
    listed = _things_named(quote, "昆明市有哪些基金")
    assert "昆明市创新创业发展基金" in listed and "昆明市科技成果转化基金" in listed and "信贷" not in listed
    assert _things_named(quote, "哪些企业可以申请") is None  # who qualifies: a condition


@pytest.mark.integration
@pytest.mark.parametrize("turns, fact", [
    (("我们是呈贡的高校", "成果转化给团队的奖励，占不占学校绩效工资总额"), "不受核定的绩效工资总量限制"),
    (("你好，我们是云岩区做工程检测的规上企业，区里对科学研究和技术服务业定了啥目标", "那基数是多少家"), "32家"),
])
def test_a_near_synonym_of_a_document_word_is_no_missing_topic(real_bot, turns, fact):
    answer = chat(real_bot, *turns)[-1]
    assert answer.found and fact in answer.direct_answer


BOSS = (
    "你好",
    "我帮我们老板问一下，他说以前五华区研发投入排名前两名给8万，现在还有没有？",
    "老板说那现在市里研发投入奖补是多少",
    "他说我们是规上，但不是高企，按哪个",
    "老板问五华区在市里定位是搞啥的",
    "那要是把台湾母公司的研发中心引进过来呢，市里给多少",
    "我看临沧那边新型研发机构给100万，那是啥条件？",
    "成果转化给团队的现金奖励，占不占单位绩效工资总额",
    "市里有哪些基金",
    "要是我们今年掉到规下了，研发投入那个还能拿吗",
    "云岩区提升科技创新动能行动方案是哪个单位、什么时候印发的",
    "好的，老板说谢谢",
)


@pytest.mark.integration
def test_a_clerk_relaying_a_boss_for_a_morning_stays_with_the_boss_s_place_and_sourced(real_bot):
    a = chat(real_bot, *BOSS)
    assert a[0].outcome == "welcome" and a[-1].outcome == "welcome"
    assert "8万元" in a[1].direct_answer and "2018-2020年" in a[1].direct_answer
    assert "临沧" not in a[2].direct_answer and "2%" in a[2].direct_answer
    assert "1%" in a[3].direct_answer and "2%" not in a[3].direct_answer
    assert "区块链和人工智能" in a[4].direct_answer
    assert "200万元" in a[5].direct_answer  # 台湾 is where the centre comes from, not a place asked about
    assert "省级以上" in a[6].direct_answer and "100万元" in a[6].direct_answer
    assert a[7].found and not any("临沧" in c.title for c in a[7].citations)  # 临沧那边 was over there
    assert "昆明市创新创业发展基金" in a[8].direct_answer
    assert "规模以上" in a[9].direct_answer and "已到期" not in a[9].direct_answer.split("\n")[0]
    assert "云岩区人民政府办公室" in a[10].direct_answer and "2023年4月18日" in a[10].direct_answer
    assert all(x.assumed.startswith("五华区") for x in a[2:11])  # what the answers assume stays the boss's place
    for x in a[1:-1]:  # every quote is a verbatim slice and every number its quotes'
        assert not check_answer(x.answer, x.all_citations), x.question


def test_the_conversation_s_place_skips_origins_and_places_over_there():
    from policybot.answering.asker import conversation_asker

    earlier = ["他说以前五华区研发投入排名前两名给8万", "那要是把台湾母公司的研发中心引进过来呢", "我看临沧那边给100万，那是啥条件？"]
    assert conversation_asker(earlier, "成果转化奖励占不占绩效工资").region == "五华区"
    assert conversation_asker(["临沧那边高企给多少"], "那条件呢").region == "临沧市"  # no other place: it is the one
    assert conversation_asker(["五华区研发投入排名给多少", "那官渡区呢"], "条件呢").region == "官渡区"


@pytest.mark.parametrize("question, department", [("占不占单位绩效工资总额", False), ("这事找哪个单位", True),
                                                  ("牵头的是哪个", True)])
def test_a_work_unit_named_in_passing_asks_no_department(question, department):
    from policybot.answering.aspects import aspects

    assert ("department" in aspects(question)) is department
