"""Lexical signals: BM25 over jieba words and BM25 over character bigrams, persisted with bm25s."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import tempfile
import threading
import unicodedata
from importlib import resources
from pathlib import Path

import numpy as np

logging.getLogger("bm25s").setLevel(logging.WARNING)

log = logging.getLogger(__name__)

_STOP = set(
    "的 了 和 与 及 等 对 在 是 为 以 按 将 由 于 并 或 其 之 中 上 下 有 也 把 被 从 向 给 这 那 个 我 我们 你 你们 "
    "他 她 它 吗 呢 吧 啊 呀 么 什么 怎么 怎样 如何 哪些 多少 可以 能 能够 请问 一下 想 要 需要 就 都 还 又 "
    "会 该 这个 那个 哪个 没有 有没有 是否 关于 如果 现在 公司 企业 我司 咱们".split()
)
_KEEP = re.compile(r"[\u4e00-\u9fff0-9a-z%]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ALNUM = re.compile(r"[a-z0-9.%]+")


@functools.lru_cache(maxsize=16384)  # passages are normalised again and again while scoring
def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


# a blank between Chinese characters (or after a figure) is a pause typed as a space, as voice input and phone
# typing write it ("官渡区规上高企 数字经济方向 我们能申请哪些补贴"); not inside a figure ("2025 年", "380 万")
_PAUSE = re.compile(r"(?<=[\u4e00-\u9fff\d%])[ \t\u3000]+(?=[\u4e00-\u9fff\d])(?![年万亿元个])")


# where an unpaused message turns from the asker to a level's ask ("…博士区里有没有…", "…规下的市里对…有什么")
_LEVEL_ASK = r"(?<=[\u4e00-\u9fff\d])(?<![在的们这那个])(?=(?:区里|市里|县里|省里)(?:有没有|有啥|有什么|能不能|会不会|给不给|对))"
# voice input with no pause at all ("…去年研发投了三百多万听说区里按研发投入排名给钱排前面能拿多少"): a word that opens
# a clause of its own (what the asker heard, its question) is where the speaker paused
_SPOKEN_BREAK = re.compile(r"(?<=[\u4e00-\u9fff\d])(?=听说|据说|听人说|有人说|想问|请问|问一下|顺便问)|(?<=[\u4e00-\u9fff\d])(?<![想请])(?=问下)"
                           r"|(?<=^你好)|(?<=^您好)|(?<=^喂你好)|(?<=^喂您好)|(?<=^在吗)|(?<=^老师好)"  # "你好我在嵩明县…": the greeting, a pause
                           # "…配件的我们不是高新技术企业哈研发投入去年是六百万…然后我们有个省级企业技术中心…": a voice run-on
                           # parts before the words that go on to the next thing and after a particle that ends a clause
                           r"|(?<=[\u4e00-\u9fff\d])(?=然后|另外|还有一个|还有个|不过|但是|而且)"
                           r"|(?<=[\u4e00-\u9fff\d])(?<!问下)(?<!问一下)(?<!请问)(?<!想问)(?<!问问)(?=我们(?!的))"  # not "想问下我们…"
                           r"|(?<=[\u4e00-\u9fff][哈呀嘛])(?=[\u4e00-\u9fff])"
                           rf"|{_LEVEL_ASK}")
_ANY_PAUSE = re.compile(r"[，,。.？?！!、；;：:\s]")
UNPAUSED_CHARS = 24


def typed_pauses(text: str) -> str:
    """``text`` with its typed pauses written as commas, so they part clauses as punctuation does; a long message
    typed with no pause at all is parted before the words that open a clause of their own."""
    unpaused = not _ANY_PAUSE.search(text.strip().rstrip("？?。.！!～~"))  # "…哪些？": one ask
    if len(text) >= UNPAUSED_CHARS and unpaused:
        text = _SPOKEN_BREAK.sub("，", text)
    elif unpaused:  # "我们今年招了几个博士区里有没有人才公寓": a level's ask after the asker's own words
        text = _LEVEL_ASK_BREAK.sub("，", text)
    return _PAUSE.sub("，", text)


_LEVEL_ASK_BREAK = re.compile(_LEVEL_ASK)


# a year stated as one ("2025年", "2025 年"), and any 20xx number (a year or not)
YEAR = re.compile(r"20\d\d(?=\s*年)")
YEAR_NUMBER = re.compile(r"(?<!\d)20\d\d(?!\d)")
# "24年的呢", "到25年累计多少", "官渡区24年…目标": a year written with two digits, as people chat (not a duration:
# "10年以上", "3年内", "成立了24年")
_SHORT_YEAR = re.compile(r"(?:(?<=^)|(?<=[到至在从于是和与、，,。？?！\s那呢前后今的及或里中区市县省]))([12]\d)(?=\s*年(?!以上|以内|内|来|左右|期间|时间|多|之内|后|间))")


_CN_DIGIT = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_NOT_A_SPAN = r"(?=年(?!以上|以内|内|来|左右|期间|时间|多|之内|后|间))"
# "二〇二五年", "二五年": a year in Chinese numerals
_CN_FULL_YEAR = re.compile(r"二[〇零]([一二])([〇零一二三四五六七八九])" + _NOT_A_SPAN)
_CN_YEAR = re.compile(r"(?<![〇零一二三四五六七八九十百千万第])([一二])([〇零一二三四五六七八九])" + _NOT_A_SPAN)


def full_years(text: str) -> str:
    """Two-digit years written out in full ("24年" → "2024年", "二五年" → "2025年"); 10–29 only, so durations and
    ages stay as they are."""
    text = _SHORT_YEAR.sub(lambda m: "20" + m.group(1), text)
    text = _CN_FULL_YEAR.sub(lambda m: "20" + _CN_DIGIT[m.group(1)] + _CN_DIGIT[m.group(2)], text)
    return _CN_YEAR.sub(lambda m: "20" + _CN_DIGIT[m.group(1)] + _CN_DIGIT[m.group(2)], text)


@functools.cache
def vocabulary() -> dict:
    return json.loads(resources.files("policybot").joinpath("data/vocabulary.json").read_text(encoding="utf-8"))


def tokens_version() -> str:
    """A short hash of the words jieba keeps whole (the vocabulary's ``terms``): the passages' word index depends on
    them, so an index built with other terms is rebuilt, not read with a query tokenised differently."""
    terms = json.dumps(sorted(vocabulary()["terms"]), ensure_ascii=False)
    return hashlib.sha256(terms.encode("utf-8")).hexdigest()[:12]


_jieba_lock = threading.Lock()


@functools.cache
def jieba_tokenizer():
    import jieba

    with _jieba_lock:
        tok = jieba.Tokenizer()
        tok.tmp_dir = tempfile.gettempdir()
        jieba.setLogLevel(logging.WARNING)
        tok.initialize()
        for term in vocabulary()["terms"]:
            tok.add_word(term, freq=20000)
    return tok


@functools.lru_cache(maxsize=4096)
def pos_words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, class) of ``text`` as jieba's default part-of-speech tagger cuts it (each text is tagged once)."""
    import jieba.posseg as pseg

    jieba_tokenizer()  # initialised, quiet
    return tuple((p.word, p.flag) for p in pseg.cut(text))


def word_tokens(text: str, keep_stop: bool = False) -> list[str]:
    """jieba search-mode words (overlapping sub-words kept), stop words and punctuation dropped."""
    return list(_word_tokens(text, keep_stop))


@functools.lru_cache(maxsize=8192)  # questions and their parts are cut again and again while one answer is made
def _word_tokens(text: str, keep_stop: bool) -> tuple[str, ...]:
    tok = jieba_tokenizer()
    toks = [_unglued(x.strip(), tok.FREQ) for x in tok.lcut_for_search(normalise(text))]
    return tuple(t for t in toks if t and _KEEP.search(t) and (keep_stop or t not in _STOP))


_GLUED_BEFORE, _GLUED_AFTER = "对把向给跟在", "有吗呢"


def _unglued(word: str, known: dict) -> str:
    """A word jieba made up of a preposition and the unknown word after it ("官渡对文旅科技…": 对文旅), or of an unknown
    word and the particle after it ("区块链有…": 链有), without the preposition or particle; a dictionary word (对外,
    对接) stays whole."""
    if len(word) >= 3 and known.get(word) is None and word[0] in _GLUED_BEFORE:
        return word[1:]
    if len(word) >= 3 and known.get(word) is None and word[-1] in _GLUED_AFTER:
        return word[:-1]
    return word


CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")  # a run of Chinese characters


def alts(term) -> tuple[str, ...]:
    """A term's words: a synonym tuple's, or the word itself."""
    return term if isinstance(term, tuple) else (term,)


def bigram_tokens(text: str) -> list[str]:
    """Overlapping CJK character bigrams plus whole ASCII/number runs."""
    text = normalise(text)
    out: list[str] = []
    for run in CJK_RUN.findall(text):
        out.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    out.extend(_ALNUM.findall(text))
    return out


class BM25Index:
    """A bm25s index over pre-tokenised texts; scores for every document at once."""

    def __init__(self, model):
        self._model = model

    @classmethod
    def build(cls, token_lists: list[list[str]]) -> "BM25Index":
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import
        model = bm25s.BM25()
        model.index([toks or [""] for toks in token_lists], show_progress=False)
        return cls(model)

    def save(self, path: Path) -> None:
        self._model.save(str(path))

    @classmethod
    def load(cls, path: Path) -> "BM25Index":
        import bm25s

        return cls(bm25s.BM25.load(str(path)))

    def scores(self, tokens: list[str], weights: dict[str, float] | None = None) -> np.ndarray:
        """BM25 score of every document; ``weights`` down-weights expansion terms."""
        vocab = self._model.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known:
            return np.zeros(self._model.scores["num_docs"], dtype=np.float32)
        if not weights:
            return np.asarray(self._model.get_scores(known), dtype=np.float32)
        total = np.zeros(self._model.scores["num_docs"], dtype=np.float32)
        by_weight: dict[float, list[str]] = {}
        for t in known:
            by_weight.setdefault(weights.get(t, 1.0), []).append(t)
        for w, toks in by_weight.items():
            total += w * np.asarray(self._model.get_scores(toks), dtype=np.float32)
        return total


def merged_spans(spans) -> list[list[int]]:
    """Overlapping or touching (start, end) spans joined, in order: adjacent words read as one phrase."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


@functools.lru_cache(maxsize=4096)
def unbracketed(text: str) -> str:
    """Normalised ``text`` with the brackets of optional parts taken out ("各县(区)" → "各县区", "院士(专家)工作站")."""
    return re.sub(r"[()]", "", text)


def holds(text: str, term) -> bool:
    """A term is a word or a tuple of synonyms; ``text`` is normalised. A word also holds when the text brackets it as
    an option ("各县(区)" holds 县区) or lists it with a shared head ("院士、专家工作站" holds 院士工作站)."""
    for a in term if isinstance(term, tuple) else (term,):
        if a in text or (len(a) >= 2 and "(" in text and a in unbracketed(text)) or (len(a) >= 4 and _listed(text, a)):
            return True
    return False


@functools.lru_cache(maxsize=32768)  # the same sentences are matched against the same words by reranker and picker
def _listed(text: str, word: str) -> bool:
    """Is ``word`` an item of a list in ``text`` whose items share its last part?"""
    for i in range(2, len(word) - 1):
        pre, head = word[:i], word[i:]
        if pre in text and head in text and _shared_head(pre, head).search(text):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _shared_head(pre: str, head: str) -> re.Pattern[str]:
    """"<pre>、<another>…<head>": a list whose items share the last word (院士、专家工作站)."""
    return re.compile(re.escape(pre) + r"(?:、|和|及|与)[\u4e00-\u9fff]{1,6}?" + re.escape(head))


def overlap(text: str, weights: dict) -> float:
    """Share of the weighted terms that occur in ``text`` (already normalised)."""
    total = sum(weights.values())
    return sum([v for k, v in weights.items() if holds(text, k)]) / total if total else 0.0


@functools.cache
def generic_words() -> frozenset[str]:
    return frozenset(normalise(w) for w in vocabulary().get("generic", []))
