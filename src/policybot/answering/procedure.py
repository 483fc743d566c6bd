"""Procedure questions (怎么申请 / 要交什么材料 / 几月份申报 / 去哪儿申请 / 有什么管理办法): what the documents do
say about applying — the 实施办法/管理办法 they name, the 牵头/责任 departments of the task — quoted, then plainly
what they do not state (materials, time, place, steps). Never a figure in their place: the direct line names no
amount, and an asked figure ("一张面额多少") is left to the ordinary answer.

Which passages: those a search for the question's own topic finds (each naming the topic's longest word), or, for
a bare follow-up ("材料交到哪里？"), the passages the previous answer quoted (its "【地区】quote[n]" lines) and those
of the conversation's last question that names a topic.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from policybot.answering.reply import NOT_FOUND, QUOTES_HEAD, make_citation, region_name, validity_warnings
from policybot.answering.direct import department
from policybot.answering.picking import Pick
from policybot.answering.aspects import wants_figure
from policybot.answering.words import INTENTS, PROCEDURE_CUES, topic_words
from policybot.text.citations import check_answer, sentences
from policybot.text.rules import DEPT_LINE, department_span
from policybot.types import Answer, Chunk, Citation, PolicyDocument, ScoredChunk

# what each kind asks, as said when the documents do not state it
NOT_STATED = {
    "materials": "需要提交的申报材料",
    "when": "申报时间（几月份申报、截止日期）",
    "payment": "资金拨付或到账的时间",
    "where": "受理部门或申请地点、渠道",
    "how": "具体的申请流程",
    "rules": "具体的实施办法或管理办法",
    "source": "全文在哪里查看或下载",
}
_RULES = re.compile(r"《[^《》]{4,80}?(?:管理办法|实施办法|实施细则|办法|细则|申报指南|指南|操作规程)》")
_QUOTED_LINE = re.compile(r"^【[^】\n]+】([^【]+?)\[(\d+)\]$", re.M)  # a quote may run over lines
MAX_PASSAGES = 3


_POINTED_FEW = re.compile(r"[这那](?:几|两|三)(?:个|项|笔|份|类|种|家)")


def asks_figure(question: str) -> bool:
    """Does the question ask a figure besides its procedure ("怎么申领，一张面额多少")? 几月份申报 is no figure."""
    bare = _POINTED_FEW.sub("", question)  # "这几个奖一般多久到账": 这几个 points, it asks no count
    for pattern in PROCEDURE_CUES.values():
        bare = pattern.sub(" ", bare)
    return wants_figure(bare) or any(p.search(bare) for name, p in INTENTS if name in ("amount", "target"))


def procedure_asked(question: str) -> list[str]:
    """The procedure kinds the question asks, in the order of ``PROCEDURE_CUES`` ([] when it asks none)."""
    return [kind for kind, pattern in PROCEDURE_CUES.items() if pattern.search(question)]


_PROCEDURE_WORDS = re.compile(
    r"^(?:材料|资料|附件|申报|申请|要交|交到|报到|提交|准备|提供|一般|月份|几月份?|哪里|哪儿|去|到|谁|这些|这个|那个|钱|"
    r"流程|程序|步骤|手续|渠道|窗口|管理|实施|办法|管理办法|实施办法|实施细则|细则|指南|期限|时间|截止|受理|后|"
    r"[哪啥][报办交送递]?|报|办|交|送|递|在哪|去哪|自己|依据|根据|文件|部门|单位|窗口|"
    r"开始|账|到账|倒账|拨付|拨|发放|兑现|到位|打款|下来|大概|通常|啥时候?|什么时候|何时|多久|多长时间|奖补|补助|奖励|补贴|资金|经费|那要|那么|还要|需要|要|那|"
    # where and whether: "网上能报吗", "是自动发还是得自己申请"
    r"网上|线上|线下|网络|能报|能办|可以报|自动|主动|发|还是|得|"
    r"奖|评完|评上|评下来|批完|审完|批下来)$")  # "这几个奖一般评完多久能到账": when the money comes, of what was said


def own_topic(question: str) -> bool:
    """Does the question name a topic of its own besides its procedure words (研发补助怎么申请 does;
    材料交到哪里 does not)?"""
    return any(len(w) >= 2 for w in topic_words_of(question))  # "准备些什么材料": 些 names nothing


def quoted_passages(answer_text: str, chunks: list[Chunk]) -> list[tuple[Chunk, int]]:
    """The passages (and the quote's offset in each) an earlier answer quoted in its "【地区】quote[n]" lines."""
    found: list[tuple[Chunk, int]] = []
    for m in _QUOTED_LINE.finditer(answer_text):
        for piece in (m.group(1), *sorted(m.group(1).split("；"), key=len, reverse=True)[:1]):
            hit = next(((c, c.text.find(piece)) for c in chunks if len(piece) >= 6 and piece in c.text), None)
            if hit is not None:
                if all(hit[0].chunk_id != c.chunk_id for c, _ in found):
                    found.append(hit)
                break
    return found


def topic_words_of(question: str) -> list[str]:
    """The question's topic words (its procedure words left out)."""
    return [w for w in topic_words(question) if not _PROCEDURE_WORDS.match(w)]


def topic_at(text: str, question: str, start: int = 0) -> int:
    """The start of the passage's sentence (from ``start`` on) sharing most two-character pieces with the question's
    topic words (the first on a tie; ``start``'s sentence when none shares any)."""
    pieces = {w[i:i + 2] for w in topic_words_of(question) for i in range(len(w) - 1)}
    spans = [(a, b) for a, b in sentences(text) if b > start]
    best, at = 0, (spans[0][0] if spans else 0)
    for a, b in spans:
        shared = sum(1 for p in pieces if p in text[a:b])
        if shared > best:
            best, at = shared, a
    return at


@dataclass
class Said:
    """What the passages say about applying: the named rules and the departments, each a (passage, span), and the
    first passage's sentence on the topic (quoted when nothing else is said: the rule itself, its conditions)."""
    rules: list[tuple[ScoredChunk, tuple[int, int], str]]
    departments: list[tuple[ScoredChunk, tuple[int, int], str]]
    clause: tuple[ScoredChunk, tuple[int, int]] | None = None


def what_is_said(passages: list[tuple[ScoredChunk, int]], documents: dict[str, PolicyDocument], next_chunk,
                 topic: str = "") -> Said:
    """The 办法/细则 the passages name in the task of their topic (the sentence naming them), the 牵头/责任
    lines of that task, and the first passage's sentence on ``topic`` (from its topic's offset on)."""
    said = Said([], [])
    if passages:
        sc, at = passages[0]
        at = topic_at(sc.chunk.text, topic, at) if topic else at
        said.clause = next(((sc, (a, b)) for a, b in sentences(sc.chunk.text) if a <= at < b), None)
    for sc, at in passages[:MAX_PASSAGES]:
        text, doc = sc.chunk.text, documents[sc.chunk.doc_id]
        task = doc.section_at(sc.chunk.start + at)
        for a, b in sentences(text):
            names = _RULES.findall(text[a:b]) if doc.section_at(sc.chunk.start + a)[:len(task)] == task else []
            if names and not any(n in r[2] for n in names for r in said.rules):
                said.rules.append((sc, (a, b), "、".join(dict.fromkeys(names))))
        held = _department_of(sc, at, next_chunk)
        if held is not None and not any(d[0].chunk.doc_id == held[0].chunk.doc_id for d in said.departments):
            said.departments.append(held)
    return said


def _department_of(sc: ScoredChunk, at: int, next_chunk) -> tuple[ScoredChunk, tuple[int, int], str] | None:
    """The 牵头/责任 lines after the quoted spot: in its passage, or at the head of the next one."""
    at = _lines_start(sc.chunk.text, max(at, 0))
    span = department_span(sc.chunk.text, (at, at))
    if span is None and next_chunk is not None and (nxt := next_chunk(sc.chunk)) is not None:
        span = department_span(nxt.chunk.text, (0, 0))
        if span is not None and not re.search(r"^\s*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]+[)）])",
                                              nxt.chunk.text[: span[0]], re.M):
            sc = nxt
        else:
            span = None
    if span is None:
        return None
    return sc, span, department(sc.chunk.text[span[0]:span[1]])


def _lines_start(text: str, at: int) -> int:
    """``at`` moved back to the first of the 牵头/责任 lines it stands in ("责任部门:…" quoted alone follows its
    "牵头部门:…" line), else ``at``."""
    start = text.rfind("\n", 0, at) + 1
    while DEPT_LINE.search(text[start : text.find("\n", start) if "\n" in text[start:] else len(text)].strip()):
        at = start
        if start == 0:
            break
        prev = text.rfind("\n", 0, start - 1) + 1
        if not DEPT_LINE.search(text[prev : start - 1].strip()):
            break
        start = prev
    return at


def compose_procedure(question: str, kinds: list[str], said: Said, documents: dict[str, PolicyDocument],
                      today: dt.date) -> Answer | None:
    """Quote what is said, then say what is not; None when the reply fails its checks."""
    citations: list[Citation] = []
    body, lines = [], []

    def cite(sc: ScoredChunk, span: tuple[int, int]) -> str:
        doc = documents[sc.chunk.doc_id]
        citations.append(make_citation(len(citations) + 1, Pick(sc, span[0], span[1], 0.0, 1), doc, today))
        body.append(f"【{region_name(doc)}】{citations[-1].quote}[{citations[-1].n}]")
        return f"[{citations[-1].n}]"

    for sc, span, names in said.rules[:2]:
        lines.append(f"{region_name(documents[sc.chunk.doc_id])}的文件提到{names}{cite(sc, span)}")
    for sc, span, who in said.departments[:2]:
        lines.append(f"{region_name(documents[sc.chunk.doc_id])}的文件写明：{who}{cite(sc, span)}")
    if not lines and said.clause is not None:  # no 办法 and no department: the clause itself, and nothing on applying
        sc, span = said.clause
        n = cite(sc, span)
        # a clause stating no figure is shown ("市里的科技成果转化基金叫啥，我们怎么申请" asks it too); one with a figure
        # is only cited: the line on applying must not read as giving an amount the question did not ask
        shown = "" if re.search(r"\d", citations[-1].quote) else f"：{citations[-1].quote}"
        lines.append(f"{region_name(documents[sc.chunk.doc_id])}的文件只写明了相关条款本身{shown}{n}")
    missing = [NOT_STATED[k] for k in kinds if not (k == "rules" and said.rules)]
    if missing:
        lines.append(f"文件未写明{'、'.join(dict.fromkeys(missing))}，请以主管部门发布的通知为准。")
    direct_line = "\n".join(lines)
    if not citations:
        text = f"{NOT_FOUND}：{direct_line}没有依据的信息本助手不会给出。"
        return Answer(question=question, found=False, answer=text, citations=[], warnings=[],
                      direct_answer=direct_line, outcome="not_found")
    reply = direct_line + QUOTES_HEAD + "\n".join(body)
    cited = [documents[d] for d in dict.fromkeys(c.doc_id for c in citations)]
    answer = Answer(question=question, found=True, answer=reply, citations=citations,
                    warnings=validity_warnings(cited, today), direct_answer=direct_line, outcome="answered")
    return None if check_answer(answer.answer, answer.citations) else answer
