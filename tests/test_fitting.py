"""`policybot fit`: the weights are fitted on the dev split only and written with their provenance."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from policybot.answering.scoring import ANSWER_FEATURES, RERANK_FEATURES, SELECT_FEATURES, models_from_json
from policybot.evaluation.fitting import fit
from policybot.evaluation.qa import check_gate


@pytest.mark.integration
@pytest.mark.slow
def test_fit_reads_only_the_named_split_and_writes_usable_weights(real_index, tmp_path):
    settings, _, _ = real_index
    rows = [json.loads(x) for x in (ROOT / "evals" / "policy_qa.jsonl").read_text(encoding="utf-8").splitlines()]
    dev = [r for r in rows if r["split"] == "dev"]
    picked = [r for t in ("amount", "tier", "unanswerable", "department") for r in [x for x in dev if x["type"] == t][:12]]
    # a test item in the file must not be read: one with a broken question would fail the fit if it were
    poison = dict(next(r for r in rows if r["split"] == "test"), question="", id="poison")
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [*picked, poison]), encoding="utf-8")
    out = tmp_path / "weights.json"
    report = fit(settings, data, split="dev", out=out, progress=False)
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert report["items"] == len(picked) and saved["fitted_on"]["split"] == "dev"
    models = models_from_json(saved)
    assert models.select.features == SELECT_FEATURES and models.rerank.features == RERANK_FEATURES
    assert models.answerable.features == ANSWER_FEATURES and 0 < models.answerable.threshold < 1
    with pytest.raises(ValueError, match="no items in split 'nope'"):
        fit(settings, data, split="nope", out=tmp_path / "x.json", progress=False)


@pytest.mark.unit
def test_the_gate_reads_the_split_it_names():
    result = {"answer": {"key_fact_accuracy": 1.0}, "splits": {"test": {"answer": {"key_fact_accuracy": 0.8},
                                                                          "refusal": {"by_kind": {"absent_topic": 0.7}}}}}
    bars = {"_split": "test", "answer.key_fact_accuracy": {"op": ">=", "value": 0.9},
            "refusal.by_kind.absent_topic": {"op": ">=", "value": 0.7}}
    assert check_gate(result, bars) == ["answer.key_fact_accuracy = 0.8 (needs >= 0.9)"]
    assert check_gate({"answer": {}}, bars) == ["the dataset has no 'test' split"]
