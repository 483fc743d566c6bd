"""HTML for the web page: citation cards, search results, document pages. Everything is escaped."""

from __future__ import annotations

import datetime as dt
import html
import re

from .lexical import word_tokens
from .types import Answer, Citation, PolicyDocument, ScoredChunk, format_citation

CSS = """
.pb-card{border:1px solid #d0d7de;border-radius:8px;padding:10px 12px;margin:8px 0;background:#fff}
.pb-card h4{margin:0 0 4px 0;font-size:15px}
.pb-meta{color:#57606a;font-size:13px;margin:2px 0}
.pb-badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-left:6px}
.pb-expired{background:#ffebe9;color:#cf222e;border:1px solid #ff8182}
.pb-valid{background:#dafbe1;color:#1a7f37;border:1px solid #4ac26b}
.pb-quote{background:#fff8c5;padding:0 2px}
.pb-passage{white-space:pre-wrap;font-size:13px;color:#24292f;margin-top:6px}
.pb-notfound{border:1px dashed #bf8700;background:#fff8c5;border-radius:8px;padding:10px 12px}
.pb-redirect{border:1px solid #54aeff;background:#ddf4ff;border-radius:8px;padding:10px 12px;margin-bottom:6px}
.pb-warn{color:#9a6700;font-size:13px;margin:4px 0}
.pb-result mark{background:#fff8c5}
.pb-outline{font-size:13px;line-height:1.6}
.pb-item{border-bottom:1px solid #d0d7de;padding:8px 0}
.pb-total{font-size:16px;margin:6px 0}
.pb-group summary{font-weight:bold;cursor:pointer;margin:8px 0}
.pb-cat table{border-collapse:collapse;width:100%;font-size:14px}
.pb-cat th,.pb-cat td{border-bottom:1px solid #d0d7de;padding:6px;text-align:left;vertical-align:top}
.pb-cat-detail td{border-bottom:2px solid #d0d7de}
@media (max-width:700px){.pb-cat thead{display:none}.pb-cat tr,.pb-cat td{display:block;width:auto}.pb-cat-row td:first-child{font-weight:bold}}
"""

e = html.escape


def period_badge(period: str | None, expired: bool) -> str:
    if not period:
        return '<span class="pb-badge pb-expired">期限未载明</span>'
    cls, word = ("pb-expired", "已过期") if expired else ("pb-valid", "执行期内")
    return f'<span class="pb-meta">执行期 {e(period)}</span><span class="pb-badge {cls}">{word}</span>'


def citation_card(c: Citation) -> str:
    title = c.cited_title
    before = c.chunk_text[: c.quote_start]
    after = c.chunk_text[c.quote_start + len(c.quote) :]
    passage = f'{e(before)}<mark class="pb-quote">{e(c.quote)}</mark>{e(after)}'
    return (
        f'<div class="pb-card" data-citation="{c.n}">'
        f"<h4>[{c.n}] {e(title)}</h4>"
        f'<div class="pb-meta">发文：{e(c.issuer or "原文未载明")}　文号：{e(c.doc_number or "原文未载明")}</div>'
        f'<div class="pb-meta">章节：{e(c.section or "（正文开头）")}</div>'
        f"<div>{period_badge(c.period, c.expired)}</div>"
        f'<div class="pb-quote-line">“<span class="pb-quote">{e(c.quote)}</span>”</div>'
        f'<details><summary>展开原文段落</summary><div class="pb-passage">{passage}</div></details>'
        "</div>"
    )


def answer_panel(answer: Answer | None, coverage: str = "") -> str:
    if answer is None:
        return ""
    if answer.outcome == "elsewhere":
        return (
            f'<div class="pb-redirect"><b>所问地区没有这项规定</b>：{e(answer.direct_answer)}'
            "以下是其他地区的规定，只适用于该地区的企业，仅供参考。</div>"
            + "".join(citation_card(c) for c in answer.elsewhere)
        )
    if not answer.found:
        return (
            '<div class="pb-notfound"><b>未找到依据</b>：本回答没有引用任何政策条文。'
            f"{e(coverage)}</div>"
        )
    warnings = "".join(f'<div class="pb-warn">⚠ {e(w)}</div>' for w in answer.warnings)
    return warnings + "".join(citation_card(c) for c in answer.citations)


def evidence_panel(evidence: list[ScoredChunk]) -> str:
    if not evidence:
        return '<div class="pb-meta">正在检索……</div>'
    items = "".join(f"<li>{e(sc.chunk.title)} · {e(' › '.join(sc.chunk.section) or '正文')}</li>" for sc in evidence)
    return f'<div class="pb-meta">已找到 {len(evidence)} 段候选依据，正在组织回答：</div><ul class="pb-meta">{items}</ul>'


def highlight(text: str, query: str) -> str:
    """Escaped text with the query's words marked."""
    words = sorted({w for w in word_tokens(query) if len(w) >= 2}, key=len, reverse=True)
    escaped = e(text)
    if not words:
        return escaped
    pattern = re.compile("|".join(re.escape(e(w)) for w in words))
    return pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)


def search_results(results: list[ScoredChunk], query: str) -> str:
    if not results:
        return '<div class="pb-notfound">没有找到匹配的段落。请换个关键词，或放宽地区/文件筛选。</div>'
    out = []
    for r, sc in enumerate(results, 1):
        c = sc.chunk
        number = f"（{c.doc_number}）" if c.doc_number else ""
        out.append(
            f'<div class="pb-card pb-result" data-rank="{r}">'
            f"<h4>#{r} {e(c.title)}{e(number)}</h4>"
            f'<div class="pb-meta">{e(" › ".join(c.section) or "正文开头")}　·　得分 {sc.score:.4f}</div>'
            f'<div class="pb-passage">{highlight(c.text, query)}</div></div>'
        )
    return "".join(out)


def formatted_citation(sc: ScoredChunk, doc: PolicyDocument) -> str:
    """《标题》（文号）二、（一）1.：“……” for the whole passage of a search result."""
    from .answer import section_ref

    text = re.sub(r"\s*\n\s*", "", sc.chunk.text)
    return format_citation(doc.cited_title, doc.doc_number, section_ref(sc.chunk.section), text)


def document_page(doc: PolicyDocument, today: dt.date) -> str:
    outline = "".join(
        f'<div style="margin-left:{max(0, h.level - 1) * 16}px">{e(h.label)}</div>' for h in doc.headings
    )
    meta = (
        f"<h3>{e(doc.display_title)}</h3>"
        f'<div class="pb-meta">发文：{e(doc.issuer or "原文未载明")}　文号：{e(doc.doc_number or "原文未载明")}　'
        f'地区：{e(doc.region_label or "未识别")}　成文：{e(doc.issued or "—")}　发布：{e(doc.published or "—")}</div>'
        f"<div>{period_badge(doc.period, doc.expired(today))}</div>"
    )
    return (
        meta + f'<details open><summary>章节目录</summary><div class="pb-outline">{outline}</div></details>'
        f'<details><summary>清洗后的全文</summary><div class="pb-passage">{e(doc.text)}</div></details>'
    )


def chat_markdown(answer: Answer) -> str:
    """An answer as the chat bubble shows it (escaped): the direct line bold, then the quotes."""
    if answer.outcome == "elsewhere":
        return "↪️ " + e(answer.answer)
    if not answer.found:
        return "⚠️ 未找到依据\n\n" + e(answer.answer)
    rest = answer.answer[len(answer.direct_answer):] if answer.answer.startswith(answer.direct_answer) else answer.answer
    lines = [f"<b>{e(line)}</b>" for line in answer.direct_answer.split("\n") if line.strip()]
    return "\n\n".join(lines) + ("\n\n" + e(rest.strip()) if rest.strip() else "")


def match_html(result: dict, documents_cards) -> str:
    """政策匹配 results grouped by status; each item with its reasons and its citation card (escaped)."""
    from .listing import STATUS

    total = result["max_total_yuan"]
    head = (f'<div class="pb-total">最高可申请（所引条文金额上限合计，仅为上限）：<b>{total:,} 元</b></div>'
            if total is not None else '<div class="pb-total">没有可合计的金额（符合条件的条目未写明金额或均已过期）。</div>')
    warns = "".join(f'<div class="pb-warn">⚠ {e(w)}</div>' for w in result["warnings"])
    parts = [head, warns]
    for status in ("eligible", "possible", "not_eligible"):
        rows = [i for i in result["items"] if i["status"] == status]
        if status == "not_eligible":
            rows = [i for i in rows if not i["reasons"] or not i["reasons"][0].startswith("地区不符")]
        inner = "".join(_match_item(i, documents_cards) for i in rows) or '<div class="pb-meta">无</div>'
        opened = " open" if status != "not_eligible" else ""
        parts.append(f'<details class="pb-group pb-{status}"{opened}><summary>{STATUS[status]}（{len(rows)}）</summary>{inner}</details>')
    return "".join(parts)


def _match_item(i: dict, cards) -> str:
    badge = '<span class="pb-badge pb-expired">已过期</span>' if i["expired"] else ""
    reasons = f'<div class="pb-meta">{e("；".join(i["reasons"]))}</div>' if i["reasons"] else ""
    return f'<div class="pb-item"><b>{e(i["benefit"])}</b>：{e(i["amount"])}{badge}{reasons}{cards(i)}</div>'


def catalogue_html(items, card) -> str:
    """政策清单 as a table that wraps on a phone; each row opens its citation card (escaped)."""
    if not items:
        return '<div class="pb-notfound">没有符合筛选条件的扶持事项。</div>'
    from .listing import KINDS

    rows = []
    for it in items:
        badge = '<span class="pb-badge pb-expired">已过期</span>' if it.expired else '<span class="pb-badge pb-valid">执行期内</span>'
        rows.append(
            f'<tr class="pb-cat-row"><td>{e(it.region_label)}</td><td><b>{e(it.benefit)}</b>'
            f'<div class="pb-meta">对象：{e(it.beneficiary)}</div></td><td>{e(it.amount)}</td><td>{e(KINDS.get(it.kind, it.kind))}</td>'
            f'<td>{e(it.department or "—")}</td><td>{e(it.title)} {e(it.section)}</td><td>{badge}</td></tr>'
            f'<tr class="pb-cat-detail"><td colspan="7"><details><summary>原文出处</summary>{card(it)}</details></td></tr>'
        )
    head = "".join(f"<th>{h}</th>" for h in ("地区", "扶持事项", "金额", "类型", "牵头部门", "文件与章节", "状态"))
    return f'<div class="pb-cat"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
