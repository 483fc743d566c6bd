"""The serving side of a build: ``open_index`` checks the manifest's fingerprint against the settings in force and
loads the build's documents, passages, 政策清单 and BM25 indexes into an ``Index``."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from policybot.catalogue.extract import Item, build
from policybot.errors import IndexMismatchError, IndexMissingError
from policybot.files import read_jsonl
from policybot.index.build import chunk_from_json, doc_from_json, fingerprint, read_manifest
from policybot.index.embeddings import Embedder
from policybot.index.store import VectorStore
from policybot.settings import Settings
from policybot.text.lexical import BM25Index, normalise
from policybot.types import HEADER_SUFFIX, Chunk, PolicyDocument

log = logging.getLogger(__name__)


@dataclass
class Index:
    """A built index, loaded for querying."""
    manifest: dict
    documents: dict[str, PolicyDocument]
    chunks: list[Chunk]
    words: BM25Index
    bigrams: BM25Index
    store: VectorStore
    collection: str

    build_dir: Path | None = None

    def __post_init__(self):
        self.by_id = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self._catalogue = None
        self._normalised: dict[str, str] | None = None

    @property
    def catalogue(self) -> list:
        """The build's 政策清单 (``catalogue.Item``), read on first use; extracted now for a build without one."""
        if self._catalogue is None:

            path = self.build_dir / "catalogue.jsonl" if self.build_dir else None
            if path is not None and path.exists():
                texts = {c.chunk_id: c.text for c in self.chunks}
                self._catalogue = [Item(**{**row, "chunk_text": texts.get(row["chunk_id"], "")}) for row in read_jsonl(path)]
            else:
                self._catalogue = build(self.documents, self.chunks)
        return self._catalogue

    @property
    def normalised_texts(self) -> dict[str, str]:
        """Each document's passages normalised as questions are (``text.lexical.normalise``), one line each, worked out
        on first use: what a word is looked for in, whether a document names it at all."""
        if self._normalised is None:
            lines: dict[str, list[str]] = {}
            for c in self.chunks:
                lines.setdefault(c.doc_id, []).append(normalise(c.text))
            self._normalised = {d: "\n".join(t) for d, t in lines.items()}
        return self._normalised

    def passage(self, chunk_id: str) -> str | None:
        """A chunk's text in this build (None once the chunk is gone, e.g. its document was replaced); a document's
        page header (``PolicyDocument.header_chunk``, never indexed) by its id too."""
        i = self.by_id.get(chunk_id)
        if i is not None:
            return self.chunks[i].text
        doc = self.documents.get(chunk_id.removesuffix(HEADER_SUFFIX)) if chunk_id.endswith(HEADER_SUFFIX) else None
        return doc.header or None if doc else None

    def locate(self, chunk_id: str, quote: str) -> Chunk | None:
        """The chunk holding ``quote`` in this build: its own, or (re-chunked since) the first that holds it."""
        i = self.by_id.get(chunk_id)
        if i is not None and quote in self.chunks[i].text:
            return self.chunks[i]
        return next((c for c in self.chunks if quote in c.text), None)

    def document(self, key: str) -> PolicyDocument | None:
        """A document by id, by file name (with or without extension) or by its path in the corpus."""
        if key in self.documents:
            return self.documents[key]
        return next((d for d in self.documents.values() if key in (d.slug, d.source, Path(d.source).name)), None)


def open_index(settings: Settings, embedder: Embedder, store: VectorStore | None = None) -> Index:
    """Load the current build; fails with the fix when it is absent or built with other settings."""
    index_dir = settings.index_dir
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexMissingError(f"no index in {index_dir}; build it with `policybot ingest`")
    want = fingerprint(settings, embedder)
    if manifest.get("fingerprint") != want:
        raise IndexMismatchError(
            f"the index in {index_dir} was built with other settings ({_diff(manifest.get('fingerprint') or {}, want)}); "
            "rebuild it with `policybot ingest --rebuild`"
        )
    build = index_dir / "builds" / manifest["build_id"]
    store = store or VectorStore(index_dir, settings.chroma_url, settings.store_timeout_s)
    docs = {d["doc_id"]: doc_from_json(d) for d in read_jsonl(build / "documents.jsonl")}
    chunks = [chunk_from_json(c) for c in read_jsonl(build / "chunks.jsonl")]
    return Index(
        manifest=manifest,
        documents=docs,
        chunks=chunks,
        words=BM25Index.load(build / "bm25_words"),
        bigrams=BM25Index.load(build / "bm25_bigrams"),
        store=store,
        collection=manifest["collection"],
        build_dir=build,
    )


def _diff(old: dict, new: dict) -> str:
    keys = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    return "; ".join(f"{k}: index has {old.get(k)!r}, settings say {new.get(k)!r}" for k in keys) or "unknown"
