"""The vector store: the only module that imports chromadb.

Embedded by default (``PersistentClient`` under the index folder); a Chroma server when
``chroma_url`` is set. policybot always passes precomputed vectors: Chroma never embeds.
"""

from __future__ import annotations

import logging
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .errors import StoreError

log = logging.getLogger(__name__)

_META_KEYS = ("doc_id", "region", "ordinal")


class VectorStore:
    def __init__(self, index_dir: Path, chroma_url: str = ""):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.url = chroma_url
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
                raise StoreError(f"collection '{name}' is missing from the vector store; rebuild with `policybot ingest --rebuild`") from exc
        return self._collections[name]

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
        col = self._col(name)
        where = {"doc_id": {"$in": list(doc_ids)}} if doc_ids else None
        res = col.query(query_embeddings=[np.asarray(vector, np.float32)], n_results=n, where=where, include=["distances"])
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
