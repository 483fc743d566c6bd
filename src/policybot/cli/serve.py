"""`policybot serve` and `policybot feedback export`: the page and API, and what users rated."""

from __future__ import annotations

from pathlib import Path

from policybot.cli.common import load_settings
from policybot.workspace.feedback import FeedbackStore


def cmd_serve(args) -> int:
    # deferred: loads fastapi on first use, not at import
    from policybot.serving.api import serve

    settings = load_settings()
    serve(settings, host=args.host or settings.host, port=args.port or settings.port, page=not args.no_page)
    return 0


def cmd_feedback_export(args) -> int:
    settings = load_settings()
    store = FeedbackStore(settings.data_dir / "feedback.sqlite")
    if args.all:
        n = store.export_all(Path(args.out))
        print(f"wrote all {n} rating(s) to {args.out} (a full backup, JSON lines)")
        return 0
    n = store.export_candidates(Path(args.out))
    print(f"wrote {n} thumbs-down item(s) to {args.out} as evaluation candidates; review them before adding to evals/")
    return 0


def register(sub) -> None:
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
