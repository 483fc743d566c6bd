"""Conversations kept in the asker's browser (``gr.BrowserState``, encrypted with a server-side key):
opened again after a reload with their sources and ratings, listed, deleted, exported.

A conversation is ``{"id", "title", "updated", "turns": [{"question", "answer", "key", "rating"}]}``;
``answer`` is :func:`policybot.transcript.turn_json`'s, ``key`` names the answer for ratings."""

from __future__ import annotations

import datetime as dt
import html
import json
import secrets
import uuid
from pathlib import Path

from ..transcript import answer_from_json, turn_json
from ..types import Answer
from .messages import bubble

MAX_CONVERSATIONS = 20
MAX_TURNS = 30
MAX_BYTES = 1_500_000  # well inside a browser's localStorage quota, encrypted and encoded


def browser_secret(data_dir: Path) -> str:
    """The key BrowserState encrypts with, kept in the data folder so history survives a server restart
    (a fresh random key when the folder cannot be written: history then lasts until the restart)."""
    path = data_dir / "browser-state.key"
    try:
        if path.exists():
            return path.read_text(encoding="utf-8").strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(16)
        path.write_text(key, encoding="utf-8")
        path.chmod(0o600)
        return key
    except OSError:
        return secrets.token_hex(16)


def new_conversation() -> dict:
    return {"id": uuid.uuid4().hex[:12], "title": "", "updated": _now(), "turns": []}


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def add_turn(conv: dict | None, question: str, answer: Answer) -> dict:
    conv = dict(conv or new_conversation())
    turns = list(conv["turns"])[-(MAX_TURNS - 1):]
    key = f"{conv['id']}-{uuid.uuid4().hex[:8]}"
    turns.append({**turn_json(question, answer), "key": key, "rating": 0})
    title = conv["title"] or " ".join(question.split())[:30]
    return {**conv, "title": title, "updated": _now(), "turns": turns}


def rate(conv: dict, turn: int, rating: int) -> dict:
    turns = [dict(t) for t in conv["turns"]]
    turns[turn]["rating"] = rating
    return {**conv, "turns": turns}


def valid(conversations) -> list[dict]:
    """What the browser sent back, keeping only well-formed conversations (a damaged store loses nothing else)."""
    out = []
    for c in conversations if isinstance(conversations, list) else []:
        if isinstance(c, dict) and isinstance(c.get("id"), str) and isinstance(c.get("turns"), list):
            turns = [t for t in c["turns"] if isinstance(t, dict) and isinstance(t.get("question"), str)
                     and isinstance(t.get("answer"), dict) and isinstance(t.get("key"), str)]
            out.append({"id": c["id"], "title": str(c.get("title") or ""), "updated": str(c.get("updated") or ""),
                        "turns": turns})
    return out


def save(conversations, conv: dict) -> list[dict]:
    """The store with ``conv`` first (newest), trimmed to the count and size a browser keeps."""
    kept = [conv] + [c for c in valid(conversations) if c["id"] != conv["id"]]
    kept = kept[:MAX_CONVERSATIONS]
    while len(kept) > 1 and len(json.dumps(kept, ensure_ascii=False).encode()) > MAX_BYTES:
        kept.pop()
    return kept


def remove(conversations, conv_id: str | None) -> list[dict]:
    return [c for c in valid(conversations) if c["id"] != conv_id]


def find(conversations, conv_id: str | None) -> dict | None:
    return next((c for c in valid(conversations) if c["id"] == conv_id), None)


def choices(conversations) -> list[tuple[str, str]]:
    return [(f"{c['title'] or '（无标题）'} · {c['updated'][:16].replace('T', ' ')} · {len(c['turns'])}问", c["id"])
            for c in valid(conversations)]


def past_turns(conv: dict | None) -> list[dict]:
    """The conversation as the bot reads it for follow-ups: plain questions and answers."""
    out = []
    for t in (conv or {}).get("turns", []):
        out += [{"role": "user", "content": t["question"]}, {"role": "assistant", "content": t["answer"].get("answer", "")}]
    return out


def messages(conv: dict | None, passage_of=None) -> list[dict]:
    """The Chatbot's messages for a conversation; the last answer offers its suggested questions."""
    out = []
    turns = (conv or {}).get("turns", [])
    for i, t in enumerate(turns):
        answer = answer_from_json(t["answer"], passage_of)
        out.append({"role": "user", "content": html.escape(t["question"])})
        out.append(assistant(answer, t["key"], last=i == len(turns) - 1))
    return out


def assistant(answer: Answer, key: str, last: bool = True) -> dict:
    msg = {"role": "assistant", "content": bubble(answer, key)}
    if last and answer.suggestions:
        msg["options"] = [{"value": q, "label": q} for q in answer.suggestions]
    return msg


def feedback_values(conv: dict | None) -> list[str | None]:
    """Each answer's rating as the Chatbot shows it (restored after a reload)."""
    return [{1: "Like", -1: "Dislike"}.get(t.get("rating"), None) for t in (conv or {}).get("turns", [])]
