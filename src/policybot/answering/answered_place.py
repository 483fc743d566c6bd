"""The place a conversation's last answer was about: "到25年累计要到多少家？" after an answer quoting 官渡区's plan only is
asked of 官渡区 (the subject's document carries over with the subject), when the asker has said no place of its own."""

from __future__ import annotations

from policybot.answering.docfacts import cited_in
from policybot.answering.reply import NOT_FOUND
from policybot.types import PolicyDocument

# a reply that is no answer for the place it quotes: a refusal, or another region's rule shown for reference
_NOT_ANSWERED = (NOT_FOUND, "仅供参考", "不适用于", "没有关于", "没有找到")


def place_answered(history: list[dict] | None, documents: list[PolicyDocument]) -> str | None:
    """The innermost place of the documents the previous answer quoted, when they lie in one line of places (官渡区 and
    昆明市: 官渡区); None when it quoted none, quoted places apart (官渡区 and 临沧市), or answered nothing."""
    last = next((t.get("content") for t in reversed(history or []) if t.get("role") == "assistant"), None)
    return _place_of(last, documents)


def place_kept(history: list[dict] | None, documents: list[PolicyDocument]) -> str | None:
    """The place the last two answers were both about ("院士工作站和专家工作站分别多少" after two answers quoting 昆明市's
    measures only, from an asker of no stated place): the conversation's, for a question naming none; else None."""
    answers = [t.get("content") for t in history or [] if t.get("role") == "assistant"][-2:]
    places = {_place_of(a, documents) for a in answers}
    return places.pop() if len(answers) == 2 and len(places) == 1 else None


def _place_of(answer, documents: list[PolicyDocument]) -> str | None:
    if not isinstance(answer, str) or any(mark in answer for mark in _NOT_ANSWERED):
        return None
    chains = sorted({tuple(d.region) for d in cited_in(answer, documents) if d.region}, key=len)
    if not chains or any(deeper[: len(c)] != c for c, deeper in zip(chains, chains[1:])):
        return None
    return chains[-1][-1]
