"""The 政策文件 tab: every document with its metadata and validity; the first one open at once, any other on pick."""

from __future__ import annotations

import gradio as gr

from policybot.serving.web.common import PageContext
from policybot.serving.web.render import document_page, documents_table


def build_documents_tab(ctx: PageContext) -> None:
    def table():
        bot = ctx.live.current()
        return documents_table(sorted(bot.index.documents.values(), key=lambda d: d.display_title), bot.today())

    def show_doc(doc_id):
        bot = ctx.live.current()
        doc = bot.index.document(doc_id) if doc_id else None
        return document_page(doc, bot.today()) if doc else '<div class="pb-meta">请选择一份文件。</div>'

    first = ctx.doc_choices[1][1] if len(ctx.doc_choices) > 1 else None
    gr.HTML(table, elem_id="doc-table")
    pick_doc = ctx.picker(gr.Dropdown(ctx.doc_choices[1:], value=first, label="打开文件", elem_id="doc-pick"), "docs-only")
    page = gr.HTML(lambda: show_doc(first), elem_id="doc-page")
    pick_doc.change(show_doc, pick_doc, page, api_visibility="private")
