"""A recognition or platform a company names with one wrong character ("高新技术企叶", "工程技术研究中兴"): read as the
name it slipped from. Only names of five characters or more are mended — a shorter one is too close to other words."""

from __future__ import annotations

import functools
import re

from policybot.text.concepts import eligibility_vocabulary

MIN_CHARS = 5


@functools.cache
def _names() -> tuple[tuple[str, re.Pattern[str]], ...]:
    words = {w for c in eligibility_vocabulary()["concepts"] for w in c.get("words", [])
             if len(w) >= MIN_CHARS and re.fullmatch(r"[\u4e00-\u9fff]+", w)}
    out = []
    for w in sorted(words, key=len, reverse=True):
        slips = "|".join(re.escape(w[:i]) + r"[\u4e00-\u9fff]" + re.escape(w[i + 1 :]) for i in range(len(w)))
        out.append((w, re.compile(slips)))
    return tuple(out)


def mended(text: str) -> str:
    """``text`` with each one-character slip of a long concept name replaced by the name."""
    for word, slip in _names():
        if word[:2] not in text and word[-2:] not in text:
            continue  # neither end of the name is there: no slip of it either (and no work)
        text = slip.sub(lambda m, w=word: w if _slip(m.group(0), w) else m.group(0), text)
    return text


# characters that tell names apart on purpose ("市级重点实验室" is no slip of "省级重点实验室")
_MEANING = set("国省市区县州级首再重新老大小上下前后中外内一二两三四五六七八九十百千万")


def _slip(written: str, word: str) -> bool:
    diff = [(a, b) for a, b in zip(written, word) if a != b]
    return len(diff) == 1 and not (set(diff[0]) & _MEANING)
