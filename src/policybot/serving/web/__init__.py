"""The Gradio page, one module per tab: 问答, 检索, 政策文件, 政策清单, 政策匹配. It only renders core results."""

from __future__ import annotations

import gradio as gr

from policybot.answering.bot import PolicyBot
from policybot.serving.limits import TokenBuckets
from policybot.serving.web.catalogue import build_catalogue_tab
from policybot.serving.web.chat import ChatTab, add_ask_api
from policybot.serving.web.common import PageContext
from policybot.serving.web.documents import build_documents_tab
from policybot.serving.web.files import FilesTab
from policybot.serving.web.history import browser_secret
from policybot.serving.web.lookup import build_lookup_tab
from policybot.serving.web.match import build_match_tab
from policybot.serving.web.ratings import Ratings
from policybot.serving.web.saved import ConversationStore
from policybot.serving.web.style import CSS, theme
from policybot.workspace.feedback import FeedbackStore
from policybot.workspace.review import QuestionLog

__all__ = ["CSS", "build_blocks", "theme"]


GRADIO_CACHE = (3600, 86400)  # (how often, how old) in seconds


def build_blocks(live, feedback: FeedbackStore, workspace=None, questions=None) -> gr.Blocks:
    """The page over ``live`` (anything with ``current() -> PolicyBot``: each event uses the build then serving)."""
    if isinstance(live, PolicyBot):
        # deferred: loads langchain_core on first use, not at import
        from policybot.serving.live import LiveBot

        live = LiveBot(live.settings, bot=live)
    settings = live.current().settings
    ctx = PageContext.of(live, questions, TokenBuckets(settings.rate_limit_per_minute, settings.rate_limit_burst))
    data_dir = live.current().settings.data_dir
    secret = browser_secret(data_dir)
    # Gradio keeps a copy of every file it serves (exports, uploads): each hour, those older than a day go
    with gr.Blocks(title="policybot 政策问答", analytics_enabled=False, delete_cache=GRADIO_CACHE) as demo:
        gr.Markdown("## policybot 科技政策问答\n回答只依据收录的政策原文，并逐条注明出处。" + ctx.coverage)
        with gr.Tabs() as tabs:
            with gr.Tab("问答", id="chat"):
                chat = ChatTab(ctx, Ratings(feedback), secret, ConversationStore(data_dir / "conversations.sqlite"))
            with gr.Tab("检索", id="lookup"):
                build_lookup_tab(ctx)
            with gr.Tab("政策文件", id="documents"):
                build_documents_tab(ctx)
            with gr.Tab("政策清单", id="catalogue"):
                show, ins, outs = build_catalogue_tab(ctx)
            with gr.Tab("政策匹配", id="match"):
                build_match_tab(ctx)
            if workspace is not None:
                desk = _workspace_tabs(ctx, live, workspace, feedback, questions, chat, tabs)
        add_ask_api(ctx)
        # page-load events show no progress (Gradio's own status text is English: "processing")
        demo.load(show, ins, outs, api_visibility="private", show_progress="hidden")
        demo.load(ctx.fresh_choices, None, [d for d, _ in ctx.pickers], api_visibility="private", queue=False,
                  show_progress="hidden")
        demo.load(chat.restore, [chat.owner], [chat.chatbot, chat.conv, chat.shown, chat.owner, chat.past, chat.note,
                                               chat.clear_asker],
                  api_visibility="private", show_progress="hidden")
        if workspace is not None:
            demo.load(desk[0], None, desk[1], api_visibility="private", show_progress="hidden")
    for fn in demo.fns.values():  # Gradio's full status reads "processing" (English): every event keeps the runtime only
        if fn.show_progress == "full":
            fn.show_progress = "minimal"
    demo.queue(default_concurrency_limit=4, max_size=64)
    return demo


def _workspace_tabs(ctx, live, workspace, feedback, questions, chat, tabs) -> tuple:
    """文件管理, 人工审核答案 and 反馈与未答 (admins only); one page-load handler filling them all, and its outputs."""
    # deferred: loads gradio on first use, not at import
    from policybot.serving.web.admin import admin_label

    # deferred: loads gradio on first use, not at import
    from policybot.serving.web.curated import build_curated_tab

    # deferred: loads gradio on first use, not at import
    from policybot.serving.web.review import build_review_tab

    data = live.current().settings.data_dir
    with gr.Tab("文件管理", id="files"):
        files = FilesTab(live, workspace)
    with gr.Tab("人工审核答案", id="curated") as curated_tab:
        curated = build_curated_tab(ctx, admin_label, workspace)
    with gr.Tab("反馈与未答", id="review") as review_tab:
        review = build_review_tab(ctx, feedback, questions or QuestionLog(data / "questions.sqlite"),
                                  workspace.reviews, admin_label)
    # opening a tab shows what changed since the page loaded (new ratings, refused questions, stale answers)
    curated_tab.select(curated.on_load, None, curated.load_outputs, api_visibility="private", show_progress="hidden")
    review_tab.select(review.on_load, None, review.load_outputs, api_visibility="private", show_progress="hidden")
    review.connect(curated, tabs)
    curated.receive(chat.curate.click, chat.draft, [chat.conv], tabs)

    def show_curate(request: gr.Request):
        return gr.update(visible=admin_label(request) is not None)

    def open_tab(request: gr.Request):
        """``/?tab=files`` (where the admin sign-in returns) opens that tab."""
        wanted = request.query_params.get("tab") if request else None
        return gr.Tabs(selected=wanted) if wanted in ("files", "curated", "review") else gr.update()

    def on_load(request: gr.Request):
        return (*files.open(request), *curated.on_load(request), *review.on_load(request), show_curate(request),
                open_tab(request))

    return on_load, [*files.opened, *curated.load_outputs, *review.load_outputs, chat.curate, tabs]
