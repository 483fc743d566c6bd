"""The Gradio page: 问答 (chat), 检索 (lookup), 政策文件 (documents). It only renders core events."""

from __future__ import annotations

import html
import logging

import gradio as gr

from .answer import coverage_note
from .chain import PolicyBot
from .errors import PolicybotError, StoreError
from .feedback import FeedbackStore
from .render import chat_markdown, answer_panel, document_page, evidence_panel, formatted_citation, search_results

log = logging.getLogger(__name__)

ALL = "全部"
EXAMPLES = [
    "我们是规上高企，研发投入能补多少？",
    "临沧新设研发机构有什么条件？",
    "高企复审各地奖励多少？",
    "官渡区专精特新中小企业培育由哪个部门牵头？",
    "云岩区要筹建多少套人才公寓？",
]


def theme():
    return gr.themes.Default(
        font=[gr.themes.LocalFont("Source Sans Pro", weights=(400, 700)), "ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )


def _text_of(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    if isinstance(content, dict):
        return content.get("text", "")
    return str(content or "")


UNEXPECTED = "抱歉，服务暂时出现问题，请稍后再试（详情已记录在服务器日志中）。"
STORE_DOWN = "向量库暂时无法访问，请稍后再试。"


def _warn(exc: Exception) -> None:
    """Errors reach users as one Chinese line; details go to the server log, never to the page."""
    if isinstance(exc, StoreError):
        log.warning("store: %s", exc)
        gr.Warning(STORE_DOWN)
    elif isinstance(exc, PolicybotError):
        gr.Warning(str(exc))
    else:
        log.exception("page handler failed")
        gr.Warning(UNEXPECTED)


def build_blocks(live, feedback: FeedbackStore) -> gr.Blocks:
    """The page over ``live`` (anything with ``current() -> PolicyBot``: each event uses the build then serving)."""
    if isinstance(live, PolicyBot):
        from .serving import LiveBot

        live = LiveBot(live.settings, bot=live)
    bot = live.current()
    docs = sorted(bot.index.documents.values(), key=lambda d: d.display_title)
    regions = [ALL]
    for d in docs:
        for r in d.region[1:] or d.region:
            if r not in regions:
                regions.append(r)
    doc_choices = [(ALL, ALL)] + [(d.display_title, d.doc_id) for d in docs]
    today = bot.today()
    coverage = "目前知识库收录：" + coverage_note(docs) + "。"

    def _filters(region, doc):
        return (None if not region or region == ALL else region), (None if not doc or doc == ALL else doc)

    # --- chat --------------------------------------------------------------------------------
    def respond(message, history, region, doc):
        history = list(history or [])
        question = (message or "").strip()
        region_f, doc_f = _filters(region, doc)
        # the chat shows escaped text (HTML in a question or a document is text, never markup)
        past = [{"role": m["role"], "content": html.unescape(_text_of(m["content"]))} for m in history]
        try:
            events = live.current().stream(question, history=past, region=region_f, doc_id=doc_f)
            first = next(events)
        except Exception as exc:
            _warn(exc)
            yield history, message, gr.update(), None
            return
        history = history + [{"role": "user", "content": html.escape(question)}, {"role": "assistant", "content": ""}]
        yield history, "", evidence_panel(first.data), None
        text = ""
        final = None
        try:
            for ev in events:
                if ev.kind == "token":
                    text += ev.data
                    history[-1] = {"role": "assistant", "content": html.escape(text)}
                    yield history, "", gr.update(), None
                elif ev.kind == "done":
                    final = ev.data
        except Exception as exc:
            _warn(exc)
            history[-1] = {"role": "assistant", "content": "⚠️ " + (STORE_DOWN if isinstance(exc, StoreError) else UNEXPECTED)}
            yield history, "", "", None
            return
        if final is not None:
            history[-1] = {"role": "assistant", "content": chat_markdown(final)}
        state = None
        if final is not None:
            state = {
                "question": question, "answer": final.answer, "found": final.found,
                "citations": [{"n": c.n, "title": c.title, "section": c.section, "quote": c.quote, "chunk_id": c.chunk_id}
                              for c in final.citations],
            }
        yield history, "", answer_panel(final, coverage), state

    def give_feedback(rating, comment, last):
        if not last:
            gr.Warning("请先提问，再对回答评价。")
            return gr.update(), "尚无可评价的回答"
        try:
            fid = feedback.add(rating, last["question"], last["answer"], last["found"], last["citations"], comment or "")
        except Exception as exc:
            _warn(exc)
            return gr.update(), "反馈未保存到数据库" + ("（已暂存在内存中）" if feedback.unsaved else "")
        return "", f"已记录反馈 #{fid}（{'👍' if rating > 0 else '👎'}），谢谢！"

    # --- lookup ------------------------------------------------------------------------------
    def lookup(query, region, doc, k):
        region_f, doc_f = _filters(region, doc)
        try:
            bot = live.current()
            results = bot.search(query or "", k=int(k), region=region_f, doc_id=doc_f)
        except Exception as exc:
            _warn(exc)
            return gr.update(), gr.update(choices=[], value=None), "", []
        formatted = [formatted_citation(sc, bot.index.documents[sc.chunk.doc_id]) for sc in results]
        choices = [(f"#{i + 1} {sc.chunk.title[:24]} {' '.join(sc.chunk.section)[:24]}", i) for i, sc in enumerate(results)]
        return (
            search_results(results, query or ""),
            gr.update(choices=choices, value=0 if results else None),
            formatted[0] if formatted else "",
            formatted,
        )

    def pick(i, formatted):
        if i is None or not formatted:
            return ""
        return formatted[int(i)]

    # --- documents ---------------------------------------------------------------------------
    def doc_rows():
        return [
            [d.display_title, d.issuer or "原文未载明", d.doc_number or "—", d.region_label or "—", d.period or "未载明",
             "已过期" if d.expired(today) else ("执行期内" if d.period else "期限未载明")]
            for d in docs
        ]

    def show_doc(doc_id):
        doc = live.current().index.document(doc_id) if doc_id else None
        return document_page(doc, today) if doc else ""

    with gr.Blocks(title="policybot 政策问答", analytics_enabled=False) as demo:
        gr.Markdown("## policybot 科技政策问答\n回答只依据收录的政策原文，并逐条注明出处。" + coverage)
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                with gr.Row():
                    region = gr.Dropdown(regions, value=ALL, label="地区", elem_id="chat-region")
                    doc = gr.Dropdown(doc_choices, value=ALL, label="文件", elem_id="chat-doc")
                chatbot = gr.Chatbot(label="对话", height=420, elem_id="chatbot", feedback_options=None,
                                     sanitize_html=True, render_markdown=False)
                with gr.Row():
                    box = gr.Textbox(placeholder="例如：临沧新设研发机构有什么条件？", show_label=False, scale=5, elem_id="question",
                                     max_lines=4)
                    send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
                    clear = gr.Button("清空对话", scale=1, elem_id="clear")
                gr.Examples(EXAMPLES, inputs=box, label="示例问题")
                cards = gr.HTML(elem_id="citations")
                last = gr.State(None)
                with gr.Row():
                    comment = gr.Textbox(placeholder="可选：补充说明（例如哪里不对）", show_label=False, scale=4, elem_id="fb-comment")
                    up = gr.Button("👍 有帮助", scale=1, elem_id="fb-up")
                    down = gr.Button("👎 没帮助", scale=1, elem_id="fb-down")
                fb_status = gr.Markdown(elem_id="fb-status")
                ins, outs = [box, chatbot, region, doc], [chatbot, box, cards, last]
                send.click(respond, ins, outs, api_visibility="private")
                box.submit(respond, ins, outs, api_visibility="private")
                clear.click(lambda: ([], "", "", None, ""), None, [chatbot, box, cards, last, fb_status], api_visibility="private")
                up.click(lambda c, s: give_feedback(1, c, s), [comment, last], [comment, fb_status], api_visibility="private")
                down.click(lambda c, s: give_feedback(-1, c, s), [comment, last], [comment, fb_status], api_visibility="private")
            with gr.Tab("检索", id="lookup"):
                with gr.Row():
                    query = gr.Textbox(label="关键词或问题", scale=4, elem_id="lookup-query")
                    k = gr.Slider(1, 20, value=5, step=1, label="条数", scale=1)
                with gr.Row():
                    lregion = gr.Dropdown(regions, value=ALL, label="地区", elem_id="lookup-region")
                    ldoc = gr.Dropdown(doc_choices, value=ALL, label="文件", elem_id="lookup-doc")
                    go = gr.Button("检索", variant="primary", elem_id="lookup-go")
                results = gr.HTML(elem_id="lookup-results")
                formatted = gr.State([])
                chosen = gr.Dropdown([], label="选择一条结果", elem_id="lookup-pick")
                cite = gr.Textbox(label="引用格式（点右上角按钮复制）", buttons=["copy"], elem_id="lookup-cite", interactive=False)
                lin = [query, lregion, ldoc, k]
                go.click(lookup, lin, [results, chosen, cite, formatted], api_name="lookup")
                query.submit(lookup, lin, [results, chosen, cite, formatted], api_visibility="private")
                chosen.change(pick, [chosen, formatted], cite, api_visibility="private")
            with gr.Tab("政策文件", id="documents"):
                gr.Dataframe(doc_rows(), headers=["标题", "发文机关", "文号", "地区", "执行期", "状态"], interactive=False,
                             elem_id="doc-table")
                pick_doc = gr.Dropdown(doc_choices[1:], label="打开文件", elem_id="doc-pick")
                page = gr.HTML(elem_id="doc-page")
                pick_doc.change(show_doc, pick_doc, page, api_visibility="private")

        def api_ask(question: str, region: str = ALL, document: str = ALL) -> dict:
            """Answer a question (JSON as from `policybot ask --json`)."""
            region_f, doc_f = _filters(region, document)
            try:
                return live.current().ask(question, region=region_f, doc_id=doc_f).to_json()
            except StoreError as exc:
                raise gr.Error(STORE_DOWN) from exc
            except PolicybotError as exc:
                raise gr.Error(str(exc)) from exc

        api_in = [gr.Textbox(visible=False), gr.Textbox(visible=False, value=ALL), gr.Textbox(visible=False, value=ALL)]
        api_out = gr.JSON(visible=False)
        gr.Button(visible=False).click(api_ask, api_in, api_out, api_name="ask")
    demo.queue(default_concurrency_limit=4, max_size=64)
    return demo
