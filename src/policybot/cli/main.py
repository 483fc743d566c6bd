"""Command line: ``policybot ingest | search | ask | eval | ...``. Translates domain errors to exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from policybot.errors import InvalidQuestionError, PolicybotError

log = logging.getLogger("policybot")

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3


def _offline_env() -> None:
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)


def _passages(value: str) -> int:
    k = int(value)
    if not 1 <= k <= 50:
        raise argparse.ArgumentTypeError("must be between 1 and 50")
    return k


def _history(value: str | None) -> list[dict] | None:
    """--history as JSON: a list of {"role", "content"}; a clear error otherwise."""
    if not value:
        return None
    try:
        turns = json.loads(value)
    except json.JSONDecodeError as exc:
        raise InvalidQuestionError(f"--history is not JSON ({exc.msg} at character {exc.pos})") from exc
    if not isinstance(turns, list) or not all(isinstance(t, dict) and isinstance(t.get("content"), str)
                                              and t.get("role") in ("user", "assistant") for t in turns):
        raise InvalidQuestionError('--history must be a list like [{"role": "user", "content": "..."}]')
    return turns


def _settings():
    from policybot.settings import Settings

    return Settings()


def cmd_ingest(args) -> int:
    from policybot.index.embeddings import make_embedder
    from policybot.index.build import ingest

    settings = _settings()
    report = ingest(settings, make_embedder(settings.embedding), rebuild=args.rebuild, progress=not args.quiet)
    print(report.summary())
    for path, reason in report.skipped:
        kept = " (previous version kept in the index)" if path in report.kept_previous else ""
        print(f"skipped {path}: {reason}{kept}", file=sys.stderr)
    return EXIT_SKIPPED if report.skipped else 0


def _open(settings):
    from policybot.index.embeddings import make_embedder
    from policybot.index.build import open_index
    from policybot.index.retrieval import HybridRetriever

    embedder = make_embedder(settings.embedding)
    index = open_index(settings, embedder)
    return HybridRetriever(index, embedder, settings.retrieval)


def cmd_search(args) -> int:
    from policybot.answering.questions import validate_question

    settings = _settings()
    query = validate_question(args.query, settings.answer.max_question_chars)
    retriever = _open(settings)
    results = retriever.search(query, k=args.k, region=args.region, doc_id=args.document)
    if args.json:
        print(json.dumps([sc.to_json(r) for r, sc in enumerate(results, 1)], ensure_ascii=False, indent=2))
        return 0
    if not results:
        print("没有找到匹配的段落。")
    for r, sc in enumerate(results, 1):
        c = sc.chunk
        number = f"（{c.doc_number}）" if c.doc_number else ""
        print(f"[{r}] {c.title}{number} {' › '.join(c.section)}  score={sc.score:.4f}")
        print("    " + c.text.replace("\n", "\n    "))
        print()
    return 0


def print_answer(answer) -> None:
    if answer.notice:
        print(f"注意：{answer.notice}\n")
    print(answer.answer)
    cited = answer.citations or answer.elsewhere
    if cited:
        print("\n来源：" if answer.citations else "\n其他地区的规定（不适用于所问地区）：")
        for c in cited:
            period = f"；执行期 {c.period}{'（已过期）' if c.expired else ''}" if c.period else ""
            print(f"[{c.n}] {c.formatted()}")
            print(f"     发文：{c.issuer or '原文未载明'}{period}")
    for w in answer.warnings:
        print(f"提示：{w}")


def cmd_ask(args) -> int:
    from policybot.answering.bot import PolicyBot

    history = _history(args.history)  # bad input is a usage error before anything loads
    settings = _settings()
    bot = PolicyBot(settings)
    answer = bot.ask(args.question, history=history, region=args.region, doc_id=args.document)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print_answer(answer)
    return 0


def cmd_eval(args) -> int:
    from pathlib import Path

    from policybot.evaluation.qa import check_gate, evaluate
    from policybot.evaluation.report import conversation_table, metrics_table, split_table

    settings = _settings()
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


def cmd_catalogue(args) -> int:
    from pathlib import Path

    from policybot.answering.bot import PolicyBot
    from policybot.catalogue.listing import filtered, fresh, row, to_csv, to_xlsx

    bot = PolicyBot(_settings())
    items = filtered(fresh(bot.index.catalogue, bot.index.documents, bot.today()), region=args.region, kind=args.kind,
                     include_expired=True, sort=args.sort)
    if args.format == "xlsx":
        if not args.out:
            raise InvalidQuestionError("--format xlsx needs --out FILE.xlsx")
        print(f"wrote {len(items)} item(s) to {to_xlsx(items, Path(args.out))}")
        return 0
    if args.format == "json":
        text = json.dumps([it.to_json() for it in items], ensure_ascii=False, indent=2)
    elif args.format == "csv":
        text = to_csv(items)
    else:
        text = "\n".join(" | ".join(str(x) for x in row(it)[:7]) for it in items) + f"\n{len(items)} item(s)"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {len(items)} item(s) to {args.out}")
    else:
        print(text)
    return 0


def cmd_match(args) -> int:
    from pathlib import Path

    from policybot.answering.bot import PolicyBot
    from policybot.catalogue.listing import STATUS, run_match
    from policybot.catalogue.matching import Profile
    from policybot.catalogue.profiles import parse_profile

    if bool(args.profile) == bool(args.text):
        raise InvalidQuestionError("give either --profile FILE (JSON) or --text \"…\"")
    if args.profile:
        try:
            profile = Profile.model_validate_json(Path(args.profile).read_text(encoding="utf-8"))
        except ValueError as exc:
            raise InvalidQuestionError(f"{args.profile} is not a valid profile: {str(exc).splitlines()[0]}") from exc
    else:
        profile = parse_profile(args.text)
    bot = PolicyBot(_settings())
    result = run_match(profile, bot.index.catalogue, bot.index.documents, bot.today(), args.include_expired)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print("读到的企业情况：" + json.dumps(profile.model_dump(exclude_defaults=True, exclude={"free_text"}), ensure_ascii=False))
    for status in ("eligible", "possible", "planned"):
        rows = [i for i in result["items"] if i["status"] == status]
        print(f"\n{STATUS[status]}（{len(rows)}）：")
        for i in rows:
            print(f"- {i['benefit']}：{i['amount']}{'（已过期）' if i['expired'] else ''}  {'；'.join(i['reasons'])}")
            print(f"  {i['citation']['title']} {i['citation']['section_ref']}：“{i['quote'][:80]}”")
    total = result["max_total_yuan"]
    print(f"\n最高可申请（条文金额上限合计）：{total} 元" if total is not None else f"\n最高可申请：{result['total_note']}")
    for w in result["warnings"]:
        print(f"提示：{w}")
    return 0


def cmd_fit(args) -> int:
    from pathlib import Path

    from policybot.evaluation.fitting import WEIGHTS_PATH, fit

    out = Path(args.out) if args.out else WEIGHTS_PATH
    report = fit(_settings(), Path(args.dataset), split=args.split, out=out,
                 max_false_refusal=args.max_false_refusal, progress=not args.quiet)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"weights: {out}")
    return 0


def _eval_catalogue(settings, args) -> int:
    from pathlib import Path

    from policybot.evaluation.catalogue import catalogue_table, evaluate_catalogue
    from policybot.answering.bot import PolicyBot
    from policybot.evaluation.qa import check_gate

    result = evaluate_catalogue(PolicyBot(settings), Path(args.dataset).parent, Path(args.out))
    print(catalogue_table(result))
    if args.gate:
        failures = check_gate(result, json.loads(Path(args.gate).read_text(encoding="utf-8")))
        if failures:
            print("\nGATE FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
            return EXIT_ERROR
        print("gate passed")
    return 0


def cmd_serve(args) -> int:
    from policybot.serving.api import serve

    settings = _settings()
    serve(settings, host=args.host or settings.host, port=args.port or settings.port, page=not args.no_page)
    return 0


def cmd_feedback_export(args) -> int:
    from pathlib import Path

    from policybot.workspace.feedback import FeedbackStore

    settings = _settings()
    store = FeedbackStore(settings.data_dir / "feedback.sqlite")
    if args.all:
        n = store.export_all(Path(args.out))
        print(f"wrote all {n} rating(s) to {args.out} (a full backup, JSON lines)")
        return 0
    n = store.export_candidates(Path(args.out))
    print(f"wrote {n} thumbs-down item(s) to {args.out} as evaluation candidates; review them before adding to evals/")
    return 0


def cmd_doctor(args) -> int:
    from policybot.cli.doctor import run_checks

    problems = 0
    for check in run_checks(_settings()):
        mark = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}[check.level]
        print(f"{mark} {check.name}: {check.detail}")
        if check.fix:
            print(f"     fix: {check.fix}")
        problems += check.level == "fail"
    return EXIT_ERROR if problems else 0


def cmd_bench(args) -> int:
    from pathlib import Path

    from policybot.evaluation.bench import run

    settings = _settings()
    scales = tuple(int(x) for x in args.scales.split(","))
    run(settings, Path(args.dataset), Path(args.out), load_seconds=args.load_seconds, scales=scales)
    print((Path(args.out) / "benchmarks.md").read_text(encoding="utf-8"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policybot", description="Answer questions about local science-and-technology policies.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and details")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="build or update the index from the corpus folder")
    p.add_argument("--rebuild", action="store_true", help="start over instead of updating incrementally")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", help="answer a question with quoted sources")
    p.add_argument("question")
    p.add_argument("--region", help="restrict to a region, e.g. 临沧 or 官渡区")
    p.add_argument("--document", help="restrict to one document (id or file name without extension)")
    p.add_argument("--history", help='previous turns as JSON: [{"role": "user", "content": "..."}, ...]')
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.set_defaults(func=cmd_ask)

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

    p = sub.add_parser("catalogue", help="政策清单: every benefit in the corpus, as a table, JSON, CSV or XLSX")
    p.add_argument("--region", help="items that apply in a region (an item of 昆明市 applies in 五华区)")
    p.add_argument("--kind", choices=["grant", "reward", "ratio", "interest_subsidy", "matching", "other"])
    p.add_argument("--sort", choices=["region", "amount", "kind", "beneficiary"], default="region")
    p.add_argument("--format", choices=["table", "json", "csv", "xlsx"], default="table")
    p.add_argument("--out", help="write to a file instead of the terminal (needed for xlsx)")
    p.set_defaults(func=cmd_catalogue)

    p = sub.add_parser("match", help="政策匹配: what a company may claim, from a profile (JSON) or a description")
    p.add_argument("--profile", help="profile JSON file (see README)")
    p.add_argument("--text", help="the company in its own words")
    p.add_argument("--include-expired", action="store_true", help="count expired policies in the total")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_match)

    p = sub.add_parser("fit", help="fit the reranker, sentence selector and answerability model on the dev split")
    p.add_argument("--dataset", default="evals/policy_qa.jsonl")
    p.add_argument("--split", default="dev", help="the split to fit on (never the test split)")
    p.add_argument("--out", help="where to write the weights (default: the package's data/weights.json)")
    p.add_argument("--max-false-refusal", type=float, default=0.01, help="answerability bar: share of dev answerable items it may refuse")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_fit)

    p = sub.add_parser("serve", help="start the web page and REST API (builds/updates the index first)")
    p.add_argument("--host", help="default 127.0.0.1")
    p.add_argument("--port", type=int, help="default 7860")
    p.add_argument("--no-page", action="store_true", help="serve the REST API only (no web page)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("feedback", help="feedback stored from the web page")
    fsub = p.add_subparsers(dest="feedback_command", required=True)
    q = fsub.add_parser("export", help="write thumbs-down items as candidate evaluation items")
    q.add_argument("--out", required=True)
    q.add_argument("--all", action="store_true", help="every rating as JSON lines (a full backup), not only thumbs-down candidates")
    q.set_defaults(func=cmd_feedback_export)

    from policybot.cli.curated import add_parser as add_curated

    add_curated(sub)

    p = sub.add_parser("doctor", help="check the index, store, models, disk space and permissions; say what to fix")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("bench", help="measure latency, ingest, scaling, load and memory; write docs/benchmarks.md")
    p.add_argument("--dataset", default="evals/policy_qa.jsonl", help="questions to time")
    p.add_argument("--out", default="docs")
    p.add_argument("--load-seconds", type=float, default=60.0, help="duration of the 8-client load phase")
    p.add_argument("--scales", default="1,10,50", help="corpus multiples to measure")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("search", help="ranked passages for keywords or a question (help-desk lookup)")
    p.add_argument("query")
    p.add_argument("--region", help="restrict to a region, e.g. 昆明 or 官渡区")
    p.add_argument("--document", help="restrict to one document (id or file name without extension)")
    p.add_argument("-k", type=_passages, default=5, help="number of passages, 1–50 (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_search)
    return parser


def main(argv: list[str] | None = None) -> int:
    _offline_env()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for value in vars(args).values():  # an argument the shell could not decode into text
        if isinstance(value, str) and any("\udc80" <= ch <= "\udcff" for ch in value):
            print("error: an argument is not valid UTF-8 text; check the terminal's encoding", file=sys.stderr)
            return EXIT_USAGE
    try:
        return args.func(args)
    except InvalidQuestionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # read-only folder, full disk, missing path: one line, not a trace
        print(f"error: {exc.strerror or exc} ({exc.filename or 'file system'})", file=sys.stderr)
        return EXIT_ERROR
    except PolicybotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted; the previous index is still in place", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
