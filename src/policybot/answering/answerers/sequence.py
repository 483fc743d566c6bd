""""到2025年研发投入占GDP目标是多少？今年2024年呢", "这个计划到哪年截止？企业问的话归区里哪个局管？": questions typed one
after another in one message are answered one after another, as if sent as messages of their own — each later one
reading the earlier ones (and their answers) as the conversation it follows — under one bold line each."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.answerers.several import merged
from policybot.answering.asks import Part
from policybot.answering.procedure import procedure_asked
from policybot.answering.turn import Turn
from policybot.answering.words import topic_words
from policybot.text.lexical import YEAR
from policybot.text.places import places_in
from policybot.types import Answer

MAX_PARTS = 4
# a last part typed without its mark still asks ("…多少？今年2024年呢")
_ASKS = re.compile(r"[呢吗吧么]\s*[。！!]?$|多少|几|哪|什么|啥|谁|怎么|如何|是否|能不能|有没有")  # more question marks than this: one message, read whole
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a first part that only greets or checks someone is there ("在吗？", "你好？") asks nothing of its own
_HAIL = re.compile(r"^(?:您好|你好|在吗|在不在|有人吗|请问|hello|hi)[呀啊吗么！!，,。？?\s]*$", re.IGNORECASE)


def questions_in(message: str) -> list[str]:
    """The questions of a message that asks two or more, each ended by its question mark (words after the last mark
    go with it); [] for a message that asks one thing, or whose parts are too short to stand alone."""
    pieces = [p.strip() for p in re.split(r"(?<=[？?])", message.strip()) if p.strip()]
    if len(pieces) > 1 and not re.search(r"[？?]$", pieces[-1]) and not _ASKS.search(pieces[-1]):
        pieces[-2:] = [pieces[-2] + pieces[-1]]  # "…多少？我们是规上企业": words after the last mark say, not ask
    if not 2 <= len(pieces) <= MAX_PARTS or _HAIL.match(pieces[0]):
        return []
    if len(_CJK.findall(pieces[0])) < 4 or any(len(_CJK.findall(p)) < 2 for p in pieces[1:]):
        return []
    return pieces


def answer(turn: Turn) -> Answer | None:
    parts = questions_in(turn.question)
    if not parts or procedure_asked(turn.question):  # "…也有吧？去哪个部门办，依据啥文件？": how to apply, read whole
        return None
    if not all(_stands_alone(part) for part in parts[1:]):
        return None  # "有没有算力券？能补多少？": the second asks more of the first's subject — one ask, read whole
    history, replies, shown = list(turn.history or []), [], []
    for part in parts:
        sub = turn.bot.turn(part, history, turn.region, turn.doc_id, turn.asker)
        reply = turn.bot.answer_turn(sub)
        if not reply.found:  # a part not found: what follows it may read a rule it did not mean — read whole
            return None
        if any(_bare(reply.direct_answer) == _bare(r.direct_answer) for _, r in replies):
            continue  # "…增量的奖励？怎么算": the second asks what the first's answer already says
        replies.append((Part("", part), reply))
        shown += [sc for sc in sub.shown if all(sc.chunk.chunk_id != s.chunk.chunk_id for s in shown)]
        history += [{"role": "user", "content": part}, {"role": "assistant", "content": reply.answer}]
    if len(replies) < 2:
        return None
    result = merged(turn.question, replies)
    if result is not None:
        turn.shown = shown
    return result


def _stands_alone(part: str) -> bool:
    """Does a later question name something of its own (a topic, a year, a place)? One that only asks more of the
    subject before ("有没有X？能补多少？", "需要什么条件？找哪个部门？") is read with it, as one message of several asks."""
    return bool(YEAR.search(part) or places_in(part) or any(len(w) >= 2 for w in topic_words(part)))


def _bare(line: str) -> str:
    return re.sub(r"\[\d+\]", "", line or "").strip()


ANSWERER = Answerer("sequence", answer)
