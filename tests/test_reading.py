"""Reading a question: the question inside a long message, its aspects, follow-ups, focus and typos."""

from __future__ import annotations

import pytest

from policybot.answering.focus import Lexicon
from policybot.answering.followups import condense
from policybot.answering.aspects import aspects
from policybot.answering.questions import core_question, with_context

pytestmark = pytest.mark.unit


def test_the_question_inside_a_long_message_keeps_its_place_and_drops_the_company_figures():
    core, context = core_question("我们是做软件开发的，员工120人，去年营收8000万元。顺便问下，临沧对新设立研发机构补多少？")
    assert core == "临沧对新设立研发机构补多少？"
    assert with_context(core, context) == core
    core, context = core_question("我们是临沧一家规上企业，入驻了十几家机构。今年新设了研发中心。想问能拿多少补助？")
    resolved = with_context(core, context)
    assert "研发中心" in resolved and "临沧" in resolved and "十几家" not in core


def test_a_core_that_points_back_takes_the_sentence_before():
    core, context = core_question("我们是五华区的软件公司，60多个人，去年营收4000万。听说区里对研发投入排名靠前的企业有扶持。"
                                  "这个扶持对企业类型有什么要求？")
    assert context.startswith("五华区听说区里对研发投入排名靠前") and "4000" not in context


@pytest.mark.parametrize("question, expect", [
    ("临沧新设研发机构补助的条件和牵头部门分别是什么？", ["condition", "department"]),
    ("申请需要什么条件？找哪个部门？", ["condition", "department"]),
    ("昆明对承担重大创新平台建设任务的单位给多少经费？", ["amount"]),
    ("单位取得转化收入后，多长时间内要完成现金奖励分配？", ["deadline"]),
    ("临沧市2024年全社会研发经费投入及投入强度的目标分别是多少？", ["target"]),
])
def test_aspects(question, expect):
    assert aspects(question) == expect


@pytest.mark.parametrize("previous, question, expect", [
    ("临沧首次认定高企补助多少？", "那重新认定呢？", "临沧重新认定高企补助多少？"),
    ("昆明新认定的国家级科技企业孵化器奖补多少？", "省级的呢？", "昆明新认定的省级科技企业孵化器奖补多少？"),
    ("临沧规上企业新批准设立院士工作站补助多少？", "专家工作站呢？", "临沧规上企业新批准设立专家工作站补助多少？"),
    ("五华区研发投入排名前2名的企业扶持多少？", "那第3至第5名呢？", "五华区研发投入排名第3至第5名的企业扶持多少？"),
    ("官渡区2023年技术合同成交金额目标是多少？", "那到2025年呢？", "官渡区2025年技术合同成交金额目标是多少？"),
    ("云岩区高新技术企业数量目标是多少？", "那研发投入呢？", "云岩区研发投入 目标"),
    ("昆明对科技楼宇的奖励是多少？", "这钱是发给谁的？", "昆明对科技楼宇的奖励是多少？ 这钱是发给谁的？"),
])
def test_follow_ups_swap_what_they_name(previous, question, expect):
    assert condense(question, [{"role": "user", "content": previous}, {"role": "assistant", "content": "……"}]) == expect


@pytest.fixture(scope="module")
def lexicon():
    from conftest import CORPUS

    from policybot.documents.corpus import load_document
    from policybot.documents.loaders import list_corpus_files

    return Lexicon([load_document(p, CORPUS).text for p in list_corpus_files(CORPUS)])


@pytest.mark.parametrize("typed, mended", [
    ("临沧高心技术企业首次认定补助多少", "高新技术企业"),
    ("研发经废投入能补多少", "研发经费"),
    ("昆明孵话器奖补", "孵化器"),
    ("院士工做站补助", "院士工作站"),
    ("区里2024年科技计化项目打算搞几项", "科技计划项目"),
    ("科技创新领军人材还能拿吗", "领军人才"),
])
def test_one_homophone_slip_is_mended(lexicon, typed, mended):
    text, fixes = lexicon.correct(typed)
    assert mended in text and len(fixes) == 1


@pytest.mark.parametrize("question", ["临沧对企业技改项目补贴多少？", "上海的高企补贴", "官渡区专精特新小巨人",
                                      "市里支持力度怎么样？", "区里支持力度大吗"])
def test_real_words_are_left_alone(lexicon, question):
    assert lexicon.correct(question) == (question, [])


def test_the_focus_leaves_out_generic_and_asking_words(lexicon):
    weights = {"技改": 2.9, "项目": 1.0, "补贴": 1.5, ("哪个部门", "牵头部门"): 2.0, "这事": 2.9}
    focus = lexicon.focus(weights, "临沧对企业技改项目这事补贴多少？哪个部门")
    assert set(focus) == {"技改"}
    assert lexicon.missing(focus) == ["技改"] and lexicon.unseen_nouns(focus, "临沧对企业技改项目补贴多少？") == ["技改"]


def test_when_only_common_words_name_the_topic_they_are_the_focus_not_the_asking_verbs(lexicon):
    """"科技计划项目打算搞几项": every topic word is a common corpus word; the focus is those, never 打算/搞."""
    weights = {"科技": 0.2, "计划": 0.7, "项目": 1.3, "打算": 1.8, "搞": 4.9, "几项": 2.9}
    focus = lexicon.focus(weights, "区里2024年科技计划项目打算搞几项？")
    assert set(focus) == {"科技", "计划"}


def test_a_new_ask_with_its_own_topic_stands_alone():
    history = [{"role": "user", "content": "要是到期以后重新认定的呢？"}, {"role": "assistant", "content": "……"}]
    q = "另外我们准备新建一个研发机构，有补助吗？"
    assert condense(q, history) == q
    assert condense("另外这个找哪个部门？", history) != "另外这个找哪个部门？"  # it still points back


def test_an_asking_word_is_no_topic_and_neither_are_its_pieces():
    from policybot.answering.words import topic_words

    assert topic_words("有什么前提条件没有？") == []


def test_then_with_a_subject_of_its_own_is_asked_anew():
    history = [{"role": "user", "content": "区里那个要是再拿到国家级认定呢？"}, {"role": "assistant", "content": "……"}]
    assert condense("那专家工作站区里有吗？", history) == "那专家工作站区里有吗？"
    assert condense("那这个找哪个部门？", history) != "那这个找哪个部门？"


@pytest.mark.parametrize("question, previous, expect", [
    ("那2024年的目标是几？", "官渡区研发投入强度到2025年要做到多少？", "官渡区研发投入强度到2024年要做到多少？"),
    ("投入强度呢？", "临沧市到2025年全社会研发经费投入要达到多少？", "临沧市2025年投入强度"),
])
def test_a_follow_up_keeps_or_swaps_the_year(question, previous, expect):
    got = condense(question, [{"role": "user", "content": previous}, {"role": "assistant", "content": "……"}])
    assert got.startswith(expect)


@pytest.mark.parametrize("text, word, held", [
    ("对规模以上企业新批准设立的院士、专家工作站分别给予", "院士工作站", True),
    ("对规模以上企业新批准设立的院士、专家工作站分别给予", "专家工作站", True),
    ("重点实验室和工程技术研究中心", "重点中心", False),  # two characters of a word are no list item
    ("院士工作站", "院士工作站", True),
])
def test_a_word_listed_with_a_shared_head_is_held(text, word, held):
    from policybot.text.lexical import holds

    assert holds(text, word) is held


def test_asking_only_of_what_it_described_makes_its_platforms_the_topic(real_index):
    """"我们集团…规上子公司，都在建院士工作站，两边分别能补多少？": 集团 and 子公司 are no topic, 院士工作站 is."""
    from policybot.answering.bot import PolicyBot

    settings, embedder, index = real_index
    bot = PolicyBot(settings, embedder=embedder, index=index)
    q = "我们集团在临翔区有一家规上子公司，在建院士工作站，能补多少？"
    focus = bot.terms(q, ["amount"], None, q).focus
    assert "院士工作站" in focus and "集团" not in focus and "子公司" not in focus
