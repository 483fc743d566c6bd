"""SQLite helpers shared by the append-only stores (feedback, the question log, resolutions, the audit log)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path


def append_only(table: str, message: str) -> str:
    """Triggers that refuse any UPDATE or DELETE on ``table`` with ``message``."""
    return "".join(f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{message}'); END;\n" for verb in ("UPDATE", "DELETE"))


def open_or_memory(path: Path, init: Callable[[sqlite3.Connection], None]) -> tuple[sqlite3.Connection, str | None]:
    """The database at ``path`` set up by ``init``; when the data folder cannot be written, one in memory and
    the reason (the caller reports it: nothing written there outlives the process)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, check_same_thread=False)
        init(db)
        return db, None
    except (OSError, sqlite3.Error) as exc:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        init(db)
        return db, f"{path}: {exc}"
