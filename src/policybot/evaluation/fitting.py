"""``policybot fit``: fit the reranker, the sentence selector and the answerability model on the dev split.

Each is a logistic regression over a few features (``scoring.py``). The fit starts from neutral
weights, so it does not depend on the weights it replaces:

1. ``select`` — every candidate sentence of the retrieved passages; positive when it holds a gold quote;
2. ``rerank`` — every passage of the fused pool; positive when it holds a gold quote;
3. ``select`` again, on the reranked evidence;
4. ``answerable`` — the best quote per document; positive for the gold document of an answerable
   item, negative for every document of an unanswerable one. Its threshold is the highest that
   keeps false refusals on dev at or under ``max_false_refusal``.

Only items of the chosen split are read. The result is written with its provenance.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import numpy as np

from policybot.answering.asker import conversation_asker
from policybot.answering.compose import answer_features
from policybot.answering.picking import best_pick, candidates, context, features, passage_features
from policybot.answering.aspects import aspects
from policybot.answering.scoring import ANSWER_FEATURES, RERANK_FEATURES, SELECT_FEATURES, Model, Models
from policybot.evaluation.common import git_commit, load_dataset
from policybot.evaluation.fit_items import conversation_items
from policybot.text.citations import squash
from policybot.text.rules import department_span

log = logging.getLogger(__name__)

WEIGHTS_PATH = Path(__file__).parents[1] / "data" / "weights.json"


def neutral_models() -> Models:
    """Starting weights: fused order, term coverage for sentences, a middling answerability bar."""
    def model(names, coef, threshold=0.5):
        n = len(names)
        return Model(tuple(names), np.array(coef, float), 0.0, np.zeros(n), np.ones(n), threshold)

    select = model(SELECT_FEATURES, [1.0 if f in ("cov", "intent") else 0.0 for f in SELECT_FEATURES])
    rerank = model(RERANK_FEATURES, [1.0 if f == "fused" else 0.0 for f in RERANK_FEATURES])
    answerable = model(ANSWER_FEATURES, [1.0 if f == "focus_ctx" else 0.0 for f in ANSWER_FEATURES], 0.5)
    return Models(select, answerable, rerank)


def _logistic(names: tuple[str, ...], rows: list[dict], labels: list[int], c: float = 1.0) -> Model:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[r[f] for f in names] for r in rows], float)
    y = np.array(labels)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    clf.fit((x - mean) / scale, y)
    return Model(names, clf.coef_[0], float(clf.intercept_[0]), mean, scale)


def _holds_gold(text: str, quotes: list[str]) -> bool:
    t = squash(text)
    return any(squash(q) in t for q in quotes)


class _Run:
    """One dev item through the bot: its reading, terms and the fused pool (before reranking)."""
    def __init__(self, bot, item: dict, pool: int):
        self.item = item
        self.quotes = [s["quote"] for s in item.get("sources", [])]
        history = item.get("history") or []
        earlier = [str(t.get("content") or "") for t in history if t.get("role") == "user"]
        asker = conversation_asker(earlier, item["question"])  # as ``PolicyBot.stream`` reads it
        turn = bot.turn(item["question"], history, asker=asker)
        self.early = bot.gate(turn) is not None
        reading = turn.recorded
        asked = aspects(reading.core)
        if asked == ["fact"] and reading.resolved != reading.core:
            asked = aspects(reading.resolved)
        self.topical = "department" in asked
        follow_up = reading.core if reading.resolved != reading.core else None
        self.terms = bot.terms(reading.text, asked, follow_up, reading.core)
        self.plan = bot.retriever.plan(reading.text)
        self.fused = [] if self.early else bot.retriever.search(reading.text, k=pool, region=reading.region,
                                                                doc_id=reading.doc_id, plan=self.plan, rerank=False)

    def evidence(self, bot) -> list:
        """The evidence the bot would compose from, under its current models."""
        return bot.rerank(self.plan, self.fused)[: bot.settings.retrieval.top_k] if self.fused else []


def _select_rows(bot, runs: list[_Run]) -> tuple[list[dict], list[int]]:
    rows, labels = [], []
    for run in runs:
        if not run.quotes or run.early:
            continue
        evidence = run.evidence(bot)
        top = evidence[0].score if evidence else 0.0
        for rank, sc in enumerate(evidence, 1):
            ctx = context(sc, run.terms)
            for s, e, pair in candidates(sc.chunk.text, with_departments=not run.topical):
                body = sc.chunk.text[s:e]
                dept = run.topical and department_span(sc.chunk.text, (s, e)) is not None
                rows.append(features(body, sc, rank, top, run.terms, pair, ctx, dept))
                labels.append(int(_holds_gold(body, run.quotes)))
    return rows, labels


def _rerank_rows(bot, runs: list[_Run]) -> tuple[list[dict], list[int]]:
    rows, labels = [], []
    for run in runs:
        if not run.quotes or not run.fused:
            continue
        top = run.fused[0].score
        for rank, sc in enumerate(run.fused, 1):
            rows.append(passage_features(sc, rank, top, run.terms, bot.models.select, run.topical))
            labels.append(int(_holds_gold(sc.chunk.text, run.quotes)))
    return rows, labels


def _answer_rows(bot, runs: list[_Run]) -> tuple[list[dict], list[int], list[tuple[int, int, int]]]:
    """Rows, labels and, per item, (label, first row, end row) for choosing the threshold at item level."""
    rows, labels, items = [], [], []
    for run in runs:
        if run.early:
            continue
        evidence = run.evidence(bot)
        top = evidence[0].score if evidence else 0.0
        per_doc = {}
        for rank, sc in enumerate(evidence, 1):
            pick = best_pick(sc, rank, top, run.terms, bot.models.select, run.topical)
            if pick and (sc.chunk.doc_id not in per_doc or pick.score > per_doc[sc.chunk.doc_id].score):
                per_doc[sc.chunk.doc_id] = pick
        first = len(rows)
        answerable = run.item["answerable"]
        for pick in per_doc.values():
            if answerable and not _holds_gold(pick.sc.chunk.text, run.quotes):
                continue  # another region's quote may answer too: neither positive nor negative
            rows.append(answer_features(pick, run.terms))
            labels.append(int(answerable))
        if len(rows) > first:
            items.append((int(answerable), first, len(rows)))
    return rows, labels, items


def _threshold(model: Model, rows: list[dict], items: list[tuple[int, int, int]], max_false_refusal: float) -> float:
    """The highest bar that refuses at most ``max_false_refusal`` of the answerable dev items."""
    best = [(label, max(model.prob(rows[i]) for i in range(a, b))) for label, a, b in items]
    pos = sorted(p for label, p in best if label)
    if not pos:
        return 0.5
    allowed = int(max_false_refusal * len(pos))
    return float(pos[allowed]) - 1e-6


def _selection_accuracy(bot, runs: list[_Run]) -> float:
    """Share of answerable dev items whose best quote (top document) holds a gold quote."""
    hits, n = 0, 0
    for run in runs:
        if not run.quotes or run.early:
            continue
        evidence = run.evidence(bot)
        top = evidence[0].score if evidence else 0.0
        picks = [best_pick(sc, r, top, run.terms, bot.models.select, run.topical) for r, sc in enumerate(evidence, 1)]
        picks = [p for p in picks if p]
        n += 1
        if picks and _holds_gold(max(picks, key=lambda p: p.score).text, run.quotes):
            hits += 1
    return round(hits / max(1, n), 4)


def fit(settings, dataset: Path, split: str = "dev", out: Path = WEIGHTS_PATH, max_false_refusal: float = 0.01,
        progress: bool = True, conversations: Path | None = None) -> dict:
    """Fit the three models on ``split`` of ``dataset`` (and of ``conversations``, turn by turn) and write them to
    ``out``; returns the report."""
    from tqdm import tqdm

    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    items = [r for r in load_dataset(dataset) if r.get("split", "dev") == split]
    if not items:
        raise ValueError(f"{dataset} has no items in split {split!r}")
    if conversations is not None and conversations.exists():  # follow-ups as the page sends them
        items += conversation_items(PolicyBot(settings), conversations, split)
    bot = PolicyBot(settings, models=neutral_models())
    pool = settings.retrieval.rerank_pool
    runs = [_Run(bot, item, pool) for item in tqdm(items, desc="reading", unit="q", disable=not progress)]
    report: dict = {"items": len(items), "split": split}
    report["selection_accuracy_neutral"] = _selection_accuracy(bot, runs)
    rows, labels = _select_rows(bot, runs)
    bot.models.select = _logistic(SELECT_FEATURES, rows, labels)
    rows, labels = _rerank_rows(bot, runs)
    bot.models.rerank = _logistic(RERANK_FEATURES, rows, labels)
    report["rerank_rows"] = len(rows)
    rows, labels = _select_rows(bot, runs)
    bot.models.select = _logistic(SELECT_FEATURES, rows, labels)
    report["select_rows"] = len(rows)
    report["selection_accuracy"] = _selection_accuracy(bot, runs)
    rows, labels, per_item = _answer_rows(bot, runs)
    answerable = _logistic(ANSWER_FEATURES, rows, labels)
    answerable.threshold = _threshold(answerable, rows, per_item, max_false_refusal)
    bot.models.answerable = answerable
    report["answer_rows"] = len(rows)
    weights = {
        "_comment": "Fitted by `policybot fit` (policybot/fitting.py). Do not edit by hand; refit instead.",
        "fitted_on": {"dataset": str(dataset), "conversations": str(conversations) if conversations else None,
                      "split": split, "items": len(items), "git_commit": git_commit(),
                      "date": dt.date.today().isoformat(), "max_false_refusal": max_false_refusal},
        "report": report,
        "select": bot.models.select.to_json(),
        "answerable": bot.models.answerable.to_json(),
        "rerank": bot.models.rerank.to_json(),
    }
    out.write_text(json.dumps(weights, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report
