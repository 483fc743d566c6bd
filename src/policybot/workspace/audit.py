"""The audit log of document management: who did what to which file, with the file's content hash.

Append-only SQLite (updates and deletes are refused by triggers); exported as CSV or JSON lines.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

from policybot.text.tabular import csv_text
from policybot.workspace.storage import append_only

_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
    file TEXT NOT NULL, sha256 TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL
);
""" + append_only("audit", "the audit log is append-only")
COLUMNS = ("id", "time", "who", "action", "file", "sha256", "outcome", "detail")
HEADINGS = ("时间（UTC）", "操作人", "操作", "文件", "内容哈希", "结果", "说明")
OUTCOMES = {"accepted": "完成", "rejected": "拒绝", "ok": "完成"}
ACTIONS = {"upload": "上传", "replace": "替换", "delete": "删除", "build": "重建索引", "cancel": "取消更新索引", "curated-add": "保存人工审核答案",
           "curated-enable": "启用人工审核答案", "curated-disable": "停用人工审核答案", "curated-delete": "删除人工审核答案"}


class AuditLog:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def write(self, who: str, action: str, file: str, sha256: str = "", outcome: str = "ok", detail: str = "") -> None:
        row = (dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), who or "", action, file, sha256, outcome, detail)
        with self._lock:
            self._db.execute("INSERT INTO audit (time, who, action, file, sha256, outcome, detail) VALUES (?,?,?,?,?,?,?)", row)
            self._db.commit()

    def rows(self, limit: int | None = None) -> list[dict]:
        """Newest first."""
        sql = f"SELECT {', '.join(COLUMNS)} FROM audit ORDER BY id DESC" + (" LIMIT ?" if limit else "")
        with self._lock:
            found = self._db.execute(sql, (limit,) if limit else ()).fetchall()
        return [dict(zip(COLUMNS, r)) for r in found]

    def table(self, limit: int | None = None, short: bool = True) -> list[list]:
        """Newest first, as a clerk reads it (columns ``HEADINGS``): Chinese words, times as YYYY-MM-DD HH:MM:SS
        (UTC); ``short`` cuts the hash to 12 characters."""
        return [[r["time"].replace("T", " ")[:19], r["who"], ACTIONS.get(r["action"], r["action"]), r["file"],
                 r["sha256"][:12] if short else r["sha256"], OUTCOMES.get(r["outcome"], r["outcome"]), r["detail"]]
                for r in self.rows(limit)]

    def to_csv(self, chinese: bool = False) -> str:
        """Oldest first: the stored values, or (``chinese``) the clerk's table with full hashes."""
        rows = self.table(short=False) if chinese else [[r[c] for c in COLUMNS] for r in self.rows()]
        return csv_text(HEADINGS if chinese else COLUMNS, reversed(rows))  # inert cells, a BOM for Excel

    def to_jsonl(self) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reversed(self.rows()))

    def close(self) -> None:
        self._db.close()
