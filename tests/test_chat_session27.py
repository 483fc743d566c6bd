"""Session of 2026-12-06 (seventh; from conv-ac's dev half): a homophone slip beside a grammar character is mended
("有奖历么" → 奖励: 有奖 is no word that claims 奖); a closing 来着 is no part of what is asked; a word the tokenizer
glues from a known word and the level pointer after it ("项目区" of "项目区里") names no missing topic; 相关 / 有关 name
no topic; an earlier message is read for the asker's description up to its first 1,000 characters; a grammar character
inside a long corpus string is a slip ("服务也体系"); a lone odd character pairs with the one before it when only a rare
dictionary word claims that one ("管科寄", not "哪个局"); 园区自己 asks of the park, not the district's own documents;
文件名称 is how a name is asked, no topic."""

from __future__ import annotations

from conftest import chat

from policybot.answering.asker import EARLIER_CHARS, conversation_asker
from policybot.answering.questions import without_recall_particle


def test_a_slip_beside_a_grammar_character_is_mended(real_bot):
    assert real_bot.lexicon.correct("市里有奖历么？")[0] == "市里有奖励么?"
    assert real_bot.lexicon.correct("有奖历吗")[1][0].right == "奖励"
    # a character that makes a word with a neighbour that is no grammar character stays ("占比要": 比 of 占比)
    assert real_bot.lexicon.correct("占比要多少")[1] == []


def test_a_renewal_asked_with_a_slip_in_the_reward_word_is_answered(real_bot):
    a = real_bot.ask("我们呈贡区的，高企重新认定过了，市里有奖历么？")
    assert a.outcome == "answered" and "5万元" in a.direct_answer and "连续两次以上" in a.direct_answer


def test_a_closing_recall_particle_is_not_asked():
    assert without_recall_particle("呈贡那个叫什么科教创新城来着？") == "呈贡那个叫什么科教创新城？"
    assert without_recall_particle("这个叫啥行动来着") == "这个叫啥行动"
    assert without_recall_particle("来着") == "来着"  # nothing else: the message stays
    assert without_recall_particle("说好的来着手办理") == "说好的来着手办理"  # not at the end of an ask


def test_what_a_place_builds_is_found_when_asked_with_来着(real_bot):
    _, a = chat(real_bot, "我们呈贡区的，高企重新认定过了，市里有奖励么？", "呈贡那个叫什么科教创新城来着？")
    assert "呈贡科教创新城" in a.direct_answer and a.outcome == "answered"


def test_a_word_glued_to_the_level_pointer_is_no_missing_topic(real_bot):
    a = real_bot.ask("我们是云岩区的企业。科技成果转化项目区里每年支持几个？")
    assert "项目区" not in a.answer
    assert a.outcome == "answered" and "10个以上" in a.direct_answer
    # 开发区 is a word the documents write: it stays one
    zone = real_bot.ask("开发区里研发经费内部支出年均增长多少？")
    assert "20%" in zone.direct_answer


def test_related_names_no_topic(real_bot):
    a = real_bot.ask("我们是云岩区做芯片设计的，区里有相关的平台吗？")
    assert a.outcome == "answered" and "没有找到" not in a.direct_answer
    assert "集成电路" in a.answer


def test_an_earlier_message_is_read_for_the_asker_up_to_its_first_thousand_characters():
    long_tail = "我们一直在研究这个问题，" * 200
    assert conversation_asker(["我们是官渡区的规上企业，" + long_tail], "研发补多少？").region == "官渡区"
    # what only the part past the first 1,000 characters says is not read
    assert conversation_asker([long_tail + "我们是官渡区的规上企业"], "研发补多少？").region != "官渡区"
    assert EARLIER_CHARS == 1000



def test_a_grammar_character_inside_a_long_corpus_string_is_a_slip(real_bot):
    assert real_bot.lexicon.correct("科技服务也体系包括哪几块？")[0].startswith("科技服务业体系")
    for said in ("企业也可以申请吗", "规上也能报吗", "我们也是高新技术企业", "人才也有补助吗"):
        assert real_bot.lexicon.correct(said)[1] == [], said


def test_a_lone_odd_character_pairs_with_the_one_before_it_unless_an_everyday_word_claims_it(real_bot):
    assert real_bot.lexicon.correct("区里管科寄的是哪个部门")[0] == "区里管科技的是哪个部门"
    for said in ("那要报的话找区里哪个局？", "这事谁管 哪个局", "明白了，区里管科技的是哪个局"):
        assert real_bot.lexicon.correct(said)[1] == [], said
    _, a = chat(real_bot, "我们是五华区的企业", "区里管科寄的是哪个部门")
    assert "区科学技术和信息化局" in a.direct_answer


def test_a_park_asking_of_itself_is_no_district_asking_for_its_own_documents():
    from policybot.answering.answerers.own_level import _OWN_LEVEL

    assert _OWN_LEVEL.search("区里自己有没有研发补助") and _OWN_LEVEL.search("五华区自己的文件")
    assert _OWN_LEVEL.search("市里单独有没有")
    for said in ("园区自己有钱拿吗", "开发区自己有没有", "社区自己办的", "上市自己要花钱吗", "城市本身"):
        assert not _OWN_LEVEL.search(said), said


def test_the_name_of_a_document_asked_for_is_no_missing_topic(real_bot):
    a = real_bot.ask("官渡区科技项目管理的依据文件名称是？")
    assert "文件名称" not in a.answer and "科技计划项目管理办法" in a.direct_answer


def test_where_a_named_rule_can_be_read_is_said_to_be_unstated(real_bot):
    from policybot.answering.procedure import procedure_asked

    assert procedure_asked("区里的孵化器管理办法在哪能下载到？") == ["source"]
    assert procedure_asked("那个科技计划项目管理办法在哪儿能看到？") == ["source"]
    assert "source" not in procedure_asked("在哪里能拿到补助？")  # money, not a document
    a = real_bot.ask("官渡区的孵化器管理办法在哪能下载到？")
    assert a.outcome == "answered" and "科技企业孵化器管理办法" in a.direct_answer
    assert "未写明全文在哪里查看或下载" in a.direct_answer


def test_a_size_condition_the_line_leaves_out_is_said_first(real_bot):
    a = real_bot.ask("临沧首次认定高企补多少？")
    assert a.direct_answer.startswith("适用条件为“对规模以上企业认定为高新技术企业的给予资金奖补”：对首次认定企业")
    assert "10万元" in a.direct_answer
    # the clause's subject only, when the clause goes on to figures
    a = real_bot.ask("临沧院士工作站给多少")
    assert "“对规模以上企业新批准设立的院士、专家工作站”" in a.direct_answer and "20万元" in a.direct_answer
    # a size clause that opens the next rule of the sentence scopes that rule, not this one
    assert "适用条件" not in real_bot.ask("临沧省级重点实验室补多少？").direct_answer
    # a line that names the size itself gets no note; a 规下 asker gets the not-applying note instead
    assert "适用条件" not in real_bot.ask("昆明研发投入补助多少").direct_answer
    a = real_bot.ask("我们是临沧的规下企业，首次认定高企补多少？")
    assert a.direct_answer.startswith("注意：这条原文只适用于规模以上企业") and "适用条件" not in a.direct_answer


def test_a_move_to_another_tier_follows_the_subject_before(real_bot):
    from policybot.answering.followups import condense

    before = [{"role": "user", "content": "我们五华区的众创空间刚认定成市级的，区里有补助吗？"}, {"role": "assistant", "content": "……"}]
    assert condense("要升省级得怎么走？再给多少？", before).startswith("我们五华区的众创空间")
    assert condense("升国家级还有吗", before).startswith("我们五华区的众创空间")
    assert condense("省级重点实验室给多少", before) == "省级重点实验室给多少"  # a subject of its own
    _, a = chat(real_bot, "我们五华区的众创空间刚认定成市级的，区里有补助吗？", "要升省级得怎么走？再给多少？")
    assert "3万元" in a.direct_answer and "众创空间" in a.answer and "重点实验室" not in a.answer
