"""Feedback on answers: 👍/👎 with an optional comment, stored append-only in SQLite.

Thumbs-down items export as candidate evaluation items for a person to review.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

from .errors import PolicybotError, StorageError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    found INTEGER NOT NULL,
    citations TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS feedback_no_update BEFORE UPDATE ON feedback
BEGIN SELECT RAISE(ABORT, 'feedback is append-only'); END;
CREATE TRIGGER IF NOT EXISTS feedback_no_delete BEFORE DELETE ON feedback
BEGIN SELECT RAISE(ABORT, 'feedback is append-only'); END;
"""

MAX_COMMENT = 2000


class FeedbackStore:
    """SQLite when the data folder can be written; otherwise ratings are kept in memory and each one is
    reported as not saved (``StorageError``), never dropped silently."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self.unsaved: list[dict] = []  # ratings the database refused, kept until the process ends
        self.problem: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False)
            self._db.executescript(_SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            self.problem = f"{path}: {exc}"
            self._db = sqlite3.connect(":memory:", check_same_thread=False)
            self._db.executescript(_SCHEMA)

    def add(self, rating: int, question: str, answer: str, found: bool, citations: list[dict], comment: str = "") -> int:
        if rating not in (-1, 1):
            raise PolicybotError("rating must be 1 (👍) or -1 (👎)")
        if not question.strip():
            raise PolicybotError("feedback needs the question it is about")
        comment = (comment or "").strip()[:MAX_COMMENT]
        row = (dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), rating, comment, question, answer,
               int(found), json.dumps(citations, ensure_ascii=False))
        with self._lock:
            try:
                if self.problem:
                    raise sqlite3.OperationalError(self.problem)
                cur = self._db.execute(
                    "INSERT INTO feedback (created, rating, comment, question, answer, found, citations) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                self._db.commit()
                return int(cur.lastrowid)
            except sqlite3.Error as exc:
                self._db.rollback() if not self.problem else None
                self.unsaved.append(dict(zip(("created", "rating", "comment", "question", "answer", "found", "citations"), row)))
                raise StorageError(
                    f"反馈未能写入数据库（{type(exc).__name__}：{exc}），已暂存在内存中，服务重启前可导出；"
                    "请联系管理员检查数据目录的权限和磁盘空间。"
                ) from exc

    def all(self) -> list[dict]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, created, rating, comment, question, answer, found, citations FROM feedback ORDER BY id"
            ).fetchall()
        keys = ("id", "created", "rating", "comment", "question", "answer", "found", "citations")
        out = []
        for row in rows:
            d = dict(zip(keys, row))
            d["found"] = bool(d["found"])
            d["citations"] = json.loads(d["citations"])
            out.append(d)
        return out

    def export_all(self, out: Path) -> int:
        """Every rating (and any kept in memory only) as JSON lines: a full backup."""
        rows = self.all() + [{**r, "id": None, "found": bool(r["found"]), "citations": json.loads(r["citations"]),
                              "unsaved": True} for r in self.unsaved]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        return len(rows)

    def export_candidates(self, out: Path) -> int:
        """Thumbs-down items as evaluation candidates (evals/ schema), for a person to complete."""
        rows = [r for r in self.all() if r["rating"] < 0]
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as f:
            for r in rows:
                item = {
                    "id": f"feedback-{r['id']:04d}",
                    "question": r["question"],
                    "answerable": r["found"],
                    "key_facts": [],
                    "sources": [{"quote": c.get("quote", "")} for c in r["citations"] if c.get("quote")],
                    "type": "fact" if r["found"] else "unanswerable",
                    "review": {"status": "needs review", "comment": r["comment"], "answer_given": r["answer"], "created": r["created"]},
                }
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
        return len(rows)

    def close(self) -> None:
        self._db.close()
