""""市里那个20万还算数吧", "上面说的那个1:1是硬性的吗": a figure the asker quotes back from an earlier answer points at the
rule that answer stated; the question that drew that answer is asked again to find it."""

from __future__ import annotations

import re

from policybot.answering.asks import questions_in
from policybot.answering.reply import QUOTES_HEAD
from policybot.answering.turn import Turn
from policybot.text.citations import squash

# an amount, a share or a ratio as answers state them ("20万元", "10%", "1:1")
FIGURE = r"\d+(?:\.\d+)?\s*(?:万|%|％|元|亿)|\d+\s*[:：]\s*\d+"


def figures_in(text: str) -> list[str]:
    return re.findall(FIGURE, text)


def earlier_asking(turn: Turn) -> Turn | None:
    """The earlier question whose answer stated every figure this message names (newest first), as a turn; None
    when the message names no figure or no answer stated them."""
    figures = figures_in(turn.question)
    history = turn.history or []
    for i in range(len(history) - 1, 0, -1):
        said, asked = history[i], history[i - 1]
        if said.get("role") != "assistant" or asked.get("role") != "user":
            continue
        if not isinstance(said.get("content"), str) or not isinstance(asked.get("content"), str):
            continue
        if figures and all(_stated(f, said["content"]) for f in figures):
            return turn.with_text(_part_stating(asked["content"], said["content"], figures))
    return None


def _part_stating(asked: str, said: str, figures: list[str]) -> str:
    """Of a message that asked several questions (answered one line each, in order), the question whose line
    states the figures; the whole message otherwise."""
    parts = questions_in(asked)
    lines = said.split(QUOTES_HEAD, 1)[0].splitlines()
    at = next((i for i, line in enumerate(lines) if all(_stated(f, line) for f in figures)), None)
    return parts[at] if at is not None and at < len(parts) else asked


def _stated(figure: str, answer: str) -> bool:
    return squash(figure) in squash(answer)  # NFKC: "1：1" is "1:1"
