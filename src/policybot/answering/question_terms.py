"""The weighted terms of a question and its focus: what the evidence must share with it, and what it asks about
(its own words, not the company's description of itself, a partner, a founding act, a slip or an earlier turn's size)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from policybot.answering.asker import self_description
from policybot.answering.focus import Lexicon
from policybot.answering.aspects import intents
from policybot.answering.questions import asking_tail, own_question
from policybot.answering.scoring import Terms, question_bigrams
from policybot.answering.wordclass import quantity_words, word_classes
from policybot.answering.words import (
    BESIDES,
    OUR_KIND,
    PEOPLE,
    PLANNED,
    SIZE_WORDS,
    WEIGHING,
    WHOM,
    founding_acts,
    is_profile_word,
    left_aside,
    partners,
)
from policybot.index.retrieval import HybridRetriever, expand, place_words
from policybot.text.compounds import with_compounds
from policybot.text.concepts import concepts_in
from policybot.text.lexical import YEAR, alts, holds, normalise
from policybot.text.places import aliases
from policybot.text.tiers import tier_words, unnegated

# a word only the asker's description of itself uses (高企, 科技型中小企业), when it asks about something of its own
DESCRIBED_WEIGHT = 0.5
SIZE_SHARE = 1.0  # a described size's most weight, as a share of the strongest asked term's
# a size said either way: the documents write 规上 and 规模以上 alike, so either covers the other
_SIZE_ALTS = {"规模以上": ("规模以上", "规上"), "规上": ("规上", "规模以上"),
              "规模以下": ("规模以下", "规下"), "规下": ("规下", "规模以下")}


_AGENCY = re.compile(r"(?:局|委|委员会|管委会|办公室)$")


class QuestionTerms:
    """Reads a question's terms with the retriever's weights and the corpus's words (each reading made once)."""

    def __init__(self, retriever: HybridRetriever, lexicon: Callable[[], Lexicon]):
        self.retriever, self._lexicon = retriever, lexicon
        self.read = functools.lru_cache(maxsize=512)(self._read)

    @property
    def lexicon(self) -> Lexicon:
        return self._lexicon()

    def _read(self, text: str, asked: tuple[str, ...], own_words: str | None, question: str | None = None,
              message: str | None = None) -> Terms:
        asked = list(asked)
        plan = self.retriever.plan(text)
        weights = self.retriever.term_weights(plan)
        # "能补一部分": 部分 is how much, not what; "当时定的目标": a time word no document uses says when, not what
        quantities = quantity_words(question or text)
        kinds = word_classes(question or text)
        weights = {t: w for t, w in weights.items() if t not in quantities and not (
            isinstance(t, str) and kinds.get(t, "n")[0] == "t" and not self.lexicon.known(t))} or weights
        if own_words is not None:  # a follow-up: its own words say what is asked now
            own = normalise(own_words)
            for t in weights:
                if holds(own, t):
                    weights[t] *= 2.0
        focus = self.lexicon.focus(weights, text)
        if question:
            # the whole message ("我们是安宁工业园区一家化工企业，…市里研发投入补助我们这种按几个点"), and its ask
            # without the description: the words only the description uses are the company's, not the topic's
            words = _said_and_asked(question, message)
            focus = _without_earlier_sizes(self._undescribed(focus, words), words)
            weights = self._described_down(weights, focus, words)
            focus, weights = self._partners_apart(focus, weights, question)
            founds = founding_acts(question)  # "我在呈贡新设一个子公司": the company's own act, not what is asked
            focus = {t: w for t, w in focus.items() if not any(a in founds for a in alts(t))} or focus
        focus, weights = _unweighed(focus, weights)
        focus, weights = _aside_out(focus, weights, question or text)
        if "department" in asked:  # "这块是科技局管还是工信局管": the agencies offered are the answer's words, no topic
            focus = {t: w for t, w in focus.items() if not all(_AGENCY.search(a) for a in alts(t))} or focus
        focus = with_compounds(focus, text, self.lexicon)
        focus = {_SIZE_ALTS.get(t, t) if isinstance(t, str) else t: w for t, w in focus.items()}
        # a non-word one slip from a corpus string (研发投人) is unreadable, not a topic the evidence must cover
        slips = {t for t in focus
                 if isinstance(t, str) and not self.lexicon.known(t) and self.lexicon.slip_of_known(t, text)}
        slips |= {t for t in focus if self.lexicon.cut_across(t) or self.lexicon.glued_to_level(t, text)}  # 前要; 项目区
        focus = ({t: w for t, w in focus.items() if t not in slips}
                 or {t: w for t, w in weights.items() if t not in slips and not self.lexicon.is_generic(t)} or focus)
        absent = self._absent(focus, question or text)
        total = sum(focus.values()) or 1.0
        if own_words is not None:
            # a follow-up read with the turns before it: a word no document uses that names no topic ("额外", "你好",
            # "能补") cannot be covered by any evidence, it only dilutes what the evidence is scored on. (A question
            # on its own keeps them: there an odd word may be all that shows it asks about something absent.)
            noise = {t for t in weights if not any(self.lexicon.known(a) for a in alts(t))
                     and not any(a in p for a in alts(t) for p in absent)}
            focus = {t: w for t, w in focus.items() if t not in noise} or focus
            weights = {t: w for t, w in weights.items() if t not in noise} or weights
        focus = self.lexicon.without_odd_verbs(focus, text, absent)
        missing = sum(w for t, w in focus.items()
                      if any(a in p for a in alts(t) for p in absent)) / total
        unseen = 1.0 if absent else 0.0
        plain = unnegated(text)  # "专家工作站（不是院士站）": what is ruled out names no tier
        expanded = plain + " " + " ".join(expand(place_words(plan).sub("", plain)))  # "临沧高新区": a place, not 高新区
        topical = [a for a in asked if a != "department"] or [i for i in intents(text) if i != "department"] or ["fact"]
        return Terms(weights=weights, focus=focus, missing=missing, unseen=unseen,
                     bigrams=question_bigrams(place_words(plan).sub("", expanded)),
                     intents=tuple(dict.fromkeys(topical + intents(text))), tiers=frozenset(tier_words(expanded)),
                     places=tuple(a for p in plan.chains for a in aliases(p)), wants_department="department" in asked,
                     years=frozenset(YEAR.findall(own_words or "") or YEAR.findall(text)), absent=tuple(absent),
                     absent_asked=_asked_for(question or text, absent))

    def _absent(self, focus: dict, asked: str) -> list[str]:
        """Only what this turn asks about can be missing: not an earlier turn's words, a mend, a verb or filler, a
        greeting, whom it works with or the company's description of itself; a slip of a corpus word is that word."""
        own = BESIDES.sub("，", OUR_KIND.sub("我们", asking_tail(asked)))  # "除了住房，人才还有啥保障": 住房 is not asked
        return _topics(self.lexicon.absent_topics(focus, own, is_profile_word), partners(asked))

    def _partners_apart(self, focus: dict, weights: dict, question: str) -> tuple[dict, dict]:
        """"想跟省农科院一起申请…": whom the company works with is no topic. A partner no document names is dropped from
        the focus; one the documents also name ("跟研究院所一起搞个新型研发机构") weighs little in focus and weights."""
        with_whom = "".join(partners(question))
        focus = {t: w for t, w in focus.items() if not (any(a in with_whom for a in alts(t))
                                                       and not any(self.lexicon.known(a) for a in alts(t)))} or focus
        return _partners_down(focus, with_whom), _partners_down(weights, with_whom)

    @staticmethod
    def _described_down(weights: dict, focus: dict, words: tuple[str, str]) -> dict:
        """The weights with the words only the company's description of itself uses ("盘龙区生物科技小镇的企业，…新型
        研发机构，市里支持多少") at a fifth, when the question asks about something of its own: where the company
        sits is no word the evidence must share."""
        described = _described(weights, words)
        if not any(t not in described for t in focus):
            return weights
        return {t: (w * 0.2 if t in described else w) for t, w in weights.items()}

    def _undescribed(self, focus: dict, words: tuple[str, str]) -> dict:
        """The focus without the company describing itself ("运营一栋写字楼，…科技楼宇奖励？"): a described word no
        document uses ("集团", "子公司") is dropped; a profile word (高企, 研发中心) may still name the rule's tier or
        subject, so it weighs half when the question asks about something of its own, and any other described word
        is dropped then."""
        described = _described(focus, words)
        unknown = {t for t in described if not any(self.lexicon.known(a) for a in alts(t))}
        focus = {t: w for t, w in focus.items() if t not in unknown} or focus
        kept = {t: (w * DESCRIBED_WEIGHT if t in described else w) for t, w in focus.items()
                if t not in described or is_profile_word(t)}
        asked = [w for t, w in kept.items() if t not in described and not self.lexicon.cut_across(t)]
        if asked:  # ("区里有补吗": 有补 is no word)
            # a size the asker gave of itself is a rare word that outweighs a common topic ("我们在嵩明 规下 研发投入市里
            # 能补吗": 规下 over 研发投入): it may pick the topic's tier, it never weighs more than the topic
            return {t: (min(w, SIZE_SHARE * max(asked)) if t in described and _size_word(t) else w) for t, w in kept.items()}
        # it asks of what it described ("都在建院士工作站，两边分别能补多少？", "刚拿到市级青少年科技创新实验室，区里有补
        # 吗"): its platforms and titles are the topic, with the words of the clauses naming them
        held = "，".join(c for c in _CLAUSES.split(words[0]) if concepts_in(c))
        return {t: w for t, w in focus.items() if is_profile_word(t) or any(holds(held, a) for a in alts(t))} or focus


def _partners_down(terms: dict, with_whom: str) -> dict:
    """The terms (focus or weights) with the partner's words (a name the documents also use, "研究院所") at
    ``PARTNER_WEIGHT``, when something else is asked about: the evidence need not name whom the company works with."""
    partner = {t for t in terms if any(a in with_whom for a in alts(t))}
    if not partner or all(t in partner for t in terms):
        return terms
    return {t: (w * PARTNER_WEIGHT if t in partner else w) for t, w in terms.items()}


PARTNER_WEIGHT = 0.2


def _topics(absent: list[str], partners: list[str] = ()) -> list[str]:
    """The absent words that are topics: whom the asker speaks for ("会员企业", "家长", "员工"), a word for how much
    ("数额") and whom it works with ("和医科大学共建…": 医科大学共建) name nothing a document could lack, and are never
    the topic a refusal names."""
    return [a for a in absent if a not in WHOM and a.removesuffix("企业") not in WHOM  # 个人所得税 stays a topic
            and not any(p in a for p in partners)]


def _unweighed(focus: dict, weights: dict) -> tuple[dict, dict]:
    """Without whom it is asked for (客户) and how much a thing counts or whether it concerns the asker (分量, 关系):
    no topic, nor (the latter) a word the evidence must hold."""
    focus = {t: w for t, w in focus.items() if not any(a in PEOPLE or a in WEIGHING for a in alts(t))} or focus
    return focus, {t: w for t, w in weights.items() if not any(a in WEIGHING for a in alts(t))} or weights


# what "有没有…" / "有…吗" asks for, at the end of the message ("市里对引进的高端人才有没有安家费？")
_HAS_ASKED = re.compile(r"(?:(?:有没有|有无|是否有|有不有)(?:专门的?)?([\u4e00-\u9fff]{2,16}?)(?:呢)?|有([\u4e00-\u9fff]{2,8}?)(?:吗|没有|没))"
                        # "有没有人工智能算力券可以领": what it is for said after it
                        r"(?:(?:可以|能|可)(?:领|拿|申请|申报|享受|用)(?:的|吗|呢)?)?"
                        r"[？?。!！\s]*$")  # not "有什么扶持路子": what there is, asked in a word of its own


def _asked_for(question: str, absent: list[str]) -> bool:
    """Is an absent topic the very thing the message asks whether there is ("…有没有安家费？")? Then the rules matching
    its other words ("引进高端人才") answer another question."""
    m = _HAS_ASKED.search(question)
    thing = (m.group(1) or m.group(2)) if m else ""
    # the thing asked for ends the phrase ("有没有给大数据企业的算力补帖": 算力补帖)
    return bool(thing) and not thing.startswith(("什么", "啥")) and any(thing.endswith(p) or p.endswith(thing) for p in absent)


def _said_and_asked(question: str, message: str | None = None) -> tuple[str, str]:
    """(the message without what it plans, its ask without the asker's description of itself), normalised: a word
    in the first and not the second is one the company uses to describe itself. A whole sentence of ``message``
    closed before its ask that does not describe the asker ("听说区里对研发投入排名靠前的企业有扶持。这个扶持…")
    names what is asked about: it moves to the ask."""
    said = message or question
    selves = self_description(said)
    told = [s for s in _TOLD.findall(said) if not any(s.strip() in x or x in s for x in selves)]
    for sentence in told:
        said = said.replace(sentence, "")
    return normalise(PLANNED.sub("", said)), normalise(own_question(question) + "。" + "".join(told))


_CLAUSES = re.compile(r"[,，。;；!！?？\s]+")
# a sentence closed before the message's last one: what the asker heard or states, not its ask
_TOLD = re.compile(r"[^。！!？?]+[。！!]")


def _without_earlier_sizes(focus: dict, words: tuple[str, str]) -> dict:
    """"那按几个点算？" after "我们规下的，研发投入奖补能享受吗": a size an earlier question said is the asker's, not
    what this one asks about."""
    return {t: w for t, w in focus.items() if not (_size_word(t) and not any(holds(words[0], a) for a in alts(t)))} or focus


def _size_word(term) -> bool:
    return all(a in SIZE_WORDS for a in alts(term))


def _described(terms, words: tuple[str, str]) -> set:
    """The terms only the asker's description of itself uses (in the whole message, not in its ask)."""
    said, own = words
    return {t for t in terms if any(holds(said, a) for a in alts(t)) and not any(holds(own, a) for a in alts(t))}


def _aside_out(focus: dict, weights: dict, question: str) -> tuple[dict, dict]:
    """"除了住房，人才还有啥保障", "除高企奖补外…还可以申请哪些": what the question leaves aside is no topic and no search
    word (unless the rest of the question names it too)."""
    aside = left_aside(question)
    if not aside:
        return focus, weights
    rest = BESIDES.sub("，", question)

    def aside_only(t) -> bool:
        return any(a in aside for a in alts(t)) and not any(a in rest for a in alts(t))

    return ({t: w for t, w in focus.items() if not aside_only(t)} or focus,
            {t: w for t, w in weights.items() if not aside_only(t)} or weights)
