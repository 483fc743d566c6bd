"""``policybot bench``: measured speed, written to a report. A benchmark, not a test: it never fails on a slow machine.

Measures warm search/ask latency in process and over HTTP, cold start, ingest (full and no-change),
scaling to 10× and 50× synthetic corpora, 8-client HTTP load, peak memory, and the afternoon
baseline on the same questions, with policybot/baseline ratios.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from policybot.evaluation.bench_report import plot, report
from policybot.evaluation.common import load_dataset, percentile
from policybot.evaluation.qa import Baseline
from policybot.index.build import ingest
from policybot.index.embeddings import make_embedder
from policybot.index.reader import open_index
from policybot.settings import Settings
from policybot.workspace.feedback import FeedbackStore


def _rss_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MB."""
    cur = peak = 0.0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return cur, peak



def _timed(fn, items) -> list[float]:
    out = []
    for it in items:
        t0 = time.perf_counter()
        fn(it)
        out.append((time.perf_counter() - t0) * 1000)
    return out


class PerturbedEmbedder:
    """Passage vectors for synthetic scale-up: a real vector from a sample, perturbed by a hash of the text.

    Used above 1× where what is measured is index and query cost, not retrieval quality.
    """

    def __init__(self, real, sample: np.ndarray, noise: float = 0.05):
        self.real = real
        self.sample = sample
        self.noise = noise
        self.model_id = real.model_id  # same fingerprint, so queries use the real model

    def embed_passages(self, texts):
        out = []
        for t in texts:
            h = int.from_bytes(hashlib.sha256(t.encode("utf-8")).digest()[:8], "little")
            rng = np.random.default_rng(h)
            v = self.sample[h % len(self.sample)] + self.noise * rng.standard_normal(self.sample.shape[1]).astype(np.float32)
            out.append(v / np.linalg.norm(v))
        return np.vstack(out).astype(np.float32)

    def embed_query(self, text):
        return self.real.embed_query(text)


_PLACES = ["东川区", "安宁市", "嵩明县", "宜良县", "盘龙区", "西山区", "呈贡区", "晋宁区", "凤庆县", "永德县", "镇康县", "南明区",
           "观山湖区", "花溪区", "乌当区", "白云区"]


def synthesize(corpus: Path, out: Path, factor: int, seed: int = 7) -> int:
    """``factor`` copies of the corpus with regions and figures varied (the originals included)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files = sorted(p for p in corpus.glob("*.txt"))
    n = 0
    for p in files:
        shutil.copy(p, out / p.name)
        n += 1
    for k in range(1, factor):
        for p in files:
            text = p.read_text(encoding="utf-8")
            place = _PLACES[(k + n) % len(_PLACES)]
            text = re.sub(r"临沧|官渡|五华|云岩|昆明", lambda m: place[:2], text)
            text = re.sub(r"(\d+)(万元|家|个|件|亿元)", lambda m: f"{int(m.group(1)) + rng.randint(1, 9)}{m.group(2)}", text)
            (out / f"syn{k:03d}-{p.name}").write_text(f"（第{k}号合成文件）\n" + text, encoding="utf-8")
            n += 1
    return n


LONG_TURN = "我们是一家做软件的企业，" * 180  # about 2,000 characters, over the 300 that reach the embedder


def long_payload(question: str, max_bytes: int = 60000) -> dict:
    """The heaviest request the API accepts: a 2,000-character question after as many 4,000-character
    turns as fit in the 64 KB body limit."""
    body = {"question": (LONG_TURN + question)[-2000:], "history": []}
    turn = {"role": "user", "content": (LONG_TURN * 2)[:4000]}
    while len(json.dumps({**body, "history": body["history"] + [turn]}, ensure_ascii=False).encode()) < max_bytes:
        body["history"].append(turn)
    return body


def load_test(url: str, questions: list[str], clients: int = 8, seconds: float = 60.0, long_clients: int = 0,
              during=None) -> dict:
    """``clients`` threads posting /api/ask for ``seconds`` on loopback; the first ``long_clients`` send
    the heaviest requests allowed. ``during`` runs in the meantime (a rebuild). Figures are for the
    normal clients; bounded in time, stops by itself."""
    import httpx

    lat: list[float] = []
    heavy: list[float] = []
    errors = heavy_errors = 0
    builds: set = set()
    lock = threading.Lock()
    done = threading.Event()  # set when ``seconds`` have passed and ``during`` has finished

    def worker(i: int) -> None:
        nonlocal errors, heavy_errors
        with httpx.Client(timeout=60) as c:
            j = i
            while not done.is_set():
                q = questions[j % len(questions)]
                body = long_payload(q) if i < long_clients else {"question": q}
                t0 = time.perf_counter()
                try:
                    r = c.post(url + "/api/ask", json=body)
                    ok = r.status_code == 200
                    build = r.json().get("build_id") if ok else None
                except (httpx.HTTPError, ValueError):
                    ok, build = False, None
                with lock:
                    (heavy if i < long_clients else lat).append((time.perf_counter() - t0) * 1000)
                    if i < long_clients:
                        heavy_errors += not ok
                    else:
                        errors += not ok
                    builds.add(build)
                j += clients

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    extra = during() if during else None
    time.sleep(max(0.0, seconds - (time.monotonic() - t0)))
    done.set()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    out = {"clients": clients, "long_clients": long_clients, "seconds": round(wall, 1), "requests": len(lat) + len(heavy),
           "throughput_rps": round((len(lat) + len(heavy)) / wall, 2), "p50_ms": round(percentile(lat, 0.5), 1), "p95_ms": round(percentile(lat, 0.95), 1),
           "errors": errors, "builds_served": len(builds - {None})}
    if heavy:
        out.update({"long_p50_ms": round(percentile(heavy, 0.5), 1), "long_p95_ms": round(percentile(heavy, 0.95), 1), "long_errors": heavy_errors})
    if extra:
        out.update(extra)
    return out


def _rebuild_twice(settings: Settings) -> dict:
    """Two `policybot ingest --rebuild` in another process, as an operator would run them."""
    env = {**os.environ, "POLICYBOT_INDEX_DIR": str(settings.index_dir), "POLICYBOT_CORPUS_DIR": str(settings.corpus_dir),
           "POLICYBOT_EMBEDDING__BACKEND": settings.embedding.backend, "POLICYBOT_EMBEDDING__MODEL": settings.embedding.model}
    times = []
    for _ in range(2):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "policybot.cli.main", "ingest", "--rebuild", "--quiet"], env=env,
                       capture_output=True, timeout=600, check=True)
        times.append(round(time.perf_counter() - t0, 1))
    return {"rebuild_s": times}


def run(settings: Settings, questions_path: Path, out: Path, load_seconds: float = 60.0, scales=(1, 10, 50)) -> dict:
    """Every measurement in turn, written to ``out`` as JSON, a chart and ``benchmarks.md``."""
    questions = [r["question"] for r in load_dataset(questions_path) if not r.get("history")]
    work = Path(tempfile.mkdtemp(prefix="policybot-bench-"))
    res: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "questions": len(questions)}
    embedder = make_embedder(settings.embedding)
    s1 = settings.model_copy(update={"index_dir": work / "index-1x"})
    res["ingest"] = _ingest_times(s1, embedder)
    res["cold_start_s"] = _cold_start(s1, questions[0])
    res["scaling"], bot1 = _scaling(settings, s1, embedder, work, scales, questions)
    # over HTTP, and under load (1× index); limits off, the per-address backstop too: the load is the point
    s1 = s1.model_copy(update={"rate_limit_per_minute": 0, "rate_limit_per_address_per_minute": 0, "access_log": False,
                               "data_dir": work / "data"})
    res.update(_served(s1, bot1, work, questions, load_seconds))
    res["peak_rss_mb"] = round(_rss_mb()[1])
    res["baseline"] = _baseline(s1, embedder, work, questions)
    shutil.rmtree(work, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmarks.json").write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    plot(res, out / "benchmarks_scaling.png")
    (out / "benchmarks.md").write_text(report(res), encoding="utf-8")
    return res


def _ingest_times(s1: Settings, embedder) -> dict:
    """A full build with an empty vector cache, then a no-change re-ingest."""
    t0 = time.perf_counter()
    rep = ingest(s1, embedder, progress=False)
    full = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = ingest(s1, embedder, progress=False)
    return {"full_s": round(full, 1), "chunks": rep.chunks, "chunks_per_s": round(rep.chunks / full, 2),
            "reingest_s": round(time.perf_counter() - t0, 2), "reingest_embedded": again.embedded}


def _cold_start(s1: Settings, question: str) -> float:
    """A fresh process from start to its first answer."""
    env = {**os.environ, "POLICYBOT_INDEX_DIR": str(s1.index_dir), "POLICYBOT_CORPUS_DIR": str(s1.corpus_dir),
           "POLICYBOT_EMBEDDING__BACKEND": s1.embedding.backend, "POLICYBOT_EMBEDDING__MODEL": s1.embedding.model}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "policybot.cli.main", "ask", question], env=env, capture_output=True, timeout=300, check=True)
    return round(time.perf_counter() - t0, 2)


def _scaling(settings: Settings, s1: Settings, embedder, work: Path, scales, questions: list[str]):
    """Warm latency at each scale (1× real vectors; above 10× sampled-and-perturbed vectors); the 1× bot."""
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    rows, sample, bot1 = [], None, None
    for factor in scales:
        if factor == 1:
            sx, emb = s1, embedder
        else:
            corpus = work / f"corpus-{factor}x"
            synthesize(settings.corpus_dir, corpus, factor)
            sx = settings.model_copy(update={"corpus_dir": corpus, "index_dir": work / f"index-{factor}x"})
            # up to 10× the vectors are real (slow: e5 on CPU); above, sampled and perturbed
            emb = embedder if factor <= 10 else PerturbedEmbedder(embedder, sample)
            ingest(sx, emb, progress=False)
        bot = PolicyBot(sx, embedder=embedder, index=open_index(sx, embedder))
        if sample is None:
            sample = np.vstack([embedder.embed_passages([c.index_text()]) for c in bot.index.chunks[:40]])
        bot.ask(questions[0])
        search_ms = _timed(lambda q: bot.search(q, k=5), questions)
        ask_ms = _timed(lambda q: bot.ask(q), questions)
        rows.append({
            "factor": factor, "documents": len(bot.index.documents), "chunks": len(bot.index.chunks),
            "vectors": "real" if factor <= 10 else "sampled+perturbed",
            "search_p50": round(percentile(search_ms, 0.5), 1), "search_p95": round(percentile(search_ms, 0.95), 1),
            "ask_p50": round(percentile(ask_ms, 0.5), 1), "ask_p95": round(percentile(ask_ms, 0.95), 1), "rss_mb": round(_rss_mb()[0]),
        })
        if factor == 1:
            bot1 = bot
    return rows, bot1


def _served(s1: Settings, bot1, work: Path, questions: list[str], load_seconds: float) -> dict:
    """One client over HTTP, then the three load runs, on a real server in a thread."""
    # deferred: loads fastapi on first use, not at import
    from policybot.serving.api import create_app, start_in_thread

    app = create_app(s1, bot1, FeedbackStore(work / "fb.sqlite"), with_ui=False)
    srv, thread, url = start_in_thread(app)
    import httpx

    with httpx.Client(timeout=30) as c:
        http_search = _timed(lambda q: c.post(url + "/api/search", json={"query": q, "k": 5}), questions)
        http_ask = _timed(lambda q: c.post(url + "/api/ask", json={"question": q}), questions)
    res = {"http": {"search_p50": round(percentile(http_search, 0.5), 1), "search_p95": round(percentile(http_search, 0.95), 1),
                    "ask_p50": round(percentile(http_ask, 0.5), 1), "ask_p95": round(percentile(http_ask, 0.95), 1)}}
    res["load"] = load_test(url, questions, clients=8, seconds=load_seconds)
    res["load_long"] = load_test(url, questions, clients=16, seconds=load_seconds, long_clients=4)
    res["load_rebuild"] = load_test(url, questions, clients=8, seconds=min(load_seconds, 10.0),
                                    during=lambda: _rebuild_twice(s1))
    srv.should_exit = True
    thread.join(timeout=10)
    return res


def _baseline(s1: Settings, embedder, work: Path, questions: list[str]) -> dict:
    """The afternoon baseline on the same questions."""
    base = Baseline(s1, embedder, work / "baseline")
    base.ask(questions[0])
    b_search = _timed(lambda q: base.search(q, 5), questions)
    b_ask = _timed(lambda q: base.ask(q), questions)
    return {"search_p50": round(percentile(b_search, 0.5), 1), "search_p95": round(percentile(b_search, 0.95), 1),
            "ask_p50": round(percentile(b_ask, 0.5), 1), "ask_p95": round(percentile(b_ask, 0.95), 1), "chunks": len(base.chunks)}
