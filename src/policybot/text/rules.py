"""Rule spans in a policy text: a provision's whole extent, the 牵头/责任 lines of its task, its conditions, and
the compact section numbering a clerk pastes. Plain text helpers shared by answering and the catalogue."""

from __future__ import annotations

import functools
import re

from policybot.text.citations import sentences, squash
from policybot.text.lexical import CJK_RUN, bigram_tokens, normalise
from policybot.text.structure import heading_level
from policybot.text.tier_clauses import MONEY, clauses

# a sentence that gives something ("给予…10万元", "贴息"): what a rule pays, not a target it counts
GIVING = re.compile(r"给予|补助|奖励|奖补|补贴|资助|扶持|支持|配套|贴息")

DEPT_LINE = re.compile(
    r"^[（(]?\s*(牵头|责任|指导|配合)(部门|单位)\s*[:：]|负责落实[)）]?$|为召集单位|[（(]责任(部门|单位)\s*[:：]"
)


_CONTINUES = re.compile(r"^(其他|其余|另|此外|同时|其中|对其|上述)|再(分别)?(给予|补助|奖励)")


MAX_RULE_CHARS = 260


def whole_rule(text: str, start: int, end: int, parallel: bool = False) -> tuple[int, int]:
    """Grow a sentence to the provision it belongs to on its line (clauses joined by "；" that continue it);
    ``parallel``: its sibling tiers too (an answer quotes every tier; a catalogue item is one)."""
    spans = sentences(text)
    idx = [i for i, (s, e) in enumerate(spans) if s >= start and e <= end]
    if not idx:
        return start, end
    lo, hi = idx[0], idx[-1]
    while hi + 1 < len(spans) and _continues(text, spans[hi], spans[hi + 1], parallel) and spans[hi + 1][1] - spans[lo][0] <= MAX_RULE_CHARS:
        hi += 1
    while lo > 0 and _continues(text, spans[lo - 1], spans[lo], parallel) and spans[hi][1] - spans[lo - 1][0] <= MAX_RULE_CHARS:
        lo -= 1
    return spans[lo][0], spans[hi][1]


def _continues(text: str, a: tuple[int, int], b: tuple[int, int], parallel: bool = False) -> bool:
    """Does sentence ``b`` carry on the rule of sentence ``a``: same line, after "；", both with figures,
    and ``b`` opens with a continuation word or with a term ``a`` already named?"""
    left, right = text[a[0] : a[1]], text[b[0] : b[1]]
    if "\n" in text[a[1] : b[0]] or not (MONEY.search(left) and MONEY.search(right)):
        return False
    if left.rstrip().endswith(("；", ";")):
        if _CONTINUES.search(right):
            return True
        # it opens with a term the first named (``parallel``: "排名前2名…；排名第3至第5名…", a sibling tier, also
        # counts — its first two characters will do)
        head = re.match(r"[\u4e00-\u9fff]{2}" if parallel else r"[\u4e00-\u9fff]{2,4}", normalise(right))
        return bool(head) and head.group(0) in normalise(left) and not right.startswith("对")
    # after "。" only a parallel sentence carries on ("…领军人才的，每人给予5万元补助。被评为云南省…的，每人给予10万元")
    head = re.match(r"[\u4e00-\u9fff]{3}", normalise(right))
    return bool(head) and head.group(0) in normalise(left) and heading_level(right) is None and not right.startswith("对")


def _department_groups(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The runs of 牵头/责任 lines (lines with nothing between them) among the sentences of ``text`` that lie within
    ``start``–``end``, each as one span."""
    groups: list[tuple[int, int]] = []
    for s, e in sentences(text):
        if s < start or (end is not None and e > end):
            continue
        if len(squash(text[s:e])) < 6 or not DEPT_LINE.search(text[s:e].strip()):
            continue
        if groups and not text[groups[-1][1] : s].strip():
            groups[-1] = (groups[-1][0], e)
        else:
            groups.append((s, e))
    return groups


# an agency named in a list (责任单位, a closing "(市科技局、市税务局、…)"): its words ("住房" of 区住房和城乡建设局, "税" of
# 区税务局) say who carries a task out, never what the task is about
_AGENCY = re.compile(r"(?:^|(?<=[、（(:：\s]))[\u4e00-\u9fff]{1,14}?(?:委员会|管委会|(?<![格布结])局|委|办公室|办|人民政府)"
                     r"(?=[、）);；，,。\s]|$|牵头|负责|为召集|等)", re.M)
AGENCY_END = ("局", "委", "办", "委员会", "管委会", "政府")


def blank_agencies(text: str) -> str:
    """``text`` with the agencies it lists blanked out (one "、" per character, so lengths stay)."""
    return _AGENCY.sub(lambda m: "、" * len(m.group(0)), text)


# passages and their sentences are matched again and again: each text is blanked once
without_agencies = functools.lru_cache(maxsize=8192)(blank_agencies)


def department_span(text: str, topic: tuple[int, int]) -> tuple[int, int] | None:
    """The 牵头/责任 lines (or the closing "(…负责落实)") of the task a topical sentence belongs to."""
    after = _department_groups(text, start=topic[0])
    return after[0] if after else None


def preceding_department_span(text: str, topic: tuple[int, int]) -> tuple[int, int] | None:
    """The 牵头/责任 lines just before a sentence that follows them in the same task: a note under a task
    ("9710,简称“跨境电商B2B直接出口”…" printed after the task's department lines) belongs to that task. None when a
    heading (a new task) comes between, or no such lines precede it."""
    before = _department_groups(text, end=topic[0])
    if not before:
        return None
    between = text[before[-1][1] : topic[0]]
    if any(heading_level(line) is not None for line in between.split("\n") if line.strip()):
        return None
    return before[-1]


# the document's overall lead, in its 保障措施 ("区科学技术局牵头分解各项工作任务", "区科学技术局为召集单位",
# "由市科技领导小组办公室牵头,建立…工作机制"): who answers for the plan as a whole when a task names no one
_OVERALL = re.compile(r"(?:由)?[区市县省][\u4e00-\u9fff]{1,14}?(?:局|委员会|委|办公室|办|管委会)(?:牵头|为召集单位|负责统筹)"
                      # "领导小组下设办公室在区科学技术和信息化局，具体负责协调推进": the leading group's office
                      r"|办公室(?:设)?在[区市县省][\u4e00-\u9fff]{1,14}?(?:局|委员会|委|管委会)")
_WHOLE = re.compile(r"各项|工作任务|工作机制|联席会议|统筹|目标任务|推进情况|领导小组")


def overall_lead_span(text: str) -> tuple[int, int] | None:
    """The sentence of a passage naming who leads the plan as a whole, if it has one."""
    for s, e in sentences(text):
        sentence = text[s:e]
        if _OVERALL.search(sentence) and _WHOLE.search(sentence) and not TASK_DEPT_LINE.search(sentence.strip()):
            return s, e
    return None


def overall_lead_clause(sentence: str) -> str:
    """The clause of an overall-lead sentence that names the lead ("区科学技术局为召集单位")."""
    m = _OVERALL.search(sentence)
    if not m:
        return sentence
    a = max(sentence.rfind(p, 0, m.start()) for p in ",，;；") + 1
    ends = [i for p in ",，;；。" if (i := sentence.find(p, m.end())) >= 0]
    return sentence[a : min(ends) if ends else len(sentence)]


# a task's own labelled department line ("牵头部门:区科工信局", "（责任单位：…）")
TASK_DEPT_LINE = re.compile(r"^[（(]?\s*(牵头|责任|指导|配合)(部门|单位)\s*[:：]", re.M)


LABEL_PREFIX = re.compile(r"^(第[一二三四五六七八九十百\d]+[章条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、]|[（(]\d{1,2}[）)])")


def section_ref(labels: tuple[str, ...]) -> str:
    """Compact section numbering, e.g. 二、（一）1. for a citation a clerk can paste."""
    refs = []
    for label in labels:
        m = LABEL_PREFIX.match(label)
        refs.append(m.group(0) if m else label)
    return "".join(refs)


# who qualifies: a 的-phrase ("…经省级备案认定的", "研发经费投入较上一年度有增长的…企业"), or a stated term
_COND = re.compile(r"的$|的[^，,；;。]{0,30}(?:企业|单位|机构|人才|团队|人员)$|^经.{0,24}认定|符合|须|应当|满足|前提|条件|标准|要求|占营业收入比重")


# whom a rule giving no money is for ("对利用财政性资金建设的科研平台,…须面向社会开放共享")
_FOR_WHOM = re.compile(r"对[^，,；;。]{2,30}的[^，,；;。]{1,12}$")


# "对X的给予…": the rule's beneficiary X, said as who qualifies
_TO_WHOM = re.compile(r"(对[^，,；;。]{2,60}?)(?:的(?:，|,)?|分别)(?:给予|按|补助|奖励|每)")


_LEADING = re.compile(r"^(其中|同时|此外|另外|并且|并|且|，|,)")


MAX_LINE = 90


def short_line(text: str) -> str:
    text = _LEADING.sub("", text.strip()).strip("，,；;：: ")
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"


def condition(quote: str) -> str:
    """Who qualifies and on what terms: the condition clauses of the rule, and the head of the clause
    that gives the figure ("经省级备案认定的" in "经省级备案认定的给予市级补助经费10万元")."""
    out = []
    for c in clauses(quote):
        if c.money:
            head = re.split(r"(?:的)?(?:，|,)?(?:分别)?(?:给予|按|补助|奖励|每)", c.text, maxsplit=1)[0]
            if head and head != c.text and _COND.search(head):
                out.append(head.rstrip("的") + "的" if head.endswith("的") else head)
            elif (whom := _TO_WHOM.match(c.text)) and head == whom.group(1):
                out.append(c.text[1:])  # "对认定为省级以上重点实验室…的给予…100万元": who is given what
            if out:
                break
            continue
        if _COND.search(c.text) or _FOR_WHOM.match(c.text) or re.search(r"标准|条件|要求", c.text):
            out.append(c.text)
    if not out:
        money = [c for c in clauses(quote) if c.money]
        out = [money[0].subject.split("，")[-1]] if money and money[0].subject else []
    return "，".join(short_line(x) for x in out) if out else "原文未单列申请条件，见下方引文"


def _bigrams(text: str) -> set[str]:
    return {g for g in bigram_tokens(text) if len(g) == 2 and CJK_RUN.fullmatch(g)}


def asked_rule(quote: str, question: str) -> str:
    """The part of ``quote`` from the rule the question names when the quote gives several to different
    beneficiaries ("那要连续认定几次才能拿那个5万？" of "对经认定的…培育企业…3万元—5万元奖补,连续两次以上(含两次)认定为
    高新技术企业的,每家企业给予5万元奖补": the second); the whole quote when the first is named as much as any."""
    asked = _bigrams(question)
    rules = [(c.subject, c.lead) for c in clauses(quote) if c.money and c.subject and c.lead >= 0]
    if len(rules) < 2:  # "对认定为…的给予…100万元,对规模以上企业新批准设立的院士、专家工作站分别给予…": each 对… clause
        rules = [(c.text, c.start) for c in clauses(quote) if c.money and _OPENS_TO_WHOM.match(c.text)]
    if len(rules) < 2 or not asked:
        return quote
    shared = [len(asked & _bigrams(subject)) for subject, _ in rules]
    best = max(range(len(rules)), key=lambda i: (shared[i], -i))
    return quote[rules[best][1]:] if shared[best] > shared[0] else quote


_OPENS_TO_WHOM = re.compile(r"\s*对")  # a rule opening with whom it gives to ("对规模以上企业新批准设立的…")


# a group heading: "（四）营造创新生态", "二、重点任务"
_GROUP_HEAD = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)", re.M)
# a department bracket closing a paragraph ("(责任单位:区科学技术局、…)", "(市科技局…负责落实)")
_DEPT_BRACKET = re.compile(r"[（(]\s*(?:(?:牵头|责任)(?:单位|部门)\s*[:：][^（）()]*|[^（）()]*负责落实)[）)]")


def group_department(doc_text: str, at: int) -> str:
    """The department bracket of the task group ``at`` lies in, when the group has exactly one and it comes after
    ``at``: a plan that closes each group's last item with "(责任单位:…)" names who carries out the whole group (云岩's
    items 9–13 under one bracket); "" when the group has none, several (each item its own), or only one before ``at``."""
    heads = [m.start() for m in _GROUP_HEAD.finditer(doc_text)]
    start = max((h for h in heads if h <= at), default=0)
    end = min((h for h in heads if h > at), default=len(doc_text))
    found = list(_DEPT_BRACKET.finditer(doc_text, start, end))
    return found[0].group(0) if len(found) == 1 and found[0].start() >= at else ""


def group_bracket_in(text: str, start: int = 0) -> tuple[int, int] | None | bool:
    """Reading on from ``start``: the span of the first department bracket closing a task group ("(责任单位:…)"), False
    when a group heading comes first (the group ended without one), None when the text ends before either."""
    head = _GROUP_HEAD.search(text, start)
    bracket = _DEPT_BRACKET.search(text, start)
    if bracket and (head is None or bracket.start() < head.start()):
        return bracket.span()
    return False if head else None
