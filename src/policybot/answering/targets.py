"""Which sentence states the target asked for, across a document's evidence.

A plan states its targets twice over: a 发展目标 list ("到2025年,发明专利有效量达3600件以上") and year-by-year lines
inside its tasks ("2023年,…占GDP比重力争达1.78%"; "2025年,全区发明专利有效量新增200件"). The passage that
matches the subject best is often the other one, so for a target question every sentence of the document's
evidence that states a figure is weighed by what a target question says beyond its subject:

- the year asked ("2023年的目标值") — a sentence naming it, over one naming only other years;
- the measure asked ("强度" is a share: 占GDP比重; "总共要投到多少" is a total: 亿元, not a growth rate);
- level or increment: "要达到多少" / "总共" is the level ("达3600件"), not what is added ("新增200件"); with no year
  asked, a target of its own over a schedule of several years ("2023年,培育2家…;2024年,…"), and of targets fitting
  alike the plan's final year.

The best pick is replaced only by a sentence at least as much on the subject that fits these strictly better.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from policybot.answering.picking import Pick, candidates
from policybot.answering.scoring import INTENT_PATTERNS, Terms, share
from policybot.answering.words import INTENTS
from policybot.text.lexical import YEAR, alts
from policybot.text.rules import whole_rule
from policybot.types import ScoredChunk

# what a question's measure word accepts in a sentence
_MEASURES = (
    (re.compile(r"强度|比重|占比|占GDP"), re.compile(r"强度|比重|占比")),
    (re.compile(r"贡献率"), re.compile(r"贡献率")),
    (re.compile(r"增速|增长率|增幅|年均增长|增长多少"), re.compile(r"增长\d|增长[^，,；;。]{0,6}\d+(?:\.\d+)?%")),
    (re.compile(r"总共|一共|总量|总数|总额|累计|投到多少|投多少|(?:达到|要到|搞到|弄到|做到|发展到)(?:多少|几)"),
     re.compile(r"(?:总量|累计|达到?|突破|超过)\s*\d+(?:\.\d+)?\s*(?:亿元|万元|家|个|件|项|人|名|套)")),
)
_UNIT = re.compile(r"(?:几|多少)\s*(家|件|项|人|名|场|套|次|所|座|亿元|万元)")
_INCREMENT = re.compile(r"新增|增加|培育|每年|新认定|引进")
_ADDED = re.compile(r"新增|净增|增加")
_LEVEL_ASKED = re.compile(r"目标|要达到|达到多少|总量|搞到|要到|要(?:有)?多少")  # "2025年要多少家"
_LEVEL_SAID = re.compile(r"总量|累计|突破\s*\d|达到?\s*\d")
_BY_YEAR = re.compile(r"到\s*20\d\d\s*年|20\d\d\s*年\s*(?:底|末)?前")
_BASELINE = re.compile(r"(?:在|较|比)?\s*20\d\d\s*年[^，,；;。]{0,24}?(?:基础上|基数)")
_YEARISH = re.compile(r"(?:20)?\d\d年?|年|到")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万|亿|家|个|件|项|人|名|场|套|次|所|座|户|倍|元)")
_SCOPE = re.compile(r"全[市区县省州]|本[市区县]|全社会")  # the scope a target is set for, not its subject
# a count asked in its unit ("要多少家企业入住", "几个平台"): a figure in that unit answers it, a sum of money does not;
# "几个亿" / "几个点" / "几个月" ask a sum, a rate or a time in the unit after 个, no count
_COUNT_ASKED = re.compile(r"(?:多少|几)\s*([家个项人名户件场套所位])(?![亿万千百点月])")
# the units a count may be written in for the one asked ("多少名带头人": "2人以上"; "几家企业": "50户")
_SAME_UNIT = {"名": "名人位", "人": "名人位", "位": "名人位", "家": "家户个", "户": "家户个", "个": "个家项所",
              "项": "项个", "所": "所个家", "场": "场次期", "件": "件个"}


def count_figure(question: str) -> re.Pattern[str] | None:
    """What a figure answering a count asked in its unit looks like ("多少家": "55家以上", "50户"); None when no count
    is asked so."""
    unit = _COUNT_ASKED.search(question)
    return re.compile(rf"\d+(?:\.\d+)?\s*[万余多]?\s*[{_SAME_UNIT.get(unit.group(1), unit.group(1))}]") if unit else None


TOPIC_RATIO = 0.8  # a replacement must be at least this share of the best pick's fit to the subject


def _fit(text: str, question: str, years: frozenset[str]) -> tuple[int, int, int, int, str]:
    """(year, measure, figure, kind, final year) of a sentence for the question; higher fits better. A target
    question asks for a figure: of sentences alike in year and measure, one stating none ("持续强化…示范点培育力度")
    fits worse than one that does."""
    stated = set(YEAR.findall(_BASELINE.sub("", text)))  # "在2022年2.41亿元的基础上": a baseline, no target year
    found = set(YEAR.findall(text))
    year = (1 if found & years else -1 if found else 0) if years else 0
    measure = sum(1 for asked, said in _MEASURES if asked.search(question) and said.search(text))
    unit = _UNIT.search(question)  # "目标几家": a count of 家, not a count of 场
    measure += bool(unit and re.search(rf"\d+(?:\.\d+)?\s*(?:个)?{unit.group(1)}", text))
    kind = 0
    if not _INCREMENT.search(question):
        kind -= 1 if _ADDED.search(text) else 0  # "要达到多少": the level, not what is added
        # "目标是多少家": the level the plan sets ("总量达8家"), before what one year grows ("培育1家以上")
        kind += 1 if _LEVEL_ASKED.search(question) and _LEVEL_SAID.search(text) else 0
        if not years and len(stated) > 1 and not _BY_YEAR.search(text):
            kind -= 1  # a schedule of several years, when none was asked
    # of targets fitting alike and no year asked, the plan's final year is its target
    figure = int(bool(_FIGURE.search(_BASELINE.sub("", YEAR.sub("", text)))))
    return year, measure, figure, kind, (max(stated) if stated and not years else "")


def _subject(terms: dict) -> dict:
    """The terms naming what the target is of: without scope words ("全市研发经费": the subject is 研发经费), the words
    asking for a target (目标, 达到 …) and the year."""
    asking = dict(INTENTS)["target"]
    return {t: w for t, w in terms.items()
            if not any(_SCOPE.fullmatch(a) or _YEARISH.fullmatch(a) or asking.search(a) for a in alts(t))}


class Fit(NamedTuple):
    """How a sentence fits a target question, compared field by field in this order (higher fits better)."""
    year: int
    own: int  # a sentence stating a target holds some of the subject
    measure: int
    figure: int
    kind: int
    final: str  # the latest year stated, when none was asked


def _owned(fit: tuple, text: str, focus: dict) -> Fit:
    """``fit`` with, after the year, whether a sentence stating a target holds any of the subject: "——有研发活动的企业数量
    和研发投入实现倍增。有研发活动的企业数量…达到55家以上" names 研发投入 in its heading, but its figure is the companies'."""
    if not focus:
        return Fit(fit[0], 0, *fit[1:])
    stating = [body for body in re.split(r"(?<=[。；;])", text) if INTENT_PATTERNS["target"].search(body)]
    # a sentence with no subject of its own ("在2022年29个的基础上,2025年达到50个以上") states the heading's figure
    own = max((share(text if _SUBJECTLESS.match(body) else body, focus) for body in stating), default=share(text, focus))
    return Fit(fit[0], int(own > 0), *fit[1:])


_SUBJECTLESS = re.compile(r"\s*(?:在|到|力争|争取|达到?|实现|突破|较|比|\d)")


def target_instead(best: Pick, evidence: list[ScoredChunk], question: str, terms: Terms) -> Pick:
    """``best``, or the sentence of its document's passages stating the asked target better (see the module);
    ``evidence`` is the retrieved passages, then the document's others (a plan's 分年度目标 may not be retrieved)."""
    years = terms.years
    focus, weights = _subject(terms.focus), _subject(terms.weights)
    best_fit = _owned(_fit(best.text, question, years), best.text, focus)
    topic, cover = share(best.text, focus), share(best.text, weights)
    if focus and topic == 0.0:
        return best
    chosen, chosen_fit = best, best_fit
    for rank, sc in enumerate(evidence, 1):
        if sc.chunk.doc_id != best.sc.chunk.doc_id:
            continue
        text = sc.chunk.text
        for s, e, _pair in candidates(text, with_departments=False):
            body = text[s:e]
            if not INTENT_PATTERNS["target"].search(body) or sc.chunk.is_instruction(s, e):
                continue
            if share(body, focus) < TOPIC_RATIO * topic or share(body, weights) < TOPIC_RATIO * cover:
                continue
            fit = _owned(_fit(body, question, years), body, focus)
            if not best_fit.final:  # a later year only tells targets apart when the best pick states one too
                fit = fit._replace(final="")
            same = (fit.year, fit.own, fit.measure) == (best_fit.year, best_fit.own, best_fit.measure)
            if same and fit.figure > best_fit.figure and share(body, focus) < topic:
                continue  # a figure alone wins only on as much of the subject as the pick ("一次性支持" vs "最高20万元")
            if fit > chosen_fit:
                a, b = whole_rule(text, s, e, parallel=True)
                chosen, chosen_fit = Pick(sc, a, b, best.score, rank, dict(best.x), best.prob), fit
    return chosen


# a plan's topic line ("——科学研究和技术服务业实现倍增。"): a heading of a target, its figures in the sentence after it
_TOPIC_LINE = re.compile(r"\s*——[^0-9０-９]*$")


def with_figures_after(pick: Pick) -> Pick:
    """``pick``, or when it is a topic line without a figure, the line with the sentence after it that states the
    figures ("在2022年规上企业数量32家…的基础上,2025年规上企业数量达到50家、营业收入达到26亿元"): the line alone
    answers no "要做多大"."""
    text = pick.sc.chunk.text
    if not _TOPIC_LINE.fullmatch(pick.text.rstrip("。；;")):
        return pick
    end = next((e for s, e, pair in candidates(text) if pair and s == pick.start and e > pick.end), None)
    if end is None or not re.search(r"\d", text[pick.end : end]) or "——" in text[pick.end : end]:
        return pick
    return replace(pick, end=end, x=dict(pick.x))
