"""Third session of 2026-12-04: two asks typed without a question mark between them ("…的目标呢还有…要到多少"), and a
target read from the sentence that states it, not from a heading naming two subjects."""

from __future__ import annotations

import pytest
from conftest import chat

from policybot.answering.asks import questions_in
from policybot.answering.targets import _owned


@pytest.mark.parametrize("message, parts", [
    ("那研发投入的目标呢还有有研发活动的企业数要到多少", ["那研发投入的目标呢？", "有研发活动的企业数要到多少"]),
    ("省级工作站呢，另外国家级的能给多少", ["省级工作站呢？", "国家级的能给多少"]),
    ("那市级的呢还有没有别的补贴", []),  # 还有没有: asks whether there is more, one ask
    ("那市级的呢还有吗", []),
    ("国家级的呢，还有星创天地", []),  # the second names a topic and asks nothing of its own: read with the first
])
def test_an_ask_closed_by_ne_and_another_joined_by_haiyou_are_two_questions(message, parts):
    assert questions_in(message) == parts


DOUBLING = "——有研发活动的企业数量和研发投入实现倍增。有研发活动的企业数量在2022年27家的基础上,2025年达到55家以上。"


def test_a_targets_subject_is_read_in_the_sentence_stating_its_figure():
    assert _owned((0, 1, 1, 0, ""), DOUBLING, {"研发投入": 1.0})[1] == 0  # the heading names it, the figure is not its
    assert _owned((0, 1, 1, 0, ""), "研发投入在2022年2.41亿元的基础上,2025年达到5亿元以上。", {"研发投入": 1.0})[1] == 1
    assert _owned((1, 0, 1, 0, "2025"), "持续强化研发投入", {"研发投入": 1.0}) == (1, 1, 0, 1, 0, "2025")  # no figure
    # a figure sentence with no subject of its own states the heading's figure
    one = "——科技创新平台数量实现倍增。在2022年29个的基础上,2025年达到50个以上。"
    assert _owned((0, 1, 1, 0, ""), one, {"科技创新平台": 1.0})[1] == 1


def test_a_follow_up_asking_one_doubled_measure_gets_that_measures_figure(real_bot):
    answers = chat(real_bot, "我们是贵阳市云岩区的企业，到2025年区里高企要到多少家", "贵阳市层面有没有对应的文件？",
                   "那研发投入的目标呢还有有研发活动的企业数要到多少")
    last = answers[-1].direct_answer
    assert "5亿元以上" in last and "55家以上" in last  # each ask its own line
    assert last.index("5亿元") < last.index("55家")
