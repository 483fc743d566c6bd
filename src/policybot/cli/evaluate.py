"""`policybot eval`, `fit` and `bench`: scores against the evaluation sets, model fitting, speed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from policybot.cli.common import load_settings
from policybot.errors import EXIT_ERROR
from policybot.evaluation.bench import run
from policybot.evaluation.catalogue import catalogue_table, evaluate_catalogue
from policybot.evaluation.fitting import WEIGHTS_PATH, fit
from policybot.evaluation.qa import check_gate, evaluate
from policybot.evaluation.report import conversation_table, metrics_table, split_table


def cmd_eval(args) -> int:
    settings = load_settings()
    if args.catalogue:
        return _eval_catalogue(settings, args)
    conversations = Path(args.conversations) if args.conversations else None
    result = evaluate(settings, Path(args.dataset), Path(args.out), baseline=args.baseline, progress=not args.quiet,
                      conversations=conversations)
    print(metrics_table(result, result.get("baseline")))
    if result.get("splits"):
        print("\n" + split_table(result))
    if result.get("conversation"):
        print("\n" + conversation_table(result["conversation"]))
    print(f"\nreport: {Path(args.out) / 'report.md'}")
    if args.gate:
        thresholds = json.loads(Path(args.gate).read_text(encoding="utf-8"))
        failures = check_gate(result, thresholds)
        if thresholds.get("_report_only"):  # floors not gated yet: shown, never failing the run
            below = check_gate(result, {"_split": thresholds.get("_split"), **thresholds["_report_only"]})
            print("\nreport only (not gated): " + ("; ".join(below) if below else "every figure at or above its floor"))
        if failures:
            print("\nGATE FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
            return EXIT_ERROR
        print("gate passed")
    return 0


def _eval_catalogue(settings, args) -> int:
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    result = evaluate_catalogue(PolicyBot(settings), Path(args.dataset).parent, Path(args.out))
    print(catalogue_table(result))
    if args.gate:
        failures = check_gate(result, json.loads(Path(args.gate).read_text(encoding="utf-8")))
        if failures:
            print("\nGATE FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
            return EXIT_ERROR
        print("gate passed")
    return 0


def cmd_fit(args) -> int:
    out = Path(args.out) if args.out else WEIGHTS_PATH
    conversations = Path(args.conversations) if args.conversations else None
    report = fit(load_settings(), Path(args.dataset), split=args.split, out=out,
                 max_false_refusal=args.max_false_refusal, progress=not args.quiet, conversations=conversations)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"weights: {out}")
    return 0


def cmd_bench(args) -> int:
    settings = load_settings()
    scales = tuple(int(x) for x in args.scales.split(","))
    run(settings, Path(args.dataset), Path(args.out), load_seconds=args.load_seconds, scales=scales)
    print((Path(args.out) / "benchmarks.md").read_text(encoding="utf-8"))
    return 0


def register(sub) -> None:
    p = sub.add_parser("eval", help="run the evaluation set and write a report")
    p.add_argument("--dataset", default="evals/policy_qa.jsonl")
    p.add_argument("--out", default="reports/eval")
    p.add_argument("--baseline", action="store_true", help="also run the LangChain splitter + vector-only baseline")
    p.add_argument("--gate", help="thresholds JSON; exit 1 when a metric misses its bar")
    p.add_argument("--catalogue", action="store_true",
                   help="score the catalogue and matching against evals/catalogue_gold.jsonl and match_gold.jsonl instead")
    p.add_argument("--conversations", help="multi-turn conversations JSONL (default: conversations.jsonl beside the "
                                            "dataset, when there is one)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("fit", help="fit the reranker, sentence selector and answerability model on the dev split")
    p.add_argument("--dataset", default="evals/policy_qa.jsonl")
    p.add_argument("--split", default="dev", help="the split to fit on (never the test split)")
    p.add_argument("--out", help="where to write the weights (default: the package's data/weights.json)")
    p.add_argument("--max-false-refusal", type=float, default=0.01, help="answerability bar: share of dev answerable items it may refuse")
    p.add_argument("--conversations", help="also fit on the split's turns of a multi-turn conversations JSONL (opt-in: "
                                            "measured to trade single-question refusals for conversation answers, README)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_fit)

    p = sub.add_parser("bench", help="measure latency, ingest, scaling, load and memory; write docs/benchmarks.md")
    p.add_argument("--dataset", default="evals/policy_qa.jsonl", help="questions to time")
    p.add_argument("--out", default="docs")
    p.add_argument("--load-seconds", type=float, default=60.0, help="duration of the 8-client load phase")
    p.add_argument("--scales", default="1,10,50", help="corpus multiples to measure")
    p.set_defaults(func=cmd_bench)
