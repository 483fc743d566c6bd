"""Matching: a recognition written among a company's achievements is its own platform or certificate."""

from __future__ import annotations

import pytest

from policybot.catalogue.holdings import holdings
from policybot.catalogue.profiles import Profile

pytestmark = pytest.mark.unit


def _held(achievement: str) -> list[tuple[str, int | None, bool, int | None]]:
    profile = Profile(region="云南省临沧市双江县", achievements=[achievement])
    return [(h.concept, h.level, h.new, h.year) for h in holdings(profile)]


@pytest.mark.parametrize("text, concept, level, year", [
    ("2023年新批准设立专家工作站", "专家工作站", None, 2023),
    ("2019年认定为市级工程技术研究中心", "工程技术研究中心", 1, 2019),
    ("2022年获批省级企业技术中心", "企业技术中心", 2, 2022),
])
def test_a_recognition_among_achievements_is_held(text, concept, level, year):
    assert any(c == concept and lv == level and y == year for c, lv, _, y in _held(text)), _held(text)


@pytest.mark.parametrize("text, concept", [
    ("孵化器内去年新认定高新技术企业5家", "高新技术企业"),  # companies it counts, not its own recognition
    ("帮助3家企业获批省级企业技术中心", "企业技术中心"),
    ("参与了省级企业技术中心的建设", "企业技术中心"),  # no recognition word
])
def test_what_an_achievement_counts_of_others_is_not_held(text, concept):
    assert all(c != concept for c, *_ in _held(text)), _held(text)
