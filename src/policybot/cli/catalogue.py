"""`policybot catalogue` and `policybot match`: 政策清单 and 政策匹配 from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from policybot.catalogue.listing import STATUS, filtered, fresh, row, run_match, to_csv, to_xlsx
from policybot.catalogue.profiles import Profile, parse_profile
from policybot.cli.common import load_settings
from policybot.errors import InvalidQuestionError


def cmd_catalogue(args) -> int:
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    bot = PolicyBot(load_settings())
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
        text = "\n".join(" | ".join(str(x) for x in row(it)[:8]) for it in items) + f"\n{len(items)} item(s)"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {len(items)} item(s) to {args.out}")
    else:
        print(text)
    return 0


def cmd_match(args) -> int:
    # deferred: loads langchain_core on first use, not at import
    from policybot.answering.bot import PolicyBot

    if bool(args.profile) == bool(args.text):
        raise InvalidQuestionError("give either --profile FILE (JSON) or --text \"…\"")
    if args.profile:
        try:
            profile = Profile.model_validate_json(Path(args.profile).read_text(encoding="utf-8"))
        except ValueError as exc:
            raise InvalidQuestionError(f"{args.profile} is not a valid profile: {str(exc).splitlines()[0]}") from exc
    else:
        profile = parse_profile(args.text)
    bot = PolicyBot(load_settings())
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
            if i["notes"]:
                print(f"  备注：{'；'.join(i['notes'])}")
            print(f"  {i['citation']['title']} {i['citation']['section_ref']}：“{i['quote'][:80]}”")
    total = result["max_total_yuan"]
    note = result["total_note"].replace("选择“合计时计入已过期的政策”", "加 --include-expired ")  # the CLI's switch
    print(f"\n最高可申请（条文金额上限合计）：{total} 元" if total is not None else f"\n最高可申请：{note}")
    for w in result["warnings"]:
        print(f"提示：{w}")
    return 0


def register(sub) -> None:
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
