"""Conversation turns as fitting items: each turn of the split's conversations with the bot's own earlier answers as
its history (never the gold), so the models are fitted on follow-ups as they really arrive, not only on single
questions."""

from __future__ import annotations

from pathlib import Path

from policybot.evaluation.common import load_dataset
from policybot.evaluation.conversations import asked


def conversation_items(bot, path: Path, split: str) -> list[dict]:
    """Every turn of ``split``'s conversations in ``path``: question, history, gold sources, answerable."""
    items = []
    for conv in load_dataset(path):
        if conv.get("split", "dev") != split:
            continue
        items += [{"question": turn["question"], "history": history, "answerable": turn["answerable"],
                   "sources": turn.get("sources", []), "split": split, "id": conv.get("id", "")}
                  for turn, history, _answer, _ms in asked(bot, conv)]
    return items
