"""Fitting the curated matcher (``curated_match``): the weights and threshold chosen on the dev split of
``evals/curated_pairs.jsonl`` by cross-validation, no dev false match, held-out precision ≥ ``MIN_PRECISION``; the test
split only reported."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

from policybot.answering.curated_match import (
    LEXICAL,
    MIN_PRECISION,
    WEIGHTS_PATH,
    Matcher,
    common_words,
    features,
    similarity,
    use_common_words,
)

GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)
FIT_PRECISION = 1.0  # on the pairs fitted on; held-out precision is what must reach MIN_PRECISION


def pair_features(pairs: list[dict], embed) -> list[dict[str, float]]:
    """Features of every pair, each distinct question embedded once (``embed``: question → vector)."""
    vectors = {t: embed(t) for t in dict.fromkeys(t for p in pairs for t in (p["query"], p["curated"]))}
    return [features(p["query"], p["curated"], similarity(vectors[p["query"]], vectors[p["curated"]])) for p in pairs]


def fit(pairs: list[dict], embedder, corpus_texts: list[str], out: Path = WEIGHTS_PATH) -> dict:
    """Choose the weights and threshold on dev (precision ≥ MIN_PRECISION with a margin, most recall); report dev and test."""
    common = common_words(corpus_texts)
    use_common_words(common)
    rows = pair_features(pairs, embedder.embed_query)
    dev = [i for i, p in enumerate(pairs) if p["split"] == "dev"]
    matcher, margin = choose([rows[i] for i in dev], [pairs[i]["same"] for i in dev],
                             groups=[pairs[i]["curated"] for i in dev])
    report = {split: figures([matcher.score(rows[i]) for i, p in enumerate(pairs) if p["split"] == split],
                             [p["same"] for p in pairs if p["split"] == split], matcher.threshold)
              for split in ("dev", "test")}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"weights": matcher.weights, "threshold": round(matcher.threshold, 6), "margin": margin,
                               "embedder": embedder.model_id, "fitted_on": "dev", "min_precision": MIN_PRECISION,
                               "report": report, "common_words": common}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def choose(rows: list[dict], same: list[bool], groups: list[str], folds: int = 5,
           margins: tuple[float, ...] = (0.0, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02)) -> tuple[Matcher, float]:
    """Weights and margin by cross-validation over ``rows`` (folds by curated question; in each, the threshold is
    the lowest with no false match on the other folds, plus the margin): among the settings whose held-out precision
    reaches MIN_PRECISION, the largest margin within 0.02 of the best held-out recall. Then the threshold on all rows."""
    keys = sorted(set(groups), key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    fold = [{g: n % folds for n, g in enumerate(keys)}[g] for g in groups]
    held = {}
    for combo in itertools.product(GRID, repeat=len(LEXICAL)):
        weights = dict(zip(LEXICAL, combo))
        scores = [Matcher(weights, 0.0).score(f) for f in rows]
        cuts = [_threshold([s for s, k in zip(scores, fold) if k != f], [y for y, k in zip(same, fold) if k != f], FIT_PRECISION)
                for f in range(folds)]
        for margin in margins:
            held[combo, margin] = figures([float(s >= cuts[k] + margin) for s, k in zip(scores, fold)], same, 0.5)
    ok = [key for key, f in held.items() if f["precision"] >= MIN_PRECISION] or list(held)
    top = max(held[key]["recall"] for key in ok)
    combo, margin = max((key for key in ok if held[key]["recall"] >= top - 0.02), key=lambda key: (key[1], held[key]["recall"]))
    weights = dict(zip(LEXICAL, combo))
    scores = [Matcher(weights, 0.0).score(f) for f in rows]
    return Matcher(weights, _threshold(scores, same, FIT_PRECISION) + margin), margin


def _threshold(scores: list[float], same: list[bool], min_precision: float = MIN_PRECISION) -> float:
    """The lowest score whose "score ≥ it" keeps precision ≥ ``min_precision`` (inf when none does)."""
    ranked = sorted((s, y) for s, y in zip(scores, same) if s > float("-inf"))
    tp, fp = sum(y for _, y in ranked), sum(not y for _, y in ranked)
    for i, (s, y) in enumerate(ranked):
        if (i == 0 or ranked[i - 1][0] < s) and tp and tp / (tp + fp) >= min_precision:
            return s
        tp, fp = tp - y, fp - (not y)
    return float("inf")


def figures(scores: list[float], same: list[bool], threshold: float) -> dict:
    """Precision, recall and F1 of "score ≥ threshold" against the labels."""
    hit = [s >= threshold for s in scores]
    tp = sum(1 for h, s in zip(hit, same) if h and s)
    fp = sum(1 for h, s in zip(hit, same) if h and not s)
    pos = sum(same)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / pos if pos else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(scores), "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "false_matches": fp}
