"""The help desk's review: every answered question logged, refused ones grouped by what they ask about, small
analytics, and a queue of ratings a clerk marks resolved. Both stores are SQLite and append-only; ratings are
read through ``FeedbackStore``'s public methods and never written here."""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from policybot.answering.questions import is_injection, is_small_talk
from policybot.answering.words import topic_words
from policybot.errors import PolicybotError, StorageError
from policybot.text.lexical import merged_spans, normalise
from policybot.workspace.storage import append_only, open_or_memory

log = logging.getLogger(__name__)

MAX_QUESTION = 500
UNNAMED = "（未识别）"  # the group of refused questions whose focus could not be read
OTHER_OUTCOMES = ("welcome", "context_lost")  # replies to no policy question: neither answered nor refused

_LOG_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    question TEXT NOT NULL,
    outcome TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('answered', 'refused', 'other')),
    focus TEXT NOT NULL,
    places TEXT NOT NULL,
    region TEXT NOT NULL,
    document TEXT NOT NULL,
    who TEXT NOT NULL,
    channel TEXT NOT NULL
);
""" + append_only("questions", "the question log is append-only")
_LOG_KEYS = ("id", "created", "question", "outcome", "kind", "focus", "places", "region", "document", "who", "channel")

_REVIEW_SCHEMA = """
CREATE TABLE IF NOT EXISTS resolutions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    item TEXT NOT NULL,
    who TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
""" + append_only("resolutions", "resolutions are append-only")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- what a question was about ------------------------------------------------------------------


def focus_label(text: str) -> str:
    """The question's topic as it words it, without the places ("上海市人工智能算力券怎么申请？" → 人工智能算力券):
    its topic words (:func:`questions.topic_words`), neighbours read as one phrase, the longest kept."""
    # deferred: loads langchain_core on first use, not at import
    from policybot.index.retrieval import place_words, plan_query

    places = place_words(plan_query(text)).pattern
    plain = normalise(re.sub(f"(?:{places})[省市区县州]?", " ", text))
    merged = merged_spans((plain.find(w), plain.find(w) + len(w)) for w in topic_words(plain) if w in plain)
    phrases = [plain[a:b] for a, b in merged]
    return max(phrases, key=len) if phrases else ""


def places_named(text: str) -> str:
    """The places the question names, covered or not ("上海", "临沧市")."""
    # deferred: loads langchain_core on first use, not at import
    from policybot.index.retrieval import plan_query

    plan = plan_query(text)
    return "、".join(dict.fromkeys((*plan.places, *plan.uncovered)))


def kind_of(question: str, answer) -> str:
    """answered (``found``) | refused (no basis in the corpus) | other (a greeting, small talk, a prompt
    injection, a follow-up with nothing before it: not a policy the corpus lacks)."""

    if answer.found:
        return "answered"
    if answer.outcome in OTHER_OUTCOMES or is_small_talk(question) or is_injection(question):
        return "other"
    return "refused"


class QuestionLog:
    """Every answered question, one row each (``data_dir/questions.sqlite``); recording never fails the asker."""
    def __init__(self, path: Path, clock: Callable[[], dt.datetime] = _utc_now):
        self.path, self.clock = path, clock
        self._lock = threading.Lock()
        self._db, self.problem = open_or_memory(path, lambda db: db.executescript(_LOG_SCHEMA))
        if self.problem:
            log.warning("question log kept in memory only: %s", self.problem)

    def record(self, question: str, answer, region: str | None = None, document: str | None = None, who: str = "",
               channel: str = "page") -> int | None:
        """Log one reply; a storage error is logged as a warning and None returned, never raised."""
        try:
            read = getattr(answer, "resolved_question", "") or question  # a follow-up is about its resolved form
            row = (self.clock().astimezone(dt.UTC).isoformat(timespec="seconds"), question.strip()[:MAX_QUESTION],
                   answer.outcome, kind_of(question, answer), focus_label(read), places_named(read), region or "",
                   document or "", who or "", channel)
            sql = f"INSERT INTO questions ({', '.join(_LOG_KEYS[1:])}) VALUES ({', '.join('?' * len(row))})"
            with self._lock:
                cur = self._db.execute(sql, row)
                self._db.commit()
            return int(cur.lastrowid)
        except Exception as exc:  # noqa: BLE001 - the asker has their answer whatever happens to the log
            self.problem = f"{self.path}: {type(exc).__name__}: {exc}"
            log.warning("question not logged: %s", self.problem)
            return None

    def rows(self, since: str | dt.date | None = None) -> list[dict]:
        """Logged questions, oldest first; ``since`` a day (``YYYY-MM-DD``, UTC) or a moment, inclusive."""
        sql, args = f"SELECT {', '.join(_LOG_KEYS)} FROM questions", ()
        if since:
            sql, args = sql + " WHERE created >= ?", (since.isoformat() if isinstance(since, dt.date) else str(since),)
        with self._lock:
            return [dict(zip(_LOG_KEYS, r)) for r in self._db.execute(sql + " ORDER BY id", args).fetchall()]

    def close(self) -> None:
        self._db.close()


def refused_by_focus(log: QuestionLog, since: str | dt.date | None = None) -> list[dict]:
    """Refused questions grouped by focus, most asked first: the policies users want that the corpus lacks.
    Each group: focus, count, regions (filter or named places, most frequent first), examples (3, newest
    first, distinct), last (time of the newest)."""
    groups: dict[str, dict] = {}
    for r in reversed(log.rows(since)):
        if r["kind"] != "refused":
            continue
        g = groups.setdefault(r["focus"] or UNNAMED, {"focus": r["focus"] or UNNAMED, "count": 0, "regions": Counter(),
                                                      "examples": [], "last": r["created"]})
        g["count"] += 1
        g["regions"].update(filter(None, [r["region"], *r["places"].split("、")]))
        if len(g["examples"]) < 3 and r["question"] not in g["examples"]:
            g["examples"].append(r["question"])
    out = sorted(groups.values(), key=lambda g: g["last"], reverse=True)
    out.sort(key=lambda g: -g["count"])  # stable: among equals, the most recently asked first
    return [{**g, "regions": [p for p, _ in g["regions"].most_common()]} for g in out]


# --- analytics ----------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def analytics(log: QuestionLog, feedback, days: int = 30, today: dt.date | None = None) -> dict:
    """The last ``days`` days (UTC, ``today`` included): ``days`` [{date, questions, answered, refused, other}]
    (every day, zeros too), ``totals`` with shares of all questions, ``ratings`` {rated, down, down_share} over
    the ratings that count, ``focuses`` [{focus, count, refused}] (top 10 policy questions)."""
    if days < 1:
        raise PolicybotError(f"统计天数须至少为1（收到 {days}）")
    today = today or log.clock().astimezone(dt.UTC).date()
    start = today - dt.timedelta(days=days - 1)
    rows = [r for r in log.rows(start) if r["created"][:10] <= today.isoformat()]
    per_day = {(start + dt.timedelta(n)).isoformat(): Counter() for n in range(days)}
    focus: dict[str, Counter] = {}
    for r in rows:
        per_day[r["created"][:10]].update(("questions", r["kind"]))
        if r["kind"] != "other" and r["focus"]:
            focus.setdefault(r["focus"], Counter()).update(("count", r["kind"]))
    total = sum(per_day.values(), Counter())
    rated = [f for f in feedback.current() if start.isoformat() <= _utc_day(f["created"]) <= today.isoformat()]
    down = sum(1 for f in rated if f["rating"] < 0)
    top = sorted(focus.items(), key=lambda kv: (-kv[1]["count"], kv[0]))[:10]
    return {
        "days": [{"date": d, **{k: c[k] for k in ("questions", "answered", "refused", "other")}} for d, c in per_day.items()],
        "totals": {**{k: total[k] for k in ("questions", "answered", "refused", "other")},
                   "answered_share": _share(total["answered"], total["questions"]),
                   "refused_share": _share(total["refused"], total["questions"])},
        "ratings": {"rated": len(rated), "down": down, "down_share": _share(down, len(rated))},
        "focuses": [{"focus": f, "count": c["count"], "refused": c["refused"]} for f, c in top],
    }


def _utc_day(stamp: str) -> str:
    return dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).date().isoformat()


# --- the feedback review queue ------------------------------------------------------------------


def parse_day(text: str | dt.date | None) -> dt.date | None:
    """A date typed as YYYY-MM-DD (blank: no bound)."""
    if isinstance(text, dt.date) or text is None:
        return text
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PolicybotError(f"日期格式应为 YYYY-MM-DD（例如 2025-03-01），收到：{text[:20]}") from None


def item_key(row: dict) -> str:
    """What a resolution names: the answer the rating is about, or the rating's own id for an unkeyed one."""
    return row.get("answer_key") or f"feedback:{row['id']}"


class ReviewQueue:
    """Which ratings a clerk has dealt with (``data_dir/review.sqlite``): a resolution is a row, never changed.
    A rating changed or commented after its resolution is open again."""

    def __init__(self, path: Path, clock: Callable[[], dt.datetime] = _utc_now):
        self.path, self.clock = path, clock
        self._lock = threading.Lock()
        self._db, self.problem = open_or_memory(path, lambda db: db.executescript(_REVIEW_SCHEMA))

    def resolve(self, item: dict | str, who: str, note: str = "") -> int:
        """Mark a queue row (or an item key) resolved by ``who``."""
        key = item if isinstance(item, str) else item_key(item)
        if not key or not (who or "").strip():
            raise PolicybotError("标记已处理需要指明反馈条目和处理人")
        row = (self.clock().astimezone(dt.UTC).isoformat(timespec="microseconds"), key, who.strip(),
               (note or "").strip()[:2000])
        with self._lock:
            try:
                if self.problem:
                    raise sqlite3.OperationalError(self.problem)
                cur = self._db.execute("INSERT INTO resolutions (created, item, who, note) VALUES (?, ?, ?, ?)", row)
                self._db.commit()
            except sqlite3.Error as exc:
                raise StorageError(f"处理记录未能写入数据库（{exc}）；请检查数据目录的权限和磁盘空间。") from exc
        return int(cur.lastrowid)

    def resolutions(self) -> dict[str, dict]:
        """The latest resolution of each item: {created, who, note}."""
        with self._lock:
            rows = self._db.execute("SELECT item, created, who, note FROM resolutions ORDER BY id").fetchall()
        return {item: {"created": created, "who": who, "note": note} for item, created, who, note in rows}

    def queue(self, feedback, only_down: bool = False, unresolved: bool = False, start=None, end=None) -> list[dict]:
        """The ratings that count, newest first, with whether each is resolved; ``start``/``end`` are days
        (YYYY-MM-DD, UTC, inclusive)."""
        first, last = parse_day(start), parse_day(end)
        if first and last and first > last:
            raise PolicybotError(f"开始日期 {first} 晚于结束日期 {last}")
        done = self.resolutions()
        out = []
        for f in reversed(feedback.current()):
            day = dt.date.fromisoformat(_utc_day(f["created"]))
            if (only_down and f["rating"] > 0) or (first and day < first) or (last and day > last):
                continue
            res = done.get(item_key(f))
            resolved = bool(res) and res["created"] >= f["created"]
            if unresolved and resolved:
                continue
            out.append({**f, "time": f["created"], "resolved": resolved, "resolved_by": res["who"] if resolved else "",
                        "resolved_note": res["note"] if resolved else ""})
        return out

    def close(self) -> None:
        self._db.close()


_MARK = re.compile(r"\[\d+\]")


def draft_from_feedback(row: dict, index=None) -> dict:
    """A curated-answer draft from a rating: the question, the given answer's first line (without [n]
    marks) and its quotes. Ratings store each citation's chunk_id but not its doc_id: with ``index`` the
    doc_id is read from the chunk (or a chunk still holding the quote); without it, it stays ""."""
    lines = [ln.strip() for ln in (row.get("answer") or "").splitlines() if ln.strip()]
    cites = []
    for c in row.get("citations") or []:
        if not c.get("quote"):
            continue
        q = {"doc_id": c.get("doc_id") or "", "chunk_id": c.get("chunk_id") or "", "quote": c["quote"],
             "title": c.get("title") or "", "section": c.get("section") or ""}
        if index is not None and not q["doc_id"]:
            q.update(located(q, index))
        cites.append(q)
    return {"question": row.get("question", ""), "direct": _MARK.sub("", lines[0]) if lines else "", "citations": cites}


def located(q: dict, index) -> dict:
    """{doc_id, chunk_id} of the chunk that holds the quote in this build (see ``Index.locate``), or {}."""
    chunk = index.locate(q["chunk_id"], q["quote"])
    return {"doc_id": chunk.doc_id, "chunk_id": chunk.chunk_id} if chunk else {}
