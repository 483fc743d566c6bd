"""A conversation exported for the record: Markdown or Word, each answer with its quotes and full citations."""

from __future__ import annotations

import datetime as dt
import re

import gradio as gr

from policybot.serving.web.common import download_path, tip
from policybot.serving.web.transcript import to_docx, to_markdown


def export_conversation(conv: dict | None, kind: str):
    """The file to download (a fresh temporary folder per export), or a warning when there is nothing yet."""
    turns = (conv or {}).get("turns", [])
    if not turns:
        tip("还没有可导出的对话：先提一个问题。")
        return gr.update()
    now = dt.datetime.now()
    title = conv.get("title") or "政策问答"
    name = re.sub(r"[\\/:*?\"<>|\s\x00-\x1f]+", "_", f"政策问答_{title[:20]}_{now:%Y%m%d-%H%M}").strip("._") or "政策问答"
    path = download_path(f"{name}.{kind}")
    heading = f"政策问答记录：{title}"
    if kind == "docx":
        path.write_bytes(to_docx(heading, turns, now))
    else:
        path.write_text(to_markdown(heading, turns, now), encoding="utf-8")
    return str(path)
