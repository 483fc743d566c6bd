"""How much one asker may ask: token buckets, back-off after wrong keys, and who the asker is.

The gate (``policybot.serving.guard``) decides with these; nothing here knows HTTP beyond header bytes.
An asker is a key label, a page session or a client address; the address is the socket peer unless
the peer is a configured proxy, so a forged ``X-Forwarded-For`` changes nothing.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time

MAX_TRACKED = 10_000  # askers remembered at once; beyond it, those back to a full budget are forgotten


class TokenBuckets:
    """Per-asker token buckets: ``per_minute`` requests a minute, up to ``burst`` at once (0 a minute: no limit)."""

    def __init__(self, per_minute: int, burst: int):
        self.rate = per_minute / 60.0
        self.burst = float(max(1, burst))
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _tokens(self, who: str, now: float) -> float:
        tokens, at = self._buckets.get(who, (self.burst, now))
        return min(self.burst, tokens + (now - at) * self.rate)

    def wait(self, who: str) -> float:
        """Seconds until ``who`` may send one more request (0: now), without spending anything."""
        if self.rate <= 0:
            return 0.0
        with self._lock:
            tokens = self._tokens(who, time.monotonic())
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate

    def take(self, who: str) -> float:
        """0 when a request may go ahead (one token spent), else the seconds until it may."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens = self._tokens(who, now)
            if len(self._buckets) >= MAX_TRACKED:
                self._forget_full(now)
            self._buckets[who] = (tokens - 1, now) if tokens >= 1 else (tokens, now)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        for who in [w for w in self._buckets if self._tokens(w, now) >= self.burst]:
            del self._buckets[who]


class RateLimits:
    """An asker's own budget (key, page session or address) and its address's larger one: both must allow it."""

    def __init__(self, per_asker: TokenBuckets, per_address: TokenBuckets | None = None):
        self.per_asker = per_asker
        self.per_address = per_address

    def take(self, asker: str, address: str) -> float:
        """0 when the request may go ahead (a token spent from each budget), else the seconds to wait."""
        waits = [self.per_asker.wait(asker)] + ([self.per_address.wait(address)] if self.per_address else [])
        if max(waits) > 0:
            return max(waits)
        self.per_asker.take(asker)
        if self.per_address:
            self.per_address.take(address)
        return 0.0


    def take_address(self, address: str) -> float:
        """Only the address's budget (a page question, whose session budget the page keeps itself)."""
        return self.per_address.take(address) if self.per_address else 0.0


class FailureThrottle:
    """Wrong keys per address: ``free`` failures, then exponential back-off from ``base_s`` up to ``max_s``.

    Attempts during a back-off are refused unchecked (so guessing gains nothing by hurrying) and are not
    counted; a right key resets the count, and an address quiet for ``forget_s`` starts afresh."""

    def __init__(self, free: int = 5, base_s: float = 1.0, max_s: float = 60.0, forget_s: float = 600.0):
        self.free, self.base_s, self.max_s, self.forget_s = free, base_s, max_s, forget_s
        self._state: dict[str, tuple[int, float, float]] = {}  # address → (failures, blocked until, last failure)
        self._lock = threading.Lock()

    def wait(self, who: str) -> float:
        """Seconds until ``who`` may try a key again (0: now)."""
        with self._lock:
            failures, until, last = self._state.get(who, (0, 0.0, 0.0))
        return max(0.0, until - time.monotonic())

    def failed(self, who: str) -> float:
        """Count a wrong key; the back-off it starts (0 while still within the free failures)."""
        now = time.monotonic()
        with self._lock:
            if len(self._state) >= MAX_TRACKED:
                self._forget(now)
            failures, _, last = self._state.get(who, (0, 0.0, now))
            failures = 1 if now - last > self.forget_s else failures + 1
            backoff = 0.0 if failures < self.free else min(self.max_s, self.base_s * 2 ** (failures - self.free))
            self._state[who] = (failures, now + backoff, now)
        return backoff

    def succeeded(self, who: str) -> None:
        with self._lock:
            self._state.pop(who, None)

    def _forget(self, now: float) -> None:
        for who in [w for w, (_, until, last) in self._state.items() if until < now and now - last > self.forget_s]:
            del self._state[who]


class Proxies:
    """Which peers may say who the client is (``X-Forwarded-For``) and how it connected (``X-Forwarded-Proto``)."""

    def __init__(self, spec: str = ""):
        self.networks = parse_networks(spec)

    def trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in net for net in self.networks)

    def client(self, peer: str, headers: dict[bytes, bytes]) -> tuple[str, str | None]:
        """(client address, forwarded scheme or None): the peer itself unless the peer is a trusted proxy."""
        if not self.trusted(peer):
            return peer, None
        hops = [h.strip() for h in headers.get(b"x-forwarded-for", b"").decode("latin-1").split(",") if h.strip()]
        client = peer
        for hop in reversed(hops):  # nearest first: the first hop that is not one of ours is the client
            if not _is_ip(hop):
                break
            client = hop
            if not self.trusted(hop):
                break
        proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").split(",")[-1].strip().lower()
        return client, proto if proto in ("http", "https") else None


def parse_networks(spec: str) -> list:
    """``"10.0.0.1, 192.168.0.0/16"`` → networks; a ValueError names an entry that is neither an IP nor a CIDR."""
    networks = []
    for part in (p.strip() for p in spec.split(",")):
        if part:
            try:
                networks.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                raise ValueError(f"'{part}' is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)") from None
    return networks


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


def page_event(body: bytes) -> tuple[int | None, str | None]:
    """(fn_index, session_hash) of a Gradio event body; None for what it does not carry or carries garbled.

    The index is read as Gradio's pydantic model reads it (``"3"``, ``3.0`` and ``true`` are indexes too),
    so an index the gate takes for a harmless handler is the handler Gradio runs."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None, None
    if not isinstance(data, dict):
        return None, None
    session = data.get("session_hash")
    return _as_index(data.get("fn_index")), session[:64] if isinstance(session, str) and session else None


def _as_index(value) -> int | None:
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value.strip())
    return None
