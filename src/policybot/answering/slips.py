"""One-character slips in a question (高心技术企业 → 高新技术企业), mended against the corpus's own strings.

A slip is a homophone (toneless, with the zh/z, ing/in, l/n confusions of typists) or a lookalike of the vocabulary's
lookalike groups, in a word the corpus never writes; the mend is the corpus string one such character away.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from policybot.answering.wordclass import MODALS
from policybot.text.lexical import CJK_RUN, jieba_tokenizer, normalise
from policybot.text.places import find
from policybot.text.sounds import sounds_alike

# characters that carry the grammar of a chat, never a slip of a corpus word
FUNCTION_CHARS = frozenset("是的了吗呢吧啊呀嘛在有和与或也都就还把被给让对从向于及等这那么很太又再才只没不")
# a verb of giving or getting said as a word of its own ("直接补企业", "能奖多少"): what is asked, never a slip
_GIVING = frozenset("补奖给拿领发")
# characters too common inside other words to be read as one typed wrong (我司 is no slip of 我市, 投人 none of 头人)
_PRONOUNS = frozenset("我你您咱他她它谁人各")
_RARE = 100  # a dictionary word used less often than this is no everyday word ("管科" 5, "哪个" 1,874)


@dataclass(frozen=True)
class Fix:
    wrong: str
    right: str



class Slips:
    """An index of the corpus's 3–5 character strings and two-character words, for mending a question's slips."""

    def __init__(self, texts: list[str], df: Counter[str], in_all: Callable[[str], bool], known: Callable[[str], bool]):
        self.df, self._in_all, self.known = df, in_all, known
        self._corrected = functools.lru_cache(maxsize=4096)(self._correct)
        grams: Counter[str] = Counter()
        for text in texts:
            for run in CJK_RUN.findall(text):
                for size in (3, 4, 5):
                    grams.update(run[i : i + size] for i in range(len(run) - size + 1))
        words = {w for w in df if len(w) >= 3 and CJK_RUN.fullmatch(w)}
        keep = {g for g, c in grams.items() if c >= 2} | words
        self._masked: dict[str, list[str]] = {}
        for g in keep:
            for i in range(len(g)):
                self._masked.setdefault(g[:i] + "?" + g[i + 1 :], []).append(g)
        self._count = grams
        self._two: dict[str, list[str]] = {}
        for w in df:
            if len(w) == 2 and CJK_RUN.fullmatch(w):
                self._two.setdefault(w[0] + "?", []).append(w)
                self._two.setdefault("?" + w[1], []).append(w)

    def masked(self, pattern: str) -> bool:
        """Does some corpus string fit ``pattern`` (one character written as "?")?"""
        return bool(self._masked.get(pattern))

    def pairs(self, word: str) -> list[str]:
        """Two-character corpus words sharing a character with ``word`` in place."""
        return self._two.get(word[0] + "?", []) + self._two.get("?" + word[1], [])

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
            starts |= {s + 1 for w, s, _ in tokens if len(w) >= 2 and w[0] in FUNCTION_CHARS}
            ends |= {e - 1 for w, _, e in tokens if len(w) >= 2 and w[-1] in FUNCTION_CHARS}
            # a word jieba made around a slip ("研发机勾能补" → 机勾能): its bounds say nothing of a name of four or more characters'
            inside = {k for _, s, e in tokens if e - s >= 3 and any(k in odd for k in range(s, e)) for k in range(s + 1, e)}
            # a word before a slipped one ("科技成果" + "转话"): a name of four may start inside it ("成果转话" → 成果转化)
            before = {e2 - 4 for _, s, e in tokens for _, s2, e2 in tokens
                      if e == s2 and e2 - s2 >= 2 and s < e2 - 4 < e and all(j in odd for j in range(s2, e2))}
            named_starts, named_ends = starts | inside | before, ends | inside
            # "管科寄": a lone character no corpus string holds may pair with the character before it (科寄 → 科技)
            lone = {s for w, s, _ in tokens if len(w) == 1 and s in odd}
            # a pair jieba's model made into a word of its own that no dictionary or corpus has ("科技楼于" → 楼于)
            glued = {s for w, s, e in tokens if e - s == 2 and not jieba_tokenizer().FREQ.get(w) and s in odd}
            while i < len(run):
                for size in (5, 4, 3):
                    window = run[i : i + size]
                    slips = [j for j in range(len(window)) if i + j in odd]
                    if not slips and size >= 4:
                        slips = self._unwritten(window, i, tokens)
                    if not slips and size == 5:  # "服务也体系" → 服务业体系: a grammar character inside a long corpus string
                        slips = [j for j in range(1, len(window) - 1) if window[j] in FUNCTION_CHARS]
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
                    pair = self._pair_slip(run, i, starts, ends, lone, glued)  # "补主" → 补助, "将励" → 奖励
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

    def _pair_slip(self, run: str, i: int, starts: set[int], ends: set[int], lone: set[int] = frozenset(),
                   glued: set[int] = frozenset()) -> str | None:
        """The corpus word a two-character token at ``i`` is a homophone slip of, when it is one word and no
        dictionary or corpus word itself, and exactly one corpus word fits. A pair ending in a ``lone`` odd character
        (a token of its own no corpus string holds) may start inside a token ("管科寄": 科寄), and a neighbour word claims
        its character only when the corpus writes that word or it is an everyday one ("哪个局": 哪个)."""
        word, freq = run[i : i + 2], jieba_tokenizer().FREQ
        if len(word) < 2 or (i not in starts and i + 1 not in lone) or i + 2 not in ends \
                or self._in_all(word) or freq.get(word, 0) > 0 \
                or any((ch in FUNCTION_CHARS and i not in glued) or ch in _PRONOUNS for ch in word) or word[1] in MODALS:
            return None  # "钱能叠加吗": a word and the modal after it ("钱" + "能"), no slip of 潜能
        # "有奖历么": a grammar character beside the pair ("有" + 奖) makes no word that claims it
        left, right = run[max(0, i - 1) : i + 1], run[i + 1 : i + 3]
        beside = (left if left[:1] not in FUNCTION_CHARS else "", right if right[-1:] not in FUNCTION_CHARS else "")
        # beside a lone odd character, a rare dictionary word does not claim its neighbour ("管科寄": 管科; "哪个局": 哪个 does)
        claims = (lambda w: freq.get(w, 0) >= _RARE) if i + 1 in lone else (lambda w: w in freq)
        if i not in glued and any(len(w) == 2 and (claims(w) or self.known(w)) for w in beside):
            return None  # a character that makes a word with its neighbour ("占比要": 比 belongs to 占比)
        fits = {w for w in self.pairs(word) if sum(a != b for a, b in zip(w, word)) == 1
                and all(a == b or sounds_alike(a, b) for a, b in zip(w, word))}
        return fits.pop() if len(fits) == 1 else None

    def _odd_positions(self, run: str, tokens: list[tuple[str, int, int]]) -> set[int]:
        """Characters of words (jieba's ``tokens`` of ``run``) the corpus never uses (a lone character: no corpus
        bigram either side)."""
        odd = set()
        for word, start, end in tokens:
            if len(word) >= 2 and all(ch in FUNCTION_CHARS for ch in word):
                continue  # a grammar word ("不是高新"): "是高新" is not a slip of "市高新"
            if len(word) >= 2 and not self._in_all(word):
                odd.update(range(start, end))
            elif len(word) == 1 and word not in FUNCTION_CHARS and word not in MODALS and word not in _GIVING:
                # "资金是直接…": 是 is no slip of 使; "直接补企业": 补 is what is asked, no slip of 部 (总部企业)
                left = start > 0 and self._in_all(run[start - 1 : end])
                right = end < len(run) and self._in_all(run[start : end + 1])
                if not (left or right):
                    odd.add(start)
        return odd
