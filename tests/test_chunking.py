"""Chunks follow the 公文 structure, stay within bounds and are verbatim slices."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS

from policybot.documents.chunking import chunk_document, count_tokens
from policybot.documents.corpus import build_document, load_document
from policybot.documents.loaders import list_corpus_files
from policybot.settings import ChunkingSettings
from policybot.text.structure import heading_level, is_heading_only

pytestmark = pytest.mark.unit
CFG = ChunkingSettings()
DOCS = [load_document(p, CORPUS) for p in list_corpus_files(CORPUS)]


def _chunks(doc):
    return chunk_document(doc, CFG)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.slug)
def test_every_chunk_is_a_verbatim_slice_within_bounds(doc):
    chunks = _chunks(doc)
    assert chunks
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert len(c.text) <= CFG.max_chars
        assert count_tokens(c.text) <= CFG.max_tokens
        assert c.doc_id == doc.doc_id and c.chunk_id.startswith("c")
    # chunks are in order, do not overlap, and together cover the whole text
    covered = "".join(doc.text[a.end : b.start] for a, b in zip(chunks, chunks[1:]))
    assert covered.strip() == ""
    assert all(a.end <= b.start for a, b in zip(chunks, chunks[1:]))
    assert len({c.chunk_id for c in chunks}) == len(chunks)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.slug)
def test_no_chunk_spans_two_top_level_sections(doc):
    for c in _chunks(doc):
        lines = c.text.split("\n")
        tops = [ln for ln in lines[1:] if heading_level(ln) == 1]
        assert not tops, f"chunk {c.ordinal} contains a second top-level heading {tops}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.slug)
def test_headings_never_end_a_chunk_alone(doc):
    for c in _chunks(doc):
        last = c.text.split("\n")[-1]
        assert not (heading_level(last) is not None and is_heading_only(last) and len(c.text.split("\n")) > 1), last


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.slug)
def test_responsibility_lines_stay_with_their_task(doc):
    for c in _chunks(doc):
        first = c.text.split("\n")[0]
        assert not re.match(r"^(牵头|责任|指导)(部门|单位)", first), f"chunk {c.ordinal} starts with {first}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.slug)
def test_chunk_sizes_are_mostly_in_the_target_band(doc):
    sizes = [len(c.text) for c in _chunks(doc)]
    in_band = [s for s in sizes if 100 <= s <= CFG.max_chars]
    assert len(in_band) >= 0.9 * len(sizes), sizes


def test_breadcrumbs_name_the_heading_path():
    guandu = next(d for d in DOCS if d.slug.startswith("kunming-guandu"))
    chunk = next(c for c in _chunks(guandu) if "3.完善双创孵化载体建设" in c.text)
    assert chunk.section == ("二、重点任务(6项行动)", "(一)实施科技创新主体培育行动", "3.完善双创孵化载体建设")
    assert chunk.breadcrumb.startswith("昆明市官渡区科技兴区三年行动计划(2023-2025年) › 二、重点任务")
    assert "牵头部门:区科工信局" in chunk.text
    lincang = next(d for d in DOCS if d.slug.startswith("lincang"))
    chunk = next(c for c in _chunks(lincang) if "经省级备案认定的给予市级补助经费10万元" in c.text)
    assert chunk.section == ("二、重点任务", "(三)支持企业提升创新能力")


def test_long_section_is_split_at_sentence_ends_only():
    body = "".join(f"第{i}句说明企业研发经费投入的补助办法和申报程序等具体事项要求。" for i in range(40))
    doc = build_document("一、总体要求\n（一）补助\n" + body + "\n牵头部门：市科技局\n二、保障措施\n加强组织领导。" * 1, "t.txt", "t")
    chunks = _chunks(doc)
    body_chunks = [c for c in chunks if "句说明" in c.text]
    assert len(body_chunks) >= 3
    for c in body_chunks[:-1]:
        assert c.text.endswith("。")
    assert "牵头部门：市科技局" in body_chunks[-1].text
    assert body_chunks[0].text.startswith("一、总体要求\n（一）补助")
    assert all(c.section[:2] == ("一、总体要求", "（一）补助") for c in body_chunks)
    sizes = [len(c.text) for c in body_chunks]
    assert max(sizes) - min(sizes) < 0.5 * max(sizes)  # evened out, no tiny tail


def test_chapters_and_articles_are_recognised():
    text = "第一章 总则\n第一条 为规范管理，制定本办法。\n第二条 本办法适用于全市。\n第二章 支持措施\n第三条 对新认定的企业给予10万元奖励。"
    doc = build_document(text, "r.txt", "r")
    assert [h.level for h in doc.headings] == [0, 1, 1, 0, 1]
    chunks = _chunks(doc)
    assert len(chunks) == 2 and chunks[1].section == ("第二章 支持措施", "第三条 对新认定的企业给予10万元奖励")


def test_nothing_is_lost_between_chunks_of_a_regulation():
    text = "第一章 总则\n第一条 为规范管理，制定本办法。\n第二条 本办法适用于全市。\n第二章 支持措施\n第三条 对新认定的企业给予10万元奖励。"
    doc = build_document(text, "r.txt", "r")
    joined = "\n".join(c.text for c in _chunks(doc))
    assert joined == doc.text
