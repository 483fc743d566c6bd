"""Replies for a question the documents do not answer: the topic named where no document has it, or the figure
asked for that a document mentions without stating; never a number of its own."""

from __future__ import annotations

import datetime as dt
import re

from policybot.answering.picking import Pick
from policybot.answering.reply import (
    ASK_AGAIN,
    NOT_FOUND,
    QUOTES_HEAD,
    Ask,
    coverage_note,
    flat,
    make_citation,
    refusal,
    region_name,
    task_label,
    validity_warnings,
)
from policybot.answering.wordclass import noun, word_classes
from policybot.text.citations import check_answer
from policybot.text.concepts import concepts_in
from policybot.text.lexical import pos_words
from policybot.text.places import applicable_label
from policybot.text.rules import section_ref
from policybot.text.tier_clauses import clauses
from policybot.types import Answer, PolicyDocument

FIGURE_ASPECTS = {"amount": "金额或比例", "target": "数字", "deadline": "时间", "validity": "期限"}


MENTIONED_ONLY = "但没有写明具体"


def mentioned_only(question: str, ask: Ask, pick: Pick, doc: PolicyDocument, today: dt.date) -> Answer:
    """The topic is in a document, but the figure asked for is not: quote what it says, say the figure is not
    stated, and give no number of its own."""
    where = doc.cited_title + section_ref(doc.section_at(pick.sc.chunk.start + pick.start))
    if re.search(r"\d", where):  # a title's years or a section's numbers would read as figures the quote lacks
        name = region_name(doc)  # a title with figures in it would read as an amount
        where = f"{name}的政策文件" if not re.search(r"\d", name) else "收录的政策文件"
    what = f"“{shown_subject(ask.subject)}”" if shown_subject(ask.subject) else "这一事项"
    citation = make_citation(1, pick, doc, today)
    offered = _offered(citation.quote) if ask.aspects[0] == "amount" else ""
    line = (f"{where}提到了{what}" + (f"，原文为“{offered}”" if offered else "")
            + f"[1]，{MENTIONED_ONLY}{FIGURE_ASPECTS[ask.aspects[0]]}，请向发文机关咨询具体标准。")
    reply = line + QUOTES_HEAD + f"【{region_name(doc, ask.where)}】{flat(citation.quote)}[1]"
    answer = Answer(question=question, found=True, answer=reply, citations=[citation],
                    warnings=validity_warnings([doc], today), direct_answer=line, outcome="answered")
    return answer if not check_answer(answer.answer, answer.citations) else refusal(question, "（答案未通过引文校验）", [doc])


_OFFERS = re.compile(r"给予|予以|兑现")


def _offered(quote: str) -> str:
    """The clause of ``quote`` that gives something without a figure ("对新上市高新技术企业(主板、科创板、创业板)按政策
    给予一次性支持"): what a not-stated reply can say is given; "" when no clause gives or the giving one has a figure."""
    giving = [c.text.strip() for c in clauses(quote) if _OFFERS.search(c.text)]
    return giving[0] if len(giving) == 1 and not re.search(r"\d", giving[0]) and len(giving[0]) <= 60 else ""


_THING = re.compile(r"投入|经费|资金|补助|补贴|奖励|平台|中心|项目|企业|人才|团队|机构|基地|工作站|实验室")  # heads of things


def shown_subject(subject: str) -> str:
    """The parts of a subject a reply may name: nouns the asker wrote ("研发投入"), never a verb or an adverb the
    question used around them ("直接", "能用", "评审")."""
    parts = [_trimmed(p) for p in subject.split("、") if p]
    return "、".join(p for p in parts if p and (noun(p, word_classes(p)) or concepts_in(p) or _THING.search(p)))


_EDGE_WORDS = "dpcrumyq"  # word classes a phrase never starts or ends its name with: adverbs, particles …


def _trimmed(phrase: str) -> str:
    """A phrase joined from neighbouring words without the verbs and adverbs at its edges ("认定新型研发机构直接" →
    "认定新型研发机构"); a phrase that is one word, or a known concept, stays whole."""
    if concepts_in(phrase) and any(b - a == len(phrase) for _, a, b in concepts_in(phrase)):
        return phrase
    cut = list(pos_words(phrase))
    if len(cut) < 2:
        return phrase
    while cut and (cut[-1][1][0] in _EDGE_WORDS or cut[-1][1] == "ad"):
        cut.pop()
    while cut and (cut[0][1][0] in _EDGE_WORDS or cut[0][1] == "ad"):
        cut.pop(0)
    return "".join(w for w, _ in cut)


def where_label(ask: Ask, docs: list[PolicyDocument] | None = None) -> str:
    """The documents searched for the asked place: 官渡区及昆明市的政策文件, 昆明市（适用于西山区）的政策文件 …"""
    if ask.where and docs and len(ask.places) <= 1:
        return applicable_label(docs, ask.where) + "的政策文件"
    return "、".join(ask.places) + "的政策文件" if ask.places else "收录的政策文件"


NO_RULE = "没有找到与这个问题对应的规定"
_LABEL_MAX = 16  # a task's heading names the closest rule; a longer label is a sentence cut short


def not_found(question: str, ask: Ask, docs: list[PolicyDocument], closest: Pick | None = None,
              documents: dict[str, PolicyDocument] | None = None) -> Answer:
    """No quote answers: name the asked topic no document contains, or say plainly that no rule matched
    and point at the closest rule, labelled as not the asked thing (no figures either way)."""
    if ask.topic:
        line = f"{where_label(ask, docs)}中没有关于“{ask.topic}”的规定。"
    else:
        line = f"{where_label(ask, docs)}中{NO_RULE}。"
    near = ""
    if not ask.topic and closest is not None and documents and closest.sc.chunk.doc_id in documents:
        doc = documents[closest.sc.chunk.doc_id]
        label = task_label(doc.section_at(closest.sc.chunk.start + closest.start))
        if label and len(label) <= _LABEL_MAX and not re.search(r"[\d，,；;]", region_name(doc) + label):
            near = f"最接近的是{region_name(doc)}“{label}”方面的条文，但未能确认那是所问的事项，仅供参考。"
    if ask.where:
        # the asker's place is known and the line names the documents searched: no list of every region, no request
        # to name a place; another wording may help only when no topic was named as absent
        closing = ("" if ask.topic else "如果文件对所问事项另有说法，可以换一种说法再问；") + "没有依据的数字本助手不会给出。"
        text = f"{NOT_FOUND}：{line}{near}{closing}"
    else:
        text = (f"{NOT_FOUND}：{line}{near}目前知识库收录的是以下地区的科技创新政策文件："
                f"{coverage_note(docs)}。{ASK_AGAIN}")
    return Answer(question=question, found=False, answer=text, citations=[], warnings=[],
                  direct_answer=line, outcome="not_found")
