"""The 检索 tab: ranked passages for the help desk, with a citation ready to paste."""

from __future__ import annotations

import gradio as gr

from policybot.serving.web.common import ALL, PageContext, answering, filters, warn
from policybot.serving.web.render import formatted_citation, search_results


def build_lookup_tab(ctx: PageContext) -> None:
    @answering
    def lookup(query, region, doc, k, request: gr.Request):
        if ctx.over_budget(request):
            return gr.update(), gr.update(), gr.update(), gr.update()
        region_f, doc_f = filters(region, doc)
        try:
            bot = ctx.live.current()
            results = bot.search(query or "", k=int(k), region=region_f, doc_id=doc_f)
        except Exception as exc:
            warn(exc)
            return gr.update(), gr.update(choices=[], value=None), "", []
        formatted = [formatted_citation(sc, bot.index.documents[sc.chunk.doc_id], query or "") for sc in results]
        choices = [(f"#{i + 1} {sc.chunk.title[:24]} {' '.join(sc.chunk.section)[:24]}", i) for i, sc in enumerate(results)]
        return (search_results(results, query or "", bot.index.documents, region_f), gr.update(choices=choices, value=0 if results else None),
                formatted[0] if formatted else "", formatted)

    def pick(i, formatted):
        return formatted[int(i)] if i is not None and formatted else ""

    with gr.Row():
        query = gr.Textbox(label="关键词或问题", scale=4, elem_id="lookup-query")
        k = gr.Slider(1, 20, value=5, step=1, label="条数", scale=1)
    with gr.Row():
        lregion = ctx.picker(gr.Dropdown(ctx.regions, value=ALL, label="地区", elem_id="lookup-region"), "regions")
        ldoc = ctx.picker(gr.Dropdown(ctx.doc_choices, value=ALL, label="文件", elem_id="lookup-doc"), "docs")
        go = gr.Button("检索", variant="primary", elem_id="lookup-go")
    results = gr.HTML(elem_id="lookup-results")
    formatted = gr.State([])
    chosen = gr.Dropdown([], label="选择一条结果", elem_id="lookup-pick")
    cite = gr.Textbox(label="引用格式（点右上角按钮复制）", buttons=["copy"], elem_id="lookup-cite", interactive=False)
    lin = [query, lregion, ldoc, k]
    go.click(lookup, lin, [results, chosen, cite, formatted], api_name="lookup")
    query.submit(lookup, lin, [results, chosen, cite, formatted], api_visibility="private")
    chosen.change(pick, [chosen, formatted], cite, api_visibility="private")
