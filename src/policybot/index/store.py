"""The vector store: the only module that imports chromadb.

Embedded by default (``PersistentClient`` under the index folder); a Chroma server when
``chroma_url`` is set. policybot always passes precomputed vectors: Chroma never embeds.
"""

from __future__ import annotations

import concurrent.futures
import logging
import shutil
import sqlite3
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from policybot.errors import StoreError

log = logging.getLogger(__name__)

_META_KEYS = ("doc_id", "region", "ordinal")


# store calls run here so that a stopped server costs a request its timeout, not the process a thread forever
_CALLS = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="policybot-store")


class VectorStore:
    def __init__(self, index_dir: Path, chroma_url: str = "", timeout_s: float = 5.0):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.url = chroma_url
        self.timeout_s = timeout_s
        self.path: Path | None = None  # the embedded store's folder
        settings = ChromaSettings(anonymized_telemetry=False)
        if chroma_url:
            parsed = urlparse(chroma_url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise StoreError(f"POLICYBOT_CHROMA_URL '{chroma_url}' is not an http(s)://host:port URL")
            wait_for_chroma(chroma_url, timeout_s=10)
            try:
                self._client = chromadb.HttpClient(
                    host=parsed.hostname, port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https", settings=settings,
                )
            except Exception as exc:
                raise StoreError(f"cannot connect to Chroma at {chroma_url}: {exc}") from exc
        else:
            path = index_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            self.path = path
            self._client = chromadb.PersistentClient(path=str(path), settings=settings)
        self._collections: dict = {}

    def _col(self, name: str):
        if name not in self._collections:
            try:
                self._collections[name] = self._client.get_collection(name, embedding_function=None)
            except Exception as exc:
                if _unreachable(exc):
                    raise StoreError(f"vector store unavailable ({type(exc).__name__})", unavailable=True) from exc
                raise StoreError(f"collection '{name}' is missing from the vector store; rebuild with `policybot ingest --rebuild`",
                                 missing=True) from exc
        return self._collections[name]

    def _timed(self, fn, *args, timeout_s: float | None = None, write: bool = False):
        """``fn(*args)`` in a worker with a deadline (``timeout_s``, default the store timeout): StoreError(unavailable)
        when the store is down or stuck. ``write``: any other failure (a full disk: Chroma's InternalError "database
        or disk is full", an OSError) is a StoreError too, so a build fails cleanly and says why."""
        timeout_s = timeout_s or self.timeout_s
        future = _CALLS.submit(fn, *args)
        try:
            return future.result(timeout=timeout_s)
        except concurrent.futures.TimeoutError as exc:
            raise StoreError(f"vector store did not answer within {timeout_s:g}s", unavailable=True) from exc
        except StoreError:
            raise
        except Exception as exc:
            if _unreachable(exc):
                raise StoreError(f"vector store unavailable ({type(exc).__name__})", unavailable=True) from exc
            if "does not exist" in str(exc) or "NotFound" in type(exc).__name__:
                self._collections.clear()
                raise StoreError(f"a collection is missing from the vector store ({exc})", missing=True) from exc
            if write:
                raise StoreError(f"vector store write failed ({type(exc).__name__}: {exc})") from exc
            raise

    def alive(self, timeout_s: float = 2.0) -> tuple[bool, str]:
        """(answers?, why not): a server's heartbeat, or the embedded store's collection list."""
        if self.url:
            try:
                with urllib.request.urlopen(self.url.rstrip("/") + "/api/v2/heartbeat", timeout=timeout_s) as r:
                    return r.status == 200, "" if r.status == 200 else f"heartbeat status {r.status}"
            except OSError as exc:
                return False, f"{type(exc).__name__}: {exc}"
        try:
            self._timed(self._client.list_collections)
            return True, ""
        except StoreError as exc:
            return False, str(exc)

    def create(self, name: str, timeout_s: float | None = None) -> None:
        """A new, empty collection (a build's); each call has a deadline, a failure is a StoreError."""
        self.drop(name, timeout_s)

        def run():
            return self._client.create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)

        self._collections[name] = self._timed(run, timeout_s=timeout_s, write=True)

    def add(self, name: str, ids: list[str], vectors: np.ndarray, texts: list[str], metas: list[dict],
            timeout_s: float | None = None) -> None:
        """Add in batches of 1000, each with a deadline (``timeout_s``); a failure is a StoreError."""
        col = self._timed(self._col, name, timeout_s=timeout_s, write=True)
        step = 1000
        for i in range(0, len(ids), step):
            batch = dict(
                ids=ids[i : i + step],
                embeddings=np.asarray(vectors[i : i + step], dtype=np.float32),
                documents=texts[i : i + step],
                metadatas=[{k: m[k] for k in _META_KEYS if k in m} for m in metas[i : i + step]],
            )
            self._timed(lambda b=batch: col.add(**b), timeout_s=timeout_s, write=True)

    def query(self, name: str, vector: np.ndarray, n: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the ``n`` nearest chunks, optionally within some documents."""
        where = {"doc_id": {"$in": list(doc_ids)}} if doc_ids else None

        def run():
            col = self._col(name)
            return col.query(query_embeddings=[np.asarray(vector, np.float32)], n_results=n, where=where, include=["distances"])

        res = self._timed(run)
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def count(self, name: str) -> int:
        return self._col(name).count()

    def names(self, timeout_s: float | None = None) -> list[str]:
        found = self._timed(self._client.list_collections, timeout_s=timeout_s)
        return [c.name if hasattr(c, "name") else str(c) for c in found]

    def drop(self, name: str, timeout_s: float | None = None) -> None:
        """Delete a collection, if it is there (best effort: a store that fails or hangs keeps it)."""
        self._collections.pop(name, None)
        try:
            self._timed(self._client.delete_collection, name, timeout_s=timeout_s)
        except Exception:  # absent already, or the store is stuck: the next build's prune retries
            pass

    def remove_orphan_segments(self, timeout_s: float | None = None) -> list[str]:
        """Delete the segment folders of collections the store no longer lists (embedded store only).

        Chroma keeps a deleted collection's folder under ``index/chroma/<segment id>/``, and a build that failed on
        a full disk can leave one: found by comparing the folders on disk with the segments of the collections the
        client lists. The folders are listed first (a folder is made after its segment's row), so a collection
        created meanwhile is never taken for an orphan; any doubt (an unreadable catalogue) removes nothing."""
        if self.url:
            return []
        try:
            on_disk = [p for p in self.path.iterdir() if p.is_dir() and _is_uuid(p.name)]
            listed = {str(c.id) for c in self._timed(self._client.list_collections, timeout_s=timeout_s)}
            db = sqlite3.connect(f"file:{self.path / 'chroma.sqlite3'}?mode=ro", uri=True, timeout=timeout_s or self.timeout_s)
            try:
                rows = db.execute("SELECT id, collection FROM segments").fetchall()
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - nothing is removed on any doubt
            log.warning("could not look for orphaned segment folders: %s", exc)
            return []
        kept = {str(seg) for seg, col in rows if str(col) in listed}
        removed = []
        for folder in on_disk:
            if folder.name not in kept:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        if removed:
            log.info("removed %d orphaned segment folder(s)", len(removed))
        return removed


def _is_uuid(name: str) -> bool:
    try:
        uuid.UUID(name)
    except ValueError:
        return False
    return True


def _unreachable(exc: BaseException) -> bool:
    """Connection refused, reset or timed out, however the client library wraps it."""
    names = {type(e).__name__ for e in _chain(exc)}
    text = " ".join(str(e) for e in _chain(exc)).lower()
    return bool(names & {"ConnectError", "ConnectTimeout", "ReadTimeout", "RemoteProtocolError", "ConnectionError",
                         "ConnectionRefusedError", "ConnectionResetError", "TimeoutException", "ReadError"}) or \
        any(w in text for w in ("connection refused", "could not connect", "timed out", "connection reset"))


def _chain(exc: BaseException):
    while exc is not None:
        yield exc
        exc = exc.__cause__ or exc.__context__


def wait_for_chroma(url: str, timeout_s: float = 10.0) -> None:
    """Poll the server's heartbeat: HttpClient connects in its constructor."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url.rstrip("/") + "/api/v2/heartbeat", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise StoreError(f"Chroma server at {url} did not answer its heartbeat within {timeout_s:.0f}s ({last}); start it with `chroma run`")
