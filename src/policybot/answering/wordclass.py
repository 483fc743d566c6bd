"""Word classes of a question's words, as jieba files them: what can name a topic, what is a quantity or a verb."""

from __future__ import annotations

import functools
import re

from policybot.text.lexical import jieba_tokenizer, normalise, pos_words, word_tokens

MODALS = frozenset("会能要可将该应想得需拟")

# word class (jieba's tag, first letter) -> weight in the focus
CLASS_WEIGHT = {"r": 0.0, "q": 0.0, "m": 0.0, "d": 0.0, "p": 0.0, "u": 0.0, "y": 0.0, "z": 0.0, "c": 0.0, "e": 0.0, "t": 0.0,
                "o": 0.0, "f": 0.0, "x": 1.0, "v": 0.6, "a": 0.5}


# a share of something ("一部分", "大部分", "一些"), not a count a rule may state ("每培育一家")
_SHARE = re.compile(r"(?:一|大|小|少|多|绝大|一大|一小|很大|很小|相当一)(?:部分|些|点儿?)")


@functools.lru_cache(maxsize=1024)
def quantity_words(text: str) -> frozenset[str]:
    """The words of ``text`` inside a share ("能补一部分" → 一部分, 一部, 部分; "大部分企业" → 大部分, 部分) or a rough
    count ("三四家")."""
    quantities = [p for p, flag in pos_words(normalise(text)) if flag[0] == "m" and _SHARE.fullmatch(p)]
    quantities += _ABOUT_COUNT.findall(text)  # "有三四家今年在冲高企": a rough count of what it has, no topic
    return frozenset(w for w in word_tokens(text, keep_stop=True) if any(w in p for p in quantities))


_ABOUT_COUNT = re.compile(r"(?:[一二两三四五六七八九]{2}|十几|几十)(?:个|家|件|项|名|位|户|所)")


_HOW = re.compile(r"^(?:不|没|未|别)(?:太|很|大|怎么|咋)|^太(?:会|懂|能|清楚|明白|了解)")


@functools.lru_cache(maxsize=1024)
def word_classes(text: str) -> dict[str, str]:
    """jieba's word class for each word of ``text`` (sub-words take their dictionary class)."""
    import jieba.posseg as pseg

    pieces = pos_words(normalise(text))
    # "不太会", "没怎么", "太会": a negation or a degree and what follows is how, never a thing (jieba guesses a noun)
    tags = {w: ("d" if _HOW.match(w) else f) for w, f in pieces}
    table = pseg.dt.word_tag_tab
    for w in word_tokens(text, keep_stop=True):
        if w in tags:
            continue
        if w in quantity_words(text):
            tags[w] = "m"  # "能补一部分": the 部分 of a quantity ("一部分", "大部分") names no topic
            continue
        if _HOW.match(w):
            tags[w] = "d"
            continue
        if w in table:
            tags[w] = table[w]
            continue
        # a word jieba guessed in one mode but split in the other ("想往" = 想 + 往): its weakest part
        parts = [flag for word, flag in pieces if word in w]
        tags[w] = min(parts, key=lambda f: CLASS_WEIGHT.get(f[0], 1.0)) if parts else "n"
    return tags


def class_of(word: str, tags: dict[str, str]) -> str:
    """A word's class in the question, or (a word the question's cut did not make) its weakest part's."""
    if word in tags:
        return tags[word]
    parts = word_classes(word)
    if not parts:
        return "n"
    return min(parts.values(), key=lambda f: CLASS_WEIGHT.get(f[0], 1.0))


def head_is_noun(word: str) -> bool:
    """Does ``word`` end in a noun (its longest proper final part, as jieba classes it)?"""
    parts = word_classes(word)
    last = max((w for w in parts if word.endswith(w) and w != word), key=len, default="")
    return bool(last) and parts[last][0] == "n"


def names_something(word: str, tags: dict[str, str]) -> bool:
    """Can ``word`` name a topic? Not a pronoun, measure word, adverb or particle ("别的", "这些")."""
    return CLASS_WEIGHT.get(class_of(word, tags)[0], 1.0) > 0


def noun(word: str, tags: dict[str, str]) -> bool:
    """A noun (or a fixed term jieba files as 习用语: "个人所得税"); a two-character word jieba only guessed ("能奖",
    "能补") reads as its weakest character."""
    cls = class_of(word, tags)[0]
    if len(word) == 2 and word[0] in MODALS and word_classes(word[1]).get(word[1], "x")[0] in "vp":
        return False  # "会派", "能奖", "要交", "能用": a modal and a verb, whatever the dictionary files them as
    if len(word) >= 3 and word not in jieba_tokenizer().FREQ:  # a word jieba does not know ("算力券") is what its
        return head_is_noun(word)                            # last part is: 券, a thing
    if cls == "l" and len(word) >= 3:  # a fixed term is a thing when it ends in one (所得税, not 开放)
        last = max((w for w in word_tokens(word, keep_stop=True) if word.endswith(w) and w != word), key=len, default="")
        return bool(last) and word_classes(word).get(last, "x")[0] == "n"
    if cls not in "nxj":
        return False
    if len(word) == 2 and word not in jieba_tokenizer().FREQ:
        chars = [word_classes(ch).get(ch, "n") for ch in word]
        return all(c[0] in "nxj" for c in chars)
    return True
