"""The gate in front of every route: key, size, rate, origin, security headers and the access log.

One ASGI middleware, so nothing mounted later (the Gradio page, its queue, config and file routes)
can slip past it. With keys configured, a request needs ``X-API-Key`` (or ``Authorization: Bearer``)
or the session cookie the ``/login`` form sets; only ``/healthz`` and ``/login`` are open. Wrong keys
are throttled per address; bodies are limited in size and in time before the application parses them;
answering requests are rate-limited per key or page session and per address; only configured origins
get CORS headers; admin-only downloads go to admins, once; Gradio's upload route is closed to non-admins.
Refusals on page routes are in Chinese (the page shows them); ``/api/*`` keeps English plus ``message``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import logging.handlers
import math
import time
from pathlib import Path

from policybot.serving import downloads
from policybot.serving.limits import FailureThrottle, Proxies, RateLimits, TokenBuckets, page_event
from policybot.serving.login import Sessions, cookie_value, find_key, wait_message

log = logging.getLogger(__name__)

ADMIN_HEADER = "x-policybot-admin"  # set by the gate only: the admin key's label
OPEN_PATHS = ("/healthz", "/login")
CLOSED_PATHS = ("/gradio_api/upload", "/upload")
ANSWERING = ("/api/ask", "/api/search", "/api/match", "/gradio_api/queue/join", "/gradio_api/run/", "/gradio_api/call/",
             "/gradio_api/api/", "/queue/join", "/run/", "/call/")
PAGE_EVENTS = ("/gradio_api/queue/join", "/gradio_api/run/", "/gradio_api/api/", "/queue/join", "/run/")  # fn_index decides
FORWARDED = (b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host", b"x-real-ip", b"forwarded")
SWEEP_EVERY_S = 60.0
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


def parse_origins(spec: str) -> frozenset[str]:
    """``"https://a.example, http://b:8080/"`` → the origins as browsers send them (lower case, no slash)."""
    return frozenset(o.strip().rstrip("/").lower() for o in spec.split(",") if o.strip())


class AccessLog:
    """JSON lines, rotated: time, method, route, status, latency, key label, client (and peer when proxied)."""

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


def _problem(path: str, status: int, english: str, chinese: str, extra: list | None = None, **fields):
    """A refusal: Chinese ``error`` and ``detail`` on page routes (Gradio's page shows ``detail || error``),
    English ``error`` plus a Chinese ``message`` on ``/api/*``."""
    if path.startswith("/api/"):
        return _json(status, {"error": english, **fields, "message": chinese}, extra)
    return _json(status, {"error": chinese, "detail": chinese}, extra)


def _seconds(wait: float) -> int:
    return max(1, math.ceil(wait))


def is_admin_route(method: str, path: str) -> bool:
    """Routes that change documents or show the workspace: they need an admin key."""
    if path == "/api/documents" or path.startswith("/api/documents/"):
        return method in ("POST", "PUT", "DELETE", "PATCH")
    return (path.startswith(("/api/index/", "/api/admin/")) or path in ("/api/index", "/api/admin")
            or any(path == p or path.startswith(p + "/") for p in CLOSED_PATHS))


class Guard:
    def __init__(self, app, keys: dict[str, str], max_body: int = 65536, body_limits: dict[str, int] | None = None,
                 rate: RateLimits | TokenBuckets | None = None, access: AccessLog | None = None,
                 admin_keys: dict[str, str] | None = None, admin_body: int = 0, *, sessions: Sessions | None = None,
                 failures: FailureThrottle | None = None, proxies: Proxies | None = None,
                 cors_origins: frozenset[str] = frozenset(), body_timeout_s: float = 10.0,
                 answering_fns: frozenset[int] | None = None):
        """``answering_fns``: the page's fn_indexes that answer questions; other page events (history saves,
        ratings, page loads) spend no rate budget. None: every page event counts."""
        self.app = app
        self.keys = keys
        self.admin_keys = admin_keys or {}
        self.admin_body = admin_body
        self.max_body = max_body
        self.body_limits = body_limits or {}
        self.rate = RateLimits(rate) if isinstance(rate, TokenBuckets) else rate
        self.access = access
        self.sessions = sessions or Sessions()
        self.failures = failures
        self.proxies = proxies or Proxies()
        self.cors_origins = cors_origins
        self.body_timeout_s = body_timeout_s
        self.answering_fns = answering_fns
        self._swept = 0.0

    # --- who is asking -------------------------------------------------------------------------
    def _who(self, method: str, path: str, headers, client: str):
        """(key label, is admin, how it was offered: "key" / "cookie" / None, refusal or None).

        A wrong key in a header counts against the address (when a key is needed there); during the
        back-off that follows, keys from that address are refused unchecked."""
        if not (self.keys or self.admin_keys):
            return None, False, None, None
        given = headers.get(b"x-api-key", b"").decode("latin-1").strip()
        if not given:
            given = headers.get(b"authorization", b"").decode("latin-1").removeprefix("Bearer ").strip()
        if given:
            throttled = self.failures is not None and (bool(self.keys) or is_admin_route(method, path))
            wait = self.failures.wait(client) if throttled else 0.0
            if wait > 0:
                return None, False, "key", _problem(path, 429, "too many wrong keys", wait_message(wait), [
                    (b"retry-after", str(_seconds(wait)).encode())], retry_after_s=_seconds(wait))
            found = find_key(given, self.keys, self.admin_keys)
            if found is None and throttled:
                self.failures.failed(client)
            return (*found[:2], "key", None) if found else (None, False, "key", None)
        token = cookie_value(headers)
        found = self.sessions.find(token, self.keys, self.admin_keys) if token else None
        if found:
            return *found, "cookie", None
        return None, False, "cookie" if token else None, None

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        headers = dict(scope.get("headers") or [])
        peer = (scope.get("client") or ("?", 0))[0]
        client, proto = self.proxies.client(peer, headers)
        path, method = scope.get("path", ""), scope.get("method", "GET")
        origin = self._allowed_origin(headers)
        label, admin, via, refusal = None, False, None, self._preflight(scope, headers, origin)
        if refusal is None:
            label, admin, via, refusal = self._who(method, path, headers, client)
        scope = _rewritten(scope, client, proto, self.proxies.trusted(peer), label if admin else None)
        status_box = {"status": 0}

        async def reply(status, hdrs, body):
            await send({"type": "http.response.start", "status": status, "headers": self._headers(hdrs, origin)})
            await send({"type": "http.response.body", "body": body})
            status_box["status"] = status

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                status_box["status"] = message["status"]
                message = {**message, "headers": self._headers(message.get("headers", []), origin)}
            await send(message)

        try:
            self._sweep_downloads()
            refusal = refusal or self._refuse_admin(scope, path, admin, via is not None)
            refusal = refusal or self._refuse(scope, path, headers, label, admin)
            if refusal is None and scope["type"] == "http":
                body = await self._read_body(scope, path, headers, receive)
                if body is None:  # the client went away
                    return
                refusal = body if isinstance(body, tuple) else self._limit(method, path, label, via, client, body)
                receive = _replay(body, receive) if isinstance(body, bytes) else receive
            if refusal is not None:
                if scope["type"] == "websocket":
                    return await send({"type": "websocket.close", "code": 4401})
                return await reply(*refusal)
            await self.app(scope, receive, send_with_headers)
        finally:
            self._after(scope, path, status_box["status"], label, client, peer, t0)

    def _after(self, scope, path: str, status: int, label, client: str, peer: str, t0: float) -> None:
        """An admin download served in full is deleted; the access log gets its line."""
        if status == 200 and scope.get("method") == "GET" and downloads.is_admin_download(path):
            target = downloads.served_file(path)
            if target is not None:
                downloads.discard(target)
        if self.access is not None and scope["type"] == "http":
            fields = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "method": scope.get("method"), "route": path,
                      "status": status, "ms": round((time.perf_counter() - t0) * 1000, 1), "key": label, "client": client}
            self.access.write(**fields, **({"peer": peer} if peer != client else {}))

    # --- refusals ----------------------------------------------------------------------------
    def _refuse_admin(self, scope, path: str, admin: bool, offered: bool):
        """Management routes: off without an admin key configured; 401 without a key, 403 with a non-admin one."""
        if not is_admin_route(scope.get("method", "GET"), path) or admin:
            return None
        if not self.admin_keys:
            return _json(403, {"error": "document management is off on this server (no admin key configured: POLICYBOT_ADMIN_KEY)"})
        if not offered:
            return _json(401, {"error": "this route needs the admin key (send it in X-API-Key)"})
        return _json(403, {"error": "this key may not manage documents (an admin key is needed)"})

    def _refuse(self, scope, path: str, headers, label: str | None, admin: bool):
        """A response for a request without a needed key, or for an admin download asked by anyone else; or None."""
        if self.keys and label is None and not any(path == p for p in OPEN_PATHS):
            accept = headers.get(b"accept", b"").decode("latin-1")
            if scope.get("method") == "GET" and "text/html" in accept:
                return 303, [(b"location", b"/login?next=" + path.encode("utf-8", "ignore")), (b"content-length", b"0")], b""
            return _json(401, {"error": "missing or wrong API key (send X-API-Key, or sign in at /login)"})
        if downloads.is_admin_download(path) and not admin:
            return _problem(path, 404, "not found", "文件不存在或已被下载。")
        return None

    def _limit(self, method: str, path: str, label: str | None, via: str | None, client: str, body: bytes):
        """429 when the asker (key label, page session or address) or its address has spent its budget."""
        if self.rate is None or method != "POST" or not path.startswith(ANSWERING):
            return None
        asker = f"key:{label}" if via == "key" and label else None
        if path.startswith(PAGE_EVENTS):
            fn_index, session = page_event(body)
            if self.answering_fns is not None and fn_index is not None and fn_index not in self.answering_fns:
                return None  # a history save, a rating, a page load: not a question
            if asker is None:  # a page question: its session's budget is the page's own (a Chinese tip, nothing lost)
                return self._spent(path, self.rate.take_address(client))
        asker = asker or (f"key:{label}" if label else f"address:{client}")
        return self._spent(path, self.rate.take(asker, client))

    @staticmethod
    def _spent(path: str, wait: float):
        """None when the request may go ahead (``wait`` 0), else a 429 saying when to retry, in Chinese on page routes."""
        if wait <= 0:
            return None
        seconds = _seconds(wait)
        return _problem(path, 429, "too many requests", f"提问太频繁，请在{seconds}秒后再试。",
                        [(b"retry-after", str(seconds).encode())], retry_after_s=seconds)

    async def _read_body(self, scope, path: str, headers, receive):
        """The whole body, read up to the size limit and within the time limit; or a 413/408/400 refusal;
        or None when the client disconnected. Admin uploads (large) get the time limit per chunk instead."""
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return b""
        admin_route = is_admin_route(scope.get("method", "GET"), path)
        limit = next((n for prefix, n in self.body_limits.items() if path.startswith(prefix)), self.max_body)
        if self.admin_body and admin_route:
            limit = self.admin_body  # only admins get here (refused before the body otherwise)
        too_big = _problem(path, 413, f"request body over {limit} bytes",
                           f"请求内容过大（超过{max(1, limit // 1024)} KB），请缩短问题后再试。")
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > limit:
                    return too_big
            except ValueError:
                return _json(400, {"error": "bad Content-Length"})
        deadline = time.monotonic() + self.body_timeout_s
        chunks, size, more = [], 0, True
        while more:
            wait = self.body_timeout_s if admin_route else deadline - time.monotonic()
            try:
                message = await asyncio.wait_for(receive(), timeout=max(0.0, wait))
            except asyncio.TimeoutError:
                return _problem(path, 408, f"request body not received within {self.body_timeout_s:g} s",
                                "请求发送超时，请检查网络后重试。", [(b"connection", b"close")])
            if message["type"] == "http.disconnect":
                return None
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                return too_big
            more = message.get("more_body", False)
        return b"".join(chunks)

    # --- origins, headers, housekeeping --------------------------------------------------------
    def _allowed_origin(self, headers) -> str | None:
        origin = headers.get(b"origin", b"").decode("latin-1").strip()
        return origin if origin and origin.rstrip("/").lower() in self.cors_origins else None

    def _preflight(self, scope, headers, origin: str | None):
        """CORS preflights are answered here (they carry no key): headers only for configured origins."""
        if scope.get("method") != "OPTIONS" or b"origin" not in headers or b"access-control-request-method" not in headers:
            return None
        if origin is None:
            return _json(403, {"error": "this origin may not call policybot (POLICYBOT_CORS_ORIGINS)"})
        asked = headers.get(b"access-control-request-headers", b"content-type, x-api-key, authorization")
        return 204, [(b"access-control-allow-methods", b"GET, POST, PUT, PATCH, DELETE, OPTIONS"),
                     (b"access-control-allow-headers", asked), (b"access-control-max-age", b"600")], b""

    def _headers(self, hdrs, origin: str | None) -> list:
        """Response headers: CORS only for a configured origin (Gradio's own, echoing localhost, are dropped),
        then the security headers."""
        out = [(k, v) for k, v in hdrs if not k.lower().startswith(b"access-control-allow-")]
        if origin is not None:
            out += [(b"access-control-allow-origin", origin.encode("latin-1")),
                    (b"access-control-allow-credentials", b"true"), (b"vary", b"Origin")]
        return out + SECURITY_HEADERS

    def _sweep_downloads(self) -> None:
        now = time.monotonic()
        if now - self._swept >= SWEEP_EVERY_S:
            self._swept = now
            downloads.sweep()


def _replay(body: bytes, receive):
    """``receive`` giving the body already read, then whatever the client sends next (its disconnect)."""
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _rewritten(scope, client: str, proto: str | None, trusted: bool, admin_label: str | None):
    """The scope as the application should see it: the client the gate decided on, the scheme a trusted
    proxy reported, no forwarding headers from anyone else, and the gate's own admin header."""
    scope = _with_admin_header(scope, admin_label)
    if not trusted:
        return {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() not in FORWARDED]}
    scope = {**scope, "client": (client, (scope.get("client") or ("?", 0))[1])}
    if proto:
        scope["scheme"] = proto if scope["type"] == "http" else ("wss" if proto == "https" else "ws")
    return scope


def _with_admin_header(scope, admin_label: str | None):
    """The scope with any client-sent admin header removed and the gate's own added for admins."""
    name = ADMIN_HEADER.encode()
    headers = [(k, v) for k, v in scope.get("headers") or [] if k.lower() != name]
    if admin_label:
        headers.append((name, admin_label.encode("utf-8")))
    return {**scope, "headers": headers}
