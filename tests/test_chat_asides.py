"""What a chatting enterprise writes around its ask, read right: acknowledgements and self-descriptions before a
subjectless follow-up, voice input without punctuation, a place after 在, the year a clause inherits from its
sentence, the measure a target question names, whether a document applies to the asker at all, a neighbour's size,
a partner's name, a status the company would reach, two-character homophone slips, and closings that name where the
asker will go next. The second part runs the real index, each turn checked for what a demanding user expects."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.words import MAY_WE
from policybot.answering.unfound import shown_subject
from policybot.answering.direct import figure_clause
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.followups import condense
from policybot.answering.questions import own_question
from policybot.answering.scoring import Terms
from policybot.answering.words import is_greeting
from policybot.text.citations import check_answer
from policybot.text.places import places_in


@pytest.mark.parametrize("message, ask", [
    ("哦对，我们去年刚拿到高新技术企业证书，那按哪一档算？", "那按哪一档算？"),
    ("是这样的，我们公司在临翔区，做坚果烘焙的，还没上规，想问那10万我们能拿吗？", "想问那10万我们能拿吗？"),
    ("我们在凤庆 临沧的 规模不大没上规 那评高新企业有钱拿吗", "那评高新企业有钱拿吗"),
    ("另外我们准备新建一个研发机构，有补助吗？", "另外我们准备新建一个研发机构，有补助吗？"),  # a plan is what is asked
    # a clause that only labels the asker (place, size, recognition), when the message goes on about 我们
    ("西山区规上高企，做生物医药的，市里政策我们都能用上哪些？", "市里政策我们都能用上哪些？"),
    ("临沧高企，认定奖励多少？", "临沧高企，认定奖励多少？"),  # no 我们: the label is what is asked about
    ("官渡这边，要是我们落地后建个市级企业科技创新中心，能给多少钱？",
     "官渡这边，要是我们落地后建个市级企业科技创新中心，能给多少钱？"),  # a place alone labels nobody
])
def test_the_ask_is_read_without_acknowledgements_and_the_askers_description(message, ask):
    assert own_question(message) == ask


def test_a_subjectless_ask_after_a_self_description_follows_the_question_before():
    history = [{"role": "user", "content": "官渡区规上企业研发投入的基础补助能补多少比例？"}]
    followed = condense("哦对，我们去年刚拿到高新技术企业证书，那按哪一档算？", history)
    assert followed.startswith("官渡区规上企业研发投入")
    # an ask with a subject of its own stands alone, though it opens with 那 after the description
    alone = condense("我们是规上的高企，研发投入每年都在增长，那市里的研发补助按什么比例？", history)
    assert alone.startswith("我们是规上的高企")


def test_a_word_that_is_also_a_place_names_it_after_zai():
    assert places_in("我们厂在安宁,做磷化工的") == ["安宁市"]
    assert places_in("我们在西山的") == ["西山区"]
    assert places_in("社会安宁") == [] and places_in("保持在安宁状态") == []


_WUHUA = "到2020年,全区高新技术企业总数超过200家,高新技术产业营业收入在2015年的基础上翻一番,总额超过200亿元。"
_GUANDU = ("2023年,培育示范点5家,技术合同成交金额达13亿元;2024年,培育示范点5家,技术合同成交金额达15.6亿元;"
           "2025年,培育示范点5家,技术合同成交金额达19亿元。")


def _terms(focus: dict) -> Terms:
    return Terms(weights=dict(focus), focus=dict(focus), missing=0.0, bigrams=frozenset(), intents=("target",))


def test_a_clause_without_a_year_takes_its_sentences_year_and_an_unyeared_target_is_the_final_one():
    income = _terms({"营业": 3.0, "收入": 2.0, "2020": 1.0})
    assert "200亿元" in figure_clause(_WUHUA, "高新技术产业营业收入到2020年要超过多少？", income, "target")
    deals = _terms({"技术合同成交": 2.0})
    assert "19亿元" in figure_clause(_GUANDU, "技术合同成交额目标是多少？", deals, "target")
    assert "15.6亿元" in figure_clause(_GUANDU, "2024年技术合同成交额目标是多少？", deals, "target")


@pytest.mark.parametrize("subject, shown", [
    ("认定新型研发机构直接", "认定新型研发机构"), ("研发投入", "研发投入"), ("总部、对接", "总部"), ("能用", ""),
])
def test_a_subject_is_shown_without_the_adverbs_and_verbs_at_its_edges(subject, shown):
    assert shown_subject(subject) == shown


@pytest.mark.parametrize("message", ["那临沧的呢,高企首次认定给10万,我们曲靖企业能报吗", "还有企业拿着昆明的文件来问,我们云岩能照这个办吗",
                                     "听说云岩区有个高新技术企业培育库,我们能进吗?", "云岩区方案里支持大数据的那些我们能参与吗"])
def test_more_ways_of_asking_whether_another_places_rule_is_ours(message):
    assert MAY_WE.search(message)


@pytest.mark.parametrize("question, facts", [
    ("这个方案是区政府发的还是区政府办公室发的，有文号吗？", ["issuer", "number"]),
    ("这个昆明的措施是啥时候开始的，现在还有效不？", ["period"]),
    ("您好,窗口需要登记云岩区提升科技创新动能行动方案的发文单位和日期", ["issuer", "issued"]),
])
def test_issuers_offered_as_a_choice_starts_and_a_clerks_errand_are_document_facts(question, facts):
    assert asked_facts(question) == facts


@pytest.mark.parametrize("message, closing", [
    ("好的谢谢，那我们再去问问观山湖区科技局", True), ("行,那我们还是问问曲靖本地吧,谢谢", True), ("在吗？想问点科技政策的事", True),
    ("谢谢，那临沧呢", False), ("好的，官渡区", False),
])
def test_a_closing_may_name_where_the_asker_goes_next(message, closing):
    assert is_greeting(message) is closing


@pytest.fixture(scope="module")
def bot(real_bot):
    return real_bot


def test_a_new_tier_said_in_passing_gets_the_tier_of_the_subject_asked_before(bot):
    first, second = chat(bot, "我们公司在官渡区，规上企业，按市里的政策研发投入基础补助能补多少比例？",
                          "哦对，我们去年刚拿到高新技术企业证书，那按哪一档算？")
    assert "2%" in second.direct_answer and "证书" not in second.answer


def test_which_documents_apply_to_a_place_is_answered_from_their_regions(bot):
    none = bot.ask("你这里有没有哪个文件是管曲靖的？")
    assert not none.found and "没有适用于曲靖市的政策文件" in none.direct_answer
    some = bot.ask("有哪些政策适用于官渡区？")
    assert some.found and "官渡区" in some.direct_answer and "昆明市推动创新链" in some.direct_answer
    _, used = chat(bot, "贵阳云岩区那个科技创新行动方案是谁发的？", "我们公司在观山湖区，这个方案对我们管用吗？")
    assert "不适用于观山湖区" in used.direct_answer and "没有适用于观山湖区的政策文件" in used.direct_answer
    _, named = chat(bot, "我们是观山湖区的企业，评上高企有没有奖补？", "云岩区就在隔壁，云岩那个方案我们能不能用？")
    assert "云岩区提升科技创新动能行动方案》只适用于贵阳市云岩区" in named.direct_answer


def test_a_city_containing_the_asker_named_after_anothers_rule_is_the_askers_own(bot):
    _, reply = chat(bot, "我们是呈贡的新型研发机构，昆明市这边给的支持经费有没有上限？",
                     "临沧那边说认定新型研发机构直接给100万，昆明有这种固定金额吗？")
    assert reply.outcome == "elsewhere" and "不适用于呈贡区" in reply.direct_answer
    assert not reply.citations  # 临沧's 100万元 is quoted for reference only


def test_extra_measures_of_a_district_without_a_document_are_said_to_be_none(bot):
    _, reply = chat(bot, "昆明市对认定的高新技术培育企业有什么奖励？", "我们公司在盘龙区，区里还有额外的奖励吗？")
    assert "没有昆明市盘龙区自己的政策文件" in reply.direct_answer


def test_a_verb_the_corpus_never_uses_is_no_topic_to_refuse(bot):
    reply = bot.ask("明白了，那总部搬到官渡的话找哪个部门对接？")
    assert "总部搬到" not in reply.answer and "搬到" not in reply.direct_answer


_RD = "规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助,其他规上企业按研发经费投入的1%给予基础补助;"


@pytest.mark.parametrize("question, shown, hidden", [
    ("有个规上企业来问研发投入补助,他们不是高企,按多少比例算?", "1%", "2%"),  # a third party said not to be a 高企
    ("昆明市规上企业研发投入的基础补助是多少比例？", "1%", None),  # 规上 covers both tiers: both are stated
    ("我们是规上高企，研发投入补助按多少比例？", "2%", "1%"),
])
def test_the_tier_asked_covers_every_piece_it_names_and_a_tier_said_not_to_be_is_left_out(question, shown, hidden):
    from policybot.text.tiers import amount_lines, asking_part, said_not

    lines, _ = amount_lines(_RD, asking_part(question) + said_not(question))
    assert any(shown in x for x in lines)
    if hidden:
        assert not any(hidden in x for x in lines)
    else:
        assert any("2%" in x for x in lines)


def test_when_the_money_arrives_is_a_procedure_detail_the_documents_do_not_state(bot):
    from policybot.answering.procedure import procedure_asked

    assert procedure_asked("那这个奖补一般多久能到账？") == ["payment"]
    _, reply = chat(bot, "临沧对首次认定的高新技术企业补多少？", "那这个奖补一般多久能到账？")
    assert "文件未写明资金拨付或到账的时间" in reply.direct_answer and "10万元" not in reply.direct_answer


def test_a_citys_list_leaves_out_its_districts_own_measures(bot):
    reply = bot.ask("昆明市对认定的高新技术培育企业有什么奖励？")
    assert "3万元—5万元" in reply.direct_answer and "五华区" not in reply.direct_answer


def test_a_company_spoken_of_by_a_clerk_is_told_another_places_rule_is_not_its_own(bot):
    reply = bot.ask("又有个成都的公司问，能不能享受昆明的研发投入补助？")
    assert reply.outcome == "elsewhere" and "不适用于成都市的该企业" in reply.direct_answer and not reply.citations


@pytest.mark.parametrize("question, not_named", [
    ("文件里说的企业自筹1:1配套是啥意思", "啥意思"),
    ("我们总部在成都,比较昆明官渡区和临沧两个选项,两地对高新技术企业的奖补分别怎么规定的?", "两地"),
    ("这个计划到哪年截止？企业问的话归区里哪个局管？", "局管"),
])
def test_asking_phrases_and_the_places_taken_together_are_never_named_as_a_missing_topic(bot, question, not_named):
    assert f"“{not_named}" not in bot.ask(question).answer


def test_a_place_after_a_company_saying_where_it_is_is_named_whatever_follows():
    assert places_in("我们在西山运营孵化器") == ["西山区"]
    assert places_in("大家都在和平发展") == []


def test_a_programme_named_after_its_place_is_of_that_places_level():
    from policybot.text.tiers import tier_words

    assert "市级" in tier_words("五华区企业科技创新团队入选昆明市科技创新团队")
    assert "省级" in tier_words("被评为云南省科技领军人才")


def test_rencai_neng_is_no_condition_cue():
    from policybot.answering.aspects import aspects

    assert aspects("员工被评为云南省科技领军人才能补多少？") == ["amount"]
    assert aspects("怎么才能拿到？") == ["condition"]


def test_homophone_slips_of_two_characters_are_mended_and_ordinary_words_are_not(bot):
    assert bot.lexicon.correct("这个有没有补主")[0] == "这个有没有补助"
    assert bot.lexicon.correct("听说还有将励")[0] == "听说还有奖励"
    for plain in ("我司在官渡", "有人问这个", "企业占比要达到多少"):
        assert bot.lexicon.correct(plain) == (plain, [])


@pytest.mark.parametrize("question, wanted, unwanted", [
    ("五华区以前对入选市级科技创新团队的企业团队有扶持吗 优秀和合格分别多少", "2万元", "10万元"),
    ("知识产权质押贷款的贴息，市里怎么配套", "1∶1", "五华"),  # 市里: the city's own measures, not a district's
    ("我们双江的，规上企业，想跟省农科院一起申请省级重点实验室，批下来市里补多少", "100万元", "省农科院"),
    ("我们集团总部打算搬到官渡，总部这块区里谁牵头", "区商投局", None),
    ("晋宁区在昆明市的规划里是什么定为？", "国际康养旅游示范区", None),
    ("那市里那个2022到2024年的创新措施，文号是多少？", "原文未载明文号", "官政发"),
])
def test_single_messages_a_help_desk_gets(bot, question, wanted, unwanted):
    reply = bot.ask(question)
    assert wanted in reply.direct_answer
    if unwanted:
        assert unwanted not in reply.direct_answer and all(unwanted not in c.quote for c in reply.citations)


def test_a_recognition_the_company_would_get_changes_the_tier_of_the_subject_asked_before(bot):
    first, second = chat(bot, "西山区的一家生物医药企业 规上 但还不是高企 研发投入基础补助比例是多少", "要是明年评上高企了呢")
    assert "1%" in first.direct_answer and "2%" not in first.direct_answer
    assert "2%" in second.direct_answer


def test_the_measure_asked_picks_its_clause_and_a_third_partys_size_is_noted(bot):
    _, strength = chat(bot, "临沧到2025年全市研发经费总共要投到多少？", "2024年那年的呢，强度是多少")
    assert "0.42%" in strength.direct_answer
    _, small = chat(bot, "临沧对首次认定的高新技术企业补多少？", "我们隔壁一家规下的小厂也想申，他们评上了也有这个钱吗")
    # the condition in the document's words, so the asker sees it is the rule's, not the bot's
    assert small.direct_answer.startswith("注意：这条原文只适用于规模以上企业（原文：“对规模以上企业认定为高新技术企业的给予资金奖补”），"
                                          "规下企业按原文不适用")


def test_this_after_a_subject_the_message_names_points_at_that_subject():
    history = [{"role": "user", "content": "临沧高企重新认定给多少？"}]
    assert condense("我们还想建个研发中心,这个有没有补助?", history) == "我们还想建个研发中心,这个有没有补助?"
    assert condense("另外这个找哪个部门？", history).startswith("临沧高企重新认定")
    assert condense("如果我们牵头做重大科技攻关项目，经费有上限吗？", history).startswith("如果我们")


def test_a_small_company_with_few_claimable_items_is_told_the_next_recognitions_first(bot):
    reply = bot.ask("我们晋宁区做康养的小公司,啥认定都没有,科技方面能申请点啥")
    lines = reply.direct_answer.splitlines()
    nurture = next(i for i, x in enumerate(lines) if "高新技术培育企业奖补" in x)
    assert "需先具备：高新技术培育企业" in lines[nurture]
    platforms = [i for i, x in enumerate(lines) if "需先具备" in x and ("实验室" in x or "工作站" in x or "平台" in x)]
    assert all(nurture < i for i in platforms)  # a recognition it can apply for before a platform it would build


def test_whether_a_places_documents_are_held_is_answered_from_the_regions_and_a_topic_asked_is_not(bot):
    city = bot.ask("那贵阳市级的科技政策你们这有没有？")
    assert not city.found and "没有贵阳市本级的政策文件" in city.direct_answer and "（贵阳市云岩区）" in city.direct_answer
    rule = bot.ask("临沧有没有研发补助的政策？")
    assert rule.found and rule.citations  # a rule asked about is answered, not the list of documents


def test_a_topic_no_document_names_is_refused_not_listed_around(bot):
    reply = bot.ask("还有企业问边民互市贸易有什么优惠")
    assert not reply.found and "边民互市" in reply.direct_answer and not reply.citations


@pytest.mark.parametrize("question", ["西山区规上高企，做生物医药的，市里政策我们都能用上哪些？", "这些政策里我们能用得上的有哪几条"])
def test_a_list_asked_with_the_benefit_word_first_is_a_list(question):
    from policybot.answering.answerers.catalogue_list import is_list_question

    assert is_list_question(question)


def test_a_document_question_with_a_last_ask_typed_without_its_mark_answers_both(real_bot):
    (a,) = chat(real_bot, "官渡区科技兴区三年行动计划是哪个单位发的？文号多少")
    assert "官渡区人民政府" in a.direct_answer and "官政发〔2023〕5号" in a.direct_answer


def test_a_labelled_company_asking_what_it_can_use_gets_the_city_list(real_bot):
    (a,) = chat(real_bot, "西山区规上高企，做生物医药的，市里政策我们都能用上哪些？")
    assert a.outcome == "answered" and "2%" in a.direct_answer and "五华" not in a.direct_answer


def test_who_leads_a_whole_plan_is_its_organising_clause_or_said_not_to_be_stated(real_bot):
    _, a = chat(real_bot, "我们是云岩区的软件企业", "这个方案哪个部门牵头？有事找谁")
    assert a.outcome == "answered" and "区科学技术局为召集单位" in a.direct_answer
    (b,) = chat(real_bot, "官渡区科技兴区三年行动计划由谁牵头")
    assert "未写明" in b.direct_answer and "各项任务分别写明了牵头部门" in b.direct_answer
    _, c = chat(real_bot, "官渡区的研发补助多少", "那要找哪个部门？")  # a rule's department is no document fact
    assert "区科工信局" in c.direct_answer


def test_what_the_company_just_got_is_the_topic_of_a_subjectless_ask_and_its_place_is_its_own():
    assert own_question("你好，我们在官渡运营一个众创空间，刚认定了省级科技企业孵化器，市里能给多少？") == \
        "刚认定了省级科技企业孵化器，市里能给多少？"
    assert own_question("我们是官渡区的规上企业，研发投入能补多少？") == "研发投入能补多少？"


def test_city_level_asked_by_a_company_that_named_its_district_only_in_its_description(real_bot):
    (a,) = chat(real_bot, "你好，我们在官渡运营一个众创空间，刚认定了省级科技企业孵化器，市里能给多少？")
    docs = real_bot.index.documents
    assert a.citations and all(docs[c.doc_id].region == ("云南省", "昆明市") for c in a.citations)


def test_a_pointer_word_is_never_the_subject_a_refusal_names(real_bot):
    _, a = chat(real_bot, "我们是云岩区的软件企业", "联系电话多少,找谁问")
    assert "“电话”" not in a.direct_answer and "“方案”" not in a.direct_answer


def test_a_comparison_place_of_the_question_followed_does_not_carry_to_a_placeless_follow_up(real_bot):
    a = chat(real_bot, "耿马这边的糖厂，规上企业，打算设个研发中心，市里有补助没？要满足啥条件",
             "听昆明的朋友说研发头入能按2%拿补助，我们临沧有一样的吗", "那这个钱分到县里是看什么算的",
             "我们要是申请市里科技项目，自己要配多少钱")
    docs = real_bot.index.documents
    for x in a[2:]:  # a 耿马 company: 临沧's rules only, though the question before named 昆明
        assert x.citations and all(docs[c.doc_id].region[:2] == ("云南省", "临沧市") for c in x.citations), x.question
    assert "1:1" in a[3].direct_answer  # 自己要配 is 自筹配套


def test_a_labelled_company_is_the_asker_for_the_whole_conversation(real_bot):
    from policybot.answering.asker import conversation_asker

    assert conversation_asker(["西山区规上高企，做生物医药的，市里政策我们都能用上哪些？"]).label() == "西山区 · 规上 · 高企"
    a = chat(real_bot, "西山区规上高企，做生物医药的，市里政策我们都能用上哪些？", "知识产权质押贷款贴息呢")
    assert "1∶1" in a[1].direct_answer and "五华" not in a[1].answer  # 西山 is under the city's measures only


@pytest.mark.parametrize("messages, label", [
    # what the company might become, or a rule named after a status, says nothing of what it holds
    (["我们是官渡区的规上企业，还没评上高企", "如果我们评上高新技术企业，能拿多少奖励？"], "官渡区 · 规上 · 非高企"),
    (["官渡区规上企业，不是高企，研发投入补多少", "临沧的高企奖励我们能拿吗"], "官渡区 · 规上 · 非高企"),
    (["我们是官渡区的规上企业，还没评上高企", "我们去年刚拿到高新技术企业证书，那按哪一档算？"], "官渡区 · 规上 · 高企"),
])
def test_the_asker_is_what_it_states_not_what_it_supposes_or_asks_about(messages, label):
    from policybot.answering.asker import conversation_asker

    assert conversation_asker(messages[:-1], messages[-1]).label() == label


def test_another_places_documents_asked_by_name_and_a_follow_up_about_us(real_bot):
    a = chat(real_bot, "你好，我是昆明市官渡区一家制造业企业的，规上企业，还不是高新技术企业。想了解一下科技方面的补贴。",
             "五华区的政策对我们有用吗？", "研发投入的政策对我们有用吗？", "临沧新设研发机构给多少？", "那我们能拿吗？")
    assert a[0].outcome == "answered" and "1%" in a[0].direct_answer  # a broad ask: the list, the 规上 non-高企 tier
    assert "不适用于官渡区" in a[1].direct_answer
    docs = real_bot.index.documents
    assert all(docs[c.doc_id].region[:2] == ("云南省", "昆明市") and "五华区" not in docs[c.doc_id].region
               for c in a[2].citations)  # 五华区's plan, just said not to apply, is not carried into the next answer
    assert a[4].outcome == "elsewhere" and "不适用于官渡区" in a[4].direct_answer


def test_a_short_list_for_a_growing_company_goes_on_with_the_measures_for_it(real_bot):
    (a,) = chat(real_bot, "我们在云岩区,做芯片设计的小公司,还不是高企,区里有什么支持?")
    assert "其他相关措施（原文未载明金额）" in a.answer and "高新技术企业培育库" in a.answer
    assert not check_answer(a.answer, a.citations)


GUANDU_DOC = "kunming-guandu-2023-2025-tech-action-plan"


def test_a_label_typed_with_spaces_sets_the_asker_and_区里_means_its_districts_own_plan(bot):
    _, money, who = chat(bot, "官渡区规上高企 数字经济方向 我们能申请哪些补贴", "区里给高企多少钱", "那区里高企这块归谁管")
    slugs = {bot.index.documents[c.doc_id].slug for a in (money, who) for c in a.citations}
    assert slugs == {GUANDU_DOC}, slugs  # no 临沧, 五华 or city rule presented to a 官渡 company asking of its district
    assert "没有写明具体金额" in money.direct_answer and not any(ch.isdigit() for ch in money.direct_answer.split("[")[0])
    assert "区科工信局" in who.direct_answer


def test_a_supposed_recognition_and_a_slipped_denial_pick_their_tiers(bot):
    first, second = chat(bot, "我们是盘龙区的规上企业 做生物医药的 还没坪上高企 研发投入市里有补贴吗", "那要是评上了呢")
    assert "1%" in first.direct_answer and "2%" not in first.direct_answer
    assert "2%" in second.direct_answer and "1%" not in second.direct_answer


def test_a_rate_asked_after_the_rule_is_said_to_be_unstated(bot):
    _, rate = chat(bot, "安宁的 问下知识产权质押贷款有贴息没", "贴息具体几个点")
    assert rate.direct_answer.startswith("所引文件未写明") and "1∶1" in rate.answer


def test_a_rewarded_title_said_mid_conversation_is_asked_about(bot):
    _, team = chat(bot, "五华区企业员工入选昆明市中青年学术技术带头人，培养期满考核优秀，区里补助多少？",
                   "我们公司团队入选了省创新团队，考核合格")
    assert team.outcome == "answered" and "5万元" in team.direct_answer, team.direct_answer
    # at the start of a conversation the same kind of sentence only describes the asker
    assert bot.ask("我们是官渡区的规上企业，还没评上高企").outcome == "welcome"


def test_the_companys_size_said_one_way_finds_the_rule_written_the_other(bot):
    a = bot.ask("我们厂在安宁，规模以上，今年研发费用花了差不多800万，增量奖励怎么算")
    assert a.outcome == "answered" and "10%" in a.direct_answer, a.direct_answer
    _, paid = chat(bot, "我们厂在安宁，规模以上，今年研发费用花了差不多800万，增量奖励怎么算", "补助钱一般啥时候倒账")
    assert "未写明资金拨付或到账的时间" in paid.answer and all("临沧" not in c.quote for c in paid.citations)


def test_a_conflict_question_typed_with_a_comma_quotes_the_precedence_clauses(bot):
    _, a = chat(bot, "我们在呈贡，昆明市的措施还有效吗", "要是市里其他政策跟它说法不一样，听哪个？省里后面出了新的又怎么办")
    assert "以本通知为准" in a.direct_answer and "从其规定" in a.direct_answer


def test_a_slip_of_shape_is_mended_like_a_slip_of_sound(bot):
    mended, fixes = bot.lexicon.correct("想建个院土工作站，市里给多少经费")
    assert "院士工作站" in mended and fixes
    _, money = chat(bot, "我们在西山区，跟一个院士团队合作", "想建个院土工作站，市里给多少经费")
    assert money.outcome == "answered" and "180万元" in money.direct_answer, money.direct_answer
    assert bot.lexicon.correct("研发投入补助多少")[1] == []  # nothing to mend


@pytest.mark.parametrize("message, ask", [
    ("我是做科技项目申报咨询的，帮几个客户问问。第一个在西山区，去年第二次认定高企了，市里有没有奖",
     "去年第二次认定高企了，市里有没有奖"),  # whom it asks for is no ask; what the client just got is asked about
])
def test_whom_the_asker_asks_for_is_not_the_ask(message, ask):
    assert own_question(message) == ask


def test_a_pointer_back_is_never_named_as_a_missing_topic(real_bot):
    answers = chat(real_bot, "我们是官渡区的规上高企，市里的研发投入基础补助按比例能拿多少？", "那增量奖励呢？",
                   "这两块能一起拿吗，还是只能二选一")
    assert "这两块" not in answers[-1].answer
    assert "叠加" in answers[-1].answer  # the rule says 两项叠加: quoted

