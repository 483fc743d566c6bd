"""Conversation turns as fitting items: each turn of the split's conversations with the bot's own earlier answers as
its history (never the gold), so the models are fitted on follow-ups as they really arrive, not only on single
questions."""

from __future__ import annotations

from pathlib import Path

from policybot.evaluation.common import load_dataset


def conversation_items(bot, path: Path, split: str) -> list[dict]:
    """Every turn of ``split``'s conversations in ``path``: question, history, gold sources, answerable."""
    items = []
    for conv in load_dataset(path):
        if conv.get("split", "dev") != split:
            continue
        history: list[dict] = []
        for turn in conv["turns"]:
            items.append({"question": turn["question"], "history": list(history), "answerable": turn["answerable"],
                          "sources": turn.get("sources", []), "split": split, "id": conv.get("id", "")})
            reply = bot.ask(turn["question"], history=history)
            history += [{"role": "user", "content": turn["question"]}, {"role": "assistant", "content": reply.answer}]
    return items
