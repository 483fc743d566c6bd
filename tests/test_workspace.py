"""Document management (issue 14): upload checks, the audit log, background builds with a change summary,
the admin gate, and the management API over HTTP on a real server."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

NEW_POLICY = """临沧市科技创新券管理办法（试行）
临政办发〔2026〕88号
一、支持对象
在临沧市注册的科技型中小企业。
二、支持标准
（一）企业购买检验检测服务的，按实际支出的50%给予创新券补助，每家企业每年最高不超过18万元。
（二）创新券由市科技局受理，每年3月集中申报。
本办法自2026年1月1日起施行，有效期至2028年12月31日。
临沧市人民政府办公室
2026年1月5日
"""


@pytest.fixture
def live(fake_settings):
    from policybot.index.build import ingest
    from policybot.index.embeddings import make_embedder
    from policybot.serving.live import LiveBot

    settings = fake_settings.model_copy(update={"admin_key": "desk=s3cret"})  # default upload limit: 20 MB
    embedder = make_embedder(settings.embedding)
    ingest(settings, embedder, progress=False)
    return LiveBot(settings, embedder=embedder, check_every_s=0.0)


@pytest.fixture
def ws(live):
    from policybot.workspace import Workspace

    return Workspace(live)


def _meta(**kw):
    from policybot.workspace import UploadMeta

    return UploadMeta(**kw)


def test_each_bad_file_gets_its_own_reason_and_the_good_one_is_built(ws, live):
    before = set(live.current().index.documents)
    files = [("../x.txt", NEW_POLICY.encode()), ("empty.txt", b"   \n"), ("blob.txt", bytes(range(256)) * 40),
             ("tool.exe", b"MZ\x90\x00"), ("big.txt", b"a" * (20 * 1024 * 1024 + 1)),
             ("创新券.txt", NEW_POLICY.encode("gb18030"))]
    results = ws.upload(files, _meta(source_url="https://example.gov.cn/cxq.html"), "desk")
    by_file = {r["file"]: r for r in results}
    assert by_file["../x.txt"]["status"] == "rejected" and "路径" in by_file["../x.txt"]["reason"]
    assert "空" in by_file["empty.txt"]["reason"]
    assert "二进制" in by_file["blob.txt"]["reason"]
    assert "不支持" in by_file["tool.exe"]["reason"]
    assert "上限" in by_file["big.txt"]["reason"]
    assert by_file["创新券.txt"]["status"] == "accepted" and by_file["创新券.txt"]["doc_id"]
    read = by_file["创新券.txt"]["metadata"]  # what the text says, shown to the clerk to confirm or correct
    assert "临沧市" in read["region"] and read["title"]
    from policybot.serving.web.files import results_html

    shown = results_html(results)
    assert "识别到" in shown and "地区：云南省临沧市" in shown and "替换" in shown
    assert not (ws.corpus.parent / "x.txt").exists()
    assert ws.runner.wait(120)
    status = ws.status()
    assert status["last_error"] is None, status
    bot = live.current()
    added = set(bot.index.documents) - before
    assert added == {by_file["创新券.txt"]["doc_id"]}
    doc = bot.index.documents[added.pop()]
    assert doc.source_url == "https://example.gov.cn/cxq.html"
    change = status["last_change"]
    assert change["documents_added"] == [doc.display_title] and change["chunks_added"] > 0
    assert change["chunks_removed"] == 0 and change["documents_removed"] == []
    assert doc.display_title == "临沧市科技创新券管理办法（试行）"
    assert doc.period == "2026—2028" and not doc.expired(__import__("datetime").date(2026, 11, 23))  # 有效期至2028年
    top = bot.search("临沧 创新券 检验检测服务 补助", k=1)[0]
    assert top.chunk.doc_id == doc.doc_id
    from policybot.index.build import ingest

    again = ingest(live.settings, live.embedder, progress=False)  # the CLI sees what the page put in corpus/
    assert not again.changed and doc.source in again.unchanged


def test_same_text_twice_is_refused_and_replace_and_delete_keep_the_old_file(ws, live):
    first = ws.upload([("a.txt", NEW_POLICY.encode())], _meta(), "desk")[0]
    again = ws.upload([("b.txt", NEW_POLICY.encode("gb18030"))], _meta(), "desk")[0]
    assert first["status"] == "accepted" and again["status"] == "rejected" and "a.txt" in again["reason"]
    same_name = ws.upload([("a.txt", (NEW_POLICY + "附则。\n").encode())], _meta(), "desk")[0]
    assert same_name["status"] == "rejected" and "替换" in same_name["reason"]
    assert ws.runner.wait(120)
    newer = NEW_POLICY.replace("最高不超过18万元", "最高不超过25万元")
    replaced = ws.replace("a.txt", "a-2026.txt", newer.encode(), _meta(), "desk")
    assert replaced["status"] == "accepted" and not (ws.corpus / "a.txt").exists()
    assert ws.runner.wait(120) and ws.status()["last_error"] is None
    change = ws.status()["last_change"]
    assert change["chunks_removed"] > 0 and change["chunks_added"] > 0
    assert "25万元" in live.current().search("临沧 创新券 检验检测服务 补助", k=1)[0].chunk.text
    removed = ws.delete(replaced["doc_id"], "desk")
    assert removed["status"] == "removed" and not (ws.corpus / "a-2026.txt").exists()
    kept = sorted(p.name for p in (ws.settings.data_dir / "removed").rglob("*.txt"))
    assert kept == ["a-2026.txt", "a.txt"]  # nothing is lost
    assert ws.runner.wait(120)
    assert replaced["doc_id"] not in live.current().index.documents
    actions = [(r["action"], r["outcome"]) for r in reversed(ws.audit.rows())]
    assert actions == [("upload", "accepted"), ("upload", "rejected"), ("upload", "rejected"),
                       ("replace", "accepted"), ("delete", "accepted")]
    assert all(r["who"] == "desk" and len(r["sha256"]) == 64 for r in ws.audit.rows())


def test_the_audit_log_cannot_be_edited(ws):
    ws.audit.write("desk", "upload", "x.txt", "0" * 64)
    db = sqlite3.connect(ws.settings.data_dir / "audit.sqlite")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit SET who='someone else'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit")
    assert ws.audit.to_csv().lstrip("\ufeff").splitlines()[1].split(",")[2] == "desk"
    from policybot.serving.web.files import audit_csv

    lines = audit_csv(ws).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("时间（UTC）,操作人,操作") and ",desk,上传,x.txt," + "0" * 64 + ",完成," in lines[1]


def test_metadata_is_checked_before_anything_is_written():
    from pydantic import ValidationError

    from policybot.workspace import UploadMeta

    for bad in ({"date": "2026/1/5"}, {"period": "2028-2026"}, {"region": "火星"}, {"source_url": "javascript:alert(1)"}):
        with pytest.raises(ValidationError):
            UploadMeta(**bad)
    side = UploadMeta(region="临沧", period="2026-2028", date="2026-01-05", doc_number="临政办发〔2026〕88号").sidecar()
    assert side["region"][-1] == "临沧市" and (side["period_start"], side["period_end"]) == (2026, 2028)
    assert side["issued"] == "2026-01-05"


def test_the_last_document_cannot_be_deleted(ws, live):
    from policybot.errors import PolicybotError

    docs = list(live.current().index.documents)
    for doc_id in docs[:-1]:
        ws.delete(doc_id, "desk")
        assert ws.runner.wait(120)
    with pytest.raises(PolicybotError, match="唯一"):
        ws.delete(docs[-1], "desk")


# --- over HTTP --------------------------------------------------------------------------------


@pytest.fixture
def server(live):
    from policybot.serving.api import create_app, start_in_thread

    app = create_app(live.settings, live=live, with_ui=False)
    srv, thread, url = start_in_thread(app)
    yield url, app
    srv.should_exit = True
    thread.join(10)


def _multipart(files: list[tuple[str, bytes]], fields: dict | None = None) -> tuple[bytes, str]:
    boundary = "----pbtest7e3d"
    parts = []
    for k, v in (fields or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    for name, data in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n' \
               "Content-Type: application/octet-stream\r\n\r\n"
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _call(url, method="GET", body=None, ctype=None, key=None):
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, data=body, method=method)
    if ctype:
        req.add_header("Content-Type", ctype)
    if key:
        req.add_header("X-API-Key", key)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def test_api_needs_the_admin_key_and_a_wrong_key_changes_nothing(server, ws):
    url, _ = server
    body, ctype = _multipart([("new.txt", NEW_POLICY.encode())])
    before = sorted(p.name for p in ws.corpus.iterdir())
    assert _call(url + "/api/documents", "POST", body, ctype)[0] == 401
    assert _call(url + "/api/documents", "POST", body, ctype, key="wrong")[0] == 403
    assert _call(url + "/api/index/status")[0] == 401
    assert _call(url + "/api/documents/anything", "DELETE", key="wrong")[0] == 403
    forged = _call(url + "/api/index/status", key=None)
    assert forged[0] == 401
    assert sorted(p.name for p in ws.corpus.iterdir()) == before
    assert _call(url + "/api/documents")[0] == 200  # reading stays open (no read key configured)


def _wait_idle(url: str, timeout_s: float = 120) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not _call(url + "/api/index/status", key="s3cret")[1]["building"]:
            return True
        time.sleep(0.2)
    return False


def test_api_a_60_mb_file_is_refused_on_its_own_line_and_a_huge_request_is_413(server, ws):
    url, _ = server
    before = sorted(p.name for p in ws.corpus.iterdir())
    body, ctype = _multipart([("huge.txt", b"\xe6\x94\xbf" * (20 * 1024 * 1024)), ("empty.txt", b"")])
    code, out = _call(url + "/api/documents", "POST", body, ctype, key="s3cret")
    assert code == 200 and [r["status"] for r in out["results"]] == ["rejected", "rejected"]
    assert "60.0 MB" in out["results"][0]["reason"] and "20 MB" in out["results"][0]["reason"]
    import http.client
    from urllib.parse import urlsplit

    conn = http.client.HTTPConnection(urlsplit(url).netloc, timeout=30)  # 90 MB declared: refused before it is sent
    conn.putrequest("POST", "/api/documents")
    for k, v in (("X-API-Key", "s3cret"), ("Content-Type", ctype), ("Content-Length", str(90 * 1024 * 1024))):
        conn.putheader(k, v)
    conn.endheaders()
    answer = conn.getresponse()
    assert answer.status == 413 and "over" in json.loads(answer.read())["error"]
    conn.close()
    assert sorted(p.name for p in ws.corpus.iterdir()) == before and not out["build"]["building"]


def test_api_upload_status_replace_delete_and_audit(server, live):
    url, app = server
    body, ctype = _multipart([("创新券.txt", NEW_POLICY.encode()), ("../x.txt", b"abc"), ("bin.txt", b"\x00\x01" * 500)],
                             {"source_url": "https://example.gov.cn/a.html", "region": "临沧市"})
    code, out = _call(url + "/api/documents", "POST", body, ctype, key="s3cret")
    assert code == 200, out
    statuses = [(r["file"], r["status"]) for r in out["results"]]
    assert statuses == [("创新券.txt", "accepted"), ("../x.txt", "rejected"), ("bin.txt", "rejected")]
    assert set(out["build"]) >= {"building", "progress", "serving_build_id", "last_error"}
    doc_id = out["results"][0]["doc_id"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        code, status = _call(url + "/api/index/status", key="s3cret")
        if not status["building"] and doc_id in {d["doc_id"] for d in _call(url + "/api/documents")[1]}:
            break
        time.sleep(0.3)
    assert status["last_error"] is None and status["last_change"]["chunks_added"] > 0
    code, found = _call(url + "/api/search", "POST", json.dumps({"query": "临沧 创新券 检验检测服务 补助", "k": 1}).encode(),
                        "application/json")
    assert code == 200 and found[0]["doc_id"] == doc_id
    body, ctype = _multipart([("创新券.txt", NEW_POLICY.replace("18万元", "20万元").encode())])
    code, out = _call(url + f"/api/documents/{doc_id}", "PUT", body, ctype, key="s3cret")
    assert code == 200 and out["results"][0]["status"] == "accepted"
    assert _wait_idle(url)
    code, out = _call(url + f"/api/documents/{out['results'][0]['doc_id']}", "DELETE", key="s3cret")
    assert code == 200 and out["results"][0]["status"] == "removed"
    assert _call(url + "/api/documents/nope", "DELETE", key="s3cret")[0] == 404
    code, audit = _call(url + "/api/admin/audit", key="s3cret")
    assert [e["action"] for e in audit["entries"]][:3] == ["delete", "replace", "upload"]


def test_api_curated_answers_feedback_queue_and_refused_groups(server, live):
    url, _ = server
    key = "s3cret"
    top = _call(url + "/api/search", "POST", json.dumps({"query": "临沧 新设立 研发机构 补助", "k": 1}).encode(),
                "application/json")[1][0]
    sentence = next(s for s in top["text"].split("。") if "万元" in s)
    quote = sentence[sentence.index("给予") if "给予" in sentence else 0:]
    figure = next(t for t in __import__("re").findall(r"\d+万元", quote))
    body = {"question": "临沧新设研发机构补助多少？", "direct": f"补助{figure}。", "quotes": [{"chunk_id": top["chunk_id"], "quote": quote}]}
    assert _call(url + "/api/admin/curated", "POST", json.dumps(body).encode(), "application/json")[0] == 401
    invented = {**body, "direct": "补助999万元。"}
    assert _call(url + "/api/admin/curated", "POST", json.dumps(invented).encode(), "application/json", key=key)[0] == 400
    typed = {**body, "quotes": [{"chunk_id": top["chunk_id"], "quote": "这句话不在原文里"}]}
    assert _call(url + "/api/admin/curated", "POST", json.dumps(typed).encode(), "application/json", key=key)[0] == 400
    code, item = _call(url + "/api/admin/curated", "POST", json.dumps(body).encode(), "application/json", key=key)
    assert code == 200 and item["author"] == "desk" and item["quotes"][0]["doc_id"] == top["doc_id"]
    asked = _call(url + "/api/ask", "POST", json.dumps({"question": "临沧新设研发机构补助多少？"}).encode(), "application/json")[1]
    assert asked["outcome"] == "curated" and figure in asked["answer"]
    code, off = _call(url + f"/api/admin/curated/{item['id']}", "PATCH", json.dumps({"enabled": False}).encode(),
                      "application/json", key=key)
    assert code == 200 and off["enabled"] is False
    asked = _call(url + "/api/ask", "POST", json.dumps({"question": "临沧新设研发机构补助多少？"}).encode(), "application/json")[1]
    assert asked["outcome"] != "curated"
    assert _call(url + f"/api/admin/curated/{item['id']}", "DELETE", key=key)[0] == 200
    assert _call(url + "/api/admin/curated", key=key)[1] == []
    assert _call(url + "/api/admin/curated/nope", "DELETE", key=key)[0] == 404

    _call(url + "/api/ask", "POST", json.dumps({"question": "上海市人工智能算力券怎么申请？"}).encode(), "application/json")
    groups = _call(url + "/api/admin/refused", key=key)[1]
    assert any("算力券" in g["focus"] for g in groups)
    assert _call(url + "/api/admin/refused")[0] == 401
    assert _call(url + "/api/admin/feedback", key=key) == (200, [])


def test_the_tab_shows_progress_while_building_and_what_changed_after():
    from policybot.serving.web.files import results_html, status_html

    building = {"building": True, "progress": {"stage": "embedding", "label": "计算向量", "done": 40, "total": 120,
                                               "elapsed_s": 3.2, "documents": 6, "chunks": 120},
                "serving_build_id": "b1", "documents": 5, "chunks": 116, "last_error": None, "last_change": None}
    shown = status_html(building)
    assert "正在更新索引：计算向量" in shown and '<progress max="120" value="40">' in shown and "3.2 秒" in shown
    assert "（新索引：6 份文件，120 个段落）" in shown
    change = {"documents_added": ["《新办法》"], "documents_updated": [], "documents_removed": ["<script>x</script>"],
              "chunks_added": 3, "chunks_removed": 29, "embedded": 3, "catalogue_added": [], "catalogue_removed": ["奖励A"],
              "curated_stale": ["临沧创新券补多少？"], "skipped": [{"file": "bad.pdf", "reason": "PDF 中没有文字"}]}
    done = status_html({**building, "building": False, "last_error": "disk full", "last_change": change})
    assert "索引已就绪" in done and "5 份文件" in done and "上次更新未完成：disk full" in done
    assert "新增 3，移除 29" in done and "失效的人工审核答案（请复核）（1）" in done and "未收录 bad.pdf" in done
    assert "<script>" not in done and "&lt;script&gt;" in done
    lines = results_html([{"file": "a<b>.txt", "status": "rejected", "reason": "文件是空的"},
                          {"file": "ok.txt", "status": "accepted", "reason": ""}])
    assert "✗ a&lt;b&gt;.txt：文件是空的" in lines and "✓ ok.txt：已接收" in lines


def test_page_handlers_change_nothing_without_the_gates_admin_mark(ws, live, tmp_path):
    from policybot.serving.web.files import FilesTab

    tab = FilesTab.__new__(FilesTab)  # the handlers alone, as a crafted Gradio call would reach them
    tab.live, tab.workspace = live, ws
    path = tmp_path / "x.txt"
    path.write_text(NEW_POLICY, encoding="utf-8")

    class Anonymous:
        headers: dict = {}

    class Admin:
        headers = {"x-policybot-admin": "desk"}

    before = sorted(p.name for p in ws.corpus.iterdir())
    first = next(iter(live.current().index.documents))
    tab.upload([str(path)], "", "", "", "", "", "", "", Anonymous())
    tab.delete(first, True, Anonymous())
    tab.replace(first, str(path), "", "", "", "", "", "", "", Anonymous())
    assert sorted(p.name for p in ws.corpus.iterdir()) == before and ws.audit.rows() == []
    shown = tab.upload([str(path)], "", "", "", "", "", "", "", Admin())
    assert "✓ x.txt" in shown[0] and (ws.corpus / "x.txt").exists()
    assert ws.runner.wait(120)


def test_the_runner_reports_each_stage_with_the_new_builds_size(ws, live):
    seen = []
    real_step = ws.runner._step

    def spy(stage, done, total):
        real_step(stage, done, total)
        seen.append(dict(ws.runner.progress))

    ws.runner._step = spy
    ws.upload([("new.txt", NEW_POLICY.encode())], _meta(), "desk")
    assert ws.runner.wait(120)
    stages = [s["stage"] for s in seen]
    assert stages[0] == "documents" and "embedding" in stages and stages[-2:] == ["switching", "done"]
    embedding = [s for s in seen if s["stage"] == "embedding"]
    assert embedding[-1]["done"] == embedding[-1]["total"] == len(live.current().index.chunks)
    assert embedding[-1]["documents"] == len(live.current().index.documents)
