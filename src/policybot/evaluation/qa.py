"""Evaluation over ``evals/*.jsonl``: retrieval and answer metrics, a report with plots, a baseline.

The baseline is what an afternoon with the same packages gives: LangChain's
RecursiveCharacterTextSplitter (500/50) over the raw files, Chroma vector-only retrieval with the
same embedder, and the top chunk as the answer.
"""

from __future__ import annotations

import json
import logging
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from policybot.answering.curated_fitting import figures, pair_features
from policybot.answering.curated_match import WEIGHTS_PATH, load_model, load_pairs
from policybot.documents.loaders import list_corpus_files, load_text
from policybot.evaluation.common import facts_in, git_commit, load_dataset, percentile, states
from policybot.evaluation.conversations import evaluate_conversations, says_not_stated
from policybot.evaluation.report import write_report
from policybot.files import write_jsonl
from policybot.index.embeddings import EmbeddingCache
from policybot.index.store import VectorStore
from policybot.text.citations import numbers_outside, squash
from policybot.types import Answer, Citation

log = logging.getLogger(__name__)

KS = (1, 3, 5, 10)



def _contains(chunk_text: str, quote: str) -> bool:
    return squash(quote) in squash(chunk_text)


def score_item(item: dict, answer: Answer, ranked: list[str], chunk_texts: dict[str, str], latency_ms: float,
               metadata: list[str] | None = None) -> dict:
    """One item's row. A welcome cites nothing: its figures must come from the documents' ``metadata``."""
    quotes = [s["quote"] for s in item.get("sources", [])]
    cited = answer.all_citations
    support = [c.quote for c in cited] if answer.outcome != "welcome" else list(metadata or [])
    row = {
        "id": item["id"], "type": item["type"], "question": item["question"], "answerable": item["answerable"],
        "split": item.get("split", ""), "style": item.get("style", "formal"), "refusal_kind": item.get("refusal_kind", ""),
        "found": answer.found, "outcome": answer.outcome, "direct_answer": answer.direct_answer, "answer": answer.answer,
        "citations": [{"n": c.n, "chunk_id": c.chunk_id, "title": c.title, "section": c.section, "quote": c.quote} for c in answer.citations],
        "elsewhere": [{"n": c.n, "chunk_id": c.chunk_id, "title": c.title, "quote": c.quote} for c in answer.elsewhere],
        "warnings": answer.warnings, "latency_ms": round(latency_ms, 1),
        # refused: nothing found, or (for a topic the documents lack the asked figure of) a reply that quotes the
        # clause and says plainly the figure is not stated, giving none — as the conversation eval counts not_stated
        "refused": not answer.found or (item.get("refusal_kind") == "absent_topic" and says_not_stated(answer)),
    }
    if quotes:
        first = next((r for r, text in enumerate(ranked, 1) if any(_contains(text, q) for q in quotes)), None)
        row["first_rank"] = first
        for k in KS:
            row[f"recall@{k}"] = sum(1 for q in quotes if any(_contains(t, q) for t in ranked[:k])) / len(quotes)
    facts = item.get("key_facts", [])
    got = facts_in(answer.answer, facts)
    row["key_facts_found"] = len(got)
    row["key_facts_total"] = len(facts)
    row["key_fact_pass"] = bool(facts) and len(got) == len(facts)
    row["direct_pass"] = bool(facts) and all(states(answer.direct_answer, f) for f in facts)
    if item.get("wrong_facts"):
        row["wrong_tier"] = any(states(answer.direct_answer, f) for f in item["wrong_facts"])
    gold_elsewhere = [s["quote"] for s in item.get("elsewhere", [])]
    if gold_elsewhere:
        row["elsewhere_hit"] = any(_contains(chunk_texts.get(c.chunk_id, ""), q) for c in answer.elsewhere for q in gold_elsewhere)
    row["citations_valid"] = [c.quote in chunk_texts.get(c.chunk_id, "") for c in cited]
    row["number_fidelity"] = not numbers_outside(answer.answer, support) and not numbers_outside(answer.direct_answer, support)
    row["cited_gold"] = any(_contains(chunk_texts.get(c.chunk_id, ""), q) for c in answer.citations for q in quotes)
    row["cited_gold_quote"] = any(_contains(c.quote, q) or _contains(q, c.quote) for c in answer.citations for q in quotes)
    return row


def metrics(rows: list[dict], config: dict) -> dict:
    ans = [r for r in rows if r["answerable"]]
    una = [r for r in rows if not r["answerable"]]
    with_src = [r for r in ans if "recall@1" in r]
    cits = [v for r in rows for v in r["citations_valid"]]
    lat = [r["latency_ms"] for r in rows]
    mean = lambda xs: round(sum(xs) / len(xs), 4) if xs else 0.0  # noqa: E731
    by_type = {}
    for t in sorted({r["type"] for r in rows}):
        group = [r for r in rows if r["type"] == t]
        ok = [r["key_fact_pass"] if r["answerable"] else r["refused"] for r in group]
        by_type[t] = {"n": len(group), "accuracy": mean([float(x) for x in ok])}
    tiers = [r for r in rows if "wrong_tier" in r]
    redirects = [r for r in rows if "elsewhere_hit" in r]
    by_kind = {k: mean([float(r["refused"]) for r in una if r.get("refusal_kind") == k])
               for k in sorted({r.get("refusal_kind") or "unlabelled" for r in una}) if k}
    by_style = {st: {"n": sum(1 for r in ans if r["style"] == st),
                     "key_fact_accuracy": mean([float(r["key_fact_pass"]) for r in ans if r["style"] == st])}
                for st in sorted({r["style"] for r in ans})}
    return {
        "n": len(rows),
        "n_answerable": len(ans),
        "n_unanswerable": len(una),
        "retrieval": {
            **{f"recall@{k}": mean([r[f"recall@{k}"] for r in with_src]) for k in KS},
            "mrr": mean([1 / r["first_rank"] if r["first_rank"] else 0.0 for r in with_src]),
        },
        "answer": {
            "key_fact_accuracy": mean([float(r["key_fact_pass"]) for r in ans]),
            "key_fact_recall": round(sum(r["key_facts_found"] for r in ans) / max(1, sum(r["key_facts_total"] for r in ans)), 4),
            "citation_validity": mean([float(v) for v in cits]) if cits else 1.0,
            "number_fidelity": mean([float(r["number_fidelity"]) for r in rows]),
            "cited_gold_rate": mean([float(r["cited_gold"]) for r in ans]),
            "cited_gold_quote_rate": mean([float(r["cited_gold_quote"]) for r in ans]),
            "answer_chars_p50": statistics.median([len(r["answer"]) for r in ans]) if ans else 0,
            "direct_answer_accuracy": mean([float(r["direct_pass"]) for r in ans]),
            "direct_answer_chars_p50": statistics.median([len(r["direct_answer"]) for r in ans]) if ans else 0,
            "wrong_tier_rate": mean([float(r["wrong_tier"]) for r in tiers]),
            "n_tier_items": len(tiers),
            "key_fact_accuracy_by_style": by_style,
        },
        "refusal": {
            "true_refusal_rate": mean([float(r["refused"]) for r in una]),
            "n_said_not_stated": sum(1 for r in una if r["refused"] and r["found"]),
            "false_refusal_rate": mean([float(not r["found"]) for r in ans]),
            "by_kind": by_kind,
            "redirect_rate": mean([float(r["outcome"] == "elsewhere" and r["elsewhere_hit"]) for r in redirects]),
            "n_redirect_items": len(redirects),
        },
        "latency_ms": {"p50": round(percentile(lat, 0.5), 1), "p95": round(percentile(lat, 0.95), 1)},
        "by_type": by_type,
        "config": config,
    }


def run_policybot(bot, dataset: list[dict], progress: bool = True) -> list[dict]:
    from tqdm import tqdm

    chunk_texts = {c.chunk_id: c.text for c in bot.index.chunks}
    metadata = [f"{d.display_title} {d.period}" for d in bot.index.documents.values()] + [f"{bot.today():%Y年%m月%d日}"]
    bot.ask("高新技术企业认定奖励多少？")  # warm: latency is measured warm
    rows = []
    for item in tqdm(dataset, desc="policybot", unit="q", disable=not progress):
        t0 = time.perf_counter()
        answer = bot.ask(item["question"], history=item.get("history"))
        latency = (time.perf_counter() - t0) * 1000
        ranked = [sc.chunk.text for sc in bot.retriever.search(answer.resolved_question or item["question"], k=max(KS))] if answer.evidence else []
        rows.append(score_item(item, answer, ranked, chunk_texts, latency, metadata))
    return rows


class Baseline:
    """The afternoon build: recursive splitter over raw files, Chroma vectors only, top chunk answers."""
    def __init__(self, settings, embedder, workdir: Path):
        from langchain_text_splitters import RecursiveCharacterTextSplitter


        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
        self.chunks: list[tuple[str, str, str]] = []  # (id, file, text)
        for path in list_corpus_files(settings.corpus_dir):
            try:
                raw = load_text(path)
            except Exception:  # the baseline has no error handling worth the name
                continue
            for text in splitter.split_text(raw):
                self.chunks.append((f"b{len(self.chunks)}", path.name, text))
        self.embedder = embedder
        cache = EmbeddingCache(settings.index_dir / "embeddings.sqlite")
        vectors, _ = cache.embed(embedder, [t for _, _, t in self.chunks])
        cache.close()
        self.store = VectorStore(workdir)
        self.store.create("baseline")
        self.store.add("baseline", [c[0] for c in self.chunks], vectors, [c[2] for c in self.chunks], [{"doc_id": c[1]} for c in self.chunks])
        self.by_id = {c[0]: c for c in self.chunks}

    def search(self, question: str, k: int) -> list[tuple[str, str, str]]:
        hits = self.store.query("baseline", self.embedder.embed_query(question), k)
        return [self.by_id[cid] for cid, _ in hits]

    def ask(self, question: str) -> tuple[Answer, list[str]]:
        hits = self.search(question, max(KS))
        cid, name, text = hits[0]
        cit = Citation(n=1, doc_id=name, title=name, issuer=None, doc_number=None, section="", quote=text,
                       chunk_id=cid, period=None, expired=False, chunk_text=text)
        return Answer(question=question, found=True, answer=text + "[1]", citations=[cit], warnings=[]), [h[2] for h in hits]


def run_baseline(settings, embedder, dataset: list[dict], progress: bool = True) -> list[dict]:
    from tqdm import tqdm

    with tempfile.TemporaryDirectory() as tmp:
        base = Baseline(settings, embedder, Path(tmp))
        texts = {c[0]: c[2] for c in base.chunks}
        base.ask("高新技术企业认定奖励多少？")
        rows = []
        for item in tqdm(dataset, desc="baseline", unit="q", disable=not progress):
            t0 = time.perf_counter()
            question = item["question"]
            if item.get("history"):  # the afternoon build just glues the conversation together
                question = " ".join(t["content"] for t in item["history"] if t["role"] == "user") + " " + question
            answer, ranked = base.ask(question)
            rows.append(score_item(item, answer, ranked, texts, (time.perf_counter() - t0) * 1000))
        base.store.drop("baseline")
    return rows


class _QuestionVectors:
    """Question vectors kept in the embedding cache under a model key of their own (the cache holds passages)."""
    def __init__(self, embedder):
        self.model_id = f"{embedder.model_id}:query"
        self._embedder = embedder

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._embedder.embed_query(t) for t in texts])


def curated_metrics(pairs_path: Path, embedder, cache_path: Path | None = None, model=None) -> dict:
    """Precision, recall and F1 of the curated-answer matcher on the labelled pairs, all and per split ({} without a
    fitted matcher). ``cache_path``: an embedding cache, so a question is embedded once across runs."""

    if model is None:
        fitted = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")).get("embedder") if WEIGHTS_PATH.exists() else None
        if fitted != embedder.model_id:  # the threshold means nothing with another embedder's similarities
            log.warning("curated matcher fitted with %s, not %s: its figures are left out", fitted, embedder.model_id)
            return {}
        model = load_model()
    t0 = time.perf_counter()
    pairs = load_pairs(pairs_path)
    texts = list(dict.fromkeys(t for p in pairs for t in (p["query"], p["curated"])))
    if cache_path is not None:

        cache = EmbeddingCache(cache_path)
        vectors, _ = cache.embed(_QuestionVectors(embedder), texts)
        cache.close()
    else:
        vectors = [embedder.embed_query(t) for t in texts]
    rows = pair_features(pairs, dict(zip(texts, vectors)).__getitem__)
    scores = [model.score(f) for f in rows]
    by_split = {sp: figures([s for s, p in zip(scores, pairs) if p["split"] == sp], [p["same"] for p in pairs if p["split"] == sp],
                            model.threshold) for sp in sorted({p["split"] for p in pairs})}
    return {**figures(scores, [p["same"] for p in pairs], model.threshold), "threshold": model.threshold,
            "splits": by_split, "seconds": round(time.perf_counter() - t0, 1)}


def evaluate(settings, dataset_path: Path, out: Path, baseline: bool = False, progress: bool = True, bot=None,
             conversations: Path | None = None) -> dict:
    """Run the dataset, write metrics.json, per_item.jsonl, report.md and plots into ``out``; with the curated-answer
    matcher's figures when ``curated_pairs.jsonl`` sits next to the dataset, and the multi-turn figures (group
    "conversation") for ``conversations`` or a ``conversations.jsonl`` beside the dataset."""
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    dataset = load_dataset(dataset_path)
    bot = bot or PolicyBot(settings)
    out.mkdir(parents=True, exist_ok=True)
    config = {
        "embedding_model": bot.embedder.model_id,
        "retrieval": settings.retrieval.model_dump(),
        "answer": settings.answer.model_dump(mode="json"),
        "llm": settings.llm.enabled,
        "git_commit": git_commit(),
        "dataset": str(dataset_path),
        "index_build": bot.index.manifest.get("build_id"),
    }
    rows = run_policybot(bot, dataset, progress)
    result = metrics(rows, config)
    splits = sorted({r["split"] for r in rows if r["split"]})
    if splits:
        result["splits"] = {sp: metrics([r for r in rows if r["split"] == sp], config) for sp in splits}
    pairs_path = dataset_path.parent / "curated_pairs.jsonl"  # the curated-answer matcher's labelled pairs
    curated = curated_metrics(pairs_path, bot.embedder, settings.index_dir / "embeddings.sqlite") if pairs_path.exists() else {}
    if curated:
        result["curated"] = curated
        for sp, fig in curated["splits"].items():
            if sp in result.get("splits", {}):
                result["splits"][sp]["curated"] = fig
    beside = dataset_path.parent / "conversations.jsonl"
    conversations = conversations or (beside if beside.exists() else None)
    if conversations is not None:  # after the single items, which are scored exactly as without it

        result["conversation"] = evaluate_conversations(bot, conversations, out, progress)
        for sp, fig in result["conversation"]["splits"].items():
            if sp in result.get("splits", {}):
                result["splits"][sp]["conversation"] = fig
    write_jsonl(out / "per_item.jsonl", rows)
    base_result = None
    if baseline:
        base_rows = run_baseline(settings, bot.embedder, dataset, progress)
        base_result = metrics(base_rows, {**config, "system": "baseline: RecursiveCharacterTextSplitter 500/50 + Chroma vector-only + top chunk"})
        write_jsonl(out / "baseline_per_item.jsonl", base_rows)
        result["baseline"] = base_result
    (out / "metrics.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")

    write_report(out, result, rows, base_result)
    return result



def check_gate(result: dict, thresholds: dict) -> list[str]:
    """Failures of the CI gate: each names the metric, its value and the bar.

    ``"_split": "test"`` in the thresholds makes the gate read that split's figures."""
    split = thresholds.get("_split")
    if split:
        if split not in result.get("splits", {}):
            return [f"the dataset has no {split!r} split"]
        result = result["splits"][split]
    failures = []
    for dotted, bar in thresholds.items():
        if dotted.startswith("_"):
            continue
        value = result
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            failures.append(f"{dotted} was not measured (needs {bar['op']} {bar['value']})")
            continue
        op, limit = bar["op"], bar["value"]
        ok = value >= limit if op == ">=" else value <= limit if op == "<=" else value == limit
        if not ok:
            failures.append(f"{dotted} = {value} (needs {op} {limit})")
    return failures
