"""REST API (FastAPI) with the Gradio page mounted in the same process, and the server start-up.

Domain errors become 4xx JSON bodies here; the core never sees HTTP.
"""

from __future__ import annotations

import html
import logging
import math
import os
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from policybot.answering.bot import PolicyBot
from policybot.catalogue.listing import filtered, fresh, run_match, to_csv
from policybot.catalogue.profiles import Profile, parse_profile
from policybot.errors import DocumentError, InvalidQuestionError, PolicybotError, StoreError
from policybot.index.build import ingest, read_manifest
from policybot.index.embeddings import make_embedder
from policybot.serving.guard import AccessLog, Guard, parse_keys, parse_origins
from policybot.serving.limits import FailureThrottle, Proxies, RateLimits, TokenBuckets
from policybot.serving.live import LiveBot, answer_with_retry, data_store_problems
from policybot.serving.login import (
    ADMIN_PROMPT,
    COOKIE,
    LOGIN_PAGE,
    LOGIN_PROMPT,
    Sessions,
    cookie_value,
    find_key,
    wait_message,
)
from policybot.settings import Settings
from policybot.workspace import Workspace
from policybot.workspace.feedback import FeedbackStore
from policybot.workspace.review import QuestionLog

log = logging.getLogger(__name__)
MAX_UPLOAD_FILES = 4  # files of the largest size one request may carry (more, smaller files are fine)
# The page's handlers that answer a question: only their events spend a page session's rate budget.
class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str = Field(pattern="^(user|assistant)$", description="who spoke")
    content: str = Field(max_length=4000, description="what was said (each turn is cut to 300 characters before use)")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(description="the question, up to 2,000 characters")
    history: list[Turn] = Field(default_factory=list, max_length=50, description="previous turns, oldest first")
    region: str | None = Field(None, max_length=50, description="restrict to what applies in a place, e.g. 临沧 or 官渡区 "
                               "(its documents and those of the places containing it)")
    document: str | None = Field(None, max_length=200, description="restrict to one document (id or file name)")


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(description="keywords or a question")
    region: str | None = Field(None, max_length=50, description="as in /api/ask")
    document: str | None = Field(None, max_length=200)
    k: int = Field(5, ge=1, le=50)


class MatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    profile: Profile | None = Field(None, description="a profile: region, size, certifications, platforms, figures … (see README)")
    text: str | None = Field(None, max_length=2000, description="or the company in its own words")
    include_expired: bool = Field(False, description="count expired policies in the total")


def _error(status: int, error: str, **extra) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": error, **extra})


def create_app(settings: Settings, bot: PolicyBot | None = None, feedback: FeedbackStore | None = None, with_ui: bool = True,
               live: LiveBot | None = None) -> FastAPI:
    """The API (and the page) behind the gate: read key(s), admin key(s), body and rate limits, access log."""
    from fastapi_offline import FastAPIOffline  # Swagger UI and ReDoc from the installed package, not a CDN


    live = live or LiveBot(settings, bot=bot)
    feedback = feedback or FeedbackStore(settings.data_dir / "feedback.sqlite")
    keys, admin_keys = parse_keys(settings.api_key), parse_keys(settings.admin_key, default="admin")
    admin_body = MAX_UPLOAD_FILES * settings.max_upload_bytes + 1_048_576  # a too-large file still gets its own reason
    app = FastAPIOffline(title="policybot", version="0.2.0",
                         description="Questions about local science-and-technology policies, answered with verbatim quotes.")
    questions = QuestionLog(settings.data_dir / "questions.sqlite")
    app.state.live, app.state.feedback, app.state.questions, app.state.workspace = live, feedback, questions, None
    sessions = Sessions(settings.session_hours * 3600)
    failures = FailureThrottle(settings.auth_free_failures, settings.auth_backoff_s, settings.auth_backoff_max_s)
    _add_error_handlers(app, settings)
    _add_answer_routes(app, live, questions)
    _add_read_routes(app, live)
    _add_login_routes(app, keys, admin_keys, sessions, failures)
    if admin_keys:
        # deferred: loads fastapi on first use, not at import
        from policybot.serving.api_admin import add_admin_routes, add_review_routes

        app.state.workspace = Workspace(live)
        add_admin_routes(app, app.state.workspace)
        add_review_routes(app, app.state.workspace, feedback, questions)
    answering = None
    if with_ui:
        app = _with_page(app, live, feedback, questions, upload_limit=admin_body if admin_keys else 1)
        answering = answering_fn_indexes(_mounted_blocks(app))
    rate = RateLimits(TokenBuckets(settings.rate_limit_per_minute, settings.rate_limit_burst),
                      TokenBuckets(settings.rate_limit_per_address_per_minute, settings.rate_limit_per_address_burst))
    access = AccessLog(settings.data_dir / "logs" / "access.jsonl") if settings.access_log else None
    return Guard(app, keys, max_body=settings.max_body_bytes, rate=rate, access=access, admin_keys=admin_keys,
                 admin_body=admin_body, sessions=sessions, failures=failures, proxies=Proxies(settings.trusted_proxies),
                 cors_origins=parse_origins(settings.cors_origins), body_timeout_s=settings.body_timeout_s,
                 answering_fns=answering)


def answering_fn_indexes(blocks) -> frozenset[int] | None:
    """The fn_indexes of the page's events whose handler answers a question (marked ``policybot_answering`` by
    ``web.common.answering``); None (every event counts) when there is no page."""
    if blocks is None:
        return None
    return frozenset(index for index, block_fn in blocks.fns.items()
                     if getattr(block_fn.fn, "policybot_answering", False))


def _mounted_blocks(app):
    """The Gradio Blocks mounted under ``app``, looked for through ASGI wrappers (``.app``) and mounts."""
    for _ in range(5):
        for route in getattr(getattr(app, "router", None), "routes", None) or []:
            inner = getattr(route, "app", None)
            if hasattr(inner, "get_blocks"):
                return inner.get_blocks()
        app = getattr(app, "app", None)
    return None


def _with_page(app: FastAPI, live, feedback, questions, upload_limit: int):
    """The Gradio page mounted at / (only admins may upload: the gate closes the route to anyone else). A page
    event takes only files the upload route wrote for the same admin, checked before Gradio opens any path
    (:mod:`policybot.serving.web.intake`)."""
    import gradio as gr

    # deferred: loads gradio on first use, not at import
    from policybot.serving.web import CSS, build_blocks, theme

    # deferred: loads gradio on first use, not at import
    from policybot.serving.web.intake import RecordUploads, UploadLedger, guard_file_inputs

    # deferred: loads gradio on first use, not at import
    from policybot.serving.web.locale import ChineseShell

    settings = live.settings
    blocks = build_blocks(live, feedback, workspace=app.state.workspace, questions=questions)
    never = [str(Path(p).resolve()) for p in (settings.corpus_dir, settings.index_dir)]  # no event reads or serves these
    app = gr.mount_gradio_app(app, blocks, path="/", theme=theme(), css=CSS, footer_links=[], ssr_mode=False,
                              show_error=False, max_file_size=upload_limit, blocked_paths=never)
    ledger = UploadLedger()
    # the upload route's own bound: a file over the per-document limit still reaches the handler, which refuses it
    # on its own line (a 60 MB file among good ones), never the whole upload
    guard_file_inputs(blocks, ledger, upload_limit)
    return ChineseShell(RecordUploads(app, ledger))


def _add_error_handlers(app: FastAPI, settings: Settings) -> None:
    """Domain errors become JSON 4xx here; the core never sees HTTP."""
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(map(str, err.get("loc", ()))), "msg": err.get("msg", "")} for err in exc.errors()]
        return _error(422, "invalid request body", detail=detail)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's own and the router's 404/405 alike
    async def _http(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(sqlite3.Error)
    async def _data_store(request: Request, exc: sqlite3.Error):
        """A feedback/question/review/audit database that cannot be read: 503 naming it, not a 500."""
        problems = data_store_problems(settings.data_dir, fresh=True) or [f"{type(exc).__name__}: {exc}"]
        log.error("%s %s: data store unreadable: %s", request.method, request.url.path, "; ".join(problems))
        return _error(503, "data store unreadable: " + "; ".join(problems),
                      message="数据文件无法读取，请联系管理员从备份恢复（详情见 /healthz）。")

    @app.exception_handler(PolicybotError)
    async def _domain(request: Request, exc: PolicybotError):
        """Every domain error: its class says the status and what may be shown (errors.py)."""
        if exc.http_status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        extra = {"detail": exc.public_detail} if exc.public_detail else {}
        return _error(exc.http_status, exc.public_message or str(exc), **extra)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("%s %s failed", request.method, request.url.path)
        return _error(500, "internal error; details are in the server log")


def _document_or_404(bot: PolicyBot, key: str | None):
    if not key:
        return None
    doc = bot.index.document(key)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"unknown document '{key}'; GET /api/documents lists them")
    return doc


def _add_answer_routes(app: FastAPI, live: LiveBot, questions) -> None:
    @app.post("/api/ask")
    def ask(req: AskRequest) -> dict:
        def work(bot: PolicyBot) -> dict:
            doc = _document_or_404(bot, req.document)
            answer = bot.ask(req.question, history=[t.model_dump() for t in req.history], region=req.region,
                             doc_id=doc.doc_id if doc else None)
            questions.record(req.question, answer, region=req.region, document=doc.doc_id if doc else None, channel="api")
            return {**answer.to_json(), "build_id": bot.index.manifest.get("build_id")}

        return answer_with_retry(live, work)

    @app.post("/api/search")
    def search(req: SearchRequest) -> list[dict]:
        def work(bot: PolicyBot) -> list[dict]:
            doc = _document_or_404(bot, req.document)
            results = bot.search(req.query, k=req.k, region=req.region, doc_id=doc.doc_id if doc else None)
            return [sc.to_json(r) for r, sc in enumerate(results, 1)]

        return answer_with_retry(live, work)

    @app.post("/api/match")
    def match_profile(req: MatchRequest) -> dict:
        """政策匹配: a profile (JSON) or a description (``text``) → grouped items with citations and a capped total."""
        bot = live.current()
        if req.profile is None and not (req.text or "").strip():
            raise InvalidQuestionError("请提供企业情况：profile（JSON）或 text（一段描述）。")
        profile = req.profile if req.profile is not None else parse_profile(req.text or "")
        return run_match(profile, bot.index.catalogue, bot.index.documents, bot.today(), req.include_expired)


def _add_read_routes(app: FastAPI, live: LiveBot) -> None:
    @app.get("/api/documents")
    def documents() -> list[dict]:
        bot = live.current()
        today = bot.today()
        return [{**d.meta(), "expired": d.expired(today)} for d in bot.index.documents.values()]

    @app.get("/api/documents/{key}")
    def document(key: str) -> dict:
        bot = live.current()
        doc = _document_or_404(bot, key)
        return {**doc.meta(), "expired": doc.expired(bot.today()), "text": doc.text,
                "outline": [{"level": h.level, "label": h.label, "start": h.start} for h in doc.headings]}

    @app.get("/api/catalogue")
    def catalogue(region: str | None = None, kind: str | None = None, q: str | None = None, sort: str = "region",
                  include_expired: bool = True, format: str = "json"):
        """政策清单: the benefits in the corpus, filtered; ``format=csv`` downloads a table."""
        bot = live.current()
        items = filtered(fresh(bot.index.catalogue, bot.index.documents, bot.today()), region=region, kind=kind, query=q,
                         include_expired=include_expired, sort=sort)
        if format == "csv":
            from fastapi.responses import Response

            return Response(to_csv(items), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="catalogue.csv"'})
        return [it.to_json() for it in items]

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        code, body = live.health()
        return JSONResponse(status_code=code, content=body)


def _add_login_routes(app: FastAPI, keys: dict[str, str], admin_keys: dict[str, str], sessions: Sessions,
                      failures: FailureThrottle) -> None:
    """``/login`` starts a session for any configured key (read or admin); ``/logout`` ends it.

    Wrong keys count against the client's address (the gate has decided which address that is); while the
    address waits, the form answers 429 and looks at no key."""

    @app.get("/login", include_in_schema=False)
    def login_page(next: str = "/", role: str = "") -> HTMLResponse:
        return HTMLResponse(_login_page(role, _safe_next(next)))

    @app.post("/login", include_in_schema=False)
    async def login(request: Request):
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        given, nxt, role = (form.get("key") or [""])[0], _safe_next((form.get("next") or ["/"])[0]), (form.get("role") or [""])[0]
        client = request.client.host if request.client else "?"
        wait = failures.wait(client)
        if wait > 0:
            page = _login_page(role, nxt, error=f'<p class="err" role="alert">{wait_message(wait)}</p>')
            return HTMLResponse(page, status_code=429, headers={"Retry-After": str(max(1, math.ceil(wait)))})
        found = find_key(given, keys, admin_keys)
        if found is None:
            backoff = failures.failed(client)
            note = "密钥不正确，请重新输入。" + (wait_message(backoff) if backoff > 0 else "")
            return HTMLResponse(_login_page(role, nxt, error=f'<p class="err" role="alert">{note}</p>'), status_code=401)
        failures.succeeded(client)
        label, admin, key = found
        response = RedirectResponse(nxt, status_code=303)
        response.set_cookie(COOKIE, sessions.start(label, admin, key), max_age=int(sessions.lifetime_s), httponly=True,
                            samesite="strict", secure=request.url.scheme == "https", path="/")
        return response

    @app.get("/logout", include_in_schema=False)
    def logout(request: Request) -> RedirectResponse:
        sessions.end(cookie_value({b"cookie": request.headers.get("cookie", "").encode("latin-1")}))
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return response


def _login_page(role: str, nxt: str, error: str = "") -> str:
    admin = role == "admin"
    return LOGIN_PAGE.format(error=error, prompt=ADMIN_PROMPT if admin else LOGIN_PROMPT, next=html.escape(nxt),
                             label="管理员密钥" if admin else "访问密钥", role="admin" if admin else "")


def _safe_next(target: str) -> str:
    """Only a path on this site (never //host or a scheme) may follow the login."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def start_in_thread(app, host: str = "127.0.0.1"):
    """Serve ``app`` with uvicorn on a free loopback port in a daemon thread: (server, thread, url)."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind((host, 0))
        port = s.getsockname()[1]
    # proxy_headers off: uvicorn would believe X-Forwarded-For from 127.0.0.1; the gate decides whom to believe
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", proxy_headers=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, thread, f"http://{host}:{port}"


def prepare(settings: Settings) -> tuple[PolicyBot, str | None]:
    """Build or update the index (progress in the terminal), then load and warm the models: the bot, and why
    the index could not be updated (None when it was).

    When the index cannot be updated (another ingest is running, the corpus folder is unreadable or
    empty, the disk is full, the store refuses to write) the last good build is served, and the reason is printed."""
    import sqlite3


    embedder = make_embedder(settings.embedding)
    problem = None
    try:
        report = ingest(settings, embedder, progress=True)
        print(report.summary(), flush=True)
        for path, reason in report.skipped:
            print(f"skipped {path}: {reason}", flush=True)
    except (DocumentError, StoreError, OSError, sqlite3.Error) as exc:  # StoreError: Chroma's InternalError, wrapped
        if read_manifest(settings.index_dir) is None:
            raise
        problem = f"index not updated ({type(exc).__name__}: {exc})"
        print(f"{problem}; serving the last good build", flush=True)
    bot = PolicyBot(settings, embedder=embedder)
    bot.warm()
    return bot, problem


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860, page: bool = True) -> None:
    import uvicorn

    os.environ.setdefault("GRADIO_TEMP_DIR", str(Path(settings.data_dir).resolve() / "gradio-tmp"))
    bot, problem = prepare(settings)
    live = LiveBot(settings, bot=bot)
    live.last_error = problem  # /healthz can say the index is not up to date
    app = create_app(settings, live=live, with_ui=page)
    print(f"policybot ready on http://{host}:{port}  (API docs: http://{host}:{port}/docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)  # the gate reads X-Forwarded-*
