"""A question in another language ("What R&D subsidies can a high-tech company in Kunming get?"): the documents are
Chinese and so is every match the assistant makes, so it asks for the question in Chinese instead of searching."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.reply import refusal
from policybot.answering.turn import Turn
from policybot.types import Answer

_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z]{2,}")

ASK_IN_CHINESE = ("本助手检索的是中文政策文件，请用中文提问，例如：“昆明市高新技术企业研发投入能补多少？”"
                  "（Please ask in Chinese.）没有依据的数字本助手不会给出。")


def is_foreign_language(question: str) -> bool:
    """No Chinese character and at least three words of another script: nothing in it can match the documents."""
    return not _CJK.search(question) and len(_WORD.findall(question)) >= 3


def answer(turn: Turn) -> Answer | None:
    if not is_foreign_language(turn.question):
        return None
    return refusal(turn.question, "（问题不是中文）", turn.documents, ASK_IN_CHINESE)


ANSWERER = Answerer("language", answer)
