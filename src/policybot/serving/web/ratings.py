"""Per-answer ratings in the chat: 👍/👎 under each answer (Gradio's ``Chatbot.like``), changeable, counted once
per answer (the store keeps every row, the latest counts; un-clicking withdraws), with an optional comment."""

from __future__ import annotations

import gradio as gr

from policybot.errors import PolicybotError, StorageError
from policybot.serving.web import history as hist
from policybot.serving.web.common import tip, warn
from policybot.serving.web.saved import owner_of
from policybot.workspace.feedback import FeedbackStore


class Ratings:
    def __init__(self, feedback: FeedbackStore):
        self.feedback = feedback

    def layout(self) -> None:
        self.status = gr.Markdown(elem_id="fb-status")  # above the comment row it invites
        with gr.Row(visible=False, elem_id="fb-row") as self.row:
            self.comment = gr.Textbox(label="补充说明", placeholder="可选：补充说明（例如哪里不对、缺了什么）", show_label=False, scale=4,
                                      elem_id="fb-comment", max_lines=3)
            self.submit = gr.Button("提交说明", scale=1, elem_id="fb-submit")
        self.rated = gr.State(None)  # {"turn", "rating"}: the answer a comment is about

    def hidden(self) -> list:
        """What a new question, a cleared or reopened conversation resets."""
        return [self.row, self.status, self.rated]

    @staticmethod
    def reset() -> tuple:
        return gr.update(visible=False), "", None

    def wire(self, chatbot, conv, owner, saved) -> None:
        self.saved = saved
        chatbot.like(self.on_like, [conv, owner], [conv, self.row, self.status, self.rated], api_visibility="private")
        self.submit.click(self.on_comment, [self.comment, self.rated, conv], [self.comment, self.status, self.row],
                          api_visibility="private")

    def on_like(self, conv, owner_state, data: gr.LikeData):
        index = data.index if isinstance(data.index, int) else data.index[0]
        turn = hist.hidden(conv) + index // 2  # the chat shows the latest turns only
        turns = (conv or {}).get("turns", [])
        if turn >= len(turns):
            tip("回答完成后再评价。")
            return gr.update(), gr.update(), gr.update(), gr.update()
        rating = 1 if data.liked is True else -1 if data.liked is False else 0
        status = self._store(turns[turn], rating, "")
        conv = hist.rate(conv, turn, rating)
        if owner := owner_of(owner_state):
            conv = self.saved.save(owner, conv)
        said = {1: "👍", -1: "👎"}.get(rating)
        text = f"已记录对第{turn + 1}个回答的评价 {said}。{status}可以补充说明：" if said else f"已撤回对第{turn + 1}个回答的评价。{status}"
        return (conv, gr.update(visible=bool(said)), text, {"turn": turn, "rating": rating} if said else None)

    def on_comment(self, comment, rated, conv):
        turns = (conv or {}).get("turns", [])
        if not rated or rated["turn"] >= len(turns):
            tip("请先点回答下方的 👍 或 👎，再补充说明。")
            return gr.update(), gr.update(), gr.update()
        if not (comment or "").strip():
            tip("说明是空的。")
            return gr.update(), gr.update(), gr.update()
        status = self._store(turns[rated["turn"]], rated["rating"], comment)
        return "", f"已记录说明，谢谢！{status}", gr.update(visible=False)

    def _store(self, turn: dict, rating: int, comment: str) -> str:
        """Write the rating; a database that refuses it is said in the status line (kept in memory)."""
        answer = turn["answer"]
        cites = [{k: c.get(k) for k in ("n", "title", "section", "quote", "chunk_id")} for c in answer.get("citations", [])]
        try:
            if rating:
                self.feedback.add(rating, turn["question"], answer.get("answer", ""), bool(answer.get("found")), cites,
                                  comment, answer_key=turn["key"])
            else:
                self.feedback.withdraw(turn["key"])
        except (StorageError, PolicybotError) as exc:
            warn(exc)
            return "（反馈未保存到数据库，已暂存在内存中）" if self.feedback.unsaved else "（反馈未保存）"
        return ""
