"""The answer ladder: every outcome of a question is one answerer, tried in this order; the first that answers wins.

A new outcome is a new module here plus one line below. ``GATES`` decide before any answer is composed (and the
evidence is shown after them); ``ANSWERS`` compose one.
"""

from __future__ import annotations

from policybot.answering.answerers import (
    catalogue_list,
    complaint,
    context_lost,
    coverage,
    curated_answer,
    defined_term,
    document_facts,
    each_year,
    elsewhere,
    extractive,
    first_unstated,
    follow_up,
    grade_unstated,
    greeting,
    injection,
    ladder_steps,
    language,
    level_unstated,
    mentions,
    named_kinds,
    no_evidence,
    not_found,
    not_listed,
    not_theirs,
    own_level,
    pasted,
    place_named,
    place_role,
    procedure,
    quoted_back,
    quoted_term,
    recheck,
    rule_status,
    self_description,
    sequence,
    several,
    small_talk,
    tech_office,
    uncovered_place,
    unstated_detail,
    year_outside,
)
from policybot.answering.answerers.base import Answerer
from policybot.answering.turn import Turn
from policybot.types import Answer

GATES: tuple[Answerer, ...] = (
    greeting.ANSWERER,  # 你好 / 谢谢 / 你是谁
    complaint.ANSWERER,  # 问半天没个准话 / 你这机器人有啥用: what the assistant does and does not, no passage matched
    injection.ANSWERER,  # 忽略以上规则…
    small_talk.ANSWERER,  # 今天天气怎么样
    language.ANSWERER,  # What subsidies…? (the documents and every match are Chinese)
    recheck.ANSWERER,  # 我们还不是规上 (after an answer): noted, and the question before answered again when that changes
    self_description.ANSWERER,  # 我们是官渡区的规上企业 (nothing asked yet)
    sequence.ANSWERER,  # A？B？: each question answered in turn, the later reading the earlier
    rule_status.ANSWERER,  # 那个20万还算数吧: the rule, then its document's period and status
    document_facts.ANSWERER,  # 这个方案还有效吗 / 文号是多少
    place_named.ANSWERER,  # 昆明的文件里有没有提到曲靖: the sentences naming a place no document applies in
    coverage.ANSWERER,  # 有没有管曲靖的文件 / 这个方案对我们管用吗
    context_lost.ANSWERER,  # 那这个呢 (nothing to follow)
    uncovered_place.ANSWERER,  # 苏州吴江的研发补助
    no_evidence.ANSWERER,  # the chosen region or document holds nothing
    year_outside.ANSWERER,  # 2030年的补助
)
ANSWERS: tuple[Answerer, ...] = (
    curated_answer.ANSWERER,  # 人工审核答案
    pasted.ANSWERER,  # 文件里有这么一句“…”，是什么意思: the sentences holding the pasted passage, quoted whole
    catalogue_list.ANSWERER,  # 能申请哪些补贴
    not_theirs.ANSWERER,  # 临沧那个补助我们能申请吗 (asked from elsewhere): not theirs, said so
    tech_office.ANSWERER,  # 区里管科技的是哪个局: the office a place's plan makes its overall lead
    procedure.ANSWERER,  # 怎么申请 / 要交什么材料 / 几月份申报: what is said of applying, and what is not
    ladder_steps.ANSWERER,  # 瞪羚和独角兽中间还有一档叫啥: the steps of a chain a document writes, read off it
    defined_term.ANSWERER,  # 9810是啥: the sentence of a document that opens with the word and defines it
    quoted_term.ANSWERER,  # “4个1”到底是哪4个: a name a document coins, its definition or parts (or: not stated)
    own_level.ANSWERER,  # 区里自己有没有…: the district's own documents only
    named_kinds.ANSWERER,  # 市里有哪些基金可以对接: the names of that kind the documents quote
    mentions.ANSWERER,  # 新材料这块有啥说法 / 怎么说的: the sentences naming the topic, quoted
    place_role.ANSWERER,  # 晋宁区在市里的布局里定位是什么: the district's clause of the city's list
    quoted_back.POINTED,  # 你刚才说的20万是一次性的吗: the rule that answer stated
    each_year.ANSWERER,  # 每年培育几家: one line per year the passage states
    several.ANSWERER,  # 分别/各: one bold line per place or topic asked
    first_unstated.ANSWERER,  # 第一次评上高企有钱吗, where only a renewal is paid: no amount stated for a first one
    level_unstated.ANSWERER,  # 市级的孵化器有没有: a level the documents pay nothing for, said so (never another level's figure)
    grade_unstated.ANSWERER,  # 要是考核只是合格呢: a grade the rule pays nothing for, said so (never another grade's figure)
    unstated_detail.ANSWERER,  # 贴息几个点 / 能叠加吗, the rule silent on it: said so, the rule quoted
    not_listed.ANSWERER,  # 北交所上市算不算 (the rule lists 主板、科创板、创业板): the list quoted, the thing not in it
    extractive.ANSWERER,  # the asked figure, department or condition, quoted
    follow_up.ANSWERER,  # nothing found alone: read as a follow-up of the previous question
    quoted_back.ANSWERER,  # 上面说的那个1:1是硬性的吗: the rule an earlier answer stated with that figure
    tech_office.INSTEAD,  # 那区里这块找哪个部门 (no rule of the asker's place): its plan's overall lead, said as such
    elsewhere.ANSWERER,  # not here, but there (labelled as another region's)
    not_found.ANSWERER,  # nothing anywhere: said plainly
)


def first_answer(turn: Turn, answerers: tuple[Answerer, ...]) -> tuple[Answer | None, Answerer | None]:
    """The first answerer's answer, with the answerer that gave it; (None, None) when all pass."""
    for answerer in answerers:
        reply = answerer.answer(turn)
        if reply is not None:
            return reply, answerer
    return None, None
