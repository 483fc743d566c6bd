""""那个孵化器依托哪里建？", "放在哪", "围绕哪些产业": what a task rests on or turns around, asked as such. The answer is
the clause of the rule opening with that word ("依托协同创新工业集中发展区") and the clause after it in its sentence."""

from __future__ import annotations

import re

from policybot.text.rules import short_line
from policybot.text.tier_clauses import clauses

_RELATION = re.compile(r"依托|依靠|围绕|聚焦|面向")
_WHERE_BUILT = re.compile(r"(?:建|放|设|落|搞)在(?:哪|什么地方|啥地方)")  # where a platform is put: what it rests on


def rests_on(quote: str, question: str) -> str:
    """The clause answering a "依托/围绕…" or "建在哪" question, "" when the question asks none or no clause says it."""
    relation = _RELATION.search(question)
    word = relation.group(0) if relation else "依托" if _WHERE_BUILT.search(question) else ""
    return _clause_with(quote, word) if word else ""


def _clause_with(quote: str, word: str) -> str:
    """The clause of ``quote`` opening with ``word`` and the next clause of its sentence, "" when none opens so."""
    cs = clauses(quote)
    at = next((i for i, c in enumerate(cs) if c.text.lstrip("，,、 ").startswith(word)), None)
    if at is None:
        return ""
    return short_line("，".join(c.text for c in cs[at : at + 2] if not re.search(r"[。；;]", quote[cs[at].end : c.start])))
