"""The benchmark's report (``benchmarks.md``): the targets with a verdict each, the baseline, HTTP, load, start-up and
scaling, and the scaling plot."""

from __future__ import annotations

from pathlib import Path

TARGETS = {
    "ask_p50_1x": ("warm ask p50 at 1×", "≤", 60.0),
    "ask_p95_1x": ("warm ask p95 at 1×", "≤", 150.0),
    "search_p50_1x": ("warm search p50 at 1×", "≤", 40.0),
    "ask_p50_50x": ("warm ask p50 at 50×", "≤", 200.0),
    "load_errors": ("errors under 8-client load", "=", 0),
    "long_p95": ("normal ask p95 with 4 of 16 clients sending the longest inputs (ms)", "≤", 2000.0),
    "rebuild_errors": ("errors while two rebuilds run under 8-client load", "=", 0),
    "reingest_s": ("no-change re-ingest (s)", "<", 5.0),
}


def plot(res: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = res["scaling"]
    chunks = [r["chunks"] for r in rows]
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.5))
    a.plot(chunks, [r["ask_p50"] for r in rows], marker="o", label="ask p50")
    a.plot(chunks, [r["ask_p95"] for r in rows], marker="o", label="ask p95")
    a.plot(chunks, [r["search_p50"] for r in rows], marker="s", label="search p50")
    a.set_xscale("log"), a.set_xlabel("chunks (1×, 10×, 50× corpus)"), a.set_ylabel("ms"), a.legend(), a.grid(alpha=0.3)
    a.set_title("Warm latency vs corpus size")
    b.plot(chunks, [r["rss_mb"] for r in rows], marker="o", color="tab:red")
    b.set_xscale("log"), b.set_xlabel("chunks"), b.set_ylabel("RSS MB"), b.grid(alpha=0.3), b.set_title("Process memory")
    fig.tight_layout(), fig.savefig(path, dpi=110), plt.close(fig)


def _verdict(key: str, value: float) -> str:
    label, op, limit = TARGETS[key]
    ok = value <= limit if op == "≤" else value < limit if op == "<" else value == limit
    if ok:
        return f"| {label} | {op} {limit} | {value} | met |"
    miss = f"missed by {round(value - limit, 1)}" if isinstance(value, (int, float)) else "missed"
    return f"| {label} | {op} {limit} | {value} | {miss} |"


def report(res: dict) -> str:
    """``benchmarks.md``: targets, the baseline, HTTP, load, start-up and scaling."""
    one = res["scaling"][0]
    fifty = res["scaling"][-1]
    base = res["baseline"]
    ratio = lambda a, b: f"{a / b:.2f}×" if b else "—"  # noqa: E731
    lines = [
        "# policybot benchmarks",
        "",
        f"Machine: {res['machine']['cores']} cores, Python {res['machine']['python']}. "
        f"{res['questions']} questions from `evals/policy_qa.jsonl` (follow-ups excluded). Latencies are warm, in ms.",
        "Produced by `policybot bench`; a benchmark, not a test — it records, it does not fail.",
        "",
        "## Targets",
        "",
        "| target | bound | measured | verdict |",
        "| --- | --- | --- | --- |",
        _verdict("ask_p50_1x", one["ask_p50"]),
        _verdict("ask_p95_1x", one["ask_p95"]),
        _verdict("search_p50_1x", one["search_p50"]),
        _verdict("ask_p50_50x", fifty["ask_p50"]),
        _verdict("load_errors", res["load"]["errors"]),
        _verdict("long_p95", res["load_long"]["p95_ms"]),
        _verdict("rebuild_errors", res["load_rebuild"]["errors"]),
        _verdict("reingest_s", res["ingest"]["reingest_s"]),
        "",
        "## policybot vs the afternoon baseline (1×, in process)",
        "",
        "| figure | policybot | baseline | policybot / baseline |",
        "| --- | --- | --- | --- |",
    ]
    for k in ("search_p50", "search_p95", "ask_p50", "ask_p95"):
        lines.append(f"| {k} | {one[k]} | {base[k]} | {ratio(one[k], base[k])} |")
    return "\n".join(lines + _report_rest(res, one, base, ratio))


def _report_rest(res: dict, one: dict, base: dict, ratio) -> list[str]:
    lines: list[str] = []
    lines += [
        f"| chunks indexed | {one['chunks']} | {base['chunks']} | {ratio(one['chunks'], base['chunks'])} |",
        "",
        "The baseline is one Chroma vector query and the top chunk as the answer; policybot runs two BM25",
        "signals, the dense query, fusion, sentence selection and citation checks, so it is slower per",
        "question and far better per answer (see the evaluation report).",
        "",
        "## Over HTTP (1×, one client)",
        "",
        f"search p50/p95: {res['http']['search_p50']} / {res['http']['search_p95']} ms; "
        f"ask p50/p95: {res['http']['ask_p50']} / {res['http']['ask_p95']} ms.",
        "",
        "## Load: 8 concurrent clients on /api/ask (loopback)",
        "",
        f"{res['load']['requests']} requests in {res['load']['seconds']} s: {res['load']['throughput_rps']} req/s, "
        f"p50 {res['load']['p50_ms']} ms, p95 {res['load']['p95_ms']} ms, errors {res['load']['errors']}.",
        "",
        "## Load with long inputs: 16 clients, 4 of them sending a 2,000-character question after 4,000-character turns up to the 64 KB body limit",
        "",
        f"Normal questions: p50 {res['load_long']['p50_ms']} ms, p95 {res['load_long']['p95_ms']} ms; "
        f"long requests: p50 {res['load_long'].get('long_p50_ms')} ms, p95 {res['load_long'].get('long_p95_ms')} ms; "
        f"{res['load_long']['requests']} requests, errors {res['load_long']['errors']} (normal) and "
        f"{res['load_long'].get('long_errors')} (long). Each history turn is cut to 300 "
        "characters and the searched text to 300 characters / 256 tokens before it reaches the embedder.",
        "",
        "## Rebuilds under load: 8 clients while another process runs `ingest --rebuild` twice",
        "",
        f"{res['load_rebuild']['requests']} requests, errors {res['load_rebuild']['errors']}, "
        f"p50 {res['load_rebuild']['p50_ms']} ms, p95 {res['load_rebuild']['p95_ms']} ms; "
        f"builds served during the run: {res['load_rebuild']['builds_served']}; rebuilds took {res['load_rebuild'].get('rebuild_s')} s.",
        "",
        "## Start-up and ingest",
        "",
        f"- Cold start (new process → first answer, CLI): {res['cold_start_s']} s.",
        f"- Full build of the 5 documents with an empty vector cache: {res['ingest']['full_s']} s "
        f"({res['ingest']['chunks']} chunks, {res['ingest']['chunks_per_s']} chunks/s — the e5 embedding dominates).",
        f"- No-change re-ingest: {res['ingest']['reingest_s']} s, {res['ingest']['reingest_embedded']} chunks embedded.",
        f"- Peak RSS of the benchmark process (serving included): {res['peak_rss_mb']} MB.",
        "",
        "## Scaling",
        "",
        "Synthetic documents are the real ones with regions and figures varied. Up to 10× every passage is",
        "embedded for real; above 10× the passage vectors are a sample of real vectors perturbed per chunk",
        "(queries are embedded for real): what is measured there is index and query cost, not quality.",
        "",
        "| corpus | documents | chunks | vectors | search p50 | search p95 | ask p50 | ask p95 | RSS MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in res["scaling"]:
        lines.append(f"| {r['factor']}× | {r['documents']} | {r['chunks']} | {r['vectors']} | {r['search_p50']} | "
                     f"{r['search_p95']} | {r['ask_p50']} | {r['ask_p95']} | {r['rss_mb']} |")
    lines += ["", "![scaling](benchmarks_scaling.png)", ""]
    return lines
