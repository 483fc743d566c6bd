"""Names the question writes as the documents do ("市级企业科技创新中心"), read as one term.

A tokenizer cuts a compound name into common words (科技 · 创新 · 中心), and then each of them matches anything:
"工程技术研究中心" holds 中心 and 市级 as well as the asked thing. A run of the question's words that occurs verbatim in
the corpus (five characters or more, holding two or more of its focus words) is the name of something the documents
speak of; the focus takes the run instead of its pieces, weighing as the weightiest of them.
"""

from __future__ import annotations

from typing import Protocol

from policybot.text.lexical import CJK_RUN, normalise, word_tokens

MIN_CHARS = 5  # shorter runs are words the vocabulary already handles
MAX_WORDS = 6


class Corpus(Protocol):
    def known(self, term: str) -> bool: ...


def _spans(run: str) -> list[tuple[int, int]]:
    """The offsets of the run's words, in order."""
    out, at = [], 0
    for w in word_tokens(run, keep_stop=True):
        i = run.find(w, at)
        if i < 0:
            continue
        out.append((i, i + len(w)))
        at = i + len(w)
    return out


def corpus_runs(text: str, corpus: Corpus) -> list[tuple[str, tuple[str, ...]]]:
    """(run, its words) for the longest runs of whole words of ``text`` that the corpus holds verbatim, longest
    first where two overlap ("被认定为市级企业科技创新中心": 市级企业科技创新中心, not 认定为市级), in text order."""
    found = []
    for run in CJK_RUN.findall(normalise(text)):
        spans = _spans(run)
        longest = []  # (start word, end word) of the longest known run from each word
        for i in range(len(spans)):
            best = None
            for j in range(i + 2, min(len(spans), i + MAX_WORDS) + 1):
                piece = run[spans[i][0] : spans[j - 1][1]]
                if len(piece) >= MIN_CHARS and corpus.known(piece):
                    best = j
            if best is not None:
                longest.append((i, best))
        taken: list[tuple[int, int]] = []
        for i, j in sorted(longest, key=lambda r: (-(spans[r[1] - 1][1] - spans[r[0]][0]), r[0])):
            if all(j <= a or b <= i for a, b in taken):
                taken.append((i, j))
        found += [(run[spans[i][0] : spans[j - 1][1]], tuple(run[a:b] for a, b in spans[i:j])) for i, j in sorted(taken)]
    return found


def with_compounds(focus: dict, text: str, corpus: Corpus) -> dict:
    """The focus with each corpus run holding two or more of its (single-word) terms in their place: the run cut to
    begin and end with focus words ("有升规潜力的" is 升规潜力), weighing as its weightiest word."""
    out = dict(focus)
    for _run, words in corpus_runs(text, corpus):
        inside = [i for i, w in enumerate(words) if w in out]
        if len(inside) < 2:
            continue
        run = "".join(words[inside[0] : inside[-1] + 1])
        if len(run) < MIN_CHARS or not corpus.known(run):
            continue
        held = [w for w in words[inside[0] : inside[-1] + 1] if w in out]
        weight = max(out[w] for w in held)
        for w in held:
            out.pop(w, None)
        out[run] = max(out.get(run, 0.0), weight)
    return out
