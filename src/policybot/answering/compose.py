"""Compose an answer from evidence without a language model.

Per document, the fitted ``select`` model picks the sentence to quote (grown to its whole rule),
and the fitted ``answerable`` model decides whether it answers the question at all. Three
outcomes: answered (a direct line, then the verbatim quotes with [n]); not found (naming what the
corpus lacks, no figures); or, when the asked region lacks a rule that other regions have, a
redirect citing where it exists. Every answer is checked (markers, verbatim quotes, numbers)
before it is returned.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from policybot.answering import direct
from policybot.answering.departments import GROUP, OWN, WHOLE, NextChunk, department_of
from policybot.answering.paragraph import benefit_in_paragraph, figure_in_paragraph, platforms_in_paragraph
from policybot.answering.picking import TARGET_LINE, Pick, best_pick
from policybot.answering.reply import (
    QUOTES_HEAD,
    Ask,
    flat,
    make_citation,
    quotes_part,
    refusal,
    region_name,
    task_label,
    validity_warnings,
)
from policybot.answering.scoring import Models, Terms
from policybot.answering.targets import count_figure
from policybot.answering.unfound import FIGURE_ASPECTS, NO_RULE, mentioned_only, not_found, shown_subject, where_label
from policybot.index.retrieval import expand
from policybot.settings import AnswerSettings
from policybot.text.citations import check_answer
from policybot.text.concepts import concept_kind, concept_of, concepts_in
from policybot.text.lexical import alts, normalise
from policybot.text.places import applies
from policybot.text.rules import (
    GIVING,
    department_span,
    overall_lead_clause,
)
from policybot.text.tier_clauses import MONEY
from policybot.text.tiers import amount_lines
from policybot.types import Answer, Citation, PolicyDocument, ScoredChunk

# --- choosing --------------------------------------------------------------------------------------


def answer_features(p: Pick, terms: Terms) -> dict:
    return {"select": p.score, "focus_ctx": p.x["focus_ctx"], "focus": p.x["focus"], "focus_top": p.x["focus_top"],
            "focus_key": p.x["focus_key"], "cov_ctx": p.x["cov_ctx"], "missing": terms.missing, "unseen": terms.unseen,
            "dense": p.x["dense"]}


def picks_per_document(evidence: list[ScoredChunk], terms: Terms, models: Models, topical: bool = False) -> list[Pick]:
    """Each document's best quote, with P(answerable); most probable first."""
    top = evidence[0].score if evidence else 0.0
    per_doc: dict[str, Pick] = {}
    paying: dict[str, Pick] = {}  # each document's best passage sentence that states an amount
    for rank, sc in enumerate(evidence, 1):
        pick = best_pick(sc, rank, top, terms, models.select, topical)
        if pick and (sc.chunk.doc_id not in per_doc or pick.score > per_doc[sc.chunk.doc_id].score):
            per_doc[sc.chunk.doc_id] = pick
        if pick and MONEY.search(pick.text) and GIVING.search(pick.text) and (
                sc.chunk.doc_id not in paying or pick.score > paying[sc.chunk.doc_id].score):
            paying[sc.chunk.doc_id] = pick
    # "…新设研发机构，有补助吗？", "有啥要求，能补多少": the rule paying for it, not a target or a fund's purpose
    if terms.intents and "amount" in terms.intents[:2]:
        per_doc = {d: _paying_instead(p, paying.get(d)) for d, p in per_doc.items()}
    for pick in per_doc.values():
        pick.prob = models.answerable.prob(answer_features(pick, terms))
    return sorted(per_doc.values(), key=lambda p: -p.prob)


AMOUNT_MARGIN = 1.0  # how far below the best sentence one stating an amount, as much on topic, may score


def _paying_instead(best: Pick, paying: Pick | None) -> Pick:
    """For an amount asked: ``best``, or a sentence as much on the topic that states an amount, scoring close to it."""
    if paying is None or paying is best or (MONEY.search(best.text) and GIVING.search(best.text)):
        return best  # it states what is given (a target's "占比达20%" is no amount)
    on_topic = paying.x.get("focus", 0.0) >= best.x.get("focus", 0.0)
    # a target giving nothing ("到2025年,有研发机构的规模以上工业企业占比达20%以上") answers no amount: the paying rule
    # beside it may score further below ("…新设立研发机构,…给予市级补助经费10万元" in the next passage)
    # and one naming more of the topic ("对规模以上企业新设立研发机构…10万元" against a fund "用于…研发经费投入") may too
    wider = paying.x.get("focus", 0.0) >= best.x.get("focus", 0.0) + FOCUS_LEAD
    margin = TARGET_MARGIN if (TARGET_LINE.match(best.text) and not GIVING.search(best.text)) or wider else AMOUNT_MARGIN
    return paying if on_topic and paying.score >= best.score - margin else best


TARGET_MARGIN = 3.0
FOCUS_LEAD = 0.25  # how much more of the focus a paying sentence names to be allowed the wider margin


ABSENT_SHARE = 0.5  # the share of the question's focus weight an absent topic must carry to decide "not found"


def about_absent(terms: Terms) -> bool:
    """Is the question about a topic no document contains: its weightiest focus word is part of a topic the asker wrote
    that no document uses ("有没有人才住房补贴": 住房补贴, not the 人才 clauses that match its lesser word)?"""
    if terms.absent_asked:
        return True  # "对引进的高端人才有没有安家费": what it asks whether there is, no document has
    if not terms.absent or not terms.focus or terms.missing < ABSENT_SHARE:
        return False  # "利息有补贴吗": most of what it asks (专利质押贷款) is there, 利息 is another word for 贴息
    top = max(terms.focus, key=terms.focus.get)
    return any(a in p for a in alts(top) for p in terms.absent)


def _chosen(picks: list[Pick], ask: Ask, documents: dict[str, PolicyDocument], cfg: AnswerSettings, bar: float) -> list[Pick]:
    good = [p for p in picks if p.prob >= bar]
    if not good and ask.aspects[0] == "department":
        # "总部这块区里谁牵头？": who leads a task the passage names in every asked word is read off its 牵头 line,
        # however little the rest of the sentence matches the question
        good = [p for p in picks[:1] if p.x.get("focus_key") == 1.0 and p.x.get("focus_ctx", 0.0) >= 0.99
                and department_span(p.sc.chunk.text, (p.start, p.end)) is not None]
    if not good:
        return []
    if len(ask.places) >= 2:  # "官渡区和临沧…分别": one line for each region named
        chosen = []
        for place in ask.places:
            mine = [p for p in good if place in documents[p.sc.chunk.doc_id].region and p not in chosen]
            if mine:
                chosen.append(mine[0])
        return chosen[: cfg.max_citations]
    best = good[0].prob
    return [p for p in good if p.prob >= cfg.multi_region_ratio * best][: cfg.max_citations]


# --- writing ---------------------------------------------------------------------------------------


def _aspect_label(aspect: str) -> str:
    return direct.ASPECT_NAMES.get(aspect, "")


def _several_head(chosen: list[Pick], documents: dict[str, PolicyDocument]) -> str:
    """The head of lines from several documents: a city's and its district's both apply where the district is ("市、区
    文件分别规定"), places apart differ ("各地规定不同")."""
    chains = [tuple(documents[p.sc.chunk.doc_id].region) for p in chosen]
    longest = max(chains, key=len)
    nested = all(c and longest[:len(c)] == c for c in chains)
    return "各级文件分别规定：" if nested and len(set(chains)) > 1 else "各地规定不同："


def _write(chosen: list[Pick], ask: Ask, terms: Terms, documents: dict[str, PolicyDocument], today: dt.date,
           next_chunk: NextChunk | None = None) -> tuple[str, str, list[Citation]]:
    """(direct line(s), full reply, citations) for the chosen quotes."""
    citations: list[Citation] = []
    body, direct_parts = [], []
    several = len(chosen) > 1
    where = ask.where if len(ask.places) < 2 else None  # "官渡区和临沧…分别": each line is its own place's
    for pick in chosen:
        doc = documents[pick.sc.chunk.doc_id]
        region = region_name(doc, where)
        found = department_of(pick, next_chunk) if "department" in ask.aspects else None
        only_dept = ask.aspects == ("department",) and found is not None and found[2] == OWN
        main_n = None
        if not only_dept:
            citations.append(make_citation(len(citations) + 1, pick, doc, today))
            main_n = citations[-1].n
            body.append(f"【{region}】{flat(citations[-1].quote)}[{main_n}]")
        dept_n, dept_quote = None, None
        if found is not None:
            citations.append(make_citation(len(citations) + 1, found[0], doc, today, found[1]))
            dept_n, dept_quote = citations[-1].n, citations[-1].quote
            labels = doc.section_at(pick.sc.chunk.start + pick.start)
            label = {OWN: task_label(labels), GROUP: task_label(labels[:-1])}.get(found[2], "全文")
            body.append(f"【{region}】{label + '：' if label else ''}{flat(dept_quote)}[{dept_n}]")
            if found[2] == WHOLE:
                dept_quote = "该项未单列负责部门；全文：" + overall_lead_clause(dept_quote)  # the plan's overall lead, said as such
        parts = []
        for aspect in ask.aspects:
            frag = direct.fragment(aspect, pick.text, ask.text, terms, dept_quote, ask.expanded, ask.subject, ask.own)
            n = dept_n if aspect == "department" and dept_n else (main_n or dept_n)
            name = _aspect_label(aspect) if len(ask.aspects) > 1 else ""
            parts.append(f"{name + '：' if name else ''}{frag}[{n}]")
        direct_parts.append(f"{region}：{'；'.join(parts)}" if several else "\n".join(parts))
    direct_line = _several_head(chosen, documents) + "；".join(direct_parts) if several else direct_parts[0]
    reply = direct_line + QUOTES_HEAD + "\n".join(body)
    return direct_line, reply, citations


def compose(
    question: str,
    ask: Ask,
    picks: list[Pick],
    terms: Terms,
    models: Models,
    documents: dict[str, PolicyDocument],
    cfg: AnswerSettings,
    today: dt.date,
    next_chunk: NextChunk | None = None,
) -> Answer:
    """The extractive answer, or a not-found answer when no quote is judged to answer the question."""
    all_docs = list(documents.values())
    chosen = [] if about_absent(terms) else _chosen(picks, ask, documents, cfg, models.answerable.threshold)
    if not chosen:
        near = next((p for p in picks if p.x.get("focus_key") == 1.0), None)
        figure = direct.FIGURES["amount"] if ask.aspects[0] == "amount" else direct.FIGURES.get(ask.aspects[0])
        if near is not None and ask.wants_figure and ask.aspects[0] in FIGURE_ASPECTS and not (
                figure is not None and figure.search(near.text)) and not terms.absent:
            # a rule stating the figure is never "not stated"; a topic no document contains ("算力券") is said to be
            # missing, never "mentioned" through a neighbouring word
            return mentioned_only(question, ask, near, documents[near.sc.chunk.doc_id], today)
        return not_found(question, ask, all_docs, picks[0] if picks else None, documents)
    figure = _figure_asked(ask)
    if ask.wants_figure and figure is not None and not any(figure.search(p.text) for p in chosen):
        # the closest rule names the topic without the figure: another document that applies may state it
        # (官渡区's plan names 院士工作站, 昆明市's measures give 180万元); else the topic is there, the number is not
        stated = [p for p in picks if p.prob >= models.answerable.threshold and figure.search(p.text)]
        if not stated and terms.absent:
            return not_found(question, ask, all_docs, picks[0] if picks else None, documents)
        near = _in_paragraph(chosen[0], figure, ask, terms, next_chunk) if not stated else None
        if not stated and near is None:
            return mentioned_only(question, ask, chosen[0], documents[chosen[0].sc.chunk.doc_id], today)
        chosen = stated[:1] or [near]
    if ask.aspects[0] == "amount" and any(_figure_of_another(p, ask) for p in chosen) and any(
            not _figure_of_another(p, ask) and MONEY.search(p.text) for p in chosen):
        # a line whose figure is another thing's is left out for one stating a figure; never for a line stating none
        # ("评上高企有没有一次性奖励": 昆明's 3万元—5万元…5万元 stays beside 官渡's "一次性资金扶持" without an amount)
        chosen = [p for p in chosen if not _figure_of_another(p, ask)]
    if ask.aspects[0] == "amount" and all(_figure_of_another(p, ask) for p in chosen):
        # "瞪羚企业有奖励没？" of "…瞪羚企业—准独角兽企业—独角兽企业…,每家“独角兽企业”…500万元": named, figure not its own
        mine = asked_concept(ask, chosen[0].text)
        return mentioned_only(question, replace(ask, subject=mine[1]), chosen[0], documents[chosen[0].sc.chunk.doc_id],
                              today)
    named = platforms_in_paragraph(chosen[0], question, terms.focus)
    kept = _of_asked_kind(question, ask, [named, *chosen[1:]] if named else chosen, picks, documents, today)
    if isinstance(kept, Answer):
        return kept
    direct_line, reply, citations = _write(kept, ask, terms, documents, today, next_chunk)
    warnings = validity_warnings([documents[d] for d in dict.fromkeys(c.doc_id for c in citations)], today)
    answer = Answer(question=question, found=True, answer=reply, citations=citations, warnings=warnings,
                    direct_answer=direct_line, outcome="answered")
    problems = check_answer(answer.answer, answer.citations)
    if problems:  # cannot happen for quotes taken verbatim; refuse rather than show an unsupported figure
        refused = refusal(question, "（答案未通过引文校验）", all_docs)
        refused.warnings = problems
        return refused
    return answer


def asked_concept(ask: Ask, text: str) -> tuple[str, str]:
    """The asked concept ``text`` names: itself, else one it is taken as (a 孵化器 asked, the rule's 孵化平台 named)."""
    ids = _concept_ids(text)
    return next((c for c in ask.concepts if c[0] in ids), None) or next(
        (c for c in ask.concepts if set(concept_of(c[0]).get("implies", [])) & ids), ask.concepts[0])


def _concept_ids(text: str) -> set[str]:
    return {cid for cid, _s, _e in concepts_in(normalise(text))}


def _figure_asked(ask: Ask) -> re.Pattern[str] | None:
    """What a figure answering the ask looks like: money for an amount, a count in the unit asked for a count."""
    if ask.aspects[0] == "amount":
        return MONEY  # a year or a count is not an amount
    if ask.aspects[0] == "target" and (counted := count_figure(ask.text)):
        return counted
    return direct.FIGURES.get(ask.aspects[0]) if ask.aspects[0] in FIGURE_ASPECTS else None


def _in_paragraph(pick: Pick, figure, ask: Ask, terms: Terms, next_chunk: NextChunk | None) -> Pick | None:
    """The sentence of the chosen rule's paragraph stating the asked figure; for an amount none states, the one
    offering the money without it (what the task says of the money)."""
    words = _asked_words(terms) if ask.aspects[0] == "target" else ()  # a share beside is no amount asked
    near = figure_in_paragraph(pick, figure, terms.years, next_chunk, words)
    return near if near is not None or ask.aspects[0] != "amount" else benefit_in_paragraph(pick)


def _asked_words(terms: Terms) -> tuple[str, ...]:
    """The question's weighty words outside its focus (the focus is what the chosen sentence names): one of them in a
    later sentence of the item marks where a target's figure is stated."""
    return tuple(a for t, w in terms.weights.items() if w >= 1.0 and t not in terms.focus for a in alts(t) if len(a) >= 2)


def _of_asked_kind(question: str, ask: Ask, chosen: list[Pick], picks: list[Pick],
                   documents: dict[str, PolicyDocument], today: dt.date) -> list[Pick] | Answer:
    """"入选市级科技创新人才每人补多少钱？" and only 高企's 10万元 above the bar: an amount is never given for another kind
    of thing (a recognition for a talent); the asked thing named without one is "not stated", named nowhere "not
    found"; else the lines chosen."""
    if not (ask.aspects[0] == "amount" and ask.concepts and all(_of_another_kind(p, ask) for p in chosen)):
        return chosen
    named = next((p for p in picks if _names_asked(p, ask)), None)
    if named is None:
        return not_found(question, ask, list(documents.values()), picks[0] if picks else None, documents)
    if not MONEY.search(named.text):
        return mentioned_only(question, ask, named, documents[named.sc.chunk.doc_id], today)
    return [named]


def _asked_ids(ask: Ask) -> set[str]:
    """The concepts this turn asks about and what each is also taken as (a 孵化器 is a 孵化平台, the rule's 创新载体)."""
    return {c for cid, _ in ask.concepts for c in (cid, *concept_of(cid).get("implies", []))}


def _names_asked(pick: Pick, ask: Ask) -> bool:
    """Does the picked sentence name a thing this turn asks about (or what it is taken as)?"""
    return bool(_asked_ids(ask) & _concept_ids(pick.text))


def _of_another_kind(pick: Pick, ask: Ask) -> bool:
    """Does the picked sentence name only things of other kinds than those asked (a recognition, asked a talent)?"""
    named = _concept_ids(pick.text)
    asked = {cid for cid, _ in ask.concepts}
    kinds = {concept_kind(cid) for cid in asked}
    # 培育高新技术企业 is of 高新技术企业: a name inside another is the same thing
    related = any(a in n or n in a for a in asked for n in named)
    return bool(named) and not related and not _names_asked(pick, ask) and not any(concept_kind(c) in kinds for c in named)


def _figure_of_another(pick: Pick, ask: Ask) -> bool:
    """Does the pick name what this turn asks about (a platform, a recognition) only beside the one its figure is
    for? Its amount lines name another such thing and not the asked one."""
    asked = _asked_ids(ask)  # what the asked thing also is counts as it
    if not asked or not asked & _concept_ids(pick.text):
        return False
    # the asker's own words first ("双创载体想评省级星创天地": their synonyms add 孵化器, which the rule pays too)
    named = [{cid for line in amount_lines(pick.text, q)[0] for cid in _concept_ids(line)} for q in (ask.text, ask.expanded)]
    return all(n and not n & asked for n in named)


def _piece_words(phrase: str) -> set[str]:
    """The pieces of ``phrase`` and the documents' words for them (人才公寓: 人才, 科技人才, 人才培养)."""
    text = normalise(phrase)
    pieces = {text[i:j] for i in range(len(text)) for j in range(i + 2, len(text) + 1) if j - i < len(text)}
    return pieces | {w for p in pieces for w in expand(p)}


def _expansions(phrase: str) -> list[str]:
    """The documents' words for an everyday phrase, only when the phrase is that word alone (高企 → 高新技术企业)."""
    return expand(phrase) if len(normalise(phrase)) <= 4 else []


def _named_in(what: str, own: list[PolicyDocument]) -> bool:
    """Is ``what`` named in the asker's own documents, in its words or theirs (高企 is 高新技术企业)? A piece of the
    phrase, or a word for a piece, is not the phrase: 人才/科技人才 named is no 人才公寓 named."""
    said = [what, *(w for w in _expansions(what) if w not in _piece_words(what))]
    return any(normalise(w) in normalise(d.text) for d in own for w in said)


def redirect(
    question: str, ask: Ask, picks: list[Pick], terms: Terms, models: Models,
    documents: dict[str, PolicyDocument], cfg: AnswerSettings, today: dt.date,
) -> Answer | None:
    """Not in the asked region, but elsewhere: found=false for the region, the rule cited where it exists."""
    chosen = _chosen(picks, Ask(ask.text, ask.expanded, ask.aspects, (), ask.topic, subject=ask.subject), documents,
                     cfg, models.answerable.threshold)
    if ask.where:  # a rule of a place containing the asked one applies there: it is an answer, not a redirect
        chosen = [p for p in chosen if not applies(documents[p.sc.chunk.doc_id].region, ask.where)]
    if not chosen:
        return None
    _, reply, citations = _write(chosen, ask, terms, documents, today)
    places = "、".join(dict.fromkeys(region_name(documents[c.doc_id]) for c in citations))
    what = ask.topic or shown_subject(ask.subject)  # the rule exists elsewhere: the subject names it
    own = [d for d in documents.values() if ask.where and d.region and applies(d.region, ask.where)]
    # named there (in its words or the documents' own: 高企 is 高新技术企业), the asked detail not found
    # (a piece of the phrase, or a word for a piece, is not the phrase: 人才/科技人才 named is no 人才公寓 named)
    named = [w for w in what.split("、") if _named_in(w, own)] if what else []
    if named:  # "新型研发机构、研究院所": a word the place's own documents use is never said to be missing there
        gap = f"提到了“{'、'.join(named)}”，但没有找到所问的具体规定"
    else:
        gap = f"没有关于“{what}”的规定" if what else NO_RULE
    head = f"{where_label(ask, list(documents.values()))}中{gap}；{places}有相关规定（只适用于该地区，仅供参考）"
    body = quotes_part(reply)
    answer = Answer(question=question, found=False, answer=f"{head}：\n{body}", citations=[], warnings=[],
                    direct_answer=head + "。", elsewhere=citations, outcome="elsewhere")
    if check_answer(answer.answer, answer.elsewhere):
        return None
    return answer
