"""Conversations of the page kept on the server, keyed by a random owner token the browser holds.

The browser keeps only its owner token (``gr.BrowserState``, encrypted), so what one page request carries
never grows with the conversation: the question, the filters and the token. The conversations themselves
(at most ``MAX_CONVERSATIONS`` per owner, ``MAX_TURNS`` turns each, the oldest dropped and counted) are rows
in ``data/conversations.sqlite`` (in memory when the data folder cannot be written, said in the log).
A conversation is ``{"id", "title", "updated", "dropped", "turns": [...]}`` as :mod:`.history` builds it.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import sqlite3
import threading
from pathlib import Path

from policybot.workspace.storage import open_or_memory

log = logging.getLogger(__name__)

MAX_CONVERSATIONS = 20
MAX_TURNS = 100
_OWNER = re.compile(r"[0-9a-f]{32}")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    owner TEXT NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    updated TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (owner, id)
);
"""


def new_owner() -> str:
    return secrets.token_hex(16)


def owner_of(state) -> str | None:
    """The owner token the browser sent back, or None when it is missing or not one of ours."""
    token = state.get("owner") if isinstance(state, dict) else None
    return token if isinstance(token, str) and _OWNER.fullmatch(token) else None


class ConversationStore:
    def __init__(self, path: Path):
        self._lock = threading.Lock()
        self._db, problem = open_or_memory(path, lambda db: db.executescript(_SCHEMA))
        if problem:
            log.warning("conversations are kept in memory until the server stops: %s", problem)

    def save(self, owner: str, conv: dict) -> dict:
        """Store ``conv`` (its oldest turns dropped past ``MAX_TURNS``, counted in ``dropped``); the owner's
        oldest conversations beyond ``MAX_CONVERSATIONS`` go. Returns the conversation as stored."""
        turns = list(conv.get("turns") or [])
        extra = max(0, len(turns) - MAX_TURNS)
        conv = {**conv, "turns": turns[extra:], "dropped": int(conv.get("dropped") or 0) + extra}
        body = json.dumps(conv, ensure_ascii=False)
        with self._lock:
            try:
                self._db.execute("INSERT OR REPLACE INTO conversations VALUES (?, ?, ?, ?, ?)",
                                 (owner, conv["id"], conv.get("title") or "", conv.get("updated") or "", body))
                self._db.execute(
                    "DELETE FROM conversations WHERE owner = ? AND id NOT IN (SELECT id FROM conversations WHERE owner = ? "
                    "ORDER BY updated DESC, rowid DESC LIMIT ?)", (owner, owner, MAX_CONVERSATIONS))
                self._db.commit()
            except sqlite3.Error as exc:  # a full disk: the page keeps the conversation in its session
                log.warning("conversation %s not saved: %s", conv["id"], exc)
        return conv

    def get(self, owner: str | None, conv_id: str | None) -> dict | None:
        if not owner or not conv_id:
            return None
        with self._lock:
            row = self._db.execute("SELECT body FROM conversations WHERE owner = ? AND id = ?", (owner, conv_id)).fetchone()
        return _loaded(row[0]) if row else None

    def latest(self, owner: str | None) -> dict | None:
        listed = self.listing(owner)
        return self.get(owner, listed[0]["id"]) if listed else None

    def listing(self, owner: str | None) -> list[dict]:
        """The owner's conversations, newest first: id, title, updated and the number of turns."""
        if not owner:
            return []
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, updated, json_array_length(body, '$.turns') FROM conversations WHERE owner = ? "
                "ORDER BY updated DESC, rowid DESC", (owner,)).fetchall()
        return [{"id": i, "title": t, "updated": u, "turns": n or 0} for i, t, u, n in rows]

    def delete(self, owner: str | None, conv_id: str | None) -> None:
        if not owner or not conv_id:
            return
        with self._lock:
            try:
                self._db.execute("DELETE FROM conversations WHERE owner = ? AND id = ?", (owner, conv_id))
                self._db.commit()
            except sqlite3.Error as exc:
                log.warning("conversation %s not deleted: %s", conv_id, exc)


def _loaded(body: str) -> dict | None:
    try:
        conv = json.loads(body)
    except ValueError:
        return None
    return conv if isinstance(conv, dict) and isinstance(conv.get("turns"), list) else None
