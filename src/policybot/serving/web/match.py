"""The 政策匹配 tab: a company's profile (a form, or a description read into the form) → what it may claim."""

from __future__ import annotations

import json

import gradio as gr

from policybot.catalogue.listing import citation, run_match, to_csv, to_xlsx
from policybot.catalogue.figures_said import Figures
from policybot.catalogue.profiles import Certification, Person, Profile, parse_profile
from policybot.serving.web.common import PageContext, answering, download_path, tip, warn
from policybot.serving.web.render import citation_card, match_html

CERTS = ["高新技术企业", "高新技术企业（首次认定）", "高新技术企业（重新认定）", "科技型中小企业", "专精特新中小企业", "昆明市高新技术培育企业"]
SIZES = ["规上", "规下", "小微", "未说明"]
YES_NO = ["是", "否", "未说明"]


def _yes_no(value) -> bool | None:
    return {"是": True, "否": False}.get(value)


def profile_from_form(region, size, certs, platforms, talent, rd_ratio, rd_growth, revenue_growth, text,
                      plans="") -> Profile:
    """The profile the form states; ``plans`` is what the company is working toward, one a line ("正在申报…")."""
    certifications = []
    for c in certs or []:
        name, _, kind = c.partition("（")
        certifications.append(Certification(name=name, kind=kind.rstrip("）")))
    lines = [x.strip() for x in (platforms or "").splitlines() if x.strip()]
    people = [Person(program=x.strip()) for x in (talent or "").splitlines() if x.strip()]
    hoped = [x.strip() for x in (plans or "").splitlines() if x.strip()]
    return Profile(region=(region or "").strip(), size="" if size in (None, "未说明") else size, certifications=certifications,
                   platforms=lines, achievements=lines, talent=people, teams=people, plans=hoped,
                   free_text=(text or "").strip(),
                   figures=Figures(rd_ratio=rd_ratio / 100 if rd_ratio else None, rd_growth=_yes_no(rd_growth),
                                   revenue_growth=_yes_no(revenue_growth)))


def form_from_profile(p: Profile) -> list:
    # a 高企 whose description does not say 首次 or 重新 is ticked as that, not as a first recognition
    certs = [f"{c.name}（{c.kind}）" if c.name == "高新技术企业" and c.kind else
             c.name if c.name in CERTS else next((x for x in CERTS if x.startswith(c.name)), c.name)
             for c in p.certifications]
    talent = [x.program for x in [*p.talent, *p.teams]]
    ratio = round(p.figures.rd_ratio * 100, 2) if p.figures.rd_ratio is not None else None
    label = {True: "是", False: "否", None: "未说明"}
    return [p.region, p.size or "未说明", [c for c in dict.fromkeys(certs) if c in CERTS], "\n".join(p.platforms + p.achievements),
            "\n".join(dict.fromkeys(talent)), ratio, label[p.figures.rd_growth], label[p.figures.revenue_growth],
            "\n".join(p.plans)]


def _read_text(text):
    """The form filled from the company's own description."""
    if not (text or "").strip():
        tip("请先用一段话描述贵单位的情况。")
        return [gr.update()] * 9
    return form_from_profile(parse_profile(text))

def _export(ctx: PageContext, kind: str, result):
    """The matched items (not the failing ones) as CSV or Excel, with the profile beside them."""
    if not result:
        tip("请先匹配，再导出结果。")
        return None
    bot = ctx.live.current()
    items = {it.item_id: it for it in bot.index.catalogue}
    chosen = [items[i["item_id"]] for i in result["items"] if i["status"] != "not_eligible" and i["item_id"] in items]
    statuses = {i["item_id"]: i["status"] for i in result["items"]}
    if kind == "xlsx":
        return str(to_xlsx(chosen, download_path("政策匹配.xlsx"), statuses, "政策匹配"))
    path = download_path("政策匹配.csv")
    folder = path.parent
    path.write_text(to_csv(chosen, statuses), encoding="utf-8")
    (folder / "profile.json").write_text(json.dumps(result["profile"], ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


def build_match_tab(ctx: PageContext) -> None:
    @answering
    def run(region, size, certs, platforms, talent, rd_ratio, rd_growth, revenue_growth, plans, text, include_expired,
            request: gr.Request = None):
        if ctx.over_budget(request):
            return gr.update(), gr.update(), gr.update()
        try:
            bot = ctx.live.current()
            profile = profile_from_form(region, size, certs, platforms, talent, rd_ratio, rd_growth, revenue_growth, text,
                                        plans)
            result = run_match(profile, bot.index.catalogue, bot.index.documents, bot.today(), include_expired)
        except Exception as exc:
            warn(exc)
            return gr.update(), None, None
        items = {it.item_id: it for it in bot.index.catalogue}

        def card(i):
            it = items.get(i["item_id"])
            return f"<details><summary>原文出处</summary>{citation_card(citation(it, bot.index.documents))}</details>" if it else ""

        # the download box is emptied: a file exported for the previous company must not sit beside this result
        return match_html(result, card), result, None

    gr.Markdown("用一段话描述贵单位，点“读取描述”后核对、修改下方表单，再点“匹配”。结果只依据收录的政策原文，金额为条文中的上限。")
    text = gr.Textbox(label="企业情况描述", lines=3, elem_id="match-text",
                      placeholder="例如：官渡区一家规上制造企业，专精特新中小企业，研发投入占营收3%，准备建设市级工程技术研究中心")
    read = gr.Button("读取描述", elem_id="match-read")
    with gr.Row():
        region = gr.Textbox(label="所在地区", elem_id="match-region", placeholder="如：五华区 / 临沧市")
        size = gr.Radio(SIZES, value="未说明", label="规模", elem_id="match-size")
    certs = gr.CheckboxGroup(CERTS, label="已获认定", elem_id="match-certs")
    with gr.Row():
        platforms = gr.Textbox(label="平台、载体与成果（每行一项）", lines=3, elem_id="match-platforms",
                               placeholder="如：省级重点实验室(2023年新认定)")
        talent = gr.Textbox(label="人才与团队（每行一项）", lines=3, elem_id="match-talent",
                            placeholder="如：入选云南省创新团队，培养期满考核合格")
    with gr.Row():
        rd_ratio = gr.Number(label="研发投入占营业收入（%）", elem_id="match-ratio")
        rd_growth = gr.Radio(YES_NO, value="未说明", label="研发投入较上年增长", elem_id="match-rd-growth")
        revenue_growth = gr.Radio(YES_NO, value="未说明", label="营业收入较上年增长", elem_id="match-rev-growth")
    plans = gr.Textbox(label="计划中（正在申报/准备建设…，每行一项）", lines=2, elem_id="match-plans",
                       placeholder="如：正在申报国家级科技企业孵化器")
    include_expired = gr.Checkbox(value=False, label="合计时计入已过期的政策", elem_id="match-expired")
    go = gr.Button("匹配", variant="primary", elem_id="match-go")
    out = gr.HTML(elem_id="match-result")
    state = gr.State(None)
    with gr.Row():
        csv_btn = gr.Button("导出 CSV", elem_id="match-csv")
        xlsx_btn = gr.Button("导出 Excel", elem_id="match-xlsx")
        file = gr.File(label="下载", elem_id="match-file", interactive=False)
    form = [region, size, certs, platforms, talent, rd_ratio, rd_growth, revenue_growth, plans]
    read.click(_read_text, text, form, api_visibility="private").then(
        run, [*form, text, include_expired], [out, state, file], api_visibility="private")
    go.click(run, [*form, text, include_expired], [out, state, file], api_visibility="private")
    # the total follows the switch at once: ticking it after matching re-counts, it does not keep the old sum
    include_expired.change(lambda *a: run(*a[:-1]) if a[-1] is not None else (gr.update(), None, gr.update()),
                           [*form, text, include_expired, state], [out, state, file], api_visibility="private")
    csv_btn.click(lambda r: _export(ctx, "csv", r), state, file, api_visibility="private")
    xlsx_btn.click(lambda r: _export(ctx, "xlsx", r), state, file, api_visibility="private")
