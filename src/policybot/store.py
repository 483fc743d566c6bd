"""The vector store: the only module that imports chromadb.

Embedded by default (``PersistentClient`` under the index folder); a Chroma server when
``chroma_url`` is set. policybot always passes precomputed vectors: Chroma never embeds.
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .errors import StoreError

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

    def _timed(self, fn, *args, **kwargs):
        """``fn`` with the store timeout: StoreError(unavailable) when the store is down or stuck."""
        future = _CALLS.submit(fn, *args, **kwargs)
        try:
            return future.result(timeout=self.timeout_s)
        except concurrent.futures.TimeoutError as exc:
            raise StoreError(f"vector store did not answer within {self.timeout_s:g}s", unavailable=True) from exc
        except StoreError:
            raise
        except Exception as exc:
            if _unreachable(exc):
                raise StoreError(f"vector store unavailable ({type(exc).__name__})", unavailable=True) from exc
            if "does not exist" in str(exc) or "NotFound" in type(exc).__name__:
                self._collections.clear()
                raise StoreError(f"a collection is missing from the vector store ({exc})", missing=True) from exc
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

    def create(self, name: str) -> None:
        self.drop(name)
        self._collections[name] = self._client.create_collection(
            name, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )

    def add(self, name: str, ids: list[str], vectors: np.ndarray, texts: list[str], metas: list[dict]) -> None:
        col = self._col(name)
        step = 1000
        for i in range(0, len(ids), step):
            col.add(
                ids=ids[i : i + step],
                embeddings=np.asarray(vectors[i : i + step], dtype=np.float32),
                documents=texts[i : i + step],
                metadatas=[{k: m[k] for k in _META_KEYS if k in m} for m in metas[i : i + step]],
            )

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

    def names(self) -> list[str]:
        return [c.name if hasattr(c, "name") else str(c) for c in self._client.list_collections()]

    def drop(self, name: str) -> None:
        self._collections.pop(name, None)
        try:
            self._client.delete_collection(name)
        except Exception:  # absent already: nothing to drop
            pass


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
