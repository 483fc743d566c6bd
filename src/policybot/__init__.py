"""policybot: answers about local science-and-technology policies, quoting the source passages verbatim.

The public API::

    from policybot import PolicyBot, Settings

    bot = PolicyBot(Settings())            # opens the index built by `policybot ingest`
    answer = bot.ask("临沧新设立研发机构补助多少？")
    print(answer.direct_answer)
    for c in answer.citations:
        print(c.formatted(), c.quote)

Everything else is internal and may move. ``PolicyBot`` loads on first use, so ``import policybot`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policybot.errors import (
    DocumentError,
    IndexMismatchError,
    IndexMissingError,
    InvalidQuestionError,
    NotFoundError,
    PolicybotError,
    StorageError,
    StoreError,
)
from policybot.settings import Settings
from policybot.types import Answer, Citation

if TYPE_CHECKING:  # for type checkers only; at run time the name loads on first use (below)
    from policybot.answering.bot import PolicyBot

__all__ = [
    "Answer",
    "Citation",
    "DocumentError",
    "IndexMismatchError",
    "IndexMissingError",
    "InvalidQuestionError",
    "NotFoundError",
    "PolicyBot",
    "PolicybotError",
    "Settings",
    "StorageError",
    "StoreError",
]


def __getattr__(name: str):
    if name == "PolicyBot":
        # deferred: loads langchain_core and numpy on first use, not at import
        from policybot.answering.bot import PolicyBot

        return PolicyBot
    raise AttributeError(f"module 'policybot' has no attribute {name!r}")
