"""First session of 2026-12-05: the place a question asks about is the conversation's, a follow-up of a bare follow-up
keeps the subject, a share ("一部分") is no topic, document facts asked casually, the longest name the documents use."""

from __future__ import annotations

import pytest
from conftest import asked_before as _history, chat

from policybot.answering.answerers.rule_status import names_rule
from policybot.answering.asker import conversation_asker, programme_place
from policybot.answering.details import DETAILS, asked_details, unstated
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.followups import condense
from policybot.answering.wordclass import quantity_words
from policybot.text.compounds import corpus_runs


def test_a_place_asked_about_for_talent_is_the_conversations_place():
    asker = conversation_asker(["请问云岩区对引进的人才在住房方面有没有支持？"], "人才补助一个人具体能拿多少钱？")
    assert asker.region == "云岩区"
    assert programme_place("他被评为昆明市科技创新领军人才", "昆明市")  # a programme's name still says nothing of the asker


def test_a_question_about_a_place_then_who_the_asker_is_sets_the_place():
    first = "请问五华区对企业研发投入有奖励吗？我们是规上的特级资质建筑企业，统计在库，不是高企。"
    asker = conversation_asker([first, "要满足什么条件？"], "那市里按比例给的那个呢？")
    assert asker.region == "五华区" and asker.size == "规上" and asker.lacks
    # a place set against the asker's own in the same sentence is still not the asker's
    assert conversation_asker(["临沧那个新设研发机构的补助我们能申请吗？"], "那要什么条件").region == ""


def test_a_follow_up_of_a_bare_follow_up_keeps_the_subject_and_drops_the_description():
    history = _history("请问五华区对企业研发投入有奖励吗？我们是规上企业，不是高企。", "要满足什么条件？")
    resolved = condense("那市里按比例给的那个呢？", history)
    assert "研发投入" in resolved and "不是高企" not in resolved
    # a previous question with a subject of its own is what the follow-up follows, as before
    assert condense("那市里的呢？", _history("研发投入有奖励吗？", "院士工作站给多少？")).startswith("院士工作站")


def test_a_share_is_no_topic():
    assert {"部分", "一部分"} <= quantity_words("研发投入政府能补一部分，比例是多少？")
    assert not quantity_words("众创空间每培育一家高企奖多少")  # a count a rule states stays
    assert "部分" in quantity_words("大部分企业能拿吗")


@pytest.mark.parametrize("question, fact", [
    ("这个方案管哪几年的？", "period"),
    ("是区政府单独发的吗？", "issuer"),
    ("五华这个计划是落实市里哪个文件的？", "basis"),
    ("市里这个研发补助的政策到哪年为止？", "period"),
])
def test_document_facts_asked_casually(question, fact):
    assert asked_facts(question) == [fact]


def test_until_when_a_named_rule_holds_is_its_documents_period():
    assert names_rule("市里这个研发补助的政策到哪年为止？") and names_rule("那个20万还算数吧")
    assert not names_rule("这个方案管哪几年的？")  # a document, no rule named
    assert not names_rule("高企三年有效期满又通过评审了，区里的再认定扶持每户多少？")  # a recognition's 有效期


def test_a_ratio_states_how_much_to_match_not_an_interest_rate():
    rate, matching = (next(d for d in DETAILS if d.name == n) for n in ("rate", "matching"))
    rule = "企业或单位自筹配套资金原则上按照不低于申请财政资金额度的1:1配套"
    assert [d.name for d in asked_details("自筹资金有配套比例要求吗")] == ["matching"]
    assert not unstated(matching, "自筹资金有配套比例要求吗", rule)
    interest = "对科技型企业知识产权质押贷款贴息补助，市级财政按照省级补贴标准1∶1进行配套"
    assert [d.name for d in asked_details("贴息具体几个点")] == ["rate"] and unstated(rate, "贴息具体几个点", interest)


class _Corpus:
    def __init__(self, *texts):
        self.texts = texts

    def known(self, term):
        return any(term in t for t in self.texts)


def test_the_longest_name_the_documents_use_wins_over_an_earlier_shorter_one():
    corpus = _Corpus("认定为市级重点实验室的，给予2万元", "着力打造市级企业科技创新中心，经认定后给予其20万元")
    runs = [run for run, _ in corpus_runs("被认定为市级企业科技创新中心的话给多少", corpus)]
    assert "市级企业科技创新中心" in runs and "认定为市级" not in runs


@pytest.mark.slow
def test_a_conversation_asked_the_way_people_type(real_bot):
    first, hypothetical = chat(real_bot, "早上好。我们公司在盘龙区，规上企业，但不是高新技术企业。听说研发投入政府能补一部分，比例是多少？",
                               "要是我们评上高企了，能提到多少？")
    assert first.found and "1%" in first.direct_answer
    assert "2%" in hypothetical.direct_answer
    centre = chat(real_bot, "我们公司在盘龙区。被认定为市级企业科技创新中兴的话给多少？")[-1]  # 中兴: a slip of 中心
    assert "20万元" in centre.direct_answer and all("五华" not in c.doc_id for c in centre.citations)
    talent = chat(real_bot, "请问云岩区对引进的人才在住房方面有没有支持？", "区里科技人才目标到2025年是多少")
    assert "2万人以上" in talent[1].direct_answer and "五华" not in talent[1].direct_answer


def test_whether_a_place_has_documents_of_its_own_is_answered_no_first(real_bot):
    own = chat(real_bot, "安宁市自己有没有单独的科技政策文件？")[-1]
    assert own.outcome == "not_found" and own.direct_answer.startswith("收录的文件中没有安宁市自己的政策文件")
    assert "适用于安宁市的是" in own.direct_answer  # what does apply there, after the no
    city = chat(real_bot, "你这里有贵阳市本级的科技政策吗？")[-1]
    assert city.outcome == "not_found" and "没有贵阳市本级的政策文件" in city.direct_answer
    guandu = chat(real_bot, "官渡区有没有自己的科技政策？")[-1]
    assert guandu.found and "官渡区科技兴区三年行动计划" in guandu.direct_answer


def test_whether_the_rules_discussed_still_hold(real_bot):
    assert asked_facts("这些标准现在还执行吗？") == ["status"] and asked_facts("执行期多久") == ["period"]
    still = chat(real_bot, "我们是五华区的一个众创空间，刚认定成市级，区里给多少？", "这些标准现在还执行吗？")[-1]
    assert still.found and "2018-2020" in still.direct_answer and "已到期" in still.direct_answer


def test_a_relayed_callers_description_is_no_topic_and_a_role_is_asked_within_the_city(real_bot):
    relayed = chat(real_bot, "您好，12345这边转一个来电咨询：来电人在安宁市经营一栋写字楼，想把楼做成科技楼宇，市里有没有奖励？")[-1]
    assert relayed.found and "100万元" in relayed.direct_answer
    role = chat(real_bot, "我们是官渡区的规上企业", "官渡区在全市的科技布局里定位是啥？")[-1]
    assert "数字产业和会展经济" in role.direct_answer


def test_a_time_word_no_document_uses_does_not_hide_the_target(real_bot):
    target = chat(real_bot, "五华区当时定的研发投入强度目标是多少？")[-1]
    assert "4.68%" in target.direct_answer


def test_what_the_asker_plans_to_set_up_is_the_topic(real_bot):
    postdoc = chat(real_bot, "我们是贵阳市云岩区的企业", "我们想设博士后工作站，有没有补贴？")[-1]
    assert postdoc.outcome in ("not_found", "elsewhere") and "博士后" in postdoc.direct_answer
    station = chat(real_bot, "我们是临沧临翔区的规上企业", "我们想设个专家工作站，市里给多少？")[-1]
    assert "10万元" in station.direct_answer
