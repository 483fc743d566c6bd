"""The 政策匹配 form: what a company is working toward is a field of its own, read into the profile's plans."""

from __future__ import annotations

import pytest

from policybot.catalogue.extract import Item, yuan
from policybot.catalogue.matching import match
from policybot.serving.web.match import form_from_profile, profile_from_form


def _lab() -> Item:
    quote = "对认定为省级以上重点实验室、技术创新中心的给予市级补助经费100万元。"
    return Item(item_id="lab", doc_id="d", region=["云南省", "临沧市"], benefit="重点实验室补助经费",
                beneficiary="新认定的省级以上重点实验室、技术创新中心", conditions=[], amount="100万元",
                amount_max_yuan=yuan("100万元"), kind="grant", department=None, section="", period="2023-2025",
                expired=False, quote=quote, chunk_id="c", chunk_text=quote, basis=quote)


@pytest.mark.unit
def test_the_plans_field_is_read_one_line_a_plan():
    profile = profile_from_form("临沧市", "规上", [], "", "", None, "未说明", "未说明", "",
                                "正在申报省级重点实验室\n\n  准备建设院士工作站 ")
    assert profile.plans == ["正在申报省级重点实验室", "准备建设院士工作站"]
    assert profile.platforms == []  # a plan is not a holding
    [m] = match(profile, [_lab()], lambda _: False)
    assert m.status == "planned" and "省级重点实验室" in m.reasons[0]


@pytest.mark.unit
def test_without_the_plans_field_nothing_is_planned():
    profile = profile_from_form("临沧市", "规上", [], "", "", None, "未说明", "未说明", "")
    assert profile.plans == []
    [m] = match(profile, [_lab()], lambda _: False)
    assert m.status == "not_eligible"


@pytest.mark.unit
def test_a_description_fills_the_plans_field():
    from policybot.catalogue.profiles import parse_profile

    values = form_from_profile(parse_profile("临沧市规上企业，正在申报省级重点实验室"))
    assert len(values) == 9 and values[-1] == "正在申报省级重点实验室"
