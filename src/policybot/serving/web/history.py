"""A page conversation as data: turns added and rated, the chat messages that show it, what the bot reads.

A conversation is ``{"id", "title", "updated", "dropped", "turns": [{"question", "answer", "key", "rating"}]}``;
``answer`` is :func:`policybot.serving.web.transcript.turn_json`'s, ``key`` names the answer for ratings, ``dropped`` counts
the oldest turns no longer kept. Conversations are stored on the server (:mod:`.saved`); the browser keeps the
key that encrypts its owner token (:func:`browser_secret`)."""

from __future__ import annotations

import datetime as dt
import html
import secrets
import uuid
from pathlib import Path

from policybot.answering.asker import Asker, conversation_asker
from policybot.serving.web.messages import bubble
from policybot.serving.web.transcript import answer_from_json, turn_json
from policybot.types import Answer

MAX_SHOWN = 40  # turns the chat shows; older ones stay saved (and exported), a line above the chat says how many
CONTEXT_TURNS = 10  # earlier turns the bot reads for a follow-up


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
    key = f"{conv['id']}-{uuid.uuid4().hex[:8]}"
    turns = [*conv["turns"], {**turn_json(question, answer), "key": key, "rating": 0}]
    title = conv["title"] or " ".join(question.split())[:30]
    return {**conv, "title": title, "updated": _now(), "turns": turns}


def rate(conv: dict, turn: int, rating: int) -> dict:
    turns = [dict(t) for t in conv["turns"]]
    turns[turn]["rating"] = rating
    return {**conv, "turns": turns}


def choices(listing: list[dict]) -> list[tuple[str, str]]:
    """The saved conversations for the picker: title · time · number of questions."""
    return [(f"{c['title'] or '（无标题）'} · {c['updated'][:16].replace('T', ' ')} · {c['turns']}问", c["id"]) for c in listing]


def hidden(conv: dict | None) -> int:
    """Turns of the conversation above the first one the chat shows."""
    return max(0, len((conv or {}).get("turns", [])) - MAX_SHOWN)


def asker(conv: dict | None, question: str = "") -> Asker:
    """What the asker has said of itself in the conversation (since it last cleared that), with ``question``."""
    conv = conv or {}
    turns = conv.get("turns", [])[int(conv.get("asker_from") or 0):]
    earlier = [t["question"] for t in turns]
    return conversation_asker(earlier, question)


def window_note(conv: dict | None) -> str:
    """The line above the chat when not every turn is shown or kept (empty otherwise)."""
    conv = conv or {}
    above, dropped = hidden(conv), int(conv.get("dropped") or 0)
    parts = []
    if above:
        parts.append(f"较早的{above}轮问答未在对话框中显示（仍保存在本对话中，导出可查看）")
    if dropped:
        parts.append(f"本对话只保留最近{len(conv['turns'])}轮，最早的{dropped}轮已不再保存")
    return "ⓘ " + "；".join(parts) + "。" if parts else ""


def past_turns(conv: dict | None) -> list[dict]:
    """The conversation as the bot reads it for follow-ups: the latest questions and answers, as plain text."""
    out = []
    for t in (conv or {}).get("turns", [])[-CONTEXT_TURNS:]:
        out += [{"role": "user", "content": t["question"]}, {"role": "assistant", "content": t["answer"].get("answer", "")}]
    return out


def messages(conv: dict | None, passage_of=None) -> list[dict]:
    """The Chatbot's messages for the turns it shows; the last answer offers its suggested questions."""
    out = []
    turns = (conv or {}).get("turns", [])[hidden(conv):]
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
    """Each shown answer's rating as the Chatbot shows it (restored after a reload)."""
    return [{1: "Like", -1: "Dislike"}.get(t.get("rating"), None) for t in (conv or {}).get("turns", [])[hidden(conv):]]
