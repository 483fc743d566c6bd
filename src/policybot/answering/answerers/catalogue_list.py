""""能申请哪些补贴？": a broad question answered from the catalogue, one line per benefit, matched to the asker the
same way 政策匹配 matches (the page's three places never disagree about an item)."""

from __future__ import annotations

import datetime as dt
import functools
import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.answerers.mentions import with_said, with_trades_said
from policybot.answering.answerers.place_role import with_role
from policybot.answering.asker import self_description
from policybot.answering.trades import trade_named
from policybot.answering.reply import validity_warnings
from policybot.answering.followups import beyond_place
from policybot.answering.answerers.measures_list import measures_only, with_measures
from policybot.answering.questions import own_question
from policybot.answering.turn import Turn
from policybot.answering.wordclass import names_something, word_classes
from policybot.answering.words import (
    ASKING_WORDS,
    BESIDES,
    LEVEL_WORD,
    MAY_WE,
    OUR_KIND,
    PLANNED,
    RECAP,
    is_profile_word,
    left_aside,
    titled,
)
from policybot.catalogue.extract import Item
from policybot.catalogue.listing import citation, fresh
from policybot.catalogue.qualifying import NO_AMOUNT
from policybot.catalogue.matching import match
from policybot.catalogue.profiles import Profile, parse_profile
from policybot.index.retrieval import expand
from policybot.text.citations import check_answer
from policybot.text.concepts import concept_kind, concept_of, concepts_in
from policybot.text.lexical import alts, holds, normalise
from policybot.text.places import applicable_docs, applies, chains_in, places_in, region_chain, region_label
from policybot.types import Answer, PolicyDocument


def answer(turn: Turn) -> Answer | None:
    reading, bot = turn.reading, turn.bot
    more = bool(turn.history) and bool(_MORE.match(reading.core.strip()))  # "还有别的吗": what was not said yet
    listed = is_list_question(reading.core) or (_only_place(reading.core) and is_list_question(reading.resolved))
    trade = trade_named(reading.core)  # "官渡区对软件企业有啥扶持": the companies asked for, by their trade
    if not (listed or more) or any(not any(a in t for t in trade) for a in turn.terms.absent):
        return None  # "边民互市贸易有什么优惠": a topic no document names is refused as such, not listed around
    # this turn's asking nouns: "还有别的补贴吗？" after a 研发 question lists more than 研发, and
    # "我们是…制造企业，能申请哪些补贴？" is not a question about 制造
    # what it says it works toward ("我们想建院士工作站，有什么补助？") may be all the message names
    besides = BESIDES.search(reading.core)  # "除了工作站，还有啥我们能申请的？": those are not asked again
    core = reading.core.replace(besides.group(0), "，") if besides else reading.core
    own = normalise(own_question(core) + "。" + "。".join(PLANNED.findall(core)))
    own = OUR_KIND.sub("我们", own)  # "对我们这种农业科技企业有哪些扶持": the kind of company it is, no topic
    for t in trade:  # "临翔区茶叶加工企业有哪些政策可以申请": whom the list is for, not what it is about
        own = own.replace(t, "")
    tags = word_classes(own)
    titles = "".join(normalise(d.display_title) for d in bot.index.documents.values())
    topic = {t: w for t, w in bot.lexicon.specific(turn.terms.weights).items()
             if (not is_profile_word(t) or _asked_about(t, own))  # "规上高企" describes the company, "研发" names the topic
             and not bot.lexicon.common(t, 0.5)  # "科技方面能申请点啥": a word most passages use names no topic
             and any(a in own and a not in ASKING_WORDS and (names_something(a, tags) or _toward(t, own))
                     and not _GETTING.match(a) and a not in RECAP
                     and not re.fullmatch(_BENEFIT, a)  # "有什么帮扶": what kind of help, no topic
                     and a not in _SHAPES  # "有哪些支持方向": the shape of the list asked, no topic
                     and not LEVEL_WORD.fullmatch(a)  # "在市级层面还可以申请哪些": whose list, not what it is about
                     and bot.lexicon.known(a)  # "迁过去之后…多出来哪些支持": a word no document uses names no item
                     and not titled(a, own, titles)  # "科技兴区计划里我们能沾上哪些": the document asked
                     for a in alts(t))}
    said = "。".join([*(turn.asker.said if turn.asker else ()), reading.core])  # who the asker said it is, then the ask
    items = bot.index.catalogue
    if besides or more:
        aside = left_aside(reading.core) if besides else "这些"  # read once, not per item
        items = [it for it in items if not _already(it, aside, turn.history)]
    # a company that moved ("在西山区…", then "注册地迁到官渡区了，…哪些支持"): the list is for where it is now
    region = reading.region or (turn.asker.region if turn.asker and turn.plan.places == (turn.asker.region,) else None)
    region = region or _covered_instead(turn)
    if _not_for_asker(turn, region):
        return None
    reply = list_answer(reading.asked, said, items, bot.index.documents, turn.today, topic, region, reading.doc_id)
    if reply is None and topic and all(_a_kind(t) for t in topic):
        # "区里对科技型企业有哪些扶持措施": a kind of company no item is about asks what such a company may claim there
        topic = {}
        reply = list_answer(reading.asked, said, items, bot.index.documents, turn.today, topic, region, reading.doc_id)
    # a topic that is only what the company is or works toward ("想往专精特新方向走") is no topic of the list
    if reply is None:
        return None if topic or (not reading.region and _apart(said)) else measures_only(turn, said)
    reply = with_measures(reply, turn, said, region) if not _undescribed(topic, said) else with_said(reply, turn, topic)
    reply = with_trades_said(reply, turn, trade)  # "对外贸企业有什么支持": what the documents say of 外贸
    # a district with no document of its own: what its city's document plans there ("西山区有什么科技政策？")
    where = region or (turn.plan.places[0] if len(turn.plan.places) == 1 else turn.asker.region if turn.asker else "")
    return with_role(reply, turn, where) if where and not topic else reply


# what a rule without a figure says it gives ("按照政策给予一次性资金扶持"): its words, when the item's name lacks them
_GIVES = re.compile(r"(?:按照?政策)?给予(?:其)?([^，,。；;\d]{2,16}?(?:扶持|支持|奖励|补助|奖补|资助|经费)(?:资金)?)")


def _amount(item: Item) -> str:
    """The item's amount; for one without a figure, what its rule says it gives when the name does not say it
    ("…孵化平台资金扶持：未载明金额（原文：按照政策给予一次性资金扶持）")."""
    said = _GIVES.search(item.quote) if item.amount == NO_AMOUNT else None
    if said is None or said.group(1) in item.benefit:
        return item.amount
    return f"{item.amount}（原文：{said.group(0)}）"


_SHAPES = frozenset({"方向", "领域", "方面", "思路"})


def _a_kind(term) -> bool:
    """Is the term a kind of company every growing one may be (科技型企业, 中小企业), rather than a title a rule is
    for (高新技术企业) or a platform?"""
    return any(a in _KINDS for a in alts(term))


_KINDS = {"科技型", "科技型企业", "中小企业", "科技型中小企业", "科技企业", "小微企业", "民营企业", "企业"}


def _covered_instead(turn: Turn) -> str | None:
    """"那隔壁云岩区呢？我们在考虑搬过去" from a 南明区 company (no document of its own): the one covered place it may
    move to is listed."""
    places, asker = turn.plan.places, turn.asker
    if not (asker and asker.region and len(places) == 1) or applicable_docs(turn.bot.index.documents, asker.region):
        return None
    return places[0] if turn.moving_to == places[0] else None


def _not_for_asker(turn: Turn, region: str | None) -> bool:
    """"能不能申请昆明的研发投入补助" from a 玉溪 company: another place's benefits asked for the asker, which
    ``not_theirs`` answers (they do not apply), rather than a list."""
    asker, places = turn.asker, turn.plan.places
    return bool(asker and asker.region and places and not region and MAY_WE.search(turn.reading.core)
                and not any(applies(region_chain(p), asker.region) for p in places))


def _only_place(core: str) -> bool:
    """"那隔壁云岩区呢？": the follow-up names a place and nothing else (the list asked before, for that place)."""
    return bool(places_in(core)) and not beyond_place(core)


# a verb of getting ("我们能拿到哪些支持"): how the asker would receive a benefit, never what it asks about
_GETTING = re.compile(r"^(?:拿|领|得|用|享受|申请|申报|争取|获得|获取|弄|搞|沾|享|参照|参考|对照|适用|执行)(?:到|上|得到|得上|着)?$")


_THOSE = re.compile(r"^(?:这些|这个|这几个|这几项|这两个|上面的?|上述的?|刚才的?|前面的?|以上的?)$")


def _already(item: Item, what: str, history: list[dict] | None) -> bool:
    """Is the item what "除了…" leaves out: one an earlier answer listed ("除了这些"), or one named so ("除了工作站")?"""
    if _THOSE.match(what.strip()):
        said = "".join(t["content"] for t in history or [] if t.get("role") == "assistant" and isinstance(t.get("content"), str))
        return bool(item.benefit) and (item.benefit in said or (len(item.quote) >= 8 and item.quote[:20] in said))
    words = [w for w in re.split(r"[和、与及]", normalise(what)) if len(w) >= 2]
    named = normalise(f"{item.benefit}{item.beneficiary}")
    # "除了高企": 高新技术企业 items too; "除高企奖补外": the 奖补 that every benefit is leaves none out by itself
    return any(x in named for w in words for x in (w, *expand(w)) if not re.fullmatch(_BENEFIT, x))



# "区里对专精特新有啥扶持": what the support is for, whatever the asker is
_TOWARD = re.compile(r"(?:对|针对|关于|对于|给)(?:于)?$")
_RECOGNISED = re.compile(r"^.{0,2}(?:认定|评定|评上|评为|复审|重新认定|申报|培育|入库|获批)")


def _asked_about(term, own: str) -> bool:
    """A profile word this turn asks about rather than describes: a platform it names outside any self-description
    ("昆明市对国家重点实验室有什么支持？"), or a recognition asked with its act ("高企认定有什么奖励？")."""
    for a in alts(term):
        at = own.find(a)
        if at < 0:
            continue
        kinds = {concept_kind(cid) for cid, _s, _e in concepts_in(a)}
        if kinds - {"cert"} or _RECOGNISED.search(own[at + len(a):]) or _toward(term, own):
            return True
    return False


_BENEFIT = r"(?:政策|补贴|补助|奖励|奖补|扶持|支持|优惠|资金|帮扶|举措|措施|钱|(?i:subsid[a-z]*|grants?|funding))"  # an English word too


_LIST_QUESTION = re.compile(
    rf"(?:哪些|什么|啥|哪几项|几项)(?:[\u4e00-\u9fff]{{0,6}})?{_BENEFIT}|能申请|可以申请|可申请|都有啥|有没有什么"
    rf"|(?:别的|其他|其它|另外的|其余的?)[\u4e00-\u9fff]{{0,4}}?{_BENEFIT}"  # "还有别的补贴吗？"
    r"|(?:别的|其他|其它)[\u4e00-\u9fff]{0,2}?(?:能|可以)(?:享受|拿|领|申请|申报|用|沾)(?:到|上|得上)?的?(?:吗|么|没|不|呢)"  # "还有别的能沾上的吗"
    rf"|(?:能|可以|可)(?:享受|拿|领|申报|用|用上|用得上|沾|争取)(?:到|的|上)?(?:点儿?|些)?(?:哪些|什么|啥)"  # "可以享受哪些？", "能享受点啥"
    rf"|{_BENEFIT}[\u4e00-\u9fff]{{0,10}}?(?:哪些|哪几项|哪几条|哪几块|哪几类|哪几种|哪几个方面)(?=[？?。！!，,]|$)"  # "…都能用上哪些？"
    rf"|(?:了解|问问|咨询)(?:一下)?(?:[\u4e00-\u9fff]{{0,2}}(?:方面|这块|这方面)的?){_BENEFIT}"  # "想了解一下科技方面的补贴"
    # "介绍一下官渡区的科技政策", "想了解一下昆明的科技创新政策": a place's policies asked for as a whole
    r"|(?:了解|问问|咨询|介绍|说说|讲讲)(?:一下|下)?[\u4e00-\u9fff]{0,6}?的(?:科技|创新|科技创新|扶持|优惠)*政策(?=[？?。！!，,]|$)"
)


# "总结一下，我们今年最多能拿多少钱？": everything the asker may claim, asked as one sum — answered by the list (no sum
# is stated: a number an answer gives must be quoted, and the items' conditions differ)
_ALL_TOLD = re.compile(r"(?:最多|一共|总共|加起来|合计|全部|总计)[^，,。？?]{0,6}?(?:能|可以|可)?(?:拿|领|申请|得|享受|补)(?:到|上)?(?:多少|几)")


# "还有别的吗？", "其他的呢": more of what the conversation is listing, asked with no word of its own
_MORE = re.compile(r"^(?:那|哦|好的?|嗯)?[，,\s]*(?:还有)?(?:没有)?(?:别的|其他|其它|另外的|其余的?)(?:的)?(?:吗|呢|没有|没|不|么)?[？?。！!\s]*$"
                   r"|^(?:那|哦|好的?|嗯)?[，,\s]*还有(?:吗|呢|没有|没|么)[？?。！!\s]*$")


def is_list_question(question: str) -> bool:
    """"能申请哪些补贴？", "昆明有哪些研发补贴？", "我们是临沧的规上高企，有什么政策？": a list, not one fact."""
    if _ALL_TOLD.search(question) and not re.search(r"研发|高企|高新|工作站|实验室|中心|孵化|人才|团队|楼宇|专利|大赛", question):
        return True  # a sum of everything, not of one named benefit ("研发投入最多能补多少")
    return bool(_LIST_QUESTION.search(question)) and not re.search(r"多少|条件|部门|谁|何时|什么时候|几月|分别", question)


# the most lines a chat list shows (written out in words in the reply: every digit an answer states is quoted); on
# dev, ten left items the asker's own description points to (国际双创大赛 for a start-up, 企业科技创新中心) below the cut
MAX_LINES, MAX_LINES_WORD = 15, "十五"


def _about(pool: list[Item], topic: dict) -> list[Item]:
    """The items about the question's topic: holding every one of its key terms (weight at least half the top's;
    "高企认定" is not every item that mentions 高新技术企业), else any of them."""
    top = max(topic.values())
    key = [t for t, w in topic.items() if w >= 0.5 * top]

    def text(it: Item) -> str:
        return normalise(f"{it.benefit}{it.beneficiary}{it.quote}")

    nouns = [t for t in key if is_profile_word(t)] or key  # what is named: a platform or a recognition
    named = [it for it in pool if all(holds(normalise(f"{it.benefit}{it.beneficiary}"), t) for t in nouns)]
    if named:  # named so in the item itself, not only in the sentence it shares with others
        return named
    every = [it for it in pool if all(holds(text(it), t) for t in key)]
    return every or [it for it in pool if any(holds(text(it), t) for t in topic)]


def _of_place(pool: list[Item], asked_of: str) -> list[Item]:
    """"昆明市对…有什么奖励？": the place's own items (and those above it), not its districts' (五华区's apply in 五华
    only); all of ``pool`` when no place was asked about or none of its items is the place's own."""
    chain = region_chain(asked_of) if asked_of else ()
    own = [it for it in pool if chain and applies(it.region, chain)]
    return own or pool


@functools.lru_cache(maxsize=256)
def _self_profile(text: str) -> Profile:
    """What the asker says of itself in ``text``, read once a turn (the list and its topic both need it); not to be
    changed by callers."""
    own = "。".join(self_description(text))
    return parse_profile(own) if own else Profile()


def _undescribed(topic: dict, text: str) -> dict:
    """The topic's terms that are not words of what the company says it has or plans ("正在申报省级重点实验室"
    describes it; it is not what the list is about)."""
    profile = _self_profile(text)
    described_as = " ".join([*profile.plans, *profile.platforms, *profile.achievements,
                             *(c.name for c in profile.certifications)])
    ask = normalise(own_question(text.rsplit("。", 1)[-1]))  # the ask is last ("…。区里对专精特新有啥扶持")
    return {t: w for t, w in topic.items() if not any(a in described_as for a in alts(t)) or _toward(t, ask)}


def _toward(term, ask: str) -> bool:
    """Is the term what the ask is for ("区里对专精特新有啥扶持"), though the company also says it is one?"""
    return any(_TOWARD.search(ask[: m.start()]) for a in alts(term) for m in re.finditer(re.escape(a), ask))


def _apart(text: str) -> bool:
    """Two places named, neither inside the other."""
    named = chains_in(text)
    return any(not applies(a, b) and not applies(b, a) for a in named for b in named)


def list_answer(question: str, text: str, items: list[Item], documents: dict[str, PolicyDocument], today: dt.date,
                topic: dict, region: str | None = None, doc_id: str | None = None):
    """A broad question answered from the catalogue: one line per item (benefit — amount [n]), or None
    when no item fits (the ordinary answer is given then)."""
    if not region and _apart(text):
        return None  # "临沧和昆明分别…": one answer line per place, not one place's list
    # only what the asker says of itself describes it: "对新型研发机构各有什么支持" asks about a topic, it holds none
    own = "。".join(self_description(text))
    profile = _self_profile(text).model_copy(deep=True)  # its region is set below
    asked_of = "" if region or profile.region else parse_profile(text).region  # a place asked about, not the asker's
    profile.region = region or profile.region or asked_of
    pool = _of_place([it for it in fresh(items, documents, today) if not doc_id or it.doc_id == doc_id], asked_of)
    undescribed = _undescribed(topic, text)
    # "我们想建院士工作站，有什么补助？": a message that says only what the company plans asks about that plan
    own_now = self_description(question)
    now = parse_profile("。".join(own_now)) if own_now else Profile()
    only_plans = now.plans and not (now.certifications or now.size or now.platforms or now.achievements)
    topic = undescribed or (topic if only_plans else {})
    if topic:  # "研发补贴": items about the question's focus only
        pool = _about(pool, topic)
    # the same matcher as 政策匹配, on the same items as 政策清单: the chat never gives an item another status
    matches = match(profile, pool, lambda it: it.expired)
    described = profile.model_dump(exclude={"region", "free_text"}) != Profile().model_dump(exclude={"region", "free_text"})
    described = described or bool(_DENIES.search(own))  # "我们还不是高企": what it lacks describes it too
    kept = _kept(matches, described, bool(topic), bool(profile.region))
    if not kept:
        return None
    aims = {c for c, _, _ in concepts_in(" ".join(now.plans))}  # what this message says the company works toward

    def named_so(m) -> bool:  # the asked topic in the benefit's own name comes first, then what the plan brings
        return any(holds(normalise(m.item.benefit), t) for t in topic) or (
            m.status == "planned" and bool(aims & {c for c, _, _ in concepts_in(m.reasons[0] if m.reasons else "")}))

    first = _place_asked_first(question, profile.region)
    kept.sort(key=lambda m: (not named_so(m), bool(first) and m.item.region[-1] != first,
                             _CLAIMABLE.get(m.status, 3) if described else 0, *_step(m)))
    shown = kept[:MAX_LINES]
    citations, lines = [], []
    for n, m in enumerate(shown, 1):
        citations.append(citation(m.item, documents, n))
        note = _note(m, described, m.status in _CLAIMABLE)
        lines.append(f"· 【{region_label(m.item.region, profile.region)}】{m.item.benefit}：{_amount(m.item)}{note}[{n}]")
    # no counts in the text: every number an answer states must be a quoted one
    none_yet = described and not any(m.status in _CLAIMABLE for m in kept)
    head = ("与所问相关的扶持（按贵单位情况逐项说明）" if described and topic
            else "贵单位所在地适用、需先满足条件的扶持" if none_yet else "可能适用于贵单位的扶持" if described else "相关扶持")
    head += f"（只列出前{MAX_LINES_WORD}项；完整清单见“政策清单”，逐项核对条件见“政策匹配”）" if len(kept) > MAX_LINES else ""
    body = "\n".join(lines)
    answer = Answer(question=question, found=True, answer=f"{head}：\n{body}", citations=citations,
                    warnings=validity_warnings([documents[d] for d in dict.fromkeys(c.doc_id for c in citations)], today),
                    direct_answer=f"{head}：\n{body}", outcome="answered")
    return None if check_answer(answer.answer, citations) else answer


def _place_asked_first(question: str, home: str) -> str:
    """The district whose own items a list leads with: the one the ask names ("官渡区这边对研发投入有什么支持？"), or
    the asker's when it asks "区里" ("迁过去之后区里多出来哪些支持?"); "" when it asks neither."""
    ask = own_question(question)
    named = [c for c in chains_in(ask) if len(c) >= 3]
    if named:
        return named[0][-1]
    chain = region_chain(home) if home else ()
    return chain[2] if len(chain) >= 3 and _DISTRICT_ASKED.search(ask) else ""


_DISTRICT_ASKED = re.compile(r"区里|区上|区级|县里|县上|县级")
_DENIES = re.compile(r"(?:不是|还没|没有|尚未|未)(?:评上|认定|拿到|进|入)?[^，,。；;]{0,4}(?:高企|高新|科技型|专精特新|规上|上规|入规)")
_FEW = 5  # fewer claimable items than this: the list goes on with the next steps
_CLAIMABLE = {"eligible": 0, "possible": 1, "planned": 2}  # what the company may claim, in the order listed


def _kept(matches: list, described: bool, topic: bool, placed: bool) -> list:
    """The items a broad question lists, by what the asker said of itself and asked about."""
    if described and topic:  # "国家重点实验室有什么支持？": the topic's every item, those it cannot claim yet said why
        return [m for m in matches if m.applies_here or m.status in _CLAIMABLE]
    if described:  # the company said what it is: what it may claim (now, once confirmed, once its plans succeed);
        # few or none: then what applies where it is once it holds what the rule names first (a 科小 is told of the
        # 高新技术培育企业 奖补 and what it needs for it), never a rule for another size or place
        kept = [m for m in matches if m.status in _CLAIMABLE]
        if len(kept) < _FEW:
            kept += [m for m in matches if m.applies_here and m.status not in _CLAIMABLE and _reachable(m)] or (
                [] if kept else [m for m in matches if m.applies_here])
        return kept
    if placed:  # only where it is: everything that applies there
        return [m for m in matches if m.applies_here]
    return matches


def _reachable(m) -> bool:
    """An item the company could claim once it holds what the rule names ("未具备（描述中未写明）：…"), not one it
    fails for its size, its place or a figure it stated."""
    return bool(m.reasons) and all(r.startswith("未具备") for r in m.reasons)


def _step(m) -> tuple:
    """Claimable items by amount, largest first; a next step (what the company must hold first) nearest first: a
    recognition it can apply for (高新技术培育企业) before a platform it would have to build, the smaller first."""
    amount = m.item.amount_max_yuan or 0
    if m.status in _CLAIMABLE or not m.reasons:
        return (0, 0, -amount)
    needs = [concept_of(cid) for cid, _, _ in concepts_in(m.reasons[0])]
    steps = [c.get("step", 9) for c in needs if c["kind"] == "cert"]
    return (0, min(steps), amount) if steps else (1, 0, amount)  # the nearest recognition on the ladder first


def _note(m, described: bool, claimable: bool) -> str:
    """What a line adds in brackets: the fact to confirm or the plan (需确认/计划中), what must come first, and the
    rule's own limits ("此项不重复补助")."""
    note = "（" + m.reasons[0] + "）" if described and m.status in ("possible", "planned") and m.reasons else ""
    if described and not claimable:  # what it must have first, in the company's terms
        why = m.reasons[0].replace("未具备（描述中未写明）：", "需先具备：") if m.reasons else ""
        note = f"（{why}）" if why.startswith("需先具备") else "（暂不符合" + (f"：{why}" if why else "") + "）"
    return note + "".join(f"（{x}）" for x in m.item.notes)


ANSWERER = Answerer("catalogue_list", answer)
