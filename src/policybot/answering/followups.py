"""Following a conversation: a follow-up ("那临沧呢？", "这个找谁？", "那省级的呢") read with the asker's question it
follows — the place, year, tier or rank swapped in, or the two joined."""

from __future__ import annotations

import functools
import re

from policybot.answering.asker import only_describes
from policybot.answering.asks import JOINED_YEARS
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.questions import POINTS_BACK, REFERS, asking_tail, is_long_story, own_question
from policybot.answering.wordclass import word_classes
from policybot.answering.supposed import supposed_status_ask
from policybot.answering.swaps import MEASURE, STATUS_WORDS, other_year, swap
from policybot.answering.words import INTENTS, LISTING, is_greeting, is_profile_word, topic_words
from policybot.text.lexical import YEAR, vocabulary
from policybot.text.places import aliases, applies, chains_in, places_in, without_places
from policybot.text.tiers import tier_words

_FOLLOWUP_HINT = re.compile(r"^(那|那么|还有|另外|再问|同样|这|该|此|上述|它|其)|呢[？?]?$|这个|这项|该项|上述|它的|其中|这笔|这钱|这事"
                            # a yes/no check with no subject of its own: "是不是得比上年有增长才行？"
                            r"|^(?:是不是|是否|要不要|需不需要|必须|一定)(?:得|要|需要)?|才行[吗？?]*$")
# "另外我们准备新建一个研发机构，有补助吗": a new ask; with its own topic it stands alone (unless it also points back)
_THEN = re.compile(r"^(?:那么|那)[,，\s]*")
# a pointer after the subject it points at ("高企奖补这事是哪些部门负责？", "我们还想建个研发中心，这个有没有补助？")
_POINTER = re.compile(REFERS.pattern + r"|这事|这件事|这块|这方面")
_POLITE = re.compile(r"^(?:请问|请教|问一下|问下|想问一下|想问下|麻烦问一下)[,，\s]*")  # "请问上述…": still points back
_YEAR_WORD = re.compile(r"年|年底|年度|年份")
_NEW_ASK = re.compile(r"^(?:还有|另外|再问|还想问|另外问)[一下个,，、\s]*")
_REGION_SWAP = re.compile(r"^(?:那么|那|换成|如果是|如果在|要是|在)?(?P<place>.{1,12}?)(的话|那边|这边|对应|相应|同样)?(呢|怎么样|如何|的呢|是多少|呢？|呢\?)[？?]?$")
# "那隔壁云岩区呢？我们在考虑搬过去": a closing sentence saying only that the asker may move there asks nothing more
_MOVING_SAID = r"(?:我们|我司|公司)?也?(?:在|正在|还在)?(?:考虑|打算|准备|计划|想)着?(?:搬|迁)(?:过去|过来|家|址)?"
_MOVING_AFTER = re.compile(rf"^{_MOVING_SAID}[，,。！!？?\s]*|(?<=[？?！!。，,])\s*{_MOVING_SAID}[。！!？?]*$")
# a comparison closing a swap ("那X呢，比重点实验室高吗"): the thing compared with is the one asked before, not the ask
_COMPARED_TAIL = re.compile(r"[，,\s]*(?:是不是|是否)?(?:比|跟|和|与)[^，,。？?]{1,12}?(?:比|相比)?(?:更|还)?"
                            r"(?:高|多|大|少|低|强|划算|优惠)(?:吗|么|不|些|一些|多少|点)?[？?！!。]*$")
_SUPPOSED_ACT = re.compile(r"(?:要是|如果|假如|假设)[^，,。？?]{0,8}?(?:搞|建|设|成立|新建|筹建|引进|办)")
_GOT = re.compile(r"(?:认定为|认定成|被认定为|评为|评上|获批|获评|入选|拿到)(?:了)?(?P<what>[\u4e00-\u9fff]{3,16})")
_NEAR = re.compile(r"^(?:隔壁|旁边|附近|邻近|相邻)的?")
_BUYING = r"换|更换|买|购买|购置|采购|改造|升级"
_PLANNING = re.compile(rf"(?:想|准备|打算|计划|要|正在)(?:再|也)?(?:在[^，,。？?]{{1,6}}?)?"  # "打算在厂里建个研发中心"
                       rf"(?:搞|建|设|申报|申请|申|成立|新建|筹建|引进|办|弄|做|开展|推进|{LISTING}|{_BUYING})"
                       # "我们买检测设备，区里能补贴吗？": what the company buys or replaces is the subject of the ask
                       rf"|(?:我们|我司|公司|咱们)(?:最近|今年|明年|刚|也|还)?(?:{_BUYING})")


def _user_questions(history: list[dict]) -> list[str]:
    """The asker's questions, latest first; greetings and thanks ("你好", "谢谢") and a message that only says who the
    asker is ("我们是官渡区的规上企业") are not questions to follow up on (the asker's situation is kept on its own)."""
    out = []
    for turn in reversed(history or []):
        if turn.get("role") == "user":
            content = turn.get("content")
            if isinstance(content, list):  # Gradio-style content parts
                content = " ".join(p.get("text", "") for p in content if isinstance(p, dict))
            if not content or not str(content).strip() or is_greeting(str(content)):
                continue
            if only_describes(str(content)):  # who the asker is: followed up only on the subject it names
                text = _subject_said(str(content))
                if not text:
                    continue
            else:
                text = _asking_sentences(str(content).strip())
            out.append(asking_tail(text) if is_long_story(text) else text)  # a story: what it asked
    return out


def _subject_said(description: str) -> str:
    """The clauses of a description naming what a rule is about beside who the asker is ("…高企，去年研发投入排全区第4" →
    "去年研发投入排全区第4"): a bare ask after it ("区里能给多少") asks about that, as after a question; "" when none."""
    terms = _subject_terms()
    return "，".join(c.strip("，,。 ") for c in re.split(r"[，,。；;]", description) if any(t in c for t in terms))


@functools.lru_cache(maxsize=1)
def _subject_terms() -> tuple[str, ...]:
    """The vocabulary's terms that name what a rule is about, not what a company is (worked out once)."""
    return tuple(t for t in vocabulary().get("terms", []) if not is_profile_word(t))


_SENTENCES = re.compile(r"[^。！!？?]+[。！!？?]*")


def _asking_sentences(text: str) -> str:
    """The message without its sentences that only say who the asker is ("请问五华区对研发投入有奖励吗？我们是规上企业，
    不是高企。" → the question): kept in the asker's state, they are no subject a follow-up inherits."""
    parts = _SENTENCES.findall(text)
    kept = [s for s in parts if not only_describes(s)]
    return "".join(kept) if kept and len(kept) < len(parts) else text


def joined(question: str, history: list[dict] | None, back: int = 1) -> str:
    """The question read as a follow-up of the asker's question ``back`` questions ago, whatever its wording ("区里这事
    是哪个部门牵头？" after a 研发投入 question), or as it is when there is none."""
    questions = _user_questions(history or [])
    return f"{questions[back - 1]} {question.strip()}" if len(questions) >= back else question


def condense(question: str, history: list[dict] | None) -> str:
    """Resolve a follow-up against the previous user turn (rule-based).

    "那临沧呢？" after "官渡区高企认定奖励多少？" becomes "临沧高企认定奖励多少？"; a question that
    points back ("这个由哪个部门负责？") or is too short to stand alone is joined to the previous one.
    """
    return _condense(question, _user_questions(history or []), _CHAIN)


# the words a question asks of a document itself with (its force, period, number), naming no rule
_DOCUMENT_WORDS = re.compile(r"有效|管用|好使|算数|过期|到期|文号|年|文件|政策|方案|计划|措施|日期|时间|发布|印发|期限")


def of_document_only(question: str) -> bool:
    """Does ``question`` ask only of a document itself ("这个文件现在还有效吗？", "这是哪年的政策，现在还管用吗")?"""
    return bool(asked_facts(question)) and all(_DOCUMENT_WORDS.search(w) for w in topic_words(question))


def back_to_document_only(history: list[dict] | None, back: int) -> bool:
    """Is the asker's question ``back`` questions ago — counted as ``joined`` counts them — one asked only of a
    document?"""
    questions = _user_questions(history or [])
    return len(questions) >= back and of_document_only(questions[back - 1])


# how many follow-ups back a chain is read ("研发投入有奖励吗？" → "要满足什么条件？" → "那市里按比例给的那个呢？")
_CHAIN = 2


def _condense(question: str, questions: list[str], depth: int) -> str:
    """:func:`condense` over the asker's earlier questions (latest first); a previous one that names nothing of its
    own is read as it was resolved itself, so a follow-up of a bare follow-up keeps the subject both follow ("那市里
    按比例给的那个呢？" after "要满足什么条件？" after a 研发投入 question is still about 研发投入)."""
    if not questions:
        return question
    previous = questions[0]
    if depth > 0 and len(questions) > 1 and of_document_only(previous) and not asked_facts(question):
        # "那市里有没有类似的？" after "这个文件现在还有效吗？": what is like it is the rule asked before the document was
        return _condense(question, questions[1:], depth - 1)
    # a tier-only follow-up ("省级的呢") is bare to another one ("国家级呢？"): the subject both swap tiers of is before
    if depth > 0 and _bare(previous, tiers=bool(_TIER_ONLY.match(question.strip()))):
        previous = _condense(previous, questions[1:], depth - 1)
    q = _own_ask(question)
    both = _places_of_both(q, previous)
    if both:  # "研发投入方面两边的目标呢？" after a question on 官渡区 and 云岩区: both places, each answered
        return f"{both}{q}"
    swapped = _swapped(q, previous)
    if swapped:
        return swapped
    # the asker's description of itself ("我们去年刚拿到高新技术企业证书，那按哪一档算？", "市里按比例的那个呢，我们不是
    # 高企") is no topic of the ask, before it or after it
    ask = own_question(_without_trailing_description(q))
    if ask != q:  # after the description, the ask alone says whether it points back ("那…" there only goes on)
        ask = _THEN.sub("", ask) or ask
    own = [w for w in topic_words(ask) if not _YEAR_WORD.fullmatch(w) and (ask == q or len(w) >= 2)]
    if own and YEAR.search(ask):  # "2024年那年培育几家？": a year and a verb ask of the subject before, naming none
        kinds = word_classes(ask)
        own = [w for w in own if kinds.get(w, "n")[0] not in "vrmqdpuc"]  # verbs, pronouns, counts: no subject
    if own and _keeps_subject(ask, own, q):
        return f"{previous} {q}"
    year = JOINED_YEARS.search(q) or YEAR.search(q)  # "那2023年和2024年的呢": each of the years
    if year and not own and (swapped := other_year(previous, year.group(0).strip())):  # "那2024年的目标是几？"
        # "到2025年总共要到多少家？" after a year's 培育几家: the level reached, asked in its own words, not that year's
        return f"{swapped} {q}" if _TOTAL.search(q) else swapped
    if own and _SIZE_CHECK.search(ask) and all(_SIZE_ONLY.fullmatch(w) for w in own):
        return f"{previous} {q}"  # "我们还不是规上企业能拿吗": the benefit before, for the size of company said
    if own and not _FOLLOWUP_HINT.search(_NEW_ASK.sub("", ask) or ask):
        return q
    if _of_the_document(ask, own, previous):
        return q
    if _asked_anew(q, ask, own, previous):
        return q
    # "那专家工作站区里有吗？": a subject of its own the previous question did not name, asked anew (the place
    # carries over as the asker's); "那这个找谁？" still points back
    fresh = [w for w in own if len(w) >= 3 and w not in previous and not any(p.search(w) for _, p in INTENTS)]
    fresh += _fresh_compound(ask, own, previous)
    if fresh and not _FOLLOWUP_HINT.search(_THEN.sub("", ask) or ask):
        return q
    return q if _names_own_subject(q, ask, own, previous) else f"{previous} {q}"


def _names_own_subject(q: str, ask: str, own: list[str], previous: str) -> bool:
    """Does the message name the subject of its bare ask itself: what the asker plans ("我们还想搞个研发中心，有补助没得？")
    or says it got ("东川区的企业，认定为国际对外科技合作示范企业，给多少"), or what 这个 points at just before it ("我们还想
    建个研发中心，这个有没有补助？")?"""
    planned = [w for w in topic_words(q) if len(w) >= 2 and w not in previous and not any(p.search(w) for _, p in INTENTS)]
    if ask != q and not own and _PLANNING.search(q) and planned:
        return True
    got = [m.group("what") for m in _GOT.finditer(q) if m.group("what") not in previous]
    if ask != q and not own and got:
        return True
    bare = _NEW_ASK.sub("", ask) or ask
    hint = _POINTER.search(bare)
    named = [w for w in topic_words(bare) if len(w) >= 2 and w not in previous and not any(p.search(w) for _, p in INTENTS)]
    return bool(hint and any(0 <= bare.find(w) < hint.start() for w in named) and not POINTS_BACK.match(bare))


def _keeps_subject(ask: str, own: list[str], q: str) -> bool:
    """A follow-up whose own words only measure, move a tier, grade, or suppose what the company becomes ("要是评上高企了
    能到多少"): the subject asked before, read with it."""
    return all(MEASURE.fullmatch(w) for w in own) or _tier_move_only(ask, own) or _grade_only(q) or supposed_status_ask(ask)


def _own_ask(question: str) -> str:
    """The message without a move said around it ("我们在考虑搬过去") and without the comparison closing a swap ("那国家技术
    创新中心呢 比重点实验室高吗": the new thing is asked)."""
    q = _MOVING_AFTER.sub("", question.strip()) or question.strip()
    uncompared = _COMPARED_TAIL.sub("", q)
    return uncompared if _REGION_SWAP.match(uncompared) else q


# "这个方案", "该计划": the document the conversation is on, pointed at as such (not the rule asked before)
_THE_DOCUMENT = re.compile(r"^(?:那|那么)?(?:这个|这份|该|此|这|那个|那份)(?:方案|计划|文件|措施|行动方案|行动计划)(?:里|中|上)?")
# what a question of the document's own facts asks ("这个方案还有效吗"): read with the documents answered before
_DOC_FACT_WORDS = re.compile(r"有效|到期|过期|文号|发布|印发|发文|出台|哪年|几年|期限|执行期|时间|起止|依据|上级")


def _of_the_document(ask: str, own: list[str], previous: str) -> bool:
    """"这个方案多久通报一次进度，哪个局负责": a new ask of the document itself, pointing back only at the document —
    the subject asked before does not carry over (the place does, as the asker's)."""
    if not _THE_DOCUMENT.match(ask) or _DOC_FACT_WORDS.search(ask):
        return False
    rest = _THE_DOCUMENT.sub("", ask)
    if _FOLLOWUP_HINT.search(rest):
        return False
    return any(len(w) >= 2 and w not in previous and not any(p.search(w) for _, p in INTENTS) for w in own)


def _swapped(q: str, previous: str) -> str | None:
    """"那临沧呢？", "那隔壁云岩区呢？", "那省级的呢": the previous question with the place, tier, rank or topic swapped
    in; None when the follow-up is no such swap."""
    m = _REGION_SWAP.match(q)
    if not m:
        return None
    place = m.group("place")
    if places_in(place) and not _more_than_place(place):
        place = _NEAR.sub("", place) or place  # "那隔壁云岩区呢": the place, not where it lies
        for old in places_in(previous):
            for alias in aliases(old):
                if alias in previous:
                    return previous.replace(alias, place)
        return f"{place}{previous}"
    # "要是请院士来建个工作站呢": what the company supposes it sets up is asked what it would get
    return swap(previous, place, supposed=bool(_SUPPOSED_ACT.search(q)))


def _bare(question: str, tiers: bool = False) -> bool:
    """A question naming no topic, year or place of its own ("要满足什么条件？", "这个找谁？"); ``tiers``: a tier said
    alone or as a change ("那以后要是升成省级的呢") names no subject either."""
    if _status_only(question):  # "那升规以后呢": the company's status changes, the subject stays
        return not YEAR.search(question) and not places_in(question)
    tier_only = tiers and bool(_TIER_ONLY.match(question.strip()))
    return not YEAR.search(question) and not places_in(question) and not [
        w for w in topic_words(question) if len(w) >= 2 and not any(p.search(w) for _, p in INTENTS)
        and not (tier_only and (STATUS_WORDS.fullmatch(w) or tier_words(w)))]


_MOVE = re.compile(r"升|晋级|晋升")


def _tier_move_only(ask: str, own: list[str]) -> bool:
    """Are the ask's own words a tier and the verbs and status words of moving to it ("要升省级得怎么走", "升国家级还有吗"),
    naming no subject of their own?"""
    tiers = [w for w in own if tier_words(w) and w.endswith("级")]  # a level, not a grade (优秀、合格)
    if not tiers or not _MOVE.search(ask):
        return False
    kinds = word_classes(ask)
    return all(any(w in t for t in tiers) or STATUS_WORDS.fullmatch(w) or kinds.get(w, "n")[0] in "vdrcpuz"
               for w in own)


_GRADE = re.compile(r"优秀|良好|合格|不合格|称职")  # an assessment's grades


def _grade_only(question: str) -> bool:
    """"考核合格但不是优秀能拿吗？": a grade of the rule asked before and verbs, conjunctions and adverbs around it — the
    whole message names no subject of its own ("我们团队入选了省创新团队，考核合格" does)."""
    words = topic_words(question)
    kinds = word_classes(question)
    return any(_GRADE.fullmatch(w) for w in words) and all(
        _GRADE.fullmatch(w) or kinds.get(w, "n")[0] in "vcdrpuy" for w in words)


def _status_only(question: str) -> bool:
    """"那升规以后呢", "要是评上了呢": the company's status changes and nothing else is named."""
    words = [w for w in topic_words(re.sub(r"^(?:那么|那)", "", question.strip())) if len(w) >= 2]
    return bool(words) and all(STATUS_WORDS.fullmatch(w) for w in words)


def _fresh_compound(ask: str, own: list[str], previous: str) -> list[str]:
    """Two words of the ask written as one compound the question before did not name ("那出口退税有没有额外奖励？":
    出口退税 is a subject of its own, however short each word is); a measure or an intent is none."""
    kinds = word_classes(ask)  # "要是提到": a conjunction, a pronoun, a time or a count names no subject
    words = [w for w in own if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w) and w not in previous
             and kinds.get(w, "n")[0] not in "crtmdpuf" and not MEASURE.fullmatch(w) and not is_profile_word(w)
             and not any(p.search(w) for _, p in INTENTS)]
    return [a + b for a, b in zip(words, words[1:]) if a + b in ask]


def _asked_anew(q: str, ask: str, own: list[str], previous: str) -> bool:
    """"云岩那边研发投入总额的目标呢?": a place, a subject and an ask of its own — a new question, whatever its 呢."""
    fresh = [w for w in own if len(w) >= 2 and w not in previous and not is_profile_word(w)]
    return bool(fresh) and bool(places_in(q)) and not set(places_in(q)) <= set(places_in(previous)) \
        and any(p.search(ask) for _, p in INTENTS) and not POINTS_BACK.match(_THEN.sub("", _POLITE.sub("", ask)))


def _without_trailing_description(question: str) -> str:
    """The message without the clauses after its ask that only say who the asker is ("…那个呢，我们不是高企")."""
    parts = re.split(r"(?<=[，,。；;])", question.strip())
    while len(parts) > 1 and (only_describes(parts[-1].strip("，,。；; ")) or not parts[-1].strip()):
        parts.pop()
    return "".join(parts).rstrip("，,；; ") or question


_TOTAL = re.compile(r"总共|一共|累计|总量|总数|合计|加起来|总计")

# a size of company and a bare may-we ("规下企业能拿吗", "我们还不是规上企业能申请吗"): no subject of its own
_SIZE_ONLY = re.compile(r"(?:那|还|也)?(?:不是|没|没有|未|还没)?(?:规上|规模以上|规下|规模以下|小微|上规|没上规|未上规)(?:企业|的)?"
                        r"|不是|还不是|没有|不能")
_SIZE_CHECK = re.compile(r"(?:能|可以|可不可以|能不能|也能|还能|行)(?:拿|申请|享受|领|报|申报|适用)?(?:吗|不|么|嘛)?[？?]*$"
                         r"|(?:可以|行|算)(?:吗|不|么)[？?]*$|行不行[？?]*$")
_BOTH = re.compile(r"两边|两地|两个(?:区|市|县|地方|城市)|两家|两处|二者|各自|这两")


def _places_of_both(question: str, previous: str) -> str:
    """"两边" in a question naming no place, after one naming two or more places: those places ("官渡区和云岩区")."""
    if not _BOTH.search(question) or places_in(question):
        return ""
    chains = chains_in(previous)
    apart = [c for c in chains if not any(o != c and applies(c, o) for o in chains)]  # 贵阳云岩区, not 贵阳 too
    return "和".join(c[-1] for c in apart) if len(apart) >= 2 else ""


# words that only point at a place or ask of it ("那隔壁云岩区呢？", "要是五华区的话")
_AT_PLACE = re.compile(r"[^\u4e00-\u9fff]|的话|的|那边|这边|那里|这里|那么|那|么|呢|吗|隔壁|旁边|附近|邻近|相邻|怎么样|如何|换成|如果是|要是")


def beyond_place(text: str) -> str:
    """What ``text`` says besides the places it names and the words pointing at them: "" for "那隔壁云岩区呢？",
    "科技创新领军人才" for "昆明市科技创新领军人才" (a programme)."""
    return _AT_PLACE.sub("", without_places(text, places_in(text)))


def _more_than_place(text: str) -> bool:
    """Does ``text`` name more than a place ("昆明市科技创新领军人才" is a programme, "五华区的" a place)?"""
    return len(beyond_place(text)) >= 2


# a follow-up that is a tier and nothing else ("那省级的呢", "国家级呢？", "那以后要是升成省级的呢")
_TIER_ONLY = re.compile(r"^(?:那么|那)?[，,\s]*(?:以后|将来|到时候?)?(?:要是|如果)?(?:升成|升为|升到|变成|评上|成了|是)?"
                        r"[\u4e00-\u9fff]{1,4}级(?:的)?(?:话)?(?:呢|怎么样|如何)?[？?。！!]*$")
