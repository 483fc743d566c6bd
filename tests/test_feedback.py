"""Feedback is append-only, survives restarts, and exports thumbs-down items as eval candidates."""

from __future__ import annotations

import json
import sqlite3

import pytest

from policybot.cli import main
from policybot.errors import PolicybotError
from policybot.feedback import FeedbackStore
from policybot.render import citation_card, highlight, search_results
from policybot.types import Citation

pytestmark = pytest.mark.unit


def test_store_survives_restart_and_is_append_only(tmp_path):
    path = tmp_path / "feedback.sqlite"
    store = FeedbackStore(path)
    store.add(1, "临沧研发机构补助多少？", "10万元[1]", True, [{"quote": "给予市级补助经费10万元"}])
    store.add(-1, "官渡区谁牵头？", "……", True, [{"quote": "牵头部门:区科工信局"}], comment="不对")
    store.close()
    again = FeedbackStore(path)
    rows = again.all()
    assert [r["rating"] for r in rows] == [1, -1] and rows[1]["comment"] == "不对" and rows[0]["created"]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        again._db.execute("DELETE FROM feedback")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        again._db.execute("UPDATE feedback SET rating = 1")
    with pytest.raises(PolicybotError):
        again.add(0, "q", "a", True, [])


def test_export_writes_thumbs_down_as_candidates(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    store = FeedbackStore(data / "feedback.sqlite")
    store.add(1, "好问题", "好回答", True, [])
    store.add(-1, "临沧新设研发机构条件？", "……[1]", True, [{"quote": "比重超过1.5%"}], comment="漏了备案")
    store.add(-1, "上海补贴？", "知识库中未找到依据", False, [])
    store.close()
    monkeypatch.setenv("POLICYBOT_DATA_DIR", str(data))
    out = tmp_path / "candidates.jsonl"
    assert main(["feedback", "export", "--out", str(out)]) == 0
    items = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(items) == 2
    assert items[0]["question"] == "临沧新设研发机构条件？" and items[0]["key_facts"] == []
    assert items[0]["sources"] == [{"quote": "比重超过1.5%"}] and items[0]["review"]["comment"] == "漏了备案"
    assert items[1]["answerable"] is False and items[1]["type"] == "unanswerable"


def test_rendering_escapes_document_and_user_text():
    c = Citation(n=1, doc_id="d", title="<b>标题</b>", issuer="<i>x</i>", doc_number=None, section="一、", quote="<script>alert(1)</script>",
                 chunk_id="c", period="2023—2025", expired=True, chunk_text="前<script>alert(1)</script>后", quote_start=1)
    html = citation_card(c)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>标题" not in html and "已过期" in html
    assert "<img" not in highlight("<img src=x onerror=alert(1)>研发", "研发") and "<mark>研发</mark>" in highlight("研发机构", "研发")
    assert "没有找到" in search_results([], "x")
