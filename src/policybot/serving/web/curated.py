"""The 人工审核答案 tab (admins only): an editor — the question, the direct line, the quotes kept (chosen from the
candidate passages, never typed), a note — and the list of curated answers: edit, disable/enable, delete,
export and import as JSONL. Other tabs send a draft to the editor through :attr:`CuratedTab.inbox`."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import gradio as gr
import pandas as pd

from policybot.answering.curated import Curated, CuratedStore
from policybot.errors import PolicybotError
from policybot.serving.web.admin import NEED_ADMIN, required
from policybot.serving.web.common import PageContext, download_path, log, tip, warn
from policybot.serving.web.intake import read_upload
from policybot.workspace.review import located

CURATED_COLUMNS = ["编号", "问题", "直接回答", "作者", "更新时间", "状态", "失效原因"]
_KEPT = ("doc_id", "chunk_id", "quote")  # what a curated answer stores of a quote
MAX_IMPORT_BYTES = 2 * 1024 * 1024  # a JSONL of curated answers: thousands fit
_DRAFT_WIDTH = 7  # question, direct, quotes, note, candidates, editing, status: see CuratedTab.draft_outputs


def curated_frame(items: list[Curated]) -> pd.DataFrame:
    data = [[c.id, c.question, c.direct, c.author or "—", c.updated.replace("T", " ")[:16], "启用" if c.enabled else "停用",
             c.stale or ""] for c in items]
    return pd.DataFrame(data, columns=CURATED_COLUMNS)


def candidate_quotes(draft: dict, index) -> list[dict]:
    """The draft's quotes ("citations" of an answer or a rating, or a curated item's "quotes") with their
    doc_id and chunk_id in this build (a rating stores no doc_id; a re-chunked quote is followed)."""
    out = []
    for c in draft.get("citations") or draft.get("quotes") or []:
        if not c.get("quote"):
            continue
        q = {k: c.get(k) or "" for k in _KEPT}
        q.update(located(q, index))
        q["label"] = c.get("title") or ""
        if all(o["quote"] != q["quote"] for o in out):
            out.append(q)
    return out


def quote_choices(quotes: list[dict], index) -> list[tuple[str, str]]:
    """CheckboxGroup choices: "title section：quote" (verbatim) → its position among the candidates."""
    choices = []
    for i, q in enumerate(quotes):
        n = index.by_id.get(q["chunk_id"])
        where = f"{index.chunks[n].title} {' '.join(index.chunks[n].section)}" if n is not None else q.get("label") or "（原文已不在当前知识库）"
        choices.append((f"{where}：“{q['quote']}”", str(i)))
    return choices


_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")


def more_quotes(bot, query: str, candidates: list[dict], k: int = 3, most: int = 12) -> list[dict]:
    """Sentences (verbatim slices) of the passages ``query`` finds, for a quote the answer did not cite."""
    have = {c["quote"] for c in candidates}
    found = []
    for sc in bot.search(query, k=k):
        for m in _SENTENCE.finditer(sc.chunk.text):
            text = m.group(0).strip()
            if sc.chunk.is_instruction(m.start(), m.end()):  # planted text is never offered as a quote
                continue
            if len(text) >= 6 and text not in have and text in sc.chunk.text:
                have.add(text)
                found.append({"doc_id": sc.chunk.doc_id, "chunk_id": sc.chunk.chunk_id, "quote": text, "label": sc.chunk.title})
    return found[:most]


def chosen_quotes(candidates: list[dict], chosen: list[str] | None) -> list[dict]:
    return [{k: candidates[int(i)][k] for k in _KEPT} for i in chosen or [] if 0 <= int(i) < len(candidates)]


def edited(question: str, direct: str, quotes: list[dict], note: str, author: str, old: Curated | None) -> Curated:
    """The item to save: a new one, or ``old`` changed (it keeps its enabled state; saving re-approves it, so
    ``created`` is now and the expiry rule counts from this save)."""
    return Curated(question=(question or "").strip(), direct=(direct or "").strip(), quotes=quotes,
                   note=(note or "").strip(), author=author, enabled=old.enabled if old else True)


class CuratedTab:
    def __init__(self, ctx: PageContext, admin_label, workspace=None):
        self.ctx, self.admin_label, self.workspace = ctx, admin_label, workspace
        self._store: CuratedStore | None = None

    @property
    def store(self) -> CuratedStore:
        """The workspace's store (shared with the API), opened on first use; the tab's own without a workspace."""
        if self.workspace is not None:
            return self.workspace.curated
        if self._store is None:
            self._store = CuratedStore(self.ctx.live.current().settings.data_dir / "curated.sqlite")
        return self._store

    def _admin(self, request, quiet: bool = False) -> str | None:
        return required(self.admin_label, request, quiet)

    def layout(self) -> None:
        self.notice = gr.Markdown(elem_id="curated-notice")
        self.inbox, self.candidates, self.editing = gr.State(None), gr.State([]), gr.State(None)
        self.question = gr.Textbox(label="问题", elem_id="curated-question")
        self.direct = gr.Textbox(label="直接回答（只能写所选引文中有的数字）", lines=2, elem_id="curated-direct")
        self.quotes = gr.CheckboxGroup([], label="保留的原文引文（从候选中勾选，不能手写）", elem_id="curated-quotes")
        with gr.Row():
            self.search = gr.Textbox(label="从知识库查找更多原文（回答未引用的条款）", placeholder="例如：创新券 申报时间",
                                     scale=4, elem_id="curated-search")
            self.search_btn = gr.Button("查找原文", scale=1, elem_id="curated-search-btn")
        self.note = gr.Textbox(label="备注（仅工作人员可见，可选）", elem_id="curated-note")
        with gr.Row():
            self.save_btn = gr.Button("保存", variant="primary", elem_id="curated-save")
            self.clear_btn = gr.Button("清空编辑区", elem_id="curated-clear")
        self.status = gr.Textbox(label="结果", interactive=False, elem_id="curated-status")
        self._list_layout()

    def _list_layout(self) -> None:
        gr.Markdown("### 已保存的人工审核答案")
        self.table = gr.Dataframe(headers=CURATED_COLUMNS, interactive=False, wrap=True, elem_id="curated-table")
        self.selected = gr.State(None)
        with gr.Row():
            self.edit_btn = gr.Button("编辑", elem_id="curated-edit")
            self.disable_btn = gr.Button("停用", elem_id="curated-disable")
            self.enable_btn = gr.Button("启用", elem_id="curated-enable")
            self.delete_btn = gr.Button("删除", variant="stop", elem_id="curated-delete")
        with gr.Row():
            self.export_btn = gr.Button("导出 JSONL", elem_id="curated-export")
            self.import_btn = gr.UploadButton("导入 JSONL", file_types=[".jsonl"], type="filepath", elem_id="curated-import")
            self.export_file = gr.File(label="导出文件", interactive=False, elem_id="curated-export-file")

    # --- the editor -----------------------------------------------------------------------------

    @property
    def draft_outputs(self) -> list:
        return [self.question, self.direct, self.quotes, self.note, self.candidates, self.editing, self.status]

    def _fill(self, draft: dict, editing: str | None, message: str) -> tuple:
        index = self.ctx.live.current().index
        candidates = candidate_quotes(draft, index)
        choices = quote_choices(candidates, index)
        return (draft.get("question", ""), draft.get("direct", ""), gr.update(choices=choices, value=[v for _, v in choices]),
                draft.get("note", ""), candidates, editing, message)

    def load_draft(self, draft, request: gr.Request):
        """A draft {"question", "direct", "citations": [{doc_id?, chunk_id, quote, title?}]} into the editor, every
        quote ticked; None (the sender refused or had nothing) changes nothing."""
        if not draft or self._admin(request) is None:
            return (gr.update(),) * _DRAFT_WIDTH
        return self._fill(draft, None, "已载入草稿：修改直接回答、勾选要保留的引文后保存。")

    def clear(self):
        return "", "", gr.update(choices=[], value=[]), "", [], None, ""

    def save(self, question, direct, chosen, note, candidates, editing, request: gr.Request):
        label = self._admin(request)
        if label is None:
            return gr.update(), gr.update(), gr.update()
        try:
            bot = self.ctx.live.current()
            old = self.store.get(editing) if editing else None
            item = self.store.add(edited(question, direct, chosen_quotes(candidates, chosen), note, label, old), bot.index)
            if old is not None and old.id != item.id:  # question or quotes changed: the edit replaces the old one
                self.store.delete(old.id)
            self._refresh(bot)
        except Exception as exc:  # noqa: BLE001 - warn() names a PolicybotError, logs anything else
            warn(exc)
            return gr.update(), gr.update(), gr.update()
        return f"已保存：{item.question}", item.id, self._table()

    # --- the list -------------------------------------------------------------------------------

    def _table(self) -> pd.DataFrame:
        bot = self.ctx.live.current()
        return curated_frame(self.store.revalidate(bot.index, bot.today()))

    @staticmethod
    def _refresh(bot) -> None:
        """The serving bot picks the change up without a rebuild (when it can); the change itself is kept
        even when the refresh fails, and the clerk is told."""
        if not hasattr(bot, "refresh_curated"):
            return
        try:
            bot.refresh_curated()
        except Exception:  # noqa: BLE001 - the edit is saved; only serving it waits for the next load
            log.exception("refresh_curated failed")
            tip("已保存，但正在服务的问答未能载入这次修改（详情见服务器日志），重启或重建索引后生效。")

    def pick(self, request: gr.Request, evt: gr.SelectData):
        if self._admin(request) is None:
            return None
        row_value = getattr(evt, "row_value", None) or []
        return row_value[0] if row_value else None  # by id: the table may be sorted on screen

    def edit(self, selected, request: gr.Request):
        unchanged = (gr.update(),) * _DRAFT_WIDTH
        if self._admin(request) is None:
            return unchanged
        if not selected:
            tip("请先在列表中选择一条。")
            return unchanged
        try:
            item = self.store.get(selected)
        except PolicybotError as exc:
            warn(exc)
            return unchanged
        draft = {"question": item.question, "direct": item.direct, "quotes": item.quotes, "note": item.note}
        return self._fill(draft, item.id, "正在编辑：保存后替换原条目。")

    def _change(self, selected, request, action, done: str):
        if self._admin(request) is None:
            return gr.update(), gr.update()
        if not selected:
            tip("请先在列表中选择一条。")
            return gr.update(), gr.update()
        try:
            action(selected)
            self._refresh(self.ctx.live.current())
        except Exception as exc:  # noqa: BLE001 - warn() names a PolicybotError, logs anything else
            warn(exc)
            return gr.update(), gr.update()
        return self._table(), done

    def disable(self, selected, request: gr.Request):
        return self._change(selected, request, lambda i: self.store.set_enabled(i, False), "已停用。")

    def enable(self, selected, request: gr.Request):
        return self._change(selected, request, lambda i: self.store.set_enabled(i, True), "已启用。")

    def delete(self, selected, request: gr.Request):
        return self._change(selected, request, self.store.delete, "已删除。")

    def export(self, request: gr.Request):
        if self._admin(request) is None:
            return None
        path = download_path(f"人工审核答案_{dt.datetime.now():%Y%m%d-%H%M}.jsonl")
        if not self.store.export_jsonl(path):
            tip("还没有人工审核答案可导出。")
            return None
        return str(path)

    def upload(self, path, request: gr.Request):
        """Import a JSONL file (a sync handler: read and checked in a worker thread, never in the event loop)."""
        if self._admin(request) is None or not path:
            return gr.update(), gr.update()
        try:
            data = read_upload(path, MAX_IMPORT_BYTES)
            if len(data) > MAX_IMPORT_BYTES:
                tip(f"导入文件超过 {MAX_IMPORT_BYTES // 1048576} MB 的上限。")
                return gr.update(), gr.update()
            bot = self.ctx.live.current()
            with tempfile.TemporaryDirectory(prefix="policybot-import-") as tmp:
                (Path(tmp) / "import.jsonl").write_bytes(data)
                added, problems = self.store.import_jsonl(Path(tmp) / "import.jsonl", bot.index)
            self._refresh(bot)
        except PolicybotError as exc:
            warn(exc)
            return gr.update(), gr.update()
        except (OSError, UnicodeDecodeError) as exc:
            tip(f"无法读取上传的文件：{type(exc).__name__}")
            return gr.update(), gr.update()
        return self._table(), "\n".join([f"导入 {added} 条。", *problems])

    def on_load(self, request: gr.Request):
        """For ``demo.load``: the list for an admin; anyone else sees only the notice (no toast)."""
        if self._admin(request, quiet=True) is None:
            return f"**{NEED_ADMIN}**", curated_frame([])
        try:
            return "", self._table()
        except Exception as exc:  # noqa: BLE001 - warn() logs the unexpected, the page shows one line
            warn(exc)
            return "", curated_frame([])

    @property
    def load_outputs(self) -> list:
        return [self.notice, self.table]

    def find_more(self, query, candidates, chosen, request: gr.Request):
        """Add sentences of the passages a search finds to the candidates; what is ticked stays ticked."""
        if self._admin(request) is None or not (query or "").strip():
            return gr.update(), gr.update()
        try:
            bot = self.ctx.live.current()
            candidates = list(candidates or []) + more_quotes(bot, query.strip(), candidates or [])
        except Exception as exc:  # noqa: BLE001 - warn() names a PolicybotError, logs anything else
            warn(exc)
            return gr.update(), gr.update()
        return gr.update(choices=quote_choices(candidates, bot.index), value=chosen or []), candidates

    def wire(self) -> None:
        private = {"api_visibility": "private"}
        for trigger in (self.search_btn.click, self.search.submit):
            trigger(self.find_more, [self.search, self.candidates, self.quotes], [self.quotes, self.candidates], **private)
        self.save_btn.click(self.save, [self.question, self.direct, self.quotes, self.note, self.candidates, self.editing],
                            [self.status, self.editing, self.table], **private)
        self.clear_btn.click(self.clear, None, self.draft_outputs, **private)
        self.table.select(self.pick, None, [self.selected], **private)
        self.edit_btn.click(self.edit, [self.selected], self.draft_outputs, **private)
        for button, handler in ((self.disable_btn, self.disable), (self.enable_btn, self.enable), (self.delete_btn, self.delete)):
            button.click(handler, [self.selected], [self.table, self.status], **private)
        self.export_btn.click(self.export, None, [self.export_file], **private)
        self.import_btn.upload(self.upload, [self.import_btn], [self.table, self.status], **private)

    def receive(self, trigger, fn, inputs, tabs=None) -> None:
        """Wire another tab's event to send a draft here: ``fn(*inputs)`` returns the draft (or None); with ``tabs``
        the page then shows this tab (id "curated") when a draft arrived."""
        sent = trigger(fn, inputs, [self.inbox], api_visibility="private").then(
            self.load_draft, [self.inbox], self.draft_outputs, api_visibility="private")
        if tabs is not None:
            sent.then(lambda draft: gr.Tabs(selected="curated") if draft else gr.update(), [self.inbox], tabs,
                      api_visibility="private")


def build_curated_tab(ctx: PageContext, admin_label, workspace=None) -> CuratedTab:
    """Build inside ``with gr.Tab("人工审核答案")``; then ``demo.load(tab.on_load, None, tab.load_outputs)``."""
    tab = CuratedTab(ctx, admin_label, workspace)
    tab.layout()
    tab.wire()
    return tab
