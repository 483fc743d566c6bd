"""What a question is about, and whether the corpus talks about it at all.

The *focus* of a question is its content terms minus the words every policy question shares
(企业, 补助, 多少, 部门 …): for "临沧对企业技改项目补贴多少？" it is 技改. Answerability is decided on
the focus, not on how many generic words a passage happens to share with the question.

``Lexicon`` knows the corpus's words. It mends one-character slips in a question (高心技术企业 →
高新技术企业) when the slip is a homophone of a corpus word, and tells which focus terms no document
uses, so a refusal can name what is missing.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from policybot.answering.slips import FUNCTION_CHARS, Fix, Slips
from policybot.text.sounds import sounds_alike
from policybot.answering.wordclass import CLASS_WEIGHT, MODALS, class_of, noun, word_classes
from policybot.answering.words import INTENTS, PEOPLE, RECAP
from policybot.text.lexical import (
    CJK_RUN,
    alts,
    generic_words,
    jieba_tokenizer,
    normalise,
    pos_words,
    unbracketed,
    word_tokens,
)
from policybot.text.rules import AGENCY_END, blank_agencies


# asking what a rule means ("1:1配套是啥意思"), and the places already named taken together ("两地", "两边")
_ASKS_MEANING = re.compile(r"(?:是)?(?:啥|什么|甚么)意思|(?:是)?(?:怎么|咋)(?:一)?回事|(?:怎么|咋|如何|怎样)(?:理解|算|解释)|指的是(?:啥|什么)|指什么")
_UNITS = frozenset("万亿元%个家名项年月日户套件人次")  # what follows a figure's digits
_BOTH_PLACES = re.compile(r"两地|两边|两处|两个地方|两个区|两个市|各地|各区|三地|几个地方")
# asking how two things differ ("这有区别吗", "有啥不一样"), or a ratio said in words ("要一比一吗"): no topic in either
_COMPARING = re.compile(r"(?:有|没有|有没有|有啥|有什么|什么|啥)?(?:区别|不同|不一样|差别|差异|两样)")
_RATIO = re.compile(r"[一二两三四五六七八九十\d]+\s*比\s*[一二两三四五六七八九十\d]+")
# the last character of a verb that says where or into what its action goes (搬到, 迁往, 转为)
_COMPLEMENT = frozenset("到在给至往成为向入进出回")


# a word that points back at what was said ("这两块", "那几项", "上述"): it names no topic of its own
_POINTING = re.compile(r"^(?:这|那|此|该|上述|前面|刚才|上面)(?:两|几|[一二三四五六七八九十]|这)?(?:个|块|项|种|条|份|些|类|样|部分|笔|者)?$"
                       r"|^(?:(?:这|那)?事儿?|件事|事情|东西|玩意儿?)$"  # "这事儿牵头的是哪个局": the matter said before
                       r"|^(?:本|我|该|全|贵)(?:省|市|州|区|县|镇|街道|单位|公司)$")  # "本市": which place, not a topic


class Lexicon:
    """The corpus's words: document frequencies, and an index of its 3–5 character strings for typo repair."""
    def __init__(self, texts: list[str]):
        self.texts = [normalise(t) for t in texts]
        self.all_text = "\n".join(self.texts)
        # 公文 brackets optional parts ("各县(区)", "院士(专家)工作站"): a question writes them run together
        self._loose = unbracketed(self.all_text)
        # the corpus as topics are named in it: a word only inside an agency's name ("住房" of 区住房和城乡建设局) names
        # no topic any document has
        self._topical = blank_agencies(self.all_text)
        self._topical_loose = unbracketed(self._topical)
        # the same words are looked up in the whole corpus again and again: each lookup is made once
        self._in_all = functools.lru_cache(maxsize=65536)(self.all_text.__contains__)
        self._in_known = functools.lru_cache(maxsize=65536)(lambda t: t in self.all_text or t in self._loose)
        self._in_topical = functools.lru_cache(maxsize=65536)(
            lambda t: t in self._topical or t in self._topical_loose)
        self.n = max(1, len(self.texts))
        df: Counter[str] = Counter()
        for text in self.texts:
            df.update(set(word_tokens(text, keep_stop=True)))
        self.df = df
        self.slips = Slips(self.texts, df, self._in_all, self.known)

    def known(self, term: str) -> bool:
        t = normalise(term)
        return self._in_known(t)

    def known_topic(self, term: str) -> bool:
        """Does some document use ``term`` outside the agencies it lists (an agency's own name counts as itself)?"""
        t = normalise(term)
        if t.endswith(AGENCY_END):
            return self.known(t)
        return self._in_topical(t)

    def cut_across(self, term) -> bool:
        """A two-character "word" the tokenizer made across a word boundary ("前要", "得配"): in no dictionary, never a
        word of the corpus, and one of its characters a grammar or modal character."""
        return (isinstance(term, str) and len(term) == 2 and term not in jieba_tokenizer().FREQ
                and not self.df.get(term) and any(ch in FUNCTION_CHARS or ch in MODALS or ch in "前后得" for ch in term))

    def glued_to_level(self, term, text: str) -> bool:
        """A word the tokenizer glued from a corpus word and the level pointer after it ("项目区" of "转化项目区里每年支持
        几个"): no document writes it, its stem is a corpus word, and ``text`` says 区里 / 市上 right there."""
        return (isinstance(term, str) and len(term) >= 3 and term[-1] in "区市县省" and not self.known(term)
                and self.known(term[:-1]) and any(term + after in text for after in "里上"))

    def df_share(self, word: str) -> float:
        return self.df.get(word, 0) / self.n

    def near(self, term: str, positions: range | list[int] | None = None) -> str | None:
        """A corpus string one homophone away from ``term`` (3+ characters), if there is one."""
        return self.slips.near(term, positions)

    def correct(self, text: str) -> tuple[str, list[Fix]]:
        """``text`` with one-character homophone slips repaired against the corpus."""
        return self.slips.correct(text)

    def is_generic(self, term, ceiling: float = 0.3) -> bool:
        """Words every policy question shares, words that ask (哪个部门, 补多少), or that most passages contain."""
        return self.asking_word(term) or self.common(term, ceiling)

    def common(self, term, ceiling: float = 0.3) -> bool:
        """A word most passages contain ("科技", "计划")."""
        return all(self.df_share(a) >= ceiling for a in alts(term))

    @staticmethod
    def asking_word(term) -> bool:
        """A word every policy question shares or that asks (补贴, 哪个部门, 打算): never what is asked about."""
        generic = generic_words()
        return any(a in generic or any(p.search(a) for _, p in INTENTS)
                   for a in alts(term))

    def focus(self, weights: dict, question: str = "") -> dict:
        """The question's focus terms (a subset of its weighted terms); all terms when none is specific.

        Pronouns, measure words, adverbs and particles ("这事", "谁", "份") never name a topic; verbs and
        adjectives count for less than nouns."""
        tags = word_classes(question) if question else {}
        out, lone, usual = {}, {}, {}
        for t, w in weights.items():
            if self.asking_word(t):
                continue
            word = t[0] if isinstance(t, tuple) else t
            factor = CLASS_WEIGHT.get(class_of(word, tags)[0], 1.0)
            if factor <= 0 and (isinstance(t, tuple) or len(word) >= 3 and self.known(word)):
                factor = 1.0  # a domain term jieba half-guessed ("专精特新" = 专精 + 特新 as an adverb) names a thing
            if factor <= 0:
                continue
            # a word most passages use ("科技", "计划") names the topic only when nothing more specific does; a lone
            # character ("方", "到") matches everywhere as a substring: only when no word is there
            bucket = usual if self.common(t) else lone if len(word) == 1 and CJK_RUN.fullmatch(word) else out
            bucket[t] = w * factor
        # a lone noun ("创新券怎么领" → 券) before a word most passages use; such a word before any other lone
        # character ("平台要搞到多少家": 平台, not 到)
        nouns = {t: w for t, w in lone.items() if class_of(t[0] if isinstance(t, tuple) else t, tags).startswith("n")}
        return out or nouns or usual or lone or dict(weights)

    def without_odd_verbs(self, focus: dict, question: str, absent) -> dict:
        """The focus without the verbs and adjectives no document uses ("总部搬到官渡…找哪个部门对接？": 搬到) while a
        noun the documents use names the topic: such a word can never be matched, it only dilutes the match."""
        tags = word_classes(question) if question else {}
        odd = {t for t in focus
               if isinstance(t, str) and class_of(t, tags)[0] in "va" and not noun(t, tags)
               and not self.known(t) and not self.near(t) and not any(t in p for p in absent)}
        named = [t for t in focus if t not in odd and any(self.known(a) for a in alts(t))
                 and noun(alts(t)[0], tags)]
        return {t: w for t, w in focus.items() if t not in odd} if odd and named else focus

    def unseen_nouns(self, focus: dict, question: str) -> list[str]:
        """Focus nouns no document uses even one homophone away: the likeliest names of an absent topic."""
        tags = word_classes(question) if question else {}
        gone = set(self.missing(focus))
        return [w for w in gone if class_of(w, tags)[0] in "nxj" and len(w) >= 2]

    def absent_topics(self, focus: dict, own: str, describes=None) -> list[str]:
        """The topics the asker wrote in ``own`` (the asking part of this turn, as typed) that no document
        contains: nouns only (verbs, fillers and greetings never name a topic), places and words that
        describe the company (``describes``) left out, and a word one slip from a corpus string (a
        homophone, or any one character in its context: 研发投人 → 研发投入) counted as that string."""
        text = normalise(own)
        tags = word_classes(own) if own else {}
        asking = [m.span() for p in (*(p for _, p in INTENTS), _ASKS_MEANING, _BOTH_PLACES, _COMPARING, _RATIO)
                  for m in p.finditer(text)]
        out = []
        for term in focus:
            forms = alts(term)
            word = next((a for a in forms if a in text), None)
            if word is None or len(word) < 2 or class_of(word, tags).startswith("ns") or _POINTING.match(word) \
                    or word in PEOPLE or word in RECAP:
                continue  # another turn's word, a mend's invention, a place, a pointer ("这两块") or a person ("客户")
            at = text.find(word)
            if any(a < at + len(word) and at < b for a, b in asking):
                continue  # a piece of an asking phrase ("局管" of "哪个局管", "啥意思"), or "两地" for the places named
            if at > 0 and text[at - 1].isdigit() and word[0] in _UNITS:
                continue  # "那10万能一起拿吗": 万 ends a figure, "万能" is no word of the question
            if describes is not None and describes(word):
                continue
            if not self._whole(word, text):
                if any(self.known_topic(a) for a in forms):
                    continue  # a piece of a word ("攻关" of 攻关项目) that the documents use
                word = self._enclosing(word, text, tags)  # "住房" of "人才住房补贴": the word it is part of
                if word is None:
                    continue
            if not noun(word, tags):
                # "专利导航项目": a verb between nouns names a thing; "稳岗补贴": an unknown word naming a benefit's kind
                # (not a slip of a corpus word: "研发投人补助")
                word = self._compound(word, text) or (None if self.slip_of_known(word, text) else
                                                      _benefit_kind(word, text) or _fiscal(word, text, tags)
                                                      or _act_subsidised(word, text))
                if word is None:
                    continue
            if any(self.known_topic(a) or self.near(a) for a in forms) or self.slip_of_known(word, text) \
                    or self._fragment_of_known(word, text) or self._known_pieces(word):
                continue
            out.append(word)
        return out

    def slip_of_known(self, word: str, text: str) -> bool:
        """Is ``word`` (not a dictionary word) one wrong character away from a corpus string, read with two
        characters of its context?"""
        at = text.find(word)
        if at < 0 or not CJK_RUN.fullmatch(word):
            return False
        if len(word) == 2 and any(_sound_slip(word, w) for w in self.slips.pairs(word)):
            return True  # 奖厉 → 奖励, 补帖 → 补贴

        if word in jieba_tokenizer().FREQ:  # a dictionary word (技改, 社保) is what the asker meant, not a slip
            return False
        if len(word) >= 4 and any(self.slips.masked(word[:i] + "?" + word[i + 1 :]) for i in range(len(word))):
            return True  # 众创空问 → 众创空间
        for left in range(0, 3):
            right = 2 - left
            a, b = at - left, at + len(word) + right
            if a < 0 or b > len(text):
                continue
            window = text[a:b]
            if not CJK_RUN.fullmatch(window) or len(window) > 5:
                continue
            for i in range(left, left + len(word)):
                if self.slips.masked(window[:i] + "?" + window[i + 1 :]):
                    return True
        return False

    def _known_pieces(self, word: str) -> bool:
        """Is ``word`` a phrase of words the documents use ("攻关项目" = 攻关 + 项目), not a name they lack (住房补贴,
        算力券)?"""
        if len(word) < 4:
            return False
        covered: set[int] = set()
        for piece in word_tokens(word, keep_stop=True):
            at = word.find(piece)
            if piece != word and len(piece) >= 2 and at >= 0 and self.known_topic(piece):
                covered.update(range(at, at + len(piece)))
        return len(covered) == len(word)

    def _enclosing(self, part: str, text: str, tags: dict[str, str]) -> str | None:
        """The question's word that ``part`` begins ("住房补贴" for 住房), when no document uses it and it is a noun of
        at most six characters; None for a piece inside a word ("行期" of 执行期)."""
        at = text.find(part)
        word = next((w for w, a, e in jieba_tokenizer().tokenize(text) if a == at and e > at + len(part)), None)
        if word is None or len(word) > 6 or self.known_topic(word) or not noun(word, tags):
            return None
        rest = word[len(part):]  # "住房" + 补贴, a word the documents use; not "大方" + 向 (大方向)
        return word if len(rest) >= 2 and self.known_topic(rest) else None

    @staticmethod
    def _whole(word: str, text: str) -> bool:
        """Does ``word`` start and end where the question's words do ("行期" of 执行期 does not)?"""
        at = text.find(word)
        bounds = {b for _, a, e in jieba_tokenizer().tokenize(text) for b in (a, e)}
        return at in bounds and at + len(word) in bounds

    def _compound(self, word: str, text: str) -> str | None:
        """The noun phrase a dictionary verb forms between two nouns (专利 + 导航 + 项目 → "专利导航"), if the
        corpus has neither."""
        if len(word) < 2 or word not in jieba_tokenizer().FREQ or word[-1] in _COMPLEMENT:
            return None  # "搬到", "迁往": a verb with where it goes ("总部搬到官渡") names no thing
        cut = pos_words(text)
        for i in range(1, len(cut) - 1):
            (before, f0), (w, _flag), (_, f2) = cut[i - 1], cut[i], cut[i + 1]
            if w == word and f0[0] == "n" and f2[0] == "n" and not f0.startswith("ns") and not self.known(before + w):
                return before + w
        return None


    def _fragment_of_known(self, word: str, text: str) -> bool:
        """A piece of a longer corpus word the question writes whole ("行期" of 执行期)."""
        at = text.find(word)
        return any(self.known(text[a:b]) for a, b in ((at - 1, at + len(word)), (at, at + len(word) + 1))
                   if a >= 0 and b <= len(text) and CJK_RUN.fullmatch(text[a:b]))

    def specific(self, weights: dict) -> dict:
        """The question's own topic words, however common in the corpus (研发 in "研发补贴"): not generic, not asking."""
        generic = generic_words()
        out = {}
        for t, w in weights.items():
            forms = alts(t)
            if any(a in generic or any(p.search(a) for _, p in INTENTS) for a in forms) or len(forms[0]) < 2:
                continue
            out[t] = w
        return out

    def missing(self, focus: dict) -> list[str]:
        """Focus terms that no document uses, even one homophone away."""
        gone = []
        for term in focus:
            forms = alts(term)
            if not any(self.known(a) or self.near(a) for a in forms):
                gone.append(forms[0])
        return gone


_BENEFIT_AFTER = re.compile(r"补贴|补助|奖励|奖补|资助|贴息|津贴|扶持资金")


# a verb that is itself a fiscal benefit ("退税", "免租", "减费"): what it gives names a topic
_FISCAL = re.compile(r"^[\u4e00-\u9fff][税租费]$")


def _fiscal(word: str, text: str, tags: dict) -> str | None:
    """"出口退税能加快办理不": a two-character verb no document uses that grants a tax, rent or fee relief names a
    topic, with the noun it follows when there is one ("出口退税")."""
    at = text.find(word)
    if at < 0 or not _FISCAL.match(word):
        return None
    before = next((k for k, c in tags.items() if c in ("n", "vn", "nz") and len(k) >= 2 and text[max(0, at - len(k)):at] == k),
                  "")
    return before + word


def _benefit_kind(word: str, text: str) -> str | None:
    """A two-character word jieba does not know, written right before a kind of benefit, names that benefit ("稳岗补贴",
    "研学补贴"); a modal and a verb ("能补贴") names none."""
    at = text.find(word)
    after = _benefit_after(text[at + len(word) :]) if at >= 0 else ""
    if not after or len(word) != 2 or word[0] in MODALS or not CJK_RUN.fullmatch(word) \
            or word in jieba_tokenizer().FREQ:
        return None
    return word + after


# an act asked about as what a benefit is for, opening the ask ("搬迁有补贴吗", "那技改有没有补助")
_ACT_OPENS = re.compile(r"^(?:那|那么|请问|问下|另外)?$")
_SUBSIDY_AFTER = re.compile(r"(?:有没有|有|能有|的)(?:什么|啥)?(?:补贴|补助|奖励|奖补|资助|扶持)")


def _act_subsidised(word: str, text: str) -> str | None:
    """A verb opening the ask and asked whether it is subsidised ("搬迁有补贴吗"): the act names the topic (a verb no
    document uses is dropped as a verb otherwise)."""
    at = text.find(word)
    if at < 0 or not _ACT_OPENS.match(text[:at]) or not _SUBSIDY_AFTER.match(text, at + len(word)):
        return None
    return word


def _benefit_after(rest: str) -> str:
    """The kind of benefit ``rest`` opens with, as written, a one-character slip of it too ("算力补帖": 补帖); ""."""
    if (m := _BENEFIT_AFTER.match(rest)):
        return m.group(0)
    two = rest[:2]
    return two if len(two) == 2 and any(_sound_slip(two, b) for b in _BENEFITS_OF_TWO) else ""


_BENEFITS_OF_TWO = tuple(b for b in _BENEFIT_AFTER.pattern.split("|") if len(b) == 2)


def _sound_slip(written: str, word: str) -> bool:
    """Is ``written`` ``word`` with one character swapped for one that sounds alike (补帖 for 补贴)?"""
    return len(written) == len(word) and sum(a != b for a, b in zip(written, word)) == 1 and all(
        a == b or sounds_alike(a, b) for a, b in zip(written, word))

