"""The gate in front of every route, over real HTTP with the page mounted: key, login, sizes, rates, headers."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request

import pytest
from conftest import ROOT

from policybot.answering.bot import PolicyBot
from policybot.answering.questions import is_injection
from policybot.serving.api import create_app, start_in_thread
from policybot.serving.guard import parse_keys
from policybot.serving.limits import TokenBuckets
from policybot.workspace.feedback import FeedbackStore

KEY = "s3cret-key"


def _request(url, method="GET", body=None, headers=None):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body, ensure_ascii=False).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


@pytest.fixture(scope="module")
def keyed(real_index, tmp_path_factory):
    settings, embedder, index = real_index
    data = tmp_path_factory.mktemp("guard")
    settings = settings.model_copy(update={"api_key": f"desk={KEY}", "data_dir": data, "rate_limit_per_minute": 0})
    bot = PolicyBot(settings, embedder, index)
    server, _, url = start_in_thread(create_app(settings, bot, FeedbackStore(data / "f.sqlite")))
    yield url, data
    server.should_exit = True


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize("method, path, body", [
    ("GET", "/config", None),
    ("GET", "/gradio_api/info", None),
    ("POST", "/gradio_api/run/ask", {"data": ["临沧新设研发机构补助多少？", "全部", "全部"]}),
    ("POST", "/gradio_api/call/ask", {"data": ["临沧新设研发机构补助多少？", "全部", "全部"]}),
    ("POST", "/gradio_api/run/lookup", {"data": ["研发机构", "全部", "全部", 5]}),
    ("POST", "/gradio_api/queue/join", {"data": ["x"], "fn_index": 0, "session_hash": "abc"}),
    ("POST", "/gradio_api/queue/join", {"data": ["x"], "fn_index": 7, "session_hash": "abc"}),
    ("POST", "/api/ask", {"question": "临沧新设研发机构补助多少？"}),
    ("POST", "/api/search", {"query": "研发机构"}),
    ("GET", "/api/documents", None),
    ("GET", "/openapi.json", None),
    ("GET", "/docs", None),
])
def test_without_the_key_nothing_answers_lists_or_writes(keyed, method, path, body):
    url, _ = keyed
    status, headers, payload = _request(url + path, method, body)
    assert status == 401, (path, status, payload[:200])
    assert json.loads(payload)["error"].startswith("missing or wrong API key")
    assert headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in headers["content-security-policy"]


@pytest.mark.integration
@pytest.mark.slow
def test_uploads_are_closed_and_health_is_open(keyed):
    url, _ = keyed
    assert _request(url + "/gradio_api/upload", "POST", b"x" * 100, {"X-API-Key": KEY})[0] == 403
    assert _request(url + "/healthz")[0] == 200


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize("method, path", [("POST", "/api/documents"), ("PUT", "/api/documents/x"), ("DELETE", "/api/documents/x"),
                                          ("GET", "/api/index/status"), ("GET", "/api/admin/audit"), ("GET", "/api/admin/curated")])
def test_without_an_admin_key_configured_management_is_off(keyed, method, path):
    url, _ = keyed
    status, _, payload = _request(url + path, method, b"", {"X-API-Key": KEY, "x-policybot-admin": "desk"})
    assert status == 403 and "management is off" in json.loads(payload)["error"]


def test_a_client_cannot_claim_to_be_admin():
    from policybot.serving.guard import ADMIN_HEADER, _with_admin_header

    scope = {"type": "http", "headers": [(ADMIN_HEADER.encode(), b"forged"), (b"accept", b"*/*")]}
    assert _with_admin_header(scope, None)["headers"] == [(b"accept", b"*/*")]
    assert (ADMIN_HEADER.encode(), b"desk") in _with_admin_header(scope, "desk")["headers"]


@pytest.mark.integration
@pytest.mark.slow
def test_the_page_asks_for_the_key_once_and_keeps_it(keyed):
    url, data = keyed
    status, headers, _ = _request(url + "/", headers={"Accept": "text/html"})
    assert status == 303 and headers["location"].startswith("/login")
    status, _, page = _request(url + "/login")
    assert status == 200 and "访问密钥" in page.decode() and 'lang="zh-CN"' in page.decode()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert _request(url + "/login", "POST", b"key=wrong&next=/", form)[0] == 401
    status, headers, _ = _request(url + "/login", "POST", f"key={KEY}&next=//evil.example/".encode(), form)
    assert status == 303 and headers["location"] == "/"  # never sent off-site
    cookie = headers["set-cookie"].split(";")[0]
    assert "HttpOnly" in headers["set-cookie"] and "SameSite=strict" in headers["set-cookie"].replace("Strict", "strict")
    assert _request(url + "/config", headers={"Cookie": cookie})[0] == 200
    assert _request(url + "/", headers={"Cookie": cookie, "Accept": "text/html"})[0] == 200
    log = [json.loads(x) for x in (data / "logs" / "access.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"time", "method", "route", "status", "ms", "key", "client"} <= set(log[-1])
    assert any(r["route"] == "/config" and r["status"] == 200 and r["key"] == "desk" for r in log)


@pytest.mark.integration
@pytest.mark.slow
def test_gradio_client_with_the_key_header(keyed):
    from gradio_client import Client

    url, _ = keyed
    client = Client(url, headers={"X-API-Key": KEY}, verbose=False)
    out = client.predict("临沧新设立研发机构补助多少？", "全部", "全部", api_name="/ask")
    assert out["found"] and "10万元" in out["direct_answer"]


@pytest.mark.integration
@pytest.mark.slow
def test_bodies_are_bounded_before_parsing_and_bad_text_is_a_422(keyed):
    url, _ = keyed
    key = {"X-API-Key": KEY}
    status, _, payload = _request(url + "/api/ask", "POST", b'{"question": "' + b"a" * 70000 + b'"}', key)
    assert status == 413 and "over" in json.loads(payload)["error"]
    # a chunked body with no length is counted as it arrives
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.putrequest("POST", "/api/ask")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.putheader("X-API-Key", KEY)
    conn.putheader("Content-Type", "application/json")
    conn.endheaders()
    for _ in range(80):
        conn.send(b"400\r\n" + b"x" * 1024 + b"\r\n")
    conn.send(b"0\r\n\r\n")
    assert conn.getresponse().status == 413
    for body in ({"question": "高企\ud800奖励多少"}, {"question": "高企奖励多少", "history": [{"role": "user", "content": "\ud800"}]}):
        raw = json.dumps(body).encode()  # \ud800 stays escaped: a lone surrogate in valid JSON
        assert _request(url + "/api/ask", "POST", raw, key)[0] == 422
    assert _request(url + "/api/search", "POST", json.dumps({"query": "研发\udfff"}).encode(), key)[0] == 422
    assert _request(url + "/api/search", "POST", {"query": "研发", "k": -1}, key)[0] == 422


@pytest.mark.integration
@pytest.mark.slow
def test_long_history_is_cut_and_the_answer_says_so(keyed):
    url, _ = keyed
    status, _, payload = _request(url + "/api/ask", "POST", {
        "question": "那临沧呢？", "history": [{"role": "user", "content": "五华区高企复审奖励多少？" + "。" * 3900}]},
        {"X-API-Key": KEY})
    body = json.loads(payload)
    assert status == 200 and any("只使用了" in w for w in body["warnings"])


@pytest.mark.integration
@pytest.mark.slow
def test_docs_are_served_from_the_package(real_index, tmp_path):
    settings, embedder, index = real_index
    settings = settings.model_copy(update={"data_dir": tmp_path})
    server, _, url = start_in_thread(create_app(settings, PolicyBot(settings, embedder, index), with_ui=False))
    try:
        for path in ("/docs", "/redoc"):
            status, _, page = _request(url + path)
            assert status == 200 and "cdn" not in page.decode().lower() and "/static-offline-docs/" in page.decode()
        assert _request(url + "/static-offline-docs/swagger-ui-bundle.js")[0] == 200
    finally:
        server.should_exit = True


@pytest.mark.unit
def test_rate_limits_are_per_client_and_say_when_to_retry():
    buckets = TokenBuckets(per_minute=60, burst=2)
    assert buckets.take("a") == 0 and buckets.take("a") == 0
    wait = buckets.take("a")
    assert 0 < wait <= 1.0 and buckets.take("b") == 0
    assert TokenBuckets(per_minute=0, burst=1).take("a") == 0


@pytest.mark.integration
@pytest.mark.slow
def test_the_rate_limit_answers_429_with_retry_after(real_index, tmp_path):
    settings, embedder, index = real_index
    settings = settings.model_copy(update={"data_dir": tmp_path, "rate_limit_per_minute": 6, "rate_limit_burst": 2})
    server, _, url = start_in_thread(create_app(settings, PolicyBot(settings, embedder, index), with_ui=False))
    try:
        codes = [_request(url + "/api/search", "POST", {"query": "研发机构"}) for _ in range(4)]
        assert [c[0] for c in codes[:2]] == [200, 200] and codes[2][0] == 429
        assert int(codes[2][1]["retry-after"]) >= 1 and json.loads(codes[2][2])["error"] == "too many requests"
        assert _request(url + "/api/documents")[0] == 200  # reading the list is not rate-limited
    finally:
        server.should_exit = True


@pytest.mark.unit
def test_keys_have_labels():
    assert parse_keys("abc") == {"default": "abc"}
    assert parse_keys("desk=abc, ops=xyz") == {"desk": "abc", "ops": "xyz"}


@pytest.mark.unit
def test_the_injection_check_refuses_no_real_question():
    rows = [json.loads(x) for x in (ROOT / "evals" / "injection_probe.jsonl").read_text(encoding="utf-8").splitlines()]
    real = [r["question"] for r in rows if not r["injection"]]
    attacks = [r["question"] for r in rows if r["injection"]]
    assert len(real) >= 40 and [q for q in real if is_injection(q)] == []
    assert [q for q in attacks if not is_injection(q)] == []
