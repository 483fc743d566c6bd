"""Second session of 2026-12-05: a neighbouring place asked by a company that may move there, another place's benefits
asked for the asker, a scope asked of a rule, a figure to confirm, several years in one ask, a benefit claimed again
now that its plan has ended."""

from __future__ import annotations

from conftest import asked_before as _history, chat

from policybot.answering.answerers.rule_status import names_rule
from policybot.answering.asks import split_asks
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.followups import condense
from policybot.answering.questions import core_question
from policybot.answering.words import INTENTS


def test_a_neighbouring_place_replaces_the_place_asked_before():
    resolved = condense("那隔壁云岩区呢？我们在考虑搬过去", _history("我们在南明区，南明区有啥科技奖补"))
    assert resolved == "我们在云岩区，云岩区有啥科技奖补"
    # a place with a subject of its own is not a swap
    assert "南明区" not in condense("那隔壁云岩区呢？", _history("南明区有啥科技奖补"))


def test_a_figure_to_confirm_is_the_ask_not_the_greeting():
    core, context = core_question("你好，我是记者，核对几个数字。官渡区的科技兴区行动计划里，2025年研发投入强度目标是2.5%对吧")
    assert core.startswith("官渡区") and "核对几个数字" in context
    # a count asked is still an ask
    assert core_question("我们是做软件的。官渡区每年培育几家？")[0] == "官渡区每年培育几家？"


def test_years_listed_in_one_ask_are_asked_one_by_one():
    parts = split_asks("官渡区2023年和2024年研发投入强度目标分别是多少", lambda w: True)
    assert [p.label for p in parts] == ["2023年", "2024年"]
    assert parts[1].text == "官渡区2024年研发投入强度目标分别是多少"
    assert condense("那2023年和2024年的分年目标呢", _history("官渡区2025年研发投入强度目标是多少")) \
        == "官渡区2023年和2024年研发投入强度目标是多少"
    assert not split_asks("2023年至2025年研发投入目标是多少", lambda w: True)  # a period, not two years


def test_a_scope_asked_of_a_rule_is_its_condition():
    condition = dict(INTENTS)["condition"]
    assert condition.search("这个排名是在啥范围里排的") and not condition.search("研发投入能补多少")


def test_claiming_again_now_asks_whether_the_rule_still_holds():
    assert asked_facts("今年又重新认定过了，还能再拿4万吗") == ["status"]
    assert asked_facts("要是我们今年掉到规下了，还能再拿吗") == []  # the company changed, not the policy


def test_a_company_that_may_move_is_answered_for_the_place_it_moves_to(real_bot):
    first, neighbour, field = chat(real_bot, "我们在南明区，南明区有啥科技奖补", "那隔壁云岩区呢？我们在考虑搬过去",
                                   "电子信息方面具体有啥项目")
    assert first.outcome == "not_found"
    assert neighbour.found and "云岩区" in neighbour.direct_answer and "临沧" not in neighbour.direct_answer
    assert field.found and all("云岩区" in real_bot.index.documents[c.doc_id].region for c in field.citations)


def test_another_places_benefits_asked_for_the_asker_do_not_apply(real_bot):
    reply = chat(real_bot, "你们这能查玉溪的科技政策吗", "那昆明的呢，我们离得近，能不能申请昆明的研发投入补助")[-1]
    assert reply.outcome == "elsewhere" and "不适用于玉溪市" in reply.direct_answer
    assert not reply.citations  # the rule is shown as another place's (elsewhere), never as the asker's


def test_a_supposed_move_is_no_topic(real_bot):
    reply = chat(real_bot, "我们公司在临沧临翔区，做跨境电商和数字服务的。先说临沧对高企怎么奖", "搬到官渡的话，官渡对跨境电商有啥")[-1]
    assert reply.found and any("官渡区" in real_bot.index.documents[c.doc_id].region for c in reply.citations)


def test_a_scope_and_several_years_and_an_ended_plan(real_bot):
    scope = chat(real_bot, "五华区研发投入排名前两名给多少", "这个排名是在啥范围里排的")[-1]
    assert scope.found and "统计在库企业" in scope.direct_answer
    years = chat(real_bot, "官渡区2025年研发投入强度目标是多少", "那2023年和2024年的分年目标呢")[-1]
    assert "1.78%" in years.direct_answer and "1.95%" in years.direct_answer
    again = chat(real_bot, "我们公司在五华区，2019年高企再认定拿过区里4万，今年又重新认定过了，还能再拿4万吗")[-1]
    assert "4万元" in again.direct_answer and "已到期" in again.direct_answer
    check = chat(real_bot, "你好，我是记者，核对几个数字。官渡区的科技兴区行动计划里，2025年研发投入强度目标是2.5%对吧")[-1]
    assert "2.0%" in check.direct_answer


def test_claiming_the_money_discussed_names_its_rule():
    assert names_rule("我们就是五华的企业 团队是2019年入选的 今年才考核完 还能拿吗")
    assert asked_facts("现在去申请还行不行") == ["status"]
    assert not names_rule("这个方案现在还有效吗")  # a document, no rule


def test_a_word_a_document_defines_is_answered_with_its_definition(real_bot):
    both = chat(real_bot, "官度区的科技兴区计划里提到的9710和9810是啥意思啊")[-1]
    assert "跨境电商B2B直接出口" in both.direct_answer and "跨境电商B2B出口海外仓" in both.direct_answer
    first, second = chat(real_bot, "区里文件里那个9710是啥意思", "9810呢")
    assert "跨境电商B2B出口海外仓" in second.direct_answer and "B2B直接出口" not in second.direct_answer
    # a field's label defines nothing: who leads is still the department answer
    lead = chat(real_bot, "官渡区研发投入专项服务的牵头部门是啥")[-1]
    assert "区科工信局" in lead.direct_answer


def test_what_the_support_is_for_is_the_topic_though_the_company_is_one(real_bot):
    reply = chat(real_bot, "我们是官渡区的专精特新企业，区里对专精特新有啥扶持")[-1]
    lines = [x for x in reply.direct_answer.splitlines() if x.startswith("· ")]
    assert lines and all("专精特新" in x for x in lines)


def test_a_correction_after_an_answer_answers_the_question_again(real_bot):
    first, corrected = chat(real_bot, "我们公司在临沧临翔区，做跨境电商和数字服务的。先说临沧对高企怎么奖", "我们还不是规上")
    assert "10万元" in first.direct_answer and "不适用" not in first.direct_answer
    assert corrected.found and corrected.direct_answer.startswith("好的，已记下贵单位的情况：临翔区 · 规下")
    assert "规下企业按原文不适用" in corrected.direct_answer
    # a description that changes nothing an answer depends on is only noted
    same = chat(real_bot, "我们是官渡区的规上企业，研发投入能补多少？", "我们是规上企业")[-1]
    assert same.outcome == "welcome"


def test_whether_an_uncovered_place_is_counted_in_a_covered_plan(real_bot):
    reply = chat(real_bot, "你们这能查玉溪的科技政策吗", "听说有个滇中协同创新，玉溪也在里面吧")[-1]
    assert reply.found and "昆曲玉楚红" in reply.direct_answer
    assert chat(real_bot, "玉溪的研发投入补助多少")[-1].outcome == "not_found"  #玉溪's own rules: still none


def test_a_supposed_move_into_a_covered_place_is_answered_for_it(real_bot):
    reply = chat(real_bot, "你们这能查玉溪的科技政策吗", "要是我们把研发中心搬到安宁，能享受院士工作站那个支持吗")[-1]
    assert reply.found and "180万元" in reply.direct_answer
    staying = chat(real_bot, "我们是玉溪的企业", "能不能申请昆明的院士工作站支持")[-1]
    assert staying.outcome == "elsewhere" and "不适用于玉溪市" in staying.direct_answer


def test_a_target_asked_for_every_year_gives_each_year_the_passage_states(real_bot):
    reply = chat(real_bot, "我们是官渡区的专精特新企业", "区里计划每年培育几家")[-1]
    lines = reply.direct_answer.splitlines()
    assert [x[:5] for x in lines] == ["2023年", "2024年", "2025年"] and "1家以上" in lines[2]
    # "每年" of a figure stated for every year is that figure, not the years of another sentence
    visits = chat(real_bot, "官渡区每年走访多少家专精特新企业")[-1]
    assert "100家以上" in visits.direct_answer and "2023年" not in visits.direct_answer


def test_the_companys_own_figures_are_not_asked():
    from policybot.answering.questions import without_own_figures
    assert without_own_figures("去年研发投入1200万，营收3个亿，研发投入奖补我们能拿多少？") == "去年研发投入，营收，研发投入奖补我们能拿多少？"
    assert without_own_figures("那个20万，还算数吗") == "那个20万，还算数吗"  # a figure asked about stays
    assert without_own_figures("我们研发投入3000万，能补多少？").startswith("我们研发投入，")


def test_a_manner_is_no_topic_of_its_own():
    from policybot.answering.questions import topic_nouns
    assert topic_nouns("企业能直接申请吗？") == []
    assert "院士工作站" in topic_nouns("院士工作站呢？")


def test_how_many_years_a_document_runs_and_an_issuer_offered_as_a_choice():
    assert asked_facts("这个文件几年") == ["period"] and asked_facts("政策是几年的") == ["period"]
    assert asked_facts("这个补助要交几年的材料") == []


def test_a_company_stating_its_figures_is_answered_for_its_tier(real_bot):
    reply = chat(real_bot, "你好，我们是官渡区一家做软件的公司，规上高新技术企业。去年研发投入1200万，营收3个亿，研发投入奖补我们能拿多少？")[-1]
    assert reply.found and "2%" in reply.direct_answer


def test_a_pasted_passage_is_quoted_whole_where_it_stands(real_bot):
    reply = chat(real_bot, "您好。文件里有这么一句：“设立市级研发经费投入奖补资金,实行总额控制,用于支持和引导各县(区)落实创新驱动发展战略”，"
                           "这是什么意思？企业能直接申请吗？")[-1]
    assert reply.found and reply.direct_answer.startswith("这句话出自临沧市")
    assert "财政科技支出增量" in reply.direct_answer and "跨境电商" not in reply.answer
    # a short quotation is a name, not a passage
    assert "4个1" in chat(real_bot, "“4个1”到底是哪4个")[-1].direct_answer


def test_the_issuer_asked_as_a_choice_and_the_number_in_one_message(real_bot):
    reply = chat(real_bot, "官渡区科技兴区计划是哪年的", "区里这个计划是区政府发的还是科工信局发的？文号是多少？")[-1]
    assert "昆明市官渡区人民政府" in reply.direct_answer and "官政发〔2023〕5号" in reply.direct_answer


def test_the_kind_of_company_the_asker_is_is_no_topic_of_a_list(real_bot):
    reply = chat(real_bot, "你好，我们是石林县一家做种子的企业，是高新技术企业，市里对我们这种农业科技企业有哪些扶持？")[-1]
    lines = [x for x in reply.direct_answer.splitlines() if x.startswith("· ")]
    assert len(lines) >= 3 and all("昆明市" in x for x in lines)


def test_a_recognition_the_company_would_lose_is_ruled_out():
    from policybot.text.tiers import ruled_out, said_not, unnegated
    q = "如果今年我们高企资格没续上，只算普通规上企业呢？"
    assert {"高企", "高新技术企业"} <= ruled_out(q) and "高企" not in unnegated(q)
    assert "，不是高企" in said_not(q)
    assert not ruled_out("我们高企资格刚续上，能拿多少？")


def test_a_districts_role_asked_with_a_return_or_a_named_scheme(real_bot):
    back = chat(real_bot, "我们是呈贡区的高校", "回到我们这，呈贡在市里规划里是个什么定位")[-1]
    assert back.found and "呈贡科教创新城" in back.direct_answer
    scheme = chat(real_bot, "西山区在全市那个“6+3”里是啥定位来着")[-1]
    assert scheme.found and "加速带" in scheme.direct_answer


def test_agencies_offered_as_a_choice_are_no_absent_topic(real_bot):
    reply = chat(real_bot, "云岩区高企培育库要保持多少家", "这块是科技局管还是工信局管")[-1]
    assert reply.found and "区科学技术局" in reply.direct_answer and "没有关于" not in reply.direct_answer
