"""Session of 2026-12-07 (sixteenth): what a company says it is not sure of ("不知道算不算规上企业", "是不是高企我也
不清楚") is neither held nor lacked: 政策匹配 names it as the one fact to confirm, and the conversation's asker neither
assumes it nor denies it."""

from __future__ import annotations

import pytest

from policybot.answering.asker import conversation_asker
from policybot.catalogue.holdings import holdings
from policybot.catalogue.matching import match
from policybot.catalogue.profiles import parse_profile
from tests.test_matching import FIRST, item

TECH = item("科技型企业", "对科技型企业给予10万元补助。")


def _status(text: str, it) -> tuple[str, list[str]]:
    m = match(parse_profile(text), [it], lambda _: False)[0]
    return m.status, m.reasons


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "我们在临沧，不知道算不算规上企业",
    "我们在临沧，规上企业吧，不太确定",
    "我们在临沧，是否属于规模以上企业拿不准",
])
def test_a_size_the_company_is_not_sure_of_is_no_size(text):
    assert parse_profile(text).size == ""
    assert conversation_asker([], text + "，研发投入能补多少").size == ""


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "我们在临沧，规上企业，不知道能拿多少",  # a doubt of something else
    "我们在临沧，是规上企业，研发能补多少",
])
def test_a_doubt_of_something_else_leaves_the_size_said(text):
    assert parse_profile(text).size == "规上"


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "我们在临沧，是不是高企我也不清楚",
    "我们在临沧，规上，不知道我们算不算高新技术企业",
    "我们在临沧，规上，高企，不太确定",
])
def test_a_recognition_the_company_is_not_sure_of_is_to_confirm(text):
    certs = [c for c in parse_profile(text).certifications if c.name == "高新技术企业"]
    assert certs and all(c.unsure for c in certs)  # kept, marked: neither held nor denied
    assert all(h.doubted for h in holdings(parse_profile(text)) if h.concept in ("高新技术企业", "科技型企业"))
    got, reasons = _status(text, FIRST)
    assert got == "possible" and reasons == ["需确认：是否为高新技术企业（贵单位表示不确定）"]
    got, reasons = _status(text, TECH)  # what a 高企 implies is as doubtful as the 高企
    assert got == "possible" and "不确定" in reasons[0]
    asker = conversation_asker([], text + "，研发投入能补多少")
    assert "高新技术企业" not in asker.holds and "高新技术企业" not in asker.lacks


@pytest.mark.unit
def test_said_without_doubt_it_stays_held_or_denied():
    assert _status("我们在临沧，规上，2024年首次认定高新技术企业", FIRST)[0] == "eligible"
    assert _status("我们在临沧，规上，不是高新技术企业", FIRST)[0] == "not_eligible"
    assert "高新技术企业" in conversation_asker([], "我们在临沧，规上高企，研发能补多少").holds


@pytest.mark.unit
def test_the_tier_before_is_to_confirm_when_the_company_doubts_it_belongs_there():
    other = item("其他规上企业", "规上高新技术企业等重点研发投入企业,按研发经费投入的2%给予基础补助,其他规上企业按研发经费投入的1%给予基础补助",
                 "按研发经费投入的1%", tier="其他规上企业")
    sure = _status("我们在临沧，规上，是高新技术企业", other)
    unsure = _status("我们在临沧，规上，不知道算不算高新技术企业", other)
    assert sure[0] == "not_eligible"
    assert unsure[0] in ("possible", "eligible") and unsure != sure
