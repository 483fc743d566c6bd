"""What the asker has said about itself in a conversation: its place, its size, what it holds and what it lacks.

"我们是官渡区的规上企业，还没评上高企" is the most useful sentence of a conversation; only the asker's own words
about itself count (a sentence with 我们/我司/本公司 …), never a question about a rule ("官渡区高企认定奖励多少？"
names a place and a recognition, but says nothing of the asker). Later sentences win: a company that said it is
not a 高企 and later says it was recognised holds it. Read with the 政策匹配 profile reader (``parse_profile``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policybot.answering.words import BRANCH, ENDS_IN_BU, HELLO, WHICH_KIND, is_greeting, placeless_opener, without_behalf
from policybot.catalogue.clauses import previous_clause
from policybot.catalogue.profiles import parse_profile
from policybot.catalogue.whose import of_self
from policybot.text.concepts import concept_kind, concepts_in, doubted_at, planned_at
from policybot.text.lexical import typed_pauses
from policybot.text.places import aliases, applies, asked_chains, places_in, region_chain, short_label, without_places
from policybot.types import Answer, PolicyDocument

_UNIT = r"(?:企业|公司|高校|大学|学院|学校|研究院|研究所|科研院所|院所|医院|协会|孵化器|园区|工作站|实验室|机构|中心|众创空间|银行|支行|合作社|事务所)"
_SELF = re.compile(rf"我们|我司|本公司|我公司|我单位|本单位|我厂|咱们|我们公司|我家公司|我这边企业|我是.{{0,12}}{_UNIT}"
                   # "我在五华区一家企业做研发": a person of a unit there
                   rf"|我(?:人)?在(?:(?!看|听|网|说|知道|查)[^，,。？?]){{0,12}}?(?:一家|一个|一所|家|个)[^，,。？?]{{0,10}}?(?:{_UNIT}|单位|工厂)"
                   # "我在呈贡读研，刚注册了个小公司": a company of one's own, registered or opened
                   r"|(?:刚|才|已经|去年|今年)?(?:注册|成立|开)了?(?:个|一个|一家|家)[\u4e00-\u9fff]{0,4}(?:公司|企业|厂)")
_SENTENCE = re.compile(r"[^。！!？?\n]+[。！!？?]?")
_CLAUSE = re.compile(r"[^，,；;。！!？?\n]+")
_CLAUSE_WITH_MARK = re.compile(r"[^，,；;。！!？?\n]+[，,；;。！!？?\n]?")
_DENIED = re.compile(r"(?:还没|没有|没|未|尚未|还不是|不是|并非|暂未|还未)[^，,；;。]{0,6}$")
_SHORT = {"高新技术企业": "高企", "科技型中小企业": "科小", "专精特新中小企业": "专精特新"}


@dataclass(frozen=True)
class Asker:
    region: str = ""
    size: str = ""
    holds: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    said: tuple[str, ...] = field(default=(), compare=False)  # the sentences it was read from

    def label(self) -> str:
        """"官渡区 · 规上 · 非高企" — what the answers assume, for the page's line; empty when nothing is known."""
        parts = [self.region, self.size, *(_SHORT.get(h, h) for h in self.holds),
                 *("非" + _SHORT.get(x, x) for x in self.lacks)]
        return " · ".join(p for p in parts if p)

    def __bool__(self) -> bool:
        return bool(self.region or self.size or self.holds or self.lacks)


# a message that opens with where the asker is from, as people do in a chat: "云岩区的，准备今年报高企…",
# "盘龙区这边的，我们想…"
_FROM = re.compile(r"^\s*(?:你好|您好)?[，,\s]*([^，,。？?！!\s]{2,10}?)(?:这边的|那边的|这里的|的)[，,]")


def self_description(text: str) -> list[str]:
    """The sentences of ``text`` in which the asker speaks of itself."""
    text = typed_pauses(text or "")  # "官渡区规上高企 数字经济方向 我们能…": a typed pause parts clauses
    return [s.strip() for s in _SENTENCE.findall(text) if _SELF.search(s) or _from_place(s) or _labelled(s)]


# a clause saying what the asker is not, without a subject ("不是高企", "还没评上高企")
_NOT_YET = re.compile(r"^\s*(?:还|也|但|但是)?(?:不是|没有|没|未|尚未|还没|暂未|还不是)")


# a clause saying what the asker is doing or has done, without a subject ("准备科创板上市", "去年刚评上")
_DOING = re.compile(r"^\s*(?:正在|准备|打算|计划|拟|刚|刚刚|去年|今年|前年)")


_HELLO = re.compile(rf"(?:{HELLO}|您们好|你们好|大家好|打扰了|打扰一下)[!！~～]*", re.I)


def _labelled(sentence: str) -> bool:
    """"官渡区规上企业，不是高企，研发投入补多少", "西山区高企，准备科创板上市，…": a label for the asker, then what it is
    not, or what it is doing — it speaks of itself."""
    clauses = [c for c in _CLAUSE.findall(sentence) if not _HELLO.fullmatch(c.strip())]  # "您好，盘龙区一家…企业，规上，…"
    return len(clauses) > 1 and labels_asker(clauses[0]) and any(_NOT_YET.match(c) or _DOING.match(c) for c in clauses[1:])


def _from_place(sentence: str) -> str:
    """The place a sentence opens with as the asker's own ("云岩区的，…"), else ""."""
    m = _FROM.match(sentence)
    named = places_in(m.group(1)) if m else []
    return named[0] if named and not _ASKING.search(m.group(1)) else ""


_LABEL = re.compile(r"规模以上|规模以下|规上|规下|小微|国家高新技术企业|高新技术企业|高企|科技型中小企业|科小|专精特新(?:中小)?"
                    r"|上市|民营|国有|国企|企业|公司|工业|制造业?|一家|一个|这边|那边|我们|我司|[的是在和、]")


def labels_asker(clause: str) -> bool:
    """A clause that only labels the asker ("西山区规上高企", "官渡的科小"): places and company labels, asking nothing."""
    if _ASKING.search(clause):
        return False
    rest = clause.strip()
    for place in places_in(rest):
        for alias in aliases(place):
            rest = rest.replace(alias, "")
    labelled = re.search(r"规模以上|规模以下|规上|规下|小微|高新技术企业|高企|科小|科技型中小企业|专精特新|企业|公司", rest)
    if rest != clause.strip() and _TRADE_ENTITY.fullmatch(rest.strip("，, ")):
        return True  # "西山区的生物医药初创", "临翔区做坚果的小厂": where, what trade, what kind of entity
    return rest != clause.strip() and bool(labelled) and len(_LABEL.sub("", rest)) <= 1


# a trade and the kind of entity the asker is, after its place: a label, not a topic
_TRADE_ENTITY = re.compile(r"(?:一家|一个)?(?:的|做|搞)?[\u4e00-\u9fff]{0,12}?的?(?:初创(?:企业|公司)?|创业公司|小公司|小厂|工厂|厂子?|企业|公司|startup)",
                           re.I)


# a question word, or a request put as a statement ("想了解官渡区到2025年的目标。", "请介绍一下…")
_ASKING = re.compile(r"[？?]|多少|哪些|哪个|哪里|哪儿|" + WHICH_KIND + r"|(?:去|到|在|找)哪|什么|怎么|怎样|如何|吗|呢|能否|可否|是否|有没有|能不能|可不可以|几|谁|啥|咋|多久|多长时间"
                     # 咨询 asks as a verb ("想咨询一下"), not as a trade ("一家科技咨询公司")
                     r"|了解|(?:想|来|要|再|特此|请|我)咨询|咨询(?:一下|下|个|您|你|问题|点|些)|请教|请问|想问|问一下|问下|问问|介绍|说明一下|说说|讲讲|告知|告诉|查一下|查询"
                     # a question put with a trailing 没 / 不, as spoken ("有贴息没", "有补助没得", "能拿不")
                     r"|有[^，,。；;！!]{1,12}(?:没有?|没得)(?=[，,。；;！!\s]|$)|(?:能|可以|可|行)[^，,。；;！!]{0,12}不(?=[，,。；;！!\s]|$)"
                     r"|" + ENDS_IN_BU +
                     r"|(?P<either>[\u4e00-\u9fff])不(?P=either)"  # "研发投入市里补不补", "给不给": a verb and its negation
                     r"|真的假的|是真是假|真假|是不是|对不对|对吧|属实|靠谱"  # "听说市里给运营方奖100万，真的假的"
                     # an alternative asked ("按我们自己的增量算还是全市的")
                     r"|[算给按拿报发补奖]还是|是[^，,。；;]{1,12}?还是"
                     # a guess put for confirming ("官渡那个后补助我们能申请吧", "也能享受吧", "行不行", "对吧")
                     r"|(?:能|可以|可|会|应该|算|也)[^，,。；;！!]{0,12}吧(?=[，,。；;！!\s]|$)|行不行|对不对|是不是|对吧|是吧"
                     # "迁过去以后市里的研发补助会不会受影响", "想先比较一下…": asked without a mark
                     r"|会不会|要不要|用不用|算不算|够不够|受影响|影响不|比较一下|对比一下|比一比")


def only_describes(message: str) -> bool:
    """A message in which the asker only says who it is ("我们是官渡区的规上企业，还没评上高企"), asking nothing."""
    message = _without_openers(message)  # "…，还不是高企，想问问科技政策": an opener asks nothing yet
    said = self_description(message)
    return bool(said) and not _ASKING.search(message) and len("".join(said)) >= 0.8 * len(message.strip())


def _without_openers(message: str) -> str:
    """The message without its greetings and openers ("您好", "想咨询一下科技政策"), or as it is when that is all."""
    clauses = re.split(r"(?<=[，,。；;！!])", message.strip())
    # "…的企业，想了解一下云南这边的政策。": beside a description, an opener naming a place opens too
    kept = [c for c in clauses if (b := c.strip("，,。；;！! ")) and not is_greeting(b)
            and not (len(clauses) > 1 and is_greeting(placeless_opener(b)))]
    return "".join(kept) if kept else message


# a clause that says where the asker is ("我们是大理的企业", "我司位于官渡区"), not one that names a place's rule
# ("临沧那个补助我们能申请吗？")
_LOCATES = re.compile(r"(?:我们|我司|本公司|我公司|我单位|本单位|咱们|我厂|集团)[^，,。？?]{0,4}(?:是|在|位于|地处|注册|落户|设在)"
                      r"|(?:企业|公司|单位|工厂|集团|子公司|分公司)(?:[，,。；;]|$)"
                      rf"|我是[^，,。？?]{{0,12}}{_UNIT}")  # "我是呈贡大学城一所高校科技处的": a person of a unit there


def _locates(sentence: str) -> bool:
    if BRANCH.search(sentence):  # "我们在官渡也有个分公司": a branch there, the asker is where it was
        return False
    return bool(_from_place(sentence) or _ours_named(sentence)) or any(
        (_LOCATES.search(c) or labels_asker(c)) and places_in(c) for c in _CLAUSE.findall(sentence)) or any(
        any(c[m.end():].startswith(p[:2]) for p in places_in(c[m.end():m.end() + 6]))
        for c in _CLAUSE.findall(sentence) for m in _I_AM_IN.finditer(c))


_I_AM_IN = re.compile(r"我(?:人)?在")  # "我在呈贡读研，刚注册了个小公司": the place right after it (never "我在网上看到临沧…")


def _ours_named(sentence: str) -> str:
    """The place named right after 我们 ("我们官渡有没有？", "我们盘龙也有吗？"), else ""."""
    for m in _OURS.finditer(sentence):
        after = re.sub(r"^(?:在|位于|落在|落户在?)", "", sentence[m.end():])  # "我们在贵阳能申请不"
        named = [p for p in places_in(sentence[m.start():m.end() + 8]) if after.startswith(p[:2])]
        if named and after != sentence[m.end():]:  # "我们在昆明官渡区": the place said most closely
            named = [max(places_in(after[:10]), key=lambda p: len(region_chain(p)), default=named[0])]
        if named:
            return named[0]
    return ""


# a message that sets a named place against the asker's own ("昆明不是评上就给3到5万嘛，我们这没有？",
# "临沧那个补助我们能申请吗？"): the place named is not where the asker is
_OURS = re.compile(r"(?:我们|咱们|我司|我公司|本公司|我单位)(?:这|这边|这里|那边|当地|本地)?")


def in_conversation(asker: Asker, earlier: list[str]) -> Asker:
    """The asker with the conversation's place when it said none of its own: the last place its earlier messages
    named ("五华区的规上企业，…按排名奖励？" then "市里的研发补助我们还能拿吗？" is still about 五华区). A follow-up
    inherits the place it follows; a question naming another place answers for that place."""
    if asker.region:
        return asker
    # the latest message naming a place, its most specific place ("《昆明市官渡区…》" is 官渡区, not 昆明市); a place
    # that only begins a programme's name ("昆明市科技创新领军人才") says nothing of where the asker is
    # "我帮我们老板问一下，他说以前五华区…": whom it asks for sets no place against its own
    # a place named only as an origin ("台湾母公司的研发中心引进过来") is none of the conversation's
    kept = [m for m in earlier if not _sets_against(without_behalf(m)) and not _RELAYS.search(m)]
    named = [(p[0], m) for m in kept if (p := [c[-1] for c in asked_chains(m) if not programme_place(m, c[-1])])]
    # "官渡区科技创新团队每年选几个？" then "入选了团队给多少钱": with no other place named, the programme's place is
    # the conversation's (its documents answer the follow-up)
    named = named or [(p[0], m) for m in kept if (p := [c[-1] for c in asked_chains(m)])]
    # "我看临沧那边是给100万": a place said to be over there is not where the conversation is, once one was named
    # …nor one it is compared with ("和昆明比哪个多？")
    pairs = [(x, m) for x, m in named if not _compared(m, x)]
    named = [x for x, m in pairs if not _over_there(m, x)] or [x for x, _ in pairs]
    place = ""
    for x in named:  # "五华区对研发投入有什么扶持？" then "那昆明市那个措施呢": the city's measures for the same district
        place = place if place and x != place and applies(region_chain(x), place) else x
    return replace(asker, region=place) if place else asker


def _named_so(message: str, place: str, before: str, after: str) -> bool:
    """Is ``place`` named in the message between the patterns ``before`` and ``after`` (its 市/区/县/州 optional)?"""
    return any(re.search(before + re.escape(a) + r"(?:市|区|县|州)?" + after, message) for a in aliases(place) if a)


def _compared(message: str, place: str) -> bool:
    """Is ``place`` named in the message as what the asker's is compared with ("和昆明比哪个多", "跟五华相比")?"""
    return _named_so(message, place, r"(?:和|跟|与|同)", r"(?:那边|那里)?(?:比|相比|对比|比较)")


def _over_there(message: str, place: str) -> bool:
    """Is ``place`` named in the message as over there ("临沧那边", "昆明那里的")?"""
    return _named_so(message, place, "", r"(?:那边|那里|那儿|那头)")


# a message passing on someone else's question ("又有个成都的公司问，…", "另一个来电是临沧的企业"): the place it names is
# that caller's, not the asker's (a hotline clerk), and no later message inherits it
_RELAYS = re.compile(r"^(?:又|还|另外)?(?:有(?:个|位|一个|一位|家|人)|另一(?:个|位|家))[^，,。？?：:]{0,14}(?:问|来电|咨询|打电话|打来)"
                     r"|来电|(?:市民|群众|客户)(?:来电)?(?:问|咨询)")


# a programme's name runs on without a particle or preposition ("昆明市科技创新领军人才"); "云岩区对引进的人才…"
# asks about the place's rule for talent
_PROGRAMME = re.compile(r"(?:[（(][\u4e00-\u9fff]{1,6}[）)]|[）)])?"  # "云南（昆明）专家工作站": the place bracketed in the name
                        r"(?:(?![那这的里边对在给为向把和与及有])[\u4e00-\u9fff]){0,10}?(?:人才|带头人|团队|后备人选|院士工作站|专家工作站)")


def programme_place(message: str, place: str) -> bool:
    """Is every mention of ``place`` in the message the start of a programme's name ("昆明市科技创新领军人才")?"""
    names = [a for a in aliases(place) if a and a in message]
    spots = [m.end() for a in names for m in re.finditer(re.escape(a), message)]
    return bool(spots) and all(_PROGRAMME.match(message, at) for at in spots)


def _sets_against(message: str) -> bool:
    """A message naming places only to set them against the asker's own (it says nothing of where the asker is): a
    sentence naming a place speaks of 我们 too. "请问五华区对企业研发投入有奖励吗？我们是规上企业。" asks of 五华区 and
    says who the asker is in a sentence of its own: the place is the conversation's."""
    naming = [s for s in _SENTENCE.findall(message) if places_in(s) and not _HANDLES.search(s)]
    return any(_OURS.search(s) for s in naming) and not _locates(message)


# "我们窗口要整理临沧市…方案的基本信息": the asker works on the place's document, it sets nothing against it
_HANDLES = re.compile(r"(?:我们|咱们|我单位)(?:窗口|科室|这边|中心|部门)?(?:要|在|正在|想)?(?:整理|汇总|梳理|核对|统计|学习|研读|解读)")


# each earlier message is read for the asker's description up to this many characters: a company says who it is
# at the start of a message, and a conversation of pasted 4,000-character turns is not read whole on every turn
EARLIER_CHARS = 1000


def conversation_asker(earlier: list[str], question: str = "") -> Asker:
    """The asker as its earlier messages and this one describe it, with the conversation's place when it said none."""
    earlier = [m[:EARLIER_CHARS] for m in earlier]
    return in_conversation(read_asker(earlier + ([question] if question else [])), earlier)


def placed(asker: Asker, earlier: list[str], question: str, correct) -> Asker:
    """``asker`` with the place its messages name once ``correct`` (text -> (mended, fixes)) mends their slips
    ("官度区的，我们是规下的…" is 官渡区's), when they name one only that way."""
    earlier = [m[:EARLIER_CHARS] for m in earlier]
    mended = [correct(m)[0] for m in [*earlier, question]]
    if not any(len(places_in(a)) > len(places_in(b)) for a, b in zip(mended, [*earlier, question])):
        return asker
    place = conversation_asker(mended[:-1], mended[-1]).region
    return replace(asker, region=place) if place else asker


def read_asker(messages: list[str], start: Asker | None = None) -> Asker:
    """The asker as its messages (oldest first) describe it, on top of ``start``."""
    region, size = (start.region, start.size) if start else ("", "")
    holds = list(start.holds) if start else []
    lacks = list(start.lacks) if start else []
    said = list(start.said) if start else []
    for sentence in (s for m in messages for s in self_description(m)):
        # "我们隔壁一家规下的小厂也想申": a neighbour's size and titles are not the asker's
        sentence = "".join(c for c in _CLAUSE_WITH_MARK.findall(sentence) if not _THIRD.search(c))
        if not sentence:
            continue
        profile = parse_profile(sentence)
        own = "" if BRANCH.search(sentence) else _from_place(sentence) or _ours_named(sentence)
        # "我们团队要是入选昆明市科技创新团队": a place beginning a programme's name is not where the asker is
        located = _locates(sentence) and profile.region and not programme_place(sentence, profile.region)
        new = own or (profile.region if located else "")
        # "我们在贵阳" after "观山湖区的": the place said before lies in it, and says more
        region = region if new and region and applies(region_chain(new), region_chain(region)) else new or region
        # "要是我们今年掉到规下了": what it might become is not its size
        stated = "，".join(c for c in _CLAUSE.findall(sentence) if not _SUPPOSING.search(c))
        size = (profile.size if stated and parse_profile(stated).size else "") or size
        for clause in _CLAUSE.findall(sentence):
            if (places_in(clause) or _ASKING.search(clause)) and not (_SELF.search(clause) or _from_place(clause + "，")
                                                                       or labels_asker(clause)):
                continue  # "昆明不是评上培育企业就给3到5万嘛", "市里对独角兽有什么支持": a rule, not the asker
            if _SUPPOSING.search(clause):
                continue  # "如果我们评上高新技术企业，…": what it might be is neither held nor lacked
            for cid, s, e in concepts_in(clause):
                cid = of_self(cid, clause, s, previous_clause(clause, sentence))  # "去年刚认定了高企": its own recognition, not one it cultivated
                if not _is_cert(cid) or planned_at(clause, s, e):
                    continue  # "准备今年报高企": neither held nor lacked yet (read as 政策匹配 reads plans)
                if doubted_at(sentence[sentence.find(clause):], s, e):
                    continue  # "高企我们也不确定": neither held nor lacked
                if _SERVES.match(clause[e:]):
                    continue  # "我们做高企申报代理的": a service to others, not what the asker holds
                if _ASKING.search(clause) and not _STATED.search(clause[:s]) and not _DENIED.search(clause[:s]):
                    continue  # "临沧的高企奖励我们能拿吗": the rule's subject, not what the asker holds
                denied = bool(_DENIED.search(clause[:s]))
                (lacks if denied else holds).append(cid)
                (holds if denied else lacks)[:] = [x for x in (holds if denied else lacks) if x != cid]
        said.append(_without_places_against(sentence))
    return Asker(region, size, tuple(dict.fromkeys(holds)), tuple(dict.fromkeys(lacks)), tuple(said))


def _without_places_against(sentence: str) -> str:
    """The sentence as said of the asker: without the places it sets against the asker's own ("五华区有研发投入排名奖励，
    我们能不能去那边申请？" says nothing of where the asker is; a list for whom it said it is must not read 五华区)."""
    return without_places(sentence, places_in(sentence)) if _sets_against(sentence) else sentence


_SUPPOSING = re.compile(r"如果|要是|假如|假设|万一|一旦|以后|将来|如若|倘若")
# a recognition the asker's trade serves ("做高企申报代理的", "高企认定咨询服务")
_SERVES = re.compile(r"[^，,。]{0,4}?(?:代理|代办|咨询|辅导|中介|服务机构|培训)")
_STATED = re.compile(r"(?:是|为|属于|作为|已经是|已是|拿到了?|评上了?|认定了?)[^，,；;]{0,4}$")

# supposing the company gets a recognition without naming it ("那要是评上了呢", "如果明年通过了呢")
_GETS = re.compile(rf"(?:{_SUPPOSING.pattern}|等)[^，,。？?]{{0,6}}?(?:评上|评为|认定|通过|拿到|获批|成为|[^\s，,。？?有没]上)")


def supposed_held(core: str, asker: Asker | None) -> tuple[str, ...]:
    """The recognitions a follow-up supposes the asker gets, unnamed ("那要是评上了呢" after "还没评上高企"): those it
    said it lacks. None when the turn names a recognition of its own (it supposes that one)."""
    gets = _GETS.search(core) if asker is not None else None
    if gets is None:
        return ()
    named = [(cid, s) for cid, s, _ in concepts_in(core) if _is_cert(cid)]
    if named:  # "要是评上高企了 能到多少": the one it names right after the getting, when it said it lacks it
        return tuple(cid for cid, s in named if 0 <= s - gets.end() <= 2 and cid in asker.lacks)
    return tuple(cid for cid in asker.lacks if _is_cert(cid))


def getting_said(core: str) -> str:
    """The words supposing the asker gets a recognition ("要是评上", "如果认定"), or ""."""
    m = _GETS.search(core)
    return m.group(0) if m else ""


def supposed_in_turn(core: str, resolved: str, asker: Asker | None) -> tuple[str, ...]:
    """:func:`supposed_held` of the message, else of the question it follows when the message names no thing of its
    own ("那三年到期再认定呢" after "如果认定成功，市里有什么奖励？" still supposes the recognition; "院士工作站呢？" asks of
    a platform, which no supposition of a recognition is about)."""
    if supposed := supposed_held(core, asker):
        return supposed
    if any(not _is_cert(cid) for cid, _, _ in concepts_in(core)):
        return ()
    return supposed_held(resolved, asker)


# a company other than the asker, spoken of in the asker's message
_THIRD = re.compile(r"隔壁|邻居|朋友|同行|别人|人家|别的(?:企业|公司|厂)|另一家|另外一家|他们|客户|有家|有个(?:企业|公司|厂)")


def _is_cert(cid: str) -> bool:
    return concept_kind(cid) == "cert"


def elsewhere_notice(answer: Answer, asker: Asker, documents: dict[str, PolicyDocument]) -> str:
    """"那临沧呢？" from a company that said it is in 官渡区: the answer is another place's rules, and the line above it
    says so (empty when a cited document applies where the asker is, or the asker said nothing of its place)."""
    if not (asker.said and asker.region and answer.found and answer.citations):
        return ""
    docs = [documents[c.doc_id] for c in answer.citations if c.doc_id in documents]
    if not docs or any(d.region and applies(d.region, asker.region) for d in docs):
        return ""
    names = "、".join(dict.fromkeys(short_label(d.region) for d in docs if d.region))
    return f"以下是{names}的规定，只适用于{names}，不适用于{asker.region}的贵单位。" if names else ""
