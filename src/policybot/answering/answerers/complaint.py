""""搞半天啥具体数都没有，你这机器人有啥用", "你们这破系统，问半天没个准话": the asker is unhappy and asks nothing of the
documents. Answered honestly — what the assistant does and does not do, and how to get further — never with a passage
matched on its words ("建设机器人集团贵阳产业园") nor a refusal naming them ("没有关于“系统”的规定")."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.turn import Turn
from policybot.types import Answer

_UNHAPPY = re.compile(r"(?:机器人|系统|助手|软件|东西|玩意儿?|你们?这个?)[^，,。？?！!]{0,6}(?:有啥用|有什么用|没用|不行|不靠谱|靠不靠谱|好烂|太烂)"
                      r"|破系统|破机器人|问(?:了)?半天|搞(?:了)?半天|白问|没个准话?|答非所问|一问三不知|啥也(?:不知道|没有)")
# venting at how hard it is to get an answer ("上回打电话问科技局半天没人接，烦死了"): small talk only when nothing is asked
_VENTS = re.compile(r"烦死了?|气死了?|急死了?|太麻烦了|真麻烦|没人接|没人理|没人回|打不通|无语|郁闷|头大")
_ANY_ASK = re.compile(r"[？?]|吗|呢|么|能不能|可不可以|是不是")
# a real ask left after the complaint ("…我到底该找谁？", "…补多少？"): the ladder answers it
_ASKS = re.compile(r"找谁|哪个部门|谁管|多少|几[个家项月]|哪|什么时候|怎么申请|如何申请|材料|条件|能不能|可以申请|有没有(?!用)")
REPLY = ("抱歉没能帮上忙。本助手只依据收录的政策原文回答：原文写明的金额、比例、条件和牵头部门会逐字引用并注明出处；"
         "原文没有写明的（例如申报材料、截止时间、没有写出的金额），不会替文件编造。"
         "可以告诉我贵单位所在的地区和想了解的具体事项（例如“官渡区规上企业研发投入能补多少”），"
         "或向回答中列出的牵头部门咨询具体办理事宜。")


def answer(turn: Turn) -> Answer | None:
    q = turn.question
    m = _UNHAPPY.search(q) or (None if _ANY_ASK.search(q) else _VENTS.search(q))
    if not m or len(q) > 60 or _ASKS.search(q[: m.start()] + q[m.end():]):
        return None
    return Answer(question=q, found=False, answer=REPLY, citations=[], warnings=[], direct_answer=REPLY.split("。")[0] + "。",
                  outcome="welcome")


ANSWERER = Answerer("complaint", answer)
