"""Amounts as people write them in a chat: "380万", "900来万", "一千二百来万", "一个多亿", "十几个亿", "1.2亿元".

A company's description gives its spending and revenue this way; the reader needs the yuan, roughly. An
approximate word (来、多、余、几、左右) keeps the stated part: "一个多亿" is read as 1亿, "十几个亿" as 10亿 —
a lower bound, which is what a threshold ("研发投入占营收1.5%以上") can safely be checked against.
"""

from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PLACE = {"十": 10, "百": 100, "千": 1000}
_UNIT = {"万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8}
_CN = "零〇一二两三四五六七八九十百千"
# a number (digits, or Chinese numerals, possibly with 几 for an unstated digit), an approximation, a unit
AMOUNT = (rf"(?:\d+(?:\.\d+)?|[{_CN}几]*[{_CN}][{_CN}几]*)\s*(?:来|多|余|几)?\s*个?\s*(?:多|来|余)?\s*"
          r"(?:千万|百万|十万|万|亿)\s*(?:多|余)?\s*元?")
_PARTS = re.compile(rf"(\d+(?:\.\d+)?|[{_CN}几]+)\s*(?:来|多|余|几)?\s*个?\s*(?:多|来|余)?\s*(千万|百万|十万|万|亿)")


def chinese_int(text: str) -> int | None:
    """一千二百 → 1200, 十几 → 10, 两千 → 2000, 三 → 3; None when it is not a number (几十: no stated digit)."""
    text = text.rstrip("几")
    if not text or text[0] == "几" or any(c not in _DIGIT and c not in _PLACE for c in text):
        return None
    total, digit = 0, None
    for c in text:
        if c in _DIGIT:
            digit = _DIGIT[c]
        else:
            total += (1 if digit is None else digit) * _PLACE[c]
            digit = None
    return total + (digit or 0)


def yuan_of(text: str) -> float | None:
    """The yuan of the first amount written in ``text``; None when none is."""
    m = _PARTS.search(text)
    if not m:
        return None
    number = float(m.group(1)) if m.group(1)[0].isdigit() else chinese_int(m.group(1))
    return None if number is None else number * _UNIT[m.group(2)]
