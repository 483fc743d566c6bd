"""Which documents apply to a place: "你这里有没有哪个文件是管曲靖的？", "我们在观山湖区，这个方案对我们管用吗？".

Answered from the documents' regions alone (containment: 昆明市's measures apply in 官渡区): the documents that
apply there, or plainly that none does; a document the conversation just cited that does not apply there is named
as another place's. Only this message's places count (else the asker's own), never an earlier question's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers.base import Answerer
from policybot.answering.answerers.place_role import with_role
from policybot.answering.docfacts import cited_answers, compose_facts
from policybot.answering.questions import own_question
from policybot.answering.reply import applying_line, none_of_its_own
from policybot.answering.turn import Turn
from policybot.answering.words import MAY_WE, MOVES, US, topic_words
from policybot.text.places import applies, places_in, region_chain, short_label
from policybot.types import Answer

_DOCS = r"(?:文件|政策|规定|方案|措施|计划)"
# "有没有哪个文件是管曲靖的", "有哪些政策适用于盘龙区", "收录了针对大理的文件吗"
_WHICH = re.compile(r"(?:有没有|有哪些|哪个|哪些|哪份|什么|有)" + _DOCS + r"[^，,。？?]{0,4}?(?:是)?(?:管|适用于?|针对|覆盖|关于)"
                    r"|" + _DOCS + r"(?:里|中)?(?:有没有|有)(?:管|适用于?|针对|覆盖)"
                    # "我们在呈贡，适用哪个文件？", "该参照哪些政策"
                    # (not "能参照哪些政策": the benefits are asked for then)
                    r"|(?:适用|能用|该用|参照|执行|对应|看)(?:的是)?(?:哪个|哪些|哪份|哪几个|什么|啥)(?:文件|方案|措施|计划)")
# "盘龙好像没有单独的文件？那我们看哪个": which one, the documents named in the message before
_WHICH_BARE = re.compile(r"(?:适用|该用|参照|看|用)(?:的是)?(?:哪个|哪份|哪些|哪几个)(?:呢|啊|呀)?[？?。！!\s]*$")
# "贵阳市级的科技政策你们这有没有？", "有大理的文件吗": whether the knowledge base holds a place's documents
_HELD = re.compile(r"(?:的)?(?:科技|创新|科创)?(?:政策|文件)[^，,。？?]{0,6}?(?:有没有|有吗|有不有|收录了?吗|收了吗)"
                   r"|有没有[^，,。？?]{0,4}?的(?:科技|创新)?(?:扶持|支持)?(?:政策|文件)"
                   r"|自己[^，,。？?]{0,4}?(?:科技|创新)?(?:扶持|支持)?(?:政策|文件)"  # "西山区自己有文件没"
                   # "西山区本级是否另有配套政策", "安宁本地有没有单独的文件"
                   r"|(?:本级|本地|本区|本县)[^，,。？?]{0,4}?(?:另有|另外有|还有|有没有|有无|是否有|有)(?:单独|专门|自己)?的?"
                   r"(?:配套)?的?(?:科技|创新)?(?:扶持|支持)?(?:政策|文件)"
                   r"|有[^，,。？?]{1,10}?的(?:科技|创新|科创)?(?:政策|文件)(?:吗|么|嘛|没有?)")  # "你这里有贵阳市本级的科技政策吗"
# the verbs asking whether documents apply ("管用", "适不适用", "有没有用")
_APPLY_ASKED = r"(?:管用|适用|适不适用|有用|能用|管不管|算不算数|有没有用|覆盖)"
# "这个方案对我们管用吗", "这份文件适不适用于我们"
_POINTED = re.compile(r"(?:这个|这份|该|那个|这些|上面的?|刚才的?)" + _DOCS + r"[^，,。？?]{0,8}?"
                      + _APPLY_ASKED +
                      # "搬过去还能享受这个方案吗": the document pointed at after the verb
                      r"|(?:享受|适用|用|沾)(?:到|上|得上)?(?:这个|这份|该|那个|这些)" + _DOCS)


# "两个区都在昆明，市里的政策会员都能用吧？": whether the city's documents apply (not "…能用上哪些", the benefits asked)
_LEVEL_POINTED = re.compile(r"(?:市里|区里|县里|市级|区级)的?" + _DOCS + r"[^，,。？?哪啥]{0,8}?(?:管用|适用|有用|能用|管不管|覆盖)"
                            r"(?![^，,。？?]*(?:哪些|哪几|什么|啥))")
_PLACE_POINTED = re.compile(r"^[^，,。？?]{2,10}?(?:的|那些|这些|的那些|的这些)(?:科技|创新|科创)?" + _DOCS + r"[^，,。？?]{0,8}?"
                            + _APPLY_ASKED)


def answer(turn: Turn) -> Answer | None:
    core = turn.reading.core
    inside = _belongs(turn)
    if inside is not None:
        return inside
    # "五华区的政策对我们有用吗？": a place's documents pointed at by its name
    # ("隔壁官渡区的政策我们也能用吗？" asks whether the asker may use them: not_theirs answers that)
    # (a place containing the asker's pointed at so — "昆明市那些科技政策我们能用吗" from 安宁市 — is answered here: they apply)
    first = places_in(re.split(r"的|那些|这些", core)[0])
    mine = turn.asker.region if turn.asker else ""
    contains = bool(first and mine and applies(region_chain(first[0]), region_chain(mine)))
    pointed = bool(_POINTED.search(core) or _LEVEL_POINTED.search(core)) or bool(_PLACE_POINTED.search(core) and first
                                                  and (not MAY_WE.search(core) or contains))
    asked = own_question(core)  # "我们是盘龙区一家…企业，…盘龙区有没有自己的科技政策？": the ask, not the description
    which = _WHICH.search(core) or (_WHICH_BARE.search(core) and re.search(_DOCS, turn.question))
    if not (pointed or which or (_HELD.search(asked) and places_in(asked) and _only_place(asked))):
        return None
    named = places_in(core)
    mine = turn.asker.region if turn.asker else ""
    # "云岩那个方案我们能不能用？" from 观山湖区: the place named is the document's, the asker's place is asked about
    # …unless it moves there ("我们明年可能搬到南明区，搬过去还能享受这个方案吗"): then that place is asked about
    others = [p for p in named if p != mine] if pointed and mine and not MOVES.search(core) else []
    place = mine if others else (named[0] if named else mine)
    if not place:
        return None
    docs = turn.bot.index.documents
    chain = region_chain(place)
    own = [docs[d] for d in sorted(docs) if applies(docs[d].region, chain)]  # its own documents and its cities'
    inside = [doc for doc in docs.values() if len(doc.region) > len(chain) and applies(chain, doc.region)]
    if others:  # the documents of the place the message names
        earlier = [d for d in docs.values() if d.region and d.region[-1] in others]
    else:  # "这个方案": what the previous answer cited
        earlier = next(iter(cited_answers(turn.history, list(docs.values()))), []) if pointed else []
    foreign = [d for d in earlier if not applies(d.region, chain)]
    if pointed and earlier and not foreign and not others:
        return None  # the document pointed at applies there: an ordinary question about it
    # (a place named whose documents apply where the asker is — 昆明市's in 安宁市 — is answered: they apply there)
    lines = [f"{d.cited_title}只适用于{short_label(d.region)}，不适用于{place}。" for d in foreign]
    # "安宁市自己有没有单独的科技政策文件？": none of its own (its city's apply there) is a no, said first
    none_own = bool(own) and _OWN.search(core) and not any(d.region == chain for d in own)
    if none_own:
        lines.append(none_of_its_own(place) + "；")
    if own:
        lines.append(applying_line(place, [d.cited_title for d in own]))
    elif inside:  # "贵阳市级的政策": none of the city's own, a district's inside it
        names = "、".join(f"{d.cited_title}（{short_label(d.region)}）" for d in inside)
        lines.append(f"知识库中没有{place}本级的政策文件；收录的{place}下辖地区的文件只适用于该地区，不适用于{place}其他地区：{names}。")
    else:
        covered = "、".join(dict.fromkeys(short_label(d.region) for d in docs.values() if d.region))
        lines.append(f"知识库中没有适用于{place}的政策文件；收录的{covered}的政策均不适用于{place}。")
    text = "".join(lines)
    # "有没有自己的科技政策？" is a no; "…没有的话我们看哪个文件" is answered with the documents that do apply
    found = bool(own) and not foreign and (not none_own or bool(_WHICH.search(turn.question) or which))
    reply = Answer(question=turn.question, found=found, answer=text, citations=[], warnings=[],
                   direct_answer=text, outcome="answered" if found else "not_found")
    # a district with no document of its own ("我们在呈贡，适用哪个文件？"): what its city's document plans there
    return with_role(with_periods(reply, turn, own), turn, place) if found else reply


def with_periods(reply: Answer, turn: Turn, docs: list) -> Answer:
    """The reply, then each applying document's period and whether it has ended, quoted ("执行期为2022年—2024年（有效期
    3年），截至今天已到期"): whether a document applies there matters little without whether it is still in force."""
    if not docs:
        return reply
    facts = compose_facts(turn.question, ["period"], docs, turn.bot.index.chunks, turn.today,
                          list(turn.bot.index.documents.values()))
    if facts is None or not facts[1].citations:
        return reply
    periods = facts[1]
    return replace(reply, answer=reply.direct_answer + "\n" + periods.answer, citations=periods.citations,
                   direct_answer=reply.direct_answer + "\n" + periods.direct_answer, warnings=periods.warnings)


# "我们在安宁市，算不算昆明的？", "观山湖区属不属于贵阳市": whether one place lies inside another
_BELONGS = re.compile(r"算不算|属不属于|属于|归[^，,。？?]{1,6}管|是不是[^，,。？?]{1,6}(?:的|下面|下辖)|在不在")


def _belongs(turn: Turn) -> Answer | None:
    """Whether the asker's (or the first named) place lies inside the other place named, from the regions' data, and
    which documents apply where the asker is; None when the message asks no such thing."""
    text = turn.question
    if not _BELONGS.search(text):
        return None
    # each clause that asks: "X算不算Y的" names both there; "我们在安宁，算不算昆明的，算不算临沧的" names a bigger place after
    # each ask and speaks of the asker before; "…提到滇中协同吗？曲靖算不算在里面？" asks whether a place is in a programme
    mine = turn.asker.region if turn.asker and turn.asker.region else ""
    small, bigger = "", []
    for m in _BELONGS.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "，,。？?！!；;") + 1
        end = min([i for c in "，,。？?！!；;" if (i := text.find(c, m.end())) >= 0] or [len(text)])
        before, after = places_in(text[start:m.start()]), places_in(text[m.end():end])
        if before and after and not small:
            small, bigger = before[0], [*bigger, *after]
        elif after and not before and mine and (US.search(text[: m.start()]) or "我在" in text[: m.start()]):
            small, bigger = small or mine, [*bigger, *after]
    places = [small, *(p for p in dict.fromkeys(bigger) if p != small)] if small else []
    if len(places) < 2:
        return None
    chain = region_chain(places[0])
    if not chain or any(len(chain) < len(region_chain(p)) and applies(chain, region_chain(p)) for p in places[1:]):
        return None  # "昆明算不算安宁的": the smaller place must come first, else it is no question of containment
    lines = [_inside(chain, region_chain(p)) for p in dict.fromkeys(places[1:]) if region_chain(p) not in ((), chain)]
    if not lines:
        return None
    docs = turn.bot.index.documents
    own = [docs[d] for d in sorted(docs) if applies(docs[d].region, chain)]
    lines.append(f"适用于{chain[-1]}的是：{'、'.join(d.cited_title for d in own)}。" if own else
                 f"知识库中没有适用于{chain[-1]}的政策文件。")
    text = "".join(lines)
    reply = Answer(question=turn.question, found=bool(own), answer=text, citations=[], warnings=[],
                   direct_answer=text, outcome="answered" if own else "not_found")
    return with_periods(reply, turn, own)


def _inside(small: tuple, big: tuple) -> str:
    if applies(big, small):
        return f"{small[-1]}属于{big[-1]}（{' › '.join(small)}）。"
    return f"{small[-1]}不属于{big[-1]}，{big[-1]}的文件不适用于{small[-1]}。"


_OWN = re.compile(r"自己|自身|单独|本级|本地|专门")


_NO_TOPIC = re.compile(r"市级|区级|县级|省级|本级|本地|另有|另外|配套|单独|专门|自己|科技|创新|科创|相关|方面|你们|这里|这边|那边|现在|目前|收录|还|也|那|的")


def _only_place(core: str) -> bool:
    """Does the message name nothing but a place ("贵阳市级的科技政策你们这有没有？"), no topic of a rule?"""
    return not [w for w in topic_words(core) if not _NO_TOPIC.fullmatch(w) and len(w) >= 2]


ANSWERER = Answerer("coverage", answer)
