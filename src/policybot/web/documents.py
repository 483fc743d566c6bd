"""The 政策文件 tab: every document with its metadata and validity; one opened with its outline and text."""

from __future__ import annotations

import gradio as gr

from ..render import document_page
from .common import PageContext


def build_documents_tab(ctx: PageContext) -> None:
    def doc_rows():
        bot = ctx.live.current()
        today = bot.today()
        docs = sorted(bot.index.documents.values(), key=lambda d: d.display_title)
        return [[d.display_title, d.issuer or "原文未载明", d.doc_number or "—", d.region_label or "—", d.period or "未载明",
                 "已过期" if d.expired(today) else ("执行期内" if d.period else "期限未载明")] for d in docs]

    def show_doc(doc_id):
        bot = ctx.live.current()
        doc = bot.index.document(doc_id) if doc_id else None
        return document_page(doc, bot.today()) if doc else ""

    gr.Dataframe(doc_rows(), headers=["标题", "发文机关", "文号", "地区", "执行期", "状态"], interactive=False, elem_id="doc-table")
    pick_doc = gr.Dropdown(ctx.doc_choices[1:], label="打开文件", elem_id="doc-pick")
    page = gr.HTML(elem_id="doc-page")
    pick_doc.change(show_doc, pick_doc, page, api_visibility="private")
