"""Calibrate the 检索 tab's 高/中/低 relevance labels on the evaluation set.

For each answerable question, the top-10 passages of a search are labelled by their absolute signals (the share of
the query's IDF-weighted content words a passage holds, and the dense similarity); a passage is a hit when it holds
one of the item's gold quotes. Prints the gold-hit rate per label on each split for the thresholds in
``policybot.serving.web.render.RELEVANCE`` (chosen on dev; test is reported only), and a grid of candidates with --grid.

    POLICYBOT_INDEX_DIR=… python scripts/calibrate_relevance.py [--grid]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from policybot.answering.bot import PolicyBot
from policybot.serving.web.render import relevance
from policybot.settings import Settings
from policybot.text.citations import squash


def collect(bot: PolicyBot, items: list[dict]) -> list[tuple[str, float, float, bool]]:
    rows = []
    for it in items:
        if not it.get("answerable") or it.get("history"):
            continue
        quotes = [squash(s["quote"]) for s in it.get("sources", [])]
        for sc in bot.search(it["question"], k=10):
            hit = any(q and q in squash(sc.chunk.text) for q in quotes)
            rows.append((it.get("split", "dev"), sc.coverage, sc.dense, hit))
    return rows


def table(rows, label) -> dict:
    out: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for split, cov, dense, hit in rows:
        cell = out[split][label(cov, dense)]
        cell[0] += hit
        cell[1] += 1
    return {s: {w: {"n": n, "gold_hit_rate": round(h / n, 3)} for w, (h, n) in sorted(v.items())} for s, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", type=Path, default=Path("evals/policy_qa.jsonl"))
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args()
    items = [json.loads(x) for x in args.dataset.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = collect(PolicyBot(Settings()), items)
    print(json.dumps(table(rows, lambda c, d: relevance(c, d)[0]), ensure_ascii=False, indent=1))
    if args.grid:
        dev = [r for r in rows if r[0] == "dev"]
        for hc in (0.5, 0.6, 0.7, 0.8):
            for hd in (0.80, 0.83, 0.85, 0.87):
                for mc in (0.25, 0.35, 0.45):
                    lab = lambda c, d: "高" if c >= hc and d >= hd else "中" if c >= mc else "低"  # noqa: E731
                    print(hc, hd, mc, json.dumps(table(dev, lab)["dev"], ensure_ascii=False))


if __name__ == "__main__":
    main()
