"""The 政策清单 tab: every benefit in the corpus, filterable and sortable, exported with its citations."""

from __future__ import annotations


import gradio as gr

from policybot.catalogue.listing import KINDS, citation, filtered, fresh, to_csv, to_xlsx
from policybot.serving.web.common import ALL, PageContext, download_path, warn
from policybot.serving.web.render import catalogue_html, citation_card

SORTS = {"按地区": "region", "按金额（高到低）": "amount", "按类型": "kind", "按扶持对象": "beneficiary"}
KIND_CHOICES = [(ALL, ALL)] + [(label, key) for key, label in KINDS.items()]


def current_items(ctx: PageContext, region, kind, query, sort, include_expired):
    bot = ctx.live.current()
    items = fresh(bot.index.catalogue, bot.index.documents, bot.today())
    return bot, filtered(items, region=None if region in (None, ALL) else region, kind=None if kind in (None, ALL) else kind,
                         query=(query or "").strip() or None, include_expired=include_expired, sort=SORTS.get(sort, "region"))


def build_catalogue_tab(ctx: PageContext) -> None:
    def show(region, kind, query, sort, include_expired):
        try:
            bot, items = current_items(ctx, region, kind, query, sort, include_expired)
        except Exception as exc:
            warn(exc)
            return gr.update(), "共 0 项"
        empty = ""
        if not items and not include_expired:  # every match is of an ended policy: say so, not "no match"
            _, ended = current_items(ctx, region, kind, query, sort, True)
            if ended:
                empty = (f"没有执行期内的扶持事项：符合筛选条件的 {len(ended)} 项都出自已过期的政策；"
                         "勾选“含已过期政策”可查看。")
        html = catalogue_html(items, lambda it: citation_card(citation(it, bot.index.documents)), empty)
        return html, f"共 {len(items)} 项（点“原文出处”看条文）"

    def export(kind_of_file, region, kind, query, sort, include_expired):
        _, items = current_items(ctx, region, kind, query, sort, include_expired)
        if kind_of_file == "xlsx":
            return str(to_xlsx(items, download_path("政策清单.xlsx")))
        path = download_path("政策清单.csv")
        path.write_text(to_csv(items), encoding="utf-8")
        return str(path)

    with gr.Row():
        region = ctx.picker(gr.Dropdown(ctx.regions, value=ALL, label="适用地区（含上级政策）", elem_id="cat-region"), "regions")
        kind = gr.Dropdown(KIND_CHOICES, value=ALL, label="类型", elem_id="cat-kind")
        query = gr.Textbox(label="关键词（对象、事项或原文）", elem_id="cat-query")
        sort = gr.Dropdown(list(SORTS), value="按地区", label="排序", elem_id="cat-sort")
        expired = gr.Checkbox(value=True, label="含已过期政策", elem_id="cat-expired")
    count = gr.Markdown(elem_id="cat-count")
    table = gr.HTML(elem_id="cat-table")
    with gr.Row():
        csv_btn = gr.Button("导出 CSV", elem_id="cat-csv")
        xlsx_btn = gr.Button("导出 Excel", elem_id="cat-xlsx")
        file = gr.File(label="下载", elem_id="cat-file", interactive=False)
    ins = [region, kind, query, sort, expired]
    for control in ins:
        control.change(show, ins, [table, count], api_visibility="private")
        # a file exported for the earlier filters must not be offered beside the new list
        control.change(lambda: None, None, file, api_visibility="private")
    query.submit(show, ins, [table, count], api_visibility="private")
    csv_btn.click(lambda *a: export("csv", *a), ins, file, api_visibility="private")
    xlsx_btn.click(lambda *a: export("xlsx", *a), ins, file, api_visibility="private")
    return show, ins, [table, count]
