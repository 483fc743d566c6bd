"""One interface for every outcome of a question: an answerer reads the turn and answers it, or passes (None)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from policybot.answering.turn import Turn
from policybot.types import Answer


@dataclass(frozen=True)
class Answerer:
    """``answer`` gives the outcome's answer or None to let the next answerer try. ``reworded``: a configured chat
    model may reword this answer (only an extractive one, whose every figure is quoted)."""
    name: str
    answer: Callable[[Turn], Answer | None]
    reworded: bool = False
