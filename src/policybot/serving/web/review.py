"""The 反馈与未答 tab (admins only): ratings to review — filter, mark resolved, turn into a curated-answer draft,
export as evaluation candidates —, refused questions grouped by what they ask about, and small analytics."""

from __future__ import annotations

import datetime as dt

import gradio as gr
import pandas as pd

from policybot.serving.web.admin import NEED_ADMIN, required
from policybot.serving.web.common import PageContext, download_path, tip, warn
from policybot.workspace.feedback import FeedbackStore
from policybot.workspace.review import QuestionLog, ReviewQueue, analytics, draft_from_feedback, refused_by_focus

FEEDBACK_COLUMNS = ["编号", "时间（UTC）", "评价", "问题", "回答", "说明", "状态"]
GROUP_COLUMNS = ["关注事项", "次数", "地区", "示例问题", "最近一次（UTC）"]
DAY_CHOICES = [7, 30, 90]
_KINDS = {"answered": "已回答", "refused": "未回答", "other": "其他（问候、缺上下文等）"}


def _when(stamp: str) -> str:
    return dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


def feedback_frame(rows: list[dict]) -> pd.DataFrame:
    """The queue as the table shows it (answers cut to a line; the full text is in the detail box)."""
    data = [[r["id"], _when(r["time"]), "👍" if r["rating"] > 0 else "👎", r["question"], r["answer"][:80],
             r["comment"], f"已处理（{r['resolved_by']}）" if r["resolved"] else "未处理"] for r in rows]
    return pd.DataFrame(data, columns=FEEDBACK_COLUMNS)


def groups_frame(groups: list[dict]) -> pd.DataFrame:
    data = [[g["focus"], g["count"], "、".join(g["regions"]) or "—", " / ".join(g["examples"]), _when(g["last"])]
            for g in groups]
    return pd.DataFrame(data, columns=GROUP_COLUMNS)


def daily_frame(data: dict) -> pd.DataFrame:
    """Questions per day, one row per day and kind (long form: the line plot colours by 类别)."""
    rows = [[pd.Timestamp(d["date"]), label, d[kind]] for d in data["days"] for kind, label in _KINDS.items()]
    return pd.DataFrame(rows, columns=["日期", "类别", "问题数"])


def shares_frame(data: dict) -> pd.DataFrame:
    t, r = data["totals"], data["ratings"]
    rows = [["已回答", t["answered_share"]], ["未回答", t["refused_share"]], ["👎（占已评价）", r["down_share"]]]
    return pd.DataFrame([[name, round(100 * share, 1)] for name, share in rows], columns=["指标", "比例（%）"])


def focus_frame(data: dict) -> pd.DataFrame:
    return pd.DataFrame([[f["focus"], f["count"]] for f in data["focuses"]], columns=["关注事项", "提问次数"])


def row_detail(row: dict | None) -> str:
    """The chosen rating in full, as plain text (shown in a text box, never rendered as HTML)."""
    if not row:
        return ""
    cites = "\n".join(f"  [{c.get('n', i + 1)}] {c.get('title', '')} {c.get('section', '')}：{c.get('quote', '')}"
                      for i, c in enumerate(row.get("citations") or []))
    state = f"已处理：{row['resolved_by']}" + (f"（{row['resolved_note']}）" if row["resolved_note"] else "") \
        if row["resolved"] else "未处理"
    return (f"问题：{row['question']}\n评价：{'👍' if row['rating'] > 0 else '👎'}　时间：{_when(row['time'])}（UTC）　{state}\n"
            f"说明：{row['comment'] or '（无）'}\n回答：\n{row['answer']}" + (f"\n引文：\n{cites}" if cites else ""))


def _chosen(rows: list[dict] | None, selected) -> dict | None:
    return next((r for r in rows or [] if r["id"] == selected), None)


class ReviewTab:
    def __init__(self, ctx: PageContext, feedback: FeedbackStore, questions: QuestionLog, queue: ReviewQueue,
                 admin_label):
        self.ctx, self.feedback, self.questions, self.queue, self.admin_label = ctx, feedback, questions, queue, admin_label

    def _admin(self, request, quiet: bool = False) -> str | None:
        return required(self.admin_label, request, quiet)

    def layout(self) -> None:
        self.notice = gr.Markdown(elem_id="review-notice")
        with gr.Row():
            self.only_down = gr.Checkbox(label="仅👎", elem_id="review-down")
            self.unresolved = gr.Checkbox(label="未处理", elem_id="review-open")
            self.start = gr.Textbox(label="开始日期", placeholder="YYYY-MM-DD", elem_id="review-start")
            self.end = gr.Textbox(label="结束日期", placeholder="YYYY-MM-DD", elem_id="review-end")
            self.refresh_btn = gr.Button("刷新", elem_id="review-refresh")
        self.table = gr.Dataframe(headers=FEEDBACK_COLUMNS, interactive=False, wrap=True, elem_id="review-table")
        self.rows, self.selected = gr.State([]), gr.State(None)
        self.detail = gr.Textbox(label="选中的评价", lines=6, interactive=False, elem_id="review-detail")
        with gr.Row():
            self.note = gr.Textbox(label="处理说明（可选）", scale=3, elem_id="review-note")
            self.resolve_btn = gr.Button("标记已处理", variant="primary", elem_id="review-resolve")
            self.to_curated = gr.Button("制作人工审核答案", elem_id="review-to-curated")
        with gr.Row():
            self.export_btn = gr.Button("导出评估候选（👎）", elem_id="review-export")
            self.export_file = gr.File(label="评估候选（JSONL）", interactive=False, elem_id="review-export-file")
        self._stats_layout()

    def _stats_layout(self) -> None:
        gr.Markdown("### 未能回答的问题（按关注事项归并）\n用户在问、知识库还没有的政策：下一步该收录哪些文件。")
        self.days = gr.Radio(DAY_CHOICES, value=30, label="统计最近天数", elem_id="review-days")
        self.groups = gr.Dataframe(headers=GROUP_COLUMNS, interactive=False, wrap=True, elem_id="review-groups")
        with gr.Row():
            self.per_day = gr.LinePlot(x="日期", y="问题数", color="类别", title="每日提问数", y_lim=[0, None],
                                        x_axis_format="%m-%d", elem_id="review-per-day")
            self.shares = gr.BarPlot(x="指标", y="比例（%）", title="回答与👎比例", y_lim=[0, 100], elem_id="review-shares")
        self.focuses = gr.BarPlot(x="关注事项", y="提问次数", title="提问最多的关注事项", sort="-y",
                                  y_lim=[0, None], elem_id="review-focuses")

    # --- handlers -------------------------------------------------------------------------------

    def _list(self, only_down, unresolved, start, end):
        rows = self.queue.queue(self.feedback, bool(only_down), bool(unresolved), start, end)
        return feedback_frame(rows), rows, None, ""

    def refresh(self, only_down, unresolved, start, end, request: gr.Request):
        if self._admin(request) is None:
            return feedback_frame([]), [], None, ""
        try:
            return self._list(only_down, unresolved, start, end)
        except Exception as exc:  # noqa: BLE001 - warn() logs the unexpected, the page shows one line
            warn(exc)
            return gr.update(), gr.update(), gr.update(), gr.update()

    def pick(self, rows, request: gr.Request, evt: gr.SelectData):
        if self._admin(request) is None:
            return None, ""
        row_value = getattr(evt, "row_value", None) or []
        row = _chosen(rows, row_value[0] if row_value else None)  # by id: the table may be sorted on screen
        return (row["id"], row_detail(row)) if row else (None, "")

    def resolve(self, rows, selected, note, only_down, unresolved, start, end, request: gr.Request):
        unchanged = (gr.update(),) * 5
        label = self._admin(request)
        if label is None:
            return unchanged
        row = _chosen(rows, selected)
        if row is None:
            tip("请先在表格中选择一条评价。")
            return unchanged
        try:
            self.queue.resolve(row, label, note or "")
            return (*self._list(only_down, unresolved, start, end), "")
        except Exception as exc:  # noqa: BLE001 - warn() logs the unexpected, the page shows one line
            warn(exc)
            return unchanged

    def export(self, request: gr.Request):
        if self._admin(request) is None:
            return None
        path = download_path(f"评估候选_{dt.datetime.now():%Y%m%d-%H%M}.jsonl")
        try:
            n = self.feedback.export_candidates(path)
        except Exception as exc:  # noqa: BLE001 - warn() logs the unexpected, the page shows one line
            warn(exc)
            return None
        if not n:
            tip("还没有👎评价可导出。")
            return None
        return str(path)

    def _figures(self, days) -> tuple:
        since = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=int(days) - 1)).isoformat()
        data = analytics(self.questions, self.feedback, int(days))
        return groups_frame(refused_by_focus(self.questions, since)), daily_frame(data), shares_frame(data), focus_frame(data)

    def stats(self, days, request: gr.Request):
        if self._admin(request) is None:
            return groups_frame([]), None, None, None
        try:
            return self._figures(days)
        except Exception as exc:  # noqa: BLE001 - warn() logs the unexpected, the page shows one line
            warn(exc)
            return gr.update(), gr.update(), gr.update(), gr.update()

    def on_load(self, request: gr.Request):
        """For ``demo.load``: fills the tab for an admin; anyone else sees only the notice (no toast)."""
        if self._admin(request, quiet=True) is None:
            return f"**{NEED_ADMIN}**", feedback_frame([]), [], None, "", groups_frame([]), None, None, None
        try:
            return "", *self._list(False, False, "", ""), *self._figures(30)
        except Exception as exc:  # noqa: BLE001 - warn() logs the unexpected, the page shows one line
            warn(exc)
            return (gr.update(),) * 9

    def draft(self, rows, selected, request: gr.Request):
        """The chosen rating as a curated-answer draft (None: nothing to send)."""
        if self._admin(request) is None:
            return None
        row = _chosen(rows, selected)
        if row is None:
            tip("请先在表格中选择一条评价。")
            return None
        return draft_from_feedback(row, self.ctx.live.current().index)

    # --- wiring ---------------------------------------------------------------------------------

    @property
    def load_outputs(self) -> list:
        return [self.notice, self.table, self.rows, self.selected, self.detail,
                self.groups, self.per_day, self.shares, self.focuses]

    def wire(self) -> None:
        filters = [self.only_down, self.unresolved, self.start, self.end]
        listed = [self.table, self.rows, self.selected, self.detail]
        for trigger in (self.refresh_btn.click, self.only_down.change, self.unresolved.change, self.start.submit,
                        self.end.submit):
            trigger(self.refresh, filters, listed, api_visibility="private")
        self.table.select(self.pick, [self.rows], [self.selected, self.detail], api_visibility="private")
        self.resolve_btn.click(self.resolve, [self.rows, self.selected, self.note, *filters], [*listed, self.note],
                               api_visibility="private")
        self.export_btn.click(self.export, None, [self.export_file], api_visibility="private")
        figures = [self.groups, self.per_day, self.shares, self.focuses]
        self.days.change(self.stats, [self.days], figures, api_visibility="private")
        self.refresh_btn.click(self.stats, [self.days], figures, api_visibility="private")  # 刷新 refreshes everything

    def connect(self, curated, tabs=None) -> None:
        """「制作人工审核答案」 sends the chosen rating to the curated-answer editor (``web.curated.CuratedTab``)."""
        curated.receive(self.to_curated.click, self.draft, [self.rows, self.selected], tabs)


def build_review_tab(ctx: PageContext, feedback: FeedbackStore, questions: QuestionLog, queue: ReviewQueue,
                     admin_label) -> ReviewTab:
    """Build inside ``with gr.Tab("反馈与未答")``; then ``demo.load(tab.on_load, None, tab.load_outputs)`` and, once
    the curated tab exists, ``tab.connect(curated_tab)``."""
    tab = ReviewTab(ctx, feedback, questions, queue, admin_label)
    tab.layout()
    tab.wire()
    return tab
