"""A service that stays up: real `policybot serve` processes answering over HTTP while other processes
rebuild the index, a real `chroma run` server killed and stopped under them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BIN = Path(sys.executable).with_name("policybot")
QUESTION = "临沧市规模以上企业新设立研发机构补助多少？"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, body: dict, headers: dict | None = None, timeout: float = 30) -> tuple[int, dict]:
    data = json.dumps(body, ensure_ascii=False).encode()
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _get(url: str, timeout: float = 10) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


class Workspace:
    """A corpus copy, an index folder seeded with the cached vectors, and the environment to run policybot."""

    def __init__(self, root: Path, chroma_url: str = ""):
        self.root = root
        self.corpus = root / "corpus"
        shutil.copytree(CORPUS, self.corpus)
        (root / "index").mkdir()
        cache = ROOT / ".cache" / "test-embeddings.sqlite"
        if cache.exists():
            shutil.copy(cache, root / "index" / "embeddings.sqlite")
        self.env = {**os.environ, "POLICYBOT_CORPUS_DIR": str(self.corpus), "POLICYBOT_INDEX_DIR": str(root / "index"),
                    "POLICYBOT_DATA_DIR": str(root / "data"), "POLICYBOT_ANSWER__TODAY": "2026-11-22",
                    "POLICYBOT_RATE_LIMIT_PER_MINUTE": "0", "POLICYBOT_RATE_LIMIT_PER_ADDRESS_PER_MINUTE": "0"}
        if chroma_url:
            self.env["POLICYBOT_CHROMA_URL"] = chroma_url

    def policybot(self, *args, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN), *args], env=self.env, capture_output=True, text=True, timeout=timeout)

    def start_ingest(self, *args) -> subprocess.Popen:
        return subprocess.Popen([str(BIN), "ingest", "--quiet", *args], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def serve(self, *extra) -> "Server":
        return Server(self, *extra)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.corpus / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


class Server:
    def __init__(self, ws: Workspace, *extra):
        self.port = _port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(ws.root / f"serve-{self.port}.log", "w")
        self.proc = subprocess.Popen([str(BIN), "serve", "--no-page", "--port", str(self.port), *extra], env=ws.env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError((ws.root / f"serve-{self.port}.log").read_text())
            try:
                if _get(self.url + "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("server did not start")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


class Asker(threading.Thread):
    """Asks in a loop and records (status, figure seen, build id) for every answer."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.results, self.stop_flag = url, [], threading.Event()

    def run(self):
        while not self.stop_flag.is_set():
            try:
                status, body = _post(self.url + "/api/ask", {"question": QUESTION})
            except OSError as exc:
                self.results.append((599, str(exc), None))
                continue
            figure = next((f for f in ("10万元", "12万元") if f in body.get("direct_answer", "")), body.get("error"))
            self.results.append((status, figure, body.get("build_id")))

    def finish(self):
        self.stop_flag.set()
        self.join(timeout=60)
        return self.results


def _wait_for_build(url: str, build_id: str, timeout_s: float = 60) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _get(url + "/healthz")[1].get("serving_build_id") == build_id:
            return True
        time.sleep(0.2)
    return False


def _manifest_build(ws: Workspace) -> str:
    return json.loads((ws.root / "index" / "manifest.json").read_text(encoding="utf-8"))["build_id"]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, real_index):  # real_index seeds the shared vector cache
    ws = Workspace(tmp_path_factory.mktemp("serve"))
    server = ws.serve()
    yield ws, server
    server.stop()


def test_rebuilds_while_serving_never_fail_a_request(embedded):
    ws, server = embedded
    asker = Asker(server.url)
    asker.start()
    first = _manifest_build(ws)
    # two full rebuilds, one after the other, while the server answers
    for _ in range(2):
        done = ws.policybot("ingest", "--rebuild", "--quiet")
        assert done.returncode == 0, done.stderr
    assert _wait_for_build(server.url, _manifest_build(ws))
    # an ingest killed half-way (a new document has to be embedded) changes nothing
    extra = ws.corpus / "extra.txt"
    extra.write_text((CORPUS / "lincang-2023-2025-innovation-action-plan.txt").read_text(encoding="utf-8")
                     .replace("临沧", "某某").replace("研发", "研究开发"), encoding="utf-8")
    killed = ws.start_ingest()
    time.sleep(2.0)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    extra.unlink()
    # a changed figure is served by the running process without a restart
    ws.edit("lincang-2023-2025-innovation-action-plan.txt", "经省级备案认定的给予市级补助经费10万元", "经省级备案认定的给予市级补助经费12万元")
    done = ws.policybot("ingest", "--quiet")
    assert done.returncode == 0, done.stderr
    assert _wait_for_build(server.url, _manifest_build(ws))
    time.sleep(1.5)
    results = asker.finish()
    assert len(results) > 20
    assert all(status == 200 for status, _, _ in results), [r for r in results if r[0] != 200][:5]
    assert all(fig in ("10万元", "12万元") for _, fig, _ in results)
    assert results[0][1] == "10万元" and results[-1][1] == "12万元" and results[-1][2] == _manifest_build(ws) != first
    # the killed build's leftovers were pruned by the next ingest: only the serving and the previous build remain
    assert len(list((ws.root / "index" / "builds").iterdir())) == 2
    ws.edit("lincang-2023-2025-innovation-action-plan.txt", "市级补助经费12万元", "市级补助经费10万元")


def test_serve_starts_on_the_last_good_build_while_an_ingest_runs(embedded, tmp_path):
    ws, _ = embedded
    lock = (ws.root / "index" / ".ingest.lock").open("w")
    import fcntl

    fcntl.flock(lock, fcntl.LOCK_EX)  # as if an ingest were running
    try:
        server = ws.serve()
        try:
            status, body = _post(server.url + "/api/ask", {"question": QUESTION})
            assert status == 200 and body["found"]
        finally:
            server.stop()
        log = next(ws.root.glob(f"serve-{server.port}.log")).read_text()
        assert "serving the last good build" in log
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


@pytest.fixture(scope="module")
def chroma(tmp_path_factory):
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        pytest.skip("the chroma CLI (from chromadb) is not installed")
    data, port = tmp_path_factory.mktemp("chroma"), _port()

    def start():
        return subprocess.Popen([str(exe), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    from policybot.index.store import wait_for_chroma

    box = {"proc": start()}
    url = f"http://127.0.0.1:{port}"
    wait_for_chroma(url, timeout_s=30)

    def restart():
        box["proc"] = start()
        wait_for_chroma(url, timeout_s=30)

    yield url, box, restart
    box["proc"].kill()


def test_two_processes_on_one_chroma_server_swap_through_a_rebuild(chroma, tmp_path, real_index):
    url, _, _ = chroma
    ws = Workspace(tmp_path, chroma_url=url)
    assert ws.policybot("ingest", "--quiet").returncode == 0
    servers = [ws.serve(), ws.serve()]
    try:
        askers = [Asker(s.url) for s in servers]
        for a in askers:
            a.start()
        time.sleep(1)
        done = ws.policybot("ingest", "--rebuild", "--quiet")
        assert done.returncode == 0, done.stderr
        new = _manifest_build(ws)
        assert all(_wait_for_build(s.url, new) for s in servers)
        time.sleep(1)
        for a in askers:
            results = a.finish()
            assert results and all(status == 200 and fig == "10万元" for status, fig, _ in results), results[:3]
            assert results[-1][2] == new
    finally:
        for s in servers:
            s.stop()


def test_a_dead_or_stuck_store_is_a_503_within_the_timeout_and_then_recovers(chroma, tmp_path, real_index):
    from policybot.serving.api import create_app, start_in_thread
    from policybot.settings import Settings

    url, box, restart = chroma
    ws = Workspace(tmp_path, chroma_url=url)
    assert ws.policybot("ingest", "--quiet").returncode == 0
    settings = Settings(corpus_dir=ws.corpus, index_dir=ws.root / "index", data_dir=ws.root / "data", chroma_url=url,
                        store_timeout_s=2.0, answer={"today": "2026-11-22"})
    server, _, base = start_in_thread(create_app(settings, with_ui=False))
    try:
        assert _post(base + "/api/ask", {"question": QUESTION})[0] == 200
        os.kill(box["proc"].pid, signal.SIGSTOP)  # stuck: accepts nothing, answers nothing
        t0 = time.monotonic()
        status, body = _post(base + "/api/ask", {"question": "临沧高新技术企业首次认定补助多少？"})
        assert status == 503 and body["error"] == "store unavailable" and time.monotonic() - t0 < 8
        assert _get(base + "/healthz")[0] == 503
        os.kill(box["proc"].pid, signal.SIGCONT)
        assert _post(base + "/api/ask", {"question": "临沧高新技术企业首次认定补助多少？"})[0] == 200
        box["proc"].kill()  # dead
        box["proc"].wait()
        status, body = _post(base + "/api/ask", {"question": "临沧重新认定高新技术企业补助多少？"})
        assert status == 503 and body["error"] == "store unavailable"
        health = _get(base + "/healthz")
        assert health[0] == 503 and health[1]["status"] == "unavailable" and health[1]["reasons"]
        restart()
        status, body = _post(base + "/api/ask", {"question": "临沧重新认定高新技术企业补助多少？"})
        assert status == 200 and body["found"]
        assert _get(base + "/healthz")[0] == 200
    finally:
        server.should_exit = True
