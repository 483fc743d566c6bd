"""Several asks in one message: cut into parts only when the message asks about each item."""

import pytest

from policybot.answering.asks import split_asks

pytestmark = pytest.mark.unit

CORPUS = "院士工作站 专家工作站 省级 国家级 首次认定 重新认定 研发投入 高新技术企业"


def known(phrase: str) -> bool:
    return phrase in CORPUS


def test_two_places_asked_about_each_give_one_part_per_place():
    parts = split_asks("我们集团在官渡区和临翔区各有一家规上子公司，都在建院士工作站，两边分别能补多少？", known)
    assert [p.label for p in parts] == ["官渡区", "临翔区"]
    assert "临翔" not in parts[0].text and "官渡" not in parts[1].text
    assert all("院士工作站" in p.text and "补多少" in p.text for p in parts)
    assert parts[0].region.endswith("官渡区") and parts[1].region.endswith("临翔区")


def test_each_place_keeps_its_own_clause():
    parts = split_asks("临翔区那家刚首次评上高企，官渡区那家是第二次认定，各自能拿多少？", known)
    assert [p.label for p in parts] == ["临翔区", "官渡区"]
    assert "首次" in parts[0].text and "第二次" not in parts[0].text
    assert "第二次" in parts[1].text and "首次" not in parts[1].text


def test_a_place_and_the_city_containing_it_are_one_ask():
    assert split_asks("五华区和昆明市分别补多少？", known) == []


def test_two_topics_asked_about_each():
    parts = split_asks("院士工作站和专家工作站分别补多少？", known)
    assert [p.label for p in parts] == ["院士工作站", "专家工作站"]
    assert parts[0].text == "院士工作站分别补多少？" and parts[1].text == "专家工作站分别补多少？"


def test_tiers_of_one_rule_are_not_cut():
    assert split_asks("升到省级和国家级呢？", known) == []  # the direct line gives each tier its figure
    assert split_asks("首次认定和重新认定分别多少？", known) == []


def test_one_ask_is_not_cut():
    assert split_asks("研发投入补助多少？", known) == []
    assert split_asks("院士工作站和专家工作站有什么要求？", known) == []  # no 分别/各, not tiers
    assert split_asks("官渡区和临翔区哪里的政策好？", known) == []  # no ask about each


def test_an_item_does_not_start_with_a_particle():
    corpus = CORPUS + " 首次认定的高新技术企业 新设立研发机构"
    parts = split_asks("临沧市首次认定的高新技术企业和新设立研发机构分别补多少？", lambda p: p in corpus)
    assert [p.label for p in parts] == ["首次认定的高新技术企业", "新设立研发机构"]


def test_district_and_city_asked_about_each_are_the_askers_district_and_its_city():
    parts = split_asks("区里和市里对院士工作站各补多少？", known, home="五华区")
    assert [(p.label, p.region, p.own) for p in parts] == [("五华区", "五华区", True), ("昆明市", "昆明市", True)]
    assert "市里" not in parts[0].text and "区里" not in parts[1].text
    named = split_asks("我们是官渡区的企业，区里和市里分别补多少？", known)
    assert [p.label for p in named] == ["官渡区", "昆明市"]
    assert split_asks("区里和市里对院士工作站各补多少？", known) == []  # no district known
