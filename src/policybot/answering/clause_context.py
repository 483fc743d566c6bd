"""What a quoted clause needs from the sentence around it to say something: the clauses after a short, heading-like one
("设立市级研发经费投入奖补资金" goes on with "实行总额控制"), and the terms stated just before one ("经所在单位同意后…" before
what may then be done)."""

from __future__ import annotations

import re

from policybot.text.places import places_in

_BARE_FACT = 36  # a fact's line shorter than this goes on with the rest of its sentence
_GOES_ON = re.compile(r"^(?:但|但是|并且|且|同时|不过)")

# a clause stating on what terms the clause after it holds ("经所在单位同意后…", "除保密要求和特殊规定外",
# "在履行好岗位职责、完成本职工作的前提下", "对利用财政性资金建设的科研平台"), or what it is done to
_TERMS = re.compile(r"前提下|同意|除.{1,16}外$|^在.{1,20}(?:下|时|中)$|^经.{1,20}(?:后|的)|^对.{2,30}的$|符合|满足"
                    r"|^将.{2,40}的.{1,14}$")  # "将在昆企事业单位牵头、…形成的重大创新产业引领项目,纳入重大项目库": what is put in
_TERMS_MAX = 60


def going_on(quote: str, cs: list, last, length: int) -> list[str]:
    """The clauses after ``last`` in its sentence while the line is short: a heading-like clause ("抓好专精特新企业跟踪
    监测", "设立市级研发经费投入奖补资金") says little without what the sentence goes on to say ("每年走访企业100家以上",
    "实行总额控制")."""
    out, end = [], last.end
    rest = [c for c in cs if c.start >= last.end]
    for i, c in enumerate(rest):
        if re.search(r"[。；;\n]", quote[end : c.start]):
            break
        if length >= _BARE_FACT and not _GOES_ON.match(c.text) and not _last_short(quote, rest, i):
            break  # (a 但 clause goes on with what it follows, however long the line)
        out.append(c.text)
        length, end = length + len(c.text) + 1, c.end
    return out


_TAIL = 14  # a sentence's one remaining clause this short is said with it ("…每年走访企业100家以上,开展培训不少于20场;")


def _last_short(quote: str, rest: list, i: int) -> bool:
    """Is ``rest[i]`` its sentence's last clause, and short: a line cut just before it leaves the sentence unfinished."""
    c = rest[i]
    closed = i + 1 == len(rest) or bool(re.search(r"[。；;\n]", quote[c.end : rest[i + 1].start]))
    return closed and len(c.text.strip("，,；;。 ")) <= _TAIL


def terms_before(quote: str, cs: list, at: int) -> list[str]:
    """The clauses just before ``cs[at]`` in its sentence that state the terms it holds on, nearest last: "可以兼职吗"
    is answered with "经所在单位同意后…", not only with what may then be done."""
    out: list[str] = []
    for i in range(at - 1, -1, -1):
        c, after = cs[i], cs[i + 1]
        if re.search(r"[。；;\n]", quote[c.end : after.start]) or not _TERMS.search(c.text):
            break
        if sum(map(len, out)) + len(c.text) > _TERMS_MAX:
            break
        out.insert(0, c.text)
    return out


def same_sentence(quote: str, cs: list, first) -> list:
    """The clauses of ``cs`` in the sentence ``first`` is in (no 。；; or line between them)."""
    return [c for c in cs if not re.search(r"[。；;\n]", quote[min(c.end, first.end) : max(c.start, first.start)])]


_PLACE_WORD = re.compile(r"(?:哪些|哪几个|哪个)(?:区|县|市|地方|地区|区县|城市|片区|园区)")


def with_places_named(question: str, quote: str, cs: list, chosen: list) -> list:
    """"生物医药大健康那个生态圈还有哪些区一起搞" (places asked), "呈贡这边有啥生态圈规划" (a place asked of): the clause of the
    sentence naming the places ("以盘龙区、西山区、高新区…为…") leads the line when the chosen ones do not name them."""
    named = {p for c in chosen for p in places_in(c.text)}
    listed, asked = bool(_PLACE_WORD.search(question)), set(places_in(question))
    if named or not (listed or asked):
        return chosen
    # the nearest clause before the chosen ones naming a place (any, when places are asked; one asked, else)
    before = [c for c in same_sentence(quote, cs, chosen[0]) if c.end <= chosen[0].start
              and (here := set(places_in(c.text))) and (listed or asked & here)]
    return [before[-1], *chosen] if before else chosen
