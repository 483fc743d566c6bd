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
from dataclasses import dataclass

from policybot.answering.words import INTENTS, PEOPLE, RECAP
from policybot.text.lexical import (
    CJK_RUN,
    alts,
    generic_words,
    jieba_tokenizer,
    normalise,
    pos_words,
    unbracketed,
    vocabulary,
    word_tokens,
)
from policybot.text.places import find
from policybot.text.rules import AGENCY_END, blank_agencies

_MODALS = frozenset("会能要可将该应想得需拟")
# characters that carry the grammar of a chat, never a slip of a corpus word
_FUNCTION_CHARS = frozenset("是的了吗呢吧啊呀嘛在有和与或也都就还把被给让对从向于及等这那么很太又再才只没不")
# characters too common inside other words to be read as one typed wrong (我司 is no slip of 我市, 投人 none of 头人)
_PRONOUNS = frozenset("我你您咱他她它谁人各")
_SHORT = {"zh": "z", "ch": "c", "sh": "s"}
_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"))


# asking what a rule means ("1:1配套是啥意思"), and the places already named taken together ("两地", "两边")
_ASKS_MEANING = re.compile(r"(?:是)?(?:啥|什么|甚么)意思|(?:怎么|咋|如何|怎样)(?:理解|算|解释)|指的是(?:啥|什么)|指什么")
_UNITS = frozenset("万亿元%个家名项年月日户套件人次")  # what follows a figure's digits
_BOTH_PLACES = re.compile(r"两地|两边|两处|两个地方|两个区|两个市|各地|各区|三地|几个地方")
# asking how two things differ ("这有区别吗", "有啥不一样"), or a ratio said in words ("要一比一吗"): no topic in either
_COMPARING = re.compile(r"(?:有|没有|有没有|有啥|有什么|什么|啥)?(?:区别|不同|不一样|差别|差异|两样)")
_RATIO = re.compile(r"[一二两三四五六七八九十\d]+\s*比\s*[一二两三四五六七八九十\d]+")
# the last character of a verb that says where or into what its action goes (搬到, 迁往, 转为)
_COMPLEMENT = frozenset("到在给至往成为向入进出回")


@functools.lru_cache(maxsize=8192)
def _sounds(ch: str) -> frozenset[str]:
    """Toneless readings of a character, folded the way typists confuse them (zh/z, ing/in, l/n)."""
    from pypinyin import Style, pinyin

    out = set()
    readings = pinyin(ch, style=Style.NORMAL, errors="ignore")  # the everyday reading only: 市 is shi, not fu
    for reading in readings[0] if readings else []:
        r = reading
        for long, short in _SHORT.items():
            if r.startswith(long):
                r = short + r[len(long):]
        for long, short in _FINALS:
            if r.endswith(long):
                r = r[: -len(long)] + short
        if r.startswith("l"):
            r = "n" + r[1:]
        out.add(r)
    return frozenset(out)


@functools.cache
def _shapes() -> dict[str, str]:
    """Each character of the vocabulary's lookalike groups, with its group."""
    return {ch: group for group in vocabulary().get("lookalikes", ()) for ch in group}


def sounds_alike(a: str, b: str) -> bool:
    """Two characters a typist confuses: the same toneless reading, or the same shape (院土 for 院士)."""
    return a != b and (bool(_sounds(a) & _sounds(b)) or b in _shapes().get(a, ""))


# word class (jieba's tag, first letter) -> weight in the focus
_CLASS_WEIGHT = {"r": 0.0, "q": 0.0, "m": 0.0, "d": 0.0, "p": 0.0, "u": 0.0, "y": 0.0, "z": 0.0, "c": 0.0, "e": 0.0, "t": 0.0,
                 "o": 0.0, "f": 0.0, "x": 1.0, "v": 0.6, "a": 0.5}


# a share of something ("一部分", "大部分", "一些"), not a count a rule may state ("每培育一家")
_SHARE = re.compile(r"(?:一|大|小|少|多|绝大|一大|一小|很大|很小|相当一)(?:部分|些|点儿?)")


@functools.lru_cache(maxsize=1024)
def quantity_words(text: str) -> frozenset[str]:
    """The words of ``text`` inside a share ("能补一部分" → 一部分, 一部, 部分; "大部分企业" → 大部分, 部分)."""
    quantities = [p for p, flag in pos_words(normalise(text)) if flag[0] == "m" and _SHARE.fullmatch(p)]
    return frozenset(w for w in word_tokens(text, keep_stop=True) if any(w in p for p in quantities))


@functools.lru_cache(maxsize=1024)
def word_classes(text: str) -> dict[str, str]:
    """jieba's word class for each word of ``text`` (sub-words take their dictionary class)."""
    import jieba.posseg as pseg

    pieces = pos_words(normalise(text))
    tags = dict(pieces)
    table = pseg.dt.word_tag_tab
    for w in word_tokens(text, keep_stop=True):
        if w in tags:
            continue
        if w in quantity_words(text):
            tags[w] = "m"  # "能补一部分": the 部分 of a quantity ("一部分", "大部分") names no topic
            continue
        if w in table:
            tags[w] = table[w]
            continue
        # a word jieba guessed in one mode but split in the other ("想往" = 想 + 往): its weakest part
        parts = [flag for word, flag in pieces if word in w]
        tags[w] = min(parts, key=lambda f: _CLASS_WEIGHT.get(f[0], 1.0)) if parts else "n"
    return tags


def _class_of(word: str, tags: dict[str, str]) -> str:
    """A word's class in the question, or (a word the question's cut did not make) its weakest part's."""
    if word in tags:
        return tags[word]
    parts = word_classes(word)
    if not parts:
        return "n"
    return min(parts.values(), key=lambda f: _CLASS_WEIGHT.get(f[0], 1.0))


def _head_is_noun(word: str) -> bool:
    """Does ``word`` end in a noun (its longest proper final part, as jieba classes it)?"""
    parts = word_classes(word)
    last = max((w for w in parts if word.endswith(w) and w != word), key=len, default="")
    return bool(last) and parts[last][0] == "n"


def names_something(word: str, tags: dict[str, str]) -> bool:
    """Can ``word`` name a topic? Not a pronoun, measure word, adverb or particle ("别的", "这些")."""
    return _CLASS_WEIGHT.get(_class_of(word, tags)[0], 1.0) > 0


@dataclass(frozen=True)
class Fix:
    wrong: str
    right: str


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
        self._corrected = functools.lru_cache(maxsize=4096)(self._correct)
        self._in_all = functools.lru_cache(maxsize=65536)(self.all_text.__contains__)
        self._in_known = functools.lru_cache(maxsize=65536)(lambda t: t in self.all_text or t in self._loose)
        self._in_topical = functools.lru_cache(maxsize=65536)(
            lambda t: t in self._topical or t in self._topical_loose)
        self.n = max(1, len(self.texts))
        df: Counter[str] = Counter()
        grams: Counter[str] = Counter()
        for text in self.texts:
            df.update(set(word_tokens(text, keep_stop=True)))
            for run in CJK_RUN.findall(text):
                for size in (3, 4, 5):
                    grams.update(run[i : i + size] for i in range(len(run) - size + 1))
        self.df = df
        words = {w for w in df if len(w) >= 3 and CJK_RUN.fullmatch(w)}
        keep = {g for g, c in grams.items() if c >= 2} | words
        self._masked: dict[str, list[str]] = {}
        for g in keep:
            for i in range(len(g)):
                self._masked.setdefault(g[:i] + "?" + g[i + 1 :], []).append(g)
        self._count = grams

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
                and not self.df.get(term) and any(ch in _FUNCTION_CHARS or ch in _MODALS or ch in "前后得" for ch in term))

    def df_share(self, word: str) -> float:
        return self.df.get(word, 0) / self.n

    def near(self, term: str, positions: range | list[int] | None = None) -> str | None:
        """A corpus string one homophone away from ``term`` (3+ characters), if there is one.

        ``positions`` limits which characters may be the slip.
        """
        if len(term) < 3 or not CJK_RUN.fullmatch(term):
            return None
        best = None
        for i in positions if positions is not None else range(len(term)):
            for cand in self._masked.get(term[:i] + "?" + term[i + 1 :], ()):
                if sounds_alike(term[i], cand[i]) and (best is None or self._count[cand] > self._count[best]):
                    best = cand
        return best

    def correct(self, text: str) -> tuple[str, list[Fix]]:
        """``text`` with one-character homophone slips repaired against the corpus (longest window first). Worked out
        once per text: a turn mends its question in several places, and every turn its asker's earlier messages."""
        mended, fixes = self._corrected(text)
        return mended, list(fixes)

    def _correct(self, text: str) -> tuple[str, tuple[Fix, ...]]:
        norm = normalise(text)
        out, fixes, pos = [], [], 0
        for m in CJK_RUN.finditer(norm):
            out.append(norm[pos : m.start()])
            run, i, mended = m.group(0), 0, []
            # a place name is no slip, even one the corpus never uses (苏州吴江)
            tokens = list(jieba_tokenizer().tokenize(run))
            odd = self._odd_positions(run, tokens) - {k for f in find(run) for k in range(f.start, f.end)}
            # a mend replaces whole words: "市里支持" is not "市" + a slip of "里支持"
            starts, ends = {s for _, s, _ in tokens}, {e for _, _, e in tokens}
            # a grammar character jieba glued onto a word ("那瞪铃" = 那 + 瞪铃) is a word bound too
            starts |= {s + 1 for w, s, _ in tokens if len(w) >= 2 and w[0] in _FUNCTION_CHARS}
            ends |= {e - 1 for w, _, e in tokens if len(w) >= 2 and w[-1] in _FUNCTION_CHARS}
            # a word jieba made around a slip ("研发机勾能补" → 机勾能): its bounds say nothing of a name of four or more characters'
            inside = {k for _, s, e in tokens if e - s >= 3 and any(k in odd for k in range(s, e)) for k in range(s + 1, e)}
            named_starts, named_ends = starts | inside, ends | inside
            while i < len(run):
                for size in (5, 4, 3):
                    window = run[i : i + size]
                    slips = [j for j in range(len(window)) if i + j in odd]
                    if not slips and size >= 4:
                        slips = self._unwritten(window, i, tokens)
                    if (len(window) < size or not slips or self._in_all(window)
                            or i not in (named_starts if size >= 4 else starts)
                            or i + size not in (named_ends if size >= 4 else ends)):
                        continue
                    right = self.near(window, slips)
                    if right:
                        mended.append(right)
                        fixes.append(Fix(window, right))
                        i += size
                        break
                else:
                    pair = self._pair_slip(run, i, starts, ends)  # "补主" → 补助, "将励" → 奖励: a two-character slip
                    mended.append(pair or run[i])
                    if pair:
                        fixes.append(Fix(run[i : i + 2], pair))
                    i += 2 if pair else 1
            out.append("".join(mended))
            pos = m.end()
        out.append(norm[pos:])
        return ("".join(out), tuple(fixes)) if fixes else (text, ())

    def _unwritten(self, window: str, i: int, tokens: list[tuple[str, int, int]]) -> list[int]:
        """Offsets in ``window`` (at ``i`` of its run) of words the corpus writes only across its own words ("重创" of
        "注重创新"), when the window is whole words of two characters or more ("重创空间"); else none."""
        inside = [(w, s, e) for w, s, e in tokens if s >= i and e <= i + len(window)]
        if sum(e - s for _, s, e in inside) != len(window) or any(len(w) < 2 for w, _, _ in inside):
            return []
        return [k - i for w, s, e in inside if not self.df.get(w) for k in range(s, e)]

    def _pair_slip(self, run: str, i: int, starts: set[int], ends: set[int]) -> str | None:
        """The corpus word a two-character token at ``i`` is a homophone slip of, when it is one word and no
        dictionary or corpus word itself, and exactly one corpus word fits."""
        word, freq = run[i : i + 2], jieba_tokenizer().FREQ
        if len(word) < 2 or i not in starts or i + 2 not in ends or self._in_all(word) or freq.get(word, 0) > 0 \
                or any(ch in _FUNCTION_CHARS or ch in _PRONOUNS for ch in word):
            return None
        beside = (run[max(0, i - 1) : i + 1], run[i + 1 : i + 3])
        if any(len(w) == 2 and (w in freq or self.known(w)) for w in beside):
            return None  # a character that makes a word with its neighbour ("占比要": 比 belongs to 占比)
        fits = {w for w in self._pairs(word) if sum(a != b for a, b in zip(w, word)) == 1
                and all(a == b or sounds_alike(a, b) for a, b in zip(w, word))}
        return fits.pop() if len(fits) == 1 else None

    def _odd_positions(self, run: str, tokens: list[tuple[str, int, int]]) -> set[int]:
        """Characters of words (jieba's ``tokens`` of ``run``) the corpus never uses (a lone character: no corpus
        bigram either side)."""
        odd = set()
        for word, start, end in tokens:
            if len(word) >= 2 and all(ch in _FUNCTION_CHARS for ch in word):
                continue  # a grammar word ("不是高新"): "是高新" is not a slip of "市高新"
            if len(word) >= 2 and not self._in_all(word):
                odd.update(range(start, end))
            elif len(word) == 1 and word not in _FUNCTION_CHARS and word not in _MODALS:  # "资金是直接…": 是 is no slip of 使
                left = start > 0 and self._in_all(run[start - 1 : end])
                right = end < len(run) and self._in_all(run[start : end + 1])
                if not (left or right):
                    odd.add(start)
        return odd

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
            factor = _CLASS_WEIGHT.get(_class_of(word, tags)[0], 1.0)
            if factor <= 0 and (isinstance(t, tuple) or len(word) >= 3 and self.known(word)):
                factor = 1.0  # a domain term jieba half-guessed ("专精特新" = 专精 + 特新 as an adverb) names a thing
            if factor <= 0:
                continue
            # a word most passages use ("科技", "计划") names the topic only when nothing more specific does; a lone
            # character ("方") matches everywhere as a substring: only when nothing else is there
            bucket = usual if self.common(t) else lone if len(word) == 1 and CJK_RUN.fullmatch(word) else out
            bucket[t] = w * factor
        return out or lone or usual or dict(weights)

    def without_odd_verbs(self, focus: dict, question: str, absent) -> dict:
        """The focus without the verbs and adjectives no document uses ("总部搬到官渡…找哪个部门对接？": 搬到) while a
        noun the documents use names the topic: such a word can never be matched, it only dilutes the match."""
        tags = word_classes(question) if question else {}
        odd = {t for t in focus
               if isinstance(t, str) and _class_of(t, tags)[0] in "va" and not self.noun(t, tags)
               and not self.known(t) and not self.near(t) and not any(t in p for p in absent)}
        named = [t for t in focus if t not in odd and any(self.known(a) for a in alts(t))
                 and self.noun(alts(t)[0], tags)]
        return {t: w for t, w in focus.items() if t not in odd} if odd and named else focus

    def unseen_nouns(self, focus: dict, question: str) -> list[str]:
        """Focus nouns no document uses even one homophone away: the likeliest names of an absent topic."""
        tags = word_classes(question) if question else {}
        gone = set(self.missing(focus))
        return [w for w in gone if _class_of(w, tags)[0] in "nxj" and len(w) >= 2]

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
            if word is None or len(word) < 2 or _class_of(word, tags).startswith("ns") or _POINTING.match(word) \
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
            if not self.noun(word, tags):
                # "专利导航项目": a verb between nouns names a thing; "稳岗补贴": an unknown word naming a benefit's kind
                # (not a slip of a corpus word: "研发投人补助")
                word = self._compound(word, text) or (None if self.slip_of_known(word, text) else _benefit_kind(word, text))
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
        if len(word) == 2 and any(sum(a != b for a, b in zip(w, word)) == 1
                                  and all(a == b or sounds_alike(a, b) for a, b in zip(w, word))
                                  for w in self._pairs(word)):
            return True  # 奖厉 → 奖励, 补帖 → 补贴

        if word in jieba_tokenizer().FREQ:  # a dictionary word (技改, 社保) is what the asker meant, not a slip
            return False
        if len(word) >= 4 and any(self._masked.get(word[:i] + "?" + word[i + 1 :]) for i in range(len(word))):
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
                if self._masked.get(window[:i] + "?" + window[i + 1 :]):
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
        if word is None or len(word) > 6 or self.known_topic(word) or not self.noun(word, tags):
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

    @staticmethod
    def noun(word: str, tags: dict[str, str]) -> bool:
        """A noun (or a fixed term jieba files as 习用语: "个人所得税"); a two-character word jieba only guessed ("能奖",
        "能补") reads as its weakest character."""
        cls = _class_of(word, tags)[0]
        if len(word) == 2 and word[0] in _MODALS and word_classes(word[1]).get(word[1], "x")[0] in "vp":
            return False  # "会派", "能奖", "要交", "能用": a modal and a verb, whatever the dictionary files them as
        if len(word) >= 3 and word not in jieba_tokenizer().FREQ:  # a word jieba does not know ("算力券") is what its
            return _head_is_noun(word)                            # last part is: 券, a thing
        if cls == "l" and len(word) >= 3:  # a fixed term is a thing when it ends in one (所得税, not 开放)
            last = max((w for w in word_tokens(word, keep_stop=True) if word.endswith(w) and w != word), key=len, default="")
            return bool(last) and word_classes(word).get(last, "x")[0] == "n"
        if cls not in "nxj":
            return False
        if len(word) == 2 and word not in jieba_tokenizer().FREQ:
            chars = [word_classes(ch).get(ch, "n") for ch in word]
            return all(c[0] in "nxj" for c in chars)
        return True

    def _fragment_of_known(self, word: str, text: str) -> bool:
        """A piece of a longer corpus word the question writes whole ("行期" of 执行期)."""
        at = text.find(word)
        return any(self.known(text[a:b]) for a, b in ((at - 1, at + len(word)), (at, at + len(word) + 1))
                   if a >= 0 and b <= len(text) and CJK_RUN.fullmatch(text[a:b]))

    def _pairs(self, word: str) -> list[str]:
        """Two-character corpus words sharing a character with ``word`` in place."""
        if not hasattr(self, "_two"):
            self._two: dict[str, list[str]] = {}
            for w in self.df:
                if len(w) == 2 and CJK_RUN.fullmatch(w):
                    self._two.setdefault(w[0] + "?", []).append(w)
                    self._two.setdefault("?" + w[1], []).append(w)
        return self._two.get(word[0] + "?", []) + self._two.get("?" + word[1], [])

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


def _benefit_kind(word: str, text: str) -> str | None:
    """A two-character word jieba does not know, written right before a kind of benefit, names that benefit ("稳岗补贴",
    "研学补贴"); a modal and a verb ("能补贴") names none."""
    at = text.find(word)
    after = _BENEFIT_AFTER.match(text, at + len(word)) if at >= 0 else None
    if after is None or len(word) != 2 or word[0] in _MODALS or not CJK_RUN.fullmatch(word) \
            or word in jieba_tokenizer().FREQ:
        return None
    return word + after.group(0)

