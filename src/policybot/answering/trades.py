"""The trade a broad question names the companies it asks for by ("官渡区对软件企业有啥扶持", "做跨境电商的企业在官渡区
能享受哪些政策"): whom a list is for, not a topic the documents must name. A kind the documents recognise (专精特新,
高新技术, 规上 …) is a topic, and a place is no trade."""

from __future__ import annotations

import re
from typing import Callable

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


# "区里对我们这个行业定了啥目标": the trade the asker described itself by, pointed at
TRADE_POINTER = re.compile(r"(?:我们|咱们|我们这个|咱们这个|这个|这一|这类|这种|这)(?:行业|行当)")
_INDUSTRY = re.compile(r"([\u4e00-\u9fff]{2,10}?业)(?:企业|公司|单位)")  # "规上科研和技术服务业企业"
_SIZE_LEAD = re.compile(r"^(?:规上|规下|规模以上|规模以下|小微|中小|一家|的)+")


def described_trades(message: str) -> list[str]:
    """The trades a message describes the asker by, an industry's name first ("…规上科研和技术服务业企业" → 科研和技术服务业;
    "做工程检测的" → 工程检测)."""
    text = normalise(message)
    named = [_SIZE_LEAD.sub("", m.group(1)) for m in _INDUSTRY.finditer(text)]
    doing = [m.group(1) for m in _DOING_TRADE.finditer(text)]
    return [w for w in dict.fromkeys([*named, *doing]) if len(w) >= 2 and not places_in(w)]


def trade_pointed(core: str, message: str, known: Callable[[str], bool]) -> str:
    """``core`` with "这个行业" replaced by the trade the message describes the asker by, as the documents name it: the
    whole, else its longest named ending never opening with a joining word ("…规上科研和技术服务业企业，区里对这个行业的目标
    是怎么定的？" → 技术服务业); ``core`` unchanged when no document names the trade."""
    pointer = TRADE_POINTER.search(core)
    if not pointer:
        return core
    named = next((t[i:] for t in described_trades(message) for i in range(len(t) - 2)
                  if t[i] not in "和与及的" and known(t[i:])), "")
    return core[: pointer.start()] + named + core[pointer.end():] if named else core
