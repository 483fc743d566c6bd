"""The facts of one document, each with the words that state it: the span of its body text (the 印发 notice, the
有效期 clause, the preamble) or of its published page's header (文号: …, 发布日期: …) that is quoted for it; a fact
neither states is said to be not stated."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from policybot.types import PolicyDocument


@dataclass(frozen=True)
class Fact:
    """One fact of one document: the words that state it (after the title) and the span of the text quoted."""
    text: str
    span: tuple[int, int] | None = None  # offsets in doc.text of the quote that states it; None: nothing quoted
    stated: bool = True  # False: the document does not state it
    in_header: bool = False  # the span is in doc.header (the published page's header), not in doc.text


def _header_field(doc: PolicyDocument, label: str, value: str) -> tuple[int, int] | None:
    """The span of the header's "label: value" (文号: 官政发〔2023〕5号), label to the end of the value."""
    m = re.search(rf"{label}\s*[:：]\s*{value}", doc.header)
    return m.span() if m else None


def _header_fact(doc: PolicyDocument, text: str, label: str, value: str) -> Fact | None:
    span = _header_field(doc, label, re.escape(value))
    return Fact(text, span, in_header=True) if span else None


def _line_at(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end if end is not None else start)
    return a, (len(text) if b < 0 else b)


def _sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (ended by 。；！？ or the line) around ``text[start:end]``."""
    a, b = _line_at(text, start, end)
    left = max(text.rfind(p, a, start) for p in "。；;！？")
    right = [i for p in "。；;！？" if (i := text.find(p, end, b)) >= 0]
    return (left + 1 if left >= a else a), (min(right) + 1 if right else b)


def _title_span(doc: PolicyDocument) -> tuple[int, int] | None:
    """The sentence of the 印发 notice (or the line) that names the document's title."""
    title = doc.title or ""
    at = doc.text.find(title) if title else -1
    return _sentence_at(doc.text, at, at + len(title)) if at >= 0 else None


_RANGE = re.compile(r"(\d{4})\s*年?\s*[—–\-－~～至]+\s*(\d{4})\s*年?")


def _period_span(doc: PolicyDocument) -> tuple[tuple[int, int], str] | None:
    """(the quoted span, the period as written there) for a period the text states."""
    if not doc.period:
        return None
    spans = []
    if doc.period_source == "title" and (s := _title_span(doc)):
        spans.append(s)
    for m in re.finditer(r"有效期", doc.text):
        spans.append(_sentence_at(doc.text, m.start(), m.end()))
    for a, b in spans:
        for m in _RANGE.finditer(doc.text, a, b):
            if (int(m.group(1)), int(m.group(2))) == (doc.period_start, doc.period_end):
                written = m.group(0).strip()
                return (a, b), written if written.endswith("年") else written + "年"
    return None


def _status(doc: PolicyDocument, today: dt.date) -> str:
    return "截至今天已到期" if doc.expired(today) else "目前仍在执行期内"


def period_fact(doc: PolicyDocument, today: dt.date, asked_status: bool) -> Fact:
    found = _period_span(doc)
    if found:
        span, written = found
        quote = doc.text[span[0]:span[1]]
        years = m.group(0) if (m := re.search(r"有效期\s*[\d一二三四五六七八九十]+\s*年", quote)) else ""
        return Fact(f"执行期为{written}{'（' + years + '）' if years else ''}，{_status(doc, today)}", span)
    unsure = "，无法据原文判断是否仍然有效" if asked_status else ""
    who = f"，请向{doc.issuer}确认" if asked_status and doc.issuer else ""
    if doc.period_end and doc.period_source == "targets":  # a period worked out from target years, not stated
        at = next((m for m in re.finditer(rf"{doc.period_end}\s*年", doc.text)), None)
        if at:
            return Fact(f"原文未写明执行期限，文中目标设定到{doc.period_end}年{unsure}{who}",
                        _sentence_at(doc.text, at.start(), at.end()), stated=False)
    return Fact(f"原文未写明执行期限{unsure}{who}", stated=False)


def title_fact(doc: PolicyDocument) -> Fact:
    if doc.title_kind == "official" and doc.title:
        return Fact(f"标题为《{doc.title}》", _title_span(doc))
    return Fact(f"原文未载标题（“{doc.display_title}”是按内容拟定的名称）", stated=False)


def issuer_fact(doc: PolicyDocument) -> Fact:
    if not doc.issuer:
        return Fact("原文未载明发文机关", stated=False)
    parts = [p for p in re.split(r"、", doc.issuer) if p]
    at = doc.text.find(parts[0])
    if at >= 0:
        return Fact(f"发文机关为{doc.issuer}", _line_at(doc.text, at))
    if found := _header_fact(doc, f"发文机关为{doc.issuer}", r"发布机构", doc.issuer):
        return found
    return Fact(f"发文机关为{doc.issuer}（载于发布页页头，所存正文未收入）", _title_span(doc))


# the notice's signature: a line naming a body alone, with its date on a line after it ("中共昆明市五华区委\n\n2018年5月7日")
_SIGNED = re.compile(r"^[ \t\u3000]*([\u4e00-\u9fff（）()]{4,30}(?:委|政府|办公室|办公厅|局|委员会))[ \t\u3000]*\n(?:[ \t\u3000]*\n){0,3}"
                     r"[ \t\u3000]*20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", re.M)
_SIGNED_WITHIN = 3000  # the covering notice's signature, not a body named later in the plan


def signature_facts(doc: PolicyDocument) -> list[Fact]:
    """The body the notice is signed by, when it is written otherwise than the issuer ("落款为中共昆明市五华区委" beside
    "中共五华区委、五华区人民政府"): a reader checking the issuer against the seal sees both."""
    m = _SIGNED.search(doc.text[:_SIGNED_WITHIN])
    if m is None or not doc.issuer or m.group(1) in doc.issuer.split("、"):
        return []
    return [Fact(f"落款为{m.group(1)}", m.span(1))]


def number_fact(doc: PolicyDocument) -> Fact:
    if not doc.doc_number:
        return Fact("原文未载明文号", stated=False)
    at = doc.text.find(doc.doc_number)
    if at >= 0:
        return Fact(f"文号为{doc.doc_number}", _line_at(doc.text, at))
    if found := _header_fact(doc, f"文号为{doc.doc_number}", r"文\s*号", doc.doc_number):
        return found
    # no quote states it (e.g. a sidecar's): the answer names no figure and points at the source
    return Fact("文号未写入所存正文，见所附出处标注的文号", _title_span(doc))


_HEADER_DATE = r"(?:发布日期|发布时间|成文日期)"


def _date_in_text(doc: PolicyDocument, iso: str) -> tuple[int, int] | None:
    y, m, d = (int(x) for x in iso.split("-"))
    for pattern in (rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日", rf"{y}-0?{m}-0?{d}(?!\d)"):
        if hit := re.search(pattern, doc.text):
            return hit.span()
    return None


def issued_fact(doc: PolicyDocument) -> list[Fact]:
    """The 成文日期 the body states (its 落款) and the 发布日期 the page header states: each one said, as written."""
    found = []
    if doc.issued and (span := _date_in_text(doc, doc.issued)):
        found.append(Fact(f"成文日期为{doc.text[span[0]:span[1]]}", _line_at(doc.text, span[0])))
    if doc.published and doc.published != doc.issued:
        m = re.search(rf"{_HEADER_DATE}\s*[:：]\s*({re.escape(doc.published)})", doc.header)
        if m:
            found.append(Fact(f"发布日期为{m.group(1)}", m.span(), in_header=True))
        elif not found and (span := _date_in_text(doc, doc.published)):
            found.append(Fact(f"发布日期为{doc.text[span[0]:span[1]]}", _line_at(doc.text, span[0])))
    if found:
        return found
    if doc.issued or doc.published:
        return [Fact("成文、发布日期未写入所存正文，请以发布页为准", stated=False)]
    return [Fact("原文未载明成文或发布日期", stated=False)]


_NAMED = re.compile(r"《[^《》]+(?:〈[^〉]*〉[^《》]*)*》(?:\s*[（(][^（()）]{0,20}号[)）])?")
_PREAMBLE = re.compile(r"(?:特|现)?制定(?:本|以下|如下)")


_GUIDING = re.compile(r"总体要求|指导思想")


def _guiding_named(doc: PolicyDocument, after: int) -> tuple[tuple[int, int], list[str]] | None:
    """(span, names) of the upper-level documents the plan's 总体要求/指导思想 names, within the lines after the
    preamble (its heading, then its first paragraph)."""
    pos = after
    for _ in range(3):
        start = doc.text.find("\n", pos)
        if start < 0:
            return None
        span = _line_at(doc.text, start + 1)
        line = doc.text[span[0]:span[1]]
        named = [n.group(0) for n in _NAMED.finditer(line)]
        if named and _GUIDING.search(doc.text[after:span[0]] + line[:20]):
            return span, named
        pos = span[1]
    return None


def basis_fact(doc: PolicyDocument) -> Fact:
    """The upper-level documents the preamble (为……，制定本方案) names, as written there."""
    title_says = ""
    if doc.title and (m := re.search(r"贯彻(?:落实)?[^（(《》]{2,20}?(?:战略|精神|部署|决定|意见)", doc.title)):
        title_says = f"标题写明“{m.group(0)}”；"
    m = _PREAMBLE.search(doc.text)
    if not m:
        return Fact(f"{title_says}原文未载明制定依据", stated=bool(title_says))
    span = _line_at(doc.text, m.start())
    line = doc.text[span[0]:span[1]]
    named = [n.group(0) for n in _NAMED.finditer(line)]
    if named:
        return Fact(f"{title_says}序言所列依据：{'、'.join(named)}", span)
    if guiding := _guiding_named(doc, span[1]):  # "总体要求：…抢抓《国务院关于…的意见》(国发〔2022〕2号)重大机遇"
        return Fact(f"{title_says}序言未列上级文件，总体要求中写明：{'、'.join(guiding[1])}", guiding[0])
    purpose = re.match(r"为([^，,；;]{2,60})", line)
    said = f"，只写明“为{purpose.group(1)}”" if purpose else ""
    return Fact(f"{title_says}序言未写明具体上级文件{said}", span if said else None, stated=bool(title_says or said))


_LEADS = re.compile(r"为召集单位|为牵头单位|负责统筹协调|统筹协调[^。；]{0,30}工作|办公室设在")


def lead_fact(doc: PolicyDocument) -> Fact:
    """Who leads the whole document's work (its 组织领导 clause: "区科学技术局为召集单位"), as written there."""
    m = _LEADS.search(doc.text)
    if not m:
        return Fact("原文未写明牵头统筹全文工作的单位（各项任务分别写明了牵头部门）", stated=False)
    span = _sentence_at(doc.text, m.start(), m.end())
    said = doc.text[span[0]:span[1]].strip().rstrip("。；;")
    return Fact(f"组织领导条款写明“{said}”", span)


# the meeting its notice says passed it ("已经十一届区委全面深化改革领导小组第九次会议审议通过")
_PASSED = re.compile(r"(?:已经|已|经)[^。；;，,]{2,40}?(?:会议|常务会|常委会)[^。；;，,]{0,8}?(?:审议|研究|讨论)(?:通过|同意)")


def approval_fact(doc: PolicyDocument) -> Fact:
    """The meeting the document's notice says passed it, as written there; else not stated."""
    m = _PASSED.search(doc.text)
    if not m:
        return Fact("原文未写明经哪个会议审议通过", stated=False)
    return Fact(f"印发通知写明“{m.group(0)}”", m.span())


# how the document settles a conflict with other policies ("与本通知不一致的,以本通知为准", "新政策,从其规定")
_PRECEDENCE = re.compile(r"以本(?:通知|措施|方案|计划|办法|意见|文件)为准|从其规定|从优|就高不就低|不一致的")


def precedence_fact(doc: PolicyDocument) -> list[Fact]:
    """The document's own rules for a conflict with other or later policies, each sentence as written."""
    spans = list(dict.fromkeys(_sentence_at(doc.text, m.start(), m.end()) for m in _PRECEDENCE.finditer(doc.text)))
    if not spans:
        return [Fact("原文未写明与其他政策不一致时以哪个为准", stated=False)]
    return [Fact(f"原文写明“{doc.text[a:b].strip().rstrip('。；;')}”", (a, b)) for a, b in spans]


def _starts(doc: PolicyDocument) -> tuple[int, str]:
    """When a document begins to hold, for ordering documents of one place: its period's start, else its date."""
    return doc.period_start or int((doc.issued or doc.published or "0")[:4] or 0), doc.issued or doc.published or ""


def later_documents(doc: PolicyDocument, library: list[PolicyDocument]) -> list[PolicyDocument]:
    """The documents of the same place that begin after ``doc``, earliest first."""
    return sorted((d for d in library if d.doc_id != doc.doc_id and d.region == doc.region and _starts(d) > _starts(doc)),
                  key=_starts)


def successor_facts(doc: PolicyDocument, library: list[PolicyDocument], today: dt.date) -> list[Fact]:
    """"之后有没有出新的方案": its own period and status, then whether the collection holds a later document of the
    same place (named) or none (said plainly, no date guessed)."""
    later = later_documents(doc, library)
    place = doc.region[-1] if doc.region else "该地"
    found = [Fact(f"收录的文件中有{place}之后的{d.cited_title}", stated=False) for d in later]
    return [period_fact(doc, today, True),
            *(found or [Fact(f"收录的文件中没有{place}在它之后出台的新文件，是否已有新一轮政策请向{doc.issuer or '发文机关'}确认",
                             stated=False)])]


def facts_of(doc: PolicyDocument, asked: list[str], today: dt.date,
             library: list[PolicyDocument] | None = None) -> list[list[Fact]]:
    """For each asked fact, the facts that answer it (the date asked: its 成文日期 and its 发布日期); ``library``: every
    document of the collection (whether a later one of the same place exists)."""
    makers = {"successor": lambda: successor_facts(doc, library or [doc], today),"title": lambda: [title_fact(doc)], "issuer": lambda: [issuer_fact(doc), *signature_facts(doc)],
              "number": lambda: [number_fact(doc)], "issued": lambda: issued_fact(doc),
              "basis": lambda: [basis_fact(doc)], "lead": lambda: [lead_fact(doc)], "period": lambda: [period_fact(doc, today, False)],
              "status": lambda: [period_fact(doc, today, True)], "precedence": lambda: precedence_fact(doc),
              "approval": lambda: [approval_fact(doc)]}
    return [makers[kind]() for kind in asked]


