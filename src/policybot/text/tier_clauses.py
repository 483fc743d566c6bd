"""The clauses of a quote that give figures, and the aligned enumerations inside them.

A quote is cut into clauses at commas and sentence marks outside brackets; a clause that gives a figure (a money
clause) carries the clauses before it that name its beneficiary. "对新认定的国家级A、省级B、省级C分别一次性给予50万元、
20万元、5万元奖补" holds an enumeration: the item list and the figure list, aligned only when their lengths agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONEY = re.compile(
    r"(?:最高|不超过|每[户家人个项]?)?\d+(?:\.\d+)?\s*(?:万元|亿元|元)(?:\s*[—\-~～至到]\s*\d+(?:\.\d+)?\s*(?:万元|亿元|元))?"
    r"|\d+(?:\.\d+)?\s*%|不设(?:经费)?上限|1\s*[:∶]\s*1"
)
_AMOUNT_LIST = re.compile(rf"(?:{MONEY.pattern})(?:\s*[、和及与]\s*(?:{MONEY.pattern}))+")
# clause marks, and the seam of a capture that lost its mark between a figure and the next year
_CLAUSE_END = re.compile(r"[，,；;。！？!?]|(?<!\d)[：:]|[：:](?!\d)|(?<=[%元家个件人项])(?=20\d\d年)")
_GIVES = re.compile(r"给予|补助|奖励|奖补|扶持|补贴|支持|贴息|配套|资助")
# a benefit named by what it funds ("基础补助", "配套资金", "贴息补助")
NAMED_BENEFIT = re.compile(r"(?:基础|增量|建设|引导|配套|绩效|科普|培养|贴息)(?:补助|奖补|奖励|经费|资金)")

@dataclass
class Clause:
    start: int
    end: int
    text: str
    subject: str = ""  # the clauses before it that name the beneficiary (joined with "，")
    lead: int = -1  # start of the nearest of those clauses in the quote, or -1
    amounts: list[tuple[int, int]] = field(default_factory=list)  # spans of figures in ``text``

    @property
    def money(self) -> bool:
        """A clause that gives a figure (a share such as "占营业收入比重超过1.5%" is a condition, not a benefit)."""
        return bool(self.amounts) and bool(
            _GIVES.search(self.text) or re.search(r"\d\s*(?:万元|亿元|元)|不设(?:经费)?上限", self.text))

    @property
    def benefit(self) -> str:
        """The named kind of benefit the clause gives (基础补助, 增量奖励), else "grant": rival tiers of one
        rule share a kind; a rule that stacks two named kinds keeps both."""
        named = NAMED_BENEFIT.findall(self.text)
        return named[-1] if named else "grant"


_OPEN, _CLOSE = "(（“‘《「", ")）”’》」"


def _clause_ends(text: str) -> list[re.Match]:
    """Clause marks outside brackets and quotes: "构建“4个1”(即:一个…+一个龙头企业)" stays whole."""
    depth, ends = 0, []
    marks = {m.start(): m for m in _CLAUSE_END.finditer(text)}
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and i in marks:
            ends.append(marks[i])
    # the zero-width year seams sit between characters
    ends += [m for m in _CLAUSE_END.finditer(text) if m.start() == m.end()]
    return sorted(ends, key=lambda m: m.start())


def clauses(text: str) -> list[Clause]:
    """Clauses of ``text`` cut at commas and sentence marks; money clauses carry their subject."""
    out: list[Clause] = []
    pos = 0
    for m in _clause_ends(text) + [None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            s, e = pos + lead, pos + len(piece.rstrip())
            out.append(Clause(s, e, text[s:e], amounts=[mm.span() for mm in MONEY.finditer(text[s:e])]))
        pos = m.end() if m else len(text)
    subject: list[Clause] = []
    for c in out:
        if c.money:
            c.subject = "，".join(x.text for x in subject)
            c.lead = subject[-1].start if subject else -1
            subject = []
        else:
            subject.append(c)
    return out


@dataclass
class Enumeration:
    """Aligned "A、B、C … 分别 … X、Y、Z" inside one money clause."""

    items: list[str]  # the item list's pieces, trimmed to the items
    amounts: list[str]  # verbatim figures, same length
    before: str  # clause text between the item list (or the clause start) and the figures, without 分别
    after: str  # clause text after the figures

    def line(self, i: int) -> str:
        return f"{self.items[i]}：{self.before}{self.amounts[i]}{self.after}"

    def lines(self) -> list[str]:
        return [self.line(i) for i in range(len(self.items))]


_SEP = re.compile(r"[、和及与或]")
_PIECE_LEFT = re.compile(r".*(?:的|对|获得|为|入选|经|给予)")
_PIECE_RIGHT = re.compile(r"(?:分别|的|认定|给予|培养|考核|建设|每|一次性|，|,).*")


def _lists(head: str) -> list[tuple[int, list[str]]]:
    """Runs of items joined by 、/和/及 in ``head``: (end offset of the run, trimmed items)."""
    runs, run = [], []
    for m in _SEP.finditer(head):
        if run and (m.start() - run[-1].end() > 15 or re.search(r"[，,；;：:。]", head[run[-1].end() : m.start()])):
            runs.append(run)
            run = []
        run.append(m)
    if run:
        runs.append(run)
    out = []
    for run in runs:
        left = max(head.rfind(ch, 0, run[0].start()) for ch in "，,；;：:。") + 1
        stops = [i for i in (head.find(ch, run[-1].end()) for ch in "，,；;：:。") if i != -1]
        right = min(stops) if stops else len(head)
        bounds = [left, *[x for m in run for x in (m.start(), m.end())], right]
        pieces = [head[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
        pieces[0] = _PIECE_LEFT.sub("", pieces[0])
        tail = _PIECE_RIGHT.sub("", pieces[-1])
        end = bounds[-2] + len(tail)
        pieces[-1] = tail
        if all(p.strip() for p in pieces):
            out.append((end, _shared_head([p.strip() for p in pieces])))
    return out


_HEAD = re.compile(r"(工作站|孵化器|实验室|中心|基地|企业|机构|空间|团队|人才)$")


def _shared_head(items: list[str]) -> list[str]:
    """"院士、专家工作站": the short items share the last item's head noun (院士工作站, 专家工作站)."""
    m = _HEAD.search(items[-1])
    if not m:
        return items
    return [p + m.group(1) if len(p) <= 3 and not _HEAD.search(p) else p for p in items]


def enumeration(clause: Clause) -> Enumeration | None:
    """The clause's aligned enumeration, or None when there is none or the lists' lengths differ."""
    m = _AMOUNT_LIST.search(clause.text)
    if not m:
        return None
    amounts = [a.group(0) for a in MONEY.finditer(m.group(0))]
    head = clause.text[: m.start()]
    offset = 0
    lists = _lists(head)
    if not any(len(items) == len(amounts) for _, items in lists) and clause.subject:
        head = clause.subject + "，" + head
        offset = len(clause.subject) + 1
        lists = _lists(head)
    for end, items in reversed(lists):  # the nearest list before the figures
        if len(items) == len(amounts):
            before = head[max(end, offset) :].replace("分别", "").lstrip("的，, ")
            return Enumeration(items, amounts, before, clause.text[m.end() :])
    return None


def each_with_figure(clause: Clause) -> list[str] | None:
    """"给予A180万元、B90万元经费支持": pieces that each carry one figure of their own."""
    pieces = clause.text.split("、")
    if len(pieces) >= 2 and all(len(MONEY.findall(p)) == 1 for p in pieces):
        return pieces
    return None
