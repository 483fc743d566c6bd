"""The management API: documents in and out of the corpus, build status, the audit log.

Only mounted when an admin key is configured; the gate (``policybot.guard``) lets a request reach these
routes only with that key, and tells them whose key it was (the audit log records the label).
"""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from .guard import ADMIN_HEADER
from .workspace import NotFound, UploadMeta, Workspace

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
        results = workspace.upload(files, meta, who(request))
        return {"results": results, "build": workspace.status()}

    @app.put("/api/documents/{key}", tags=["management"])
    async def replace(key: str, request: Request) -> dict:
        """Replace one document (by id or file name) with a new version: one ``file`` and optional metadata."""
        files, meta = await _read_form(request, workspace)
        if len(files) != 1:
            raise HTTPException(status_code=422, detail="replacing takes exactly one file")
        try:
            result = workspace.replace(key, files[0][0], files[0][1], meta, who(request))
        except NotFound as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None
        return {"results": [result], "build": workspace.status()}

    @app.delete("/api/documents/{key}", tags=["management"])
    def remove(key: str, request: Request) -> dict:
        """Remove a document from the corpus (the file is kept under data/removed/)."""
        try:
            result = workspace.delete(key, who(request))
        except NotFound as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None
        return {"results": [result], "build": workspace.status()}

    @app.get("/api/index/status", tags=["management"])
    def index_status() -> dict:
        """Whether a build runs, its progress, the build being served, the last error and what the last build changed."""
        return workspace.status()

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
