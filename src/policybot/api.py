"""REST API (FastAPI) with the Gradio page mounted in the same process, and the server start-up.

Domain errors become 4xx JSON bodies here; the core never sees HTTP.
"""

from __future__ import annotations

import hmac
import logging
import os
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from .chain import PolicyBot
from .errors import InvalidQuestionError, PolicybotError
from .feedback import FeedbackStore
from .settings import Settings

log = logging.getLogger(__name__)


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str = Field(pattern="^(user|assistant)$", description="who spoke")
    content: str = Field(max_length=20000, description="what was said")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(description="the question, up to 2,000 characters")
    history: list[Turn] = Field(default_factory=list, max_length=50, description="previous turns, oldest first")
    region: str | None = Field(None, max_length=50, description="restrict to a region, e.g. 临沧")
    document: str | None = Field(None, max_length=200, description="restrict to one document (id or file name)")


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(description="keywords or a question")
    region: str | None = Field(None, max_length=50)
    document: str | None = Field(None, max_length=200)
    k: int = Field(5, ge=1, le=50)


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": message, **extra})


def create_app(settings: Settings, bot: PolicyBot | None = None, feedback: FeedbackStore | None = None, with_ui: bool = True) -> FastAPI:
    bot = bot or PolicyBot(settings)
    feedback = feedback or FeedbackStore(settings.data_dir / "feedback.sqlite")
    app = FastAPI(title="policybot", description="Questions about local science-and-technology policies, answered with verbatim quotes.",
                  version="0.1.0")
    app.state.bot = bot
    app.state.feedback = feedback

    def require_key(request: Request) -> None:
        if not settings.api_key:
            return
        given = request.headers.get("x-api-key") or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), settings.api_key.encode()):
            raise HTTPException(status_code=401, detail="missing or wrong API key (send X-API-Key)")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(map(str, err.get("loc", ()))), "msg": err.get("msg", "")} for err in exc.errors()]
        return _error(422, "invalid request body", detail=detail)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException):
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(InvalidQuestionError)
    async def _bad_question(request: Request, exc: InvalidQuestionError):
        return _error(422, str(exc))

    @app.exception_handler(PolicybotError)
    async def _domain(request: Request, exc: PolicybotError):
        return _error(400, str(exc))

    def _document_or_404(key: str | None):
        if not key:
            return None
        doc = bot.index.document(key)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"unknown document '{key}'; GET /api/documents lists them")
        return doc

    @app.post("/api/ask", dependencies=[Depends(require_key)])
    def ask(req: AskRequest) -> dict:
        doc = _document_or_404(req.document)
        answer = bot.ask(req.question, history=[t.model_dump() for t in req.history], region=req.region,
                         doc_id=doc.doc_id if doc else None)
        return answer.to_json()

    @app.post("/api/search", dependencies=[Depends(require_key)])
    def search(req: SearchRequest) -> list[dict]:
        doc = _document_or_404(req.document)
        results = bot.search(req.query, k=req.k, region=req.region, doc_id=doc.doc_id if doc else None)
        return [sc.to_json(r) for r, sc in enumerate(results, 1)]

    @app.get("/api/documents", dependencies=[Depends(require_key)])
    def documents() -> list[dict]:
        today = bot.today()
        return [{**d.meta(), "expired": d.expired(today)} for d in bot.index.documents.values()]

    @app.get("/api/documents/{key}", dependencies=[Depends(require_key)])
    def document(key: str) -> dict:
        doc = _document_or_404(key)
        return {**doc.meta(), "expired": doc.expired(bot.today()), "text": doc.text,
                "outline": [{"level": h.level, "label": h.label, "start": h.start} for h in doc.headings]}

    @app.get("/healthz")
    def healthz() -> dict:
        m = bot.index.manifest
        return {"status": "ok", "index_loaded": True, "documents": len(bot.index.documents), "chunks": len(bot.index.chunks),
                "fingerprint": m.get("fingerprint"), "build_id": m.get("build_id"),
                "store": "chroma-server" if settings.chroma_url else "chroma-embedded"}

    if with_ui:
        import gradio as gr

        from .render import CSS
        from .web import build_blocks, theme

        app = gr.mount_gradio_app(app, build_blocks(bot, feedback), path="/", theme=theme(), css=CSS,
                                  footer_links=["api"], ssr_mode=False)
    return app


def start_in_thread(app, host: str = "127.0.0.1"):
    """Serve ``app`` with uvicorn on a free loopback port in a daemon thread: (server, thread, url)."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind((host, 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, thread, f"http://{host}:{port}"


def prepare(settings: Settings) -> PolicyBot:
    """Build or update the index (progress in the terminal), then load and warm the models."""
    from .embeddings import make_embedder
    from .indexing import ingest

    embedder = make_embedder(settings.embedding)
    report = ingest(settings, embedder, progress=True)
    print(report.summary(), flush=True)
    for path, reason in report.skipped:
        print(f"skipped {path}: {reason}", flush=True)
    bot = PolicyBot(settings, embedder=embedder)
    bot.warm()
    return bot


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    import uvicorn

    os.environ.setdefault("GRADIO_TEMP_DIR", str(Path(settings.data_dir).resolve() / "gradio-tmp"))
    bot = prepare(settings)
    app = create_app(settings, bot)
    print(f"policybot ready on http://{host}:{port}  (API docs: http://{host}:{port}/docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
