"""HTML pieces of the page: absolute relevance labels in 检索, the documents' outline that jumps to its sections."""

from __future__ import annotations

import pytest

from policybot.serving.web.render import best_clause, document_page, relevance


@pytest.mark.unit
def test_relevance_is_absolute_a_passage_sharing_no_query_word_is_never_high():
    assert relevance(0.0, 0.99)[0] == "低"  # however close in meaning, and however poor the other results
    assert relevance(0.5, 0.9)[0] == "中" and relevance(0.9, 0.9)[0] == "高"
    assert relevance(0.9, 0.5)[0] != "高"  # the words are there but the passage is about something else


@pytest.mark.integration
def test_outline_entries_link_to_anchors_at_their_headings(real_index):
    import datetime as dt

    _, _, index = real_index
    doc = next(iter(index.documents.values()))
    page = document_page(doc, dt.date(2026, 12, 1))
    for i, h in enumerate(doc.headings):
        anchor = f'id="pb-doc-{doc.doc_id}-h{i}"'
        assert f'href="#pb-doc-{doc.doc_id}-h{i}"' in page and anchor in page
        after = page.split(anchor, 1)[1]
        assert after.split("</span>", 1)[1].lstrip().startswith(h.label[:2].replace("(", "（")) or h.label[:2] in after[:80]


@pytest.mark.unit
def test_a_copied_citation_is_the_clause_that_matches_not_the_section_with_its_heading_glued_on():
    section = "（三）扶持科技创新平台建设\n认定为国家级重点实验室的，给予50万元奖励；认定为省级的，给予20万元。\n其他平台按有关规定执行。"
    assert best_clause(section, "省级重点实验室 奖励") == "认定为国家级重点实验室的，给予50万元奖励；"
    assert best_clause(section, "") == "认定为国家级重点实验室的，给予50万元奖励；"  # the first clause, never the heading
    assert best_clause(section, "其他平台") == "其他平台按有关规定执行。"
