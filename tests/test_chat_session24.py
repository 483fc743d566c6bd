"""Session of 2026-12-06 (fourth; from conv-o's dev conversations and the older dev splits): every tier a "分别" asks
is stated; a target is stated with its second measure; the sentence paying the asked tier wins a near tie; an
unnamed recognition a question supposes is the one the asker lacks; the asker's description (a trade after a place, a
colleague's word, a correction, "我们茶企") is no topic; an A-not-A asking word and a share asked are no words to find."""

from __future__ import annotations

import pytest

from conftest import chat

from policybot.answering.questions import own_question
from policybot.text.tiers import amount_lines

_RANKED = ("研发经费投入较上一年度有增长的工业、大中型服务业和特级一级建筑业统计在库企业，研发经费投入排名前2名的，"
           "分别给予8万元的扶持；排名第3至第5名的，分别给予4万元的扶持。")
_RD = ("规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助,其他规上企业按研发经费投入的1%给予基础补助;"
       "增量奖励按照全市企业研发经费投入较上年度增量的10%给予奖励。")


def test_each_tier_a_question_asks_is_stated():
    both, _ = amount_lines(_RANKED, "前两名和3到5名分别多少？")
    assert any("8万元" in x for x in both) and any("4万元" in x for x in both)
    one, chose = amount_lines(_RANKED, "我们排第4，能拿多少？")
    assert chose and len(one) == 1 and "4万元" in one[0]
    lines, _ = amount_lines(_RD, "规上高企和一般规上企业分别按多少算？")
    assert any("2%" in x for x in lines) and any("1%" in x for x in lines)
    lines, _ = amount_lines(_RD, "我们是规上高新技术企业，按多少算？")  # one tier asked: one tier stated
    assert any("2%" in x for x in lines) and not any("1%" in x for x in lines)


def test_two_tiers_asked_in_a_conversation_get_one_line_each(real_bot):
    reply = real_bot.ask("我们是五华的特级建筑企业，听说区里研发投入有排名奖励，前两名和3到5名分别多少？")
    assert "8万元" in reply.direct_answer and "4万元" in reply.direct_answer


def test_a_target_is_stated_with_its_second_measure(real_bot):
    reply = real_bot.ask("请问临沧市到2025年全社会研发经费投入的目标是多少？")
    assert "6.09亿元" in reply.direct_answer and "0.46%" in reply.direct_answer


def test_the_sentence_paying_the_asked_tier_wins_a_near_tie(real_bot):
    for q in ("我们空间里有个农业团队想搞星创天地，省级的给多少", "园区里还有个双创载体想评省级星创天地，市里给多少"):
        reply = real_bot.ask(q)
        assert "5万元" in reply.direct_answer and "3万元" not in reply.direct_answer, q


def test_an_unnamed_recognition_supposed_is_the_one_the_asker_lacks(real_bot):
    first, renewed = chat(real_bot, "您好，我们是临沧凤庆县的一家滇红茶加工企业，规模以上，目前还不是高新技术企业，今年准备申报。"
                                    "如果认定成功，市里有什么奖励？", "那三年到期再认定呢")
    assert first.found and "10万元" in first.direct_answer and "昆明" not in first.direct_answer
    assert renewed.found and "5万元" in renewed.direct_answer and "五华" not in renewed.direct_answer


def test_the_askers_description_is_no_topic():
    assert own_question("你好，晋宁区做康养器械的，规上，不是高企，想申请市级企业科技创新中心，认定后给多少？") \
        == "想申请市级企业科技创新中心，认定后给多少？"
    assert own_question("啊不好意思前面说错了，我们其实是规下，去年营收才一千多万，那院士站还能拿吗") == "那院士站还能拿吗"
    assert own_question("等一下，财务刚说我们上个月已经纳入规上统计了，那按几个点算？") == "那按几个点算？"


def test_a_correction_of_size_reads_the_ask_before_and_drops_the_old_size(real_bot):
    _, _, now = chat(real_bot, "我们是呈贡的科技型中小企业，规下", "我们规下的，研发投入奖补能享受吗",
                     "等一下，财务刚说我们上个月已经纳入规上统计了，那按几个点算？")
    assert now.found and "1%" in now.direct_answer


def test_a_kind_of_company_said_of_itself_is_refused_as_no_topic(real_bot):
    reply = real_bot.ask("我们在临沧凤庆县，规上，除了高企和研发机构，我们茶企还能申请哪些？")
    assert reply.found and "茶企" not in reply.direct_answer
    assert "首次认定高新技术企业补助" not in reply.answer  # "除了高企": its items are left out


def test_an_a_not_a_word_and_a_mended_slip_ask_of_the_topic(real_bot):
    reply = real_bot.ask("临沧的咖非算不算重点产业")
    assert reply.found and "咖啡" in reply.direct_answer and "算不算" not in reply.direct_answer


def test_materials_and_a_closing_date_are_procedure_not_the_documents_period(real_bot):
    _, reply = chat(real_bot, "我们是临沧凤庆县的规上茶企，新设研发机构市里补多少？", "需要交什么材料，啥时候截止？")
    assert "未写明需要提交的申报材料" in reply.direct_answer and "执行期" not in reply.direct_answer


def test_a_broad_ask_with_a_verb_of_striving_is_a_list(real_bot):
    reply = real_bot.ask("我们是官渡区的规下小公司，在区里还能争取啥")
    assert reply.found and "· 【" in reply.direct_answer


def test_a_plan_named_by_its_title_words_is_no_topic_of_a_list(real_bot):
    reply = real_bot.ask("你好！我们是官渡区做跨境电商SaaS的小公司，规下，还没高企。区里科技兴区计划里我们能沾上哪些？")
    assert reply.found and "· 【昆明市官渡区】" in reply.direct_answer


def test_moving_to_a_place_no_document_covers_is_told_where_the_plan_applies(real_bot):
    _, reply = chat(real_bot, "你好，我们是云岩区做交通工程检测的规上企业，区里对科技服务业定了什么目标？",
                    "我们明年可能搬到南明区，搬过去还能享受这个方案吗")
    assert "不适用于南明区" in reply.direct_answer and "执行期限" not in reply.direct_answer


def test_a_baseline_asked_after_a_target_is_the_same_targets_baseline(real_bot):
    _, reply = chat(real_bot, "你好，我们是云岩区做交通工程检测的规上企业，区里对科技服务业定了什么目标？", "现在的基数是多少")
    assert "32家" in reply.direct_answer and "13.49亿元" in reply.direct_answer


def test_what_the_asker_is_doing_is_the_topic_of_a_bare_ask():
    assert own_question("我们和院士团队合作搞重大攻关，经费有上限吗？") == "我们和院士团队合作搞重大攻关，经费有上限吗？"
    # done already or only supposed: its description, and the ask follows what came before
    assert own_question("我们要是跟昆明一家企业合作搞项目，这种能支持吗") == "这种能支持吗"


def test_a_clause_naming_the_asked_thing_is_stated_over_the_rules_money(real_bot):
    reply = real_bot.ask("能揭榜挂帅吗？")
    assert "揭榜制" in reply.direct_answer


def test_the_trade_a_broad_question_names_companies_by_is_whom_the_list_is_for(real_bot):
    from policybot.answering.trades import trade_named

    assert trade_named("官渡区对软件企业有啥扶持") == ["软件"]
    assert trade_named("做跨境电商的企业在官渡区能享受哪些政策") == ["跨境电商"]
    assert trade_named("官渡区专精特新企业有什么支持") == []  # a kind the documents recognise is a topic
    reply = real_bot.ask("五华区的文创企业有什么优惠政策")
    assert reply.found and "【昆明市五华区】" in reply.direct_answer and "文创" not in reply.direct_answer


def test_an_ask_is_read_through_its_slip(real_bot):
    reply = real_bot.ask("我们公司在盘龙区运营一栋写字楼，入驻的基本都是科技企业，听说有科技楼宇奖厉？")
    assert "100万元" in reply.direct_answer


@pytest.mark.parametrize("question, kind", [
    ("这个怎么报", "how"), ("需要哪些手续", "how"), ("找谁报", "where"), ("在哪个平台申报", "where"),
    ("网上能申请吗", "where"), ("几时申报", "when"), ("多久能批下来", "payment"), ("钱什么时候到", "payment"),
    ("申请条件和材料", "materials"), ("实施细则在哪看", "rules"),
])
def test_procedure_asked_in_everyday_words(question, kind):
    from policybot.answering.procedure import procedure_asked

    assert kind in procedure_asked(question)
    assert not procedure_asked("研发投入怎么补") and not procedure_asked("这个钱怎么算")


@pytest.mark.parametrize("question", ["我们够格吗", "有啥硬性规定", "什么情况下能拿", "谁能申请", "怎么才算新型研发机构",
                                      "得是规上企业吗"])
def test_conditions_asked_in_everyday_words(question):
    from policybot.answering.aspects import aspects

    assert aspects(question) == ["condition"]


def test_a_status_change_alone_keeps_the_subject_at_the_new_tier(real_bot):
    """"那要是评上了呢" after "研发投入能补多少" from a 规上 company that is no 高企 yet: the 规上高企 tier of the same rule
    (the swap made 评上 the subject, and the recognition rules answered)."""
    *_, now, supposed = chat(real_bot, "你好，我们是官渡区的规上企业，还没评上高企", "研发投入能补多少", "那要是评上了呢")
    assert "1%" in now.direct_answer
    assert "2%" in supposed.direct_answer and "连续两次" not in supposed.direct_answer


def test_growing_to_the_other_size_keeps_the_subject_and_drops_the_size_note(real_bot):
    *_, grown, terms = chat(real_bot, "我们是临翔区的规下企业", "新设研发机构有补助吗", "那升规以后呢", "要什么条件")
    assert "10万元" in grown.direct_answer and "不适用" not in grown.direct_answer
    assert "1.5%" in terms.direct_answer  # the 研发机构 rule's conditions, not the 高企 rule's


def test_a_bare_ask_after_a_description_asks_about_what_it_described(real_bot):
    *_, reply = chat(real_bot, "我们是五华区的规上软件企业，高企，去年研发投入排全区第4", "区里能给多少")
    assert "4万元" in reply.direct_answer
