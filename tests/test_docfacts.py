"""Questions about the documents themselves (title, issuer, 文号, date, period, in force, upper-level documents),
answered from their headers and clauses over the real corpus."""

from __future__ import annotations

import pytest

from policybot.answering.bot import PolicyBot
from policybot.answering.docfact_cues import asked_facts, is_document_question
from policybot.answering.docfacts import cited_in
from policybot.text.citations import check_answer

LINCANG = "lincang-2023-2025-innovation-action-plan"
GUANDU = "kunming-guandu-2023-2025-tech-action-plan"
WUHUA = "kunming-wuhua-2018-2020-innovation-action-plan"
KUNMING = "kunming-2022-2024-innovation-measures"
YUNYAN = "guiyang-yunyan-2023-innovation-action-plan"


@pytest.fixture(scope="module")
def bot(real_index):
    settings, embedder, index = real_index
    return PolicyBot(settings, embedder=embedder, index=index)


@pytest.fixture(scope="module")
def docs(bot):
    return list(bot.index.documents.values())


def _doc_id(bot, slug):
    return bot.index.document(slug).doc_id


def _checked(a):
    """A document-fact answer that passes the citation checks, every quote a slice of its passage."""
    assert a.outcome == "answered" and a.found, a.answer
    assert not check_answer(a.answer, a.citations)
    assert all(c.quote in c.chunk_text for c in a.citations)
    return a


# --- reading the question ------------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize("q, facts", [
    ("这个方案是哪年到哪年的？", ["period"]),
    ("这个方案是那年到那年的？", ["period"]),  # 那 typed for 哪
    ("还有效吗？", ["status"]),
    ("还有校吗？", ["status"]),  # 校 typed for 效
    ("过期了没？", ["status"]),
    ("现在还能用吗？", ["status"]),
    ("这些政策现在还能申请吗", ["status"]),
    ("什么时候发的？", ["issued"]),
    ("什么时侯发的？", ["issued"]),  # 侯 typed for 候
    ("文号是多少？", ["number"]),
    ("谁发的？", ["issuer"]),
    ("哪个部门出的？", ["issuer"]),
    ("是根据哪个文件制定的？", ["basis"]),
    ("执行期多长", ["period"]),
    ("文号是多少，哪个部门发的？", ["number", "issuer"]),
    ("临沧的方案叫什么名字", ["title"]),
    ("有效其多长", ["period"]),  # 其 typed for 期
    ("还能不能用", ["status"]),
    ("这个政策执行到哪一年", ["period"]),
    ("由哪个部门制定的", ["issuer"]),
    ("落实的哪个文件", ["basis"]),
])
def test_the_fact_asked_is_read_from_word_classes(docs, q, facts):
    assert asked_facts(q) == facts
    assert is_document_question(q, docs)


@pytest.mark.unit
@pytest.mark.parametrize("q", [
    "高企认定有效期几年？",  # the validity of a status the rules grant, not of a document
    "那三年到期以后重新认定还能再拿吗？",
    "官渡区到2025年有效期内的国家高新技术企业数量要突破多少家？",
    "临沧高企奖励什么时候发放？",
    "申报期限是多久",
    "这个补贴还能申请吗",
    "科技楼宇奖励还有吗",
    "临沧新设研发机构有什么补助？",
])
def test_a_rule_question_is_not_a_document_question(docs, q):
    assert not is_document_question(q, docs)


@pytest.mark.unit
def test_an_earlier_answer_names_its_documents_by_region_label_and_title(bot, docs):
    text = "可能适用于贵单位的扶持：\n· 【临沧市】规模以上企业新设立研发机构补助经费：10万元[1]"
    assert [d.slug for d in cited_in(text, docs)] == [LINCANG]
    assert [d.slug for d in cited_in("《五华区贯彻落实昆明市创新驱动发展战略三年行动计划（2018-2020年）》", docs)] == [WUHUA]


# --- each fact, for at least two documents -------------------------------------------------------------


@pytest.mark.integration
def test_period_is_quoted_as_the_document_writes_it(bot):
    a = _checked(bot.ask("临沧那个三年行动方案是哪年到哪年的？"))
    assert a.citations[0].doc_id == _doc_id(bot, LINCANG)
    assert "执行期为2023—2025年" in a.direct_answer and "已到期" in a.direct_answer
    b = _checked(bot.ask("昆明的措施执行期多长"))
    assert "2022年—2024年" in b.direct_answer and "有效期3年" in b.direct_answer
    assert "有效期3年(2022年—2024年)" in b.citations[0].quote


@pytest.mark.integration
def test_in_force_status_says_ended_as_of_today(bot):
    a = _checked(bot.ask("五华区的行动计划现在还能用吗？"))
    assert "2018-2020年" in a.direct_answer and "截至今天已到期" in a.direct_answer
    assert any("已到期" in w for w in a.warnings)
    b = _checked(bot.ask("官渡区的计划过期了没？"))
    assert "2023-2025年" in b.direct_answer and "已到期" in b.direct_answer


@pytest.mark.integration
def test_a_period_only_worked_out_from_targets_is_not_stated(bot):
    a = _checked(bot.ask("云岩区的方案还有效吗？"))
    assert "原文未写明执行期限" in a.direct_answer and "仍在执行期内" not in a.answer
    assert any("未写明执行期限" in w for w in a.warnings)


@pytest.mark.integration
def test_issuer_is_quoted_from_the_header_or_signature(bot):
    a = _checked(bot.ask("临沧的方案是哪个部门发的？"))
    assert "发文机关为临沧市人民政府办公室" in a.direct_answer and "临沧市人民政府办公室" in a.citations[0].quote
    b = _checked(bot.ask("云岩区的方案是谁发的？"))
    assert "云岩区人民政府办公室" in b.direct_answer and b.citations[0].doc_id == _doc_id(bot, YUNYAN)


@pytest.mark.integration
def test_doc_number_is_quoted_from_the_text_or_the_page_header(bot):
    a = _checked(bot.ask("五华区那个计划的文号是多少？"))
    assert "文号为五发〔2018〕5号" in a.direct_answer and "五发〔2018〕5号" in a.citations[0].quote
    # 临沧's 文号 is in the published page's header only: the header line is quoted, labelled as the header
    b = _checked(bot.ask("临沧那个三年行动方案的文号是多少？"))
    assert "文号为临政办发〔2023〕53号" in b.direct_answer
    assert b.citations[0].quote == "文  号:临政办发〔2023〕53号" and b.citations[0].section == "发布页页头"
    assert "发布页页头" in b.citations[0].formatted()


@pytest.mark.integration
def test_both_parts_of_a_two_part_question_are_answered_one_line_each(bot):
    a = _checked(bot.ask("官渡区的计划文号和发布日期分别是？"))
    lines = a.direct_answer.splitlines()
    assert len(lines) == 2 and "官政发〔2023〕5号" in lines[0] and "2023-03-31" in lines[1]
    assert [c.quote for c in a.citations] == ["文号: 官政发〔2023〕5号", "发布日期: 2023-03-31"]
    assert {c.doc_id for c in a.citations} == {_doc_id(bot, GUANDU)}
    b = _checked(bot.ask("临沧的方案是什么时候出的，文号多少？"))
    when, number, *identity = b.direct_answer.splitlines()  # then who issued it (what names it beside its date)
    assert "2023年11月29日" in when and "2023-12-04" in when and "临政办发〔2023〕53号" in number
    assert all("发文机关" in line for line in identity)


@pytest.mark.integration
def test_the_page_header_is_never_searched_nor_shown_as_a_passage(bot):
    doc = bot.index.document(GUANDU)
    assert "文号: 官政发〔2023〕5号" in doc.header and "官政发〔2023〕5号" not in doc.text
    assert not any("发布日期: 2023-03-31" in c.text for c in bot.index.chunks)
    a = _checked(bot.ask("官渡区的计划文号是多少？"))
    assert all(not sc.chunk.is_header for sc in a.evidence)
    assert bot.index.passage(a.citations[0].chunk_id) == doc.header  # a saved transcript restores the header card


@pytest.mark.integration
def test_issue_date_is_quoted_from_the_signature(bot):
    a = _checked(bot.ask("临沧的方案什么时候发的？"))
    assert "2023年11月29日" in a.direct_answer
    b = _checked(bot.ask("五华区的计划是哪天印发的？"))
    assert "2018年5月7日" in b.direct_answer


@pytest.mark.integration
def test_title_is_the_official_one_or_said_to_be_absent(bot):
    a = _checked(bot.ask("临沧的方案叫什么名字？"))
    assert "标题为《临沧市加快创新驱动高质量发展三年行动方案(2023—2025年)》" in a.direct_answer
    b = bot.ask("昆明的措施标题是什么？")
    assert b.outcome == "not_found" and "原文未载标题" in b.direct_answer


@pytest.mark.integration
def test_upper_level_documents_are_those_the_preamble_names(bot):
    a = _checked(bot.ask("昆明的措施是根据哪个上级文件制定的？"))
    assert "云办发〔2021〕36号" in a.direct_answer and "根据《中共云南省委办公厅" in a.citations[0].quote
    b = _checked(bot.ask("五华区的计划是依据什么文件制定的？"))
    assert "贯彻落实昆明市创新驱动发展战略" in b.direct_answer and "《国家创新驱动发展战略纲要》" in b.direct_answer


# --- which document ------------------------------------------------------------------------------------


@pytest.mark.integration
def test_follow_up_means_the_document_the_previous_answer_cited(bot):
    first = bot.ask("临沧市规模以上企业新设立研发机构能拿多少补助？")
    assert first.found
    history = [{"role": "user", "content": "临沧市规模以上企业新设立研发机构能拿多少补助？"},
               {"role": "assistant", "content": first.answer}]
    a = _checked(bot.ask("这个政策还有效吗？", history=history))
    assert {c.doc_id for c in a.citations} == {_doc_id(bot, LINCANG)}
    assert "2023—2025年" in a.direct_answer and "已到期" in a.direct_answer


@pytest.mark.integration
def test_a_fact_the_document_does_not_state_is_said_so_without_figures(bot):
    history = [{"role": "user", "content": "昆明的措施是根据哪个上级文件制定的？"},
               {"role": "assistant", "content": bot.ask("昆明的措施是根据哪个上级文件制定的？").answer}]
    a = bot.ask("文号是多少，哪个部门发的？", history=history)
    assert a.outcome == "not_found" and not a.citations
    assert "原文未载明文号" in a.direct_answer and "原文未载明发文机关" in a.direct_answer
    b = bot.ask("云岩区的方案有文号吗")
    assert b.outcome == "not_found" and "原文未载明文号" in b.direct_answer


@pytest.mark.integration
def test_typo_forms_are_understood(bot):
    a = _checked(bot.ask("临沧的方案是那年到那年的？"))
    assert "2023—2025年" in a.direct_answer
    b = _checked(bot.ask("五华区的计划什么时侯发的"))
    assert "2018年5月7日" in b.direct_answer


@pytest.mark.integration
def test_the_pages_filters_say_which_document(bot):
    a = _checked(bot.ask("这个方案还有效吗？", region="临沧市"))
    assert {c.doc_id for c in a.citations} == {_doc_id(bot, LINCANG)}
    b = _checked(bot.ask("文号是多少？", doc_id=_doc_id(bot, WUHUA)))
    assert "文号为五发〔2018〕5号" in b.direct_answer


@pytest.mark.integration
def test_the_asking_clause_after_the_askers_background_is_read(bot):
    a = _checked(bot.ask("我们是临翔区一家企业，这个方案还有效吗？"))
    assert {c.doc_id for c in a.citations} == {_doc_id(bot, LINCANG)} and "2023—2025年" in a.direct_answer


@pytest.mark.integration
def test_no_document_named_lists_the_fact_for_each(bot):
    a = _checked(bot.ask("这些文件都是谁发的？"))
    assert len(a.direct_answer.splitlines()) == len(bot.index.documents)
    assert "原文未载明发文机关" in a.direct_answer  # the 昆明 measures


@pytest.mark.integration
def test_rule_questions_still_take_the_retrieval_ladder(bot):
    a = bot.ask("官渡区到2025年有效期内的国家高新技术企业数量要突破多少家？")
    assert a.found and "320家" in a.answer


@pytest.mark.integration
def test_a_level_named_picks_that_levels_document(bot):
    # the previous answer cited the city's measures; "区里这个文件" is the asker's district's own plan
    history = []
    for q in ("您好，我们是五华区的国家高新技术企业，今年重新通过评审，区里有扶持吗？", "市里对这种连续认定的也有吗"):
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": bot.ask(q, history=list(history)).answer}]
    a = _checked(bot.ask("区里这个文件是哪年的，现在还有效吗？", history=history))
    assert {c.doc_id for c in a.citations} == {_doc_id(bot, WUHUA)} and "已到期" in a.direct_answer


@pytest.mark.unit
def test_a_conflict_between_policies_is_a_document_fact():
    assert asked_facts("如果跟市里以前的政策规定不一样听哪个的") == ["precedence"]
    assert asked_facts("那国家和省后来又出新政策呢") == ["precedence"]
    assert asked_facts("跟区里的政策冲突时听谁的?") == ["precedence"]
    assert asked_facts("研发投入补助多少") == []


@pytest.mark.integration
def test_the_documents_own_precedence_clause_is_quoted(bot):
    a = _checked(bot.ask("昆明市的措施跟以前的政策不一样的话听哪个的？"))
    assert "以本通知为准" in a.direct_answer and "从其规定" in a.direct_answer
    b = bot.ask("临沧的方案跟国家新出台的政策冲突时听谁的？")
    assert "原文未写明与其他政策不一致时以哪个为准" in b.direct_answer
