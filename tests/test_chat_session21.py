"""First session of 2026-12-06: a named thing the asker's documents never mention (another region's are shown as
theirs), and the page's list and match results as a clerk forwards them."""

from __future__ import annotations

import pytest
from conftest import chat


def test_a_thing_only_another_region_names_is_missing_here_not_answered_by_a_neighbouring_word(real_bot):
    """"人才公寓有吗" from a 官渡 company: 官渡's and 昆明's documents speak of 人才, never of 人才公寓; 云岩区's plan builds
    2640套. A 人才 clause of 官渡 is not the answer; the reply says 官渡 has no such rule and shows 云岩 as another region's."""
    reply = chat(real_bot, "我们是官渡区的规上企业，还没评上高企", "人才公寓有吗")[-1]
    assert reply.outcome == "elsewhere" and "没有关于“人才公寓”的规定" in reply.direct_answer
    assert "云岩区" in reply.direct_answer and "仅供参考" in reply.direct_answer
    assert not reply.citations and any("2640套" in c.quote for c in reply.elsewhere)
    # asked where the thing is, the same words answer it
    there = chat(real_bot, "我们公司在云岩区", "人才公寓有吗")[-1]
    assert there.found and "2640套" in there.answer


def test_pasted_markup_is_no_word_of_the_question():
    from policybot.answering.questions import validate_question
    from policybot.errors import InvalidQuestionError

    assert validate_question("<b>我们是五华区的</b>企业，研发投入<3%，<img src=x onerror=alert(1)>排名第二有多少") \
        == "我们是五华区的企业，研发投入<3%，排名第二有多少"
    with pytest.raises(InvalidQuestionError, match="网页标记"):
        validate_question("<script></script>")


def test_the_asked_concept_of_a_rule_naming_only_what_it_is_taken_as_is_found_not_raised():
    """A 孵化器 asked, the rule naming only 孵化平台 (what a 孵化器 is taken as): the asked concept is still found; it
    raised StopIteration inside the answer stream before, a failed request for the asker."""
    from policybot.answering.reply import Ask
    from policybot.answering.compose import asked_concept

    ask = Ask("孵化器有奖励吗", "孵化器有奖励吗", ("amount",), (), "", concepts=(("科技企业孵化器", "孵化器"),))
    assert asked_concept(ask, "对于新认定为国家级、省级、市级企业孵化平台的,按照政策给予一次性资金扶持") == ("科技企业孵化器", "孵化器")
    assert asked_concept(ask, "对新认定的国家级科技企业孵化器给予50万元奖补") == ("科技企业孵化器", "孵化器")


def test_a_named_thing_is_found_where_the_documents_share_its_head_or_use_a_synonym():
    from policybot.answering.missing_here import named_in

    assert named_in("院士工作站", "对规模以上企业新批准设立的院士、专家工作站分别给予市级补助经费20万元、10万元")
    assert named_in("院士工作站", "支持建设院士(专家)工作站")
    assert not named_in("人才公寓", "完善人才服务管理制度,分层分类提供定制化服务")


def test_things_the_asked_place_names_otherwise_are_answered_not_called_missing(real_bot):
    """临沧 writes 院士、专家工作站 and 技术合同交易额; 昆明 never writes 首次认定: none of these is 'no rule'."""
    station = chat(real_bot, "临沧对院士工作站给多少钱")[-1]
    assert station.found and "20万元" in station.direct_answer
    contracts = chat(real_bot, "临沧和官渡到2025年技术合同成交额分别定的多少？")[-1]
    assert "19亿元" in contracts.direct_answer and "8亿元" in contracts.direct_answer
    first = chat(real_bot, "首次认定高企，临沧和昆明分别有什么奖补？")[-1]
    assert "10万元" in first.direct_answer and "5万元" in first.direct_answer and "没有关于" not in first.direct_answer


def test_a_tier_said_as_a_change_keeps_the_subject_asked_before():
    from conftest import asked_before

    from policybot.answering.followups import condense

    first = "我公司在五华区，刚被认定为市级重点实验室，区里能给多少钱？"
    assert condense("那以后要是升成省级的呢", asked_before(first)) == "我公司在五华区，刚被认定为省级重点实验室，区里能给多少钱？"
    assert condense("国家级呢？", asked_before(first, "那以后要是升成省级的呢")) \
        == "我公司在五华区，刚被认定为国家级重点实验室，区里能给多少钱？"


def test_whether_a_place_lies_inside_another_is_answered_from_the_regions(real_bot):
    inside = chat(real_bot, "我们单位在安宁市，算不算昆明的？")[-1]
    assert inside.found and "安宁市属于昆明市" in inside.direct_answer
    assert "2022年—2024年" in inside.answer and inside.citations  # the applying document's period, quoted
    apart = chat(real_bot, "我们在观山湖区", "观山湖区属不属于云岩区？")[-1]
    assert not apart.found and "观山湖区不属于云岩区" in apart.direct_answer
    usable = chat(real_bot, "我们单位在安宁市", "昆明市那些科技政策我们能用吗？")[-1]
    assert usable.found and "适用于安宁市的是" in usable.direct_answer


def test_who_asks_before_a_document_question_does_not_stop_it(real_bot):
    number = chat(real_bot, "我在官渡这边园区做招商，官渡区科技兴区三年行动计划的文号是多少？")[-1]
    assert "官政发〔2023〕5号" in number.direct_answer
    named = chat(real_bot, "你好，我在云岩区做招商，想给企业介绍区里的科技政策。这个方案全称叫啥、谁发的、哪天发的？")[-1]
    assert "云岩区人民政府办公室" in named.direct_answer and "昆明" not in named.direct_answer


def test_a_quoted_code_asked_for_its_meaning_and_another_places_rule_claimed_after_the_question(real_bot):
    code = chat(real_bot, "官渡区对跨境电商有啥", "文件里那个“9710”是啥意思？")[-1]
    assert "跨境电商B2B直接出口" in code.direct_answer
    claimed = chat(real_bot, "我们是晋宁区的一家规上企业", "五华那边不是给2万吗？我们也按那个来呗")[-1]
    assert not claimed.found and "不适用于晋宁区" in claimed.direct_answer


def test_what_the_documents_do_in_a_field_is_quoted(real_bot):
    """"X方面有啥", "X这块有支持吗": the sentences naming the field, even a word most passages use (人才)."""
    talent = chat(real_bot, "你好，我是盘龙区一家生物医药公司的人事", "那市里人才方面有啥？")[-1]
    assert talent.found and "关于“人才”的表述" in talent.direct_answer
    tourism = chat(real_bot, "我们是官渡区做文旅数字化的公司，规上", "区里对文旅和科技结合这块有支持吗？")[-1]
    assert "文旅科技融合" in tourism.answer and "印发给你们" not in tourism.answer
    amount = chat(real_bot, "研发投入这块能补多少")[-1]  # a figure asked of a field is no such question
    assert "2%" in amount.direct_answer


def test_a_short_list_about_a_field_goes_on_with_what_the_plan_says_of_it(real_bot):
    """"官渡区对高层次人才有啥政策": two benefits without an amount; what the plan does for such people is mostly no
    money ("实行一人一策等灵活的引才政策"), quoted under the list as said without an amount."""
    reply = chat(real_bot, "你好,我刚从德国回来,在官渡一家生物医药公司做研发负责人。官渡区对高层次人才有啥政策?")[-1]
    assert reply.direct_answer.count("\n· ") >= 3 and "其他表述（未载明金额）" in reply.direct_answer
    assert "一人一策" in reply.answer and len(reply.citations) >= 3


def test_a_person_who_registered_a_company_where_it_studies_locates_it_there():
    from policybot.answering.asker import conversation_asker

    mine = conversation_asker([], "老师好～我在呈贡读研，刚注册了个小公司做生物传感器。昆明对我们这种小公司有啥扶持吗？")
    assert mine.region == "呈贡区"
    assert conversation_asker([], "我在网上看到临沧有个政策，注册了一家公司能拿吗").region == ""  # where it read, not where it is


def test_an_unhappy_asker_is_answered_honestly_and_a_closing_or_an_opener_is_small_talk(real_bot):
    """"你这机器人有啥用" was answered with "建设机器人集团贵阳产业园"; "…破系统" with "没有关于“系统”的规定"."""
    robot, system = (chat(real_bot, q)[-1] for q in ("搞半天啥具体数都没有，你这机器人有啥用", "你们这破系统，问半天没个准话"))
    for reply in (robot, system):
        assert reply.outcome == "welcome" and not reply.citations and "不会替文件编造" in reply.answer
    asked = chat(real_bot, "我们在官渡区", "搞了半天一个具体数都没有，我到底该找谁？")[-1]
    assert asked.outcome != "welcome"  # a real ask after the complaint is answered
    later = chat(real_bot, "临沧对院士工作站给多少钱", "好，我回去跟老板商量下")[-1]
    assert later.outcome == "welcome" and later.direct_answer.startswith("好的")
    opener = chat(real_bot, "你好 你能帮我查政策吗")[-1]
    assert opener.outcome == "welcome"


def test_more_benefits_after_this_one_are_a_list_and_a_person_asked_by_role_is_named(real_bot):
    from policybot.answering.docfact_cues import asked_facts

    assert asked_facts("除了这个，我们还能申请哪些？") == []  # more benefits, not this document's status
    assert asked_facts("这个还能申请吗？") == ["status"]
    both = chat(real_bot, "我在官渡这边园区做招商", "那个三年行动领导小组的办公室设在哪个局，主任是谁？")[-1]
    assert "区科工信局" in both.direct_answer and "戴伟" in both.direct_answer
    office = chat(real_bot, "领导小组办公室设在哪？")[-1]
    assert "区科工信局" in office.direct_answer and "戴伟" not in office.direct_answer


def test_a_place_asked_to_be_in_a_programme_is_no_question_of_containment(real_bot):
    """"昆明市的措施里不是提到滇中协同吗？曲靖算不算在里面？" asks of the plan's 滇中协同 clause, not whether 昆明 lies in 曲靖."""
    reply = chat(real_bot, "昆明市的措施里不是提到滇中协同吗？曲靖算不算在里面？")[-1]
    assert "不属于" not in reply.direct_answer and "昆曲玉楚红" in reply.answer
    three = chat(real_bot, "我们在安宁，算不算昆明的，算不算临沧的，算不算贵阳的？")[-1]
    assert "安宁市属于昆明市" in three.direct_answer and "安宁市不属于临沧市" in three.direct_answer
    assert "安宁市不属于贵阳市" in three.direct_answer


def test_the_steps_of_a_ladder_a_document_writes_are_read_off_every_chain(real_bot):
    """"瞪羚和独角兽中间还有一档叫啥": 昆明 writes two chains holding both steps; each one's answer, its sentence quoted."""
    between = chat(real_bot, "我们是盘龙区的企业", "瞪羚和独角兽中间还有一档叫啥？")[-1]
    assert "准独角兽企业[" in between.direct_answer and "上市高新技术企业[" in between.direct_answer
    assert len(between.citations) == 2
    before = chat(real_bot, "独角兽之前要经过哪几个阶段")[-1]
    assert "优秀雏鹰企业" in before.direct_answer
    opener = chat(real_bot, "你好，我刚开公司不久，这些政策词儿我都不太懂，能问问吗？")[-1]
    assert opener.outcome == "welcome"
    asked = chat(real_bot, "我们是官渡区的，研发投入能补多少，能问问吗？")[-1]
    assert asked.outcome == "answered"  # an ask before "能问问吗" is answered
