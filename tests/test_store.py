"""Chroma client/server mode against a real `chroma run` server on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policybot.errors import StoreError
from policybot.index.build import ingest
from policybot.index.embeddings import HashEmbedder
from policybot.index.reader import open_index
from policybot.index.retrieval import HybridRetriever
from policybot.index.store import VectorStore, wait_for_chroma

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        exe = shutil.which("chroma")
    if not exe:
        pytest.skip("the chroma CLI (from chromadb) is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([str(exe), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_chroma(url, timeout_s=30)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_ingest_and_query_through_the_server(fake_settings, chroma_server):
    settings = fake_settings.model_copy(update={"chroma_url": chroma_server})
    emb = HashEmbedder()
    report = ingest(settings, emb, progress=False)
    assert len(report.added) == 5
    index = open_index(settings, emb)
    assert index.store.url == chroma_server and index.store.count(index.collection) == report.chunks
    hits = HybridRetriever(index, emb, settings.retrieval).search("临沧 新设立研发机构 补助", k=3)
    assert hits[0].chunk.region[-1] == "临沧市"
    # incremental behaviour is the same as embedded: a changed document swaps in a new collection
    path = settings.corpus_dir / "kunming-wuhua-2018-2020-innovation-action-plan.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("每户4万元", "每户6万元"), encoding="utf-8")
    again = ingest(settings, emb, progress=False)
    assert again.updated == ["kunming-wuhua-2018-2020-innovation-action-plan.txt"]
    fresh = open_index(settings, emb)
    assert fresh.collection != index.collection
    assert VectorStore(settings.index_dir, chroma_server).names().count(fresh.collection) == 1
    # the previous collection stays for readers still on it, until the next build
    assert index.collection in VectorStore(settings.index_dir, chroma_server).names()
    path.write_text(path.read_text(encoding="utf-8").replace("每户6万元", "每户7万元"), encoding="utf-8")
    ingest(settings, emb, progress=False)
    names = VectorStore(settings.index_dir, chroma_server).names()
    assert index.collection not in names and fresh.collection in names


def test_two_processes_share_one_server(fake_settings, chroma_server):
    """A second reader (another app process) sees the same collection through the server."""
    settings = fake_settings.model_copy(update={"chroma_url": chroma_server})
    ingest(settings, HashEmbedder(), progress=False)
    code = (
        "import sys; from policybot.settings import Settings; from policybot.index.embeddings import HashEmbedder;"
        "from policybot.index.reader import open_index;"
        f"s = Settings(index_dir={str(settings.index_dir)!r}, chroma_url={chroma_server!r}, embedding={{'backend': 'hash'}});"
        "i = open_index(s, HashEmbedder()); print(i.store.count(i.collection))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip().splitlines()[-1]) == open_index(settings, HashEmbedder()).store.count(
        read_collection(settings))


def read_collection(settings):
    from policybot.index.build import read_manifest

    return read_manifest(settings.index_dir)["collection"]


def test_unreachable_server_fails_with_the_fix(tmp_path):
    started = time.monotonic()
    with pytest.raises(StoreError, match="chroma run"):
        VectorStore(tmp_path, f"http://127.0.0.1:{_free_port()}").names()
    assert time.monotonic() - started < 20
    with pytest.raises(StoreError, match="URL"):
        VectorStore(tmp_path, "not a url")
