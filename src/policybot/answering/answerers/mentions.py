""""新材料这块市里有没有重点方向？", "那育种这块呢，有相关的说法没？", "官渡区的计划里对专精特新企业是怎么说的？": a question
asking what the documents SAY about a topic (no figure, department or condition asked). The sentences of the documents
applying to the place asked (else the asker's) that name the topic are quoted, at most three, those naming most of the
asked words (and the place asked) first. A search ranks whole passages, so a topic named once inside a passage on
something else ("…以育种保护和滇池治理为重点的…创新生态圈") is missed by it; the sentences are found by the words.
A topic no applying document names is left to the answerers after this one (the not-found reply names it)."""

from __future__ import annotations

import re

from policybot.answering.answerers.base import Answerer
from policybot.answering.departments import OWN, department_of
from policybot.answering.reply import make_citation, region_name
from policybot.answering.picking import Pick, candidates
from policybot.answering.place_mentions import jointly_naming
from policybot.answering.aspects import aspects
from policybot.answering.questions import own_question
from policybot.answering.quoting import quoted_reply, span_citations, with_quoted_lines
from policybot.answering.turn import Turn
from policybot.answering.wordclass import word_classes
from policybot.answering.words import is_profile_word, titled
from policybot.text.lexical import alts, jieba_tokenizer, normalise
from policybot.text.places import LEVEL_DEPTH, aliases, applies, places_in, short_label, without_places
from policybot.text.rules import DEPT_LINE
from policybot.types import Answer, ScoredChunk

# asks what is said, not what is given: "有啥说法", "怎么说的", "重点方向", "有什么安排"
_SAYS = re.compile(r"(?:相关|具体|单独|专门)?的?(?:说法|提法)|(?:怎么|咋|如何)(?:说|讲|提|表述)的?|有没有提|提没提|提到了?(?:什么|啥|吗|没)|讲了(?:什么|啥)|"
                   r"(?:说|写)了(?:些)?(?:什么|啥)|(?:写|讲)的(?:什么|啥)|(?:有|是)(?:些)?(?:什么|啥)内容|"
                   r"(?:重点|主要)(?:方向|领域)|重点支持(?:哪些|什么|啥)(?:方向|领域)?|(?:支持|扶持)(?:的)?(?:方向|思路)|"
                   r"(?:有|有没有|有啥|有什么|是啥|是什么)(?:相关的?|单独的?|具体的?|重点)?(?:安排|部署|举措|布局)|"
                   r"(?:有|有没有)(?:专门|单独|特别)的?(?:方向|安排|部署|说法|提法)|"
                   r"(?:有|是)?(?:什么|啥|怎样的?)(?:样的)?定位|定位(?:是|为)?(?:什么|啥|怎样)|"
                   # "那市里人才方面有啥", "大数据方面有哪些重点", "文旅和科技结合这块有支持吗": what is done in a field
                   r"(?:方面|这块|这一块|这方面|领域)(?:的)?(?:政策|工作|内容)?(?:有|都有|还有)?(?:些)?(?:啥|什么|哪些)(?:重点|举措|措施|内容|任务|规划|安排|打算)?"
                   r"(?=$|[？?。！!，,吗呢没])|(?:方面|这块|这一块|领域)(?:有没有|有)(?:支持|扶持|说法|举措)(?:吗|没|没有)?(?=$|[？?。！!，,])|"
                   # "市里对坚果产业有哪些科技支持", "科研人员方面有什么新做法": what is done for a topic named
                   r"(?<![各])(?:有|都有|还有)(?:些)?(?:哪些|什么|啥)(?:新的?|具体的?)?(?:科技)?(?:支持|扶持|举措|措施|做法)(?=$|[？?。！!，,吗呢])|"
                   # "区里科技方案里有啥跟我们相关的": what of the plan concerns the asker (its trade is the topic)
                   r"(?:有|有没有)(?:啥|什么|哪些)(?:跟|和|与)(?:我们|我司|咱们)(?:相关|有关)的?")
# what a plan makes of a topic ("数字经济…有什么定位", "有啥布局"): a sentence saying what it is to become comes first
_ROLE_ASKED = re.compile(r"定位|布局")
# the frame a role is asked in ("西山在市里的布局里是啥定位"): the place's role, asked of place_role, not a topic
_FRAME = frozenset({"布局", "规划", "定位", "文件", "方案", "计划", "措施", "政策",
                    "全市", "全区", "全县", "全省", "市里", "区里", "县里"})  # "在全市的布局里定位是啥": the scope asked within
_ROLE_SAID = re.compile(r"定位|打造|建成|建设成|先行区|示范区|高地|中心城市|引领区")
_DISTRICT_SAID = re.compile(r"区里|区上|区级|本区|县里|县上|县级|本县")
_OFFERS = re.compile(r"扶持|补助|奖励|奖补|资助|资金|经费|给予|兑现")
_ASPECTS = frozenset({"fact", "target"})  # a figure, department, condition or procedure asked is another answerer's
MOST = 3


def answer(turn: Turn) -> Answer | None:
    core = turn.reading.core
    # the asking words themselves ask no figure or condition ("大数据方面有哪些重点": 哪些 asks what is done)
    said = without_places(core, places_in(core))  # "科研人员方面临沧有什么新做法": the place asked is no part of the asking words
    if not _SAYS.search(said) or not set(aspects(_SAYS.sub("，", said))) <= _ASPECTS or turn.terms.absent:
        return None  # "量子计算有什么说法": a topic no document names is refused as such, not quoted around
    bot = turn.bot
    # "区里科技方案里有啥跟我们相关的": what the asker said it does is the topic, not only its ask
    asked = normalise(_SAYS.sub("，", core if _RELATED.search(said) else own_question(core)))  # "重点支持哪些方向": 方向 is the ask, not its topic
    field = _FIELD.search(normalise(own_question(core)))  # "人才方面有啥": the word the field is named by is the topic, however common
    tags = word_classes(asked)
    # the focus's words, and the nouns of the field named ("文旅和科技结合这块": 文旅, which the company also said it does)
    words = {a for t in bot.lexicon.specific(turn.terms.focus) for a in alts(t)}
    words |= {w for w, tag in tags.items() if field and tag.startswith("n") and w in field.group(1) and bot.lexicon.known(w)}
    titles = "".join(normalise(d.display_title) for d in bot.index.documents.values())
    named = {a for a in words
             if len(a) >= 2 and a in asked and not places_in(a) and a not in _FRAME and not titled(a, asked, titles)
             and not bot.lexicon.common(a, 0.5 if field and field.group(1).endswith(a) else 0.3)}
    # the longest name first; of names alike in length, the one nearer the ask ("区里搞智能制造示范，对我们这种养路机械企业
    # 有啥说法": 养路机械) — never the order a set happens to have, which changes from one process to the next
    # a noun before a verb ("文旅和科技结合这块": 文旅, not 结合)
    # "规上高企 区里苗药这块有什么规划": the words the asker describes itself by are no topic when another word is
    named = {a for a in named if not is_profile_word(a)} or named
    order = lambda w: (bool(field) and tags.get(w, "n").startswith("v"), -len(w), -asked.rfind(w), w)  # noqa: E731
    topics = sorted({_grown(a, asked, bot.lexicon.known) for a in named}, key=order)
    if not topics or _part_of_unknown(topics[0], asked, bot.lexicon):
        return None  # "量子计算": 量子 is named (量子通信), 量子计算 is not
    places = [a for p in places_in(core) for a in aliases(p) if len(a) >= 2]
    found = _topic_sentences(turn, topics, named, places)
    over = [t[1:] for t in topics if t[0] in _PREPOSITIONS and t[1:] in named]
    if not found and over:  # grown over a preposition ("对外贸有啥说法": 对外贸, of 对外贸易): the word as asked
        topics = sorted(over, key=order)
        found = _topic_sentences(turn, topics, named, places)
    if not found:
        return None
    cores = _cores(topics, named, bot.lexicon.known)
    joint = _jointly_named(turn, found)[: MOST - len(found)]
    found += [(sc, a, b) for sc, a, b, _ in joint]
    docs = bot.index.documents
    spans = [(sc.chunk, a, b) for sc, a, b in found]
    lead = _lead_of(turn, found[0])
    citations = span_citations(spans + ([lead] if lead else []), docs, turn.today)
    line = f"{region_name(docs[spans[0][0].doc_id])}的文件中关于“{topics[0]}”的表述：{citations[0].quote}[1]"
    # a second sentence of the same document naming the topic whole ("2023年,引导交科院扩建…实验室"): said too
    second = next((c for c, (sc, a, b) in zip(citations[1:len(found) - len(joint)], found[1:])
                   if sc.chunk.doc_id == spans[0][0].doc_id
                   and any(t in normalise(sc.chunk.text[a:b]) for t in (topics[0], *cores))), None)
    if second is not None:
        line += f"\n{second.quote}[{second.n}]"
    for (*_, said), c in zip(joint, citations[len(found) - len(joint):]):
        line += f"\n{said}：{c.quote}[{c.n}]"
    if lead:  # who carries the task out: the asker's next question, answered with it
        line += f"\n{citations[-1].quote}[{citations[-1].n}]"
        spans.append(lead)
    turn.shown = [sc for sc, _, _ in found]
    return quoted_reply(turn.question, line, spans, citations, docs, turn.today)


def _cores(topics: list[str], named: set[str], known) -> list[str]:
    """Shorter forms of ``topics[0]`` that speak of it ("专精特新" of "专精特新企业"), most of the name first."""
    return sorted({a for a in named if a in topics[0] and a != topics[0] and len(a) >= max(3, 0.6 * len(topics[0]))}
                  | _without_kind(topics[0], known),
                  key=lambda w: (-len(w), w))  # most of the name ("专精特新" of "专精特新企业"), not a piece ("核心区")


def _topic_sentences(turn: Turn, topics: list[str], named: set[str], places: list[str]):
    """The sentences naming ``topics[0]``; then, "专精特新企业" asked, those naming only "专精特新" ("兑现专精特新扶持资金")."""
    return _sentences(turn, topics, places, _cores(topics, named, turn.bot.lexicon.known))


def _lead_of(turn: Turn, found: tuple[ScoredChunk, int, int]):
    """(chunk, start, end) of the 牵头/责任 lines of the quoted sentence's own task, when its item has them."""
    sc, a, b = found
    lead = department_of(Pick(sc, a, b, 0.0, 0), turn.bot.next_chunk)
    if lead is None or lead[2] != OWN:
        return None
    pick, (start, end), _ = lead
    text = pick.sc.chunk.text
    if not text.startswith("牵头", start):  # a bracket listing every unit ("(市发展改革委牵头,…负责落实)") is no short line
        return None
    if "\n" in text[start:end]:  # the lead alone: the bold line stays short
        end = text.index("\n", start)
    return pick.sc.chunk, start, end


_RELATED = re.compile(r"(?:跟|和|与)(?:我们|我司|咱们)(?:相关|有关)")
_PREPOSITIONS = frozenset("对在给为向把从跟和与")
_FIELD_WORDS = frozenset({"方面", "领域", "这块", "这方面"})  # "科研人员方面": the field marker, no half of a compound
_KIND_END = re.compile(r"(?:企业|公司|产业|行业)$")


def _without_kind(topic: str, known) -> set[str]:
    """"外贸企业": the trade without the word for a company (外贸, which "外贸综合服务" names too)."""
    stem = _KIND_END.sub("", topic)
    return {stem} if stem != topic and len(stem) >= 2 and known(stem) else set()


def _part_of_unknown(topic: str, text: str, lexicon) -> bool:
    """Is ``topic`` one half of a compound the question names and no document holds (量子 + 计算)? Its neighbour word
    is a corpus word of two or more characters, not a generic one, and the two together are no corpus string."""
    at = text.find(topic)
    words = [(a, b) for _, a, b in jieba_tokenizer().tokenize(text)]
    before = [w for w in words if w[1] == at]
    after = [w for w in words if w[0] == at + len(topic)]
    for a, b in before + after:
        word = text[a:b]
        if len(word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word) and lexicon.known(word) and word not in _FIELD_WORDS \
                and not lexicon.common(word, 0.3) and not lexicon.known(text[min(a, at) : max(b, at + len(topic))]):
            return True
    return False


# the covering notice's own sentence ("现印发给你们,请结合实际认真贯彻落实"): it says nothing about any topic
_COVERING = re.compile(r"印发给你们|现印发|请结合实际|认真(?:贯彻落实|贯彻执行|抓好落实)")
_FIELD = re.compile(r"([\u4e00-\u9fff]{2,8})(?:方面|这块|这一块|这方面|领域)")
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def _grown(word: str, text: str, known) -> str:
    """``word`` grown within ``text`` while the documents still hold it ("材料" of "新材料这块" → "新材料"), never over
    punctuation ("人才," is no topic)."""
    at = text.find(word)
    a, b = at, at + len(word)
    while a > 0 and _WORD_CHAR.match(text[a - 1]) and known(text[a - 1 : b]):
        a -= 1
    while b < len(text) and _WORD_CHAR.match(text[b]) and known(text[a : b + 1]):
        b += 1
    return text[a:b]


def _sentences(turn: Turn, topics: list[str], places: list[str],
               cores: list[str] | tuple = ()) -> list[tuple[ScoredChunk, int, int]]:
    """The sentences of the applying documents naming the main topic, most asked words (then the place) first; then,
    while fewer than ``MOST``, those naming only a shorter form of it (``cores``)."""
    docs = turn.bot.index.documents
    r = turn.reading
    applying = turn.applying_docs()
    if r.doc_id:
        applying &= {r.doc_id}
    role = bool(_ROLE_ASKED.search(r.core))
    district = bool(_DISTRICT_SAID.search(r.core))  # "区里对数字经济有什么定位": the district's own plan speaks first
    scored = []
    for chunk in turn.bot.index.chunks:
        if chunk.doc_id not in applying:
            continue
        doc = docs[chunk.doc_id]
        for a, b, pair in candidates(chunk.text, with_departments=False):  # sentences, never a bare heading
            if pair:
                continue
            text = normalise(chunk.text[a:b])
            whole = topics[0] in text
            if not (whole or any(c in text for c in cores)) or chunk.is_instruction(a, b) \
                    or DEPT_LINE.search(chunk.text[a:b].strip()) or _COVERING.search(text):
                continue  # a list of units carrying out a task states nothing about the topic
            own = {a for a in aliases(tuple(doc.region)) if len(a) >= 2}  # the document's own place says nothing
            held = sum(t in text for t in topics) + sum(p in text for p in places if p not in own)
            # a task headed by the topic ("2. 打造专精特新中小企业。") is where the document speaks of it
            headed = any(t in normalise(label) for label in doc.section_at(chunk.start + a) for t in (topics[0], *cores))
            if role:  # "有什么定位": a sentence saying what the topic is to become, before others holding as many words
                headed = bool(_ROLE_SAID.search(text))
            # of those alike, what an enterprise receives ("兑现专精特新扶持资金") before what the plan counts
            city_first = district and len(doc.region) < LEVEL_DEPTH["区"]
            scored.append((not whole, city_first, -held, not headed, not _OFFERS.search(text), chunk.doc_id,
                           chunk.start + a, ScoredChunk(chunk=chunk, score=1.0), a, b))
    scored.sort(key=lambda x: x[:7])
    return [(sc, a, b) for *_, sc, a, b in scored[:MOST]]


def _jointly_named(turn: Turn, found: list[tuple[ScoredChunk, int, int]]) -> list[tuple[ScoredChunk, int, int, str]]:
    """Sentences of the documents applying to a place the question names that name it inside a name joined from
    places' first characters ("凤庆产业园区有啥说法": "…建设“临云凤”区域产业和科技创新共同体"), not yet quoted."""
    docs = turn.bot.index.documents
    out = []
    for chain in turn.plan.chains:
        # a place inside a document's own (凤庆县 in 临沧市's plan), not the document's place itself
        applying = {d for d, doc in docs.items() if applies(doc.region, chain) and len(doc.region) < len(chain)}
        for n in jointly_naming(turn.bot.index.chunks, chain, applying, inside=False):  # 五华区: in 昆明, not named by 昆曲玉楚红
            if not any(x[0].chunk is n.chunk and x[1] <= n.start < x[2] for x in [*found, *out]):
                out.append((ScoredChunk(chunk=n.chunk, score=1.0), n.start, n.end, f"文件中的{n.spelt}包括{short_label(chain)}"))
    return out


def naming_sentences(turn: Turn, word: str, limit: int = 2) -> list[tuple[ScoredChunk, int, int]]:
    """Up to ``limit`` sentences of the documents applying where asked that name ``word`` (a list's topic whose
    benefits are few: "官渡区对高层次人才有啥政策" lists two, and the plan says more of 人才 without an amount)."""
    return _sentences(turn, [word], [])[:limit]


def with_said(reply: Answer, turn: Turn, topic: dict) -> Answer:
    """A short list about a topic ("高层次人才有啥政策": two benefits) goes on with what the documents say of that
    topic without an amount, quoted: most of what a plan does in a field is not money."""
    lines = [x for x in reply.direct_answer.splitlines() if x.startswith("· ")]
    word = max((a for t in topic for a in alts(t) if a in normalise(turn.reading.core)), key=len, default="")
    if len(lines) >= 3 or len(word) < 2:
        return reply
    return said_of(reply, turn, word)


def with_trades_said(reply: Answer, turn: Turn, trades: list[str]) -> Answer:
    """A list for companies of a trade ("官渡区对外贸企业搞创新有什么支持方向？", "做大数据安防的，区里有什么支持") goes on
    with what the documents say of that trade (the longest word of it they use, not one most passages use), quoted:
    a trade's measures are mostly not money, and no catalogue item names them."""
    lexicon = turn.bot.lexicon
    named = [a for p in places_in(turn.question) for a in aliases(p)]  # "那盘龙的企业": 盘龙 is a place, no trade
    words = []
    for trade in trades:
        cuts = sorted({0, len(trade), *(x for _, a, b in jieba_tokenizer().tokenize(trade) for x in (a, b))})
        pieces = [trade[i:j] for i in cuts for j in cuts if j - i >= 2]  # whole words only ("大数据", not "大数据安")
        word = max((p for p in pieces if lexicon.known(p) and not lexicon.common(p, 0.3)
                    and not places_in(p) and not any(p in a for a in named)), key=len, default="")
        if word and word not in words:
            words.append(word)
    for word in words[:2]:
        reply = said_of(reply, turn, word)
    return reply


def said_of(reply: Answer, turn: Turn, word: str) -> Answer:
    """``reply`` with up to two sentences of the applying documents naming ``word`` that it does not quote yet."""
    citations, more = list(reply.citations), []
    for sc, a, b in naming_sentences(turn, word):
        doc = turn.bot.index.documents[sc.chunk.doc_id]
        if any(c.quote in sc.chunk.text[a:b] or sc.chunk.text[a:b].strip() in c.quote for c in citations):
            continue
        citations.append(make_citation(len(citations) + 1, Pick(sc, a, b, 0.0, 1), doc, turn.today))
        more.append(f"· 【{region_name(doc, turn.reading.region)}】{citations[-1].quote}[{citations[-1].n}]")
    if not more:
        return reply
    return with_quoted_lines(reply, f"文件中关于“{word}”的其他表述（未载明金额）：", citations, more, turn.bot.index.documents,
                             turn.today)


ANSWERER = Answerer("mentions", answer)
