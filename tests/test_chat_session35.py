"""Session of 2026-12-07 (fifteenth; from conv-am's dev half): what a question leaves aside (除了…/除…外) is no topic;
a supposition said after 我们 is what is asked; a tier moved to "later" keeps its subject; a swap closed by a comparison
asks the new thing; a basis asked in 公文 words; 高新区 for 高新技术产业开发区; what the knowledge base holds; a plan
pointed at by an asker whose own place has no document is the plan the conversation reads."""

from __future__ import annotations

import pytest
from conftest import asked_before, chat

from policybot.answering.followups import condense
from policybot.answering.questions import own_question
from policybot.answering.words import is_greeting, left_aside


@pytest.mark.unit
def test_what_a_question_leaves_aside_is_read_with_or_without_le():
    assert left_aside("除了住房，人才还有啥保障") == "住房"
    assert left_aside("请问除高企奖补外，我们作为规上企业在市级层面还可以申请哪些支持？") == "高企奖补"
    assert left_aside("除了工作站还有啥我们能申请的") == "工作站"
    assert left_aside("高企认定有什么奖励？") == ""


@pytest.mark.unit
def test_a_supposition_said_after_we_is_what_is_asked():
    q = "我们要是被认定成昆明市高新技术培育企业，给多少？"
    assert own_question(q) == q
    # what the company says it is, then an ask naming its own topic: the ask alone
    assert own_question("我们要是明年评上高企了，研发补助有多少？") == "研发补助有多少？"


@pytest.mark.unit
def test_a_rank_said_without_its_measure_word_swaps_the_rank_asked_before():
    before = asked_before("我们是五华区的规上工业企业，听说区里研发投入排前几名有奖？")
    assert condense("排第3的话是多少", before) == "我们是五华区的规上工业企业，听说区里研发投入排第3名有奖？"
    assert condense("第4名呢", asked_before("五华研发投入排名前2名给多少")) == "五华研发投入排名第4名给多少"


@pytest.mark.unit
def test_a_tier_moved_to_later_keeps_the_subject_asked_before():
    before = asked_before("我们还有个院士工作站，刚被认定成市级的，区里给多少？")
    for q in ("要是后面升到省级呢", "要是以后升到省级呢"):
        assert condense(q, before) == "我们还有个院士工作站，刚被认定成省级的，区里给多少？"


@pytest.mark.unit
def test_a_swap_closed_by_a_comparison_asks_the_new_thing():
    before = asked_before("我们跟院所共建实验室，要是评上国家重点实验室，市里给多少？")
    resolved = condense("那国家技术创新中心呢 比重点实验室高吗", before)
    assert "国家技术创新中心" in resolved and "重点实验室" not in resolved


@pytest.mark.unit
def test_what_the_knowledge_base_holds_is_asked_in_several_ways():
    for q in ("那请问你这边收录了哪些地区的政策文件？", "知识库里有哪些文件？", "你能回答哪些地方的政策？"):
        assert is_greeting(q), q
    assert not is_greeting("收录的文件里有哪些补贴？")


def test_the_place_asked_about_is_listed_with_every_covered_region(real_bot):
    reply = chat(real_bot, "我们是曲靖麒麟区的企业", "那请问你这边收录了哪些地区的政策文件？")[-1]
    assert reply.outcome == "welcome"
    for place in ("云岩区", "临沧市", "官渡区", "五华区", "昆明市"):
        assert place in reply.direct_answer


def test_what_is_left_aside_is_no_missing_topic(real_bot):
    replies = chat(real_bot, "我们是贵阳云岩区做集成电路的企业，负责人才引进", "除了住房，人才还有啥保障")
    assert replies[-1].found and "住房" not in replies[-1].direct_answer
    assert "人才" in replies[-1].direct_answer


def test_a_list_leaving_aside_a_benefit_keeps_the_others_of_the_same_kind(real_bot):
    replies = chat(real_bot, "我们是临沧临翔区的规上企业，做茶叶精深加工，去年刚认定了高企",
                   "请问除高企奖补外，我们作为规上企业在市级层面还可以申请哪些支持？")
    line = replies[-1].direct_answer
    assert "100万元" in line and "20万元" in line
    assert "高新技术企业" not in line.split("其他相关措施")[0]  # the 高企 items are left aside


def test_a_basis_asked_in_official_words_and_spoken_fillers(real_bot):
    reply = real_bot.ask("那个 市里这个措施 嗯 是按省里哪个文件精神出的")
    assert reply.found and "29条措施" in reply.direct_answer and "文件精神" not in reply.direct_answer


def test_the_short_name_of_a_high_tech_zone_finds_the_zone(real_bot):
    replies = chat(real_bot, "我们在临沧高新区，是规下的高企", "高新区争创国家级有时间表不")
    assert replies[-1].found and "2025年" in replies[-1].direct_answer
    assert "国家高新技术产业开发区1个" in replies[-1].direct_answer


def test_a_plan_pointed_at_by_an_asker_with_no_document_is_the_plan_read_before(real_bot):
    replies = chat(real_bot, "我们公司在贵阳观山湖区", "请问云岩区这份方案是由哪个单位印发的？",
                   "就是方案里说的五个倍增 嗯 是哪五个啊")
    last = replies[-1]
    assert last.found and "高新技术企业数量" in last.direct_answer and "科技人才数量" in last.direct_answer


@pytest.mark.unit
def test_which_places_or_partners_a_plan_lists_is_no_condition():
    from policybot.answering.aspects import aspects

    assert aspects("云岩跟哪些高校搞智慧大数据创新中心") != ["condition"]
    assert aspects("那个生态圈还有哪些区一起搞") != ["condition"]


@pytest.mark.unit
def test_the_clause_naming_the_places_asked_leads_the_line():
    from policybot.answering.clause_context import with_places_named
    from policybot.text.tier_clauses import clauses

    quote = "盘龙区、西山区、高新区、滇池度假区等以研究院所为研发策源地,打造生物医药大健康产业创新生态圈;"
    cs = clauses(quote)
    last = [cs[-1]]
    assert with_places_named("那个生态圈还有哪些区一起搞", quote, cs, last) == [cs[0], cs[-1]]
    assert with_places_named("西山区有啥生态圈规划", quote, cs, last) == [cs[0], cs[-1]]
    assert with_places_named("生态圈规划是什么", quote, cs, last) == last  # no place asked
    assert with_places_named("临沧有啥生态圈规划", quote, cs, last) == last  # the place asked is not in the sentence


def test_a_rule_of_there_asked_of_here_is_not_presented_as_here(real_bot):
    replies = chat(real_bot, "我们是安宁市的规上企业，做新材料的",
                   "临沧那边企业自筹资金要1比1配套，我们申请市里资金也要这样吗")
    last = replies[-1]
    lincang = real_bot.index.document("lincang-2023-2025-innovation-action-plan").doc_id
    assert last.outcome in ("elsewhere", "not_found") and not any(c.doc_id == lincang for c in last.citations)


def test_a_plan_asked_which_universities_names_them(real_bot):
    replies = chat(real_bot, "我们是贵阳云岩区做软件的", "云岩跟哪些高校搞智慧大数据创新中心")
    assert "贵州大学" in replies[-1].direct_answer and "申请条件" not in replies[-1].direct_answer


@pytest.mark.unit
def test_an_everyday_word_that_is_also_a_places_short_name_is_no_place():
    from policybot.text.places import places_in

    assert places_in("嗯 我们合作的大学说 成果转化的奖励要过一阵才发给老师") == []  # 合作 of 合作市
    assert places_in("我们在合作市") == ["合作市"]
    assert places_in("我们安宁的企业") == ["安宁市"] and places_in("我们西山的") == ["西山区"]


@pytest.mark.unit
def test_a_filler_said_before_we_still_opens_the_askers_description():
    assert own_question("嗯 那个我们是官渡区的一个众创空间 想问一下 要是评上省级孵化器 能有多少钱") == \
        "想问一下，要是评上省级孵化器，能有多少钱"


@pytest.mark.unit
def test_whether_one_may_still_apply_by_the_document_pointed_at_is_its_status():
    from policybot.answering.docfact_cues import asked_facts

    assert asked_facts("那现在还能按这个申请吗") == ["status"]


@pytest.mark.unit
def test_a_bare_how_much_of_a_rule_giving_money_asks_the_money():
    from policybot.answering.aspects import of_the_rule

    rule = "研发经费投入排名前2名的,分别给予8万元的扶持;排名第3至第5名的,分别给予4万元的扶持。"
    assert of_the_rule("target", rule, "排第3的话是多少") == "amount"
    assert of_the_rule("target", "到2025年,培育高新技术企业50家", "每年培育几家") == "target"
    assert of_the_rule("target", rule, "每年新增几家") == "target"


def test_a_question_of_the_askers_own_place_after_anothers_rule_is_its_own(real_bot):
    replies = chat(real_bot, "临沧的茶叶公司，规上的高企", "昆明那个研发投入补2%的，我们临沧企业能拿吗",
                   "那临沧有没有按研发投入直接补企业的")
    last = replies[-1]
    assert "不适用于临沧" not in last.direct_answer  # no longer told 昆明's rule is not its own, again
    assert not any(f.wrong == "补企业" for f in real_bot.turn("那临沧有没有按研发投入直接补企业的", []).read.fixes)


def test_a_rank_asked_after_a_ranking_rule_gets_its_tier(real_bot):
    replies = chat(real_bot, "我们是五华区的规上工业企业，听说区里研发投入排前几名有奖？", "排第3的话是多少")
    assert "4万元" in replies[-1].direct_answer and "8万元" not in replies[-1].direct_answer


def test_a_broad_ask_said_with_an_overall_word_lists(real_bot):
    replies = chat(real_bot, "我们是呈贡区的规下科技型中小企业", "那我们规下科小总体还能争取哪些钱")
    assert replies[-1].found and "·" in replies[-1].direct_answer


def test_a_researcher_asking_whether_they_may_go_out_part_time(real_bot):
    reply = chat(real_bot, "我在临沧一个市属科研所上班，听说现在可以出去兼职了？")[-1]
    assert reply.found and "经所在单位同意" in reply.direct_answer


@pytest.mark.unit
def test_a_recognition_said_as_just_recognised_is_the_askers_own():
    from policybot.answering.asker import read_asker

    assert read_asker(["你好，我们是临翔区做茶叶精深加工的企业，规上，去年刚认定了高企"]).holds == ("高新技术企业",)
    assert read_asker(["我们是孵化器，去年培育了3家高企"]).holds == ()


@pytest.mark.unit
def test_who_puts_the_money_in_is_no_count_and_no_amount_of_its_own():
    from policybot.answering.aspects import intents

    assert "target" not in intents("那个科技创新联合资金 嗯 是哪几家出钱的")
    assert intents("这个基金由哪些单位出资") == ["department"]
    assert "target" in intents("每年培育几家")
