"""What an uploaded file may be and become (issue 22): sidecars per file, UTF-16, hidden direction marks in names,
limits on what a file expands to, cancelling a build."""

from __future__ import annotations

import json

import pytest
from test_workspace import NEW_POLICY, _meta, live, ws  # noqa: F401  (shared fixtures)


@pytest.mark.integration
def test_two_files_with_the_same_stem_each_get_their_own_sidecar(ws, live):
    other = NEW_POLICY.replace("临沧市科技创新券", "临沧市技术合同登记").replace("18万元", "12万元")
    a = ws.upload([("side.txt", NEW_POLICY.encode())], _meta(title="甲办法", issuer="甲局"), "desk")[0]
    b = ws.upload([("side.md", other.encode())], _meta(title="乙办法"), "desk")[0]
    assert a["status"] == b["status"] == "accepted", (a, b)
    assert json.loads((ws.corpus / "side.txt.meta.json").read_text())["title"] == "甲办法"
    assert json.loads((ws.corpus / "side.md.meta.json").read_text())["title"] == "乙办法"
    assert not (ws.corpus / "side.meta.json").exists()
    assert ws.runner.wait(120) and ws.status()["last_error"] is None
    docs = {d.source: d for d in live.current().index.documents.values()}
    assert docs["side.txt"].display_title == "甲办法" and docs["side.txt"].issuer == "甲局"
    assert docs["side.md"].display_title == "乙办法" and docs["side.md"].issuer != "甲局"


@pytest.mark.integration
def test_the_older_stem_sidecar_is_still_read_but_never_given_to_a_new_sibling(ws, live):
    (ws.corpus / "old.meta.json").write_text(json.dumps({"title": "旧式元数据标题"}), encoding="utf-8")
    (ws.corpus / "old.txt").write_text(NEW_POLICY, encoding="utf-8")
    ws.runner.request()
    assert ws.runner.wait(120)
    sibling = NEW_POLICY.replace("创新券", "科技服务券")
    assert ws.upload([("old.md", sibling.encode())], _meta(), "desk")[0]["status"] == "accepted"
    assert json.loads((ws.corpus / "old.md.meta.json").read_text()) == {}  # shields it from old.meta.json
    assert ws.runner.wait(120) and ws.status()["last_error"] is None
    docs = {d.source: d for d in live.current().index.documents.values()}
    assert docs["old.txt"].display_title == "旧式元数据标题"
    assert docs["old.md"].display_title != "旧式元数据标题"
    ws.delete("old.md", "desk")  # removing the sibling leaves the older sidecar to old.txt
    assert (ws.corpus / "old.meta.json").exists() and not (ws.corpus / "old.md.meta.json").exists()
    assert ws.runner.wait(120)


@pytest.mark.integration
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_text_with_a_bom_is_decoded_not_refused_as_binary(ws, encoding):
    data = NEW_POLICY.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + NEW_POLICY).encode(encoding)
    result = ws.upload([("u16.txt", data)], _meta(), "desk")[0]
    assert result["status"] == "accepted", result
    assert ws.runner.wait(120) and ws.status()["last_error"] is None
    assert "18万元" in ws.live.current().index.documents[result["doc_id"]].text


@pytest.mark.integration
def test_names_with_direction_marks_are_refused_in_chinese(ws):
    from policybot.errors import DocumentError
    from policybot.workspace import clean_name

    for ch in ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"):
        with pytest.raises(DocumentError, match="方向") as caught:
            clean_name(f"通知{ch}txt.pdf")
        assert ch not in caught.value.path
    result = ws.upload([("报告\u202etxt.docx", NEW_POLICY.encode())], _meta(), "desk")[0]
    assert result["status"] == "rejected" and "方向" in result["reason"] and "\u202e" not in result["file"]
    assert not any("\u202e" in p.name for p in ws.corpus.iterdir())


# --- limits on what a file becomes ----------------------------------------------------------------


def _bomb(expanded: int, lie_to: int | None = None) -> bytes:
    """A zip named like a Word file whose document part inflates to ``expanded`` bytes (0.6 MB for 200 MB);
    ``lie_to``: the central directory declares that size instead (zipfile never inflates past it)."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            block = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30000
            for _ in range(expanded // len(block)):
                f.write(block)
    data = bytearray(buf.getvalue())
    if lie_to is not None:
        at = data.rfind(b"PK\x01\x02")  # the last member's central directory entry: uncompressed size at +24
        data[at + 24 : at + 28] = lie_to.to_bytes(4, "little")
    return bytes(data)


def _quick_and_small(fn, seconds: float = 3.0, megabytes: float = 8.0):
    """``fn()``'s result, asserting it took under ``seconds`` and allocated under ``megabytes`` at its peak."""
    import time
    import tracemalloc

    tracemalloc.start()
    t0 = time.monotonic()
    try:
        result = fn()
        took = time.monotonic() - t0
        peak = tracemalloc.get_traced_memory()[1] / 1048576
    finally:
        tracemalloc.stop()
    assert took < seconds and peak < megabytes, (took, peak)
    return result


@pytest.mark.integration
def test_a_docx_that_expands_to_200_mb_and_a_19_mb_one_line_text_are_refused_quickly_and_small(ws):
    bomb, liar = _bomb(200 * 1024 * 1024), _bomb(50 * 1024 * 1024, lie_to=4000)
    line = b"a" * (19 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    ws.known()  # the corpus read once (cached), so the measure is the upload's own
    for name, data, why in (("bomb.docx", bomb, "解压后"), ("liar.docx", liar, "无法读取"), ("line.txt", line, "字符")):
        result = _quick_and_small(lambda: ws.upload([(name, data)], _meta(), "desk")[0])
        assert result["status"] == "rejected" and why in result["reason"], result
    assert not ws.runner.building and not any(p.name in ("bomb.docx", "line.txt") for p in ws.corpus.iterdir())


@pytest.mark.integration
def test_characters_and_passages_per_document_are_limited_on_upload_and_in_the_build(live):
    from policybot.index.build import ingest
    from policybot.workspace import Workspace

    limits = live.settings.build.model_copy(update={"max_document_chars": 2000, "max_document_chunks": 10})
    settings = live.settings.model_copy(update={"build": limits})
    live.settings = settings
    ws = Workspace(live)
    long_text = NEW_POLICY + "".join(f"（{i}）企业研发投入按规定享受加计扣除政策，由税务部门办理。\n" for i in range(90))
    many = "\n".join(f"第{i}条 支持企业建设研发平台，给予适当补助，具体由科技部门另行制定细则并组织实施。\n" for i in range(1, 30))
    results = ws.upload([("long.txt", long_text.encode()), ("many.md", (NEW_POLICY + many).encode()),
                         ("ok.txt", NEW_POLICY.encode())], _meta(), "desk")
    reasons = {r["file"]: r["reason"] for r in results}
    assert "2,000 个字符的上限" in reasons["long.txt"] and "10 个段落的上限" in reasons["many.md"], reasons
    assert [r["status"] for r in results] == ["rejected", "rejected", "accepted"]
    assert ws.runner.wait(120) and ws.status()["last_error"] is None
    (settings.corpus_dir / "dropped.txt").write_text(long_text, encoding="utf-8")  # put in by hand: the build skips it
    report = ingest(settings, live.embedder, progress=False)
    assert dict(report.skipped)["dropped.txt"].endswith("请拆分成几份文件后再上传")


class _Slow:
    """The test embedder, one second per batch: a build that can be caught running."""

    def __init__(self, inner):
        self.inner, self.model_id, self.dim = inner, inner.model_id, getattr(inner, "dim", None)

    def embed_passages(self, texts):
        import time

        time.sleep(1.0)
        return self.inner.embed_passages(texts)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def _running(ws, live, n: int = 1):
    """Upload a new document (``n`` makes it differ) with a slow embedder: the build is caught embedding."""
    import time

    if not isinstance(live.embedder, _Slow):
        live.embedder = _Slow(live.embedder)
    before = live.build_id
    text = NEW_POLICY.replace("18万元", f"{20 + n}万元")
    assert ws.upload([(f"slow{n}.txt", text.encode())], _meta(), "desk")[0]["status"] == "accepted"
    deadline = time.monotonic() + 30
    while (ws.status()["progress"] or {}).get("stage") != "embedding" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ws.runner.building
    return before


@pytest.mark.integration
def test_a_running_build_can_be_cancelled_and_the_serving_build_stays(ws, live):
    before = _running(ws, live)
    builds = {p.name for p in (ws.settings.index_dir / "builds").iterdir()}
    assert ws.cancel_build("desk") is True
    assert ws.runner.wait(30)
    status = ws.status()
    assert status["cancelled"] and status["last_error"] is None and live.build_id == before
    assert {p.name for p in (ws.settings.index_dir / "builds").iterdir()} == builds  # nothing left of it
    assert ws.audit.rows()[0]["action"] == "cancel" and ws.cancel_build("desk") is False

    from policybot.serving.web.files import FilesTab, status_html

    assert "已取消" in status_html(status)
    tab = FilesTab.__new__(FilesTab)
    tab.live, tab.workspace = live, ws

    class Anonymous:
        headers: dict = {}

    _running(ws, live, 2)
    assert tab.cancel(Anonymous()) == (__import__("gradio").update(), __import__("gradio").update())
    assert ws.runner.building  # not an admin: nothing stopped

    class Admin:
        headers = {"x-policybot-admin": "desk"}

    tab.cancel(Admin())
    assert ws.runner.wait(30) and ws.status()["cancelled"] and live.build_id == before


@pytest.mark.integration
def test_deleting_a_document_never_waits_for_a_running_build(ws, live):
    import time

    _running(ws, live)
    first = next(d for d in live.current().index.documents)
    t0 = time.monotonic()
    assert ws.delete(first, "desk")["status"] == "removed"
    assert time.monotonic() - t0 < 1.0 and ws.runner.building
    ws.cancel_build("desk")
    assert ws.runner.wait(30)


@pytest.mark.integration
def test_api_cancel_is_for_admins_only(live):
    from fastapi.testclient import TestClient

    from policybot.serving.api import create_app

    settings = live.settings.model_copy(update={"api_key": "reader=r3ad"})
    live.settings = settings
    client = TestClient(create_app(settings, live=live, with_ui=False))
    assert client.post("/api/index/cancel").status_code == 401
    assert client.post("/api/index/cancel", headers={"X-API-Key": "r3ad"}).status_code == 403
    got = client.post("/api/index/cancel", headers={"X-API-Key": "s3cret"})
    assert got.status_code == 200 and got.json()["cancelled"] is False and "building" in got.json()["build"]
