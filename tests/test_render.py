"""HTML pieces of the page: absolute relevance labels in 检索, the documents' outline that jumps to its sections."""

from __future__ import annotations

import pytest

from policybot.render import document_page, relevance


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
