"""The parts every written reply shares: what is asked (``Ask``), how a document and a quote are cited, the
validity lines, and the plain refusal."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from policybot.answering.picking import Pick
from policybot.text.places import region_label
from policybot.text.rules import LABEL_PREFIX, section_ref
from policybot.types import Answer, Citation, PolicyDocument

NOT_FOUND = "知识库中未找到依据"
QUOTES_HEAD = "\n依据原文：\n"  # between an answer's direct line(s) and its quotes


def quotes_part(reply: str) -> str:
    """The quotes of a written reply (after ``QUOTES_HEAD``); empty when it has none."""
    return reply.split(QUOTES_HEAD, 1)[1] if QUOTES_HEAD in reply else ""


@dataclass(frozen=True)
class Ask:
    """What composition needs to know about the question."""

    text: str  # the question as resolved (follow-ups joined, typos mended)
    expanded: str  # with the vocabulary's equivalents appended: what tier choice reads
    aspects: tuple[str, ...]  # what is asked, in order (amount, department, condition …)
    places: tuple[str, ...]  # covered places the question names
    topic: str  # the focus in the question's words, for "没有关于“…”的规定"
    wants_figure: bool = False  # the question asks for a number (多少, 比例, 哪一年 …)
    subject: str = ""  # what the question asks about, in its words (present in the corpus or not)
    where: tuple[str, ...] | str | None = None  # the place asked about (the question's, else the filter's)
    concepts: tuple[tuple[str, str], ...] = ()  # (concept, as written) this turn names: 瞪羚企业, 院士工作站 …
    # this turn's own words (typos mended), as written then with their equivalents: a tier they name outweighs the one
    # of the earlier turn it follows up
    own: tuple[str, ...] = ()


def task_label(labels: tuple[str, ...]) -> str:
    """The innermost heading without its numbering, if it carries no figures of its own."""
    if not labels:
        return ""
    label = LABEL_PREFIX.sub("", labels[-1]).strip(" .．、")
    return "" if re.search(r"\d", label) else label


def plain_name(doc: PolicyDocument) -> str:
    """The document named by its place and kind, without the years of its title ("昆明市五华区的行动计划")."""
    kind = re.findall(r"行动方案|行动计划|方案|计划|措施|办法|意见|细则|规定", doc.display_title)
    return f"{region_name(doc)}的{kind[-1] if kind else '文件'}"


def region_name(doc: PolicyDocument, where: tuple[str, ...] | str | None = None) -> str:
    """The document's place as a line's label, relative to the place asked about (昆明市（适用于官渡区）)."""
    return region_label(doc.region, where) or doc.display_title


def make_citation(n: int, pick: Pick, doc: PolicyDocument, today: dt.date, span: tuple[int, int] | None = None) -> Citation:
    chunk = pick.sc.chunk
    start, end = span or (pick.start, pick.end)
    labels = doc.section_at(chunk.start + start)
    return Citation(
        n=n,
        doc_id=doc.doc_id,
        title=doc.display_title,
        issuer=doc.issuer,
        doc_number=doc.doc_number,
        section=" › ".join(labels),
        quote=chunk.text[start:end],
        chunk_id=chunk.chunk_id,
        period=doc.period,
        expired=doc.expired(today),
        official_title=doc.title_kind == "official",
        chunk_text=chunk.text,
        quote_start=start,
        section_ref=section_ref(labels),
        source_url=doc.source_url,
    )


def validity_warnings(docs: list[PolicyDocument], today: dt.date) -> list[str]:
    """At most one line each for the cited documents that have ended, that state no period and that are in force:
    an answer citing three ended plans says so once, naming all three."""
    ended = [d for d in docs if d.period is not None and d.expired(today)]
    undated = [d for d in docs if d.period is None]
    current = [d for d in docs if d.period is not None and not d.expired(today)]
    out = []
    if ended:
        periods = "、".join(f"{d.cited_title}的执行期为{d.period}年" for d in ended)
        who = "、".join(dict.fromkeys(d.issuer or "发文机关" for d in ended))
        out.append(f"{periods}，截至{today.isoformat()}{'均' if len(ended) > 1 else ''}已到期；"
                   f"请向{who}确认是否有后续政策接续，再据此申报。")
    if undated:
        who = "、".join(dict.fromkeys(d.issuer or "发文机关" for d in undated))
        out.append(f"{'、'.join(d.cited_title for d in undated)}未写明执行期限，请向{who}确认现行有效性。")
    if current:
        out.append("、".join(f"{d.cited_title}的执行期为{d.period}年" for d in current) + "，目前仍在执行期内。")
    return out


def coverage_note(docs: list[PolicyDocument]) -> str:
    """What the corpus covers, in words (no figures, so a refusal cites nothing it cannot back)."""
    places = []
    for doc in docs:
        name = "".join(doc.region) if doc.region else doc.display_title
        if name not in places:
            places.append(name)
    return "、".join(places)


def none_of_its_own(place: str) -> str:
    """The line saying a place has no document of its own among those collected."""
    return f"收录的文件中没有{place}自己的政策文件"


def applying_line(place: str, titles: list[str]) -> str:
    """The line naming the documents that apply in a place."""
    return f"适用于{place}的是：{'、'.join(titles)}。"


_APPLYING = re.compile(r"适用于\S+?的是：")


def names_what_applies(reply: Answer) -> bool:
    """A "no" that says which documents apply instead ("收录的文件中没有呈贡区自己的政策文件；适用于呈贡区的是：…"), not a
    refusal of a rule."""
    return not reply.citations and bool(_APPLYING.search(reply.direct_answer))


ASK_AGAIN = "请换一种问法，或注明地区后再问；没有依据的数字本助手不会给出。"
# the closing of a reply to what is no policy question (a poem, an attempt to change the rules): what can be asked
ASK_POLICY = "本助手只回答收录文件中的科技创新政策问题（扶持金额、申报条件、牵头部门、文件有效期等）；没有依据的数字本助手不会给出。"


def refusal(question: str, reason: str, docs: list[PolicyDocument], closing: str = ASK_AGAIN) -> Answer:
    text = f"{NOT_FOUND}{reason}。目前知识库收录的是以下地区的科技创新政策文件：{coverage_note(docs)}。{closing}"
    line = reason.strip("：:（）() ") or NOT_FOUND  # the bold line says why ("所问年份不在收录政策的执行期内")
    return Answer(question=question, found=False, answer=text, citations=[], warnings=[], direct_answer=line,
                  outcome="not_found")


def flat(quote: str) -> str:
    return re.sub(r"\s*\n\s*", "；", quote)

