"""The gate's limits over HTTP: page-session and address budgets, forwarded addresses, wrong-key back-off,
sessions, origins, slow bodies and admin-only downloads."""

from __future__ import annotations

import json
import os
import socket
import time

import pytest
from fastapi.testclient import TestClient
from test_guard import _request

from policybot.answering.bot import PolicyBot
from policybot.serving.api import _mounted_blocks, answering_fn_indexes, create_app, start_in_thread
from policybot.serving.limits import FailureThrottle, Proxies, page_event

KEY, ADMIN = "read-key-1", "admin-key-1"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
pytestmark = pytest.mark.integration


def _app(real_index, tmp_path, with_ui=False, **update):
    settings, embedder, index = real_index
    settings = settings.model_copy(update={"data_dir": tmp_path, **update})
    return create_app(settings, PolicyBot(settings, embedder, index), with_ui=with_ui)


def _join(client, session, fn_index, headers=None):
    """A page event as Gradio's frontend sends it (without ``data``: Gradio refuses it after the gate)."""
    body = {"fn_index": fn_index, "trigger_id": 1, "session_hash": session}
    return client.post("/gradio_api/queue/join", json=body, headers=headers or {})


@pytest.fixture(scope="module")
def office(real_index, tmp_path_factory):
    """The page with small budgets: 3 answers at once per page session, 60 per address."""
    app = _app(real_index, tmp_path_factory.mktemp("office"), with_ui=True, rate_limit_per_minute=1, rate_limit_burst=3,
               rate_limit_per_address_per_minute=1, rate_limit_per_address_burst=60)
    fns = _mounted_blocks(app.app).fns
    answering = app.answering_fns
    respond = next(i for i, f in fns.items() if getattr(f.fn, "__name__", "") == "respond")
    other = next(i for i, f in fns.items() if getattr(f.fn, "__name__", "") == "on_like")
    return TestClient(app), answering, respond, other


@pytest.mark.slow
def test_the_page_counts_only_answering_events(office):
    _, answering, respond, other = office
    assert respond in answering and other not in answering


@pytest.mark.slow
def test_an_office_behind_one_address_shares_a_larger_budget_than_one_session(office):
    client, _, respond, other = office
    codes = [_join(client, f"desk-{n}", respond).status_code for n in range(20) for _ in range(3)]
    assert 429 not in codes  # 20 people, 3 questions each at once: nobody is limited at the gate
    assert _join(client, "desk-0", other).status_code != 429  # a rating or history save is not a question
    limited = _join(client, "desk-new", respond)  # the address's own budget is spent
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    body = limited.json()
    assert body["error"].startswith("提问太频繁，请在") and body["error"].endswith("秒后再试。")
    assert body["detail"] == body["error"]
    assert _join(client, "desk-0", str(respond)).status_code == 429  # "3" is index 3 to Gradio too


@pytest.mark.unit
def test_a_page_session_over_its_budget_gets_a_chinese_tip_and_keeps_its_question():
    from policybot.serving.limits import TokenBuckets
    from policybot.serving.web.common import PageContext

    ctx = PageContext(live=None, regions=[], doc_choices=[], coverage="", budget=TokenBuckets(1, 2))
    desk = type("Request", (), {"session_hash": "desk-1"})()
    assert not ctx.over_budget(desk) and not ctx.over_budget(desk)
    with pytest.warns(UserWarning, match="提问太频繁，请在\\d+秒后再试"):
        assert ctx.over_budget(desk)
    assert not ctx.over_budget(type("Request", (), {"session_hash": "desk-2"})())  # a colleague is not limited


@pytest.mark.slow
def test_page_routes_refuse_large_bodies_in_chinese(office):
    client, *_ = office
    r = client.post("/gradio_api/queue/join", content=b'{"data": ["' + b"a" * 70000 + b'"]}',
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["detail"] == "请求内容过大（超过64 KB），请缩短问题后再试。"
    r = client.post("/api/ask", content=b'{"question": "' + b"a" * 70000 + b'"}', headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "over 65536 bytes" in r.json()["error"] and "请求内容过大" in r.json()["message"]


def test_api_routes_keep_english_with_a_chinese_message(real_index, tmp_path):
    client = TestClient(_app(real_index, tmp_path, rate_limit_per_minute=1, rate_limit_burst=1))
    assert client.post("/api/search", json={"query": "研发机构"}).status_code == 200
    r = client.post("/api/search", json={"query": "研发机构"})
    assert r.status_code == 429 and r.json()["error"] == "too many requests" and r.json()["message"].startswith("提问太频繁")


@pytest.mark.parametrize("trusted", ["", "127.0.0.1"])
def test_forwarded_addresses_count_only_from_trusted_proxies(real_index, tmp_path, trusted):
    app = _app(real_index, tmp_path, trusted_proxies=trusted, rate_limit_per_minute=1, rate_limit_burst=2)
    server, thread, url = start_in_thread(app)
    try:
        codes = [_request(url + "/api/search", "POST", {"query": "研发"}, {"X-Forwarded-For": f"10.1.2.{n}"})[0]
                 for n in range(5)]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    log = [json.loads(x) for x in (tmp_path / "logs" / "access.jsonl").read_text(encoding="utf-8").splitlines()]
    if not trusted:  # a rotating header from an untrusted peer changes nothing
        assert codes[:2] == [200, 200] and codes[2:] == [429, 429, 429]
        assert {r["client"] for r in log} == {"127.0.0.1"} and all("peer" not in r for r in log)
    else:
        assert codes == [200] * 5
        assert log[-1]["client"] == "10.1.2.4" and log[-1]["peer"] == "127.0.0.1"


def test_wrong_keys_are_throttled_and_the_right_key_works_after_the_wait(real_index, tmp_path):
    client = TestClient(_app(real_index, tmp_path, api_key=KEY, auth_backoff_s=0.02, auth_backoff_max_s=1.5))
    codes = [client.post("/login", content=f"key=wrong{n}&next=/", headers=FORM).status_code for n in range(200)]
    assert codes[:5] == [401] * 5 and codes.count(429) >= 150
    # a wrong key counted after the loop starts a fresh full back-off (1.5 s), so the right key sent next is
    # inside it however slow the machine was during the loop (the loop's last back-off may have just run out)
    while client.post("/login", content="key=wrong-again&next=/", headers=FORM).status_code != 401:
        time.sleep(0.01)
    refused = client.post("/login", content=f"key={KEY}", headers=FORM)  # during the back-off even the right key waits
    assert refused.status_code == 429 and "密钥错误次数过多" in refused.text and "retry-after" in refused.headers
    time.sleep(1.6)
    assert client.post("/login", content=f"key={KEY}&next=/", headers=FORM, follow_redirects=False).status_code == 303
    codes = [client.get("/api/documents", headers={"X-API-Key": f"wrong{n}"}).status_code for n in range(200)]
    assert codes[:5] == [401] * 5 and codes.count(429) >= 150
    time.sleep(1.6)
    assert client.get("/api/documents", headers={"X-API-Key": KEY}).status_code == 200


def _login(client, key=KEY):
    r = client.post("/login", content=f"key={key}&next=/", headers=FORM, follow_redirects=False)
    assert r.status_code == 303
    return r.cookies.get("policybot_session"), r.headers["set-cookie"]


def test_sessions_are_random_revocable_and_expire(real_index, tmp_path):
    client = TestClient(_app(real_index, tmp_path, api_key=KEY, session_hours=1 / 3600))
    (one, header), (two, _) = _login(client), _login(client)
    assert one != two and len(one) >= 40 and KEY not in one
    assert "HttpOnly" in header and "samesite=strict" in header.lower() and "Secure" not in header
    client.cookies.clear()

    def documents(token):
        return client.get("/api/documents", headers={"Cookie": f"policybot_session={token}"}).status_code

    assert documents(one) == 200 and documents(two) == 200
    client.get("/logout", headers={"Cookie": f"policybot_session={one}"}, follow_redirects=False)
    assert documents(one) == 401 and documents(two) == 200
    time.sleep(1.1)
    assert documents(two) == 401  # expired: a fixed lifetime from sign-in


def test_the_cookie_is_secure_over_https(real_index, tmp_path):
    app = _app(real_index, tmp_path, api_key=KEY)
    _, header = _login(TestClient(app, base_url="https://testserver"))
    assert "Secure" in header


@pytest.mark.parametrize("trusted, secure", [("", False), ("127.0.0.1", True)])
def test_forwarded_https_counts_only_from_a_trusted_proxy(real_index, tmp_path, trusted, secure):
    server, thread, url = start_in_thread(_app(real_index, tmp_path, api_key=KEY, trusted_proxies=trusted))
    try:
        status, headers, _ = _request(url + "/login", "POST", f"key={KEY}".encode(), {**FORM, "X-Forwarded-Proto": "https"})
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert status == 303 and ("Secure" in headers["set-cookie"]) == secure


@pytest.fixture(scope="module")
def page(real_index, tmp_path_factory):
    """The page with a read key, an admin key and one allowed origin."""
    app = _app(real_index, tmp_path_factory.mktemp("page"), with_ui=True, api_key=KEY, admin_key=ADMIN,
               cors_origins="https://intranet.example")
    return TestClient(app)


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/gradio_api/info", "/config"])
def test_only_configured_origins_get_cors_headers(page, path):
    key = {"X-API-Key": KEY}
    r = page.get(path, headers={**key, "Origin": "http://localhost:9999"})
    assert r.status_code == 200 and not any(h.startswith("access-control-") for h in r.headers)
    r = page.get(path, headers={**key, "Origin": "https://intranet.example"})
    assert r.headers["access-control-allow-origin"] == "https://intranet.example"
    assert r.headers["access-control-allow-credentials"] == "true"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-api-key"}
    r = page.options(path, headers={**preflight, "Origin": "http://localhost:9999"})
    assert r.status_code == 403 and not any(h.startswith("access-control-") for h in r.headers)
    r = page.options(path, headers={**preflight, "Origin": "https://intranet.example"})
    assert r.status_code == 204 and r.headers["access-control-allow-origin"] == "https://intranet.example"


@pytest.mark.slow
def test_admin_downloads_go_to_admins_once(page):
    from policybot.serving.web.common import admin_download_path

    target = admin_download_path("audit.csv")
    target.write_text("time,who\n", encoding="utf-8")
    url = f"/gradio_api/file={target}"
    assert page.get(url, headers={"X-API-Key": KEY}).status_code == 404
    assert page.get(url.replace("file=", "file/"), headers={"X-API-Key": KEY}).status_code == 404
    r = page.get(url, headers={"X-API-Key": ADMIN})
    assert r.status_code == 200 and r.text == "time,who\n"
    assert not target.exists() and page.get(url, headers={"X-API-Key": ADMIN}).status_code in (403, 404)


def test_admin_downloads_left_for_ten_minutes_are_swept():
    from policybot.serving import downloads
    target = downloads.admin_download_path("feedback.jsonl")
    target.write_text("{}\n", encoding="utf-8")
    assert downloads.sweep(now=time.time() + 60) == 0 and target.exists()
    old = time.time() - 601
    os.utime(target.parent, (old, old))
    assert downloads.sweep() >= 1 and not target.parent.exists()


def test_a_slow_body_is_cut_off_with_408(real_index, tmp_path):
    server, thread, url = start_in_thread(_app(real_index, tmp_path, body_timeout_s=1.5))
    host, port = url.removeprefix("http://").split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(b"POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n")
            t0, reply = time.monotonic(), b""
            sock.settimeout(1.0)
            while b"\r\n\r\n" not in reply and time.monotonic() - t0 < 8:
                try:
                    sock.sendall(b" ")  # one byte a second
                    reply += sock.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    break
        assert reply.startswith(b"HTTP/1.1 408") and time.monotonic() - t0 < 4
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.mark.unit
def test_page_events_are_read_as_gradio_reads_them():
    assert page_event(b'{"fn_index": 3, "session_hash": "abc"}') == (3, "abc")
    assert page_event(b'{"fn_index": "3"}') == (3, None) and page_event(b'{"fn_index": 3.0}') == (3, None)
    assert page_event(b"not json") == (None, None) and page_event(b'[1]') == (None, None)
    assert answering_fn_indexes(None) is None


@pytest.mark.unit
def test_only_trusted_proxies_name_the_client():
    headers = {b"x-forwarded-for": b"6.6.6.6, 10.0.0.7, 10.0.0.2", b"x-forwarded-proto": b"https"}
    assert Proxies("").client("10.0.0.2", headers) == ("10.0.0.2", None)
    assert Proxies("10.0.0.0/24").client("10.0.0.2", headers) == ("6.6.6.6", "https")
    assert Proxies("10.0.0.2").client("10.0.0.2", headers) == ("10.0.0.7", "https")
    with pytest.raises(ValueError, match="not an IP address"):
        Proxies("10.0.0.0/33")


@pytest.mark.unit
def test_wrong_keys_back_off_exponentially_up_to_the_cap():
    throttle = FailureThrottle(free=5, base_s=1.0, max_s=4.0)
    assert [throttle.failed("a") for _ in range(8)] == [0, 0, 0, 0, 1.0, 2.0, 4.0, 4.0]
    assert throttle.wait("a") > 3 and throttle.wait("b") == 0
    throttle.succeeded("a")
    assert throttle.wait("a") == 0
