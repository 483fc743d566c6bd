"""Document management: upload, replace and remove corpus files, each change audited and followed by a build.

The corpus folder stays the single source of truth: an accepted upload is a file (plus a ``.meta.json``
sidecar for the metadata given with it) in ``corpus/``, so ``policybot ingest`` sees exactly what the page
and the API put there. A replaced or removed file is moved to ``data/removed/``, never deleted.
"""

from __future__ import annotations

import datetime as dt
import functools
import glob
import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

from policybot.answering.curated import CuratedStore
from policybot.documents.corpus import load_document
from policybot.documents.loaders import SIDECAR_SUFFIX, SUPPORTED_SUFFIXES, list_corpus_files, sidecar_of, sidecar_path
from policybot.errors import DocumentError, NotFoundError, PolicybotError
from policybot.workspace.audit import AuditLog
from policybot.workspace.builds import BuildRunner
from policybot.workspace.review import ReviewQueue
from policybot.workspace.uploads import Checked, UploadMeta, check_file, clean_name, shown_name


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Workspace:
    def __init__(self, live, runner: BuildRunner | None = None, audit: AuditLog | None = None):
        self.live = live
        self.settings = live.settings
        self.corpus = Path(self.settings.corpus_dir)
        self.runner = runner or BuildRunner(live)
        self.audit = audit or AuditLog(Path(self.settings.data_dir) / "audit.sqlite")
        self._lock = threading.Lock()  # one change to the corpus folder at a time
        self._known_cache: dict[tuple, str] = {}

    @functools.cached_property
    def curated(self):
        """The curated answers' store (``data/curated.sqlite``), shared by the page and the API."""
        return CuratedStore(Path(self.settings.data_dir) / "curated.sqlite")

    @functools.cached_property
    def reviews(self):
        """Which ratings a clerk has dealt with (``data/review.sqlite``), shared by the page and the API."""
        return ReviewQueue(Path(self.settings.data_dir) / "review.sqlite")

    # --- what is in the corpus ---------------------------------------------------------------
    def known(self) -> dict[str, str]:
        """doc_id → corpus file of every readable document in the folder (each file read once per version)."""
        ids = {}
        for path in list_corpus_files(self.corpus):
            st = path.stat()
            side = sidecar_of(path)
            key = (str(path), st.st_mtime_ns, st.st_size, str(side), _mtime(side) if side else 0)
            ids[key] = self._known_cache[key] if key in self._known_cache else _doc_id(path, self.corpus)
        self._known_cache = ids  # only the versions in the folder now
        return {doc_id: Path(key[0]).relative_to(self.corpus).as_posix() for key, doc_id in ids.items() if doc_id}

    def _source_of(self, key: str) -> str:
        """The corpus file of a served document, by id or file name."""
        doc = self.live.current().index.document(key)
        if doc is not None and (self.corpus / doc.source).is_file():
            return doc.source
        try:  # a file uploaded a moment ago, not built yet
            name = clean_name(key)
        except DocumentError:
            name = ""
        if name and (self.corpus / name).is_file():
            return name
        raise NotFoundError(f"没有这个文件：{key}（GET /api/documents 列出全部文件）")

    # --- changes -----------------------------------------------------------------------------
    def upload(self, files: list[tuple[str, bytes]], meta: UploadMeta, who: str) -> list[dict]:
        """Check and store each file; a refused file never stops the others. A build follows any acceptance."""
        results = []
        with self._lock:
            for name, data in files:
                results.append(self._upload_one(name, data, meta, who))
        if any(r["status"] == "accepted" for r in results):
            self.runner.request()
        return results

    def _upload_one(self, name: str, data: bytes, meta: UploadMeta, who: str) -> dict:
        try:
            checked = check_file(name, data, meta, self.settings.max_upload_bytes, self.known(), settings=self.settings)
            if (self.corpus / checked.name).exists():
                raise DocumentError(checked.name, "已有同名文件；要更新它请用“替换”（PUT /api/documents/{id}），或改名后上传")
        except DocumentError as exc:
            self.audit.write(who, "upload", shown_name(name), sha256(data), "rejected", exc.reason)
            return {"file": shown_name(name), "status": "rejected", "reason": exc.reason, "doc_id": None}
        self._write(checked)
        self.audit.write(who, "upload", checked.name, sha256(data), "accepted", checked.doc.display_title)
        return {"file": checked.name, "status": "accepted", "reason": "", "doc_id": checked.doc.doc_id,
                "metadata": read_metadata(checked.doc)}

    def replace(self, key: str, name: str, data: bytes, meta: UploadMeta, who: str) -> dict:
        with self._lock:
            old = self._source_of(key)
            try:
                checked = check_file(name, data, meta, self.settings.max_upload_bytes, self.known(), replacing=old,
                                     settings=self.settings)
                clash = self.corpus / checked.name
                if clash.exists() and checked.name != old:
                    raise DocumentError(checked.name, "已有另一个同名文件；请改名后再替换")
            except DocumentError as exc:
                self.audit.write(who, "replace", f"{old} ← {shown_name(name)}", sha256(data), "rejected", exc.reason)
                return {"file": shown_name(name), "status": "rejected", "reason": exc.reason, "doc_id": None}
            self._set_aside(old)
            self._write(checked)
            self.audit.write(who, "replace", f"{old} ← {checked.name}", sha256(data), "accepted", checked.doc.display_title)
        self.runner.request()
        return {"file": checked.name, "status": "accepted", "reason": "", "doc_id": checked.doc.doc_id, "replaced": old}

    def delete(self, key: str, who: str) -> dict:
        with self._lock:
            old = self._source_of(key)
            if len(self.known()) <= 1:
                raise PolicybotError("这是知识库里唯一的文件，不能删除（先上传新文件再删除它）")
            digest = sha256((self.corpus / old).read_bytes())
            self._set_aside(old)
            self.audit.write(who, "delete", old, digest, "accepted", "")
        self.runner.request()
        return {"file": old, "status": "removed"}

    def cancel_build(self, who: str) -> bool:
        """Stop the running build (the build being served stays); False when none was running."""
        stopped = self.runner.cancel()
        if stopped:
            self.audit.write(who, "cancel", "", "", "ok", "")
        return stopped

    # --- files -------------------------------------------------------------------------------
    def _write(self, checked: Checked) -> None:
        """Write next to the corpus, then move in: a reader never sees half a file."""
        target = self.corpus / checked.name
        self._set_aside_sidecars(target)  # stale metadata left by an earlier file of this name
        if checked.sidecar or target.with_name(target.stem + SIDECAR_SUFFIX).exists():
            # its own sidecar (side.txt.meta.json); an empty one keeps a sibling's older side.meta.json off it
            _atomic_write(sidecar_path(target), json.dumps(checked.sidecar, ensure_ascii=False, indent=2).encode("utf-8"))
        _atomic_write(target, checked.data)  # the sidecar first: a build never reads the file without it

    def _set_aside(self, rel: str) -> None:
        """Move a corpus file (and its sidecar) to data/removed/<time>/: nothing is ever lost."""
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        dest = Path(self.settings.data_dir) / "removed" / stamp
        dest.mkdir(parents=True, exist_ok=True)
        path = self.corpus / rel
        if path.exists():
            shutil.move(str(path), dest / path.name)
        self._set_aside_sidecars(path, dest)

    def _set_aside_sidecars(self, path: Path, dest: Path | None = None) -> None:
        """Move the sidecars that belong to ``path`` (its own, and the older stem-named one unless another
        document of the same stem still reads it) to ``dest`` (default: a new data/removed/<time>/)."""
        shared = path.with_name(path.stem + SIDECAR_SUFFIX)
        siblings = [p for p in path.parent.glob(glob.escape(path.stem) + ".*")
                    if p != path and p.suffix.lower() in SUPPORTED_SUFFIXES and p.stem == path.stem]
        for side in (sidecar_path(path), shared if not siblings else None):
            if side is not None and side.exists():
                if dest is None:
                    dest = Path(self.settings.data_dir) / "removed" / dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
                    dest.mkdir(parents=True, exist_ok=True)
                shutil.move(str(side), dest / side.name)

    def status(self) -> dict:
        return self.runner.status()


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _doc_id(path: Path, corpus: Path) -> str:
    try:
        return load_document(path, corpus).doc_id
    except DocumentError:
        return ""  # unreadable: not a document a new file could repeat


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def read_metadata(doc) -> dict:
    """What the text (or the sidecar) says of an accepted document, for the clerk to confirm or correct."""
    period = f"{doc.period_start}—{doc.period_end}" if doc.period_start and doc.period_end else ""
    return {"title": doc.title or "", "issuer": doc.issuer or "", "doc_number": doc.doc_number or "",
            "issued": doc.issued or doc.published or "", "region": "".join(doc.region), "period": period}
