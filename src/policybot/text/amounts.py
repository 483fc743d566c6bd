"""Amounts as people write them in a chat: "380万", "900来万", "一千二百来万", "一个多亿", "十几个亿", "1.2亿元".

A company's description gives its spending and revenue this way; the reader needs the yuan, roughly. An
approximate word (来、多、余、几、左右) keeps the stated part: "一个多亿" is read as 1亿, "十几个亿" as 10亿 —
a lower bound, which is what a threshold ("研发投入占营收1.5%以上") can safely be checked against.
"""

from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PLACE = {"十": 10, "百": 100, "千": 1000}
_UNIT = {"万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "w": 1e4, "W": 1e4}
_W = r"(?<=\d)[wW](?![a-zA-Z])"  # "研发费用360w": chat shorthand for 万, after digits
_CN = "零〇一二两三四五六七八九十百千"
# a number (digits, or Chinese numerals, possibly with 几 for an unstated digit), an approximation, a unit
AMOUNT = (rf"(?:\d+(?:\.\d+)?|[{_CN}几]*[{_CN}][{_CN}几]*)\s*(?:来|多|余|几)?\s*个?\s*(?:多|来|余)?\s*"
          rf"(?:千万|百万|十万|万|亿|{_W})(?:(?<=亿)(?:[一二两三四五六七八九](?![十百千万亿])|(?:\d+|[{_CN}]+)\s*(?:千万|百万|万)))?"
          r"\s*(?:多|余)?\s*元?")
_PARTS = re.compile(rf"(\d+(?:\.\d+)?|[{_CN}几]+)\s*(?:来|多|余|几)?\s*个?\s*(?:多|来|余)?\s*(千万|百万|十万|万|亿|{_W})")


# a sum as written in digits or Chinese numerals, with its unit ("20万", "一百万", "1.5亿")
SUM = _PARTS.pattern


def sums_in(text: str) -> set[float]:
    """The yuan of every sum written in ``text``."""
    return {v for m in _PARTS.finditer(text) if (v := yuan_of(m.group(0)))}


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
    if number is None:
        return None
    total = number * _UNIT[m.group(2)]
    if m.group(2) != "亿":
        return total
    rest = text[m.end():]
    tenth = re.match(r"[一二两三四五六七八九](?![千百十万亿])", rest)  # "三亿二" is 3.2亿
    more = _PARTS.match(rest)  # "两亿五千万"
    if tenth:
        return total + _DIGIT[tenth.group(0)] * 1e7
    return total + (yuan_of(more.group(0)) or 0) if more and more.group(2) != "亿" else total


_CN_DECIMAL = rf"[{_CN}]+(?:点[零〇一二两三四五六七八九]+)?"


def _cn_decimal(text: str) -> str:
    whole, _, frac = text.partition("点")
    number = chinese_int(whole)
    if number is None:
        return text
    return f"{number}.{''.join(str(_DIGIT[c]) for c in frac)}" if frac else str(number)


def written_numbers(text: str) -> str:
    """Numbers a description speaks, in digits: "1,200万元" → "1200万元", "百分之二点一" → "2.1%",
    "两个点" / "一点八个点" (of a share) → "2%" / "1.8%"."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    text = re.sub(rf"百分之({_CN_DECIMAL})", lambda m: _cn_decimal(m.group(1)) + "%", text)
    text = re.sub(r"百分之(\d+(?:\.\d+)?)", r"\1%", text)
    text = re.sub(rf"({_CN_DECIMAL}|\d+(?:\.\d+)?)\s*个点", lambda m: _cn_decimal(m.group(1)) + "%", text)
    return text


# "能拿那个十万吗", "一百万的那个": a sum spoken in Chinese numerals before 万 or 亿 (not "千万别", "万一")
_SPOKEN_SUM = re.compile(r"(?<![零〇一二两三四五六七八九十百千万几数第多])([一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*)(?=万|亿)")


def digit_sums(text: str) -> str:
    """Sums spoken in Chinese numerals written in digits, as the documents write them ("十万" → "10万", "两千万" →
    "2000万"); an unstated digit ("三五万", "几十万") stays as it is."""
    def digits(m: re.Match[str]) -> str:
        number = chinese_int(m.group(1))
        return str(number) if number and not re.search(r"[一二两三四五六七八九]{2}", m.group(1)) else m.group(1)
    return _SPOKEN_SUM.sub(digits, text)
