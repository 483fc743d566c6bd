"""Session of 2026-12-07 (fourteenth; from conv-al's and prof-al's dev halves and dev failures of earlier batches): a
line cut one short clause before its sentence ends says that clause too; whom a rule without money is for ("对利用财政性
资金建设的科研平台") is part of its condition."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.clause_context import going_on
from policybot.text.rules import condition
from policybot.text.tier_clauses import clauses


@pytest.mark.unit
def test_a_line_one_short_clause_from_its_sentence_end_says_it():
    quote = "抓好专精特新企业跟踪监测,有针对性地开展精准服务和政策培训,每年走访企业100家以上,开展培训不少于20场;下一项另说。"
    cs = clauses(quote)
    line = "，".join(c.text for c in cs[:3])
    assert going_on(quote, cs, cs[2], len(line)) == ["开展培训不少于20场"]
    # a long last clause is not added to a long line, nor anything past the sentence's end
    long_tail = "抓好专精特新企业跟踪监测,有针对性地开展精准服务和政策培训,每年走访企业100家以上,开展面向全区企业的专题培训与政策解读不少于20场;"
    cs = clauses(long_tail)
    assert going_on(long_tail, cs, cs[2], 60) == []
    two_left = "抓好专精特新企业跟踪监测,有针对性地开展精准服务和政策培训,走访企业,开展培训;"
    cs = clauses(two_left)
    assert going_on(two_left, cs, cs[1], 40) == []  # two clauses left: the line is not run on to the end


@pytest.mark.unit
def test_whom_a_rule_without_money_is_for_is_its_condition():
    quote = "对利用财政性资金建设的科研平台,除保密要求和特殊规定外,须面向社会开放共享;"
    assert condition(quote).startswith("对利用财政性资金建设的科研平台")
    # a clause doing something to someone is no condition
    assert "进行全覆盖业务培训" not in condition("对全区规上企业进行全覆盖业务培训,对重点企业进行一对一精准指导,须规范核算。")


@pytest.mark.unit
def test_a_tier_the_turn_names_outweighs_the_one_it_follows_up():
    from policybot.answering.direct import amount

    quote = ("3.上述科技人才被评为昆明市科技创新领军人才的，每人给予5万元补助。"
             "被评为云南省科技领军人才、云岭高层次人才的，每人给予10万元，此项不重复补助。")
    joined = "他要是后来评上云南省科技领军人才,再给多少 那要是只评上昆明市科技创新领军人才呢"
    assert "10万元" in amount(quote, joined)  # read with the turn it follows, the earlier tier wins
    mine = amount(quote, joined, own=("那要是只评上昆明市科技创新领军人才呢",))
    assert "5万元" in mine and "10万元" not in mine
    # a turn naming no tier of its own leaves the choice to the joined reading
    assert "10万元" in amount(quote, joined, own=("那再给多少呢",))


@pytest.mark.unit
def test_a_place_followed_by_what_is_said_of_it_is_the_place():
    from policybot.text.places import places_in

    assert places_in("安宁本地有没有自己的科技政策文件") == ["安宁市"]
    assert places_in("西山本级有没有单独的政策")  # 西山区


@pytest.mark.unit
def test_a_hello_with_wei_is_a_greeting():
    from policybot.answering.questions import own_question

    voice = "喂你好我们是官渡区做人工智能软件的小公司还没上规模就是规下的想问下区里数字经济这块有没有什么扶持"
    assert own_question(voice) == "想问下区里数字经济这块有没有什么扶持"


@pytest.mark.unit
def test_the_same_ask_of_another_thing_closing_a_message_is_a_second_question():
    from policybot.answering.asks import questions_in

    assert questions_in("有研发活动的企业数2025年目标多少，研发投入呢") == ["有研发活动的企业数2025年目标多少？", "研发投入呢"]
    # a tier of the same rule is one ask of two tiers, answered on one line
    assert questions_in("临沧规上企业首次认定高企给多少，重新认定呢？") == []
    assert questions_in("院士工作站市里给多少，专家工作站呢？") == []
    assert questions_in("我们是官渡的，规上高企能补多少，规下的呢") == []  # a size asked of is read from the whole message
    assert questions_in("这个奖励多少，是一次性给的吗") == []  # no "…呢" closing it
    assert questions_in("区里技术合同成交额2025年目标多少2024年呢") == ["区里技术合同成交额2025年目标多少？", "2024年呢"]


def test_a_level_names_which_tier_not_what_is_asked(real_bot):
    reply = real_bot.ask("若我司被认定为国际对外科技合作示范企业，市级支持标准？")
    assert reply.found and "国际对外科技合作示范企业" in reply.direct_answer and "100万元" in reply.direct_answer


def test_a_frame_word_and_a_recertification_said_otherwise(real_bot):
    """"昆明市层面": 层面 is no topic; "再次认定" is the city's "连续两次以上(含两次)认定"."""
    reply = real_bot.ask("昆明市层面对再次认定是否有奖补？")
    assert reply.found and "连续两次以上" in reply.direct_answer and "5万元" in reply.direct_answer
    assert "层面" not in reply.direct_answer


def test_a_district_asked_for_its_own_level_of_policy(real_bot):
    reply = real_bot.ask("西山区本级是否另有配套政策？")
    assert not reply.found and "没有西山区自己的政策文件" in reply.direct_answer


def test_the_turn_its_own_tier_in_a_conversation(real_bot):
    replies = chat(real_bot, "我们是五华区的企业，有个技术骨干", "他要是评上云南省科技领军人材，给多少",
                   "那要是只评上昆明市科技创新领军人材呢")
    assert "10万元" in replies[1].direct_answer
    assert "5万元" in replies[2].direct_answer and "10万元" not in replies[2].direct_answer


@pytest.mark.unit
def test_a_branch_elsewhere_is_not_where_the_asker_is():
    from policybot.answering.asker import conversation_asker

    earlier = ["我们公司在五华区，有个技术骨干入选了昆明市中青年学术技术带头人，区里给补助吗",
               "我们在官渡也有个分公司，官渡每年选多少区级学术和技术带头人"]
    assert conversation_asker(earlier, "还有个入选了云南省技术创新人才培养对象的，给多少").region == "五华区"


@pytest.mark.unit
@pytest.mark.parametrize("question", ["官渡区对新获批创新平台给予一次性扶持，我司作为西山企业能否申请？",
                                      "临沧对省级以上新型研发机构给100万，我们在云岩建新型研发机构也按这个给吧"])
def test_claiming_another_places_rule_in_formal_and_long_words(question):
    from policybot.answering.words import MAY_WE

    assert MAY_WE.search(question)


@pytest.mark.unit
def test_a_renewal_the_company_will_apply_for_is_a_plan_and_baoGaoxin_is_the_recognition():
    from policybot.catalogue.profiles import parse_profile
    from policybot.text.concepts import concepts_in

    p = parse_profile("五华区特级资质建筑施工企业，规模以上。2022年首次认定为国家高新技术企业，2025年有效期满将申请重新认定。")
    assert [c.kind for c in p.certifications] == ["首次认定"] and any("重新认定" in x for x in p.plans)
    assert concepts_in("今年打算报高新")[0][0] == "高新技术企业"
    assert not concepts_in("报高新区的项目") and not concepts_in("高新区企业")


@pytest.mark.unit
def test_a_plan_to_grow_into_a_guishang_company():
    from policybot.catalogue.growth import grown
    from policybot.catalogue.profiles import parse_profile

    assert grown(parse_profile("官渡区做环境监测仪器的公司，目前还是规下企业，争取2025年升规纳统。")).size == "规上"
    assert grown(parse_profile("规下企业，明年准备上规，有啥补贴？")).size == "规上"
    assert grown(parse_profile("官渡区规上企业，有啥补贴？")) is None
    assert grown(parse_profile("官渡区规下企业，有啥补贴？")) is None


@pytest.mark.unit
def test_the_guishang_items_are_planned_for_a_company_growing_into_one():
    from policybot.catalogue.extract import Item, yuan
    from policybot.catalogue.matching import match
    from policybot.catalogue.profiles import parse_profile

    quote = "规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助"
    rule = Item(item_id="x", doc_id="d", region=["云南省", "昆明市"], benefit="重点研发投入企业基础补助",
                beneficiary="规上高新技术企业等重点研发投入企业", conditions=[], amount="按研发经费投入的2%",
                amount_max_yuan=yuan("按研发经费投入的2%"), kind="ratio", department=None, section="", period=None,
                expired=False, quote=quote, chunk_id="c", tier=None, chunk_text=quote, basis=quote)
    growing = parse_profile("我们是官渡区的高新技术企业，规下，研发投入300万，争取明年升规纳统。能申请哪些补贴？")
    got = match(growing, [rule], lambda _: False)[0]
    assert got.status == "planned" and "升规" in got.reasons[0]
    staying = parse_profile("我们是官渡区的高新技术企业，规下，研发投入300万。能申请哪些补贴？")
    assert match(staying, [rule], lambda _: False)[0].status == "not_eligible"


def test_every_figure_of_a_target_asked_as_which(real_bot):
    reply = chat(real_bot, "我们是云岩区一家做民族药的规上制药企业，一直在做苗药的二次开发，想知道区里说的国家苗药技术创新中心是怎么建的，"
                 "对我们这些企业有什么带动作用？", "到2025年这个中心预期有哪些成果")[-1]
    assert all(x in reply.direct_answer for x in ("2-3个药品再注册批件", "1-2项化药仿制药", "2亿元"))


def test_an_act_asked_whether_it_is_subsidised_is_its_topic(real_bot):
    reply = real_bot.ask("搬迁有补贴吗?")
    assert not reply.found and "搬迁" in reply.direct_answer
    assert real_bot.ask("研发有补贴吗").found  # an act the documents name is answered


def test_a_list_for_a_trade_says_what_the_documents_say_of_it(real_bot):
    reply = real_bot.ask("我们公司在贵阳云岩区，做大数据安防的，区里有什么科技方面的支持")
    assert "文件中关于“大数据”的其他表述" in reply.answer and "贵州省智慧大数据创新中心" in reply.answer


def test_the_names_of_a_kind_of_thing_the_documents_quote(real_bot):
    funds = real_bot.ask("市里有哪些基金可以对接")
    assert all(f"“{x}”" in funds.direct_answer for x in ("昆明市创新创业发展基金", "昆明市知识产权运营基金", "昆明市科技成果转化基金"))
    assert len(funds.citations) == 1  # one sentence names the three
    assert "“春城计划”" in real_bot.ask("市里有没有人才方面的计划可以报").direct_answer
    assert "春城计划" not in real_bot.ask("市里科技计划项目有哪些支持方向").direct_answer  # 科技计划项目 is no kind asked


@pytest.mark.unit
def test_what_a_rule_puts_somewhere_is_said_with_it():
    from policybot.answering.clause_context import terms_before

    quote = "将在昆企事业单位牵头、在滇中区域内形成的重大创新产业引领项目,纳入重大项目库,通过省市协商,共同予以支持。"
    cs = clauses(quote)
    assert terms_before(quote, cs, 1) == ["将在昆企事业单位牵头、在滇中区域内形成的重大创新产业引领项目"]


@pytest.mark.unit
def test_a_both_of_the_description_asks_nothing_of_each_place():
    from policybot.answering.asks import split_asks

    described = "我们集团总部在官渡，临翔有个规上子公司，两家都是第一次评上高企。先问临沧那边子公司能拿多少"
    assert split_asks(described, lambda w: True) == []
    assert len(split_asks("官渡和临翔两边研发补助分别多少", lambda w: True)) == 2


def test_whether_a_plan_still_holds_gives_its_wenhao(real_bot):
    reply = real_bot.ask("五华区那个三年行动计划现在还能用不")
    assert "已到期" in reply.direct_answer and "五发〔2018〕5号" in reply.direct_answer
    assert any("五发〔2018〕5号" in c.quote for c in reply.citations)


def test_whom_to_ask_when_no_rule_of_the_askers_place_answers(real_bot):
    replies = chat(real_bot, "我们是贵阳市云岩区的规上企业", "我朋友在昆明官渡，说他们规上高企研发投入按2%补，我们云岩有没有",
                   "好吧，那区里这块具体找哪个部门对接比较好")
    assert "没有找到这一事项的负责部门" in replies[-1].direct_answer and "区科学技术局" in replies[-1].direct_answer
    assert all("云岩区" in real_bot.index.documents[c.doc_id].region for c in replies[-1].citations)


def test_whom_to_ask_is_no_answer_for_an_absent_topic_a_contact_or_the_citys_rule(real_bot):
    absent = chat(real_bot, "我们是临沧市临翔区的企业", "换个事,我们想买几台农机,农机购置补贴找谁")[-1]
    assert not absent.found and "统筹落实" not in absent.direct_answer
    phone = chat(real_bot, "我们是临沧市耿马县的企业", "联系电话多少,找谁问")[-1]
    assert "统筹落实" not in phone.direct_answer
    city = chat(real_bot, "我们是五华区的企业", "市里有吗", "谁管")[-1]
    assert "区科学技术和信息化局" not in city.direct_answer  # the district's office is not the city's lead


def test_the_issuer_beside_the_signature_written_otherwise(real_bot):
    reply = real_bot.ask("五华区那个创新驱动三年计划是哪个单位发的文?")
    assert "中共五华区委" in reply.direct_answer and "落款为中共昆明市五华区委" in reply.direct_answer
    assert any(c.quote.strip() == "中共昆明市五华区委" for c in reply.citations)
    assert "落款" not in real_bot.ask("官渡区的计划谁印发的").direct_answer  # signed as issued: nothing to add
