"""Files offered for download do not pile up on a server that runs for weeks."""

import os
import tempfile
import time

import pytest

from policybot.serving import downloads
from policybot.serving.web.exports import export_conversation
from policybot.types import Answer


@pytest.fixture
def tmp_root(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path / downloads.PUBLIC_ROOT


def _age(folder, seconds):
    old = time.time() - seconds
    os.utime(folder, (old, old))


def test_a_download_older_than_ten_minutes_goes_when_the_next_is_written(tmp_root):
    first = downloads.download_path("政策清单.csv")
    first.write_text("事项\n", encoding="utf-8")
    recent = downloads.download_path("政策匹配.csv")
    recent.write_text("事项\n", encoding="utf-8")
    assert first.parent.parent == tmp_root and first.parent != recent.parent
    _age(first.parent, downloads.MAX_AGE_S + 1)
    _age(recent.parent, downloads.MAX_AGE_S - 60)
    third = downloads.download_path("政策清单.csv")
    assert not first.parent.exists()  # swept
    assert recent.exists() and third.parent.exists()  # younger than ten minutes: still there to be fetched


def test_a_conversation_export_is_written_where_it_is_swept(tmp_root):
    answer = Answer(question="临沧新设研发机构有什么条件？", found=True, answer="**答：** 见原文。", citations=[], warnings=[])
    conv = {"title": "临沧研发机构", "turns": [{"question": answer.question, "answer": answer.to_json()}]}
    path = export_conversation(conv, "md")
    assert os.path.dirname(os.path.dirname(path)) == str(tmp_root)
    assert "临沧新设研发机构有什么条件" in open(path, encoding="utf-8").read()
    _age(os.path.dirname(path), downloads.MAX_AGE_S + 1)
    export_conversation(conv, "docx")
    assert not os.path.exists(path)


def test_a_missing_or_unreadable_root_never_fails_a_download(tmp_root):
    tmp_root.mkdir(parents=True)
    (tmp_root / "stray-file").write_text("x", encoding="utf-8")  # not a folder: left, and no error
    _age(tmp_root / "stray-file", downloads.MAX_AGE_S + 1)
    path = downloads.download_path("a.md")
    path.write_text("ok", encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "ok" and (tmp_root / "stray-file").exists()
