"""A recognition or platform a company names with one wrong character ("高新技术企叶", "工程技术研究中兴", "高薪技术企业"):
read as the name it slipped from. Names of five characters or more are mended; a four-character one ("创新团对") only for
a character that sounds or looks alike — a shorter one is too close to other words."""

from __future__ import annotations

import functools
import re

from policybot.text.concepts import eligibility_vocabulary
from policybot.text.sounds import sounds_alike

MIN_CHARS = 5
MIN_SOUND_CHARS = 4  # a slip that sounds alike mends a shorter name


@functools.cache
def _names() -> tuple[tuple[str, re.Pattern[str]], ...]:
    words = {w for c in eligibility_vocabulary()["concepts"] for w in c.get("words", [])
             if len(w) >= MIN_SOUND_CHARS and re.fullmatch(r"[\u4e00-\u9fff]+", w)}
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
    if len(diff) != 1:
        return False
    (typed, meant), = diff
    if sounds_alike(typed, meant):  # "高薪技术企业", "创新团对": what was typed means nothing of its own there
        return typed not in _MEANING
    return len(word) >= MIN_CHARS and not ({typed, meant} & _MEANING)
