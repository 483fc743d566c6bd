"""Index builds started from the workspace: one at a time in a background thread, with progress, and a
summary of what each build changed once the serving bot has switched to it.

Requests made while a build runs are folded into one more build afterwards. Questions keep being answered
on the build being served (see :mod:`policybot.serving.live`) until the new one is loaded and warmed.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from dataclasses import dataclass, field

from policybot.errors import PolicybotError
from policybot.index.build import ingest, read_manifest

log = logging.getLogger(__name__)

STAGES = {"queued": "排队中", "documents": "读取文件", "embedding": "计算向量", "catalogue": "生成政策清单",
          "saving": "保存索引", "switching": "切换到新索引", "done": "完成"}


@dataclass
class Snapshot:
    """What a build serves, for comparing two builds."""

    build_id: str | None
    documents: dict[str, str]  # doc_id → title
    chunks: set[str]
    catalogue: dict[str, str]  # item_id → "benefit（title）"
    stale: dict[str, str] = field(default_factory=dict)  # curated id → question
    instructions: list[dict] = field(default_factory=list)  # {"file", "line", "text"}: kept out of answers

    @classmethod
    def of(cls, bot) -> "Snapshot":
        index = bot.index
        items = {it.item_id: f"{it.benefit}（{it.title}）" for it in index.catalogue}  # extracted for an older build
        stale = {c.id: c.question for c in bot.curated.stale} if getattr(bot, "curated", None) else {}
        return cls(index.manifest.get("build_id"), {d: doc.display_title for d, doc in index.documents.items()},
                   set(index.by_id), items, stale, list(index.manifest.get("instructions") or []))


def change_summary(before: Snapshot, after: Snapshot, report) -> dict:
    """Documents, chunks and catalogue items added and removed; curated answers newly stale."""
    def diff(a: dict, b: dict) -> tuple[list, list]:
        return [b[k] for k in b if k not in a], [a[k] for k in a if k not in b]

    docs_added, docs_removed = diff(before.documents, after.documents)
    # a new version under the same title (a replacement) is an update, not an addition and a removal
    updated = [t for t in docs_added if t in docs_removed]
    docs_added = [t for t in docs_added if t not in updated]
    docs_removed = [t for t in docs_removed if t not in updated]
    cat_added, cat_removed = diff(before.catalogue, after.catalogue)
    return {
        "from_build": before.build_id, "to_build": after.build_id,
        "documents_added": docs_added, "documents_removed": docs_removed, "documents_updated": updated,
        "chunks_added": len(after.chunks - before.chunks), "chunks_removed": len(before.chunks - after.chunks),
        "catalogue_added": cat_added, "catalogue_removed": cat_removed,
        "curated_stale": [q for k, q in after.stale.items() if k not in before.stale],
        "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
        "embedded": report.embedded,
        # sentences of the new build's documents that speak to the assistant, newly found: listed, never used
        "instructions": [i for i in after.instructions if _where(i) not in {_where(j) for j in before.instructions}],
    }


def _where(flagged: dict) -> tuple:
    return flagged["file"], flagged["text"]


def failure(exc: Exception) -> str:
    """Why a build failed, as the clerk reads it (a full disk said so in Chinese, the original kept)."""
    text = str(exc) if isinstance(exc, PolicybotError) else f"{type(exc).__name__}: {exc}"
    if "disk is full" in text or "No space left" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return f"磁盘空间不足，新索引未建成（{text}）"
    return text


class BuildCancelled(PolicybotError):
    """A clerk stopped the build; the build being served stays."""


class BuildRunner:
    def __init__(self, live, switch_timeout_s: float = 300.0):
        self.live = live
        self.switch_timeout_s = switch_timeout_s
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False
        self._cancel = threading.Event()
        self.progress: dict | None = None
        self.last_error: str | None = None
        self.last_change: dict | None = None
        self.cancelled = False  # the last build was stopped by a clerk
        self.finished = 0  # builds completed (tests and the page poll it)

    @property
    def building(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def request(self) -> None:
        """Bring the index in line with the corpus folder, now or right after the build that is running."""
        with self._lock:
            if self.building:
                self._again = True
                return
            self._queued()
            self._thread = threading.Thread(target=self._run, name="policybot-build", daemon=True)
            self._thread.start()

    def cancel(self) -> bool:
        """Stop the running build at its next step, and any build queued after it; False when none runs.

        The build being served is untouched; what the stopped build wrote aside is removed (see ``ingest``).
        A build that has already published its manifest (stage 切换到新索引) finishes."""
        with self._lock:
            if not self.building:
                return False
            self._again = False
            self._cancel.set()
            return True

    def _progress(self, stage: str, done: int, total: int) -> None:
        """What ``ingest`` reports at each step: where a cancel takes effect."""
        if self._cancel.is_set():
            raise BuildCancelled("已按要求取消这次更新，仍在使用原来的索引")
        self._step(stage, done, total)

    def wait(self, timeout_s: float = 300.0) -> bool:
        """Block until no build is running or queued (tests, CLI)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            thread = self._thread
            if thread is None or not thread.is_alive():
                return True
            thread.join(0.1)
        return False

    def _run(self) -> None:
        while True:
            self._build_once()
            with self._lock:
                if not self._again:
                    return
                self._queued()

    def _queued(self) -> None:
        self._again = False
        self._cancel.clear()
        self.progress = {"stage": "queued", "done": 0, "total": 0, "started": time.time()}

    def _step(self, stage: str, done: int, total: int) -> None:
        before = self.progress or {}
        self.progress = {"stage": stage, "done": done, "total": total, "started": before.get("started", time.time()),
                         "documents": done if stage == "documents" else before.get("documents"),
                         "chunks": total if stage == "embedding" else before.get("chunks")}

    def _build_once(self) -> None:
        live = self.live
        before = Snapshot.of(live.current())
        try:
            report = ingest(live.settings, live.embedder, progress=False, on_progress=self._progress)
            if report.changed:
                self._step("switching", 0, 0)
                target = (read_manifest(live.settings.index_dir) or {}).get("build_id")
                if not live.wait_for(target, self.switch_timeout_s):
                    raise PolicybotError(f"新索引 {target} 已建好，但服务未能切换过去：{live.last_error or '超时'}")
            bot = live.current()
            self.last_change = change_summary(before, Snapshot.of(bot), report)
            if live.last_error is not None and live.last_error == self.last_error:
                live.last_error = None  # the failure it reported is over
            self.last_error, self.cancelled = None, False
        except BuildCancelled:
            log.info("workspace build cancelled")
            self.cancelled = True
        except Exception as exc:  # the build that is serving stays; the page, /api/index/status and /healthz show why
            log.warning("workspace build failed: %s", exc)
            self.last_error = failure(exc)
            live.last_error = self.last_error  # what /healthz reports (LiveBot.last_error: new builds not served)
        finally:
            self.finished += 1
            self._step("done", 0, 0)

    def status(self) -> dict:
        p = dict(self.progress or {})
        if p:
            p["elapsed_s"] = round(time.time() - p.pop("started", time.time()), 1)
            p["label"] = STAGES.get(p["stage"], p["stage"])
        bot = self.live.current()
        return {"building": self.building, "progress": p or None, "serving_build_id": self.live.build_id,
                "documents": len(bot.index.documents), "chunks": len(bot.index.chunks),
                "instructions": list(bot.index.manifest.get("instructions") or []),
                "last_error": self.last_error, "cancelled": self.cancelled, "last_change": self.last_change}
