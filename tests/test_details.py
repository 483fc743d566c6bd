"""A detail of a rule the rule does not state (贴息的具体比例, 能否叠加, what decides between 3万 and 5万, 是否收费): the
bold line says it is not stated, with no figure, and the rule is still quoted; a rule that states it is answered."""

from __future__ import annotations

import re

import pytest

from policybot.answering.bot import PolicyBot
from policybot.answering.details import asked_details, unstated
from policybot.answering.aspects import wants_figure
from policybot.text.citations import check_answer


@pytest.fixture(scope="module")
def bot(real_index):
    settings, embedder, index = real_index
    return PolicyBot(settings, embedder=embedder, index=index)


def _names(q):
    return [d.name for d in asked_details(q)]


@pytest.mark.unit
@pytest.mark.parametrize("q, names", [
    ("贴息具体是几个点？", ["rate"]),
    ("那贴息的利率是多少", ["rate"]),
    ("补助比例是多少", ["rate"]),
    ("区里和市里的能叠加拿吗？", ["stacking"]),
    ("这个能和高企奖励同时享受吗", ["stacking"]),
    ("到底给三万还是五万，按啥标准定？", ["range"]),
    ("啥情况给3万啥情况给5万", ["range"]),
    ("科技特派员来指导收不收费", ["fee"]),
    ("研发投入补助给多少？", []),
    ("我们能拿哪些补贴？", []),
    ("申报要满足什么条件？", []),
])
def test_the_detail_asked_is_read_from_its_cue(q, names):
    assert _names(q) == names


@pytest.mark.unit
def test_a_rule_states_a_detail_only_with_its_own_sign():
    rate, stacking, rng, fee = (next(d for d in asked_details(q)) for q in
                                ("贴息几个点", "能叠加吗", "啥情况给3万", "收费吗"))
    assert unstated(rate, "贴息几个点", "市级财政按照省级补贴标准1∶1进行配套")
    assert not unstated(rate, "补助比例多少", "按研发经费投入的2%给予基础补助")
    assert not unstated(rate, "贴息几个点", "按贷款利息的百分之五十给予贴息")
    # stacking between levels needs a level beside the stacking word; a rule's own two parts do not count
    assert unstated(stacking, "区里和市里的能叠加吗", "对企业给予基础补助和增量奖励两项叠加激励政策")
    assert not unstated(stacking, "区里和市里的能叠加吗", "与市级同类奖补不重复享受，按就高原则执行")
    assert not unstated(stacking, "基础补助和增量奖励能叠加吗", "对企业给予基础补助和增量奖励两项叠加激励政策")
    # a range with nothing deciding between its ends; a graded rule states it; no range: not this detail
    assert unstated(rng, "啥情况给3万", "按规定一次性给予3万元—5万元奖补")
    assert not unstated(rng, "啥情况给5万", "考核优秀的给予5万元，合格的给予3万元—4万元")
    assert not unstated(rng, "啥情况给钱", "一次性给予20万元奖补")
    assert unstated(fee, "收费吗", "通过选派科技特派员开展一对一精准指导")
    assert not unstated(fee, "收费吗", "为企业免费提供技术咨询服务")


@pytest.mark.unit
def test_a_demonstrative_is_no_count_asked():
    assert not wants_figure("这几个奖一般评完") and wants_figure("有几个奖")
    assert not wants_figure("那几项补贴怎么申请")


def _not_stated(a):
    line = re.sub(r"《[^》]*》|\[\d+\]", "", a.direct_answer)
    assert "未写明" in line and not re.search(r"\d", line), a.direct_answer
    assert a.citations and not check_answer(a.answer, a.citations), a.answer


@pytest.mark.integration
def test_a_rate_the_rule_refers_elsewhere_for_is_not_stated(bot):
    a = bot.ask("我们在晋宁，知识产权质押贷款贴息具体是几个点？")
    _not_stated(a)
    assert "1∶1" in a.answer  # what the rule does say is still quoted


@pytest.mark.integration
def test_stacking_a_district_and_a_city_rule_is_not_stated(bot):
    history = [{"role": "user", "content": "我们是官渡区的规上高企，研发投入市里和区里各有什么补助？"}]
    history.append({"role": "assistant", "content": bot.ask(history[0]["content"]).answer})
    a = bot.ask("区里和市里的能叠加拿吗？", history=history)
    _not_stated(a)


@pytest.mark.integration
def test_an_unstated_split_of_a_range_is_said_and_a_stated_rate_is_answered(bot):
    _not_stated(bot.ask("昆明市高新技术培育企业奖补3万到5万，啥情况给3万啥情况给5万？"))
    a = bot.ask("昆明市规上高企研发投入基础补助按什么比例？")
    assert a.outcome == "answered" and "2%" in a.direct_answer, a.direct_answer
