"""What the 2026-12-03 (third) round showed: a note printed under a task's department lines belongs to that task; a
validity question that names a month is still a question about the document; "有没有出新的" is answered from what the
collection holds; the year gate names the documents it found; what the asker says it has or plans to do is the topic
of a bare ask after it."""

from __future__ import annotations

import re

import pytest
from conftest import chat

from policybot.answering.docfact_quotes import successor_facts
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.followups import condense
from policybot.answering.aspects import aspects
from policybot.answering.questions import own_question
from policybot.text.rules import group_bracket_in, preceding_department_span

_TASK = ("16.促进对外贸易创新发展。提升外贸企业创新能力。\n牵头部门:区商投局\n责任部门:区发改局、区科工信局\n"
         "9710,简称“跨境电商B2B直接出口”,适用于境内企业通过跨境电商平台达成交易后直接出口的货物。")


def test_a_note_after_a_tasks_department_lines_takes_those_lines():
    at = _TASK.index("9710")
    span = preceding_department_span(_TASK, (at, at + 10))
    assert span is not None and _TASK[span[0]:span[1]] == "牵头部门:区商投局\n责任部门:区发改局、区科工信局"


def test_a_new_task_between_the_lines_and_the_sentence_keeps_them_apart():
    text = _TASK.replace("9710,简称", "17.推动知识产权运营。9710,简称")
    at = text.index("9710")
    assert preceding_department_span(text, (at, at + 10)) is None
    assert preceding_department_span("研发投入补助按1%给予。", (0, 5)) is None  # no lines at all


def test_who_leads_a_task_asked_by_its_short_name_gets_the_tasks_lead(real_bot):
    answer = chat(real_bot, "我们是官渡区的企业", "外贸创新这块是哪个部门牵头")[-1]
    assert answer.found and "区商投局" in answer.direct_answer and "未写明" not in answer.direct_answer


@pytest.mark.parametrize("question, facts", [
    ("2021年以后有没有出新的三年计划", ["successor"]),
    ("这些政策到期后会出新一轮吗", ["successor"]),
    ("这个方案还有效吗", ["status"]),
    ("那国家和省后来又出新政策呢", ["precedence"]),  # the document's own rule for later upper-level policies
    ("研发投入新增了多少", []),
])
def test_whether_a_newer_document_followed_is_a_document_fact(question, facts):
    assert asked_facts(question) == facts


def test_a_newer_document_is_named_when_the_collection_holds_one(real_bot):
    docs = list(real_bot.index.documents.values())
    wuhua = next(d for d in docs if d.period_end == 2020)
    alone = successor_facts(wuhua, docs, real_bot.today())
    assert "执行期为2018-2020年" in alone[0].text and "没有" in alone[1].text and not alone[1].stated
    later = type(wuhua)(**{**wuhua.__dict__, "doc_id": "later", "period_start": 2021, "period_end": 2023,
                           "title": "五华区新一轮三年行动计划（2021-2023年）",
                           "display_title": "五华区新一轮三年行动计划（2021-2023年）"})
    named = successor_facts(wuhua, [*docs, later], real_bot.today())
    assert "之后的" in named[1].text and "2021-2023" in named[1].text


def test_asked_whether_a_new_plan_followed_the_asker_gets_its_own_places_plan(real_bot):
    answer = chat(real_bot, "我们是临沧的规上企业，新设研发机构有什么补助", "2025年以后还会出新的三年方案吗")[-1]
    # none newer in the collection: a not-found, with the plan's own period quoted beside it
    assert answer.outcome == "not_found" and answer.citations and "临沧" in answer.direct_answer
    assert "官渡" not in answer.direct_answer  # the other plan ending in 2025 is not the asker's
    assert "没有临沧市在它之后出台的新文件" in answer.direct_answer


def test_a_validity_question_with_a_month_is_answered_with_the_period(real_bot):
    answer = chat(real_bot, "我们是五华区的企业，高企再认定给多少", "这个到现在2026年12月还有效吗")[-1]
    assert answer.outcome == "answered" and "2018-2020" in answer.direct_answer and "已到期" in answer.direct_answer


def test_the_year_gate_names_the_documents_it_found(real_bot):
    answer = chat(real_bot, "五华区高企再认定2026年给多少")[-1]
    assert answer.outcome == "not_found" and "所问年份" in answer.direct_answer
    assert "五华区的行动计划" in answer.direct_answer and not re.search(r"\d", answer.direct_answer.replace("2026", ""))


@pytest.mark.parametrize("question, kept", [
    ("我们有个院士工作站，市里能给多少经费", "院士工作站"),
    ("我们是规上企业，能补多少", ""),  # what it is, not what it has: no topic
])
def test_what_the_asker_has_is_the_topic_of_a_bare_ask(question, kept):
    own = own_question(question)
    assert (kept in own) if kept else ("规上" not in own)


@pytest.mark.parametrize("question, previous, alone", [
    ("我们有个院士工作站，市里能给多少经费", "这部分奖励占不占学校绩效工资总额", True),
    ("我们想做知识产权贯标，区里哪个部门管", "外贸创新这块谁牵头", True),
    ("那这个找谁？", "外贸创新这块谁牵头", False),
])
def test_a_held_or_planned_subject_starts_a_new_ask(question, previous, alone):
    history = [{"role": "user", "content": previous}, {"role": "assistant", "content": "……"}]
    assert (condense(question, history) == question) is alone


def test_how_many_households_asks_a_target_not_a_condition():
    assert aspects("那官渡要求每年招引多少户科技型总部企业？") == ["target"]
    assert aspects("研发投入有什么要求") == ["condition"]


def test_a_new_place_subject_and_ask_stand_alone_despite_a_closing_ne():
    history = [{"role": "user", "content": "24年那个中间目标是多少?"}, {"role": "assistant", "content": "……"}]
    assert condense("云岩那边研发投入总额的目标呢?", history) == "云岩那边研发投入总额的目标呢?"
    assert condense("研发投入呢?", history) != "研发投入呢?"  # no place, no ask of its own: a follow-up


def test_what_a_plan_says_of_a_topic_includes_its_shorter_name_and_what_it_pays(real_bot):
    answer = chat(real_bot, "官渡区的科技兴区计划里对专精特新企业是怎么说的？")[-1]
    assert answer.found and "专精特新扶持资金" in answer.answer  # "兑现专精特新扶持资金" names only 专精特新
    assert len([c for c in answer.citations if not c.quote.startswith("牵头部门")]) == 3  # and the task's lead


def test_what_a_plan_wrote_of_a_topic_is_quoted(real_bot):
    answer = chat(real_bot, "云岩区的政策我们能用吗，离得很近", "那云岩那个方案大数据这块写了啥，了解一下")[-1]
    assert answer.found and "关于“大数据”的表述" in answer.direct_answer
    assert "贵州省智慧大数据创新中心" in answer.answer


def test_a_group_bracket_closes_the_group_a_heading_ends_it():
    text = "7. 加快高企培育。建立培育库。\n8. 加快专精特新培育。\n(责任单位:区工业和信息化局、区科学技术局)\n(四)营造创新生态\n9. 推动大数据。"
    span = group_bracket_in(text, text.index("建立"))
    assert span and text[span[0]:span[1]] == "(责任单位:区工业和信息化局、区科学技术局)"
    assert group_bracket_in(text, text.index("9.")) is None  # the text ends first
    assert group_bracket_in("1. 甲。\n(二)乙\n(责任单位:区科学技术局)", 0) is False  # the group ended without one


def test_who_handles_a_task_of_a_group_closed_by_one_bracket_gets_that_bracket(real_bot):
    answer = chat(real_bot, "云岩区加快高新技术企业培育是哪个部门负责")[-1]
    assert answer.found and "区科学技术局" in answer.direct_answer and "未写明" not in answer.direct_answer


def test_a_description_after_the_ask_does_not_make_a_follow_up_stand_alone():
    history = [{"role": "user", "content": "五华区研发投入排名奖励第一名给多少？"}, {"role": "assistant", "content": "……"}]
    assert condense("市里按比例的那个呢，我们不是高企", history) != "市里按比例的那个呢，我们不是高企"


def test_what_the_district_says_of_a_topic_comes_from_its_own_plan_first(real_bot):
    answer = chat(real_bot, "我手上有个官渡区的客户，做数字经济的，区里对数字经济有什么定位")[-1]
    assert answer.found and answer.direct_answer.startswith("昆明市官渡区的文件中")
    assert "数字经济先行区" in answer.direct_answer


def test_may_we_too_with_a_word_between_is_a_may_we_question(real_bot):
    answer = chat(real_bot, "我们是西山区做软件的", "听说官渡那边有研发后补助，我们能不能也搭上车")[-1]
    assert answer.outcome == "elsewhere" and "不适用于西山区" in answer.direct_answer
    assert "上车" not in answer.direct_answer  # no fragment of the phrasing named as a topic


def test_an_asker_from_an_uncovered_place_follows_up_on_the_place_it_asked_about(real_bot):
    answer = chat(real_bot, "大理的企业，你们这有大理的科技政策吗", "要是我们到昆明设个研发中心呢，市里有支持吗",
                  "国际对外科技合作示范企业那个多少")[-1]
    assert answer.found and "100万元" in answer.direct_answer


def test_a_clerks_formal_request_for_the_number_and_issuer_is_a_document_question(real_bot):
    answer = chat(real_bot, "我们是临翔区的企业", "请告知该政策依据文件的文号及发文单位，以便填写申报书“政策依据”栏。")[-1]
    assert answer.outcome == "answered" and "临政办发〔2023〕53号" in answer.direct_answer


def test_a_formal_word_for_case_is_no_topic_and_a_chip_is_an_integrated_circuit(real_bot):
    renewal = chat(real_bot, "本单位系临翔区规模以上工业企业，首次认定高企市级奖补标准为多少？",
                   "如属有效期届满后重新认定情形，补助标准为？")[-1]
    assert renewal.found and "5万元" in renewal.direct_answer and "情形" not in renewal.direct_answer
    chip = chat(real_bot, "我们是云岩区的企业", "芯片这块有没有孵化器")[-1]
    assert chip.found and "集成电路专业孵化器" in chip.answer


def test_a_topic_named_in_the_documents_own_word_is_not_said_to_be_missing(real_bot):
    answer = chat(real_bot, "我们在云岩区", "我就问一句，高企过了区里到底补不补钱？给个数")[-1]
    assert "没有关于“高企”" not in answer.direct_answer


def test_a_city_written_before_its_district_is_one_place_of_a_two_place_question(real_bot):
    answer = chat(real_bot, "我们在官渡和贵阳云岩都有公司，两边到2025年高企数量目标分别多少？")[-1]
    assert answer.found and "320家" in answer.direct_answer and "220家" in answer.direct_answer


def test_the_district_named_and_asked_as_such_is_answered_from_its_own_plan(real_bot):
    answer = chat(real_bot, "官渡的 高企 区里给钱吗 多少")[-1]
    assert answer.direct_answer.startswith("昆明市官渡区")
    assert "2%" not in answer.direct_answer  # the city's rate is not the district's


def test_a_terse_can_we_still_apply_of_this_document_is_its_status(real_bot):
    answer = chat(real_bot, "我们是官渡区的企业，研发投入市里给多少", "现在还能申吗 这文件")[-1]
    assert answer.outcome == "answered" and "已到期" in answer.direct_answer


@pytest.mark.parametrize("question, kept", [
    ("请告知该政策依据文件的文号及发文单位，以便填写申报书", "请告知该政策依据文件的文号及发文单位，以便填写申报书"),
    ("耿马这边的糖厂，规上企业，打算设个研发中心，市里有补助没？要满足啥条件", None),  # 啥 asks: the last clause kept
])
def test_a_formal_request_asks_and_so_does_a_clause_with_sha(question, kept):
    own = own_question(question)
    assert own == kept if kept else own.endswith("要满足啥条件")


def test_an_uncovered_asker_that_only_asks_about_another_place_is_told_none_applies(real_bot):
    answer = chat(real_bot, "我们公司在曲靖，想问问高企认定下来有没有奖励", "那我们曲靖企业的项目能进昆明的重大项目库吗",
                  "进了库给多少支持")[-1]
    assert answer.outcome == "not_found" and "没有适用于曲靖市的政策文件" in answer.direct_answer
    assert not answer.citations


def test_a_year_and_a_verb_ask_of_the_subject_before():
    history = [{"role": "user", "content": "专精特新到2025年总量要到几家？"}, {"role": "assistant", "content": "……"}]
    assert "专精特新" in condense("2024年那年培育几家？", history)
    assert condense("2024年高企培育几家？", history) == "2024年高企培育几家？"  # a subject of its own


def test_a_label_then_what_the_company_is_doing_describes_the_asker():
    from policybot.answering.asker import conversation_asker

    asker = conversation_asker(["西山区高企，准备科创板上市，市里有没有支持"], "我们还能申请哪些")
    assert asker.region == "西山区" and any("高新技术企业" in h or "高企" in h for h in asker.holds)


def test_a_figures_unit_and_the_word_after_it_are_no_topic(real_bot):
    answer = chat(real_bot, "我们是五华区的规上企业", "区里那3万和市里那10万能一起拿吗")[-1]
    assert "万能" not in answer.direct_answer  # "10万能一起拿吗": 万 ends the figure
