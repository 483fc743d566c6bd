"""`policybot ask` and `policybot search`: a question answered with quotes, or ranked passages."""

from __future__ import annotations

import json

from policybot.answering.questions import validate_question
from policybot.cli.common import load_settings, open_retriever, parse_history, passages, print_answer


def cmd_search(args) -> int:
    settings = load_settings()
    query = validate_question(args.query, settings.answer.max_question_chars)
    retriever = open_retriever(settings)
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


def cmd_ask(args) -> int:
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    history = parse_history(args.history)  # bad input is a usage error before anything loads
    settings = load_settings()
    bot = PolicyBot(settings)
    answer = bot.ask(args.question, history=history, region=args.region, doc_id=args.document)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print_answer(answer)
    return 0


def register(sub) -> None:
    p = sub.add_parser("ask", help="answer a question with quoted sources")
    p.add_argument("question")
    p.add_argument("--region", help="restrict to a region, e.g. 临沧 or 官渡区")
    p.add_argument("--document", help="restrict to one document (id or file name without extension)")
    p.add_argument("--history", help='previous turns as JSON: [{"role": "user", "content": "..."}, ...]')
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("search", help="ranked passages for keywords or a question (help-desk lookup)")
    p.add_argument("query")
    p.add_argument("--region", help="restrict to a region, e.g. 昆明 or 官渡区")
    p.add_argument("--document", help="restrict to one document (id or file name without extension)")
    p.add_argument("-k", type=passages, default=5, help="number of passages, 1–50 (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_search)
