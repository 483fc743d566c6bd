"""The evaluation set is honest and well-formed; the eval run writes its report."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import CORPUS, ROOT

from policybot.documents.corpus import load_document
from policybot.documents.loaders import list_corpus_files
from policybot.evaluation.common import load_dataset
from policybot.evaluation.qa import check_gate, evaluate
from policybot.text.citations import squash

DATASET = ROOT / "evals" / "policy_qa.jsonl"
ROWS = load_dataset(DATASET)
TYPES = {"amount", "condition", "target", "department", "deadline", "validity", "fact", "cross", "followup", "unanswerable", "tier", "multi"}


@pytest.mark.unit
def test_schema_and_coverage():
    assert len(ROWS) >= 150 and len({r["id"] for r in ROWS}) == len(ROWS)
    for r in ROWS:
        assert {"id", "question", "answerable", "key_facts", "sources", "type"} <= set(r)
        assert r["type"] in TYPES
        assert bool(r["key_facts"]) == bool(r["sources"]) == r["answerable"]
        for turn in r.get("history", []):
            assert turn["role"] in ("user", "assistant") and turn["content"]
    types = Counter(r["type"] for r in ROWS)
    assert types["unanswerable"] >= 25 and types["cross"] >= 15 and types["followup"] >= 10
    assert sum(1 for r in ROWS if r.get("style") == "colloquial") >= 30
    per_doc = Counter(s["doc"] for r in ROWS for s in r["sources"])
    assert len(per_doc) == 5 and min(per_doc.values()) >= 20


@pytest.mark.unit
def test_every_quote_occurs_in_exactly_its_document():
    docs = {p.stem: squash(load_document(p, CORPUS).text) for p in list_corpus_files(CORPUS)}
    for r in ROWS:
        for s in r["sources"]:
            assert 10 <= len(s["quote"]) <= 40, (r["id"], s["quote"])
            where = [name for name, text in docs.items() if squash(s["quote"]) in text]
            assert where == [s["doc"]], (r["id"], s["quote"], where)


@pytest.mark.unit
def test_gate_names_each_failure():
    result = {"retrieval": {"recall@5": 0.9}, "answer": {"citation_validity": 1.0}}
    failures = check_gate(result, {"retrieval.recall@5": {"op": ">=", "value": 0.95},
                                   "answer.citation_validity": {"op": "==", "value": 1.0}})
    assert failures == ["retrieval.recall@5 = 0.9 (needs >= 0.95)"]


@pytest.mark.integration
@pytest.mark.slow
def test_eval_run_writes_metrics_report_and_baseline(real_index, tmp_path):
    from policybot.answering.bot import PolicyBot

    settings, embedder, index = real_index
    subset = tmp_path / "subset.jsonl"
    picked = [r for t, n in (("amount", 10), ("unanswerable", 8), ("followup", 6), ("tier", 6))
              for r in [x for x in ROWS if x["type"] == t and x["split"] == "dev"][:n]]
    picked += [{k: v for k, v in r.items() if k != "split"} for r in [x for x in ROWS if x["type"] == "target"][:3]]
    subset.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked), encoding="utf-8")
    conversations = [c for c in load_dataset(ROOT / "evals" / "conversations.jsonl") if c["split"] == "dev"][:2]
    (tmp_path / "conversations.jsonl").write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in conversations),
                                                  encoding="utf-8")  # beside the dataset: picked up by itself
    out = tmp_path / "out"
    result = evaluate(settings, subset, out, baseline=True, progress=False, bot=PolicyBot(settings, embedder, index))
    saved = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    for key in ("n", "n_answerable", "n_unanswerable", "retrieval", "answer", "refusal", "latency_ms", "config"):
        assert key in saved
    assert set(saved["retrieval"]) >= {"recall@1", "recall@3", "recall@5", "recall@10", "mrr"}
    assert set(saved["answer"]) >= {"key_fact_accuracy", "key_fact_recall", "citation_validity", "number_fidelity",
                                    "cited_gold_rate", "answer_chars_p50"}
    assert set(saved["answer"]) >= {"direct_answer_accuracy", "wrong_tier_rate", "key_fact_accuracy_by_style"}
    assert set(saved["refusal"]) >= {"true_refusal_rate", "false_refusal_rate", "by_kind", "redirect_rate"}
    # items without a split are scored with the others; the splits present get their own figures
    assert saved["n"] == len(picked) and set(saved["splits"]) == {"dev"} and saved["splits"]["dev"]["n"] == len(picked) - 3
    assert 0 <= saved["answer"]["wrong_tier_rate"] <= 1 and saved["answer"]["n_tier_items"] == 6
    assert result["answer"]["citation_validity"] == 1.0 and result["answer"]["number_fidelity"] == 1.0
    assert result["retrieval"]["recall@5"] > result["baseline"]["retrieval"]["recall@5"]
    assert result["refusal"]["true_refusal_rate"] > result["baseline"]["refusal"]["true_refusal_rate"]
    per_item = [json.loads(x) for x in (out / "per_item.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(per_item) == len(picked) and {"answer", "citations", "first_rank", "key_fact_pass"} <= set(per_item[0])
    turns = sum(len(c["turns"]) for c in conversations)
    assert saved["conversation"]["n_turns"] == saved["splits"]["dev"]["conversation"]["n_turns"] == turns
    assert len((out / "conversations_per_turn.jsonl").read_text(encoding="utf-8").splitlines()) == turns
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "policybot / baseline" in report and "## Dev and test" in report and "## Conversations" in report
    for png in ("recall_at_k.png", "accuracy_by_type.png", "latency_hist.png"):
        assert (out / png).stat().st_size > 1000 and f"({png})" in report
