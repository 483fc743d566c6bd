"""Signing in to the page: server-side sessions behind a random cookie, and the login form.

A session is a random token (``secrets.token_urlsafe``) the server remembers with the key's label, whether
it is an admin key, a digest of the key and a fixed expiry (counted from sign-in, not from the last
request: a stolen cookie is useful for one working day at most). Sessions live in the serving process's
memory: a restart or a changed key signs everyone out, and ``/logout`` ends one at once.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from dataclasses import dataclass

COOKIE = "policybot_session"
MAX_SESSIONS = 10_000  # beyond it the oldest sessions are ended first


@dataclass(frozen=True)
class Session:
    label: str
    admin: bool
    key_digest: str
    expires: float


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Sessions:
    """Tokens handed out at ``/login``; only their digests are kept, so the table names no usable cookie."""

    def __init__(self, lifetime_s: float = 12 * 3600, clock=time.time):
        self.lifetime_s = lifetime_s
        self._clock = clock
        self._by_digest: dict[str, Session] = {}
        self._lock = threading.Lock()

    def start(self, label: str, admin: bool, key: str) -> str:
        """A new session for ``label``; the token for the cookie."""
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            self._by_digest = {d: s for d, s in self._by_digest.items() if s.expires > now}
            while len(self._by_digest) >= MAX_SESSIONS:
                del self._by_digest[min(self._by_digest, key=lambda d: self._by_digest[d].expires)]
            self._by_digest[_digest(token)] = Session(label, admin, _digest(key), now + self.lifetime_s)
        return token

    def find(self, token: str, keys: dict[str, str], admin_keys: dict[str, str]) -> tuple[str, bool] | None:
        """(label, is admin) of a live session whose key is still configured, else None."""
        if not token:
            return None
        with self._lock:
            session = self._by_digest.get(_digest(token))
            if session is not None and session.expires <= self._clock():
                del self._by_digest[_digest(token)]
                session = None
        if session is None:
            return None
        key = (admin_keys if session.admin else keys).get(session.label)
        if key is None or _digest(key) != session.key_digest:
            return None
        return session.label, session.admin

    def end(self, token: str) -> None:
        with self._lock:
            self._by_digest.pop(_digest(token or ""), None)


def find_key(given: str, keys: dict[str, str], admin_keys: dict[str, str]) -> tuple[str, bool, str] | None:
    """(label, is admin, key) of the configured key equal to ``given`` (admin keys first), compared in constant time."""
    for table, admin in ((admin_keys, True), (keys, False)):
        for label, key in table.items():
            if given and hmac.compare_digest(given.encode(), key.encode()):
                return label, admin, key
    return None


def cookie_value(headers: dict[bytes, bytes]) -> str:
    """The session token in a request's ``Cookie`` header, or ''."""
    from http.cookies import CookieError, SimpleCookie

    cookie = SimpleCookie()
    try:
        cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
    except (CookieError, KeyError, ValueError):  # a garbled header is no session
        return ""
    return cookie[COOKIE].value if COOKIE in cookie else ""


def wait_message(seconds: float) -> str:
    """What an address in back-off after wrong keys is told."""
    return f"密钥错误次数过多，请在{max(1, math.ceil(seconds))}秒后再试。"


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
