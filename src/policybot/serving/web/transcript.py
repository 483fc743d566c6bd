"""A conversation as the asker keeps it: answers as plain text with their numbered sources, and the whole
conversation exported as Markdown or Word (.docx), each answer with its quotes and full citations.

A turn is ``{"question": str, "answer": Answer.to_json() with full citations}``; the page stores turns in the
browser and rebuilds answers from them with :func:`answer_from_json` (quotes are checked against the current
index there, so a restored source is never shown as a quote it no longer is)."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import asdict, dataclass, fields

from policybot.types import Answer, Citation

_CITATION_FIELDS = {f.name for f in fields(Citation)}
_MARKERS = re.compile(r"\[\d{1,2}\]")

OUTCOME_TAGS = {
    "elsewhere": "所问地区没有这项规定 · 以下为其他地区的规定，仅供参考",
    "not_found": "未找到依据 · 本回答没有引用任何条文",
    "curated": "人工审核",
    "context_lost": "需要补充问题",
}


@dataclass(frozen=True)
class Shown:
    """An answer as a reader meets it above its sources: the bold line, the lines under it, and — when the bold
    line is a verbatim part of the only quote — where in which line it is bolded instead of said twice."""

    tag: str
    bold: list[str]
    lines: list[str]
    bold_in: tuple[int, int, int] | None = None  # (line, start, end)


def shown(answer: Answer) -> Shown:
    text = answer.answer.strip()
    direct = answer.direct_answer.strip() if answer.outcome in ("answered", "curated") else ""
    if not (direct and text.startswith(direct)):
        direct = ""
    lines = [line for line in text[len(direct):].split("\n") if line.strip()]
    bold = [line for line in direct.split("\n") if line.strip()]
    # a list's head is the bold line; its items ("· …") read as lines under it, not as a wall of bold
    items_at = next((i for i, line in enumerate(bold) if i and line.lstrip().startswith("· ")), len(bold))
    bold, lines = bold[:items_at], bold[items_at:] + lines
    tag = OUTCOME_TAGS.get(answer.outcome, "")
    core = unicodedata.normalize("NFKC", _MARKERS.sub("", bold[0])).strip("。；;，, ") if len(bold) == 1 else ""
    if len(answer.citations) == 1 and len(core) >= 8:
        for i, line in enumerate(lines):
            folded = unicodedata.normalize("NFKC", line)
            if len(folded) == len(line) and (at := folded.find(core)) >= 0:
                rest = [x for j, x in enumerate(lines) if j != i - 1 or x.strip() != "依据原文："]
                return Shown(tag, [], rest, (rest.index(line), at, at + len(core)))
    return Shown(tag, bold, lines)


def above_cards(answer: Answer) -> int:
    """Characters a reader meets before the collapsed sources: notice, tag, the shown lines and the warnings."""
    s = shown(answer)
    return (len(answer.notice) + len(s.tag) + sum(map(len, s.bold)) + sum(map(len, s.lines))
            + sum(len(w) for w in answer.warnings))


def turn_json(question: str, answer: Answer) -> dict:
    """What is kept of one exchange: the answer with every citation field but the passage text."""
    data = answer.to_json()
    data["citations"] = [_citation_record(c) for c in answer.citations]
    data["elsewhere"] = [_citation_record(c) for c in answer.elsewhere]
    return {"question": question, "answer": data}


def _citation_record(c: Citation) -> dict:
    return {k: v for k, v in asdict(c).items() if k not in ("chunk_text", "quote_start")}


def answer_from_json(data: dict, passage_of=None) -> Answer:
    """An answer rebuilt from :func:`turn_json`; ``passage_of(chunk_id) -> str | None`` restores each card's
    passage when the quote is still in it (else the card shows the quote alone, marked as from an older build)."""
    def cite(raw: dict) -> Citation:
        c = {k: v for k, v in raw.items() if k in _CITATION_FIELDS}
        passage = passage_of(c.get("chunk_id", "")) if passage_of else None
        quote = str(c.get("quote", ""))
        if passage and quote in passage:
            c.update(chunk_text=passage, quote_start=passage.index(quote))
        else:
            c.update(chunk_text="", quote_start=0)
        return Citation(**c)

    return Answer(
        question=str(data.get("question", "")), found=bool(data.get("found")), answer=str(data.get("answer", "")),
        citations=[cite(c) for c in data.get("citations", [])], warnings=[str(w) for w in data.get("warnings", [])],
        direct_answer=str(data.get("direct_answer", "")), elsewhere=[cite(c) for c in data.get("elsewhere", [])],
        outcome=str(data.get("outcome", "answered")), suggestions=[str(s) for s in data.get("suggestions", [])],
        notice=str(data.get("notice", "")), resolved_question=str(data.get("resolved_question", "")),
        assumed=str(data.get("assumed", "")),
    )


def sources_block(answer: Answer) -> list[str]:
    """``[n] 《标题》（文号）章节：“引文”（发文机关；执行期…，已过期）`` for each cited source."""
    lines = []
    for c in answer.all_citations:
        period = f"执行期{c.period}{'，已过期' if c.expired else ''}" if c.period else "执行期未载明"
        lines.append(f"[{c.n}] {c.formatted()}（发文：{c.issuer or '原文未载明'}；{period}）")
    return lines


def plain_answer(answer: Answer) -> str:
    """What "复制回答" copies: the answer, its warnings, then the numbered sources under it."""
    parts = [answer.notice] if answer.notice else []
    parts.append(answer.answer.strip())
    parts += [f"注意：{w}" for w in answer.warnings]
    sources = sources_block(answer)
    if sources:
        parts.append("来源：\n" + "\n".join(sources))
    return "\n\n".join(p for p in parts if p)


def assumption_lines(turns: list[dict]) -> list[str]:
    """For each turn, what its answer assumed of the asker when that changed ("按：官渡区 · 规上 · 非高企"), else "":
    a reader of the export sees why answers say "其他规上企业…1%" and when the assumption was dropped."""
    out, before = [], ""
    for turn in turns:
        now = str((turn.get("answer") or {}).get("assumed", "") or "")
        out.append(f"按：{now}（回答按对话中所述贵单位情况）" if now and now != before
                   else "此后不再按贵单位情况回答" if before and not now else "")
        before = now
    return out


def to_markdown(title: str, turns: list[dict], now: dt.datetime | None = None) -> str:
    """Each answer as the page shows it: its tag, the bold line, the quotes, each warning on its own line, sources."""
    now = now or dt.datetime.now()
    out = [f"# {_md(title)}", "", f"导出时间：{now:%Y-%m-%d %H:%M}　·　回答只依据收录的政策原文，引文为原文摘录。", ""]
    for i, (turn, assumed) in enumerate(zip(turns, assumption_lines(turns)), 1):
        answer = answer_from_json(turn["answer"])
        view = shown(answer)
        out += [f"## 问{i}：{_md(turn['question'])}", ""]
        if assumed:
            out += [f"*{_md(assumed)}*", ""]
        if answer.notice:
            out += [f"> {_md(answer.notice)}", ""]
        if view.tag:
            out += [f"【{_md(view.tag)}】", ""]
        out += [f"**{_md(line)}**" for line in view.bold] + ([""] if view.bold else [])
        for j, line in enumerate(view.lines):
            if view.bold_in and view.bold_in[0] == j:
                _, a, b = view.bold_in
                line = f"{_md(line[:a])}**{_md(line[a:b])}**{_md(line[b:])}"
            else:
                line = _md(line)
            out += [line, ""]
        for w in answer.warnings:
            out += [f"⚠ {_md(w)}", ""]
        sources = sources_block(answer)
        if sources:
            out += ["**来源**", ""] + [f"- {_md(s)}" for s in sources] + [""]
    return "\n".join(out)


def _md(text: str) -> str:
    """Text that Markdown shows as written (no accidental markup or HTML)."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def to_docx(title: str, turns: list[dict], now: dt.datetime | None = None) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    now = now or dt.datetime.now()
    title = _NOT_XML.sub("", title)
    turns = [{"question": _NOT_XML.sub("", t["question"]), "answer": t["answer"]} for t in turns]
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(11)
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    doc.core_properties.title = title
    doc.add_heading(title, level=1)
    doc.add_paragraph(f"导出时间：{now:%Y-%m-%d %H:%M}。回答只依据收录的政策原文，引文为原文摘录。")
    for i, (turn, assumed) in enumerate(zip(turns, assumption_lines(turns)), 1):
        _docx_turn(doc, i, turn, assumed)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_turn(doc, i: int, turn: dict, assumed: str = "") -> None:
    """One exchange in the Word export: heading, what it assumed of the asker, tag, bold line, quotes, each warning,
    sources."""
    answer = answer_from_json(turn["answer"])
    view = shown(answer)
    doc.add_heading(f"问{i}：{turn['question']}", level=2)
    if assumed:
        doc.add_paragraph().add_run(_NOT_XML.sub("", assumed)).italic = True
    if answer.notice:
        doc.add_paragraph(answer.notice, style="Intense Quote")
    if view.tag:
        doc.add_paragraph(f"【{view.tag}】")
    for line in view.bold:
        doc.add_paragraph().add_run(line).bold = True
    for j, line in enumerate(view.lines):
        para = doc.add_paragraph()
        if view.bold_in and view.bold_in[0] == j:
            _, a, b = view.bold_in
            para.add_run(line[:a])
            para.add_run(line[a:b]).bold = True
            para.add_run(line[b:])
        else:
            para.add_run(line)
    for w in answer.warnings:
        doc.add_paragraph(f"⚠ {w}")
    sources = sources_block(answer)
    if sources:
        doc.add_paragraph().add_run("来源").bold = True
        for s in sources:
            doc.add_paragraph(s, style="List Bullet")
