"""The Gradio page, one module per tab: 问答, 检索, 政策文件, 政策清单, 政策匹配. It only renders core results."""

from __future__ import annotations

import gradio as gr

from ..chain import PolicyBot
from ..feedback import FeedbackStore
from .catalogue import build_catalogue_tab
from .chat import ChatTab, add_ask_api
from .common import PageContext
from .documents import build_documents_tab
from .files import FilesTab
from .history import browser_secret
from .lookup import build_lookup_tab
from .match import build_match_tab
from .ratings import Ratings
from .style import CSS, theme

__all__ = ["CSS", "build_blocks", "theme"]


def build_blocks(live, feedback: FeedbackStore, workspace=None) -> gr.Blocks:
    """The page over ``live`` (anything with ``current() -> PolicyBot``: each event uses the build then serving)."""
    if isinstance(live, PolicyBot):
        from ..serving import LiveBot

        live = LiveBot(live.settings, bot=live)
    ctx = PageContext.of(live)
    secret = browser_secret(live.current().settings.data_dir)
    with gr.Blocks(title="policybot 政策问答", analytics_enabled=False) as demo:
        gr.Markdown("## policybot 科技政策问答\n回答只依据收录的政策原文，并逐条注明出处。" + ctx.coverage)
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                chat = ChatTab(ctx, Ratings(feedback), secret)
            with gr.Tab("检索", id="lookup"):
                build_lookup_tab(ctx)
            with gr.Tab("政策文件", id="documents"):
                build_documents_tab(ctx)
            with gr.Tab("政策清单", id="catalogue"):
                show, ins, outs = build_catalogue_tab(ctx)
            with gr.Tab("政策匹配", id="match"):
                build_match_tab(ctx)
            if workspace is not None:
                with gr.Tab("文件管理", id="files"):
                    files = FilesTab(live, workspace)
        add_ask_api(ctx)
        demo.load(show, ins, outs, api_visibility="private")
        demo.load(chat.restore, [chat.store], [chat.chatbot, chat.conv, chat.past], api_visibility="private")
        if workspace is not None:
            demo.load(files.open, None, files.opened, api_visibility="private")
    demo.queue(default_concurrency_limit=4, max_size=64)
    return demo
