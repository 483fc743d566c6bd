"""The evaluation report: a Markdown page with the metrics, the baseline side by side, and plots."""

from __future__ import annotations

from pathlib import Path

ROWS = [
    ("retrieval", "recall@1"), ("retrieval", "recall@3"), ("retrieval", "recall@5"), ("retrieval", "recall@10"),
    ("retrieval", "mrr"), ("answer", "key_fact_accuracy"), ("answer", "key_fact_recall"),
    ("answer", "citation_validity"), ("answer", "number_fidelity"), ("answer", "cited_gold_rate"),
    ("answer", "answer_chars_p50"), ("refusal", "true_refusal_rate"), ("refusal", "false_refusal_rate"),
    ("latency_ms", "p50"), ("latency_ms", "p95"),
]


CURATED_ROWS = [("curated", "precision"), ("curated", "recall"), ("curated", "f1")]

SPLIT_ROWS = [
    "retrieval.recall@1", "retrieval.recall@5", "retrieval.mrr", "answer.key_fact_accuracy",
    "answer.direct_answer_accuracy", "answer.wrong_tier_rate", "answer.citation_validity", "answer.number_fidelity",
    "refusal.true_refusal_rate", "refusal.false_refusal_rate", "refusal.redirect_rate", "latency_ms.p50", "latency_ms.p95",
]


def _get(result: dict, dotted: str):
    value = result
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return "—"
        value = value[part]
    return value


def split_table(result: dict) -> str:
    """Every figure for all items, dev and test side by side (with refusal by kind and accuracy by style)."""
    splits = result.get("splits", {})
    cols = ["all", *splits]
    tables = [result, *splits.values()]
    lines = ["| metric | " + " | ".join(cols) + " |", "| --- |" + " --- |" * len(cols),
             "| items | " + " | ".join(str(t["n"]) for t in tables) + " |"]
    rows = list(SPLIT_ROWS)
    kinds = sorted({k for t in tables for k in t["refusal"].get("by_kind", {})})
    styles = sorted({k for t in tables for k in t["answer"].get("key_fact_accuracy_by_style", {})})
    rows += [f"refusal.by_kind.{k}" for k in kinds]
    rows += [f"answer.key_fact_accuracy_by_style.{st}.key_fact_accuracy" for st in styles]
    if any("curated" in t for t in tables):
        rows += [f"{group}.{key}" for group, key in CURATED_ROWS]
    for dotted in rows:
        label = dotted
        if "_by_style." in dotted:
            label = dotted.replace("key_fact_accuracy_by_style.", "key_facts_by_style:").removesuffix(".key_fact_accuracy")
        lines.append(f"| {label} | " + " | ".join(str(_get(t, dotted)) for t in tables) + " |")
    return "\n".join(lines)


CONVERSATION_ROWS = [
    ("key_fact_accuracy", "n_answerable"), ("direct_answer_accuracy", "n_answerable"),
    ("key_fact_accuracy_first_turn", ""), ("key_fact_accuracy_later_turns", ""),
    ("false_refusal_rate", "n_answerable"), ("foreign_region_rate", "n_policy_turns"),
    ("refusal_by_kind.absent", "n_by_kind.absent"), ("refusal_by_kind.not_stated", "n_by_kind.not_stated"),
    ("refusal_by_kind.wrong_region", "n_by_kind.wrong_region"), ("wrong_fact_rate", "n_wrong_fact_turns"),
    ("refusal_topic_quality", "n_named_topics"), ("document_fact_accuracy", "n_document_fact"),
    ("chitchat_rate", "n_chitchat"), ("latency_ms.p50", ""), ("latency_ms.p95", ""),
]


def conversation_table(conv: dict) -> str:
    """The multi-turn figures, all turns then each split side by side; (n) is the turns a figure is over."""
    tables = {"all": conv, **conv.get("splits", {})}
    lines = ["| conversation | " + " | ".join(tables) + " |", "| --- |" + " --- |" * len(tables),
             "| conversations / turns | " + " | ".join(f"{t['n_conversations']} / {t['n_turns']}" for t in tables.values()) + " |"]
    for dotted, n in CONVERSATION_ROWS:
        cells = []
        for t in tables.values():
            v = _get(t, dotted)
            cells.append(("—" if v is None else str(v)) + (f" ({_get(t, n)})" if n else ""))
        lines.append(f"| {dotted} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def metrics_table(result: dict, base: dict | None) -> str:
    head = "| metric | policybot |" + (" baseline | policybot / baseline |" if base else "")
    sep = "| --- | --- |" + (" --- | --- |" if base else "")
    lines = [head, sep]
    for group, key in ROWS + [row for row in CURATED_ROWS if "curated" in result]:
        v = result[group][key]
        line = f"| {group}.{key} | {v} |"
        if base:
            b = base.get(group, {}).get(key, "—")
            ratio = f"{v / b:.2f}×" if isinstance(b, (int, float)) and b else "—"
            line += f" {b} | {ratio} |"
        lines.append(line)
    return "\n".join(lines)


def _plots(out: Path, result: dict, rows: list[dict], base: dict | None) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = []
    ks = [1, 3, 5, 10]
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot(ks, [result["retrieval"][f"recall@{k}"] for k in ks], marker="o", label="policybot")
    if base:
        ax.plot(ks, [base["retrieval"][f"recall@{k}"] for k in ks], marker="s", label="baseline")
    ax.set_xlabel("k"), ax.set_ylabel("recall@k"), ax.set_ylim(0, 1.02), ax.set_xticks(ks), ax.legend(), ax.grid(alpha=0.3)
    ax.set_title("Recall@k")
    fig.tight_layout(), fig.savefig(out / "recall_at_k.png", dpi=110), plt.close(fig)
    files.append("recall_at_k.png")

    types = sorted(result["by_type"])
    fig, ax = plt.subplots(figsize=(7, 3.5))
    xs = range(len(types))
    width = 0.4 if base else 0.8
    ax.bar([x - (width / 2 if base else 0) for x in xs], [result["by_type"][t]["accuracy"] for t in types], width, label="policybot")
    if base:
        ax.bar([x + width / 2 for x in xs], [base["by_type"].get(t, {"accuracy": 0})["accuracy"] for t in types], width, label="baseline")
    ax.set_xticks(list(xs)), ax.set_xticklabels(types, rotation=30, ha="right"), ax.set_ylim(0, 1.02)
    ax.set_ylabel("accuracy"), ax.set_title("Accuracy by question type"), ax.legend()
    fig.tight_layout(), fig.savefig(out / "accuracy_by_type.png", dpi=110), plt.close(fig)
    files.append("accuracy_by_type.png")

    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.hist([r["latency_ms"] for r in rows], bins=30)
    ax.set_xlabel("latency per question (ms, warm)"), ax.set_ylabel("questions"), ax.set_title("Latency")
    fig.tight_layout(), fig.savefig(out / "latency_hist.png", dpi=110), plt.close(fig)
    files.append("latency_hist.png")
    return files


def curated_table(curated: dict) -> str:
    """The curated-answer matcher on its labelled pairs: every split, then all pairs."""
    lines = ["| pairs | n | precision | recall | F1 | false matches |", "| --- | --- | --- | --- | --- | --- |"]
    for name, f in [*curated["splits"].items(), ("all", curated)]:
        lines.append(f"| {name} | {f['pairs']} | {f['precision']} | {f['recall']} | {f['f1']} | {f['false_matches']} |")
    return "\n".join(lines)


def write_report(out: Path, result: dict, rows: list[dict], base: dict | None) -> None:
    plots = _plots(out, result, rows, base)
    failures = [r for r in rows if (r["answerable"] and not r["key_fact_pass"]) or (not r["answerable"] and not r.get("refused", not r["found"]))]
    lines = [
        "# policybot evaluation",
        "",
        f"Dataset `{result['config']['dataset']}`: {result['n']} items ({result['n_answerable']} answerable, "
        f"{result['n_unanswerable']} unanswerable). Commit `{result['config']['git_commit']}`, "
        f"embedding `{result['config']['embedding_model']}`.",
        "",
        metrics_table(result, base),
        "",
        *(["## Dev and test", "", split_table(result), ""] if result.get("splits") else []),
        *(["## Curated answers (人工审核答案)", "",
           f"Matcher threshold {result['curated']['threshold']:.4f} (fitted on the dev pairs; test pairs only reported).", "",
           curated_table(result["curated"]), ""] if result.get("curated") else []),
        *(["## Conversations", "",
           f"`{result['conversation']['file']}` asked turn by turn, each turn reading the bot's own earlier answers "
           f"({result['conversation']['seconds']} s); per turn in `conversations_per_turn.jsonl`.", "",
           conversation_table(result["conversation"]), ""] if result.get("conversation") else []),
        "## Accuracy by type",
        "",
        "| type | n | accuracy |" + (" baseline |" if base else ""),
        "| --- | --- | --- |" + (" --- |" if base else ""),
    ]
    for t, v in sorted(result["by_type"].items()):
        extra = f" {base['by_type'].get(t, {}).get('accuracy', '—')} |" if base else ""
        lines.append(f"| {t} | {v['n']} | {v['accuracy']} |{extra}")
    lines += ["", *[f"![{p}]({p})" for p in plots], "", f"## Items that failed ({len(failures)})", ""]
    for r in failures:
        lines.append(f"- `{r['id']}` [{r['split'] or '—'}] ({r['type']}) {r['question']} → {r['outcome']}: "
                     f"{r['answer'][:120].replace(chr(10), ' ')}")
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
