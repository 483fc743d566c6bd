"""How long an answer reads above its cards (notice, direct line, quotes, warnings), over the evaluation set.

    python scripts/answer_length.py [--dataset evals/policy_qa.jsonl]   # prints JSON: mean, median, p90 characters
Uses the index at POLICYBOT_INDEX_DIR (build it with `policybot ingest`)."""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from policybot.answering.bot import PolicyBot
from policybot.serving.web.transcript import above_cards
from policybot.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("evals/policy_qa.jsonl"))
    args = parser.parse_args()
    bot = PolicyBot(Settings())
    items = [json.loads(line) for line in args.dataset.read_text(encoding="utf-8").splitlines() if line.strip()]
    measured = [above_cards(bot.ask(it["question"], history=it.get("history"))) for it in items]
    answered = [s for s, it in zip(measured, items) if it.get("answerable")]
    sizes = sorted(measured)
    print(json.dumps({"items": len(sizes), "mean": round(statistics.mean(sizes), 1), "median": statistics.median(sizes),
                      "p90": sizes[int(0.9 * (len(sizes) - 1))], "answerable_mean": round(statistics.mean(answered), 1)}))


if __name__ == "__main__":
    main()
