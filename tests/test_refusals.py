"""Found or not found by what the question is about; a refusal names only what the asker wrote; broad
questions reach the catalogue list (issue 21, items 2 and 6)."""

from __future__ import annotations

import re

import pytest

from policybot.answering.answerers.catalogue_list import is_list_question
from policybot.answering.answerers.extractive import phrases as _phrases
from policybot.answering.bot import PolicyBot
from policybot.answering.focus import Lexicon
from policybot.answering.questions import own_question

_CORPUS = ["对新认定的高新技术企业给予奖励。", "对企业研发投入给予补助，研发投入增量部分给予奖励。",
           "众创空间、科技楼宇认定后给予楼宇运营方奖励。", "科技楼宇认定达标的给予奖励。", "研发投入补助由科技局牵头。"]

NOT_FOUND_TOPIC = re.compile(r"没有关于“([^”]+)”的规定|提到了“([^”]+)”，但没有写明")


@pytest.mark.unit
@pytest.mark.parametrize("word", ["能奖", "拿到", "能补", "执行", "这些"])
def test_fillers_and_verbs_never_name_an_absent_topic(word):
    lex = Lexicon(_CORPUS)
    assert lex.absent_topics({word: 3.0}, f"这个{word}多少？") == []


@pytest.mark.unit
def test_an_absent_noun_is_named_and_a_slip_of_a_corpus_word_is_not():
    lex = Lexicon(_CORPUS)
    assert lex.absent_topics({"社保": 3.0}, "对社保有补贴吗？") == ["社保"]
    assert lex.absent_topics({"奖厉": 3.0}, "科技楼宇奖厉多少？") == []  # a homophone of 奖励
    assert lex.absent_topics({"投人": 3.0}, "研发投人补助多少？") == []  # one wrong character in context
    assert lex.absent_topics({"众创空问": 3.0}, "众创空问给多少？") == []
    # a fixed term jieba files as 习用语 (个人所得税) is a noun
    q = "临沧对科研人员的个人所得税有减免吗？"
    assert lex.absent_topics({"个人所得税": 2.9, "所得税": 2.9, "减免": 1.7}, q) == ["个人所得税"]


@pytest.mark.unit
def test_the_company_describing_itself_is_not_the_question():
    assert own_question("我们是官渡区的一家规上制造企业，估值挺高，研发投入能补多少？") == "研发投入能补多少？"
    assert own_question("官渡区的特级资质建筑企业，研发投人一直偏少，区里有专门服务吗？") == "区里有专门服务吗？"
    assert own_question("你好，临沧对企业技改项目补贴多少？") == "临沧对企业技改项目补贴多少？"
    assert own_question("我们公司在昆明，想申请研发补贴，有什么政策？") == "想申请研发补贴，有什么政策？"  # what it wants
    # an activity written before the question is what it asks about, not a description of the asker
    assert "临床试验" in own_question("云岩区医药企业做新药临床试验，一期二期分别有补助吗？")
    lex = Lexicon(_CORPUS)
    described = "我们公司在盘龙区运营一栋写字楼，听说有科技楼宇奖励？"
    assert lex.absent_topics({"写字楼": 3.0, "楼宇": 2.0}, own_question(described)) == []


@pytest.mark.unit
def test_a_named_phrase_is_always_a_substring_of_the_question():
    assert _phrases(["加计", "扣除"], "研发费用加计扣除比例是多少？") == "加计扣除"
    assert _phrases(["区理"], "区里人才这块归哪些单位？") == ""  # a mend's word is not the asker's
    assert _phrases(["首台(套)"], "首台（套）装备有奖励吗？") == "首台（套）"  # as typed, not as normalised


@pytest.mark.unit
@pytest.mark.parametrize("q", ["我们是官渡区的规上制造企业，能申请哪些？", "五华区有什么政策？", "还有别的补贴吗？",
                               "都有啥补贴", "我们可以享受哪些扶持？", "还有其他扶持政策吗？"])
def test_broad_questions_in_any_wording_are_list_questions(q):
    assert is_list_question(q)


@pytest.mark.unit
@pytest.mark.parametrize("q", ["临沧对企业技改项目补贴多少？", "条件是什么？还有别的吗", "区里这事是哪个部门牵头？",
                               "首次认定高企，临沧和昆明分别有什么奖补？"])
def test_narrow_questions_are_not_list_questions(q):
    assert not is_list_question(q)


# --- over the real corpus ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bot(real_index):
    settings, embedder, index = real_index
    return PolicyBot(settings, embedder=embedder, index=index)


def _named(answer) -> list[str]:
    return [a or b for a, b in NOT_FOUND_TOPIC.findall(answer.direct_answer + "\n" + answer.answer)]


@pytest.mark.integration
@pytest.mark.parametrize("q", ["临沧对企业技改项目补贴多少？", "临沧市对企业研发人员有社保补贴吗？每人每月多少？",
                               "区里人才这块归哪些单位？", "我们在呈贡区筹建一家新型研发机构，市里支持力度怎么样？",
                               "官渡区研发费用加计扣除的比例是多少？", "云岩区的科技楼宇奖励多少？"])
def test_a_named_topic_is_always_a_substring_of_the_question(bot, q):
    a = bot.ask(q)
    assert all(part in q for t in _named(a) for part in t.split("、"))


@pytest.mark.integration
def test_an_absent_topic_is_still_refused_and_named(bot):
    a = bot.ask("临沧市对企业研发人员有社保补贴吗？每人每月多少？")
    assert not a.found and "社保" in a.direct_answer


@pytest.mark.integration
def test_a_turn_never_names_an_earlier_turns_words(bot):
    history = [{"role": "user", "content": "你好，我们是官渡区的一家规上制造企业，研发投入这块政府能补多少？"},
               {"role": "assistant", "content": "……"}]
    for q in ["那要是今年研发投入比去年多了不少，还有额外的吗？", "区里这事是哪个部门牵头？"]:
        a = bot.ask(q, history=history)
        assert all(part in q for t in _named(a) for part in t.split("、"))
        assert "你好" not in a.direct_answer


@pytest.mark.integration
@pytest.mark.parametrize("filler", ["能奖", "拿到", "能补", "执行"])
def test_filler_words_do_not_refuse(bot, filler):
    a = bot.ask(f"临沧新设立研发机构{filler}多少？")
    assert a.found, a.direct_answer


@pytest.mark.integration
def test_a_company_describing_itself_does_not_refuse(bot):
    a = bot.ask("我们是临沧市一家规上制造企业，估值挺高，新设立研发机构能补多少？")
    assert a.found  # (which sentence is quoted is the picker's business: it reads the description too)


@pytest.mark.integration
@pytest.mark.parametrize("right,slip", [("临沧新设立研发机构补助多少？", "临沧新设立研发机勾补助多少？"),
                                        ("临沧高新技术企业首次认定补助多少？", "临沧高心技术企业首次认定补助多少？"),
                                        ("临沧市对企业研发人员有社保补贴吗？", "临沧市对企业研发人员有社保补帖吗？")])
def test_a_typo_does_not_flip_the_outcome(bot, right, slip):
    assert bot.ask(right).found == bot.ask(slip).found


@pytest.mark.integration
@pytest.mark.parametrize("q", ["我们是昆明市官渡区的一家规上制造企业，目前能申请哪些补贴？",
                               "我们是官渡区的规上制造企业，都有啥补贴？",
                               "我们是官渡区的规上制造企业，可以享受哪些扶持？"])
def test_a_broad_question_in_three_wordings_reaches_the_list(bot, q):
    a = bot.ask(q)
    assert a.found and a.answer.startswith("可能适用于贵单位的扶持") and a.citations
    assert all("临沧" not in c.title and "云岩" not in c.title for c in a.citations)  # the asker's place


@pytest.mark.integration
def test_a_broad_follow_up_lists_more_than_the_earlier_topic(bot):
    # a 高企 (the matcher lists only what a company may claim: one that holds nothing may claim only 研发 items here)
    history = [{"role": "user", "content": "我们是官渡区的规上制造企业，已经是高新技术企业，研发投入能补多少？"},
               {"role": "assistant", "content": "……"}]
    a = bot.ask("还有别的补贴吗？", history=history)
    assert a.found and a.answer.startswith("可能适用于贵单位的扶持")
    assert any("研发" not in c.quote for c in a.citations)


@pytest.mark.integration
def test_no_nameable_topic_says_no_rule_matched(bot):
    a = bot.ask("临沧企业上云用云有没有补帖？")  # 补帖 is a slip of 补贴, 上云 no document names either
    assert not a.found and "没有找到与这个问题对应的规定" in a.direct_answer and not _named(a)


@pytest.mark.unit
def test_a_place_named_as_lacking_a_rule_is_not_presented_as_applying():
    from policybot.evaluation.conversations import foreign_in_line

    assert foreign_in_line("云岩区的政策文件中没有找到与这个问题对应的规定。", ["云岩区"]) == []
    assert foreign_in_line("云岩区：给予10万元补助[1]", ["云岩区"]) == ["云岩区"]


@pytest.mark.unit
def test_a_word_found_only_in_an_agencys_name_names_no_topic_of_the_documents():
    from policybot.text.rules import without_agencies
    text = "落实人才安居补贴政策。(责任单位:区委人才办、区住房和城乡建设局、区税务局)\n形成全域创新协同发展新格局。"
    masked = without_agencies(text)
    assert "住房" not in masked and "税务" not in masked and len(masked) == len(text)
    assert "人才安居" in masked and "新格局" in masked  # the task itself, and a word that only ends like an agency
    lex = Lexicon([text])
    assert not lex.known_topic("住房") and lex.known_topic("区税务局") and lex.known_topic("人才")
    # the question's word that an unknown piece begins is what it names ("住房" of 住房补贴), when the rest is a word
    # the documents use; a piece of a word with a one-character rest ("大方" of 大方向) names nothing
    assert lex.absent_topics({"住房": 3.0}, "有没有人才住房补贴？") == ["住房补贴"]
    assert lex.absent_topics({"大方": 3.0}, "区里的大方向是什么？") == []
    assert lex.absent_topics({"安居": 3.0}, "人才安居补贴有吗？") == []


@pytest.mark.integration
def test_a_question_whose_main_word_no_document_uses_is_refused_naming_it(bot):
    # 住房 occurs only in the name of 区住房和城乡建设局; the lesser word 人才 matches many clauses
    a = bot.ask("有没有人才住房补贴？")
    assert not a.found and "住房补贴" in a.direct_answer and not a.citations
    assert bot.ask("云岩区的人才公寓筹建多少套？").found  # a topic one document has is answered
