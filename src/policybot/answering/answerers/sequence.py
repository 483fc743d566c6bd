""""到2025年研发投入占GDP目标是多少？今年2024年呢", "这个计划到哪年截止？企业问的话归区里哪个局管？": questions typed one
after another in one message are answered one after another, as if sent as messages of their own — each later one
reading the earlier ones (and their answers) as the conversation it follows — under one bold line each."""

from __future__ import annotations

from policybot.answering.answerers.base import Answerer
from policybot.answering.answerers.several import merged
from policybot.answering.asks import Part, questions_in
from policybot.answering.docfact_cues import asked_facts
from policybot.answering.procedure import procedure_asked
from policybot.answering.reply import names_what_applies
from policybot.answering.questions import topic_nouns
from policybot.answering.turn import Turn, with_more
from policybot.text.citations import without_markers
from policybot.text.lexical import YEAR
from policybot.text.places import places_in
from policybot.types import Answer

MAX_PARTS = 4  # a message asking more is answered for this many (each is a search of its own), and says so
def answer(turn: Turn) -> Answer | None:
    parts = questions_in(turn.question)
    if not parts or procedure_asked(turn.question):  # "…也有吧？去哪个部门办，依据啥文件？": how to apply, read whole
        return None
    # "这个计划到哪年截止？企业问的话归区里哪个局管？": after a question about the document, one about a rule stands alone
    of_document = bool(asked_facts(parts[0]))
    if not all(_stands_alone(part) or (of_document and not asked_facts(part)) for part in parts[1:]):
        return None  # "有没有算力券？能补多少？": the second asks more of the first's subject — one ask, read whole
    history, replies, shown = list(turn.history or []), [], []
    asked = parts[:MAX_PARTS]
    for part in asked:
        sub = turn.bot.turn(part, history, turn.region, turn.doc_id, turn.asker)
        reply = turn.bot.answer_turn(sub)
        # a part not found: what follows it may read a rule it did not mean — read whole; the last part's "no" is its
        # answer ("呈贡自己有没有出政策？" after its place in the city's plan: none of its own, the city's apply)
        if not reply.found and (part is not asked[-1] or not replies or not names_what_applies(reply)):
            return None
        if any(without_markers(reply.direct_answer) == without_markers(r.direct_answer) for _, r in replies):
            continue  # "…增量的奖励？怎么算": the second asks what the first's answer already says
        replies.append((Part("", part), reply))
        shown = with_more(shown, sub.shown)
        history += [{"role": "user", "content": part}, {"role": "assistant", "content": reply.answer}]
    if len(replies) < 2:
        return None
    result = merged(turn.question, replies)
    if result is not None:
        turn.shown = shown
        if len(parts) > MAX_PARTS:
            result.warnings.append(f"一条消息问了{len(parts)}个问题，只回答了前{MAX_PARTS}个；其余请分开再问")
    return result


def _stands_alone(part: str) -> bool:
    """Does a later question name something of its own (a topic, a year, a place)? One that only asks more of the
    subject before ("有没有X？能补多少？", "需要什么条件？找哪个部门？") is read with it, as one message of several asks."""
    # "企业能直接申请吗？": a manner (直接), not a subject of its own
    return bool(YEAR.search(part) or places_in(part) or any(len(w) >= 2 for w in topic_nouns(part)))


ANSWERER = Answerer("sequence", answer)
