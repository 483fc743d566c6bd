"""The management API: documents in and out of the corpus, build status, the audit log.

Only mounted when an admin key is configured; the gate (``policybot.serving.guard``) lets a request reach these
routes only with that key, and tells them whose key it was (the audit log records the label).
"""

from __future__ import annotations

from dataclasses import asdict

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from policybot.answering.curated import Curated
from policybot.errors import NotFoundError
from policybot.serving.guard import ADMIN_HEADER
from policybot.workspace import UploadMeta, Workspace
from policybot.workspace.review import item_key, refused_by_focus

MAX_FILES = 20
META_FIELDS = tuple(UploadMeta.model_fields)


async def _read_form(request: Request, workspace: Workspace) -> tuple[list[tuple[str, bytes]], UploadMeta]:
    """The uploaded files (name, bytes) and the metadata fields; 422 on a malformed form."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(status_code=415, detail="send multipart/form-data with one or more 'files' fields")
    form = await request.form(max_files=MAX_FILES, max_fields=50)
    uploads = [f for key in ("files", "file") for f in form.getlist(key) if isinstance(f, UploadFile)]
    if not uploads:
        raise HTTPException(status_code=422, detail="no file: add one or more 'files' fields")
    unknown = sorted(k for k in form.keys() if k not in (*META_FIELDS, "files", "file"))
    if unknown:
        raise HTTPException(status_code=422, detail=f"unknown form fields {unknown}; allowed: files, {', '.join(META_FIELDS)}")
    try:
        meta = UploadMeta(**{k: str(form[k]) for k in META_FIELDS if k in form and isinstance(form[k], str)})
    except ValidationError as exc:
        raise HTTPException(status_code=422, detail="; ".join(f"{e['loc'][0]}: {e['msg']}" for e in exc.errors())) from None
    files = []
    for f in uploads:
        data = await f.read()  # spooled to disk by the parser; the gate has bounded the body
        files.append((f.filename or "", data))
    return files, meta


def add_admin_routes(app: FastAPI, workspace: Workspace) -> None:
    def who(request: Request) -> str:
        return request.headers.get(ADMIN_HEADER, "")

    @app.post("/api/documents", tags=["management"])
    async def upload(request: Request) -> dict:
        """Add documents (multipart ``files``; optional title, issuer, doc_number, date, region, period, source_url)."""
        files, meta = await _read_form(request, workspace)
        results = await run_in_threadpool(workspace.upload, files, meta, who(request))  # parsing: not in the event loop
        return {"results": results, "build": workspace.status()}

    @app.put("/api/documents/{key}", tags=["management"])
    async def replace(key: str, request: Request) -> dict:
        """Replace one document (by id or file name) with a new version: one ``file`` and optional metadata."""
        files, meta = await _read_form(request, workspace)
        if len(files) != 1:
            raise HTTPException(status_code=422, detail="replacing takes exactly one file")
        result = await run_in_threadpool(workspace.replace, key, files[0][0], files[0][1], meta, who(request))
        return {"results": [result], "build": workspace.status()}

    @app.delete("/api/documents/{key}", tags=["management"])
    def remove(key: str, request: Request) -> dict:
        """Remove a document from the corpus (the file is kept under data/removed/)."""
        result = workspace.delete(key, who(request))
        return {"results": [result], "build": workspace.status()}

    @app.get("/api/index/status", tags=["management"])
    def index_status() -> dict:
        """Whether a build runs, its progress, the build being served, the last error and what the last build changed."""
        return workspace.status()

    @app.post("/api/index/cancel", tags=["management"])
    def index_cancel(request: Request) -> dict:
        """Stop the running build; the build being served stays. ``cancelled`` is false when none was running."""
        return {"cancelled": workspace.cancel_build(who(request)), "build": workspace.status()}

    @app.get("/api/admin/audit", tags=["management"])
    def audit(format: str = "json"):
        """The audit log, newest first (``format=csv`` or ``jsonl`` downloads it, oldest first)."""
        if format == "csv":
            return Response(workspace.audit.to_csv(), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="audit.csv"'})
        if format == "jsonl":
            return Response(workspace.audit.to_jsonl(), media_type="application/x-ndjson; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="audit.jsonl"'})
        return {"entries": workspace.audit.rows()}


class QuoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    chunk_id: str = Field(max_length=64)
    quote: str = Field(min_length=2, max_length=2000)


class CuratedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(max_length=500, description="the question this answer is for")
    direct: str = Field(max_length=1000, description="the direct line (only figures its quotes state)")
    quotes: list[QuoteIn] = Field(min_length=1, max_length=8, description="verbatim slices of passages: chunk_id + quote")
    note: str = Field("", max_length=1000)


class CuratedPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool


def add_review_routes(app: FastAPI, workspace: Workspace, feedback, questions) -> None:
    """Curated answers (人工审核答案), the feedback review queue and the refused-question groups, for admins."""
    store, queue = workspace.curated, workspace.reviews

    def changed(request: Request, action: str, item_id: str, detail: str = "") -> None:
        bot = workspace.live.current()
        bot.refresh_curated()  # served from the next question on, no rebuild
        workspace.audit.write(request.headers.get(ADMIN_HEADER, ""), action, item_id, "", "ok", detail)

    @app.get("/api/admin/curated", tags=["management"])
    def curated_list() -> list[dict]:
        """Every curated answer with its state (``stale``: why it is no longer served)."""
        return [asdict(c) for c in store.all()]

    @app.post("/api/admin/curated", tags=["management"])
    def curated_add(body: CuratedIn, request: Request) -> dict:
        """Save a curated answer; quotes must be verbatim slices of the named passages."""
        index = workspace.live.current().index
        quotes = []
        for q in body.quotes:
            i = index.by_id.get(q.chunk_id)
            if i is None:
                raise HTTPException(status_code=422, detail=f"unknown chunk_id {q.chunk_id} (see /api/search)")
            quotes.append({"doc_id": index.chunks[i].doc_id, "chunk_id": q.chunk_id, "quote": q.quote})
        item = store.add(Curated(body.question, body.direct, quotes, body.note,
                                 author=request.headers.get(ADMIN_HEADER, "")), index)
        changed(request, "curated-add", item.id, item.question)
        return asdict(item)

    @app.patch("/api/admin/curated/{item_id}", tags=["management"])
    def curated_patch(item_id: str, body: CuratedPatch, request: Request) -> dict:
        item = store.set_enabled(item_id, body.enabled)
        changed(request, "curated-enable" if body.enabled else "curated-disable", item_id)
        return asdict(item)

    @app.delete("/api/admin/curated/{item_id}", tags=["management"])
    def curated_delete(item_id: str, request: Request) -> dict:
        store.delete(item_id)
        changed(request, "curated-delete", item_id)
        return {"id": item_id, "status": "deleted"}

    @app.get("/api/admin/feedback", tags=["management"])
    def feedback_queue(only_down: bool = False, unresolved: bool = False, start: str | None = None,
                       end: str | None = None) -> list[dict]:
        """Ratings with question, answer, comment, time and whether they were dealt with (dates YYYY-MM-DD, UTC)."""
        return [{**r, "key": item_key(r)} for r in queue.queue(feedback, only_down, unresolved, start, end)]

    @app.post("/api/admin/feedback/{key}/resolve", tags=["management"])
    def feedback_resolve(key: str, request: Request, note: str = "") -> dict:
        rows = {item_key(r): r for r in queue.queue(feedback)}
        if key not in rows:
            raise NotFoundError(f"no rating {key} (GET /api/admin/feedback lists them)")
        queue.resolve(rows[key], request.headers.get(ADMIN_HEADER, ""), note)
        return {"key": key, "status": "resolved"}

    @app.get("/api/admin/refused", tags=["management"])
    def refused(since: str | None = None) -> list[dict]:
        """Questions the corpus could not answer, grouped by what they asked about: the documents to add next."""
        return refused_by_focus(questions, since)
