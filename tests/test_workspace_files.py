"""What an uploaded file may be and become (issue 22): sidecars per file, UTF-16, hidden direction marks in names,
limits on what a file expands to, cancelling a build."""

from __future__ import annotations

import json

import pytest
from test_workspace import NEW_POLICY, _meta, live, ws  # noqa: F401  (shared fixtures)


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


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_text_with_a_bom_is_decoded_not_refused_as_binary(ws, encoding):
    data = NEW_POLICY.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + NEW_POLICY).encode(encoding)
    result = ws.upload([("u16.txt", data)], _meta(), "desk")[0]
    assert result["status"] == "accepted", result
    assert ws.runner.wait(120) and ws.status()["last_error"] is None
    assert "18万元" in ws.live.current().index.documents[result["doc_id"]].text


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
