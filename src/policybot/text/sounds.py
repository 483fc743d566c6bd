"""Characters a typist confuses: the same toneless reading (补帖 for 补贴, with the zh/z, ing/in, l/n confusions of
typists), or the same shape in the vocabulary's lookalike groups (院土 for 院士)."""

from __future__ import annotations

import functools

from policybot.text.lexical import vocabulary

_SHORT = {"zh": "z", "ch": "c", "sh": "s"}
_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"))


@functools.lru_cache(maxsize=8192)
def _sounds(ch: str) -> frozenset[str]:
    """Toneless readings of a character, folded the way typists confuse them (zh/z, ing/in, l/n)."""
    from pypinyin import Style, pinyin

    out = set()
    readings = pinyin(ch, style=Style.NORMAL, errors="ignore")  # the everyday reading only: 市 is shi, not fu
    for reading in readings[0] if readings else []:
        r = reading
        for long, short in _SHORT.items():
            if r.startswith(long):
                r = short + r[len(long):]
        for long, short in _FINALS:
            if r.endswith(long):
                r = r[: -len(long)] + short
        if r.startswith("l"):
            r = "n" + r[1:]
        out.add(r)
    return frozenset(out)


@functools.cache
def _shapes() -> dict[str, str]:
    """Each character of the vocabulary's lookalike groups, with its group."""
    return {ch: group for group in vocabulary().get("lookalikes", ()) for ch in group}


def sounds_alike(a: str, b: str) -> bool:
    """Two characters a typist confuses: the same toneless reading, or the same shape (院土 for 院士)."""
    return a != b and (bool(_sounds(a) & _sounds(b)) or b in _shapes().get(a, ""))
