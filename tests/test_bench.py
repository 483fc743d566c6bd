"""The benchmark runs end to end and writes its report (it measures; it asserts no speed)."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, ROOT

from policybot.evaluation.bench import run, synthesize


@pytest.mark.unit
def test_synthetic_corpus_varies_regions_and_figures(tmp_path):
    n = synthesize(CORPUS, tmp_path / "syn", 3)
    files = sorted((tmp_path / "syn").glob("*.txt"))
    assert n == len(files) == 15
    copy = next(p for p in files if p.name.startswith("syn001-lincang")).read_text(encoding="utf-8")
    assert "临沧" not in copy and "合成文件" in copy


@pytest.mark.integration
@pytest.mark.slow
def test_bench_writes_report(fake_settings, tmp_path):
    subset = tmp_path / "q.jsonl"
    rows = [json.loads(x) for x in (ROOT / "evals" / "policy_qa.jsonl").read_text(encoding="utf-8").splitlines()[:12]]
    subset.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    res = run(fake_settings, subset, tmp_path / "out", load_seconds=2, scales=(1, 2))
    assert [r["factor"] for r in res["scaling"]] == [1, 2] and res["scaling"][1]["chunks"] > res["scaling"][0]["chunks"]
    assert res["load"]["requests"] > 0 and res["load"]["errors"] == 0
    assert res["ingest"]["reingest_embedded"] == 0
    md = (tmp_path / "out" / "benchmarks.md").read_text(encoding="utf-8")
    assert "policybot / baseline" in md and "## Targets" in md
    assert (tmp_path / "out" / "benchmarks_scaling.png").stat().st_size > 1000
