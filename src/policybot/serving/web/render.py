"""HTML for the web page: citation cards, search results, document pages. Everything is escaped."""

from __future__ import annotations

import datetime as dt
import html
import re

from policybot.catalogue.listing import KINDS, STATUS
from policybot.text.citations import sentences
from policybot.text.lexical import word_tokens
from policybot.text.places import region_label
from policybot.text.rules import section_ref
from policybot.text.structure import heading_level, is_heading_only
from policybot.types import Citation, PolicyDocument, ScoredChunk, format_citation, is_web_url

e = html.escape


def period_badge(period: str | None, expired: bool) -> str:
    if not period:
        return '<span class="pb-badge pb-expired">期限未载明</span>'
    cls, word = ("pb-expired", "已过期") if expired else ("pb-valid", "执行期内")
    return f'<span class="pb-meta">执行期 {e(period)}</span><span class="pb-badge {cls}">{word}</span>'


def source_link(url: str) -> str:
    """A link to the original page (only http/https: never a script or file URL)."""
    if not is_web_url(url):
        return ""
    return f'<div class="pb-meta"><a class="pb-source" href="{e(url)}" target="_blank" rel="noopener noreferrer">查看原文网页 ↗</a></div>'


def citation_card(c: Citation, anchor: str = "") -> str:
    """A source: title, issuer, 文号, section, validity, the quote, and the passage it sits in."""
    title = c.cited_title
    before = c.chunk_text[: c.quote_start]
    after = c.chunk_text[c.quote_start + len(c.quote) :]
    passage = (f'{e(before)}<mark class="pb-quote">{e(c.quote)}</mark>{e(after)}' if c.chunk_text
               else "（知识库已更新，原文段落不再可取；以上引文是当时的原文摘录）")
    ident = f' id="{e(anchor)}"' if anchor else ""
    return (
        f'<div class="pb-card"{ident} data-citation="{c.n}">'
        f"<h4>[{c.n}] {e(title)}</h4>"
        f"{source_link(c.source_url)}"
        f'<div class="pb-meta">发文：{e(c.issuer or "原文未载明")}　文号：{e(c.doc_number or "原文未载明")}</div>'
        f'<div class="pb-meta">章节：{e(c.section or "（正文开头）")}</div>'
        f"<div>{period_badge(c.period, c.expired)}</div>"
        f'<div class="pb-quote-line">“<span class="pb-quote">{e(c.quote)}</span>”</div>'
        f'<details><summary>展开原文段落</summary><div class="pb-passage">{passage}</div></details>'
        "</div>"
    )


def highlight(text: str, query: str) -> str:
    """Escaped text with the query's words marked."""
    words = sorted({w for w in word_tokens(query) if len(w) >= 2}, key=len, reverse=True)
    escaped = e(text)
    if not words:
        return escaped
    pattern = re.compile("|".join(re.escape(e(w)) for w in words))
    return pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)


# (coverage, dense) bars for 高 and 中, chosen on the dev questions by scripts/calibrate_relevance.py (README)
RELEVANCE = {"high": (0.7, 0.8), "mid": (0.45, 0.0)}


def relevance(coverage: float, dense: float) -> tuple[str, int]:
    """A result's relevance in words and as a bar width (0–100), from absolute signals — the share of the query's
    IDF-weighted content words the passage holds and its dense similarity — so a passage sharing none of the
    query's words is never 高, however poor the rest of the results are."""
    (hc, hd), (mc, md) = RELEVANCE["high"], RELEVANCE["mid"]
    word = "高" if coverage >= hc and dense >= hd else "中" if coverage >= mc and dense >= md else "低"
    return word, max(5, min(100, round(coverage * 100)))


def section_parts(sc: ScoredChunk, doc: PolicyDocument | None) -> list[tuple[tuple[str, ...], str]]:
    """The passage cut where it leaves the section it is labelled with: [(labels, text), …], first part first."""
    c = sc.chunk
    if doc is None:
        return [(c.section, c.text)]
    cuts = [h.start for h in doc.headings
            if c.start < h.start < c.end and doc.section_at(h.start)[: len(c.section)] != c.section]
    bounds = [c.start, *cuts, c.end]
    return [(c.section if i == 0 else doc.section_at(a), doc.text[a:b].strip())
            for i, (a, b) in enumerate(zip(bounds, bounds[1:])) if doc.text[a:b].strip()]


def search_results(results: list[ScoredChunk], query: str, documents: dict | None = None, region: str | None = None) -> str:
    """Ranked passages, each quoted only within its labelled section (what follows is folded away), each with
    its place as it applies in the filtered ``region`` (昆明市（适用于五华区）)."""

    if not results:
        return '<div class="pb-notfound">没有找到匹配的段落。请换个关键词，或放宽地区/文件筛选。</div>'
    out = []
    for r, sc in enumerate(results, 1):
        c = sc.chunk
        number = f"（{c.doc_number}）" if c.doc_number else ""
        word, width = relevance(sc.coverage, sc.dense)
        (labels, text), *rest = section_parts(sc, (documents or {}).get(c.doc_id))
        more = "".join(f'<details class="pb-more"><summary>本段之后：{e(" › ".join(lb) or "正文")}</summary>'
                       f'<div class="pb-passage">{highlight(t, query)}</div></details>' for lb, t in rest)
        out.append(
            f'<div class="pb-card pb-result" data-rank="{r}">'
            f"<h4>#{r} {e(c.title)}{e(number)}</h4>"
            f'<div class="pb-meta">{e(" › ".join(labels) or "正文开头")}</div>'
            + (f'<div class="pb-meta">地区：{e(region_label(c.region, region))}</div>' if c.region else "") +
            f'<div class="pb-rel" title="按段落含有的检索词比例和语义相似度评定">相关度：{word}' 
            f'<span class="pb-bar" role="img" aria-label="相关度{word}"><span style="width:{width}%"></span></span></div>'
            f'<div class="pb-passage">{highlight(text, query)}</div>{more}</div>'
        )
    return "".join(out)


def formatted_citation(sc: ScoredChunk, doc: PolicyDocument, query: str = "") -> str:
    """《标题》（文号）二、（一）1.：“……” for a search result: the clause of its labelled section that best matches
    the query (its heading stays in the reference part, never glued to the quote)."""

    labels, text = section_parts(sc, doc)[0]
    return format_citation(doc.cited_title, doc.doc_number, section_ref(labels), best_clause(text, query))


def best_clause(text: str, query: str) -> str:
    """The sentence of ``text`` holding most of the query's words (the first on a tie), heading lines left out;
    a verbatim slice of the source."""

    body = "\n".join(line for line in text.split("\n") if not (heading_level(line) is not None and is_heading_only(line)))
    spans = sentences(body) or [(0, len(body))]
    words = {w for w in word_tokens(query) if len(w) >= 2}
    best = max(spans, key=lambda s: (sum(len(w) for w in words if w in body[s[0]:s[1]]), -s[0]))
    clause = body[best[0]:best[1]].strip()
    lines = clause.split("\n")
    if len(lines) > 1 and heading_level(lines[0]) is not None:  # a heading with text after it: the text only
        clause = "\n".join(lines[1:])
    return re.sub(r"\s*\n\s*", "", clause)


def document_page(doc: PolicyDocument, today: dt.date) -> str:
    """Metadata, validity, an outline whose entries jump to their section of the full text, and the full text."""
    anchor = f"pb-doc-{doc.doc_id}-h"
    outline = "".join(
        f'<div style="margin-left:{max(0, h.level - 1) * 16}px"><a class="pb-jump" href="#{anchor}{i}">{e(h.label)}</a></div>'
        for i, h in enumerate(doc.headings)
    )
    meta = (
        f"<h3>{e(doc.display_title)}</h3>"
        f'<div class="pb-meta">发文：{e(doc.issuer or "原文未载明")}　文号：{e(doc.doc_number or "原文未载明")}　'
        f'地区：{e(doc.region_label or "未识别")}　成文：{e(doc.issued or "—")}　发布：{e(doc.published or "—")}</div>'
        f"<div>{period_badge(doc.period, doc.expired(today))}</div>{source_link(doc.source_url)}"
    )
    return (
        meta + f'<details open><summary>章节目录</summary><div class="pb-outline">{outline}</div></details>'
        f'<details class="pb-fulltext"><summary>全文</summary><div class="pb-passage">{_anchored(doc, anchor)}</div></details>'
    )


def _anchored(doc: PolicyDocument, anchor: str) -> str:
    """The escaped full text with an anchor at each heading (the outline's targets)."""
    out, at = [], 0
    for i, h in enumerate(doc.headings):
        out += [e(doc.text[at:h.start]), f'<span class="pb-anchor" id="{anchor}{i}"></span>']
        at = h.start
    return "".join(out) + e(doc.text[at:])


def documents_table(docs: list[PolicyDocument], today: dt.date) -> str:
    """Every document with its metadata and validity: a table on desktop, a card per document on a phone."""
    head = "".join(f"<th>{h}</th>" for h in ("标题", "发文机关", "文号", "地区", "执行期", "状态"))
    rows = []
    for d in docs:
        state = ('<span class="pb-badge pb-expired">已过期</span>' if d.expired(today) else
                 '<span class="pb-badge pb-valid">执行期内</span>' if d.period else '<span class="pb-badge pb-expired">期限未载明</span>')
        title = f'<a href="{e(d.source_url)}" target="_blank" rel="noopener noreferrer"><b>{e(d.display_title)}</b></a>' \
            if is_web_url(d.source_url) else f"<b>{e(d.display_title)}</b>"
        cells = (("标题", title), ("发文机关", e(d.issuer or "原文未载明")),
                 ("文号", e(d.doc_number or "—")), ("地区", e(d.region_label or "—")), ("执行期", e(d.period or "未载明")),
                 ("状态", state))
        rows.append("<tr>" + "".join(f'<td data-label="{k}">{v}</td>' for k, v in cells) + "</tr>")
    return f'<div class="pb-docs"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def match_html(result: dict, documents_cards) -> str:
    """政策匹配 results grouped by status; each item with its reasons and its citation card (escaped)."""
    total = result["max_total_yuan"]
    head = (f'<div class="pb-total">最高可申请（所引条文金额上限合计，仅为上限）：<b>{total:,} 元</b></div>'
            if total is not None else f'<div class="pb-total">{e(result.get("total_note") or "没有可合计的金额。")}</div>')
    warns = "".join(f'<div class="pb-warn">⚠ {e(w)}</div>' for w in result["warnings"])
    parts = [head, warns]
    for status in STATUS:  # 符合 / 需确认 / 计划中可申请 / 不符合
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
    notes = _notes(i.get("notes") or [])
    where = f'【{e(i["region_label"])}】' if i.get("region_label") else ""  # whose rule it is: 昆明市（适用于官渡区）
    return (f'<div class="pb-item">{where}<b>{e(i["benefit"])}</b>：{e(i["amount"])}{badge}{notes}{reasons}'
            f'{cards(i)}</div>')


def _notes(notes: list[str]) -> str:
    """A rule's limits and special cases beside its amount ("此项不重复补助…"), or nothing."""
    return f'<div class="pb-meta">备注：{e("；".join(notes))}</div>' if notes else ""


def catalogue_html(items, card, empty: str = "") -> str:
    """政策清单 as a table that wraps on a phone; each row opens its citation card (escaped). ``empty``: what to say
    when nothing is listed, if more than "no match" is known."""
    if not items:
        return f'<div class="pb-notfound">{e(empty or "没有符合筛选条件的扶持事项。")}</div>'

    rows = []
    for it in items:
        badge = '<span class="pb-badge pb-expired">已过期</span>' if it.expired else '<span class="pb-badge pb-valid">执行期内</span>'
        # each cell names its column (data-label): on a phone the cells stack and the header row is hidden
        rows.append(
            f'<tr class="pb-cat-row"><td data-label="地区">{e(it.region_label)}</td><td data-label="扶持事项">'
            f'<b>{e(it.benefit)}</b><div class="pb-meta">对象：{e(it.beneficiary)}</div></td>'
            f'<td data-label="金额">{e(it.amount)}{_notes(it.notes)}</td>'
            f'<td data-label="类型">{e(KINDS.get(it.kind, it.kind))}</td><td data-label="牵头部门">{e(it.department or "—")}</td>'
            f'<td data-label="文件与章节">{e(it.title)} {e(it.section)}</td><td data-label="状态">{badge}</td></tr>'
            f'<tr class="pb-cat-detail"><td colspan="7"><details><summary>原文出处</summary>{card(it)}</details></td></tr>'
        )
    head = "".join(f"<th>{h}</th>" for h in ("地区", "扶持事项", "金额", "类型", "牵头部门", "文件与章节", "状态"))
    return f'<div class="pb-cat"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
