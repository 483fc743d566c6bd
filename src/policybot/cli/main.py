"""Command line: ``policybot ingest | search | ask | eval | ...``. Translates domain errors to exit codes (each
error class carries its own, errors.py)."""

from __future__ import annotations

import argparse
import logging
import sys

from policybot.cli import ask, catalogue, curated, evaluate, index, serve
from policybot.cli.common import offline_env
from policybot.errors import EXIT_ERROR, EXIT_USAGE, PolicybotError

log = logging.getLogger("policybot")

# each command group registers its own sub-commands; a new group is a module plus one entry here
COMMANDS = (ask, index, catalogue, evaluate, serve, curated)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policybot", description="Answer questions about local science-and-technology policies.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and details")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in COMMANDS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    offline_env()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for value in vars(args).values():  # an argument the shell could not decode into text
        if isinstance(value, str) and any("\udc80" <= ch <= "\udcff" for ch in value):
            print("error: an argument is not valid UTF-8 text; check the terminal's encoding", file=sys.stderr)
            return EXIT_USAGE
    try:
        return args.func(args)
    except OSError as exc:  # read-only folder, full disk, missing path: one line, not a trace
        print(f"error: {exc.strerror or exc} ({exc.filename or 'file system'})", file=sys.stderr)
        return EXIT_ERROR
    except PolicybotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; the previous index is still in place", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
