"""`policybot curated …`: curated answers (人工审核答案) from the terminal — save one from an answer, list,
enable/disable, delete, export/import JSONL, and fit the matcher on the dev pairs."""

from __future__ import annotations

import json
from pathlib import Path

from policybot.answering.curated import Curated, CuratedStore
from policybot.answering.curated_fitting import fit
from policybot.answering.curated_match import load_pairs
from policybot.cli.common import load_settings
from policybot.documents.corpus import load_document
from policybot.documents.loaders import list_corpus_files
from policybot.errors import DocumentError, PolicybotError
from policybot.index.embeddings import make_embedder


def _store(settings):
    return CuratedStore(settings.data_dir / "curated.sqlite")


def cmd_add(args) -> int:
    """Ask the question, keep the chosen citations' quotes (verbatim), and save them with the direct line."""
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    settings = load_settings()
    bot = PolicyBot(settings)
    answer = bot.ask(args.question)
    keep = [int(n) for n in args.keep.split(",")] if args.keep else [c.n for c in answer.citations]
    cites = [c for c in answer.citations if c.n in keep]
    if not cites:
        raise PolicybotError("这个问题的回答没有可保留的引文；人工审核答案必须引用原文")
    item = Curated(question=args.question, direct=args.direct or answer.direct_answer, note=args.note or "",
                   author=args.author or "", quotes=[{"doc_id": c.doc_id, "chunk_id": c.chunk_id, "quote": c.quote} for c in cites])
    item = _store(settings).add(item, bot.index)
    print(f"saved {item.id}: {item.question} → {item.direct} ({len(item.quotes)} quotes)")
    return 0


def cmd_list(args) -> int:
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    settings = load_settings()
    store = _store(settings)
    bot = PolicyBot(settings)  # re-validates against the current build
    items = store.all()
    if args.json:
        print(json.dumps([vars(c) for c in items], ensure_ascii=False, indent=2))
        return 0
    for c in items:
        state = "stale: " + c.stale if c.stale else ("served" if c.enabled else "disabled")
        print(f"{c.id}  [{state}]  {c.question} → {c.direct}")
    print(f"{len(items)} curated answers, {len(bot.curated.items) if bot.curated else 0} served")
    return 0


def cmd_set(args) -> int:
    store = _store(load_settings())
    if args.curated_command == "delete":
        store.delete(args.id)
        print(f"deleted {args.id}")
    else:
        item = store.set_enabled(args.id, args.curated_command == "enable")
        print(f"{item.id} {'enabled' if item.enabled else 'disabled'}")
    return 0


def cmd_export(args) -> int:
    print(f"{_store(load_settings()).export_jsonl(Path(args.out))} curated answers written to {args.out}")
    return 0


def cmd_import(args) -> int:
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    settings = load_settings()
    added, problems = _store(settings).import_jsonl(Path(args.file), PolicyBot(settings).index)
    for p in problems:
        print(f"refused: {p}")
    print(f"{added} imported, {len(problems)} refused")
    return 0 if not problems else 1


def cmd_fit(args) -> int:
    """Fit on the dev pairs (each pair's own ``split`` or its id's hash) with the corpus's common words; report both."""
    settings = load_settings()
    texts = []
    for path in list_corpus_files(settings.corpus_dir):
        try:
            texts.append(load_document(path, settings.corpus_dir).text)
        except DocumentError as exc:
            print(f"skipped: {exc}")
    report = fit(load_pairs(Path(args.pairs)), make_embedder(settings.embedding), texts)
    for split, r in report.items():
        print(f"{split}: {r['pairs']} pairs, precision {r['precision']}, recall {r['recall']}, F1 {r['f1']}, "
              f"false matches {r['false_matches']}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("curated", help="人工审核答案: save, list, enable/disable, delete, export/import, fit the matcher")
    cs = p.add_subparsers(dest="curated_command", required=True)
    q = cs.add_parser("add", help="save the answer to a question (its quotes, optionally an edited direct line)")
    q.add_argument("question")
    q.add_argument("--direct", help="the direct line as approved (its figures must be in the kept quotes)")
    q.add_argument("--keep", help="citation numbers to keep, e.g. 1,2 (default: all)")
    q.add_argument("--note")
    q.add_argument("--author")
    q.set_defaults(func=cmd_add)
    q = cs.add_parser("list", help="every curated answer with its state (served / disabled / stale: why)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    for name in ("enable", "disable", "delete"):
        q = cs.add_parser(name)
        q.add_argument("id")
        q.set_defaults(func=cmd_set)
    q = cs.add_parser("export")
    q.add_argument("--out", required=True)
    q.set_defaults(func=cmd_export)
    q = cs.add_parser("import")
    q.add_argument("file")
    q.set_defaults(func=cmd_import)
    q = cs.add_parser("fit", help="fit the question matcher on the dev pairs; report dev and test")
    q.add_argument("--pairs", default="evals/curated_pairs.jsonl")
    q.set_defaults(func=cmd_fit)
