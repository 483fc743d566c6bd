"""Feedback on answers: 👍/👎 with an optional comment, stored append-only in SQLite.

A rating names the answer it is about (``answer_key``, one per answer shown): a changed rating or an added
comment is a new row for the same answer, and a withdrawn rating is a row in ``withdrawals``; the rows that
count (:meth:`FeedbackStore.current`) are the latest per answer. Nothing is ever updated or deleted.
Thumbs-down items export as candidate evaluation items for a person to review.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

from policybot.errors import PolicybotError, StorageError
from policybot.workspace.storage import append_only, open_or_memory

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
CREATE TABLE IF NOT EXISTS withdrawals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    answer_key TEXT NOT NULL
);
"""
_KEYED = "ALTER TABLE feedback ADD COLUMN answer_key TEXT NOT NULL DEFAULT ''"
_KEYS = ("id", "created", "rating", "comment", "question", "answer", "found", "citations", "answer_key")

MAX_COMMENT = 2000


class FeedbackStore:
    """SQLite when the data folder can be written; otherwise ratings are kept in memory and each one is
    reported as not saved (``StorageError``), never dropped silently."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self.unsaved: list[dict] = []  # ratings the database refused, kept until the process ends
        self.problem: str | None = None
        self._db, self.problem = open_or_memory(path, _open)

    def add(self, rating: int, question: str, answer: str, found: bool, citations: list[dict], comment: str = "",
            answer_key: str = "") -> int:
        if rating not in (-1, 1):
            raise PolicybotError("rating must be 1 (👍) or -1 (👎)")
        if not question.strip():
            raise PolicybotError("feedback needs the question it is about")
        comment = (comment or "").strip()[:MAX_COMMENT]
        row = (dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds"), rating, comment, question, answer,
               int(found), json.dumps(citations, ensure_ascii=False), answer_key or "")
        sql = ("INSERT INTO feedback (created, rating, comment, question, answer, found, citations, answer_key) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        return self._write(sql, row, dict(zip(_KEYS[1:], row)))

    def withdraw(self, answer_key: str) -> int:
        """The asker took their rating of this answer back: it no longer counts (the rows stay)."""
        if not answer_key:
            raise PolicybotError("withdrawing a rating needs the answer it is about")
        row = (dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds"), answer_key)
        return self._write("INSERT INTO withdrawals (created, answer_key) VALUES (?, ?)", row,
                           {"created": row[0], "answer_key": answer_key, "withdrawn": True})

    def _write(self, sql: str, row: tuple, kept: dict) -> int:
        with self._lock:
            try:
                if self.problem:
                    raise sqlite3.OperationalError(self.problem)
                cur = self._db.execute(sql, row)
                self._db.commit()
                return int(cur.lastrowid)
            except sqlite3.Error as exc:
                self._db.rollback() if not self.problem else None
                self.unsaved.append(kept)
                raise StorageError(
                    f"反馈未能写入数据库（{type(exc).__name__}：{exc}），已暂存在内存中，服务重启前可导出；"
                    "请联系管理员检查数据目录的权限和磁盘空间。"
                ) from exc

    def all(self) -> list[dict]:
        """Every row ever written, oldest first; ``counts`` says whether it is the rating that counts now."""
        with self._lock:
            rows = self._db.execute(f"SELECT {', '.join(_KEYS)} FROM feedback ORDER BY id").fetchall()
            withdrawn = dict(self._db.execute("SELECT answer_key, MAX(created) FROM withdrawals GROUP BY answer_key").fetchall())
        latest: dict[str, int] = {}
        out = []
        for row in rows:
            d = dict(zip(_KEYS, row))
            d["found"] = bool(d["found"])
            d["citations"] = json.loads(d["citations"])
            out.append(d)
            if d["answer_key"]:
                latest[d["answer_key"]] = d["id"]
        for d in out:
            key = d["answer_key"]
            later_withdrawal = key in withdrawn and withdrawn[key] >= d["created"]
            d["counts"] = not key or (latest[key] == d["id"] and not later_withdrawal)
        return out

    def current(self) -> list[dict]:
        """The ratings that count: one per answer (its latest, unless withdrawn after), plus unkeyed rows."""
        return [d for d in self.all() if d["counts"]]

    def export_all(self, out: Path) -> int:
        """Every rating (and any kept in memory only) as JSON lines: a full backup."""
        rows = self.all() + [_unsaved(r) for r in self.unsaved]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        return len(rows)

    def export_candidates(self, out: Path) -> int:
        """Thumbs-down items as evaluation candidates (evals/ schema), for a person to complete."""
        rows = [r for r in self.current() if r["rating"] < 0]
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


def _unsaved(kept: dict) -> dict:
    if kept.get("withdrawn"):
        return {**kept, "id": None, "unsaved": True}
    return {**kept, "id": None, "found": bool(kept["found"]), "citations": json.loads(kept["citations"]), "unsaved": True}


def _open(db: sqlite3.Connection) -> None:
    db.executescript(_SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(feedback)")}
    if "answer_key" not in columns:  # a database from before ratings named their answer
        db.execute(_KEYED)
    db.executescript(append_only("feedback", "feedback is append-only") + append_only("withdrawals", "feedback is append-only"))
    db.commit()
