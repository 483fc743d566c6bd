"""Feedback is append-only, survives restarts, and exports thumbs-down items as eval candidates."""

from __future__ import annotations

import json
import sqlite3

import pytest

from policybot.cli.main import main
from policybot.errors import PolicybotError
from policybot.serving.web.render import citation_card, highlight, search_results
from policybot.types import Citation
from policybot.workspace.feedback import FeedbackStore

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


def test_a_changed_rating_counts_once_and_a_withdrawn_one_not_at_all(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.add(1, "临沧补多少？", "10万元[1]", True, [], answer_key="c1-a")
    store.add(-1, "临沧补多少？", "10万元[1]", True, [], answer_key="c1-a")
    store.add(-1, "临沧补多少？", "10万元[1]", True, [], comment="缺申报时间", answer_key="c1-a")
    store.add(1, "官渡谁牵头？", "区科工信局[1]", True, [], answer_key="c1-b")
    store.withdraw("c1-b")
    store.add(1, "老问题", "老回答", True, [])  # a rating from before answers had keys counts on its own
    current = store.current()
    assert [(r["question"], r["rating"], r["comment"]) for r in current] == [("临沧补多少？", -1, "缺申报时间"), ("老问题", 1, "")]
    assert len(store.all()) == 5 and sum(r["counts"] for r in store.all()) == 2
    store.add(-1, "官渡谁牵头？", "区科工信局[1]", True, [], answer_key="c1-b")  # rated again after withdrawing
    assert [r["rating"] for r in store.current() if r["answer_key"] == "c1-b"] == [-1]
    out = tmp_path / "cands.jsonl"
    assert store.export_candidates(out) == 2  # one per answer, not one per click
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store._db.execute("DELETE FROM withdrawals")


def test_a_database_from_before_answer_keys_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, rating INTEGER NOT NULL, "
                     "comment TEXT NOT NULL DEFAULT '', question TEXT NOT NULL, answer TEXT NOT NULL, found INTEGER NOT NULL, "
                     "citations TEXT NOT NULL); INSERT INTO feedback (created, rating, comment, question, answer, found, citations) "
                     "VALUES ('2026-01-01T00:00:00+00:00', -1, '', '旧问题', '旧回答', 1, '[]');")
    db.commit()
    db.close()
    store = FeedbackStore(path)
    store.add(1, "新问题", "新回答", True, [], answer_key="k")
    assert [(r["question"], r["answer_key"], r["counts"]) for r in store.all()] == [("旧问题", "", True), ("新问题", "k", True)]


def test_lookup_results_show_relevance_in_words_and_stop_at_their_section():
    from policybot.serving.web.render import relevance, section_parts
    from policybot.types import Chunk, Heading, PolicyDocument, ScoredChunk

    assert relevance(1.0, 0.9) == ("高", 100) and relevance(0.5, 0.9)[0] == "中" and relevance(0.1, 0.9)[0] == "低"
    text = "四、保障措施\n（一）加强领导。由科技局牵头。\n（二）强化资金。每年安排500万元。\n"
    doc = PolicyDocument(doc_id="d", slug="d", source="d.txt", text=text, title="t", display_title="t", title_kind="official",
                         issuer=None, doc_number=None, issued=None, published=None, region=("云南省",), period_start=None,
                         period_end=None, period_source=None, headings=(Heading(1, "四、保障措施", 0), Heading(2, "（一）加强领导。", 7),
                                              Heading(2, "（二）强化资金。", 23)))
    chunk = Chunk("c", "d", 0, 7, len(text), text[7:], ("四、保障措施", "（一）加强领导。"), "t", None, None, ("云南省",), None)
    parts = section_parts(ScoredChunk(chunk, 0.05), doc)
    assert parts[0] == (("四、保障措施", "（一）加强领导。"), "（一）加强领导。由科技局牵头。")
    assert parts[1][0] == ("四、保障措施", "（二）强化资金。") and "500万元" in parts[1][1]
    html = search_results([ScoredChunk(chunk, 0.05, coverage=0.9, dense=0.9)], "资金", {"d": doc})
    assert "相关度：高" in html and "本段之后：四、保障措施 › （二）强化资金。" in html and "得分" not in html
