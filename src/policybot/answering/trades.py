"""The trade a broad question names the companies it asks for by ("官渡区对软件企业有啥扶持", "做跨境电商的企业在官渡区
能享受哪些政策"): whom a list is for, not a topic the documents must name. A kind the documents recognise (专精特新,
高新技术, 规上 …) is a topic, and a place is no trade."""

from __future__ import annotations

import re

from policybot.answering.words import is_profile_word
from policybot.text.concepts import concepts_in
from policybot.text.lexical import normalise
from policybot.text.places import places_in

# "对软件企业", "茶叶加工企业有哪些", "文创企业有什么": a trade naming the companies a broad question is for
_TRADE_OF = re.compile(r"([\u4e00-\u9fff]{2,8}?)类?(?:企业|公司|厂|行业)(?=[\u4e00-\u9fff]{0,3}?(?:有|能|可以|可|都|的政策|的扶持))")
_NOT_TRADE = re.compile(r"^(?:对|针对|给|我们|咱们|这种|这类|哪些|什么|有|的)+")
_DOING_TRADE = re.compile(r"(?:做|搞|从事|经营)([\u4e00-\u9fff]{2,8}?)的(?:企业|公司|小公司|厂|单位)?")  # "做跨境电商的企业"


def trade_named(question: str) -> list[str]:
    """The trade a broad question names the companies by ("官渡区对软件企业有啥扶持" → 软件), never a kind the
    documents recognise (专精特新, 高新技术, 规上) nor a place."""
    out = []
    for m in [*_TRADE_OF.finditer(normalise(question)), *_DOING_TRADE.finditer(normalise(question))]:
        word = _NOT_TRADE.sub("", m.group(1))
        for place in places_in(word):
            word = word.split(place)[-1]
        word = re.sub(r"^(?:区|市|县)?(?:的|对)?", "", word)
        if len(word) >= 2 and not concepts_in(word + "企业") and not is_profile_word(word) \
                and not re.search(r"规上|规下|规模|小微|中小|科技型|高新|高企|专精特新|瞪羚|独角兽|上市|重点|龙头", word):
            out.append(word)
    return out
