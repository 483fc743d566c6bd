"""Curated answers (人工审核答案): a clerk's approved reply to a question — an edited direct line and verbatim
quotes chosen from the passages — served for later questions close enough to it.

Trust rules hold for them too: a quote is accepted only if it is a slice of a passage in the current build,
the direct line may state only figures its quotes state, and after every build each curated answer is
re-validated: one whose quote is gone (document replaced or removed) or whose document expired since it was
saved is marked stale, is not served, and is listed for review. Stored in SQLite, exported as JSONL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from policybot.answering.reply import QUOTES_HEAD, make_citation, validity_warnings
from policybot.answering.curated_match import features, load_model, similarity
from policybot.answering.picking import Pick
from policybot.errors import NotFoundError, PolicybotError
from policybot.text.citations import numbers_outside
from policybot.types import Answer, ScoredChunk

_SCHEMA = """
CREATE TABLE IF NOT EXISTS curated (
    id TEXT PRIMARY KEY, question TEXT NOT NULL, direct TEXT NOT NULL, quotes TEXT NOT NULL, note TEXT NOT NULL,
    author TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, enabled INTEGER NOT NULL, stale TEXT NOT NULL
);
"""
_IMPORTED = ("question", "direct", "quotes", "note", "author", "created", "enabled", "id")  # not its stale state
_COLUMNS = ("id", "question", "direct", "quotes", "note", "author", "created", "updated", "enabled", "stale")


@dataclass
class Curated:
    question: str
    direct: str
    quotes: list[dict]  # {"doc_id", "chunk_id", "quote"}: verbatim slices of the build's passages
    note: str = ""
    author: str = ""
    created: str = ""
    updated: str = ""
    enabled: bool = True
    stale: str = ""  # why it is no longer served ("" = valid)
    id: str = field(default="")

    def __post_init__(self):
        if not self.id:
            key = self.question + "|" + "|".join(q["quote"] for q in self.quotes)
            self.id = hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def served(self) -> bool:
        return self.enabled and not self.stale


def check(item: Curated, index) -> None:
    """Refuse a curated answer that would break the trust rules (nothing is stored then)."""
    if not item.question.strip() or not item.direct.strip():
        raise PolicybotError("人工审核答案需要问题和直接回答")
    if not item.quotes:
        raise PolicybotError("人工审核答案至少要保留一段原文引文")
    for q in item.quotes:
        passage = index.passage(q.get("chunk_id", ""))
        if not passage or not q.get("quote") or q["quote"] not in passage:
            raise PolicybotError(f"引文不是当前知识库原文的一段：{q.get('quote', '')[:30]}…")
    missing = numbers_outside(item.direct, [q["quote"] for q in item.quotes])
    if missing:
        raise PolicybotError(f"直接回答中的数字在所选引文中找不到：{'、'.join(missing)}")


def staleness(item: Curated, index, today: dt.date) -> str:
    """Why ``item`` can no longer be served by this build ("" when it still can)."""
    saved = dt.date.fromisoformat(item.created[:10]) if item.created else today
    for q in item.quotes:
        found = index.locate(q["chunk_id"], q["quote"])
        if found is None:
            return "引文已不在知识库中（文件已替换或删除）"
        q.update(chunk_id=found.chunk_id, doc_id=found.doc_id)  # same words, perhaps re-chunked: follow them
        doc = index.documents.get(q["doc_id"])
        if doc is not None and doc.expired(today) and not doc.expired(saved):
            return f"所引文件的执行期已于保存后结束（{doc.period}）"
    return ""


class CuratedStore:
    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._db.commit()

    def add(self, item: Curated, index) -> Curated:
        check(item, index)
        now = dt.datetime.now().isoformat(timespec="seconds")
        item.created, item.updated = item.created or now, now
        self._put(item)
        return item

    def _put(self, item: Curated) -> None:
        row = asdict(item)
        row["quotes"] = json.dumps(item.quotes, ensure_ascii=False)
        row["enabled"] = int(item.enabled)
        with self._lock:
            self._db.execute(f"INSERT OR REPLACE INTO curated ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                             [row[c] for c in _COLUMNS])
            self._db.commit()

    def all(self) -> list[Curated]:
        with self._lock:
            rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM curated ORDER BY created").fetchall()
        out = []
        for row in rows:
            d = dict(zip(_COLUMNS, row))
            out.append(Curated(**{**d, "quotes": json.loads(d["quotes"]), "enabled": bool(d["enabled"])}))
        return out

    def get(self, item_id: str) -> Curated:
        found = next((c for c in self.all() if c.id == item_id), None)
        if found is None:
            raise NotFoundError(f"没有这条人工审核答案：{item_id}")
        return found

    def set_enabled(self, item_id: str, enabled: bool) -> Curated:
        item = self.get(item_id)
        item.enabled, item.updated = enabled, dt.datetime.now().isoformat(timespec="seconds")
        self._put(item)
        return item

    def delete(self, item_id: str) -> None:
        self.get(item_id)
        with self._lock:
            self._db.execute("DELETE FROM curated WHERE id = ?", (item_id,))
            self._db.commit()

    def revalidate(self, index, today: dt.date) -> list[Curated]:
        """Every item checked against ``index`` (after every build): stale with the reason, or valid again;
        only what changed (its state, or quotes followed into new chunks) is written back."""
        items = self.all()
        for item in items:
            before = json.dumps(item.quotes), item.stale
            item.stale = staleness(item, index, today)
            if (json.dumps(item.quotes), item.stale) != before:
                self._put(item)
        return items

    def export_jsonl(self, out: Path) -> int:
        items = self.all()
        out.write_text("".join(json.dumps(asdict(c), ensure_ascii=False) + "\n" for c in items), encoding="utf-8")
        return len(items)

    def import_jsonl(self, src: Path, index) -> tuple[int, list[str]]:
        """Import what passes the trust rules; each refused line is named, nothing else is lost."""
        added, problems = 0, []
        for n, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                self.add(Curated(**{k: d[k] for k in _IMPORTED if k in d}), index)
                added += 1
            except (ValueError, KeyError, TypeError, PolicybotError) as exc:
                problems.append(f"第{n}行：{exc}")
        return added, problems


class CuratedAnswers:
    """The served curated answers of one build: a question close enough (see :mod:`policybot.answering.curated_match`)
    to a valid, enabled one gets it, within the region/document filters."""

    def __init__(self, store: CuratedStore, index, embed, today: dt.date, model=None):
        """``embed``: question → vector, the retriever's (cached) one, so a question is embedded once."""
        self.store, self.index, self.embed = store, index, embed
        checked = store.revalidate(index, today)
        self.stale = [c for c in checked if c.stale]
        self.items = [c for c in checked if c.served]
        self.model = model or load_model()
        self._vectors = {c.id: embed(c.question) for c in self.items} if self.model else {}

    def best(self, question: str, allowed: set[str] | None) -> tuple[Curated, float] | None:
        if not self.model or not self.items:
            return None
        qv = self.embed(question)
        scored = [(self.model.score(features(question, c.question, similarity(qv, self._vectors[c.id]))), c)
                  for c in self.items if allowed is None or all(q["doc_id"] in allowed for q in c.quotes)]
        if not scored:
            return None
        s, c = max(scored, key=lambda t: t[0])
        return (c, s) if s >= self.model.threshold else None

    def answer(self, question: str, item: Curated, today: dt.date):
        cites = []
        for n, q in enumerate(item.quotes, 1):
            chunk = self.index.chunks[self.index.by_id[q["chunk_id"]]]
            start = chunk.text.index(q["quote"])
            pick = Pick(ScoredChunk(chunk, 0.0), start, start + len(q["quote"]), 0.0, 1)
            cites.append(make_citation(n, pick, self.index.documents[chunk.doc_id], today))
        body = "\n".join(f"{c.quote}[{c.n}]" for c in cites)
        docs = list(dict.fromkeys(self.index.documents[c.doc_id] for c in cites))
        # the author's label and the note are for staff (the workspace lists them); the asker sees the date only
        return Answer(question=question, found=True, answer=f"{item.direct}{QUOTES_HEAD}{body}", citations=cites,
                      warnings=validity_warnings(docs, today), direct_answer=item.direct, outcome="curated",
                      notice=f"人工审核答案（{item.updated[:10]} 审核）")
