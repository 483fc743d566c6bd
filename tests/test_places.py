"""Places: every division of China, the places a text names, and which documents apply where."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from policybot.documents.corpus import extract_metadata
from policybot.text.places import (
    applicable_docs,
    applicable_label,
    applies,
    chains_in,
    covered_within,
    places_in,
    region_chain,
    region_label,
)

pytestmark = pytest.mark.unit

KUNMING = ("云南省", "昆明市")
GUANDU = ("云南省", "昆明市", "官渡区")
YUNYAN = ("贵州省", "贵阳市", "云岩区")


@pytest.mark.parametrize("text, chain", [
    ("苏州吴江的企业有什么补贴？", ("江苏省", "苏州市", "吴江区")),
    ("云南省大理白族自治州", ("云南省", "大理白族自治州")),
    ("大理州的企业", ("云南省", "大理白族自治州")),
    ("石林县", ("云南省", "昆明市", "石林彝族自治县")),
    ("双江的茶企", ("云南省", "临沧市", "双江拉祜族佤族布朗族傣族自治县")),
    ("黔东南", ("贵州省", "黔东南苗族侗族自治州")),
    ("内蒙古", ("内蒙古自治区",)),
    ("吴江市", ("江苏省", "苏州市", "吴江区")),  # renamed
    ("昆明高新区", ("云南省", "昆明市", "昆明高新技术产业开发区")),  # a development zone, from regions.json
    ("临沧市云县", ("云南省", "临沧市", "云县")),
    ("官渡", GUANDU),
])
def test_places_at_every_level_with_short_and_autonomous_forms(text, chain):
    assert chains_in(text)[0] == chain


@pytest.mark.parametrize("text, chain", [
    ("长春市朝阳区的企业", ("吉林省", "长春市", "朝阳区")),  # a named parent first
    ("北京朝阳区", ("北京市", "朝阳区")),
    ("广州白云区", ("广东省", "广州市", "白云区")),
    ("白云区", ("贵州省", "贵阳市", "白云区")),  # else the corpus's own places
    ("西山区", ("云南省", "昆明市", "西山区")),
    ("五华", ("云南省", "昆明市", "五华区")),  # not 广东 梅州 五华县
])
def test_ambiguous_names_resolve_by_context_then_the_corpus(text, chain):
    assert chains_in(text)[0] == chain


@pytest.mark.parametrize("text", ["朝阳产业", "城区建设", "资源共享", "合作交流", "长治久安", "各区和县", "科技创新资源",
                                  "广西山区企业"])
def test_common_words_are_not_places(text):
    assert places_in(text) in ([], ["广西壮族自治区"])


def test_most_specific_first_and_region_chain():
    assert places_in("昆明市五华区") == ["五华区", "昆明市"]
    assert region_chain("昆明") == KUNMING and region_chain("没有地名") == ()


def test_a_rule_applies_in_its_place_and_the_places_inside_it():
    assert applies(KUNMING, "官渡区") and applies(KUNMING, "昆明市") and applies(("云南省",), "西山区")
    assert not applies(GUANDU, "昆明市") and not applies(KUNMING, "临沧市") and not applies((), "昆明市")


def _docs(*regions):
    return [SimpleNamespace(doc_id=f"d{i}", region=r) for i, r in enumerate(regions)]


def test_applicable_docs_up_the_chain_else_down():
    docs = _docs(KUNMING, GUANDU, ("云南省", "昆明市", "五华区"), YUNYAN, ("云南省", "临沧市"))
    assert applicable_docs(docs, "官渡区") == {"d0", "d1"}
    assert applicable_docs(docs, "西山区") == {"d0"}
    assert applicable_docs(docs, "贵阳市") == {"d3"}  # none of its own: the plan of a district inside it
    assert applicable_docs(docs, "大理州") == set() and applicable_docs(docs, "不是地名") == set()


def test_what_was_searched_for_a_place_is_named_so():
    docs = _docs(KUNMING, GUANDU, YUNYAN)
    assert applicable_label(docs, "官渡区") == "官渡区及昆明市"
    assert applicable_label(docs, "西山区") == "昆明市（适用于西山区）"
    assert applicable_label(docs, "贵阳市") == "贵阳市下辖云岩区"
    assert applicable_label(docs, "云岩区") == "云岩区"


def test_region_labels_say_how_a_document_applies():
    assert region_label(KUNMING, "官渡区") == "昆明市（适用于官渡区）"
    assert region_label(YUNYAN, "贵阳市") == "云岩区（贵阳市下辖）"
    assert region_label(GUANDU, "官渡区") == "昆明市官渡区" and region_label(GUANDU) == "昆明市官渡区"


def test_an_uncovered_place_names_the_nearest_place_containing_it_that_has_documents():
    docs = _docs(KUNMING, ("云南省", "临沧市"))
    assert covered_within(docs, "大理州") == "；云南省只收录了临沧市、昆明市的政策，不适用于大理白族自治州"
    assert covered_within(docs, "苏州吴江") == ""


@pytest.mark.parametrize("issuer, number, region", [
    ("云南省大理白族自治州人民政府", None, ("云南省", "大理白族自治州")),
    ("苏州市人民政府", "吴江政发〔2023〕5号", ("江苏省", "苏州市", "吴江区")),  # the 文号 names a county of the issuer
    ("苏州市人民政府", "吴政发〔2023〕5号", ("江苏省", "苏州市")),  # 吴中区 or 吴江区: the 文号 alone does not say
    ("昆明市人民政府", "盘政发〔2023〕5号", ("云南省", "昆明市", "盘龙区")),
    ("昆明市人民政府", "吴政发〔2023〕5号", KUNMING),  # …only of the issuer's place
    ("临沧市人民政府办公室", "临政办发〔2023〕53号", ("云南省", "临沧市")),  # 临 is 临沧 itself, not 临翔区
])
def test_a_documents_place_from_its_issuer_title_and_number(issuer, number, region):
    raw = f"发布机构：{issuer}\n" + (f"文号：{number}\n" if number else "") + "关于印发《科技创新若干措施》的通知\n正文……"
    assert extract_metadata(raw, raw)["region"] == region


# --- over the real corpus -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bot(real_index):
    from policybot.answering.bot import PolicyBot

    settings, embedder, index = real_index
    return PolicyBot(settings, embedder=embedder, index=index)


def _doc(bot, slug):
    return bot.index.document(slug).doc_id


@pytest.mark.integration
@pytest.mark.parametrize("question, region", [("独角兽企业奖补多少钱", "官渡区"), ("官渡区独角兽企业奖补多少钱？", None)])
def test_a_city_measure_answers_a_question_about_its_district(bot, question, region):
    a = bot.ask(question, region=region)
    assert a.found and a.outcome == "answered" and not a.notice
    assert "【昆明市（适用于官渡区）】" in a.answer and "500万元" in a.answer and "只适用于" not in a.answer


@pytest.mark.integration
def test_a_list_answer_labels_a_city_measure_as_applying_in_the_district(bot):
    a = bot.ask("官渡区有哪些研发补贴？")
    lines = [x for x in a.answer.splitlines() if x.startswith("· ")]
    assert a.outcome == "answered" and any(x.startswith("· 【昆明市（适用于官渡区）】") for x in lines)
    assert all(x.startswith(("· 【昆明市（适用于官渡区）】", "· 【昆明市官渡区】")) for x in lines)


@pytest.mark.integration
@pytest.mark.parametrize("question, region, searched", [
    ("官渡区对企业技改项目补贴多少？", None, "官渡区及昆明市的政策文件中没有"),
    ("技改项目补贴多少", "官渡区", "官渡区及昆明市的政策文件中没有"),
    ("西山区对企业技改项目补贴多少？", None, "昆明市（适用于西山区）的政策文件中没有"),
])
def test_not_found_names_the_documents_searched_for_the_place(bot, question, region, searched):
    a = bot.ask(question, region=region)
    assert a.outcome == "not_found" and searched in a.answer and "只适用于" not in a.answer


@pytest.mark.integration
def test_a_filter_and_a_question_about_sibling_districts_clash_though_their_city_applies_in_both(bot):
    a = bot.ask("官渡区独角兽企业奖补多少钱？", region="五华区")
    assert a.found and "五华区" in a.notice and "官渡区" in a.notice and "【昆明市（适用于官渡区）】" in a.answer
    assert a.suggestions == ["五华区独角兽企业奖补多少钱？"]
    assert not bot.ask("云岩区科技创新有什么奖励", region="贵阳市").notice  # a place inside the filter's


@pytest.mark.integration
def test_the_region_filter_keeps_the_documents_of_the_places_containing_it(bot):
    kunming, wuhua = _doc(bot, "kunming-2022-2024-innovation-measures"), _doc(bot, "kunming-wuhua-2018-2020-innovation-action-plan")
    found = {sc.chunk.doc_id for sc in bot.search("独角兽企业 奖补 研发投入", k=20, region="五华区")}
    assert kunming in found and found <= {kunming, wuhua}
    yunyan = _doc(bot, "guiyang-yunyan-2023-innovation-action-plan")
    assert {sc.chunk.doc_id for sc in bot.search("科技创新", k=5, region="贵阳市")} == {yunyan}  # a district's plan
    assert bot.search("科技创新", k=5, region="大理州") == []


@pytest.mark.integration
def test_a_city_question_is_answered_from_its_districts_plan_labelled_so(bot):
    a = bot.ask("研发投入补助多少", region="贵阳市")
    assert a.outcome == "answered" and "【云岩区（贵阳市下辖）】" in a.answer


@pytest.mark.integration
@pytest.mark.parametrize("question, named, nearest", [
    ("大理州的企业研发补助多少？", "大理白族自治州", "云南省只收录了"),
    ("苏州吴江的企业研发补助多少？", "苏州市吴江区", None),
    ("长春市朝阳区的企业有什么补贴", "长春市朝阳区", None),
])
def test_a_place_without_documents_is_named_in_the_refusal(bot, question, named, nearest):
    a = bot.ask(question)
    assert a.outcome == "not_found" and f"知识库未收录{named}的政策" in a.answer and not a.citations
    assert (nearest in a.answer) if nearest else "只收录了" not in a.answer
    assert "临沧市" in a.answer and not any(ch.isdigit() for ch in a.answer)


@pytest.mark.integration
def test_the_catalogue_and_matching_read_places_the_same_way(bot):
    from policybot.catalogue.listing import filtered, run_match
    from policybot.catalogue.profiles import Profile

    items = bot.index.catalogue
    wuhua = filtered(items, region="五华区")
    assert {it.region[-1] for it in wuhua} == {"昆明市", "五华区"}
    assert {it.region[-1] for it in filtered(items, region="贵阳市")} == {"云岩区"}
    assert filtered(items, region="大理州") == [] and filtered(items, region="西山区") == filtered(items, region="昆明市")
    result = run_match(Profile(region="西山区"), items, bot.index.documents, bot.today())
    for i in result["items"]:
        crossed = any(r.startswith("地区不符") for r in i["reasons"])
        assert crossed == (i["region"][-1] != "昆明市"), i["region"]


@pytest.mark.integration
def test_the_api_region_field_means_the_same(bot, tmp_path):
    from fastapi.testclient import TestClient

    from policybot.serving.api import create_app
    from policybot.workspace.feedback import FeedbackStore

    client = TestClient(create_app(bot.settings, bot, FeedbackStore(tmp_path / "f.sqlite"), with_ui=False))
    kunming = _doc(bot, "kunming-2022-2024-innovation-measures")
    hits = client.post("/api/search", json={"query": "独角兽企业 奖补", "region": "五华区", "k": 10}).json()
    assert kunming in {h["doc_id"] for h in hits}
    a = client.post("/api/ask", json={"question": "独角兽企业奖补多少钱", "region": "官渡区"}).json()
    assert a["outcome"] == "answered" and "昆明市（适用于官渡区）" in a["answer"]
    cat = client.get("/api/catalogue", params={"region": "西山区"}).json()
    assert cat and {i["region"][-1] for i in cat} == {"昆明市"}


@pytest.mark.integration
def test_search_results_say_how_each_passage_applies_in_the_filtered_place(bot):
    from policybot.serving.web.render import search_results

    results = bot.search("独角兽企业 奖补", k=5, region="五华区")
    html = search_results(results, "独角兽企业 奖补", bot.index.documents, "五华区")
    assert "地区：昆明市（适用于五华区）" in html
    assert results[0].to_json(1)["region"] == list(results[0].chunk.region)


@pytest.mark.parametrize("follow_up, resolved", [("那西山区呢？", "西山区高企认定奖励多少？"),
                                                 ("那苏州吴江呢？", "苏州吴江高企认定奖励多少？"),
                                                 ("那大理州呢？", "大理州高企认定奖励多少？")])
def test_a_region_swap_reads_any_place(follow_up, resolved):
    from policybot.answering.followups import condense

    assert condense(follow_up, [{"role": "user", "content": "官渡区高企认定奖励多少？"}]) == resolved


def test_a_profile_reads_any_place():
    from policybot.catalogue.matching import profile_chain
    from policybot.catalogue.profiles import parse_profile

    profile = parse_profile("我们是苏州吴江的规上企业")
    assert profile.region == "吴江区" and profile_chain(profile) == ("江苏省", "苏州市", "吴江区")


def test_a_question_about_several_places_keeps_them_all():
    from policybot.answering.questions import with_context

    assert with_context("各地研发投入强度目标分别是多少？", "官渡区、五华区、临沧市。") == \
        "官渡区、五华区、临沧市各地研发投入强度目标分别是多少？"


@pytest.mark.integration
def test_a_question_about_two_places_is_answered_for_each_not_listed_for_one(bot):
    a = bot.ask("首次认定高企，临沧和昆明分别有什么奖补？")
    assert a.outcome == "answered" and "10万元" in a.answer
    assert {bot.index.documents[c.doc_id].region[-1] for c in a.citations} == {"临沧市", "昆明市"}
