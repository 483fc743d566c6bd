"""The bot a serving process answers with, kept on the current build while builds come and go.

Every request asks ``LiveBot.current()`` once and keeps that bot to the end: a request in flight
finishes on the build it started on. At most once a second ``current()`` looks at the manifest
(an ``os.stat``); when another process has published a new build, a background thread loads and
warms it and then swaps it in. Until then requests keep using the loaded build, which the ingest
leaves in place (it keeps the previous build), so no request fails because of a build. Several
processes (one Chroma server, one index folder) each do the same.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from policybot.answering.bot import PolicyBot
from policybot.answering.scoring import Models
from policybot.errors import StoreError
from policybot.index.build import MANIFEST, read_manifest
from policybot.index.embeddings import Embedder, make_embedder
from policybot.settings import Settings

log = logging.getLogger(__name__)
DATA_STORES = ("feedback.sqlite", "questions.sqlite", "review.sqlite", "audit.sqlite", "curated.sqlite")
DATA_CHECK_EVERY_S = 5.0
_data_checks: dict[str, tuple[float, list[str]]] = {}  # data folder → (checked at, problems)


def _signature(index_dir: Path) -> tuple | None:
    try:
        st = os.stat(index_dir / MANIFEST)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


@dataclass
class Swap:
    """A finished switch to another build, for the health page."""

    build_id: str
    at: float


class LiveBot:
    def __init__(self, settings: Settings, bot: PolicyBot | None = None, embedder: Embedder | None = None,
                 models: Models | None = None, check_every_s: float = 1.0):
        self.settings = settings
        self.check_every_s = check_every_s
        self.embedder = embedder or (bot.embedder if bot else make_embedder(settings.embedding))
        self._sig = _signature(settings.index_dir)
        self._bot = bot or PolicyBot(settings, embedder=self.embedder, models=models)
        self._checked = time.monotonic()
        self._lock = threading.Lock()
        self._loader: threading.Thread | None = None
        self._failed: tuple | None = None  # a manifest that would not load: not retried until it changes
        self.last_error: str | None = None
        self.swaps: list[Swap] = []

    @property
    def build_id(self) -> str | None:
        return self._bot.index.manifest.get("build_id")

    def current(self) -> PolicyBot:
        """The bot for this request (the newest build that is loaded)."""
        now = time.monotonic()
        if now - self._checked >= self.check_every_s:
            self._checked = now
            sig = _signature(self.settings.index_dir)
            if sig is not None and sig != self._sig and sig != self._failed:
                self._start_loading(sig)
        return self._bot

    def _start_loading(self, sig: tuple) -> None:
        with self._lock:
            if self._loader is not None and self._loader.is_alive():
                return
            self._loader = threading.Thread(target=self._load, args=(sig,), name="policybot-swap", daemon=True)
            self._loader.start()

    def _load(self, sig: tuple) -> None:
        try:
            bot = PolicyBot(self.settings, embedder=self.embedder, models=self._bot.models, chat=self._bot.chat)
            bot.warm()
        except Exception as exc:  # the loaded build keeps serving; the failure is reported by /healthz
            self._failed = sig
            self.last_error = f"{type(exc).__name__}: {exc}"
            log.warning("could not switch to the new build: %s", self.last_error)
            return
        self._bot, self._sig, self.last_error = bot, sig, None
        self.swaps.append(Swap(bot.index.manifest.get("build_id"), time.time()))
        log.info("now serving build %s", self.build_id)

    def reload(self) -> PolicyBot:
        """Load the manifest's build now (when the loaded build's collection is gone)."""
        sig = _signature(self.settings.index_dir)
        if sig is not None:
            self._load(sig)
        return self._bot

    def wait_for(self, build_id: str, timeout_s: float = 30.0) -> bool:
        """Block until ``build_id`` is served (tests and benchmarks)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self._checked = 0.0
            if self.current().index.manifest.get("build_id") == build_id:
                return True
            time.sleep(0.05)
        return False

    def health(self) -> tuple[int, dict]:
        """(HTTP status, body): ok, or degraded with reasons; 503 when no question can be answered."""
        bot = self._bot
        manifest = read_manifest(self.settings.index_dir) or {}
        reasons = []
        alive, store_error = bot.index.store.alive(self.settings.store_timeout_s)
        if not alive:
            reasons.append(f"vector store unavailable: {store_error}")
        if manifest.get("build_id") and manifest.get("build_id") != self.build_id:
            reasons.append(f"build {manifest.get('build_id')} not loaded yet" + (f" ({self.last_error})" if self.last_error else ""))
        reasons += data_store_problems(self.settings.data_dir)
        status = "ok" if not reasons else "degraded"
        code = 200 if alive else 503
        if not alive:
            status = "unavailable"
        return code, {
            "status": status, "reasons": reasons, "serving_build_id": self.build_id,
            "manifest_build_id": manifest.get("build_id"), "documents": len(bot.index.documents),
            "chunks": len(bot.index.chunks), "fingerprint": bot.index.manifest.get("fingerprint"),
            "store": {"kind": "chroma-server" if self.settings.chroma_url else "chroma-embedded", "alive": alive},
            "swaps": len(self.swaps),
        }


def data_store_problems(data_dir: Path, fresh: bool = False) -> list[str]:
    """Why a database of the data folder (ratings, questions, reviews, audit, curated answers) cannot be read;
    [] when all can. Opens each read-only and reads its schema; remembered for a few seconds unless ``fresh``."""
    now = time.monotonic()
    checked = _data_checks.get(str(data_dir))
    if checked and not fresh and now - checked[0] < DATA_CHECK_EVERY_S:
        return checked[1]
    problems = []
    for name in DATA_STORES:
        path = Path(data_dir) / name
        if not path.exists():
            continue  # created on first write
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                db.close()
        except sqlite3.Error as exc:
            if "locked" in str(exc):  # a writer holds it for a moment: readable, just busy
                continue
            problems.append(f"{name} unreadable ({type(exc).__name__}: {exc}); restore it from a backup")
    _data_checks[str(data_dir)] = (now, problems)
    return problems


def answer_with_retry(live: LiveBot, work):
    """Run ``work(bot)``; when the build's collection vanished under it, load the current build once and retry."""
    bot = live.current()
    try:
        return work(bot)
    except StoreError as exc:
        if not exc.missing:
            raise
        log.warning("collection of build %s is gone; switching to the current build", bot.index.manifest.get("build_id"))
        return work(live.reload())
