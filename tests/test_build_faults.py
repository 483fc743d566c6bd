"""Storage faults degrade, never freeze (issue 22): a build that fails on a full disk or a stuck store leaves the
serving build, says why (workspace status and LiveBot.last_error), leaves nothing behind; `serve` starts on the
last good build; segment folders Chroma leaves for deleted collections are removed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
import time
import uuid

import pytest
from test_workspace import NEW_POLICY, _meta, live, ws  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.integration


def _segments(settings) -> tuple[set[str], set[str]]:
    """(segment folders on disk, segments of the collections the store lists): no orphan when the first is in the
    second (a vector segment's folder appears with its first vectors; metadata segments have none)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    root = settings.index_dir / "chroma"
    on_disk = {p.name for p in root.iterdir() if p.is_dir()}
    client = chromadb.PersistentClient(path=str(root), settings=ChromaSettings(anonymized_telemetry=False))
    listed = {str(c.id) for c in client.list_collections()}
    db = sqlite3.connect(f"file:{root / 'chroma.sqlite3'}?mode=ro", uri=True)
    kept = {s for s, c in db.execute("SELECT id, collection FROM segments") if c in listed}
    db.close()
    return on_disk, kept


def _leftovers(settings, before_builds: set[str]) -> set[str]:
    return {p.name for p in (settings.index_dir / "builds").iterdir()} - before_builds


def _disk_full(*args, **kwargs):
    from chromadb.errors import InternalError

    raise InternalError("database or disk is full")


def test_a_build_failing_on_a_full_disk_leaves_the_serving_build_and_says_why(ws, live, monkeypatch):
    from chromadb.api.models.Collection import Collection

    from policybot.serving.api import prepare

    serving, builds = live.build_id, {p.name for p in (ws.settings.index_dir / "builds").iterdir()}
    monkeypatch.setattr(Collection, "add", _disk_full)
    assert ws.upload([("new.txt", NEW_POLICY.encode())], _meta(), "desk")[0]["status"] == "accepted"
    assert ws.runner.wait(60)
    status = ws.status()
    assert "database or disk is full" in status["last_error"] and status["last_error"] == live.last_error
    assert live.current().index.manifest["build_id"] == serving and not ws.runner.building
    assert not _leftovers(ws.settings, builds)
    on_disk, kept = _segments(ws.settings)
    assert on_disk <= kept  # the failed build's segment folders went with it

    bot, problem = prepare(ws.settings)  # `policybot serve` on the same full disk: the last good build
    assert "disk is full" in problem and bot.index.manifest["build_id"] == serving
    assert bot.search("临沧 研发机构 补助", k=1)

    monkeypatch.undo()  # space again: the next build serves and the error is over
    ws.runner.request()
    assert ws.runner.wait(60) and ws.status()["last_error"] is None and live.last_error is None
    assert live.current().index.manifest["build_id"] != serving


def test_an_oserror_while_writing_the_build_is_reported_too(ws, live, monkeypatch):
    import policybot.index.build as indexing

    serving = live.build_id

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(indexing, "write_jsonl", no_space)
    ws.upload([("new.txt", NEW_POLICY.encode())], _meta(), "desk")
    assert ws.runner.wait(60)
    assert "No space left on device" in ws.status()["last_error"] and live.build_id == serving
    from policybot.serving.api import prepare

    bot, problem = prepare(ws.settings)
    assert "No space left" in problem and bot.index.manifest["build_id"] == serving


def test_a_stuck_store_fails_the_build_within_its_deadline_and_holds_no_lock(ws, live, monkeypatch):
    from chromadb.api.models.Collection import Collection

    release = threading.Event()
    monkeypatch.setattr(Collection, "add", lambda *a, **k: release.wait(60))
    build = live.settings.build.model_copy(update={"store_timeout_s": 1.0})
    live.settings = ws.settings = live.settings.model_copy(update={"build": build})
    serving = live.build_id
    t0 = time.monotonic()
    ws.upload([("new.txt", NEW_POLICY.encode())], _meta(), "desk")
    try:
        assert ws.runner.wait(30) and time.monotonic() - t0 < 15
        assert "did not answer within 1s" in ws.status()["last_error"] and live.build_id == serving
        t0 = time.monotonic()
        assert ws.delete("new.txt", "desk")["status"] == "removed" and time.monotonic() - t0 < 1.0
    finally:
        release.set()
    monkeypatch.undo()
    ws.runner.request()  # the ingest lock was released: the next build runs
    assert ws.runner.wait(60) and ws.status()["last_error"] is None


def test_orphaned_segment_folders_are_removed_and_live_ones_kept(ws, live):
    orphan = ws.settings.index_dir / "chroma" / str(uuid.uuid4())
    orphan.mkdir()
    (orphan / "data_level0.bin").write_bytes(b"\0" * 1024)
    for n in range(3):  # three builds: each prunes the build before the previous one
        ws.upload([(f"n{n}.txt", NEW_POLICY.replace("18万元", f"{30 + n}万元").encode())], _meta(), "desk")
        assert ws.runner.wait(120) and ws.status()["last_error"] is None
    on_disk, kept = _segments(ws.settings)
    assert not orphan.exists() and on_disk <= kept and len(on_disk) == 2  # the serving build's and the one before
    assert live.current().search("临沧 创新券 检验检测服务 补助", k=1)


# --- a real full disk ---------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 40 MB tmpfs for the index (needs root; skipped where mount is not allowed)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root and mount")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _fill(disk) -> None:
    with open(disk / "filler", "wb") as f:
        try:
            while True:
                f.write(b"\0" * (1 << 20))
                f.flush()
        except OSError:
            pass
    for i in range(1000):  # the last blocks, smaller writes
        try:
            (disk / f"f{i}").write_bytes(b"\0" * 4096)
        except OSError:
            break


def test_on_a_really_full_disk_the_build_fails_cleanly_and_serve_starts_on_the_last_good_build(fake_settings, small_disk):
    from policybot.index.build import ingest
    from policybot.index.embeddings import make_embedder
    from policybot.serving.api import prepare
    from policybot.serving.live import LiveBot
    from policybot.workspace import Workspace

    settings = fake_settings.model_copy(update={"index_dir": small_disk / "index", "admin_key": "desk=s3cret"})
    embedder = make_embedder(settings.embedding)
    ingest(settings, embedder, progress=False)
    live = LiveBot(settings, embedder=embedder, check_every_s=0.0)
    ws = Workspace(live)
    serving = live.build_id
    _fill(small_disk)
    assert ws.upload([("new.txt", NEW_POLICY.encode())], _meta(), "desk")[0]["status"] == "accepted"
    assert ws.runner.wait(120)
    error = ws.status()["last_error"]
    assert error and error == live.last_error and live.build_id == serving, error
    assert live.current().search("临沧 研发机构 补助", k=1)  # still answering

    bot, problem = prepare(settings)
    assert problem and bot.index.manifest["build_id"] == serving and bot.search("临沧 研发机构 补助", k=1)

    for p in small_disk.iterdir():
        if p.name == "filler" or p.name.startswith("f"):
            p.unlink()
    ws.runner.request()
    assert ws.runner.wait(120) and ws.status()["last_error"] is None and live.build_id != serving
    on_disk, kept = _segments(settings)
    assert on_disk <= kept
