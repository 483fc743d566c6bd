"""The figures a company states of itself ("研发经费投入800万元，比上年有增长", "营收2.1亿（前年1.8亿）"): R&D spending,
revenue, whether each grew on the year before, and the R&D share of revenue."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from policybot.text.amounts import AMOUNT, yuan_of

_CLAUSE = re.compile(r"[^，,。；;！!？?／\n]+")  # as a profile's clauses: "镇康县／规上／…" parts its fields with slashes
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


class Figures(BaseModel):
    model_config = ConfigDict(extra="allow")
    rd_expense_yuan: float | None = Field(None, description="研发经费投入 last year, yuan")
    revenue_yuan: float | None = Field(None, description="营业收入 last year, yuan")
    rd_growth: bool | None = Field(None, description="研发经费投入 grew on the year before")
    revenue_growth: bool | None = Field(None, description="营业收入 grew on the year before")
    rd_ratio: float | None = Field(None, description="研发经费投入 / 营业收入, e.g. 0.03")


# how a company names its R&D spending and its revenue ("研发费用500万元", "年销售收入2亿元")
_RD = r"(?:研发|R&D|研究开发)(?:去年|今年|前年|上年|一年|每年|全年|年度|这块|方面)?(?:经费投入|经费支出|经费|费用|费(?!用)|支出|投入|投了|花了)"
# "研发两千万", "研发比上年是涨的": the bare word, when a figure or a comparison follows it
_RD = (rf"{_RD}|(?:研发|R&D)(?=\s*(?:比|较|同比|也比|[：:]|(?:一年|每年|全年|年均|去年|今年)?\s*(?:大概|大约|约|差不多)?\s*"
       rf"(?:\d|[一二两三四五六七八九十几][^年])|(?:大概|大约|约|差不多)?\s*[投花]))"
       r"|(?:做|搞)(?:点|些|了|一些)?研发")  # "研发一年大概2600万左右"; "自己也做点研发，一年60万左右"
_REVENUE = r"营收|营业收入|主营业务收入|销售收入|销售额"
_HYPOTHETICAL = re.compile(r"要是|如果|假如|若能|能过|预计|争取|目标|计划|打算|力争")
_FELL = re.compile(r"没有增长|未增长|没增长|没(?:有)?(?:涨|增加|提高|上升)|未(?:涨|增加|提高)|持平|没变化?|不变|下降|减少|下滑|(?:比|较)[^，,。；;]{0,4}年[^，,。；;]{0,3}(?<!不)少")
_GREW = re.compile(r"增长|增加|提高|上升|涨|(?:比|较)[^，,。；;]{0,4}年[^，,。；;]{0,3}多")
# "营收2.1亿（前年1.8亿）": this year's figure, the earlier one in brackets after it
_BEFORE_SAID = re.compile(rf"(?P<late>{AMOUNT})\s*[（(]\s*(?:前年|上年|去年|上一年|同期)[为是]?\s*(?P<early>{AMOUNT})\s*[）)]")
_FROM_TO = re.compile(rf"从\s*({AMOUNT})[^，,。；;\d]{{0,4}}?(?:到|至)\s*({AMOUNT})")  # "从700万增到900万"


def stated_figures(texts: list[str]) -> Figures:
    """The figures ``texts`` state (a profile's achievements: "2023年营业收入较上年增长18%")."""
    return figures_in("。".join(texts))


def figures_in(text: str) -> Figures:
    """The figures a company states of itself in ``text``: R&D spending, revenue, their growth, the R&D share."""
    f = Figures()
    m = re.search(rf"(?:研发|R&D)[^，,。；;]{{0,12}}?(?:占[^，,。；;]{{0,8}}?(?:{_REVENUE}|收入)|强度|占比|费用率|投入率)[^，,。；;\d]{{0,6}}(\d+(?:\.\d+)?)\s*%", text)
    if m:
        f.rd_ratio = float(m.group(1)) / 100
    for sentence in _SENTENCE.findall(text):  # "研发经费投入800万元，比上年有增长"
        about: set[str] = set()  # the figures a clause speaks of: its own, else the one the clause before named
        for clause in _CLAUSE.findall(sentence):
            if _HYPOTHETICAL.search(clause):  # "营收要是能过两千万就申请升规": not a figure it has
                continue
            amount = re.search(rf"(?:{_RD})[^，,。；;%]{{0,6}}?({AMOUNT})", clause)
            if amount and f.rd_expense_yuan is None:
                f.rd_expense_yuan = yuan_of(amount.group(1))
            if f.rd_expense_yuan is None and (re.search(rf"(?:没有|无|暂无|还没有?)(?:任何)?(?:{_RD})", clause)
                                              or re.search(rf"(?:{_RD})[：:\s]*(?:为零|是零|为0|0元|没有|无)\s*$", clause)):
                f.rd_expense_yuan = 0  # "我司没有研发投入", "研发费用：无"
            amount = re.search(rf"(?:{_REVENUE})[^，,。；;%]{{0,6}}?({AMOUNT})", clause)
            if amount and f.revenue_yuan is None:
                f.revenue_yuan = yuan_of(amount.group(1))
            alone = re.match(rf"\s*(?:去年|今年|上年|全年|一年|大概|大约|约)*\s*({AMOUNT})", clause)
            if alone and about == {"rd"} and f.rd_expense_yuan is None:  # "有研发投入：有，去年80万"
                f.rd_expense_yuan = yuan_of(alone.group(1))
            share = re.search(rf"^[^，,。；;]{{0,4}}占[^，,。；;\d]{{0,8}}?(?:{_REVENUE}|收入)[^，,。；;\d]{{0,6}}(\d+(?:\.\d+)?)\s*%", clause)
            share = share if about == {"rd"} else None
            if share and f.rd_ratio is None:  # "研发经费2000万元，占销售收入的6%"
                f.rd_ratio = float(share.group(1)) / 100
            named = {"rd"} if share else {k for k, pattern in (("rd", _RD), ("revenue", _REVENUE)) if re.search(pattern, clause)}
            about = ({"rd"} if "rd" in named and "占" in clause else named) or about  # "研发投入占营收6%，比上年增长"
            fell, grew = _FELL.search(clause), _GREW.search(clause)
            span = _FROM_TO.search(clause)
            ends = (span.group(1), span.group(2)) if span else None
            if not span and (span := _BEFORE_SAID.search(clause)):
                ends = (span.group("early"), span.group("late"))
            if span and None not in (low := yuan_of(ends[0]), high := yuan_of(ends[1])):
                fell, grew = (None, span) if high > low else (span, None)
                if about == {"rd"}:  # the figure it has now is the later one
                    f.rd_expense_yuan = high
                elif about == {"revenue"}:
                    f.revenue_yuan = high
            if (grew or fell) and "rd" in about and "占" not in clause:  # a ratio's change is not the spending's
                f.rd_growth = not fell
            if (grew or fell) and "revenue" in about:
                f.revenue_growth = not fell
    if f.rd_growth is None:  # "研发支出：2023年860万元，2022年710万元", "R&D：去年650万，前年480万"
        f.rd_growth = _grew_by_year(text)
    if f.revenue_growth is None:  # "营收3.2亿元，去年2.8亿元"
        f.revenue_growth = _grew_by_year(text, _REVENUE, _OTHER_THAN_REVENUE)
    if f.rd_ratio is None and f.rd_expense_yuan and f.revenue_yuan:
        f.rd_ratio = round(f.rd_expense_yuan / f.revenue_yuan, 4)
    return f


_YEARED = re.compile(rf"(20\d\d\s*年|今年|去年|上年|前年)[^，,。；;\d一二两三四五六七八九十]{{0,4}}?({AMOUNT})")
_YEAR_ORDER = {"今年": 0, "去年": -1, "上年": -1, "前年": -2}
_OTHER_FIGURE = re.compile(r"营业收入|营收|收入|销售额|产值|利润|纳税|税收|员工|人数")


_OTHER_THAN_REVENUE = re.compile(rf"{_RD}|利润|纳税|税收|员工|人数")


def _grew_by_year(text: str, subject: str = _RD, others: re.Pattern = _OTHER_FIGURE) -> bool | None:
    """Whether R&D spending (or the ``subject`` figure) grew, read from two years' figures side by side after its word;
    None when not so given."""
    for sentence in re.split(r"[。\n/]", text):  # a field line may part its years with "；"
        at = re.search(subject, sentence)
        if not at:
            continue
        other = others.search(sentence, at.end())  # up to the next figure of another kind (营收…)
        pairs = []
        # "2024年研发经费投入2360万元，2023年为2105万元": the first year is said before the R&D word
        lead = re.search(r"(20\d\d\s*年|今年|去年|上年|前年)[^，,。；;\d]{0,3}$", sentence[: at.start()])
        first = re.match(rf"[^，,。；;\d]{{0,4}}?({AMOUNT})", sentence[at.end():])
        if lead and first and _YEARED.match(sentence, at.end() + first.start()):
            lead = None  # "2025年入库的研发投入去年260万": the figure carries its own year; the one before is another's
        if lead and first:
            label = lead.group(1).replace(" ", "")
            pairs.append((int(label[:4]) if label[0].isdigit() else 10000 + _YEAR_ORDER[label], yuan_of(first.group(1))))
        for m in _YEARED.finditer(sentence[: other.start() if other else len(sentence)], at.end()):
            label = m.group(1).replace(" ", "")
            order = int(label[:4]) if label[0].isdigit() else 10000 + _YEAR_ORDER[label]
            pairs.append((order, yuan_of(m.group(2))))
        if first and not lead and pairs and all(9990 < o < 10000 for o, _ in pairs):
            pairs.append((10000, yuan_of(first.group(1))))  # "研发费用360w，上年2.9百万": the figure unlabelled is this year's
        kinds = {o > 9000 for o, _ in pairs}  # years as written, or relative ones (今年 10000, 去年 9999)
        if len({o for o, _ in pairs}) >= 2 and len(kinds) == 1 and all(v is not None for _, v in pairs):
            (_, early), (_, late) = sorted(pairs)[0], sorted(pairs)[-1]
            return late > early
    return None
