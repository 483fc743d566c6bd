"""What every tab of the page shares: the serving bot, the filters, error messages in Chinese."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from policybot.answering.reply import coverage_note
from policybot.errors import PolicybotError, StoreError
from policybot.serving import downloads
from policybot.serving.limits import TokenBuckets

log = logging.getLogger("policybot.serving.web")

ALL = "全部"
UNEXPECTED = "抱歉，服务暂时出现问题，请稍后再试（详情已记录在服务器日志中）。"
STORE_DOWN = "向量库暂时无法访问，请稍后再试。"


def tip(message: str) -> None:
    """A warning toast, titled in Chinese (Gradio's default title is English)."""
    gr.Warning(message, title="提示")


def warn(exc: Exception) -> None:
    """Errors reach users as one Chinese line; details go to the server log, never to the page."""
    if isinstance(exc, StoreError):
        log.warning("store: %s", exc)
        tip(STORE_DOWN)
    elif isinstance(exc, PolicybotError):
        tip(str(exc))
    else:
        log.exception("page handler failed")
        tip(UNEXPECTED)


def answering(fn):
    """Marks a page handler that answers a question or a search: the gate counts only these against the asker's
    budget (history, ratings, filters and page loads are free)."""
    fn.policybot_answering = True
    return fn


def download_path(name: str) -> Path:
    """Where a file offered for download is written: a fresh folder each time (names never clash), swept later."""
    return downloads.download_path(name)


def admin_download_path(name: str) -> Path:
    """Where an admin-only export (audit CSV, 👎 export) is written: the gate serves it once, and to an admin only."""
    return downloads.admin_download_path(name)


def filters(region, doc):
    return (None if not region or region == ALL else region), (None if not doc or doc == ALL else doc)


@dataclass
class PageContext:
    """What the tabs are built from: the live bot and the choices the page opens with."""

    live: object  # has current() -> PolicyBot
    regions: list[str]
    doc_choices: list[tuple[str, str]]
    coverage: str
    questions: object | None = None  # review.QuestionLog: every reply is logged for the review queue
    pickers: list = field(default_factory=list)  # (dropdown, "regions" | "docs" | "docs-only"): refreshed on load
    budget: TokenBuckets | None = None  # questions per page session (the gate keeps only the address's budget)

    def over_budget(self, request) -> bool:
        """True, with a Chinese tip saying when to ask again, when this page session has asked too often; the
        question stays in the box and nothing on the page changes."""
        if self.budget is None or request is None:
            return False
        wait = self.budget.take(f"session:{getattr(request, 'session_hash', None) or id(request)}")
        if wait <= 0:
            return False
        tip(f"提问太频繁，请在{max(1, math.ceil(wait))}秒后再试（对话内容和输入框里的问题都保留着）。")
        return True

    def picker(self, dropdown, kind: str):
        """Register a region/document dropdown: its choices follow the serving build at each page load."""
        self.pickers.append((dropdown, kind))
        return dropdown

    def fresh_choices(self) -> list:
        """Updates for every registered dropdown from the build serving now (documents added since start-up)."""
        now = PageContext.of(self.live)
        lists = {"regions": now.regions, "docs": now.doc_choices, "docs-only": now.doc_choices[1:]}
        return [gr.update(choices=lists[kind]) for _, kind in self.pickers]

    @classmethod
    def of(cls, live, questions=None, budget: TokenBuckets | None = None) -> "PageContext":
        bot = live.current()
        docs = sorted(bot.index.documents.values(), key=lambda d: d.display_title)
        regions = [ALL]
        for d in docs:
            for r in d.region[1:] or d.region:
                if r not in regions:
                    regions.append(r)
        return cls(live, regions, [(ALL, ALL)] + [(d.display_title, d.doc_id) for d in docs],
                   "目前知识库收录：" + coverage_note(docs) + "。", questions, budget=budget)
