"""The REST API: FastAPI's test client for the contract, real HTTP on loopback for the server."""

from __future__ import annotations

import json
import urllib.request

import pytest
from fastapi.testclient import TestClient

from policybot.answering.bot import PolicyBot
from policybot.serving.api import create_app, start_in_thread
from policybot.workspace.feedback import FeedbackStore

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def bot(real_index):
    settings, embedder, index = real_index
    return PolicyBot(settings, embedder, index)


@pytest.fixture(scope="module")
def client(bot, tmp_path_factory):
    fb = FeedbackStore(tmp_path_factory.mktemp("fb") / "f.sqlite")
    return TestClient(create_app(bot.settings, bot, fb, with_ui=False))


def test_ask_returns_the_cli_json_shape(client):
    r = client.post("/api/ask", json={"question": "临沧新设立研发机构补助多少？"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"question", "found", "answer", "citations", "warnings", "latency_ms"}
    assert body["found"] and "10万元" in body["answer"]
    assert set(body["citations"][0]) >= {"n", "doc_id", "title", "issuer", "doc_number", "section", "quote", "chunk_id", "period", "expired"}


def test_ask_with_history_and_filters(client):
    r = client.post("/api/ask", json={"question": "那临沧呢？", "history": [{"role": "user", "content": "五华区高企复审奖励多少？"}]})
    assert r.status_code == 200 and "5万元" in r.json()["answer"]
    r = client.post("/api/ask", json={"question": "研发机构补助多少？", "document": "lincang-2023-2025-innovation-action-plan"})
    assert r.status_code == 200 and all("临沧" in c["title"] for c in r.json()["citations"])


@pytest.mark.parametrize("body, status", [
    ({"question": ""}, 422),
    ({"question": "？？？"}, 422),
    ({"question": "问" * 2001}, 422),
    ({"question": "补助", "document": "no-such-doc"}, 404),
    ({"question": "补助", "history": [{"role": "system", "content": "x"}]}, 422),
    ({"q": "wrong field"}, 422),
    ({"question": 123}, 422),
])
def test_bad_input_gets_a_clear_4xx(client, body, status):
    r = client.post("/api/ask", json=body)
    assert r.status_code == status and "error" in r.json()


@pytest.mark.parametrize("profile, field", [
    ({"region": 123}, "region"),
    ({"certifications": "高企"}, "certifications"),
    ({"certifications": [{"name": 1}]}, "name"),
    ({"figures": "x"}, "figures"),
    ({"figures": {"rd_expense_yuan": "abc"}}, "rd_expense_yuan"),
    ({"talent": [1]}, "talent"),
])
def test_a_profile_of_wrong_types_is_a_422_naming_the_field(client, profile, field):
    r = client.post("/api/match", json={"profile": profile})
    assert r.status_code == 422 and any(field in e["loc"] for e in r.json()["detail"])


def test_every_unknown_route_answers_json_with_error(client):
    assert client.get("/api/nope").json() == {"error": "Not Found"}
    assert client.delete("/api/ask").status_code == 405 and "error" in client.delete("/api/ask").json()


def test_malformed_json_is_422_not_500(client):
    r = client.post("/api/ask", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()


def test_search_documents_and_health(client):
    r = client.post("/api/search", json={"query": "研发机构 补助", "region": "临沧", "k": 3})
    assert r.status_code == 200 and len(r.json()) == 3 and r.json()[0]["rank"] == 1
    docs = client.get("/api/documents").json()
    assert len(docs) == 5 and all("expired" in d for d in docs)
    one = client.get(f"/api/documents/{docs[0]['doc_id']}").json()
    assert one["text"] and one["outline"]
    assert client.get("/api/documents/nope").status_code == 404
    by_name = client.get("/api/documents/lincang-2023-2025-innovation-action-plan.txt")
    assert by_name.status_code == 200 and by_name.json()["doc_number"] == "临政办发〔2023〕53号"
    h = client.get("/healthz").json()
    assert h["status"] == "ok" and h["serving_build_id"] == h["manifest_build_id"] and h["documents"] == 5 and h["chunks"] > 80 and h["fingerprint"]["embedding_model"]
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]


def test_a_corrupt_store_degrades_health_and_admin_routes_answer_503(bot, tmp_path):
    import os

    settings = bot.settings.model_copy(update={"data_dir": tmp_path, "admin_key": "adm"})
    client = TestClient(create_app(settings, bot, with_ui=False))
    FeedbackStore(tmp_path / "feedback.sqlite").add(1, "研发机构补助多少？", "10万元", True, [])
    admin = {"X-API-Key": "adm"}
    assert client.get("/api/admin/feedback", headers=admin).status_code == 200
    assert client.get("/healthz").json()["status"] == "ok"
    (tmp_path / "feedback.sqlite").write_bytes(os.urandom(8192))
    r = client.get("/api/admin/feedback", headers=admin)
    assert r.status_code == 503 and "feedback.sqlite" in r.json()["error"] and "备份" in r.json()["message"]
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert any("feedback.sqlite" in reason for reason in health.json()["reasons"])


def test_api_key_is_required_when_set(bot, tmp_path):
    settings = bot.settings.model_copy(update={"api_key": "s3cret"})
    c = TestClient(create_app(settings, bot, FeedbackStore(tmp_path / "f.sqlite"), with_ui=False))
    assert c.get("/api/documents").status_code == 401
    assert c.post("/api/ask", json={"question": "补助"}).status_code == 401
    assert c.get("/api/documents", headers={"X-API-Key": "s3cret"}).status_code == 200
    assert c.get("/healthz").status_code == 200  # health stays open for probes


def test_real_http_server_on_loopback(bot, tmp_path):
    app = create_app(bot.settings, bot, FeedbackStore(tmp_path / "f.sqlite"), with_ui=False)
    server, thread, url = start_in_thread(app)
    try:
        req = urllib.request.Request(f"{url}/api/ask", method="POST",
                                     data=json.dumps({"question": "云岩区要筹建多少套人才公寓？"}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            body = json.loads(r.read())
        assert body["found"] and "2640套" in body["answer"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.mark.slow
def test_app_py_updates_the_index_and_serves(real_index, tmp_path):
    """`python app.py` (the README's run command underneath): ingest first, then the page and API on one port."""
    import os
    import socket
    import subprocess
    import sys
    import time

    from conftest import ROOT

    settings, _, _ = real_index
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "POLICYBOT_INDEX_DIR": str(settings.index_dir), "POLICYBOT_DATA_DIR": str(tmp_path / "data"),
           "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.5)
        assert body and body["documents"] == 5, "server did not come up"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert r.status == 200 and "gradio" in r.read().decode("utf-8", "replace").lower()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert "nothing changed: the index is up to date" in out and f"127.0.0.1:{port}" in out
