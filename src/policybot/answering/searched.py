"""What a message's search is made of: its ask, not a long description of the company before it."""

from __future__ import annotations

import re

from policybot.answering.questions import own_question, topic_nouns
from policybot.text.places import places_in


def searched_ask(text: str) -> str:
    """The text searched: a long description of the company before its ask ("老师好，我们是呈贡大学城的一家高校衍生企业，
    规下，已入库科技型中小企业，正在筹建新型研发机构，市里对新型研发机构怎么支持？") is no topic of the search when the
    ask names one of its own; the place it says stays (the search is answered there)."""
    ask = own_question(text)
    named = [w for w in topic_nouns(ask) if len(w) >= 2 and not _MODAL.match(w)]  # "能不能拿市里那10万": none
    if len(text) - len(ask) < _LONG_DESCRIPTION or not named or _POINTS_AT_US.search(ask):
        return text
    where = "".join(dict.fromkeys(places_in(text[: len(text) - len(ask)]) if text.endswith(ask) else []))
    return f"{where}{ask}" if where and not places_in(ask) else ask


# "区里对这种企业怎么培育？": the ask points at the description, which then says what is asked about
_POINTS_AT_US = re.compile(r"这种|这类|这样的|我们这|像我们|咱们这")
_MODAL = re.compile(r"[不没能可会要得该]")
_LONG_DESCRIPTION = 20  # characters of description before the ask that would outweigh it in the search
