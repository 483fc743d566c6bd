"""The 文件管理 tab: upload, replace and remove documents, watch the build, read what it changed and the audit log.

Shown only when an admin key is configured; its content only to a session signed in with that key (the gate
marks such requests, see :mod:`policybot.serving.web.admin`). Every handler re-checks, so a crafted call changes nothing.
"""

from __future__ import annotations

import html
from pathlib import Path

import gradio as gr
from pydantic import ValidationError

from policybot.errors import PolicybotError
from policybot.serving.web.admin import NEED_ADMIN, admin_label
from policybot.serving.web.common import download_path, tip, warn
from policybot.serving.web.intake import read_upload
from policybot.workspace import UploadMeta
from policybot.workspace.audit import HEADINGS

e = html.escape
LOGIN = ('<div class="pb-notice" id="files-login"><b>文件管理需要管理员密钥。</b> '
         '<a href="/login?next=/%3Ftab%3Dfiles&role=admin">用管理员密钥登录</a>（登录后回到本页的“文件管理”）。</div>')
META = (("title", "标题"), ("issuer", "发文机关"), ("doc_number", "文号"), ("date", "成文日期（YYYY-MM-DD）"),
        ("region", "地区（如 临沧市）"), ("period", "执行期（如 2024-2026）"), ("source_url", "原文链接（https://…）"))
DOC_HEADERS = ["标题", "文件", "文件编号", "发文机关", "执行期", "段落数", "原文链接"]


def status_html(status: dict) -> str:
    """The build in progress (stage, a progress bar, elapsed) or the one serving, then what the last build changed."""
    p = status.get("progress") or {}
    if status["building"]:
        bar = (f'<progress max="{p["total"]}" value="{p["done"]}"></progress> {p["done"]}/{p["total"]}'
               if p.get("total") else "")
        sizes = "，".join(f"{p[k]} {unit}" for k, unit in (("documents", "份文件"), ("chunks", "个段落")) if p.get(k))
        head = (f'<div class="pb-build" role="status" aria-live="polite"><b>正在更新索引：{e(p.get("label", ""))}</b> '
                f'{bar} 已用时 {p.get("elapsed_s", 0)} 秒{"（新索引：" + sizes + "）" if sizes else ""}</div>')
    else:
        head = (f'<div class="pb-build" role="status"><b>索引已就绪</b>：正在使用的版本 {e(status["serving_build_id"] or "—")}，'
                f'{status["documents"]} 份文件，{status["chunks"]} 个段落。</div>')
    if status.get("cancelled") and not status["building"]:
        head += '<div class="pb-notice" role="status">上次更新已取消，仍在使用原来的索引。</div>'
    if status.get("last_error"):
        head += f'<div class="pb-notice pb-error" role="alert">上次更新未完成：{e(status["last_error"])}（仍在使用原来的索引）</div>'
    return head + instructions_html(status.get("instructions") or []) + change_html(status.get("last_change"))


def _flagged(items: list[dict]) -> str:
    return "".join(f'<li>{e(i["file"])} 第 {i["line"]} 行：“{e(i["text"])}”</li>' for i in items[:20]) + \
        (f"<li>……共 {len(items)} 处</li>" if len(items) > 20 else "")


def instructions_html(items: list[dict]) -> str:
    """Sentences of the served documents that speak to the assistant: kept out of answers and the 政策清单."""
    if not items:
        return ""
    return ('<div class="pb-notice pb-error" id="files-instructions" role="alert"><b>以下句子像是写给问答系统的指令'
            '（例如“忽略以上规则”“你现在是……”），已排除在回答和政策清单之外；请核对原文件，必要时替换或删除：</b>'
            f"<ul>{_flagged(items)}</ul></div>")


def change_html(change: dict | None) -> str:
    """What the last build changed, in a clerk's words."""
    if not change:
        return ""
    rows = [("新增文件", change["documents_added"]), ("更新文件", change["documents_updated"]),
            ("移除文件", change["documents_removed"]), ("政策清单新增条目", change["catalogue_added"]),
            ("政策清单移除条目", change["catalogue_removed"]), ("失效的人工审核答案（请复核）", change["curated_stale"])]
    items = "".join(f"<li>{label}（{len(v)}）：{e('；'.join(v[:8]))}{' …' if len(v) > 8 else ''}</li>"
                    for label, v in rows if v)
    skipped = "".join(f"<li>未收录 {e(s['file'])}：{e(s['reason'])}</li>" for s in change.get("skipped", []))
    if change.get("instructions"):
        skipped += f"<li>新发现疑似指令的句子（{len(change['instructions'])}，已排除）：<ul>{_flagged(change['instructions'])}</ul></li>"
    return (f'<div class="pb-change" id="files-change"><b>最近一次更新的变化</b>'
            f'<ul><li>段落：新增 {change["chunks_added"]}，移除 {change["chunks_removed"]}；新计算向量 {change["embedded"]} 个</li>'
            f"{items}{skipped}</ul></div>")


def results_html(results: list[dict]) -> str:
    """One line per file: accepted, or refused with the reason."""
    lines = []
    for r in results:
        if r["status"] == "rejected":
            lines.append(f'<li class="pb-rejected">✗ {e(r["file"])}：{e(r["reason"])}</li>')
        else:
            word = "已删除，正在更新索引" if r["status"] == "removed" else "已接收，正在更新索引"
            lines.append(f'<li class="pb-accepted">✓ {e(r["file"])}：{word}（进度见下方）{_read_back(r.get("metadata"))}</li>')
    return f'<ul class="pb-results" id="files-results" role="status">{"".join(lines)}</ul>'


_FIELDS = (("title", "标题"), ("issuer", "发文机关"), ("doc_number", "文号"), ("issued", "日期"), ("region", "地区"),
           ("period", "执行期"))


def _read_back(meta: dict | None) -> str:
    """What was read from the file, for the clerk to confirm; a missing fact is said, not guessed."""
    if not meta:
        return ""
    facts = "；".join(f"{label}：{e(meta.get(k) or '未识别')}" for k, label in _FIELDS)
    return (f'<div class="pb-meta">识别到 — {facts}。如有误或未识别，请在上方“元数据”中填写正确的值，'
            f"再用“替换”重新上传此文件。</div>")


def doc_rows(bot) -> list[list]:
    docs = sorted(bot.index.documents.values(), key=lambda d: d.display_title)
    counts: dict[str, int] = {}
    for c in bot.index.chunks:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    return [[d.display_title, d.source, d.doc_id, d.issuer or "—", d.period or "未载明", counts.get(d.doc_id, 0),
             d.source_url or "—"] for d in docs]


def audit_rows(workspace, limit: int | None = 200) -> list[list]:
    return workspace.audit.table(limit)


def audit_csv(workspace) -> str:
    """The whole audit log as a clerk reads it: Chinese headings and words, full hashes, oldest first."""
    return workspace.audit.to_csv(chinese=True)


_UNCHANGED = (gr.update(),) * (4 + len(META))


class FilesTab:
    def __init__(self, live, workspace):
        self.live, self.workspace = live, workspace
        self._layout()
        self._wire()

    def _layout(self) -> None:
        self.login = gr.HTML(LOGIN, elem_id="files-gate")
        with gr.Column(visible=False, elem_id="files-panel") as self.panel:
            self._upload_layout()
            self._list_layout()
            gr.Markdown("### 操作记录")
            self.audit = gr.Dataframe(headers=list(HEADINGS), interactive=False, wrap=True, elem_id="files-audit")
            with gr.Row():
                self.audit_csv = gr.Button("导出操作记录（CSV）", elem_id="files-audit-export")
                self.audit_file = gr.File(label="操作记录（CSV）", interactive=False, elem_id="files-audit-file")
        self.seen = gr.State(-1)
        self.timer = gr.Timer(1.0, active=False)

    def _upload_layout(self) -> None:
        gr.Markdown("### 上传文件\n支持 txt、md、html、docx、pdf；每个文件单独检查，有问题的文件不会影响其他文件。")
        self.files = gr.File(label="选择文件（可多选）", file_count="multiple", elem_id="files-upload")
        with gr.Accordion("元数据（可选；留空则从正文识别，适用于本次上传的每个文件）", open=False):
            self.meta = [gr.Textbox(label=label, max_lines=1, elem_id=f"files-meta-{key}") for key, label in META]
        self.upload_btn = gr.Button("上传并更新索引", variant="primary", elem_id="files-upload-btn")
        self.results = gr.HTML(elem_id="files-results-box")
        self.status = gr.HTML(elem_id="files-status")  # next to the button: progress, then what the build changed
        self.cancel_btn = gr.Button("取消正在进行的更新", size="sm", elem_id="files-cancel-btn")

    def _list_layout(self) -> None:
        gr.Markdown("### 已收录的文件")
        self.table = gr.Dataframe(headers=DOC_HEADERS, interactive=False, wrap=True, elem_id="files-table")
        self.chosen = gr.Dropdown(label="选择要替换或删除的文件", choices=[], elem_id="files-chosen")
        self.new_version = gr.File(label="新版本文件（替换时用；上面的元数据同样适用）", file_count="single", elem_id="files-replace-file")
        with gr.Row():
            self.replace_btn = gr.Button("替换所选文件", elem_id="files-replace-btn")
            self.confirm = gr.Checkbox(label="我确认删除所选文件", value=False, elem_id="files-confirm")
            self.delete_btn = gr.Button("删除所选文件", variant="stop", elem_id="files-delete-btn")

    def _wire(self) -> None:
        listing = [self.status, self.table, self.chosen, self.audit, self.seen]
        self.opened = [self.login, self.panel, self.timer, *listing]
        quiet = {"api_visibility": "private", "show_progress": "hidden"}
        self.timer.tick(self.tick, [self.seen], listing, **quiet)
        changed = [self.results, self.status, self.audit]
        self.upload_btn.click(self.upload, [self.files, *self.meta], [*changed, self.files, *self.meta], **quiet)
        self.replace_btn.click(self.replace, [self.chosen, self.new_version, *self.meta],
                               [*changed, self.new_version, *self.meta], **quiet)
        self.delete_btn.click(self.delete, [self.chosen, self.confirm], [*changed, self.confirm], **quiet)
        self.audit_csv.click(self.export_audit, None, self.audit_file, **quiet)
        self.cancel_btn.click(self.cancel, None, [self.status, self.audit], **quiet)

    # --- handlers ----------------------------------------------------------------------------
    def open(self, request: gr.Request):
        """On page load: the panel for an admin session, the sign-in note for anyone else."""
        if admin_label(request) is None:
            return gr.update(visible=True), gr.update(visible=False), gr.Timer(active=False), *([gr.update()] * 5)
        return gr.update(visible=False), gr.update(visible=True), gr.Timer(active=True), *self._listing()

    def _listing(self):
        bot = self.live.current()
        choices = [(f"{d.display_title}（{d.source}）", d.doc_id) for d in bot.index.documents.values()]
        return (status_html(self.workspace.status()), doc_rows(bot), gr.update(choices=choices, value=None),
                audit_rows(self.workspace), self.workspace.runner.finished)

    def tick(self, seen, request: gr.Request):
        if admin_label(request) is None:
            return (gr.update(),) * 5
        status = self.workspace.status()
        if status["building"] or seen == self.workspace.runner.finished:
            return status_html(status), gr.update(), gr.update(), gr.update(), seen
        return self._listing()

    def _checked(self, request: gr.Request, chosen: bool, choose_tip: str, values: tuple):
        """(admin, metadata) when an admin chose what to send and the form's metadata reads; None after saying why."""
        who = admin_label(request)
        if who is None or not chosen:
            tip(NEED_ADMIN if who is None else choose_tip)
            return None
        meta = self._meta(values)
        return None if meta is None else (who, meta)

    def upload(self, paths, title, issuer, number, date, region, period, url, request: gr.Request):
        """Check and store the chosen files (a sync handler: Gradio runs it in a worker thread, not the event loop)."""
        checked = self._checked(request, bool(paths), "请先选择要上传的文件。", (title, issuer, number, date, region, period, url))
        if checked is None:
            return _UNCHANGED
        who, meta = checked
        try:
            files = [(Path(p).name, read_upload(p, self.workspace.settings.max_upload_bytes)) for p in paths]
        except PolicybotError as exc:
            warn(exc)
            return _UNCHANGED
        return self._done(self.workspace.upload(files, meta, who))

    def replace(self, doc_id, path, title, issuer, number, date, region, period, url, request: gr.Request):
        checked = self._checked(request, bool(doc_id and path), "请先选择要替换的文件和新版本。",
                                (title, issuer, number, date, region, period, url))
        if checked is None:
            return _UNCHANGED
        who, meta = checked
        try:
            data = read_upload(path, self.workspace.settings.max_upload_bytes)
            return self._done([self.workspace.replace(doc_id, Path(path).name, data, meta, who)])
        except PolicybotError as exc:
            warn(exc)
            return _UNCHANGED

    def delete(self, doc_id, confirmed, request: gr.Request):
        who = admin_label(request)
        if who is None or not doc_id or not confirmed:
            tip(NEED_ADMIN if who is None else "请先选择文件，并勾选“我确认删除所选文件”。")
            return _UNCHANGED[:4]
        try:
            result = self.workspace.delete(doc_id, who)
        except PolicybotError as exc:
            warn(exc)
            return _UNCHANGED[:4]
        return *self._done([result])[:3], False

    def cancel(self, request: gr.Request):
        """Stop the running build; the build being served stays."""
        who = admin_label(request)
        if who is None:
            tip(NEED_ADMIN)
            return gr.update(), gr.update()
        if not self.workspace.cancel_build(who):
            tip("现在没有正在进行的更新。")
        return status_html(self.workspace.status()), audit_rows(self.workspace)

    def _done(self, results: list[dict]) -> tuple:
        """After a change: each file's line, the build's status, the audit log; the file box and metadata cleared."""
        return (results_html(results), status_html(self.workspace.status()), audit_rows(self.workspace), None,
                *([""] * len(META)))

    def export_audit(self, request: gr.Request):
        if admin_label(request) is None:
            tip(NEED_ADMIN)
            return gr.update()
        out = download_path("操作记录.csv")
        out.write_text(audit_csv(self.workspace), encoding="utf-8")
        return str(out)

    @staticmethod
    def _meta(values):
        try:
            return UploadMeta(**{key: v or "" for (key, _), v in zip(META, values)})
        except ValidationError as exc:
            tip("；".join(err["msg"].removeprefix("Value error, ") for err in exc.errors()))
            return None
