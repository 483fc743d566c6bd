"""`policybot ingest` and `policybot doctor`: build the index, and check what a build and a server need."""

from __future__ import annotations

import sys

from policybot.cli.common import EXIT_SKIPPED, load_settings
from policybot.cli.doctor import run_checks
from policybot.errors import EXIT_ERROR
from policybot.index.build import ingest
from policybot.index.embeddings import make_embedder


def cmd_ingest(args) -> int:
    settings = load_settings()
    report = ingest(settings, make_embedder(settings.embedding), rebuild=args.rebuild, progress=not args.quiet)
    print(report.summary())
    for path, reason in report.skipped:
        kept = " (previous version kept in the index)" if path in report.kept_previous else ""
        print(f"skipped {path}: {reason}{kept}", file=sys.stderr)
    return EXIT_SKIPPED if report.skipped else 0


def cmd_doctor(args) -> int:
    problems = 0
    for check in run_checks(load_settings()):
        mark = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}[check.level]
        print(f"{mark} {check.name}: {check.detail}")
        if check.fix:
            print(f"     fix: {check.fix}")
        problems += check.level == "fail"
    return EXIT_ERROR if problems else 0


def register(sub) -> None:
    p = sub.add_parser("ingest", help="build or update the index from the corpus folder")
    p.add_argument("--rebuild", action="store_true", help="start over instead of updating incrementally")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("doctor", help="check the index, store, models, disk space and permissions; say what to fix")
    p.set_defaults(func=cmd_doctor)
