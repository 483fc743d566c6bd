"""The ordinary answer: the asked figure, department or condition picked from the evidence and quoted verbatim."""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.answering.answerers.base import Answerer
from policybot.answering.asker import supposed_in_turn
from policybot.answering.compose import compose, picks_per_document
from policybot.answering.reply import Ask
from policybot.answering.unfound import not_found
from policybot.answering.focus import Lexicon
from policybot.answering.guesses import checked
from policybot.answering.missing_here import missing_here
from policybot.answering.named import long_names, named_instead, only_naming
from policybot.answering.aspects import wants_figure
from policybot.answering.questions import own_question
from policybot.answering.scoring import Terms
from policybot.answering.targets import target_instead, with_figures_after
from policybot.answering.turn import Turn
from policybot.answering.words import POINTER_WORD
from policybot.index.retrieval import expand
from policybot.text.concepts import concepts_in
from policybot.text.lexical import alts, merged_spans, normalise
from policybot.text.tiers import asking_part, rank_said, said_not, tier_words, unnegated
from policybot.text.places import places_in, without_places
from policybot.types import Answer, ScoredChunk


def answer(turn: Turn) -> Answer | None:
    """The composed answer; when it finds nothing, None with the draft kept for the answerers after it
    (``follow_up``, ``elsewhere``, ``not_found``)."""
    reading, bot, plan = turn.reading, turn.bot, turn.plan
    asked, terms = turn.asked, turn.terms
    plain = asking_part(reading.text)  # after what the asker already knows, without what is ruled out
    # what the asker says it is not (now or earlier in the conversation) rules out that tier of a rule, unless this
    # turn names it as the company's ("要是明年评上高企了呢")
    # "那要是评上了呢": what it said it lacks, supposed held (and by a follow-up of such a question: "那三年到期再认定呢")
    supposed = supposed_in_turn(reading.core, reading.resolved, turn.asker)
    now = frozenset(cid for cid, _, _ in concepts_in(unnegated(reading.core))) | set(supposed)
    told = said_not(reading.text, turn.asker.lacks if turn.asker else (), now) + "".join(
        f"，{c}" for c in supposed if c not in reading.text)
    if turn.asker and not tier_words(reading.core):  # what the asker holds picks its tier of a rule naming none asked
        told += "".join(f"，{c}" for c in turn.asker.holds if c not in reading.text and c not in told)
    rank = rank_said(turn.question)  # "…有奖励？我们大概排第三": the asker's rank picks the tier, though no ask
    told += f"，{rank}" if rank and rank not in normalise(reading.text) else ""
    topic, subject = topic_and_subject(bot.lexicon, terms, reading.core)
    mended = bot.lexicon.correct(reading.core)[0]  # this turn's words through their slips
    ask = Ask(reading.text + told, plain + " " + " ".join(expand(plain)) + told, tuple(asked), plan.places,
              topic, wants_figure(own_question(reading.core)), subject,  # ("招了几个博士，…有没有人才公寓": no count asked)
              where=plan.chains[0] if plan.chains else reading.region,  # what answer lines are labelled against
              concepts=_concepts(mended),
              # a follow-up's own words ("那要是只评上昆明市科技创新领军人才呢"), read apart from the turn it follows
              own=_own_words(mended, told) if reading.resolved != reading.core else ())
    gone = missing_here(turn)
    if gone:  # "人才公寓有吗" in 官渡: its documents never name 人才公寓, another region's does (``elsewhere`` says so)
        ask = replace(ask, topic=gone)
        turn.draft = (not_found(reading.asked, ask, list(bot.index.documents.values())), ask)
        return None
    picks = picks_per_document(turn.evidence, terms, bot.models, "department" in asked)
    pool = turn.evidence + _rest_of_documents(bot.index.chunks, turn.evidence, {p.sc.chunk.doc_id for p in picks})
    picks = [with_figures_after(p) for p in picks]  # "——…实现倍增。" alone states no figure
    if asked and asked[0] == "target":  # the sentence stating the asked year's, measure's target, not the best topical one
        picks = [target_instead(p, pool, reading.text, terms) for p in picks]
    elif asked and asked[0] in ("condition", "fact", "amount"):  # "那个研发经费投入奖补资金能直接申请吗": the sentence naming it
        names = long_names(own_question(reading.core), bot.lexicon.known)
        picks = only_naming([named_instead(p, pool, names) for p in picks], names, bot.models.answerable.threshold)
    composed = compose(reading.asked, ask, picks, terms, bot.models, bot.index.documents, bot.settings.answer,
                       turn.today, bot.next_chunk)
    if not composed.found and composed.outcome == "not_found":
        own = turn.district_docs()
        wider_turn = turn.beyond_district() if own else None
        if wider_turn is not None and not _named_in(turn, own) and _named_in(turn, wider_turn.only, every=True):
            # "那专家工作站区里有吗": the district's own documents never name it, its city's do
            wider = answer(wider_turn)
            if wider is not None and wider.found:
                return _district_silent(wider, turn.reading.region or (turn.asker.region if turn.asker else ""))
        turn.draft = (composed, ask)
        return None
    said = _size_said(reading.core)  # "隔壁一家规下的小厂…他们评上了也有吗": the size of the company asked about
    mine = turn.asker.size if turn.asker else ""
    return checked(_rule_condition(_size_condition(_for_size(composed, said or mine, own=not said or said == mine))),
                   reading.core)


def _named_in(turn: Turn, doc_ids: set[str], every: bool = False) -> bool:
    """Do the documents ``doc_ids`` name the subject asked: any of its focus words of two or more characters (``every``:
    each of them, "学生…比赛获奖" is not named where only 获奖 is)?"""
    words = [a for t in turn.terms.focus for a in alts(t) if len(a) >= 2 and not turn.bot.lexicon.is_generic(a)]
    words = [w for w in words if not any(w != o and w in o for o in words)]  # "专家工作站", not its piece "工作站"
    texts = [t for d, t in turn.bot.index.normalised_texts.items() if d in doc_ids]
    held = [any(w in t for t in texts) for w in words]
    return bool(held) and (all(held) if every else any(held))


def _district_silent(reply: Answer, district: str) -> Answer:
    """The wider reply, said to be the containing place's rule, not the district's own."""
    note = f"{district}自己的文件没有单独规定；以下是适用于{district}的上级文件的规定：\n" if district else ""
    return replace(reply, direct_answer=note + reply.direct_answer, answer=note + reply.answer) if note else reply


def _rest_of_documents(chunks, evidence: list[ScoredChunk], doc_ids: set[str]) -> list[ScoredChunk]:
    """The passages of ``doc_ids`` not in ``evidence``, in document order (unscored)."""
    seen = {sc.chunk.chunk_id for sc in evidence}
    return [ScoredChunk(chunk=c, score=0.0) for c in chunks if c.doc_id in doc_ids and c.chunk_id not in seen]


_WRITTEN = {"规上": "规模以上", "规下": "规模以下"}
_SIZE_WORDS = {"规上": re.compile(r"规上|规模以上"), "规下": re.compile(r"规下|规模以下")}


_SIZE_IN_QUESTION = {"规下": re.compile(r"规下|规模以下|没上规|未上规|没有上规|不是规上|非规上|(?:没|未|不到)规上"),
                     # "那升规以后呢", "等我们上规了": the size it supposes it grows to
                     "规上": re.compile(r"(?<![非没未到])规上(?!高企|高新)|规模以上|升规|(?<![没未不还])上规|纳统")}


def _size_said(core: str) -> str:
    """The size of company the question itself states ("一家规下的小厂"), when it states just one."""
    found = [size for size, pattern in _SIZE_IN_QUESTION.items() if pattern.search(core)]
    return found[0] if len(found) == 1 else ""


def _for_size(reply: Answer, size: str, own: bool = True) -> Answer:
    """A figure stated for the other size of company than the asker said it is ("贵单位为规下企业" asking about a
    规上 rule), or than the question says the company asked about is: said first, so the rule is not read as theirs."""
    other = {"规上": "规下", "规下": "规上"}.get(size)
    line = reply.direct_answer
    # the rule it quotes ("对规模以上企业认定为高新技术企业的给予资金奖补,对首次认定…10万元"), or the line
    rule = "\n".join([*(c.quote for c in reply.citations), line])
    if not other or not reply.found or not _SIZE_WORDS[other].search(rule) or _SIZE_WORDS[size].search(rule):
        return reply
    whom = f"贵单位作为{size}企业" if own else f"{size}企业"
    clause = _size_clause(rule, other)
    if not clause:  # "奖补资金分配根据…各县(区)规模以上企业研发经费投入总量…": a measure named in a long clause, not whom
        return reply
    said = f"（原文：“{clause}”）"
    note = f"注意：这条原文只适用于{_WRITTEN[other]}企业{said}，{whom}按原文不适用。\n"
    return replace(reply, direct_answer=note + line, answer=note + reply.answer)


_ANY_SIZE = re.compile(r"规上|规模以上|规下|规模以下|上规|升规")


def _size_condition(reply: Answer) -> Answer:
    """A one-rule answer whose line leaves out the size of company its sentence opens with ("对规模以上企业认定为高新技术
    企业的给予资金奖补,对首次认定企业给予…10万元"): the condition said first, in the rule's words, so 10万元 is not read as
    every company's. (A rule for the other size than the asker's is noted by ``_for_size`` instead.)"""
    line = reply.direct_answer
    if not reply.found or reply.outcome != "answered" or len(reply.citations) != 1 or _ANY_SIZE.search(line):
        return reply
    quote = reply.citations[0].quote
    clause = _size_subject(quote)
    if not clause or normalise(clause) in normalise(line) or not _opens(quote, clause, line):
        return reply
    note = f"适用条件为“{clause}”："  # on the line itself: a part of a several-part answer stays one line
    return replace(reply, direct_answer=note + line, answer=note + reply.answer)


# whom a rule is for, as its sentence opens ("…继续通过评审的国家高新技术企业，给予每户4万元的扶持")
_WHOM = re.compile(r"(?:企业|单位|机构|人才|团队|人员|个人|平台|孵化器|众创空间|星创天地|工作站|实验室|中心|基地)$")


def _rule_condition(reply: Answer) -> Answer:
    """A one-rule answer whose line is only the giving clause of a sentence that opens with whom, on what conditions,
    it is for ("营业收入较上一年度有增长并且三年有效期满继续通过评审的国家高新技术企业，给予每户4万元的扶持"): those
    conditions said first, in the rule's words, so the figure is not read as unconditional."""
    line = reply.direct_answer
    if not reply.found or reply.outcome != "answered" or len(reply.citations) != 1 or line.startswith(("适用条件", "注意")):
        return reply
    quote = reply.citations[0].quote
    at = quote.find(re.sub(r"\[\d+\]$", "", line))
    if at <= 0:
        return reply
    before = re.split(r"[。；;：:]", quote[:at].rstrip("，, "))[-1].strip()
    if not 8 <= len(before) <= 60 or re.search(r"\d", before) or not _WHOM.search(before) \
            or normalise(before) in normalise(line):
        return reply
    note = f"适用条件为“{before}”："
    return replace(reply, direct_answer=note + line, answer=note + reply.answer)


def _size_subject(quote: str) -> str:
    """The quote's clause naming a size of company, without figures: the whole clause, or its subject when it goes on to
    figures ("对规模以上企业新批准设立的院士、专家工作站分别给予…"); "" when there is none."""
    for size in _WRITTEN:
        clause = _size_clause(quote, size)
        head = re.split(r"(?:分别)?给予|按", clause)[0] if re.search(r"\d", clause) else clause
        if head and _ANY_SIZE.search(head) and not re.search(r"\d", head):
            return head
    return ""


def _opens(quote: str, clause: str, line: str) -> bool:
    """Does ``clause`` come before what ``line`` states, in the same sentence of ``quote`` (so it scopes it)? Not when it
    opens the next rule of the sentence ("…100万元,对规模以上企业新批准设立的院士、专家工作站…")."""
    q = normalise(quote)
    stated = normalise(re.sub(r"\[\d+\]", "", line).split("\n")[0].split("：")[-1])[:10]
    at, start = q.find(stated), q.find(normalise(clause))
    return 0 <= start and start + len(normalise(clause)) <= at and not re.search(r"[。；;]", q[start:at])


def _size_clause(rule: str, size: str) -> str:
    """The rule's own clause naming the size of company it is for ("对规模以上企业认定为高新技术企业的给予资金奖补"),
    quoted so the asker sees the condition in the document's words; "" when no short clause names it."""
    clauses = [c.strip() for c in re.split(r"[，,；;。\n]|\[\d+\]", rule)]
    return next((c for c in clauses if _SIZE_WORDS[size].search(c) and len(c) <= 60), "")


def _concepts(core: str) -> tuple[tuple[str, str], ...]:
    """The platforms and recognitions this turn names, each with its words (typos mended)."""
    text = normalise(core)
    return tuple(dict.fromkeys((cid, text[a:b]) for cid, a, b in concepts_in(text)))


def phrases(words, question: str, most: int = 2) -> str:
    """``words`` as the question writes them: adjacent words read as one phrase, first word's phrase first;
    only phrases that occur verbatim in ``question``, joined with "、"."""
    q = normalise(question)
    same = len(q) == len(question)  # NFKC kept the length: a span of q is the same span of the question
    merged = merged_spans((q.find(w), q.find(w) + len(w)) for w in dict.fromkeys(words) if w and w in q)
    found = [question[a:b] if same else q[a:b] for a, b in merged]
    found = [p for p in dict.fromkeys(found) if p in question]
    first = next(iter(words), "")
    found.sort(key=lambda p: (normalise(first) not in normalise(p), -len(p)))
    return "、".join(found[:most])


def _own_words(core: str, told: str) -> tuple[str, str]:
    """This turn's own words as tier choice reads them, with what the asker said of itself (``told``: "我们大概排第三")
    and without what it rules out ("不是高企") or where it asks ("昆明那边高企…": 昆明 chooses no "昆明市高新技术培育
    企业", while 云南省 of "云南省科技领军人才" is the name's): as written, then with the vocabulary's equivalents
    (再次认定 → 连续两次以上), which make kindred tiers alike and so come second."""
    plain = without_places(asking_part(core), places_in(core), after=_WHERE_AFTER)
    return plain + told, plain + " " + " ".join(expand(plain)) + told


# a place said as where (昆明那边, 昆明的, 在临沧): not part of a name after it
_WHERE_AFTER = r"(?=那边|这边|那里|这里|当地|本地|本级|层面|市里|区里|县里|的|[，,。？?！!\s]|$)"


def topic_and_subject(lexicon: Lexicon, terms: Terms, question: str) -> tuple[str, str]:
    """(the absent topic, the subject) as the asker wrote them in ``question`` (this turn only), for
    "没有关于“…”的规定": the topic joins the nouns no document contains, the subject the focus words of
    the asking part; each is a substring of the question (neighbouring words read as one phrase:
    "加计" + "扣除" → "加计扣除"), or empty when there is none to name."""
    weight = {(t[0] if isinstance(t, tuple) else t): w for t, w in terms.focus.items()}
    asking = own_question(question)
    subject_words = sorted((a for t in terms.focus for a in alts(t)
                            if len(a) >= 2 and a in normalise(asking)
                            and lexicon.known(a)  # the subject is a thing the documents name
                            and not POINTER_WORD.fullmatch(a)),
                           key=lambda a: -weight.get(a, 0.0))
    return phrases(terms.absent, asking), phrases(subject_words, asking)


def _once(turn: Turn) -> Answer | None:
    return turn.once("extractive", answer)  # tried already by unstated_detail: the same reply, no second search


ANSWERER = Answerer("extractive", _once, reworded=True)
