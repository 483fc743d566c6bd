"""Scoring the catalogue and the matcher against gold written from the documents alone.

An extracted item *locates* a gold item when both come from the same document and their quotes
overlap; it *matches* when, in addition, its amount equals the gold amount. Precision and recall
count matches; amount exactness is matches over locations; a tier misalignment is a located item
whose amount is another tier's amount of the same quote. The documents are split: rules were
written looking at the dev documents only (``evals/catalogue_splits.json``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from policybot.catalogue.extract import Item, build, yuan
from policybot.catalogue.listing import run_match
from policybot.catalogue.matching import match
from policybot.catalogue.profiles import Profile, parse_profile
from policybot.text.citations import squash

_QUALIFIER = re.compile(r"最高|不超过|以内")


def _overlap(a: str, b: str, min_chars: int = 10) -> bool:
    a, b = squash(a), squash(b)
    if a in b or b in a:
        return True
    return any(a[i : i + min_chars] in b for i in range(0, max(1, len(a) - min_chars + 1)))


def same_amount(a: str, b: str) -> bool:
    if squash(a) == squash(b):
        return True
    ya, yb = yuan(a), yuan(b)
    return ya is not None and ya == yb and bool(_QUALIFIER.search(a)) == bool(_QUALIFIER.search(b))


def _shared(item: Item, row: dict) -> int:
    """How many characters of the gold beneficiary the item's beneficiary, tier and quote share (a tie-breaker
    when two rules have the same sentence, as "再分别给予3万元、5万元" does)."""
    mine = set(squash(f"{item.beneficiary}{item.tier or ''}{item.quote}"))
    return len(mine & set(squash(row.get("beneficiary", ""))))


def _pairs(items: list[Item], gold: list[dict], slug_of: dict[str, str]) -> dict[int, int]:
    """Gold index → item index, one to one: same document, overlapping quotes, the same amount first."""
    taken: set[int] = set()
    out: dict[int, int] = {}
    for matched_first in (True, False):
        for g, row in enumerate(gold):
            if g in out:
                continue
            options = [i for i, it in enumerate(items)
                       if i not in taken and slug_of.get(it.doc_id) == row["doc"] and _overlap(it.quote, row["quote"])
                       and (not matched_first or same_amount(it.amount, row["amount"]))]
            if options:
                best = max(options, key=lambda i: _shared(items[i], row))
                out[g] = best
                taken.add(best)
    return out


def score_catalogue(items: list[Item], gold: list[dict], slug_of: dict[str, str], docs: set[str] | None = None) -> dict:
    """Precision, recall, amount exactness and tier misalignments over the given documents (slugs)."""
    if docs is not None:
        gold = [g for g in gold if g["doc"] in docs]
        items = [it for it in items if slug_of.get(it.doc_id) in docs]
    pairs = _pairs(items, gold, slug_of)
    matched = [g for g, i in pairs.items() if same_amount(items[i].amount, gold[g]["amount"])]
    misaligned = []
    for g, i in pairs.items():
        if g in matched:
            continue
        rivals = [r for r in gold if r is not gold[g] and r["doc"] == gold[g]["doc"] and _overlap(r["quote"], gold[g]["quote"])]
        if any(same_amount(items[i].amount, r["amount"]) for r in rivals):
            misaligned.append(gold[g]["id"])
    n_items, n_gold = len(items), len(gold)
    return {
        "items": n_items, "gold": n_gold, "matched": len(matched),
        "precision": round(len(matched) / n_items, 4) if n_items else 0.0,
        "recall": round(len(matched) / n_gold, 4) if n_gold else 0.0,
        "amount_exactness": round(len(matched) / len(pairs), 4) if pairs else 0.0,
        "tier_misalignments": len(misaligned),
        "missed": [gold[g]["id"] for g in range(n_gold) if g not in matched],
        "extra": [items[i].benefit for i in range(n_items) if i not in {pairs[g] for g in matched}],
    }


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def profile_split(profiles: list[dict]) -> dict[str, str]:
    """dev/test per gold profile: its own ``split`` when written with one; the first profiles (written without)
    ordered by a hash of the id and dealt alternately, test first, so adding profiles never moves them."""
    import hashlib

    dealt = sorted((p for p in profiles if "split" not in p), key=lambda p: hashlib.sha256(p["id"].encode()).hexdigest())
    split = {p["id"]: "test" if i % 2 == 0 else "dev" for i, p in enumerate(dealt)}
    return split | {p["id"]: p["split"] for p in profiles if "split" in p}


def score_matching(items: list[Item], gold_items: list[dict], profiles: list[dict], slug_of: dict[str, str],
                   use_text: bool = False) -> dict:
    """Eligible-item precision and recall per profile (micro-averaged), by split; items are gold ids. The planned
    group (what a profile's plans would bring) is scored the same way over the profiles written with one."""

    pairs = _pairs(items, gold_items, slug_of)
    gold_of_item = {i: gold_items[g]["id"] for g, i in pairs.items() if same_amount(items[i].amount, gold_items[g]["amount"])}
    split = profile_split(profiles)
    out: dict = {}
    for name in ("dev", "test"):
        tp = fp = fn = ptp = pfp = pfn = 0
        per = []
        for p in (x for x in profiles if split[x["id"]] == name):
            profile = parse_profile(p["text"]) if use_text else Profile.model_validate(p["profile"])
            matches = match(profile, items, lambda it: False)
            got = {gold_of_item.get(i, f"extra:{items[i].item_id}") for i, m in enumerate(matches) if m.status == "eligible"}
            want = set(p["eligible"])
            tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
            row = {"id": p["id"], "extra": sorted(got - want), "missed": sorted(want - got)}
            if "planned" in p:
                got_p = {gold_of_item.get(i, f"extra:{items[i].item_id}") for i, m in enumerate(matches) if m.status == "planned"}
                want_p = set(p["planned"])
                ptp, pfp, pfn = ptp + len(got_p & want_p), pfp + len(got_p - want_p), pfn + len(want_p - got_p)
                row |= {"planned_extra": sorted(got_p - want_p), "planned_missed": sorted(want_p - got_p)}
            per.append(row)
        out[name] = {"profiles": len(per), "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
                     "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
                     "planned_precision": round(ptp / (ptp + pfp), 4) if ptp + pfp else 1.0,
                     "planned_recall": round(ptp / (ptp + pfn), 4) if ptp + pfn else 1.0, "per_profile": per}
    return out


def evaluate_catalogue(bot, root: Path, out: Path | None = None) -> dict:
    """Catalogue and matching figures by split, from ``evals/catalogue_gold.jsonl`` and ``evals/match_gold.jsonl``."""
    import time


    gold = load_jsonl(root / "catalogue_gold.jsonl")
    profiles = load_jsonl(root / "match_gold.jsonl")
    splits = json.loads((root / "catalogue_splits.json").read_text(encoding="utf-8"))
    slug_of = {d.doc_id: d.slug for d in bot.index.documents.values()}
    t0 = time.perf_counter()
    items = build(bot.index.documents, bot.index.chunks)
    build_s = time.perf_counter() - t0
    result: dict = {"catalogue": {}, "matching": {}, "matching_text": {}}
    for name in ("dev", "test"):
        result["catalogue"][name] = {k: v for k, v in score_catalogue(items, gold, slug_of, set(splits[name])).items()}
    structured = score_matching(items, gold, profiles, slug_of)
    text = score_matching(items, gold, profiles, slug_of, use_text=True)
    for name in ("dev", "test"):
        result["matching"][name] = {k: v for k, v in structured[name].items() if k != "per_profile"}
        result["matching_text"][name] = {k: v for k, v in text[name].items() if k != "per_profile"}
    per_profile = {"profile_json": {n: structured[n]["per_profile"] for n in ("dev", "test")},
                   "free_text": {n: text[n]["per_profile"] for n in ("dev", "test")}}
    timings = []
    sample = Profile.model_validate(profiles[0]["profile"])
    for _ in range(30):
        t = time.perf_counter()
        run_match(sample, bot.index.catalogue, bot.index.documents, bot.today())
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    result["timing"] = {"catalogue_build_s": round(build_s, 3), "match_p50_ms": round(timings[len(timings) // 2], 1)}
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "catalogue_metrics.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        (out / "matching_per_profile.json").write_text(json.dumps(per_profile, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


def catalogue_table(result: dict) -> str:
    rows = [("catalogue.precision", "catalogue", "precision"), ("catalogue.recall", "catalogue", "recall"),
            ("catalogue.amount_exactness", "catalogue", "amount_exactness"),
            ("catalogue.tier_misalignments", "catalogue", "tier_misalignments"),
            ("matching.precision (profile JSON)", "matching", "precision"), ("matching.recall (profile JSON)", "matching", "recall"),
            ("matching.precision (free text)", "matching_text", "precision"), ("matching.recall (free text)", "matching_text", "recall"),
            ("matching.planned_precision (profile JSON)", "matching", "planned_precision"),
            ("matching.planned_recall (profile JSON)", "matching", "planned_recall"),
            ("matching.planned_precision (free text)", "matching_text", "planned_precision"),
            ("matching.planned_recall (free text)", "matching_text", "planned_recall")]
    lines = ["| metric | dev | test |", "| --- | --- | --- |"]
    for label, group, key in rows:
        lines.append(f"| {label} | {result[group]['dev'][key]} | {result[group]['test'][key]} |")
    lines.append(f"| catalogue build (s) / match p50 (ms) | {result['timing']['catalogue_build_s']} | {result['timing']['match_p50_ms']} |")
    return "\n".join(lines)
