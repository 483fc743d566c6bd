"""The measures without an amount under a list of benefits: what the documents applying where the asker is do for a
company like it (``answering/measures.py`` picks them), each quoted and named by the task it belongs to."""

from __future__ import annotations

from policybot.answering.measures import GROWING, further_measures
from policybot.answering.picking import Pick
from policybot.answering.quoting import with_quoted_lines
from policybot.answering.reply import make_citation, region_name, task_label, validity_warnings
from policybot.answering.turn import Turn
from policybot.index.retrieval import expand
from policybot.text.citations import check_answer
from policybot.types import Answer


def with_measures(reply: Answer, turn: Turn, said: str, listed: str | None = None) -> Answer:
    """A list goes on with the measures without an amount that the documents applying where the asker is take for
    companies like it (those for a company still growing — 规下, 小微, not yet a 高企 — first), quoted
    (``answering/measures.py``): most of what a plan does for a company is not money."""
    region, kinds = _growing(turn, listed)
    if not region:
        return reply
    citations, more = _measures(turn, said, list(reply.citations), kinds, region)
    if not more:
        return reply
    return with_quoted_lines(reply, "其他相关措施（原文未载明金额）：", citations, more, turn.bot.index.documents, turn.today)


def measures_only(turn: Turn, said: str) -> Answer | None:
    """"那我们这种规下的还有别的能沾上的吗": a company that said what it is and may claim no item where it is is told so,
    then what the documents do there for companies like it (measures without an amount, quoted); None when none."""
    region, kinds = _growing(turn)
    if not region or turn.asker is None or not turn.asker.said:
        return None
    citations, more = _measures(turn, said, [], kinds, region)
    if not more:
        return None
    head = f"按贵单位所说的情况，适用于{region}的文件中没有找到贵单位现在可以申请的资金扶持条目。其他相关措施（原文未载明金额）："
    text = head + "\n" + "\n".join(more)
    cited = [turn.bot.index.documents[d] for d in dict.fromkeys(c.doc_id for c in citations)]
    answer = Answer(question=turn.reading.asked, found=True, answer=text, citations=citations, direct_answer=text,
                    warnings=validity_warnings(cited, turn.today), outcome="answered")
    return None if check_answer(answer.answer, citations) else answer


def _growing(turn: Turn, listed: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Where the asker is (or the place listed for it), and the words of what the documents do for a company still
    growing when it is one."""
    region = turn.reading.region or listed or (turn.asker.region if turn.asker else "")
    asker = turn.asker
    kinds = GROWING if asker is not None and ("高新技术企业" in asker.lacks or asker.size in ("小微", "规下")) else ()
    return region or "", kinds


_TASK_MAX = 20  # a task heading longer than this is a sentence, not a name


def _measures(turn: Turn, said: str, citations: list, kinds: tuple[str, ...], region: str) -> tuple[list, list[str]]:
    """The measures quoted after ``citations`` (numbered on from them), and their lines."""
    bot = turn.bot
    said = " ".join([said, *expand(said, groups=False)])  # "做芯片设计的": the documents write 集成电路
    found = bot.retriever.search(" ".join([said, *kinds]), k=8, region=region)
    if kinds:  # what the company does ("做大数据安全软件的") is searched on its own too: the growing words outweigh it
        seen = {sc.chunk.chunk_id for sc in found}
        found += [sc for sc in bot.retriever.search(said, k=4, region=region) if sc.chunk.chunk_id not in seen]
    picked = further_measures(found, said, [c.quote for c in citations], kinds, limit=3 if kinds else 2, where=region)
    citations, more = list(citations), []
    for sc, span in picked:
        doc = bot.index.documents[sc.chunk.doc_id]
        citations.append(make_citation(len(citations) + 1, Pick(sc, span[0], span[1], 0.0, 1), doc, turn.today))
        # "9. 推动大数据产业高质量发展": the task a measure belongs to names it, when the quote does not start with it
        task = task_label(doc.section_at(sc.chunk.start + span[0]))
        task = f"{task}：" if task and len(task) <= _TASK_MAX and task not in citations[-1].quote else ""
        more.append(f"· 【{region_name(doc, region)}】{task}{citations[-1].quote}[{citations[-1].n}]")
    return citations, more
