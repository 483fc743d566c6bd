"""The gate in front of every route: key, size, rate, security headers and the access log.

One ASGI middleware, so nothing mounted later (the Gradio page, its queue, config and file routes)
can slip past it. With keys configured, a request needs ``X-API-Key`` (or ``Authorization: Bearer``)
or the session cookie the ``/login`` form sets; only ``/healthz`` and ``/login`` are open. Bodies are
limited before the application parses them, answering routes are rate-limited per key or client,
and Gradio's upload route is closed (no feature of the page uploads files).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import logging.handlers
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

log = logging.getLogger(__name__)

COOKIE = "policybot_session"
ADMIN_HEADER = "x-policybot-admin"  # set by the gate only: the admin key's label
OPEN_PATHS = ("/healthz", "/login")
CLOSED_PATHS = ("/gradio_api/upload", "/upload")
ANSWERING = ("/api/ask", "/api/search", "/api/match", "/gradio_api/queue/join", "/gradio_api/run/", "/gradio_api/call/",
             "/queue/join", "/run/", "/call/")
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
       "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


def parse_keys(spec: str, default: str = "default") -> dict[str, str]:
    """``"abc"`` → {"default": "abc"}; ``"desk=abc,ops=xyz"`` → {"desk": "abc", "ops": "xyz"}."""
    keys = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        label, sep, key = part.partition("=")
        keys[label.strip() if sep else default] = (key if sep else label).strip()
    return keys


def session_token(label: str, key: str) -> str:
    """The cookie for a key's label: changing the key invalidates it."""
    mac = hmac.new(hashlib.sha256(key.encode()).digest(), label.encode(), hashlib.sha256).hexdigest()
    return f"{label}.{mac}"


class TokenBuckets:
    """Per-client token buckets: ``rate`` requests a minute, up to ``burst`` at once."""

    def __init__(self, per_minute: int, burst: int):
        self.rate = per_minute / 60.0
        self.burst = float(max(1, burst))
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, who: str) -> float:
        """0 when a request may go ahead, else the seconds until it may."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, at = self._buckets.get(who, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            if tokens >= 1:
                self._buckets[who] = (tokens - 1, now)
                return 0.0
            self._buckets[who] = (tokens, now)
            return (1 - tokens) / self.rate


class AccessLog:
    """JSON lines, rotated: time, method, route, status, latency, key label, client."""

    def __init__(self, path: Path):
        self._log = logging.getLogger("policybot.access")
        self._log.propagate = False
        self._log.setLevel(logging.INFO)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
        except OSError as exc:  # a read-only data folder: log to stderr rather than fail to serve
            log.warning("access log %s cannot be written (%s); logging to stderr", path, exc)
            handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        self._log.handlers = [handler]

    def write(self, **fields) -> None:
        self._log.info(json.dumps(fields, ensure_ascii=False))


def _json(status: int, body: dict, extra: list | None = None):
    payload = json.dumps(body, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(payload)).encode())]
    return status, headers + (extra or []), payload


def is_admin_route(method: str, path: str) -> bool:
    """Routes that change documents or show the workspace: they need an admin key."""
    if path == "/api/documents" or path.startswith("/api/documents/"):
        return method in ("POST", "PUT", "DELETE", "PATCH")
    return (path.startswith(("/api/index/", "/api/admin/")) or path in ("/api/index", "/api/admin")
            or any(path == p or path.startswith(p + "/") for p in CLOSED_PATHS))


class Guard:
    def __init__(self, app, keys: dict[str, str], max_body: int = 65536, body_limits: dict[str, int] | None = None,
                 rate: TokenBuckets | None = None, access: AccessLog | None = None, admin_keys: dict[str, str] | None = None,
                 admin_body: int = 0):
        self.app = app
        self.keys = keys
        self.admin_keys = admin_keys or {}
        self.admin_body = admin_body
        self.max_body = max_body
        self.body_limits = body_limits or {}
        self.rate = rate
        self.access = access

    # --- who is asking -------------------------------------------------------------------------
    def _label(self, headers: dict[bytes, bytes]) -> tuple[str | None, bool, bool]:
        """(key label, is it an admin key, was any credential offered)."""
        given = headers.get(b"x-api-key", b"").decode("latin-1").strip()
        if not given:
            given = headers.get(b"authorization", b"").decode("latin-1").removeprefix("Bearer ").strip()
        for keys, admin in ((self.admin_keys, True), (self.keys, False)):
            for label, key in keys.items():
                if given and hmac.compare_digest(given.encode(), key.encode()):
                    return label, admin, True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        except Exception:
            return None, False, bool(given)
        token = cookie[COOKIE].value if COOKIE in cookie else ""
        label = token.partition(".")[0]
        for keys, admin in ((self.admin_keys, True), (self.keys, False)):
            if label in keys and hmac.compare_digest(token.encode(), session_token(label, keys[label]).encode()):
                return label, admin, True
        return None, False, bool(given or token)

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        path = scope.get("path", "")
        headers = dict(scope.get("headers") or [])
        client = (scope.get("client") or ("?", 0))[0]
        label, admin, offered = self._label(headers) if (self.keys or self.admin_keys) else (None, False, False)
        scope = _with_admin_header(scope, label if admin else None)
        status_box = {"status": 0}

        async def reply(status, hdrs, body):
            await send({"type": "http.response.start", "status": status, "headers": hdrs + SECURITY_HEADERS})
            await send({"type": "http.response.body", "body": body})
            status_box["status"] = status

        try:
            refusal = self._refuse_admin(scope, path, admin, offered)
            refusal = refusal or self._refuse(scope, path, headers, label, client)
            if refusal is not None:
                if scope["type"] == "websocket":
                    return await send({"type": "websocket.close", "code": 4401})
                return await reply(*refusal)
            body_receive = await self._bounded(scope, path, headers, receive)
            if isinstance(body_receive, tuple):
                return await reply(*body_receive)

            async def send_with_headers(message):
                if message["type"] == "http.response.start":
                    status_box["status"] = message["status"]
                    message = {**message, "headers": list(message.get("headers", [])) + SECURITY_HEADERS}
                await send(message)

            await self.app(scope, body_receive, send_with_headers)
        finally:
            if self.access is not None and scope["type"] == "http":
                self.access.write(time=time.strftime("%Y-%m-%dT%H:%M:%S%z"), method=scope.get("method"), route=path,
                                  status=status_box["status"], ms=round((time.perf_counter() - t0) * 1000, 1),
                                  key=label, client=client)

    def _refuse_admin(self, scope, path: str, admin: bool, offered: bool):
        """Management routes: off without an admin key configured; 401 without a key, 403 with a non-admin one."""
        if not is_admin_route(scope.get("method", "GET"), path) or admin:
            return None
        if not self.admin_keys:
            return _json(403, {"error": "document management is off on this server (no admin key configured: POLICYBOT_ADMIN_KEY)"})
        if not offered:
            return _json(401, {"error": "this route needs the admin key (send it in X-API-Key)"})
        return _json(403, {"error": "this key may not manage documents (an admin key is needed)"})

    def _refuse(self, scope, path: str, headers, label: str | None, client: str):
        """A response for a request that may not go on, or None."""
        if self.keys and label is None and not any(path == p for p in OPEN_PATHS):
            accept = headers.get(b"accept", b"").decode("latin-1")
            if scope.get("method") == "GET" and "text/html" in accept:
                return 303, [(b"location", b"/login?next=" + path.encode("utf-8", "ignore")), (b"content-length", b"0")], b""
            return _json(401, {"error": "missing or wrong API key (send X-API-Key, or sign in at /login)"})
        if self.rate is not None and scope.get("method") == "POST" and any(path.startswith(p) for p in ANSWERING):
            wait = self.rate.take(label or client)
            if wait > 0:
                seconds = max(1, int(wait + 0.999))
                return _json(429, {"error": "too many requests", "retry_after_s": seconds},
                             [(b"retry-after", str(seconds).encode())])
        return None

    async def _bounded(self, scope, path: str, headers, receive):
        """``receive`` replaying a body read up to the limit, or a 413 response."""
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return receive
        limit = next((n for prefix, n in self.body_limits.items() if path.startswith(prefix)), self.max_body)
        if self.admin_body and is_admin_route(scope.get("method", "GET"), path):
            limit = self.admin_body  # only admins get here (refused before the body otherwise)
        declared = headers.get(b"content-length")
        too_big = _json(413, {"error": f"request body over {limit} bytes"})
        if declared is not None:
            try:
                if int(declared) > limit:
                    return too_big
            except ValueError:
                return _json(400, {"error": "bad Content-Length"})
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return receive
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                return too_big
            chunks.append(body)
            more = message.get("more_body", False)
        whole = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        return replay


def _with_admin_header(scope, admin_label: str | None):
    """The scope with any client-sent admin header removed and the gate's own added for admins."""
    name = ADMIN_HEADER.encode()
    headers = [(k, v) for k, v in scope.get("headers") or [] if k.lower() != name]
    if admin_label:
        headers.append((name, admin_label.encode("utf-8")))
    return {**scope, "headers": headers}


LOGIN_PROMPT = "本服务需要访问密钥。请输入管理员提供的密钥："
ADMIN_PROMPT = "文件管理、人工审核答案和反馈审核需要管理员密钥。请输入管理员密钥："
LOGIN_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>policybot 登录</title><style>
body{{font-family:system-ui,sans-serif;background:#f6f8fa;color:#1f2328;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0}}
form{{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:24px;width:min(360px,90vw)}}
input{{width:100%;box-sizing:border-box;padding:8px;margin:8px 0 12px;font-size:16px;border:1px solid #8c959f;border-radius:6px}}
button{{width:100%;padding:10px;font-size:16px;background:#0969da;color:#fff;border:0;border-radius:6px}}
.err{{color:#cf222e}}
@media (prefers-color-scheme: dark){{body{{background:#0d1117;color:#e6edf3}}form{{background:#161b22;border-color:#30363d}}
input{{background:#0d1117;color:#e6edf3;border-color:#6e7681}}.err{{color:#ff7b72}}}}
</style></head><body><form method="post" action="/login"><h2>policybot 政策问答</h2>
<p>{prompt}</p>{error}
<label for="key">{label}</label><input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="{next}"><input type="hidden" name="role" value="{role}"><button type="submit">登录</button></form></body></html>"""
