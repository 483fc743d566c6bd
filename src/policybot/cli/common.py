"""What every command shares: the settings, offline environment, argument types, printing an answer."""

from __future__ import annotations

import argparse
import json
import os

from policybot.errors import InvalidQuestionError
from policybot.index.embeddings import make_embedder
from policybot.index.reader import open_index
from policybot.settings import Settings

EXIT_SKIPPED = 3  # ingest: some files were skipped



def offline_env() -> None:
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)


def passages(value: str) -> int:
    k = int(value)
    if not 1 <= k <= 50:
        raise argparse.ArgumentTypeError("must be between 1 and 50")
    return k


def parse_history(value: str | None) -> list[dict] | None:
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


def load_settings() -> Settings:
    return Settings()


def open_retriever(settings: Settings):
    # deferred: loads langchain_core on first use, not at import
    from policybot.index.retrieval import HybridRetriever

    embedder = make_embedder(settings.embedding)
    index = open_index(settings, embedder)
    return HybridRetriever(index, embedder, settings.retrieval)


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
