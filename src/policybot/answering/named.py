"""A question naming a thing by the document's own long name ("市里那个研发经费投入奖补资金，我们企业能直接去申请吗？",
"经费包干制") asks about the sentence that names it: when the best pick of that document does not name it, the first
sentence of the document's passages that does is quoted instead. Only names of seven characters or more that the
documents hold verbatim count; shorter ones are ordinary topic words, which the fitted pick already weighs."""

from __future__ import annotations

import functools
import re

from policybot.answering.picking import Pick, candidates
from policybot.text.lexical import jieba_tokenizer, normalise, vocabulary
from policybot.text.rules import whole_rule
from policybot.types import ScoredChunk

MIN_NAME = 7
MAX_NAME = 24  # a name is no longer; a long message is not searched end to end
_LEVEL = re.compile(r"国家级|省级|市级|区级|县级")  # "省级科技企业孵化器": the level is part of what is named
_WORD = re.compile(r"[\u4e00-\u9fff]+")


def long_names(question: str, known) -> list[str]:
    """The longest corpus strings of ``MIN_NAME`` characters or more in the question that start and end where its words
    do ("申报高新技术企业", never "备申报…" cut from 准备), longest first; a name written in everyday words is found in
    the documents' words ("研发投入奖补资金" → 研发经费投入奖补资金)."""
    found = _long_names(question, known)
    if found:
        return found
    text, put = in_documents_words(question)
    # only a name the document word begins, with a head of its own after it ("…奖补资金"): not the word alone, nor a
    # verb before it ("报高新技术企业")
    return [n for n in _long_names(text, known) if n not in question
            and any(n.startswith(w) and len(n) - len(w) >= _HEAD for w in put)]


_HEAD = 3


def in_documents_words(text: str) -> tuple[str, list[str]]:
    """(``text`` with each everyday word of the vocabulary that is one document word written as that word (研发投入 →
    研发经费投入), the document words put in); words the vocabulary maps to several are left as they are."""
    put = []
    for word, said in _one_word_synonyms():
        if word in text and said not in text:
            text = text.replace(word, said)
            put.append(said)
    return text, put


@functools.cache
def _one_word_synonyms() -> tuple[tuple[str, str], ...]:
    """(everyday word, the one document word for it) of the vocabulary, longest everyday word first (worked out once)."""
    pairs = ((w, said[0]) for w, said in vocabulary()["synonyms"].items() if len(w) >= 2 and len(said) == 1)
    return tuple(sorted(pairs, key=lambda kv: -len(kv[0])))


def _long_names(question: str, known) -> list[str]:
    q = normalise(question)
    tokens = [(a, b) for _, a, b in jieba_tokenizer().tokenize(q)]
    ends = {b for _, b in tokens}
    found, covered = [], 0
    for a, _ in tokens:
        if a < covered:
            continue
        j = next((b for b in range(min(len(q), a + MAX_NAME), a + MIN_NAME - 1, -1)
                  if b in ends and _WORD.fullmatch(q[a:b]) and known(q[a:b])), None)
        if j is not None:
            found.append(q[a:j])
            covered = j
    return sorted(found, key=len, reverse=True)


def _mostly_in(name: str, text: str) -> bool:
    """Does ``text`` hold the name, or the name without the verb before it ("申报高新技术企业", "报高新技术企业": 高新技术企业
    is the thing named, 申报 / 报 the asker's verb)?"""
    if name in text:
        return True
    verb = _VERB.match(name)  # "报高新技术企业": 报 is the asker's verb too
    cut = len(verb.group(0)) if verb else 2
    return len(name) - cut >= 6 and not _LEVEL.match(name) and name[cut:] in text


_VERB = re.compile(r"申报|申请|评上|认定|争取|报|评|拿|冲")


def named_instead(best: Pick, pool: list[ScoredChunk], names: list[str]) -> Pick:
    """``best``, or the first sentence of its document's passages naming the question's longest name it lacks."""
    text = normalise(best.text)
    if not names or any(_mostly_in(n, text) for n in names):
        return best
    for rank, sc in enumerate(pool, 1):
        if sc.chunk.doc_id != best.sc.chunk.doc_id:
            continue
        text = sc.chunk.text
        for s, e, pair in candidates(text, with_departments=False):
            if not pair and names[0] in normalise(text[s:e]) and not sc.chunk.is_instruction(s, e):
                a, b = whole_rule(text, s, e, parallel=True)
                return Pick(sc, a, b, best.score, rank, dict(best.x), best.prob)
    return best


# a name this long is one programme or title ("市级企业科技创新中心", "省级科技企业孵化器"), not a class many rules share
_SPECIFIC = 8


def only_naming(picks: list[Pick], names: list[str], bar: float) -> list[Pick]:
    """The picks without the answering ones that do not name the question's long name, when another answering pick
    names it ("市级企业科技创新中心给多少": 昆明's 20万元 for it, not 五华's "认定为市级重点实验室…2万元")."""
    if not names or len(names[0]) < _SPECIFIC:
        return picks
    naming = [p for p in picks if p.prob >= bar and _mostly_in(names[0], normalise(p.text))]
    if not naming:
        return picks
    # a rule naming the thing in other words around it ("市级科技科普精品基地" for 市级科普精品基地) stays
    thing = _LEVEL.sub("", names[0], count=1) if _LEVEL.match(names[0]) else names[0]
    return [p for p in picks if p.prob < bar or p in naming or thing in normalise(p.text)]
