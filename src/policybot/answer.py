"""Compose an answer from evidence without a language model.

Refuse before composing when nothing clears the evidence bar. Otherwise pick, per document, the
sentence that answers the question's intent (the amount, the 牵头部门 line, the eligibility
clause…), quote it verbatim and cite it. The answer text is built only from quotes and
number-free labels, and is checked (markers, verbatim quotes, numbers) before it is returned.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .citations import check_answer, sentences, squash
from .lexical import normalise
from .retrieval import QueryPlan, holds, overlap
from .settings import AnswerSettings
from .structure import heading_level, is_heading_only, split_spans
from .types import Answer, Citation, PolicyDocument, ScoredChunk

_MONEY = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|万|%)|不设(?:经费)?上限|1[:∶]1")
_DEPT = re.compile(
    r"^[（(]?\s*(牵头|责任|指导|配合)(部门|单位)\s*[:：]|负责落实[)）]?$|为召集单位|[（(]责任(部门|单位)\s*[:：]"
)
_CONDITION = re.compile(r"对[^。；]{2,40}的|经[^。；]{0,20}认定|超过|达到|符合|须|应当|以上|满足|连续|首次|重新认定|有效期满|新认定|新设立|较上")
_TARGET = re.compile(r"(达到?|突破|以上|新增|培育|增长|不少于|超过)[^。；]{0,12}\d|\d[^。；]{0,12}(以上|家|个|件|人|项|亿元|万元|%)")
_VALIDITY = re.compile(r"有效期|施行|自印发之日|执行期")
_DEADLINE = re.compile(r"\d+\s*个?月内|每年|每季度|每半年|之日起|日前|前完成|年底")
_INTENT_PATTERNS = {
    "amount": _MONEY, "department": _DEPT, "condition": _CONDITION, "target": _TARGET,
    "validity": _VALIDITY, "deadline": _DEADLINE,
}
_CLAUSE_END = re.compile(r"[；;，,：:]")
_LABEL_PREFIX = re.compile(r"^(第[一二三四五六七八九十百\d]+[章条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、]|[（(]\d{1,2}[）)])")

NOT_FOUND = "知识库中未找到依据"


@dataclass
class _Pick:
    sc: ScoredChunk
    start: int  # quote span inside the chunk text
    end: int
    score: float
    rank: int


def _overlap(text: str, weights: dict[str, float]) -> float:
    return overlap(normalise(text), weights)


def _intent_bonus(text: str, intents: list[str]) -> float:
    bonus = 0.0
    for i, name in enumerate(intents):
        pattern = _INTENT_PATTERNS.get(name)
        if pattern is not None and pattern.search(text.strip()):
            bonus += 0.45 if i == 0 else 0.15
    return bonus


def _trim(text: str, start: int, end: int, weights: dict[str, float], intents: list[str], limit: int = 150) -> tuple[int, int]:
    """A long sentence shrinks to the window of clauses around its best clause (still verbatim)."""
    if end - start <= limit:
        return start, end
    bounds = split_spans(text, _CLAUSE_END, start, end)
    if len(bounds) < 2:
        return start, end
    scores = [_overlap(text[s:e], weights) + _intent_bonus(text[s:e], intents) for s, e in bounds]
    best = max(range(len(bounds)), key=lambda i: scores[i])
    lo = hi = best
    while True:
        grew = False
        if lo > 0 and bounds[hi][1] - bounds[lo - 1][0] <= limit:
            lo -= 1
            grew = True
        if hi < len(bounds) - 1 and bounds[hi + 1][1] - bounds[lo][0] <= limit and scores[hi + 1] > 0:
            hi += 1
            grew = True
        if not grew:
            break
    s, e = bounds[lo][0], bounds[hi][1]
    while e > s and text[e - 1] in "，,：:":
        e -= 1
    return s, e


def _candidates(text: str) -> list[tuple[int, int]]:
    """Sentences, and pairs of neighbouring sentences on one line (a topic sentence and its figure).

    Heading-only lines are not candidates: they name a topic but state nothing.
    """
    spans = [
        se for se in sentences(text)
        if len(squash(text[se[0] : se[1]])) >= 6
        and not (heading_level(text[se[0] : se[1]]) is not None and is_heading_only(text[se[0] : se[1]]))
    ]
    pairs = [
        (a[0], b[1]) for a, b in zip(spans, spans[1:])
        if "\n" not in text[a[1] : b[0]] and b[1] - a[0] <= 160
    ]
    return spans + pairs


def _best_in_chunk(sc: ScoredChunk, rank: int, weights, intents) -> _Pick | None:
    text = sc.chunk.text
    context = 0.25 * sc.coverage + 0.1 / rank
    if intents[0] == "department":
        dept = _department_span(text, weights)
        if dept:
            start, end, topical = dept
            return _Pick(sc, start, end, topical + 0.45 + context, rank)
    best: _Pick | None = None
    singles = set(sentences(text))
    for s, e in _candidates(text):
        body = text[s:e]
        # concise wins ties: a small charge per character
        score = _overlap(body, weights) + _intent_bonus(body, intents) + context - 0.0004 * (e - s)
        if (s, e) not in singles:
            score -= 0.05  # a pair must earn its extra length
        if best is None or score > best.score:
            best = _Pick(sc, s, e, score, rank)
    if best is not None:
        best.start, best.end = _trim(text, best.start, best.end, weights, intents)
    return best


def _department_span(text: str, weights) -> tuple[int, int, float] | None:
    """The 牵头/责任 lines of the task the passage's most topical sentence belongs to."""
    spans = [se for se in sentences(text) if len(squash(text[se[0] : se[1]])) >= 6]
    body = [se for se in spans if not _DEPT.search(text[se[0] : se[1]].strip())]
    if not body:
        return None
    topical = max(body, key=lambda se: _overlap(text[se[0] : se[1]], weights))
    lines = [se for se in spans if se[0] >= topical[0] and _DEPT.search(text[se[0] : se[1]].strip())]
    if not lines:
        return None
    group = [lines[0]]
    for se in lines[1:]:
        if text[group[-1][1] : se[0]].strip():
            break
        group.append(se)
    return group[0][0], group[-1][1], _overlap(text[topical[0] : topical[1]], weights)


def task_label(labels: tuple[str, ...]) -> str:
    """The innermost heading without its numbering, if it carries no figures of its own."""
    if not labels:
        return ""
    label = _LABEL_PREFIX.sub("", labels[-1]).strip(" .．、")
    return "" if re.search(r"\d", label) else label


def region_name(doc: PolicyDocument) -> str:
    parts = [p for p in doc.region if not p.endswith("省")] or list(doc.region)
    return "".join(parts) or doc.display_title


def section_ref(labels: tuple[str, ...]) -> str:
    """Compact section numbering, e.g. 二、（一）1. for a citation a clerk can paste."""
    refs = []
    for label in labels:
        m = _LABEL_PREFIX.match(label)
        refs.append(m.group(0) if m else label)
    return "".join(refs)


def make_citation(n: int, pick: _Pick, doc: PolicyDocument, today: dt.date) -> Citation:
    chunk = pick.sc.chunk
    labels = doc.section_at(chunk.start + pick.start)
    return Citation(
        n=n,
        doc_id=doc.doc_id,
        title=doc.display_title,
        issuer=doc.issuer,
        doc_number=doc.doc_number,
        section=" › ".join(labels),
        quote=chunk.text[pick.start : pick.end],
        chunk_id=chunk.chunk_id,
        period=doc.period,
        expired=doc.expired(today),
        official_title=doc.title_kind == "official",
        chunk_text=chunk.text,
        quote_start=pick.start,
        section_ref=section_ref(labels),
    )


def validity_warnings(docs: list[PolicyDocument], today: dt.date) -> list[str]:
    out = []
    for doc in docs:
        name = doc.cited_title
        who = doc.issuer or "发文机关"
        if doc.period is None:
            out.append(f"{name}未写明执行期限，请向{who}确认现行有效性。")
        elif doc.expired(today):
            out.append(
                f"{name}的执行期为{doc.period}年，截至{today.isoformat()}已到期；"
                f"请向{who}确认是否有后续政策接续，再据此申报。"
            )
        else:
            out.append(f"{name}的执行期为{doc.period}年，目前仍在执行期内。")
    return out


def coverage_note(docs: list[PolicyDocument]) -> str:
    """What the corpus covers, in words (no figures, so a refusal cites nothing it cannot back)."""
    places = []
    for doc in docs:
        name = "".join(doc.region) if doc.region else doc.display_title
        if name not in places:
            places.append(name)
    return "、".join(places)


def refusal(question: str, reason: str, docs: list[PolicyDocument]) -> Answer:
    text = (
        f"{NOT_FOUND}{reason}。目前知识库收录的是以下地区的科技创新政策文件：{coverage_note(docs)}。"
        "请换一种问法，或注明地区后再问；没有依据的数字本助手不会给出。"
    )
    return Answer(question=question, found=False, answer=text, citations=[], warnings=[])


def compose(
    question: str,
    plan: QueryPlan,
    intents: list[str],
    evidence: list[ScoredChunk],
    documents: dict[str, PolicyDocument],
    cfg: AnswerSettings,
    today: dt.date,
    weights: dict,
) -> Answer:
    """The extractive answer, or a refusal when no sentence clears the evidence bar.

    ``weights`` are the question's content terms with their IDF (see ``HybridRetriever.term_weights``).
    """
    per_doc: dict[str, _Pick] = {}
    for rank, sc in enumerate(evidence, 1):
        pick = _best_in_chunk(sc, rank, weights, intents)
        if pick and (sc.chunk.doc_id not in per_doc or pick.score > per_doc[sc.chunk.doc_id].score):
            per_doc[sc.chunk.doc_id] = pick
    picks = sorted(per_doc.values(), key=lambda p: -p.score)
    all_docs = list(documents.values())
    # The evidence bar decides found / not found on the best passage; further regions need half of it.
    # One shared word is not evidence: the passage must hold two of the question's words (or its only one).
    need = min(2, len(weights))

    def clears(p: _Pick) -> bool:
        held = sum(1 for k in weights if holds(normalise(p.sc.chunk.index_text()), k))
        return p.sc.coverage >= cfg.min_coverage and p.score >= cfg.min_evidence_score and held >= need

    if not any(clears(p) for p in picks):
        return refusal(question, "", all_docs)
    picks = [p for p in picks if p.sc.coverage >= cfg.min_coverage / 2 and p.score >= cfg.min_evidence_score]
    best = picks[0].score
    named = [pl for pl in plan.places]
    if len(named) >= 2:  # "官渡区和临沧…分别": one line for each region named
        chosen = []
        for place in named:
            mine = [p for p in picks if place in documents[p.sc.chunk.doc_id].region and p not in chosen]
            if mine:
                chosen.append(mine[0])
    elif named:  # the question named its region: answer for it only
        chosen = picks[:1]
    else:
        chosen = [p for p in picks if p.score >= cfg.multi_region_ratio * best]
    chosen = chosen[: cfg.max_citations]
    citations, lines = [], []
    for n, pick in enumerate(chosen, 1):
        doc = documents[pick.sc.chunk.doc_id]
        cit = make_citation(n, pick, doc, today)
        citations.append(cit)
        quote = re.sub(r"\s*\n\s*", "；", cit.quote)
        label = task_label(doc.section_at(pick.sc.chunk.start + pick.start)) if intents[0] == "department" else ""
        lines.append(f"【{region_name(doc)}】{label + '：' if label else ''}{quote}[{n}]")
    if len(lines) > 1:
        text = "各地规定不同，分别如下：\n" + "\n".join(lines)
    else:
        text = lines[0]
    warnings = validity_warnings([documents[c.doc_id] for c in citations], today)
    answer = Answer(question=question, found=True, answer=text, citations=citations, warnings=warnings)
    problems = check_answer(answer.answer, answer.citations)
    if problems:  # cannot happen for quotes taken verbatim; refuse rather than show an unsupported figure
        refused = refusal(question, "（答案未通过引文校验）", all_docs)
        refused.warnings = problems
        return refused
    return answer
