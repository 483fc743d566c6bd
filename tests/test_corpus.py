"""Cleaning and metadata over the five published documents."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS

from policybot.documents.corpus import build_document, clean_text, load_document
from policybot.errors import DocumentError

pytestmark = pytest.mark.unit

GUANDU = "kunming-guandu-2023-2025-tech-action-plan.txt"
KUNMING = "kunming-2022-2024-innovation-measures.txt"
LINCANG = "lincang-2023-2025-innovation-action-plan.txt"
WUHUA = "kunming-wuhua-2018-2020-innovation-action-plan.txt"
YUNYAN = "guiyang-yunyan-2023-innovation-action-plan.txt"

EXPECTED = {
    GUANDU: dict(title="昆明市官渡区科技兴区三年行动计划(2023-2025年)", title_kind="official", issuer="昆明市官渡区人民政府",
                 doc_number="官政发〔2023〕5号", issued=None, published="2023-03-31",
                 region=("云南省", "昆明市", "官渡区"), period="2023—2025"),
    KUNMING: dict(title=None, title_kind="descriptive", issuer=None, doc_number=None, issued=None, published=None,
                  region=("云南省", "昆明市"), period="2022—2024"),
    LINCANG: dict(title="临沧市加快创新驱动高质量发展三年行动方案(2023—2025年)", title_kind="official",
                  issuer="临沧市人民政府办公室", doc_number="临政办发〔2023〕53号", issued="2023-11-29",
                  published="2023-12-04", region=("云南省", "临沧市"), period="2023—2025"),
    WUHUA: dict(title="五华区贯彻落实昆明市创新驱动发展战略三年行动计划（2018-2020年）", title_kind="official",
                issuer="中共五华区委、五华区人民政府", doc_number="五发〔2018〕5号", issued="2018-05-07", published=None,
                region=("云南省", "昆明市", "五华区"), period="2018—2020"),
    YUNYAN: dict(title="云岩区提升科技创新动能行动方案", title_kind="official", issuer="云岩区人民政府办公室",
                 doc_number=None, issued="2023-04-18", published=None, region=("贵州省", "贵阳市", "云岩区"),
                 period="2023—2025"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_of_every_seed(name):
    doc = load_document(CORPUS / name, CORPUS)
    for field, value in EXPECTED[name].items():
        assert getattr(doc, field) == value, field


def test_untitled_document_is_labelled_descriptive_not_given_an_official_title():
    doc = load_document(CORPUS / KUNMING, CORPUS)
    assert doc.title is None
    assert "原文无标题" in doc.display_title and doc.title_kind == "descriptive"
    # the 文号 it cites (云办发〔2021〕36号) belongs to another document
    assert doc.doc_number is None
    assert doc.period_source == "validity clause"


def test_untitled_without_sidecar_falls_back_to_region_and_absent():
    raw = (CORPUS / KUNMING).read_text(encoding="utf-8")
    doc = build_document(raw, "x.txt", "x")
    assert doc.title is None and doc.title_kind == "absent"
    assert doc.display_title == "昆明市政策文件（原文未载标题）"


def test_sidecar_overrides_metadata(tmp_path):
    raw = (CORPUS / YUNYAN).read_text(encoding="utf-8")
    doc = build_document(raw, "y.txt", "y", {"doc_number": "云府办发〔2023〕9号", "period_end": 2026})
    assert doc.doc_number == "云府办发〔2023〕9号"
    assert doc.period == "2023—2026" and doc.period_source == "sidecar"
    with pytest.raises(DocumentError, match="unknown keys"):
        build_document(raw, "y.txt", "y", {"titel": "typo"})


BOILERPLATE = [
    "长者模式", "无障碍浏览", "返回首页", "当前位置", "索引号", "主题分类", "浏览次数", "字号", "主办单位", "承办单位",
    "运维单位", "ICP备", "公网安备", "网站标识", "网站地图", "官方公众号", "官方抖音号", "如若转载", "http", "www.",
    "政策解读:", "访谈解读", "政府信息公开指南",
]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_boilerplate_is_stripped_and_policy_text_kept(name):
    raw = (CORPUS / name).read_text(encoding="utf-8")
    clean = clean_text(raw)
    for marker in BOILERPLATE:
        assert marker not in clean, marker
    # every 牵头/责任 line of the source survives cleaning
    for line in raw.splitlines():
        if line.strip().startswith(("牵头部门", "责任部门", "牵头单位", "责任单位")):
            assert line.strip() in clean
    # the body is kept nearly whole: cleaning drops chrome, not policy
    body = sum(len(line.strip()) for line in raw.splitlines() if "。" in line)
    assert len(clean) > 0.9 * body


def test_boilerplate_lines_of_a_new_site_are_stripped():
    raw = "\n".join([
        "网站首页", "当前位置：首页 > 政策文件", "索引号：123", "发布机构：某某市科学技术局", "文号：某科发〔2024〕7号",
        "关于印发《某某市科技创新券管理办法》的通知", "一、总则", "第一条 为规范科技创新券管理，制定本办法。",
        "牵头部门：市科技局", "分享到：", "【打印】 【关闭窗口】", "版权所有：某某市人民政府", "滇ICP备12345号",
    ])
    doc = build_document(raw, "n.txt", "n")
    assert doc.issuer == "某某市科学技术局" and doc.doc_number == "某科发〔2024〕7号"
    assert doc.title == "某某市科技创新券管理办法"
    assert "牵头部门：市科技局" in doc.text
    for marker in ("分享到", "打印", "版权所有", "ICP", "当前位置", "索引号"):
        assert marker not in doc.text


def test_the_page_headers_fact_lines_are_kept_verbatim_apart_from_the_body():
    raw = "\n".join([
        "网站首页", "当前位置：首页 > 政策文件", "索引号：123", "发布机构：某某市科学技术局  发布日期：2024-05-06",
        "文\u3000号：某科发〔2024〕7号", "字号：[ ]", "关于印发《某某市科技创新券管理办法》的通知",
        "第一条 为规范科技创新券管理，制定本办法。", "分享到：", "版权所有：某某市人民政府",
    ])
    doc = build_document(raw, "n.txt", "n")
    assert doc.header.splitlines() == ["索引号：123", "发布机构：某某市科学技术局  发布日期：2024-05-06", "文 号：某科发〔2024〕7号"]
    assert doc.published == "2024-05-06" and "某科发" not in doc.text and "发布日期" not in doc.text
    chunk = doc.header_chunk()
    assert chunk.is_header and chunk.text == doc.header and chunk.section == ("发布页页头",)
    plain = build_document("关于印发《某某市科技创新券管理办法》的通知\n第一条 为规范科技创新券管理，制定本办法。", "p.txt", "p")
    assert plain.header == "" and plain.header_chunk() is None


def test_metadata_json_is_serialisable():
    doc = load_document(CORPUS / GUANDU, CORPUS)
    assert json.loads(json.dumps(doc.meta(), ensure_ascii=False))["period"] == "2023—2025"
