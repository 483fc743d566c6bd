"""Failures are answers, not traces: bad sidecars, unwritable storage, bad command-line input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policybot.errors import StorageError
from policybot.index.build import ingest
from policybot.index.embeddings import HashEmbedder
from policybot.index.reader import open_index
from policybot.workspace.feedback import FeedbackStore

BIN = Path(sys.executable).with_name("policybot")


@pytest.mark.unit
def test_an_invalid_sidecar_keeps_the_previous_version_on_rebuild_too(fake_settings):
    emb = HashEmbedder()
    ingest(fake_settings, emb, progress=False)
    side = fake_settings.corpus_dir / "kunming-2022-2024-innovation-measures.meta.json"
    side.write_text("{ not json", encoding="utf-8")
    report = ingest(fake_settings, emb, rebuild=True, progress=False)
    assert report.kept_previous == ["kunming-2022-2024-innovation-measures.txt"]
    assert any(p == "kunming-2022-2024-innovation-measures.txt" for p, _ in report.skipped)
    index = open_index(fake_settings, emb)
    assert len(index.documents) == 5 and any("楼宇运营方" in c.text for c in index.chunks)


@pytest.mark.unit
def test_feedback_that_cannot_be_written_is_kept_and_reported(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    store = FeedbackStore(blocker / "feedback.sqlite")
    with pytest.raises(StorageError, match="反馈未能写入数据库.*已暂存在内存中"):
        store.add(-1, "临沧补助多少？", "……", True, [], "不对")
    assert len(store.unsaved) == 1 and store.unsaved[0]["comment"] == "不对"
    out = tmp_path / "backup.jsonl"
    assert store.export_all(out) == 1 and json.loads(out.read_text(encoding="utf-8"))["unsaved"] is True


def _cli(*args, env_extra=None, cwd=None):
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([str(BIN), *args], capture_output=True, env=env, cwd=cwd, timeout=300)


@pytest.mark.integration
def test_unwritable_index_folder_is_one_line(tmp_path):
    from conftest import CORPUS

    blocker = tmp_path / "index"
    blocker.write_text("not a folder", encoding="utf-8")
    done = _cli("ingest", "--quiet", env_extra={"POLICYBOT_CORPUS_DIR": str(CORPUS), "POLICYBOT_INDEX_DIR": str(blocker),
                                                 "POLICYBOT_EMBEDDING__BACKEND": "hash"})
    err = done.stderr.decode()
    assert done.returncode == 1 and err.startswith("error:") and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.integration
@pytest.mark.parametrize("args, says", [
    (["ask", "高企补多少", "--history", "[{bad json"], "--history is not JSON"),
    (["ask", "高企补多少", "--history", '{"role": "user"}'], "--history must be a list"),
    (["search", "研发", "-k", "-1"], "must be between 1 and 50"),
])
def test_bad_command_line_input_is_a_usage_error(args, says):
    done = _cli(*args, env_extra={"POLICYBOT_INDEX_DIR": "/nonexistent-index"})
    assert done.returncode == 2 and says in done.stderr.decode() and "Traceback" not in done.stderr.decode()


@pytest.mark.integration
def test_an_argument_that_is_not_utf8_is_a_usage_error():
    done = subprocess.run([str(BIN), "ask", b"\xff\xfe\xb8\xdf".decode("utf-8", "surrogateescape")], capture_output=True,
                          timeout=300)
    assert done.returncode == 2 and b"not valid UTF-8" in done.stderr
