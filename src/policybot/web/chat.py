"""The 问答 tab: streaming answers, citation cards, filters, examples, feedback; and the page's /ask API."""

from __future__ import annotations

import html

import gradio as gr

from ..errors import PolicybotError, StoreError
from ..feedback import FeedbackStore
from ..render import answer_panel, chat_markdown, evidence_panel
from .common import ALL, STORE_DOWN, UNEXPECTED, PageContext, filters, text_of, warn

EXAMPLES = [
    "我们是规上高企，研发投入能补多少？",
    "临沧新设研发机构有什么条件？",
    "高企复审各地奖励多少？",
    "官渡区专精特新中小企业培育由哪个部门牵头？",
    "云岩区要筹建多少套人才公寓？",
]


def _respond(ctx: PageContext):
    def respond(message, history, region, doc):
        history = list(history or [])
        question = (message or "").strip()
        region_f, doc_f = filters(region, doc)
        # the chat shows escaped text (HTML in a question or a document is text, never markup)
        past = [{"role": m["role"], "content": html.unescape(text_of(m["content"]))} for m in history]
        try:
            events = ctx.live.current().stream(question, history=past, region=region_f, doc_id=doc_f)
            first = next(events)
        except Exception as exc:
            warn(exc)
            yield history, message, gr.update(), None
            return
        history = history + [{"role": "user", "content": html.escape(question)}, {"role": "assistant", "content": ""}]
        yield history, "", evidence_panel(first.data), None
        text, final = "", None
        try:
            for ev in events:
                if ev.kind == "token":
                    text += ev.data
                    history[-1] = {"role": "assistant", "content": html.escape(text)}
                    yield history, "", gr.update(), None
                elif ev.kind == "done":
                    final = ev.data
        except Exception as exc:
            warn(exc)
            history[-1] = {"role": "assistant", "content": "⚠️ " + (STORE_DOWN if isinstance(exc, StoreError) else UNEXPECTED)}
            yield history, "", "", None
            return
        history[-1] = {"role": "assistant", "content": chat_markdown(final)}
        state = {"question": question, "answer": final.answer, "found": final.found,
                 "citations": [{"n": c.n, "title": c.title, "section": c.section, "quote": c.quote, "chunk_id": c.chunk_id}
                               for c in final.citations]}
        yield history, "", answer_panel(final, ctx.coverage), state

    return respond


def _feedback(feedback: FeedbackStore):
    def give_feedback(rating, comment, last):
        if not last:
            gr.Warning("请先提问，再对回答评价。")
            return gr.update(), "尚无可评价的回答"
        try:
            fid = feedback.add(rating, last["question"], last["answer"], last["found"], last["citations"], comment or "")
        except Exception as exc:
            warn(exc)
            return gr.update(), "反馈未保存到数据库" + ("（已暂存在内存中）" if feedback.unsaved else "")
        return "", f"已记录反馈 #{fid}（{'👍' if rating > 0 else '👎'}），谢谢！"

    return give_feedback


def build_chat_tab(ctx: PageContext, feedback: FeedbackStore) -> None:
    respond, give_feedback = _respond(ctx), _feedback(feedback)
    with gr.Row():
        region = gr.Dropdown(ctx.regions, value=ALL, label="地区", elem_id="chat-region")
        doc = gr.Dropdown(ctx.doc_choices, value=ALL, label="文件", elem_id="chat-doc")
    chatbot = gr.Chatbot(label="对话", height=420, elem_id="chatbot", feedback_options=None, sanitize_html=True,
                         render_markdown=False)
    with gr.Row():
        box = gr.Textbox(placeholder="例如：临沧新设研发机构有什么条件？", show_label=False, scale=5, elem_id="question", max_lines=4)
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


def add_ask_api(ctx: PageContext) -> None:
    """`gradio_client` with api_name="/ask": the same JSON as `policybot ask --json`."""

    def api_ask(question: str, region: str = ALL, document: str = ALL) -> dict:
        """Answer a question (JSON as from `policybot ask --json`)."""
        region_f, doc_f = filters(region, document)
        try:
            return ctx.live.current().ask(question, region=region_f, doc_id=doc_f).to_json()
        except StoreError as exc:
            raise gr.Error(STORE_DOWN) from exc
        except PolicybotError as exc:
            raise gr.Error(str(exc)) from exc

    api_in = [gr.Textbox(visible=False), gr.Textbox(visible=False, value=ALL), gr.Textbox(visible=False, value=ALL)]
    gr.Button(visible=False).click(api_ask, api_in, gr.JSON(visible=False), api_name="ask")
