"""What the asker says about itself is kept across a conversation and used: its place applies when a question names none."""

from __future__ import annotations

import pytest

from policybot.answering.asker import read_asker, self_description


@pytest.mark.unit
def test_only_the_askers_own_words_about_itself_count():
    assert self_description("官渡区高企认定奖励多少？") == []  # a question about a rule says nothing of the asker
    asker = read_asker(["我们是官渡区的规上企业，还没评上高企", "官渡区高企认定奖励多少？", "那要找哪个部门？"])
    assert (asker.region, asker.size, asker.holds, asker.lacks) == ("官渡区", "规上", (), ("高新技术企业",))
    assert asker.label() == "官渡区 · 规上 · 非高企"


@pytest.mark.unit
def test_later_words_win_and_nothing_said_is_nothing_assumed():
    assert read_asker(["我们还没评上高企", "今年我们公司评上高新技术企业了"]).holds == ("高新技术企业",)
    assert read_asker(["我司是临沧的小微企业，不是高企，也没有入库科技型中小企业"]).label() == "临沧市 · 小微 · 非高企 · 非科小"
    assert not read_asker(["临沧研发机构补多少？", "谢谢"]) and read_asker([]).label() == ""


@pytest.mark.integration
def test_the_askers_place_applies_when_a_follow_up_names_none(real_index):
    from policybot.answering.bot import PolicyBot

    settings, embedder, index = real_index
    bot = PolicyBot(settings, embedder, index)
    first = "我们是临沧的规上企业，新设立研发机构补助多少？"
    a = bot.ask(first)
    assert a.assumed.startswith("临沧市") and "10万元" in a.direct_answer
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": a.answer}]
    b = bot.ask("高企认定有什么奖励？", history=history)  # names no place: the asker's applies, no other region's rule
    assert b.outcome == "answered" and {c.doc_id for c in b.citations} <= {
        d.doc_id for d in index.documents.values() if "临沧市" in d.region}
    assert "临沧市" in b.assumed


@pytest.mark.unit
@pytest.mark.parametrize("said", ["好吧，谢谢你", "谢了兄弟", "行，谢谢", "好的，明白", "明白", "非常感谢", "太好了谢谢", "嗯嗯，收到"])
def test_thanks_and_acknowledgements_in_any_wording_are_not_policy_questions(said):
    from policybot.answering.words import is_greeting

    assert is_greeting(said)


@pytest.mark.unit
@pytest.mark.parametrize("asked", ["你好，临沧补多少？", "可以申请吗", "行政审批要多久", "明白了，那五华区呢？"])
def test_a_question_with_words_of_its_own_is_not_a_greeting(asked):
    from policybot.answering.words import is_greeting

    assert not is_greeting(asked)


@pytest.mark.unit
def test_typed_pauses_part_a_label_from_its_ask():
    from policybot.answering.asker import conversation_asker

    asker = conversation_asker([], "官渡区规上高企 数字经济方向 我们能申请哪些补贴")
    assert asker.label() == "官渡区 · 规上 · 高企"
    assert conversation_asker(["官渡区规上高企 数字经济方向 我们能申请哪些补贴"], "区里给高企多少钱").region == "官渡区"


@pytest.mark.unit
def test_a_slip_in_the_verb_of_a_denial_still_denies():
    from policybot.text.tiers import ruled_out, unnegated

    asker = read_asker(["我们是盘龙区的规上企业 做生物医药的 还没坪上高企 研发投入市里有补贴吗"])
    assert asker.lacks == ("高新技术企业",)
    assert "高企" not in unnegated("还没坪上高企") and ruled_out("我们还没坪上高企")
    assert "上规" in unnegated("我们还没有上规")  # 没有 + 上: no verb slipped, nothing ruled out here


@pytest.mark.unit
def test_a_spoken_question_with_a_trailing_no_is_a_question_not_a_description():
    from policybot.answering.asker import only_describes

    assert not only_describes("安宁的，问下知识产权质押贷款有贴息没")
    assert not only_describes("我们临翔区的，研发中心有补助没得")
    assert only_describes("我们是安宁的规上企业，没有高企")
    # a verb and its negation asks too (the sixteenth session: "研发投入市里补不补")
    assert not only_describes("我们规下 研发投入市里补不补")
    assert not only_describes("我们是规上企业，区里给不给")
    assert only_describes("我们是官渡区的规上企业，还没评上高企")


@pytest.mark.unit
def test_supposing_it_gets_what_it_lacks_without_naming_it():
    from policybot.answering.asker import supposed_held

    asker = read_asker(["我们是盘龙区的规上企业，还没评上高企"])
    assert supposed_held("那要是评上了呢", asker) == ("高新技术企业",)
    assert supposed_held("如果明年通过了呢", asker) == ("高新技术企业",)
    assert supposed_held("要是评上专精特新了呢", asker) == ()  # it names what it supposes
    assert supposed_held("那市里呢", asker) == () and supposed_held("那要是评上了呢", None) == ()


@pytest.mark.unit
def test_an_alternative_asked_is_a_question():
    from policybot.answering.asker import only_describes

    assert not only_describes("那增量奖励是按我们自己的增量算还是全市的")
    assert not only_describes("我们是给3万还是5万")
    assert only_describes("我们还是规下企业")  # 还是 = still
