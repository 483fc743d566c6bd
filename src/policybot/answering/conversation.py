"""The conversation around the questions: a greeting gets a welcome that says what is covered; a follow-up
with no conversation before it says the context is gone; a filter that contradicts the question is named.

None of these cite anything, so none may carry a figure that is not document metadata (titles, periods)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from policybot.answering.asker import only_describes
from policybot.answering.reply import coverage_note
from policybot.answering.words import CASE_LOOKUP, COVERAGE_ASKED, is_closing, is_greeting, topic_words
from policybot.text.places import aliases, places_in
from policybot.types import Answer, PolicyDocument

_THANKS = re.compile(r"谢|感谢|thank|辛苦|好的|明白|知道了|收到|ok|再见|拜拜|bye", re.IGNORECASE)

# "那临沧呢？", "这个由哪个部门负责？", "还有吗？": a message that only makes sense after another one
_DANGLING = re.compile(r"^(?:那么?|还有|另外|同样|这个|这项|该项|此项|上述|它|其|这|那)|呢[？?]?$")
_SWAP_ONLY = re.compile(r"^(?:那么?|换成|如果是|要是)[^，,。？?]{1,8}?(?:的话|那边|这边)?(?:呢|怎么样|如何|的呢)[？?]?$")


def dangles(question: str, history: list[dict] | None) -> bool:
    """A follow-up ("那临沧呢？") asked with no earlier user turn to follow: its context is gone."""

    if any(t.get("role") == "user" and str(t.get("content") or "").strip() and not is_greeting(str(t.get("content")))
           and not only_describes(str(t.get("content"))) for t in history or []):
        return False
    q = question.strip()
    if len(q) > 40:
        return False
    return bool(_SWAP_ONLY.match(q)) or (bool(_DANGLING.search(q)) and not topic_words(q))


@dataclass(frozen=True)
class Clash:
    """The filters say one place, the question another: the answer follows the question."""
    chosen: str  # what the filters chose ("临沧市", or a document's title)
    asked: str  # the place the question names
    chosen_place: str | None  # the filters' place, to re-ask the question for it


def coverage_lines(docs: list[PolicyDocument], today: dt.date) -> list[str]:
    """One line per document: region, title, period and whether it has expired (all metadata)."""
    lines = []
    for d in sorted(docs, key=lambda d: (d.region_label or "", d.display_title)):
        period = f"（执行期{d.period}年，{'已过期' if d.expired(today) else '执行期内'}）" if d.period else "（执行期未载明）"
        lines.append(f"{d.region_label or '地区未识别'}：《{d.display_title}》{period}")
    return lines


def expiry_line(docs: list[PolicyDocument], today: dt.date) -> str:
    dated = [d for d in docs if d.period]
    gone = [d for d in dated if d.expired(today)]
    if dated and len(gone) == len(docs):
        return f"截至今天（{today:%Y年%m月%d日}），以上文件的执行期均已结束，申报前请向主管部门确认是否有接续政策。"
    if gone:
        return f"截至今天（{today:%Y年%m月%d日}），其中{len(gone)}份文件的执行期已结束。"
    return ""


# the reply to a request to look up the asker's own case
_CANNOT_LOOK_UP = "我查不到具体企业的申报进度或审批结果，只能依据收录的政策原文回答；进度请向牵头部门或政务服务窗口咨询。"


_COVERAGE_ASKED = re.compile(COVERAGE_ASKED)  # "你这边都能查哪些地方的政策": what is covered is the answer, said first


def welcome(question: str, docs: list[PolicyDocument], today: dt.date, examples: list[str], closing: bool = False
            ) -> Answer:
    """A greeting's reply: what policybot is, what it covers, and questions it can answer; thanks at the end of a
    conversation (``closing``) get the closing line alone — the asker has been told what is covered."""
    ends = bool(_THANKS.search(question)) or is_closing(question)  # "好，我回去跟老板商量下" ends it too
    thanked = re.search(r"谢|感谢|thank|辛苦", question, re.IGNORECASE)  # …but thanks nobody
    head = ("不客气！还有政策问题随时问我。" if thanked else "好的，还有政策问题随时问我。") if ends \
        else _CANNOT_LOOK_UP if re.search(CASE_LOOKUP, question) \
        else f"目前收录的是以下地区的科技创新政策文件：{coverage_note(docs)}。" if _COVERAGE_ASKED.search(question) \
        else "您好！我是科技政策问答助手。"
    if closing and ends:
        return Answer(question=question, found=False, answer=head, citations=[], warnings=[], direct_answer=head,
                      outcome="welcome")
    body = ("我只依据收录的政策原文回答，金额、条件和牵头部门都会逐条注明出处。目前收录的文件：\n"
            + "\n".join("· " + line for line in coverage_lines(docs, today)))
    expiry = expiry_line(docs, today)
    tail = ("\n可以这样问：\n" + "\n".join(f"· {q}" for q in examples)) if examples else ""
    text = head + body + ("\n" + expiry if expiry else "") + tail
    return Answer(question=question, found=False, answer=text, citations=[], warnings=[], direct_answer=head,
                  outcome="welcome", suggestions=list(examples))


def noted(question: str, label: str) -> Answer:
    """The asker said who it is and asked nothing: say what later answers will assume, and what to ask next."""
    examples = ["我们能申请哪些补贴？", "研发投入能补多少？", "高企认定有什么奖励？"]
    head = f"好的，已记下贵单位的情况：{label}。" if label else "好的。"
    text = head + "之后的回答会按这个情况，只列出适用于贵单位所在地的政策（可随时在对话上方清除）。请问想了解哪方面？例如（页面上可直接点下方的示例提问）：\n" + \
        "\n".join(f"· {q}" for q in examples)
    return Answer(question=question, found=False, answer=text, citations=[], warnings=[], direct_answer=head,
                  outcome="welcome", suggestions=examples)


def context_lost(question: str, docs: list[PolicyDocument], examples: list[str]) -> Answer:
    """A follow-up with nothing before it: say so, and how to ask it whole."""
    places = places_in(question)
    where = f"（例如“{places[0]}……补助多少？”）" if places else ""
    text = (f"“{question.strip()}”像是接着上一个问题问的，但这里没有上一个问题：页面刷新、清空对话或新开对话后，"
            f"之前的内容不会带入。请把问题说完整{where}，说明地区和扶持事项，我再据原文回答。")
    return Answer(question=question, found=False, answer=text, citations=[], warnings=[],
                  direct_answer="没有可接续的上一个问题。", outcome="context_lost", suggestions=list(examples[:3]))


def clash_notice(clash: Clash, instead: str | None) -> str:
    line = f"您选择的筛选条件是{clash.chosen}，但问题问的是{clash.asked}，以下按问题中的{clash.asked}回答"
    if instead:
        line += f"；如要{clash.chosen_place}的规定，可以改问：“{instead}”"
    return line + "。"


def for_place(question: str, place: str, asked: str = "") -> str:
    """The question asked for ``place`` instead of the places it names (``asked``: one the corpus does not cover)."""
    if asked and asked in question and not places_in(asked):
        return re.sub(re.escape(asked) + "[省市区县]?", place, question, count=1)
    out = question
    for named in places_in(question):
        for alias in aliases(named):
            if alias in out:
                out = out.replace(alias, place, 1)
                break
    return out if out != question else place + question


_PLAIN_NAME = re.compile(r"^[\u4e00-\u9fff]{4,14}$")
_NOT_A_NAME = ("按", "对", "在", "上述", "经", "认定", "获得", "给予", "其", "该", "每", "首次")
_CLAUSE = re.compile(r"[后的时及或、]")  # "到期后重新认定企业" is a condition, not a name to ask about


def _entity(beneficiary: str) -> str:
    """The entity a beneficiary names, without its qualifier ("新认定的国家级科技企业孵化器" → 国家级科技企业孵化器);
    empty when it is a condition rather than a name."""
    name = beneficiary.rsplit("的", 1)[-1]
    if _PLAIN_NAME.match(name) and not name.startswith(_NOT_A_NAME) and not _CLAUSE.search(name):
        return name
    return ""


def example_questions(items, ask, n: int = 3) -> list[str]:
    """Up to ``n`` questions about the catalogue's benefits, one region at a time, that ``ask`` (question →
    Answer) answers from the text: what the page offers as examples for any corpus."""
    by_region: dict[str, list] = {}
    for it in items:
        name = _entity(it.beneficiary)
        if it.amount_max_yuan and not it.tier and name:
            by_region.setdefault(it.region[-1] if it.region else "", []).append((it, name))
    queues = [by_region[r] for r in sorted(by_region)]
    out: list[str] = []
    tried = 0
    while len(out) < n and any(queues) and tried < 4 * n:
        for queue in queues:
            if not queue or len(out) >= n:
                continue
            it, name = queue.pop(0)
            question = f"{it.region[-1] if it.region else ''}对{name}有什么支持？"
            tried += 1
            if question not in out and (a := ask(question)).found and a.outcome == "answered":
                out.append(question)
    return out
