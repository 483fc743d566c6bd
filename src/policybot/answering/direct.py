"""The direct answer: one short line stating exactly what was asked, built only from the quote.

Per aspect of the question: the figure for the asked tier (``tiers.amount_lines``), the 牵头/责任
departments, the conditions, or the clause holding a target or a date. Every piece is a verbatim
clause of a cited quote (an aligned tier line drops only "分别" and the other tiers' figures), so the
numbers it states are the quote's numbers, and a figure is never moved to another tier.
"""

from __future__ import annotations

import functools
import re

from policybot.answering.scoring import INTENT_PATTERNS, Terms, share
from policybot.text.lexical import YEAR, alts, normalise
from policybot.answering.asked_conditions import bare_condition, recognition_only, things_named
from policybot.answering.clause_context import going_on, same_sentence, terms_before, with_places_named
from policybot.answering.details import STACKING
from policybot.answering.aspects import of_the_rule, wants_figure
from policybot.answering.paragraph import PLATFORMS_ASKED, names_platform
from policybot.answering.resting import rests_on
from policybot.answering.targets import count_figure
from policybot.answering.words import RULE_ASKED
from policybot.catalogue.qualifying import limit_after
from policybot.text.rules import DEPT_LINE, GIVING, asked_rule, condition, short_line
from policybot.text.concepts import concepts_in
from policybot.text.tier_clauses import MONEY, clauses
from policybot.text.tiers import amount_lines, unnegated

ASPECT_NAMES = {"amount": "金额", "department": "负责部门", "condition": "条件", "target": "目标",
                "deadline": "时间", "validity": "有效期", "fact": ""}


# a sentence that gives something (``GIVING``, and any 补/奖/予以/兑现): a figure in one that gives nothing is a target
# or a count ("带动…新增产值2亿元"), never an amount the asker would receive
_GIVES = re.compile(rf"{GIVING.pattern}|予以|兑现|补|奖")


def amount(quote: str, question: str, asked: str = "", own: tuple[str, ...] = ()) -> str:
    lines = _tier_lines(quote, question, asked, own)
    if lines and not _GIVES.search(quote) and _GIVES.search(question) and not re.search(r"目标|任务|指标", question):
        return f"{_NO_AMOUNT}所引条文中的数字是工作目标或成效，不是扶持金额"
    if lines and any(FIGURES["amount"].search(x) for x in lines):  # (with the limit its sentence states after it)
        limit = limit_after(quote, lines[-1]) if len(lines) == 1 else ""
        return "；".join(short_line(x) for x in lines) + (f"，{limit}" if limit else "")
    if lines:  # "对科技型企业知识产权质押贷款贴息补助": the benefit is named, its amount is not
        return f"原文未载明具体金额：{short_line(lines[0])}"
    # the clause giving the benefit ("…按政策给予一次性支持") before one only naming support ("支持…上市直接融资")
    cs = clauses(quote)
    offer = next((c.text for c in cs if re.search(r"给予|予以", c.text)), None) or next(
        (c.text for c in cs if re.search(r"支持|补助|奖励|扶持", c.text)), quote)
    return f"原文未载明具体金额：{short_line(offer)}"


def _tier_lines(quote: str, expanded: str, asked: str, own: tuple[str, ...] = ()) -> list[str]:
    """The figure lines for the question read with its equivalents (复审 → 重新认定), unless the asker's own words
    choose a line naming the very thing they name and the equivalents choose another ("双创载体想评省级星创天地": the
    synonyms of 双创 add 孵化器, which the same rule pays too). A tier this turn names itself (``own``: "那要是只评上
    昆明市科技创新领军人才呢") outweighs the one of the turn it follows up ("…评上云南省科技领军人才，再给多少")."""
    for reading in own:
        mine, chose = amount_lines(quote, reading)
        if chose and mine:
            return mine
    lines, _ = amount_lines(quote, expanded)
    if not asked or asked == expanded:
        return lines
    own, chose = amount_lines(quote, asked)
    named = {cid for cid, _, _ in concepts_in(normalise(asked))}

    def naming(found: list[str]) -> set[str]:
        return {cid for x in found for cid, _, _ in concepts_in(normalise(x))}

    # (a line naming nothing, "国家级：再给予5万元的扶持", is the asked tier's: it stays)
    return own if chose and naming(own) & named and naming(lines) and not naming(lines) & named else lines


def _unwrapped(line: str) -> str:
    """A line without the brackets wrapping it whole ("（责任单位：…）"); a bracket inside ("区财政局(金融办)") stays."""
    m = re.fullmatch(r"[（(](.*)[）)]", line)
    return m.group(1).strip() if m and not re.search(r"[）)]", m.group(1).split("(")[0].split("（")[0]) else line


def department(dept_quote: str) -> str:
    parts = [_unwrapped(p.strip()) for p in re.split(r"[\n；;]", dept_quote) if p.strip()]
    return "；".join(short_line(p) for p in parts)


_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])")
_ORG = re.compile(r"(?:区|市|县|省)[\u4e00-\u9fff]{1,12}?(?:局|委员会|委|办公室|办|管委会|中心|部)")


FIGURES = {
    "amount": re.compile(r"\d|不设(?:经费)?上限"),
    "target": re.compile(r"\d"),
    "fact": re.compile(r"\d"),
    "deadline": re.compile(r"\d|每(?:半)?年|每季度|每月|半年|年底|月底|之日起"),
    "validity": re.compile(r"\d|之日起"),
}


def _has_figure(text: str, aspect: str = "fact") -> bool:
    return bool(FIGURES.get(aspect, FIGURES["fact"]).search(_LIST_NUMBER.sub("", text)))


def _lead(c, cs, base: bool = False) -> str:
    """What names a target clause ``c`` of ``cs`` when the clause does not: the short year before it, a run-on year, or
    the subject of its baseline ("研发投入在2022年…的基础上", or the topic line before a baseline naming none)."""
    prev = [p for p in cs if p.end <= c.start]
    if prev and len(prev[-1].text) <= 8 and YEAR.search(prev[-1].text):
        return prev[-1].text + "，"
    if prev and (run_on := _RUN_ON_YEAR.search(prev[-1].text)):  # "…达1.78%2024年,…": the year is this clause's
        return run_on.group(1) + "，"
    if prev and "基础上" in prev[-1].text:
        # "研发投入在2022年2.41亿元的基础上,2025年达到5亿元以上": the baseline names the subject, not the answer
        head = re.match(r"^[—\-\s]*(.*?)(?:在|较|比)?\s*20\d\d\s*年", prev[-1].text)
        if head and head.group(1).strip("，,、 "):
            return head.group(1).strip("，,、 ") + "："
        # "——高新技术企业数量实现倍增。在2022年111家的基础上,2025年达到220家以上": the line before names it
        named = prev[-2].text.strip("—-， ") if len(prev) >= 2 else ""
        named = named + "：" if named and not re.search(r"\d", named) and len(named) <= 30 else ""
        # the baseline only when asked of ("现在有多少家", "翻倍是多少"): else its figure reads as the target's
        return named + (prev[-1].text + "，" if base else "") if named else ""
    return ""


_BASE_ASKED = re.compile(r"现在|目前|现有|眼下|基数|基础|原来|原有|翻倍|倍增|翻一番|从多少")
_ROLE_ASKED = re.compile(r"(副?组长|副?主任|负责人|召集人|牵头人)(?:是|由)?(?:谁|哪位|什么人|哪个领导)")


_BARE_YEAR = re.compile(r"\s*(?:到|至|截至|在)?\s*20\d\d\s*年(?:底|末|前)?\s*[,，、]?\s*")


def figure_clause(quote: str, question: str, terms: Terms, intent: str) -> str:
    """The clause(s) holding the asked target, date or fact.

    Clauses with a figure that fit the intent (any clause for a fact asked without a figure) are scored by the
    question's focus; a short clause naming a year ("2024年") or a baseline ("在2022年27家的基础上") leads the clause
    after it; a year in the question keeps that year's clauses; further clauses join while they add asked terms the
    first lacks ("新增专利申请…，新增专利授权…").
    """
    cs, pattern = clauses(quote), INTENT_PATTERNS.get(intent)
    figured = intent != "fact" or wants_figure(question)  # "咖啡算…重点产业吗": the clause naming it
    # a year alone ("2024年,") holds no figure: it leads the clause after it
    with_figures = [c for c in cs if figured and _has_figure(c.text, intent) and not _BARE_YEAR.fullmatch(c.text)]
    fitting = [c for c in with_figures if pattern is None or pattern.search(c.text)] or with_figures or cs
    fitting = _dated([c for c in fitting if not DEPT_LINE.search(c.text)] or fitting, cs, question, intent)
    if not fitting:
        return short_line(quote)

    # the baseline asked of: in words ("现在有多少家", "翻倍"), or by its year ("2022年有多少家高企")
    base = bool(_BASE_ASKED.search(question)) or any(f"{y}年" in c.text for y in YEAR.findall(question) for c in cs
                                                    if "基础上" in c.text)
    lead = functools.partial(_lead, cs=cs, base=base)

    if re.search(r"基数|基础|基准|起点|原来|原有", question):  # "以2022年多少家为基数": the baseline is the answer
        return short_line(next((c.text for c in cs if "基础上" in c.text), quote))
    fitting = [c for c in fitting if "基础上" not in c.text] or fitting
    years = set(YEAR.findall(unnegated(question)))
    if years:
        fitting = [c for c in fitting if years & _years_of(c, cs, quote)] or fitting
    focus = terms.focus or terms.weights

    measures = set(_MEASURES.findall(question))
    counted = count_figure(question.split()[-1] if question.split() else question)  # "多少家", as this turn asks
    # "领导小组组长是谁": the clause stating who holds the role ("由区长任组长"), not the one naming the group
    measures |= set(m.group(1) for m in _ROLE_ASKED.finditer(question))
    platforms = bool(PLATFORMS_ASKED.search(question))

    def score(c) -> tuple:
        # of equally fitting clauses and no year asked, the plan's final year is its target ("到2025年…19亿元")
        final = max(_years_of(c, cs, quote), default="") if not years else ""
        # "强度是多少": the clause stating the asked measure (投入强度达0.42%), not the amount beside it (5.08亿元)
        said = lead(c) + c.text
        # "坚果这块有什么平台在建": the clause naming platforms (临沧坚果技术创新中心), not the one saying 平台
        return (sum(m in said for m in measures), bool(counted and counted.search(c.text)),
                platforms and names_platform(c.text), share(said, focus), share(said, terms.weights), final, -len(c.text))

    ranked = sorted(fitting, key=score, reverse=True)
    chosen = _joined(ranked, focus, lead, intent)
    if intent == "target" and _MANY_ASKED.search(question):  # "预期有哪些成果": every figure its sentence states
        chosen += [c for c in same_sentence(quote, fitting, ranked[0]) if c not in chosen][: _MANY - len(chosen)]
    chosen = _with_span_ends(sorted(chosen, key=lambda c: c.start), cs)
    if intent == "target" and not measures:
        chosen += _measure_after(quote, cs, chosen[-1])
    chosen = with_places_named(question, quote, cs, chosen)
    parts = [lead(c) + c.text if i == 0 or lead(c) != lead(chosen[0]) else c.text for i, c in enumerate(chosen)]
    if (both := _from_to(question, cs, chosen, parts)):
        return both
    return _told_whole(quote, cs, chosen, parts, bool(lead(chosen[0])), intent == "fact" and not figured)


def _joined(ranked: list, focus: dict, lead, intent: str) -> list:
    """The best clause, and the next two while each adds asked terms the ones before lack ("新增专利申请…，新增专利
    授权…")."""
    chosen = [ranked[0]]
    held = {t for t in focus if share(lead(ranked[0]) + ranked[0].text, {t: 1.0}) > 0}
    for c in ranked[1:3]:
        new = {t for t in focus if t not in held and share(lead(c) + c.text, {t: 1.0}) > 0}
        if new and _has_figure(c.text, intent):
            chosen.append(c)
            held |= new
    return chosen


_MANY_ASKED = re.compile(r"哪些|哪几[个项方]|有啥|有什么|都有|都是|分别")
_MANY = 4


_YEAR_ASKED = re.compile(r"哪一?年|几几年|哪个年份|什么年份|哪年份")


def _dated(fitting: list, cs: list, question: str, intent: str) -> list:
    """``fitting`` (who carries a rule out answers no fact), or, for "交科院扩建实验室是哪年安排的", the clauses a
    year leads or names ("2023年,引导交科院扩建…"), not the one with the figure beside them ("力争产值达到2亿元")."""
    if intent != "deadline" or not _YEAR_ASKED.search(question):
        return fitting
    return [c for c in cs if YEAR.search(_lead(c, cs) + c.text) and not _BARE_YEAR.fullmatch(c.text)] or fitting


_FROM_TO_ASKED = re.compile(r"(?:从|由)(?:多少|几)[^，,。？?]{0,8}?(?:到|增到|增至|提高到|提升到|达到)")


def _from_to(question: str, cs: list, chosen: list, parts: list[str]) -> str:
    """"要从多少家增到多少家": the baseline clause whole, then the target ("" when not so asked or no baseline)."""
    prev = [p for p in cs if p.end <= chosen[0].start]
    if _FROM_TO_ASKED.search(question) and prev and "基础上" in prev[-1].text:
        return short_line("，".join([prev[-1].text, chosen[0].text, *parts[1:]]))
    return ""


def _told_whole(quote: str, cs: list, chosen: list, parts: list[str], led: bool, plain_fact: bool) -> str:
    """The chosen clauses as a line a reader can follow: a bare figure with the clause naming what it counts; a plain
    fact with the rest of its sentence (``going_on``) and the terms put on it before (``terms_before``: "能不能兼职"
    is answered with "经所在单位同意后…")."""
    first = chosen[0]
    if not led and not re.search(r"[\u4e00-\u9fff]{4}", re.sub(r"[\d.%万亿元家个件人项以上达到突破]", "", first.text)):
        prev = [c for c in cs if c.end <= first.start]
        parts[0] = (prev[-1].text + "，" if prev else "") + parts[0]
    more = going_on(quote, cs, chosen[-1], len("，".join(parts))) if plain_fact else []
    before = terms_before(quote, cs, cs.index(first)) if plain_fact and not led else []
    return short_line("，".join(before + parts + more))


def _measure_after(quote: str, cs: list, last) -> list:
    """The clause after a target's in the same sentence when it states the same target as another measure ("研发经费投入
    达到6.09亿元以上,投入强度达0.46%以上"): a target asked without naming its measure is both."""
    after = next((c for c in cs if c.start >= last.end), None)
    if after is None or re.search(r"[。；;\n]", quote[last.end : after.start]) or YEAR.search(after.text):
        return []
    return [after] if _MEASURES.match(re.sub(r"^[\u4e00-\u9fff]{0,4}?(?=强度|比重|占比|增速|增长率|贡献率|年均增长)", "", after.text)) \
        and _has_figure(after.text, "target") else []


def _with_span_ends(chosen: list, cs: list) -> list:
    """``chosen`` with the clause after any that starts a span ("…自取得…收入之日起"): a span's start says nothing
    without its length ("6个月内完成…")."""
    out = list(chosen)
    for c in chosen:
        after = [n for n in cs if n.start >= c.end]
        if _SPAN_START.search(c.text) and after and after[0] not in out:
            out.insert(out.index(c) + 1, after[0])
    return out


_BASELINE = re.compile(r"基础上|较|比上|同比")
_SPAN_START = re.compile(r"之日起$|起算$")
# a year run on after a figure with no stop between ("占GDP比重力争达1.78%2024年"): it opens the next clause
_RUN_ON_YEAR = re.compile(r"(?<=[\d%件家个项元])(20\d\d\s*年)$")
# what a target measures, when the question names it: a share, a rate, a total
_MEASURES = re.compile(r"强度|比重|占比|增速|增长率|贡献率|总量|累计|总数|总额|年均增长")


def _years_of(c, cs, quote: str) -> set[str]:
    """The years a clause speaks of: its own, else those of the nearest clause before it in the same sentence
    ("到2020年,全区高新技术企业总数超过200家,…总额超过200亿元": the last clause is 2020's too). A baseline year
    ("在2015年的基础上") is no clause's year."""
    for p in reversed([p for p in cs if p.end <= c.start] + [c]):
        if p is not c and re.search(r"[。；;\n]", quote[p.end : c.start]):
            break
        run_on = _RUN_ON_YEAR.search(p.text)  # "…达1.78%2024年": the run-on year is the next clause's
        if p is not c and run_on:
            return set(YEAR.findall(run_on.group(1)))
        own = _RUN_ON_YEAR.sub("", p.text)
        found = set(YEAR.findall(own)) if not _BASELINE.search(own) else set()
        if found:
            return found
    return set()


def department_inline(quote: str, question: str = "") -> str | None:
    """A department named inside a sentence ("领导小组下设办公室在区科工信局"), and the clause naming the person asked for
    by role ("…办公室设在哪个局，主任是谁？": "办公室主任由区科工信局局长戴伟同志兼任")."""
    roles = set(_ROLE.findall(question)) if _WHO.search(question) else set()
    found = []
    for c in clauses(quote):
        # the clause naming the role asked for counts without a department before it ("成立由区长任组长")
        if (_ORG.search(c.text) and not found) or any(re.search(rf"(?<!副){r}", c.text) for r in roles):
            found.append(short_line(c.text))
    return "；".join(found) if found else None


_WHO = re.compile(r"谁|哪位|姓名|名字")
_ROLE = re.compile(r"副?主任|副?组长|局长|负责人|召集人|牵头人")


def fragment(aspect: str, quote: str, question: str, terms: Terms, dept_quote: str | None = None,
             expanded: str | None = None, subject: str = "", own: tuple[str, ...] = ()) -> str:
    """The direct answer for one aspect of one document, with the rule's own word on stacking when the question asks
    whether two benefits can both be had ("这两块能一起拿吗": "…两项叠加激励政策"; "能都拿吗": "此项不重复补助")."""
    line = _fragment(aspect, quote, question, terms, dept_quote, expanded, subject, own)
    if aspect == "department" or not STACKING.asked.search(question):
        return line
    said = next((c.text.strip("，,；; ") for c in clauses(quote) if STACKING.stated.search(c.text)), "")
    return f"{line}；{short_line(said)}" if said and said not in line else line


def _fragment(aspect: str, quote: str, question: str, terms: Terms, dept_quote: str | None = None,
              expanded: str | None = None, subject: str = "", own: tuple[str, ...] = ()) -> str:
    """The direct answer for one aspect of one document (``subject``: what this turn asks about, in its own words).

    ``question`` is as asked (its years count); ``expanded`` adds the vocabulary's equivalents (复审 →
    重新认定), which tier choice reads."""
    expanded = expanded or question
    aspect = of_the_rule(aspect, quote, question)  # "排第3的话是多少" of a rule giving money by rank: the money
    if aspect == "department":
        if dept_quote:
            return department(dept_quote)
        return department_inline(quote, question) or "原文未写明负责部门"
    if aspect == "amount":
        return _unpriced(amount(quote, expanded, question, own), quote, question, subject, terms)
    if aspect == "condition":
        if (listed := things_named(quote, question)) is not None:
            return listed
        quote = asked_rule(quote, question + subject)  # "连续认定几次才能拿那个5万": the rule of the 5万, of several
        found = condition(quote)
        # "经认定达标后", "对经认定的昆明市高新技术培育企业" asked "认定条件是啥": a recognition is required, its criteria
        # are not given
        if bare_condition(found) or recognition_only(found, question):
            return f"原文只写明“{found}”，未写明具体认定标准或条件"
        return _with_benefit(found, quote, question)
    if aspect in ("target", "deadline", "validity"):
        return figure_clause(quote, question, terms, aspect)
    if MONEY.search(quote):  # "能揭榜挂帅吗": the clause naming what is asked, not the rule's money beside it
        paid, named = amount(quote, expanded), figure_clause(quote, question, terms, "fact")
        focus = terms.focus or terms.weights
        return named if share(named, focus) > 0 and share(paid, focus) == 0 else paid
    if RULE_ASKED.search(question):  # "…现金奖励有什么规定": the rule as written, every clause of it
        return quote.strip() if len(quote.strip()) <= _RULE_LINE else short_line(quote)
    if (said := rests_on(quote, question)):
        return said  # "那个孵化器依托哪里建？", "放在哪": "依托协同创新工业集中发展区"
    return figure_clause(quote, question, terms, "fact")


_YUAN = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元)|万元")
# the benefit a condition is asked of, named in the question ("研发机构的补助要满足啥条件")
_BENEFIT_NAMED = re.compile(r"补助|奖励|奖补|补贴|资助|扶持资金|给\s*\d+\s*万|\d+\s*万")


def _with_benefit(found: str, quote: str, question: str) -> str:
    """The conditions, and the amount they earn when the question names the benefit and the conditions state none."""
    if not _BENEFIT_NAMED.search(question) or _YUAN.search(found) or not _YUAN.search(quote):
        return found  # (a share in the conditions, "超过1.5%", is no amount earned)
    paid = amount(quote, question)
    if paid.startswith(_NO_AMOUNT) or paid in found:
        return found
    return paid if normalise(found) in normalise(paid) else f"{found}；{paid}"  # the rule whole, when it holds both


_RULE_LINE = 160  # a rule asked as such is stated whole up to this length
_NO_AMOUNT = "原文未载明具体金额："
# an amount asked as such ("多少", "金额", "补多少"), not only a word of money in a yes/no question ("这个奖励算不算…")
_AMOUNT_ASKED = re.compile(r"多少|几万|金额|额度|标准|比例|上限|封顶|(?:怎么|咋|怎样|如何)个?(?:补|给|奖)|(?:补|奖)(?:点|些|一点)")


def _unpriced(line: str, quote: str, question: str, subject: str, terms: Terms) -> str:
    """A rule stating no amount, asked something else of it ("这个奖励算不算在绩效工资总量里", "上市的话给支持吗"): the
    clause that speaks of what is asked, when it is another than the one offering the benefit."""
    asked = normalise(subject or question)
    own = {t: w for t, w in terms.focus.items() if any(a in asked for a in alts(t))}  # this turn's own words
    if not line.startswith(_NO_AMOUNT) or _AMOUNT_ASKED.search(question) or _MONEY_ASKED.search(question) or not own:
        return line
    offered = share(line.removeprefix(_NO_AMOUNT), own)
    cs = clauses(quote)
    best = max(range(len(cs)), key=lambda i: share(cs[i].text, own), default=None)
    if best is None or share(cs[best].text, own) <= offered:
        # "…是不是必须对外开放": a question of no money is not told the rule states no amount
        if not offered:
            return line
        said = line.removeprefix(_NO_AMOUNT)
        last = next((c for c in reversed(cs) if c.text.strip("，, ") and c.text in said), None)
        first = next((i for i, c in enumerate(cs) if c.text.strip("，, ") and said.startswith(c.text)), None)
        before = terms_before(quote, cs, first) if first is not None else []
        return short_line("，".join([*before, said, *going_on(quote, cs, last, len(said))])) if last else said
    # "…计入所在单位绩效工资总量,但不受核定的绩效工资总量限制": a 但 clause goes on with it (``going_on``)
    before = terms_before(quote, cs, best)
    return short_line("，".join([*before, cs[best].text, *going_on(quote, cs, cs[best], len(cs[best].text))]))


# whether money is given, asked as such ("区里给钱吗", "有没有补贴", "市里给支持吗")
# ("有…吗" asks money only with a word of money: "经费包干那个有提吗" asks whether it is said)
_MONEY = r"(?:钱|补贴|补助|奖励|奖补|支持|扶持|资金|经费)"
_MONEY_ASKED = re.compile(rf"(?:给|补|奖|拿|发)[^，,。？?]{{0,4}}?{_MONEY}?(?:吗|么|没|不)[？?。！!\s]*$"
                          rf"|有[^，,。？?]{{0,4}}?{_MONEY}(?:吗|么|没|不)[？?。！!\s]*$|有没有[^，,。？?]{{0,6}}?{_MONEY}")
