"""Compose an answer from evidence: refuse when there is none, quote verbatim, cite every figure."""

from __future__ import annotations

import re
import unicodedata

from .errors import InvalidQuestionError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_question(question: str | None, max_chars: int = 2000) -> str:
    """The question stripped of control characters; raises ``InvalidQuestionError`` when unusable."""
    if question is None:
        raise InvalidQuestionError("question is empty; ask about a policy, e.g. 临沧新设研发机构有什么补助？")
    text = _CONTROL.sub("", unicodedata.normalize("NFC", question)).strip()
    if not text:
        raise InvalidQuestionError("question is empty; ask about a policy, e.g. 临沧新设研发机构有什么补助？")
    if len(text) > max_chars:
        raise InvalidQuestionError(f"question has {len(text)} characters; the limit is {max_chars}. Shorten it to the point you need answered.")
    if not any(unicodedata.category(c)[0] in "LN" for c in text):
        raise InvalidQuestionError("question has no words (only punctuation or symbols); ask in words, e.g. 高新技术企业认定有什么奖励？")
    return text
