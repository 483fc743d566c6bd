"""The 问答 tab: streaming answers that carry their own sources, suggestion chips that send at once,
per-answer ratings, conversations kept in the browser, export; and the page's /ask API."""

from __future__ import annotations

import html

import gradio as gr

from policybot.errors import PolicybotError, StoreError
from policybot.serving.web import history as hist
from policybot.serving.web.common import ALL, STORE_DOWN, UNEXPECTED, PageContext, answering, filters, tip, warn
from policybot.serving.web.exports import export_conversation
from policybot.serving.web.ratings import Ratings
from policybot.serving.web.saved import ConversationStore, new_owner, owner_of

EXAMPLES = [
    "我们是规上高企，研发投入能补多少？",
    "临沧新设研发机构有什么条件？",
    "高企复审各地奖励多少？",
    "官渡区专精特新中小企业培育由哪个部门牵头？",
    "云岩区要筹建多少套人才公寓？",
]


class ChatTab:
    """The tab's components and handlers. A page request carries the question, the filters and the browser's
    owner token, never the conversation: that stays on the server (``saved``, and the session's ``conv``)."""

    def __init__(self, ctx: PageContext, ratings: Ratings, secret: str, saved: ConversationStore):
        self.ctx, self.ratings, self.saved = ctx, ratings, saved
        self._layout(secret)
        self._wire()

    def _layout(self, secret: str) -> None:
        with gr.Row():
            self.region = self.ctx.picker(gr.Dropdown(self.ctx.regions, value=ALL, label="地区", elem_id="chat-region"), "regions")
            self.doc = self.ctx.picker(gr.Dropdown(self.ctx.doc_choices, value=ALL, label="文件", elem_id="chat-doc"), "docs")
        with gr.Row(equal_height=True):
            self.note = gr.Markdown("", elem_id="chat-window-note")
            self.clear_asker = gr.Button("不再按此情况回答", size="sm", visible=False, scale=0, elem_id="chat-clear-asker")
        self.chatbot = gr.Chatbot(
            label="对话", show_label=False, height=560, elem_id="chatbot", feedback_options=("Like", "Dislike"), sanitize_html=True,
            render_markdown=False, buttons=[], examples=[{"text": q} for q in answerable(self.ctx, EXAMPLES)],
            autoscroll=True, placeholder="**您好！** 问一个科技政策问题，或点下面的示例直接发送。每个回答都附有原文出处，点 [1] 查看。")
        with gr.Row():
            self.box = gr.Textbox(label="问题", placeholder="例如：临沧新设研发机构有什么条件？", show_label=False, scale=5,
                                  elem_id="question", max_lines=4)
            self.send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
            self.clear = gr.Button("清空对话", scale=1, elem_id="clear")
        self.ratings.layout()
        self.curate = gr.Button("将最新回答存为人工审核答案", visible=False, size="sm", elem_id="chat-curate")
        with gr.Accordion("历史对话与导出", open=False, elem_id="history"):
            self.past = gr.Dropdown([], label="保存的对话（仅本浏览器可见）", elem_id="hist-pick")
            with gr.Row():
                self.open_b = gr.Button("打开", elem_id="hist-open")
                self.delete_b = gr.Button("删除", elem_id="hist-delete")
                self.new_b = gr.Button("新对话", elem_id="hist-new")
            with gr.Row():
                self.md_b = gr.Button("导出 Markdown", elem_id="export-md")
                self.docx_b = gr.Button("导出 Word", elem_id="export-docx")
            self.file = gr.File(label="导出的文件", elem_id="export-file", interactive=False)
        self.conv = gr.State(None)  # the open conversation (server side, per page session)
        self.shown = gr.State([])  # its messages as rendered in the chat (server side: never sent by the browser)
        self.owner = gr.BrowserState({}, storage_key="policybot-owner", secret=secret)

    def _wire(self) -> None:
        ins = [self.box, self.region, self.doc, self.conv, self.shown, self.owner]
        outs = [self.chatbot, self.box, self.conv, self.shown, self.owner, self.past, self.note, self.clear_asker,
                *self.ratings.hidden()]
        # the chat says "正在检索……" itself; Gradio's progress text is English ("processing")
        for trigger in (self.send.click, self.box.submit):
            trigger(self.respond, ins, outs, api_visibility="private", show_progress="hidden")
        picked = [self.region, self.doc, self.conv, self.shown, self.owner]
        self.chatbot.option_select(self.pick, picked, outs, api_visibility="private", show_progress="hidden")
        self.chatbot.example_select(self.pick, picked, outs, api_visibility="private", show_progress="hidden")
        cleared = [self.chatbot, self.box, self.conv, self.shown, self.past, self.note, self.clear_asker, *self.ratings.hidden()]
        self.clear.click(self.forget, [self.conv, self.owner], cleared, api_visibility="private")
        self.chatbot.clear(self.forget, [self.conv, self.owner], cleared, api_visibility="private")
        self.new_b.click(lambda o: self.forget(None, o), [self.owner], cleared, api_visibility="private")
        shown = [self.chatbot, self.conv, self.shown, self.note, self.clear_asker, *self.ratings.hidden()]
        self.clear_asker.click(self.drop_asker, [self.conv, self.owner], [self.conv, self.note, self.clear_asker],
                               api_visibility="private")
        self.open_b.click(self.reopen, [self.past, self.owner], shown, api_visibility="private")
        self.delete_b.click(self.delete, [self.past, self.conv, self.owner], cleared, api_visibility="private")
        self.md_b.click(lambda c: export_conversation(c, "md"), [self.conv], [self.file], api_visibility="private")
        self.docx_b.click(lambda c: export_conversation(c, "docx"), [self.conv], [self.file], api_visibility="private")
        self.ratings.wire(self.chatbot, self.conv, self.owner, self.saved)

    def restore(self, owner_state):
        """On page load: the latest conversation comes back with its sources and ratings (a first visit gets
        its owner token)."""
        owner = owner_of(owner_state)
        state = owner_state if owner else {"owner": new_owner()}
        conv = self.saved.latest(owner)
        msgs = self._messages(conv)
        return (self._chatbot(conv, msgs), conv, msgs, state, self._past(owner, conv), *self._notes(conv))

    def _messages(self, conv) -> list[dict]:
        return hist.messages(conv, self.ctx.live.current().index.passage)

    @staticmethod
    def _chatbot(conv, msgs):
        return gr.Chatbot(value=msgs, feedback_value=hist.feedback_values(conv))

    def _past(self, owner, conv):
        return gr.update(choices=hist.choices(self.saved.listing(owner)), value=conv and conv["id"])

    @answering
    def pick(self, region, doc, conv, shown, owner_state, evt: gr.SelectData, request: gr.Request):
        """A suggestion or example chip: asked at once."""
        yield from self.respond(str(evt.value.get("text", "") if isinstance(evt.value, dict) else evt.value),
                                region, doc, conv, shown, owner_state, request)

    @answering
    def respond(self, message, region, doc, conv, shown, owner_state, request: gr.Request):
        question = (message or "").strip()
        region_f, doc_f = filters(region, doc)
        keep = (gr.update(),) * (5 + len(self.ratings.hidden()))
        if self.ctx.over_budget(request):
            yield (gr.update(), message, gr.update(), *keep)
            return
        try:
            events = self.ctx.live.current().stream(question, history=hist.past_turns(conv), region=region_f, doc_id=doc_f,
                                                    asker=hist.asker(conv, question))
            next(events)  # the evidence: the question is valid and the store answered
        except Exception as exc:
            warn(exc)  # the question stays in the box; nothing of the conversation changes
            yield (gr.update(), message, gr.update(), *keep)
            return
        chat = [*(shown or []), {"role": "user", "content": html.escape(question)},
                {"role": "assistant", "content": "正在检索……"}]
        yield (chat, "", gr.update(), *keep)
        try:
            final = yield from self._stream(events, chat, keep)
        except Exception as exc:
            warn(exc)
            chat[-1] = {"role": "assistant", "content": "⚠️ " + (STORE_DOWN if isinstance(exc, StoreError) else UNEXPECTED)}
            yield (chat, "", gr.update(), *keep)
            return
        if self.ctx.questions is not None:
            self.ctx.questions.record(question, final, region=region_f, document=doc_f, channel="page")
        owner = owner_of(owner_state)
        state = owner_state if owner else {"owner": new_owner()}
        conv = self.saved.save(state["owner"], hist.add_turn(conv, question, final))
        msgs = self._messages(conv) if hist.hidden(conv) else [*(shown or []), chat[-2], hist.assistant(final, conv["turns"][-1]["key"])]
        if len(msgs) > 2:  # only the newest answer offers its suggestions
            msgs[-3] = {k: v for k, v in msgs[-3].items() if k != "options"}
        yield (self._chatbot(conv, msgs), "", conv, msgs, state, self._past(state["owner"], conv),
               *self._notes(conv, final.assumed),
               *self.ratings.reset())

    @staticmethod
    def _stream(events, chat, keep):
        text, final = "", None
        for ev in events:
            if ev.kind == "token":
                text += ev.data
                chat[-1] = {"role": "assistant", "content": html.escape(text)}
                yield (chat, "", gr.update(), *keep)
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

    def forget(self, conv, owner_state):
        """清空对话 / 🗑 / 新对话: the conversation, its saved copy and its rating row go together."""
        owner = owner_of(owner_state)
        self.saved.delete(owner, conv and conv["id"])
        return ([], "", None, [], self._past(owner, None), "", gr.update(visible=False), *self.ratings.reset())

    def reopen(self, conv_id, owner_state):
        conv = self.saved.get(owner_of(owner_state), conv_id)
        if conv is None:
            tip("请先在列表中选择一个对话。")
            return (gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), *self.ratings.reset())
        msgs = self._messages(conv)
        return (self._chatbot(conv, msgs), conv, msgs, *self._notes(conv), *self.ratings.reset())

    def delete(self, conv_id, conv, owner_state):
        if not conv_id:
            tip("请先在列表中选择要删除的对话。")
        if conv and conv["id"] == conv_id:
            return self.forget(conv, owner_state)
        owner = owner_of(owner_state)
        self.saved.delete(owner, conv_id)
        return (gr.update(), gr.update(), conv, gr.update(), self._past(owner, conv), gr.update(), gr.update(),
                *self.ratings.reset())

    @staticmethod
    def _notes(conv, assumed: str | None = None) -> tuple:
        """The line above the chat (what the answers assume of the asker; turns not shown) and the button that
        stops the assumption. ``assumed``: the label the answer just given was read with (not read again)."""
        read = hist.asker(conv)
        assumed = read.label() if assumed is None else assumed
        # a place taken from the questions asked ("昆明市对…有什么支持？") is not something the asker said of itself
        basis = "根据您在对话中的介绍回答" if read.said else "按对话中问到的地区回答，如不是贵单位所在地请说明"
        lines = [f"按：**{assumed}**（{basis}）" if assumed else "", hist.window_note(conv)]
        return "　".join(x for x in lines if x), gr.update(visible=bool(assumed))

    def drop_asker(self, conv, owner_state):
        """「不再按此情况回答」: later answers read only what the asker says from now on."""
        if not conv:
            return gr.update(), gr.update(), gr.update(visible=False)
        conv = {**conv, "asker_from": len(conv["turns"])}
        if owner := owner_of(owner_state):
            conv = self.saved.save(owner, conv)
        return (conv, *self._notes(conv))


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

    @answering
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
