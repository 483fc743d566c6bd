"""The 问答 tab: streaming answers that carry their own sources, suggestion chips that send at once,
per-answer ratings, conversations kept in the browser, export; and the page's /ask API."""

from __future__ import annotations

import html

import gradio as gr

from ..errors import PolicybotError, StoreError
from . import history as hist
from .common import ALL, PageContext, STORE_DOWN, UNEXPECTED, filters, tip, warn
from .exports import export_conversation
from .ratings import Ratings

EXAMPLES = [
    "我们是规上高企，研发投入能补多少？",
    "临沧新设研发机构有什么条件？",
    "高企复审各地奖励多少？",
    "官渡区专精特新中小企业培育由哪个部门牵头？",
    "云岩区要筹建多少套人才公寓？",
]


class ChatTab:
    """The tab's components and handlers. Outputs of a question: chatbot, box, conv, store, past, rating row."""

    def __init__(self, ctx: PageContext, ratings: Ratings, secret: str):
        self.ctx, self.ratings = ctx, ratings
        self._layout(secret)
        self._wire()

    def _layout(self, secret: str) -> None:
        with gr.Row():
            self.region = self.ctx.picker(gr.Dropdown(self.ctx.regions, value=ALL, label="地区", elem_id="chat-region"), "regions")
            self.doc = self.ctx.picker(gr.Dropdown(self.ctx.doc_choices, value=ALL, label="文件", elem_id="chat-doc"), "docs")
        self.chatbot = gr.Chatbot(
            label="对话", show_label=False, height=560, elem_id="chatbot", feedback_options=("Like", "Dislike"), sanitize_html=True,
            render_markdown=False, buttons=[], examples=[{"text": q} for q in answerable(self.ctx, EXAMPLES)],
            placeholder="**您好！** 问一个科技政策问题，或点下面的示例直接发送。每个回答都附有原文出处，点 [1] 查看。")
        with gr.Row():
            self.box = gr.Textbox(label="问题", placeholder="例如：临沧新设研发机构有什么条件？", show_label=False, scale=5,
                                  elem_id="question", max_lines=4)
            self.send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
            self.clear = gr.Button("清空对话", scale=1, elem_id="clear")
        self.ratings.layout()
        self.curate = gr.Button("将最新回答存为人工审核答案", visible=False, size="sm", elem_id="chat-curate")
        with gr.Accordion("历史对话与导出", open=False, elem_id="history"):
            self.past = gr.Dropdown([], label="保存在本浏览器的对话", elem_id="hist-pick")
            with gr.Row():
                self.open_b = gr.Button("打开", elem_id="hist-open")
                self.delete_b = gr.Button("删除", elem_id="hist-delete")
                self.new_b = gr.Button("新对话", elem_id="hist-new")
            with gr.Row():
                self.md_b = gr.Button("导出 Markdown", elem_id="export-md")
                self.docx_b = gr.Button("导出 Word", elem_id="export-docx")
            self.file = gr.File(label="导出的文件", elem_id="export-file", interactive=False)
        self.conv = gr.State(None)
        self.store = gr.BrowserState([], storage_key="policybot-conversations", secret=secret)

    def _wire(self) -> None:
        ins = [self.box, self.chatbot, self.region, self.doc, self.conv, self.store]
        outs = [self.chatbot, self.box, self.conv, self.store, self.past, *self.ratings.hidden()]
        for trigger in (self.send.click, self.box.submit):
            trigger(self.respond, ins, outs, api_visibility="private")
        picked = [self.chatbot, self.region, self.doc, self.conv, self.store]
        self.chatbot.option_select(self.pick, picked, outs, api_visibility="private")
        self.chatbot.example_select(self.pick, picked, outs, api_visibility="private")
        cleared = [self.chatbot, self.box, self.conv, self.store, self.past, *self.ratings.hidden()]
        self.clear.click(self.forget, [self.conv, self.store], cleared, api_visibility="private")
        self.chatbot.clear(self.forget, [self.conv, self.store], cleared, api_visibility="private")
        self.new_b.click(lambda s: self.forget(None, s), [self.store], cleared, api_visibility="private")
        self.open_b.click(self.reopen, [self.past, self.store], [self.chatbot, self.conv, *self.ratings.hidden()],
                          api_visibility="private")
        self.delete_b.click(self.delete, [self.past, self.conv, self.store], cleared, api_visibility="private")
        self.md_b.click(lambda c: export_conversation(c, "md"), [self.conv], [self.file], api_visibility="private")
        self.docx_b.click(lambda c: export_conversation(c, "docx"), [self.conv], [self.file], api_visibility="private")
        self.ratings.wire(self.chatbot, self.conv, self.store)

    def restore(self, store):
        """On page load: the latest conversation comes back with its sources and ratings."""
        conv = next(iter(hist.valid(store)), None)
        return self._shown(conv), conv, gr.update(choices=hist.choices(store), value=conv and conv["id"])

    def _shown(self, conv):
        bot = self.ctx.live.current()
        return gr.Chatbot(value=hist.messages(conv, bot.index.passage), feedback_value=hist.feedback_values(conv))

    def pick(self, chat, region, doc, conv, store, evt: gr.SelectData):
        """A suggestion or example chip: asked at once."""
        yield from self.respond(str(evt.value.get("text", "") if isinstance(evt.value, dict) else evt.value),
                                chat, region, doc, conv, store)

    def respond(self, message, chat, region, doc, conv, store):
        chat, question = list(chat or []), (message or "").strip()
        region_f, doc_f = filters(region, doc)
        keep = (gr.update(),) * (3 + len(self.ratings.hidden()))
        try:
            events = self.ctx.live.current().stream(question, history=hist.past_turns(conv), region=region_f, doc_id=doc_f)
            next(events)  # the evidence: the question is valid and the store answered
        except Exception as exc:
            warn(exc)
            yield (chat, message, *keep)
            return
        chat += [{"role": "user", "content": html.escape(question)}, {"role": "assistant", "content": "正在检索……"}]
        yield (chat, "", *keep)
        try:
            final = yield from self._stream(events, chat, keep)
        except Exception as exc:
            warn(exc)
            chat[-1] = {"role": "assistant", "content": "⚠️ " + (STORE_DOWN if isinstance(exc, StoreError) else UNEXPECTED)}
            yield (chat, "", *keep)
            return
        if self.ctx.questions is not None:
            self.ctx.questions.record(question, final, region=region_f, document=doc_f, channel="page")
        conv = hist.add_turn(conv, question, final)
        store = hist.save(store, conv)
        chat[-1] = hist.assistant(final, conv["turns"][-1]["key"])
        yield (chat, "", conv, store, gr.update(choices=hist.choices(store), value=conv["id"]), *self.ratings.reset())

    @staticmethod
    def _stream(events, chat, keep):
        text, final = "", None
        for ev in events:
            if ev.kind == "token":
                text += ev.data
                chat[-1] = {"role": "assistant", "content": html.escape(text)}
                yield (chat, "", *keep)
            elif ev.kind == "done":
                final = ev.data
        return final

    @staticmethod
    def draft(conv) -> dict | None:
        """The latest answer as a curated-answer draft (question, direct line, its quotes to choose from)."""
        turns = (conv or {}).get("turns") or []
        if not turns or not turns[-1]["answer"].get("citations"):
            tip("没有可保存的回答：请先提问，并得到带原文出处的回答。")
            return None
        turn = turns[-1]
        answer = turn["answer"]
        return {"question": turn["question"], "direct": answer.get("direct_answer") or "", "citations": answer["citations"]}

    def forget(self, conv, store):
        """清空对话 / 🗑 / 新对话: the conversation, its saved copy and its rating row go together."""
        store = hist.remove(store, conv and conv["id"])
        return ([], "", None, store, gr.update(choices=hist.choices(store), value=None), *self.ratings.reset())

    def reopen(self, conv_id, store):
        conv = hist.find(store, conv_id)
        if conv is None:
            tip("请先在列表中选择一个对话。")
            return (gr.update(), gr.update(), *self.ratings.reset())
        return (self._shown(conv), conv, *self.ratings.reset())

    def delete(self, conv_id, conv, store):
        if not conv_id:
            tip("请先在列表中选择要删除的对话。")
        if conv and conv["id"] == conv_id:
            return self.forget(conv, store)
        store = hist.remove(store, conv_id)
        return (gr.update(), gr.update(), conv, store, gr.update(choices=hist.choices(store), value=None),
                *self.ratings.reset())


def answerable(ctx: PageContext, questions: list[str]) -> list[str]:
    """The example chips: only questions the current build answers (a changed corpus drops the others)."""
    bot = ctx.live.current()
    try:
        kept = [q for q in questions if bot.ask(q).outcome == "answered"]
    except PolicybotError:
        kept = []
    return kept or bot.examples()


def add_ask_api(ctx: PageContext) -> None:
    """`gradio_client` with api_name="/ask": the same JSON as `policybot ask --json`."""

    def api_ask(question: str, region: str = ALL, document: str = ALL) -> dict:
        """Answer a question (JSON as from `policybot ask --json`)."""
        region_f, doc_f = filters(region, document)
        try:
            answer = ctx.live.current().ask(question, region=region_f, doc_id=doc_f)
        except StoreError as exc:
            raise gr.Error(STORE_DOWN, title="错误") from exc
        except PolicybotError as exc:
            raise gr.Error(str(exc), title="错误") from exc
        if ctx.questions is not None:  # the review queue sees every channel's questions
            ctx.questions.record(question, answer, region=region_f, document=doc_f, channel="api")
        return answer.to_json()

    api_in = [gr.Textbox(visible=False), gr.Textbox(visible=False, value=ALL), gr.Textbox(visible=False, value=ALL)]
    gr.Button(visible=False).click(api_ask, api_in, gr.JSON(visible=False), api_name="ask")
