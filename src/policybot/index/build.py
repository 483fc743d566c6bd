"""ingest → chunk → embed → upsert, built aside and swapped in.

Each build writes a new Chroma collection and a new ``builds/<id>/`` folder (documents, chunks,
two BM25 indexes), then atomically replaces ``manifest.json``. A failed or interrupted build
leaves the previous manifest, and so the previous index, serving. Passage vectors come from a
content-hash cache, so only new or changed chunks are embedded.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from policybot.catalogue.extract import CATALOGUE_VERSION
from policybot.catalogue.extract import build as build_catalogue
from policybot.documents.chunking import chunk_document
from policybot.documents.corpus import NORMALISER_VERSION, load_document
from policybot.documents.instructions import flag_chunks
from policybot.documents.loaders import Limits, list_corpus_files
from policybot.errors import DocumentError
from policybot.files import read_jsonl, write_jsonl
from policybot.index.embeddings import Embedder, EmbeddingCache
from policybot.index.store import VectorStore
from policybot.settings import Settings
from policybot.text.lexical import BM25Index, bigram_tokens, tokens_version, word_tokens
from policybot.types import Chunk, Heading, PolicyDocument

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"


def fingerprint(settings: Settings, embedder: Embedder) -> dict:
    """What an index depends on: querying with different values must fail loudly."""
    return {
        "schema": SCHEMA_VERSION,
        "embedding_model": embedder.model_id,
        "chunking": settings.chunking.model_dump(),
        "normaliser": NORMALISER_VERSION,
        "tokens": tokens_version(),
    }


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    instructions: list[dict] = field(default_factory=list)  # {"file", "line", "text"}: sentences speaking to the assistant
    kept_previous: list[str] = field(default_factory=list)  # unreadable now, previous version kept
    catalogue_items: int = 0
    catalogue_s: float = 0.0
    documents: int = 0
    chunks: int = 0
    embedded: int = 0
    changed: bool = True
    seconds: float = 0.0

    def summary(self) -> str:
        head = (
            f"documents: {self.documents} (added {len(self.added)}, updated {len(self.updated)}, "
            f"removed {len(self.removed)}, unchanged {len(self.unchanged)}, skipped {len(self.skipped)}); "
            f"chunks: {self.chunks}; newly embedded: {self.embedded}; {self.seconds:.1f}s"
        )
        if not self.changed:
            head += "\nnothing changed: the index is up to date, nothing was embedded"
        return head


# --- persistence helpers ----------------------------------------------------------------------


def _doc_to_json(doc: PolicyDocument) -> dict:
    d = asdict(doc)
    d["region"] = list(doc.region)
    d["headings"] = [[h.level, h.label, h.start] for h in doc.headings]
    for key in ("source_url", "header"):  # documents without one keep the version they had before the field existed
        if not d[key]:
            d.pop(key)
    return d


def doc_version(doc: PolicyDocument) -> str:
    """Changes when the text or any metadata (e.g. from a sidecar) changes."""
    return hashlib.sha256(json.dumps(_doc_to_json(doc), ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def doc_from_json(d: dict) -> PolicyDocument:
    d = dict(d)
    d["region"] = tuple(d["region"])
    d["headings"] = tuple(Heading(*h) for h in d["headings"])
    return PolicyDocument(**d)


def _chunk_to_json(c: Chunk) -> dict:
    d = asdict(c)
    d["section"] = list(c.section)
    d["region"] = list(c.region)
    return d


def chunk_from_json(d: dict) -> Chunk:
    d = dict(d)
    d["section"] = tuple(d["section"])
    d["region"] = tuple(d["region"])
    d["instructions"] = tuple(tuple(span) for span in d.get("instructions", ()))
    return Chunk(**d)


def read_manifest(index_dir: Path) -> dict | None:
    path = index_dir / MANIFEST
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _write_manifest(index_dir: Path, manifest: dict) -> None:
    tmp = index_dir / f".{MANIFEST}.{uuid.uuid4().hex}.tmp"
    try:
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, index_dir / MANIFEST)
    finally:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written manifest behind


@contextmanager
def _ingest_lock(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".ingest.lock").open("w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise DocumentError(str(index_dir), "another ingest is running on this index; wait for it to finish") from exc
        yield


# --- the loaded index -------------------------------------------------------------------------


# --- building ---------------------------------------------------------------------------------


def chunked(doc: PolicyDocument, settings: Settings) -> list[Chunk]:
    """A document's passages, or a ``DocumentError`` when it would make more than ``build.max_document_chunks``
    (estimated from the text's length first: a huge document is refused before it is chunked)."""
    limit = settings.build.max_document_chunks
    fix = "请拆分成几份文件，或删去与政策无关的内容后再上传"
    at_least = len(doc.text) // settings.chunking.max_chars
    if at_least > limit:
        raise DocumentError(doc.source, f"正文至少会分成 {at_least:,} 个段落，超过每份文件 {limit:,} 个段落的上限；{fix}")
    chunks = chunk_document(doc, settings.chunking)
    if len(chunks) > limit:
        raise DocumentError(doc.source, f"正文会分成 {len(chunks):,} 个段落，超过每份文件 {limit:,} 个段落的上限；{fix}")
    return chunks


def _load_corpus(settings: Settings, report: IngestReport, indexed: dict,
                 passages: dict[str, list[Chunk]]) -> dict[str, PolicyDocument]:
    """Readable documents within the limits by corpus-relative path (their chunks into ``passages`` by doc_id);
    problems go to ``report.skipped``.

    Of two files with the same text, the one already indexed (else the first by name) is kept.
    """
    docs: dict[str, PolicyDocument] = {}
    seen: dict[str, str] = {}
    limits = Limits.of(settings)
    files = list_corpus_files(settings.corpus_dir)
    files.sort(key=lambda p: p.relative_to(settings.corpus_dir).as_posix() not in indexed)
    for path in files:
        rel = path.relative_to(settings.corpus_dir).as_posix()
        try:
            doc = load_document(path, settings.corpus_dir, limits)
            # new or changed: within the passage limit? (chunked once here, reused by the build)
            chunks = chunked(doc, settings) if indexed.get(rel, {}).get("version") != doc_version(doc) else None
        except DocumentError as exc:
            report.skipped.append((rel, exc.reason))
            log.warning("skipped %s: %s", rel, exc.reason)
            continue
        if doc.doc_id in seen:
            reason = f"duplicate of {seen[doc.doc_id]} (same text)"
            report.skipped.append((rel, reason))
            log.warning("skipped %s: %s", rel, reason)
            continue
        seen[doc.doc_id] = rel
        docs[rel] = doc
        if chunks is not None:
            passages[doc.doc_id] = chunks
    return docs


def _previous_versions(index_dir: Path, old: dict, docs: dict[str, PolicyDocument], report: IngestReport) -> dict[str, PolicyDocument]:
    """Indexed files that have become unreadable keep their previous version: nothing indexed is lost."""
    skipped = {p for p, _ in report.skipped}
    lost = {p: meta["doc_id"] for p, meta in old["documents"].items() if p in skipped}
    if not lost:
        return {}
    previous = {d["doc_id"]: doc_from_json(d) for d in read_jsonl(index_dir / "builds" / old["build_id"] / "documents.jsonl")}
    readable = {d.doc_id for d in docs.values()}
    carried = {p: previous[i] for p, i in lost.items() if i in previous and i not in readable}
    report.kept_previous.extend(carried)
    return carried


def ingest(
    settings: Settings,
    embedder: Embedder,
    store: VectorStore | None = None,
    rebuild: bool = False,
    progress: bool = True,
    on_progress=None,
) -> IngestReport:
    """Bring the index in line with the corpus folder; see the module docstring for the guarantees.

    ``on_progress(stage, done, total)`` hears each stage (documents, embedding, catalogue, saving)."""
    step = on_progress or (lambda stage, done, total: None)
    t0 = time.perf_counter()
    index_dir = settings.index_dir
    report = IngestReport()
    with _ingest_lock(index_dir):
        old = read_manifest(index_dir)
        fp = fingerprint(settings, embedder)
        reuse = old is not None and not rebuild and old.get("fingerprint") == fp
        old_docs: dict[str, dict] = old["documents"] if reuse else {}
        step("documents", 0, 0)
        passages: dict[str, list[Chunk]] = {}
        docs = _load_corpus(settings, report, old_docs, passages)
        step("documents", len(docs), len(docs))
        # an indexed file that became unreadable keeps its previous version, on --rebuild too
        carried = _previous_versions(index_dir, old, docs, report) if old is not None else {}

        for rel, doc in docs.items():
            if rel not in old_docs:
                report.added.append(rel)
            elif old_docs[rel].get("version") == doc_version(doc):
                report.unchanged.append(rel)
            else:
                report.updated.append(rel)
        report.removed = [p for p in old_docs if p not in docs and p not in carried]
        report.updated += [p for p in carried if p in old_docs and p not in report.updated and not reuse]
        all_docs = {**docs, **carried}
        report.documents = len(all_docs)

        stale_catalogue = old is not None and old.get("catalogue_version") != CATALOGUE_VERSION
        report.changed = not reuse or stale_catalogue or bool(report.added or report.updated or report.removed)
        if not report.changed:
            report.chunks = old.get("n_chunks", 0)
            report.seconds = time.perf_counter() - t0
            return report
        if not all_docs:
            raise DocumentError(str(settings.corpus_dir), "no readable documents; nothing to index (the previous index, if any, is kept)")
        _build(settings, embedder, store, all_docs, passages, fp, old, report, progress, step)
    report.seconds = time.perf_counter() - t0
    return report


def _build(settings, embedder, store, all_docs, passages, fp, old, report, progress, step) -> None:
    index_dir = settings.index_dir
    build_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    build = index_dir / "builds" / build_id
    collection = f"{collection_prefix(index_dir)}{build_id}"
    store = store or VectorStore(index_dir, settings.chroma_url, settings.store_timeout_s)
    wait = settings.build.store_timeout_s  # every store call of the build has a deadline: a stuck store fails it
    chunks = [c for doc in all_docs.values() for c in passages.get(doc.doc_id) or chunk_document(doc, settings.chunking)]
    chunks, report.instructions = flag_chunks(chunks, all_docs)
    texts = [c.index_text() for c in chunks]
    step("embedding", 0, len(texts))
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        step("embedding", done, len(texts))
        if bar:
            bar.update(n)

    cache = EmbeddingCache(index_dir / "embeddings.sqlite")
    bar = None
    try:
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(texts), desc="embedding", unit="chunk", leave=False)
        vectors, report.embedded = cache.embed(embedder, texts, progress=advance)
        if bar:
            bar.update(len(texts) - bar.n)
        build.mkdir(parents=True)
        store.create(collection, timeout_s=wait)
        store.add(
            collection,
            [c.chunk_id for c in chunks],
            vectors,
            [c.text for c in chunks],
            [{"doc_id": c.doc_id, "region": "/".join(c.region), "ordinal": c.ordinal} for c in chunks],
            timeout_s=wait,
        )
        write_jsonl(build / "documents.jsonl", (_doc_to_json(d) for d in all_docs.values()))
        write_jsonl(build / "chunks.jsonl", (_chunk_to_json(c) for c in chunks))

        _write_catalogue_and_lexical(build, all_docs, chunks, texts, report, step)
        manifest = _manifest(fp, build_id, collection, old, all_docs, chunks, report)
        _write_manifest(index_dir, manifest)
    except BaseException:  # the serving build stays; what this one wrote goes (its collection, files, segments)
        store.drop(collection, timeout_s=wait)
        shutil.rmtree(build, ignore_errors=True)
        store.remove_orphan_segments(timeout_s=wait)
        raise
    finally:
        if bar:
            bar.close()
        cache.close()
    report.chunks = len(chunks)
    _prune(index_dir, store, keep_build=build_id, old=old, timeout_s=wait)


def _write_catalogue_and_lexical(build: Path, all_docs: dict, chunks: list, texts: list[str], report, step) -> None:
    """The build's 政策清单 and its two BM25 indexes, beside its chunks."""
    step("catalogue", 0, len(chunks))
    t_cat = time.perf_counter()
    items = build_catalogue({d.doc_id: d for d in all_docs.values()}, chunks)
    write_jsonl(build / "catalogue.jsonl", (it.to_json() for it in items))
    report.catalogue_items, report.catalogue_s = len(items), round(time.perf_counter() - t_cat, 2)
    step("saving", 0, 0)
    BM25Index.build([word_tokens(t) for t in texts]).save(build / "bm25_words")
    BM25Index.build([bigram_tokens(t) for t in texts]).save(build / "bm25_bigrams")


def _manifest(fp: dict, build_id: str, collection: str, old: dict | None, all_docs: dict, chunks: list, report) -> dict:
    """What the build is (settings fingerprint, documents, catalogue version) and the build it replaces."""
    return {
        "fingerprint": fp,
        "build_id": build_id,
        "collection": collection,
        # kept until the next build: a process still serving it finishes its requests on it
        "previous": {"build_id": old["build_id"], "collection": old["collection"]} if old else None,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "n_documents": len(all_docs),
        "catalogue_version": CATALOGUE_VERSION,
        "n_chunks": len(chunks),
        "documents": {
            p: {"doc_id": d.doc_id, "version": doc_version(d), "slug": d.slug, "title": d.display_title}
            for p, d in all_docs.items()
        },
        "skipped": [{"file": p, "reason": r} for p, r in report.skipped],
        "instructions": report.instructions,
    }


def _prune(index_dir: Path, store: VectorStore, keep_build: str, old: dict | None, timeout_s: float | None = None) -> None:
    """Remove what no reader can be using: builds and collections other than the one now serving and
    the one before it (processes switch at their next request), including orphans of killed builds, and the
    segment folders Chroma leaves behind for deleted collections."""
    keep = {keep_build}
    if old:
        keep.add(old["build_id"])
    for path in (index_dir / "builds").iterdir():
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    prune_collections(store, collection_prefix(index_dir), keep, timeout_s)
    store.remove_orphan_segments(timeout_s=timeout_s)


def collection_prefix(index_dir: Path) -> str:
    """This index's collection names start with it: indexes sharing one Chroma server never prune each other."""
    path = index_dir / "store_namespace"
    if not path.exists():
        tmp = index_dir / f".store_namespace.{uuid.uuid4().hex}"
        tmp.write_text(uuid.uuid4().hex[:8], encoding="utf-8")
        try:
            os.link(tmp, path)  # first writer wins
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    return f"policybot-{path.read_text(encoding='utf-8').strip()}-"


def prune_collections(store: VectorStore, prefix: str, keep_builds: set[str], timeout_s: float | None = None) -> list[str]:
    """Drop this index's collections whose build is not kept (also those a killed ingest left behind)."""
    dropped = []
    try:
        names = store.names(timeout_s)
    except Exception as exc:  # a store that cannot list keeps its collections; the next build retries
        log.warning("could not list collections to prune: %s", exc)
        return dropped
    for name in names:
        if name.startswith(prefix) and name.removeprefix(prefix) not in keep_builds:
            store.drop(name, timeout_s)
            dropped.append(name)
    return dropped

